//! Rule `any-rename-column`: the running application still uses the old name.

use super::prelude::*;

pub const RULE: Rule = Rule {
    id: "any-rename-column",
    dialect: None,
    title: "Renaming a column breaks the application version that is running",
    doc: DOC,
    check,
};

rule_doc!(
    r#"## What it does
Flags `RENAME COLUMN`.

## Why is this bad?
The rename itself is a quick catalog change, but every query of the application version that
is running now names the old column and fails from the moment the rename commits until the new
version is deployed everywhere. Views and functions that name it may break too (PostgreSQL and
SQLite rewrite views; MySQL does not).

## Example
```sql
ALTER TABLE "users" RENAME COLUMN "name" TO "full_name";
```

## Use instead
Expand and contract: add the new column, write both (application or trigger), backfill, move
reads, then drop the old one in a later deploy. Or keep the database name and rename only in the
ORM mapping.
"#
);

fn lock(target: crate::Target) -> &'static str {
    match target.dialect {
        Dialect::Postgres => "ACCESS EXCLUSIVE",
        Dialect::Mysql if target.instant_rename_column() => "ALGORITHM=INSTANT",
        Dialect::Mysql if target.instant_columns_in_patch_release() => "ALGORITHM=INSTANT (8.0.28+), else INPLACE with LOCK=NONE",
        Dialect::Mysql => "ALGORITHM=INPLACE, LOCK=NONE",
        Dialect::Sqlite => "database write lock",
    }
}

fn check(step: &Step, ctx: &RiskContext<'_>) -> Vec<Risk> {
    let Change::RenameColumn { table, from, to } = &step.change else {
        return vec![];
    };
    // Zero-downtime expand steps keep the old column working; only the contract drops it. A
    // case-only respelling (SQLite, which matches names whatever their case) breaks no query.
    if matches!(step.rewrite, Some(Rewrite::Expand | Rewrite::Backfill)) || from == to {
        return vec![];
    }
    let d = ctx.target.dialect;
    let t = sql::qn(d, table);
    let ty = ctx.after.tables.get(table).and_then(|tb| tb.column(to)).map(|c| sql::ty(d, &c.data_type)).unwrap_or_else(|| "<type>".into());
    let (nf, nt) = (sql::id(d, from), sql::id(d, to));
    let sync = match d {
        Dialect::Postgres => "-- keep both in sync with a BEFORE INSERT OR UPDATE trigger until the old name is unused".to_string(),
        Dialect::Mysql => "-- keep both in sync with BEFORE INSERT and BEFORE UPDATE triggers until the old name is unused".to_string(),
        Dialect::Sqlite => "-- an embedded app usually upgrades with its database; otherwise sync with AFTER triggers".to_string(),
    };
    vec![Risk::new(
        RULE.id,
        RiskSeverity::High,
        format!(
            "Renaming {table}.{from} to {to}: queries of the running application that use {from} fail until the new version is deployed."
        ),
    )
    .lock(lock(ctx.target))
    .breaks_app()
    .alternative(vec![
        format!("ALTER TABLE {t} ADD COLUMN {nt} {ty}"),
        sync,
        recipes::backfill(d, table, to, &nf),
        format!("-- after the application uses {to} only:\nALTER TABLE {t} DROP COLUMN {nf}"),
    ])]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::risk::rules::testkit::*;

    #[test]
    fn fires_with_dialect_lock() {
        let t = mysql(8, 0);
        let f = Fixture::new(t).after_table(table(qn(t, "users"), vec![col_args("full_name", "varchar", &["100"])]));
        let r = f.one(&RULE, Change::RenameColumn { table: qn(t, "users"), from: "name".into(), to: "full_name".into() }, &[]);
        assert!(r.breaks_app);
        assert_eq!(r.safe_alternative[0], "ALTER TABLE `users` ADD COLUMN `full_name` varchar(100)");
        assert!(r.lock.as_deref().is_some_and(|l| l.contains("INSTANT")));
    }
}

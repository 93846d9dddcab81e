//! Rule `sqlite-drop-column-rewrite`: ALTER TABLE DROP COLUMN rewrites the table (3.35+).

use super::prelude::*;

pub const RULE: Rule = Rule {
    id: "sqlite-drop-column-rewrite",
    dialect: Some(Dialect::Sqlite),
    title: "DROP COLUMN rewrites the whole table (and needs SQLite 3.35+)",
    doc: DOC,
    check,
};

rule_doc!(
    r#"## What it does
Flags `ALTER TABLE ... DROP COLUMN`.

## Why is this bad?
SQLite implements it by rewriting every row of the table under the database write lock. It
exists only from SQLite 3.35 and fails when the column is part of a key, indexed, used by a
CHECK, a foreign key, a generated column, a trigger or a view. (Data loss is `any-drop-column`.)

## Example
```sql
ALTER TABLE "users" DROP COLUMN "legacy";
```

## Use instead
Run it when the application is idle; before 3.35, or when the column is referenced, rebuild
the table instead (create the new table, copy, drop, rename).
"#
);

fn check(step: &Step, ctx: &RiskContext<'_>) -> Vec<Risk> {
    let Change::DropColumn { table, column } = &step.change else {
        return vec![];
    };
    if !ctx.target.native_drop_column() {
        return vec![Risk::new(
            RULE.id,
            RiskSeverity::Critical,
            format!(
                "{} has no ALTER TABLE DROP COLUMN (3.35+): dropping {table}.{} fails; the table must be rebuilt.",
                ctx.target.label(),
                column.name
            ),
        )];
    }
    vec![Risk::new(
        RULE.id,
        RiskSeverity::High,
        format!("Dropping {table}.{} rewrites every row of the table while the database is write-locked.", column.name),
    )
    .lock(SQLITE_WRITE_LOCK)
    .rewrites()
    .sized(ctx, table)]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::risk::rules::testkit::*;

    #[test]
    fn version_edge_at_3_35() {
        let ch = |t| Change::DropColumn { table: qn(t, "users"), column: col("legacy", "text") };
        assert_eq!(Fixture::new(sqlite(34)).one(&RULE, ch(sqlite(34)), &[]).severity, RiskSeverity::Critical);
        let r = Fixture::new(sqlite(35)).one(&RULE, ch(sqlite(35)), &[]);
        assert!(r.rewrites && r.severity == RiskSeverity::High);
    }
}

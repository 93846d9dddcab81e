//! Rule `any-drop-column`: dropping a column deletes its data and breaks readers.

use super::prelude::*;

pub const RULE: Rule = Rule {
    id: "any-drop-column",
    dialect: None,
    title: "Dropping a column deletes its data and breaks the running application",
    doc: DOC,
    check,
};

rule_doc!(
    r#"## What it does
Flags `ALTER TABLE ... DROP COLUMN`.

## Why is this bad?
The column's values are lost (the down migration re-adds an empty column). The application
version running now still selects or inserts the column and fails as soon as it is gone; ORMs
that cache the column list fail until restarted.

## Example
```sql
ALTER TABLE "users" DROP COLUMN "legacy_flags";
```

## Use instead
First deploy application code that no longer reads or writes the column (for Rails,
`ignored_columns`), check or copy the data, then drop it in a later migration:
```sql
SELECT count(*) FROM "users" WHERE "legacy_flags" IS NOT NULL;
ALTER TABLE "users" DROP COLUMN "legacy_flags";
```
"#
);

fn lock(t: crate::Target) -> &'static str {
    match t.dialect {
        Dialect::Mysql if t.instant_drop_column() => "ALGORITHM=INSTANT",
        Dialect::Mysql => "ALGORITHM=INPLACE, LOCK=NONE (table rebuild)",
        d => sql::brief_ddl_lock(d),
    }
}

fn check(step: &Step, ctx: &RiskContext<'_>) -> Vec<Risk> {
    let Change::DropColumn { table, column } = &step.change else {
        return vec![];
    };
    let d = ctx.target.dialect;
    let (t, c) = (sql::qn(d, table), sql::id(d, &column.name));
    let virtual_col = column.generated.as_ref().is_some_and(|g| !g.stored);
    let severity = if virtual_col || size::rows(ctx, table) == Some(0) { RiskSeverity::Medium } else { RiskSeverity::Critical };
    let mut r = Risk::new(
        RULE.id,
        severity,
        format!(
            "Dropping column {} of {table}{}; {}{}",
            column.name,
            if virtual_col { " (computed, so no stored data is lost)" } else { " deletes its data for good" },
            sql::app_break(step),
            if virtual_col { "" } else { down_drop_note(ctx) }
        ),
    )
    .lock(lock(ctx.target))
    .alternative(vec![
        format!("SELECT count(*) FROM {t} WHERE {c} IS NOT NULL"),
        format!("-- after the application no longer uses it\nALTER TABLE {t} DROP COLUMN {c}"),
    ]);
    if !virtual_col {
        r = r.data_loss();
    }
    r.breaks_app = step.phase != crate::plan::Phase::Contract;
    vec![r]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Generated;
    use crate::risk::rules::testkit::*;

    #[test]
    fn fires_with_data_loss_except_virtual_columns() {
        let t = pg(15);
        let f = Fixture::new(t);
        let r = f.one(&RULE, Change::DropColumn { table: qn(t, "users"), column: col("flags", "text") }, &[]);
        assert!(r.data_loss && r.breaks_app);
        assert_eq!(r.severity, RiskSeverity::Critical);
        let mut v = col("full", "text");
        v.generated = Some(Generated { expr: "a || b".into(), stored: false });
        let r = f.one(&RULE, Change::DropColumn { table: qn(t, "users"), column: v }, &[]);
        assert!(!r.data_loss && r.severity == RiskSeverity::Medium);
    }
}

//! Rule `any-set-not-null-existing-nulls`: NOT NULL on a column that may hold NULLs.

use super::prelude::*;

pub const RULE: Rule = Rule {
    id: "any-set-not-null-existing-nulls",
    dialect: None,
    title: "Making a column NOT NULL fails (or silently converts) when NULLs exist",
    doc: DOC,
    check,
};

rule_doc!(
    r#"## What it does
Flags an existing nullable column that becomes NOT NULL.

## Why is this bad?
Whether it works depends on the data. PostgreSQL and SQLite fail when a row holds NULL; MySQL
in strict mode fails too, and without strict mode it silently replaces NULLs with `0`, `''` or
a zero date. The application version running now may also still write NULLs.

## Example
```sql
ALTER TABLE "users" ALTER COLUMN "country" SET NOT NULL;
```

## Use instead
Backfill the NULLs in batches first (and make the application stop writing them), then apply
the constraint:
```sql
SELECT count(*) FROM "users" WHERE "country" IS NULL;
UPDATE "users" SET "country" = 'unknown' WHERE ...;  -- in batches
```
"#
);

fn check(step: &Step, ctx: &RiskContext<'_>) -> Vec<Risk> {
    // Zero-downtime: the validation of the helper CHECK is where NULLs fail; the SET NOT NULL
    // after it cannot.
    if step.rewrite.is_some_and(Rewrite::not_null_handled) {
        return vec![];
    }
    let (table, column, default): (&QName, &str, Option<&String>) = match &step.change {
        Change::AlterColumn { table, from, to } if from.nullable && !to.nullable => (table, &to.name, to.default.as_ref()),
        Change::RebuildTable { from, to, renamed_columns } => {
            let old = |c: &str| renamed_columns.iter().find(|(_, n)| n == c).map_or(c.to_string(), |(o, _)| o.clone());
            let Some(c) = to.columns.iter().find(|c| !c.nullable && from.column(&old(&c.name)).is_some_and(|o| o.nullable)) else {
                return vec![];
            };
            (&to.name, &c.name, c.default.as_ref())
        }
        _ => return vec![],
    };
    if existing_table(ctx, table).is_none() || size::rows(ctx, table) == Some(0) {
        return vec![];
    }
    let d = ctx.target.dialect;
    let (t, c) = (sql::qn(d, table), sql::id(d, column));
    let value = default.cloned().unwrap_or_else(|| "<value>".to_string());
    if matches!(step.change, Change::RebuildTable { .. })
        && (sql::mentions(step, &format!("COALESCE({c}")) || sql::mentions(step, &format!("IFNULL({c}")))
    {
        // The rebuild's copy fills NULLs with the default: no failure, but values change for good.
        return vec![Risk::new(
            RULE.id,
            RiskSeverity::High,
            format!("Making {table}.{column} NOT NULL: the rebuild replaces existing NULLs with {value} while copying, so those rows change silently and for good (down brings the NULLs back only with --preserve-data); the running application must also stop writing NULL."),
        )
        .breaks_app()
        .data_loss()
        .alternative(vec![format!("SELECT count(*) FROM {t} WHERE {c} IS NULL")])];
    }
    let how = if d == Dialect::Mysql {
        "fails in strict mode, and silently turns NULLs into 0, '' or zero dates otherwise"
    } else {
        "fails if any row holds NULL"
    };
    vec![Risk::new(
        RULE.id,
        RiskSeverity::High,
        format!("Making {table}.{column} NOT NULL {how}; the running application must also stop writing NULL."),
    )
    .scans()
    .breaks_app()
    .alternative(vec![format!("SELECT count(*) FROM {t} WHERE {c} IS NULL"), recipes::backfill(d, table, column, &value)])]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::risk::rules::testkit::*;

    #[test]
    fn fires_on_alter_and_sqlite_rebuild() {
        let t = pg(15);
        let f = Fixture::new(t).with_table(table(qn(t, "users"), vec![col("country", "text")]));
        let ch = Change::AlterColumn { table: qn(t, "users"), from: col("country", "text"), to: not_null(col("country", "text")) };
        assert!(f.one(&RULE, ch, &[]).safe_alternative[1].contains("<value>"));
        let t = sqlite(45);
        let from = table(qn(t, "users"), vec![col("country", "text")]);
        let to = table(qn(t, "users"), vec![not_null(with_default(col("country", "text"), "'xx'"))]);
        let f = Fixture::new(t).with_table(from.clone());
        let ch = Change::RebuildTable { from, to, renamed_columns: vec![] };
        let r = f.one(&RULE, ch.clone(), &[]);
        assert!(r.safe_alternative[1].contains("= 'xx'"));
        let copy = "INSERT INTO \"_new_users\" (\"country\") SELECT COALESCE(\"country\", 'xx') FROM \"users\"";
        let r = f.one(&RULE, ch, &[copy]);
        assert_eq!(r.severity, RiskSeverity::High);
        assert!(r.data_loss && r.message.contains("replaces existing NULLs with 'xx'"));
    }
}

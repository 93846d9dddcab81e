//! Rule `pg-add-column-not-null-no-default`: a required column with no value for existing rows.

use super::prelude::*;

pub const RULE: Rule = Rule {
    id: "pg-add-column-not-null-no-default",
    dialect: Some(Dialect::Postgres),
    title: "Adding a NOT NULL column without a default fails on a non-empty table",
    doc: DOC,
    check,
};

rule_doc!(
    r#"## What it does
Flags `ADD COLUMN ... NOT NULL` with no `DEFAULT` (and no identity or generated value) on a
table that already exists.

## Why is this bad?
Existing rows would hold NULL in the new column, so the statement fails with "column contains
null values" as soon as the table has one row. Even on an empty table, the application version
running now does not send the column, so its INSERTs start failing.

## Example
```sql
ALTER TABLE "users" ADD COLUMN "tenant_id" bigint NOT NULL;
```

## Use instead
Give it a constant default (instant from PostgreSQL 11), or add it nullable, backfill, then
make it NOT NULL:
```sql
ALTER TABLE "users" ADD COLUMN "tenant_id" bigint NOT NULL DEFAULT 0;
```
"#
);

fn check(step: &Step, ctx: &RiskContext<'_>) -> Vec<Risk> {
    let Change::AddColumn { table, column } = &step.change else {
        return vec![];
    };
    if column.nullable || column.default.is_some() || column.identity.is_some() || column.generated.is_some() || column.serial {
        return vec![];
    }
    if existing_table(ctx, table).is_none() {
        return vec![];
    }
    let d = Dialect::Postgres;
    let (t, c, ty) = (sql::qn(d, table), sql::id(d, &column.name), sql::ty(d, &column.data_type));
    let mut alt = vec![format!("ALTER TABLE {t} ADD COLUMN {c} {ty}")];
    alt.push(recipes::backfill(d, table, &column.name, "<value>"));
    alt.extend(recipes::pg_not_null(ctx.target, table, &column.name));
    let rows = size::rows(ctx, table);
    let (severity, how) = match rows {
        Some(0) => (RiskSeverity::Medium, "The table is empty, so it succeeds".to_string()),
        Some(n) => (RiskSeverity::Critical, format!("With {n} rows it fails with \"column contains null values\"")),
        None => (
            RiskSeverity::Critical,
            "Unless the table is empty it fails with \"column contains null values\" (row count unknown)".to_string(),
        ),
    };
    vec![Risk::new(
        RULE.id,
        severity,
        format!(
            "Column {} is added to {table} as NOT NULL without a default. {how}; and INSERTs of the running application, which do not send the column, will fail.",
            column.name
        ),
    )
    .lock(ACCESS_EXCLUSIVE)
    .breaks_app()
    .alternative(alt)]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::risk::rules::testkit::*;

    fn f() -> Fixture {
        let t = pg(15);
        Fixture::new(t).with_table(table(qn(t, "users"), vec![col("id", "bigint")]))
    }

    #[test]
    fn fires_critical_unless_empty() {
        let c = Change::AddColumn { table: qn(pg(15), "users"), column: not_null(col("tenant_id", "bigint")) };
        let r = f().one(&RULE, c.clone(), &[]);
        assert_eq!(r.severity, RiskSeverity::Critical);
        assert!(r.breaks_app);
        assert_eq!(f().rows("users", 0).one(&RULE, c, &[]).severity, RiskSeverity::Medium);
    }

    #[test]
    fn default_or_nullable_does_not_fire() {
        let c = not_null(with_default(col("tenant_id", "bigint"), "0"));
        assert!(f().run(&RULE, Change::AddColumn { table: qn(pg(15), "users"), column: c }, &[]).is_empty());
        let c = col("tenant_id", "bigint");
        assert!(f().run(&RULE, Change::AddColumn { table: qn(pg(15), "users"), column: c }, &[]).is_empty());
    }
}

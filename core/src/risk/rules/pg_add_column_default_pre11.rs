//! Rule `pg-add-column-default-pre11`: before PostgreSQL 11 any column default rewrites.

use super::prelude::*;

pub const RULE: Rule = Rule {
    id: "pg-add-column-default-pre11",
    dialect: Some(Dialect::Postgres),
    title: "Before PostgreSQL 11, adding a column with any default rewrites the table",
    doc: DOC,
    check,
};

rule_doc!(
    r#"## What it does
Flags `ADD COLUMN ... DEFAULT <constant>` on an existing table when the target is
PostgreSQL 10 or older.

## Why is this bad?
Up to PostgreSQL 10 every existing row gets the default written into it: the table and its
indexes are rewritten under an `ACCESS EXCLUSIVE` lock, blocking reads and writes for a time that
grows with the table. PostgreSQL 11 and later store a non-volatile default in the catalog and
add the column instantly.

## Example
```sql
-- target 10
ALTER TABLE "orders" ADD COLUMN "status" text NOT NULL DEFAULT 'new';
```

## Use instead
```sql
ALTER TABLE "orders" ADD COLUMN "status" text;
ALTER TABLE "orders" ALTER COLUMN "status" SET DEFAULT 'new';
UPDATE "orders" SET "status" = 'new'
  WHERE ctid IN (SELECT ctid FROM "orders" WHERE "status" IS NULL LIMIT 10000);
ALTER TABLE "orders" ADD CONSTRAINT "orders_status_not_null" CHECK ("status" IS NOT NULL) NOT VALID;
ALTER TABLE "orders" VALIDATE CONSTRAINT "orders_status_not_null";
```
Or upgrade to PostgreSQL 11+, where the original statement is instant.
"#
);

fn check(step: &Step, ctx: &RiskContext<'_>) -> Vec<Risk> {
    let Some((table, column, default)) = columns::added_with_default(step, ctx) else {
        return vec![];
    };
    if ctx.target.fast_column_default() || default.eq_ignore_ascii_case("null") || volatility::volatile_call(default).is_some() {
        return vec![];
    }
    let alt = recipes::pg_add_column_then_default(ctx.target, table, column, default);
    vec![Risk::new(
        RULE.id,
        RiskSeverity::High,
        format!(
            "{} writes the default {default} of new column {} into every row of {table}: a full rewrite under ACCESS EXCLUSIVE (PostgreSQL 11+ would do it instantly).",
            ctx.target.label(), column.name
        ),
    )
    .lock(ACCESS_EXCLUSIVE)
    .rewrites()
    .alternative(alt)
    .sized(ctx, table)]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::risk::rules::testkit::*;

    fn change(f: &Fixture) -> Change {
        Change::AddColumn { table: qn(f.target, "orders"), column: not_null(with_default(col("status", "text"), "'new'")) }
    }

    fn fixture(v: u32) -> Fixture {
        let t = pg(v);
        Fixture::new(t).with_table(table(qn(t, "orders"), vec![col("id", "bigint")]))
    }

    #[test]
    fn fires_on_pg10() {
        let f = fixture(10);
        let r = f.one(&RULE, change(&f), &[]);
        assert!(r.rewrites);
        assert!(r.safe_alternative.iter().any(|s| s.contains("keep the check")));
    }

    #[test]
    fn silent_from_pg11() {
        let f = fixture(11);
        assert!(f.run(&RULE, change(&f), &[]).is_empty());
    }
}

//! Rule `pg-add-column-volatile-default`: a new column whose default is computed per row.

use super::prelude::*;

pub const RULE: Rule = Rule {
    id: "pg-add-column-volatile-default",
    dialect: Some(Dialect::Postgres),
    title: "Adding a column with a volatile default rewrites the table",
    doc: DOC,
    check,
};

rule_doc!(
    r#"## What it does
Flags `ALTER TABLE ... ADD COLUMN` on an existing table when the default calls a volatile
function (`gen_random_uuid()`, `random()`, `clock_timestamp()`, `nextval(...)`, or any function
not known to be stable).

## Why is this bad?
PostgreSQL must evaluate a volatile default once per existing row, so it rewrites the whole
table and all its indexes while holding an `ACCESS EXCLUSIVE` lock: every read and write on the
table waits until the rewrite ends, and the table briefly needs twice its disk space. Since
PostgreSQL 11, constant and stable defaults (`0`, `'x'`, `now()`) are stored in the catalog
instead and cost nothing; volatile ones still rewrite.

## Example
```sql
ALTER TABLE "users" ADD COLUMN "token" uuid DEFAULT gen_random_uuid();
```

## Use instead
Add the column without a default, set the default for new rows, then fill existing rows in
small batches outside the DDL transaction:
```sql
ALTER TABLE "users" ADD COLUMN "token" uuid;
ALTER TABLE "users" ALTER COLUMN "token" SET DEFAULT gen_random_uuid();
UPDATE "users" SET "token" = gen_random_uuid()
  WHERE ctid IN (SELECT ctid FROM "users" WHERE "token" IS NULL LIMIT 10000);
```
"#
);

fn check(step: &Step, ctx: &RiskContext<'_>) -> Vec<Risk> {
    let Some((table, column, default)) = columns::added_with_default(step, ctx) else {
        return vec![];
    };
    if column.identity.is_some() || column.serial {
        return vec![];
    }
    let Some(func) = volatility::volatile_call(default) else {
        return vec![];
    };
    if func == "nextval" || func.ends_with(".nextval") {
        // A sequence-fed column: `pg-add-column-identity-or-serial` explains it.
        return vec![];
    }
    let alt = recipes::pg_add_column_then_default(ctx.target, table, column, default);
    vec![Risk::new(
        RULE.id,
        RiskSeverity::High,
        format!(
            "Adding column {} to {table} with the volatile default {default} ({func}() must be computed for each row) rewrites the table and its indexes under an ACCESS EXCLUSIVE lock; reads and writes wait until it ends.",
            column.name
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

    fn fixture(v: u32) -> Fixture {
        let t = pg(v);
        Fixture::new(t).with_table(table(qn(t, "users"), vec![col("id", "bigint")]))
    }

    #[test]
    fn fires_on_volatile_default() {
        let f = fixture(15);
        let c = with_default(col("token", "uuid"), "gen_random_uuid()");
        let r = f.one(&RULE, Change::AddColumn { table: qn(f.target, "users"), column: c }, &[]);
        assert_eq!(r.severity, RiskSeverity::High);
        assert!(r.rewrites && r.lock.as_deref() == Some(ACCESS_EXCLUSIVE));
        assert!(r.message.contains("token") && r.message.contains("public.users"));
        assert!(r.message.contains("Row count unknown"));
        assert_eq!(r.safe_alternative[0], "ALTER TABLE \"public\".\"users\" ADD COLUMN \"token\" uuid");
    }

    #[test]
    fn stable_default_and_new_table_do_not_fire() {
        let f = fixture(15);
        let c = with_default(col("at", "timestamp with time zone"), "now()");
        assert!(f.run(&RULE, Change::AddColumn { table: qn(f.target, "users"), column: c }, &[]).is_empty());
        let c = with_default(col("token", "uuid"), "gen_random_uuid()");
        assert!(f.run(&RULE, Change::AddColumn { table: qn(f.target, "fresh"), column: c }, &[]).is_empty());
    }

    #[test]
    fn severity_follows_table_size() {
        let f = fixture(15).rows("users", 2_000);
        let c = with_default(col("token", "uuid"), "gen_random_uuid()");
        let r = f.one(&RULE, Change::AddColumn { table: qn(f.target, "users"), column: c }, &[]);
        assert_eq!(r.severity, RiskSeverity::Low);
        assert!(r.message.contains("2,000 rows"));
    }

    #[test]
    fn split_form_does_not_fire() {
        let f = fixture(15);
        let c = with_default(col("token", "uuid"), "gen_random_uuid()");
        let split = [
            "ALTER TABLE \"public\".\"users\" ADD COLUMN \"token\" uuid",
            "ALTER TABLE \"public\".\"users\" ALTER COLUMN \"token\" SET DEFAULT gen_random_uuid()",
        ];
        assert!(f.run(&RULE, Change::AddColumn { table: qn(f.target, "users"), column: c }, &split).is_empty());
    }
}

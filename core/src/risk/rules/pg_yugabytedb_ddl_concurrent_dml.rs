//! Rule `pg-yugabytedb-ddl-concurrent-dml`: a schema change on YugabyteDB can make transactions
//! running at the same time fail with a schema version mismatch.

use super::prelude::*;

pub const RULE: Rule = Rule {
    id: "pg-yugabytedb-ddl-concurrent-dml",
    dialect: Some(Dialect::Postgres),
    title: "YugabyteDB: ALTER TABLE can abort transactions running on the table",
    doc: DOC,
    check,
};

rule_doc!(
    r#"## What it does
On a YugabyteDB target, flags `ALTER TABLE` changes (columns, constraints) of a table that
already holds rows.

## Why is this bad?
A YSQL schema change bumps the table's schema version on every tablet; a transaction that uses
the table across the change fails with a schema version mismatch ("catalog snapshot ... has been
invalidated"), reported as SQLSTATE 40001 from 2024.2.2, instead of waiting for a lock (yugabyte-db
issue 7327 and release notes of 2024.2.2.0; retries:
<https://docs.yugabyte.com/stable/develop/learn/transactions/transactions-retries-ysql/>). The
migration succeeds; the application's transactions are the ones that fail.

## Example
```sql
ALTER TABLE "orders" ADD COLUMN "note" text;
```

## Use instead
Make sure the application retries transactions failing with SQLSTATE 40001 (it must for
YugabyteDB anyway), and run the migration when the table is quiet.
"#
);

fn check(step: &Step, ctx: &RiskContext<'_>) -> Vec<Risk> {
    if !ctx.target.schema_change_aborts_transactions() {
        return vec![];
    }
    let table = match &step.change {
        Change::AddColumn { table, .. }
        | Change::DropColumn { table, .. }
        | Change::AlterColumn { table, .. }
        | Change::RenameColumn { table, .. }
        | Change::AddConstraint { table, .. }
        | Change::DropConstraint { table, .. } => table,
        _ => return vec![],
    };
    if existing_table(ctx, table).is_none() || !ctx.after.tables.contains_key(table) {
        return vec![];
    }
    vec![Risk::new(
        RULE.id,
        RiskSeverity::Low,
        format!("Transactions using {table} while this change runs on {} may fail with a schema version mismatch (SQLSTATE 40001): the application must retry them.", ctx.target.label()),
    )
    .sized(ctx, table)]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::risk::rules::testkit::*;
    use crate::{Flavor, Target};

    #[test]
    fn fires_on_existing_tables_on_yugabytedb_only() {
        let t = Target::of(Flavor::Yugabytedb);
        let f = Fixture::new(t).with_table(table(qn(t, "orders"), vec![col("a", "integer")]));
        let ch = Change::AddColumn { table: qn(t, "orders"), column: col("b", "text") };
        let r = f.one(&RULE, ch.clone(), &["ALTER TABLE \"public\".\"orders\" ADD COLUMN \"b\" text"]);
        assert!(r.message.contains("SQLSTATE 40001"));
        assert!(Fixture::new(t).run(&RULE, ch.clone(), &["x"]).is_empty());
        let p = Fixture::new(pg(15)).with_table(table(qn(t, "orders"), vec![col("a", "integer")]));
        assert!(p.run(&RULE, ch, &["x"]).is_empty());
    }
}

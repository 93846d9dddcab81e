//! Rule `pg-one-ddl-per-transaction`: on CockroachDB and YugabyteDB each DDL statement is its
//! own transaction, so a step of several statements is not atomic.

use super::prelude::*;

pub const RULE: Rule = Rule {
    id: "pg-one-ddl-per-transaction",
    dialect: Some(Dialect::Postgres),
    title: "CockroachDB, YugabyteDB: a step of several schema changes is not atomic",
    doc: DOC,
    check,
};

rule_doc!(
    r#"## What it does
On a CockroachDB or YugabyteDB target (`--flavor cockroachdb|yugabytedb`), flags a step made of
several DDL statements (a constraint renamed as a drop and an add, a column change in parts...).

## Why is this bad?
CockroachDB supports schema changes only in implicit transactions (one statement each): "If a
schema management tool uses transactions on your behalf, it should only execute one schema change
operation per transaction"
(<https://www.cockroachlabs.com/docs/stable/online-schema-changes>). In YugabyteDB "each DDL
statement is a transaction in YSQL, even if other DDL statements are in a transaction block"
unless the preview flag `ysql_yb_ddl_transaction_block_enabled` is on
(<https://docs.yugabyte.com/stable/explore/transactions/>). schemashift therefore writes no
`BEGIN`/`COMMIT` around the DDL of these engines; when the second statement of a step fails, the
first stays applied.

## Example
```sql
ALTER TABLE "orders" DROP CONSTRAINT "orders_total_check";
ALTER TABLE "orders" ADD CONSTRAINT "orders_total_positive" CHECK ("total" > 0);
```

## Use instead
Run the statements one by one and check each (on CockroachDB `SHOW JOBS` lists the schema
change jobs and their errors); if one fails, run the step's statements that remain, or the matching down statements
for the ones that ran.
"#
);

fn check(step: &Step, ctx: &RiskContext<'_>) -> Vec<Risk> {
    if !ctx.target.one_ddl_per_transaction() {
        return vec![];
    }
    let ddl = step.statements.iter().filter(|s| sql::is_ddl(s)).count();
    if ddl < 2 {
        return vec![];
    }
    vec![Risk::new(
        RULE.id,
        RiskSeverity::Medium,
        format!(
            "{} runs each of this step's {ddl} statements as its own schema change: if one fails, the ones before it stay applied.",
            ctx.target.label()
        ),
    )]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::risk::rules::testkit::*;
    use crate::{Flavor, Target};

    #[test]
    fn fires_on_several_statements_on_cockroachdb_and_yugabytedb_only() {
        let t = Target::of(Flavor::Cockroachdb);
        let ch = Change::DropTable { table: table(qn(t, "t"), vec![]) };
        let two = ["SET lock_timeout = '5s'", "ALTER TABLE a DROP CONSTRAINT c", "ALTER TABLE a ADD CONSTRAINT d CHECK (x > 0)"];
        let r = Fixture::new(t).one(&RULE, ch.clone(), &two);
        assert!(r.message.starts_with("CockroachDB 24.1 runs each of this step's 2 statements"), "{}", r.message);
        assert!(Fixture::new(t).run(&RULE, ch.clone(), &two[..2]).is_empty());
        assert_eq!(Fixture::new(Target::of(Flavor::Yugabytedb)).run(&RULE, ch.clone(), &two).len(), 1);
        assert!(Fixture::new(pg(15)).run(&RULE, ch, &two).is_empty());
    }
}

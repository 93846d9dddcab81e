//! Rule `pg-yugabytedb-index-in-transaction`: YugabyteDB builds an index online only outside a
//! transaction block; inside one the build is not concurrent.

use super::prelude::*;
use crate::Flavor;

pub const RULE: Rule = Rule {
    id: "pg-yugabytedb-index-in-transaction",
    dialect: Some(Dialect::Postgres),
    title: "YugabyteDB: CREATE INDEX inside a transaction block is not built online",
    doc: DOC,
    check,
};

rule_doc!(
    r#"## What it does
On a YugabyteDB target (`--flavor yugabytedb`), flags `CREATE INDEX` on an existing table in a
step that runs inside a transaction block.

## Why is this bad?
YugabyteDB backfills a new index online by default ("Safe to do other DMLs during CREATE INDEX?
yes"), but not inside a transaction block: there the build is not concurrent, as with
`NONCONCURRENTLY`, and other DML on the table is not safe during it
(<https://docs.yugabyte.com/stable/api/ysql/the-sql-language/statements/ddl_create_index/>,
yugabyte-db issue 9550).

## Example
```sql
BEGIN;
CREATE INDEX "orders_user_idx" ON "orders" ("user_id");
COMMIT;
```

## Use instead
Run the statement on its own, outside any transaction block (`--zero-downtime` does:
`CREATE INDEX CONCURRENTLY`, its own step):
```sql
CREATE INDEX CONCURRENTLY "orders_user_idx" ON "orders" ("user_id");
```
"#
);

fn check(step: &Step, ctx: &RiskContext<'_>) -> Vec<Risk> {
    let Change::CreateIndex { table, index } = &step.change else {
        return vec![];
    };
    if ctx.target.flavor != Flavor::Yugabytedb || !step.transactional || existing_table(ctx, table).is_none() {
        return vec![];
    }
    let alt = step.statements.iter().filter(|s| sql::is_ddl(s)).map(|s| format!("-- outside any transaction block\n{}", recipes::concurrently(s))).collect();
    vec![Risk::new(
        RULE.id,
        RiskSeverity::High,
        format!("{} builds index {} on {table} inside a transaction block without online backfill: writes to the table are not safe until it is built.", ctx.target.label(), index.name),
    )
    .alternative(alt)
    .sized(ctx, table)]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::risk::rules::testkit::*;
    use crate::Target;

    #[test]
    fn fires_in_a_transaction_on_yugabytedb_only() {
        let t = Target::of(Flavor::Yugabytedb);
        let f = Fixture::new(t).with_table(table(qn(t, "orders"), vec![col("a", "integer")]));
        let ch = Change::CreateIndex { table: qn(t, "orders"), index: index("i", &["a"], false) };
        let s = "CREATE INDEX \"i\" ON \"public\".\"orders\" (\"a\")";
        let mut step = Step::new(ch.clone(), vec![s.to_string()]);
        step.transactional = true;
        let r = (RULE.check)(&step, &f.ctx());
        assert_eq!(r.len(), 1);
        assert!(r[0].safe_alternative[0].contains("CREATE INDEX CONCURRENTLY"), "{:?}", r[0].safe_alternative);
        step.transactional = false;
        assert!((RULE.check)(&step, &f.ctx()).is_empty());
        let p = Fixture::new(pg(15)).with_table(table(qn(t, "orders"), vec![col("a", "integer")]));
        step.transactional = true;
        assert!((RULE.check)(&step, &p.ctx()).is_empty());
    }
}

//! Rule `pg-detach-partition`: DETACH PARTITION locks the whole partitioned table.

use super::prelude::*;

pub const RULE: Rule = Rule {
    id: "pg-detach-partition",
    dialect: Some(Dialect::Postgres),
    title: "DETACH PARTITION takes ACCESS EXCLUSIVE on the parent",
    doc: DOC,
    check,
};

rule_doc!(
    r#"## What it does
Flags a partition that is detached from its parent.

## Why is this bad?
A plain `DETACH PARTITION` takes `ACCESS EXCLUSIVE` on the partitioned parent: every query on
any partition waits. PostgreSQL 14 added `DETACH PARTITION ... CONCURRENTLY`, which only takes
`SHARE UPDATE EXCLUSIVE` (it cannot run in a transaction, nor with a default partition).

## Example
```sql
ALTER TABLE "measurements" DETACH PARTITION "m_2019";
```

## Use instead
```sql
ALTER TABLE "measurements" DETACH PARTITION "m_2019" CONCURRENTLY;
```
"#
);

fn check(step: &Step, ctx: &RiskContext<'_>) -> Vec<Risk> {
    let Change::AlterTableOptions { table, from, to } = &step.change else {
        return vec![];
    };
    let Some(p) = &from.partition_of else {
        return vec![];
    };
    let reattached = to.partition_of.as_ref().is_some_and(|q| q.parent == p.parent);
    if (reattached && !sql::mentions(step, "DETACH PARTITION")) || sql::mentions(step, "CONCURRENTLY") {
        return vec![];
    }
    let d = Dialect::Postgres;
    let alt = if ctx.target.detach_partition_concurrently() {
        vec![format!(
            "-- outside any transaction\nALTER TABLE {} DETACH PARTITION {} CONCURRENTLY",
            sql::qn(d, &p.parent),
            sql::qn(d, table)
        )]
    } else {
        vec![]
    };
    vec![Risk::new(
        RULE.id,
        RiskSeverity::High,
        format!("Detaching {table} from {} takes ACCESS EXCLUSIVE on the parent: queries on every partition wait.", p.parent),
    )
    .lock(format!("{ACCESS_EXCLUSIVE} (parent)"))
    .alternative(alt)]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Partition, TableOptions};
    use crate::risk::rules::testkit::*;

    #[test]
    fn suggests_concurrent_detach_from_14() {
        let from = |t| TableOptions { partition_of: Some(Partition { parent: qn(t, "m"), bound: "DEFAULT".into() }), ..Default::default() };
        let ch = |t| Change::AlterTableOptions { table: qn(t, "m_2019"), from: from(t), to: TableOptions::default() };
        assert!(Fixture::new(pg(14)).one(&RULE, ch(pg(14)), &[]).safe_alternative[0].ends_with("CONCURRENTLY"));
        assert!(Fixture::new(pg(13)).one(&RULE, ch(pg(13)), &[]).safe_alternative.is_empty());
    }
}

//! Rule `pg-concurrent-index-pg14-bug`: concurrent index builds on PostgreSQL 14.0–14.3.

use super::prelude::*;

pub const RULE: Rule = Rule {
    id: "pg-concurrent-index-pg14-bug",
    dialect: Some(Dialect::Postgres),
    title: "Concurrent index builds can corrupt indexes on PostgreSQL 14.0–14.3",
    doc: DOC,
    check,
};

rule_doc!(
    r#"## What it does
Flags index builds on an existing table when the target is PostgreSQL 14.0 to 14.3 (use
`--target-version 14.2` etc. to say which minor release runs).

## Why is this bad?
A bug in those releases could silently corrupt indexes built or rebuilt with `CONCURRENTLY`
(rows missing from the index). It was fixed in 14.4.

## Example
```sql
-- target 14.2
CREATE INDEX CONCURRENTLY "orders_user_idx" ON "orders" ("user_id");
```

## Use instead
Upgrade to 14.4 or later before building indexes concurrently, and rebuild indexes that were
built concurrently on an affected release.
"#
);

fn check(step: &Step, ctx: &RiskContext<'_>) -> Vec<Risk> {
    let Change::CreateIndex { table, index } = &step.change else {
        return vec![];
    };
    if !ctx.target.concurrent_index_corruption_bug() || existing_table(ctx, table).is_none() {
        return vec![];
    }
    vec![Risk::new(
        RULE.id,
        RiskSeverity::High,
        format!("{} has a bug that can corrupt indexes built CONCURRENTLY (fixed in 14.4): upgrade before building index {} on {table} concurrently.", ctx.target.label(), index.name),
    )]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::risk::rules::testkit::*;

    #[test]
    fn fires_on_14_0_to_14_3_only() {
        for (minor, fires) in [(0, true), (3, true), (4, false)] {
            let t = pg_minor(14, minor);
            let f = Fixture::new(t).with_table(table(qn(t, "orders"), vec![col("a", "integer")]));
            let ch = Change::CreateIndex { table: qn(t, "orders"), index: index("i", &["a"], false) };
            assert_eq!(f.run(&RULE, ch, &[]).len(), usize::from(fires));
        }
    }
}

//! Rule `pg-drop-index-blocking`: DROP INDEX without CONCURRENTLY takes ACCESS EXCLUSIVE.

use super::prelude::*;

pub const RULE: Rule = Rule {
    id: "pg-drop-index-blocking",
    dialect: Some(Dialect::Postgres),
    title: "DROP INDEX without CONCURRENTLY locks the table",
    doc: DOC,
    check,
};

rule_doc!(
    r#"## What it does
Flags `DROP INDEX` without `CONCURRENTLY` on a table that stays.

## Why is this bad?
A plain `DROP INDEX` takes `ACCESS EXCLUSIVE` on the table. The drop itself is quick, but the
lock request queues behind any long transaction on the table, and every query that arrives
after it queues too.

## Example
```sql
DROP INDEX "orders_user_idx";
```

## Use instead
```sql
DROP INDEX CONCURRENTLY IF EXISTS "orders_user_idx";
```
(outside a transaction; not possible for partitioned tables' indexes.)
"#
);

fn check(step: &Step, ctx: &RiskContext<'_>) -> Vec<Risk> {
    let Change::DropIndex { table, index } = &step.change else {
        return vec![];
    };
    if sql::mentions(step, "CONCURRENTLY") {
        return vec![];
    }
    // A materialized view's index is dropped under ACCESS EXCLUSIVE on the view, like a table's.
    let kept_matview = existing_matview(ctx, table).is_some() && ctx.after.views.get(table).is_some_and(|v| v.materialized);
    let partitioned = match existing_table(ctx, table) {
        Some(old) if ctx.after.tables.contains_key(table) => old.options.partition_by.is_some(),
        _ if kept_matview => false,
        _ => return vec![],
    };
    let alt = if partitioned { vec![] } else { step.statements.iter().map(|s| recipes::concurrently(s)).collect() };
    vec![Risk::new(
        RULE.id,
        RiskSeverity::Medium,
        format!("Dropping index {} takes ACCESS EXCLUSIVE on {table}: quick, but it queues behind long transactions and blocks the queries behind it.", index.name),
    )
    .lock(ACCESS_EXCLUSIVE)
    .alternative(alt)]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::risk::rules::testkit::*;

    #[test]
    fn fires_unless_concurrent() {
        let t = pg(15);
        let f = Fixture::new(t).with_table(table(qn(t, "orders"), vec![col("a", "integer")]));
        let ch = Change::DropIndex { table: qn(t, "orders"), index: index("i", &["a"], false) };
        let r = f.one(&RULE, ch.clone(), &["DROP INDEX \"public\".\"i\""]);
        assert_eq!(r.safe_alternative[0], "DROP INDEX CONCURRENTLY IF EXISTS \"public\".\"i\"");
        assert!(f.run(&RULE, ch, &["DROP INDEX CONCURRENTLY \"public\".\"i\""]).is_empty());
    }

    #[test]
    fn fires_on_a_kept_materialized_view() {
        let t = pg(15);
        let ch = Change::DropIndex { table: qn(t, "mv"), index: index("mv_a_idx", &["a"], false) };
        let s = "DROP INDEX \"public\".\"mv_a_idx\"";
        let r = Fixture::new(t).with_matview(qn(t, "mv")).one(&RULE, ch.clone(), &[s]);
        assert_eq!(r.lock.as_deref(), Some(ACCESS_EXCLUSIVE));
        assert!(Fixture::new(t).run(&RULE, ch, &[s]).is_empty());
    }
}

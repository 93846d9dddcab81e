//! Rule `pg-create-index-blocking`: a plain CREATE INDEX blocks writes for the whole build.

use super::prelude::*;

pub const RULE: Rule = Rule {
    id: "pg-create-index-blocking",
    dialect: Some(Dialect::Postgres),
    title: "CREATE INDEX without CONCURRENTLY blocks writes during the build",
    doc: DOC,
    check,
};

rule_doc!(
    r#"## What it does
Flags `CREATE INDEX` without `CONCURRENTLY` on a table that existed before the migration
(indexes of tables created in the same migration are fine).

## Why is this bad?
A plain index build takes a `SHARE` lock: reads continue but every INSERT, UPDATE and DELETE
waits until the whole table has been read and sorted.

## Example
```sql
CREATE INDEX "orders_user_idx" ON "orders" ("user_id");
```

## Use instead
Build it concurrently, in its own non-transactional step (it scans the table twice and waits
for older transactions, but writes continue):
```sql
CREATE INDEX CONCURRENTLY "orders_user_idx" ON "orders" ("user_id");
```
"#
);

fn check(step: &Step, ctx: &RiskContext<'_>) -> Vec<Risk> {
    let Change::CreateIndex { table, index } = &step.change else {
        return vec![];
    };
    if sql::mentions(step, "CONCURRENTLY") {
        return vec![];
    }
    if existing_matview(ctx, table).is_some() {
        // SHARE on the materialized view: reads go on, a REFRESH waits for the whole build.
        return vec![Risk::new(
            RULE.id,
            RiskSeverity::Medium,
            format!("Building index {} on materialized view {table} without CONCURRENTLY holds a SHARE lock: a REFRESH waits for the whole build.", index.name),
        )
        .lock(SHARE)
        .scans()
        .alternative(step.statements.iter().map(|s| recipes::concurrently(s)).collect())];
    }
    let Some(old) = existing_table(ctx, table) else {
        return vec![];
    };
    if old.options.partition_by.is_some() {
        return vec![];
    }
    let alt = step.statements.iter().map(|s| recipes::concurrently(s)).collect();
    vec![Risk::new(
        RULE.id,
        RiskSeverity::High,
        format!(
            "Building index {} on {table} without CONCURRENTLY holds a SHARE lock: writes to the table wait for the whole build.",
            index.name
        ),
    )
    .lock(SHARE)
    .scans()
    .alternative(alt)
    .sized(ctx, table)]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::risk::rules::testkit::*;

    #[test]
    fn fires_on_existing_table_unless_concurrent() {
        let t = pg(15);
        let f = Fixture::new(t).with_table(table(qn(t, "orders"), vec![col("user_id", "bigint")])).rows("orders", 3_000_000);
        let ch = Change::CreateIndex { table: qn(t, "orders"), index: index("orders_user_idx", &["user_id"], false) };
        let s = "CREATE INDEX \"orders_user_idx\" ON \"public\".\"orders\" (\"user_id\")";
        let r = f.one(&RULE, ch.clone(), &[s]);
        assert_eq!(r.severity, RiskSeverity::High);
        assert_eq!(r.safe_alternative[0], "CREATE INDEX CONCURRENTLY \"orders_user_idx\" ON \"public\".\"orders\" (\"user_id\")");
        assert!(f.run(&RULE, ch.clone(), &[&recipes::concurrently(s)]).is_empty());
        assert!(Fixture::new(t).run(&RULE, ch, &[s]).is_empty());
    }

    #[test]
    fn fires_on_an_existing_materialized_view_but_not_a_new_one() {
        let t = pg(15);
        let ch = Change::CreateIndex { table: qn(t, "mv"), index: index("mv_a_idx", &["a"], false) };
        let s = "CREATE INDEX \"mv_a_idx\" ON \"public\".\"mv\" (\"a\")";
        let r = Fixture::new(t).with_matview(qn(t, "mv")).one(&RULE, ch.clone(), &[s]);
        assert_eq!(r.lock.as_deref(), Some(SHARE));
        assert!(r.message.contains("materialized view"), "{}", r.message);
        assert!(Fixture::new(t).run(&RULE, ch, &[s]).is_empty());
    }
}

//! Rule `mysql-timestamp-2038`: TIMESTAMP columns end in January 2038.

use super::prelude::*;

pub const RULE: Rule = Rule {
    id: "mysql-timestamp-2038",
    dialect: Some(Dialect::Mysql),
    title: "TIMESTAMP cannot store dates after 2038-01-19",
    doc: DOC,
    check,
};

rule_doc!(
    r#"## What it does
Flags new `TIMESTAMP` columns.

## Why is this bad?
MySQL's `TIMESTAMP` is a 32-bit count of seconds: it cannot hold values after
2038-01-19 03:14:07 UTC, so expiry dates, schedules and long-lived records fail or are clamped
well before then. Changing the type later copies the table.

## Example
```sql
ALTER TABLE `subscriptions` ADD COLUMN `expires_at` timestamp NULL;
```

## Use instead
Use `DATETIME` (store UTC) for values that may lie in the future:
```sql
ALTER TABLE `subscriptions` ADD COLUMN `expires_at` datetime NULL;
```
"#
);

fn check(step: &Step, _ctx: &RiskContext<'_>) -> Vec<Risk> {
    let is_timestamp = |c: &Column| c.data_type.base == "timestamp";
    let Some((table, hits)) = columns::matching(&step.change, columns::Altered::Never, is_timestamp) else {
        return vec![];
    };
    vec![Risk::new(
        RULE.id,
        RiskSeverity::Low,
        format!("TIMESTAMP column(s) {} on {table} cannot store dates after 2038-01-19; DATETIME can.", columns::names(&hits)),
    )]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::risk::rules::testkit::*;

    #[test]
    fn fires_for_timestamp() {
        let t = mysql(8, 0);
        let f = Fixture::new(t);
        assert_eq!(f.run(&RULE, Change::AddColumn { table: qn(t, "s"), column: col("at", "timestamp") }, &[]).len(), 1);
        assert!(f.run(&RULE, Change::AddColumn { table: qn(t, "s"), column: col("at", "datetime") }, &[]).is_empty());
    }
}

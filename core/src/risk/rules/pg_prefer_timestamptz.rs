//! Rule `pg-prefer-timestamptz`: timestamps without time zone.

use super::prelude::*;

pub const RULE: Rule = Rule {
    id: "pg-prefer-timestamptz",
    dialect: Some(Dialect::Postgres),
    title: "timestamp without time zone loses the offset",
    doc: DOC,
    check,
};

rule_doc!(
    r#"## What it does
Flags new columns of type `timestamp` (without time zone).

## Why is this bad?
The value carries no offset: it means whatever time zone the writer assumed. Clients in other
zones, daylight-saving changes and `now()` comparisons give wrong results, and converting to
`timestamptz` later rewrites the table.

## Example
```sql
ALTER TABLE "orders" ADD COLUMN "shipped_at" timestamp;
```

## Use instead
```sql
ALTER TABLE "orders" ADD COLUMN "shipped_at" timestamptz;
```
"#
);

fn check(step: &Step, _ctx: &RiskContext<'_>) -> Vec<Risk> {
    let is_plain_timestamp = |c: &Column| matches!(c.data_type.base.as_str(), "timestamp without time zone" | "timestamp");
    let Some((table, hits)) = columns::matching(&step.change, columns::Altered::TypeChange, is_plain_timestamp) else {
        return vec![];
    };
    vec![Risk::new(
        RULE.id,
        RiskSeverity::Low,
        format!(
            "Column(s) {} of {table} are timestamp without time zone; timestamptz records the instant unambiguously.",
            columns::names(&hits)
        ),
    )]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::risk::rules::testkit::*;

    #[test]
    fn fires_for_timestamp_without_zone() {
        let t = pg(15);
        let f = Fixture::new(t);
        assert_eq!(f.run(&RULE, Change::AddColumn { table: qn(t, "o"), column: col("at", "timestamp without time zone") }, &[]).len(), 1);
        assert!(f.run(&RULE, Change::AddColumn { table: qn(t, "o"), column: col("at", "timestamp with time zone") }, &[]).is_empty());
    }
}

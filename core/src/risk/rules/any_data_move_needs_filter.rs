//! Rule `any-data-move-needs-filter`: a data move accepted without the row filter it needs.

use super::prelude::*;
use crate::plan::preserve::proposals::MoveStatus;

pub const RULE: Rule = Rule {
    id: "any-data-move-needs-filter",
    dialect: None,
    title: "A copy accepted without a row filter would put every row in every new table",
    doc: DOC,
    check,
};

rule_doc!(
    r#"## What it does
Flags an accepted copy (`-- schemashift:copy-from src`, `--copy dest=src`) without `where` when
the source has a column the destination has no place for, or feeds several new tables. The
result stays blocked.

## Why is this bad?
The column the destination lacks usually says which rows belong where (`kind` in
`addresses` → `billing_addresses` + `shipping_addresses`): without a filter every row goes into
every destination, so rows are misplaced, and a unique key stops the migration half-way.

## Example
```sql
-- schemashift:copy-from addresses
CREATE TABLE billing_addresses (id int PRIMARY KEY, customer_id int NOT NULL UNIQUE, street varchar(200));
```

## Use instead
Say which rows move; an equality also lets down put the value back:
```sql
-- schemashift:copy-from addresses where kind = 'billing'
CREATE TABLE billing_addresses (id int PRIMARY KEY, customer_id int NOT NULL UNIQUE, street varchar(200));
```
(`where true` copies every row on purpose.)
"#
);

fn check(step: &Step, ctx: &RiskContext<'_>) -> Vec<Risk> {
    super::any_data_move_review::proposals_at(step, ctx)
        .filter(|p| p.status == MoveStatus::Accepted && p.blocked.is_some())
        .map(|p| Risk::new(RULE.id, RiskSeverity::High, p.blocked.clone().unwrap_or_default()))
        .collect()
}

#[cfg(test)]
mod tests {
    use crate::{generate, Dialect, Options};

    #[test]
    fn accepted_without_filter_stays_blocked_and_with_one_copies_the_right_rows() {
        let before = "CREATE TABLE addresses (id int PRIMARY KEY, kind text NOT NULL, street text);";
        let after = |hint: &str| format!("{hint}\nCREATE TABLE billing_addresses (id int PRIMARY KEY, street text);");
        let m = generate(before, &after("-- schemashift:copy-from addresses"), &Options::new(Dialect::Postgres));
        assert!(m.is_blocked());
        assert!(m.up.iter().flat_map(|s| &s.risks).any(|r| r.rule == super::RULE.id));
        let m = generate(before, &after("-- schemashift:copy-from addresses where kind = 'billing'"), &Options::new(Dialect::Postgres));
        assert!(!m.is_blocked(), "{:?}", m.blocked);
        assert!(m.up_sql().contains(r#"INSERT INTO "public"."billing_addresses" ("id", "street") SELECT "id", "street" FROM "public"."addresses" WHERE (kind = 'billing') AND NOT EXISTS"#), "{}", m.up_sql());
        assert!(m.down_sql().contains(r#"INSERT INTO "public"."addresses" ("id", "street", "kind") SELECT "id", "street", 'billing' FROM "public"."billing_addresses""#), "{}", m.down_sql());
    }
}

//! Rule `any-data-move-pending`: a data move schemashift infers has not been answered.

use super::prelude::*;
use crate::plan::preserve::proposals::MoveStatus;

pub const RULE: Rule = Rule {
    id: "any-data-move-pending",
    dialect: None,
    title: "Rows that fit a new table are not copied until the move is accepted or declined",
    doc: DOC,
    check,
};

rule_doc!(
    r#"## What it does
Flags the new table of a data move that schemashift infers (columns that leave a table for a
new table linked to it, a dropped table's rows that fit a new table, a dropped child table's
columns that reappear in its parent) while the move is neither accepted nor declined. The result
is blocked until it is answered.

## Why is this bad?
The guess may be wrong: `addresses(id, customer_id, kind, street)` fits both
`shipping_addresses` and `billing_addresses`, and copying every row into both ignores `kind`
(rows land in the wrong table, or a unique key stops the migration half-way). Not copying at
all drops the rows with the old table.

## Example
```sql
CREATE TABLE "billing_addresses" ("id" int PRIMARY KEY, "customer_id" int NOT NULL UNIQUE, "street" varchar(200));
DROP TABLE "addresses";
```

## Use instead
Answer the move on the line before the new table's `CREATE TABLE` in AFTER (or with `--copy` /
`--no-copy`):
```sql
-- schemashift:copy-from addresses where kind = 'billing'
CREATE TABLE billing_addresses (id int PRIMARY KEY, customer_id int NOT NULL UNIQUE, street varchar(200));
```
or `-- schemashift:no-copy` to drop the rows on purpose.
"#
);

fn check(step: &Step, ctx: &RiskContext<'_>) -> Vec<Risk> {
    super::any_data_move_review::proposals_at(step, ctx)
        .filter(|p| p.status == MoveStatus::Pending)
        .map(|p| Risk::new(RULE.id, RiskSeverity::High, p.blocked.clone().unwrap_or_default()).data_loss())
        .collect()
}

#[cfg(test)]
mod tests {
    use crate::{generate, Dialect, Options};

    #[test]
    fn a_split_into_two_tables_is_pending_and_blocks() {
        let before = "CREATE TABLE customers (id int PRIMARY KEY);\nCREATE TABLE addresses (id int PRIMARY KEY, customer_id int NOT NULL REFERENCES customers (id), kind varchar(10) NOT NULL, street varchar(200));";
        let after = "CREATE TABLE customers (id int PRIMARY KEY);\n\
            CREATE TABLE shipping_addresses (id int PRIMARY KEY, customer_id int NOT NULL UNIQUE REFERENCES customers (id), street varchar(200));\n\
            CREATE TABLE billing_addresses (id int PRIMARY KEY, customer_id int NOT NULL UNIQUE REFERENCES customers (id), street varchar(200));";
        let m = generate(before, after, &Options::new(Dialect::Mysql));
        assert!(m.is_blocked());
        assert!(m.data_moves.is_empty(), "nothing is copied while pending");
        assert!(!m.up_sql().contains("INSERT INTO"));
        let notes: Vec<_> = m.up.iter().flat_map(|s| &s.risks).filter(|r| r.rule == super::RULE.id).collect();
        assert_eq!(notes.len(), 2);
        assert!(notes[0].message.contains("kind has no place"), "{}", notes[0].message);
        assert!(notes[0].message.contains("-- schemashift:copy-from addresses where kind = '...'"), "{}", notes[0].message);
    }
}

//! Rule `any-data-move-not-reversible`: down cannot give back what an accepted data move moved.

use super::prelude::*;
use crate::plan::preserve::proposals::MoveStatus;

pub const RULE: Rule = Rule {
    id: "any-data-move-not-reversible",
    dialect: None,
    title: "Down cannot put the rows of a data move back where they were",
    doc: DOC,
    check,
};

rule_doc!(
    r#"## What it does
Flags, in the down migration, the drop of a table (or columns) that an accepted data move
filled when down cannot move the data back: the old table's key or a NOT NULL column has no
value to come back from, a type narrows on the way back, or a column the move left behind
comes back empty.

## Why is this bad?
Rolling back then deletes the moved rows (or the values of those columns) for good.

## Example
```sql
-- up: -- schemashift:copy-from addresses where kind IN ('billing', 'both')
DROP TABLE "billing_addresses";  -- down: addresses.kind has nothing to come back from
```

## Use instead
Give the copy a filter with an equality on each column the destination lacks (`where kind =
'billing'`): down fills the column with that value. Or keep a backup (`--preserve-data`) before
rolling back.
"#
);

fn check(step: &Step, ctx: &RiskContext<'_>) -> Vec<Risk> {
    let (table, column) = match &step.change {
        Change::DropTable { table } => (table.name.to_string(), None),
        Change::DropColumn { table, column } => (table.to_string(), Some(column.name.as_str())),
        _ => return vec![],
    };
    ctx.proposals
        .iter()
        .filter(|p| p.status == MoveStatus::Accepted && p.blocked.is_none() && p.to == table)
        .filter(|p| column.is_none_or(|c| p.columns.iter().any(|x| x == c)))
        .filter_map(|p| p.down.as_ref())
        .map(|why| Risk::new(RULE.id, RiskSeverity::High, format!("{why}: rolling back loses that data.")).data_loss())
        .collect()
}

//! Rule `any-data-move-review`: a step that moves data between tables (an accepted move).

use super::prelude::*;
use crate::diff::{DataMove, MoveKind};
use crate::plan::preserve::proposals::DataMoveProposal;

pub const RULE: Rule = Rule {
    id: "any-data-move-review",
    dialect: None,
    title: "A data move copies rows between tables: check it is the move you mean",
    doc: DOC,
    check,
};

rule_doc!(
    r#"## What it does
Flags the step that carries out an accepted data move: a split (columns copied into a new table
linked to their old one), a merge (a dropped child table's columns copied into its parent), a
copy (rows of a dropped table copied into a new one, those its filter selects), and the move
down makes to undo it.

## Why is this bad?
The move matches columns by name: it assumes same-named columns hold the same data. In a merge,
a parent with several child rows gets the values of the one with the lowest key, and the other
child rows, and those whose key is NULL or matches no parent, are lost with the dropped table:
the merge's note is high, with the queries that count them. The copy scans
the whole source table inside the migration.

## Example
```sql
INSERT INTO "billing_addresses" ("id", "customer_id", "street")
  SELECT "id", "customer_id", "street" FROM "addresses" WHERE (kind = 'billing') AND NOT EXISTS (...);
```

## Use instead
Check the columns and the filter; on a large table run the package's `backfill/` script (batched,
resumable) instead of the copy inside the migration.
"#
);

/// The proposals whose new table this step creates, or whose dropped source (a merge) it drops.
pub(crate) fn proposals_at<'a>(step: &'a Step, ctx: &'a RiskContext<'a>) -> impl Iterator<Item = &'a DataMoveProposal> + 'a {
    ctx.proposals.iter().filter(move |p| match &step.change {
        Change::CreateTable { table } => p.kind != MoveKind::Merge && p.to == table.name.to_string(),
        Change::DropTable { table } => p.kind == MoveKind::Merge && p.from == table.name.to_string(),
        _ => false,
    })
}

fn at(step: &Step, m: &DataMove) -> bool {
    match (&step.change, m.kind) {
        (Change::CreateTable { table }, MoveKind::Split | MoveKind::Copy) | (Change::DropTable { table }, MoveKind::Merge) => {
            table.name == m.child
        }
        _ => false,
    }
}

fn check(step: &Step, ctx: &RiskContext<'_>) -> Vec<Risk> {
    ctx.data_moves
        .iter()
        .filter(|m| at(step, m))
        .map(|m| {
            let message = match m.kind {
                MoveKind::Copy => format!(
                    "The create of {} copies the rows of {}{} (columns {}{}) before {} is dropped; check that it is the data move you mean.",
                    m.child,
                    m.parent,
                    m.filter.as_ref().map(|f| format!(" where {f}")).unwrap_or_default(),
                    m.columns.join(", "),
                    if m.constants.is_empty() {
                        String::new()
                    } else {
                        format!("; {}", m.constants.iter().map(|(c, v)| format!("{c} = {v}")).collect::<Vec<_>>().join(", "))
                    },
                    m.parent
                ),
                MoveKind::Split | MoveKind::Merge => format!(
                    "The {} of {} {} {} between {} and {} (linked by {}.{} → {}.{}); check that it is the data move you mean{}.",
                    if m.kind == MoveKind::Split { "create" } else { "drop" },
                    m.child,
                    if m.kind == MoveKind::Split { "copies" } else { "copies back" },
                    m.columns.join(", "),
                    m.parent,
                    m.child,
                    m.child.name,
                    m.fk_column,
                    m.parent.name,
                    m.parent_key,
                    if m.kind == MoveKind::Merge {
                        format!(
                            "; it keeps one row per {} row: the other rows of {} for the same {} (all but the lowest key) and those whose {} is NULL or matches no {} row are not copied and are dropped with {}",
                            m.parent, m.child, m.fk_column, m.fk_column, m.parent, m.child
                        )
                    } else {
                        String::new()
                    }
                ),
            };
            if m.kind == MoveKind::Copy {
                return copy_note(m, message, ctx);
            }
            if m.kind != MoveKind::Merge {
                return Risk::new(RULE.id, RiskSeverity::Medium, message).scans();
            }
            // A merge keeps at most one child row per parent: the rest is lost with the child.
            let d = ctx.target.dialect;
            let (child, parent, fk, key) = (sql::qn(d, &m.child), sql::qn(d, &m.parent), sql::id(d, &m.fk_column), sql::id(d, &m.parent_key));
            Risk::new(RULE.id, RiskSeverity::High, message).scans().data_loss().alternative(vec![
                format!("SELECT {fk}, count(*) FROM {child} GROUP BY {fk} HAVING count(*) > 1"),
                format!("SELECT count(*) FROM {child} AS c WHERE c.{fk} IS NULL OR NOT EXISTS (SELECT 1 FROM {parent} AS p WHERE p.{key} = c.{fk})"),
            ])
        })
        .collect()
}

/// A copy's note. When every copy out of its source has a row filter, the rows no filter selects
/// (a NULL or another value) are dropped with the source: high, with the query that counts them.
fn copy_note(m: &DataMove, message: String, ctx: &RiskContext<'_>) -> Risk {
    let filters: Option<Vec<&String>> =
        ctx.data_moves.iter().filter(|o| o.kind == MoveKind::Copy && o.parent == m.parent).map(|o| o.filter.as_ref()).collect();
    let Some(filters) = filters.filter(|f| !f.is_empty()) else {
        return Risk::new(RULE.id, RiskSeverity::Medium, message).scans();
    };
    let none = filters.iter().map(|f| format!("({f}) IS TRUE")).collect::<Vec<_>>().join(" OR ");
    let message = format!(
        "{message} Rows of {} that no copy's filter selects ({}) are copied nowhere and are dropped with {}.",
        m.parent,
        filters.iter().map(|f| f.as_str()).collect::<Vec<_>>().join("; "),
        m.parent
    );
    Risk::new(RULE.id, RiskSeverity::High, message)
        .scans()
        .data_loss()
        .alternative(vec![format!("SELECT count(*) FROM {} WHERE NOT ({none})", sql::qn(ctx.target.dialect, &m.parent))])
}

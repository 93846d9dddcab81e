//! Planning: order the changes so the engine accepts them, split phases and transactions, and
//! render each change into a `Step`.

mod backfills;
pub(crate) mod conversions;
pub mod fk_action_guard;
mod order;
mod order_deps;
mod order_sequences;
pub mod preamble;
pub mod preserve;
mod step;
#[cfg(test)]
mod tests;
mod zero_downtime;

pub use order::order;
pub use preserve::{Preserved, PreservedKind};
pub use step::{Direction, Phase, Rewrite, Step};
pub use zero_downtime::ROWS_DONE_VARIABLE;

use crate::diff::Change;
use crate::model::{QName, Schema};
use crate::render::{self, RenderContext};
use crate::{Dialect, Options};
use std::collections::BTreeSet;

/// Turn unordered changes into ordered, rendered steps.
pub fn plan(changes: Vec<Change>, from: &Schema, to: &Schema, options: &Options) -> Vec<Step> {
    let mut ctx = RenderContext::new(options.target, from, to, options.zero_downtime);
    ctx.note_renames(&changes);
    ctx.run = options.env.as_ref().map(|p| p.run).unwrap_or_default();
    let changes = backfills::apply(changes, to);
    let changes = if options.target.dialect == Dialect::Mysql { inline_new_table_indexes(changes) } else { changes };
    let steps: Vec<Step> = order(changes)
        .into_iter()
        .map(|change| {
            let r = render::render(&change, &ctx);
            let mut step = Step::new(change, r.statements);
            step.transactional = r.transactional && options.target.transactional_ddl();
            step
        })
        .filter(|s| !s.statements.is_empty())
        .collect();
    if options.zero_downtime {
        zero_downtime::rewrite(steps, &ctx)
    } else {
        steps
    }
}

/// MySQL: the indexes of a new table go inside its CREATE TABLE (one statement, and an
/// AUTO_INCREMENT column may need its key there), instead of separate CREATE INDEX steps.
fn inline_new_table_indexes(changes: Vec<Change>) -> Vec<Change> {
    let created: BTreeSet<QName> = changes
        .iter()
        .filter_map(|c| match c {
            Change::CreateTable { table } => Some(table.name.clone()),
            _ => None,
        })
        .collect();
    let (mut inlined, rest): (Vec<Change>, Vec<Change>) =
        changes.into_iter().partition(|c| matches!(c, Change::CreateIndex { table, .. } if created.contains(table)));
    rest.into_iter()
        .map(|c| match c {
            Change::CreateTable { mut table } => {
                let mut i = 0;
                while i < inlined.len() {
                    match &inlined[i] {
                        Change::CreateIndex { table: t, .. } if *t == table.name => {
                            if let Change::CreateIndex { index, .. } = inlined.remove(i) {
                                table.indexes.push(index);
                            }
                        }
                        _ => i += 1,
                    }
                }
                Change::CreateTable { table }
            }
            other => other,
        })
        .collect()
}

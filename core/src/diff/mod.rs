//! Diffing: two schemas → the `Change`s that turn the first into the second.
//!
//! The same function computes up (before → after) and down (after → before, with renames
//! reversed), so both directions follow one set of rules. Changes come out unordered (in a
//! deterministic order); `plan::order` sorts them into an order the engine accepts.

mod change;
mod data_moves;
pub(crate) mod dependents;
pub mod move_filter;
mod implied_renames;
mod inherit;
mod objects;
mod opaque;
mod partition;
mod renames;
mod sqlite;
mod tables;
mod views;

pub use change::Change;
pub use data_moves::{data_moves, DataMove, MoveKind};
pub(crate) use objects::type_names_match;
pub use renames::{Rename, RenameSuggestion, Renames};

use crate::model::{RenameKind, Schema};
use crate::Target;

/// The changes, and rename suggestions.
#[derive(Clone, Debug, Default)]
pub struct DiffResult {
    pub changes: Vec<Change>,
    pub suggestions: Vec<RenameSuggestion>,
}

/// Compute the changes that turn `from` into `to`.
pub fn diff(from: &Schema, to: &Schema, target: &Target, renames: &Renames) -> DiffResult {
    let mut changes = Vec::new();
    // Renames first: afterwards `renamed` names everything as `to` does.
    for r in &renames.entries {
        changes.push(match r.kind {
            RenameKind::Table => Change::RenameTable { from: r.table_from.clone(), to: r.table_to.clone() },
            RenameKind::Column => Change::RenameColumn { table: r.table_to.clone(), from: r.from.clone(), to: r.to.clone() },
            RenameKind::Index => Change::RenameIndex { table: r.table_to.clone(), from: r.from.clone(), to: r.to.clone() },
            RenameKind::Constraint => Change::RenameConstraint { table: r.table_to.clone(), from: r.from.clone(), to: r.to.clone() },
        });
    }
    // A serial's sequence renamed with its table: `AlterSequence` between the two names.
    for (old, new) in &renames.sequences {
        if let Some(seq) = from.sequences.get(old) {
            let to_seq = crate::model::Sequence { name: new.clone(), ..seq.clone() };
            changes.push(Change::AlterSequence { from: seq.clone(), to: to_seq });
        }
    }
    let mut renamed = renames::apply(from, renames);
    // A MySQL character set or collation that one side leaves unspecified is not a change.
    let mut to_unified = to.clone();
    crate::model::unify_unspecified_charsets(&mut renamed, &mut to_unified);
    let to = &to_unified;
    let mut ctx = DiffContext { from: &renamed, to, target: *target, changes };
    objects::diff_namespaces_and_extensions(&mut ctx);
    objects::diff_types(&mut ctx);
    objects::diff_sequences(&mut ctx);
    tables::diff_tables(&mut ctx, renames);
    views::diff_views(&mut ctx);
    objects::diff_routines_and_triggers(&mut ctx);
    objects::diff_events(&mut ctx);
    objects::diff_comments(&mut ctx);
    opaque::diff_opaque(&mut ctx);
    dependents::plan_dependents(&mut ctx);
    opaque::diff_grants(&mut ctx);
    dependents::grants_after_recreation(&mut ctx);
    opaque::diff_owners(&mut ctx);
    let suggestions = renames::suggest(&renamed, to);
    DiffResult { changes: ctx.changes, suggestions }
}

/// State shared by the per-object differs.
pub(crate) struct DiffContext<'a> {
    /// The FROM schema with renames already applied.
    pub from: &'a Schema,
    pub to: &'a Schema,
    pub target: Target,
    pub changes: Vec<Change>,
}

impl DiffContext<'_> {
    pub fn push(&mut self, c: Change) {
        self.changes.push(c);
    }
}

#[cfg(test)]
mod tests;

//! Sequences in the execution order (`order.rs`): a sequence owned by a column is created
//! before its table and owned after it; a default calling a sequence that a dropped table owns
//! is taken off before the drop.

use crate::diff::Change;
use crate::model::Sequence;
use std::collections::BTreeSet;

/// A new sequence owned by a column is created before its table and given its owner after:
/// `OWNED BY` needs the column to exist, and the column's default needs the sequence. A
/// sequence that changes owner first leaves the old one (`OWNED BY NONE`, early), then takes
/// the new owner and its other changes (with the other alters): the old owning table or
/// column may be dropped in between, which would drop a sequence it still owned.
pub(super) fn split_sequence_ownership(changes: Vec<Change>) -> Vec<Change> {
    let mut out = Vec::with_capacity(changes.len());
    for c in changes {
        match c {
            Change::CreateSequence { sequence } if sequence.owned_by.is_some() => {
                let bare = Sequence { owned_by: None, ..sequence.clone() };
                out.push(Change::CreateSequence { sequence: bare.clone() });
                out.push(Change::AlterSequence { from: bare, to: sequence });
            }
            Change::AlterSequence { from, to } if from.owned_by.is_some() && from.owned_by != to.owned_by => {
                let released = Sequence { owned_by: None, ..from.clone() };
                out.push(Change::AlterSequence { from, to: released.clone() });
                if released != to {
                    out.push(Change::AlterSequence { from: released, to });
                }
            }
            other => out.push(other),
        }
    }
    out
}

/// The sequences whose `nextval` the defaults of dropped tables call (a `serial`'s sequence is
/// owned by its column, and goes with its table): the literal inside `nextval('...')`, without
/// a `public.` qualifier.
pub(super) fn sequences_of_dropped_tables(changes: &[Change]) -> BTreeSet<String> {
    changes
        .iter()
        .filter_map(|c| match c {
            Change::DropTable { table } => Some(table.columns.iter().filter_map(|col| nextval_of(col.default.as_deref()?))),
            _ => None,
        })
        .flatten()
        .collect()
}

/// The sequence a default's `nextval('...')` names, without a `public.` qualifier.
fn nextval_of(default: &str) -> Option<String> {
    let (_, rest) = default.split_once("nextval('")?;
    let (name, _) = rest.split_once('\'')?;
    Some(name.strip_prefix("public.").unwrap_or(name).to_string())
}

pub(super) fn uses_any(column: &crate::model::Column, sequences: &BTreeSet<String>) -> bool {
    !sequences.is_empty() && column.default.as_deref().and_then(nextval_of).is_some_and(|s| sequences.contains(&s))
}

/// A kept column whose default calls `nextval` of a sequence a dropped table owns (a partition
/// or child that keeps its old parent's `serial` default) loses that default before the table is
/// dropped: PostgreSQL refuses `DROP TABLE` while another table's default depends on a sequence
/// it owns ("default value for column ... depends on sequence"). The rest of the column's
/// change keeps its place.
pub(super) fn split_defaults_on_dropped_sequences(changes: Vec<Change>) -> Vec<Change> {
    let dropped = sequences_of_dropped_tables(&changes);
    if dropped.is_empty() {
        return changes;
    }
    let mut out = Vec::with_capacity(changes.len());
    for c in changes {
        match c {
            Change::AlterColumn { table, from, to } if from.default != to.default && uses_any(&from, &dropped) => {
                let bare = crate::model::Column { default: None, ..from.clone() };
                out.push(Change::AlterColumn { table: table.clone(), from, to: bare.clone() });
                if bare != to {
                    out.push(Change::AlterColumn { table, from: bare, to });
                }
            }
            other => out.push(other),
        }
    }
    out
}

/// The change only takes the sequence away from its owner.
pub(super) fn releases_ownership(from: &Sequence, to: &Sequence) -> bool {
    from.owned_by.is_some() && to.owned_by.is_none() && *from == Sequence { owned_by: from.owned_by.clone(), ..to.clone() }
}

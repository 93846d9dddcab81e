//! `--preserve-data`: every step of the up migration that destroys data (a dropped column, a
//! dropped table, a narrowing type change) first copies that data into a backup table
//! (`names.rs`), keyed by the primary key, or by the whole row when there is none that
//! survives the migration (`key.rs`). The down migration puts it back after re-creating what
//! up removed (`restore.rs`): an UPDATE by key for columns, an INSERT ... SELECT for tables,
//! and then drops the backup, so that up can run again and no stale copy lingers.
//!
//! Between up and down the backups stay (they are what makes down lossless); once the
//! migration is confirmed, the package's `cleanup/` script drops them. Data the down migration
//! itself destroys (columns and tables that up added, values down narrows) is backed up the same
//! way under `schemashift_down_backup_` names; nothing puts it back by itself (running up again
//! re-creates those objects empty), so it is kept for the DBA and named in the runbook.
//!
//! This is a pass over the steps `plan` rendered: statements are added before (backup) or after
//! (restore) the statements of the destructive step, so ordering stays `plan::order`'s.

mod backup;
pub mod data_steps;
pub mod history_updates;
mod key;
pub mod moves;
pub mod names;
pub mod proposals;
mod restore;
mod sql;
#[cfg(test)]
mod tests;

pub use crate::model::type_change::is_narrowing;

use crate::diff::{DataMove, MoveKind, Renames};
use crate::model::{QName, Schema};
use crate::plan::{Direction, Step};
use crate::Target;
use serde::Serialize;

/// The columns that find a row of the backup in the table again.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Key {
    /// Names as BEFORE has them (the backup's column names, and the table's when down runs).
    pub columns: Vec<String>,
    /// Names when up copies the data (after the migration's renames).
    pub current: Vec<String>,
    /// The primary key (else: every comparable column the migration keeps, compared NULL-safe).
    pub primary: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PreservedKind {
    DroppedColumn,
    NarrowedColumn,
    DroppedTable,
}

/// One backup the up migration makes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Preserved {
    pub kind: PreservedKind,
    /// The migration that makes the backup: up (restored by down), or down (kept for the DBA).
    pub direction: Direction,
    /// The table as BEFORE names it.
    pub table: QName,
    /// The column as BEFORE names it (columns only).
    pub column: Option<String>,
    pub backup: QName,
    /// How rows are matched on restore (columns only); `None`: no usable key, restore by hand.
    pub key: Option<Key>,
    /// Down restores the data and drops the backup by itself.
    pub restored: bool,
    /// Why down does not restore by itself, when it does not.
    pub note: Option<String>,
}

impl Preserved {
    /// `table`, or `table.column`.
    pub fn what(&self) -> String {
        match &self.column {
            Some(c) => format!("{}.{c}", self.table),
            None => self.table.to_string(),
        }
    }

    /// Whether `step` makes this backup (the `any-preserve-data-backup` note goes there).
    pub fn backed_up_by(&self, step: &Step, d: crate::Dialect) -> bool {
        let create = self.backup_prefix(d);
        step.statements.iter().any(|x| x.starts_with(&create))
    }

    /// How the statement that makes the backup starts (`backup.rs` writes it).
    fn backup_prefix(&self, d: crate::Dialect) -> String {
        format!("CREATE TABLE {} AS SELECT", crate::render::quote::qname(d, &self.backup))
    }
}

/// Add the backups to `up` and the restores to `down`; the list of what is kept.
/// Then the backups down makes of what it destroys, listed after up's.
/// What down's own data moves (`down_moves`) copy back into BEFORE's tables needs no backup.
/// `renames`: the one rename table, as up applies it.
pub fn apply(
    up: &mut [Step],
    down: &mut [Step],
    before: &Schema,
    after: &Schema,
    target: Target,
    renames: &Renames,
    down_moves: &[DataMove],
) -> Vec<Preserved> {
    let mut list = backup::add_backups(up, before, after, renames, target.dialect, Direction::Up);
    restore::add_restores(down, &mut list, before, after, target);
    let mut kept = backup::add_backups(down, after, before, &renames.reversed(), target.dialect, Direction::Down);
    let moved: Vec<usize> = (0..kept.len()).filter(|&i| moved_by(down_moves, &kept[i])).collect();
    for i in moved.into_iter().rev() {
        let p = kept.remove(i);
        unbackup(down, &p, target.dialect);
    }
    for p in &mut kept {
        let why = "made by down: running up again re-creates it empty, so put the rows back from the backup by hand if you need them";
        p.note = Some(match p.note.take() {
            Some(n) => format!("{why}; {n}"),
            None => why.to_string(),
        });
    }
    list.extend(kept);
    list
}

/// Whether a data move copies this table's (or column's) rows elsewhere, so they are not lost.
fn moved_by(moves: &[DataMove], p: &Preserved) -> bool {
    moves.iter().any(|mv| match (mv.kind, p.column.as_deref()) {
        (MoveKind::Split, Some(c)) => mv.parent == p.table && mv.columns.iter().any(|m| m == c),
        (MoveKind::Merge, None) => mv.child == p.table,
        (MoveKind::Copy, None) => mv.parent == p.table,
        _ => false,
    })
}

/// Take the backup statement of `p` out of the steps again.
fn unbackup(steps: &mut [Step], p: &Preserved, d: crate::Dialect) {
    let create = p.backup_prefix(d);
    for s in steps.iter_mut() {
        s.statements.retain(|x| !x.starts_with(&create));
    }
}

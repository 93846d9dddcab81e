//! Diffing: two schemas → the `Change`s that turn the first into the second.
//!
//! The same function computes up (before → after) and down (after → before, with renames
//! reversed), so both directions follow one set of rules. Changes come out unordered (in a
//! deterministic order); `plan::order` sorts them into an order the engine accepts.

mod change;
mod data_moves;
pub(crate) mod dependents;
mod implied_renames;
mod inherit;
pub mod move_filter;
mod objects;
mod opaque;
mod pairs;
mod partition;
mod rename_apply;
mod rename_suggest;
mod rename_typos;
mod renames;
mod repartition;
mod sequence_typos;
mod sqlite;
mod tables;
mod views;

pub use change::Change;
pub use data_moves::{data_moves, DataMove, MoveKind};
pub use objects::type_blockers;
pub(crate) use objects::type_names_match;
pub use partition::keys_attached_to;
pub use repartition::{default_takes_rows, holding_table, repartitioned};

/// Changes nothing plans yet, which block the result (`BlockKind::NotPlanned`). PostgreSQL
/// only: MySQL/MariaDB repartition in place (`ALTER TABLE ... PARTITION BY`), SQLite has none of
/// these objects.
pub fn not_planned(from: &Schema, to: &Schema, target: &Target) -> Vec<crate::Blocker> {
    if target.dialect != crate::Dialect::Postgres {
        return Vec::new();
    }
    let mut out = type_blockers(from, to);
    out.extend(repartition::blockers(from, to));
    // Down re-creates what up takes apart: a partitioning it cannot plan blocks the result too.
    for mut b in repartition::blockers(to, from) {
        b.message = format!("down: {}", b.message);
        out.push(b);
    }
    out.extend(partition::cascade_blockers(from, to));
    out.extend(storage_blockers(from, to, target));
    out
}

/// A table's access method changes where `ALTER TABLE ... SET ACCESS METHOD` does not exist
/// (before PostgreSQL 15): the table would have to be re-created with its rows copied.
fn storage_blockers(from: &Schema, to: &Schema, target: &Target) -> Vec<crate::Blocker> {
    if target.set_access_method() {
        return Vec::new();
    }
    let mut out = Vec::new();
    for (name, t) in &to.tables {
        let Some(old) = from.tables.get(name) else { continue };
        if old.options.access_method == t.options.access_method {
            continue;
        }
        let msg = format!(
            "the access method of table {name} changes ({} -> {}): ALTER TABLE ... SET ACCESS METHOD needs PostgreSQL 15 and schemashift does not plan the re-creation; create the new table under another name, copy the rows, and swap the names in a migration of your own (or target PostgreSQL 15+)",
            old.options.access_method.as_deref().unwrap_or("heap"),
            t.options.access_method.as_deref().unwrap_or("heap")
        );
        out.push(crate::Blocker::new(crate::BlockKind::NotPlanned, msg).with_objects(vec![name.to_string()]));
    }
    out
}
pub use rename_typos::{blockers as rename_typo_blockers, near as names_a_typo_apart};
pub use renames::{Rename, RenameSuggestion, Renames};
pub use sequence_typos::blockers as sequence_typo_blockers;

use crate::model::{RenameKind, Schema};
use crate::Target;
use std::borrow::Cow;

/// The changes, and rename suggestions.
#[derive(Clone, Debug, Default)]
pub struct DiffResult {
    pub changes: Vec<Change>,
    pub suggestions: Vec<RenameSuggestion>,
}

/// Compute the changes that turn `from` into `to`.
pub fn diff(from: &Schema, to: &Schema, target: &Target, renames: &Renames) -> DiffResult {
    diff_owners_if(from, to, target, renames, true)
}

/// `diff`, with the objects' owners compared only when `owners` (`Options::owners`).
pub fn diff_owners_if(from: &Schema, to: &Schema, target: &Target, renames: &Renames, owners: bool) -> DiffResult {
    diff_with(from, to, target, renames, owners, None).0
}

/// Up (`before` → `after`, `renames`) and down (`after` → `before`, `renames.reversed()`): the
/// two `diff_owners_if`. Equality is symmetric: where both directions compare the very same two
/// schemas (no renames applied, no MySQL unification, no repartition cut), down takes the
/// tables up found equal instead of comparing every table again.
pub fn diff_both_ways(before: &Schema, after: &Schema, target: &Target, renames: &Renames, owners: bool) -> (DiffResult, DiffResult) {
    let (up, equal) = diff_with(before, after, target, renames, owners, None);
    let (down, _) = diff_with(after, before, target, &renames.reversed(), owners, equal.as_ref());
    (up, down)
}

/// Which tables on both sides `diff_tables` found equal (`tables::unchanged_alone`), in name
/// order, comparing exactly `from` with `to` (the caller's schemas, not copies).
pub(crate) struct EqualTables<'s> {
    from: &'s Schema,
    to: &'s Schema,
    equal: Vec<bool>,
}

/// `diff_owners_if`; `known`: what a diff of the same two schemas the other way found equal.
/// Returns what this one found, when it compared `from` and `to` themselves.
fn diff_with<'s>(
    from: &'s Schema,
    to: &'s Schema,
    target: &Target,
    renames: &Renames,
    owners: bool,
    known: Option<&EqualTables<'_>>,
) -> (DiffResult, Option<EqualTables<'s>>) {
    let (from_arg, to_arg) = (from, to);
    let mut changes = Vec::new();
    // Renames first: afterwards `renamed` names everything as `to` does.
    for r in &renames.entries {
        changes.push(match r.kind {
            RenameKind::Table => Change::RenameTable { from: r.table_from.clone(), to: r.table_to.clone() },
            RenameKind::Column => Change::RenameColumn { table: r.table_to.clone(), from: r.from.clone(), to: r.to.clone() },
            RenameKind::Index => Change::RenameIndex { table: r.table_to.clone(), from: r.from.clone(), to: r.to.clone() },
            RenameKind::Constraint => Change::RenameConstraint { table: r.table_to.clone(), from: r.from.clone(), to: r.to.clone() },
            // Also in `renames.sequences`: renamed below with the serial ones.
            RenameKind::Sequence => continue,
        });
    }
    for (ty, from, to) in &renames.values {
        changes.push(Change::RenameEnumValue { name: ty.clone(), from: from.clone(), to: to.clone() });
    }
    // A sequence renamed (asked for, or a serial's following its table): `AlterSequence`
    // between the two names, nothing else changed (the sequence diff below says the rest).
    // (A serial's old name may be the one the engine gave it, moving it with its table.)
    for (old, new) in &renames.sequences {
        let original = renames.sequences_by_engine.iter().find(|(_, moved)| moved == old).map_or(old, |(o, _)| o);
        if let Some(seq) = from.sequences.get(original) {
            let from_seq = crate::model::Sequence { name: old.clone(), ..seq.clone() };
            let to_seq = crate::model::Sequence { name: new.clone(), ..seq.clone() };
            changes.push(Change::AlterSequence { from: from_seq, to: to_seq });
        }
    }
    // Copies of the schemas only when something changes in them: no renames to apply (and the
    // grants already in order, as `apply` leaves them), no MySQL charsets to unify.
    let mysql = from.dialect == crate::Dialect::Mysql && to.dialect == crate::Dialect::Mysql;
    let untouched = renames.entries.is_empty()
        && renames.sequences.is_empty()
        && renames.sequences_by_engine.is_empty()
        && renames.by_engine.is_empty()
        && renames.values.is_empty()
        && from.grants.is_sorted();
    let mut renamed = if untouched && !mysql { Cow::Borrowed(from) } else { Cow::Owned(renames::apply(from, renames, to)) };
    // A MySQL character set or collation that one side leaves unspecified is not a change.
    let to: Cow<Schema> = if mysql {
        let mut to_unified = to.clone();
        crate::model::unify_unspecified_charsets(renamed.to_mut(), &mut to_unified);
        Cow::Owned(to_unified)
    } else {
        Cow::Borrowed(to)
    };
    let (renamed, to) = (&*renamed, &*to);
    // PostgreSQL: tables whose partitioning changes are re-created; the differ sees BEFORE
    // without them, so all of theirs is new (`repartition.rs`).
    let plans = if target.dialect == crate::Dialect::Postgres { repartition::plan(renamed, to) } else { Vec::new() };
    let cut;
    let from_cut = if plans.is_empty() {
        renamed
    } else {
        cut = repartition::cut(renamed, &plans);
        &cut
    };
    // Only the caller's own schemas, compared the other way round, share an answer.
    let (own_from, own_to) = (std::ptr::eq(from_cut, from_arg), std::ptr::eq(to, to_arg));
    let known_equal =
        known.filter(|k| own_from && own_to && std::ptr::eq(k.from, to_arg) && std::ptr::eq(k.to, from_arg)).map(|k| &k.equal[..]);
    let mut ctx = DiffContext {
        from: from_cut,
        to,
        target: *target,
        changes,
        partitions: Default::default(),
        tables: Default::default(),
        known_equal,
    };
    objects::diff_namespaces_and_extensions(&mut ctx);
    objects::diff_types(&mut ctx);
    objects::diff_sequences(&mut ctx);
    tables::diff_tables(&mut ctx, renames);
    views::diff_views(&mut ctx);
    objects::diff_routines_and_triggers(&mut ctx);
    objects::diff_events(&mut ctx);
    objects::diff_comments(&mut ctx);
    opaque::diff_opaque(&mut ctx);
    repartition::push(&mut ctx, renamed, &plans);
    dependents::plan_dependents(&mut ctx);
    opaque::diff_grants(&mut ctx);
    dependents::grants_after_recreation(&mut ctx);
    if owners {
        opaque::diff_owners(&mut ctx);
    }
    // The tables `diff_tables` found equal have no rename to suggest; with a repartition cut it
    // saw another FROM than `renamed`.
    let sides = if plans.is_empty() { Some(&ctx.tables) } else { None };
    let suggestions = rename_suggest::suggest(renamed, to, sides);
    let equal = (own_from && own_to).then(|| EqualTables { from: from_arg, to: to_arg, equal: std::mem::take(&mut ctx.tables.equal) });
    (DiffResult { changes: ctx.changes, suggestions }, equal)
}

/// State shared by the per-object differs.
pub(crate) struct DiffContext<'a> {
    /// The FROM schema with renames already applied.
    pub from: &'a Schema,
    pub to: &'a Schema,
    pub target: Target,
    pub changes: Vec<Change>,
    /// The partitions of each table of `from` (in name order), made on first use: asking for
    /// one parent's does not walk every table.
    partitions: std::cell::OnceCell<std::collections::HashMap<&'a crate::model::QName, Vec<&'a crate::model::Table>>>,
    /// What `diff_tables` found, for the walks after it that need only the tables it did not
    /// find equal.
    pub tables: TableSides<'a>,
    /// `TableSides::equal` of a diff of the same two schemas the other way (`diff_both_ways`).
    pub known_equal: Option<&'a [bool]>,
}

/// The tables of `from` and `to` by how `diff_tables` found them, each list in name order.
#[derive(Debug, Default)]
pub(crate) struct TableSides<'a> {
    /// On both sides and not equal (or not settled by equality: `tables::unchanged_alone`).
    pub changed: Vec<&'a crate::model::QName>,
    /// Only in `to`.
    pub added: Vec<&'a crate::model::QName>,
    /// Only in `from`.
    pub dropped: Vec<&'a crate::model::QName>,
    /// For each table on both sides, in name order: found equal (`tables::unchanged_alone`).
    pub equal: Vec<bool>,
}

impl<'a> DiffContext<'a> {
    pub fn push(&mut self, c: Change) {
        self.changes.push(c);
    }

    /// The tables of `from` that are partitions of `parent` (`PARTITION OF`), in name order.
    pub fn partitions_in_from(&self, parent: &crate::model::QName) -> &[&'a crate::model::Table] {
        let from = self.from;
        let map = self.partitions.get_or_init(|| {
            let mut map: std::collections::HashMap<_, Vec<_>> = std::collections::HashMap::new();
            for t in from.tables.values() {
                if let Some(p) = &t.options.partition_of {
                    map.entry(&p.parent).or_default().push(t);
                }
            }
            map
        });
        map.get(parent).map(Vec::as_slice).unwrap_or_default()
    }
}

#[cfg(test)]
mod history_renames_tests;
#[cfg(test)]
mod renames_tests;
#[cfg(test)]
mod sequence_renames_tests;
#[cfg(test)]
mod tests;

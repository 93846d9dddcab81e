//! Renames written as statements (`ALTER TABLE t RENAME COLUMN a TO b`, `RENAME TO`, MySQL
//! `CHANGE a b ...` and `RENAME TABLE`, `ALTER INDEX ... RENAME TO`, `RENAME CONSTRAINT`/`INDEX`):
//! what a migration history says became of an object, kept in `Schema.renamed` for the differ.
//!
//! Diffing a history against an older schema without them would drop the old column and add the
//! new one: the rows' values gone while the SQL looks normal. With them the differ renames, as
//! the history did (`diff::renames`, `Source::Statement`).
//!
//! One record per object, under its current names: a chain (`a` → `b` → `c`) is one rename
//! `a` → `c`; a rename back removes it; a table rename carries its columns' records along. A
//! column or table dropped after its rename takes its record with it, so a later object of the
//! same name is never mistaken for the renamed one. A history's `USING` conversions
//! (`conversions.rs`) and added columns' first defaults (`added_defaults.rs`) follow the same
//! renames and drops.

use super::State;
use crate::model::{QName, RenameHint, RenameKind, Table, ValueRename};

/// `table`'s `kind` object `from` (its name now) is renamed `to` by the statement at `at`.
pub fn object(st: &mut State, kind: RenameKind, table: &QName, from: &str, to: &str, at: (usize, usize)) {
    if kind == RenameKind::Column {
        for c in st.schema.conversions.iter_mut().filter(|c| c.table == *table && c.column == from) {
            c.column = to.to_string();
        }
        for b in st.schema.backfills.iter_mut().filter(|b| b.table == *table && b.column == from) {
            b.column = to.to_string();
        }
    }
    let list = &mut st.schema.renamed;
    match list.iter().position(|h| h.kind == kind && h.table == *table && h.to == from) {
        Some(i) if list[i].from == to => {
            list.remove(i);
        }
        Some(i) => list[i].to = to.to_string(),
        None => list.push(RenameHint { kind, table: table.clone(), from: from.to_string(), to: to.to_string(), at: Some(at) }),
    }
}

/// Table `old` is now `new` (`RENAME TO`, `RENAME TABLE`, `SET SCHEMA`).
pub fn table(st: &mut State, old: &QName, new: &QName, at: (usize, usize)) {
    for c in st.schema.conversions.iter_mut().filter(|c| c.table == *old) {
        c.table = new.clone();
    }
    for b in st.schema.backfills.iter_mut().filter(|b| b.table == *old) {
        b.table = new.clone();
    }
    let list = &mut st.schema.renamed;
    for h in list.iter_mut().filter(|h| !matches!(h.kind, RenameKind::Table | RenameKind::Sequence) && h.table == *old) {
        h.table = new.clone();
    }
    relation(list, RenameKind::Table, old, new, at);
}

/// Sequence `old` is now `new` (`ALTER SEQUENCE ... RENAME TO`, `SET SCHEMA`).
pub fn sequence(st: &mut State, old: &QName, new: &QName, at: (usize, usize)) {
    relation(&mut st.schema.renamed, RenameKind::Sequence, old, new, at);
}

/// A table's or a sequence's record: a chain is one rename, a rename back none.
fn relation(list: &mut Vec<RenameHint>, kind: RenameKind, old: &QName, new: &QName, at: (usize, usize)) {
    match list.iter().position(|h| h.kind == kind && h.table == *old) {
        Some(i) => {
            let first = RenameHint::old_table(&list[i].from, old);
            if first == *new {
                list.remove(i);
            } else {
                list[i].from = RenameHint::table_from(&first, new);
                list[i].table = new.clone();
                list[i].to = new.name.clone();
            }
        }
        None => {
            list.push(RenameHint { kind, table: new.clone(), from: RenameHint::table_from(old, new), to: new.name.clone(), at: Some(at) })
        }
    }
}

/// Enum `ty`'s label `from` (its label now) is renamed `to`.
pub fn value(st: &mut State, ty: &QName, from: &str, to: &str) {
    let list = &mut st.schema.renamed_values;
    match list.iter().position(|v| v.ty == *ty && v.to == from) {
        Some(i) if list[i].from == to => {
            list.remove(i);
        }
        Some(i) => list[i].to = to.to_string(),
        None => list.push(ValueRename { ty: ty.clone(), from: from.to_string(), to: to.to_string() }),
    }
}

/// After a `DROP` action on `table`: a column rename that ended in a column it no longer has is
/// void.
pub fn dropped_columns(st: &mut State, table: &Table) {
    st.schema.renamed.retain(|h| h.kind != RenameKind::Column || h.table != table.name || table.column(&h.to).is_some());
    st.schema.conversions.retain(|c| c.table != table.name || table.column(&c.column).is_some());
    st.schema.backfills.retain(|b| b.table != table.name || table.column(&b.column).is_some());
}

/// Table `name` was dropped (or replaced by a later `CREATE TABLE`): the renames of it and of
/// its columns, indexes and constraints are void. Also for a sequence dropped.
pub fn dropped_table(st: &mut State, name: &QName) {
    st.schema.renamed.retain(|h| h.table != *name);
    st.schema.conversions.retain(|c| c.table != *name);
    st.schema.backfills.retain(|b| b.table != *name);
}

//! PostgreSQL partitions carry what their parent declares: NOT NULL columns, check and foreign
//! key constraints (under the parent's names), primary key and unique constraints and indexes
//! (under names chosen for the partition, `p1_pkey`, `p1_a_key`, `p1_a_idx`). pg_dump spells
//! these out on each partition while hand-written DDL leaves them implicit: this pass makes the
//! implicit ones explicit so both compare equal. A partition's index or key copying its
//! parent's is *attached* to it (`Index::attached`, `IndexParams::attached`), as the engine
//! records it: `CREATE INDEX ... ON ONLY` and `ALTER TABLE ONLY ... ADD PRIMARY KEY` attach
//! nothing on the partitions already there, `ALTER INDEX ... ATTACH PARTITION` attaches one.

use super::name_index::NameIndex;
use super::names::{pg_choose, pg_taken};
use super::State;
use crate::model::{Constraint, ConstraintKind, Index, QName, Schema, Table};
use std::collections::BTreeSet;

/// An index of a partition that matches its parent's index `ix` (PostgreSQL attaches it
/// rather than build another).
fn same_index(x: &Index, ix: &Index) -> bool {
    x.elems == ix.elems && x.unique == ix.unique && x.predicate == ix.predicate && x.method == ix.method && x.include == ix.include
}

/// A unique btree index on plain columns, which the index of a key on the same columns matches.
fn plain_unique(ix: &Index) -> bool {
    ix.unique
        && ix.predicate.is_none()
        && ix.include.is_empty()
        && ix.method.as_deref().is_none_or(|m| m.eq_ignore_ascii_case("btree"))
        && ix.elems.iter().all(|e| !e.is_expr && !e.desc && e.nulls_first.is_none() && e.collation.is_none() && e.opclass.is_none())
}

fn is_key(k: &Constraint) -> bool {
    matches!(k.kind, ConstraintKind::PrimaryKey { .. } | ConstraintKind::Unique { .. })
}

/// Whether some index or key of `child` is attached to the parent's index `name`.
pub fn has_attached(child: &Table, name: &str) -> bool {
    child.indexes.iter().any(|x| x.attached.as_deref() == Some(name))
        || child.constraints.iter().any(|k| k.index.attached.as_deref() == Some(name))
}

/// Give `child` an index attached to its parent's index `ix`, as PostgreSQL does when the index
/// is created on the parent (without `ONLY`) or the partition is created or attached: a
/// matching index not attached yet (its own, or the one behind a key on the same columns) is
/// attached, else one is created under a name chosen for the partition. Returns the index
/// created, if any.
fn attach_index(schema: &Schema, names: &mut NameIndex, child: &mut Table, ix: &Index) -> Option<Index> {
    if has_attached(child, &ix.name) {
        return None;
    }
    if let Some(x) = child.indexes.iter_mut().find(|x| x.attached.is_none() && same_index(x, ix)) {
        x.attached = Some(ix.name.clone());
        return None;
    }
    if plain_unique(ix) {
        let cols = ix.elems.iter().map(|e| &e.expr);
        if let Some(k) =
            child.constraints.iter_mut().find(|k| is_key(k) && k.index.attached.is_none() && k.kind.columns().iter().eq(cols.clone()))
        {
            k.index.attached = Some(ix.name.clone());
            return None;
        }
    }
    let mut nix = ix.clone();
    nix.attached = Some(ix.name.clone());
    nix.name = pg_choose(&child.name.name, &super::index::name_parts(ix), "idx", |n| pg_taken(schema, names, child, n));
    names.note(&child.name, &nix.name);
    child.indexes.push(nix.clone());
    Some(nix)
}

/// Give `child` a key attached to its parent's primary key or unique constraint `k`: one on
/// the same columns not attached yet, else a new one named for the partition.
fn attach_key(schema: &Schema, names: &mut NameIndex, child: &mut Table, k: &Constraint) {
    let Some(name) = k.name.as_deref() else { return };
    if has_attached(child, name) {
        return;
    }
    let primary = matches!(k.kind, ConstraintKind::PrimaryKey { .. });
    if let Some(x) = child.constraints.iter_mut().find(|x| {
        x.index.attached.is_none()
            && matches!(x.kind, ConstraintKind::PrimaryKey { .. }) == primary
            && is_key(x)
            && x.kind.columns() == k.kind.columns()
    }) {
        x.index.attached = Some(name.to_string());
        return;
    }
    if primary && child.primary_key().is_some() {
        // Another primary key: the engine refuses the parent's (the schema did not apply).
        return;
    }
    let mut nk = k.clone();
    nk.index.attached = Some(name.to_string());
    let t = child.name.name.clone();
    let n = match &k.kind {
        ConstraintKind::Unique { columns, .. } => pg_choose(&t, columns, "key", |n| pg_taken(schema, names, child, n)),
        _ => pg_choose(&t, &[], "pkey", |n| pg_taken(schema, names, child, n)),
    };
    names.note(&child.name, &n);
    nk.name = Some(n);
    child.constraints.push(nk);
}

/// `CREATE TABLE ... PARTITION OF`: PostgreSQL builds a copy of each of the parent's indexes on
/// the new partition, attached to it, before the partition's own keys and indexes (so one of
/// those matching the parent's index does not stand in for the copy, as it does when a table
/// is attached by `ATTACH PARTITION`, see `propagate`).
pub fn clone_parent_indexes(st: &mut State, child: &QName) {
    let Some(parent) = st.schema.tables.get(child).and_then(|t| t.options.partition_of.as_ref()).map(|p| p.parent.clone()) else {
        return;
    };
    let Some(indexes) = st.schema.tables.get(&parent).map(|p| p.indexes.clone()) else { return };
    let Some(mut c) = st.schema.tables.get(child).cloned() else { return };
    for ix in &indexes {
        if !has_attached(&c, &ix.name) {
            let mut nix = ix.clone();
            nix.attached = Some(ix.name.clone());
            nix.name = pg_choose(&c.name.name, &super::index::name_parts(ix), "idx", |n| pg_taken(&st.schema, &mut st.names, &c, n));
            st.names.note(child, &nix.name);
            c.indexes.push(nix);
        }
    }
    st.schema.tables.insert(child.clone(), c);
}

/// The partitions of `parent`.
fn partitions(schema: &Schema, parent: &QName) -> Vec<QName> {
    schema
        .tables
        .values()
        .filter(|t| t.options.partition_of.as_ref().is_some_and(|p| &p.parent == parent))
        .map(|t| t.name.clone())
        .collect()
}

/// `ALTER TABLE parent RENAME COLUMN`: PostgreSQL renames the column in every partition, down
/// the tree (a partition's column cannot be renamed on its own).
pub fn rename_column(st: &mut State, parent: &QName, old: &str, new: &str) {
    for part in partitions(&st.schema, parent) {
        let Some(t) = st.schema.tables.get_mut(&part) else { continue };
        if t.column(old).is_none() {
            continue;
        }
        super::table_edit::rename_column(st.d, t, old, new);
        let sub = t.options.partition_by.is_some();
        super::table_edit::retarget_column(st, &part, old, new);
        if sub {
            rename_column(st, &part, old, new);
        }
    }
}

/// `CREATE INDEX` on a partitioned table (without `ONLY`) gives every existing partition an
/// index attached to it at once, as PostgreSQL does, so that a later statement can name it
/// (`ALTER TABLE p1 ADD PRIMARY KEY USING INDEX p1_a_idx`). Partitions created later get it in
/// `propagate`. With `ONLY` (`only`), the partitions there are now get none: the index stays
/// invalid until `ALTER INDEX ... ATTACH PARTITION` gives each one.
pub fn cascade_index(st: &mut State, parent: &QName, ix: &Index, only: bool) {
    if st.schema.tables.get(parent).is_none_or(|t| t.options.partition_by.is_none()) {
        return;
    }
    for child in partitions(&st.schema, parent) {
        if only {
            st.pg_only.insert((child, ix.name.clone()));
            continue;
        }
        let Some(mut c) = st.schema.tables.get(&child).cloned() else { continue };
        let created = attach_index(&st.schema, &mut st.names, &mut c, ix);
        st.schema.tables.insert(child.clone(), c);
        if let Some(nix) = created {
            cascade_index(st, &child, &nix, false);
        }
    }
}

/// `ALTER TABLE ONLY parent ADD PRIMARY KEY / UNIQUE`: the partitions there are now get no key
/// attached to it (pg_dump adds theirs and attaches them by `ALTER INDEX ... ATTACH PARTITION`).
pub fn only_keys(st: &mut State, parent: &Table, before: &[String]) {
    if parent.options.partition_by.is_none() {
        return;
    }
    let added: Vec<String> =
        parent.constraints.iter().filter(|k| is_key(k)).filter_map(|k| k.name.clone()).filter(|n| !before.contains(n)).collect();
    for child in partitions(&st.schema, &parent.name) {
        for n in &added {
            st.pg_only.insert((child.clone(), n.clone()));
        }
    }
}

/// `ALTER INDEX parent_index ATTACH PARTITION partition_index`.
pub fn attach_partition_index(st: &mut State, parent_index: &QName, index: &QName) -> Result<(), String> {
    let parent = st.names.owner_of(&st.schema, parent_index).ok_or_else(|| format!("unknown index `{parent_index}`"))?;
    let child = st.names.owner_of(&st.schema, index).ok_or_else(|| format!("unknown index `{index}`"))?;
    let Some(t) = st.schema.tables.get_mut(&child) else { return Err(format!("unknown index `{index}`")) };
    if t.options.partition_of.as_ref().is_none_or(|p| p.parent != parent) {
        return Err(format!("index `{index}` is not on a partition of `{parent}`"));
    }
    let to = Some(parent_index.name.clone());
    if let Some(x) = t.indexes.iter_mut().find(|x| x.name == index.name) {
        x.attached = to;
    } else if let Some(k) = t.constraints.iter_mut().find(|k| k.name.as_deref() == Some(index.name.as_str())) {
        k.index.attached = to;
    }
    Ok(())
}

pub fn propagate(st: &mut State) {
    if st.d != crate::Dialect::Postgres {
        return;
    }
    // Parents before their partitions (multi-level partitioning): a few passes settle it.
    for _ in 0..4 {
        let parts: Vec<(QName, QName)> =
            st.schema.tables.values().filter_map(|t| t.options.partition_of.as_ref().map(|p| (t.name.clone(), p.parent.clone()))).collect();
        for (child, parent) in parts {
            let (Some(p), Some(c)) = (st.schema.tables.get(&parent).cloned(), st.schema.tables.get(&child).cloned()) else {
                continue;
            };
            let mut c2 = c.clone();
            inherit(&st.schema, &mut st.names, &st.pg_only, &p, &mut c2);
            if c2 != c {
                st.names.note_table(&c2);
                st.schema.tables.insert(child, c2);
            }
        }
    }
}

/// `ALTER TABLE parent DETACH PARTITION child`: what the partition had from its parent until now
/// (made explicit here: `propagate` only sees partitions) stays as its own; nothing of it is
/// attached to the parent's indexes any more (checked against pg_dump on PostgreSQL 15).
pub fn detach(st: &mut State, parent: &Table, child: &mut Table) {
    inherit(&st.schema, &mut st.names, &st.pg_only, parent, child);
    child.options.partition_of = None;
    for ix in &mut child.indexes {
        ix.attached = None;
    }
    for k in &mut child.constraints {
        k.index.attached = None;
    }
    st.names.note_table(child);
}

fn inherit(schema: &Schema, names: &mut NameIndex, only: &BTreeSet<(QName, String)>, parent: &Table, child: &mut Table) {
    for pc in &parent.columns {
        if let Some(cc) = child.column_mut(&pc.name) {
            cc.nullable &= pc.nullable;
        }
    }
    let me = child.name.clone();
    let skipped = |n: &str| only.contains(&(me.clone(), n.to_string()));
    for k in &parent.constraints {
        if is_key(k) {
            if !k.name.as_deref().is_some_and(skipped) {
                attach_key(schema, names, child, k);
            }
            continue;
        }
        if child.constraint(k.name.as_deref().unwrap_or("")).is_none() {
            child.constraints.push(k.clone());
        }
    }
    for ix in &parent.indexes {
        if !skipped(&ix.name) {
            attach_index(schema, names, child, ix);
        }
    }
    child.canonicalize();
}

#[cfg(test)]
mod tests {
    /// A partition of an unknown parent (a typo: read as a table of no columns, every column of
    /// the partition was dropped) or an unknown strategy is refused by PostgreSQL: an error.
    #[test]
    fn a_partition_of_an_unknown_parent_or_strategy_is_an_error() {
        for (sql, what) in [
            ("CREATE TABLE p (k int) PARTITION BY LIST (k);\nCREATE TABLE c PARTITION OF q FOR VALUES IN (1);", "unknown table `public.q`"),
            ("CREATE TABLE p (k int) PARTITION BY LtST (k);", "expected RANGE, LIST or HASH"),
        ] {
            let p = crate::parse::parse(crate::Dialect::Postgres, sql);
            let e = p.diagnostics.iter().find(|x| x.is_error()).map(|x| x.message.clone());
            assert!(e.as_ref().is_some_and(|m| m.contains(what)), "{sql}: {e:?}");
        }
    }
}

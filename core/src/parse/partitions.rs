//! PostgreSQL partitions carry what their parent declares: NOT NULL columns, check and foreign
//! key constraints (under the parent's names), primary key and unique constraints and indexes
//! (under names chosen for the partition, `p1_pkey`, `p1_a_key`, `p1_a_idx`). pg_dump spells
//! these out on each partition while hand-written DDL leaves them implicit: this pass makes the
//! implicit ones explicit so both compare equal.

use super::name_index::NameIndex;
use super::names::{pg_choose, pg_taken};
use super::State;
use crate::model::{ConstraintKind, Index, QName, Table};

/// An index of a partition that matches its parent's index `ix`.
fn same_index(x: &Index, ix: &Index) -> bool {
    x.elems == ix.elems && x.unique == ix.unique && x.predicate == ix.predicate && x.method == ix.method && x.include == ix.include
}

/// Does `child` already have an index matching its parent's `ix`: one of its own, or the one
/// behind its primary key or unique constraint on the same columns (PostgreSQL attaches that
/// index rather than build another)?
fn has_matching_index(child: &Table, ix: &Index) -> bool {
    if child.indexes.iter().any(|x| same_index(x, ix)) {
        return true;
    }
    let plain = ix.unique
        && ix.predicate.is_none()
        && ix.include.is_empty()
        && ix.method.as_deref().is_none_or(|m| m.eq_ignore_ascii_case("btree"))
        && ix.elems.iter().all(|e| !e.is_expr && !e.desc && e.nulls_first.is_none() && e.collation.is_none() && e.opclass.is_none());
    plain
        && child.constraints.iter().any(|k| {
            matches!(k.kind, ConstraintKind::PrimaryKey { .. } | ConstraintKind::Unique { .. })
                && k.kind.columns().iter().eq(ix.elems.iter().map(|e| &e.expr))
        })
}

/// `CREATE INDEX` on a partitioned table (without `ONLY`) creates the index on every existing
/// partition at once, as PostgreSQL does, so that a later statement can name it (`ALTER TABLE
/// p1 ADD PRIMARY KEY USING INDEX p1_a_idx`). Partitions created later get it in `propagate`.
pub fn cascade_index(st: &mut State, parent: &QName, ix: &Index) {
    if st.schema.tables.get(parent).is_none_or(|t| t.options.partition_by.is_none()) {
        return;
    }
    let children: Vec<QName> = st
        .schema
        .tables
        .values()
        .filter(|t| t.options.partition_of.as_ref().is_some_and(|p| &p.parent == parent))
        .map(|t| t.name.clone())
        .collect();
    for child in children {
        let Some(mut c) = st.schema.tables.get(&child).cloned() else { continue };
        if has_matching_index(&c, ix) {
            continue;
        }
        let mut nix = ix.clone();
        let parts = super::index::name_parts(ix);
        nix.name = pg_choose(&child.name, &parts, "idx", |n| pg_taken(&st.schema, &mut st.names, &c, n));
        st.names.note(&child, &nix.name);
        c.indexes.push(nix.clone());
        st.schema.tables.insert(child.clone(), c);
        cascade_index(st, &child, &nix);
    }
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
            inherit(&st.schema, &mut st.names, &p, &mut c2);
            if c2 != c {
                st.names.note_table(&c2);
                st.schema.tables.insert(child, c2);
            }
        }
    }
}

fn inherit(schema: &crate::model::Schema, names: &mut NameIndex, parent: &Table, child: &mut Table) {
    for pc in &parent.columns {
        if let Some(cc) = child.column_mut(&pc.name) {
            cc.nullable &= pc.nullable;
        }
    }
    for k in &parent.constraints {
        let present = match &k.kind {
            ConstraintKind::PrimaryKey { .. } => child.primary_key().is_some(),
            ConstraintKind::Unique { columns, .. } => {
                child.constraints.iter().any(|x| matches!(&x.kind, ConstraintKind::Unique { columns: c, .. } if c == columns))
            }
            _ => child.constraint(k.name.as_deref().unwrap_or("")).is_some(),
        };
        if present {
            continue;
        }
        let mut nk = k.clone();
        let t = child.name.name.clone();
        match &k.kind {
            ConstraintKind::PrimaryKey { .. } => nk.name = Some(pg_choose(&t, &[], "pkey", |n| pg_taken(schema, names, child, n))),
            ConstraintKind::Unique { columns, .. } => nk.name = Some(pg_choose(&t, columns, "key", |n| pg_taken(schema, names, child, n))),
            _ => {}
        }
        child.constraints.push(nk);
    }
    for ix in &parent.indexes {
        if has_matching_index(child, ix) {
            continue;
        }
        let mut nix = ix.clone();
        nix.name = pg_choose(&child.name.name, &super::index::name_parts(ix), "idx", |n| pg_taken(schema, names, child, n));
        child.indexes.push(nix);
    }
    child.canonicalize();
}

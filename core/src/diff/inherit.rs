//! PostgreSQL inheritance and partitions: a column added to, dropped from or altered on a
//! parent table is added, dropped or altered on its children (inheritance children and
//! partitions) by the engine itself. The child's own change is then not emitted: repeating it
//! fails ("column already exists", "cannot add column to a partition").

use super::DiffContext;
use crate::model::{Column, QName, Table};

fn parents(old: &Table, new: &Table) -> Vec<QName> {
    let mut out: Vec<QName> = old.options.inherits.iter().chain(&new.options.inherits).cloned().collect();
    out.extend(old.options.partition_of.iter().chain(&new.options.partition_of).map(|p| p.parent.clone()));
    out.sort();
    out.dedup();
    out
}

/// Whether the change of column `name` from `before` to `after` (either may be absent) on the
/// child table is what a parent's own change of that column does to it.
pub(super) fn carried_by_parent(
    ctx: &DiffContext<'_>,
    old: &Table,
    new: &Table,
    name: &str,
    before: Option<&Column>,
    after: Option<&Column>,
) -> bool {
    let same = |a: Option<&Column>, b: Option<&Column>| match (a, b) {
        (None, None) => true,
        (Some(a), Some(b)) => {
            let mut a = a.clone();
            a.comment = b.comment.clone();
            a.inherited = b.inherited;
            a.same_definition(b)
        }
        _ => false,
    };
    parents(old, new).iter().any(|p| {
        let (Some(pf), Some(pt)) = (ctx.from.tables.get(p), ctx.to.tables.get(p)) else { return false };
        let (pb, pa) = (pf.column(name), pt.column(name));
        !same(pb, pa) && same(pb, before) && same(pa, after)
    })
}

/// The child's column `before` as a parent's change of column `name` leaves it, when a parent
/// changes it and the child changes it in more ways (its own NOT NULL, default): the engine
/// alters the child's type and collation with the parent's (a partition's own `ALTER COLUMN
/// TYPE` fails: "cannot alter inherited column"), and its NOT NULL when the parent's changes.
pub(super) fn carried_part(ctx: &DiffContext<'_>, old: &Table, new: &Table, name: &str, before: &Column) -> Option<Column> {
    parents(old, new).iter().find_map(|p| {
        let (pb, pa) = (ctx.from.tables.get(p)?.column(name)?, ctx.to.tables.get(p)?.column(name)?);
        if pb.data_type == pa.data_type && pb.collation == pa.collation && pb.nullable == pa.nullable {
            return None;
        }
        let mut c = before.clone();
        c.data_type = pa.data_type.clone();
        c.collation = pa.collation.clone();
        if pb.nullable != pa.nullable {
            c.nullable = pa.nullable;
        }
        Some(c)
    })
}

/// Whether the change of column `name` (either side may be absent) on a typed table is what
/// the `ALTER TYPE ... ATTRIBUTE ... CASCADE` of its type does to it.
pub(super) fn carried_by_type(
    ctx: &DiffContext<'_>,
    old: &Table,
    new: &Table,
    before: Option<&Column>,
    after: Option<&Column>,
    name: &str,
) -> bool {
    let (Some(a), Some(b)) = (&old.options.of_type, &new.options.of_type) else { return false };
    if a != b {
        return false;
    }
    let attr = |s: &crate::model::Schema| match s.types.get(a) {
        Some(crate::model::UserType::Composite { attributes, .. }) => {
            attributes.iter().find(|a| a.name == name).map(|a| (a.data_type.clone(), a.collation.clone()))
        }
        _ => None,
    };
    let (from, to) = (attr(ctx.from), attr(ctx.to));
    let of = |c: &Column| (c.data_type.clone(), c.collation.clone());
    from != to && before.map(of) == from && after.map(of) == to
}

/// The column `name` that a parent adds in this migration, as the engine then adds it to the
/// child (a child may declare it differently, e.g. NOT NULL for its own primary key: that
/// difference is then an alteration of the child's column, not a second ADD COLUMN).
pub(super) fn added_by_parent(ctx: &DiffContext<'_>, old: &Table, new: &Table, name: &str) -> Option<Column> {
    parents(old, new).iter().find_map(|p| {
        let (pf, pt) = (ctx.from.tables.get(p)?, ctx.to.tables.get(p)?);
        if pf.column(name).is_some() {
            return None;
        }
        pt.column(name).cloned()
    })
}

/// Whether the partition's column `name` goes with its parent's, dropped in this migration (a
/// partition has no columns of its own; an inheritance child may, so it is not covered here).
pub(super) fn dropped_by_partition_parent(ctx: &DiffContext<'_>, old: &Table, new: &Table, name: &str) -> bool {
    let (Some(po), Some(pn)) = (&old.options.partition_of, &new.options.partition_of) else { return false };
    if po.parent != pn.parent {
        return false;
    }
    let (Some(pf), Some(pt)) = (ctx.from.tables.get(&po.parent), ctx.to.tables.get(&po.parent)) else { return false };
    pf.column(name).is_some() && pt.column(name).is_none()
}

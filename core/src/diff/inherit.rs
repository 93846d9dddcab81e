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

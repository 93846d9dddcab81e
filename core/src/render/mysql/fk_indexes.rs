//! MySQL/MariaDB: the index a foreign key needs, handed over to another index.
//!
//! InnoDB refuses to drop the only index a foreign key can use (ERROR 1553), so an index that
//! gives way to another one for a foreign key that stays is dropped in the statement that adds
//! its replacement: `ALTER TABLE t ADD INDEX new (...), DROP INDEX old`. (When the old index is
//! the one the engine created for the key, a plain `CREATE INDEX new` would drop it too; the
//! one statement is right either way.)

use super::keys::sides;
use crate::model::{ConstraintKind, Index, QName, Table};
use crate::render::RenderContext;

/// Whether `index` can serve a foreign key on `columns` (they are its leading plain columns).
fn serves(index: &Index, columns: &[String]) -> bool {
    !columns.is_empty()
        && index.elems.len() >= columns.len()
        && index.elems.iter().zip(columns).all(|(e, c)| !e.is_expr && e.prefix_len.is_none() && e.expr.eq_ignore_ascii_case(c))
}

/// Whether a key constraint (primary key, unique) of `t` serves `columns`.
fn served_by_key(t: &Table, columns: &[String]) -> bool {
    t.constraints.iter().any(|c| match &c.kind {
        ConstraintKind::PrimaryKey { columns: k } | ConstraintKind::Unique { columns: k, .. } => {
            k.len() >= columns.len() && k.iter().zip(columns).all(|(a, b)| a.eq_ignore_ascii_case(b))
        }
        _ => false,
    })
}

/// The new index that takes over from `old`, dropped, for a foreign key present before and
/// after that nothing else kept can serve.
pub(super) fn replacement(table: &QName, old: &Index, ctx: &RenderContext<'_>) -> Option<Index> {
    let (Some(from), Some(to)) = sides(table, ctx) else { return None };
    if to.index(&old.name).is_some() {
        return None;
    }
    for fk in &to.constraints {
        let ConstraintKind::ForeignKey { columns, .. } = &fk.kind else { continue };
        let kept_fk = from.constraints.iter().any(|c| c.name == fk.name && c.kind == fk.kind);
        if !kept_fk || !serves(old, columns) || served_by_key(&from, columns) || served_by_key(to, columns) {
            continue;
        }
        let kept_other = from.indexes.iter().any(|i| i.name != old.name && serves(i, columns) && to.index(&i.name) == Some(i));
        if kept_other {
            continue;
        }
        let new = to
            .indexes
            .iter()
            .find(|n| from.index(&n.name).is_none() && serves(n, columns) && n.columns().all(|c| from.column(c).is_some()));
        if let Some(n) = new {
            return Some(n.clone());
        }
    }
    None
}

/// Whether `new` is added by the statement that drops the index it replaces.
pub(super) fn added_with_drop(table: &QName, new: &Index, ctx: &RenderContext<'_>) -> bool {
    let Some(from) = ctx.from_table(table) else { return false };
    from.indexes.iter().any(|old| replacement(table, old, ctx).as_ref() == Some(new))
}

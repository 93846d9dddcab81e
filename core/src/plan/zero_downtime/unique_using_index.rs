//! PostgreSQL: a UNIQUE or PRIMARY KEY constraint added to a table that already holds rows is
//! built as a unique index `CONCURRENTLY` (non-transactional step, writes go on), then attached
//! with `ADD CONSTRAINT ... USING INDEX` (a brief lock, no build). Partitioned tables keep the
//! plain form (USING INDEX is not supported there).

use super::{derived, existing_plain};
use crate::diff::Change;
use crate::model::{ConstraintKind, Index, IndexElem, QName};
use crate::plan::{Rewrite, Step};
use crate::render::{self, common, RenderContext};

pub(super) fn rewrite(step: &Step, ctx: &RenderContext<'_>) -> Option<Vec<Step>> {
    let Change::AddConstraint { table, constraint } = &step.change else {
        return None;
    };
    let (columns, nulls_not_distinct, kind) = match &constraint.kind {
        ConstraintKind::Unique { columns, nulls_not_distinct } => (columns, *nulls_not_distinct, "UNIQUE"),
        ConstraintKind::PrimaryKey { columns } => (columns, false, "PRIMARY KEY"),
        _ => return None,
    };
    let name = constraint.name.as_ref()?;
    if !existing_plain(ctx, table) || name_in_use(ctx, table, name) {
        return None;
    }
    let t = ctx.q(table);
    let [add] = step.statements.as_slice() else {
        return None;
    };
    if !add.starts_with(&format!("ALTER TABLE {t} ADD CONSTRAINT ")) {
        return None;
    }
    let index = Index {
        name: name.clone(),
        unique: true,
        method: None,
        elems: columns.iter().map(|c| column_elem(c)).collect(),
        // The constraint's own index parameters go to the index it will use.
        include: constraint.index.include.clone(),
        predicate: None,
        kind: None,
        nulls_not_distinct,
        with: constraint.index.with.clone(),
        tablespace: constraint.index.tablespace.clone(),
        comment: None,
        invisible: false,
        attached: None,
    };
    let build = render::pg_index_sql(table, &index, true, ctx);
    let n = ctx.id(name);
    let attach = format!("ALTER TABLE {t} ADD CONSTRAINT {n} {kind} USING INDEX {n}{}", common::deferrable(constraint.deferrable));
    let create_index = Change::CreateIndex { table: table.clone(), index };
    Some(vec![
        derived(step, create_index, vec![build], false, Rewrite::ConcurrentIndex),
        derived(step, step.change.clone(), vec![attach], true, Rewrite::UsingIndex),
    ])
}

fn column_elem(name: &str) -> IndexElem {
    IndexElem { expr: name.to_string(), is_expr: false, collation: None, opclass: None, desc: false, nulls_first: None, prefix_len: None }
}

/// Whether a relation of the table's schema already has the name before the migration (an
/// index about to be dropped, say): then the plain form is kept.
fn name_in_use(ctx: &RenderContext<'_>, table: &QName, name: &str) -> bool {
    ctx.from.tables.values().filter(|t| t.name.schema == table.schema).any(|t| {
        t.name.name == name || t.indexes.iter().any(|i| i.name == name) || t.constraints.iter().any(|c| c.name.as_deref() == Some(name))
    })
}

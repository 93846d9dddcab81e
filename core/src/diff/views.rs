//! Diffing views and materialized views, including views that must be recreated because
//! something they read changes under them (a column's type changes or goes away, a view they
//! read is recreated).

use super::{Change, DiffContext};
use crate::model::{CommentTarget, QName, View};
use std::collections::BTreeSet;

pub(super) fn diff_views(ctx: &mut DiffContext<'_>) {
    let (from, to) = (ctx.from, ctx.to);
    // Tables whose shape changes in a way that invalidates dependent views.
    let mut touched: BTreeSet<QName> = BTreeSet::new();
    for c in &ctx.changes {
        match c {
            Change::AlterColumn { table, from, to }
                if from.data_type != to.data_type || from.collation != to.collation || from.generated != to.generated =>
            {
                touched.insert(table.clone());
            }
            Change::DropColumn { table, .. } | Change::RenameColumn { table, .. } => {
                touched.insert(table.clone());
            }
            Change::RebuildTable { to, .. } => {
                touched.insert(to.name.clone());
            }
            Change::DropTable { table } => {
                touched.insert(table.name.clone());
            }
            Change::RebuildEnum { columns, .. } => {
                touched.extend(columns.iter().map(|(t, _)| t.clone()));
            }
            _ => {}
        }
    }
    // Views to recreate: changed definitions, and (transitively) views reading touched objects.
    let mut recreate: BTreeSet<QName> = BTreeSet::new();
    for (name, v) in &from.views {
        if let Some(nv) = to.views.get(name) {
            if !same_view(v, nv) || v.depends_on.iter().any(|d| touched.contains(d)) {
                recreate.insert(name.clone());
            }
        }
    }
    loop {
        let before = recreate.len();
        for (name, v) in &from.views {
            let reads_recreated =
                v.depends_on.iter().any(|d| recreate.contains(d) || (from.views.contains_key(d) && !to.views.contains_key(d)));
            if to.views.contains_key(name) && reads_recreated {
                recreate.insert(name.clone());
            }
        }
        if recreate.len() == before {
            break;
        }
    }
    for (name, v) in &from.views {
        if !to.views.contains_key(name) || recreate.contains(name) {
            ctx.push(Change::DropView { view: v.clone() });
        }
    }
    for (name, v) in &to.views {
        // Indexes of a materialized view that stays: changed one by one (a recreated view
        // brings its indexes along).
        if let (Some(old), false) = (from.views.get(name), recreate.contains(name)) {
            for i in old.indexes.iter().filter(|i| !v.indexes.contains(i)) {
                ctx.push(Change::DropIndex { table: name.clone(), index: i.clone() });
            }
            for i in v.indexes.iter().filter(|i| !old.indexes.contains(i)) {
                ctx.push(Change::CreateIndex { table: name.clone(), index: i.clone() });
            }
        }
        if let (Some(old), false) = (from.views.get(name), recreate.contains(name)) {
            let cols: BTreeSet<&String> = old.column_comments.keys().chain(v.column_comments.keys()).collect();
            for col in cols.into_iter().filter(|c| old.column_comments.get(*c) != v.column_comments.get(*c)) {
                let target = CommentTarget::Column { table: name.clone(), column: col.clone() };
                ctx.push(Change::SetComment { target, comment: v.column_comments.get(col).cloned() });
            }
        }
        match from.views.get(name) {
            None => ctx.push(Change::CreateView { view: v.clone() }),
            Some(_) if recreate.contains(name) => ctx.push(Change::CreateView { view: v.clone() }),
            Some(old) if old.comment != v.comment => {
                ctx.push(Change::SetComment { target: CommentTarget::view(&v.name, v.materialized), comment: v.comment.clone() })
            }
            _ => {}
        }
    }
}

fn same_view(a: &View, b: &View) -> bool {
    // SQLite keeps a view's name as declared: a respelled one is made again.
    a.spelled == b.spelled
        && a.materialized == b.materialized
        && a.columns == b.columns
        && a.definition == b.definition
        && a.options == b.options
        && a.with_check_option == b.with_check_option
        && a.column_defaults == b.column_defaults
        && a.column_storage == b.column_storage
        && a.storage == b.storage
}

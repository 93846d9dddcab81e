//! The down side of `--preserve-data`: once down has re-created what up removed (the column
//! added back, the type widened back, the table created again), put the backed-up data back
//! and drop the backup. A column that comes back NOT NULL without a default is added
//! nullable, filled, then made NOT NULL (rendered through `render`, like any change). SQLite
//! rebuilds copy the backed-up column inside the rebuild's own INSERT, so a NOT NULL column
//! never sees a NULL.

use super::sql::Sql;
use super::{Preserved, PreservedKind};
use crate::diff::Change;
use crate::model::{Column, Schema, Table};
use crate::plan::Step;
use crate::render::{self, quote, RenderContext};
use crate::{Dialect, Target};

pub(super) fn add_restores(down: &mut [Step], list: &mut [Preserved], before: &Schema, after: &Schema, target: Target) {
    let sql = Sql { d: target.dialect };
    for p in list.iter_mut() {
        if p.note.is_some() {
            continue;
        }
        let Some(old) = before.tables.get(&p.table) else { continue };
        let done = match p.kind {
            PreservedKind::DroppedTable => restore_table(&sql, down, p, old),
            PreservedKind::DroppedColumn | PreservedKind::NarrowedColumn => restore_column(&sql, down, p, old, before, after, target),
        };
        if done {
            p.restored = true;
        } else {
            p.note = Some("down does not re-create it in one step: restore from the backup by hand".to_string());
        }
    }
}

fn restore_table(sql: &Sql, down: &mut [Step], p: &Preserved, old: &Table) -> bool {
    let Some(step) = down.iter_mut().find(|s| matches!(&s.change, Change::CreateTable { table } if table.name == p.table)) else {
        return false;
    };
    let columns: Vec<&Column> = old.columns.iter().filter(|c| c.generated.is_none()).collect();
    step.statements.push(sql.insert_back(&p.table, &p.backup, &columns));
    step.statements.extend(columns.iter().filter_map(|c| sql.reset_sequence(&p.table, c)));
    step.statements.push(sql.drop_backup(&p.backup));
    true
}

fn restore_column(sql: &Sql, down: &mut [Step], p: &Preserved, old: &Table, before: &Schema, after: &Schema, target: Target) -> bool {
    let (Some(name), Some(key)) = (&p.column, &p.key) else { return false };
    let Some(column) = old.column(name) else { return false };
    let untouched: Vec<String> = if sql.d == Dialect::Mysql {
        old.columns.iter().filter(|c| c.on_update.is_some() && c.name != *name).map(|c| c.name.clone()).collect()
    } else {
        Vec::new()
    };
    let update = sql.restore_columns(&p.table, &p.backup, &[column], key, &untouched);
    for step in down.iter_mut() {
        match &step.change {
            Change::AddColumn { table, column: c } if *table == p.table && c.name == *name => {
                let fills_itself = c.identity.is_some() || c.auto_increment || c.serial || c.generated.is_some();
                if !c.nullable && c.default.is_none() && !fills_itself && sql.d != Dialect::Sqlite {
                    // Added nullable, filled, then NOT NULL: rows must get their value first.
                    let ctx = RenderContext::new(target, after, before, false);
                    let nullable = Column { nullable: true, ..c.clone() };
                    let add = render::render(&Change::AddColumn { table: table.clone(), column: nullable.clone() }, &ctx);
                    let set = render::render(&Change::AlterColumn { table: table.clone(), from: nullable, to: c.clone() }, &ctx);
                    let mut statements = add.statements;
                    statements.push(update);
                    statements.extend(set.statements);
                    step.statements = statements;
                } else {
                    step.statements.push(update);
                }
                step.statements.push(sql.drop_backup(&p.backup));
                return true;
            }
            Change::AlterColumn { table, to, .. } if *table == p.table && to.name == *name && p.kind == PreservedKind::NarrowedColumn => {
                step.statements.push(update);
                step.statements.push(sql.drop_backup(&p.backup));
                return true;
            }
            Change::RebuildTable { from, to, renamed_columns } if to.name == p.table && to.column(name).is_some() => {
                let gained = !from.columns.iter().any(|c| {
                    let n = renamed_columns.iter().find(|(o, _)| *o == c.name).map(|(_, n)| n.as_str()).unwrap_or(&c.name);
                    n == name
                });
                let live_names: Vec<String> = key
                    .columns
                    .iter()
                    .map(|k| renamed_columns.iter().find(|(_, n)| n == k).map(|(o, _)| o.clone()).unwrap_or_else(|| k.clone()))
                    .collect();
                let lookup = sql.lookup_expr(&from.name, &p.backup, column, key, &live_names);
                let spliced = gained && splice_rebuild_insert(&mut step.statements, &from.name, &to.name, name, &lookup, sql.d);
                if !spliced {
                    step.statements.push(update);
                }
                step.statements.push(sql.drop_backup(&p.backup));
                return true;
            }
            _ => {}
        }
    }
    false
}

/// Add `column = lookup` to the SQLite rebuild's `INSERT INTO "_new_t" (...) SELECT ... FROM
/// "t"` (see `render/sqlite/rebuild.rs`). False when the statement is not there (no column
/// was copied).
fn splice_rebuild_insert(
    statements: &mut [String],
    live: &crate::model::QName,
    to: &crate::model::QName,
    column: &str,
    lookup: &str,
    d: Dialect,
) -> bool {
    let temp = crate::model::QName::new(to.schema.clone(), format!("_new_{}", to.name));
    let prefix = format!("INSERT INTO {} (", quote::qname(d, &temp));
    let suffix = format!(" FROM {}", quote::qname(d, live));
    for s in statements.iter_mut() {
        if !s.starts_with(&prefix) || !s.ends_with(&suffix) {
            continue;
        }
        let body = crate::text::between(s, prefix.len(), s.len() - suffix.len());
        let Some(at) = body.find(") SELECT ") else { return false };
        let (targets, sources) = (crate::text::upto(body, at), crate::text::from(body, at + ") SELECT ".len()));
        *s = format!("{prefix}{targets}, {}) SELECT {sources}, {lookup}{suffix}", quote::ident(d, column));
        return true;
    }
    false
}

//! MariaDB system-versioned tables: `ALTER TABLE` on one fails (ERROR 4119) unless the session
//! allows it with `system_versioning_alter_history = KEEP` (MariaDB manual, System-Versioned
//! Tables, "Altering a System-Versioned Table"): the history rows are kept as they are. The
//! risk rule `mysql-system-versioning` says what that means for them.

use crate::diff::Change;
use crate::model::{Column, ConstraintKind, QName, Table};
use crate::render::{RenderContext, Rendered};

/// The statement that lets the session alter a system-versioned table.
pub const KEEP_HISTORY: &str = "SET SESSION system_versioning_alter_history = KEEP";

/// `r` preceded by `KEEP_HISTORY` when `change` alters a table that is system-versioned before it.
pub(super) fn keep_history(change: &Change, r: Rendered, ctx: &RenderContext<'_>) -> Rendered {
    use Change::*;
    let alters = matches!(
        change,
        AddColumn { .. }
            | DropColumn { .. }
            | RenameColumn { .. }
            | AlterColumn { .. }
            | AddConstraint { .. }
            | DropConstraint { .. }
            | RenameConstraint { .. }
            | CreateIndex { .. }
            | DropIndex { .. }
            | RenameIndex { .. }
            | SetTableComment { .. }
            | AlterTableOptions { .. }
    );
    let versioned = change.table().and_then(|t| ctx.from_table(t)).map(|t| t.options.system_versioning).unwrap_or(false);
    if !alters || !versioned || !ctx.target.system_versioning() || r.statements.is_empty() {
        return r;
    }
    let mut statements = vec![KEEP_HISTORY.to_string()];
    statements.extend(r.statements);
    Rendered { statements, transactional: r.transactional }
}

/// The ROW START/END columns of a table (MariaDB explicit period columns).
fn row_columns(t: &Table) -> Vec<&crate::model::Column> {
    t.columns.iter().filter(|c| c.row_time.is_some()).collect()
}

/// `Some(true)` when `table` becomes system-versioned with explicit period columns, `Some(false)`
/// when it stops being so: the columns, the period and the versioning change in one statement.
pub(super) fn explicit_period_change(table: &QName, ctx: &RenderContext<'_>) -> Option<bool> {
    let from = ctx.from_table(table)?;
    let to = ctx.to_table(table)?;
    match (from.options.system_versioning, to.options.system_versioning) {
        (false, true) if !row_columns(to).is_empty() => Some(true),
        (true, false) if !row_columns(&from).is_empty() => Some(false),
        _ => None,
    }
}

/// Changes that the one versioning statement makes: adding or dropping the period columns, and
/// the keys MariaDB extends with (or frees from) the ROW END column.
pub(super) fn made_by_versioning(change: &Change, ctx: &RenderContext<'_>) -> bool {
    use Change::*;
    let Some(table) = change.table() else { return false };
    let Some(gains) = explicit_period_change(table, ctx) else { return false };
    match change {
        AddColumn { column, .. } => gains && column.row_time.is_some(),
        // `WITHOUT SYSTEM VERSIONING` needs a versioned table: set after the versioning.
        AlterColumn { from, to, .. } => gains && to.without_versioning && *from == Column { without_versioning: false, ..to.clone() },
        DropColumn { column, .. } => !gains && column.row_time.is_some(),
        AddConstraint { constraint, .. } | DropConstraint { constraint, .. } => {
            let (Some(from), Some(to)) = (ctx.from_table(table), ctx.to_table(table)) else { return false };
            let ends: Vec<&str> =
                from.columns.iter().chain(&to.columns).filter(|c| c.row_time.as_deref() == Some("END")).map(|c| c.name.as_str()).collect();
            let strip = |k: &ConstraintKind| -> Option<Vec<String>> {
                match k {
                    ConstraintKind::PrimaryKey { columns } | ConstraintKind::Unique { columns, .. } => {
                        Some(columns.iter().filter(|c| !ends.contains(&c.as_str())).cloned().collect())
                    }
                    _ => None,
                }
            };
            let Some(mine) = strip(&constraint.kind) else { return false };
            // The same key on the other side, but for the ROW END column.
            let other = if matches!(change, AddConstraint { .. }) { &from } else { to };
            other
                .constraints
                .iter()
                .any(|o| o.name == constraint.name && o.kind != constraint.kind && strip(&o.kind).as_ref() == Some(&mine))
        }
        _ => false,
    }
}

/// The versioning statements of a table gaining or losing explicit period columns.
pub(super) fn versioning_statements(table: &QName, gains: bool, ctx: &RenderContext<'_>) -> Option<Vec<String>> {
    let t = ctx.q(table);
    if gains {
        let to = ctx.to_table(table)?;
        let mut parts: Vec<String> = row_columns(to)
            .iter()
            .map(|c| format!("ADD COLUMN {}{}", super::table::column_def(table, c, ctx), super::table::position(table, &c.name, ctx)))
            .collect();
        if let Some((_, s, e)) = to.options.periods.iter().find(|p| p.0 == "SYSTEM_TIME") {
            parts.push(format!("ADD PERIOD FOR SYSTEM_TIME ({}, {})", ctx.id(s), ctx.id(e)));
        }
        parts.push("ADD SYSTEM VERSIONING".into());
        let mut out = vec![format!("ALTER TABLE {t} {}", parts.join(", "))];
        let from = ctx.from_table(table)?;
        for c in to.columns.iter().filter(|c| c.without_versioning) {
            if from.column(&c.name).is_some_and(|f| *f == Column { without_versioning: false, ..c.clone() }) {
                out.push(KEEP_HISTORY.to_string());
                let def = super::table::column_def(table, c, ctx);
                out.push(format!("ALTER TABLE {t} MODIFY COLUMN {def}{}", super::table::position(table, &c.name, ctx)));
            }
        }
        Some(out)
    } else {
        let from = ctx.from_table(table)?;
        let mut parts = vec!["DROP SYSTEM VERSIONING".to_string()];
        parts.extend(row_columns(&from).iter().map(|c| format!("DROP COLUMN {}", ctx.id(&c.name))));
        if from.options.periods.iter().any(|p| p.0 == "SYSTEM_TIME") {
            parts.push("DROP PERIOD FOR SYSTEM_TIME".into());
        }
        Some(vec![format!("ALTER TABLE {t} {}", parts.join(", "))])
    }
}

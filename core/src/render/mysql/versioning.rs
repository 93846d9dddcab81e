//! MariaDB system-versioned tables: `ALTER TABLE` on one fails (ERROR 4119) unless the session
//! allows it with `system_versioning_alter_history = KEEP` (MariaDB manual, System-Versioned
//! Tables, "Altering a System-Versioned Table"): the history rows are kept as they are. The
//! risk rule `mysql-system-versioning` says what that means for them.

use crate::diff::Change;
use crate::render::{RenderContext, Rendered};

/// The statement that lets the session alter a system-versioned table.
pub const KEEP_HISTORY: &str = "SET SESSION system_versioning_alter_history = KEEP";

/// `r` preceded by `KEEP_HISTORY` when `change` alters a table that is system-versioned before it.
pub(super) fn keep_history(change: &Change, r: Rendered, ctx: &RenderContext<'_>) -> Rendered {
    use Change::*;
    let alters = matches!(
        change,
        AddColumn { .. } | DropColumn { .. } | RenameColumn { .. } | AlterColumn { .. } | AddConstraint { .. }
            | DropConstraint { .. } | RenameConstraint { .. } | CreateIndex { .. } | DropIndex { .. }
            | RenameIndex { .. } | SetTableComment { .. } | AlterTableOptions { .. }
    );
    let versioned = change
        .table()
        .and_then(|t| ctx.from_table(t))
        .map(|t| t.options.system_versioning)
        .unwrap_or(false);
    if !alters || !versioned || !ctx.target.mariadb || r.statements.is_empty() {
        return r;
    }
    let mut statements = vec![KEEP_HISTORY.to_string()];
    statements.extend(r.statements);
    Rendered { statements, transactional: r.transactional }
}

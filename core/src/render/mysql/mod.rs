//! MySQL / MariaDB renderer. DDL is not transactional here (each statement commits on its own;
//! `render/script.rs` says so in the header), so steps are never wrapped in transactions.

mod fk_indexes;
mod keys;
mod objects;
mod partitions;
mod table;
mod versioning;

use super::{RenderContext, Rendered};
use crate::diff::Change;

pub(super) fn render(change: &Change, ctx: &RenderContext<'_>) -> Rendered {
    use Change::*;
    if versioning::made_by_versioning(change, ctx) {
        return Rendered::none();
    }
    let r = match change {
        CreateTable { table } => table::create_table(table, ctx),
        DropTable { table } => one(format!("DROP TABLE {}", ctx.q(&table.name))),
        RenameTable { from, to } => one(format!("RENAME TABLE {} TO {}", ctx.q(from), ctx.q(to))),
        AddColumn { table, column } => table::add_column(table, column, ctx),
        DropColumn { table, column } => {
            one(format!("ALTER TABLE {} DROP COLUMN {}", ctx.q(table), ctx.id(&column.name)))
        }
        RenameColumn { table, from, to } => table::rename_column(table, from, to, ctx),
        AlterColumn { table, from, to } => table::alter_column(table, from, to, ctx),
        AddConstraint { table, constraint } => keys::add_constraint(table, constraint, ctx),
        DropConstraint { table, constraint } => keys::drop_constraint(table, constraint, ctx),
        RenameConstraint { table, from, to } => keys::rename_constraint(table, from, to, ctx),
        CreateIndex { table, index } if keys::index_replaced_in_place(table, &index.name, ctx) => Rendered::none(),
        CreateIndex { table, index } if fk_indexes::added_with_drop(table, index, ctx) => Rendered::none(),
        // Added by the statement that replaces the primary key.
        CreateIndex { table, index } if keys::auto_increment_index_with_key(table, ctx).is_some_and(|i| i.name == index.name) => {
            Rendered::none()
        }
        CreateIndex { table, index } => one(table::create_index_sql(table, index, ctx)),
        DropIndex { table, index } => keys::drop_index(table, index, ctx),
        RenameIndex { table, from, to } => table::rename_index(table, from, to, ctx),
        AlterTableOptions { table, from, to } => table::alter_options(table, from, to, ctx),
        SetTableComment { table, comment } => one(format!(
            "ALTER TABLE {} COMMENT = {}",
            ctx.q(table),
            ctx.lit(comment.as_deref().unwrap_or(""))
        )),
        RebuildTable { from, to, .. } => one(format!(
            "-- table rebuild of {} into {} is a SQLite procedure; MySQL alters the table in place",
            from.name, to.name
        )),
        CreateView { view } => objects::create_view(view, ctx),
        DropView { view } => one(format!("DROP VIEW {}", ctx.q(&view.name))),
        CreateFunction { function } => objects::create_function(function, ctx),
        DropFunction { function } => {
            let kind = if function.procedure { "PROCEDURE" } else { "FUNCTION" };
            one(format!("DROP {kind} IF EXISTS {}", ctx.q(&function.name)))
        }
        CreateTrigger { trigger } => one(trigger.definition.trim().trim_end_matches(';').to_string()),
        DropTrigger { trigger } => one(format!("DROP TRIGGER IF EXISTS {}", ctx.id(&trigger.name))),
        CreateEvent { event } => {
            one(format!("CREATE EVENT {} {}", ctx.q(&event.name), event.clauses(|s| ctx.lit(s), false)))
        }
        AlterEvent { from, to } => {
            one(format!("ALTER EVENT {} {}", ctx.q(&from.name), to.clauses(|s| ctx.lit(s), true)))
        }
        DropEvent { event } => one(format!("DROP EVENT IF EXISTS {}", ctx.q(&event.name))),
        CreateNamespace { name } => one(format!("CREATE DATABASE {}", ctx.id(name))),
        DropNamespace { name } => one(format!("DROP DATABASE {}", ctx.id(name))),
        CreateSequence { sequence } if ctx.target.mysql_sequences() => objects::create_sequence(sequence, ctx),
        DropSequence { sequence } if ctx.target.mysql_sequences() => one(format!("DROP SEQUENCE {}", ctx.q(&sequence.name))),
        AlterSequence { from, to } if ctx.target.mysql_sequences() => objects::alter_sequence(from, to, ctx),
        // PostgreSQL-only objects: a MySQL schema never holds them.
        CreateSequence { .. }
        | DropSequence { .. }
        | AlterSequence { .. }
        | CreateExtension { .. }
        | DropExtension { .. }
        | CreateType { .. }
        | DropType { .. }
        | AddEnumValue { .. }
        | RenameEnumValue { .. }
        | RebuildEnum { .. }
        | ReplaceType { .. }
        | SetRowSecurity { .. }
        | AttachIndex { .. }
        | CreatePolicy { .. }
        | DropPolicy { .. }
        | SetComment { .. }
        // A data step's statements are given, not rendered.
        | DataStep { .. } => Rendered::none(),
        // Rendered by `render/opaque.rs` for every dialect (never reaches here).
        CreateOpaque { .. } | DropOpaque { .. } | SetGrant { .. } | SetOwner { .. } => Rendered::none(),
        // Unwrapped by `render::render` (never reaches here).
        Dependent { .. } => Rendered::none(),
        // PostgreSQL re-creates a table whose partitioning changes; these engines never get them.
        HoldRows { .. } | RestoreRows { .. } => Rendered::none(),
    };
    let r = versioning::keep_history(change, r, ctx);
    // No transactional DDL: nothing to group.
    Rendered { statements: r.statements, transactional: r.transactional }
}

pub(super) fn keep_history_statement() -> &'static str {
    versioning::KEEP_HISTORY
}

fn one(s: String) -> Rendered {
    Rendered::tx(vec![s])
}

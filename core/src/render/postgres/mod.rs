//! PostgreSQL renderer: dispatches each `Change` to the file that writes its kind of object.

mod alter;
mod objects;
mod repartition;
mod sequences;
mod serial_identity;
mod storage;
mod table;
mod types;

use super::{RenderContext, Rendered};
use crate::diff::Change;
use crate::model::{CommentTarget, DataType, QName};
use crate::quote;
use crate::Dialect;

/// A routine created again after the planner dropped it (no drop of its old declaration).
pub(super) fn create_function_again(f: &crate::model::Function, ctx: &RenderContext<'_>) -> Rendered {
    objects::create_function_again(f, ctx)
}

pub(super) fn render(change: &Change, ctx: &RenderContext<'_>) -> Rendered {
    use Change::*;
    match change {
        CreateNamespace { name } => Rendered::tx(vec![format!("CREATE SCHEMA {}", ctx.id(name))]),
        DropNamespace { name } => Rendered::tx(vec![format!("DROP SCHEMA {}", ctx.id(name))]),
        CreateExtension { extension } => objects::create_extension(extension, ctx),
        DropExtension { extension } => Rendered::tx(vec![format!("DROP EXTENSION IF EXISTS {}", ctx.id(&extension.name))]),
        CreateType { ty } => types::create_type(ty, ctx),
        DropType { ty } => types::drop_type(ty, ctx),
        RenameEnumValue { name, from, to } => {
            Rendered::tx(vec![format!("ALTER TYPE {} RENAME VALUE {} TO {}", ctx.q(name), ctx.lit(from), ctx.lit(to))])
        }
        AddEnumValue { name, value, before, after } => types::add_enum_value(name, value, before.as_deref(), after.as_deref(), ctx),
        RebuildEnum { from, to, columns } => types::rebuild_enum(from, to, columns, ctx),
        ReplaceType { from, to } => types::replace_type(from, to, ctx),
        // A serial column's sequence trading places with an identity: the column's step.
        CreateSequence { sequence } if serial_identity::created_after_identity(sequence, ctx) => Rendered::none(),
        DropSequence { sequence } if serial_identity::dropped_by_identity(sequence, ctx) => Rendered::none(),
        CreateSequence { sequence } => objects::create_sequence(sequence, ctx),
        DropSequence { sequence } => Rendered::tx(vec![format!("DROP SEQUENCE {}", ctx.q(&sequence.name))]),
        AlterSequence { from, to } => objects::alter_sequence(from, to, ctx),
        CreateTable { table } => table::create_table(table, ctx),
        DropTable { table } => table::drop_table(table, ctx),
        RenameTable { from, to } => table::rename_table(from, to, ctx),
        AddColumn { table, column } => table::add_column(table, column, ctx),
        DropColumn { table, column } => table::drop_column(table, column, ctx),
        RenameColumn { table, from, to } => {
            Rendered::tx(vec![format!("ALTER TABLE {} RENAME COLUMN {} TO {}", ctx.q(table), ctx.id(from), ctx.id(to))])
        }
        AlterColumn { table, from, to } => alter::alter_column(table, from, to, ctx),
        AddConstraint { table, constraint } => table::add_constraint(table, constraint, ctx),
        DropConstraint { table, constraint } => table::drop_constraint(table, constraint, ctx),
        RenameConstraint { table, from, to } => {
            Rendered::tx(vec![format!("ALTER TABLE {} RENAME CONSTRAINT {} TO {}", ctx.q(table), ctx.id(from), ctx.id(to))])
        }
        CreateIndex { table, index } => table::create_index(table, index, ctx),
        AttachIndex { table, index, parent, parent_index } => table::attach_index(table, index, parent, parent_index, ctx),
        DropIndex { table, index } => {
            // A partition's key attached to this index is dropped with it, as the differ planned.
            let cascade = if crate::diff::keys_attached_to(ctx.from, table, &index.name).is_empty() { "" } else { " CASCADE" };
            Rendered::tx(vec![format!(
                "DROP INDEX {}{cascade}",
                ctx.q(&crate::model::QName::new(table.schema.clone(), index.name.clone()))
            )])
        }
        RenameIndex { table, from, to } => Rendered::tx(vec![format!(
            "ALTER INDEX {} RENAME TO {}",
            ctx.q(&crate::model::QName::new(table.schema.clone(), from.clone())),
            ctx.id(to)
        )]),
        AlterTableOptions { table, from, to } => table::alter_options(table, from, to, ctx),
        SetTableComment { table, comment } => {
            Rendered::tx(vec![comment_on(&crate::model::CommentTarget::Table(table.clone()), comment.as_deref(), ctx)])
        }
        RebuildTable { from, to, .. } => table::rebuild_table(from, to, ctx),
        HoldRows { table, holding, detach } => repartition::hold_rows(table, holding, detach, ctx),
        RestoreRows { table, holding, columns } => repartition::restore_rows(table, holding, columns, ctx),
        SetRowSecurity { table, enabled, forced } => objects::set_row_security(table, *enabled, *forced, ctx),
        CreatePolicy { table, policy } => objects::create_policy(table, policy, ctx),
        DropPolicy { table, policy } => Rendered::tx(vec![format!("DROP POLICY {} ON {}", ctx.id(&policy.name), ctx.q(table))]),
        CreateView { view } => objects::create_view(view, ctx),
        DropView { view } => {
            let kind = if view.materialized { "MATERIALIZED VIEW" } else { "VIEW" };
            Rendered::tx(vec![format!("DROP {kind} {}", ctx.q(&view.name))])
        }
        CreateFunction { function } => objects::create_function(function, ctx),
        // Unwrapped by `render::render` (never reaches here).
        Dependent { .. } => Rendered::none(),
        DropFunction { function } => {
            let kind = if function.procedure { "PROCEDURE" } else { "FUNCTION" };
            Rendered::tx(vec![format!("DROP {kind} {}({})", ctx.q(&function.name), function.args)])
        }
        CreateTrigger { trigger } => Rendered::tx(vec![trigger.definition.trim().trim_end_matches(';').to_string()]),
        DropTrigger { trigger } => Rendered::tx(vec![format!("DROP TRIGGER {} ON {}", ctx.id(&trigger.name), ctx.q(&trigger.table))]),
        SetComment { target, comment } => Rendered::tx(vec![comment_on(target, comment.as_deref(), ctx)]),
        // A data step's statements are given, not rendered.
        DataStep { .. } => Rendered::none(),
        // Rendered by `render/opaque.rs` for every dialect (never reaches here).
        CreateOpaque { .. } | DropOpaque { .. } | SetGrant { .. } | SetOwner { .. } => Rendered::none(),
        // Scheduled events are MySQL/MariaDB objects: a PostgreSQL schema never holds them.
        CreateEvent { .. } | DropEvent { .. } | AlterEvent { .. } => Rendered::none(),
    }
}

/// `CREATE [UNIQUE] INDEX [CONCURRENTLY] ...` for one index (the zero-downtime rewrite builds
/// indexes concurrently).
pub(super) fn index_sql(table: &crate::model::QName, index: &crate::model::Index, concurrently: bool, ctx: &RenderContext<'_>) -> String {
    table::index_sql(table, index, concurrently, ctx)
}

/// A column definition as `ADD COLUMN` writes it.
pub(super) fn column_def(column: &crate::model::Column, ctx: &RenderContext<'_>) -> String {
    table::column_def(column, ctx)
}

/// The `USING` cast of a type change (`None` when the assignment cast is right).
pub(super) fn using_cast(col: &str, from: &DataType, to: &DataType) -> Option<String> {
    alter::using_cast(col, from, to)
}

/// `COMMENT ON <target> IS '...'` (or `IS NULL` to remove it).
pub(super) fn comment_on(target: &CommentTarget, comment: Option<&str>, ctx: &RenderContext<'_>) -> String {
    let value = comment.map(|c| ctx.lit(c)).unwrap_or_else(|| "NULL".to_string());
    format!("COMMENT ON {} IS {value}", comment_target(target))
}

/// What `COMMENT ON` names: the kind and the object's quoted name (the one spelling of a
/// `CommentTarget`).
pub(crate) fn comment_target(target: &CommentTarget) -> String {
    use CommentTarget as C;
    let id = |n: &str| quote::ident(Dialect::Postgres, n);
    let q = |n: &QName| quote::qname(Dialect::Postgres, n);
    match target {
        C::Column { table, column } => format!("COLUMN {}.{}", q(table), id(column)),
        C::Constraint { name, table } => format!("CONSTRAINT {} ON {}", id(name), q(table)),
        C::Domain(n) => format!("DOMAIN {}", q(n)),
        C::DomainConstraint { name, domain } => format!("CONSTRAINT {} ON DOMAIN {}", id(name), q(domain)),
        C::Function { name, args } => format!("FUNCTION {}({args})", q(name)),
        C::Index(n) => format!("INDEX {}", q(n)),
        C::MaterializedView(n) => format!("MATERIALIZED VIEW {}", q(n)),
        C::Policy { name, table } => format!("POLICY {} ON {}", id(name), q(table)),
        C::Procedure { name, args } => format!("PROCEDURE {}({args})", q(name)),
        C::Schema(n) => format!("SCHEMA {}", id(n)),
        C::Sequence(n) => format!("SEQUENCE {}", q(n)),
        C::Table(n) => format!("TABLE {}", q(n)),
        C::Trigger { name, table } => format!("TRIGGER {} ON {}", id(name), q(table)),
        C::Type(n) => format!("TYPE {}", q(n)),
        C::View(n) => format!("VIEW {}", q(n)),
    }
}

/// A data type as PostgreSQL spells it; user-defined type names are quoted part by part.
pub(super) fn type_sql(t: &DataType) -> String {
    if !t.user_defined {
        return t.to_string();
    }
    let mut s = super::common::dotted(Dialect::Postgres, &t.base);
    if !t.args.is_empty() {
        s.push_str(&format!("({})", t.args.join(",")));
    }
    for _ in 0..t.array_dims {
        s.push_str("[]");
    }
    s
}

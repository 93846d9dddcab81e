//! SQLite renderer: the few ALTER TABLE forms SQLite has (rename table, rename/add/drop
//! column), indexes, views, triggers, and the 12-step table rebuild (`rebuild.rs`) for
//! everything else. The differ (`diff/sqlite.rs`) decides which changes need the rebuild.

pub(crate) mod one_transaction;
mod rebuild;
mod table;

use super::{RenderContext, Rendered};
use crate::diff::Change;
use crate::model::QName;

pub(super) fn render(change: &Change, ctx: &RenderContext<'_>) -> Rendered {
    use Change::*;
    match change {
        CreateTable { table } => one(table::create_table_sql(table, &table.name, ctx)),
        DropTable { table } if kept_tables_reference(&table.name, ctx) && !ctx.target.foreign_keys_always_on() => {
            // With foreign keys on, DROP TABLE first deletes every row, running the ON DELETE
            // actions of the tables that stay (their rows deleted, nulled or reset) or failing
            // on a NO ACTION reference; the pragma is a no-op inside a transaction block.
            let drop = format!("DROP TABLE {}", ctx.q(&table.name));
            Rendered::non_tx(vec!["PRAGMA foreign_keys=OFF".into(), "BEGIN".into(), drop, "COMMIT".into(), "PRAGMA foreign_keys=ON".into()])
        }
        DropTable { table } => one(format!("DROP TABLE {}", ctx.q(&table.name))),
        RenameTable { from, to } => {
            let spelled = ctx.to.tables.get(to).map_or(to.name.as_str(), |t| t.name_spelled());
            one(format!("ALTER TABLE {} RENAME TO {}", ctx.q(from), ctx.id(spelled)))
        }
        AddColumn { table, column } => one(format!("ALTER TABLE {} ADD COLUMN {}", ctx.q(table), table::column_def(table, column, ctx))),
        DropColumn { table, column } => one(format!("ALTER TABLE {} DROP COLUMN {}", ctx.q(table), ctx.id(&column.name))),
        RenameColumn { table, from, to } if !ctx.target.native_rename_column() => rebuild::rename_column(table, from, to, ctx),
        // The new name as AFTER writes it (SQLite keeps the case written); the old one is found
        // whatever its case. A case-only respelling is a rename to the same model name.
        RenameColumn { table, from, to } => {
            one(format!("ALTER TABLE {} RENAME COLUMN {} TO {}", ctx.q(table), ctx.id(from), ctx.col_id(table, to)))
        }
        CreateIndex { table, index } => one(table::index_sql(table, index, ctx)),
        DropIndex { table, index } => one(format!("DROP INDEX {}", ctx.q(&index_name(table, &index.name)))),
        RenameIndex { table, from, to } => {
            // No RENAME INDEX in SQLite: drop it and create it under its new name.
            let mut out = vec![format!("DROP INDEX {}", ctx.q(&index_name(table, from)))];
            if let Some(i) = ctx.to_table(table).and_then(|t| t.index(to)) {
                out.push(table::index_sql(table, i, ctx));
            }
            Rendered::tx(out)
        }
        RebuildTable { from, to, renamed_columns } => rebuild::rebuild(from, to, renamed_columns, ctx),
        // Changes ALTER TABLE cannot express: the differ turns them into RebuildTable. One
        // arriving here (e.g. a constraint renamed alone) rebuilds the table from its
        // BEFORE definition into its AFTER one.
        RenameConstraint { table, .. } => {
            rebuild::rename_constraint(change, ctx).unwrap_or_else(|| rebuild::rebuild_in_place(table, "rename_constraint", ctx))
        }
        // A foreign key dropped to break a cycle among dropped tables goes with its table.
        DropConstraint { table, .. } if !ctx.to.tables.contains_key(table) => Rendered::none(),
        AlterColumn { table, .. } | AddConstraint { table, .. } | DropConstraint { table, .. } | AlterTableOptions { table, .. } => {
            rebuild::rebuild_in_place(table, change.op().as_str(), ctx)
        }
        CreateView { view } => {
            // Its name as declared (SQLite keeps the case written).
            let mut s = format!("CREATE VIEW {}", ctx.q(&QName::new(view.name.schema.clone(), view.name_spelled().to_string())));
            if !view.columns.is_empty() {
                s.push_str(&format!(" ({})", super::common::column_list(ctx.dialect(), &view.columns)));
            }
            s.push_str(&format!(" AS\n{}", view.query()));
            one(s)
        }
        DropView { view } => one(format!("DROP VIEW {}", ctx.q(&view.name))),
        CreateTrigger { trigger } => one(trigger.definition.trim().trim_end_matches(';').to_string()),
        DropTrigger { trigger } => one(format!("DROP TRIGGER {}", ctx.q(&QName::new(trigger.table.schema.clone(), trigger.name.clone())))),
        // Rendered by `render/opaque.rs` for every dialect (never reaches here).
        CreateOpaque { .. } | DropOpaque { .. } | SetGrant { .. } | SetOwner { .. } => Rendered::none(),
        // Unwrapped by `render::render` (never reaches here).
        Dependent { .. } => Rendered::none(),
        // PostgreSQL re-creates a table whose partitioning changes; these engines never get them.
        HoldRows { .. } | RestoreRows { .. } => Rendered::none(),
        // SQLite has no comments, schemas, types, sequences, routines, events or row security.
        SetTableComment { .. }
        | SetComment { .. }
        | DataStep { .. }
        | CreateNamespace { .. }
        | DropNamespace { .. }
        | CreateExtension { .. }
        | DropExtension { .. }
        | CreateType { .. }
        | DropType { .. }
        | AddEnumValue { .. }
        | RenameEnumValue { .. }
        | RebuildEnum { .. }
        | ReplaceType { .. }
        | CreateSequence { .. }
        | DropSequence { .. }
        | AlterSequence { .. }
        | SetRowSecurity { .. }
        | AttachIndex { .. }
        | CreatePolicy { .. }
        | DropPolicy { .. }
        | CreateFunction { .. }
        | DropFunction { .. }
        | CreateEvent { .. }
        | DropEvent { .. }
        | AlterEvent { .. } => Rendered::none(),
    }
}

fn one(s: String) -> Rendered {
    Rendered::tx(vec![s])
}

/// Indexes live in the schema of their table.
fn index_name(table: &QName, name: &str) -> QName {
    QName::new(table.schema.clone(), name.to_string())
}

/// Whether a table the migration keeps (under its name or a new one) references `dropped` by a
/// foreign key, on either side.
fn kept_tables_reference(dropped: &QName, ctx: &RenderContext<'_>) -> bool {
    let kept = |name: &QName| ctx.to.tables.contains_key(name) || ctx.renamed_tables.values().any(|old| old == name);
    ctx.referencing(dropped, false).iter().any(|t| kept(&t.name)) || !ctx.referencing(dropped, true).is_empty()
}

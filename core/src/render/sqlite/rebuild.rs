//! The SQLite 12-step table rebuild (https://www.sqlite.org/lang_altertable.html#otheralter):
//! for every change SQLite's ALTER TABLE cannot make, create the new table under a temporary
//! name, copy the kept columns, drop the old table, rename the new one, recreate its indexes.
//! (Views and triggers that depend on the table are dropped before and created after by
//! their own steps: the differ recreates them.)
//!
//! `PRAGMA foreign_keys=OFF` is a no-op inside a transaction, and with foreign keys on, the
//! `DROP TABLE` of step 6 would run the `ON DELETE` actions of referencing tables (deleting
//! or nulling their rows). So the step runs outside the script's transaction blocks: it turns
//! foreign keys off, runs its own `BEGIN ... COMMIT` with `PRAGMA foreign_key_check` before the
//! commit (and a statement that rolls the transaction back when a reference is broken,
//! `fk_intact_or_rollback`), and turns foreign keys back on. A script whose other steps write no rows runs
//! whole in that transaction instead (`one_transaction.rs`): a rebuild that stops rolls back
//! the views and triggers dropped before it too.
//!
//! Where foreign keys cannot be turned off (`foreign_keys_always_on`: Cloudflare D1) the step
//! is transactional (the migration file is the transaction), defers the checks with
//! `PRAGMA defer_foreign_keys = on`, turns them back off after the rename (which resets the
//! count of violations the `DROP TABLE` made) and fails the file when a reference is broken
//! (`FK_INTACT`), and relies on `plan/fk_action_guard.rs` to block the rebuild of a table other tables reference
//! with `ON DELETE CASCADE`/`SET NULL`/`SET DEFAULT` (the `DROP TABLE` would run them).
//!
//! Checked by hand on SQLite 3.40: a referenced parent rebuilt under `ON DELETE CASCADE` keeps
//! its children's rows; a view or another table's trigger that reads the table survives.

use super::table::{create_table_sql, default_sql, index_sql};
use crate::diff::Change;
use crate::model::{QName, Table};
use crate::render::{RenderContext, Rendered};

/// Rebuild `from` into `to`; `renamed_columns` maps (old name, new name) of columns whose data
/// moves to a column of another name.
pub(super) fn rebuild(from: &Table, to: &Table, renamed_columns: &[(String, String)], ctx: &RenderContext<'_>) -> Rendered {
    let live = &from.name;
    let temp = QName::new(to.name.schema.clone(), format!("_new_{}", to.name.name));
    let always_on = ctx.target.foreign_keys_always_on();
    let mut out = if always_on {
        vec!["PRAGMA defer_foreign_keys = on".to_string()]
    } else {
        vec!["PRAGMA foreign_keys=OFF".to_string(), "BEGIN".to_string()]
    };
    out.push(create_table_sql(to, &temp, ctx));
    let (targets, sources) = copied_columns(from, to, renamed_columns, ctx);
    if !targets.is_empty() {
        out.push(format!("INSERT INTO {} ({}) SELECT {} FROM {}", ctx.q(&temp), targets.join(", "), sources.join(", "), ctx.q(live)));
    }
    if to.columns.iter().any(|c| c.auto_increment) {
        // AUTOINCREMENT never reuses an id: carry the high-water mark over to the new table.
        let (new_lit, old_lit) = (ctx.lit(&temp.name), ctx.lit(&live.name));
        out.push(format!("DELETE FROM sqlite_sequence WHERE name = {new_lit}"));
        out.push(format!("INSERT INTO sqlite_sequence (name, seq) SELECT {new_lit}, seq FROM sqlite_sequence WHERE name = {old_lit}"));
    }
    out.push(format!("DROP TABLE {}", ctx.q(live)));
    // Legacy rename: since 3.26 RENAME re-checks every view and trigger of the schema, and one
    // that reads the table (dropped a statement ago) would make it fail; the legacy form
    // renames only the table, and the views and triggers then find it under its name again.
    out.push("PRAGMA legacy_alter_table=ON".to_string());
    out.push(format!("ALTER TABLE {} RENAME TO {}", ctx.q(&temp), ctx.id(to.name_spelled())));
    out.push("PRAGMA legacy_alter_table=OFF".to_string());
    for i in &to.indexes {
        out.push(index_sql(&to.name, i, ctx));
    }
    out.push("PRAGMA foreign_key_check".to_string());
    if always_on {
        // The DROP TABLE counted its children's references as violations, and the rename does
        // not uncount them: COMMIT would fail on every referenced table. Turning the pragma off
        // resets the count; the check after it fails the file (D1 rolls it back) when a
        // reference is really broken, which PRAGMA foreign_key_check alone would only list.
        out.push("PRAGMA defer_foreign_keys = off".to_string());
        out.push(FK_INTACT.to_string());
        return Rendered::tx(out);
    }
    out.extend(fk_intact_or_rollback(to.name_spelled()));
    out.push("COMMIT".to_string());
    out.push("PRAGMA foreign_keys=ON".to_string());
    Rendered::non_tx(out)
}

/// Statements that roll the transaction back when a foreign key of the rebuilt `table` (as
/// the referencing or the referenced table) is broken (`PRAGMA foreign_key_check` only lists
/// the rows, and COMMIT would keep them: a new column's `DEFAULT 5 REFERENCES p` filling every
/// copied row with a parent that is not there). Other tables' references are not this step's:
/// a database whose foreign keys were not enforced may hold broken ones elsewhere, and the
/// rebuild does not touch them. A CHECK failing under `INSERT OR ROLLBACK` ends the
/// transaction, so a runner that goes on after the error commits nothing of the rebuild
/// (SQLite, ON CONFLICT: ROLLBACK applies to CHECK); the temporary table is made and dropped
/// inside it. A reference to a table that is not there (a child kept while AFTER drops its
/// parent) is AFTER's own, not a broken row.
pub(crate) fn fk_intact_or_rollback(table: &str) -> [String; 3] {
    let name = format!("'{}'", table.replace('\'', "''"));
    [
        "CREATE TEMP TABLE \"_schemashift_fk_intact\" (\"broken_references\" integer CHECK (\"broken_references\" = 0))".to_string(),
        format!(
            "-- rolls the rebuild back (CHECK constraint failed) if a foreign key of {name} is left broken\n\
INSERT OR ROLLBACK INTO temp.\"_schemashift_fk_intact\" SELECT count(*) FROM pragma_foreign_key_check \
WHERE (\"table\" = {name} COLLATE NOCASE OR \"parent\" = {name} COLLATE NOCASE) \
AND \"parent\" COLLATE NOCASE IN (SELECT \"name\" FROM sqlite_master WHERE \"type\" = 'table')"
        ),
        "DROP TABLE temp.\"_schemashift_fk_intact\"".to_string(),
    ]
}

/// A statement that fails (`malformed JSON`: SQLite has no RAISE outside triggers) when any
/// foreign key of the database is broken.
pub(crate) const FK_INTACT: &str = "-- fails the migration (malformed JSON) if a foreign key is left broken\n\
SELECT json(CASE WHEN count(*) = 0 THEN '0' ELSE 'foreign key violation' END) FROM pragma_foreign_key_check";

/// The columns whose data is kept: INSERT targets and SELECT expressions. Generated columns of
/// the new table are computed, not copied. A column that becomes NOT NULL with a default takes
/// the default where the old value is NULL.
fn copied_columns(from: &Table, to: &Table, renamed: &[(String, String)], ctx: &RenderContext<'_>) -> (Vec<String>, Vec<String>) {
    let mut targets = Vec::new();
    let mut sources = Vec::new();
    for c in &to.columns {
        if c.generated.is_some() {
            continue;
        }
        let old_name = renamed.iter().find(|(_, new)| *new == c.name).map(|(old, _)| old.as_str()).unwrap_or(c.name.as_str());
        let Some(old) = from.column(old_name) else { continue };
        let src = ctx.id(&old.name);
        let expr = match (&c.default, old.nullable && !c.nullable) {
            (Some(d), true) => format!("COALESCE({src}, {})", default_sql(d)),
            _ => src,
        };
        targets.push(ctx.id(&c.name));
        sources.push(expr);
    }
    (targets, sources)
}

/// A table change that reached the renderer without a RebuildTable (the differ routes them):
/// rebuild the live table into the definition the change asks for.
pub(super) fn rebuild_in_place(table: &QName, op: &str, ctx: &RenderContext<'_>) -> Rendered {
    let live = ctx.from_table(table);
    let target = ctx.to.tables.get(table);
    match (live, target) {
        (Some(l), Some(t)) => rebuild(&l, t, &[], ctx),
        _ => Rendered::tx(vec![format!(
            "-- SQLite cannot {} on {table} with ALTER TABLE, and the table is not in both schemas to rebuild it",
            op.replace('_', " ")
        )]),
    }
}

/// A constraint renamed: rebuild the table as it is, under the constraint's new name.
pub(super) fn rename_constraint(change: &Change, ctx: &RenderContext<'_>) -> Option<Rendered> {
    let Change::RenameConstraint { table, from, to } = change else { return None };
    let live = ctx.from_table(table)?;
    let mut target = live.clone().into_owned();
    let c = target.constraints.iter_mut().find(|c| c.name.as_deref() == Some(from.as_str()))?;
    c.name = Some(to.clone());
    Some(rebuild(&live, &target, &[], ctx))
}

/// Before SQLite 3.25 there is no RENAME COLUMN: rebuild the table as it is, with the column
/// under its new name and its data carried over.
pub(super) fn rename_column(table: &QName, from: &str, to: &str, ctx: &RenderContext<'_>) -> Rendered {
    let Some(live) = ctx.from.tables.get(table) else {
        return rebuild_in_place(table, "rename_column", ctx);
    };
    let mut target = live.clone();
    if let Some(c) = target.column_mut(from) {
        c.name = to.to_string();
    }
    let renamed = [(from.to_string(), to.to_string())];
    rebuild(live, &target, &renamed, ctx)
}

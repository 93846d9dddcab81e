//! PostgreSQL storage clauses of columns (`SET STORAGE`, `SET COMPRESSION`, `SET STATISTICS`,
//! attribute options) and tables (`SET TABLESPACE`, `SET ACCESS METHOD`, `CLUSTER ON`).
//! Column storage goes through `ALTER COLUMN` even for a new table: `CREATE TABLE` takes
//! `STORAGE` only from PostgreSQL 16.

use crate::model::{default_storage, option_key, Column, ColumnStorage, QName, TableOptions};
use crate::render::RenderContext;

/// `ALTER COLUMN` statements that take a column from `from` storage to `to` storage. `retyped`:
/// the column's type changed, which gives it its new type's default storage, so every stated
/// property is set again.
pub(super) fn column(table: &QName, col: &Column, from: &ColumnStorage, retyped: bool, ctx: &RenderContext<'_>) -> Vec<String> {
    let (name, to) = (&col.name, &col.storage);
    let alter = |action: String| format!("ALTER TABLE {} ALTER COLUMN {} {action}", ctx.q(table), ctx.id(name));
    let mut out = Vec::new();
    if from.storage != to.storage || (retyped && to.storage.is_some()) {
        // Back to the default: the type's own storage, which DEFAULT only names from 16 on.
        match to.storage.as_deref().or(default_storage(&col.data_type)) {
            Some(mode) => out.push(alter(format!("SET STORAGE {mode}"))),
            None if ctx.target.set_storage_default() => out.push(alter("SET STORAGE DEFAULT".into())),
            None => out.push(format!(
                "-- the storage of {}.{name} goes back to its type's default: set it with ALTER COLUMN ... SET STORAGE (DEFAULT needs PostgreSQL 16)",
                ctx.q(table)
            )),
        }
    }
    if from.compression != to.compression || (retyped && to.compression.is_some()) {
        out.push(alter(format!("SET COMPRESSION {}", to.compression.as_deref().unwrap_or("default"))));
    }
    if from.statistics != to.statistics || (retyped && to.statistics.is_some()) {
        out.push(alter(format!("SET STATISTICS {}", to.statistics.unwrap_or(-1))));
    }
    let reset: Vec<&str> = from.options.iter().map(|o| option_key(o)).filter(|k| !to.options.iter().any(|n| option_key(n) == *k)).collect();
    if !reset.is_empty() {
        out.push(alter(format!("RESET ({})", reset.join(", "))));
    }
    let set: Vec<&str> = to.options.iter().filter(|o| !from.options.contains(o)).map(String::as_str).collect();
    if !set.is_empty() {
        out.push(alter(format!("SET ({})", set.join(", "))));
    }
    out
}

/// The storage statements of a new column (or of every column of a new table).
pub(super) fn new_columns(table: &QName, columns: &[Column], ctx: &RenderContext<'_>) -> Vec<String> {
    columns.iter().flat_map(|c| column(table, c, &ColumnStorage::default(), false, ctx)).collect()
}

/// `SET TABLESPACE`, `SET ACCESS METHOD`, `CLUSTER ON` / `SET WITHOUT CLUSTER` of a table.
pub(super) fn table(t: &str, from: &TableOptions, to: &TableOptions, ctx: &RenderContext<'_>) -> Vec<String> {
    let mut out = Vec::new();
    if from.tablespace != to.tablespace {
        out.push(format!("ALTER TABLE {t} SET TABLESPACE {}", ctx.id(to.tablespace.as_deref().unwrap_or("pg_default"))));
    }
    if from.access_method != to.access_method {
        let am = ctx.id(to.access_method.as_deref().unwrap_or("heap"));
        if ctx.target.set_access_method() {
            out.push(format!("ALTER TABLE {t} SET ACCESS METHOD {am}"));
        } else {
            out.push(format!("-- the access method of {t} changes to {am}: ALTER TABLE SET ACCESS METHOD needs PostgreSQL 15; recreate the table and copy its rows"));
        }
    }
    if from.cluster_on != to.cluster_on {
        match &to.cluster_on {
            Some(i) => out.push(format!("ALTER TABLE {t} CLUSTER ON {}", ctx.id(i))),
            None => out.push(format!("ALTER TABLE {t} SET WITHOUT CLUSTER")),
        }
    }
    out
}

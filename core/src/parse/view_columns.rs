//! Properties of a view's columns that PostgreSQL stores apart from the query: defaults
//! (`ALTER VIEW v ALTER COLUMN c SET DEFAULT`, which pg_dump writes as `ALTER TABLE ONLY v ...`)
//! and comments (`COMMENT ON COLUMN v.c`).

use super::cursor::{Cursor, PResult};
use super::expr;
use super::names::Kind;
use crate::model::View;

/// `ALTER [COLUMN] c SET DEFAULT expr | DROP DEFAULT` on a view (cursor at `ALTER`). `false`
/// when the action is something else.
pub fn alter_column(c: &mut Cursor, view: &mut View) -> PResult<bool> {
    if !c.eat_kw("alter") {
        return Ok(false);
    }
    c.eat_kw("column");
    let col = c.ident(Kind::Local)?;
    if c.eat_kws(&["set", "default"]) {
        let at = c.position();
        let toks = c.until(|_| false);
        super::complete::check(toks, at, "DEFAULT expression")?;
        if toks.is_empty() {
            return c.err("expected a default expression");
        }
        view.column_defaults.insert(col, expr::normalize(c.dialect, toks));
    } else if c.eat_kws(&["drop", "default"]) {
        view.column_defaults.remove(&col);
    } else if view.materialized && c.dialect == crate::Dialect::Postgres && storage_action(c, view, &col)? {
    } else {
        return c.err("unsupported ALTER COLUMN action on a view (SET DEFAULT and DROP DEFAULT are; on a materialized view also SET STORAGE, COMPRESSION, STATISTICS and attribute options)");
    }
    Ok(true)
}

/// `ALTER TABLE [ONLY] v ...` naming a view: column defaults are applied, other actions are
/// refused (the engine refuses most of them too). `None` when `name` is no view.
pub fn alter_table_of_view(c: &mut Cursor, view: &mut View) -> PResult<()> {
    if alter_column(c, view)? && c.at_end() {
        return Ok(());
    }
    c.err("unsupported ALTER TABLE action on a view")
}

/// A column comment on a view; `text` `None` removes it.
pub fn comment(view: &mut View, col: String, text: Option<String>) {
    match text {
        Some(t) => view.column_comments.insert(col, t),
        None => view.column_comments.remove(&col),
    };
}

/// `SET STORAGE | COMPRESSION | STATISTICS | (options)` or `RESET (options)` of a materialized
/// view's column (its type is not known here: a storage mode is kept as written).
fn storage_action(c: &mut Cursor, view: &mut View, col: &str) -> PResult<bool> {
    let mut k = crate::model::Column::new(col, crate::model::DataType::default());
    k.storage = view.column_storage.get(col).cloned().unwrap_or_default();
    if !super::storage::column_action(c, &mut k)? {
        return Ok(false);
    }
    if k.storage == crate::model::ColumnStorage::default() {
        view.column_storage.remove(col);
    } else {
        view.column_storage.insert(col.to_string(), k.storage);
    }
    Ok(true)
}

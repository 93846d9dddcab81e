//! Helpers shared by the risk rules: building notes, table sizes, SQL text inspection,
//! expression volatility and type-change facts.

pub mod columns;
pub mod keys;
pub mod mysql;
#[cfg(test)]
mod mysql_tool_tests;
pub mod note;
pub mod recipes;
pub mod size;
pub mod sql;
pub mod types;
pub mod volatility;

use super::RiskContext;
use crate::model::{QName, Table};

/// The table as it was before the migration, if it existed (following a table rename of the
/// one rename table, hint or `--rename` alike, so a renamed table still counts as existing).
pub fn existing_table<'a>(ctx: &RiskContext<'a>, name: &QName) -> Option<&'a Table> {
    ctx.before.tables.get(name).or_else(|| ctx.before.tables.get(&ctx.renames.table_from(name)))
}

/// The materialized view as it was before the migration, if it existed: its indexes lock it
/// like a table's lock the table.
pub fn existing_matview<'a>(ctx: &RiskContext<'a>, name: &QName) -> Option<&'a crate::model::View> {
    ctx.before.views.get(name).filter(|v| v.materialized)
}

/// The table as it is after the migration.
pub fn new_table<'a>(ctx: &RiskContext<'a>, name: &QName) -> Option<&'a Table> {
    ctx.after.tables.get(name)
}

/// What a drop means in the down migration: the object was created by up, so what the
/// application wrote into it since then goes with it (empty in the up migration).
pub fn down_drop_note(ctx: &RiskContext<'_>) -> &'static str {
    match ctx.direction {
        super::Direction::Up => "",
        super::Direction::Down => " Down drops what up created: everything the application wrote into it since up ran is lost with it (--preserve-data makes down copy it into a backup table first).",
    }
}

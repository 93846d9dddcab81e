//! Helpers shared by the risk rules: building notes, table sizes, SQL text inspection,
//! expression volatility and type-change facts.

pub mod columns;
pub mod keys;
pub mod mysql;
pub mod note;
pub mod recipes;
pub mod size;
pub mod sql;
pub mod types;
pub mod volatility;

use super::RiskContext;
use crate::model::{QName, RenameKind, Table};

/// The table as it was before the migration, if it existed (following a table rename hint, so
/// a renamed table still counts as existing).
pub fn existing_table<'a>(ctx: &RiskContext<'a>, name: &QName) -> Option<&'a Table> {
    if let Some(t) = ctx.before.tables.get(name) {
        return Some(t);
    }
    ctx.after
        .renames
        .iter()
        .chain(ctx.before.renames.iter())
        .filter(|h| h.kind == RenameKind::Table && h.to == name.name)
        .find_map(|h| {
            ctx.before
                .tables
                .get(&QName::new(name.schema.clone(), h.from.clone()))
        })
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

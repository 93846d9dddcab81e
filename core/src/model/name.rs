//! Qualified object names.

use serde::{Deserialize, Serialize};
use std::fmt;

/// A schema-qualified name. `schema` is the normalized namespace: `public` for unqualified PostgreSQL
/// names, `""` for MySQL (the current database) and `main`-less SQLite names.
#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct QName {
    pub schema: String,
    pub name: String,
}

impl QName {
    pub fn new(schema: impl Into<String>, name: impl Into<String>) -> Self {
        QName { schema: schema.into(), name: name.into() }
    }
}

impl fmt::Display for QName {
    /// Human-readable form for messages (unquoted). SQL rendering uses `render::quote`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.schema.is_empty() {
            write!(f, "{}", self.name)
        } else {
            write!(f, "{}.{}", self.schema, self.name)
        }
    }
}

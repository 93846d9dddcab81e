//! Indexes.

use serde::Serialize;

/// An index on a table (indexes that back PRIMARY KEY / UNIQUE constraints are not listed here:
/// they belong to the constraint).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Index {
    pub name: String,
    pub unique: bool,
    /// Access method when not the default (`gin`, `gist`, `hash`, `brin`...); MySQL `USING HASH`.
    pub method: Option<String>,
    pub elems: Vec<IndexElem>,
    /// PostgreSQL `INCLUDE (...)` columns.
    pub include: Vec<String>,
    /// Partial index predicate, normalized.
    pub predicate: Option<String>,
    /// MySQL `FULLTEXT` or `SPATIAL`.
    pub kind: Option<String>,
    pub nulls_not_distinct: bool,
    /// PostgreSQL `WITH (...)` storage parameters, normalized text.
    pub with: Option<String>,
    /// PostgreSQL `TABLESPACE`, when not the database default.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tablespace: Option<String>,
    /// MySQL index comment.
    pub comment: Option<String>,
    /// MySQL 8 `INVISIBLE`, MariaDB `IGNORED`: maintained, not used by the optimizer.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub invisible: bool,
    /// PostgreSQL: on a partition, the parent table's index this one is attached to (by
    /// `CREATE INDEX` on the parent, `ALTER INDEX ... ATTACH PARTITION`, or a partition
    /// created or attached after the parent's index). A parent index some partition has no
    /// index attached to is invalid (`ON ONLY`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub attached: Option<String>,
}

/// One key part of an index.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct IndexElem {
    /// A column name, or a normalized expression when `is_expr`.
    pub expr: String,
    pub is_expr: bool,
    pub collation: Option<String>,
    pub opclass: Option<String>,
    pub desc: bool,
    /// `Some(true)` for NULLS FIRST, `Some(false)` for NULLS LAST, `None` for the default.
    pub nulls_first: Option<bool>,
    /// MySQL prefix length `col(10)`.
    pub prefix_len: Option<u32>,
}

impl IndexElem {
    pub fn column(name: impl Into<String>) -> Self {
        IndexElem { expr: name.into(), is_expr: false, collation: None, opclass: None, desc: false, nulls_first: None, prefix_len: None }
    }
}

impl Index {
    /// Column names used as plain key parts (expressions excluded).
    pub fn columns(&self) -> impl Iterator<Item = &str> {
        self.elems.iter().filter(|e| !e.is_expr).map(|e| e.expr.as_str())
    }
}

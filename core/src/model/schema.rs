//! The whole schema: every object one input declares, after its statements have been applied
//! in order.

use super::{Event, Extension, Function, QName, Sequence, Table, Trigger, UserType, View};
use crate::Dialect;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Schema {
    pub dialect: Dialect,
    /// Namespaces created explicitly (`CREATE SCHEMA`); `public` is implicit in PostgreSQL.
    pub namespaces: BTreeSet<String>,
    pub extensions: BTreeMap<String, Extension>,
    pub types: BTreeMap<QName, UserType>,
    pub sequences: BTreeMap<QName, Sequence>,
    pub tables: BTreeMap<QName, Table>,
    pub views: BTreeMap<QName, View>,
    /// Keyed by `Function::signature()`.
    pub functions: BTreeMap<String, Function>,
    /// Keyed by (table, trigger name).
    pub triggers: BTreeMap<(QName, String), Trigger>,
    /// MySQL/MariaDB scheduled events.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub events: BTreeMap<QName, Event>,
    /// Comments on objects that have no comment field of their own, keyed by the target exactly
    /// as a renderer writes it after `COMMENT ON `: an upper-case kind and the quoted object
    /// reference, e.g. `INDEX "public"."i"`, `CONSTRAINT "c" ON "public"."t"`,
    /// `FUNCTION "public"."f"(integer)`, `MATERIALIZED VIEW "public"."mv"`.
    pub comments: BTreeMap<String, String>,
    /// Rename hints found in the text (`-- schemashift:renamed-from old`). Not part of the
    /// schema's meaning: the differ consumes them.
    #[serde(skip)]
    pub renames: Vec<RenameHint>,
}

/// "This object used to be called `from`", from a hint comment or the `--rename` option.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RenameHint {
    pub kind: RenameKind,
    /// The table that owns the object (for columns, indexes and constraints); for tables, the
    /// table's new name.
    pub table: QName,
    pub from: String,
    pub to: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RenameKind {
    Table,
    Column,
    Index,
    Constraint,
}

impl Schema {
    pub fn new(dialect: Dialect) -> Self {
        Schema {
            dialect,
            namespaces: BTreeSet::new(),
            extensions: BTreeMap::new(),
            types: BTreeMap::new(),
            sequences: BTreeMap::new(),
            tables: BTreeMap::new(),
            views: BTreeMap::new(),
            functions: BTreeMap::new(),
            triggers: BTreeMap::new(),
            events: BTreeMap::new(),
            comments: BTreeMap::new(),
            renames: Vec::new(),
        }
    }

    /// The schema compares equal to another in meaning (rename hints ignored; a MySQL character
    /// set or collation one side leaves unspecified matches the other's, see `unspecified.rs`).
    pub fn same_as(&self, other: &Schema) -> bool {
        let mut a = self.clone();
        a.renames.clear();
        let mut b = other.clone();
        b.renames.clear();
        super::unify_unspecified_charsets(&mut a, &mut b);
        a == b
    }
}

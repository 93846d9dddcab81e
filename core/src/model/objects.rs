//! Schema objects other than tables: views, user types, sequences, extensions, routines,
//! triggers and policies.

use super::{DataType, Index, QName, RelStorage};
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct View {
    pub name: QName,
    /// SQLite: the name as declared where its case differs from the lower-case model name
    /// (`V_Users`): the engine keeps and shows it so. A view respelled is created again.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub spelled: Option<String>,
    pub materialized: bool,
    /// Explicit column list `CREATE VIEW v (a, b) AS ...`.
    pub columns: Vec<String>,
    /// The normalized query text.
    pub definition: String,
    /// `WITH (...)` options and `WITH CHECK OPTION`, normalized.
    pub options: Vec<String>,
    /// Tables and views the query reads, as far as they can be seen in the text.
    pub depends_on: Vec<QName>,
    pub comment: Option<String>,
    /// MySQL `ALGORITHM=`/`SQL SECURITY` etc., kept for rendering only.
    pub with_check_option: Option<String>,
    /// Indexes on a materialized view (PostgreSQL), sorted by name.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub indexes: Vec<Index>,
    /// PostgreSQL column defaults of a view (`ALTER VIEW v ALTER COLUMN c SET DEFAULT`), by column.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub column_defaults: BTreeMap<String, String>,
    /// Comments on the view's columns (`COMMENT ON COLUMN v.c`), by column.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub column_comments: BTreeMap<String, String>,
    /// A materialized view's column storage, compression, statistics target and attribute
    /// options (`ALTER MATERIALIZED VIEW v ALTER COLUMN c SET ...`), by column.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub column_storage: BTreeMap<String, super::ColumnStorage>,
    /// A materialized view's access method and tablespace (PostgreSQL).
    #[serde(skip_serializing_if = "RelStorage::is_default")]
    pub storage: RelStorage,
    /// MySQL and SQLite: the query as written, what a migration sends (never a re-cased copy).
    /// Not compared: MariaDB stores and dumps a rewrite of it; `definition` is what compares.
    #[serde(skip)]
    pub source: AsWritten,
}

/// Text kept as written, for rendering only: never compared, so a model that carries it is
/// equal to one spelled differently (`#[derive(PartialEq)]` on the owner needs no hand-written
/// list of the other fields).
#[derive(Clone, Default)]
pub struct AsWritten(pub Option<String>);

/// Shown as the text it holds (model snapshots print `source: Some("...")`).
impl std::fmt::Debug for AsWritten {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

impl PartialEq for AsWritten {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl Eq for AsWritten {}

impl View {
    /// The view's name as declared (`spelled`), else its model name.
    pub fn name_spelled(&self) -> &str {
        self.spelled.as_deref().unwrap_or(&self.name.name)
    }

    /// The query to send: as written where kept (`source`), else the canonical text.
    pub fn query(&self) -> &str {
        self.source.0.as_deref().unwrap_or(&self.definition).trim().trim_end_matches(';')
    }
}

/// A user-defined type (PostgreSQL).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum UserType {
    Enum(EnumType),
    Domain(Domain),
    /// Composite type: its attributes in order.
    Composite {
        name: QName,
        attributes: Vec<Attribute>,
        comment: Option<String>,
    },
    /// Range type (`CREATE TYPE ... AS RANGE`), with its multirange type.
    Range(RangeType),
}

/// An attribute of a composite type: name, type and collation (`label text COLLATE "C"`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Attribute {
    pub name: String,
    pub data_type: DataType,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub collation: Option<String>,
}

impl Attribute {
    pub fn new(name: impl Into<String>, data_type: DataType) -> Self {
        Attribute { name: name.into(), data_type, collation: None }
    }
}

impl UserType {
    pub fn name(&self) -> &QName {
        match self {
            UserType::Enum(e) => &e.name,
            UserType::Domain(d) => &d.name,
            UserType::Composite { name, .. } => name,
            UserType::Range(r) => &r.name,
        }
    }

    /// Whether a change from `from` to `self` is made in place (`ALTER DOMAIN` on the same base
    /// type and collation, `ALTER TYPE ... ATTRIBUTE` on a composite), not by creating the type
    /// again and converting its columns.
    pub fn alters_in_place_from(&self, from: &UserType) -> bool {
        match (from, self) {
            (UserType::Domain(a), UserType::Domain(b)) => a.data_type == b.data_type && a.collation == b.collation,
            (UserType::Composite { .. }, UserType::Composite { .. }) => true,
            _ => false,
        }
    }
}

/// `CREATE TYPE name AS RANGE (SUBTYPE = ..., ...)`. Optional parts are `None` when the engine
/// uses its default (the subtype's default operator class and collation, no canonical function,
/// no subtype_diff, the multirange named after the range), so a dump and the DDL compare equal.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct RangeType {
    pub name: QName,
    pub subtype: DataType,
    /// Operator class of the subtype, unqualified when in the default schema or `pg_catalog`.
    pub subtype_opclass: Option<String>,
    pub collation: Option<String>,
    /// Function names, unqualified when in the default schema or `pg_catalog`.
    pub canonical: Option<String>,
    pub subtype_diff: Option<String>,
    /// The multirange type's name when it is not the default one.
    pub multirange_type_name: Option<QName>,
    pub comment: Option<String>,
}

impl RangeType {
    /// The multirange type's name: the one given, or PostgreSQL's default (`range` in the
    /// range's name replaced by `multirange`, else `_multirange` appended).
    pub fn multirange(&self) -> QName {
        if let Some(m) = &self.multirange_type_name {
            return m.clone();
        }
        let n = &self.name.name;
        let name = match n.find("range") {
            Some(i) => format!("{}multi{}", crate::text::upto(n, i), crate::text::from(n, i)),
            None => format!("{n}_multirange"),
        };
        QName::new(self.name.schema.clone(), name)
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct EnumType {
    pub name: QName,
    pub values: Vec<String>,
    pub comment: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Domain {
    pub name: QName,
    pub data_type: DataType,
    pub not_null: bool,
    pub default: Option<String>,
    pub collation: Option<String>,
    /// (constraint name, normalized check expression)
    pub checks: Vec<(String, String)>,
    /// Names of the checks added `NOT VALID` and not validated since (existing values were not
    /// checked against them).
    #[serde(skip_serializing_if = "std::collections::BTreeSet::is_empty")]
    pub not_valid: std::collections::BTreeSet<String>,
    pub comment: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Sequence {
    pub name: QName,
    pub data_type: Option<DataType>,
    pub start: Option<i128>,
    pub increment: Option<i128>,
    pub min_value: Option<i128>,
    pub max_value: Option<i128>,
    pub cache: Option<i128>,
    pub cycle: bool,
    /// PostgreSQL `UNLOGGED` sequence (15+).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub unlogged: bool,
    /// `OWNED BY table.column`.
    pub owned_by: Option<(QName, String)>,
    pub comment: Option<String>,
}

impl Sequence {
    pub fn new(name: QName) -> Self {
        Sequence {
            name,
            data_type: None,
            start: None,
            increment: None,
            min_value: None,
            max_value: None,
            cache: None,
            cycle: false,
            unlogged: false,
            owned_by: None,
            comment: None,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Extension {
    pub name: String,
    pub schema: Option<String>,
    pub version: Option<String>,
}

/// A function or procedure. The body is kept as normalized text; `definition` is the whole
/// `CREATE OR REPLACE ...` statement, ready to run.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Function {
    pub name: QName,
    /// Normalized argument types, the identity of an overload: `integer, text`.
    pub args: String,
    pub procedure: bool,
    pub definition: String,
    /// Tables this routine's body names, where visible.
    pub depends_on: Vec<QName>,
    pub comment: Option<String>,
}

impl Function {
    /// `schema.name(args)`: the key that identifies an overload.
    pub fn signature(&self) -> String {
        format!("{}({})", self.name, self.args)
    }
}

/// PostgreSQL: a routine's declaration without its body and attributes: `name(params) RETURNS
/// type`, lower-cased with spaces collapsed, and without `CREATE [OR REPLACE]`. When it differs,
/// `CREATE OR REPLACE` is refused and the routine is dropped and created (render, and the
/// dependents it forces to re-create: `diff::dependents`).
pub fn routine_head(def: &str) -> String {
    let words: Vec<String> = def.split_whitespace().map(str::to_lowercase).collect();
    // A routine's attribute words; `NOT` only in `NOT LEAKPROOF`, and a parameter's default may
    // say `NOT` (`DEFAULT NOT true`): the head goes on to `LEAKPROOF`.
    let stop = |w: &str| w != "not" && crate::parse::routines::ROUTINE_ATTRIBUTES.contains(&w);
    let start = words.iter().position(|w| w == "function" || w == "procedure").map(|p| p + 1).unwrap_or(0);
    let mut out = Vec::new();
    let mut after_returns = false;
    for w in &words[start..] {
        if stop(w) && !(after_returns && w == "set") {
            break;
        }
        after_returns = after_returns || w == "returns";
        out.push(w.as_str());
    }
    out.join(" ")
}

/// A trigger; `definition` is the normalized `CREATE TRIGGER` statement.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Trigger {
    pub name: String,
    pub table: QName,
    pub definition: String,
    /// Function the trigger executes (PostgreSQL), when named.
    pub function: Option<QName>,
    pub comment: Option<String>,
}

/// A row level security policy.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Policy {
    pub name: String,
    pub permissive: bool,
    /// ALL, SELECT, INSERT, UPDATE, DELETE.
    pub command: String,
    pub roles: Vec<String>,
    pub using: Option<String>,
    pub with_check: Option<String>,
}

//! PostgreSQL physical properties the engine keeps in its catalog: a column's `STORAGE`,
//! `COMPRESSION`, `STATISTICS` target and attribute options (`attstorage`, `attcompression`,
//! `attstattarget`, `attoptions`). Defaults are `None`/empty, so that a schema that never
//! mentions them equals one that states the default.

use super::DataType;
use serde::Serialize;

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct ColumnStorage {
    /// `PLAIN`, `EXTERNAL`, `EXTENDED` or `MAIN`, when not the type's default.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub storage: Option<String>,
    /// `pglz` or `lz4`; `None` follows `default_toast_compression`. MariaDB: `zlib` for a
    /// `COMPRESSED` column.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub compression: Option<String>,
    /// `SET STATISTICS n`; `None` is the default target (-1).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub statistics: Option<i128>,
    /// `SET (n_distinct = ...)` attribute options as `key=value`, sorted by key.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub options: Vec<String>,
}

impl ColumnStorage {
    pub fn is_default(&self) -> bool {
        *self == ColumnStorage::default()
    }
}

/// The index of a PostgreSQL primary key or unique constraint: `INCLUDE (...)`, `WITH (...)`
/// (sorted `key=value` joined by `, `, as `Index.with`) and `USING INDEX TABLESPACE`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct IndexParams {
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub include: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub with: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tablespace: Option<String>,
    /// MySQL/MariaDB: the key's `COMMENT` (primary key, unique key).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    /// MySQL/MariaDB primary key: each key part's prefix length and direction, in column
    /// order, when one is not the whole column ascending (`PRIMARY KEY (name(7), at DESC)`);
    /// empty when every part is plain.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub key_parts: Vec<KeyPart>,
}

/// A primary key part's prefix length (`name(7)`) and direction (`DESC`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct KeyPart {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub prefix_len: Option<u32>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub desc: bool,
}

impl KeyPart {
    /// The key parts of `elems` (prefix length and direction), empty when all are plain.
    pub fn of(elems: &[super::IndexElem]) -> Vec<KeyPart> {
        let parts: Vec<KeyPart> = elems.iter().map(|e| KeyPart { prefix_len: e.prefix_len, desc: e.desc }).collect();
        if parts.iter().all(|p| *p == KeyPart::default()) {
            Vec::new()
        } else {
            parts
        }
    }
}

impl IndexParams {
    pub fn is_default(&self) -> bool {
        *self == IndexParams::default()
    }
}

/// Where a materialized view's rows live: access method (not `heap`) and tablespace (not
/// `pg_default`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct RelStorage {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub access_method: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tablespace: Option<String>,
}

impl RelStorage {
    pub fn is_default(&self) -> bool {
        *self == RelStorage::default()
    }
}

/// The key of a `key=value` storage parameter.
pub fn option_key(o: &str) -> &str {
    o.split('=').next().unwrap_or(o)
}

/// Set (`Some(value)`) or reset (`None`) one `key=value` parameter of a sorted list.
pub fn set_option(list: &mut Vec<String>, key: &str, value: Option<&str>) {
    list.retain(|o| option_key(o) != key);
    if let Some(v) = value {
        list.push(format!("{key}={v}"));
    }
    list.sort();
}

/// The storage a type gets by default (`typstorage`), for built-ins whose default is known.
pub fn default_storage(t: &DataType) -> Option<&'static str> {
    if t.array_dims > 0 {
        return Some("EXTENDED");
    }
    let plain = [
        "smallint",
        "integer",
        "bigint",
        "real",
        "double precision",
        "boolean",
        "date",
        "uuid",
        "oid",
        "money",
        "time without time zone",
        "time with time zone",
        "timestamp without time zone",
        "timestamp with time zone",
        "interval",
        "point",
        "macaddr",
        "\"char\"",
    ];
    let extended = ["text", "character varying", "character", "bytea", "json", "jsonb", "xml", "tsvector", "tsquery", "bit varying", "bit"];
    let main = ["numeric", "inet", "cidr"];
    let b = t.base.as_str();
    if plain.contains(&b) {
        Some("PLAIN")
    } else if extended.contains(&b) {
        Some("EXTENDED")
    } else if main.contains(&b) {
        Some("MAIN")
    } else {
        None
    }
}

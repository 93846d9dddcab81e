//! Normalized data types.

use serde::Serialize;
use std::fmt;

/// A data type in the canonical spelling of its dialect (`integer`, `character varying(20)`,
/// `timestamp with time zone`, `int(11) unsigned`, ...). `parse::types` produces it; aliases are
/// resolved there, so equal types compare equal here.
#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct DataType {
    /// Canonical base name, lowercase for built-ins; user types keep their exact (possibly
    /// schema-qualified, unquoted) name.
    pub base: String,
    /// Type modifiers as written after normalization: `["20"]`, `["10", "2"]`, MySQL enum values
    /// as quoted literals.
    pub args: Vec<String>,
    /// Number of array dimensions (PostgreSQL `text[]` has 1).
    pub array_dims: u8,
    /// MySQL `UNSIGNED`.
    pub unsigned: bool,
    /// MySQL `ZEROFILL`.
    pub zerofill: bool,
    /// True when `base` names a user-defined type (enum, domain, composite) rather than a built-in.
    pub user_defined: bool,
}

/// The affinity SQLite gives a declared type name (https://www.sqlite.org/datatype3.html, 3.1).
pub fn sqlite_affinity(declared: &str) -> &'static str {
    let t = declared.to_ascii_uppercase();
    if t.contains("INT") {
        "INTEGER"
    } else if t.contains("CHAR") || t.contains("CLOB") || t.contains("TEXT") {
        "TEXT"
    } else if t.contains("BLOB") || t.trim().is_empty() {
        "BLOB"
    } else if t.contains("REAL") || t.contains("FLOA") || t.contains("DOUB") {
        "REAL"
    } else {
        "NUMERIC"
    }
}

impl DataType {
    /// SQLite's affinity of this declared type (`sqlite_affinity` of its name).
    pub fn sqlite_affinity(&self) -> &'static str {
        sqlite_affinity(&self.base)
    }

    pub fn simple(base: &str) -> Self {
        DataType { base: base.to_string(), ..Default::default() }
    }

    pub fn with_args(base: &str, args: &[&str]) -> Self {
        DataType { base: base.to_string(), args: args.iter().map(|s| s.to_string()).collect(), ..Default::default() }
    }

    /// The first numeric modifier (length or precision), if any.
    pub fn length(&self) -> Option<u64> {
        self.args.first().and_then(|a| a.trim().parse().ok())
    }

    /// The second numeric modifier (scale), if any.
    pub fn scale(&self) -> Option<u64> {
        self.args.get(1).and_then(|a| a.trim().parse().ok())
    }
}

impl fmt::Display for DataType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // `timestamp(3) with time zone`: modifiers go after the first word for the multi-word
        // SQL-standard time types.
        let (head, tail) = match self.base.as_str() {
            b @ ("timestamp with time zone" | "timestamp without time zone" | "time with time zone" | "time without time zone") => {
                b.split_at_checked(b.find(' ').unwrap_or(b.len())).unwrap_or((b, ""))
            }
            b => (b, ""),
        };
        f.write_str(head)?;
        if !self.args.is_empty() {
            write!(f, "({})", self.args.join(","))?;
        }
        f.write_str(tail)?;
        if self.unsigned {
            f.write_str(" unsigned")?;
        }
        if self.zerofill {
            f.write_str(" zerofill")?;
        }
        for _ in 0..self.array_dims {
            f.write_str("[]")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn displays_modifiers_inside_multiword_time_types() {
        let t = DataType::with_args("timestamp with time zone", &["3"]);
        assert_eq!(t.to_string(), "timestamp(3) with time zone");
        let v = DataType { array_dims: 1, ..DataType::with_args("character varying", &["20"]) };
        assert_eq!(v.to_string(), "character varying(20)[]");
    }
}

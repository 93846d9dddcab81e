//! The families the type-change classification compares: integers by bytes, exact decimals by
//! precision and scale, floats by bytes, strings and byte strings by maximum length, date/time
//! by rank and fractional-second precision.

use crate::model::DataType;
use crate::Dialect;

#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum Kind {
    /// Integer of this many bytes (bool as 0).
    Int(u8),
    /// Exact decimal: (precision, scale), `None` when unbounded.
    Exact(Option<(u64, u64)>),
    /// Floating point of this many bytes.
    Float(u8),
    /// Character string: maximum length, `None` when unbounded.
    Str(Option<u64>),
    /// Byte string: maximum length, `None` when unbounded.
    Bin(Option<u64>),
    /// Date/time: rank (date 1, time 2, timestamp 3, timestamp with time zone 4) and fractional
    /// second precision.
    Time(u8, Option<u64>),
    Other,
}

pub(super) fn kind(d: Dialect, t: &DataType) -> Kind {
    let len = t.length();
    // MySQL's TEXT and BLOB hold 65,535 bytes; PostgreSQL's text is unbounded.
    let mysql_text = if d == Dialect::Mysql { Some(65_535) } else { None };
    match t.base.as_str() {
        "boolean" | "bool" => Kind::Int(0),
        "tinyint" => Kind::Int(1),
        "smallint" | "int2" => Kind::Int(2),
        "mediumint" => Kind::Int(3),
        "integer" | "int" | "int4" => Kind::Int(4),
        "bigint" | "int8" => Kind::Int(8),
        // MySQL's DECIMAL without a precision is DECIMAL(10,0); PostgreSQL's is unbounded.
        "numeric" | "decimal" => match len {
            Some(p) => Kind::Exact(Some((p, t.scale().unwrap_or(0)))),
            None if d == Dialect::Mysql => Kind::Exact(Some((10, 0))),
            None => Kind::Exact(None),
        },
        "real" | "float4" | "float" => Kind::Float(4),
        "double precision" | "double" | "float8" => Kind::Float(8),
        "character varying" | "varchar" | "nvarchar" => Kind::Str(len),
        "character" | "char" | "bpchar" | "nchar" => Kind::Str(len.or(Some(1))),
        "text" => Kind::Str(mysql_text),
        "citext" | "longtext" | "clob" => Kind::Str(None),
        "tinytext" => Kind::Str(Some(255)),
        "mediumtext" => Kind::Str(Some(16_777_215)),
        "bytea" | "longblob" => Kind::Bin(None),
        "blob" if len.is_none() => Kind::Bin(Some(65_535)),
        "binary" | "varbinary" | "blob" | "bit varying" | "varbit" => Kind::Bin(len),
        "tinyblob" => Kind::Bin(Some(255)),
        "mediumblob" => Kind::Bin(Some(16_777_215)),
        "date" => Kind::Time(1, None),
        // MySQL's time types keep no fractional seconds unless stated; PostgreSQL's keep 6.
        "time" | "datetime" | "timestamp" if d == Dialect::Mysql => Kind::Time(if t.base == "time" { 2 } else { 3 }, len.or(Some(0))),
        "time" | "time without time zone" | "time with time zone" => Kind::Time(2, len),
        "timestamp" | "timestamp without time zone" | "datetime" => Kind::Time(3, len),
        "timestamp with time zone" | "timestamptz" => Kind::Time(4, len),
        _ => Kind::Other,
    }
}

/// MySQL's text and blob storage classes (their limit is a class, not a declared length).
pub(super) fn is_text_class(t: &DataType) -> bool {
    matches!(t.base.as_str(), "tinytext" | "text" | "mediumtext" | "longtext" | "tinyblob" | "blob" | "mediumblob" | "longblob")
        && t.args.is_empty()
}

/// Decimal digits of the largest value of an integer of `bytes` bytes.
pub(super) fn int_digits(bytes: u8) -> u64 {
    match bytes {
        0 => 1,
        1 => 3,
        2 => 5,
        3 => 8,
        4 => 10,
        _ => 19,
    }
}

/// The longest text form of a value of kind `k` (sign and decimal point included).
pub(super) fn text_length(k: Kind) -> u64 {
    match k {
        Kind::Int(0) => 5,
        Kind::Int(b) => int_digits(b) + 1,
        Kind::Exact(Some((p, _))) => p + 2,
        Kind::Time(1, _) => 16,
        _ => 32,
    }
}

//! Facts about data types the risk rules share: string and integer families, MySQL character
//! set bytes and ENUM/SET members. (Type changes: `model::type_change`.)

use crate::model::DataType;

fn base(t: &DataType) -> &str {
    t.base.as_str()
}

/// Variable or fixed length character/binary strings with a length limit in `args`.
pub fn is_bounded_string(t: &DataType) -> bool {
    matches!(
        base(t),
        "character varying"
            | "varchar"
            | "character"
            | "char"
            | "bpchar"
            | "nvarchar"
            | "nchar"
            | "varbinary"
            | "binary"
            | "bit varying"
            | "varbit"
    )
}

/// Bytes of an integer type (MySQL `mediumint` is 3).
pub fn int_bytes(t: &DataType) -> Option<u8> {
    match base(t) {
        "tinyint" => Some(1),
        "smallint" | "int2" => Some(2),
        "mediumint" => Some(3),
        "integer" | "int" | "int4" => Some(4),
        "bigint" | "int8" => Some(8),
        _ => None,
    }
}

/// Maximum bytes per character of a MySQL character set (utf8mb4 when unknown).
pub fn mysql_charset_bytes(charset: Option<&str>) -> u64 {
    match charset.map(|c| c.to_ascii_lowercase()) {
        Some(c) if c == "latin1" || c == "ascii" || c == "binary" => 1,
        Some(c) if c == "utf8" || c == "utf8mb3" => 3,
        Some(c) if c == "ucs2" || c == "utf16" => 4,
        _ => 4,
    }
}

/// MySQL ENUM/SET members from the type arguments (quoted literals).
pub fn mysql_members(t: &DataType) -> Vec<String> {
    t.args.iter().map(|a| a.trim().trim_matches('\'').replace("''", "'")).collect()
}

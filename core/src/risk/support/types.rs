//! Facts about data types and type changes: families, narrowing, PostgreSQL binary-coercible
//! changes and MySQL VARCHAR length bytes.

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

/// Strings without a length limit (or whose limit is a storage class).
fn unbounded_string_rank(t: &DataType) -> Option<u8> {
    match base(t) {
        "tinytext" | "tinyblob" => Some(1),
        "text" | "blob" => Some(2),
        "mediumtext" | "mediumblob" => Some(3),
        "longtext" | "longblob" | "citext" => Some(4),
        _ => None,
    }
}

pub fn is_string(t: &DataType) -> bool {
    is_bounded_string(t) || unbounded_string_rank(t).is_some()
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

fn is_decimal(t: &DataType) -> bool {
    matches!(base(t), "numeric" | "decimal")
}

fn float_bytes(t: &DataType) -> Option<u8> {
    match base(t) {
        "real" | "float4" | "float" => Some(4),
        "double precision" | "double" | "float8" => Some(8),
        _ => None,
    }
}

fn is_time_with_precision(t: &DataType) -> bool {
    matches!(
        base(t),
        "timestamp"
            | "timestamp without time zone"
            | "timestamp with time zone"
            | "timestamptz"
            | "time"
            | "time without time zone"
            | "time with time zone"
            | "datetime"
            | "interval"
    )
}

/// Why converting `from` into `to` can lose or reject existing values, if it can.
pub fn narrowing(from: &DataType, to: &DataType) -> Option<String> {
    if from.array_dims != to.array_dims {
        return None;
    }
    if is_string(from) && is_bounded_string(to) {
        let limit = to.length();
        let old = if is_bounded_string(from) {
            from.length()
        } else {
            None
        };
        match (old, limit) {
            (Some(o), Some(n)) if n < o => {
                return Some(format!("the length limit shrinks from {o} to {n}"))
            }
            (None, Some(n)) => {
                return Some(format!("values longer than {n} characters do not fit"))
            }
            _ => {}
        }
    }
    if let (Some(a), Some(b)) = (unbounded_string_rank(from), unbounded_string_rank(to)) {
        if b < a {
            return Some(format!("{} holds less than {}", to.base, from.base));
        }
    }
    if let (Some(a), Some(b)) = (int_bytes(from), int_bytes(to)) {
        if b < a {
            return Some(format!(
                "{} has a smaller range than {}",
                to.base, from.base
            ));
        }
        if !from.unsigned && to.unsigned {
            return Some("negative values do not fit an unsigned type".to_string());
        }
        if from.unsigned && !to.unsigned && a == b {
            return Some("the upper half of the unsigned range does not fit".to_string());
        }
    }
    if (is_decimal(from) || float_bytes(from).is_some()) && int_bytes(to).is_some() {
        return Some("fractional parts are rounded away".to_string());
    }
    if is_decimal(from) && is_decimal(to) {
        if let (Some(p), Some(q)) = (from.length(), to.length()) {
            let (s, r) = (from.scale().unwrap_or(0), to.scale().unwrap_or(0));
            if r < s {
                return Some(format!(
                    "the scale shrinks from {s} to {r} digits (values are rounded)"
                ));
            }
            if q.saturating_sub(r) < p.saturating_sub(s) {
                return Some(format!(
                    "numeric({p},{s}) values may not fit numeric({q},{r})"
                ));
            }
        } else if from.length().is_none() && to.length().is_some() {
            return Some("an unconstrained numeric becomes constrained".to_string());
        }
    }
    if let (Some(a), Some(b)) = (float_bytes(from), float_bytes(to)) {
        if b < a {
            return Some(
                "double precision values lose digits in a single precision float".to_string(),
            );
        }
    }
    if is_time_with_precision(from) && is_time_with_precision(to) {
        if matches!(base(from), "timestamp with time zone" | "timestamptz")
            && matches!(base(to), "timestamp without time zone" | "timestamp")
        {
            return Some("the time zone offset is dropped".to_string());
        }
        let fp = from.length().unwrap_or(6);
        let tp = to.length().unwrap_or(6);
        if base(from) == base(to) && tp < fp {
            return Some(format!(
                "fractional seconds are rounded from {fp} to {tp} digits"
            ));
        }
    }
    None
}

/// PostgreSQL: whether `ALTER COLUMN ... TYPE` from `from` to `to` is binary coercible, so
/// it needs no table rewrite (the documented safe cases).
pub fn pg_no_rewrite(from: &DataType, to: &DataType) -> bool {
    if from.array_dims != to.array_dims {
        return false;
    }
    let (a, b) = (base(from), base(to));
    let varchar = |x: &str| matches!(x, "character varying" | "varchar");
    if varchar(a) && varchar(b) {
        return match (from.length(), to.length()) {
            (_, None) => true,
            (Some(o), Some(n)) => n >= o,
            (None, Some(_)) => false,
        };
    }
    if varchar(a) && b == "text" {
        return true;
    }
    if a == "text" && varchar(b) {
        return to.args.is_empty();
    }
    if matches!(
        (a, b),
        ("citext", "text") | ("text", "citext") | ("cidr", "inet")
    ) {
        return true;
    }
    if matches!(a, "bit varying" | "varbit") && a == b {
        return match (from.length(), to.length()) {
            (_, None) => true,
            (Some(o), Some(n)) => n >= o,
            (None, Some(_)) => false,
        };
    }
    if is_decimal(from) && is_decimal(to) {
        return match (from.length(), to.length()) {
            (_, None) => true,
            (Some(p), Some(q)) => q >= p && from.scale().unwrap_or(0) == to.scale().unwrap_or(0),
            (None, Some(_)) => false,
        };
    }
    if is_time_with_precision(from) && a == b {
        return to.length().unwrap_or(6) >= from.length().unwrap_or(6);
    }
    false
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
    t.args
        .iter()
        .map(|a| a.trim().trim_matches('\'').replace("''", "'"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(b: &str, args: &[&str]) -> DataType {
        DataType::with_args(b, args)
    }

    #[test]
    fn narrowing_cases() {
        assert!(narrowing(
            &t("character varying", &["50"]),
            &t("character varying", &["20"])
        )
        .is_some());
        assert!(narrowing(&t("text", &[]), &t("character varying", &["20"])).is_some());
        assert!(narrowing(
            &t("character varying", &["20"]),
            &t("character varying", &["50"])
        )
        .is_none());
        assert!(narrowing(&t("bigint", &[]), &t("integer", &[])).is_some());
        assert!(narrowing(&t("integer", &[]), &t("bigint", &[])).is_none());
        assert!(narrowing(&t("numeric", &["10", "2"]), &t("numeric", &["10", "0"])).is_some());
        assert!(narrowing(&t("numeric", &["10", "2"]), &t("numeric", &["12", "2"])).is_none());
        assert!(narrowing(
            &t("timestamp with time zone", &[]),
            &t("timestamp without time zone", &[])
        )
        .is_some());
        assert!(narrowing(&t("longtext", &[]), &t("text", &[])).is_some());
    }

    #[test]
    fn pg_binary_coercible_cases() {
        assert!(pg_no_rewrite(
            &t("character varying", &["20"]),
            &t("character varying", &["50"])
        ));
        assert!(pg_no_rewrite(
            &t("character varying", &["20"]),
            &t("text", &[])
        ));
        assert!(!pg_no_rewrite(&t("integer", &[]), &t("bigint", &[])));
        assert!(!pg_no_rewrite(
            &t("character varying", &["50"]),
            &t("character varying", &["20"])
        ));
        assert!(pg_no_rewrite(
            &t("numeric", &["10", "2"]),
            &t("numeric", &["12", "2"])
        ));
        assert!(!pg_no_rewrite(
            &t("numeric", &["10", "2"]),
            &t("numeric", &["12", "3"])
        ));
    }
}

//! The package pre-check's side of a narrowing type change: a SQL condition on the quoted
//! column, true for a value the new type rejects or truncates, which `precheck.sql` counts.
//! Only a change `narrowing` classifies as narrowing gets one, so the pre-check never contradicts
//! the risk note or the `--preserve-data` backup.

use crate::model::DataType;
use crate::{Dialect, Target};

/// A condition on the quoted column `c` that holds for a value `to` cannot hold, or `None`
/// when the change does not narrow, no query can tell (rounding, a dropped time zone, text
/// that must parse as a date before PostgreSQL 16), or on SQLite, which stores any value in
/// any column.
pub fn offending_rows(target: Target, c: &str, f: &DataType, t: &DataType) -> Option<String> {
    let d = target.dialect;
    if d == Dialect::Sqlite || super::narrowing(d, f, t).is_none() {
        return None;
    }
    let mut conds: Vec<String> = Vec::new();

    if let Some(n) = char_length(t) {
        let narrower = match char_length(f) {
            Some(old) => n < old,
            None => !is_integer(f) || n < 20,
        };
        if narrower {
            let len = match d {
                Dialect::Postgres => format!("char_length(CAST({c} AS text))"),
                _ => format!("CHAR_LENGTH({c})"),
            };
            conds.push(format!("{len} > {n}"));
        }
    }
    if let Some((lo, hi)) = integer_range(d, t) {
        if is_numeric(f) && integer_range(d, f).is_none_or(|(flo, fhi)| flo < lo || fhi > hi) {
            conds.push(format!("{c} < {lo} OR {c} > {hi}"));
        }
    }
    // (Precision above PostgreSQL's 1000-digit limit is not a real type: no check.)
    if let (Some(p @ 0..=1000), true) = (decimal_digits(t), is_numeric(f)) {
        // A value rounded to a smaller scale can carry into one more digit (999.995 becomes
        // 1000.00): with as many digits before the point, the rounded value is what must fit.
        let rounded = shrinking_scale(d, f, t);
        let wider = decimal_digits(f).is_some_and(|old| old < p || (old == p && rounded.is_none())) || integer_fits_digits(d, f, p);
        if !wider {
            let v = match rounded {
                Some(r) => format!("round({c}, {r})"),
                None => c.to_string(),
            };
            conds.push(format!("abs({v}) >= 1{}", "0".repeat(p as usize)));
        }
    }
    if d == Dialect::Mysql && t.unsigned && !f.unsigned && is_numeric(f) {
        conds.push(format!("{c} < 0"));
    }
    if conds.is_empty() && is_string(f) {
        if let Some(cond) = text_to_number(target, c, t) {
            conds.push(cond);
        }
    }
    if conds.is_empty() && d == Dialect::Postgres && target.input_is_valid() && !same_family(f, t) {
        // PostgreSQL 16+: ask the type's input function whether the text form is acceptable.
        let ty = t.to_string().replace('\'', "''");
        conds.push(format!("NOT pg_input_is_valid(CAST({c} AS text), '{ty}')"));
    }
    if conds.is_empty() {
        None
    } else {
        Some(conds.join(" OR "))
    }
}

/// A condition on the quoted column `c` that holds for a value the change to `to` stores
/// changed without an error: digits of an exact decimal beyond the new scale (rounded by both
/// engines, strict `sql_mode` or not), a fractional part of a number becoming an integer, or
/// fractional seconds beyond the new precision (rounded; truncated by MariaDB). `None` when the
/// change stores every value as it is, or on SQLite.
pub fn rounded_rows(target: Target, c: &str, f: &DataType, t: &DataType) -> Option<String> {
    let d = target.dialect;
    Some(match rounding(target, f, t)? {
        Rounding::Scale(r) => format!("{c} <> round({c}, {r})"),
        Rounding::Integer => format!("{c} <> round({c})"),
        Rounding::Fraction(digits) => {
            let unit = 10u64.pow(6u32.saturating_sub(digits as u32));
            match d {
                Dialect::Postgres => format!("mod(CAST(extract(microseconds FROM {c}) AS bigint), {unit}) <> 0"),
                _ => format!("MICROSECOND({c}) MOD {unit} <> 0"),
            }
        }
    })
}

/// How the target stores the values `rounded_rows` counts: `rounded`, or `truncated` (MariaDB's
/// fractional seconds, `Engine::truncates_fractional_seconds`).
pub fn rounding_verb(target: Target, f: &DataType, t: &DataType) -> Option<&'static str> {
    Some(match rounding(target, f, t)? {
        Rounding::Fraction(_) if target.truncates_fractional_seconds() => "truncated",
        _ => "rounded",
    })
}

enum Rounding {
    /// Digits beyond this scale of an exact decimal.
    Scale(u64),
    /// The fractional part of a number stored as an integer.
    Integer,
    /// Fractional seconds beyond this many digits.
    Fraction(u64),
}

fn rounding(target: Target, f: &DataType, t: &DataType) -> Option<Rounding> {
    let d = target.dialect;
    if d == Dialect::Sqlite || super::narrowing(d, f, t).is_none() {
        return None;
    }
    if let Some(r) = shrinking_scale(d, f, t) {
        return Some(Rounding::Scale(r));
    }
    if is_integer(t) && (decimal(f) && scale(d, f) != Some(0) || float(f)) {
        return Some(Rounding::Integer);
    }
    let digits = fraction_digits(d, t)?;
    fraction_digits(d, f).is_some_and(|old| old > digits).then_some(Rounding::Fraction(digits))
}

/// The smaller scale an exact decimal is rounded to, when the change shrinks it (an
/// unconstrained PostgreSQL `numeric` has any scale; MySQL's bare `DECIMAL` is `DECIMAL(10,0)`).
fn shrinking_scale(d: Dialect, f: &DataType, t: &DataType) -> Option<u64> {
    if !(decimal(f) && decimal(t)) {
        return None;
    }
    let r = scale(d, t)?;
    scale(d, f).is_none_or(|s| s > r).then_some(r)
}

/// The scale of an exact decimal, `None` for PostgreSQL's unconstrained `numeric`.
fn scale(d: Dialect, t: &DataType) -> Option<u64> {
    match (t.length(), d) {
        (None, Dialect::Postgres) => None,
        _ => Some(t.scale().unwrap_or(0)),
    }
}

fn float(t: &DataType) -> bool {
    t.array_dims == 0 && matches!(base(t), "real" | "double precision" | "double" | "float" | "float4" | "float8")
}

/// Fractional-second digits a time, timestamp or interval type keeps (6 when unstated).
fn fraction_digits(d: Dialect, t: &DataType) -> Option<u64> {
    if t.array_dims > 0 {
        return None;
    }
    let pg_only = matches!(base(t), "time with time zone" | "timestamp with time zone" | "timestamptz" | "interval");
    let any = matches!(base(t), "time" | "time without time zone" | "timestamp" | "timestamp without time zone");
    let mysql_only = base(t) == "datetime";
    if !(any || (pg_only && d == Dialect::Postgres) || (mysql_only && d == Dialect::Mysql)) {
        return None;
    }
    // MySQL's unstated precision is 0; PostgreSQL keeps microseconds.
    Some(t.length().unwrap_or(if d == Dialect::Mysql { 0 } else { 6 }).min(6))
}

/// Text that must parse as an integer or an exact decimal: a value that is not a plain number,
/// or whose number is out of the new type's range. (PostgreSQL 16+ asks `pg_input_is_valid`.)
fn text_to_number(target: Target, c: &str, t: &DataType) -> Option<String> {
    let d = target.dialect;
    if d == Dialect::Postgres && target.input_is_valid() {
        return None;
    }
    let range = |num: &str| -> Option<String> {
        if let Some((lo, hi)) = integer_range(d, t) {
            return Some(format!("{num} < {lo} OR {num} > {hi}"));
        }
        match decimal_digits(t) {
            Some(p @ 0..=1000) => Some(format!("abs({num}) >= 1{}", "0".repeat(p as usize))),
            _ => None,
        }
    };
    match d {
        Dialect::Postgres => {
            let text = format!("CAST({c} AS text)");
            let (pattern, num) = if is_integer(t) {
                (r"'^\s*[-+]?[0-9]+\s*$'", format!("CAST({text} AS numeric)"))
            } else if decimal(t) {
                (
                    r"'^\s*[-+]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][-+]?[0-9]+)?\s*$'",
                    format!("round(CAST({text} AS numeric), {})", t.scale().unwrap_or(0)),
                )
            } else {
                return None;
            };
            Some(match range(&num) {
                Some(r) => format!("CASE WHEN {text} ~ {pattern} THEN {r} ELSE true END"),
                None => format!("{text} !~ {pattern}"),
            })
        }
        Dialect::Mysql => {
            let (pattern, num) = if is_integer(t) {
                ("'^[[:space:]]*[-+]?[0-9]+[[:space:]]*$'", format!("CAST({c} AS DECIMAL(65,0))"))
            } else if decimal(t) {
                (
                    "'^[[:space:]]*[-+]?([0-9]+([.][0-9]*)?|[.][0-9]+)([eE][-+]?[0-9]+)?[[:space:]]*$'",
                    format!("CAST({c} AS DECIMAL(65,{}))", t.scale().unwrap_or(0).min(30)),
                )
            } else {
                return None;
            };
            let bad = format!("{c} NOT REGEXP {pattern}");
            Some(match range(&num) {
                Some(r) => format!("{bad} OR {r}"),
                None => bad,
            })
        }
        Dialect::Sqlite => None,
    }
}

fn base(t: &DataType) -> &str {
    t.base.as_str()
}

fn char_length(t: &DataType) -> Option<u64> {
    if t.array_dims > 0 {
        return None;
    }
    match base(t) {
        "character varying" | "varchar" | "character" | "char" | "bpchar" | "nvarchar" | "nchar" | "varbinary" | "binary" => t.length(),
        _ => None,
    }
}

fn is_string(t: &DataType) -> bool {
    t.array_dims == 0
        && (char_length(t).is_some()
            || matches!(
                base(t),
                "character varying" | "varchar" | "text" | "citext" | "tinytext" | "mediumtext" | "longtext" | "char" | "character"
            ))
}

fn is_integer(t: &DataType) -> bool {
    t.array_dims == 0 && matches!(base(t), "smallint" | "integer" | "int" | "bigint" | "tinyint" | "mediumint" | "int2" | "int4" | "int8")
}

fn decimal(t: &DataType) -> bool {
    t.array_dims == 0 && matches!(base(t), "numeric" | "decimal")
}

fn is_numeric(t: &DataType) -> bool {
    is_integer(t)
        || (t.array_dims == 0
            && matches!(base(t), "numeric" | "decimal" | "real" | "double precision" | "double" | "float" | "float4" | "float8"))
}

/// Inclusive range of an integer type.
fn integer_range(d: Dialect, t: &DataType) -> Option<(i128, i128)> {
    if !is_integer(t) {
        return None;
    }
    let bits = match base(t) {
        "tinyint" => 8,
        "smallint" | "int2" => 16,
        "mediumint" => 24,
        "integer" | "int" | "int4" => 32,
        _ => 64,
    };
    if d == Dialect::Mysql && t.unsigned {
        Some((0, (1i128 << bits) - 1))
    } else {
        Some((-(1i128 << (bits - 1)), (1i128 << (bits - 1)) - 1))
    }
}

/// Digits before the decimal point that `numeric(p, s)` holds (`p - s`).
fn decimal_digits(t: &DataType) -> Option<u64> {
    if !decimal(t) {
        return None;
    }
    let p = t.length()?;
    Some(p.saturating_sub(t.scale().unwrap_or(0)))
}

fn integer_fits_digits(d: Dialect, t: &DataType, digits: u64) -> bool {
    integer_range(d, t).is_some_and(|(lo, hi)| {
        let max = hi.max(-lo);
        (max.to_string().len() as u64) <= digits
    })
}

fn same_family(a: &DataType, b: &DataType) -> bool {
    a.base == b.base && a.array_dims == b.array_dims
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Column;

    fn col(t: DataType) -> Column {
        Column::new("c", t)
    }

    #[test]
    fn narrowing_varchar_checks_length() {
        let target = Target::default_for(Dialect::Postgres);
        let f = col(DataType::with_args("character varying", &["50"]));
        let t = col(DataType::with_args("character varying", &["10"]));
        assert_eq!(offending_rows(target, "\"c\"", &f.data_type, &t.data_type).as_deref(), Some("char_length(CAST(\"c\" AS text)) > 10"));
        assert_eq!(offending_rows(target, "\"c\"", &t.data_type, &f.data_type), None);
    }

    #[test]
    fn narrowing_integers_checks_range() {
        let target = Target::default_for(Dialect::Mysql);
        let f = col(DataType::simple("bigint"));
        let t = col(DataType::simple("int"));
        assert_eq!(offending_rows(target, "`c`", &f.data_type, &t.data_type).as_deref(), Some("`c` < -2147483648 OR `c` > 2147483647"));
        assert_eq!(offending_rows(target, "`c`", &t.data_type, &f.data_type), None);
    }

    #[test]
    fn numeric_precision_and_pg16_input_check() {
        let target = Target::default_for(Dialect::Postgres);
        let f = col(DataType::with_args("numeric", &["12", "2"]));
        let t = col(DataType::with_args("numeric", &["6", "2"]));
        assert_eq!(offending_rows(target, "c", &f.data_type, &t.data_type).as_deref(), Some("abs(c) >= 10000"));
        let pg16 = Target::parse(Dialect::Postgres, "16").unwrap();
        let text = col(DataType::simple("text"));
        let uuid = col(DataType::simple("uuid"));
        assert_eq!(
            offending_rows(pg16, "c", &text.data_type, &uuid.data_type).as_deref(),
            Some("NOT pg_input_is_valid(CAST(c AS text), 'uuid')")
        );
        assert_eq!(offending_rows(target, "c", &text.data_type, &uuid.data_type), None);
    }
}

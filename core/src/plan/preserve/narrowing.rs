//! Which type changes destroy data: a narrowing conversion (`varchar(100)` → `varchar(10)`,
//! `bigint` → `integer`, `text` → `integer`, `numeric(10,2)` → `numeric(10,0)`, timestamp →
//! date...) loses values or their exact spelling, so `--preserve-data` backs the column up
//! before the change. Conservative: a change between types this file does not know is treated
//! as narrowing (a backup is cheap; a lost value is not). SQLite ignores declared lengths and
//! converts by type affinity, so there only an affinity change towards a numeric one narrows.

use crate::model::DataType;
use crate::Dialect;

#[derive(Clone, Copy, Debug, PartialEq)]
enum Kind {
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

fn kind(t: &DataType) -> Kind {
    let len = t.length();
    match t.base.as_str() {
        "boolean" | "bool" => Kind::Int(0),
        "tinyint" => Kind::Int(1),
        "smallint" | "int2" => Kind::Int(2),
        "mediumint" => Kind::Int(3),
        "integer" | "int" | "int4" => Kind::Int(4),
        "bigint" | "int8" => Kind::Int(8),
        "numeric" | "decimal" => Kind::Exact(len.map(|p| (p, t.scale().unwrap_or(0)))),
        "real" | "float4" | "float" => Kind::Float(4),
        "double precision" | "double" | "float8" => Kind::Float(8),
        "character varying" | "varchar" => Kind::Str(len),
        "character" | "char" | "bpchar" => Kind::Str(len.or(Some(1))),
        "text" | "citext" | "longtext" | "clob" => Kind::Str(None),
        "tinytext" => Kind::Str(Some(255)),
        "mediumtext" => Kind::Str(Some(16_777_215)),
        "bytea" | "longblob" | "blob" if len.is_none() => Kind::Bin(if t.base == "blob" { Some(65_535) } else { None }),
        "binary" | "varbinary" | "blob" => Kind::Bin(len),
        "tinyblob" => Kind::Bin(Some(255)),
        "mediumblob" => Kind::Bin(Some(16_777_215)),
        "date" => Kind::Time(1, None),
        "time" | "time without time zone" | "time with time zone" => Kind::Time(2, len),
        "timestamp" | "timestamp without time zone" | "datetime" => Kind::Time(3, len),
        "timestamp with time zone" => Kind::Time(4, len),
        _ => Kind::Other,
    }
}

fn int_digits(bytes: u8) -> u64 {
    match bytes {
        0 => 1,
        1 => 3,
        2 => 5,
        3 => 8,
        4 => 10,
        _ => 19,
    }
}

fn fits(from: Option<u64>, to: Option<u64>) -> bool {
    match (from, to) {
        (_, None) => true,
        (None, Some(_)) => false,
        (Some(a), Some(b)) => b >= a,
    }
}

/// Whether converting a column from `from` to `to` can lose data or its exact form.
pub fn is_narrowing(d: Dialect, from: &DataType, to: &DataType) -> bool {
    if from == to {
        return false;
    }
    if d == Dialect::Sqlite {
        return sqlite_narrowing(from, to);
    }
    if from.array_dims != to.array_dims || from.user_defined || to.user_defined {
        return true;
    }
    if from.unsigned != to.unsigned {
        // Signed → unsigned loses negatives; unsigned → signed fits only in a larger type.
        let wider = matches!((kind(from), kind(to)), (Kind::Int(a), Kind::Int(b)) if b > a);
        if to.unsigned || !wider {
            return true;
        }
    }
    match (kind(from), kind(to)) {
        (Kind::Int(a), Kind::Int(b)) => b < a,
        (Kind::Int(a), Kind::Exact(p)) => p.is_some_and(|(p, s)| p.saturating_sub(s) < int_digits(a)),
        (Kind::Int(a), Kind::Float(b)) => (a >= 8 && b >= 8) || (a >= 4 && b < 8),
        (Kind::Exact(a), Kind::Exact(b)) => match (a, b) {
            (_, None) => false,
            (None, Some(_)) => true,
            (Some((p1, s1)), Some((p2, s2))) => s2 < s1 || p2.saturating_sub(s2) < p1.saturating_sub(s1),
        },
        (Kind::Float(a), Kind::Float(b)) => b < a,
        (Kind::Str(a), Kind::Str(b)) | (Kind::Bin(a), Kind::Bin(b)) => !fits(a, b),
        // Anything written as text fits unbounded text; a bounded one may truncate.
        (Kind::Int(_) | Kind::Exact(_) | Kind::Float(_) | Kind::Time(..), Kind::Str(b)) => b.is_some_and(|n| n < 32),
        (Kind::Time(r1, p1), Kind::Time(r2, p2)) => {
            r2 < r1 || (r1 == 1 && r2 == 2) || (r1 >= 2 && r2 >= 2 && !fits(p1.or(Some(6)), p2.or(Some(6))))
        }
        _ => true,
    }
}

fn sqlite_narrowing(from: &DataType, to: &DataType) -> bool {
    let (a, b) = (from.sqlite_affinity(), to.sqlite_affinity());
    a != b && !matches!(b, "TEXT" | "BLOB") && !(a == "INTEGER" && b == "NUMERIC")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(base: &str, args: &[&str]) -> DataType {
        DataType::with_args(base, args)
    }

    #[test]
    fn narrowing_changes_are_found() {
        let pg = Dialect::Postgres;
        assert!(is_narrowing(pg, &t("character varying", &["100"]), &t("character varying", &["10"])));
        assert!(is_narrowing(pg, &t("text", &[]), &t("character varying", &["10"])));
        assert!(is_narrowing(pg, &t("bigint", &[]), &t("integer", &[])));
        assert!(is_narrowing(pg, &t("text", &[]), &t("integer", &[])));
        assert!(is_narrowing(pg, &t("numeric", &["10", "2"]), &t("numeric", &["10", "0"])));
        assert!(is_narrowing(pg, &t("timestamp without time zone", &[]), &t("date", &[])));
        assert!(is_narrowing(pg, &t("double precision", &[]), &t("integer", &[])));
        assert!(is_narrowing(Dialect::Mysql, &t("int", &[]), &t("int", &[]).clone().tap_unsigned()));
    }

    #[test]
    fn widening_changes_are_not() {
        let pg = Dialect::Postgres;
        assert!(!is_narrowing(pg, &t("character varying", &["10"]), &t("character varying", &["100"])));
        assert!(!is_narrowing(pg, &t("character varying", &["10"]), &t("text", &[])));
        assert!(!is_narrowing(pg, &t("integer", &[]), &t("bigint", &[])));
        assert!(!is_narrowing(pg, &t("integer", &[]), &t("text", &[])));
        assert!(!is_narrowing(pg, &t("numeric", &["10", "2"]), &t("numeric", &["12", "2"])));
        assert!(!is_narrowing(pg, &t("date", &[]), &t("timestamp without time zone", &[])));
        assert!(!is_narrowing(Dialect::Mysql, &t("varchar", &["20"]), &t("text", &[])));
    }

    #[test]
    fn sqlite_narrows_by_affinity_only() {
        let s = Dialect::Sqlite;
        assert!(!is_narrowing(s, &t("varchar", &["100"]), &t("varchar", &["10"])));
        assert!(is_narrowing(s, &t("text", &[]), &t("integer", &[])));
        assert!(!is_narrowing(s, &t("integer", &[]), &t("text", &[])));
    }

    trait Unsigned {
        fn tap_unsigned(self) -> Self;
    }
    impl Unsigned for DataType {
        fn tap_unsigned(mut self) -> Self {
            self.unsigned = true;
            self
        }
    }
}

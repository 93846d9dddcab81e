//! The one home of the fact "does changing a column from type A to type B lose or reject data?".
//!
//! `narrowing` classifies a type change per dialect and says why it narrows (length, integer
//! range, signedness, precision, scale, float digits, fractional seconds, time zone, date part,
//! text that must parse, MySQL text class, SQLite affinity, unrelated types). Every consumer asks
//! it: the `any-type-narrowing` risk note (its wording), `--preserve-data` (a narrowing change
//! backs the column up) and the package pre-check (`offending_rows`, the rows that would fail).
//! Conservative: a change between types this file does not know narrows (a backup is cheap; a
//! lost value is not). `pg_no_rewrite` is PostgreSQL's binary-coercible (no table rewrite) class.

mod kind;
mod pg_rewrite;
mod precheck;
#[cfg(test)]
mod tests;

use crate::model::DataType;
use crate::Dialect;
use kind::{kind, Kind};

pub use pg_rewrite::pg_no_rewrite;
pub use precheck::{offending_rows, rounded_rows, rounding_verb};

/// Whether converting a column from `from` to `to` can lose data or its exact form.
pub fn is_narrowing(d: Dialect, from: &DataType, to: &DataType) -> bool {
    narrowing(d, from, to).is_some()
}

/// Why converting a column from `from` to `to` can lose or reject existing values, if it can.
pub fn narrowing(d: Dialect, from: &DataType, to: &DataType) -> Option<String> {
    if from == to {
        return None;
    }
    if d == Dialect::Sqlite {
        return sqlite(from, to);
    }
    if from.array_dims != to.array_dims {
        return Some(format!("{from} values do not convert to {to} (the array dimensions differ)"));
    }
    let (kf, kt) = (kind(d, from), kind(d, to));
    // Every value has a text form that unbounded text holds exactly (bytes excepted: their
    // text form depends on the encoding).
    if kt == Kind::Str(None) && !matches!(kf, Kind::Bin(_)) {
        return None;
    }
    if from.user_defined || to.user_defined {
        return Some(format!("values of {from} may not convert to {to}"));
    }
    if from.unsigned != to.unsigned {
        let wider = matches!((kf, kt), (Kind::Int(a), Kind::Int(b)) if b > a);
        if to.unsigned {
            return Some("negative values do not fit an unsigned type".to_string());
        }
        if !wider {
            return Some("the upper half of the unsigned range does not fit".to_string());
        }
    }
    // MySQL converts ENUM and SET values by their text: every member kept, in any order, keeps
    // every value (the positions change: `mysql-enum-set-change` says what that changes).
    if d == Dialect::Mysql && from.base == to.base && matches!(from.base.as_str(), "enum" | "set") {
        let members = |t: &DataType| t.args.iter().map(|a| a.trim().to_string()).collect::<Vec<_>>();
        let kept = members(to);
        let gone: Vec<String> = members(from).into_iter().filter(|m| !kept.contains(m)).collect();
        return (!gone.is_empty()).then(|| format!("values {} are not members of {to}", gone.join(", ")));
    }
    let unrelated = || Some(format!("values of {from} may not convert to {to}"));
    match (kf, kt) {
        (Kind::Int(a), Kind::Int(b)) if b < a => Some(format!("{} has a smaller range than {}", to.base, from.base)),
        (Kind::Int(_), Kind::Int(_)) => None,
        (Kind::Int(a), Kind::Exact(Some((p, s)))) if p.saturating_sub(s) < kind::int_digits(a) => {
            Some(format!("{to} holds fewer digits than {}", from.base))
        }
        (Kind::Int(_), Kind::Exact(_)) => None,
        (Kind::Int(a), Kind::Float(b)) if (a >= 8 && b >= 8) || (a >= 4 && b < 8) => {
            Some(format!("large {} values lose digits in {}", from.base, to.base))
        }
        (Kind::Int(_), Kind::Float(_)) => None,
        (Kind::Exact(_) | Kind::Float(_), Kind::Int(_)) => Some("fractional parts are rounded away".to_string()),
        (Kind::Exact(a), Kind::Exact(b)) => exact(a, b),
        (Kind::Exact(_), Kind::Float(_)) => Some(format!("exact decimals lose digits in {}", to.base)),
        (Kind::Float(a), Kind::Float(b)) if b < a => Some("double precision values lose digits in a single precision float".to_string()),
        (Kind::Float(_), Kind::Float(_)) => None,
        (Kind::Float(_), Kind::Exact(_)) => Some(format!("float values are rounded to {to}")),
        (Kind::Str(a), Kind::Str(b)) | (Kind::Bin(a), Kind::Bin(b)) => length(from, to, a, b),
        (Kind::Str(_), Kind::Int(_) | Kind::Exact(_) | Kind::Float(_) | Kind::Time(..) | Kind::Other) => {
            Some(format!("text that does not parse as {to} is rejected"))
        }
        (Kind::Int(_) | Kind::Exact(_) | Kind::Float(_) | Kind::Time(..), Kind::Str(Some(n))) => {
            (n < kind::text_length(kf)).then(|| format!("the text form of {} values can be longer than {n} characters", from.base))
        }
        (Kind::Time(r1, p1), Kind::Time(r2, p2)) => time(from, to, (r1, p1), (r2, p2)),
        _ => unrelated(),
    }
}

fn exact(a: Option<(u64, u64)>, b: Option<(u64, u64)>) -> Option<String> {
    match (a, b) {
        (_, None) => None,
        (None, Some(_)) => Some("an unconstrained numeric becomes constrained".to_string()),
        (Some((_, s)), Some((_, r))) if r < s => Some(format!("the scale shrinks from {s} to {r} digits (values are rounded)")),
        (Some((p, s)), Some((q, r))) if q.saturating_sub(r) < p.saturating_sub(s) => {
            Some(format!("numeric({p},{s}) values may not fit numeric({q},{r})"))
        }
        _ => None,
    }
}

fn length(from: &DataType, to: &DataType, a: Option<u64>, b: Option<u64>) -> Option<String> {
    match (a, b) {
        (_, None) => None,
        (Some(o), Some(n)) if n >= o => None,
        _ if kind::is_text_class(from) && kind::is_text_class(to) => Some(format!("{} holds less than {}", to.base, from.base)),
        (Some(o), Some(n)) => Some(format!("the length limit shrinks from {o} to {n}")),
        (None, Some(n)) => Some(format!("values longer than {n} characters do not fit")),
    }
}

fn time(from: &DataType, to: &DataType, (r1, p1): (u8, Option<u64>), (r2, p2): (u8, Option<u64>)) -> Option<String> {
    if r1 == 4 && r2 == 3 {
        return Some("the time zone offset is dropped".to_string());
    }
    if r2 < r1 || (r1 == 1 && r2 == 2) {
        return Some(format!("{} keeps only part of a {} value", to.base, from.base));
    }
    let (fp, tp) = (p1.unwrap_or(6), p2.unwrap_or(6));
    if r1 >= 2 && r2 >= 2 && tp < fp {
        return Some(format!("fractional seconds are rounded from {fp} to {tp} digits"));
    }
    None
}

/// SQLite ignores declared lengths and ranges; a rebuild converts values by the new column's
/// affinity, so only a change towards a numeric affinity changes stored values ('007' → 7).
fn sqlite(from: &DataType, to: &DataType) -> Option<String> {
    let (a, b) = (from.sqlite_affinity(), to.sqlite_affinity());
    if a == b || matches!(b, "TEXT" | "BLOB") || (a == "INTEGER" && b == "NUMERIC") {
        return None;
    }
    Some(format!("values converted to {b} affinity lose their exact form ('007' becomes 7, 3.0 becomes 3)"))
}

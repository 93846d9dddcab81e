//! PostgreSQL's binary-coercible type changes: `ALTER COLUMN ... TYPE` without a table rewrite
//! (the documented safe cases: a longer or unbounded varchar, varchar → text, more numeric
//! precision at the same scale, more fractional-second precision, cidr → inet, citext ↔ text).

use crate::model::DataType;

fn base(t: &DataType) -> &str {
    t.base.as_str()
}

fn is_decimal(t: &DataType) -> bool {
    matches!(base(t), "numeric" | "decimal")
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
    if matches!((a, b), ("citext", "text") | ("text", "citext") | ("cidr", "inet")) {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn t(b: &str, args: &[&str]) -> DataType {
        DataType::with_args(b, args)
    }

    #[test]
    fn pg_binary_coercible_cases() {
        assert!(pg_no_rewrite(&t("character varying", &["20"]), &t("character varying", &["50"])));
        assert!(pg_no_rewrite(&t("character varying", &["20"]), &t("text", &[])));
        assert!(!pg_no_rewrite(&t("integer", &[]), &t("bigint", &[])));
        assert!(!pg_no_rewrite(&t("character varying", &["50"]), &t("character varying", &["20"])));
        assert!(pg_no_rewrite(&t("numeric", &["10", "2"]), &t("numeric", &["12", "2"])));
        assert!(!pg_no_rewrite(&t("numeric", &["10", "2"]), &t("numeric", &["12", "3"])));
    }
}

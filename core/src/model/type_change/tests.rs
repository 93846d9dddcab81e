//! The table of type changes per dialect: the risk note, the `--preserve-data` backup and the
//! package pre-check must tell the same story about each one.

use crate::model::DataType;
use crate::{Dialect, Target};

fn ty(spec: &str) -> DataType {
    // "varchar(10)", "numeric(10,2)", "int unsigned", "integer[]"
    let (spec, unsigned) = match spec.strip_suffix(" unsigned") {
        Some(s) => (s, true),
        None => (spec, false),
    };
    let (spec, dims) = match spec.strip_suffix("[]") {
        Some(s) => (s, 1),
        None => (spec, 0),
    };
    let mut t = match spec.split_once('(') {
        Some((b, rest)) => {
            let args: Vec<&str> = rest.trim_end_matches(')').split(',').map(str::trim).collect();
            DataType::with_args(b, &args)
        }
        None => DataType::simple(spec),
    };
    t.unsigned = unsigned;
    t.array_dims = dims;
    t
}

/// (from, to, loses data): the expected answer, shared by every consumer.
const PG: &[(&str, &str, bool)] = &[
    ("character varying(50)", "character varying(20)", true),
    ("character varying(20)", "character varying(50)", false),
    ("character varying(20)", "text", false),
    ("text", "character varying(20)", true),
    ("text", "integer", true),
    ("text", "numeric", true),
    ("text", "uuid", true),
    ("text", "date", true),
    ("text", "boolean", true),
    ("integer", "text", false),
    ("integer", "bigint", false),
    ("bigint", "integer", true),
    ("smallint", "integer", false),
    ("integer", "smallint", true),
    ("integer", "character varying(5)", true),
    ("bigint", "character varying(100)", false),
    ("numeric(10,2)", "numeric(12,2)", false),
    ("numeric(10,2)", "numeric(10,0)", true),
    ("numeric(12,2)", "numeric(6,2)", true),
    ("numeric", "numeric(10,2)", true),
    ("numeric(10,2)", "numeric", false),
    ("numeric(10,2)", "integer", true),
    ("double precision", "integer", true),
    ("double precision", "real", true),
    ("real", "double precision", false),
    ("integer", "numeric(5,0)", true),
    ("integer", "numeric(12,0)", false),
    ("timestamp with time zone", "timestamp without time zone", true),
    ("timestamp without time zone", "date", true),
    ("date", "timestamp without time zone", false),
    ("timestamp without time zone(6)", "timestamp without time zone(3)", true),
    ("timestamp without time zone", "timestamp without time zone(6)", false),
    ("numeric(12,4)", "numeric(12,2)", true),
    ("numeric(6,3)", "numeric(5,2)", true),
    ("time without time zone(6)", "time without time zone(0)", true),
    ("integer[]", "bigint[]", false),
    ("integer[]", "integer", true),
    ("uuid", "text", false),
];

const MYSQL: &[(&str, &str, bool)] = &[
    ("enum('a','b','c')", "enum('c','a','b')", false),
    ("enum('a','b')", "enum('a','x','b')", false),
    ("enum('a','b')", "enum('a')", true),
    ("set('x','y')", "set('y','x','z')", false),
    ("set('x','y')", "set('x')", true),
    ("varchar(50)", "varchar(20)", true),
    ("varchar(20)", "varchar(50)", false),
    ("varchar(20)", "text", false),
    ("text", "varchar(20)", true),
    ("longtext", "text", true),
    ("text", "longtext", false),
    ("text", "int", true),
    ("varchar(20)", "int", true),
    ("varchar(20)", "decimal(10,2)", true),
    ("varchar(20)", "date", true),
    ("int", "bigint", false),
    ("bigint", "int", true),
    ("int", "int unsigned", true),
    ("int unsigned", "int", true),
    ("int unsigned", "bigint", false),
    ("int", "varchar(5)", true),
    ("int", "varchar(20)", false),
    ("decimal(10,2)", "decimal(10,0)", true),
    ("decimal(10,2)", "decimal(12,2)", false),
    ("decimal(10,2)", "int", true),
    ("double", "float", true),
    ("datetime", "date", true),
    ("datetime(6)", "datetime(3)", true),
    ("datetime(6)", "datetime", true),
    ("datetime", "datetime(6)", false),
    ("time(6)", "time(2)", true),
    ("timestamp(6)", "timestamp(2)", true),
    ("decimal(12,4)", "decimal(12,2)", true),
    ("decimal(6,3)", "decimal(5,2)", true),
    ("date", "datetime", false),
    ("tinyint", "int", false),
    ("mediumint", "smallint", true),
    // A bare DECIMAL is DECIMAL(10,0) in MySQL.
    ("decimal", "decimal(12,2)", false),
    ("decimal", "decimal(11,2)", true),
    ("decimal(12,2)", "decimal", true),
];

const SQLITE: &[(&str, &str, bool)] = &[
    ("varchar(50)", "varchar(20)", false),
    ("text", "integer", true),
    ("text", "real", true),
    ("integer", "text", false),
    ("integer", "numeric", false),
    ("real", "integer", true),
    ("bigint", "integer", false),
    ("text", "blob", false),
];

fn table() -> Vec<(Target, &'static str, &'static str, bool)> {
    let mut rows = Vec::new();
    for (d, pairs) in [(Dialect::Postgres, PG), (Dialect::Mysql, MYSQL), (Dialect::Sqlite, SQLITE)] {
        for &(a, b, loses) in pairs {
            rows.push((Target::default_for(d), a, b, loses));
        }
    }
    rows
}

/// Narrowing changes whose offending rows a pre-check query counts (the others change values
/// by rounding or conversion, which no count can tell, or parse text only PostgreSQL 16+ checks).
const CHECKED: &[(Dialect, &str, &str)] = &[
    (Dialect::Postgres, "character varying(50)", "character varying(20)"),
    (Dialect::Postgres, "text", "character varying(20)"),
    (Dialect::Postgres, "text", "integer"),
    (Dialect::Postgres, "text", "numeric"),
    (Dialect::Postgres, "bigint", "integer"),
    (Dialect::Postgres, "integer", "smallint"),
    (Dialect::Postgres, "integer", "character varying(5)"),
    (Dialect::Postgres, "numeric(12,2)", "numeric(6,2)"),
    (Dialect::Postgres, "numeric(6,3)", "numeric(5,2)"),
    (Dialect::Postgres, "numeric", "numeric(10,2)"),
    (Dialect::Postgres, "numeric(10,2)", "integer"),
    (Dialect::Postgres, "double precision", "integer"),
    (Dialect::Postgres, "integer", "numeric(5,0)"),
    (Dialect::Mysql, "varchar(50)", "varchar(20)"),
    (Dialect::Mysql, "decimal(6,3)", "decimal(5,2)"),
    (Dialect::Mysql, "text", "varchar(20)"),
    (Dialect::Mysql, "text", "int"),
    (Dialect::Mysql, "varchar(20)", "int"),
    (Dialect::Mysql, "varchar(20)", "decimal(10,2)"),
    (Dialect::Mysql, "bigint", "int"),
    (Dialect::Mysql, "int", "int unsigned"),
    (Dialect::Mysql, "int unsigned", "int"),
    (Dialect::Mysql, "int", "varchar(5)"),
    (Dialect::Mysql, "decimal(10,2)", "int"),
    (Dialect::Mysql, "mediumint", "smallint"),
    (Dialect::Mysql, "decimal", "decimal(11,2)"),
];

#[test]
fn risk_preserve_and_precheck_agree() {
    let mut wrong = Vec::new();
    for (target, a, b, loses) in table() {
        let d = target.dialect;
        let (from, to) = (ty(a), ty(b));
        // What each consumer asks: the risk note, the backup, the pre-check query.
        let risk = super::narrowing(d, &from, &to).is_some();
        let preserve = crate::plan::preserve::is_narrowing(d, &from, &to);
        let precheck = super::offending_rows(target, "c", &from, &to).is_some();
        let precheck_expected = CHECKED.contains(&(d, a, b));
        if risk != loses || preserve != loses || precheck != precheck_expected || (precheck && !loses) {
            wrong.push(format!(
                "{d:?} {a} -> {b}: expected loses={loses} checked={precheck_expected}; risk={risk} preserve={preserve} precheck={precheck}"
            ));
        }
    }
    assert!(wrong.is_empty(), "{} disagreements:\n{}", wrong.len(), wrong.join("\n"));
}

#[test]
fn checked_pairs_are_in_the_table() {
    for &(d, a, b) in CHECKED {
        assert!(table().iter().any(|r| r.0.dialect == d && r.1 == a && r.2 == b && r.3), "{d:?} {a} -> {b}");
    }
}

#[test]
fn text_to_integer_precheck_parses_the_text() {
    let pg = Target::default_for(Dialect::Postgres);
    assert_eq!(
        super::offending_rows(pg, "c", &ty("text"), &ty("integer")).as_deref(),
        Some(
            r"CASE WHEN CAST(c AS text) ~ '^\s*[-+]?[0-9]+\s*$' THEN CAST(CAST(c AS text) AS numeric) < -2147483648 OR CAST(CAST(c AS text) AS numeric) > 2147483647 ELSE true END"
        )
    );
    let pg16 = Target::parse(Dialect::Postgres, "16").unwrap();
    assert_eq!(
        super::offending_rows(pg16, "c", &ty("text"), &ty("integer")).as_deref(),
        Some("NOT pg_input_is_valid(CAST(c AS text), 'integer')")
    );
    let mysql = Target::default_for(Dialect::Mysql);
    assert_eq!(
        super::offending_rows(mysql, "c", &ty("varchar(20)"), &ty("int")).as_deref(),
        Some("c NOT REGEXP '^[[:space:]]*[-+]?[0-9]+[[:space:]]*$' OR CAST(c AS DECIMAL(65,0)) < -2147483648 OR CAST(c AS DECIMAL(65,0)) > 2147483647")
    );
}

/// (from, to, the condition `rounded_rows` counts): values stored changed without an error.
const ROUNDED: &[(Dialect, &str, &str, &str)] = &[
    (Dialect::Postgres, "numeric(12,4)", "numeric(12,2)", "c <> round(c, 2)"),
    (Dialect::Postgres, "numeric", "numeric(10,2)", "c <> round(c, 2)"),
    (Dialect::Postgres, "numeric(6,3)", "numeric(5,2)", "c <> round(c, 2)"),
    (Dialect::Postgres, "numeric(10,2)", "numeric(10,0)", "c <> round(c, 0)"),
    (Dialect::Postgres, "numeric(10,2)", "integer", "c <> round(c)"),
    (Dialect::Postgres, "double precision", "integer", "c <> round(c)"),
    (
        Dialect::Postgres,
        "timestamp without time zone(6)",
        "timestamp without time zone(3)",
        "mod(CAST(extract(microseconds FROM c) AS bigint), 1000) <> 0",
    ),
    (
        Dialect::Postgres,
        "time without time zone(6)",
        "time without time zone(0)",
        "mod(CAST(extract(microseconds FROM c) AS bigint), 1000000) <> 0",
    ),
    (Dialect::Mysql, "decimal(12,4)", "decimal(12,2)", "c <> round(c, 2)"),
    (Dialect::Mysql, "decimal(6,3)", "decimal(5,2)", "c <> round(c, 2)"),
    (Dialect::Mysql, "decimal(10,2)", "decimal(10,0)", "c <> round(c, 0)"),
    (Dialect::Mysql, "decimal(12,2)", "decimal", "c <> round(c, 0)"),
    (Dialect::Mysql, "decimal(10,2)", "int", "c <> round(c)"),
    (Dialect::Mysql, "datetime(6)", "datetime(3)", "MICROSECOND(c) MOD 1000 <> 0"),
    (Dialect::Mysql, "datetime(6)", "datetime", "MICROSECOND(c) MOD 1000000 <> 0"),
    (Dialect::Mysql, "time(6)", "time(2)", "MICROSECOND(c) MOD 10000 <> 0"),
    (Dialect::Mysql, "timestamp(6)", "timestamp(2)", "MICROSECOND(c) MOD 10000 <> 0"),
];

#[test]
fn rounding_prechecks_count_the_values_that_change() {
    let mut wrong = Vec::new();
    for (target, a, b, loses) in table() {
        let d = target.dialect;
        let got = super::rounded_rows(target, "c", &ty(a), &ty(b));
        let want = ROUNDED.iter().find(|r| r.0 == d && r.1 == a && r.2 == b).map(|r| r.3);
        if got.as_deref() != want || (got.is_some() && !loses) {
            wrong.push(format!("{d:?} {a} -> {b}: expected {want:?}, got {got:?}"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    for &(d, a, b, _) in ROUNDED {
        assert!(table().iter().any(|r| r.0.dialect == d && r.1 == a && r.2 == b && r.3), "{d:?} {a} -> {b}");
    }
    // The rounded value is what must fit: 999.995 becomes 1000.00.
    let pg = Target::default_for(Dialect::Postgres);
    assert_eq!(super::offending_rows(pg, "c", &ty("numeric(6,3)"), &ty("numeric(5,2)")).as_deref(), Some("abs(round(c, 2)) >= 1000"));
}

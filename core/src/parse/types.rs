//! Data types: reading a type from tokens and writing it in its dialect's canonical spelling.
//!
//! PostgreSQL: aliases resolve to the names `format_type` prints (`int4`/`int` → `integer`,
//! `varchar` → `character varying`, `timestamptz` → `timestamp with time zone`, `float8` →
//! `double precision`, `decimal` → `numeric`, `bool` → `boolean`...); `serial` types become their
//! integer type (the caller adds the sequence and default). MySQL: `integer` → `int`, `bool` →
//! `tinyint(1)`, integer display widths dropped (MySQL 8 ignores them), `decimal` gets its
//! implicit `(10,0)`. SQLite keeps the declared type text (lower-cased): its affinity rules read
//! that text. User types keep their name, quoted where needed so the text stays valid SQL, and
//! without the default `public.` qualifier.

use super::cursor::{Cursor, PResult, Tok};
use super::expr;
use crate::model::DataType;
use crate::Dialect;
use sqlparser::tokenizer::Token;

/// A type as read from a column definition.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReadType {
    pub data_type: DataType,
    /// PostgreSQL `serial`/`bigserial`/`smallserial`.
    pub serial: bool,
    /// MySQL `serial` (`bigint unsigned not null auto_increment unique`).
    pub mysql_serial: bool,
}

/// Words that end a SQLite declared type (they start a column constraint).
const SQLITE_STOP: &[&str] =
    &["constraint", "primary", "not", "null", "unique", "check", "default", "collate", "references", "generated", "as", "autoincrement"];

/// Every type name MySQL 8 and MariaDB 10.11+ accept in a column definition, as `read_type`
/// reads it (lower case, multi-word names joined by one space). MySQL has no user-defined
/// types, so any other name is an error at its place: a misspelled type would otherwise reach
/// the engine as `MODIFY ... bigit`, fail there, and leave the statements before it applied
/// (MySQL's DDL is not transactional).
/// <https://dev.mysql.com/doc/refman/8.0/en/data-types.html>,
/// <https://dev.mysql.com/doc/refman/8.0/en/other-vendor-data-types.html>,
/// <https://mariadb.com/kb/en/data-types/> (with `inet4`, `inet6`, `uuid`, `vector`, and the
/// names `sql_mode=ORACLE` maps: `varchar2`, `number`, `raw`, `clob`).
const MYSQL_TYPES: &[&str] = &[
    // Numeric.
    "tinyint",
    "smallint",
    "mediumint",
    "int",
    "integer",
    "bigint",
    "int1",
    "int2",
    "int3",
    "int4",
    "int8",
    "middleint",
    "bool",
    "boolean",
    "serial",
    "dec",
    "decimal",
    "numeric",
    "fixed",
    "float",
    "double",
    "double precision",
    "real",
    "float4",
    "float8",
    "bit",
    "number",
    // Date and time.
    "date",
    "datetime",
    "timestamp",
    "time",
    "year",
    // Strings and bytes.
    "char",
    "character",
    "nchar",
    "national",
    "national char",
    "national character",
    "varchar",
    "character varying",
    "char varying",
    "nchar varying",
    "national varchar",
    "nvarchar",
    "national character varying",
    "national char varying",
    "varchar2",
    "nvarchar2",
    "long",
    "long varchar",
    "long varbinary",
    "binary",
    "varbinary",
    "raw",
    "tinyblob",
    "blob",
    "mediumblob",
    "longblob",
    "tinytext",
    "text",
    "mediumtext",
    "longtext",
    "clob",
    "enum",
    "set",
    "json",
    // Spatial.
    "geometry",
    "point",
    "linestring",
    "polygon",
    "multipoint",
    "multilinestring",
    "multipolygon",
    "geometrycollection",
    "geomcollection",
    // MariaDB's own, MySQL 9's vector.
    "inet4",
    "inet6",
    "uuid",
    "vector",
    "xmltype",
];

pub fn read_type(c: &mut Cursor) -> PResult<ReadType> {
    let d = c.dialect;
    if d == Dialect::Sqlite {
        return read_sqlite_type(c);
    }
    let at = c.position();
    let first = c.word()?;
    if c.is(&Token::Period) || first.quote_style.is_some() {
        let mut parts = vec![first];
        while c.is(&Token::Period) {
            c.next();
            parts.push(c.word()?);
        }
        let dt = user_type(d, &parts);
        return Ok(ReadType { data_type: finish_array(c, dt)?, serial: false, mysql_serial: false });
    }
    let mut base = first.value.to_ascii_lowercase();
    // Multi-word names.
    let extend = |c: &mut Cursor, base: &mut String| loop {
        let next: &[&str] = match base.as_str() {
            "double" => &["precision"],
            "character" | "char" | "nchar" | "national character" | "national char" => &["varying"],
            "national" => &["character", "char", "varchar"],
            "bit" => &["varying"],
            "long" => &["varchar", "varbinary"],
            _ => &[],
        };
        match next.iter().find(|w| c.is_kw(w)) {
            Some(w) => {
                c.next();
                base.push(' ');
                base.push_str(w);
            }
            None => break,
        }
    };
    extend(c, &mut base);
    if d == Dialect::Mysql && !MYSQL_TYPES.contains(&base.as_str()) {
        return Err(super::cursor::PErr::at(
            at,
            format!("unknown type `{}`: MySQL and MariaDB have no type of this name (nor user-defined types); is it a typo?", first.value),
        ));
    }
    let mut args = Vec::new();
    if c.is(&Token::LParen) {
        let inner = c.group()?;
        for part in Cursor::split_commas(inner) {
            args.push(expr::normalize(d, part));
        }
    }
    // `timestamp(3) with time zone`, `interval year to month`.
    if matches!(base.as_str(), "timestamp" | "time") {
        if c.eat_kws(&["with", "time", "zone"]) {
            base.push_str(" with time zone");
        } else if c.eat_kws(&["without", "time", "zone"]) {
            base.push_str(" without time zone");
        }
    }
    if base == "interval" && d == Dialect::Postgres {
        let fields = ["year", "month", "day", "hour", "minute", "second", "to"];
        while let Some(w) = fields.iter().find(|f| c.is_kw(f)) {
            c.next();
            base.push(' ');
            base.push_str(w);
        }
        if args.is_empty() && c.is(&Token::LParen) {
            let inner = c.group()?;
            args.push(expr::normalize(d, inner));
        }
    }
    let mut rt = match d {
        Dialect::Postgres => canonical_pg(&base, args),
        _ => canonical_mysql(&base, args),
    };
    if d == Dialect::Mysql {
        loop {
            if c.eat_kw("unsigned") {
                rt.data_type.unsigned = true;
            } else if c.eat_kw("zerofill") {
                rt.data_type.zerofill = true;
                rt.data_type.unsigned = true;
            } else if !c.eat_kw("signed") {
                break;
            }
        }
        drop_default_display_width(&mut rt.data_type);
    }
    rt.data_type = finish_array(c, rt.data_type)?;
    Ok(rt)
}

/// Array suffixes: `[]`, `[3]`, `ARRAY`, `ARRAY[3]`. PostgreSQL neither enforces nor prints the
/// number of dimensions or their sizes (`int[][][]` is `integer[]` in its catalog and in
/// pg_dump): any number of suffixes is one array type
/// (<https://www.postgresql.org/docs/15/arrays.html#ARRAYS-DECLARATION>).
fn finish_array(c: &mut Cursor, mut dt: DataType) -> PResult<DataType> {
    if c.dialect != Dialect::Postgres {
        return Ok(dt);
    }
    loop {
        if c.is(&Token::LBracket) {
            c.next();
            while !c.at_end() && !c.eat(&Token::RBracket) {
                c.next();
            }
            dt.array_dims = 1;
        } else if c.is_kw("array") {
            c.next();
            dt.array_dims = 1;
            if c.eat(&Token::LBracket) {
                while !c.at_end() && !c.eat(&Token::RBracket) {
                    c.next();
                }
            }
        } else {
            return Ok(dt);
        }
    }
}

fn user_type(d: Dialect, parts: &[sqlparser::tokenizer::Word]) -> DataType {
    let q = super::names::qname(d, parts);
    let name = expr::ident_sql(d, &q.name);
    let base = if q.schema.is_empty() || q.schema == super::names::default_schema(d) {
        name
    } else {
        format!("{}.{name}", expr::ident_sql(d, &q.schema))
    };
    DataType { base, user_defined: true, ..Default::default() }
}

fn read_sqlite_type(c: &mut Cursor) -> PResult<ReadType> {
    let mut words: Vec<String> = Vec::new();
    let mut args = Vec::new();
    while let Some(Token::Word(w)) = c.peek() {
        if w.quote_style.is_none() && SQLITE_STOP.iter().any(|s| w.value.eq_ignore_ascii_case(s)) {
            break;
        }
        c.next();
        words.push(w.value.to_lowercase());
        if c.is(&Token::LParen) {
            let inner = c.group()?;
            args = Cursor::split_commas(inner).into_iter().map(|p| expr::normalize(Dialect::Sqlite, p)).collect();
            break;
        }
    }
    let dt = DataType { base: words.join(" "), args, ..Default::default() };
    Ok(ReadType { data_type: dt, serial: false, mysql_serial: false })
}

fn canonical_pg(base: &str, mut args: Vec<String>) -> ReadType {
    let mut serial = false;
    let name = match base {
        "int" | "int4" | "integer" => "integer",
        "int2" | "smallint" => "smallint",
        "int8" | "bigint" => "bigint",
        "serial" | "serial4" => {
            serial = true;
            "integer"
        }
        "bigserial" | "serial8" => {
            serial = true;
            "bigint"
        }
        "smallserial" | "serial2" => {
            serial = true;
            "smallint"
        }
        "varchar" | "character varying" | "char varying" => "character varying",
        "char" | "character" | "bpchar" => {
            if args.is_empty() && base != "bpchar" {
                args.push("1".into());
            }
            "character"
        }
        "bool" | "boolean" => "boolean",
        "float8" | "double precision" => "double precision",
        "float4" | "real" => "real",
        "float" => {
            let p = args.first().and_then(|a| a.parse::<u32>().ok()).unwrap_or(53);
            args.clear();
            if p <= 24 {
                "real"
            } else {
                "double precision"
            }
        }
        "decimal" | "numeric" => "numeric",
        "timestamptz" | "timestamp with time zone" => "timestamp with time zone",
        "timestamp" | "timestamp without time zone" => "timestamp without time zone",
        "timetz" | "time with time zone" => "time with time zone",
        "time" | "time without time zone" => "time without time zone",
        "varbit" | "bit varying" => "bit varying",
        "bit" => {
            if args.is_empty() {
                args.push("1".into());
            }
            "bit"
        }
        other => {
            let builtin = PG_BUILTIN.contains(&other) || other.starts_with("interval");
            return ReadType {
                data_type: DataType { base: other.to_string(), args, user_defined: !builtin, ..Default::default() },
                serial: false,
                mysql_serial: false,
            };
        }
    };
    ReadType { data_type: DataType { base: name.into(), args, ..Default::default() }, serial, mysql_serial: false }
}

const PG_BUILTIN: &[&str] = &[
    "text",
    "uuid",
    "json",
    "jsonb",
    "bytea",
    "date",
    "inet",
    "cidr",
    "macaddr",
    "macaddr8",
    "money",
    "xml",
    "tsvector",
    "tsquery",
    "oid",
    "regclass",
    "name",
    "point",
    "line",
    "lseg",
    "box",
    "path",
    "polygon",
    "circle",
    "int4range",
    "int8range",
    "numrange",
    "tsrange",
    "tstzrange",
    "daterange",
    "int4multirange",
    "int8multirange",
    "nummultirange",
    "tsmultirange",
    "tstzmultirange",
    "datemultirange",
    "pg_lsn",
    "txid_snapshot",
    "pg_snapshot",
    "jsonpath",
    "record",
    "void",
    "trigger",
    "anyelement",
    "anyarray",
    "cstring",
    "regproc",
    "regtype",
    "xid",
];

/// An integer display width that is the type's default (`int(11)`, `int(10) unsigned`,
/// `bigint(20)`) is left out: MariaDB shows it, MySQL 8 does not, both mean the same. Another
/// width (`int(4)`) is kept: MariaDB keeps and shows it (and `tinyint(1)` reads as a boolean).
fn drop_default_display_width(dt: &mut DataType) {
    let default = match (dt.base.as_str(), dt.unsigned) {
        ("tinyint", false) => "4",
        ("tinyint", true) => "3",
        ("smallint", false) => "6",
        ("smallint", true) => "5",
        ("mediumint", false) => "9",
        ("mediumint", true) => "8",
        ("int", false) => "11",
        ("int", true) => "10",
        ("bigint", _) => "20",
        _ => return,
    };
    if dt.args.len() == 1 && dt.args[0] == default {
        dt.args.clear();
    }
}

fn canonical_mysql(base: &str, mut args: Vec<String>) -> ReadType {
    let mut mysql_serial = false;
    let name = match base {
        "integer" | "int" | "int4" => "int",
        "int1" => "tinyint",
        "int2" => "smallint",
        "int3" | "middleint" => "mediumint",
        "int8" => "bigint",
        "bool" | "boolean" => {
            args = vec!["1".into()];
            "tinyint"
        }
        "serial" => {
            mysql_serial = true;
            "bigint"
        }
        "dec" | "decimal" | "numeric" | "fixed" => {
            if args.is_empty() {
                args = vec!["10".into(), "0".into()];
            } else if args.len() == 1 {
                args.push("0".into());
            }
            "decimal"
        }
        "real" | "double precision" | "double" | "float8" => "double",
        "float4" => "float",
        "character varying"
        | "char varying"
        | "national varchar"
        | "nvarchar"
        | "national character varying"
        | "national char varying"
        | "nchar varying"
        | "varchar" => "varchar",
        "character" | "national char" | "national character" | "nchar" | "char" => {
            if args.is_empty() {
                args.push("1".into());
            }
            "char"
        }
        "long varchar" | "long" => "mediumtext",
        "long varbinary" => "mediumblob",
        "binary" if args.is_empty() => {
            args.push("1".into());
            "binary"
        }
        other => other,
    };
    let mut dt = DataType { base: name.to_string(), args, ..Default::default() };
    // `year(4)` is the only YEAR there is.
    if name == "year" {
        dt.args.clear();
    }
    if mysql_serial {
        dt.unsigned = true;
    }
    ReadType { data_type: dt, serial: false, mysql_serial }
}

/// Read a type from a token slice (casts, `RETURNS`, composite attributes), or `None`.
pub fn type_from(d: Dialect, toks: &[Tok]) -> Option<DataType> {
    let mut c = Cursor::new(d, toks);
    let t = read_type(&mut c).ok()?;
    if c.at_end() {
        Some(t.data_type)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::cursor::tokenize;

    fn t(d: Dialect, s: &str) -> String {
        let (toks, _) = tokenize(d, s, 1, 1).unwrap();
        type_from(d, &toks).map(|t| t.to_string()).unwrap_or_else(|| "?".into())
    }

    #[test]
    fn pg_aliases() {
        let d = Dialect::Postgres;
        assert_eq!(t(d, "int4"), "integer");
        assert_eq!(t(d, "INT"), "integer");
        assert_eq!(t(d, "varchar(20)"), "character varying(20)");
        assert_eq!(t(d, "timestamptz"), "timestamp with time zone");
        assert_eq!(t(d, "timestamp(3) with time zone"), "timestamp(3) with time zone");
        assert_eq!(t(d, "timestamp"), "timestamp without time zone");
        assert_eq!(t(d, "float8"), "double precision");
        assert_eq!(t(d, "decimal(10, 2)"), "numeric(10,2)");
        assert_eq!(t(d, "text[]"), "text[]");
        assert_eq!(t(d, "char"), "character(1)");
        assert_eq!(t(d, "bool"), "boolean");
        assert_eq!(t(d, "public.mood"), "mood");
        assert_eq!(t(d, "\"Mood\""), "\"Mood\"");
        assert_eq!(t(d, "interval"), "interval");
    }

    /// A MySQL type name outside the engines' list is an error at its place (a typo must not
    /// reach the engine as `MODIFY ... bigit`); every listed name reads.
    #[test]
    fn mysql_unknown_type_is_an_error() {
        let d = Dialect::Mysql;
        for bad in ["bigit", "numbr(10,2)", "varchr(20)", "txt", "datetme"] {
            let (toks, _) = tokenize(d, bad, 3, 7).unwrap();
            let err = read_type(&mut Cursor::new(d, &toks)).unwrap_err();
            assert_eq!((err.line, err.col), (3, 7), "{bad}");
            assert!(err.message.contains("unknown type"), "{bad}: {}", err.message);
        }
        for good in MYSQL_TYPES {
            let (toks, _) = tokenize(d, good, 1, 1).unwrap();
            assert!(read_type(&mut Cursor::new(d, &toks)).is_ok(), "{good}");
        }
        assert_eq!(t(d, "NATIONAL VARCHAR(10)"), "varchar(10)");
        // PostgreSQL and SQLite types may be the user's own (or any text, for SQLite).
        assert_eq!(t(Dialect::Postgres, "bigit"), "bigit");
        assert_eq!(t(Dialect::Sqlite, "bigit"), "bigit");
    }

    #[test]
    fn mysql_aliases() {
        let d = Dialect::Mysql;
        assert_eq!(t(d, "integer(11)"), "int");
        assert_eq!(t(d, "int(10) unsigned"), "int unsigned");
        assert_eq!(t(d, "int(4)"), "int(4)");
        assert_eq!(t(d, "int(11) unsigned"), "int(11) unsigned");
        assert_eq!(t(d, "bigint(20) unsigned zerofill"), "bigint unsigned zerofill");
        assert_eq!(t(d, "tinyint(4)"), "tinyint");
        assert_eq!(t(d, "smallint(6)"), "smallint");
        assert_eq!(t(d, "bool"), "tinyint(1)");
        assert_eq!(t(d, "decimal"), "decimal(10,0)");
        assert_eq!(t(d, "enum('a', \"b\")"), "enum('a','b')");
        assert_eq!(t(d, "VARCHAR(255)"), "varchar(255)");
    }

    #[test]
    fn sqlite_keeps_declared_text() {
        assert_eq!(t(Dialect::Sqlite, "UNSIGNED BIG INT"), "unsigned big int");
        assert_eq!(t(Dialect::Sqlite, "VARCHAR(10)"), "varchar(10)");
    }
}

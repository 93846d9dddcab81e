//! MySQL/MariaDB catalog probes (information_schema of the current database).
//!
//! Types are compared by `DATA_TYPE` (plus length, `unsigned`, and the value list of enums and
//! sets), not by `COLUMN_TYPE`, which spells display widths differently across versions.

use super::{expected_not_null, in_list};
use crate::model::{Column, Constraint, ConstraintKind, DataType, Index, QName};
use crate::render::quote;
use crate::Dialect;

const D: Dialect = Dialect::Mysql;

fn lit(s: &str) -> String {
    quote::literal(D, s)
}

fn in_table(view: &str, t: &QName) -> String {
    format!("SELECT 1 FROM information_schema.{view} WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = {}", lit(&t.name))
}

/// A MariaDB table `WITH SYSTEM VERSIONING` is of type `SYSTEM VERSIONED`, not `BASE TABLE`.
pub fn table(t: &QName) -> String {
    format!("{} AND TABLE_TYPE IN ('BASE TABLE', 'SYSTEM VERSIONED')", in_table("TABLES", t))
}

pub fn view(v: &QName) -> String {
    format!("{} AND TABLE_TYPE = 'VIEW'", in_table("TABLES", v))
}

/// `DATA_TYPE` values the engine may report for the model's base type.
fn data_types(t: &DataType) -> Vec<&'static str> {
    let base = t.base.to_ascii_lowercase();
    let one = |s: &'static str| vec![s];
    match base.as_str() {
        "int" | "integer" => one("int"),
        "bool" | "boolean" => one("tinyint"),
        "numeric" | "dec" | "fixed" | "decimal" => one("decimal"),
        "character varying" | "varchar" => one("varchar"),
        "character" | "char" => one("char"),
        "double precision" | "double" | "real" => one("double"),
        "serial" => one("bigint"),
        "json" => vec!["json", "longtext"],
        "tinyint" => one("tinyint"),
        "smallint" => one("smallint"),
        "mediumint" => one("mediumint"),
        "bigint" => one("bigint"),
        "float" => one("float"),
        "text" => one("text"),
        "tinytext" => one("tinytext"),
        "mediumtext" => one("mediumtext"),
        "longtext" => one("longtext"),
        "blob" => one("blob"),
        "tinyblob" => one("tinyblob"),
        "mediumblob" => one("mediumblob"),
        "longblob" => one("longblob"),
        "date" => one("date"),
        "datetime" => one("datetime"),
        "timestamp" => one("timestamp"),
        "time" => one("time"),
        "year" => one("year"),
        "binary" => one("binary"),
        "varbinary" => one("varbinary"),
        "bit" => one("bit"),
        "enum" => one("enum"),
        "set" => one("set"),
        _ => Vec::new(),
    }
}

pub fn column(t: &QName, c: &Column, in_pk: bool) -> String {
    let ty = &c.data_type;
    let mut sql = format!("{} AND COLUMN_NAME = {}", in_table("COLUMNS", t), lit(&c.name));
    let types = data_types(ty);
    if types.is_empty() {
        sql.push_str(&format!(" AND LOWER(DATA_TYPE) = {}", lit(&ty.base.to_ascii_lowercase())));
    } else {
        let list: Vec<String> = types.iter().map(|s| lit(s)).collect();
        sql.push_str(&format!(" AND DATA_TYPE IN ({})", list.join(", ")));
    }
    let base = ty.base.to_ascii_lowercase();
    match base.as_str() {
        "varchar" | "character varying" | "char" | "character" | "binary" | "varbinary" => {
            if let Some(n) = ty.length() {
                sql.push_str(&format!(" AND CHARACTER_MAXIMUM_LENGTH = {n}"));
            }
        }
        "decimal" | "numeric" | "dec" | "fixed" => {
            if let Some(p) = ty.length() {
                sql.push_str(&format!(" AND NUMERIC_PRECISION = {p} AND NUMERIC_SCALE = {}", ty.scale().unwrap_or(0)));
            }
        }
        "enum" | "set" => {
            sql.push_str(&format!(" AND LOWER(COLUMN_TYPE) = LOWER({})", lit(&format!("{}({})", base, ty.args.join(",")))));
        }
        _ => {}
    }
    if matches!(base.as_str(), "tinyint" | "smallint" | "mediumint" | "int" | "integer" | "bigint" | "decimal" | "float" | "double") {
        let not = if ty.unsigned { "" } else { "NOT " };
        sql.push_str(&format!(" AND COLUMN_TYPE {not}LIKE '%unsigned%'"));
    }
    // A MariaDB `ROW START`/`ROW END` column is NOT NULL and `STORED GENERATED`, as written or not.
    let row_time = c.row_time.is_some();
    if let Some(nn) = expected_not_null(D, c, in_pk) {
        sql.push_str(&format!(" AND IS_NULLABLE = '{}'", if nn || row_time { "NO" } else { "YES" }));
    }
    // EXTRA: `auto_increment`, `on update ...`, `VIRTUAL GENERATED` / `STORED GENERATED`.
    let flag = |pattern: &str, on: bool| format!(" AND (LOWER(EXTRA) LIKE '{pattern}') = {}", if on { 1 } else { 0 });
    sql.push_str(&flag("%auto_increment%", c.auto_increment));
    sql.push_str(&flag("%on update%", c.on_update.is_some()));
    sql.push_str(&flag("%stored generated%", row_time || c.generated.as_ref().is_some_and(|g| g.stored)));
    sql.push_str(&flag("%virtual generated%", c.generated.as_ref().is_some_and(|g| !g.stored)));
    sql
}

pub fn other_columns(t: &QName, names: &[String]) -> String {
    let mut sql = in_table("COLUMNS", t);
    if !names.is_empty() {
        sql.push_str(&format!(" AND COLUMN_NAME NOT IN ({})", in_list(D, names)));
    }
    sql
}

/// Rows iff an index named `name` covers exactly `cols` in order.
fn index_columns(t: &QName, name: &str, cols: &[String], unique: bool) -> String {
    format!(
        "SELECT 1 FROM (SELECT GROUP_CONCAT(COLUMN_NAME ORDER BY SEQ_IN_INDEX SEPARATOR ',') AS cols, MIN(NON_UNIQUE) AS non_unique FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = {} AND INDEX_NAME = {}) AS ix WHERE ix.cols = {} AND ix.non_unique = {}",
        lit(&t.name),
        lit(name),
        lit(&cols.join(",")),
        if unique { 0 } else { 1 }
    )
}

pub fn constraint(t: &QName, c: &Constraint) -> Option<String> {
    match &c.kind {
        ConstraintKind::PrimaryKey { columns } => Some(index_columns(t, "PRIMARY", columns, true)),
        ConstraintKind::Unique { columns, .. } => c.name.as_ref().map(|n| index_columns(t, n, columns, true)),
        ConstraintKind::ForeignKey { ref_table, .. } => c.name.as_ref().map(|n| {
            format!(
                "SELECT 1 FROM information_schema.REFERENTIAL_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = DATABASE() AND TABLE_NAME = {} AND CONSTRAINT_NAME = {} AND REFERENCED_TABLE_NAME = {}",
                lit(&t.name),
                lit(n),
                lit(&ref_table.name)
            )
        }),
        ConstraintKind::Check { .. } => c.name.as_ref().map(|n| {
            format!(
                "SELECT 1 FROM information_schema.CHECK_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = DATABASE() AND CONSTRAINT_NAME = {}",
                lit(n)
            )
        }),
        ConstraintKind::Exclude { .. } => None,
    }
}

pub fn constraint_named(t: &QName, c: &Constraint) -> Option<String> {
    let name = c.name.as_ref()?;
    match &c.kind {
        ConstraintKind::PrimaryKey { .. } => None,
        ConstraintKind::Check { .. } => None,
        _ => Some(format!(
            "{} AND CONSTRAINT_NAME = {}",
            in_table("TABLE_CONSTRAINTS", t).replace("TABLE_SCHEMA = DATABASE()", "CONSTRAINT_SCHEMA = DATABASE()"),
            lit(name)
        )),
    }
}

pub fn index(t: &QName, i: &Index) -> String {
    format!("{} AND NON_UNIQUE = {}", index_named(t, &i.name), if i.unique { 0 } else { 1 })
}

pub fn index_named(t: &QName, name: &str) -> String {
    format!("{} AND INDEX_NAME = {}", in_table("STATISTICS", t), lit(name))
}

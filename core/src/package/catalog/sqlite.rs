//! SQLite catalog probes (sqlite_master and the table-valued pragma functions, SQLite 3.16+).
//!
//! SQLite keeps declared type names as written, so columns are compared by type *affinity*
//! (the rules of section 3.1 of "Datatypes In SQLite"), which is what the engine enforces.

use super::{expected_not_null, in_list};
use crate::model::{Column, Constraint, ConstraintKind, DataType, Index, QName};
use crate::render::quote;
use crate::Dialect;

const D: Dialect = Dialect::Sqlite;

fn lit(s: &str) -> String {
    quote::literal(D, s)
}

// SQLite names are case-insensitive: every comparison of a name uses COLLATE NOCASE.

pub fn table(t: &QName) -> String {
    format!("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = {} COLLATE NOCASE", lit(&t.name))
}

pub fn view(v: &QName) -> String {
    format!("SELECT 1 FROM sqlite_master WHERE type = 'view' AND name = {} COLLATE NOCASE", lit(&v.name))
}

/// The table's columns including generated ones (`pragma_table_xinfo`, SQLite 3.26+; hidden
/// columns of virtual tables, `hidden = 1`, are left out).
fn columns_of(t: &QName) -> String {
    format!("(SELECT * FROM pragma_table_xinfo({}) WHERE hidden <> 1)", lit(&t.name))
}

pub use crate::model::sqlite_affinity as affinity;

/// The same rules in SQL over `pragma_table_info.type`.
const AFFINITY_SQL: &str = "CASE WHEN upper(type) LIKE '%INT%' THEN 'INTEGER' \
WHEN upper(type) LIKE '%CHAR%' OR upper(type) LIKE '%CLOB%' OR upper(type) LIKE '%TEXT%' THEN 'TEXT' \
WHEN upper(type) LIKE '%BLOB%' OR trim(type) = '' THEN 'BLOB' \
WHEN upper(type) LIKE '%REAL%' OR upper(type) LIKE '%FLOA%' OR upper(type) LIKE '%DOUB%' THEN 'REAL' \
ELSE 'NUMERIC' END";

fn declared(t: &DataType) -> String {
    t.to_string()
}

pub fn column(t: &QName, c: &Column, in_pk: bool) -> String {
    let mut sql = format!(
        "SELECT 1 FROM {} WHERE name = {} COLLATE NOCASE AND ({AFFINITY_SQL}) = '{}'",
        columns_of(t),
        lit(&c.name),
        affinity(&declared(&c.data_type))
    );
    if let Some(nn) = expected_not_null(D, c, in_pk) {
        sql.push_str(&format!(" AND \"notnull\" = {}", if nn { 1 } else { 0 }));
    }
    sql
}

pub fn other_columns(t: &QName, names: &[String]) -> String {
    let mut sql = format!("SELECT 1 FROM {}", columns_of(t));
    if !names.is_empty() {
        sql.push_str(&format!(" WHERE name COLLATE NOCASE NOT IN ({})", in_list(D, names)));
    }
    sql
}

pub fn constraint(t: &QName, c: &Constraint, ref_columns: &[String]) -> Option<String> {
    let tl = lit(&t.name);
    match &c.kind {
        ConstraintKind::PrimaryKey { columns } => Some(format!(
            "SELECT 1 FROM (SELECT group_concat(name, ',') AS cols FROM (SELECT name FROM pragma_table_info({tl}) WHERE pk > 0 ORDER BY pk)) WHERE cols = {} COLLATE NOCASE",
            lit(&columns.join(","))
        )),
        ConstraintKind::Unique { columns, .. } => Some(format!(
            "SELECT 1 FROM pragma_index_list({tl}) AS il WHERE il.\"unique\" = 1 AND (SELECT group_concat(name, ',') FROM (SELECT name FROM pragma_index_info(il.name) ORDER BY seqno)) = {} COLLATE NOCASE",
            lit(&columns.join(","))
        )),
        ConstraintKind::ForeignKey { columns, ref_table, .. } => {
            let mut sql = format!(
                "SELECT 1 FROM (SELECT id, \"table\" AS parent, group_concat(\"from\", ',') AS cols, group_concat(\"to\", ',') AS refs FROM (SELECT * FROM pragma_foreign_key_list({tl}) ORDER BY id, seq) GROUP BY id) WHERE parent = {} COLLATE NOCASE AND cols = {} COLLATE NOCASE",
                lit(&ref_table.name),
                lit(&columns.join(","))
            );
            if !ref_columns.is_empty() {
                sql.push_str(&format!(" AND (refs IS NULL OR refs = {} COLLATE NOCASE)", lit(&ref_columns.join(","))));
            }
            Some(sql)
        }
        ConstraintKind::Check { .. } | ConstraintKind::Exclude { .. } => None,
    }
}

pub fn index(t: &QName, i: &Index) -> String {
    format!("{} AND \"unique\" = {}", index_named(t, &i.name), if i.unique { 1 } else { 0 })
}

pub fn index_named(t: &QName, name: &str) -> String {
    format!("SELECT 1 FROM pragma_index_list({}) WHERE name = {} COLLATE NOCASE", lit(&t.name), lit(name))
}

#[cfg(test)]
mod tests {
    use super::affinity;

    #[test]
    fn affinity_follows_sqlite_rules() {
        assert_eq!(affinity("integer"), "INTEGER");
        assert_eq!(affinity("BIGINT"), "INTEGER");
        assert_eq!(affinity("character varying(20)"), "TEXT");
        assert_eq!(affinity("blob"), "BLOB");
        assert_eq!(affinity("double precision"), "REAL");
        assert_eq!(affinity("numeric(10,2)"), "NUMERIC");
        assert_eq!(affinity("boolean"), "NUMERIC");
    }
}

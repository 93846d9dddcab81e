//! `table-sizes.sql`: the row counts of the tables a migration touches, one `table rows
//! total_bytes index_bytes` line each, in the form `--table-sizes` reads (PostgreSQL and MySQL
//! estimates with the sizes in bytes the duration estimates use; SQLite exact counts). The
//! exact counts of PostgreSQL and MySQL are a second query, commented out (it scans every table).

use super::precheck::old_table_name;
use crate::model::QName;
use crate::render::quote;
use crate::{Dialect, Migration};
use std::collections::BTreeSet;

/// The query whose output feeds `--table-sizes`: one `table rows` line per touched table.
pub fn table_sizes_sql(m: &Migration) -> String {
    let d = m.target.dialect;
    let tables: BTreeSet<QName> =
        m.up.iter().filter_map(|s| s.change.table()).map(|t| old_table_name(m, t)).filter(|t| m.before.tables.contains_key(t)).collect();
    if tables.is_empty() {
        return "-- (no existing table is touched)\n".to_string();
    }
    match d {
        Dialect::Postgres => {
            let list: Vec<String> =
                tables.iter().map(|t| format!("({}, {})", quote::literal(d, &t.schema), quote::literal(d, &t.name))).collect();
            format!(
                "-- Planner estimates (pg_class.reltuples; run ANALYZE first for fresh numbers), with the\n\
                 -- size in bytes of each table with its indexes, and of its indexes alone.\n\
                 SELECT n.nspname || '.' || c.relname AS table_name,\n       greatest(c.reltuples, 0)::bigint AS row_count,\n       \
                 pg_total_relation_size(c.oid) AS total_bytes,\n       pg_indexes_size(c.oid) AS index_bytes\n\
                 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace\n\
                 WHERE c.relkind IN ('r', 'p')\n  AND (n.nspname, c.relname) IN (VALUES {})\nORDER BY 1;\n{}",
                list.join(", "),
                exact(d, &tables)
            )
        }
        Dialect::Mysql => {
            let list: Vec<String> = tables.iter().map(|t| quote::literal(d, &t.name)).collect();
            format!(
                "-- InnoDB estimates from information_schema (ANALYZE TABLE first for fresh numbers), with\n\
                 -- the size in bytes of each table with its indexes, and of its indexes alone.\n\
                 SELECT TABLE_NAME AS table_name, TABLE_ROWS AS row_count,\n       \
                 DATA_LENGTH + INDEX_LENGTH AS total_bytes, INDEX_LENGTH AS index_bytes\n\
                 FROM information_schema.TABLES\n\
                 WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME IN ({})\nORDER BY 1;\n{}",
                list.join(", "),
                exact(d, &tables)
            )
        }
        Dialect::Sqlite => {
            let parts: Vec<String> = tables
                .iter()
                .map(|t| format!("SELECT {} AS table_name, COUNT(*) AS row_count FROM {}", quote::literal(d, &t.name), quote::qname(d, t)))
                .collect();
            format!("-- Exact counts.\n{};\n", parts.join("\nUNION ALL\n"))
        }
    }
}

/// The exact counts instead of the estimates, commented out: each table is scanned. Its lines
/// carry no bytes; keep the estimate query's bytes by running both and joining by hand, or use
/// the counts alone.
fn exact(d: Dialect, tables: &BTreeSet<QName>) -> String {
    let parts: Vec<String> = tables
        .iter()
        .map(|t| {
            let name = if d == Dialect::Postgres { t.to_string() } else { t.name.clone() };
            format!("--   SELECT {} AS table_name, COUNT(*) AS row_count FROM {}", quote::literal(d, &name), quote::qname(d, t))
        })
        .collect();
    format!(
        "\n-- Exact counts on request (scans every table; slow on big ones): comment out the query above\n\
         -- and uncomment this one.\n{};\n",
        parts.join("\n--   UNION ALL\n")
    )
}

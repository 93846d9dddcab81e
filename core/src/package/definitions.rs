//! Validate assertions on definitions, beyond the shape `validate.rs` checks: CHECK constraint
//! expressions, column defaults and view queries — where the engine's catalog makes the
//! comparison reliable.
//!
//! - PostgreSQL rewrites expressions (casts, parentheses, `IN` → `= ANY`), so text from the
//!   model is never compared with catalog text. Instead the validate block builds *probes*:
//!   a temporary table `LIKE` the real one with the expected checks and defaults added, and a
//!   temporary view with the expected query; the engine deparses both the same way, and
//!   `pg_get_constraintdef` / `pg_get_expr` / `pg_get_viewdef` must agree (up to casts, which the
//!   model's canonical text may drop). Probes are dropped at the end of the block.
//! - MariaDB keeps a CHECK clause (`information_schema.CHECK_CONSTRAINTS`) and a string default
//!   (`COLUMN_DEFAULT`, quoted since 10.2.7) close to the written text: compared after dropping
//!   backquotes, blanks and parentheses, case-insensitively. MySQL 8 adds charset introducers
//!   to stored checks, so it is not compared there.
//! - SQLite keeps the CREATE text: the table's `sql` must contain the CHECK, and each default
//!   (`pragma_table_info.dflt_value`) must match, with the same loose normalization. View
//!   queries are kept as written, which the normalized model text need not match: unchecked.

use super::checks::Assertion;
use crate::model::{ConstraintKind, QName, Schema};
use crate::render::quote;
use crate::{Dialect, Target};

/// Statements the validate block runs first (PostgreSQL probes), the assertions, and the
/// statements that drop the probes.
#[derive(Default)]
pub struct Definitions {
    pub setup: Vec<String>,
    pub assertions: Vec<Assertion>,
    pub teardown: Vec<String>,
}

/// Only the definition assertions, as a script that fails when one does not hold (for tests of
/// their reliability on real engines).
pub fn definitions_sql(target: Target, intended: &Schema) -> String {
    let defs = definitions(target, intended);
    super::checks::render_assertions_with(target.dialect, &defs.setup, &defs.teardown, &defs.assertions, "validate_definitions")
}

pub fn definitions(target: Target, intended: &Schema) -> Definitions {
    // Written for the catalogs the e2e suites prove them on (`Engine::catalog_definitions`).
    if !target.catalog_definitions() {
        return Definitions::default();
    }
    match target.dialect {
        Dialect::Postgres => postgres(intended),
        Dialect::Mysql => mariadb(intended),
        Dialect::Sqlite => sqlite(intended),
    }
}

fn lit(d: Dialect, s: &str) -> String {
    quote::literal(d, s)
}

fn regclass(t: &QName) -> String {
    format!("to_regclass({})", lit(Dialect::Postgres, &quote::qname(Dialect::Postgres, t)))
}

/// A deparsed expression without casts, blanks and parentheses, lower-cased: both sides are
/// deparsed by PostgreSQL, but the model's canonical text may have dropped casts that do not
/// change the value (`'a'::character varying::text` is `'a'::text`).
fn loose_pg(e: &str) -> String {
    format!(
        "lower(regexp_replace(regexp_replace({e}, '::(\"[^\"]+\"|[a-z_][a-z0-9_]*)( varying| precision| with time zone| without time zone)?(\\[\\])*', '', 'gi'), '[\\s()]', '', 'g'))"
    )
}

fn postgres(intended: &Schema) -> Definitions {
    let d = Dialect::Postgres;
    let id = |n: &str| quote::ident(d, n);
    let mut out = Definitions::default();
    for (i, (name, table)) in intended.tables.iter().enumerate() {
        let checks: Vec<(&String, &String, bool)> = table
            .constraints
            .iter()
            .filter_map(|c| match (&c.name, &c.kind) {
                (Some(n), ConstraintKind::Check { expr, no_inherit }) => Some((n, expr, *no_inherit)),
                _ => None,
            })
            .collect();
        let defaults: Vec<(&String, &String)> = table
            .columns
            .iter()
            .filter(|c| c.generated.is_none() && c.identity.is_none())
            .filter_map(|c| c.default.as_ref().map(|e| (&c.name, e)))
            .collect();
        if checks.is_empty() && defaults.is_empty() {
            continue;
        }
        let probe = format!("schemashift_probe_{}", i + 1);
        let probe_ref = regclass(&QName::new("pg_temp", probe.clone()));
        let mut setup = vec![format!("CREATE TEMP TABLE {} (LIKE {})", id(&probe), quote::qname(d, name))];
        for (cname, expr, no_inherit) in &checks {
            let ni = if *no_inherit { " NO INHERIT" } else { "" };
            setup.push(format!("ALTER TABLE {} ADD CONSTRAINT {} CHECK ({expr}){ni}", id(&probe), id(cname)));
            out.assertions.push(Assertion {
                title: format!("check {cname} on {name} is CHECK ({expr})"),
                failing_sql: format!(
                    "SELECT 1 WHERE NOT EXISTS (SELECT 1 FROM pg_constraint a JOIN pg_constraint b ON b.conrelid = {probe_ref} AND b.conname = a.conname \
                     WHERE a.conrelid = {} AND a.conname = {} AND a.contype = 'c' AND {} = {})",
                    regclass(name),
                    lit(d, cname),
                    loose_pg("replace(pg_get_constraintdef(a.oid), ' NOT VALID', '')"),
                    loose_pg("pg_get_constraintdef(b.oid)")
                ),
            });
        }
        for (col, expr) in &defaults {
            setup.push(format!("ALTER TABLE {} ALTER COLUMN {} SET DEFAULT ({expr})", id(&probe), id(col)));
            out.assertions.push(Assertion {
                title: format!("column {name}.{col} has DEFAULT {expr}"),
                // Both sides through LEFT JOINs: PostgreSQL stores no default for a plain
                // `DEFAULT NULL` of some types, and then neither side has one.
                failing_sql: format!(
                    "SELECT 1 WHERE (SELECT {} FROM pg_attribute aa LEFT JOIN pg_attrdef a ON a.adrelid = aa.attrelid AND a.adnum = aa.attnum \
                     WHERE aa.attrelid = {} AND aa.attname = {}) IS DISTINCT FROM \
                     (SELECT {} FROM pg_attribute ba LEFT JOIN pg_attrdef b ON b.adrelid = ba.attrelid AND b.adnum = ba.attnum \
                     WHERE ba.attrelid = {probe_ref} AND ba.attname = {})",
                    loose_pg("coalesce(pg_get_expr(a.adbin, a.adrelid), '')"),
                    regclass(name),
                    lit(d, col),
                    loose_pg("coalesce(pg_get_expr(b.adbin, b.adrelid), '')"),
                    lit(d, col),
                ),
            });
        }
        out.setup.push(setup.join(";\n    "));
        out.teardown.push(format!("DROP TABLE IF EXISTS pg_temp.{}", id(&probe)));
    }
    for (i, (name, v)) in intended.views.iter().filter(|(_, v)| !v.materialized).enumerate() {
        let probe = format!("schemashift_probe_view_{}", i + 1);
        let cols = if v.columns.is_empty() {
            String::new()
        } else {
            format!(" ({})", v.columns.iter().map(|c| id(c)).collect::<Vec<_>>().join(", "))
        };
        out.setup.push(format!("CREATE TEMP VIEW {}{cols} AS {}", id(&probe), v.definition.trim().trim_end_matches(';')));
        out.assertions.push(Assertion {
            title: format!("view {name} has the intended query"),
            failing_sql: format!(
                "SELECT 1 WHERE {} IS NULL OR {} IS NULL OR {} <> {}",
                regclass(name),
                regclass(&QName::new("pg_temp", probe.clone())),
                loose_pg(&format!("pg_get_viewdef({})", regclass(name))),
                loose_pg(&format!("pg_get_viewdef({})", regclass(&QName::new("pg_temp", probe.clone()))))
            ),
        });
        out.teardown.insert(0, format!("DROP VIEW IF EXISTS pg_temp.{}", id(&probe)));
    }
    out
}

/// `LOWER` of the text without backquotes, double quotes, blanks and parentheses (MariaDB).
fn loose_mysql(e: &str) -> String {
    let mut s = e.to_string();
    for (from, to) in [("'`'", "''"), ("' '", "''"), ("'('", "''"), ("')'", "''"), ("'!='", "'<>'"), ("'\\n'", "''")] {
        s = format!("REPLACE({s}, {from}, {to})");
    }
    format!("LOWER({s})")
}

/// MariaDB's information_schema is utf8mb3: a character beyond the BMP (an emoji) shows as
/// `?` there, and comparing a utf8mb4 literal holding one with it is an error ("Illegal mix of
/// collations"). Such a text cannot be compared; the object's existence still is.
fn beyond_bmp(text: &str) -> bool {
    text.chars().any(|c| u32::from(c) > 0xFFFF)
}

fn mariadb(intended: &Schema) -> Definitions {
    let d = Dialect::Mysql;
    let mut out = Definitions::default();
    for (name, table) in &intended.tables {
        for c in &table.constraints {
            let (Some(cname), ConstraintKind::Check { expr, .. }) = (&c.name, &c.kind) else { continue };
            if beyond_bmp(expr) {
                continue;
            }
            out.assertions.push(Assertion {
                title: format!("check {cname} on {name} is CHECK ({expr})"),
                failing_sql: format!(
                    "SELECT 1 FROM DUAL WHERE NOT EXISTS (SELECT 1 FROM information_schema.CHECK_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = DATABASE() AND TABLE_NAME = {} AND CONSTRAINT_NAME = {} AND {} = {})",
                    lit(d, &name.name),
                    lit(d, cname),
                    loose_mysql("CHECK_CLAUSE"),
                    loose_mysql(&lit(d, expr))
                ),
            });
        }
        for c in &table.columns {
            let Some(def) = &c.default else { continue };
            let texty = matches!(c.data_type.base.as_str(), "varchar" | "char" | "text" | "tinytext" | "mediumtext" | "longtext");
            if !texty || !def.starts_with('\'') || c.generated.is_some() || beyond_bmp(def) {
                continue;
            }
            out.assertions.push(Assertion {
                title: format!("column {name}.{} has DEFAULT {def}", c.name),
                failing_sql: format!(
                    "SELECT 1 FROM DUAL WHERE NOT EXISTS (SELECT 1 FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = {} AND COLUMN_NAME = {} AND COLUMN_DEFAULT = {})",
                    lit(d, &name.name),
                    lit(d, &c.name),
                    lit(d, def)
                ),
            });
        }
    }
    out
}

/// `lower` of the text without quotes, blanks, line breaks and parentheses (SQLite).
fn loose_sqlite(e: &str) -> String {
    let mut s = e.to_string();
    for from in ["' '", "'('", "')'", "'\"'", "'`'", "char(10)", "char(13)", "char(9)"] {
        s = format!("replace({s}, {from}, '')");
    }
    format!("lower({s})")
}

fn sqlite(intended: &Schema) -> Definitions {
    let d = Dialect::Sqlite;
    let mut out = Definitions::default();
    // SQLite compares names without their ASCII case, as the catalog probes do (`COLLATE
    // NOCASE`): the model's name of `CREATE TABLE Users` is `users`.
    let master = |kind: &str, name: &QName| {
        format!("(SELECT sql FROM sqlite_master WHERE type = '{kind}' AND name = {} COLLATE NOCASE)", lit(d, &name.name))
    };
    for (name, table) in &intended.tables {
        for c in &table.constraints {
            let ConstraintKind::Check { expr, .. } = &c.kind else { continue };
            out.assertions.push(Assertion {
                title: format!("table {name} has CHECK ({expr})"),
                failing_sql: format!(
                    "SELECT 1 WHERE coalesce(instr({}, {}), 0) = 0",
                    loose_sqlite(&master("table", name)),
                    loose_sqlite(&lit(d, &format!("CHECK ({expr})")))
                ),
            });
        }
        for c in &table.columns {
            let Some(def) = &c.default else { continue };
            out.assertions.push(Assertion {
                title: format!("column {name}.{} has DEFAULT {def}", c.name),
                failing_sql: format!(
                    "SELECT 1 WHERE NOT EXISTS (SELECT 1 FROM pragma_table_info({}) WHERE name = {} COLLATE NOCASE AND {} = {})",
                    lit(d, &name.name),
                    lit(d, &c.name),
                    loose_sqlite("dflt_value"),
                    loose_sqlite(&lit(d, def))
                ),
            });
        }
    }
    out
}

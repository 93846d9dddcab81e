//! Catalog probes per dialect: small queries that return rows exactly when an object exists in
//! the expected shape. `validate` combines them into assertions ("must exist", "must be gone").
//!
//! Each dialect module offers the same functions: `table`, `view`, `column`, `other_columns`,
//! `constraint`, `constraint_named`, `index`, `index_named`, `enum_values`; `objects` probes
//! sequences, routines, triggers, extensions and types.

pub mod mysql;
pub mod objects;
pub mod postgres;
pub mod sqlite;

use crate::model::{Column, Constraint, EnumType, Index, QName};
use crate::Dialect;

/// The expected NOT NULL flag as the engine reports it: primary-key and identity columns are
/// NOT NULL in PostgreSQL and MySQL whatever was declared. `None` means "do not check" (SQLite
/// primary-key columns, whose flag depends on how they were declared).
pub fn expected_not_null(dialect: Dialect, column: &Column, in_pk: bool) -> Option<bool> {
    match dialect {
        Dialect::Sqlite if in_pk => None,
        Dialect::Sqlite => Some(!column.nullable),
        _ => Some(!column.nullable || in_pk || column.identity.is_some()),
    }
}

/// Rows iff the base table exists.
pub fn table(d: Dialect, t: &QName) -> String {
    match d {
        Dialect::Postgres => postgres::table(t),
        Dialect::Mysql => mysql::table(t),
        Dialect::Sqlite => sqlite::table(t),
    }
}

/// Rows iff the view (or materialized view) exists.
pub fn view(d: Dialect, v: &QName, materialized: bool) -> String {
    match d {
        Dialect::Postgres => postgres::view(v, materialized),
        Dialect::Mysql => mysql::view(v),
        Dialect::Sqlite => sqlite::view(v),
    }
}

/// Rows iff the column exists with the expected type and nullability.
pub fn column(d: Dialect, target: crate::Target, t: &QName, c: &Column, in_pk: bool) -> String {
    match d {
        Dialect::Postgres => postgres::column(target, t, c, in_pk),
        Dialect::Mysql => mysql::column(t, c, in_pk),
        Dialect::Sqlite => sqlite::column(t, c, in_pk),
    }
}

/// Rows iff the column exists with the expected type (nullability and the rest unchecked).
pub fn column_type(d: Dialect, target: crate::Target, t: &QName, c: &Column) -> String {
    match d {
        Dialect::Postgres => postgres::column_type(t, c),
        _ => column(d, target, t, c, false),
    }
}

/// Rows iff the table has a column not in `names`.
pub fn other_columns(d: Dialect, t: &QName, names: &[String]) -> String {
    match d {
        Dialect::Postgres => postgres::other_columns(t, names),
        Dialect::Mysql => mysql::other_columns(t, names),
        Dialect::Sqlite => sqlite::other_columns(t, names),
    }
}

/// Rows iff the constraint exists as declared; `None` when the engine's catalog cannot show it.
/// `ref_columns` are the referenced columns of a foreign key, resolved to the parent's key.
pub fn constraint(d: Dialect, t: &QName, c: &Constraint, ref_columns: &[String]) -> Option<String> {
    match d {
        Dialect::Postgres => postgres::constraint(t, c, ref_columns),
        Dialect::Mysql => mysql::constraint(t, c),
        Dialect::Sqlite => sqlite::constraint(t, c, ref_columns),
    }
}

/// Rows iff a constraint of that name exists on the table (`None`: not visible by name).
pub fn constraint_named(d: Dialect, t: &QName, c: &Constraint) -> Option<String> {
    match d {
        Dialect::Postgres => postgres::constraint_named(t, c),
        Dialect::Mysql => mysql::constraint_named(t, c),
        Dialect::Sqlite => None,
    }
}

/// Rows iff the index exists with the expected uniqueness.
pub fn index(d: Dialect, t: &QName, i: &Index) -> String {
    match d {
        Dialect::Postgres => postgres::index(t, i),
        Dialect::Mysql => mysql::index(t, i),
        Dialect::Sqlite => sqlite::index(t, i),
    }
}

/// Rows iff an index of that name exists on the table.
pub fn index_named(d: Dialect, t: &QName, name: &str) -> String {
    match d {
        Dialect::Postgres => postgres::index_named(t, name),
        Dialect::Mysql => mysql::index_named(t, name),
        Dialect::Sqlite => sqlite::index_named(t, name),
    }
}

/// Rows iff the enum type exists with exactly these labels in this order (PostgreSQL only).
pub fn enum_values(d: Dialect, e: &EnumType) -> Option<String> {
    match d {
        Dialect::Postgres => Some(postgres::enum_values(e)),
        _ => None,
    }
}

/// `'a', 'b'` for an IN list; `NULL` when empty (so `x NOT IN (NULL)` is never true... callers
/// handle the empty case themselves).
pub fn in_list(d: Dialect, names: &[String]) -> String {
    names.iter().map(|n| crate::render::quote::literal(d, n)).collect::<Vec<_>>().join(", ")
}

//! `validate.sql` (after up) and `validate_down.sql` (after down): catalog assertions that the
//! database now has exactly the intended schema, failing loudly when it does not.
//!
//! For every table of the intended schema: it exists, each column has its type and
//! nullability, no other column exists, each constraint and index exists in its shape. For
//! every table, constraint, index and view of the other side that the intended schema lacks:
//! it is gone. PostgreSQL enum types are checked label by label. CHECK expressions, defaults
//! and view queries are compared where the catalog allows it (`definitions.rs`).

use super::catalog;
use super::catalog::objects::{self, Kind};
use super::checks::{render_assertions_with, Assertion};
use super::definitions;
use crate::model::{ConstraintKind, QName, Schema, Table, UserType};
use crate::{Dialect, Target};

/// The validate script for `intended`, `other` being the schema on the other side of the
/// migration. `what` names the script in messages (`validate`, `validate_down`).
pub fn validate_sql(target: Target, intended: &Schema, other: &Schema, what: &str) -> String {
    let dialect = target.dialect;
    let mut assertions = collect(target, intended, other);
    let defs = definitions::definitions(target, intended);
    assertions.extend(defs.assertions);
    let mut out = format!(
        "-- schemashift {what}: run after {}. It fails (error) when the schema is not exactly as intended.\n",
        if what == "validate" { "up.sql" } else { "down.sql" }
    );
    match dialect {
        Dialect::Postgres => out.push_str("-- One DO block; the error lists every assertion that does not hold.\n\n"),
        _ => out.push_str(
            "-- The first SELECT lists the assertions that do not hold (it must return no rows);\n\
             -- the INSERT after it then fails on a CHECK constraint, so the script exits with an error.\n\n",
        ),
    }
    let body = render_assertions_with(dialect, &defs.setup, &defs.teardown, &assertions, what);
    if dialect == Dialect::Mysql && !body.is_ascii() {
        out.push_str(crate::render::MYSQL_UTF8);
    }
    out.push_str(&body);
    out
}

fn missing(d: Dialect, probe: &str) -> String {
    let dual = if d == Dialect::Mysql { " FROM DUAL" } else { "" };
    format!("SELECT 1{dual} WHERE NOT EXISTS ({probe})")
}

/// Every assertion, in a stable order (tables by name, then views, then types).
pub fn collect(target: Target, intended: &Schema, other: &Schema) -> Vec<Assertion> {
    let d = target.dialect;
    let mut out = Vec::new();
    let must = |out: &mut Vec<Assertion>, title: String, probe: String| out.push(Assertion { title, failing_sql: missing(d, &probe) });
    let gone = |out: &mut Vec<Assertion>, title: String, probe: String| out.push(Assertion { title, failing_sql: probe });
    for (name, table) in &intended.tables {
        must(&mut out, format!("table {name} exists"), catalog::table(d, name));
        // Inherited tables and partitions also hold their parent's columns, constraints and
        // indexes, and take nullability and defaults from it: only the types of what is
        // declared here are checked.
        let derived = !table.options.inherits.is_empty() || table.options.partition_of.is_some();
        let pk = table.primary_key_columns();
        for c in &table.columns {
            let in_pk = pk.contains(&c.name);
            if derived {
                must(&mut out, format!("column {name}.{} is {}", c.name, c.data_type), catalog::column_type(d, target, name, c));
                continue;
            }
            let nn = match catalog::expected_not_null(d, c, in_pk) {
                Some(true) => " NOT NULL",
                Some(false) => " NULL",
                None => "",
            };
            must(&mut out, format!("column {name}.{} is {}{nn}", c.name, c.data_type), catalog::column(d, target, name, c, in_pk));
        }
        let names: Vec<String> = table.columns.iter().map(|c| c.name.clone()).collect();
        if !derived {
            gone(&mut out, format!("table {name} has no columns besides ({})", names.join(", ")), catalog::other_columns(d, name, &names));
        }
        for con in &table.constraints {
            let refs = referenced_columns(intended, &con.kind);
            if let Some(probe) = catalog::constraint(d, name, con, &refs) {
                must(&mut out, format!("{} exists on {name}", describe(con)), probe);
            }
        }
        for idx in &table.indexes {
            let unique = if idx.unique { "unique " } else { "" };
            must(&mut out, format!("{unique}index {} exists on {name}", idx.name), catalog::index(d, name, idx));
        }
        match other.tables.get(name) {
            Some(old) if !derived => removed_parts(d, name, table, old, &mut out),
            _ => {}
        }
    }
    for name in other.tables.keys().filter(|n| !intended.tables.contains_key(*n)) {
        gone(&mut out, format!("table {name} is gone"), catalog::table(d, name));
    }
    for (name, v) in &intended.views {
        must(&mut out, format!("view {name} exists"), catalog::view(d, name, v.materialized));
    }
    for (name, v) in other.views.iter().filter(|(n, _)| !intended.views.contains_key(*n)) {
        gone(&mut out, format!("view {name} is gone"), catalog::view(d, name, v.materialized));
    }
    for ty in intended.types.values() {
        if let UserType::Enum(e) = ty {
            if let Some(probe) = catalog::enum_values(d, e) {
                must(&mut out, format!("enum {} has labels ({})", e.name, e.values.join(", ")), probe);
            }
        } else if let Some(probe) = objects::object(d, Kind::Type, ty.name()) {
            must(&mut out, format!("type {} exists", ty.name()), probe);
        }
    }
    // Other objects, by name: present on the intended side, gone when only the other has them.
    let named = |s: &Schema| -> Vec<(Kind, QName)> {
        let mut v: Vec<(Kind, QName)> = Vec::new();
        v.extend(s.sequences.keys().map(|n| (Kind::Sequence, n.clone())));
        v.extend(s.functions.values().map(|f| (Kind::Routine, f.name.clone())));
        v.extend(s.extensions.keys().map(|n| (Kind::Extension, QName::new("", n.clone()))));
        v.extend(s.types.values().filter(|t| !matches!(t, UserType::Enum(_))).map(|t| (Kind::Type, t.name().clone())));
        v.sort();
        v.dedup();
        v
    };
    let wanted = named(intended);
    for (kind, name) in &wanted {
        if kind == &Kind::Type {
            continue;
        }
        if let Some(probe) = objects::object(d, *kind, name) {
            must(&mut out, format!("{} {name} exists", kind.label()), probe);
        }
    }
    let enums =
        |s: &Schema| -> Vec<QName> { s.types.values().filter(|t| matches!(t, UserType::Enum(_))).map(|t| t.name().clone()).collect() };
    let (wanted_enums, other_enums) = (enums(intended), enums(other));
    let gone_objects = named(other).into_iter().chain(other_enums.into_iter().map(|n| (Kind::Type, n)));
    for (kind, name) in gone_objects {
        let kept = wanted.iter().any(|(k, n)| *k == kind && *n == name) || (kind == Kind::Type && wanted_enums.contains(&name));
        if kept {
            continue;
        }
        if let Some(probe) = objects::object(d, kind, &name) {
            gone(&mut out, format!("{} {name} is gone", kind.label()), probe);
        }
    }
    for (table, trig) in intended.triggers.keys() {
        must(&mut out, format!("trigger {trig} exists on {table}"), objects::trigger(target, table, trig));
    }
    for (table, trig) in other.triggers.keys().filter(|k| !intended.triggers.contains_key(*k)) {
        if intended.tables.contains_key(table) || intended.views.contains_key(table) {
            gone(&mut out, format!("trigger {trig} is gone from {table}"), objects::trigger(target, table, trig));
        }
    }
    out
}

/// Constraints and indexes of the same table on the other side that must be gone.
fn removed_parts(d: Dialect, name: &QName, table: &Table, old: &Table, out: &mut Vec<Assertion>) {
    for con in &old.constraints {
        let Some(cname) = &con.name else { continue };
        if table.constraint(cname).is_some() {
            continue;
        }
        if let Some(probe) = catalog::constraint_named(d, name, con) {
            out.push(Assertion { title: format!("constraint {cname} is gone from {name}"), failing_sql: probe });
        }
    }
    for idx in &old.indexes {
        if table.index(&idx.name).is_none() {
            out.push(Assertion {
                title: format!("index {} is gone from {name}", idx.name),
                failing_sql: catalog::index_named(d, name, &idx.name),
            });
        }
    }
}

/// The referenced columns of a foreign key, resolved to the parent's primary key when omitted.
fn referenced_columns(schema: &Schema, kind: &ConstraintKind) -> Vec<String> {
    match kind {
        ConstraintKind::ForeignKey { ref_table, ref_columns, .. } if ref_columns.is_empty() => {
            schema.tables.get(ref_table).map(|t| t.primary_key_columns().to_vec()).unwrap_or_default()
        }
        ConstraintKind::ForeignKey { ref_columns, .. } => ref_columns.clone(),
        _ => Vec::new(),
    }
}

fn describe(c: &crate::model::Constraint) -> String {
    let name = c.name.as_deref().map(|n| format!(" {n}")).unwrap_or_default();
    match &c.kind {
        ConstraintKind::ForeignKey { columns, ref_table, .. } => {
            format!("foreign key{name} ({}) -> {ref_table}", columns.join(", "))
        }
        ConstraintKind::Check { .. } | ConstraintKind::Exclude { .. } => format!("{}{name}", c.kind.label()),
        kind => format!("{}{name} ({})", kind.label(), kind.columns().join(", ")),
    }
}

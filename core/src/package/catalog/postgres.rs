//! PostgreSQL catalog probes (pg_class, pg_attribute, pg_constraint, pg_index, pg_enum).

use super::{expected_not_null, in_list};
use crate::model::{Column, Constraint, ConstraintKind, DataType, EnumType, Index, QName};
use crate::render::quote;
use crate::Dialect;

const D: Dialect = Dialect::Postgres;

fn lit(s: &str) -> String {
    quote::literal(D, s)
}

/// `to_regclass('"schema"."name"')`: the relation's oid, NULL when it does not exist.
fn regclass(t: &QName) -> String {
    format!("to_regclass({})", lit(&quote::qname(D, t)))
}

fn relation(t: &QName, kinds: &str) -> String {
    format!(
        "SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = {} AND c.relname = {} AND c.relkind IN ({kinds})",
        lit(&t.schema),
        lit(&t.name)
    )
}

pub fn table(t: &QName) -> String {
    relation(t, "'r', 'p'")
}

pub fn view(v: &QName, materialized: bool) -> String {
    relation(v, if materialized { "'m'" } else { "'v'" })
}

/// The type as `format_type` prints it; user-defined types are compared by `pg_type.typname`.
fn type_condition(t: &DataType) -> String {
    if t.user_defined {
        let short = t.base.rsplit('.').next().unwrap_or(&t.base).trim_matches('"');
        let name = if t.array_dims > 0 { format!("_{short}") } else { short.to_string() };
        return format!("(SELECT ty.typname FROM pg_type ty WHERE ty.oid = a.atttypid) = {}", lit(&name));
    }
    let mut shown = t.clone();
    if matches!(t.base.as_str(), "character" | "bpchar") && t.args.is_empty() {
        shown = DataType { base: "character".into(), args: vec!["1".into()], ..t.clone() };
    }
    format!("format_type(a.atttypid, a.atttypmod) = {}", lit(&shown.to_string()))
}

pub fn column(t: &QName, c: &Column, in_pk: bool) -> String {
    let mut sql = format!(
        "SELECT 1 FROM pg_attribute a WHERE a.attrelid = {} AND a.attnum > 0 AND NOT a.attisdropped AND a.attname = {} AND {}",
        regclass(t),
        lit(&c.name),
        type_condition(&c.data_type)
    );
    if let Some(nn) = expected_not_null(D, c, in_pk) {
        sql.push_str(&format!(" AND a.attnotnull = {nn}"));
    }
    sql
}

pub fn other_columns(t: &QName, names: &[String]) -> String {
    let mut sql = format!(
        "SELECT 1 FROM pg_attribute a WHERE a.attrelid = {} AND a.attnum > 0 AND NOT a.attisdropped",
        regclass(t)
    );
    if !names.is_empty() {
        sql.push_str(&format!(" AND a.attname::text NOT IN ({})", in_list(D, names)));
    }
    sql
}

fn key_columns(array: &str) -> String {
    format!(
        "ARRAY(SELECT a.attname::text FROM unnest(co.{array}) WITH ORDINALITY AS k(attnum, ord) JOIN pg_attribute a ON a.attrelid = co.{rel} AND a.attnum = k.attnum ORDER BY k.ord)",
        rel = if array == "conkey" { "conrelid" } else { "confrelid" }
    )
}

fn text_array(items: &[String]) -> String {
    if items.is_empty() {
        "ARRAY[]::text[]".to_string()
    } else {
        format!("ARRAY[{}]::text[]", in_list(D, items))
    }
}

pub fn constraint(t: &QName, c: &Constraint, ref_columns: &[String]) -> Option<String> {
    let contype = match &c.kind {
        ConstraintKind::PrimaryKey { .. } => "p",
        ConstraintKind::Unique { .. } => "u",
        ConstraintKind::ForeignKey { .. } => "f",
        ConstraintKind::Check { .. } => "c",
        ConstraintKind::Exclude { .. } => "x",
    };
    let mut sql = format!(
        "SELECT 1 FROM pg_constraint co WHERE co.conrelid = {} AND co.contype = '{contype}'",
        regclass(t)
    );
    if let Some(name) = &c.name {
        sql.push_str(&format!(" AND co.conname = {}", lit(name)));
    }
    let cols = c.kind.columns();
    if !cols.is_empty() {
        sql.push_str(&format!(" AND {} = {}", key_columns("conkey"), text_array(cols)));
    }
    if let ConstraintKind::ForeignKey { ref_table, .. } = &c.kind {
        sql.push_str(&format!(" AND co.confrelid = {}", regclass(ref_table)));
        if !ref_columns.is_empty() {
            sql.push_str(&format!(" AND {} = {}", key_columns("confkey"), text_array(ref_columns)));
        }
    }
    Some(sql)
}

pub fn constraint_named(t: &QName, c: &Constraint) -> Option<String> {
    let name = c.name.as_ref()?;
    Some(format!(
        "SELECT 1 FROM pg_constraint co WHERE co.conrelid = {} AND co.conname = {} AND co.contype <> 'n'",
        regclass(t),
        lit(name)
    ))
}

pub fn index(t: &QName, i: &Index) -> String {
    format!("{} AND ix.indisunique = {}", index_named(t, &i.name), i.unique)
}

pub fn index_named(t: &QName, name: &str) -> String {
    format!(
        "SELECT 1 FROM pg_index ix JOIN pg_class ic ON ic.oid = ix.indexrelid WHERE ix.indrelid = {} AND ic.relname = {}",
        regclass(t),
        lit(name)
    )
}

pub fn enum_values(e: &EnumType) -> String {
    format!(
        "SELECT 1 FROM pg_type ty JOIN pg_namespace n ON n.oid = ty.typnamespace WHERE n.nspname = {} AND ty.typname = {} AND ARRAY(SELECT en.enumlabel::text FROM pg_enum en WHERE en.enumtypid = ty.oid ORDER BY en.enumsortorder) = {}",
        lit(&e.name.schema),
        lit(&e.name.name),
        text_array(&e.values)
    )
}

//! PostgreSQL catalog probes (pg_class, pg_attribute, pg_constraint, pg_index, pg_enum).

use super::{expected_not_null, in_list};
use crate::model::{Column, Constraint, ConstraintKind, DataType, EnumType, IdentityKind, Index, QName};
use crate::render::quote;
use crate::{Dialect, Target};

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

/// The column with its type.
pub fn column_type(t: &QName, c: &Column) -> String {
    format!(
        "SELECT 1 FROM pg_attribute a WHERE a.attrelid = {} AND a.attnum > 0 AND NOT a.attisdropped AND a.attname = {} AND {}",
        regclass(t),
        lit(&c.name),
        type_condition(&c.data_type)
    )
}

/// The column with its type, nullability, whether it has a default (not the default's text,
/// which PostgreSQL rewrites), identity, generation and collation.
pub fn column(target: Target, t: &QName, c: &Column, in_pk: bool) -> String {
    let mut sql = column_type(t, c);
    if let Some(nn) = expected_not_null(D, c, in_pk) {
        sql.push_str(&format!(" AND a.attnotnull = {nn}"));
    }
    sql.push_str(&format!(" AND a.atthasdef = {}", c.default.is_some() || c.generated.is_some()));
    let identity = match c.identity.as_ref().map(|i| i.kind) {
        Some(IdentityKind::Always) => "a",
        Some(IdentityKind::ByDefault) => "d",
        None => "",
    };
    sql.push_str(&format!(" AND a.attidentity = '{identity}'"));
    if target.generated_columns() {
        let generated = if c.generated.is_some() { "s" } else { "" };
        sql.push_str(&format!(" AND a.attgenerated = '{generated}'"));
    }
    match &c.collation {
        Some(coll) => {
            let short = coll.rsplit('.').next().unwrap_or(coll).trim_matches('"');
            sql.push_str(&format!(" AND (SELECT co.collname::text FROM pg_collation co WHERE co.oid = a.attcollation) = {}", lit(short)));
        }
        None => sql.push_str(" AND a.attcollation = (SELECT ty.typcollation FROM pg_type ty WHERE ty.oid = a.atttypid)"),
    }
    sql
}

pub fn other_columns(t: &QName, names: &[String]) -> String {
    let mut sql = format!("SELECT 1 FROM pg_attribute a WHERE a.attrelid = {} AND a.attnum > 0 AND NOT a.attisdropped", regclass(t));
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
    let mut sql = format!("SELECT 1 FROM pg_constraint co WHERE co.conrelid = {} AND co.contype = '{contype}'", regclass(t));
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
        "SELECT 1 FROM pg_constraint co WHERE co.conrelid = {} AND co.conname = {} AND co.contype <> 'n' AND co.conparentid = 0",
        regclass(t),
        lit(name)
    ))
}

pub fn index(t: &QName, i: &Index) -> String {
    let mut sql = format!(
        "SELECT 1 FROM pg_index ix JOIN pg_class ic ON ic.oid = ix.indexrelid JOIN pg_am am ON am.oid = ic.relam WHERE ix.indrelid = {} AND ic.relname = {} AND ix.indisunique = {} AND (ix.indpred IS NOT NULL) = {}",
        regclass(t),
        lit(&i.name),
        i.unique,
        i.predicate.is_some()
    );
    if let Some(method) = &i.method {
        sql.push_str(&format!(" AND am.amname = {}", lit(&method.to_ascii_lowercase())));
    }
    if i.elems.iter().all(|e| !e.is_expr) {
        let cols: Vec<String> = i.elems.iter().map(|e| e.expr.clone()).collect();
        sql.push_str(&format!(
            " AND ARRAY(SELECT a.attname::text FROM unnest(ix.indkey[0:ix.indnkeyatts - 1]) WITH ORDINALITY AS k(attnum, ord) JOIN pg_attribute a ON a.attrelid = ix.indrelid AND a.attnum = k.attnum ORDER BY k.ord) = {}",
            text_array(&cols)
        ));
    }
    sql
}

/// Rows iff an index of that name exists on the table and does not back a constraint (an index
/// taken over by a PRIMARY KEY / UNIQUE constraint belongs to the constraint).
pub fn index_named(t: &QName, name: &str) -> String {
    format!(
        "SELECT 1 FROM pg_index ix JOIN pg_class ic ON ic.oid = ix.indexrelid WHERE ix.indrelid = {} AND ic.relname = {} AND NOT EXISTS (SELECT 1 FROM pg_constraint co WHERE co.conindid = ix.indexrelid AND co.conrelid = ix.indrelid)",
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

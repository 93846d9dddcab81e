//! Final touches once every statement is applied: foreign keys that name no columns point at
//! the referenced primary key, and tables are put in canonical order so that equal schemas
//! compare equal whatever order they were written in.

use super::{expr, names, State};
use crate::model::{ConstraintKind, QName};

pub fn finish(st: &mut State) {
    super::table_family::inherit_all_columns(st);
    // The referenced tables' keys, for foreign keys that name no columns (made only when one does).
    let unnamed = |t: &crate::model::Table| {
        t.constraints.iter().any(|k| matches!(&k.kind, ConstraintKind::ForeignKey { ref_columns, .. } if ref_columns.is_empty()))
    };
    let pks: std::collections::BTreeMap<QName, Vec<String>> = if st.schema.tables.values().any(unnamed) {
        st.schema.tables.values().map(|t| (t.name.clone(), t.primary_key_columns().to_vec())).collect()
    } else {
        std::collections::BTreeMap::new()
    };
    for t in st.schema.tables.values_mut() {
        for k in &mut t.constraints {
            if let ConstraintKind::ForeignKey { ref_table, ref_columns, .. } = &mut k.kind {
                if ref_columns.is_empty() {
                    if let Some(cols) = pks.get(ref_table) {
                        *ref_columns = cols.clone();
                    }
                }
            }
        }
        t.canonicalize();
    }
    super::partitions::propagate(st);
    super::domain::canonicalize(st);
    mark_serials(st);
    owned_sequences_follow_persistence(st);
    mysql_json(st);
    routine_dependencies(st);
}

/// The tables and views a routine names, found against the whole schema: pg_dump writes
/// functions before tables, and PostgreSQL checks a body's names only when it runs (a SQL
/// body also at `CREATE`, with `check_function_bodies`), so a body may name what is declared
/// after it. The order they were written in must not change the model (nor the plan's order:
/// a SQL function is created after the tables its body reads).
fn routine_dependencies(st: &mut State) {
    let found: Vec<(String, Vec<QName>)> =
        st.schema.functions.iter().map(|(k, f)| (k.clone(), super::routines::definition_dependencies(st, &f.definition))).collect();
    for (k, deps) in found {
        if let Some(f) = st.schema.functions.get_mut(&k) {
            f.depends_on = deps;
        }
    }
}

/// PostgreSQL gives a sequence owned by a table the table's persistence, at creation and on
/// `ALTER TABLE SET LOGGED/UNLOGGED` (pg_dump then writes `CREATE UNLOGGED SEQUENCE`): the
/// model says the same whichever way it was written.
fn owned_sequences_follow_persistence(st: &mut State) {
    if st.d != crate::Dialect::Postgres {
        return;
    }
    let tables = &st.schema.tables;
    for seq in st.schema.sequences.values_mut() {
        if let Some(t) = seq.owned_by.as_ref().and_then(|(t, _)| tables.get(t)) {
            seq.unlogged = t.options.unlogged;
        }
    }
}

/// MariaDB stores `json` as `longtext` (utf8mb4_bin) with a `CHECK (json_valid(col))` named
/// after the column, and dumps it so: read that back as the `json` it was declared as.
fn mysql_json(st: &mut State) {
    if st.d != crate::Dialect::Mysql {
        return;
    }
    for t in st.schema.tables.values_mut() {
        let mut json_cols = Vec::new();
        t.constraints.retain(|k| match (&k.name, &k.kind) {
            (Some(n), ConstraintKind::Check { expr, .. })
                if *expr == format!("json_valid({})", expr::ident_sql(crate::Dialect::Mysql, n)) =>
            {
                let is_longtext = t.columns.iter().any(|c| &c.name == n && c.data_type.base == "longtext");
                if is_longtext {
                    json_cols.push(n.clone());
                }
                !is_longtext
            }
            _ => true,
        });
        // The json check's column-level entry goes with it.
        t.prune_spellings();
        for c in t.columns.iter_mut().filter(|c| json_cols.contains(&c.name)) {
            c.data_type = crate::model::DataType::simple("json");
            if c.charset.as_deref() == Some("utf8mb4") {
                c.charset = None;
            }
            if c.collation.as_deref() == Some("utf8mb4_bin") {
                c.collation = None;
            }
        }
    }
}

/// A column whose default takes `nextval` of the sequence it owns under the implicit name,
/// NOT NULL, of an integer type matching the sequence's, is what `serial` creates (pg_dump
/// writes it out that way): mark it so both spellings compare equal.
fn mark_serials(st: &mut State) {
    if st.d != crate::Dialect::Postgres {
        return;
    }
    let seqs = &st.schema.sequences;
    for t in st.schema.tables.values_mut() {
        for c in &mut t.columns {
            // (Every `nextval` default starts so: the others are not made to be compared.)
            let Some(def) = c.default.as_ref().filter(|d| d.starts_with("nextval(")) else { continue };
            if c.nullable || c.data_type.array_dims != 0 {
                continue;
            }
            // The implicit name made once; the owner compared in place (no copies to compare).
            let qn = QName::new(t.name.schema.clone(), names::pg_object_name(&t.name.name, Some(&c.name), "seq"));
            let Some(seq) = seqs.get(&qn) else { continue };
            let seq_type = seq.data_type.as_ref().map(|d| d.base.as_str()).unwrap_or("bigint");
            let owned = seq.owned_by.as_ref().is_some_and(|(table, column)| *table == t.name && *column == c.name);
            if owned && seq_type == c.data_type.base && *def == super::defaults::nextval(&qn) {
                c.serial = true;
            }
        }
    }
}

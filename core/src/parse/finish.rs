//! Final touches once every statement is applied: foreign keys that name no columns point at
//! the referenced primary key, and tables are put in canonical order so that equal schemas
//! compare equal whatever order they were written in.

use super::{expr, names, State};
use crate::model::{ConstraintKind, QName};

pub fn finish(st: &mut State) {
    let pks: Vec<_> = st
        .schema
        .tables
        .values()
        .map(|t| (t.name.clone(), t.primary_key_columns().to_vec()))
        .collect();
    for t in st.schema.tables.values_mut() {
        for k in &mut t.constraints {
            if let ConstraintKind::ForeignKey { ref_table, ref_columns, .. } = &mut k.kind {
                if ref_columns.is_empty() {
                    if let Some((_, cols)) = pks.iter().find(|(n, _)| n == ref_table) {
                        *ref_columns = cols.clone();
                    }
                }
            }
        }
        t.canonicalize();
    }
    mark_serials(st);
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
            let Some(def) = &c.default else { continue };
            let implicit = names::pg_object_name(&t.name.name, Some(&c.name), "seq");
            let reference = if t.name.schema == "public" { implicit.clone() } else { format!("{}.{implicit}", expr::ident_sql(st.d, &t.name.schema)) };
            if *def != format!("nextval('{reference}'::regclass)") || c.nullable {
                continue;
            }
            let Some(seq) = seqs.get(&QName::new(t.name.schema.clone(), implicit)) else { continue };
            let seq_type = seq.data_type.as_ref().map(|d| d.base.as_str()).unwrap_or("bigint");
            let owned = seq.owned_by.as_ref() == Some(&(t.name.clone(), c.name.clone()));
            if owned && seq_type == c.data_type.base && c.data_type.array_dims == 0 {
                c.serial = true;
            }
        }
    }
}

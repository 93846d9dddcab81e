//! Final touches once every statement is applied: foreign keys that name no columns point at
//! the referenced primary key, and tables are put in canonical order so that equal schemas
//! compare equal whatever order they were written in.

use super::State;
use crate::model::ConstraintKind;

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
}

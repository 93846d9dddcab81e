//! `ALTER TABLE t ADD COLUMN c ... DEFAULT d` in a history, on a table that may hold rows: the
//! engine fills `c` with `d` in every row there. A history that then drops or changes the
//! default (`ALTER COLUMN c DROP DEFAULT`, the usual way to backfill a new column) ends with a
//! column whose rows hold `d` but whose default is another: a migration adding the column with
//! the final default (or none) would fill the rows with that instead, or fail on `NOT NULL`.
//! Each such addition is kept (`Schema.backfills`, following renames and drops like
//! `history_renames.rs`), and the plan adds the column with `d` before setting the final default
//! (`plan::backfills`).

use super::State;
use crate::model::{Backfill, Table};

/// Column `column` of `table` was just added.
pub fn added(st: &mut State, table: &Table, column: &str) {
    let Some(c) = table.column(column) else { return };
    let (Some(default), None, None) = (&c.default, &c.generated, &c.identity) else { return };
    st.schema.backfills.retain(|b| !(b.table == table.name && b.column == column));
    st.schema.backfills.push(Backfill {
        table: table.name.clone(),
        column: column.to_string(),
        data_type: c.data_type.clone(),
        default: default.clone(),
    });
}

//! A history's `UPDATE` that fills columns the migration adds runs with the migration, as a data
//! step: `ADD COLUMN cents integer; UPDATE orders SET cents = amount * 100; DROP COLUMN amount`
//! in AFTER (`Schema.updates`, `parse/history_updates.rs`) keeps the values, converted, where the
//! migration alone would add `cents` empty and drop `amount` with its values.
//!
//! Only an `UPDATE` whose every `SET` column is new in this migration (in AFTER's table, not in
//! BEFORE's nor renamed from one of it) is run: it can only belong to the part of the history
//! BEFORE does not have. Others stay data statements that are not run (they may have run long
//! ago); one BEFORE's history also has is behind both schemas. Placed as a data step is
//! (`data_steps::place`: after the columns are added, before anything it reads is dropped; no
//! place, e.g. a SQLite rebuild adding and dropping in one step, blocks). Down does not undo it.

use crate::diff::Renames;
use crate::model::{DataStepHint, HistoryUpdate, Schema};
use crate::Diagnostic;

/// The updates of AFTER's history that fill columns this migration adds.
pub fn run<'s>(before: &Schema, after: &'s Schema, renames: &Renames) -> Vec<&'s HistoryUpdate> {
    after
        .updates
        .iter()
        .filter(|u| !before.updates.iter().any(|b| b.text == u.text))
        .filter(|u| {
            let Some(now) = after.tables.get(&u.table) else { return false };
            let old = renames.table_from(&u.table);
            let Some(was) = before.tables.get(&old) else { return false };
            u.columns.iter().all(|c| now.column(c).is_some() && was.column(&renames.column_from(&u.table, c)).is_none())
        })
        .collect()
}

/// Each as a data step (up only), with the note that says so at its line.
pub fn as_data_steps(updates: &[&HistoryUpdate]) -> (Vec<DataStepHint>, Vec<Diagnostic>) {
    let hints = updates.iter().map(|u| DataStepHint { up: u.text.clone(), down: None, line: u.line }).collect();
    let notes = updates
        .iter()
        .map(|u| {
            Diagnostic::warning(
                u.line,
                u.col,
                format!(
                    "UPDATE of {} run by up: it fills {} that this migration adds (after adding, before anything is dropped), as the history does; down does not undo it (the values it wrote are lost with the column(s) down drops)",
                    u.table,
                    u.columns.join(", ")
                ),
            )
        })
        .collect();
    (hints, notes)
}

#[cfg(test)]
mod tests {
    use crate::{generate, Dialect, Options};

    const BEFORE: &str = "CREATE TABLE orders (id int PRIMARY KEY, amount numeric(10,2));";

    #[test]
    fn an_update_filling_a_new_column_runs_between_the_add_and_the_drop() {
        let after = format!(
            "{BEFORE}\nALTER TABLE orders ADD COLUMN cents integer;\nUPDATE orders SET cents = (amount * 100)::integer;\nALTER TABLE orders DROP COLUMN amount;"
        );
        let m = generate(BEFORE, &after, &Options::new(Dialect::Postgres));
        let up = m.up_sql();
        let (add, update, drop) = (
            up.find("ADD COLUMN \"cents\"").unwrap(),
            up.find("UPDATE orders SET cents").unwrap(),
            up.find("DROP COLUMN \"amount\"").unwrap(),
        );
        assert!(add < update && update < drop, "{up}");
        assert!(!m.down_sql().contains("UPDATE"), "{}", m.down_sql());
        let notes: Vec<&str> = m.diagnostics.iter().map(|d| d.diagnostic.message.as_str()).collect();
        assert!(notes.iter().any(|n| n.starts_with("UPDATE of public.orders run by up: it fills cents")), "{notes:?}");
        assert!(!notes.iter().any(|n| n.contains("are not run by the migration")), "{notes:?}");
    }

    #[test]
    fn other_updates_are_not_run() {
        for after in [
            // A column BEFORE has: the update may have run long ago.
            format!("{BEFORE}\nUPDATE orders SET amount = 0 WHERE amount IS NULL;"),
            // A new table: no rows to fill.
            format!("{BEFORE}\nCREATE TABLE t (a int, b int);\nUPDATE t SET b = a;"),
        ] {
            let m = generate(BEFORE, &after, &Options::new(Dialect::Postgres));
            assert!(!m.up_sql().contains("UPDATE"), "{}", m.up_sql());
            let notes: Vec<&str> = m.diagnostics.iter().map(|d| d.diagnostic.message.as_str()).collect();
            assert!(notes.iter().any(|n| n.contains("are not run by the migration")), "{notes:?}");
        }
        // BEFORE's history has it too: behind both.
        let history = format!("{BEFORE}\nALTER TABLE orders ADD COLUMN cents integer;\nUPDATE orders SET cents = 1;");
        let m = generate(&history, &format!("{history}\nALTER TABLE orders ADD COLUMN x int;"), &Options::new(Dialect::Postgres));
        assert!(!m.up_sql().contains("UPDATE"), "{}", m.up_sql());
    }
}

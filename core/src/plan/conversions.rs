//! What the migration does with the `USING` conversions of AFTER's history
//! (`parse/conversions.rs`), said at each clause: the up migration converts with it when it
//! makes the same type change (the renderer, `RenderContext::history_using`), and its down
//! converts back with a plain cast, not the expression's inverse; a clause for another type
//! change than the migration's is not used, and the migration's own cast may give other values.

use crate::diff::Renames;
use crate::model::Schema;
use crate::render::pg_type;
use crate::Diagnostic;

/// One warning per conversion of `after` (not also in `before`'s history) that bears on a
/// column the migration converts.
pub fn notes(before: &Schema, after: &Schema, renames: &Renames) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for c in after.conversions.iter().filter(|c| !before.conversions.contains(c)) {
        let Some(now) = after.tables.get(&c.table).and_then(|t| t.column(&c.column)) else { continue };
        let old_table = renames.table_from(&c.table);
        let old_column = renames.column_from(&c.table, &c.column);
        let Some(was) = before.tables.get(&old_table).and_then(|t| t.column(&old_column)) else { continue };
        if was.data_type == now.data_type {
            continue;
        }
        let expr = c.expr(&c.column);
        let message = if was.data_type == c.from && now.data_type == c.to {
            format!(
                "up converts {}.{} with this USING ({expr}); down converts it back to {} with a plain cast, not this expression's inverse: check the down script's values, or write the inverse as a data step",
                c.table,
                c.column,
                pg_type(&c.from)
            )
        } else {
            format!(
                "this USING ({expr}) converts {}.{} from {}, but BEFORE has it as {}: the migration converts {} to {} with a plain cast instead, which may give other values; make BEFORE the schema this history starts from, or write the conversion as a data step",
                c.table,
                c.column,
                pg_type(&c.from),
                pg_type(&was.data_type),
                pg_type(&was.data_type),
                pg_type(&now.data_type)
            )
        };
        out.push(Diagnostic::warning(c.line, c.col, message));
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::{generate, Dialect, Options};

    const BEFORE: &str = "CREATE TABLE p (id int, amount numeric(10,2), note text);";

    fn run(before: &str, after: &str, zero_downtime: bool) -> crate::Migration {
        let mut o = Options::new(Dialect::Postgres);
        o.zero_downtime = zero_downtime;
        generate(before, after, &o)
    }

    #[test]
    fn the_historys_using_converts_the_rows_up_and_its_down_is_said() {
        let after = format!("{BEFORE}\nALTER TABLE p ALTER COLUMN amount TYPE integer USING (amount * 100)::integer;");
        let m = run(BEFORE, &after, false);
        assert!(m.up_sql().contains("TYPE integer USING (\"amount\" * 100)::integer"), "{}", m.up_sql());
        let w: Vec<_> = m.diagnostics.iter().map(|d| (d.diagnostic.line, d.diagnostic.message.as_str())).collect();
        assert!(matches!(w.as_slice(), [(2, msg)] if msg.contains("down converts it back")), "{w:?}");
        // The zero-downtime backfill and its trigger convert the same way.
        let z = run(BEFORE, &after, true).up_sql();
        assert!(z.contains("(NEW.\"amount\" * 100)::integer") && z.contains("= (\"amount\" * 100)::integer"), "{z}");
    }

    #[test]
    fn later_changes_compose_and_follow_renames() {
        let after = format!(
            "{BEFORE}\nALTER TABLE p ALTER COLUMN amount TYPE integer USING (amount * 100)::integer;\n\
             ALTER TABLE p RENAME amount TO cents;\nALTER TABLE p ALTER COLUMN cents TYPE bigint;\n\
             ALTER TABLE p ALTER cents TYPE text USING cents || 'c', ALTER COLUMN note TYPE varchar(10);"
        );
        let up = run(BEFORE, &after, false).up_sql();
        assert!(up.contains("RENAME COLUMN \"amount\" TO \"cents\""), "{up}");
        assert!(up.contains("TYPE text USING (((\"cents\" * 100)::integer)::bigint) || 'c'"), "{up}");
    }

    #[test]
    fn a_using_for_another_type_change_is_not_used_and_said() {
        let after = format!("{BEFORE}\nALTER TABLE p ALTER COLUMN amount TYPE integer USING (amount * 100)::integer;");
        let m = run("CREATE TABLE p (id int, amount real, note text);", &after, false);
        assert!(m.up_sql().contains("USING \"amount\"::integer"), "{}", m.up_sql());
        assert!(m.diagnostics.iter().any(|d| d.diagnostic.line == 2 && d.diagnostic.message.contains("BEFORE has it as real")));
        // Both sides' histories make it: nothing to convert, nothing said.
        let m = run(&after, &format!("{after}\nALTER TABLE p ADD COLUMN x int;"), false);
        assert!(m.diagnostics.is_empty(), "{:?}", m.diagnostics);
    }
}

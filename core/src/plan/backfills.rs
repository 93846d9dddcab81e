//! A column the target schema's history added with one default and left with another
//! (`parse/added_defaults.rs`): the rows there hold the first. The migration adds it the same
//! way, with the first default, and then sets the last one (or drops it), two steps the plan
//! orders and judges like any other (`ADD COLUMN` at 23, `ALTER COLUMN` at 24). SQLite cannot
//! change a default in place; a history there cannot have done it either, but by a rebuild.

use crate::diff::Change;
use crate::model::{Column, Schema};
use crate::Dialect;

pub fn apply(changes: Vec<Change>, to: &Schema) -> Vec<Change> {
    if to.backfills.is_empty() || to.dialect == Dialect::Sqlite {
        return changes;
    }
    let mut out = Vec::with_capacity(changes.len());
    for c in changes {
        match c {
            Change::AddColumn { table, column } => {
                let first = to.backfills.iter().rev().find(|b| b.table == table && b.column == column.name);
                match first.filter(|b| b.data_type == column.data_type && column.default.as_ref() != Some(&b.default)) {
                    Some(b) if column.generated.is_none() && column.identity.is_none() => {
                        let added = Column { default: Some(b.default.clone()), ..column.clone() };
                        out.push(Change::AddColumn { table: table.clone(), column: added.clone() });
                        out.push(Change::AlterColumn { table, from: added, to: column });
                    }
                    _ => out.push(Change::AddColumn { table, column }),
                }
            }
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::{generate, Dialect, Options};

    const BEFORE: &str = "CREATE TABLE users (id int PRIMARY KEY);";

    fn up(d: Dialect, after: &str) -> String {
        let m = generate(BEFORE, &format!("{BEFORE}\n{after}"), &Options::new(d));
        assert!(!m.is_blocked(), "{:?}", m.diagnostics);
        m.up_sql()
    }

    #[test]
    fn a_column_added_with_a_default_then_changed_fills_the_rows_with_the_first() {
        let sql = up(
            Dialect::Postgres,
            "ALTER TABLE users ADD COLUMN active boolean NOT NULL DEFAULT true;\nALTER TABLE users ALTER COLUMN active DROP DEFAULT;\n\
             ALTER TABLE users ADD COLUMN status text DEFAULT 'new';\nALTER TABLE users RENAME status TO state;\n\
             ALTER TABLE users ALTER COLUMN state SET DEFAULT 'pending';",
        );
        let add = sql.find("ADD COLUMN \"active\" boolean NOT NULL DEFAULT").expect(&sql);
        assert!(sql.find("ALTER COLUMN \"active\" DROP DEFAULT").is_some_and(|i| i > add), "{sql}");
        assert!(sql.contains("ADD COLUMN \"state\" text DEFAULT 'new'") && sql.contains("\"state\" SET DEFAULT 'pending'"), "{sql}");
        let my =
            up(Dialect::Mysql, "ALTER TABLE users ADD COLUMN n int NOT NULL DEFAULT 0;\nALTER TABLE users ALTER COLUMN n DROP DEFAULT;");
        assert!(my.contains("ADD COLUMN `n` int NOT NULL DEFAULT 0") && my.contains("MODIFY COLUMN `n` int NOT NULL"), "{my}");
    }

    #[test]
    fn a_default_kept_dropped_with_its_column_or_on_a_new_table_is_plain() {
        let kept = up(Dialect::Postgres, "ALTER TABLE users ADD COLUMN n int DEFAULT 1;");
        assert_eq!(kept.matches("ALTER TABLE").count(), 1, "{kept}");
        let readded = up(
            Dialect::Postgres,
            "ALTER TABLE users ADD COLUMN n int DEFAULT 1;\nALTER TABLE users DROP COLUMN n;\nALTER TABLE users ADD COLUMN n int;",
        );
        assert!(!readded.contains("DEFAULT"), "{readded}");
    }
}

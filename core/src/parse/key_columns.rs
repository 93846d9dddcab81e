//! Keys, indexes and foreign keys must name columns their table has: every engine refuses one
//! that does not (PostgreSQL "column named in key does not exist", MySQL "Key column doesn't
//! exist in table", SQLite "no such column" / "unknown column in foreign key definition"). Read
//! literally, a typo there (`PRIMARY KEY (id, ther_id)`) changes the key: the migration drops the
//! old one and then fails on the new one, and MySQL/MariaDB, whose DDL is not transactional,
//! stay without a primary key. So it is an error at its place, and the statement's table is
//! left as the other side has it.

use super::constraint::Item;
use crate::model::{Index, Table};

/// The columns a table-level item names as its key (not expressions, not the referenced ones).
pub fn of_item(item: &Item) -> Vec<String> {
    match item {
        Item::Constraint(raw) => raw.kind.columns().to_vec(),
        Item::Index(ix) => of_index(ix),
        Item::UsingIndex { .. } => Vec::new(),
    }
}

/// An index's plain column parts.
pub fn of_index(ix: &Index) -> Vec<String> {
    ix.elems.iter().filter(|e| !e.is_expr).map(|e| e.expr.clone()).collect()
}

/// The message for the first of `columns` that `table` lacks, if any. A table that inherits
/// columns from parents (PostgreSQL `INHERITS`) is not checked: its own list lacks theirs.
pub fn missing(table: &Table, columns: &[String]) -> Option<String> {
    if !table.options.inherits.is_empty() {
        return None;
    }
    let gone = columns.iter().find(|c| table.column(c).is_none())?;
    Some(format!("column `{gone}` named in the key does not exist in table `{}` (the engine refuses it)", table.name))
}

#[cfg(test)]
mod tests {
    use crate::Dialect;

    fn first_error(d: Dialect, sql: &str) -> Option<(usize, usize, String)> {
        let p = crate::parse::parse(d, sql);
        p.diagnostics.iter().find(|x| x.is_error()).map(|x| (x.line, x.column, x.message.clone()))
    }

    #[test]
    fn a_key_on_a_missing_column_is_an_error_at_its_place() {
        for d in [Dialect::Postgres, Dialect::Mysql, Dialect::Sqlite] {
            let e = first_error(d, "CREATE TABLE f (id int NOT NULL, other_id int NOT NULL,\n  PRIMARY KEY (id, ther_id));");
            assert!(e.as_ref().is_some_and(|(l, c, m)| (*l, *c) == (2, 3) && m.contains("`ther_id`")), "{d:?}: {e:?}");
            let e = first_error(d, "CREATE TABLE f (id int);\nCREATE INDEX ix ON f (id, nope);");
            assert!(e.as_ref().is_some_and(|(l, _, m)| *l == 2 && m.contains("`nope`")), "{d:?}: {e:?}");
            let e = first_error(d, "CREATE TABLE f (id int);\nCREATE TABLE g (a int, FOREIGN KEY (yy) REFERENCES f (id));");
            assert!(e.as_ref().is_some_and(|(l, _, m)| *l == 2 && m.contains("`yy`")), "{d:?}: {e:?}");
            let e = first_error(d, "CREATE TABLE f (id int);\nALTER TABLE f ADD UNIQUE (zz);");
            assert!(e.as_ref().is_some_and(|(l, _, m)| *l == 2 && m.contains("`zz`")), "{d:?}: {e:?}");
        }
        // Keys may come before their columns; expressions and prefixes are not column names.
        for (d, ok) in [
            (Dialect::Postgres, "CREATE TABLE t (PRIMARY KEY (id), id int, b text);\nCREATE INDEX i ON t (lower(b), id);"),
            (Dialect::Mysql, "CREATE TABLE t (id int NOT NULL, b text, PRIMARY KEY (id), KEY k (b(10)), KEY e ((id + 1)));"),
            (Dialect::Sqlite, "CREATE TABLE t (id integer PRIMARY KEY, b text, UNIQUE (b COLLATE nocase));"),
            (Dialect::Postgres, "CREATE TABLE p (id int PRIMARY KEY);\nCREATE TABLE c (x int, PRIMARY KEY (id)) INHERITS (p);"),
            (Dialect::Postgres, "CREATE TABLE p (id int, k int) PARTITION BY RANGE (k);\nCREATE TABLE c PARTITION OF p (PRIMARY KEY (id, k)) FOR VALUES FROM (1) TO (2);"),
        ] {
            assert_eq!(first_error(d, ok), None, "{d:?}: {ok}");
        }
    }
}

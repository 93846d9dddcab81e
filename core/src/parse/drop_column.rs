//! What `ALTER TABLE t DROP COLUMN c` does to the table's indexes and constraints, as each
//! engine does it (the model must hold what the engine holds after a migration history):
//! - PostgreSQL drops every index and table constraint involving the column: on it, in an index
//!   expression, `INCLUDE` or predicate, in a `CHECK` or an exclusion
//!   (<https://www.postgresql.org/docs/15/sql-altertable.html>: "Indexes and table constraints
//!   involving the column will be automatically dropped as well").
//! - MySQL removes the column from the indexes it is part of, and drops an index left with no
//!   column (<https://dev.mysql.com/doc/refman/8.0/en/alter-table.html>); a `CHECK` on another
//!   column, a functional key part or a foreign key using it make the statement fail (MySQL 8.0,
//!   and MariaDB 10.11: "Unknown column 'b' in 'CHECK'"); the column's own `CHECK` goes with it.
//! - SQLite refuses the statement when the column is indexed, in a key, a foreign key or a
//!   partial index's `WHERE` (<https://www.sqlite.org/lang_altertable.html#altertabdropcol>).
//!
//! A statement the engine refuses is an error at its place, never applied otherwise.

use super::cursor::{tokenize, Cursor, PResult};
use crate::model::{ConstraintKind, Table};
use crate::Dialect;
use sqlparser::tokenizer::Token;

/// Drop column `n` (present) of `table` with what goes with it, or the engine's refusal.
pub fn drop_column(c: &Cursor, table: &mut Table, n: &str) -> PResult<()> {
    let d = c.dialect;
    let own_check = |name: &Option<String>| name.as_ref().is_some_and(|k| table.column_checks.get(k).is_some_and(|col| col == n));
    let refusal = match d {
        Dialect::Postgres => None,
        Dialect::Mysql => table
            .constraints
            .iter()
            .find_map(|k| match &k.kind {
                ConstraintKind::Check { expr, .. } if !own_check(&k.name) && mentions(d, expr, n) => {
                    Some(format!("check constraint {} uses it", name_of(&k.name)))
                }
                ConstraintKind::ForeignKey { columns, .. } if columns.iter().any(|x| x == n) => {
                    Some(format!("foreign key {} uses it", name_of(&k.name)))
                }
                _ => None,
            })
            .or_else(|| {
                table
                    .indexes
                    .iter()
                    .find(|i| i.elems.iter().any(|e| e.is_expr && mentions(d, &e.expr, n)))
                    .map(|i| format!("the functional index {} uses it", i.name))
            }),
        Dialect::Sqlite => table
            .constraints
            .iter()
            .find_map(|k| k.kind.columns().iter().any(|x| x == n).then(|| format!("the {} {} uses it", k.kind.label(), name_of(&k.name))))
            .or_else(|| table.indexes.iter().find(|i| index_mentions(d, i, n)).map(|i| format!("the index {} uses it", i.name))),
    };
    if let Some(why) = refusal {
        let engines = if d == Dialect::Mysql { "MySQL and MariaDB refuse" } else { "SQLite refuses" };
        return c.err(format!("{engines} to drop column `{n}` of `{}`: {why} (drop or change that first)", table.name));
    }
    table.columns.retain(|k| k.name != n);
    if d == Dialect::Mysql {
        for k in &mut table.constraints {
            if let ConstraintKind::PrimaryKey { columns } | ConstraintKind::Unique { columns, .. } = &mut k.kind {
                columns.retain(|x| x != n);
            }
        }
        table.constraints.retain(
            |k| !matches!(&k.kind, ConstraintKind::PrimaryKey { columns } | ConstraintKind::Unique { columns, .. } if columns.is_empty()),
        );
        let checks: Vec<String> = table.column_checks.iter().filter(|(_, col)| col.as_str() == n).map(|(k, _)| k.clone()).collect();
        table.constraints.retain(|k| !k.name.as_ref().is_some_and(|name| checks.contains(name)));
        for i in &mut table.indexes {
            i.elems.retain(|e| e.is_expr || e.expr != n);
        }
        table.indexes.retain(|i| !i.elems.is_empty());
    } else {
        table.constraints.retain(|k| {
            !(k.kind.columns().iter().any(|x| x == n)
                || match &k.kind {
                    ConstraintKind::Check { expr, .. } => mentions(d, expr, n),
                    ConstraintKind::Exclude { definition } => mentions(d, definition, n),
                    _ => false,
                })
        });
        table.indexes.retain(|i| !index_mentions(d, i, n));
    }
    Ok(())
}

fn name_of(name: &Option<String>) -> String {
    name.as_ref().map_or_else(|| "(unnamed)".to_string(), |n| format!("`{n}`"))
}

/// Whether the index uses column `n`: as a key column, in an expression, `INCLUDE` or predicate.
fn index_mentions(d: Dialect, i: &crate::model::Index, n: &str) -> bool {
    i.elems.iter().any(|e| if e.is_expr { mentions(d, &e.expr, n) } else { e.expr == n })
        || i.include.iter().any(|x| x == n)
        || i.predicate.as_deref().is_some_and(|p| mentions(d, p, n))
}

/// Whether the normalized expression `text` names column `n`: a name (unquoted, folded as the
/// dialect folds column names; or quoted, exact) that is not a function's (followed by `(`).
/// An expression that does not tokenize counts as naming it.
pub fn mentions(d: Dialect, text: &str, n: &str) -> bool {
    let Ok((toks, _)) = tokenize(d, text, 1, 1) else { return true };
    toks.iter().enumerate().any(|(i, t)| match &t.t {
        Token::Word(w) => {
            let name = if w.quote_style.is_some() { w.value.clone() } else { super::names::fold(d, super::names::Kind::Local, w) };
            name == n && toks.get(i + 1).is_none_or(|next| next.t != Token::LParen)
        }
        _ => false,
    })
}

#[cfg(test)]
mod tests {
    use crate::model::QName;
    use crate::parse::parse;
    use crate::Dialect;

    fn table(d: Dialect, sql: &str) -> Result<crate::model::Table, String> {
        let p = parse(d, sql);
        if let Some(e) = p.diagnostics.iter().find(|x| x.is_error()) {
            return Err(e.message.clone());
        }
        let q = if d == Dialect::Postgres { QName::new("public", "t") } else { QName::new("", "t") };
        p.schema.tables.get(&q).cloned().or_else(|| p.schema.tables.values().next().cloned()).ok_or_else(|| "no table".into())
    }

    /// Checked on PostgreSQL 15: every index and constraint involving the column goes.
    #[test]
    fn postgres_drops_what_involves_the_column() {
        let t = table(
            Dialect::Postgres,
            "CREATE TABLE t (id int PRIMARY KEY, a int CHECK (a > 0), b int, c text, CONSTRAINT t_ab CHECK (a < b), UNIQUE (b, c),\n\
             EXCLUDE USING btree (c WITH =));\nCREATE INDEX t_c ON t (c);\nCREATE INDEX t_ac ON t (id) WHERE c IS NOT NULL;\n\
             CREATE INDEX t_e ON t ((lower(c)));\nCREATE INDEX t_i ON t (id) INCLUDE (c);\nCREATE INDEX t_keep ON t (id, a) WHERE b > 0;\n\
             CREATE INDEX t_fn ON t (c(id));\nALTER TABLE t DROP COLUMN c;\nALTER TABLE t DROP COLUMN a;",
        )
        .unwrap();
        let names: Vec<&str> = t.constraints.iter().filter_map(|k| k.name.as_deref()).collect();
        assert_eq!(names, ["t_pkey"]);
        let idx: Vec<&str> = t.indexes.iter().map(|i| i.name.as_str()).collect();
        // `c(id)` calls a function `c`: not the column.
        assert_eq!(idx, ["t_fn"], "{idx:?}");
    }

    /// Checked on MariaDB 10.11: the column leaves a multi-column index; a check on another
    /// column using it is refused; the column's own check goes with it.
    #[test]
    fn mysql_shrinks_indexes_and_refuses_what_still_needs_the_column() {
        let t = table(
            Dialect::Mysql,
            "CREATE TABLE t (id int PRIMARY KEY, a int, b int CHECK (b > 0), KEY k_ab (a, b), KEY k_b (b));\nALTER TABLE t DROP COLUMN b;",
        )
        .unwrap();
        let idx: Vec<(String, Vec<String>)> =
            t.indexes.iter().map(|i| (i.name.clone(), i.columns().map(str::to_string).collect())).collect();
        assert_eq!(idx, [("k_ab".to_string(), vec!["a".to_string()])]);
        assert!(t.constraints.iter().all(|k| !matches!(k.kind, crate::model::ConstraintKind::Check { .. })), "{:?}", t.constraints);
        let e = table(
            Dialect::Mysql,
            "CREATE TABLE t (id int PRIMARY KEY, a int, b int, CONSTRAINT ck CHECK (a < b));\nALTER TABLE t DROP COLUMN b;",
        )
        .unwrap_err();
        assert!(e.contains("check constraint `ck` uses it"), "{e}");
        let e = table(Dialect::Mysql, "CREATE TABLE t (id int PRIMARY KEY, b int, KEY f ((b + 1)));\nALTER TABLE t DROP COLUMN b;")
            .unwrap_err();
        assert!(e.contains("functional index f"), "{e}");
    }

    /// SQLite refuses to drop an indexed or key column; a column's check goes with it.
    #[test]
    fn sqlite_refuses_indexed_columns() {
        let e = table(
            Dialect::Sqlite,
            "CREATE TABLE t (id integer PRIMARY KEY, b int);\nCREATE INDEX t_b ON t (b);\nALTER TABLE t DROP COLUMN b;",
        )
        .unwrap_err();
        assert!(e.contains("the index t_b uses it"), "{e}");
        let t =
            table(Dialect::Sqlite, "CREATE TABLE t (id integer PRIMARY KEY, b int CHECK (b > 0), c int);\nALTER TABLE t DROP COLUMN b;")
                .unwrap();
        assert!(t.constraints.iter().all(|k| !matches!(k.kind, crate::model::ConstraintKind::Check { .. })));
    }

    #[test]
    fn a_function_of_the_same_name_is_not_the_column() {
        assert!(super::mentions(Dialect::Postgres, "lower(c) > 1", "c"));
        assert!(!super::mentions(Dialect::Postgres, "c(1) > 1", "c"));
        assert!(!super::mentions(Dialect::Postgres, "'c' = x", "c"));
        assert!(super::mentions(Dialect::Postgres, "\"C\" > 1", "C"));
        assert!(!super::mentions(Dialect::Postgres, "\"C\" > 1", "c"));
    }
}

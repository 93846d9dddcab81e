//! Data the diff implies must move between tables: columns that leave a table and appear, with
//! the same names and compatible types, in a new table that references it by a foreign key
//! (a split: `users(id, street, city)` → `users(id)` + `addresses(id, user_id → users, street,
//! city)`), or the reverse, columns of a dropped child table that appear in its parent (a
//! merge). The migration then copies the data across instead of dropping it.
//!
//! Conservative and deterministic: single-column foreign key to a column both sides of the
//! parent keep with the same type; a column moves only when no other table could also be its
//! destination; a split needs every NOT NULL column of the new table without a default to be
//! filled by the move; tables are visited in name order. A dropped table whose rows fit a new
//! table (`table_copies`) is a copy, under stricter conditions.

use super::pairs::Pair;
use crate::model::{Column, ConstraintKind, QName, Schema, Table};
use crate::plan::preserve::is_narrowing;
use crate::Dialect;
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MoveKind {
    /// Columns go from the parent into a new child table.
    Split,
    /// Columns come from a dropped child table into its parent.
    Merge,
    /// The rows of a dropped table go into a new table holding its columns (a table replaced
    /// by one or more reshaped copies: `addresses` → `shipping_addresses` + `billing_addresses`).
    /// `parent` is the table the rows come from, `child` the new one; `child_key` is the new
    /// table's primary key when every column of it comes from the old table (then the copy skips
    /// rows already there), else empty; `parent_key` and `fk_column` are empty.
    Copy,
}

/// One data move, in the direction of the migration it belongs to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct DataMove {
    pub kind: MoveKind,
    /// The table both sides keep (`users`).
    pub parent: QName,
    /// The parent's column the foreign key references.
    pub parent_key: String,
    /// The table created (split) or dropped (merge).
    pub child: QName,
    /// The child's primary key (picks one child row per parent, in a merge).
    pub child_key: Vec<String>,
    /// The child's column that references the parent.
    pub fk_column: String,
    /// The columns that move (same name on both tables).
    pub columns: Vec<String>,
    /// The rows that move (a copy): a SQL condition over the source table, from the user's
    /// answer (`-- schemashift:copy-from t where ...`, `--copy`); `None`: every row.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub filter: Option<String>,
    /// Destination columns filled with a constant (column, SQL literal): a copy reversed by down
    /// gives back the values its filter's equalities selected (`kind = 'billing'`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub constants: Vec<(String, String)>,
}

/// The data moves that turning `from` into `to` implies.
pub fn data_moves(from: &Schema, to: &Schema, d: Dialect) -> Vec<DataMove> {
    // The tables of one side only, found walking both side by side (no lookup per table).
    let (mut added, mut dropped) = (Vec::new(), Vec::new());
    for pair in super::pairs::pairs(&from.tables, &to.tables) {
        match pair {
            Pair::To(name, t) => added.push((name, t)),
            Pair::From(name, t) => dropped.push((name, t)),
            Pair::Both(..) => {}
        }
    }
    let mut candidates = Vec::new();
    for (_, child) in &added {
        candidates.extend(candidate(child, from, to, MoveKind::Split, d));
    }
    for (_, child) in &dropped {
        candidates.extend(candidate(child, to, from, MoveKind::Merge, d));
    }
    candidates.extend(table_copies(from, &added, &dropped, d));
    // A column with two possible destinations (or sources) moves nowhere.
    let mut seen: BTreeMap<(QName, String), usize> = BTreeMap::new();
    for m in candidates.iter().filter(|m| m.kind != MoveKind::Copy) {
        for c in &m.columns {
            *seen.entry((m.parent.clone(), c.clone())).or_default() += 1;
        }
    }
    candidates
        .into_iter()
        .filter_map(|mut m| {
            if m.kind == MoveKind::Copy {
                return Some(m);
            }
            m.columns.retain(|c| seen.get(&(m.parent.clone(), c.clone())) == Some(&1));
            (!m.columns.is_empty()).then_some(m)
        })
        .collect()
}

/// `child` exists on one side only; `with` is the side where the parent holds the columns,
/// `without` the side where it does not (and where `child` exists).
fn candidate(child: &Table, with: &Schema, without: &Schema, kind: MoveKind, d: Dialect) -> Option<DataMove> {
    for fk in child.foreign_keys() {
        let ConstraintKind::ForeignKey { columns, ref_table, ref_columns, .. } = &fk.kind else { continue };
        let ([fk_column], Some(p_with), Some(p_without)) = (columns.as_slice(), with.tables.get(ref_table), without.tables.get(ref_table))
        else {
            continue;
        };
        let parent_key = match ref_columns.as_slice() {
            [k] => k.clone(),
            [] => match p_with.primary_key_columns() {
                [k] => k.clone(),
                _ => continue,
            },
            _ => continue,
        };
        let (Some(k1), Some(k2)) = (p_with.column(&parent_key), p_without.column(&parent_key)) else { continue };
        if k1.data_type != k2.data_type {
            continue;
        }
        let moved: Vec<String> = child
            .columns
            .iter()
            .filter(|c| c.name != *fk_column && c.generated.is_none())
            .filter(|c| p_without.column(&c.name).is_none())
            .filter(|c| p_with.column(&c.name).is_some_and(|pc| pc.generated.is_none() && compatible(d, kind, pc, c)))
            .map(|c| c.name.clone())
            .collect();
        if moved.is_empty() {
            continue;
        }
        let fills = |c: &Column| fills(c, child, d);
        match kind {
            MoveKind::Split => {
                if child.columns.iter().any(|c| !fills(c) && c.name != *fk_column && !moved.contains(&c.name)) {
                    continue;
                }
            }
            MoveKind::Merge | MoveKind::Copy => {
                // SQLite adds a NOT NULL column without default by a rebuild: not filled here.
                if d == Dialect::Sqlite && moved.iter().any(|m| p_with.column(m).is_some_and(|c| !c.nullable && c.default.is_none())) {
                    continue;
                }
            }
        }
        return Some(DataMove {
            kind,
            parent: ref_table.clone(),
            parent_key,
            child: child.name.clone(),
            child_key: child.primary_key_columns().to_vec(),
            fk_column: fk_column.clone(),
            columns: moved,
            filter: None,
            constants: Vec::new(),
        });
    }
    None
}

/// Dropped tables whose rows a new table can hold: every column the new table cannot fill by
/// itself comes from the old one (same name, no narrowing), at least two columns are shared,
/// and so is the old table's primary key. One old table may feed several new ones (each gets
/// every row); a new table fed by several old ones is skipped (their keys would collide). A new
/// table that reuses an index or constraint name of the old one (PostgreSQL and SQLite name
/// them per schema) is skipped too: it is created before the old one is dropped; and so is one
/// with a foreign key to a table created by the same migration (no parent rows yet).
///
/// `added`, `dropped`: the tables of `to` only and of `from` only, in name order.
fn table_copies(from: &Schema, added: &[(&QName, &Table)], dropped: &[(&QName, &Table)], d: Dialect) -> Vec<DataMove> {
    let mut out: Vec<DataMove> = Vec::new();
    // Per new table, its sources among the dropped tables; several (fan-in) is not a copy, so
    // the search stops at the second. A table whose foreign key points at a table created now
    // is no destination (its copies would find no parent rows): looked at once, not per pair.
    for &(new_name, new) in added {
        let refs_new = new
            .foreign_keys()
            .any(|fk| matches!(&fk.kind, ConstraintKind::ForeignKey { ref_table, .. } if !from.tables.contains_key(ref_table)));
        if refs_new {
            continue;
        }
        let mut sources: Vec<DataMove> = Vec::new();
        for &(old_name, old) in dropped {
            let shared: Vec<String> = new
                .columns
                .iter()
                .filter(|c| c.generated.is_none())
                .filter(|c| old.column(&c.name).is_some_and(|o| o.generated.is_none() && !is_narrowing(d, &o.data_type, &c.data_type)))
                .map(|c| c.name.clone())
                .collect();
            let complete = new.columns.iter().all(|c| shared.contains(&c.name) || fills(c, new, d));
            let old_pk = old.primary_key_columns();
            let keeps_key = !old_pk.is_empty() && old_pk.iter().all(|k| shared.contains(k));
            if shared.len() < 2 || !complete || !keeps_key || (d != Dialect::Mysql && reuses_names(old, new)) {
                continue;
            }
            let new_pk = new.primary_key_columns();
            let child_key = if !new_pk.is_empty() && new_pk.iter().all(|k| shared.contains(k)) { new_pk.to_vec() } else { Vec::new() };
            sources.push(DataMove {
                kind: MoveKind::Copy,
                parent: old_name.clone(),
                parent_key: String::new(),
                child: new_name.clone(),
                child_key,
                fk_column: String::new(),
                columns: shared,
                filter: None,
                constants: Vec::new(),
            });
            if sources.len() > 1 {
                break;
            }
        }
        if sources.len() == 1 {
            out.append(&mut sources);
        }
    }
    // In (source, destination) order.
    out.sort_by(|a, b| (&a.parent, &a.child).cmp(&(&b.parent, &b.child)));
    out
}

fn reuses_names(old: &Table, new: &Table) -> bool {
    let names = |t: &Table| -> Vec<String> {
        let mut v: Vec<String> = t.constraints.iter().filter_map(|c| c.name.clone()).collect();
        v.extend(t.indexes.iter().map(|i| i.name.clone()));
        v
    };
    let old_names = names(old);
    names(new).iter().any(|n| old_names.contains(n))
}

/// The values fit where they go: the column's type does not narrow on the way.
fn compatible(d: Dialect, kind: MoveKind, parent_col: &Column, child_col: &Column) -> bool {
    match kind {
        MoveKind::Split | MoveKind::Copy => !is_narrowing(d, &parent_col.data_type, &child_col.data_type),
        MoveKind::Merge => !is_narrowing(d, &child_col.data_type, &parent_col.data_type),
    }
}

/// Whether column `c` of `table` takes a value of its own when a move leaves it out: NULL, a
/// default, a generated or sequence value, SQLite's rowid for an `INTEGER PRIMARY KEY`. A
/// primary key column takes no NULL, even where SQLite would store one (`id int PRIMARY KEY`).
fn fills(c: &Column, table: &Table, d: Dialect) -> bool {
    let pk = table.primary_key_columns();
    (c.nullable && !pk.contains(&c.name))
        || c.default.is_some()
        || c.identity.is_some()
        || c.serial
        || c.auto_increment
        || c.generated.is_some()
        || (d == Dialect::Sqlite && pk == [c.name.clone()] && c.data_type.base.eq_ignore_ascii_case("integer"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn schema(sql: &str) -> Schema {
        crate::parse::parse(Dialect::Postgres, sql).schema
    }

    const BEFORE: &str = "CREATE TABLE users (id int PRIMARY KEY, street text, city varchar(50));";
    const AFTER: &str = "CREATE TABLE users (id int PRIMARY KEY);\n\
        CREATE TABLE addresses (id serial PRIMARY KEY, user_id int NOT NULL REFERENCES users (id), street text, city varchar(80));";

    #[test]
    fn a_split_and_its_reverse_merge_are_found() {
        let (b, a) = (schema(BEFORE), schema(AFTER));
        let up = data_moves(&b, &a, Dialect::Postgres);
        assert_eq!(up.len(), 1);
        assert_eq!(up[0].kind, MoveKind::Split);
        assert_eq!(up[0].columns, ["street", "city"]);
        assert_eq!(up[0].fk_column, "user_id");
        assert_eq!(up[0].parent_key, "id");
        let down = data_moves(&a, &b, Dialect::Postgres);
        assert_eq!(down.len(), 1);
        assert_eq!(down[0].kind, MoveKind::Merge);
        // varchar(80) → varchar(50) narrows: only street comes back by the move.
        assert_eq!(down[0].columns, ["street"]);
    }

    #[test]
    fn a_dropped_table_copied_into_two_new_ones_but_not_back() {
        let before = schema(
            "CREATE TABLE customers (id int PRIMARY KEY);\n\
             CREATE TABLE addresses (id int PRIMARY KEY, customer_id int NOT NULL REFERENCES customers (id), line1 text NOT NULL, city text);",
        );
        let after = schema(
            "CREATE TABLE customers (id int PRIMARY KEY);\n\
             CREATE TABLE shipping_addresses (id int PRIMARY KEY, customer_id int NOT NULL REFERENCES customers (id), line1 text NOT NULL, city text, notes text);\n\
             CREATE TABLE billing_addresses (id int PRIMARY KEY, customer_id int NOT NULL UNIQUE REFERENCES customers (id), line1 text NOT NULL, city text, vat text NOT NULL DEFAULT '');",
        );
        let up = data_moves(&before, &after, Dialect::Postgres);
        let copies: Vec<&str> = up.iter().filter(|m| m.kind == MoveKind::Copy).map(|m| m.child.name.as_str()).collect();
        assert_eq!(copies, ["billing_addresses", "shipping_addresses"]);
        assert_eq!(up[0].columns, ["id", "customer_id", "line1", "city"]);
        assert_eq!(up[0].child_key, ["id"]);
        // Back: two sources for one table.
        assert!(data_moves(&after, &before, Dialect::Postgres).iter().all(|m| m.kind != MoveKind::Copy));
        // A required column the old table does not have: no copy.
        let strict =
            schema("CREATE TABLE customers (id int PRIMARY KEY); CREATE TABLE a2 (id int PRIMARY KEY, line1 text, kind text NOT NULL);");
        assert!(data_moves(&before, &strict, Dialect::Postgres).iter().all(|m| m.kind != MoveKind::Copy));
    }

    #[test]
    fn nothing_moves_without_a_link_or_with_two_destinations() {
        let unlinked = schema("CREATE TABLE users (id int PRIMARY KEY); CREATE TABLE addresses (id int PRIMARY KEY, street text);");
        assert!(data_moves(&schema(BEFORE), &unlinked, Dialect::Postgres).is_empty());
        let two = schema(
            "CREATE TABLE users (id int PRIMARY KEY);\n\
             CREATE TABLE a1 (user_id int REFERENCES users (id), street text);\n\
             CREATE TABLE a2 (user_id int REFERENCES users (id), street text);",
        );
        assert!(data_moves(&schema(BEFORE), &two, Dialect::Postgres).is_empty());
        // A NOT NULL column of the new table that nothing fills: no move.
        let required = schema("CREATE TABLE users (id int PRIMARY KEY); CREATE TABLE addresses (user_id int REFERENCES users (id), street text, kind text NOT NULL);");
        assert!(data_moves(&schema(BEFORE), &required, Dialect::Postgres).is_empty());
    }
}

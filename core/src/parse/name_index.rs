//! The constraint and index names in use per PostgreSQL namespace, so that choosing an
//! implicit name (`t_pkey`, `t_a_key`, `t_a_idx`...) costs a lookup instead of a scan of every
//! table: a hand-written file of 10 000 tables was quadratic.
//!
//! PostgreSQL picks a name not used by any relation (table, index, sequence, view) of the
//! namespace nor by any constraint there. Tables, sequences and views are keyed maps of the
//! schema already; this index adds the names of the tables' indexes and constraints, with the
//! tables that own them. It is kept up to date by the readers that add names (CREATE TABLE,
//! CREATE INDEX, ALTER TABLE, ALTER INDEX ... RENAME: they call `note_table`/`note` and set
//! `kept`), and dropped after any other statement that changed the schema; the next request
//! rebuilds it. Every statement of a migration history (thousands of ALTER TABLEs) so costs
//! the size of the tables it touches, not of the schema. It may still list a
//! name no longer in use (a table replaced by a later definition): every hit is checked
//! against the schema, so the answers are exact. A hash map: only looked up, never iterated
//! (nothing of its order reaches the output).

use super::token_cache::TextHash;
use crate::model::{QName, Schema, Table};
use std::collections::HashMap;

/// Namespace → index or constraint name → the names of the tables that own it. (Keyed by
/// strings, not `QName`: a name already known is found without making a key; hashed with the
/// token cache's `TextHasher`, not SipHash: every ALTER notes its table's names again.)
type Owners = HashMap<String, Names, TextHash>;

type Names = HashMap<String, Vec<String>, TextHash>;

/// Index and constraint names per namespace, with their owning tables' names.
#[derive(Clone, Debug, Default)]
pub struct NameIndex {
    owners: Option<Owners>,
    /// Set by a reader that kept the index up to date during the current statement.
    pub kept: bool,
    /// MySQL 8 names an unnamed CHECK `<table>_chk_<n>` (`Target::numbered_check_names`).
    pub numbered_checks: bool,
}

impl NameIndex {
    pub fn new(numbered_checks: bool) -> NameIndex {
        NameIndex { numbered_checks, ..NameIndex::default() }
    }

    /// Forget the index (the schema changed in a way it did not follow).
    pub fn invalidate(&mut self) {
        self.owners = None;
    }

    /// Record the names of a table entering the schema.
    pub fn note_table(&mut self, table: &Table) {
        if let Some(map) = &mut self.owners {
            add_table(map, table);
        }
    }

    /// Record one index or constraint name added to `table`.
    pub fn note(&mut self, table: &QName, name: &str) {
        if let Some(map) = &mut self.owners {
            add(map, table, name);
        }
    }

    /// Is `name` used in namespace `ns` by a table, sequence or view of `schema`, or by an
    /// index or constraint of one of its tables? The table named `exclude` does not count (the
    /// table being defined or altered, whose own names the caller checks).
    pub fn pg_taken(&mut self, schema: &Schema, ns: &str, name: &str, exclude: Option<&str>) -> bool {
        let key = QName::new(ns, name);
        if exclude != Some(name) && schema.tables.contains_key(&key) {
            return true;
        }
        if schema.sequences.contains_key(&key) || schema.views.contains_key(&key) {
            return true;
        }
        let map = self.owners.get_or_insert_with(|| build(schema));
        let Some(owners) = map.get(ns).and_then(|m| m.get(name)) else { return false };
        owners.iter().filter(|o| exclude != Some(o.as_str())).any(|o| {
            schema
                .tables
                .get(&QName::new(ns, o.as_str()))
                .is_some_and(|t| t.indexes.iter().any(|i| i.name == name) || t.constraint(name).is_some())
        })
    }
}

impl NameIndex {
    /// The table of `schema` that has an index or constraint named `name.name` in namespace
    /// `name.schema` (the first in name order when several do, as a scan in name order finds).
    pub fn owner_of(&mut self, schema: &Schema, name: &QName) -> Option<QName> {
        let map = self.owners.get_or_insert_with(|| build(schema));
        let mut owners: Vec<QName> = map
            .get(name.schema.as_str())?
            .get(name.name.as_str())?
            .iter()
            .map(|o| QName::new(name.schema.as_str(), o.as_str()))
            .filter(|q| {
                schema.tables.get(q).is_some_and(|t| t.indexes.iter().any(|i| i.name == name.name) || t.constraint(&name.name).is_some())
            })
            .collect();
        owners.sort();
        owners.into_iter().next()
    }
}

fn build(schema: &Schema) -> Owners {
    let mut map = Owners::default();
    for t in schema.tables.values() {
        add_table(&mut map, t);
    }
    map
}

fn add_table(map: &mut Owners, t: &Table) {
    for i in &t.indexes {
        add(map, &t.name, &i.name);
    }
    for n in t.constraints.iter().filter_map(|c| c.name.as_deref()) {
        add(map, &t.name, n);
    }
}

fn add(map: &mut Owners, table: &QName, name: &str) {
    // One look-up per level for a name already known (an ALTER notes all its table's names
    // again), a key made only for a new one.
    match map.get_mut(table.schema.as_str()) {
        Some(names) => add_owner(names, &table.name, name),
        None => {
            let mut names = Names::default();
            add_owner(&mut names, &table.name, name);
            map.insert(table.schema.clone(), names);
        }
    }
}

fn add_owner(names: &mut Names, table: &str, name: &str) {
    match names.get_mut(name) {
        Some(owners) if owners.iter().any(|o| o == table) => {}
        Some(owners) => owners.push(table.to_string()),
        None => {
            names.insert(name.to_string(), vec![table.to_string()]);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Constraint, ConstraintKind, Deferrable};
    use crate::Dialect;

    fn table(name: &str, constraint: &str) -> Table {
        let mut t = Table::new(QName::new("public", name));
        t.constraints.push(Constraint {
            name: Some(constraint.into()),
            kind: ConstraintKind::PrimaryKey { columns: vec!["id".into()] },
            deferrable: Deferrable::NotDeferrable,
            not_valid: false,
            index: Default::default(),
            not_enforced: false,
            on_conflict: None,
        });
        t
    }

    #[test]
    fn names_of_other_tables_are_taken_and_stale_ones_are_not() {
        let mut s = Schema::new(Dialect::Postgres);
        let a = table("a", "a_pkey");
        s.tables.insert(a.name.clone(), a);
        let mut ix = NameIndex::default();
        assert!(ix.pg_taken(&s, "public", "a_pkey", Some("b")));
        assert!(!ix.pg_taken(&s, "public", "a_pkey", Some("a")), "the excluded table's names are the caller's");
        assert!(ix.pg_taken(&s, "public", "a", Some("b")), "a table name is a relation name");
        assert!(!ix.pg_taken(&s, "other", "a_pkey", None), "names are per namespace");
        // Replace table `a` by one without the constraint: the stale entry is not a hit.
        let mut bare = table("a", "x");
        bare.constraints.clear();
        s.tables.insert(bare.name.clone(), bare);
        assert!(!ix.pg_taken(&s, "public", "a_pkey", None));
        // Names noted after the build are found.
        let b = table("b", "b_pkey");
        ix.note_table(&b);
        s.tables.insert(b.name.clone(), b);
        assert!(ix.pg_taken(&s, "public", "b_pkey", None));
    }
}

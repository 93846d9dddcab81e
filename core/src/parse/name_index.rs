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

use super::token_cache::{TextHash, TextHasher};
use crate::model::{QName, Schema, Table};
use std::collections::HashMap;
use std::hash::Hasher;

/// Index and constraint names per namespace, with their owning tables' names.
#[derive(Clone, Debug, Default)]
pub struct NameIndex {
    owners: Option<Owners>,
    /// Set by a reader that kept the index up to date during the current statement.
    pub kept: bool,
    /// MySQL 8 names an unnamed CHECK `<table>_chk_<n>` (`Target::numbered_check_names`).
    pub numbered_checks: bool,
}

/// (Namespace, index or constraint name) → the names of the tables that own it, in three
/// allocations whatever its size: the texts end to end in one string, the entries in one vector
/// (those of one key chained), a hash map from the key's hash to its last entry. (A map of
/// strings to vectors of strings was three allocations a name, interleaved with the schema's
/// own, and freed one by one at the end of every parse.) Hashed with the token cache's
/// `TextHasher`, not SipHash: every ALTER notes its table's names again.
#[derive(Clone, Debug, Default)]
struct Owners {
    text: String,
    entries: Vec<Entry>,
    /// Hash of (namespace, name) → the last entry of that hash.
    last: HashMap<u64, usize, TextHash>,
}

/// One owner of a (namespace, name): byte ranges of `Owners::text`.
#[derive(Clone, Debug)]
struct Entry {
    ns: (usize, usize),
    name: (usize, usize),
    owner: (usize, usize),
    /// The previous entry of the same hash (`NONE`: none).
    prev: usize,
}

const NONE: usize = usize::MAX;

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
            map.add(&table.schema, name, &table.name);
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
        map.owners(ns, name).filter(|o| exclude != Some(*o)).any(|o| {
            schema.tables.get(&QName::new(ns, o)).is_some_and(|t| t.indexes.iter().any(|i| i.name == name) || t.constraint(name).is_some())
        })
    }
}

impl NameIndex {
    /// The table of `schema` that has an index or constraint named `name.name` in namespace
    /// `name.schema` (the first in name order when several do, as a scan in name order finds).
    pub fn owner_of(&mut self, schema: &Schema, name: &QName) -> Option<QName> {
        let map = self.owners.get_or_insert_with(|| build(schema));
        let mut owners: Vec<QName> = map
            .owners(&name.schema, &name.name)
            .map(|o| QName::new(name.schema.as_str(), o))
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
        map.add(&t.name.schema, &i.name, &t.name.name);
    }
    for n in t.constraints.iter().filter_map(|c| c.name.as_deref()) {
        map.add(&t.name.schema, n, &t.name.name);
    }
}

fn hash(ns: &str, name: &str) -> u64 {
    let mut h = TextHasher::default();
    h.write(ns.as_bytes());
    h.write_u8(0xff);
    h.write(name.as_bytes());
    h.finish()
}

impl Owners {
    fn text(&self, (from, to): (usize, usize)) -> &str {
        self.text.get(from..to).unwrap_or("")
    }

    /// The entries of the hash of (`ns`, `name`), last first.
    fn chain(&self, h: u64) -> impl Iterator<Item = &Entry> {
        let mut at = self.last.get(&h).copied().unwrap_or(NONE);
        std::iter::from_fn(move || {
            let e = self.entries.get(at)?;
            at = e.prev;
            Some(e)
        })
    }

    /// The tables owning `name` in `ns` (each once).
    fn owners<'a>(&'a self, ns: &'a str, name: &'a str) -> impl Iterator<Item = &'a str> {
        self.owners_at(hash(ns, name), ns, name)
    }

    /// `owners`, `h` being the hash of (`ns`, `name`).
    fn owners_at<'a>(&'a self, h: u64, ns: &'a str, name: &'a str) -> impl Iterator<Item = &'a str> {
        self.chain(h).filter(move |e| self.text(e.ns) == ns && self.text(e.name) == name).map(|e| self.text(e.owner))
    }

    /// Note `owner` as an owner of `name` in `ns`.
    fn add(&mut self, ns: &str, name: &str, owner: &str) {
        self.add_at(hash(ns, name), ns, name, owner);
    }

    /// `add`, `h` being the hash of (`ns`, `name`).
    fn add_at(&mut self, h: u64, ns: &str, name: &str, owner: &str) {
        if self.chain(h).any(|e| self.text(e.ns) == ns && self.text(e.name) == name && self.text(e.owner) == owner) {
            return;
        }
        let prev = self.last.get(&h).copied().unwrap_or(NONE);
        let (ns, name, owner) = (self.push(ns), self.push(name), self.push(owner));
        self.last.insert(h, self.entries.len());
        self.entries.push(Entry { ns, name, owner, prev });
    }

    /// Append `s` to the text; its range.
    fn push(&mut self, s: &str) -> (usize, usize) {
        let from = self.text.len();
        self.text.push_str(s);
        (from, self.text.len())
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

    /// Keys whose hashes collide share a chain: each finds only its own owners, once each.
    #[test]
    fn colliding_keys_keep_their_own_owners() {
        let mut o = Owners::default();
        for (ns, name, owner) in [("public", "a_pkey", "a"), ("public", "b_pkey", "b"), ("other", "a_pkey", "c"), ("public", "a_pkey", "d")]
        {
            o.add_at(7, ns, name, owner);
            o.add_at(7, ns, name, owner);
        }
        let owners = |ns, name| o.owners_at(7, ns, name).collect::<Vec<_>>();
        assert_eq!(owners("public", "a_pkey"), ["d", "a"]);
        assert_eq!(owners("public", "b_pkey"), ["b"]);
        assert_eq!(owners("other", "a_pkey"), ["c"]);
        assert!(owners("other", "b_pkey").is_empty());
        assert_eq!(o.entries.len(), 4, "an owner noted twice is one entry");
        o.add("public", "x", "t");
        assert_eq!(o.owners("public", "x").collect::<Vec<_>>(), ["t"]);
        assert!(o.owners("public", "a_pkey").next().is_none(), "another hash, another chain");
    }
}

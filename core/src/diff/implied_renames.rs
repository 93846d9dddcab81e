//! Names that follow a rename. PostgreSQL names an unnamed constraint, index or serial sequence
//! after its table and columns (`customers_pkey`, `customers_email_key`, `customers_org_id_fkey`,
//! `customers_email_idx`, `customers_id_seq`). Renaming the table or a column keeps those names,
//! while AFTER, read fresh, has them under the new names (`clients_pkey`...). Compared as they
//! are, they would be dropped and built again (a primary key: a full unique-index build under
//! ACCESS EXCLUSIVE; a serial's sequence: a new one that starts at 1). They are renamed instead,
//! which is instant: `ALTER TABLE ... RENAME CONSTRAINT`, `ALTER INDEX ... RENAME TO`,
//! `ALTER SEQUENCE ... RENAME TO`.
//!
//! MySQL/MariaDB name an unnamed key or index after its first column (`email`, `email_2`): a
//! renamed column's keys are renamed (`RENAME INDEX`). Their foreign keys named `<table>_ibfk_<n>`
//! are renamed by `RENAME TABLE` itself (MySQL 8, MariaDB 10.11): that rename is applied to the
//! model without a statement (`Renames.by_engine`). SQLite keeps no implicit names.
//!
//! A name is renamed when BEFORE's object and AFTER's have the same definition (after the
//! table and column renames), neither name is used on the other side, and AFTER's name is
//! BEFORE's with the old table and column names replaced by the new ones.

use super::renames::{apply, Rename, Renames};
use crate::model::{ConstraintKind, QName, RenameKind, Schema, Sequence, Table};
use crate::Dialect;
use std::collections::{BTreeMap, BTreeSet};

/// Add the renames of the implicit names that follow the table and column renames in `r`.
pub(super) fn add(r: &mut Renames, before: &Schema, after: &Schema) {
    if before.dialect == Dialect::Sqlite || r.entries.is_empty() {
        return;
    }
    let mysql = before.dialect == Dialect::Mysql;
    let renamed = apply(before, r, after);
    let taken = Taken::of(before);
    // Each table's owned sequences, in name order (the order a scan of `before.sequences` meets them).
    let mut owned: BTreeMap<&QName, Vec<&Sequence>> = BTreeMap::new();
    for seq in before.sequences.values() {
        if let Some((t, _)) = &seq.owned_by {
            owned.entry(t).or_default().push(seq);
        }
    }
    let mut columns_of: BTreeMap<&QName, Vec<(String, String)>> = BTreeMap::new();
    for e in r.within(RenameKind::Column) {
        columns_of.entry(&e.table_to).or_default().push((e.from.clone(), e.to.clone()));
    }
    let mut found = Vec::new();
    let mut sequences = Vec::new();
    let mut moved_sequences = Vec::new();
    let mut by_engine = Vec::new();
    for (name, at) in &after.tables {
        let old_table = r.table_from(name);
        let columns: &[(String, String)] = columns_of.get(name).map_or(&[], Vec::as_slice);
        if old_table == *name && columns.is_empty() {
            continue;
        }
        let (Some(bt), Some(rt)) = (before.tables.get(&old_table), renamed.tables.get(name)) else { continue };
        let follow = |n: &str| if mysql { follows_first_column(n, columns) } else { follows(n, &old_table.name, &name.name, columns) };
        for c in &rt.constraints {
            let Some(old) = c.name.as_deref() else { continue };
            if mysql && !matches!(c.kind, ConstraintKind::Unique { .. }) {
                continue;
            }
            let Some(new) = follow(old) else { continue };
            let same = at.constraint(&new).is_some_and(|n| n.kind == c.kind && n.deferrable == c.deferrable);
            if same && at.constraint(old).is_none() && bt.constraint(&new).is_none() && !taken.has(name, &new) {
                found.push(entry(RenameKind::Constraint, &old_table, name, old, &new));
            }
        }
        for i in &rt.indexes {
            let Some(new) = follow(&i.name) else { continue };
            let same = at.index(&new).is_some_and(|n| crate::model::Index { name: new.clone(), ..i.clone() } == *n);
            if same && at.index(&i.name).is_none() && bt.index(&new).is_none() && !taken.has(name, &new) {
                found.push(entry(RenameKind::Index, &old_table, name, &i.name, &new));
            }
        }
        if !mysql {
            let owned = owned.get(&bt.name).map_or(&[][..], Vec::as_slice);
            // PostgreSQL moves the sequences the table's columns own into its new schema.
            let moves_schema = old_table.schema != name.schema;
            if moves_schema {
                moved_sequences.extend(owned.iter().map(|s| (s.name.clone(), QName::new(name.schema.clone(), s.name.name.clone()))));
            }
            let now = |q: &QName| if moves_schema { QName::new(name.schema.clone(), q.name.clone()) } else { q.clone() };
            sequences.extend(serial_sequences(before, owned, at, &renamed, name, &follow, &now));
        } else if old_table != *name {
            let prefix = format!("{}_ibfk_", old_table.name.to_lowercase());
            for c in rt.constraints.iter().filter(|c| matches!(c.kind, ConstraintKind::ForeignKey { .. })) {
                let Some(rest) = c.name.as_deref().and_then(|n| n.to_lowercase().strip_prefix(&prefix).map(str::to_string)) else {
                    continue;
                };
                let new = format!("{}_ibfk_{rest}", name.name.to_lowercase());
                if let Some(old) = &c.name {
                    by_engine.push(entry(RenameKind::Constraint, &old_table, name, old, &new));
                }
            }
        }
    }
    let mut known: BTreeSet<(u8, QName, String, String)> =
        r.entries.iter().map(|e| (e.kind as u8, e.table_to.clone(), e.from.clone(), e.to.clone())).collect();
    for e in found {
        // (`table_from` follows from `table_to`: the key names the entry.)
        if known.insert((e.kind as u8, e.table_to.clone(), e.from.clone(), e.to.clone())) {
            r.entries.push(e);
        }
    }
    r.sequences.extend(sequences);
    r.sequences_by_engine.extend(moved_sequences);
    if before.dialect == Dialect::Postgres {
        by_engine.extend(down_the_tree(r, before, after));
    }
    r.by_engine.extend(by_engine);
}

/// PostgreSQL renames a column of a partitioned or inheritance parent in every partition and
/// child, down the tree (`ALTER TABLE ... RENAME COLUMN` recurses: a partition's column cannot be
/// renamed on its own): renames the engine makes, never emitted.
fn down_the_tree(r: &Renames, before: &Schema, after: &Schema) -> Vec<Rename> {
    let mut children: BTreeMap<&QName, Vec<&Table>> = BTreeMap::new();
    for t in before.tables.values() {
        for parent in t.options.partition_of.iter().map(|p| &p.parent).chain(&t.options.inherits) {
            children.entry(parent).or_default().push(t);
        }
    }
    if children.is_empty() {
        return Vec::new();
    }
    let mut out = Vec::new();
    for e in r.within(RenameKind::Column) {
        let mut queue = vec![&e.table_from];
        let mut seen = BTreeSet::new();
        while let Some(parent) = queue.pop() {
            for child in children.get(parent).map_or(&[][..], Vec::as_slice) {
                if !seen.insert(&child.name) || child.column(&e.from).is_none() {
                    continue;
                }
                let to_table = r.table_to(&child.name);
                if after.tables.get(&to_table).is_some_and(|t| t.column(&e.to).is_some() && t.column(&e.from).is_none()) {
                    out.push(entry(RenameKind::Column, &child.name, &to_table, &e.from, &e.to));
                }
                queue.push(&child.name);
            }
        }
    }
    out
}

fn entry(kind: RenameKind, table_from: &QName, table_to: &QName, from: &str, to: &str) -> Rename {
    Rename { kind, table_from: table_from.clone(), table_to: table_to.clone(), from: from.to_string(), to: to.to_string() }
}

/// The names BEFORE already uses for relations, by schema (tables, sequences, views, indexes,
/// and the constraints that own an index): renaming onto one would clash. Gathered once, so
/// that asking for every renamed table's names costs n log n.
struct Taken<'a> {
    names: BTreeSet<(&'a str, &'a str)>,
}

impl<'a> Taken<'a> {
    fn of(before: &'a Schema) -> Taken<'a> {
        let mut names = BTreeSet::new();
        let relations = before.tables.keys().chain(before.sequences.keys()).chain(before.views.keys());
        names.extend(relations.map(|q| (q.schema.as_str(), q.name.as_str())));
        for t in before.tables.values() {
            let schema = t.name.schema.as_str();
            names.extend(t.indexes.iter().map(|i| (schema, i.name.as_str())));
            let owning = t.constraints.iter().filter(|c| {
                matches!(c.kind, ConstraintKind::PrimaryKey { .. } | ConstraintKind::Unique { .. } | ConstraintKind::Exclude { .. })
            });
            names.extend(owning.filter_map(|c| Some((schema, c.name.as_deref()?))));
        }
        Taken { names }
    }

    /// Whether `name` is taken in the schema of `table`.
    fn has(&self, table: &QName, name: &str) -> bool {
        self.names.contains(&(table.schema.as_str(), name))
    }
}

/// BEFORE's implicit name `n` under the new table and column names, if it follows the pattern
/// `<table>_<columns>_<label>` (PostgreSQL's `makeObjectName`, untruncated).
fn follows(n: &str, old_table: &str, new_table: &str, columns: &[(String, String)]) -> Option<String> {
    let rest = n.strip_prefix(old_table)?.strip_prefix('_')?;
    let mut middle = format!("_{rest}");
    for (from, to) in columns {
        middle = middle.replace(&format!("_{from}_"), &format!("_{to}_"));
    }
    let out = format!("{new_table}{middle}");
    (out != n && out.len() <= 63).then_some(out)
}

/// MySQL's implicit key name `n` (`col` or `col_<n>`) under the new column name.
fn follows_first_column(n: &str, columns: &[(String, String)]) -> Option<String> {
    columns.iter().find_map(|(from, to)| {
        let rest = n.strip_prefix(from.as_str())?;
        let numbered = rest.strip_prefix('_').is_some_and(|d| !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit()));
        (rest.is_empty() || numbered).then(|| format!("{to}{rest}"))
    })
}

/// Serial sequences owned by a column of the table, whose implicit name follows the rename:
/// (BEFORE's name, AFTER's name).
fn serial_sequences(
    before: &Schema,
    owned: &[&Sequence],
    at: &Table,
    renamed: &Schema,
    table: &QName,
    follow: &dyn Fn(&str) -> Option<String>,
    now: &dyn Fn(&QName) -> QName,
) -> Vec<(QName, QName)> {
    let mut out = Vec::new();
    for rc in at.columns.iter().filter(|c| c.serial) {
        let Some(bc) = renamed.tables.get(table).and_then(|t| t.column(&rc.name)).filter(|c| c.serial) else { continue };
        let Some(old_seq) = owned.iter().find(|s| bc.default.as_deref() == Some(crate::parse::defaults::nextval(&s.name).as_str())) else {
            continue;
        };
        let Some(new_name) = follow(&old_seq.name.name) else { continue };
        // Its name once the table is where it goes (the engine moved it along).
        let old_q = now(&old_seq.name);
        let new_q = QName::new(old_q.schema.clone(), new_name);
        let matches = rc.default.as_deref() == Some(crate::parse::defaults::nextval(&new_q).as_str());
        if matches && new_q != old_q && !before.sequences.contains_key(&new_q) && !before.tables.contains_key(&new_q) {
            out.push((old_q, new_q));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::{generate, Dialect, Options};

    fn sql(d: Dialect, before: &str, after: &str, renames: &[&str]) -> (String, String) {
        let mut o = Options::new(d);
        o.renames = renames.iter().map(|r| r.to_string()).collect();
        let m = generate(before, after, &o);
        (m.up_sql(), m.down_sql())
    }

    #[test]
    fn postgres_names_follow_a_column_rename_both_ways() {
        let (up, down) = sql(
            Dialect::Postgres,
            "CREATE TABLE c (id serial PRIMARY KEY, email text UNIQUE);\nCREATE INDEX ON c (email);",
            "CREATE TABLE c (id serial PRIMARY KEY, mail text UNIQUE);\nCREATE INDEX ON c (mail);",
            &["c.email=mail"],
        );
        assert!(
            up.contains("RENAME CONSTRAINT \"c_email_key\" TO \"c_mail_key\"")
                && up.contains("ALTER INDEX \"public\".\"c_email_idx\" RENAME TO \"c_mail_idx\""),
            "{up}"
        );
        assert!(down.contains("RENAME CONSTRAINT \"c_mail_key\" TO \"c_email_key\""), "{down}");
        assert!(!up.contains("DROP") && !down.contains("DROP"), "{up}\n{down}");
    }

    #[test]
    fn an_explicit_name_that_does_not_follow_is_left_alone() {
        let (up, _) = sql(
            Dialect::Postgres,
            "CREATE TABLE a (id bigint, CONSTRAINT my_key PRIMARY KEY (id));",
            "CREATE TABLE b (id bigint, CONSTRAINT my_key PRIMARY KEY (id));",
            &["a=b"],
        );
        assert!(!up.contains("CONSTRAINT"), "{up}");
    }

    #[test]
    fn mysql_keys_follow_their_column_and_foreign_keys_follow_rename_table_silently() {
        let before = "CREATE TABLE o (id int PRIMARY KEY);\nCREATE TABLE c (id int PRIMARY KEY, email varchar(50) UNIQUE, o_id int, FOREIGN KEY (o_id) REFERENCES o (id));";
        let after = "CREATE TABLE o (id int PRIMARY KEY);\nCREATE TABLE d (id int PRIMARY KEY, mail varchar(50) UNIQUE, o_id int, FOREIGN KEY (o_id) REFERENCES o (id));";
        let (up, down) = sql(Dialect::Mysql, before, after, &["c=d", "d.email=mail"]);
        assert!(up.contains("ALTER TABLE `d` RENAME INDEX `email` TO `mail`"), "{up}");
        assert!(!up.contains("FOREIGN KEY") && !down.contains("FOREIGN KEY"), "RENAME TABLE renames c_ibfk_1 itself:\n{up}\n{down}");
    }
}

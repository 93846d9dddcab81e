//! Tables.

use super::{Column, Constraint, ConstraintKind, Index, Policy, QName};
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Table {
    pub name: QName,
    /// SQLite: the name as declared where its case differs from the lower-case name the model
    /// compares (`Users`). The engine finds the table in any case but keeps and shows the name
    /// as declared; a table created or rebuilt takes it (a spelling changed alone is no change).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub spelled: Option<String>,
    /// In declaration order (the order the engine reports them).
    pub columns: Vec<Column>,
    /// Primary key, unique, foreign key, check and exclusion constraints, sorted by name.
    pub constraints: Vec<Constraint>,
    /// Indexes, sorted by name.
    pub indexes: Vec<Index>,
    pub options: TableOptions,
    pub comment: Option<String>,
    /// PostgreSQL row level security.
    pub rls_enabled: bool,
    pub rls_forced: bool,
    pub policies: Vec<Policy>,
    /// MySQL/MariaDB and SQLite: column names as written where their case differs from the
    /// lower-case name the model compares (`dayofweek` → `dayOfWeek`). The engines compare
    /// these names case-insensitively but store and show them as declared (SQLite: a spelling
    /// changed alone is not migrated; a table created or rebuilt takes it).
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub column_spellings: BTreeMap<String, String>,
    /// MySQL/MariaDB: index and constraint names as written (`CONSTRAINT_1`, `IDX_Name`), where
    /// they differ from the lower-case model name, or where an explicit lower-case name must
    /// not take its column's spelling. SQLite: the names of its `CREATE INDEX` indexes as
    /// written (a respelled index is created again under its new spelling).
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub key_spellings: BTreeMap<String, String>,
    /// MariaDB: check constraints written in their column's definition (`c int CHECK (c > 0)`),
    /// constraint name → column. The engine keeps such a check in the column (named after it):
    /// it is created, kept and dropped by the column's definition (`MODIFY COLUMN`), not by
    /// `ADD`/`DROP CONSTRAINT`.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub column_checks: BTreeMap<String, String>,
}

/// Storage and engine options.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct TableOptions {
    /// PostgreSQL `UNLOGGED`.
    pub unlogged: bool,
    /// PostgreSQL `PARTITION BY ...` clause text (normalized), for partitioned tables.
    pub partition_by: Option<String>,
    /// PostgreSQL `PARTITION OF parent FOR VALUES ...`.
    pub partition_of: Option<Partition>,
    /// PostgreSQL `INHERITS (...)`.
    pub inherits: Vec<QName>,
    /// PostgreSQL typed table (`CREATE TABLE t OF type`): the composite type its columns come
    /// from.
    pub of_type: Option<QName>,
    /// SQLite `STRICT`.
    pub strict: bool,
    /// SQLite `WITHOUT ROWID`.
    pub without_rowid: bool,
    /// MySQL `ENGINE=`.
    pub engine: Option<String>,
    /// MySQL default character set.
    pub charset: Option<String>,
    /// MySQL default collation.
    pub collation: Option<String>,
    /// MariaDB `WITH SYSTEM VERSIONING` (implicit `row_start`/`row_end` period columns): the
    /// table keeps the history of its rows.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub system_versioning: bool,
    /// MariaDB `PERIOD FOR name (start, end)`: `SYSTEM_TIME` or an application-time period,
    /// with its two columns, sorted.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub periods: Vec<(String, String, String)>,
    /// PostgreSQL `REPLICA IDENTITY`: `FULL`, `NOTHING` or `USING INDEX name`; `None` is
    /// `DEFAULT` (the primary key).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub replica_identity: Option<String>,
    /// PostgreSQL `TABLESPACE`, when not the database default (`pg_default` is `None`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tablespace: Option<String>,
    /// PostgreSQL table access method (`USING am`), when not `heap`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub access_method: Option<String>,
    /// PostgreSQL `CLUSTER ON index`: the index `CLUSTER` uses (`indisclustered`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cluster_on: Option<String>,
    /// Other options kept verbatim (normalized), e.g. PostgreSQL `WITH (fillfactor=70)` or
    /// MySQL `ROW_FORMAT=DYNAMIC`, as `key=value` strings sorted.
    pub other: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Partition {
    pub parent: QName,
    /// The bound clause after `FOR VALUES`, or `DEFAULT`.
    pub bound: String,
}

impl Table {
    pub fn new(name: QName) -> Self {
        Table {
            name,
            spelled: None,
            columns: Vec::new(),
            constraints: Vec::new(),
            indexes: Vec::new(),
            options: TableOptions::default(),
            comment: None,
            rls_enabled: false,
            rls_forced: false,
            policies: Vec::new(),
            column_spellings: BTreeMap::new(),
            key_spellings: BTreeMap::new(),
            column_checks: BTreeMap::new(),
        }
    }

    /// The table's name as declared (`spelled`), else its model name.
    pub fn name_spelled(&self) -> &str {
        self.spelled.as_deref().unwrap_or(&self.name.name)
    }

    /// Record the name as written when the statement declaring it spells it otherwise than the
    /// model name (SQLite).
    pub fn spell_name(&mut self, written: &str) {
        self.spelled = (written != self.name.name).then(|| written.to_string());
    }

    /// A column's name as declared (MySQL keeps the case written; the model compares lower case).
    pub fn column_spelled<'n>(&'n self, name: &'n str) -> &'n str {
        self.column_spellings.get(name).map(String::as_str).unwrap_or(name)
    }

    /// An index's or constraint's name as declared; an implicit name taken from a column
    /// (`UNIQUE (dayOfWeek)` is the key `dayOfWeek`) has that column's spelling.
    pub fn key_spelled<'n>(&'n self, name: &'n str) -> &'n str {
        self.key_spellings.get(name).or_else(|| self.column_spellings.get(name)).map(String::as_str).unwrap_or(name)
    }

    /// The check constraint written in `column`'s definition (MariaDB), if any.
    pub fn column_check(&self, column: &str) -> Option<&Constraint> {
        let name = self.column_checks.iter().find(|(_, c)| c.as_str() == column)?.0;
        self.constraint(name)
    }

    /// Forget the spellings of names the table no longer has, and the key spellings that say
    /// no more than the fallback (the name, or its column's spelling), so equal tables compare
    /// equal however their keys were written.
    pub fn prune_spellings(&mut self) {
        let cols = &self.column_spellings;
        self.key_spellings.retain(|k, v| v != cols.get(k).unwrap_or(k));
        let cols: Vec<String> = self.column_spellings.keys().filter(|k| self.column(k).is_none()).cloned().collect();
        for k in cols {
            self.column_spellings.remove(&k);
        }
        let keys: Vec<String> =
            self.key_spellings.keys().filter(|k| self.index(k).is_none() && self.constraint(k).is_none()).cloned().collect();
        for k in keys {
            self.key_spellings.remove(&k);
        }
        let checks: Vec<String> = self
            .column_checks
            .iter()
            .filter(|(k, col)| self.constraint(k).is_none() || self.column(col).is_none())
            .map(|(k, _)| k.clone())
            .collect();
        for k in checks {
            self.column_checks.remove(&k);
        }
    }

    pub fn column(&self, name: &str) -> Option<&Column> {
        self.columns.iter().find(|c| c.name == name)
    }

    pub fn column_mut(&mut self, name: &str) -> Option<&mut Column> {
        self.columns.iter_mut().find(|c| c.name == name)
    }

    pub fn primary_key(&self) -> Option<&Constraint> {
        self.constraints.iter().find(|c| matches!(c.kind, ConstraintKind::PrimaryKey { .. }))
    }

    pub fn primary_key_columns(&self) -> &[String] {
        self.primary_key().map(|c| c.kind.columns()).unwrap_or(&[])
    }

    pub fn foreign_keys(&self) -> impl Iterator<Item = &Constraint> {
        self.constraints.iter().filter(|c| matches!(c.kind, ConstraintKind::ForeignKey { .. }))
    }

    pub fn constraint(&self, name: &str) -> Option<&Constraint> {
        self.constraints.iter().find(|c| c.name.as_deref() == Some(name))
    }

    pub fn index(&self, name: &str) -> Option<&Index> {
        self.indexes.iter().find(|i| i.name == name)
    }

    /// Sort constraints and indexes into their canonical order (by name, unnamed last by
    /// definition) so that equal tables compare equal whatever order they were declared in.
    pub fn canonicalize(&mut self) {
        // The definition (its debug text) only breaks ties: formatted only for them.
        self.constraints.sort_by(|a, b| {
            (a.name.is_none(), &a.name)
                .cmp(&(b.name.is_none(), &b.name))
                .then_with(|| format!("{:?}", a.kind).cmp(&format!("{:?}", b.kind)))
        });
        self.indexes.sort_by(|a, b| a.name.cmp(&b.name));
        self.policies.sort_by(|a, b| a.name.cmp(&b.name));
        self.options.other.sort();
    }
}

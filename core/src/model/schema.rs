//! The whole schema: every object one input declares, after its statements have been applied
//! in order.

use super::{CommentTarget, DataType, Event, Extension, Function, Grant, Opaque, Owner, QName, Sequence, Table, Trigger, UserType, View};
use crate::Dialect;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Schema {
    pub dialect: Dialect,
    /// Namespaces created explicitly (`CREATE SCHEMA`); `public` is implicit in PostgreSQL.
    pub namespaces: BTreeSet<String>,
    pub extensions: BTreeMap<String, Extension>,
    pub types: BTreeMap<QName, UserType>,
    pub sequences: BTreeMap<QName, Sequence>,
    pub tables: BTreeMap<QName, Table>,
    pub views: BTreeMap<QName, View>,
    /// Keyed by `Function::signature()`.
    pub functions: BTreeMap<String, Function>,
    /// Keyed by (table, trigger name).
    pub triggers: BTreeMap<(QName, String), Trigger>,
    /// MySQL/MariaDB scheduled events.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub events: BTreeMap<QName, Event>,
    /// Comments on objects that have no comment field of their own (indexes, constraints,
    /// policies, materialized views, schemas), keyed by their typed target.
    pub comments: BTreeMap<CommentTarget, String>,
    /// Objects kept whole (`model/opaque.rs`), keyed by `Opaque::key()`.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub opaque: BTreeMap<String, Opaque>,
    /// Privileges (PostgreSQL), sorted, one per (object, column, privilege, grantee).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub grants: Vec<Grant>,
    /// Owners (`ALTER ... OWNER TO`), keyed by kind and target; diffed only with `--owners`.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub owners: BTreeMap<String, Owner>,
    /// Rename hints found in the text (`-- schemashift:renamed-from old`). Not part of the
    /// schema's meaning: the differ consumes them.
    #[serde(skip)]
    pub renames: Vec<RenameHint>,
    /// Renames written as statements in a migration history (`parse/history_renames.rs`), one
    /// per object from its name before the history's first rename of it to its name at the end.
    /// Not part of the meaning: the differ consumes them.
    #[serde(skip)]
    pub renamed: Vec<RenameHint>,
    /// PostgreSQL type changes a history made with its own `USING` expression
    /// (`parse/conversions.rs`), for the migration to convert the same way. Not part of the
    /// meaning.
    #[serde(skip)]
    pub conversions: Vec<Conversion>,
    /// Columns a history added to an existing table with a default it later changed or dropped
    /// (`parse/added_defaults.rs`): the rows there then got the first default. Not part of the
    /// meaning.
    #[serde(skip)]
    pub backfills: Vec<Backfill>,
    /// `ALTER TYPE t RENAME VALUE 'a' TO 'b'` in a history (PostgreSQL), one per value from its
    /// first label to its last. Not part of the meaning: the differ consumes them.
    #[serde(skip)]
    pub renamed_values: Vec<ValueRename>,
    /// Answers to data moves written in the text (`-- schemashift:copy-from t where ...`,
    /// `-- schemashift:no-copy`), read by `plan::preserve::proposals`. Not part of the meaning.
    #[serde(skip)]
    pub copy_hints: Vec<CopyHint>,
    /// The user's data steps (`/* schemashift:data-step up: ...; down: ...; */`), placed in the
    /// plan by `plan::preserve::data_steps`. Not part of the meaning.
    #[serde(skip)]
    pub data_steps: Vec<DataStepHint>,
    /// `UPDATE t SET ...` statements of a history (`parse/history_updates.rs`): the migration
    /// runs one that fills columns it adds (`plan::history_updates`). Not part of the meaning.
    #[serde(skip)]
    pub updates: Vec<HistoryUpdate>,
}

/// An `UPDATE` of a history: its table, the columns its `SET` writes, its text and place.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct HistoryUpdate {
    pub table: QName,
    pub columns: Vec<String>,
    pub text: String,
    /// 1-based position of the statement.
    pub line: usize,
    pub col: usize,
}

/// An answer to a data move, on the line before the new table's `CREATE TABLE`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CopyHint {
    /// The table the hint stands before (the destination).
    pub table: QName,
    /// The source table (`None`: `no-copy`, the rows are dropped on purpose).
    pub from: Option<QName>,
    /// The row filter, SQL over the source table (`kind = 'billing'`).
    pub filter: Option<String>,
    /// 1-based position of the comment.
    pub line: usize,
}

/// A data step the user wrote: SQL run by up (and by down) at the place the tables it touches
/// give it in the plan.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct DataStepHint {
    pub up: String,
    pub down: Option<String>,
    /// 1-based position of the comment.
    pub line: usize,
}

/// An enum label renamed by a history: `from` (its first label) is now `to`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ValueRename {
    pub ty: QName,
    pub from: String,
    pub to: String,
}

/// `ALTER TABLE t ADD COLUMN c type DEFAULT d` in a history: the rows the table had then took `d`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Backfill {
    pub table: QName,
    pub column: String,
    /// The column's type when it was added (the default is a value of it).
    pub data_type: DataType,
    pub default: String,
}

/// `ALTER TABLE t ALTER COLUMN c TYPE to USING expr` in a history, where `c` was of type `from`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Conversion {
    pub table: QName,
    pub column: String,
    pub from: DataType,
    pub to: DataType,
    /// The expression's text as written, cut at each reference to the column: `expr` puts the
    /// column back (as the migration names it: `"amount"`, `NEW."amount"`).
    pub pieces: Vec<String>,
    /// 1-based position of the `USING` keyword.
    pub line: usize,
    pub col: usize,
}

impl Conversion {
    /// The expression with `column` (SQL text) for each reference to the column.
    pub fn expr(&self, column: &str) -> String {
        self.pieces.join(column)
    }
}

impl Schema {
    /// The last conversion the history wrote for `table.column` from type `from` to `to`.
    pub fn conversion(&self, table: &QName, column: &str, from: &DataType, to: &DataType) -> Option<&Conversion> {
        self.conversions.iter().rev().find(|c| c.table == *table && c.column == column && c.from == *from && c.to == *to)
    }
}

/// "This object used to be called `from`", from a hint comment or the `--rename` option.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RenameHint {
    pub kind: RenameKind,
    /// The table that owns the object (for columns, indexes and constraints); for tables and
    /// sequences, the object's new name.
    pub table: QName,
    pub from: String,
    pub to: String,
    /// Where the hint's comment is in the AFTER text (1-based line, column); `None` for hints
    /// made in code. One comment may yield several candidates (a table and the columns on its
    /// line): the diff applies those that fit and blocks when none of a comment's does.
    #[serde(skip)]
    pub at: Option<(usize, usize)>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RenameKind {
    Table,
    Column,
    Index,
    Constraint,
    /// A sequence (named like a table: `from` is the old name, `schema.old` in another schema;
    /// `table` the new sequence).
    Sequence,
}

impl RenameHint {
    /// A table rename's old table: `from` in the schema of the new table `table`, unless it
    /// names its own (`schema.name`).
    pub fn old_table(from: &str, table: &QName) -> QName {
        match from.split_once('.') {
            Some((s, n)) if !table.schema.is_empty() => QName::new(s, n),
            _ => QName::new(table.schema.clone(), from),
        }
    }

    /// How a table rename names the old table `old` for the new table `table` (`old_table`'s
    /// inverse).
    pub fn table_from(old: &QName, table: &QName) -> String {
        if old.schema == table.schema {
            old.name.clone()
        } else {
            format!("{}.{}", old.schema, old.name)
        }
    }
}

impl Schema {
    pub fn new(dialect: Dialect) -> Self {
        Schema {
            dialect,
            namespaces: BTreeSet::new(),
            extensions: BTreeMap::new(),
            types: BTreeMap::new(),
            sequences: BTreeMap::new(),
            tables: BTreeMap::new(),
            views: BTreeMap::new(),
            functions: BTreeMap::new(),
            triggers: BTreeMap::new(),
            events: BTreeMap::new(),
            comments: BTreeMap::new(),
            opaque: BTreeMap::new(),
            grants: Vec::new(),
            owners: BTreeMap::new(),
            renames: Vec::new(),
            renamed: Vec::new(),
            conversions: Vec::new(),
            backfills: Vec::new(),
            renamed_values: Vec::new(),
            copy_hints: Vec::new(),
            data_steps: Vec::new(),
            updates: Vec::new(),
        }
    }

    /// The schema compares equal to another in meaning (rename hints ignored; a grant to an
    /// object's known owner of a privilege it holds anyway ignored; a MySQL character
    /// set or collation, or an event's `STARTS` (the time the server recorded), one side leaves
    /// unspecified matches the other's, see `unspecified.rs`).
    pub fn same_as(&self, other: &Schema) -> bool {
        let mut a = self.clone();
        let mut b = other.clone();
        super::unify_owner_grants(&mut a, &mut b);
        a.renames.clear();
        a.renamed.clear();
        a.conversions.clear();
        a.backfills.clear();
        a.renamed_values.clear();
        a.owners.clear();
        (a.copy_hints, a.data_steps, a.updates) = (Vec::new(), Vec::new(), Vec::new());
        b.renames.clear();
        b.renamed.clear();
        b.conversions.clear();
        b.backfills.clear();
        b.renamed_values.clear();
        b.owners.clear();
        (b.copy_hints, b.data_steps, b.updates) = (Vec::new(), Vec::new(), Vec::new());
        super::unify_unspecified_charsets(&mut a, &mut b);
        super::unify_unspecified_event_starts(&mut a, &mut b);
        a == b
    }
}

impl Schema {
    /// Record a privilege: replaces the state of the same slot, or removes it with `None`.
    /// `grants` is kept sorted, and the state is a grant's last field: a slot's entries sit
    /// together and are found by binary search (thousands of GRANTs were quadratic).
    pub fn set_grant(&mut self, mut g: Grant, state: Option<super::GrantState>) {
        let start = self.grants.partition_point(|x| x.slot() < g.slot());
        let end = start + self.grants.get(start..).unwrap_or_default().iter().take_while(|x| x.same_slot(&g)).count();
        self.grants.drain(start..end);
        if let Some(s) = state {
            g.state = s;
            self.grants.insert(start, g);
        }
    }

    /// The state of a privilege slot, if recorded.
    pub fn grant_state(&self, g: &Grant) -> Option<super::GrantState> {
        let at = self.grants.partition_point(|x| x.slot() < g.slot());
        self.grants.get(at).filter(|x| x.same_slot(g)).map(|x| x.state)
    }
}

impl Schema {
    /// PostgreSQL inheritance: column `name` as a child of `parents` receives it from the first
    /// parent (depth first) that has it. The engine copies type, collation, NOT NULL, default,
    /// generation and storage to the child; not the comment, nor identity.
    pub fn inherited_column(&self, parents: &[super::QName], name: &str) -> Option<super::Column> {
        self.inherited_column_at(parents, name, 0)
    }

    fn inherited_column_at(&self, parents: &[super::QName], name: &str, depth: usize) -> Option<super::Column> {
        if depth > 64 {
            return None;
        }
        parents.iter().find_map(|p| {
            let t = self.tables.get(p)?;
            match t.column(name) {
                Some(c) => {
                    let mut c = c.clone();
                    c.inherited = true;
                    c.comment = None;
                    c.identity = None;
                    c.serial = false;
                    Some(c)
                }
                None => self.inherited_column_at(&t.options.inherits, name, depth + 1),
            }
        })
    }

    /// The names of the columns a child of `parents` inherits, in the engine's order (each
    /// parent's, its own parents' first), without repeats.
    pub fn inherited_column_names(&self, parents: &[super::QName]) -> Vec<String> {
        let mut out = Vec::new();
        self.inherited_names_at(parents, &mut out, 0);
        out
    }

    fn inherited_names_at(&self, parents: &[super::QName], out: &mut Vec<String>, depth: usize) {
        if depth > 64 {
            return;
        }
        for p in parents {
            let Some(t) = self.tables.get(p) else { continue };
            self.inherited_names_at(&t.options.inherits, out, depth + 1);
            for c in &t.columns {
                if !out.contains(&c.name) {
                    out.push(c.name.clone());
                }
            }
        }
    }
}

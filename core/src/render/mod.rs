//! Rendering: a `Change` → SQL statements of the target dialect.
//!
//! One sub-module per dialect (`postgres/`, `mysql/`, `sqlite/`), and `common.rs` for the pieces
//! whose spelling the dialects share (constraint bodies, index key parts, defaults). Renderers
//! decide *how* a change is written; they never reorder changes (that is `plan::order`).

pub(crate) mod common;
mod mysql;
mod opaque;
mod postgres;
mod script;
mod sqlite;

/// Quoting lives in `crate::quote` (parse writes canonical model text with it too); renderers
/// reach it here as ever.
pub use crate::quote;
pub use opaque::grant_adds;
pub use script::script;
pub(crate) use script::{mysql_step_sql, MYSQL_UTF8};

/// The statement that lets a MariaDB session alter a system-versioned table.
pub fn mysql_keep_history() -> &'static str {
    mysql::keep_history_statement()
}

use crate::diff::Change;
use crate::model::{ConstraintKind, QName, Schema, Table};
use crate::{Dialect, Target};
use std::borrow::Cow;
use std::collections::BTreeMap;

/// What a renderer may consult besides the change itself.
pub struct RenderContext<'a> {
    pub target: Target,
    /// The schema the migration starts from and the one it must reach.
    pub from: &'a Schema,
    pub to: &'a Schema,
    pub zero_downtime: bool,
    /// Tables the migration renames: new name → old name (see `note_renames`).
    pub renamed_tables: BTreeMap<QName, QName>,
    /// Columns the migration renames: (table's new name, column's new name) → old name.
    pub renamed_columns: BTreeMap<(QName, String), String>,
    /// Timeouts and backfill batches (`Options::run`).
    pub run: crate::profile::RunSettings,
    /// The inheritance children (`INHERITS`, not partitions) of each table of `from`, in name
    /// order, made on first use: a column added to or dropped from a table asks for its
    /// children without walking every table.
    children: std::cell::OnceCell<std::collections::HashMap<&'a QName, Vec<&'a Table>>>,
    /// The tables of `from` and of `to` with a foreign key to each table (itself left out), in
    /// name order, made on first use (`referencing`).
    referencing: std::cell::OnceCell<[std::collections::HashMap<&'a QName, Vec<&'a Table>>; 2]>,
}

impl<'a> RenderContext<'a> {
    /// The conversion the target schema's history wrote for this type change of
    /// `table.column` (PostgreSQL `ALTER COLUMN ... TYPE ... USING`, `parse/conversions.rs`),
    /// with `col` (SQL text) for the column.
    pub fn history_using(
        &self,
        table: &QName,
        column: &str,
        from: &crate::model::DataType,
        to: &crate::model::DataType,
        col: &str,
    ) -> Option<String> {
        self.to.conversion(table, column, from, to).map(|c| c.expr(col))
    }

    pub fn new(target: Target, from: &'a Schema, to: &'a Schema, zero_downtime: bool) -> Self {
        RenderContext {
            target,
            from,
            to,
            zero_downtime,
            renamed_tables: BTreeMap::new(),
            renamed_columns: BTreeMap::new(),
            run: crate::profile::RunSettings::default(),
            children: std::cell::OnceCell::new(),
            referencing: std::cell::OnceCell::new(),
        }
    }

    /// The tables of `from` (`in_to` false) or of `to` (true) with a foreign key to `table`,
    /// `table` itself left out, in name order: a rendering per dropped table asks it without
    /// walking every table.
    pub fn referencing(&self, table: &QName, in_to: bool) -> &[&'a Table] {
        let (from, to) = (self.from, self.to);
        let maps = self.referencing.get_or_init(|| {
            [from, to].map(|schema| {
                let mut map: std::collections::HashMap<&'a QName, Vec<&'a Table>> = std::collections::HashMap::new();
                for t in schema.tables.values() {
                    for fk in t.foreign_keys() {
                        if let crate::model::ConstraintKind::ForeignKey { ref_table, .. } = &fk.kind {
                            let tables = map.entry(ref_table).or_default();
                            if *ref_table != t.name && tables.last().is_none_or(|last: &&Table| last.name != t.name) {
                                tables.push(t);
                            }
                        }
                    }
                }
                map
            })
        });
        maps[usize::from(in_to)].get(table).map(Vec::as_slice).unwrap_or_default()
    }

    /// The tables of `from` that inherit `parent` (`INHERITS`; partitions are not among them),
    /// in name order.
    pub fn inheritance_children(&self, parent: &QName) -> &[&'a Table] {
        let from = self.from;
        let map = self.children.get_or_init(|| {
            let mut map: std::collections::HashMap<_, Vec<_>> = std::collections::HashMap::new();
            for t in from.tables.values().filter(|t| t.options.partition_of.is_none()) {
                for p in &t.options.inherits {
                    let kids = map.entry(p).or_default();
                    // A parent named twice in one INHERITS list counts once, as `contains` did.
                    if kids.last().is_none_or(|k: &&Table| k.name != t.name) {
                        kids.push(t);
                    }
                }
            }
            map
        });
        map.get(parent).map(Vec::as_slice).unwrap_or_default()
    }

    /// Remember the renames among `changes`, so `from_table` finds a table under its new name.
    pub fn note_renames(&mut self, changes: &[Change]) {
        for c in changes {
            match c {
                Change::RenameTable { from, to } => {
                    self.renamed_tables.insert(to.clone(), from.clone());
                }
                Change::RenameColumn { table, from, to } => {
                    self.renamed_columns.insert((table.clone(), to.clone()), from.clone());
                }
                _ => {}
            }
        }
    }

    /// The table as the migration finds it, under the names the migration's renames give it
    /// (table and columns).
    pub fn from_table(&self, name: &QName) -> Option<Cow<'a, Table>> {
        let old_name = self.renamed_tables.get(name).unwrap_or(name);
        let t = self.from.tables.get(old_name)?;
        let renames: Vec<(&String, &String)> =
            self.renamed_columns.iter().filter(|((tn, _), _)| tn == name).map(|((_, new), old)| (old, new)).collect();
        if old_name == name && renames.is_empty() {
            return Some(Cow::Borrowed(t));
        }
        let mut t = t.clone();
        t.name = name.clone();
        for (old, new) in renames {
            if let Some(c) = t.column_mut(old) {
                c.name = new.clone();
            }
            for k in &mut t.constraints {
                if let ConstraintKind::PrimaryKey { columns } | ConstraintKind::Unique { columns, .. } = &mut k.kind {
                    for col in columns.iter_mut().filter(|col| *col == old) {
                        *col = new.clone();
                    }
                }
            }
        }
        Some(Cow::Owned(t))
    }

    pub fn dialect(&self) -> Dialect {
        self.target.dialect
    }

    /// Quote an identifier for the target dialect.
    pub fn id(&self, name: &str) -> String {
        quote::ident(self.target.dialect, name)
    }

    /// A column of `table` quoted as the schema being reached declares it (MySQL and SQLite
    /// keep the case written, `Table::column_spellings`).
    pub fn col_id(&self, table: &QName, name: &str) -> String {
        match self.to.tables.get(table) {
            Some(t) => self.id(t.column_spelled(name)),
            None => self.id(name),
        }
    }

    /// An index or constraint of `table` quoted as the schema being reached declares it.
    pub fn key_id(&self, table: &QName, name: &str) -> String {
        self.id(self.key_spelled(table, name))
    }

    /// An index or constraint of `table` as the schema being reached declares it (unquoted).
    pub fn key_spelled<'n>(&self, table: &QName, name: &'n str) -> &'n str
    where
        'a: 'n,
    {
        self.to.tables.get(table).map_or(name, |t| t.key_spelled(name))
    }

    /// Quote a qualified name for the target dialect.
    pub fn q(&self, name: &QName) -> String {
        quote::qname(self.target.dialect, name)
    }

    /// A string literal for the target dialect.
    pub fn lit(&self, value: &str) -> String {
        quote::literal(self.target.dialect, value)
    }

    /// The table as the migration must leave it.
    pub fn to_table(&self, name: &QName) -> Option<&'a Table> {
        self.to.tables.get(name)
    }
}

/// The statements for one change.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Rendered {
    /// Statements without trailing `;`.
    pub statements: Vec<String>,
    /// False when the statements cannot run inside a transaction block.
    pub transactional: bool,
}

impl Rendered {
    /// Statements that may run inside a transaction block.
    pub fn tx(statements: Vec<String>) -> Rendered {
        Rendered { statements, transactional: true }
    }

    /// Statements that must run outside any transaction block.
    pub fn non_tx(statements: Vec<String>) -> Rendered {
        Rendered { statements, transactional: false }
    }

    /// Nothing to run (the change has no effect in this dialect).
    pub fn none() -> Rendered {
        Rendered::tx(Vec::new())
    }
}

/// Render one change for the context's target dialect.
pub fn render(change: &Change, ctx: &RenderContext<'_>) -> Rendered {
    // A dependent dropped or created again is written as its own change; a routine created
    // again has no old declaration left to drop.
    if let Change::Dependent { recreate, change: inner, .. } = change {
        if let (true, Change::CreateFunction { function }, Dialect::Postgres) = (*recreate, &**inner, ctx.target.dialect) {
            return postgres::create_function_again(function, ctx);
        }
        return render(inner, ctx);
    }
    if let Some(r) = opaque::render(change, ctx) {
        return r;
    }
    match ctx.target.dialect {
        Dialect::Postgres => postgres::render(change, ctx),
        Dialect::Mysql => mysql::render(change, ctx),
        Dialect::Sqlite => sqlite::render(change, ctx),
    }
}

/// PostgreSQL: what `COMMENT ON` names for `target` (`INDEX "public"."i"`), quoted.
pub fn pg_comment_target(target: &crate::model::CommentTarget) -> String {
    postgres::comment_target(target)
}

/// PostgreSQL `CREATE [UNIQUE] INDEX [CONCURRENTLY]` for `index` of `table`, as the renderer
/// writes it (for plan rewrites that build indexes concurrently).
pub fn pg_index_sql(table: &QName, index: &crate::model::Index, concurrently: bool, ctx: &RenderContext<'_>) -> String {
    postgres::index_sql(table, index, concurrently, ctx)
}

/// PostgreSQL column definition (`"c" type [COLLATE ..] [NOT NULL] [DEFAULT ..]`).
pub fn pg_column_def(column: &crate::model::Column, ctx: &RenderContext<'_>) -> String {
    postgres::column_def(column, ctx)
}

/// PostgreSQL: the expression converting `col` (SQL text) from one type to another, as the
/// renderer's `ALTER COLUMN ... TYPE ... USING` writes it; `col` itself when the implicit
/// assignment cast is right.
pub fn pg_convert(col: &str, from: &crate::model::DataType, to: &crate::model::DataType) -> String {
    postgres::using_cast(col, from, to).unwrap_or_else(|| col.to_string())
}

/// PostgreSQL type name as the renderer spells it (user types quoted).
pub fn pg_type(t: &crate::model::DataType) -> String {
    postgres::type_sql(t)
}

#[cfg(test)]
mod tests;

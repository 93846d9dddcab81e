//! Which operation class a step is (`OpClass`): what the engine does with the rows when the
//! step runs. Read from the step's change, its zero-downtime rewrite (`Step::rewrite`), its
//! statements and its risk notes (the rules say which statements rewrite or scan a table and
//! which MySQL algorithm they get: one home for those facts, `risk/rules/`).

use crate::diff::Change;
use crate::model::{ConstraintKind, QName, Schema};
use crate::plan::{Rewrite, Step};
use crate::Dialect;
use serde::Serialize;

/// The operation classes the model prices (`model.rs`), one per kind of work on the rows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum OpClass {
    /// Catalog only: the cost does not grow with the table (create, drop, rename, comment...).
    MetadataOnly,
    /// MySQL/MariaDB `ALGORITHM=INSTANT`: catalog only, under a brief metadata lock.
    Instant,
    /// An index built over the existing rows (PostgreSQL `SHARE` lock; MySQL in place).
    IndexBuild,
    /// PostgreSQL `CREATE INDEX CONCURRENTLY`: two scans and waits, writes go on.
    ConcurrentIndexBuild,
    /// PostgreSQL: every row written again (type change, volatile default...), with its indexes.
    TableRewrite,
    /// A CHECK proven over every row (`VALIDATE CONSTRAINT`, or a plain `ADD CHECK`).
    ValidationScan,
    /// `SET NOT NULL` proven by a scan of every row.
    NotNullScan,
    /// A foreign key proven over every row (a lookup of each key in the referenced table).
    FkValidation,
    /// The batched, resumable `UPDATE` of the zero-downtime form.
    BatchedBackfill,
    /// Rows copied into another table (`--preserve-data` backups and restores, data moves).
    CopyIntoNewTable,
    /// SQLite's 12-step rebuild (new table, copy, drop, rename) or a rewriting `DROP COLUMN`.
    SqliteRebuild,
    /// MySQL/MariaDB `ALGORITHM=INPLACE` with a table rebuild, concurrent DML allowed.
    InplaceRebuild,
    /// MySQL/MariaDB `ALGORITHM=COPY`: the table copied row by row, writes blocked.
    CopyRebuild,
    /// The user's own data statements: not priced.
    DataStep,
}

impl OpClass {
    pub const ALL: [OpClass; 14] = [
        OpClass::MetadataOnly,
        OpClass::Instant,
        OpClass::IndexBuild,
        OpClass::ConcurrentIndexBuild,
        OpClass::TableRewrite,
        OpClass::ValidationScan,
        OpClass::NotNullScan,
        OpClass::FkValidation,
        OpClass::BatchedBackfill,
        OpClass::CopyIntoNewTable,
        OpClass::SqliteRebuild,
        OpClass::InplaceRebuild,
        OpClass::CopyRebuild,
        OpClass::DataStep,
    ];

    /// The snake_case name (JSON, the calibration table).
    pub fn name(self) -> &'static str {
        match self {
            OpClass::MetadataOnly => "metadata_only",
            OpClass::Instant => "instant",
            OpClass::IndexBuild => "index_build",
            OpClass::ConcurrentIndexBuild => "concurrent_index_build",
            OpClass::TableRewrite => "table_rewrite",
            OpClass::ValidationScan => "validation_scan",
            OpClass::NotNullScan => "not_null_scan",
            OpClass::FkValidation => "fk_validation",
            OpClass::BatchedBackfill => "batched_backfill",
            OpClass::CopyIntoNewTable => "copy_into_new_table",
            OpClass::SqliteRebuild => "sqlite_rebuild",
            OpClass::InplaceRebuild => "inplace_rebuild",
            OpClass::CopyRebuild => "copy_rebuild",
            OpClass::DataStep => "data_step",
        }
    }

    /// Whether its cost grows with the rows.
    pub fn scales(self) -> bool {
        !matches!(self, OpClass::MetadataOnly | OpClass::Instant | OpClass::DataStep)
    }
}

/// One piece of work of a step: a class on a table (its rows are the table's as the migration
/// finds it). A step may hold several: a `--preserve-data` backup copy before a drop.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Work {
    pub class: OpClass,
    /// The table whose rows it handles, by its name before the migration (`None`: no table).
    pub table: Option<QName>,
    /// A `VALIDATE` outside the blocking lock (PostgreSQL `SHARE UPDATE EXCLUSIVE`).
    pub online: bool,
}

/// The work of one step. `from` is the schema the migration starts from (BEFORE for up).
pub fn classify(step: &Step, from: &Schema, dialect: Dialect, old_name: &dyn Fn(&QName) -> QName) -> Vec<Work> {
    let table = step.change.table().map(old_name);
    let existing = table.as_ref().filter(|t| from.tables.contains_key(*t)).cloned();
    let mut out: Vec<Work> =
        copies(step, dialect, from).into_iter().map(|t| Work { class: OpClass::CopyIntoNewTable, table: Some(t), online: false }).collect();
    // An enum rebuilt converts every column using it: a rewrite of each of their tables.
    if let Change::RebuildEnum { columns, .. } = &step.change {
        let mut tables: Vec<QName> = columns.iter().map(|(t, _)| old_name(t)).filter(|t| from.tables.contains_key(t)).collect();
        tables.dedup();
        if !tables.is_empty() {
            let class = if dialect == Dialect::Postgres { OpClass::TableRewrite } else { OpClass::CopyRebuild };
            out.extend(tables.into_iter().map(|t| Work { class, table: Some(t), online: false }));
            return out;
        }
    }
    let main = main_class(step, existing.is_some(), dialect);
    let online = step.rewrite == Some(Rewrite::Validate);
    // A copy step's own statements are the copy: no second piece for them.
    if main != OpClass::CopyIntoNewTable || out.is_empty() {
        let table = if main.scales() { existing.or(table) } else { table };
        out.push(Work { class: main, table, online });
    }
    out
}

fn main_class(step: &Step, existing: bool, dialect: Dialect) -> OpClass {
    if let Change::DataStep { .. } = &step.change {
        return OpClass::DataStep;
    }
    let sql = step.statements.join("\n").to_ascii_uppercase();
    match step.rewrite {
        Some(Rewrite::Backfill) => return OpClass::BatchedBackfill,
        Some(Rewrite::ConcurrentIndex) if sql.contains("CREATE") => return OpClass::ConcurrentIndexBuild,
        Some(Rewrite::ConcurrentIndex) => return OpClass::MetadataOnly,
        // Catalog changes around an online rewrite: `SET NOT NULL` proven by a validated CHECK
        // (`set-not-null` is the plain one, a scan),
        // a column added empty, a default set, the expand and contract steps themselves.
        Some(
            Rewrite::NotValid
            | Rewrite::UsingIndex
            | Rewrite::NotNullProven
            | Rewrite::AddColumnEmpty
            | Rewrite::SetDefault
            | Rewrite::NullableUntilContract
            | Rewrite::Expand
            | Rewrite::Contract,
        ) => return OpClass::MetadataOnly,
        Some(Rewrite::Validate) => {
            return if is_foreign_key(&step.change) { OpClass::FkValidation } else { OpClass::ValidationScan };
        }
        _ => {}
    }
    if !existing {
        // No table of its own (a type replaced under its columns...): a rewrite or scan the
        // notes name is priced as one over a table of unknown size, never as catalog only.
        return match (
            step.risks.iter().any(|r| r.rewrites),
            step.risks.iter().any(|r| r.scans && r.rule != crate::risk::rules::PRESERVE_DATA_BACKUP.id),
        ) {
            (true, _) if dialect == Dialect::Postgres => OpClass::TableRewrite,
            (true, _) if dialect == Dialect::Mysql => OpClass::CopyRebuild,
            (true, _) => OpClass::SqliteRebuild,
            (false, true) => OpClass::ValidationScan,
            (false, false) => OpClass::MetadataOnly,
        };
    }
    let change = match &step.change {
        Change::Dependent { change, .. } => change.as_ref(),
        c => c,
    };
    let lock = |what: &str| step.risks.iter().any(|r| r.lock.as_deref().is_some_and(|l| l.contains(what)));
    match dialect {
        Dialect::Mysql => {
            if sql.contains("ALGORITHM=INSTANT") {
                return OpClass::Instant;
            }
            // A foreign key is added by a table copy that checks each row's key (COPY, writes
            // blocked): twice a plain copy's time, measured.
            if is_foreign_key(change) {
                return OpClass::FkValidation;
            }
            if lock("ALGORITHM=COPY") {
                return OpClass::CopyRebuild;
            }
            if lock("(table rebuild)") || step.risks.iter().any(|r| r.rewrites) {
                return OpClass::InplaceRebuild;
            }
        }
        Dialect::Sqlite => {
            if matches!(change, Change::RebuildTable { .. }) || step.risks.iter().any(|r| r.rewrites) {
                return OpClass::SqliteRebuild;
            }
        }
        Dialect::Postgres => {
            if step.risks.iter().any(|r| r.rewrites) {
                return OpClass::TableRewrite;
            }
        }
    }
    match change {
        Change::CreateIndex { .. } => {
            if sql.contains("CONCURRENTLY") {
                OpClass::ConcurrentIndexBuild
            } else {
                OpClass::IndexBuild
            }
        }
        Change::AddConstraint { constraint, .. } => match &constraint.kind {
            _ if sql.contains("NOT VALID") || sql.contains("USING INDEX") => OpClass::MetadataOnly,
            ConstraintKind::PrimaryKey { .. } | ConstraintKind::Unique { .. } | ConstraintKind::Exclude { .. } => OpClass::IndexBuild,
            ConstraintKind::ForeignKey { .. } if dialect == Dialect::Sqlite => OpClass::MetadataOnly,
            ConstraintKind::ForeignKey { .. } => OpClass::FkValidation,
            ConstraintKind::Check { .. } => OpClass::ValidationScan,
        },
        Change::AlterColumn { from, to, .. } if from.nullable && !to.nullable => OpClass::NotNullScan,
        Change::AlterColumn { from, to, .. } if dialect == Dialect::Postgres && from.data_type != to.data_type => {
            if crate::model::type_change::pg_no_rewrite(&from.data_type, &to.data_type) {
                OpClass::MetadataOnly
            } else {
                OpClass::TableRewrite
            }
        }
        Change::RebuildTable { .. } => OpClass::SqliteRebuild,
        // The rows of a re-created table written into the new one (`diff/repartition.rs`).
        Change::RestoreRows { .. } => OpClass::TableRewrite,
        _ if step.risks.iter().any(|r| r.scans && r.rule != crate::risk::rules::PRESERVE_DATA_BACKUP.id) => OpClass::ValidationScan,
        _ => OpClass::MetadataOnly,
    }
}

fn is_foreign_key(change: &Change) -> bool {
    match change {
        Change::AddConstraint { constraint, .. } => {
            matches!(constraint.kind, ConstraintKind::ForeignKey { .. })
        }
        _ => false,
    }
}

/// The tables whose rows the step's statements copy into another table: `CREATE TABLE x AS
/// SELECT ... FROM t` and `INSERT INTO x ... SELECT ... FROM t` (backups, restores, data moves,
/// SQLite rebuilds are their own class).
fn copies(step: &Step, dialect: Dialect, from: &Schema) -> Vec<QName> {
    if matches!(step.change, Change::RebuildTable { .. }) || step.rewrite == Some(Rewrite::Backfill) {
        return Vec::new();
    }
    let mut out = Vec::new();
    for s in &step.statements {
        let upper = s.to_ascii_uppercase();
        let head = upper.trim_start();
        let copying = (head.starts_with("CREATE TABLE") && upper.contains(" AS SELECT"))
            || (head.starts_with("INSERT INTO") && upper.contains("SELECT"));
        if !copying {
            continue;
        }
        if let Some(t) = source_table(s, dialect, from) {
            if !out.contains(&t) {
                out.push(t);
            }
        }
    }
    out
}

/// The existing table named after the first `FROM` of a statement (quoted as `render::quote`
/// writes it), if any.
fn source_table(statement: &str, dialect: Dialect, from: &Schema) -> Option<QName> {
    let upper = statement.to_ascii_uppercase();
    let at = upper.find(" FROM ")? + " FROM ".len();
    let rest = crate::text::from(statement, at).trim_start();
    from.tables
        .keys()
        .filter(|t| rest.starts_with(&crate::render::quote::qname(dialect, t)))
        .max_by_key(|t| crate::render::quote::qname(dialect, t).len())
        .cloned()
}

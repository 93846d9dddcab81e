//! `Step`: one rendered, ordered unit of a migration.

use crate::diff::Change;
use crate::risk::Risk;
use serde::Serialize;

/// Which deploy phase a step belongs to. Plain migrations have only `Main`; zero-downtime
/// plans split into `Expand` (before the application deploy) and `Contract` (after it).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Phase {
    Expand,
    #[default]
    Main,
    Contract,
}

impl Phase {
    pub fn name(self) -> &'static str {
        match self {
            Phase::Expand => "expand",
            Phase::Main => "main",
            Phase::Contract => "contract",
        }
    }

    /// Which deploy the phase waits for, in one sentence (script headers, README, JSON).
    pub fn waits_for(self) -> &'static str {
        match self {
            Phase::Expand => "runs first, before the new application version is deployed: it only adds what the new version needs, and the running version keeps working",
            Phase::Main => "runs before the new application version is deployed: every change in it works with the running version and with the new one",
            Phase::Contract => "waits until the new application version is deployed everywhere: it drops or finishes what only the old version used",
        }
    }
}

/// Which way a migration runs: up (BEFORE → AFTER), or down (the rollback, AFTER → BEFORE).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    Up,
    Down,
}

/// The zero-downtime rewrite that made a step (`plan/zero_downtime/`, one producer each), in
/// kebab case in JSON. Risk rules, estimates and the package ask its methods, never its name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Rewrite {
    /// `CREATE INDEX CONCURRENTLY` / `DROP INDEX CONCURRENTLY` (`concurrent_index.rs`).
    ConcurrentIndex,
    /// A constraint added `NOT VALID` (`not_valid.rs`, `set_not_null.rs`, `domain_not_valid.rs`).
    NotValid,
    /// `VALIDATE CONSTRAINT`: a scan under a lock that lets reads and writes through.
    Validate,
    /// `ADD CONSTRAINT ... USING INDEX` over an index built concurrently (`unique_using_index.rs`).
    UsingIndex,
    /// `SET NOT NULL` proven by a validated CHECK, which it then drops (`set_not_null.rs`).
    NotNullProven,
    /// A plain `SET NOT NULL` (a scan) after a backfill or in the contract phase.
    SetNotNull,
    /// The rest of a column change split off a `SET NOT NULL` (`set_not_null.rs`).
    AlterColumn,
    /// A column added without its volatile default (`volatile_default.rs`).
    AddColumnEmpty,
    /// The default set for new rows only (`volatile_default.rs`).
    SetDefault,
    /// A resumable batched `DO` block filling existing rows (`backfill.rs`).
    Backfill,
    /// The expand phase of a rename or retype: the new column and its sync trigger (`expand_contract.rs`).
    Expand,
    /// The contract phase: the old column and the trigger dropped (`expand_contract.rs`).
    Contract,
    /// A column made nullable until the contract phase drops it (`contract_drops.rs`).
    NullableUntilContract,
    /// MySQL/MariaDB `ALGORITHM`/`LOCK` stated (`mysql_online.rs`).
    MysqlOnline,
}

impl Rewrite {
    /// Long work that does not block reads and writes (no lock timeout, no statement timeout
    /// warning): a concurrent index build, a validation, a backfill.
    pub fn online_long(self) -> bool {
        matches!(self, Rewrite::ConcurrentIndex | Rewrite::Validate | Rewrite::Backfill)
    }

    /// The step makes a column `NOT NULL` on rows the rewrite has already proven or filled (no
    /// unproven scan for NULLs).
    pub fn not_null_handled(self) -> bool {
        matches!(self, Rewrite::NotNullProven | Rewrite::Expand | Rewrite::Backfill | Rewrite::Contract)
    }
}

/// One step: the SQL statements for one change, in order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Step {
    /// Statements, each without its trailing `;`.
    pub statements: Vec<String>,
    pub phase: Phase,
    /// False when the statements cannot run inside a transaction block (e.g. PostgreSQL
    /// `CREATE INDEX CONCURRENTLY`, `ALTER TYPE ... ADD VALUE` before PG 12) or the dialect has
    /// no transactional DDL.
    pub transactional: bool,
    /// The change this step carries out (what risk rules look at).
    pub change: Change,
    pub risks: Vec<Risk>,
    /// The zero-downtime rewrite that made this step, `None` for a step as the renderer wrote
    /// it. Risk rules and estimates read it to judge the rewritten SQL for what it is.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rewrite: Option<Rewrite>,
    /// How long it runs, the lock it holds and what it writes (`estimate::apply`, after the
    /// risk notes); `None` until then.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub estimate: Option<crate::estimate::Estimate>,
}

impl Step {
    pub fn new(change: Change, statements: Vec<String>) -> Self {
        Step { statements, phase: Phase::Main, transactional: true, change, risks: Vec::new(), rewrite: None, estimate: None }
    }

    /// The step's SQL: statements terminated by `;`, one per line group.
    pub fn sql(&self) -> String {
        let mut out = String::new();
        for s in &self.statements {
            out.push_str(s.trim_end());
            if !s.trim_end().ends_with(';') {
                out.push(';');
            }
            out.push('\n');
        }
        out
    }
}

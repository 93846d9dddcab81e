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
    /// The zero-downtime rewrite that made this step (`concurrent-index`, `validate`,
    /// `not-null-proven`, `backfill`...), `None` for a step as the renderer wrote it. Risk rules
    /// read it to judge the rewritten SQL for what it is.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rewrite: Option<&'static str>,
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

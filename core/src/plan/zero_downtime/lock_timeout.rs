//! Timeouts per step. Every run of steps starts by bounding how long it may wait for its lock
//! (PostgreSQL `lock_timeout`, MySQL/MariaDB `lock_wait_timeout`): behind a long transaction a waiting DDL would block every later query
//! on the table. When the timeout fires nothing of the step is applied; run it again later.
//! PostgreSQL steps also get a `statement_timeout`: short for steps that hold a blocking lock,
//! none for the online ones that are long by nature (concurrent builds, validation, backfill).

//! The values come from `Options::run` (`--env`; by default 5s to wait, 1min to run).

use crate::plan::{Phase, Rewrite, Step};
use crate::profile::{pg_duration, whole_seconds, RunSettings};

const RETRY: &str = "-- on a lock timeout nothing of this step is applied: run it again when the table is quiet";

/// Steps whose work is long but does not block reads and writes.
fn online_long(step: &Step) -> bool {
    step.rewrite.is_some_and(Rewrite::online_long)
}

/// The settings are session settings: they are stated again only where they change, or where
/// a new part of the package may start (a change of phase or of transaction mode).
pub(super) fn postgres(steps: Vec<Step>, run: &RunSettings) -> Vec<Step> {
    let lock = pg_duration(run.lock_timeout_ms);
    let blocking = pg_duration(run.statement_timeout_ms);
    let mut current: Option<(bool, Phase, &str)> = None;
    steps
        .into_iter()
        .map(|mut step| {
            {
                let statement_timeout = if online_long(&step) { "0" } else { blocking.as_str() };
                let key = (step.transactional, step.phase, statement_timeout);
                if current != Some(key) {
                    let mut statements =
                        vec![format!("{RETRY}\nSET lock_timeout = {lock}"), format!("SET statement_timeout = {statement_timeout}")];
                    statements.append(&mut step.statements);
                    step.statements = statements;
                    current = Some(key);
                }
            }
            step
        })
        .collect()
}

/// Once per phase, before its first step.
pub(super) fn mysql(steps: Vec<Step>, run: &RunSettings) -> Vec<Step> {
    let wait = whole_seconds(run.lock_timeout_ms);
    let mut current: Option<Phase> = None;
    steps
        .into_iter()
        .map(|mut step| {
            if current != Some(step.phase) {
                let mut statements = vec![format!("{RETRY}\nSET SESSION lock_wait_timeout = {wait}")];
                statements.append(&mut step.statements);
                step.statements = statements;
                current = Some(step.phase);
            }
            step
        })
        .collect()
}

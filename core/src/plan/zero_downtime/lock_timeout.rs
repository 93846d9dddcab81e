//! Timeouts per step. Every step that touches a table which already holds rows starts by
//! bounding how long it may wait for its lock (PostgreSQL `lock_timeout`, MySQL/MariaDB
//! `lock_wait_timeout`): behind a long transaction a waiting DDL would block every later query
//! on the table. When the timeout fires nothing of the step is applied; run it again later.
//! PostgreSQL steps also get a `statement_timeout`: short for steps that hold a blocking lock,
//! none for the online ones that are long by nature (concurrent builds, validation, backfill).

use super::existing;
use crate::plan::Step;
use crate::render::RenderContext;

/// How long a step may wait for its lock.
pub(super) const PG_LOCK_TIMEOUT: &str = "SET lock_timeout = '5s'";
/// Seconds MySQL/MariaDB wait for a metadata lock.
pub(super) const MYSQL_LOCK_WAIT: &str = "SET SESSION lock_wait_timeout = 5";

const RETRY: &str = "-- on a lock timeout nothing of this step is applied: run it again when the table is quiet";

/// Steps whose work is long but does not block reads and writes.
fn online_long(step: &Step) -> bool {
    matches!(step.rewrite, Some("concurrent-index" | "validate" | "backfill"))
}

fn touches_existing(step: &Step, ctx: &RenderContext<'_>) -> bool {
    step.change.table().is_some_and(|t| existing(ctx, t).is_some())
}

pub(super) fn postgres(steps: Vec<Step>, ctx: &RenderContext<'_>) -> Vec<Step> {
    steps
        .into_iter()
        .map(|mut step| {
            if touches_existing(&step, ctx) {
                let statement_timeout = if online_long(&step) { "0" } else { "'1min'" };
                let mut statements = vec![
                    format!("{RETRY}\n{PG_LOCK_TIMEOUT}"),
                    format!("SET statement_timeout = {statement_timeout}"),
                ];
                statements.append(&mut step.statements);
                step.statements = statements;
            }
            step
        })
        .collect()
}

pub(super) fn mysql(steps: Vec<Step>, ctx: &RenderContext<'_>) -> Vec<Step> {
    steps
        .into_iter()
        .map(|mut step| {
            if touches_existing(&step, ctx) {
                let mut statements = vec![format!("{RETRY}\n{MYSQL_LOCK_WAIT}")];
                statements.append(&mut step.statements);
                step.statements = statements;
            }
            step
        })
        .collect()
}

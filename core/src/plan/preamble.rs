//! The statements each session of a migration starts with on the target's engine. They head
//! every step: a step may run in a session of its own (`deploy.sh` runs the steps one by one with
//! the engine's client; a package part is its own file), and a step without them would run with
//! the session's defaults.
//!
//! - MySQL/MariaDB: strict `sql_mode` ([`MYSQL_STRICT`]). A session that is not strict (an old
//!   configuration, a tool that sets `sql_mode = ''`) lets a narrowing `MODIFY`, a data move or a
//!   backfill truncate or clamp values with only a warning; strict, the statement fails and
//!   `ALTER TABLE`'s copy leaves the table as it was. The session's other modes are kept.
//! - The engine's own (`Engine::session_statements`: Vitess's `SET @@ddl_strategy`).

use crate::plan::Step;
use crate::{Dialect, Target};

/// Adds `STRICT_ALL_TABLES` to the session's `sql_mode` (`CONCAT_WS` skips an empty mode, which
/// would leave a leading comma). Strict for every storage engine, not only transactional ones:
/// a MyISAM/Aria table's multi-row `INSERT ... SELECT` would otherwise clamp after the first row.
pub const MYSQL_STRICT: &str = "SET SESSION sql_mode = CONCAT_WS(',', NULLIF(@@SESSION.sql_mode, ''), 'STRICT_ALL_TABLES')";

/// The statements heading every step on the target, in order.
pub fn head(target: &Target) -> Vec<&'static str> {
    let mut head = Vec::new();
    if target.dialect == Dialect::Mysql {
        head.push(MYSQL_STRICT);
    }
    head.extend(target.engine().session_statements());
    head
}

pub fn start(steps: &mut [Step], target: &Target) {
    let head = head(target);
    if head.is_empty() {
        return;
    }
    for step in steps.iter_mut() {
        let mut statements: Vec<String> = head.iter().map(|s| s.to_string()).collect();
        statements.append(&mut step.statements);
        step.statements = statements;
    }
}

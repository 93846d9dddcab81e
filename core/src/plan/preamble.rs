//! The statements each session of a migration starts with on the target's engine
//! (`Engine::session_statements`: strict `sql_mode` on the `mysql` dialect's engines,
//! `target::MYSQL_STRICT`; Vitess's `SET @@ddl_strategy` too). They head every step: a step may
//! run in a session of its own (`deploy.sh` runs the steps one by one with the engine's client; a
//! package part is its own file), and a step without them would run with the session's defaults.

use crate::plan::Step;
use crate::Target;

/// The statements heading every step on the target, in order.
pub fn head(target: &Target) -> &'static [&'static str] {
    target.engine().session_statements()
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

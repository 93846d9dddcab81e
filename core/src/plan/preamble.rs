//! The statements each session of a migration starts with on the target's engine
//! (`Engine::session_statements`: Vitess's `SET @@ddl_strategy`). They head every step: a step
//! may run in a session of its own (`deploy.sh` runs the steps one by one with the engine's
//! client; a package part is its own file), and a step without them would run with the
//! engine's default strategy.

use crate::plan::Step;
use crate::Target;

pub fn start(steps: &mut [Step], target: &Target) {
    let head = target.engine().session_statements();
    if head.is_empty() {
        return;
    }
    for step in steps.iter_mut() {
        let mut statements: Vec<String> = head.iter().map(|s| s.to_string()).collect();
        statements.append(&mut step.statements);
        step.statements = statements;
    }
}

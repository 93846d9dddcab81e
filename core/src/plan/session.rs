//! The statements each session of a migration starts with on the target's engine
//! (`Engine::session_statements`: Vitess's `SET @@ddl_strategy`). They head the first step of
//! each phase: a phase is run on its own (its own deploy, its own package part).

use crate::plan::{Phase, Step};
use crate::Target;

pub fn start(steps: &mut [Step], target: &Target) {
    let head = target.engine().session_statements();
    if head.is_empty() {
        return;
    }
    let mut current: Option<Phase> = None;
    for step in steps.iter_mut() {
        if current != Some(step.phase) {
            let mut statements: Vec<String> = head.iter().map(|s| s.to_string()).collect();
            statements.append(&mut step.statements);
            step.statements = statements;
            current = Some(step.phase);
        }
    }
}

//! The statements each session of a migration starts with on the target's engine
//! (`Engine::session_statements`: strict `sql_mode` on the `mysql` dialect's engines,
//! `target::MYSQL_STRICT`; Vitess's `SET @@ddl_strategy` too). They head every step: a step may
//! run in a session of its own (`deploy.sh` runs the steps one by one with the engine's client; a
//! package part is its own file), and a step without them would run with the session's defaults.
//! A script (a file of steps run in one session) saves what they change first (`save`) and puts
//! it back at its end (`restore`): the session that ran it (`source`, a tool's connection) goes
//! on with its own `sql_mode`. A step creating a stored program is headed by the session's own
//! settings instead (`Engine::session_for_programs`): MySQL/MariaDB keep the `sql_mode` a
//! trigger, routine or event was created in, and run its body with it.

use crate::plan::Step;
use crate::Target;

/// The statements heading every step on the target, in order.
pub fn head(target: &Target) -> &'static [&'static str] {
    target.engine().session_statements()
}

/// Said once before the first step of a script.
pub fn save(target: &Target) -> &'static [&'static str] {
    target.engine().session_save()
}

/// Said once at the end of a script.
pub fn restore(target: &Target) -> &'static [&'static str] {
    target.engine().session_restore()
}

/// `body` (statements of steps, each headed by `head`) between `save` and `restore`: a script
/// that leaves its session's settings as it found them. An empty body stays empty.
pub fn in_session(target: &Target, body: String) -> String {
    if body.is_empty() || save(target).is_empty() {
        return body;
    }
    let lines = |statements: &[&str]| statements.iter().map(|s| format!("{s};\n")).collect::<String>();
    format!("{}{body}{}", lines(save(target)), lines(restore(target)))
}

/// Whether the step creates a stored program (`Engine::session_for_programs`).
pub fn creates_program(change: &crate::diff::Change) -> bool {
    use crate::diff::Change;
    match change {
        Change::CreateTrigger { .. } | Change::CreateFunction { .. } | Change::CreateEvent { .. } | Change::AlterEvent { .. } => true,
        Change::Dependent { change, .. } => creates_program(change),
        _ => false,
    }
}

pub fn start(steps: &mut [Step], target: &Target) {
    let head = head(target);
    if head.is_empty() {
        return;
    }
    let programs = target.engine().session_for_programs();
    for step in steps.iter_mut() {
        let head = if creates_program(&step.change) { programs } else { head };
        let mut statements: Vec<String> = head.iter().map(|s| s.to_string()).collect();
        statements.append(&mut step.statements);
        step.statements = statements;
    }
}

//! Cutting a migration into parts that a tool can run one at a time.
//!
//! A part is a run of consecutive steps of one phase that either all run inside a transaction
//! or all outside one (PostgreSQL `CREATE INDEX CONCURRENTLY`). Tools that run each migration
//! file in one transaction (Flyway, dbmate, goose, Liquibase, Atlas) or as one query
//! (golang-migrate) get one migration version per part; `pair` lines up the up parts with the
//! down parts so that rolling back version by version runs the down parts in order.

use crate::plan::{Phase, Step};
use crate::render;
use crate::{Dialect, Target};

/// Consecutive steps that share a phase and a transaction mode.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Part {
    pub phase: Phase,
    pub transactional: bool,
    pub steps: Vec<Step>,
}

impl Part {
    /// `main`, `expand-no-transaction`...: what the part is, for file names and notes.
    pub fn label(&self) -> String {
        if self.transactional {
            self.phase.name().to_string()
        } else {
            format!("{}-no-transaction", self.phase.name())
        }
    }

    /// The statements, each ending with `;`, without any transaction control.
    pub fn body(&self) -> String {
        self.steps.iter().map(Step::sql).collect::<Vec<_>>().join("")
    }

    /// The part as a standalone script, with `BEGIN`/`COMMIT` when it is transactional and the
    /// dialect has transactional DDL.
    pub fn script(&self, target: &Target, direction: &str) -> String {
        render::script(&self.steps, target, direction)
    }

    /// Whether a statement holds a `;` of its own (a function body), which tools that split
    /// files on `;` must be told about.
    pub fn has_inner_semicolons(&self) -> bool {
        self.steps.iter().flat_map(|s| &s.statements).any(|s| s.trim_end().trim_end_matches(';').contains(';'))
    }
}

/// Cut steps into parts at every change of phase or transaction mode. MySQL/MariaDB commit
/// every DDL statement on their own, so there the transaction mode does not cut.
pub fn split(steps: &[Step], dialect: Dialect) -> Vec<Part> {
    let mut parts: Vec<Part> = Vec::new();
    for step in steps {
        let tx = step.transactional || dialect == Dialect::Mysql;
        match parts.last_mut() {
            Some(p) if p.phase == step.phase && p.transactional == tx => p.steps.push(step.clone()),
            _ => parts.push(Part { phase: step.phase, transactional: tx, steps: vec![step.clone()] }),
        }
    }
    parts
}

/// Like `split`, but every statement that must run outside a transaction is a part of its own
/// (for tools that send a whole file as one query: PostgreSQL runs a multi-statement query in
/// one implicit transaction). The step log's statements around such a statement
/// (`step_log.rs`) join the transactional part of the same phase before or after it, or are
/// a part of their own when there is none.
pub fn split_single_statements(steps: &[Step], dialect: Dialect) -> Vec<Part> {
    let mut out: Vec<Part> = Vec::new();
    // Log statements waiting for a part to join, as one transactional step.
    let mut carry: Option<Step> = None;
    for mut part in split(steps, dialect) {
        if part.transactional {
            if let Some(logs) = carry.take() {
                if logs.phase == part.phase {
                    part.steps.insert(0, logs);
                } else {
                    out.push(Part { phase: logs.phase, transactional: true, steps: vec![logs] });
                }
            }
            out.push(part);
            continue;
        }
        for step in &part.steps {
            for statement in &step.statements {
                let mut one = step.clone();
                one.statements = vec![statement.clone()];
                if super::step_log::is_log_statement(statement, dialect) {
                    // Plain DML: it runs in a transaction wherever it lands.
                    one.transactional = true;
                    match &mut carry {
                        Some(logs) => logs.statements.push(statement.clone()),
                        None => carry = Some(one),
                    }
                    continue;
                }
                if let Some(logs) = carry.take() {
                    match out.last_mut() {
                        Some(prev) if prev.transactional && prev.phase == logs.phase => prev.steps.push(logs),
                        _ => out.push(Part { phase: logs.phase, transactional: true, steps: vec![logs] }),
                    }
                }
                out.push(Part { phase: part.phase, transactional: false, steps: vec![one] });
            }
        }
    }
    if let Some(logs) = carry {
        match out.last_mut() {
            Some(prev) if prev.transactional && prev.phase == logs.phase => prev.steps.push(logs),
            _ => out.push(Part { phase: logs.phase, transactional: true, steps: vec![logs] }),
        }
    }
    out
}

/// One versioned migration of a tool: what runs on the way up and on the way down.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unit {
    pub up: Option<Part>,
    pub down: Option<Part>,
}

impl Unit {
    /// Transactional unless one side must run outside a transaction.
    pub fn transactional(&self) -> bool {
        self.up.as_ref().is_none_or(|p| p.transactional) && self.down.as_ref().is_none_or(|p| p.transactional)
    }

    pub fn label(&self) -> String {
        match (&self.up, &self.down) {
            (Some(p), _) | (None, Some(p)) => p.label(),
            (None, None) => "empty".to_string(),
        }
    }
}

/// Pair up parts with down parts: version `i` (0-based) of `n` runs up part `i` and down part
/// `n - 1 - i`, so migrating down from the last version runs the down parts first to last.
pub fn pair(up: Vec<Part>, down: Vec<Part>) -> Vec<Unit> {
    let n = up.len().max(down.len()).max(1);
    let mut up = up.into_iter();
    let mut down: Vec<Option<Part>> = down.into_iter().map(Some).collect();
    down.resize(n, None);
    (0..n).map(|i| Unit { up: up.next(), down: down.get_mut(n - 1 - i).and_then(Option::take) }).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diff::Change;

    fn step(sql: &str, tx: bool, phase: Phase) -> Step {
        let mut s = Step::new(Change::CreateNamespace { name: sql.into() }, vec![sql.into()]);
        s.transactional = tx;
        s.phase = phase;
        s
    }

    #[test]
    fn splits_on_transaction_mode_and_phase() {
        let steps = vec![
            step("a", true, Phase::Expand),
            step("b", true, Phase::Expand),
            step("c", false, Phase::Expand),
            step("d", true, Phase::Contract),
        ];
        let parts = split(&steps, Dialect::Postgres);
        let labels: Vec<String> = parts.iter().map(Part::label).collect();
        assert_eq!(labels, ["expand", "expand-no-transaction", "contract"]);
        assert_eq!(parts[0].body(), "a;\nb;\n");
        // MySQL: no cut on transaction mode, only on phase.
        assert_eq!(split(&steps, Dialect::Mysql).len(), 2);
    }

    #[test]
    fn non_transactional_statements_stand_alone() {
        let mut s = step("x", false, Phase::Main);
        s.statements.push("y".into());
        let parts = split_single_statements(&[s, step("z", true, Phase::Main)], Dialect::Postgres);
        assert_eq!(parts.len(), 3);
        assert_eq!(parts[1].body(), "y;\n");
    }

    #[test]
    fn log_statements_join_the_transactional_parts_beside_them() {
        let d = Dialect::Postgres;
        let log = |s: &str| format!("UPDATE \"schemashift_migration_log\" SET {s}");
        let mut a = step("a", true, Phase::Main);
        a.statements = vec![log("1"), "a".into(), log("2")];
        let mut x = step("x", false, Phase::Main);
        x.statements = vec![log("3"), "x".into(), log("4")];
        let mut y = step("y", false, Phase::Main);
        y.statements = vec![log("5"), "y".into(), log("6")];
        let mut b = step("b", true, Phase::Main);
        b.statements = vec![log("7"), "b".into(), log("8")];
        let parts = split_single_statements(&[a.clone(), x.clone(), y.clone(), b], d);
        let bodies: Vec<String> = parts.iter().map(Part::body).collect();
        assert_eq!(bodies.len(), 5, "{bodies:?}");
        assert!(bodies[0].ends_with(&format!("a;\n{};\n{};\n", log("2"), log("3"))), "{bodies:?}");
        assert_eq!(bodies[1], "x;\n");
        assert_eq!(bodies[2], format!("{};\n{};\n", log("4"), log("5")));
        assert_eq!(bodies[3], "y;\n");
        assert!(bodies[4].starts_with(&format!("{};\n{};\nb;", log("6"), log("7"))), "{bodies:?}");
        // Alone: the log statements are parts of their own, before and after.
        assert_eq!(split_single_statements(&[x], d).len(), 3);
    }

    #[test]
    fn pairs_down_parts_in_reverse() {
        let up = split(&[step("u1", true, Phase::Main), step("u2", false, Phase::Main)], Dialect::Postgres);
        let down = split(&[step("d1", false, Phase::Main), step("d2", true, Phase::Main)], Dialect::Postgres);
        let units = pair(up, down);
        assert_eq!(units.len(), 2);
        // Version 2 is rolled back first: it must hold d1.
        assert_eq!(units[1].down.as_ref().unwrap().body(), "d1;\n");
        assert_eq!(units[0].down.as_ref().unwrap().body(), "d2;\n");
        assert!(!units[1].transactional());
        let empty = pair(Vec::new(), Vec::new());
        assert_eq!(empty.len(), 1);
        assert!(empty[0].up.is_none());
    }
}

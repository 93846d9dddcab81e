//! The worker's answer to a generation (`Shipped`, JSON): what the page shows of an outcome,
//! without the migration itself (`Outcome::migration` makes it on demand).

use super::outcome::{outcome_by, Deferred, MoveView, Outcome, PackageChoice, StepView};
use super::request::Request;
use schemashift::contract::RiskV1;
use schemashift::diff::RenameSuggestion;
use schemashift::plan::Phase;
use schemashift::{Blocker, Migration, Options, SourcedDiagnostic};
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// An `Outcome` as the worker sends it to the page (JSON): what the page shows (not the
/// migration itself, see `Outcome::migration`).
#[derive(Serialize, Deserialize)]
pub struct Shipped {
    up: String,
    down: String,
    steps: Vec<(usize, String, String, String, Option<String>)>,
    risks: Vec<RiskV1>,
    #[serde(default)]
    down_risks: Vec<RiskV1>,
    diagnostics: Vec<SourcedDiagnostic>,
    suggestions: Vec<RenameSuggestion>,
    #[serde(default)]
    moves: Vec<MoveView>,
    #[serde(default)]
    package: PackageChoice,
    target: String,
    option_error: Option<String>,
    #[serde(default)]
    blocked: Vec<Blocker>,
}

/// The phase names a step can have, to give a shipped one its `&'static str` back.
const PHASES: [Phase; 3] = [Phase::Expand, Phase::Main, Phase::Contract];

impl Shipped {
    /// Generate in full (run by the worker).
    #[cfg(test)]
    pub fn generate(request: &Request) -> Shipped {
        Shipped::generate_keeping(request, schemashift::generate).0
    }

    /// Generate with `generate` (see `outcome_by`), and the migration (for the worker to keep).
    pub fn generate_keeping(
        request: &Request,
        generate: impl FnOnce(&str, &str, &Options) -> Migration,
    ) -> (Shipped, Option<Arc<Migration>>) {
        let mut o = outcome_by(request, generate);
        let migration = o.migration.take();
        let shipped = Shipped {
            up: o.up,
            down: o.down,
            steps: o.steps.into_iter().map(|s| (s.index, s.sql, s.phase.to_string(), s.operation, s.table)).collect(),
            risks: o.risks,
            down_risks: o.down_risks,
            diagnostics: o.diagnostics,
            suggestions: o.suggestions,
            moves: o.moves,
            package: o.package,
            target: o.target,
            option_error: o.option_error,
            blocked: o.blocked,
        };
        (shipped, migration)
    }

    pub(super) fn into_outcome(self, request: Request, call: u64) -> Outcome {
        Outcome {
            up: self.up,
            down: self.down,
            steps: self
                .steps
                .into_iter()
                .map(|(index, sql, phase, operation, table)| StepView {
                    index,
                    sql,
                    phase: PHASES.iter().map(|p| p.name()).find(|p| *p == phase).unwrap_or(Phase::Main.name()),
                    operation,
                    table,
                })
                .collect(),
            risks: self.risks,
            down_risks: self.down_risks,
            diagnostics: self.diagnostics,
            suggestions: self.suggestions,
            moves: self.moves,
            package: self.package,
            target: self.target,
            option_error: self.option_error,
            migration: None,
            deferred: Some(Arc::new(Deferred::new(request))),
            in_worker: true,
            worker_call: Some(call),
            blocked: self.blocked,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::outcome::outcome;
    use super::*;
    use schemashift::package::Format;
    use schemashift::Dialect;

    #[test]
    fn shipped_outcome_round_trips_and_makes_its_packages_on_demand() {
        let mut r = Request::new(
            Dialect::Postgres,
            "CREATE TABLE t (id integer PRIMARY KEY, a text);".into(),
            "CREATE TABLE t (id integer PRIMARY KEY, a text NOT NULL, b int);\nCREATE TABLE bad (".into(),
        );
        r.options.target_version = "16".into();
        // A stated package version: without one each package is stamped with the current
        // second, and the two builds compared below can fall on either side of a second.
        r.package_version = "20261206120000".into();
        let wire: Request = serde_json::from_str(&serde_json::to_string(&r).unwrap()).unwrap();
        assert_eq!(wire, r);
        let direct = outcome(&r);
        let shipped: Shipped = serde_json::from_str(&serde_json::to_string(&Shipped::generate(&wire)).unwrap()).unwrap();
        let wire = wire.clone();
        let o = shipped.into_outcome(wire, 1);
        assert!(o.in_worker && o.migration.is_none());
        assert_eq!((o.up.as_str(), o.down.as_str()), (direct.up.as_str(), direct.down.as_str()));
        assert_eq!(o.steps, direct.steps);
        assert_eq!(o.target, direct.target);
        assert_eq!(o.diagnostics, direct.diagnostics);
        assert!(!o.diagnostics.is_empty(), "the broken AFTER statement is reported");
        assert!(o.is_blocked() && o.blocked == direct.blocked, "the broken AFTER blocks the result");
        assert_eq!(o.risks.len(), direct.risks.len());
        for f in Format::ALL {
            assert_eq!(crate::lazy::now(o.package(f)), crate::lazy::now(direct.package(f)), "{f}");
        }
    }
}

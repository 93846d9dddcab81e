//! The worker's answer to a generation (`Shipped`): what the page shows of an outcome, without
//! the migration itself (`Outcome::migration` makes it on demand). It crosses as two strings
//! (`Shipped::wire`): its big texts (Up and Down SQL, each step's SQL) joined, the JSON of its
//! Up and Down risk notes, and JSON of the rest: the page never parses the 10 MB scripts as JSON
//! strings, and reads the notes only when they are read (`Notes`).

use super::notes::Notes;
use super::outcome::{outcome_by, Deferred, MoveView, Outcome, PackageChoice, StepView};
use super::request::Request;
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
    risks: Notes,
    #[serde(default)]
    down_risks: Notes,
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
    /// On the wire: the byte lengths of the texts sent beside the JSON, which are then empty
    /// here (Up, Down, each step's SQL in order). Empty: the texts are in the JSON.
    #[serde(default)]
    texts: Vec<usize>,
    /// On the wire: how many Up and Down notes there are (sent beside the JSON too).
    #[serde(default)]
    notes: (usize, usize),
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
            texts: Vec::new(),
            notes: (0, 0),
        };
        (shipped, migration)
    }

    /// As the worker sends it: JSON without the big texts, those texts joined, and the JSON of
    /// the Up and the Down notes (the page reads them into the module only when they are read).
    pub fn wire(mut self) -> [String; 4] {
        let mut joined = String::with_capacity(self.up.len() + self.down.len() + self.steps.iter().map(|s| s.1.len()).sum::<usize>());
        let texts = std::iter::once(&mut self.up).chain(std::iter::once(&mut self.down)).chain(self.steps.iter_mut().map(|s| &mut s.1));
        let mut lengths = Vec::new();
        for text in texts {
            joined.push_str(text);
            lengths.push(text.len());
            *text = String::new();
        }
        self.texts = lengths;
        self.notes = (self.risks.len(), self.down_risks.len());
        let notes = [std::mem::take(&mut self.risks).to_json(), std::mem::take(&mut self.down_risks).to_json()];
        let [up, down] = notes;
        [serde_json::to_string(&self).unwrap_or_default(), joined, up, down]
    }

    /// The answer `wire` made, its notes taken by `notes` (`Notes::from_json`, or `from_js` on
    /// the page); `None` when the parts do not fit together.
    pub fn from_wire(json: &str, joined: &str, notes: impl FnOnce(usize, usize) -> (Notes, Notes)) -> Option<Shipped> {
        let mut shipped: Shipped = serde_json::from_str(json).ok()?;
        let lengths = std::mem::take(&mut shipped.texts);
        if lengths.len() != shipped.steps.len() + 2 || lengths.iter().sum::<usize>() != joined.len() {
            return None;
        }
        let mut rest = joined;
        let mut next = |len: usize| {
            let text = rest.get(..len)?;
            rest = &rest[len..];
            Some(text.to_string())
        };
        let mut lengths = lengths.into_iter();
        shipped.up = next(lengths.next()?)?;
        shipped.down = next(lengths.next()?)?;
        for (step, len) in shipped.steps.iter_mut().zip(lengths) {
            step.1 = next(len)?;
        }
        (shipped.risks, shipped.down_risks) = notes(shipped.notes.0, shipped.notes.1);
        Some(shipped)
    }

    /// What the page shows of it: `call` is the worker's call that made it (`None`: made at
    /// build time, `first_result.rs`); the migration is made again on demand from `request`.
    pub(super) fn into_outcome(self, request: Request, call: Option<u64>) -> Outcome {
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
            in_worker: call.is_some(),
            worker_call: call,
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
        let [json, joined, up_notes, down_notes] = Shipped::generate(&wire).wire();
        assert!(!direct.up.is_empty() && joined.starts_with(&direct.up), "the texts cross beside the JSON");
        assert!(!json.contains(&serde_json::to_string(&direct.up).unwrap()), "not in it");
        let notes = |up, down| (Notes::from_json(up_notes.clone(), up), Notes::from_json(down_notes.clone(), down));
        let shipped = Shipped::from_wire(&json, &joined, notes).unwrap();
        assert!(Shipped::from_wire(&json, &joined[1..], notes).is_none(), "parts that do not fit are refused");
        let wire = wire.clone();
        let o = shipped.into_outcome(wire, Some(1));
        assert!(o.in_worker && o.migration.is_none());
        assert_eq!((o.up.as_str(), o.down.as_str()), (direct.up.as_str(), direct.down.as_str()));
        assert_eq!(o.steps, direct.steps);
        assert_eq!(o.target, direct.target);
        assert_eq!(o.diagnostics, direct.diagnostics);
        assert!(!o.diagnostics.is_empty(), "the broken AFTER statement is reported");
        assert!(o.is_blocked() && o.blocked == direct.blocked, "the broken AFTER blocks the result");
        assert!(!direct.risks.is_empty() && o.risks.len() == direct.risks.len());
        assert_eq!(serde_json::to_string(&o.risks).unwrap(), serde_json::to_string(&direct.risks).unwrap());
        assert_eq!(serde_json::to_string(&o.down_risks).unwrap(), serde_json::to_string(&direct.down_risks).unwrap());
        for f in Format::ALL {
            assert_eq!(crate::lazy::now(o.package(f)), crate::lazy::now(direct.package(f)), "{f}");
        }
    }
}

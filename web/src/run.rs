//! The one place the web crate calls into `schemashift-core`: build `Options` from what the
//! user chose, run `schemashift::generate`, and keep the parts of the v1 result the page shows.
//!
//! No migration logic lives here: this only translates between the page and the core.

use schemashift::contract::{self, ResultV1, RiskV1, StepV1};
use schemashift::diff::RenameSuggestion;
use schemashift::{Dialect, Options, SourcedDiagnostic, Target};
use std::collections::BTreeMap;

/// What the user asked for: the two schemas and the options.
#[derive(Clone, Debug, PartialEq)]
pub struct Request {
    pub dialect: Dialect,
    pub before: String,
    pub after: String,
    /// `--target-version` text; empty means the dialect's default target.
    pub target_version: String,
    pub zero_downtime: bool,
    pub preserve_data: bool,
    pub renames: Vec<String>,
    pub table_sizes: BTreeMap<String, u64>,
}

impl Request {
    pub fn new(dialect: Dialect, before: String, after: String) -> Self {
        Request {
            dialect,
            before,
            after,
            target_version: String::new(),
            zero_downtime: false,
            preserve_data: false,
            renames: Vec::new(),
            table_sizes: BTreeMap::new(),
        }
    }

    /// The core's options, or a message when the target version is not valid.
    pub fn options(&self) -> Result<Options, String> {
        let mut options = Options::new(self.dialect);
        let version = self.target_version.trim();
        if !version.is_empty() {
            options.target = Target::parse(self.dialect, version)?;
        }
        options.zero_downtime = self.zero_downtime;
        options.preserve_data = self.preserve_data;
        options.renames = self.renames.clone();
        options.table_sizes = self.table_sizes.clone();
        Ok(options)
    }
}

/// What the page shows of one generation.
#[derive(Clone, Default)]
pub struct Outcome {
    pub up: String,
    pub down: String,
    pub steps: Vec<StepView>,
    pub risks: Vec<RiskV1>,
    pub diagnostics: Vec<SourcedDiagnostic>,
    /// Likely renames the differ did not apply (accepting one adds its `option` to `renames`).
    pub suggestions: Vec<RenameSuggestion>,
    /// The engine the SQL is written for, e.g. `postgres 15.0`.
    pub target: String,
    /// A problem with the options themselves (e.g. an unknown target version).
    pub option_error: Option<String>,
}

/// One step of the up migration, as the page lists it.
#[derive(Clone, Debug, PartialEq)]
pub struct StepView {
    pub index: usize,
    pub sql: String,
    pub phase: &'static str,
    pub operation: String,
}

impl From<StepV1> for StepView {
    fn from(s: StepV1) -> Self {
        StepView { index: s.index, sql: s.sql, phase: s.phase, operation: s.operation }
    }
}

/// Run the whole pipeline for the page.
pub fn outcome(request: &Request) -> Outcome {
    let options = match request.options() {
        Ok(options) => options,
        Err(message) => return Outcome { option_error: Some(message), ..Outcome::default() },
    };
    let migration = schemashift::generate(&request.before, &request.after, &options);
    let result = ResultV1::new(&migration);
    let diagnostics = result.diagnostics.to_vec();
    let suggestions = result.rename_suggestions.to_vec();
    let target = format!("{} {}", result.dialect, result.target_version);
    Outcome {
        up: result.up,
        down: result.down,
        steps: result.steps.into_iter().map(StepView::from).collect(),
        risks: result.risks,
        diagnostics,
        suggestions,
        target,
        option_error: None,
    }
}

/// Run the whole pipeline and return the v1 JSON document (the same as `schemashift diff --json`).
pub fn json(request: &Request) -> Result<String, String> {
    let options = request.options()?;
    let migration = schemashift::generate(&request.before, &request.after, &options);
    Ok(contract::to_json(&migration))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_target_when_version_is_empty() {
        let r = Request::new(Dialect::Postgres, String::new(), String::new());
        assert_eq!(r.options().unwrap().target, Target::default_for(Dialect::Postgres));
    }

    #[test]
    fn bad_target_version_is_reported_not_panicking() {
        let mut r = Request::new(Dialect::Postgres, String::new(), String::new());
        r.target_version = "banana".into();
        let o = outcome(&r);
        assert!(o.option_error.is_some_and(|m| m.contains("banana")));
        assert!(json(&r).is_err());
    }

    #[test]
    fn json_is_the_cli_contract_document() {
        let r = Request::new(
            Dialect::Sqlite,
            "CREATE TABLE t (id integer PRIMARY KEY);".into(),
            "CREATE TABLE t (id integer PRIMARY KEY, b text);".into(),
        );
        let doc: serde_json::Value = serde_json::from_str(&json(&r).unwrap()).unwrap();
        assert_eq!(doc["schema_version"], 1);
        assert_eq!(doc["dialect"], "sqlite");
        for key in ["up", "down", "steps", "risks", "diagnostics"] {
            assert!(doc.get(key).is_some(), "missing {key}");
        }
    }
}

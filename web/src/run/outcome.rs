//! What the page shows of one generation (`Outcome`), made from the core's migration and its
//! v1 result (`outcome`, `outcome_by`), and the reasons it is blocked.

use super::notes::Notes;
use super::request::Request;
use schemashift::contract::{self, ResultV1, StepV1};
use schemashift::diff::RenameSuggestion;
use schemashift::package::{Format, Package};
use schemashift::plan::preserve::proposals::DataMoveProposal;
use schemashift::{BlockKind, Blocker, Dialect, Migration, Options, Side, SourcedDiagnostic};
use serde::{Deserialize, Serialize};
use std::sync::{Arc, OnceLock};

/// What the page shows of one generation.
#[derive(Clone, Default)]
pub struct Outcome {
    pub up: String,
    pub down: String,
    pub steps: Vec<StepView>,
    pub risks: Notes,
    /// The notes of the down migration's own steps (`step` indexes the down steps).
    pub down_risks: Notes,
    pub diagnostics: Vec<SourcedDiagnostic>,
    /// Likely renames the differ did not apply (accepting one adds its `option` to `renames`).
    pub suggestions: Vec<RenameSuggestion>,
    /// The data moves offered or named, with their answers (`moves.rs`).
    pub moves: Vec<MoveView>,
    /// The package's version and name as asked (`Request::package_options`).
    pub package: PackageChoice,
    /// The engine the SQL is written for, by its name: `PostgreSQL 15`, `MariaDB 10.11`.
    pub target: String,
    /// A problem with the options themselves (e.g. an unknown target version).
    pub option_error: Option<String>,
    /// The whole migration, for the package (absent when the options were not valid, and when
    /// the worker generated the outcome: then `Outcome::migration` makes it on demand).
    pub migration: Option<Arc<Migration>>,
    /// For an outcome of the worker: the request, and the migration once generated on the page.
    pub deferred: Option<Arc<Deferred>>,
    /// True when a background worker generated it.
    pub in_worker: bool,
    /// The worker's call that made it: the worker keeps its migration for the package files
    /// (`package_of`), so the page never generates it again for them.
    pub worker_call: Option<u64>,
    /// Why this result must not be run as it stands (empty: safe to run), see `blockers`.
    pub blocked: Vec<Blocker>,
}

/// The migration of a worker's outcome, generated on the page the first time it is asked for.
pub struct Deferred {
    request: Request,
    migration: OnceLock<Option<Arc<Migration>>>,
}

impl Deferred {
    /// The migration of `request`, not generated yet.
    pub fn new(request: Request) -> Self {
        Deferred { request, migration: OnceLock::new() }
    }
}

impl Outcome {
    /// The whole migration: the one generated on the page, or (for an outcome of the worker or
    /// made at build time) generated now, once; `None` when the options were not valid or the
    /// generator is not loaded (`engine::ready` first).
    pub fn migration(&self) -> Option<Arc<Migration>> {
        if let Some(m) = &self.migration {
            return Some(Arc::clone(m));
        }
        let deferred = self.deferred.as_ref()?;
        // Not kept as "none" while the generator is not loaded.
        let generator = match deferred.migration.get() {
            Some(m) => return m.clone(),
            None => crate::engine::loaded()?,
        };
        deferred
            .migration
            .get_or_init(|| {
                let options = deferred.request.options().ok()?;
                Some(Arc::new(generator.generate(&deferred.request.before, &deferred.request.after, &options)))
            })
            .clone()
    }

    /// Nothing generated, for `reason` (the generator's chunk did not load): blocked, so that
    /// no tab reads as "no changes".
    pub fn not_generated(reason: String) -> Outcome {
        let blocked = vec![Blocker::new(BlockKind::NotPlanned, format!("{reason}: reload the page"))];
        Outcome { option_error: Some(reason), blocked, ..Outcome::default() }
    }

    /// What the package is made from, without the texts shown (cheap to clone into a task).
    pub fn package_source(&self) -> Outcome {
        Outcome {
            package: self.package.clone(),
            option_error: self.option_error.clone(),
            migration: self.migration.clone(),
            deferred: self.deferred.clone(),
            in_worker: self.in_worker,
            worker_call: self.worker_call,
            ..Outcome::default()
        }
    }

    /// The outcome without its scripts (what the notes and diagnostics panels read).
    pub fn without_scripts(&self) -> Outcome {
        Outcome { up: String::new(), down: String::new(), ..self.package_source() }.with_notes_of(self)
    }

    fn with_notes_of(mut self, o: &Outcome) -> Outcome {
        self.steps = o.steps.clone();
        self.risks = o.risks.clone();
        self.down_risks = o.down_risks.clone();
        self.diagnostics = o.diagnostics.clone();
        self.suggestions = o.suggestions.clone();
        self.moves = o.moves.clone();
        self.target = o.target.clone();
        self.blocked = o.blocked.clone();
        self
    }

    /// True for the built-in example's result (`first_result.rs`): not generated on this page.
    pub fn is_built_in(&self) -> bool {
        self.deferred.is_some() && !self.in_worker
    }

    /// True when the result must not be copied, downloaded or verified without an override.
    pub fn is_blocked(&self) -> bool {
        !self.blocked.is_empty()
    }

    /// The steps that destroy data (a data-loss risk note, or a drop of a table, column,
    /// schema, sequence or type): what the user reads before overriding a block.
    pub fn destructive_steps(&self) -> Vec<&StepView> {
        self.steps
            .iter()
            .filter(|s| DESTRUCTIVE_OPS.contains(&s.operation.as_str()) || self.risks.iter().any(|r| r.step == s.index && r.data_loss))
            .collect()
    }

    /// The package in `format`, built from the migration (its builder is a lazy chunk).
    pub async fn package(&self, format: Format) -> Option<Result<Package, String>> {
        let mut request = Request::new(Dialect::Postgres, String::new(), String::new());
        request.package_version = self.package.version.clone();
        request.package_name = self.package.name.clone();
        if self.migration.is_none() {
            if let Err(e) = crate::engine::ready().await {
                return Some(Err(e.0));
            }
        }
        let m = self.migration()?;
        Some(crate::lazy::build_package(&m, &request.package_options(format)).await.map_err(|e| e.0))
    }
}

/// The package version and name the user asked for (empty: the defaults).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct PackageChoice {
    pub version: String,
    pub name: String,
}

/// A data move proposal as the page shows it and answers it (from the core's `DataMoveProposal`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MoveView {
    /// `split`, `merge` or `copy`.
    pub kind: String,
    pub from: String,
    pub to: String,
    pub columns: Vec<String>,
    /// `pending`, `accepted` or `declined`.
    pub status: String,
    pub filter: Option<String>,
    /// Why accepting needs a row filter (the page then asks for one).
    pub needs_filter: Option<String>,
    /// A condition to start from (a placeholder, never used as is).
    pub suggested_filter: Option<String>,
    /// Why it blocks the result.
    pub blocked: Option<String>,
    /// What down cannot give back once the move ran.
    pub down: Option<String>,
    /// The `--copy` value that accepts it, without a filter: `dest=src`.
    pub copy: String,
}

impl MoveView {
    fn new(p: &DataMoveProposal) -> Self {
        let kind = serde_json::to_value(p.kind).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default();
        let status = serde_json::to_value(p.status).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default();
        // The hint is `-- schemashift:copy-from SRC[ where COND]` (SRC as the destination's schema names it).
        let spec = p.hint.strip_prefix("-- schemashift:copy-from ").unwrap_or(&p.from);
        let (source, cond) = match spec.split_once(" where ") {
            Some((s, c)) => (s.trim(), Some(c.trim().to_string())),
            None => (spec.trim(), None),
        };
        MoveView {
            kind,
            from: p.from.clone(),
            to: p.to.clone(),
            columns: p.columns.clone(),
            status,
            filter: p.filter.clone(),
            needs_filter: p.needs_filter.clone(),
            suggested_filter: if p.filter.is_none() { cond } else { None },
            blocked: p.blocked.clone(),
            down: p.down.clone(),
            copy: format!("{}={source}", p.to),
        }
    }
}

/// One step of the up migration, as the page lists it.
#[derive(Clone, Debug, PartialEq)]
pub struct StepView {
    pub index: usize,
    pub sql: String,
    pub phase: &'static str,
    pub operation: String,
    /// The table the step is about, as the risk notes name it (`public.t`).
    pub table: Option<String>,
}

impl From<StepV1> for StepView {
    fn from(s: StepV1) -> Self {
        StepView { index: s.index, sql: s.sql, phase: s.phase, operation: s.operation, table: s.table }
    }
}

/// Operations that destroy stored data whatever their risk notes say.
const DESTRUCTIVE_OPS: [&str; 5] = ["drop_table", "drop_column", "drop_namespace", "drop_sequence", "drop_type"];

/// The reasons `m` is blocked: the core's (`Migration::blocked`) and, should the core not have
/// named one, every error diagnostic of an input (what that input meant is unknown).
pub fn blockers(m: &Migration) -> Vec<Blocker> {
    if m.is_blocked() || !m.has_errors() {
        return m.blocked.clone();
    }
    m.diagnostics
        .iter()
        .filter(|d| d.diagnostic.is_error())
        .map(|d| {
            let kind = if d.side == Side::Options { BlockKind::OptionError } else { BlockKind::InputError };
            Blocker::new(
                kind,
                format!("{}: what this statement meant is unknown, so the result may drop or change what it names", d.diagnostic.message),
            )
            .at(d.side, d.diagnostic.line, d.diagnostic.column)
        })
        .collect()
}

/// Run the whole pipeline for the page.
pub fn outcome(request: &Request) -> Outcome {
    outcome_by(request, schemashift::generate)
}

/// Run the whole pipeline for the page with `generate` (`schemashift::generate`, or a
/// `Session`'s `update` in the worker: the same bytes).
pub fn outcome_by(request: &Request, generate: impl FnOnce(&str, &str, &Options) -> Migration) -> Outcome {
    let options = match request.options() {
        Ok(options) => options,
        Err(message) => {
            // Nothing was generated: blocked, so that no tab reads as "no changes".
            let blocked = vec![Blocker::new(BlockKind::OptionError, format!("{message}: nothing is generated until it is fixed")).at(
                Side::Options,
                0,
                0,
            )];
            return Outcome { option_error: Some(message), blocked, ..Outcome::default() };
        }
    };
    let migration = Arc::new(generate(&request.before, &request.after, &options));
    let result = ResultV1::new(&migration);
    let diagnostics = result.diagnostics.to_vec();
    let suggestions = result.rename_suggestions.to_vec();
    let moves = result.data_move_proposals.iter().map(MoveView::new).collect();
    let target = crate::targets::label(&migration.target);
    Outcome {
        up: result.up,
        down: result.down,
        steps: result.steps.into_iter().map(StepView::from).collect(),
        risks: result.risks.into(),
        down_risks: result.down_risks.into(),
        diagnostics,
        suggestions,
        moves,
        package: PackageChoice { version: request.package_version.clone(), name: request.package_name.clone() },
        target,
        option_error: None,
        blocked: blockers(&migration),
        migration: Some(Arc::clone(&migration)),
        deferred: None,
        in_worker: false,
        worker_call: None,
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
    fn bad_target_version_is_reported_not_panicking() {
        let mut r = Request::new(Dialect::Postgres, String::new(), String::new());
        r.options.target_version = "banana".into();
        let o = outcome(&r);
        assert!(o.blocked.iter().any(|b| b.kind == BlockKind::OptionError && b.message.contains("banana")), "{:?}", o.blocked);
        let doc: serde_json::Value = serde_json::from_str(&json(&r).unwrap()).unwrap();
        assert_eq!(doc["blocked"], true);
        r.options.target_version = String::new();
        r.options.table_sizes_text = "users 10\nusers lots\n".into();
        let o = outcome(&r);
        assert!(o.blocked.iter().any(|b| b.kind == BlockKind::OptionError && b.line == 2), "{:?}", o.blocked);
    }

    #[test]
    fn a_typo_blocks_the_result_and_drops_are_listed_as_destructive() {
        let r = Request::new(
            Dialect::Postgres,
            "CREATE TABLE users (id int PRIMARY KEY);\nCREATE TABLE orders (id int PRIMARY KEY);\nCREATE TABLE legacy (id int);".into(),
            "CREATE TABLE users (id int PRIMARY KEY);\nCREAT TABLE orders (id int PRIMARY KEY);".into(),
        );
        let o = outcome(&r);
        assert!(o.is_blocked(), "{:?}", o.diagnostics);
        let b = &o.blocked[0];
        assert_eq!((b.side, b.line), (Some(Side::After), 2));
        let destructive = o.destructive_steps();
        // The mistyped table is kept unchanged; the table AFTER drops on purpose is destructive.
        assert!(destructive.iter().any(|s| s.sql.contains("DROP TABLE \"public\".\"legacy\"")), "{:?}", o.steps);
        assert!(!destructive.iter().any(|s| s.sql.contains("orders")), "{:?}", o.steps);
        let fine = Request::new(Dialect::Postgres, "CREATE TABLE t (id int);".into(), "CREATE TABLE t (id int, b int);".into());
        let o = outcome(&fine);
        assert!(!o.is_blocked() && o.destructive_steps().is_empty());
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

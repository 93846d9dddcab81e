//! The one place the web crate calls into `schemashift-core`: build `Options` from what the
//! user chose, run `schemashift::generate`, and keep the parts of the v1 result the page shows.
//!
//! Small inputs are generated on the page's thread (a few milliseconds). Large ones go to a
//! module worker (`www/worker.js`, same wasm; see `worker_api.rs`) when the page has one, so the
//! page stays responsive: the worker sends back a `Shipped` outcome (JSON) with what the page
//! shows. The `Migration` itself (for the package, ~10 MB per format for 2000 tables, too big to
//! ship) is generated on the page only when something asks for it (`Outcome::migration`), e.g.
//! when the Package tab is opened. Where no worker runs (e.g. the page opened from `file://`),
//! generation stays on the page. No migration logic lives here: this only translates between the page and
//! the core.

use crate::app::Generated;
use crate::splice::Splice;
use crate::worker_api::{Call, PackageAnswer, PackageCall, STALE};
use leptos::prelude::{GetUntracked, RwSignal, Set, Update};
use schemashift::contract::{self, ResultV1, RiskV1, StepV1};
use schemashift::diff::RenameSuggestion;
use schemashift::package::{self, Format, Package, PackageOptions};
use schemashift::plan::preserve::proposals::DataMoveProposal;
use schemashift::plan::Phase;
use schemashift::{BlockKind, Blocker, Dialect, Migration, Options, Side, SourcedDiagnostic};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::sync::{Arc, OnceLock};
use wasm_bindgen::{JsCast, JsValue};

/// BEFORE plus AFTER larger than this (bytes) is generated in the worker, when there is one.
pub const WORKER_THRESHOLD: usize = 48 * 1024;

/// What the user asked for: the two schemas and the options.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Request {
    #[serde(with = "dialect_name")]
    pub dialect: Dialect,
    pub before: String,
    pub after: String,
    /// `--target-version` text; empty means the dialect's default target.
    pub target_version: String,
    /// `--flavor` (`cockroachdb`, `tidb`...); empty: the one the target version names.
    #[serde(default)]
    pub flavor: String,
    pub zero_downtime: bool,
    pub preserve_data: bool,
    pub renames: Vec<String>,
    /// Row counts given as a map (the JS API).
    pub table_sizes: BTreeMap<String, u64>,
    /// Row counts as typed in the page (the `--table-sizes` file format), read by the core.
    #[serde(default)]
    pub table_sizes_text: String,
    /// `--speed-factor` as typed (`calibrate.sql`'s factor); empty: 1.
    #[serde(default)]
    pub speed_factor: String,
    /// Rename suggestions answered "not a rename" (`--not-rename` values).
    #[serde(default)]
    pub not_renames: Vec<String>,
    /// Accepted data moves (`--copy` values: `dest=src [where cond]`).
    #[serde(default)]
    pub copies: Vec<String>,
    /// Declined data moves (`--no-copy` values: the destination table).
    #[serde(default)]
    pub no_copies: Vec<String>,
    /// The package's version (`--version`); empty: the current UTC time.
    #[serde(default)]
    pub package_version: String,
    /// The package's name (`--name`); empty: from the first change.
    #[serde(default)]
    pub package_name: String,
    /// `--osc`: `gh-ost` or `pt-osc` (empty: off), `--osc-all`, `--osc-min-rows` as typed.
    #[serde(default)]
    pub osc: String,
    #[serde(default)]
    pub osc_all: bool,
    #[serde(default)]
    pub osc_min_rows: String,
}

impl Request {
    pub fn new(dialect: Dialect, before: String, after: String) -> Self {
        Request {
            dialect,
            before,
            after,
            target_version: String::new(),
            flavor: String::new(),
            zero_downtime: false,
            preserve_data: false,
            renames: Vec::new(),
            table_sizes: BTreeMap::new(),
            table_sizes_text: String::new(),
            speed_factor: String::new(),
            not_renames: Vec::new(),
            copies: Vec::new(),
            no_copies: Vec::new(),
            package_version: String::new(),
            package_name: String::new(),
            osc: String::new(),
            osc_all: false,
            osc_min_rows: String::new(),
        }
    }

    /// The package options of this request: its version (or the current UTC time) and name.
    pub fn package_options(&self, format: Format) -> PackageOptions {
        let version = self.package_version.trim();
        let mut options = PackageOptions::new(format, if version.is_empty() { now_version() } else { version.to_string() });
        let name = self.package_name.trim();
        options.name = (!name.is_empty()).then(|| name.to_string());
        options
    }

    /// The core's options. A target version or table-size line that does not read becomes an
    /// options error of the core (`Options::set_target_version`, `set_table_sizes`): the result
    /// is blocked with that reason, never generated for a guess.
    pub fn options(&self) -> Result<Options, String> {
        let mut options = Options::new(self.dialect);
        options.set_target(&self.flavor, &self.target_version);
        options.zero_downtime = self.zero_downtime;
        options.preserve_data = self.preserve_data;
        options.renames = self.renames.clone();
        options.not_renames = self.not_renames.clone();
        options.copies = self.copies.clone();
        options.no_copies = self.no_copies.clone();
        if !self.table_sizes_text.trim().is_empty() {
            options.set_table_sizes(&self.table_sizes_text);
        }
        options.table_sizes.extend(self.table_sizes.iter().map(|(t, n)| (t.clone(), *n)));
        if !self.speed_factor.trim().is_empty() {
            options.set_speed_factor(&self.speed_factor);
        }
        options.set_osc(&self.osc, self.osc_all, &self.osc_min_rows);
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
    /// The notes of the down migration's own steps (`step` indexes the down steps).
    pub down_risks: Vec<RiskV1>,
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

impl Outcome {
    /// The whole migration: the one generated on the page, or (for an outcome of the worker)
    /// generated now, once; `None` when the options were not valid.
    pub fn migration(&self) -> Option<Arc<Migration>> {
        if let Some(m) = &self.migration {
            return Some(Arc::clone(m));
        }
        let deferred = self.deferred.as_ref()?;
        deferred
            .migration
            .get_or_init(|| {
                let options = deferred.request.options().ok()?;
                Some(Arc::new(schemashift::generate(&deferred.request.before, &deferred.request.after, &options)))
            })
            .clone()
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

    /// The package in `format`, built from the migration.
    pub fn package(&self, format: Format) -> Option<Result<Package, String>> {
        let mut request = Request::new(Dialect::Postgres, String::new(), String::new());
        request.package_version = self.package.version.clone();
        request.package_name = self.package.name.clone();
        self.migration().map(|m| package::build(&m, &request.package_options(format)))
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

/// The package version: the current UTC time as `YYYYMMDDHHMMSS` (the core reads no clock).
pub fn now_version() -> String {
    // The page's clock in the browser; the system clock in native unit tests (js-sys panics there).
    #[cfg(target_arch = "wasm32")]
    let secs = (js_sys::Date::now() / 1000.0) as u64;
    #[cfg(not(target_arch = "wasm32"))]
    let secs = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0);
    package::utc_version(secs)
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
        risks: result.risks,
        down_risks: result.down_risks,
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

mod dialect_name {
    use schemashift::Dialect;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(d: &Dialect, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(d.name())
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Dialect, D::Error> {
        let name = String::deserialize(d)?;
        name.parse().map_err(serde::de::Error::custom)
    }
}

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

    fn into_outcome(self, request: Request, call: u64) -> Outcome {
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
            deferred: Some(Arc::new(Deferred { request, migration: OnceLock::new() })),
            in_worker: true,
            worker_call: Some(call),
            blocked: self.blocked,
        }
    }
}

/// Milliseconds from the page's high-resolution clock (0 when there is none).
fn now_ms() -> f64 {
    web_sys::window().and_then(|w| w.performance()).map(|p| p.now()).unwrap_or(0.0)
}

/// `window.schemashiftWorker[method]`, when the page started the worker (`www/boot.js`).
fn worker_method(method: &str) -> Option<(JsValue, js_sys::Function)> {
    let window = web_sys::window()?;
    let worker = js_sys::Reflect::get(&window, &JsValue::from_str("schemashiftWorker")).ok()?;
    let function = js_sys::Reflect::get(&worker, &JsValue::from_str(method)).ok()?;
    Some((worker, function.dyn_into().ok()?))
}

/// Call `window.schemashiftWorker[method](json)` and wait for its answer (a string).
async fn call_worker(method: &str, json: &str) -> Result<String, String> {
    let (this, function) = worker_method(method).ok_or_else(|| "no worker".to_string())?;
    let promise: js_sys::Promise = function
        .call1(&this, &JsValue::from_str(json))
        .map_err(|e| format!("{e:?}"))?
        .dyn_into()
        .map_err(|_| "not a promise".to_string())?;
    let answer = wasm_bindgen_futures::JsFuture::from(promise)
        .await
        .map_err(|e| js_sys::Reflect::get(&e, &JsValue::from_str("message")).ok().and_then(|m| m.as_string()).unwrap_or_default())?;
    answer.as_string().ok_or_else(|| "not a string".to_string())
}

/// True when `request` is generated in the worker (large, and the page has one).
pub fn goes_to_worker(request: &Request) -> bool {
    request.before.len() + request.after.len() > WORKER_THRESHOLD && worker_method("generate").is_some()
}

/// A request waiting for the worker: the playground's `requested` signal and how to send it.
type Queued = (RwSignal<u64>, Box<dyn FnOnce()>);

thread_local! {
    /// The last call sent to the worker and its texts (the worker keeps them: the next call
    /// sends splices against them).
    static SENT: std::cell::RefCell<Option<(u64, String, String)>> = const { std::cell::RefCell::new(None) };
    static NEXT_CALL: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
    /// A call is on its way to the worker; `QUEUED` holds the newest request of each playground
    /// of the page (by its `requested` signal) waiting for it.
    static BUSY: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    static QUEUED: std::cell::RefCell<Vec<Queued>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// The worker's `Call` for `request`: splices against the texts of the previous call when the
/// worker holds them (`whole`: send the whole texts).
fn worker_call(request: &Request, whole: bool) -> (u64, String) {
    let id = NEXT_CALL.with(|n| {
        n.set(n.get() + 1);
        n.get()
    });
    let previous = if whole { None } else { SENT.take() };
    let call = match &previous {
        Some((base, before, after)) => Call {
            id,
            base: Some(*base),
            request: Request { before: String::new(), after: String::new(), ..request.clone() },
            before: Some(Splice::between(before, &request.before)).filter(|s| !s.is_empty()),
            after: Some(Splice::between(after, &request.after)).filter(|s| !s.is_empty()),
        },
        None => Call { id, base: None, request: request.clone(), before: None, after: None },
    };
    SENT.set(Some((id, request.before.clone(), request.after.clone())));
    (id, serde_json::to_string(&call).unwrap_or_default())
}

/// Generate in the worker: `Err(())` when it cannot (the caller then generates on the page),
/// `Ok(None)` when a newer request overtook this one (its answer is not even parsed).
async fn in_worker(request: &Request, current: impl Fn() -> bool) -> Result<Option<Outcome>, ()> {
    let (mut id, json) = worker_call(request, false);
    let mut answer = call_worker("generate", &json).await;
    if answer.as_ref().is_err_and(|e| e.contains(STALE)) {
        // The worker lost the texts the splices were made against: send them whole.
        let (whole_id, json) = worker_call(request, true);
        id = whole_id;
        answer = call_worker("generate", &json).await;
    }
    let Ok(answer) = answer else {
        SENT.set(None);
        return Err(());
    };
    if !current() {
        return Ok(None);
    }
    let shipped = serde_json::from_str::<Shipped>(&answer).map_err(|_| ())?;
    Ok(Some(shipped.into_outcome(request.clone(), id)))
}

/// The package in `format` of `outcome`: built on the page from its migration, or asked of the
/// worker that made it (which keeps its migration); `None` when there is none (invalid options,
/// or the worker has moved on to a newer result, which is then on its way).
pub async fn package_of(outcome: &Outcome, format: Format) -> Option<Result<Package, String>> {
    if outcome.migration.is_some() || outcome.worker_call.is_none() || worker_method("package").is_none() {
        return outcome.package(format);
    }
    let call = PackageCall {
        id: outcome.worker_call?,
        format: format.name().to_string(),
        version: if outcome.package.version.trim().is_empty() { now_version() } else { outcome.package.version.clone() },
        name: outcome.package.name.clone(),
    };
    let answer = call_worker("package", &serde_json::to_string(&call).ok()?).await.ok()?;
    let answer: PackageAnswer = serde_json::from_str(&answer).ok()?;
    match (answer.files, answer.error) {
        (Some(files), _) => Some(Ok(Package { files: files.into_iter().map(|(p, t)| (p, t.into_bytes())).collect() })),
        (None, Some(e)) if e == STALE => None,
        (None, e) => Some(Err(e.unwrap_or_default())),
    }
}

/// Generate the page's outcome for `request` and put it, with the time it took, into
/// `generated`; a result that a newer request overtook is dropped. In the worker, one call at a
/// time: a request made while one is on its way waits for it, and only the newest one waits.
pub fn start(request: Request, generated: Generated) {
    let ticket = generated.requested.get_untracked() + 1;
    generated.requested.set(ticket);
    let current = move || generated.requested.get_untracked() == ticket;
    let publish = move |outcome: Outcome, elapsed: f64| {
        if !current() {
            return;
        }
        generated.elapsed_ms.set(Some(elapsed));
        generated.outcome.set(outcome);
        generated.pending.set(false);
        generated.runs.update(|n| *n += 1);
    };
    let start = now_ms();
    if goes_to_worker(&request) {
        let send = move || {
            BUSY.set(true);
            leptos::task::spawn_local(async move {
                match in_worker(&request, current).await {
                    Ok(Some(o)) => publish(o, now_ms() - start),
                    Ok(None) => {}
                    Err(()) => publish(outcome(&request), now_ms() - start),
                }
                BUSY.set(false);
                let next = QUEUED.with_borrow_mut(|q| (!q.is_empty()).then(|| q.remove(0).1));
                if let Some(next) = next {
                    next();
                }
            });
        };
        if BUSY.get() {
            QUEUED.with_borrow_mut(|q| {
                q.retain(|(owner, _)| *owner != generated.requested);
                q.push((generated.requested, Box::new(send)));
            });
        } else {
            send();
        }
    } else {
        let o = outcome(&request);
        publish(o, now_ms() - start);
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
    use schemashift::Target;

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
        assert!(o.blocked.iter().any(|b| b.kind == BlockKind::OptionError && b.message.contains("banana")), "{:?}", o.blocked);
        let doc: serde_json::Value = serde_json::from_str(&json(&r).unwrap()).unwrap();
        assert_eq!(doc["blocked"], true);
        r.target_version = String::new();
        r.table_sizes_text = "users 10\nusers lots\n".into();
        let o = outcome(&r);
        assert!(o.blocked.iter().any(|b| b.kind == BlockKind::OptionError && b.line == 2), "{:?}", o.blocked);
    }

    #[test]
    fn shipped_outcome_round_trips_and_makes_its_packages_on_demand() {
        let mut r = Request::new(
            Dialect::Postgres,
            "CREATE TABLE t (id integer PRIMARY KEY, a text);".into(),
            "CREATE TABLE t (id integer PRIMARY KEY, a text NOT NULL, b int);\nCREATE TABLE bad (".into(),
        );
        r.target_version = "16".into();
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
            assert_eq!(o.package(f), direct.package(f), "{f}");
        }
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

//! The "Verify" action: run the generated migration on a real engine inside the page, with
//! rows in it, and show the result of each step: apply BEFORE, seed rows (the core's
//! `package::seed_sql` rows for BEFORE and/or the user's INSERTs), precheck.sql, up,
//! validate.sql, compare with AFTER, the rows up keeps, down, validate_down.sql, compare with
//! BEFORE, the seeded rows back. A run without rows is labelled "schema only"; the engine's
//! version is shown beside the target; results clear when the inputs change, and Verify is off
//! while the result is blocked (`blocked_banner.rs`).
//!
//! The engines (PGlite for PostgreSQL, sqlite-wasm for SQLite) are JavaScript: `www/boot.js`
//! sets `window.schemashiftEngines.verify(request)`, which imports `verify/verify.js` (and the
//! engine, several MB) only when the user asks. A page without it (the offline single file, a
//! site embedding `mount`) says that Verify is not available there. No engine for MySQL runs in
//! a browser, which the panel says instead of a button.

use crate::run::Outcome;
use leptos::prelude::*;
use schemashift::{Dialect, Migration};
use serde::{Deserialize, Serialize};
use std::sync::Arc;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// What `verify.js` is given: the inputs, the scripts, and the rows to seed.
#[derive(Serialize, Clone, Debug, PartialEq)]
struct VerifyRequest {
    dialect: &'static str,
    before: String,
    up: String,
    after: String,
    down: String,
    precheck: String,
    validate: String,
    validate_down: String,
    /// Generated rows for BEFORE (empty when the user turned them off).
    seed: String,
    /// The user's INSERTs into BEFORE.
    user_seed: String,
    /// Columns whose values up changes on purpose (a history's `USING` conversion): [schema,
    /// table, column] as AFTER names them; "Up keeps the rows" does not compare them.
    converted: Vec<[String; 3]>,
}

impl VerifyRequest {
    /// The scripts of `m` (the package's files of the same names, from its lazy chunk).
    async fn new(m: &Migration, before: String, after: String, generated_rows: bool, user_seed: String) -> Result<Self, String> {
        let scripts = crate::lazy::verify_scripts(m, generated_rows).await.map_err(|e| e.0)?;
        Ok(VerifyRequest {
            dialect: m.target.dialect.name(),
            before,
            up: m.up_sql(),
            after,
            down: m.down_sql(),
            precheck: scripts.precheck,
            validate: scripts.validate,
            validate_down: scripts.validate_down,
            seed: scripts.seed,
            user_seed,
            converted: converted(m),
        })
    }
}

/// The columns up converts with AFTER's own `USING` expression (`Schema::conversion`).
fn converted(m: &Migration) -> Vec<[String; 3]> {
    let mut out: Vec<[String; 3]> = m
        .after
        .conversions
        .iter()
        .filter(|c| m.after.tables.get(&c.table).and_then(|t| t.column(&c.column)).is_some_and(|col| col.data_type == c.to))
        .map(|c| [c.table.schema.clone(), c.table.name.clone(), c.column.clone()])
        .collect();
    out.sort();
    out.dedup();
    out
}

/// What `verify.js` answers.
#[derive(Deserialize, Clone, Debug, PartialEq)]
pub struct Report {
    /// "PGlite (PostgreSQL 17.4)".
    pub engine: String,
    /// The engine's version, "17.4".
    #[serde(default)]
    pub engine_version: String,
    /// How many rows were seeded (0: schema only).
    #[serde(default)]
    pub rows: usize,
    pub steps: Vec<StepResult>,
}

/// One step: `ok`, or not (`skipped` when an earlier step failed), with the engine's message
/// or the catalog difference.
#[derive(Deserialize, Clone, Debug, PartialEq)]
pub struct StepResult {
    pub name: String,
    pub ok: bool,
    #[serde(default)]
    pub skipped: bool,
    pub message: String,
}

impl Report {
    pub fn passed(&self) -> bool {
        !self.steps.is_empty() && self.steps.iter().all(|s| s.ok)
    }

    /// "All 12 steps ok with 6 seeded rows." or "2 of 12 steps failed — schema only (no rows)."
    pub fn summary(&self) -> String {
        let failed = self.steps.iter().filter(|s| !s.ok && !s.skipped).count();
        let rows = if self.rows > 0 {
            format!(" with {} seeded row{}", self.rows, if self.rows == 1 { "" } else { "s" })
        } else {
            " — schema only (no rows: data problems cannot show; add Seed rows)".to_string()
        };
        if self.passed() {
            format!("All {} steps ok{rows}.", self.steps.len())
        } else {
            format!("{failed} of {} steps failed{rows}.", self.steps.len())
        }
    }

    /// "Engine: PGlite (PostgreSQL 17.4) — target PostgreSQL 15: differences possible."
    pub fn engine_line(&self, target: &str) -> String {
        if self.engine.is_empty() {
            return String::new();
        }
        let major = |v: &str| v.split(|c: char| !c.is_ascii_digit()).next().unwrap_or("").to_string();
        let target_version = target.rsplit(' ').next().unwrap_or("");
        // PostgreSQL compares majors (15 vs 17); SQLite compares 3.x minors.
        let same = if target.starts_with("SQLite") {
            self.engine_version.split('.').take(2).eq(target_version.split('.').take(2))
        } else {
            major(&self.engine_version) == major(target_version)
        };
        let verdict = if same { "the same version" } else { "differences possible" };
        format!("Engine: {} — target {target}: {verdict}.", self.engine)
    }
}

/// What the panel shows.
#[derive(Clone, Debug, PartialEq)]
enum State {
    Idle,
    Running,
    Done(Report),
    Failed(String),
}

/// Why Verify cannot run for `dialect` on this page, if it cannot.
fn unavailable(dialect: Dialect, engines: bool) -> Option<&'static str> {
    match dialect {
        Dialect::Mysql => Some(
            "Verify: no MySQL or MariaDB engine runs in a browser. Run the package's scripts against a \
             real server to verify this migration.",
        ),
        _ if !engines => Some(
            "Verify is not available in this build: the in-browser PostgreSQL and SQLite engines are \
             only served with the hosted playground (dist/), not with the offline file or an embed.",
        ),
        _ => None,
    }
}

/// `window.schemashiftEngines.verify`, when this page has the engines.
fn verify_function() -> Option<(JsValue, js_sys::Function)> {
    let window = web_sys::window()?;
    let engines = js_sys::Reflect::get(&window, &JsValue::from_str("schemashiftEngines")).ok()?;
    let verify = js_sys::Reflect::get(&engines, &JsValue::from_str("verify")).ok()?;
    Some((engines, verify.dyn_into::<js_sys::Function>().ok()?))
}

fn js_error(e: JsValue) -> String {
    e.dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| e.as_string())
        .unwrap_or_else(|| "the engine could not be loaded".into())
}

/// Run `verify.js` on the current migration.
async fn run(request: VerifyRequest) -> Result<Report, String> {
    let (this, verify) = verify_function().ok_or("the engines are not loaded on this page")?;
    let arg = serde_wasm_bindgen::to_value(&request).map_err(|e| e.to_string())?;
    let promise = verify.call1(&this, &arg).map_err(js_error)?.dyn_into::<js_sys::Promise>().map_err(js_error)?;
    let value = JsFuture::from(promise).await.map_err(js_error)?;
    serde_wasm_bindgen::from_value(value).map_err(|e| format!("unexpected answer from verify.js: {e}"))
}

/// Verify on `m`: its scripts made and `verify.js` called and answered by code in the outputs
/// chunk (`lazy.rs`), loaded on the first press.
#[wasm_split_helpers::wasm_split(outputs, fallible)]
fn verification(
    m: Arc<Migration>,
    before: String,
    after: String,
    generated_rows: bool,
    user_seed: String,
) -> Result<crate::lazy::Later<Report>, crate::lazy::Failed> {
    Ok(Box::pin(async move { run(VerifyRequest::new(&m, before, after, generated_rows, user_seed).await?).await }))
}

/// `el.scrollIntoView({ block: "nearest" })` (through Reflect: no extra web-sys feature).
fn scroll_nearest(el: &JsValue) {
    let options = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&options, &JsValue::from_str("block"), &JsValue::from_str("nearest"));
    if let Ok(f) = js_sys::Reflect::get(el, &JsValue::from_str("scrollIntoView")).and_then(|f| f.dyn_into::<js_sys::Function>()) {
        let _ = f.call1(el, &options);
    }
}

#[component]
pub fn VerifyPanel(
    outcome: RwSignal<Outcome>,
    dialect: RwSignal<Dialect>,
    before: RwSignal<String>,
    after: RwSignal<String>,
    /// Blocked and not overridden: Verify is off.
    locked: Signal<bool>,
) -> impl IntoView {
    let state = RwSignal::new(State::Idle);
    // Completed runs, as `data-verified` (for tests and tools).
    let runs = RwSignal::new(0u32);
    // Bumped whenever what would be verified changes: an older result is dropped.
    let epoch = RwSignal::new(0u64);
    let generated_rows = RwSignal::new(true);
    let user_seed = RwSignal::new(String::new());
    let status = NodeRef::<leptos::html::P>::new();
    let engines = verify_function().is_some();
    Effect::new(move |_| {
        outcome.track();
        generated_rows.track();
        user_seed.track();
        epoch.update(|e| *e += 1);
        state.set(State::Idle);
    });
    let on_click = move |_| {
        if state.get_untracked() == State::Running || locked.get_untracked() {
            return;
        }
        // The migration: the page's, or made here from the inputs (the generator loaded first).
        let source = outcome.with_untracked(Outcome::package_source);
        let (before, after, generated_rows, user_seed) =
            (before.get_untracked(), after.get_untracked(), generated_rows.get_untracked(), user_seed.get_untracked());
        let ticket = epoch.get_untracked();
        state.set(State::Running);
        leptos::task::spawn_local(async move {
            let migration = match crate::engine::ready().await {
                Ok(_) => source.migration().ok_or_else(|| "there is no migration to verify (the options are not valid)".to_string()),
                Err(e) => Err(e.0),
            };
            let result = match migration {
                Ok(m) => match verification(m, before, after, generated_rows, user_seed).await {
                    Ok(running) => running.await,
                    Err(e) => Err(e.0),
                },
                Err(e) => Err(e),
            };
            if epoch.get_untracked() != ticket {
                return;
            }
            state.set(match result {
                Ok(report) => State::Done(report),
                Err(e) => State::Failed(e),
            });
            runs.update(|n| *n += 1);
            // The result is read where the button is: bring it into view.
            if let Some(p) = status.get_untracked() {
                scroll_nearest(&p);
            }
        });
    };
    let unavailable_now = move || unavailable(dialect.get(), engines);
    let off = move || {
        unavailable_now()
            .map(str::to_string)
            .or_else(|| locked.get().then(|| "Verify is off: the result is blocked (see the banner above the outputs).".to_string()))
    };
    let target = move || outcome.with(|o| o.target.clone());

    view! {
        <section class="ss-verify" aria-label="Verify on a real engine" data-verified=move || runs.get().to_string()>
            <div class="ss-panel-tools">
                <button
                    type="button"
                    class="ss-button ss-verify-button"
                    disabled=move || off().is_some() || state.get() == State::Running
                    on:click=on_click
                >
                    {move || if state.get() == State::Running { "Verifying…" } else { "Verify on a real engine" }}
                </button>
                <label class="ss-check">
                    <input
                        type="checkbox"
                        prop:checked=move || generated_rows.get()
                        on:change:target=move |ev| generated_rows.set(ev.target().checked())
                    />
                    "Seed generated rows"
                </label>
            </div>
            <details class="ss-seed">
                <summary>"Seed rows (your INSERTs into BEFORE)"</summary>
                <textarea
                    class="ss-small-text"
                    rows="3"
                    spellcheck="false"
                    autocomplete="off"
                    aria-label="Seed rows"
                    placeholder="INSERT INTO users (id, is_admin) VALUES (1, true);"
                    prop:value=move || user_seed.get()
                    on:input:target=move |ev| user_seed.set(ev.target().value())
                ></textarea>
            </details>
            <p class="ss-status" role="status" aria-live="polite" data-testid="verify-status" node_ref=status>
                {move || match (off(), state.get()) {
                    (Some(why), _) => why,
                    (None, State::Idle) => format!(
                        "Verify runs the migration on a real engine in this page, with rows in the tables: PostgreSQL \
                         (PGlite, about 16 MB, loaded once when asked) or SQLite (sqlite-wasm, about 1.3 MB). Target: {}.",
                        target()
                    ),
                    (None, State::Running) => "Verifying: loading the engine, seeding rows and applying the scripts…".to_string(),
                    (None, State::Failed(e)) => format!("Verify could not run: {e}"),
                    (None, State::Done(report)) => report.summary(),
                }}
            </p>
            {move || match state.get() {
                State::Done(report) => view! {
                    <p class="ss-hint" data-testid="verify-engine">{report.engine_line(&target())}</p>
                    <ol class="ss-verify-steps" data-testid="verify-steps" data-rows=report.rows.to_string()>
                        {report.steps.into_iter().map(|s| {
                            let (class, badge) = match (s.ok, s.skipped) {
                                (true, _) => ("ss-verify-step ss-low", "ok"),
                                (false, true) => ("ss-verify-step ss-info", "skipped"),
                                (false, false) => ("ss-verify-step ss-high", "error"),
                            };
                            let note = (s.ok && s.message != "ok").then(|| view! { <span class="ss-hint">{format!(" — {}", s.message)}</span> });
                            view! {
                                <li class=class data-ok=s.ok.to_string()>
                                    <span class="ss-badge">{badge}</span>" "{s.name}{note}
                                    {(!s.ok).then(|| view! { <pre class="ss-code">{s.message}</pre> })}
                                </li>
                            }
                        }).collect_view()}
                    </ol>
                }.into_any(),
                _ => ().into_any(),
            }}
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn step(ok: bool, skipped: bool) -> StepResult {
        StepResult { name: "s".into(), ok, skipped, message: String::new() }
    }

    #[test]
    fn a_history_using_conversion_is_listed_as_converted() {
        let before = "CREATE TABLE orders (id int PRIMARY KEY, amount numeric(10,2), note text);";
        let after = "CREATE TABLE orders (id int PRIMARY KEY, amount numeric(10,2), note text);\n\
                     ALTER TABLE orders ALTER COLUMN amount TYPE integer USING (amount * 100)::integer;";
        let m = schemashift::generate(before, after, &schemashift::Options::new(schemashift::Dialect::Postgres));
        assert_eq!(converted(&m), [["public".to_string(), "orders".to_string(), "amount".to_string()]]);
        let plain = schemashift::generate(before, before, &schemashift::Options::new(schemashift::Dialect::Postgres));
        assert!(converted(&plain).is_empty());
    }

    #[test]
    fn summary_counts_failed_steps_not_skipped_ones() {
        let report = |rows, steps| Report { engine: String::new(), engine_version: String::new(), rows, steps };
        let r = report(6, vec![step(true, false), step(false, false), step(false, true)]);
        assert!(!r.passed());
        assert_eq!(r.summary(), "1 of 3 steps failed with 6 seeded rows.");
        let ok = report(0, vec![step(true, false); 6]);
        assert!(ok.summary().starts_with("All 6 steps ok — schema only"), "{}", ok.summary());
        assert!(!report(1, vec![]).passed());
    }

    #[test]
    fn engine_line_names_the_engine_beside_the_target() {
        let r = Report { engine: "PGlite (PostgreSQL 17.4)".into(), engine_version: "17.4".into(), rows: 0, steps: vec![] };
        assert_eq!(r.engine_line("PostgreSQL 15"), "Engine: PGlite (PostgreSQL 17.4) — target PostgreSQL 15: differences possible.");
        assert!(r.engine_line("PostgreSQL 17").ends_with("the same version."));
        let s = Report { engine: "sqlite-wasm (SQLite 3.45.1)".into(), engine_version: "3.45.1".into(), rows: 0, steps: vec![] };
        assert!(s.engine_line("SQLite 3.45").ends_with("the same version."));
        assert!(s.engine_line("SQLite 3.35").ends_with("differences possible."));
    }

    #[test]
    fn mysql_has_no_engine_and_a_build_without_engines_says_so() {
        assert!(unavailable(Dialect::Mysql, true).is_some_and(|m| m.contains("no MySQL")));
        assert!(unavailable(Dialect::Postgres, false).is_some_and(|m| m.contains("not available")));
        assert_eq!(unavailable(Dialect::Sqlite, true), None);
    }

    #[test]
    fn report_reads_the_json_of_verify_js() {
        let r: Report = serde_json::from_str(
            r#"{"engine":"PGlite (PostgreSQL 18.6)","engine_version":"18.6","rows":3,"steps":[{"name":"Apply up","ok":false,"skipped":false,"message":"line 1: boom"}]}"#,
        )
        .unwrap();
        assert_eq!(r.steps[0].message, "line 1: boom");
        assert_eq!(r.rows, 3);
    }
}

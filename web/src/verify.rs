//! The "Verify" action: run the generated migration on a real engine inside the page and show
//! the result of each step (apply BEFORE, apply up, compare with AFTER, apply down, compare with
//! BEFORE).
//!
//! The engines (PGlite for PostgreSQL, sqlite-wasm for SQLite) are JavaScript: `www/boot.js`
//! sets `window.schemashiftEngines.verify(request)`, which imports `verify/verify.js` (and the
//! engine, several MB) only when the user asks. A page without it (the offline single file, a
//! site embedding `mount`) says that Verify is not available there. No engine for MySQL runs in
//! a browser, which the panel says instead of a button.

use crate::run::Outcome;
use leptos::prelude::*;
use schemashift::Dialect;
use serde::{Deserialize, Serialize};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// What `verify.js` is given.
#[derive(Serialize)]
struct VerifyRequest<'a> {
    dialect: &'a str,
    before: &'a str,
    up: &'a str,
    after: &'a str,
    down: &'a str,
}

/// What `verify.js` answers.
#[derive(Deserialize, Clone, Debug, PartialEq)]
pub struct Report {
    pub engine: String,
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

    /// "All 6 steps ok on PostgreSQL 18.6 (PGlite)" or "2 of 6 steps failed on ...".
    pub fn summary(&self) -> String {
        let failed = self.steps.iter().filter(|s| !s.ok && !s.skipped).count();
        let on = if self.engine.is_empty() { String::new() } else { format!(" on {}", self.engine) };
        if self.passed() {
            format!("All {} steps ok{on}.", self.steps.len())
        } else {
            format!("{failed} of {} steps failed{on}.", self.steps.len())
        }
    }
}

/// What the panel shows.
#[derive(Clone, Debug, PartialEq)]
enum State {
    Idle,
    Running,
    Done { report: Report, up: String },
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
async fn run(dialect: Dialect, before: String, after: String, up: String, down: String) -> Result<Report, String> {
    let (this, verify) = verify_function().ok_or("the engines are not loaded on this page")?;
    let request = VerifyRequest { dialect: dialect.name(), before: &before, up: &up, after: &after, down: &down };
    let arg = serde_wasm_bindgen::to_value(&request).map_err(|e| e.to_string())?;
    let promise = verify.call1(&this, &arg).map_err(js_error)?.dyn_into::<js_sys::Promise>().map_err(js_error)?;
    let value = JsFuture::from(promise).await.map_err(js_error)?;
    serde_wasm_bindgen::from_value(value).map_err(|e| format!("unexpected answer from verify.js: {e}"))
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
    let engines = verify_function().is_some();
    let on_click = move |_| {
        if state.get_untracked() == State::Running {
            return;
        }
        let (up, down) = outcome.with_untracked(|o| (o.up.clone(), o.down.clone()));
        let (d, b, a) = (dialect.get_untracked(), before.get_untracked(), after.get_untracked());
        state.set(State::Running);
        leptos::task::spawn_local(async move {
            let up_used = up.clone();
            state.set(match run(d, b, a, up, down).await {
                Ok(report) => State::Done { report, up: up_used },
                Err(e) => State::Failed(e),
            });
            runs.update(|n| *n += 1);
        });
    };
    let blocked = move || unavailable(dialect.get(), engines);
    let stale = move || match state.get() {
        State::Done { up, .. } => outcome.with(|o| o.up != up),
        _ => false,
    };

    view! {
        <section class="ss-verify" aria-label="Verify on a real engine" data-verified=move || runs.get().to_string()>
            <div class="ss-panel-tools">
                <button
                    type="button"
                    class="ss-verify-button"
                    disabled=move || blocked().is_some() || state.get() == State::Running
                    on:click=on_click
                >
                    {move || if state.get() == State::Running { "Verifying…" } else { "Verify on a real engine" }}
                </button>
            </div>
            <p class="ss-status" role="status" aria-live="polite" data-testid="verify-status">
                {move || match (blocked(), state.get()) {
                    (Some(why), _) => why.to_string(),
                    (None, State::Idle) => "Verify runs the migration on a real engine in this page: PostgreSQL \
                        (PGlite, about 16 MB, loaded once when asked) or SQLite (sqlite-wasm, about 1.3 MB).".to_string(),
                    (None, State::Running) => "Verifying: loading the engine and applying the scripts…".to_string(),
                    (None, State::Failed(e)) => format!("Verify could not run: {e}"),
                    (None, State::Done { report, .. }) => {
                        let again = if stale() { " The migration changed since: verify again." } else { "" };
                        format!("{}{again}", report.summary())
                    }
                }}
            </p>
            {move || match state.get() {
                State::Done { report, .. } => view! {
                    <ol class="ss-verify-steps" data-testid="verify-steps">
                        {report.steps.into_iter().map(|s| {
                            let (class, badge) = match (s.ok, s.skipped) {
                                (true, _) => ("ss-verify-step ss-low", "ok"),
                                (false, true) => ("ss-verify-step ss-info", "skipped"),
                                (false, false) => ("ss-verify-step ss-high", "error"),
                            };
                            view! {
                                <li class=class data-ok=s.ok.to_string()>
                                    <span class="ss-badge">{badge}</span>" "{s.name}
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
    fn summary_counts_failed_steps_not_skipped_ones() {
        let r = Report { engine: "SQLite 3.41.2".into(), steps: vec![step(true, false), step(false, false), step(false, true)] };
        assert!(!r.passed());
        assert_eq!(r.summary(), "1 of 3 steps failed on SQLite 3.41.2.");
        let ok = Report { engine: String::new(), steps: vec![step(true, false); 6] };
        assert_eq!(ok.summary(), "All 6 steps ok.");
        assert!(!Report { engine: String::new(), steps: vec![] }.passed());
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
            r#"{"engine":"PostgreSQL 18.6 (PGlite)","steps":[{"name":"Apply up","ok":false,"skipped":false,"message":"line 1: boom"}]}"#,
        )
        .unwrap();
        assert_eq!(r.steps[0].message, "line 1: boom");
    }
}

//! The generator (the core's parse, diff, plan, render and risk, and the page's outcome made of
//! them) behind a split point: its code is the `engine` chunk of the wasm (`lazy.rs`,
//! web/BUNDLE.md), fetched the first time something generates, and by the worker when an editor
//! is first focused (`run::warm`). The first paint does not need it: the page shows the built-in
//! example's result made at build time (`run/first_result.rs`).
//!
//! Every generation of the page and of the worker goes through `Generator`, reached by `ready`
//! (async: loads the chunk) or, once loaded, `loaded` (sync). Code that calls `run::outcome`,
//! `schemashift::generate` or a `Session` directly, outside this trait's implementation, brings
//! the generator back into the main module (the first load goes back from ~370 KB gz toward
//! ~950 KB; `.ci/sizes.mjs` prints it, `engine_tests.rs` looks for such calls). Natively (the CLI's tests, the unit tests) it is always loaded.

use crate::lazy::Failed;
use crate::run::{Outcome, Request, Shipped};
use schemashift::{Migration, Options, Session};
use std::cell::RefCell;
use std::sync::Arc;

/// What the `engine` chunk does.
pub trait Generator {
    /// `schemashift::generate`.
    fn generate(&self, before: &str, after: &str, options: &Options) -> Migration;
    /// What the page shows of `request` (`run::outcome`).
    fn outcome(&self, request: &Request) -> Outcome;
    /// The v1 JSON document of `request` (`schemashift diff --json`).
    fn json(&self, request: &Request) -> Result<String, String>;
    /// The worker's generation, through its `Session` (the same bytes as `generate`): what it
    /// ships to the page and the migration it keeps.
    fn in_session(&self, request: &Request) -> (Shipped, Option<Arc<Migration>>);
    /// The worker's `Session::idle`, after an answer is posted.
    fn session_idle(&self);
}

/// The generator of the chunk.
struct Core;

thread_local! {
    /// The worker's session: regenerates re-reading only what an edit touched.
    static SESSION: RefCell<Session> = RefCell::new(Session::new());
}

impl Generator for Core {
    fn generate(&self, before: &str, after: &str, options: &Options) -> Migration {
        schemashift::generate(before, after, options)
    }

    fn outcome(&self, request: &Request) -> Outcome {
        crate::run::outcome(request)
    }

    fn json(&self, request: &Request) -> Result<String, String> {
        crate::run::json(request)
    }

    fn in_session(&self, request: &Request) -> (Shipped, Option<Arc<Migration>>) {
        SESSION.with_borrow_mut(|session| Shipped::generate_keeping(request, |b, a, o| session.update(b, a, o)))
    }

    fn session_idle(&self) {
        SESSION.with_borrow_mut(Session::idle);
    }
}

/// The generator, from the `engine` chunk (its code is reached only through the returned
/// object's methods).
#[wasm_split_helpers::wasm_split(engine, fallible)]
fn load() -> Result<&'static dyn Generator, Failed> {
    Ok(&Core)
}

thread_local! {
    static LOADED: std::cell::Cell<Option<&'static dyn Generator>> = const { std::cell::Cell::new(None) };
    /// True once loaded: read by views that wait for it (`tracked`).
    static READY: leptos::prelude::ArcRwSignal<bool> = leptos::prelude::ArcRwSignal::new(false);
    /// A load is on its way (`start_loading`).
    static LOADING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    /// Why the last load failed (cleared when one succeeds): read by `empty_note`.
    static FAILED: leptos::prelude::ArcRwSignal<Option<String>> = leptos::prelude::ArcRwSignal::new(None);
}

/// The generator when its chunk is loaded (natively: always).
pub fn loaded() -> Option<&'static dyn Generator> {
    if cfg!(target_arch = "wasm32") {
        LOADED.get()
    } else {
        Some(&Core)
    }
}

/// The generator, its chunk loaded first if it is not yet.
pub async fn ready() -> Result<&'static dyn Generator, Failed> {
    if let Some(g) = loaded() {
        return Ok(g);
    }
    let g = match load().await {
        Ok(g) => g,
        Err(Failed(e)) => {
            FAILED.with(|f| leptos::prelude::Set::set(f, Some(e.clone())));
            return Err(Failed(e));
        }
    };
    LOADED.set(Some(g));
    FAILED.with(|f| leptos::prelude::Set::set(f, None));
    READY.with(|r| leptos::prelude::Set::set(r, true));
    Ok(g)
}

/// What a view that draws the page's migration says when it has none: `empty` once the
/// generator is there (the migration really has nothing to draw), that it is loading, or
/// (its chunk did not load) that it did not, as an alert. Tracked: the view runs again when
/// the generator arrives or fails.
pub fn empty_note(empty: &'static str) -> leptos::prelude::AnyView {
    use leptos::prelude::*;
    if tracked().is_some() {
        return view! { <p class="ss-empty">{empty}</p> }.into_any();
    }
    match FAILED.with(|f| f.get()) {
        Some(e) => view! {
            <p class="ss-load-error" role="alert">{format!("This part did not load: the generator did not load ({e}); reload the page.")}</p>
        }
        .into_any(),
        None => view! { <p class="ss-loading" role="status">"Loading the generator…"</p> }.into_any(),
    }
}

/// The generator when loaded; otherwise `None`, its load started, and the reactive context
/// that asked runs again once it is there.
pub fn tracked() -> Option<&'static dyn Generator> {
    if let Some(g) = loaded() {
        return Some(g);
    }
    let _ = READY.with(leptos::prelude::Get::get);
    start_loading();
    None
}

/// Start loading the generator (once at a time) without waiting for it.
pub fn start_loading() {
    if loaded().is_none() && !LOADING.replace(true) {
        // A load that fails leaves `READY` false: the next one that asks starts another.
        leptos::task::spawn_local(async {
            let _ = ready().await;
            LOADING.set(false);
        });
    }
}

/// Generate `request` for the page, loading the generator first if needed: the outcome, or
/// (the chunk did not load) an outcome blocked with that reason.
pub async fn outcome(request: Request) -> Outcome {
    match ready().await {
        Ok(g) => g.outcome(&request),
        Err(Failed(e)) => Outcome::not_generated(format!("the generator did not load ({e})")),
    }
}

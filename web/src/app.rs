//! The playground: two editors, the controls and the outputs, regenerated as the user types.

use crate::controls::Controls;
use crate::editor::Editor;
use crate::examples::EXAMPLES;
use crate::output::Output;
use crate::renames::RenamePanel;
use crate::run::{self, Outcome, Request};
use crate::share_button::ShareButton;
use crate::verify::VerifyPanel;
use gloo::timers::callback::Timeout;
use leptos::prelude::*;
use schemashift::{Dialect, Side, SourcedDiagnostic};
use std::sync::atomic::{AtomicUsize, Ordering};

/// Quiet time after the last keystroke before the migration is regenerated.
const DEBOUNCE_MS: u32 = 200;

/// The state a playground starts from.
#[derive(Clone, Debug)]
pub struct Initial {
    pub dialect: Dialect,
    pub before: String,
    pub after: String,
    /// `--target-version` text; empty: the dialect's default.
    pub target_version: String,
    /// Accepted renames (`--rename` values).
    pub renames: Vec<String>,
}

impl Initial {
    pub fn new(dialect: Dialect, before: String, after: String) -> Self {
        Initial { dialect, before, after, target_version: String::new(), renames: Vec::new() }
    }

    /// The first example of the gallery.
    pub fn example() -> Self {
        match EXAMPLES.first() {
            Some(e) => Initial::new(e.dialect, e.before.into(), e.after.into()),
            None => Initial::new(Dialect::Postgres, String::new(), String::new()),
        }
    }
}

/// A prefix that keeps element ids unique when a page mounts several playgrounds.
fn instance_prefix() -> String {
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    format!("ss{}", NEXT.fetch_add(1, Ordering::Relaxed))
}

/// The migration of the current inputs, the time it took, and whether a run is pending.
#[derive(Clone, Copy)]
pub struct Generated {
    pub outcome: RwSignal<Outcome>,
    pub elapsed_ms: RwSignal<Option<f64>>,
    pub pending: RwSignal<bool>,
    /// How many generations have completed (exposed as `data-generation` for tests and tools).
    pub runs: RwSignal<u64>,
    /// How many generations were started (a result of an older one is dropped, see `run::start`).
    pub requested: RwSignal<u64>,
}

#[component]
pub fn App(initial: Initial) -> impl IntoView {
    let uid = instance_prefix();
    let before = RwSignal::new(initial.before);
    let after = RwSignal::new(initial.after);
    let dialect = RwSignal::new(initial.dialect);
    let target_version = RwSignal::new(initial.target_version);
    // Renames the user accepted (`--rename` values), applied by the core.
    let renames = RwSignal::new(initial.renames);
    let generated = Generated {
        outcome: RwSignal::new(Outcome::default()),
        elapsed_ms: RwSignal::new(None),
        pending: RwSignal::new(true),
        runs: RwSignal::new(0),
        requested: RwSignal::new(0),
    };
    let timer = StoredValue::new_local(None::<Timeout>);

    // Any change of an input schedules one regeneration; a newer change cancels the older one.
    Effect::new(move |_| {
        let mut request = Request::new(dialect.get(), before.get(), after.get());
        request.target_version = target_version.get();
        request.renames = renames.get();
        generated.pending.set(true);
        let run = Timeout::new(DEBOUNCE_MS, move || run::start(request, generated));
        timer.set_value(Some(run));
    });

    let side_diagnostics = move |side: Side| {
        Signal::derive(move || {
            generated.outcome.with(|o| {
                o.diagnostics.iter().filter(|d| d.side == side).cloned().collect::<Vec<SourcedDiagnostic>>()
            })
        })
    };

    view! {
        <div class="ss-app">
            <Controls
                uid=uid.clone()
                dialect=dialect
                target_version=target_version
                before=before
                after=after
                renames=renames
            />
            <ShareButton
                uid=uid.clone()
                dialect=dialect
                before=before
                after=after
                target_version=target_version
                renames=renames
            />
            <div class="ss-editors">
                <Editor
                    id=format!("{uid}-before")
                    label="Before"
                    hint="the schema today"
                    value=before
                    diagnostics=side_diagnostics(Side::Before)
                />
                <Editor
                    id=format!("{uid}-after")
                    label="After"
                    hint="the schema you want"
                    value=after
                    diagnostics=side_diagnostics(Side::After)
                />
            </div>
            <RenamePanel outcome=generated.outcome renames=renames />
            <Output uid=uid generated=generated />
            <VerifyPanel outcome=generated.outcome dialect=dialect before=before after=after />
        </div>
    }
}

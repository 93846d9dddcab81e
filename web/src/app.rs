//! The playground: two editors, the controls and the outputs, regenerated as the user types.

use crate::advanced::Advanced;
use crate::controls::Controls;
use crate::editor::Editor;
use crate::examples::EXAMPLES;
use crate::history::History;
use crate::lazy_panels;
use crate::lazy_view::lazy_view;
use crate::moves;
use crate::output::Output;
use crate::persist;
use crate::renames;
use crate::run::{self, Outcome, Request};
use crate::settings::Settings;
use crate::share_button::ShareButton;
use crate::theme::{use_theme, ThemeToggle};
use crate::verify::VerifyPanel;
use gloo::timers::callback::Timeout;
use leptos::prelude::*;
use schemashift::package::Format;
use schemashift::{Dialect, Side, SourcedDiagnostic};
use std::sync::atomic::{AtomicUsize, Ordering};

/// Quiet time after the last keystroke before the migration is regenerated on the page (inputs
/// small enough not to go to the worker).
const DEBOUNCE_MS: u32 = 200;
/// Quiet time before the state is kept in localStorage.
const SAVE_MS: u32 = 250;
/// Quiet time before a large state (`persist::LARGE_STATE`) is kept.
const SAVE_LARGE_MS: u32 = 2000;

/// The state a playground starts from.
#[derive(Clone, Debug, PartialEq)]
pub struct Initial {
    pub dialect: Dialect,
    pub before: String,
    pub after: String,
    /// `--target-version` text; empty: the dialect's default.
    pub target_version: String,
    /// Accepted renames (`--rename` values).
    pub renames: Vec<String>,
    pub zero_downtime: bool,
    pub preserve_data: bool,
    /// Row counts as typed, in the `--table-sizes` file format.
    pub table_sizes: String,
    /// The package layout.
    pub format: Format,
    /// Rename suggestions answered "not a rename".
    pub not_renames: Vec<String>,
    /// Data moves accepted (`--copy` values) and declined (`--no-copy` values).
    pub copies: Vec<String>,
    pub no_copies: Vec<String>,
    /// The package's version and name (`--version`, `--name`); empty: the defaults.
    pub package_version: String,
    pub package_name: String,
    /// `--speed-factor` as typed (the package's `calibrate.sql` prints it); empty: 1.
    pub speed_factor: String,
}

impl Initial {
    pub fn new(dialect: Dialect, before: String, after: String) -> Self {
        Initial {
            dialect,
            before,
            after,
            target_version: String::new(),
            renames: Vec::new(),
            zero_downtime: false,
            preserve_data: false,
            table_sizes: String::new(),
            format: Format::Plain,
            not_renames: Vec::new(),
            copies: Vec::new(),
            no_copies: Vec::new(),
            package_version: String::new(),
            package_name: String::new(),
            speed_factor: String::new(),
        }
    }

    /// The first example of the gallery.
    /// The request the playground makes of this state (`Settings::apply` with its values).
    pub fn request(&self) -> Request {
        let mut request = Request::new(self.dialect, self.before.clone(), self.after.clone());
        request.options.target_version = self.target_version.clone();
        request.options.zero_downtime = self.zero_downtime;
        request.options.preserve_data = self.preserve_data;
        request.options.table_sizes_text = self.table_sizes.clone();
        request.options.renames = self.renames.clone();
        request.options.not_renames = self.not_renames.clone();
        request.options.copies = self.copies.clone();
        request.options.no_copies = self.no_copies.clone();
        request.package_version = self.package_version.clone();
        request.package_name = self.package_name.clone();
        request.options.speed_factor = self.speed_factor.clone();
        request
    }

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
    /// How many requests were made (a result of an older one is dropped, see `run::begin`).
    pub requested: RwSignal<u64>,
}

#[component]
pub fn App(
    initial: Initial,
    /// Keep the state in localStorage (the playground page; not a playground another page mounts).
    #[prop(optional)]
    persist: bool,
) -> impl IntoView {
    let uid = instance_prefix();
    let before = RwSignal::new(initial.before.clone());
    let after = RwSignal::new(initial.after.clone());
    let settings = Settings::new(&initial);
    let (theme, toggle_theme) = use_theme();
    let generated = Generated {
        outcome: RwSignal::new(Outcome::default()),
        elapsed_ms: RwSignal::new(None),
        pending: RwSignal::new(true),
        runs: RwSignal::new(0),
        requested: RwSignal::new(0),
    };
    let timer = StoredValue::new_local(None::<Timeout>);
    // The user chose to see and use a blocked result anyway (reset when the inputs change).
    let overridden = RwSignal::new(false);

    // Any change of an input schedules one regeneration; a newer change cancels the older one.
    Effect::new(move |_| {
        let mut request = Request::new(settings.dialect.get(), before.get(), after.get());
        settings.apply(&mut request);
        overridden.set(false);
        // Busy, and any older result dropped, from this change on (not from the timer's end).
        let ticket = run::begin(generated);
        // The worker takes one call at a time and only the newest waits (`run::start`): no
        // need to wait for the typing to pause; a paste's input events still make one call.
        let delay = if run::goes_to_worker(&request) { 0 } else { DEBOUNCE_MS };
        let run = Timeout::new(delay, move || run::start(request, generated, ticket));
        timer.set_value(Some(run));
    });

    // Never lose work: the state is kept in this browser as it changes (`persist.rs`).
    let keep = RwSignal::new(persist && persist::keeping());
    if persist {
        let save_timer = StoredValue::new_local(None::<Timeout>);
        Effect::new(move |_| {
            // Every part of the state is tracked here, but the texts are copied only when the
            // timer fires (the state then is this one: a change since would have replaced the
            // timer), not on every keystroke.
            let _ = settings.tracked(String::new(), String::new());
            let size = before.with(String::len) + after.with(String::len);
            if keep.get() {
                // A large state takes a while to store: only once the typing has paused.
                let delay = if size > persist::LARGE_STATE { SAVE_LARGE_MS } else { SAVE_MS };
                let save = move || {
                    let state = settings.snapshot(before.get_untracked(), after.get_untracked());
                    persist::save(&state);
                };
                save_timer.set_value(Some(Timeout::new(delay, save)));
            }
        });
    }

    // Undo for the changes the page makes (examples, answers): `history.rs`.
    let history = History::new();
    let record = Callback::new(move |label: String| {
        history.record(label, settings.snapshot(before.get_untracked(), after.get_untracked()));
    });
    let undo = move || {
        if let Some(state) = history.pop() {
            settings.restore(&state);
            before.set(state.before);
            after.set(state.after);
        }
    };
    // Ctrl+Z outside a text field undoes the last such change (a text field keeps its own undo).
    let key_handle = window_event_listener(leptos::ev::keydown, move |ev| {
        let z = ev.key() == "z" || ev.key() == "Z";
        if !z || ev.shift_key() || !(ev.ctrl_key() || ev.meta_key()) || history.last_label().is_none() {
            return;
        }
        let in_text = web_sys::window().and_then(|w| w.document()).and_then(|d| d.active_element()).is_some_and(|e| {
            let tag = e.tag_name().to_ascii_lowercase();
            tag == "textarea" || (tag == "input" && e.get_attribute("type").is_none_or(|t| t == "text"))
        });
        if !in_text {
            ev.prevent_default();
            undo();
        }
    });
    on_cleanup(move || key_handle.remove());

    // The migration itself, for views that need the model (the visual diff) when the outcome
    // does not hold it (generated elsewhere): generated again on the page from the inputs, once
    // the generator is loaded (the view asking runs again then).
    let migration_now = Callback::new(move |()| {
        let generator = crate::engine::tracked()?;
        let mut request = Request::new(settings.dialect.get_untracked(), before.get_untracked(), after.get_untracked());
        untrack(|| settings.apply(&mut request));
        generator.outcome(&request).migration
    });

    // Blocked and not overridden: the SQL is held back; Copy, Download and Verify are off.
    let locked = Signal::derive(move || generated.outcome.with(Outcome::is_blocked) && !overridden.get());
    let (jump_before, jump_after) = (RwSignal::new(None::<(usize, usize)>), RwSignal::new(None::<(usize, usize)>));
    let jump = Callback::new(move |(side, line, column): (Side, usize, usize)| match side {
        Side::Before => jump_before.set(Some((line, column))),
        Side::After => jump_after.set(Some((line, column))),
        Side::Options => {}
    });

    let side_diagnostics = move |side: Side| {
        Signal::derive(move || {
            generated.outcome.with(|o| o.diagnostics.iter().filter(|d| d.side == side).cloned().collect::<Vec<SourcedDiagnostic>>())
        })
    };
    let keep_id = format!("{uid}-keep");

    view! {
        <div class="ss-app" data-theme=move || theme.get().name()>
            <div class="ss-inputs">
                <Controls uid=uid.clone() settings=settings before=before after=after record=record />
                // The pointer over an editor, like an editor's focus: an edit is coming, the
                // worker starts loading the generator (`run::warm`, once).
                <div class="ss-editors" on:pointerenter=move |_| run::warm()>
                    <Editor
                        id=format!("{uid}-before")
                        label="Before"
                        hint="the schema today"
                        value=before
                        dialect=settings.dialect.into()
                        diagnostics=side_diagnostics(Side::Before)
                        jump_to=jump_before
                    />
                    <Editor
                        id=format!("{uid}-after")
                        label="After"
                        hint="the schema you want"
                        value=after
                        dialect=settings.dialect.into()
                        diagnostics=side_diagnostics(Side::After)
                        jump_to=jump_after
                    />
                </div>
                <Advanced uid=uid.clone() settings=settings />
            </div>
            <div class="ss-outputs">
                <div class="ss-toolbar">
                    <ShareButton uid=uid.clone() settings=settings before=before after=after />
                    <Show when=move || history.last_label().is_some()>
                        <button
                            type="button"
                            class="ss-button"
                            title="Ctrl+Z outside a text field"
                            on:click=move |_| undo()
                        >
                            {move || format!("Undo: {}", history.last_label().unwrap_or_default())}
                        </button>
                    </Show>
                    <Show when=move || persist>
                        <label class="ss-check" for=keep_id.clone()>
                            <input
                                id=keep_id.clone()
                                type="checkbox"
                                prop:checked=move || keep.get()
                                on:change:target=move |ev| {
                                    let on = ev.target().checked();
                                    persist::set_keeping(on);
                                    keep.set(on);
                                }
                            />
                            "Keep my work in this browser"
                        </label>
                    </Show>
                    <ThemeToggle theme=theme toggle=toggle_theme />
                </div>
                {lazy_view(
                    Signal::derive(move || renames::shown(generated.outcome, settings.renames, settings.not_renames)),
                    move || lazy_panels::renames(generated.outcome, settings.renames, settings.not_renames, record),
                )}
                {lazy_view(
                    Signal::derive(move || moves::shown(generated.outcome, settings.copies, settings.no_copies)),
                    move || lazy_panels::moves(generated.outcome, settings.copies, settings.no_copies, record),
                )}
                {lazy_view(
                    Signal::derive(move || generated.outcome.with(Outcome::is_blocked)),
                    move || lazy_panels::blocked(generated.outcome, overridden, jump),
                )}
                <Output uid=uid generated=generated format=settings.format migration_now=migration_now locked=locked />
                <VerifyPanel outcome=generated.outcome dialect=settings.dialect before=before after=after locked=locked />
            </div>
        </div>
    }
}

//! The controls above the editors: dialect, target version (a list, `targets.rs`), package
//! format, the examples gallery (asking before it replaces the user's text; Undo brings it back),
//! zero-downtime and preserve-data switches (the state lives in `settings.rs`; the advanced
//! inputs are in `advanced.rs`).

use crate::app::Initial;
use crate::editor_text;
use crate::examples::{self, EXAMPLES};
use crate::settings::Settings;
use crate::targets;
use leptos::prelude::*;
use schemashift::package::Format;
use schemashift::{Dialect, Target};

/// The name a user knows the dialect by.
fn dialect_label(d: Dialect) -> &'static str {
    match d {
        Dialect::Postgres => "PostgreSQL",
        Dialect::Mysql => "MySQL / MariaDB",
        Dialect::Sqlite => "SQLite",
    }
}

#[component]
pub fn Controls(
    uid: String,
    settings: Settings,
    before: RwSignal<String>,
    after: RwSignal<String>,
    /// Record the state before a change the page makes, for Undo.
    record: Callback<String>,
) -> impl IntoView {
    let Settings { dialect, target_version, zero_downtime, preserve_data, format, .. } = settings;
    let id = move |name: &str| format!("{uid}-{name}");
    let (dialect_id, version_id, example_id, format_id) = (id("dialect"), id("version"), id("example"), id("format"));
    let (zd_id, pd_id) = (id("zero-downtime"), id("preserve-data"));
    let (before_id, after_id) = (id("before"), id("after"));

    let load_example = move |id: &str| {
        let Some(e) = examples::find(id) else { return };
        let work = before.with_untracked(|b| after.with_untracked(|a| examples::is_user_work(b, a)));
        let question = format!("Replace both editors with the example “{}”? Undo (Ctrl+Z) brings your text back.", e.title);
        if work && !web_sys::window().and_then(|w| w.confirm_with_message(&question).ok()).unwrap_or(false) {
            return;
        }
        record.run(format!("load the example “{}”", e.title));
        // Every option back to the example's: answers and sizes belong to the old schemas.
        let mut state = Initial::new(e.dialect, e.before.to_string(), e.after.to_string());
        state.zero_downtime = e.zero_downtime;
        state.format = format.get_untracked();
        settings.restore(&state);
        // As edits of the editors, so that Ctrl+Z inside an editor brings its text back too.
        if !editor_text::replace(&before_id, e.before) {
            before.set(e.before.to_string());
        }
        if !editor_text::replace(&after_id, e.after) {
            after.set(e.after.to_string());
        }
    };

    view! {
        <div class="ss-controls" role="group" aria-label="Options">
            <div class="ss-field">
                <label for=dialect_id.clone()>"Dialect"</label>
                <select
                    id=dialect_id
                    on:change:target=move |ev| {
                        if let Ok(d) = ev.target().value().parse::<Dialect>() {
                            // Versions are per dialect: the new one starts at its default.
                            target_version.set(String::new());
                            dialect.set(d);
                        }
                    }
                >
                    {Dialect::ALL
                        .iter()
                        .map(|&d| {
                            view! {
                                <option value=d.name() selected=move || dialect.get() == d>
                                    {dialect_label(d)}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </div>
            <div class="ss-field">
                <label for=version_id.clone()>"Target version"</label>
                <select
                    id=version_id
                    on:change:target=move |ev| target_version.set(ev.target().value())
                >
                    {move || {
                        let d = dialect.get();
                        let current = target_version.get();
                        // A value typed elsewhere (a share link, the API) selects its entry, or
                        // stays as its own entry, said to be invalid when it is.
                        let chosen = targets::matching_choice(d, &current).map(str::to_string).unwrap_or(current.clone());
                        let custom = (!current.trim().is_empty() && targets::matching_choice(d, &current).is_none()).then(|| {
                            let text = match targets::label_of(d, &current) {
                                Some(l) => l,
                                None => format!("{current} (not a valid version)"),
                            };
                            view! { <option value=current.clone() selected=true>{text}</option> }
                        });
                        let default_label = targets::label(&Target::default_for(d));
                        view! {
                            <option value="" selected={chosen.trim().is_empty()}>{format!("{default_label} (default)")}</option>
                            {targets::choices(d).into_iter().map(|c| {
                                let label = targets::label_of(d, c).unwrap_or_else(|| c.to_string());
                                view! { <option value=c selected={chosen == c}>{label}</option> }
                            }).collect_view()}
                            {custom}
                        }
                    }}
                </select>
            </div>
            <div class="ss-field">
                <label for=format_id.clone()>"Package format"</label>
                <select
                    id=format_id
                    on:change:target=move |ev| {
                        if let Ok(f) = ev.target().value().parse::<Format>() {
                            format.set(f);
                        }
                    }
                >
                    {Format::ALL
                        .iter()
                        .map(|&f| view! { <option value=f.name() selected=move || format.get() == f>{f.tool()}</option> })
                        .collect_view()}
                </select>
            </div>
            <div class="ss-field">
                <label for=example_id.clone()>"Example"</label>
                <select
                    id=example_id
                    on:change:target=move |ev| {
                        let select = ev.target();
                        load_example(&select.value());
                        select.set_value("");
                    }
                >
                    <option value="" selected=true>"Load an example…"</option>
                    {EXAMPLES
                        .iter()
                        .map(|e| view! { <option value=e.id>{e.title}</option> })
                        .collect_view()}
                </select>
            </div>
            <div class="ss-checks">
                <label class="ss-check">
                    <input
                        id=zd_id
                        type="checkbox"
                        prop:checked=move || zero_downtime.get()
                        on:change:target=move |ev| zero_downtime.set(ev.target().checked())
                    />
                    "Zero-downtime"
                </label>
                <label class="ss-check">
                    <input
                        id=pd_id
                        type="checkbox"
                        prop:checked=move || preserve_data.get()
                        on:change:target=move |ev| preserve_data.set(ev.target().checked())
                    />
                    "Preserve data"
                </label>
            </div>
        </div>
    }
}

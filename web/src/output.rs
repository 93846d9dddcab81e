//! The outputs in keyboard-usable tabs (arrow keys, Home, End): up and down SQL, risk notes,
//! pre-checks, validation, the visual diff, the schema diff, the timeline, diagnostics and the package; and a status line
//! with how long generation took.

use crate::app::Generated;
use crate::checks_panel::Checks;
use crate::editor::severity_name;
use crate::lazy_panels;
use crate::lazy_view::lazy_view;
use crate::page_text::page_text;
use crate::run::Outcome;
use crate::sql_panel::{step_ranges, SqlPanel};
use gloo::timers::callback::Timeout;
use leptos::prelude::*;
use schemashift::package::Format;
use schemashift::{Dialect, Migration, Side};
use std::sync::Arc;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Tab {
    Up,
    Down,
    Risks,
    Prechecks,
    Validation,
    Visual,
    Schema,
    Timeline,
    Diagnostics,
    Package,
}

const TABS: [Tab; 10] = [
    Tab::Up,
    Tab::Down,
    Tab::Risks,
    Tab::Prechecks,
    Tab::Validation,
    Tab::Visual,
    Tab::Schema,
    Tab::Timeline,
    Tab::Diagnostics,
    Tab::Package,
];

impl Tab {
    fn slug(self) -> &'static str {
        match self {
            Tab::Up => "up",
            Tab::Down => "down",
            Tab::Risks => "risks",
            Tab::Prechecks => "prechecks",
            Tab::Validation => "validation",
            Tab::Visual => "visual-diff",
            Tab::Schema => "schema-diff",
            Tab::Timeline => "timeline",
            Tab::Diagnostics => "diagnostics",
            Tab::Package => "package",
        }
    }

    fn title(self) -> &'static str {
        match self {
            Tab::Up => "Up",
            Tab::Down => "Down",
            Tab::Risks => "Risks",
            Tab::Prechecks => "Pre-checks",
            Tab::Validation => "Validation",
            Tab::Visual => "Visual diff",
            Tab::Schema => "Schema diff",
            Tab::Timeline => "Timeline",
            Tab::Diagnostics => "Diagnostics",
            Tab::Package => "Package",
        }
    }

    /// The tab `delta` places away, wrapping around (arrow keys).
    fn step(self, delta: isize) -> Tab {
        let at = TABS.iter().position(|&t| t == self).unwrap_or(0) as isize;
        TABS[(at + delta).rem_euclid(TABS.len() as isize) as usize]
    }
}

fn side_name(side: Side) -> &'static str {
    match side {
        Side::Before => "Before",
        Side::After => "After",
        Side::Options => "Options",
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// "Generated in 1.2 ms for PostgreSQL 15 · 2 steps · 1 risk note · 0 diagnostics".
fn status_text(o: &Outcome, elapsed_ms: Option<f64>, pending: bool) -> String {
    if pending && elapsed_ms.is_none() {
        return "Generating…".into();
    }
    if let Some(e) = &o.option_error {
        return format!("Not generated: {e}");
    }
    let place = if o.in_worker { " in a background worker" } else { "" };
    let time = if o.is_built_in() {
        "The example's result, made when this page was built,".to_string()
    } else {
        elapsed_ms.map(|ms| format!("Generated in {ms:.1} ms{place}")).unwrap_or_default()
    };
    format!(
        "{time} for {} · {} · {} · {}",
        o.target,
        plural(o.steps.len(), "step", "steps"),
        plural(o.risks.len(), "risk note", "risk notes"),
        plural(o.diagnostics.len(), "diagnostic", "diagnostics"),
    )
}

/// `outcome` as a panel that is not always shown reads it: followed while `active`, kept while
/// hidden, so that a hidden panel is not redrawn for every result (without the scripts, which
/// such panels do not show).
fn while_shown(outcome: RwSignal<Outcome>, active: Signal<bool>) -> RwSignal<Outcome> {
    let seen = RwSignal::new(Outcome::default());
    Effect::new(move |_| {
        if active.get() {
            seen.set(outcome.with(Outcome::without_scripts));
        }
    });
    seen
}

#[component]
pub fn Output(
    uid: String,
    generated: Generated,
    format: RwSignal<Format>,
    /// The migration of the current inputs when the outcome does not carry it.
    migration_now: Callback<(), Option<Arc<Migration>>>,
    /// Blocked and not overridden: SQL held back, Copy and Download off.
    locked: Signal<bool>,
) -> impl IntoView {
    let selected = RwSignal::new(Tab::Up);
    let outcome = generated.outcome;
    let up = Signal::derive(move || outcome.with(|o| o.up.clone()));
    // The dialect the output is written in (for highlighting), from the target ("PostgreSQL 15").
    let dialect = Signal::derive(move || {
        outcome.with(|o| o.target.split_whitespace().next().and_then(|d| d.parse::<Dialect>().ok())).unwrap_or(Dialect::Postgres)
    });
    let down = Signal::derive(move || outcome.with(|o| o.down.clone()));
    let tab_id = {
        let uid = uid.clone();
        move |t: Tab| format!("{uid}-tab-{}", t.slug())
    };
    let panel_id = {
        let uid = uid.clone();
        move |t: Tab| format!("{uid}-panel-{}", t.slug())
    };
    let focus_tab = {
        let tab_id = tab_id.clone();
        move |t: Tab| {
            selected.set(t);
            let el = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id(&tab_id(t)));
            if let Some(el) = el.and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(e).ok()) {
                let _ = el.focus();
            }
        }
    };
    let count = move |t: Tab| {
        outcome.with(|o| match t {
            Tab::Risks => Some(o.risks.len()),
            Tab::Diagnostics => Some(o.diagnostics.len() + usize::from(o.option_error.is_some())),
            _ => None,
        })
    };

    let tabs = TABS
        .iter()
        .map(|&t| {
            let focus_tab = focus_tab.clone();
            view! {
                <button
                    type="button"
                    role="tab"
                    class="ss-tab"
                    id=tab_id(t)
                    aria-controls=panel_id(t)
                    aria-selected=move || (selected.get() == t).to_string()
                    tabindex=move || if selected.get() == t { "0" } else { "-1" }
                    on:click=move |_| selected.set(t)
                    on:keydown=move |ev| {
                        let next = match ev.key().as_str() {
                            "ArrowRight" => Some(t.step(1)),
                            "ArrowLeft" => Some(t.step(-1)),
                            "Home" => Some(TABS[0]),
                            "End" => Some(TABS[TABS.len() - 1]),
                            _ => None,
                        };
                        if let Some(next) = next {
                            ev.prevent_default();
                            focus_tab(next);
                        }
                    }
                >
                    {t.title()}
                    {move || count(t).map(|n| view! { <span class="ss-count">{n}</span> })}
                </button>
            }
        })
        .collect_view();

    let panel = move |t: Tab, body: AnyView| {
        view! {
            <div
                role="tabpanel"
                class="ss-panel"
                id=panel_id(t)
                aria-labelledby=tab_id(t)
                hidden=move || selected.get() != t
            >
                {body}
            </div>
        }
    };

    let uid_rules = uid.clone();
    let active = move |t: Tab| Signal::derive(move || selected.get() == t);
    let show_rules = RwSignal::new(false);

    // A risk note selected in the Risks tab: its step is marked in the Up SQL.
    let chosen_step = RwSignal::new(None::<usize>);
    let mark_id = format!("{uid}-up-mark");
    let ranges = Memo::new(move |_| outcome.with(|o| step_ranges(&o.up, o.steps.iter().map(|s| s.sql.as_str()))));
    let marked = Signal::derive(move || chosen_step.get().and_then(|i| ranges.with(|r| r.get(i).copied().flatten())));
    // A new migration has other steps: the mark goes.
    Effect::new(move |_| {
        outcome.track();
        chosen_step.set(None);
    });
    let on_select = {
        let mark_id = mark_id.clone();
        Callback::new(move |step: usize| {
            chosen_step.set(Some(step));
            selected.set(Tab::Up);
            let mark_id = mark_id.clone();
            Timeout::new(0, move || {
                let el = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id(&mark_id));
                if let Some(el) = el {
                    el.scroll_into_view();
                }
            })
            .forget();
        })
    };
    let (uid_risks, shown_risks) = (uid.clone(), while_shown(outcome, active(Tab::Risks)));
    let risks = lazy_view(active(Tab::Risks), move || lazy_panels::risks(uid_risks, shown_risks, show_rules, chosen_step, on_select));
    let up_panel = view! {
        <Show when=move || marked.with(Option::is_some)>
            <p class="ss-hint ss-mark-note">
                {move || chosen_step.get().map(|i| format!("Marked: step {}, the statement of the selected risk note. ", i + 1))}
                <button type="button" class="ss-button" on:click=move |_| chosen_step.set(None)>"Clear mark"</button>
            </p>
        </Show>
        <SqlPanel text=up name="Up migration SQL" copy_label="Copy up SQL" empty="No changes: the two schemas are the same." testid="up-sql" marked=marked mark_id=mark_id dialect=dialect locked=locked />
    }
    .into_any();

    let listed = while_shown(outcome, active(Tab::Diagnostics));
    let diagnostics = view! {
        <Show
            when=move || listed.with(|o| !o.diagnostics.is_empty() || o.option_error.is_some())
            fallback=|| view! { <p class="ss-empty">"No diagnostics: every statement was understood."</p> }
        >
            <ul class="ss-diagnostics">
                {move || listed.with(|o| o.option_error.clone()).map(|e| view! {
                    <li class="ss-diag ss-error"><span class="ss-diag-severity">"error"</span>" Options: "{e}</li>
                })}
                {move || {
                    listed.with(|o| o.diagnostics.clone()).into_iter().map(|d| {
                        let severity = severity_name(d.diagnostic.severity);
                        view! {
                            <li class=format!("ss-diag ss-{severity}")>
                                <span class="ss-diag-where">{format!("{} {}:{}", side_name(d.side), d.diagnostic.line, d.diagnostic.column)}</span>
                                " "<span class="ss-diag-severity">{severity}</span>
                                " "<span class="ss-diag-message">{page_text(&d.diagnostic.message)}</span>
                            </li>
                        }
                    }).collect_view()
                }}
            </ul>
        </Show>
    }
    .into_any();

    view! {
        <section
            class="ss-output"
            aria-label="Migration"
            aria-busy=move || generated.pending.get().to_string()
            data-generation=move || generated.runs.get().to_string()
        >
            <p class="ss-status" role="status" aria-live="polite">
                {move || outcome.with(|o| status_text(o, generated.elapsed_ms.get(), generated.pending.get()))}
            </p>
            <div class="ss-tabs" role="tablist" aria-label="Outputs">{tabs}</div>
            {panel(Tab::Up, up_panel)}
            {panel(Tab::Down, view! { <SqlPanel text=down name="Down migration SQL" copy_label="Copy down SQL" empty="No changes to undo." testid="down-sql" dialect=dialect locked=locked /> }.into_any())}
            {panel(Tab::Risks, risks)}
            {panel(Tab::Prechecks, lazy_view(active(Tab::Prechecks), move || lazy_panels::checks(outcome, Checks::Pre, active(Tab::Prechecks), dialect)))}
            {panel(Tab::Validation, lazy_view(active(Tab::Validation), move || lazy_panels::checks(outcome, Checks::Validation, active(Tab::Validation), dialect)))}
            {panel(Tab::Visual, lazy_view(active(Tab::Visual), move || lazy_panels::visual_diff(uid, outcome, active(Tab::Visual), migration_now)))}
            {panel(Tab::Schema, lazy_view(active(Tab::Schema), move || lazy_panels::schema_diff(outcome, active(Tab::Schema), migration_now)))}
            {panel(Tab::Timeline, lazy_view(active(Tab::Timeline), move || lazy_panels::timeline(outcome, active(Tab::Timeline), migration_now)))}
            {panel(Tab::Diagnostics, diagnostics)}
            {panel(Tab::Package, lazy_view(active(Tab::Package), move || lazy_panels::package(outcome, format, active(Tab::Package), locked)))}
        </section>
        {lazy_view(show_rules.into(), move || lazy_panels::rules(uid_rules, show_rules))}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arrows_wrap_around() {
        assert_eq!(Tab::Up.step(-1), Tab::Package);
        assert_eq!(Tab::Validation.step(1), Tab::Visual);
        assert_eq!(Tab::Visual.step(1), Tab::Schema);
        assert_eq!(Tab::Schema.step(1), Tab::Timeline);
        assert_eq!(Tab::Package.step(1), Tab::Up);
        assert_eq!(Tab::Down.step(1), Tab::Risks);
    }

    #[test]
    fn status_mentions_time_and_counts() {
        let o = Outcome { target: "MariaDB 10.11".into(), ..Outcome::default() };
        let s = status_text(&o, Some(1.25), false);
        assert!(s.starts_with("Generated in 1.2 ms for MariaDB 10.11"), "{s}");
        assert!(s.contains("0 steps"));
    }
}

//! The outputs: up and down SQL, risk notes and diagnostics in keyboard-usable tabs, and a
//! status line with how long generation took.

use crate::app::Generated;
use crate::copy::CopyButton;
use crate::editor::severity_name;
use crate::package_panel::PackagePanel;
use crate::rules_view::{self, RulesView};
use crate::run::Outcome;
use leptos::prelude::*;
use schemashift::contract::RiskV1;
use schemashift::risk::RiskSeverity;
use schemashift::Side;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Tab {
    Up,
    Down,
    Risks,
    Diagnostics,
    Package,
}

const TABS: [Tab; 5] = [Tab::Up, Tab::Down, Tab::Risks, Tab::Diagnostics, Tab::Package];

impl Tab {
    fn slug(self) -> &'static str {
        match self {
            Tab::Up => "up",
            Tab::Down => "down",
            Tab::Risks => "risks",
            Tab::Diagnostics => "diagnostics",
            Tab::Package => "package",
        }
    }

    fn title(self) -> &'static str {
        match self {
            Tab::Up => "Up",
            Tab::Down => "Down",
            Tab::Risks => "Risks",
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

fn risk_severity_name(s: RiskSeverity) -> &'static str {
    match s {
        RiskSeverity::Critical => "critical",
        RiskSeverity::High => "high",
        RiskSeverity::Medium => "medium",
        RiskSeverity::Low => "low",
        RiskSeverity::Info => "info",
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

/// "Generated in 1.2 ms for postgres 15.0 · 2 steps · 1 risk note · 0 diagnostics".
fn status_text(o: &Outcome, elapsed_ms: Option<f64>, pending: bool) -> String {
    if pending && elapsed_ms.is_none() {
        return "Generating…".into();
    }
    if let Some(e) = &o.option_error {
        return format!("Not generated: {e}");
    }
    let place = if o.in_worker { " in a background worker" } else { "" };
    let time = elapsed_ms.map(|ms| format!("Generated in {ms:.1} ms{place}")).unwrap_or_default();
    format!(
        "{time} for {} · {} · {} · {}",
        o.target,
        plural(o.steps.len(), "step", "steps"),
        plural(o.risks.len(), "risk note", "risk notes"),
        plural(o.diagnostics.len(), "diagnostic", "diagnostics"),
    )
}

/// A block of SQL with its copy button; `empty` is said instead when there is no SQL.
#[component]
fn SqlPanel(text: Signal<String>, name: &'static str, copy_label: &'static str, empty: &'static str) -> impl IntoView {
    view! {
        <div class="ss-panel-tools">
            <CopyButton text=text label=copy_label />
        </div>
        <Show when=move || text.with(|t| t.is_empty())>
            <p class="ss-empty">{empty}</p>
        </Show>
        <pre class="ss-code" tabindex="0" aria-label=name data-testid=format!("{}-sql", name.split(' ').next().unwrap_or("").to_lowercase())>
            <code>{move || text.get()}</code>
        </pre>
    }
}

fn risk_row(r: RiskV1, uid: &str, show_rules: RwSignal<bool>) -> impl IntoView {
    let severity = risk_severity_name(r.severity);
    let anchor = format!("{}{}", rules_view::anchor_prefix(uid), r.rule);
    let href = format!("#{anchor}");
    view! {
        <tr class=format!("ss-risk ss-{severity}")>
            <td><span class="ss-badge">{severity}</span></td>
            <td>{r.step + 1}</td>
            <td>
                <a
                    href=href
                    title="What this rule checks"
                    on:click=move |ev| {
                        ev.prevent_default();
                        rules_view::open_at(show_rules, anchor.clone());
                    }
                >
                    <code>{r.rule}</code>
                </a>
            </td>
            <td>
                {r.message}
                {(!r.safe_alternative.is_empty()).then(|| view! {
                    <details><summary>"Safer alternative"</summary><pre class="ss-code">{r.safe_alternative}</pre></details>
                })}
            </td>
        </tr>
    }
}

#[component]
pub fn Output(uid: String, generated: Generated) -> impl IntoView {
    let selected = RwSignal::new(Tab::Up);
    let outcome = generated.outcome;
    let up = Signal::derive(move || outcome.with(|o| o.up.clone()));
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

    let uid_package = uid.clone();
    let uid_rules = uid.clone();
    let package_active = Signal::derive(move || selected.get() == Tab::Package);
    let show_rules = RwSignal::new(false);
    let uid_risks = StoredValue::new(uid.clone());
    let rules_id = rules_view::view_id(&uid);
    let rules_href = format!("#{rules_id}");
    let risks = view! {
        <p class="ss-panel-tools">
            <a
                href=rules_href
                on:click=move |ev| {
                    ev.prevent_default();
                    rules_view::open_at(show_rules, rules_id.clone());
                }
            >
                "Risk rules: what each rule checks"
            </a>
        </p>
        <Show
            when=move || outcome.with(|o| !o.risks.is_empty())
            fallback=|| view! { <p class="ss-empty">"No risk notes."</p> }
        >
            <table class="ss-table">
                <thead><tr><th scope="col">"Severity"</th><th scope="col">"Step"</th><th scope="col">"Rule"</th><th scope="col">"Note"</th></tr></thead>
                <tbody>
                    {move || {
                        let mut risks = outcome.with(|o| o.risks.clone());
                        risks.sort_by_key(|r| (r.severity, r.step));
                        let uid = uid_risks.get_value();
                        risks.into_iter().map(|r| risk_row(r, &uid, show_rules)).collect_view()
                    }}
                </tbody>
            </table>
        </Show>
    }
    .into_any();

    let diagnostics = view! {
        <Show
            when=move || outcome.with(|o| !o.diagnostics.is_empty() || o.option_error.is_some())
            fallback=|| view! { <p class="ss-empty">"No diagnostics: every statement was understood."</p> }
        >
            <ul class="ss-diagnostics">
                {move || outcome.with(|o| o.option_error.clone()).map(|e| view! {
                    <li class="ss-diag ss-error"><span class="ss-diag-severity">"error"</span>" Options: "{e}</li>
                })}
                {move || {
                    outcome.with(|o| o.diagnostics.clone()).into_iter().map(|d| {
                        let severity = severity_name(d.diagnostic.severity);
                        view! {
                            <li class=format!("ss-diag ss-{severity}")>
                                <span class="ss-diag-where">{format!("{} {}:{}", side_name(d.side), d.diagnostic.line, d.diagnostic.column)}</span>
                                " "<span class="ss-diag-severity">{severity}</span>
                                " "<span class="ss-diag-message">{d.diagnostic.message}</span>
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
            {panel(Tab::Up, view! { <SqlPanel text=up name="Up migration SQL" copy_label="Copy up SQL" empty="No changes: the two schemas are the same." /> }.into_any())}
            {panel(Tab::Down, view! { <SqlPanel text=down name="Down migration SQL" copy_label="Copy down SQL" empty="No changes to undo." /> }.into_any())}
            {panel(Tab::Risks, risks)}
            {panel(Tab::Diagnostics, diagnostics)}
            {panel(Tab::Package, view! { <PackagePanel uid=uid_package outcome=outcome active=package_active /> }.into_any())}
        </section>
        <RulesView uid=uid_rules show=show_rules />
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arrows_wrap_around() {
        assert_eq!(Tab::Up.step(-1), Tab::Package);
        assert_eq!(Tab::Package.step(1), Tab::Up);
        assert_eq!(Tab::Down.step(1), Tab::Risks);
    }

    #[test]
    fn status_mentions_time_and_counts() {
        let o = Outcome { target: "postgres 15.0".into(), ..Outcome::default() };
        let s = status_text(&o, Some(1.25), false);
        assert!(s.starts_with("Generated in 1.2 ms for postgres 15.0"), "{s}");
        assert!(s.contains("0 steps"));
    }
}

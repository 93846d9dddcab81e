//! The Risks output: the risk notes as a table, most severe first, with a count per severity.
//! Each note's step is a button that highlights the step's statement in the Up output; each
//! rule links to its documentation (`rules_view.rs`). Below, the notes of the down migration's
//! own steps (what rolling back costs: data down loses, a column re-added with a default that
//! replaces its values), judged by the same rules.

use crate::rules_view;
use crate::run::Outcome;
use leptos::prelude::*;
use schemashift::contract::RiskV1;
use schemashift::risk::RiskSeverity;

pub const SEVERITIES: [RiskSeverity; 5] =
    [RiskSeverity::Critical, RiskSeverity::High, RiskSeverity::Medium, RiskSeverity::Low, RiskSeverity::Info];

/// Rows drawn before "Show all": a migration of thousands of tables has thousands of notes, and
/// drawing every row at once would hold the page for seconds.
pub const FIRST_ROWS: usize = 200;

pub fn risk_severity_name(s: RiskSeverity) -> &'static str {
    match s {
        RiskSeverity::Critical => "critical",
        RiskSeverity::High => "high",
        RiskSeverity::Medium => "medium",
        RiskSeverity::Low => "low",
        RiskSeverity::Info => "info",
    }
}

/// The notes most severe first, then in step order (stable for equal keys).
pub fn by_severity(mut risks: Vec<RiskV1>) -> Vec<RiskV1> {
    risks.sort_by_key(|r| (r.severity, r.step));
    risks
}

/// "2 critical · 1 medium": the non-zero counts, most severe first.
pub fn severity_summary(risks: &[RiskV1]) -> String {
    SEVERITIES
        .iter()
        .filter_map(|&s| {
            let n = risks.iter().filter(|r| r.severity == s).count();
            (n > 0).then(|| format!("{n} {}", risk_severity_name(s)))
        })
        .collect::<Vec<_>>()
        .join(" · ")
}

/// One note as a table row. `select` (up notes): the step cell is a button that highlights the
/// step's statement in the Up SQL; `None` (down notes): the step number of the Down SQL.
fn risk_row(r: RiskV1, uid: &str, show_rules: RwSignal<bool>, select: Option<(RwSignal<Option<usize>>, Callback<usize>)>) -> impl IntoView {
    let severity = risk_severity_name(r.severity);
    let anchor = format!("{}{}", rules_view::anchor_prefix(uid), r.rule);
    let href = format!("#{anchor}");
    let step = r.step;
    let row_class = if select.is_some() { format!("ss-risk ss-{severity}") } else { format!("ss-down-risk ss-{severity}") };
    let step_cell = match select {
        Some((chosen, on_select)) => view! {
            <button
                type="button"
                class="ss-step-link"
                aria-label=format!("Highlight step {} in the Up SQL", step + 1)
                aria-pressed=move || (chosen.get() == Some(step)).to_string()
                on:click=move |_| on_select.run(step)
            >
                {step + 1}
            </button>
        }
        .into_any(),
        None => view! { <span>{step + 1}</span> }.into_any(),
    };
    view! {
        <tr class=row_class class:ss-selected=move || select.is_some_and(|(chosen, _)| chosen.get() == Some(step))>
            <td><span class="ss-badge">{severity}</span></td>
            <td>{step_cell}</td>
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
pub fn RisksPanel(
    uid: String,
    outcome: RwSignal<Outcome>,
    show_rules: RwSignal<bool>,
    /// The step whose statement is highlighted.
    chosen: RwSignal<Option<usize>>,
    on_select: Callback<usize>,
) -> impl IntoView {
    let uid_rows = StoredValue::new(uid.clone());
    let show_all = RwSignal::new(false);
    let total = move || outcome.with(|o| o.risks.len());
    let more = move || !show_all.get() && total() > FIRST_ROWS;
    let rules_id = rules_view::view_id(&uid);
    let rules_href = format!("#{rules_id}");
    let down_id = format!("{uid}-down-risks");
    view! {
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
            <p class="ss-hint" data-testid="risk-summary">{move || outcome.with(|o| severity_summary(&o.risks))}</p>
            <table class="ss-table">
                <caption class="ss-visually-hidden">"Risk notes, most severe first"</caption>
                <thead><tr><th scope="col">"Severity"</th><th scope="col">"Step"</th><th scope="col">"Rule"</th><th scope="col">"Note"</th></tr></thead>
                <tbody>
                    {move || {
                        let uid = uid_rows.get_value();
                        let limit = if show_all.get() { usize::MAX } else { FIRST_ROWS };
                        by_severity(outcome.with(|o| o.risks.clone()))
                            .into_iter()
                            .take(limit)
                            .map(|r| risk_row(r, &uid, show_rules, Some((chosen, on_select))))
                            .collect_view()
                    }}
                </tbody>
            </table>
            <Show when=more>
                <p class="ss-panel-tools">
                    <button type="button" on:click=move |_| show_all.set(true)>
                        {move || format!("Show all {} notes (the first {FIRST_ROWS} are shown)", total())}
                    </button>
                </p>
            </Show>
        </Show>
        <Show when=move || outcome.with(|o| !o.down_risks.is_empty())>
            <h3 class="ss-subhead" id=down_id.clone()>"Down (rollback) notes"</h3>
            <p class="ss-hint" data-testid="down-risk-summary">
                {move || outcome.with(|o| severity_summary(&o.down_risks))}
                " — what running the down migration costs; step numbers are the Down SQL's steps."
            </p>
            <table class="ss-table" data-testid="down-risks" aria-labelledby=down_id.clone()>
                <thead><tr><th scope="col">"Severity"</th><th scope="col">"Down step"</th><th scope="col">"Rule"</th><th scope="col">"Note"</th></tr></thead>
                <tbody>
                    {move || {
                        let uid = uid_rows.get_value();
                        by_severity(outcome.with(|o| o.down_risks.clone()))
                            .into_iter()
                            .take(FIRST_ROWS)
                            .map(|r| risk_row(r, &uid, show_rules, None))
                            .collect_view()
                    }}
                </tbody>
            </table>
        </Show>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn note(severity: RiskSeverity, step: usize) -> RiskV1 {
        RiskV1 {
            rule: "r".into(),
            severity,
            message: String::new(),
            step,
            lock: None,
            rewrites: false,
            scans: false,
            data_loss: false,
            breaks_app: false,
            safe_alternative: String::new(),
        }
    }

    #[test]
    fn most_severe_first_then_by_step() {
        let sorted = by_severity(vec![note(RiskSeverity::Low, 0), note(RiskSeverity::Critical, 3), note(RiskSeverity::Critical, 1)]);
        let keys: Vec<_> = sorted.iter().map(|r| (risk_severity_name(r.severity), r.step)).collect();
        assert_eq!(keys, vec![("critical", 1), ("critical", 3), ("low", 0)]);
    }

    #[test]
    fn summary_counts_each_severity() {
        let risks = vec![note(RiskSeverity::Info, 0), note(RiskSeverity::High, 0), note(RiskSeverity::High, 1)];
        assert_eq!(severity_summary(&risks), "2 high · 1 info");
        assert_eq!(severity_summary(&[]), "");
    }
}

//! The Risks output: the risk notes as a table, most severe first, with a count per severity.
//! Notes of one rule that say the same about several tables share a row listing the steps and
//! tables (`group_notes`: pg-lock-timeout once, not once per step); filters by severity, rule,
//! table and lock; the page's wording (`page_text`). Each step is a button that highlights the
//! step's statement in the Up output; each rule links to its documentation (`rules_view.rs`). Below, the notes of the down migration's
//! own steps (what rolling back costs: data down loses, a column re-added with a default that
//! replaces its values), judged by the same rules.

use crate::page_text::page_text;
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

/// Notes of one rule that say the same thing (about different tables): one row, with the steps
/// and tables it covers.
#[derive(Clone, Debug, PartialEq)]
pub struct NoteGroup {
    pub severity: RiskSeverity,
    pub rule: String,
    /// The message; for several tables, with "‹table›" in place of the table name.
    pub message: String,
    pub steps: Vec<usize>,
    pub tables: Vec<String>,
    pub lock: Option<String>,
    pub safe_alternative: String,
}

/// Marks where a note named its step's table, to compare notes across tables.
const TABLE_MARK: &str = "\u{1}";

/// Group `risks` (of `tables[step]`): same severity, rule, lock and message once the table's name
/// is taken out. Most severe first, then by first step.
pub fn group_notes(risks: &[RiskV1], table_of: impl Fn(usize) -> Option<String>) -> Vec<NoteGroup> {
    let mut groups: Vec<(String, NoteGroup)> = Vec::new();
    let mut index: std::collections::HashMap<(RiskSeverity, String, Option<String>, String), usize> = std::collections::HashMap::new();
    for r in risks {
        let table = table_of(r.step);
        let template = match &table {
            Some(t) if !t.is_empty() && r.message.contains(t.as_str()) => r.message.replace(t.as_str(), TABLE_MARK),
            _ => r.message.clone(),
        };
        let key = (r.severity, r.rule.clone(), r.lock.clone(), template.clone());
        let at = *index.entry(key).or_insert_with(|| {
            groups.push((
                template.clone(),
                NoteGroup {
                    severity: r.severity,
                    rule: r.rule.clone(),
                    message: r.message.clone(),
                    steps: Vec::new(),
                    tables: Vec::new(),
                    lock: r.lock.clone(),
                    safe_alternative: r.safe_alternative.clone(),
                },
            ));
            groups.len() - 1
        });
        let g = &mut groups[at].1;
        if !g.steps.contains(&r.step) {
            g.steps.push(r.step);
        }
        if let Some(t) = table {
            if !g.tables.contains(&t) {
                g.tables.push(t);
            }
        }
    }
    let mut out: Vec<NoteGroup> = groups
        .into_iter()
        .map(|(template, mut g)| {
            if g.tables.len() > 1 && template.contains(TABLE_MARK) {
                g.message = template.replace(TABLE_MARK, "‹table›");
            }
            g.steps.sort_unstable();
            g
        })
        .collect();
    out.sort_by_key(|g| (g.severity, g.steps.first().copied().unwrap_or(usize::MAX)));
    out
}

/// What the filters keep: a severity, a rule, a table, a lock ("" for any; `NO_LOCK` for notes
/// without one).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct NoteFilter {
    pub severity: String,
    pub rule: String,
    pub table: String,
    pub lock: String,
}

pub const NO_LOCK: &str = "(no lock)";

impl NoteFilter {
    pub fn keeps(&self, r: &RiskV1, table: Option<&str>) -> bool {
        (self.severity.is_empty() || risk_severity_name(r.severity) == self.severity)
            && (self.rule.is_empty() || r.rule == self.rule)
            && (self.table.is_empty() || table == Some(self.table.as_str()))
            && (self.lock.is_empty()
                || match &r.lock {
                    Some(l) => *l == self.lock,
                    None => self.lock == NO_LOCK,
                })
    }
}

/// The distinct values of a field of the notes, sorted.
fn distinct(values: impl Iterator<Item = String>) -> Vec<String> {
    let set: std::collections::BTreeSet<String> = values.collect();
    set.into_iter().collect()
}

/// Steps shown as buttons in a group's row before "+N more".
const STEP_BUTTONS: usize = 8;

/// One group as a table row. `select` (up notes): each step is a button that highlights the
/// step's statement in the Up SQL; `None` (down notes): the step numbers of the Down SQL.
fn group_row(
    g: NoteGroup,
    uid: &str,
    show_rules: RwSignal<bool>,
    select: Option<(RwSignal<Option<usize>>, Callback<usize>)>,
) -> impl IntoView {
    let severity = risk_severity_name(g.severity);
    let anchor = format!("{}{}", rules_view::anchor_prefix(uid), g.rule);
    let href = format!("#{anchor}");
    let row_class = if select.is_some() { format!("ss-risk ss-{severity}") } else { format!("ss-down-risk ss-{severity}") };
    let more = g.steps.len().saturating_sub(STEP_BUTTONS);
    let steps = g.steps.clone();
    let step_cells = steps
        .iter()
        .take(STEP_BUTTONS)
        .map(|&step| match select {
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
            None => view! { <span class="ss-step-number">{step + 1}</span> }.into_any(),
        })
        .collect_view();
    let selected_steps = g.steps.clone();
    let tables = (g.tables.len() > 1).then(|| {
        let n = g.tables.len();
        let list = g.tables.join(", ");
        view! { <details class="ss-note-tables"><summary>{format!("{n} tables")}</summary><p>{list}</p></details> }
    });
    view! {
        <tr class=row_class class:ss-selected=move || select.is_some_and(|(chosen, _)| chosen.get().is_some_and(|c| selected_steps.contains(&c)))>
            <td><span class="ss-badge">{severity}</span></td>
            <td><div class="ss-steps">{step_cells}{(more > 0).then(|| view! { <span class="ss-hint">{format!(" +{more} more")}</span> })}</div></td>
            <td>
                <a
                    href=href
                    title="What this rule checks"
                    on:click=move |ev| {
                        ev.prevent_default();
                        rules_view::open_at(show_rules, anchor.clone());
                    }
                >
                    <code>{g.rule}</code>
                </a>
                {g.lock.map(|l| view! { <div class="ss-hint ss-lock">{l}</div> })}
            </td>
            <td class="ss-note">
                {page_text(&g.message)}
                {tables}
                {(!g.safe_alternative.is_empty()).then(|| view! {
                    <details><summary>"Safer alternative"</summary><pre class="ss-code">{g.safe_alternative}</pre></details>
                })}
            </td>
        </tr>
    }
}

/// A filter's select: "any" first, then each value.
fn filter_select(
    id: String,
    label: &'static str,
    any: &'static str,
    value: RwSignal<String>,
    choices: Signal<Vec<String>>,
) -> impl IntoView {
    view! {
        <span class="ss-field ss-filter">
            <label for=id.clone()>{label}</label>
            <select id=id on:change:target=move |ev| value.set(ev.target().value())>
                <option value="" selected=move || value.with(String::is_empty)>{any}</option>
                {move || choices.get().into_iter().map(|c| {
                    let (v, shown) = (c.clone(), c.clone());
                    view! { <option value=c selected=move || value.with(|x| *x == v)>{shown}</option> }
                }).collect_view()}
            </select>
        </span>
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
    let (severity, rule, table, lock) =
        (RwSignal::new(String::new()), RwSignal::new(String::new()), RwSignal::new(String::new()), RwSignal::new(String::new()));
    let filter = Memo::new(move |_| NoteFilter { severity: severity.get(), rule: rule.get(), table: table.get(), lock: lock.get() });
    let up_groups = Memo::new(move |_| {
        let f = filter.get();
        outcome.with(|o| {
            let table_of = |step: usize| o.steps.get(step).and_then(|s| s.table.clone());
            let kept: Vec<RiskV1> = o.risks.iter().filter(|r| f.keeps(r, table_of(r.step).as_deref())).cloned().collect();
            let groups = group_notes(&kept, table_of);
            (kept.len(), groups)
        })
    });
    let severities = Signal::derive(move || {
        outcome.with(|o| {
            SEVERITIES.iter().filter(|&&s| o.risks.iter().any(|r| r.severity == s)).map(|&s| risk_severity_name(s).to_string()).collect()
        })
    });
    let rules = Signal::derive(move || outcome.with(|o| distinct(o.risks.iter().map(|r| r.rule.clone()))));
    let tables = Signal::derive(move || {
        outcome.with(|o| distinct(o.risks.iter().filter_map(|r| o.steps.get(r.step).and_then(|s| s.table.clone()))))
    });
    let locks = Signal::derive(move || {
        outcome.with(|o| {
            let mut l = distinct(o.risks.iter().filter_map(|r| r.lock.clone()));
            if o.risks.iter().any(|r| r.lock.is_none()) {
                l.push(NO_LOCK.to_string());
            }
            l
        })
    });
    // A new migration may not have what the filters name: they go back to "any".
    Effect::new(move |_| {
        outcome.with(|o| {
            let has_rule = |x: &String| x.is_empty() || o.risks.iter().any(|r| r.rule == *x);
            if !rule.with_untracked(has_rule) {
                rule.set(String::new());
            }
        });
    });
    let total = move || up_groups.with(|(_, g)| g.len());
    let more = move || !show_all.get() && total() > FIRST_ROWS;
    let rules_id = rules_view::view_id(&uid);
    let rules_href = format!("#{rules_id}");
    let down_id = format!("{uid}-down-risks");
    let fid = {
        let uid = uid.clone();
        move |name: &str| format!("{uid}-risk-{name}")
    };
    let filtered = move || filter.with(|f| *f != NoteFilter::default());
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
            <div class="ss-filters" role="group" aria-label="Filter the risk notes">
                {filter_select(fid("severity"), "Severity", "All severities", severity, severities)}
                {filter_select(fid("rule"), "Rule", "All rules", rule, rules)}
                {filter_select(fid("table"), "Table", "All tables", table, tables)}
                {filter_select(fid("lock"), "Lock", "Any lock", lock, locks)}
                <Show when=filtered>
                    <button
                        type="button"
                        class="ss-button ss-secondary"
                        on:click=move |_| {
                            severity.set(String::new());
                            rule.set(String::new());
                            table.set(String::new());
                            lock.set(String::new());
                        }
                    >
                        "Clear filters"
                    </button>
                </Show>
            </div>
            <p class="ss-hint" data-testid="risk-shown" role="status">
                {move || {
                    let all = outcome.with(|o| o.risks.len());
                    up_groups.with(|(kept, groups)| {
                        let rows = groups.len();
                        let shown = if *kept == all { format!("{all} notes") } else { format!("{kept} of {all} notes") };
                        format!("{shown} in {rows} row{} (notes that say the same about several tables share a row)", if rows == 1 { "" } else { "s" })
                    })
                }}
            </p>
            <table class="ss-table ss-risk-table">
                <caption class="ss-visually-hidden">"Risk notes, most severe first"</caption>
                <thead><tr><th scope="col">"Severity"</th><th scope="col">"Steps"</th><th scope="col">"Rule"</th><th scope="col">"Note"</th></tr></thead>
                <tbody>
                    {move || {
                        let uid = uid_rows.get_value();
                        let limit = if show_all.get() { usize::MAX } else { FIRST_ROWS };
                        up_groups
                            .get()
                            .1
                            .into_iter()
                            .take(limit)
                            .map(|g| group_row(g, &uid, show_rules, Some((chosen, on_select))))
                            .collect_view()
                    }}
                </tbody>
            </table>
            <Show when=more>
                <p class="ss-panel-tools">
                    <button type="button" class="ss-button" on:click=move |_| show_all.set(true)>
                        {move || format!("Show all {} rows (the first {FIRST_ROWS} are shown)", total())}
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
            <table class="ss-table ss-risk-table" data-testid="down-risks" aria-labelledby=down_id.clone()>
                <thead><tr><th scope="col">"Severity"</th><th scope="col">"Down steps"</th><th scope="col">"Rule"</th><th scope="col">"Note"</th></tr></thead>
                <tbody>
                    {move || {
                        let uid = uid_rows.get_value();
                        outcome.with(|o| group_notes(&o.down_risks, |_| None))
                            .into_iter()
                            .take(FIRST_ROWS)
                            .map(|g| group_row(g, &uid, show_rules, None))
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
        let mut notes = vec![note(RiskSeverity::Low, 0), note(RiskSeverity::Critical, 3), note(RiskSeverity::Critical, 1)];
        notes[1].message = "other".into();
        let sorted = group_notes(&notes, |_| None);
        let keys: Vec<_> = sorted.iter().map(|g| (risk_severity_name(g.severity), g.steps.clone())).collect();
        assert_eq!(keys, vec![("critical", vec![1]), ("critical", vec![3]), ("low", vec![0])]);
    }

    #[test]
    fn same_note_on_many_tables_is_one_row() {
        let mut notes = Vec::new();
        for i in 0..80 {
            let mut n = note(RiskSeverity::Low, i);
            n.rule = "pg-lock-timeout".into();
            n.message = format!("The step on public.t{i} waits for its lock without a timeout.");
            notes.push(n);
        }
        let mut drop = note(RiskSeverity::Critical, 80);
        drop.message = "Drops public.t80 and its rows.".into();
        notes.push(drop);
        let groups = group_notes(&notes, |s| Some(format!("public.t{s}")));
        assert_eq!(groups.len(), 2, "{groups:?}");
        assert_eq!(groups[0].severity, RiskSeverity::Critical);
        assert_eq!(groups[0].message, "Drops public.t80 and its rows.");
        assert_eq!((groups[1].steps.len(), groups[1].tables.len()), (80, 80));
        assert_eq!(groups[1].message, "The step on ‹table› waits for its lock without a timeout.");
        // One table: its own words.
        let one = group_notes(&notes[..1], |s| Some(format!("public.t{s}")));
        assert_eq!(one[0].message, "The step on public.t0 waits for its lock without a timeout.");
    }

    #[test]
    fn filters_keep_what_they_name() {
        let mut n = note(RiskSeverity::High, 0);
        n.lock = Some("ACCESS EXCLUSIVE".into());
        let f = |severity: &str, rule: &str, table: &str, lock: &str| NoteFilter {
            severity: severity.into(),
            rule: rule.into(),
            table: table.into(),
            lock: lock.into(),
        };
        assert!(f("", "", "", "").keeps(&n, None));
        assert!(f("high", "r", "public.t", "ACCESS EXCLUSIVE").keeps(&n, Some("public.t")));
        assert!(!f("critical", "", "", "").keeps(&n, None));
        assert!(!f("", "", "public.u", "").keeps(&n, Some("public.t")));
        assert!(!f("", "", "", NO_LOCK).keeps(&n, None));
        assert!(f("", "", "", NO_LOCK).keeps(&note(RiskSeverity::Low, 1), None));
    }

    #[test]
    fn summary_counts_each_severity() {
        let risks = vec![note(RiskSeverity::Info, 0), note(RiskSeverity::High, 0), note(RiskSeverity::High, 1)];
        assert_eq!(severity_summary(&risks), "2 high · 1 info");
        assert_eq!(severity_summary(&[]), "");
    }
}

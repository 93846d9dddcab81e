//! Data-move proposals (the core's `data_move_proposals`, `run::MoveView`) where the user looks:
//! each pending move with both answers, "Copy these rows" (a `--copy` value, with the row filter
//! the move needs typed in place) and "Don't copy" (a `--no-copy` value). Answers are options,
//! kept with the inputs and in the share link; each is listed with its Undo. Moves answered by a
//! hint comment in AFTER are listed as such (the answer is in the text).

use crate::page_text::page_text;
use crate::run::{MoveView, Outcome};
use leptos::prelude::*;

/// "copy the rows of public.addresses (id, city) into public.billing_addresses".
pub fn describe(m: &MoveView) -> String {
    let columns = m.columns.join(", ");
    match m.kind.as_str() {
        "split" => format!("move columns {columns} of {} into the new table {}", m.from, m.to),
        "merge" => format!("move columns {columns} of the dropped table {} into {}", m.from, m.to),
        _ => format!("copy the rows of {} ({columns}) into the new table {}", m.from, m.to),
    }
}

/// The `--copy` value accepting `m` with the row filter `filter` (trimmed; empty: none).
pub fn copy_value(m: &MoveView, filter: &str) -> String {
    let filter = filter.trim();
    if filter.is_empty() {
        m.copy.clone()
    } else {
        format!("{} where {filter}", m.copy)
    }
}

/// True when `value` (a `--copy` value) answers the move into `to`.
fn answers(value: &str, to: &str) -> bool {
    value.split_once('=').is_some_and(|(dest, _)| dest.trim() == to)
}

/// The panel has something to show: data moves, or answers given.
pub fn shown(outcome: RwSignal<Outcome>, copies: RwSignal<Vec<String>>, no_copies: RwSignal<Vec<String>>) -> bool {
    outcome.with(|o| !o.moves.is_empty()) || !copies.with(Vec::is_empty) || !no_copies.with(Vec::is_empty)
}

#[component]
pub fn MovesPanel(
    outcome: RwSignal<Outcome>,
    copies: RwSignal<Vec<String>>,
    no_copies: RwSignal<Vec<String>>,
    /// Record the state before an answer, for Undo.
    record: Callback<String>,
) -> impl IntoView {
    let moves = move || outcome.with(|o| o.moves.clone());
    let visible = move || shown(outcome, copies, no_copies);
    let question = move |m: MoveView| {
        let text = describe(&m);
        let filter = RwSignal::new(String::new());
        let problem = RwSignal::new(None::<String>);
        let needs = m.needs_filter.clone();
        let filter_id = format!("ss-move-filter-{}", m.to.replace(|c: char| !c.is_ascii_alphanumeric(), "-"));
        let (accept, decline) = (m.clone(), m.clone());
        let (t1, t2) = (text.clone(), text.clone());
        let on_copy = move |_| {
            let f = filter.get_untracked();
            if accept.needs_filter.is_some() && f.trim().is_empty() {
                problem.set(Some("Type the row filter first: which rows of the source belong here.".into()));
                return;
            }
            problem.set(None);
            record.run(format!("copy rows into {}", accept.to));
            let value = copy_value(&accept, &f);
            let to = accept.to.clone();
            no_copies.update(|l| l.retain(|d| d != &to));
            copies.update(|l| {
                l.retain(|c| !answers(c, &to));
                l.push(value);
            });
        };
        let on_decline = move |_| {
            record.run(format!("decline copying into {}", decline.to));
            let to = decline.to.clone();
            copies.update(|l| l.retain(|c| !answers(c, &to)));
            no_copies.update(|l| {
                if !l.contains(&to) {
                    l.push(to.clone());
                }
            });
        };
        view! {
            <li class="ss-question" data-testid="move-question">
                <span>"Data move: " {text.clone()} "?"</span>
                {needs.map(|why| {
                    let placeholder = m.suggested_filter.clone().unwrap_or_else(|| "kind = 'shipping'".into());
                    view! {
                        <span class="ss-move-filter">
                            <label for=filter_id.clone()>"Rows to copy: where"</label>
                            <input
                                id=filter_id.clone()
                                type="text"
                                spellcheck="false"
                                autocomplete="off"
                                placeholder=placeholder
                                prop:value=move || filter.get()
                                on:input:target=move |ev| filter.set(ev.target().value())
                            />
                            <span class="ss-hint">{page_text(&why)}</span>
                        </span>
                    }
                })}
                <span class="ss-answers">
                    <button type="button" class="ss-button" aria-label=format!("Copy these rows: {t1}") on:click=on_copy>
                        "Copy these rows"
                    </button>
                    <button type="button" class="ss-button ss-secondary" aria-label=format!("Don't copy: {t2}") on:click=on_decline>
                        "Don't copy"
                    </button>
                </span>
                <span class="ss-field-error" role="status">{move || problem.get()}</span>
            </li>
        }
    };
    let state = move |m: MoveView| {
        let text = describe(&m);
        let mine_copy = copies.with(|l| l.iter().find(|c| answers(c, &m.to)).cloned());
        let mine_decline = no_copies.with(|l| l.contains(&m.to));
        let what = match m.status.as_str() {
            "accepted" => format!("Copying: {text}{}", m.filter.as_ref().map(|f| format!(" where {f}")).unwrap_or_default()),
            _ => format!("Not copying: {text} ({} starts empty)", m.to),
        };
        let to = m.to.clone();
        let undo = (mine_copy.is_some() || mine_decline).then(|| {
            view! {
                <button
                    type="button"
                    class="ss-button"
                    aria-label=format!("Undo the answer for {to}")
                    on:click=move |_| {
                        record.run(format!("undo the answer for {to}"));
                        copies.update(|l| l.retain(|c| !answers(c, &to)));
                        no_copies.update(|l| l.retain(|d| d != &to));
                    }
                >
                    "Undo"
                </button>
            }
        });
        let by_hint = undo.is_none().then(|| view! { <span class="ss-hint">" (answered by a hint comment in After)"</span> });
        view! {
            <li class="ss-answer">
                <span>{what}</span>
                {by_hint}
                {m.blocked.clone().map(|b| view! { <span class="ss-field-error">{page_text(&b)}</span> })}
                {m.down.clone().map(|d| view! { <span class="ss-hint">{format!("Down: {}", page_text(&d))}</span> })}
                " "
                {undo}
            </li>
        }
    };
    view! {
        <Show when=visible>
            <section class="ss-moves ss-decision" aria-label="Data moves">
                <h2 class="ss-decision-title">"Data moves"</h2>
                <ul>
                    {move || {
                        moves()
                            .into_iter()
                            .map(|m| if m.status == "pending" { question(m).into_any() } else { state(m).into_any() })
                            .collect_view()
                    }}
                </ul>
            </section>
        </Show>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::run::{outcome, Request};
    use schemashift::Dialect;

    const BEFORE: &str = "CREATE TABLE addresses (id bigint PRIMARY KEY, kind text NOT NULL, city text NOT NULL);";
    const AFTER: &str = "CREATE TABLE shipping_addresses (id bigint PRIMARY KEY, city text NOT NULL);\nCREATE TABLE billing_addresses (id bigint PRIMARY KEY, city text NOT NULL);";

    /// The page's answers are the core's `--copy` / `--no-copy`: a pending move blocks; both
    /// answered unblocks, and the accepted copy is in the up SQL with its filter.
    #[test]
    fn answers_reach_the_core() {
        let mut r = Request::new(Dialect::Postgres, BEFORE.into(), AFTER.into());
        let o = outcome(&r);
        assert!(o.is_blocked(), "pending moves block");
        let pending: Vec<&MoveView> = o.moves.iter().filter(|m| m.status == "pending").collect();
        assert_eq!(pending.len(), 2, "{:?}", o.moves);
        let ship = pending.iter().find(|m| m.to.ends_with("shipping_addresses")).copied().unwrap();
        assert!(ship.needs_filter.is_some(), "{ship:?}");
        assert_eq!(ship.copy, "public.shipping_addresses=addresses");
        r.options.copies = vec![copy_value(ship, " kind = 'shipping' ")];
        r.options.no_copies = vec!["public.billing_addresses".into()];
        let o = outcome(&r);
        assert!(!o.is_blocked(), "{:?}", o.blocked);
        assert!(o.up.contains("'shipping'"), "{}", o.up);
        let statuses: Vec<(&str, &str)> = o.moves.iter().map(|m| (m.to.as_str(), m.status.as_str())).collect();
        assert!(
            statuses.contains(&("public.shipping_addresses", "accepted")) && statuses.contains(&("public.billing_addresses", "declined")),
            "{statuses:?}"
        );
        assert!(answers(&r.options.copies[0], "public.shipping_addresses") && !answers(&r.options.copies[0], "public.billing_addresses"));
    }
}

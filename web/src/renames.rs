//! Rename suggestions: a dropped and an added object of the same shape may be one object
//! renamed. The core only suggests; the user answers in place: "Treat as rename" adds its
//! `--rename` value to the options, "Not a rename" its `--not-rename` value (the core then stops
//! suggesting it); the migration regenerates, and each answer is listed with its Undo.

use crate::run::Outcome;
use leptos::prelude::*;
use schemashift::diff::RenameSuggestion;
use schemashift::model::RenameKind;

fn kind_name(kind: RenameKind) -> &'static str {
    match kind {
        RenameKind::Table => "table",
        RenameKind::Column => "column",
        RenameKind::Index => "index",
        RenameKind::Constraint => "constraint",
        RenameKind::Sequence => "sequence",
    }
}

/// "column a → b in public.t", "sequence a → b".
fn describe(s: &RenameSuggestion) -> String {
    match s.kind {
        RenameKind::Table | RenameKind::Sequence => format!("{} {} → {}", kind_name(s.kind), s.from, s.to),
        kind => format!("{} {} → {} in {}", kind_name(kind), s.from, s.to, s.table),
    }
}

/// One answered decision: "Renamed: x [Undo]", "Not a rename: x [Undo]".
fn answered(what: &'static str, undo_label: &'static str, list: RwSignal<Vec<String>>, record: Callback<String>) -> impl IntoView {
    move || {
        list.get()
            .into_iter()
            .map(|option| {
                let undo = option.clone();
                view! {
                    <li class="ss-answer">
                        {what} ": " <code>{option.clone()}</code> " "
                        <button
                            type="button"
                            class="ss-button"
                            aria-label=format!("{undo_label} {option}")
                            on:click=move |_| {
                                record.run(format!("undo the answer {}", undo));
                                list.update(|r| r.retain(|o| o != &undo));
                            }
                        >
                            "Undo"
                        </button>
                    </li>
                }
            })
            .collect_view()
    }
}

/// The panel has something to show: suggestions, or answers given.
pub fn shown(outcome: RwSignal<Outcome>, renames: RwSignal<Vec<String>>, not_renames: RwSignal<Vec<String>>) -> bool {
    !renames.with(Vec::is_empty) || !not_renames.with(Vec::is_empty) || outcome.with(|o| !o.suggestions.is_empty())
}

/// The rename suggestions with both answers, and the answers given (each undoable). An answer
/// is an option (`--rename`, `--not-rename`), kept with the inputs and in the share link.
#[component]
pub fn RenamePanel(
    outcome: RwSignal<Outcome>,
    renames: RwSignal<Vec<String>>,
    not_renames: RwSignal<Vec<String>>,
    /// Record the state before an answer, for Undo.
    record: Callback<String>,
) -> impl IntoView {
    let suggestions = move || outcome.with(|o| o.suggestions.clone());
    let visible = move || shown(outcome, renames, not_renames);
    let answer = move |list: RwSignal<Vec<String>>, option: String, label: String| {
        record.run(label);
        list.update(|r| {
            if !r.contains(&option) {
                r.push(option);
            }
        });
    };
    view! {
        <Show when=visible>
            <section class="ss-renames ss-decision" aria-label="Renames">
                <h2 class="ss-decision-title">"Renames"</h2>
                <ul>
                    {move || {
                        suggestions()
                            .into_iter()
                            .map(|s| {
                                let (yes, no) = (s.option.clone(), s.option.clone());
                                let text = describe(&s);
                                let (t1, t2) = (text.clone(), text.clone());
                                view! {
                                    <li class="ss-question">
                                        <span>"Likely rename: " {text.clone()}</span>
                                        <span class="ss-answers">
                                            <button
                                                type="button"
                                                class="ss-button"
                                                aria-label=format!("Treat as rename: {text}")
                                                on:click=move |_| answer(renames, yes.clone(), format!("treat {t1} as a rename"))
                                            >
                                                "Treat as rename"
                                            </button>
                                            <button
                                                type="button"
                                                class="ss-button ss-secondary"
                                                aria-label=format!("Not a rename: {text}")
                                                on:click=move |_| answer(not_renames, no.clone(), format!("say {t2} is not a rename"))
                                            >
                                                "Not a rename"
                                            </button>
                                        </span>
                                    </li>
                                }
                            })
                            .collect_view()
                    }}
                    {answered("Renamed", "Undo rename", renames, record)}
                    {answered("Not a rename", "Undo not a rename", not_renames, record)}
                </ul>
            </section>
        </Show>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use schemashift::model::QName;

    #[test]
    fn describes_columns_with_their_table() {
        let s = RenameSuggestion {
            kind: RenameKind::Column,
            table: QName::new("public", "t"),
            from: "a".into(),
            to: "b".into(),
            option: "public.t.a=b".into(),
        };
        let text = describe(&s);
        assert!(text.starts_with("column a → b in "), "{text}");
        assert!(text.ends_with("public.t"), "{text}");
    }

    #[test]
    fn describes_sequences_like_tables_and_answers_with_their_option() {
        let s = RenameSuggestion {
            kind: RenameKind::Sequence,
            table: QName::new("public", "order_numbrs"),
            from: "order_numbers".into(),
            to: "order_numbrs".into(),
            option: "public.order_numbers=public.order_numbrs".into(),
        };
        assert_eq!(describe(&s), "sequence order_numbers → order_numbrs");
    }
}

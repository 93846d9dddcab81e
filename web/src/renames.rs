//! Rename suggestions: a dropped and an added object of the same shape may be one object
//! renamed. The core only suggests; one click accepts a suggestion (its `--rename` value is
//! added to the options and the migration regenerates), another undoes it.

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
    }
}

/// "column a → b in public.t".
fn describe(s: &RenameSuggestion) -> String {
    match s.kind {
        RenameKind::Table => format!("table {} → {}", s.from, s.to),
        kind => format!("{} {} → {} in {}", kind_name(kind), s.from, s.to, s.table),
    }
}

#[component]
pub fn RenamePanel(outcome: RwSignal<Outcome>, renames: RwSignal<Vec<String>>) -> impl IntoView {
    let suggestions = move || outcome.with(|o| o.suggestions.clone());
    let visible = move || !renames.with(|r| r.is_empty()) || outcome.with(|o| !o.suggestions.is_empty());
    view! {
        <Show when=visible>
            <section class="ss-renames" aria-label="Renames">
                <ul>
                    {move || {
                        suggestions()
                            .into_iter()
                            .map(|s| {
                                let option = s.option.clone();
                                let text = describe(&s);
                                view! {
                                    <li>
                                        "Likely rename: " {text.clone()} " "
                                        <button
                                            type="button"
                                            class="ss-button"
                                            aria-label=format!("Treat as rename: {text}")
                                            on:click=move |_| renames.update(|r| {
                                                if !r.contains(&option) {
                                                    r.push(option.clone());
                                                }
                                            })
                                        >
                                            "Treat as rename"
                                        </button>
                                    </li>
                                }
                            })
                            .collect_view()
                    }}
                    {move || {
                        renames
                            .get()
                            .into_iter()
                            .map(|option| {
                                let undo = option.clone();
                                view! {
                                    <li>
                                        "Renamed: " <code>{option.clone()}</code> " "
                                        <button
                                            type="button"
                                            class="ss-button"
                                            aria-label=format!("Undo rename {option}")
                                            on:click=move |_| renames.update(|r| r.retain(|o| o != &undo))
                                        >
                                            "Undo"
                                        </button>
                                    </li>
                                }
                            })
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
}

//! A SQL editor: a labelled textarea with line numbers and the diagnostics about its text,
//! each a button that moves the cursor to its line and column.

use leptos::html;
use leptos::prelude::*;
use schemashift::{Severity, SourcedDiagnostic};

/// The UTF-16 offset (what `setSelectionRange` takes) of 1-based `line` and `column` (in
/// characters) in `text`, clamped to the text.
pub fn utf16_offset(text: &str, line: usize, column: usize) -> u32 {
    let mut offset = 0usize;
    for (index, content) in text.split('\n').enumerate() {
        if index + 1 == line.max(1) {
            let within: usize =
                content.chars().take(column.saturating_sub(1)).map(char::len_utf16).sum();
            return (offset + within) as u32;
        }
        offset += content.encode_utf16().count() + 1;
    }
    text.encode_utf16().count() as u32
}

/// "1\n2\n3" for a text of three lines.
fn line_numbers(text: &str) -> String {
    let lines = text.split('\n').count().max(1);
    (1..=lines).map(|n| n.to_string()).collect::<Vec<_>>().join("\n")
}

pub fn severity_name(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "info",
    }
}

#[component]
pub fn Editor(
    id: String,
    /// The accessible name of the editor ("Before", "After"); keep these names stable.
    label: &'static str,
    hint: &'static str,
    value: RwSignal<String>,
    diagnostics: Signal<Vec<SourcedDiagnostic>>,
) -> impl IntoView {
    let textarea = NodeRef::<html::Textarea>::new();
    let gutter = NodeRef::<html::Pre>::new();
    let hint_id = format!("{id}-hint");
    let list_id = format!("{id}-diagnostics");

    let sync_gutter = move || {
        if let (Some(t), Some(g)) = (textarea.get_untracked(), gutter.get_untracked()) {
            g.set_scroll_top(t.scroll_top());
        }
    };
    let jump = move |line: usize, column: usize| {
        if let Some(t) = textarea.get_untracked() {
            let offset = value.with_untracked(|v| utf16_offset(v, line, column));
            let _ = t.focus();
            let _ = t.set_selection_range(offset, offset);
        }
    };

    view! {
        <section class="ss-editor">
            <div class="ss-editor-head">
                <label class="ss-label" for=id.clone()>{label}</label>
                <span class="ss-hint" id=hint_id.clone()>{hint}</span>
            </div>
            <div class="ss-editor-body">
                <pre class="ss-gutter" aria-hidden="true" node_ref=gutter>
                    {move || value.with(|v| line_numbers(v))}
                </pre>
                <textarea
                    id=id
                    class="ss-textarea"
                    node_ref=textarea
                    spellcheck="false"
                    autocomplete="off"
                    autocapitalize="off"
                    wrap="off"
                    aria-describedby=format!("{hint_id} {list_id}")
                    prop:value=move || value.get()
                    on:input:target=move |ev| value.set(ev.target().value())
                    on:scroll=move |_| sync_gutter()
                ></textarea>
            </div>
            <ul class="ss-diagnostics" id=list_id>
                {move || {
                    diagnostics
                        .get()
                        .into_iter()
                        .map(|d| {
                            let (line, column) = (d.diagnostic.line, d.diagnostic.column);
                            let severity = severity_name(d.diagnostic.severity);
                            view! {
                                <li class=format!("ss-diag ss-{severity}")>
                                    <button
                                        type="button"
                                        class="ss-diag-jump"
                                        title="Move the cursor here"
                                        on:click=move |_| jump(line, column)
                                    >
                                        {format!("{line}:{column}")}
                                    </button>
                                    <span class="ss-diag-severity">{severity}</span>
                                    <span class="ss-diag-message">{d.diagnostic.message}</span>
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ul>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_follow_lines_and_columns() {
        let text = "ab\ncdé\nf";
        assert_eq!(utf16_offset(text, 1, 1), 0);
        assert_eq!(utf16_offset(text, 2, 3), 5);
        assert_eq!(utf16_offset(text, 3, 1), 7);
        assert_eq!(utf16_offset(text, 9, 1), 8);
        assert_eq!(utf16_offset("😀x", 1, 2), 2);
    }

    #[test]
    fn numbers_every_line() {
        assert_eq!(line_numbers(""), "1");
        assert_eq!(line_numbers("a\nb\n"), "1\n2\n3");
    }
}

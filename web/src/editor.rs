//! A SQL editor: a labelled textarea over a syntax-highlighted mirror of its text
//! (`highlight.rs`; built as text nodes), line numbers with the lines that have diagnostics
//! marked, the diagnostic's token underlined, and the list of diagnostics, each a button that
//! moves the cursor to its line and column.

use crate::highlight::{self, MAX_HIGHLIGHT_BYTES};
use crate::mirror::{self, Marks, Painted};
use gloo::timers::callback::Timeout;
use leptos::html;
use leptos::prelude::*;
use schemashift::{Dialect, Severity, SourcedDiagnostic};
use std::collections::BTreeMap;

/// The UTF-16 offset (what `setSelectionRange` takes) of 1-based `line` and `column` (in
/// characters) in `text`, clamped to the text.
pub fn utf16_offset(text: &str, line: usize, column: usize) -> u32 {
    let mut offset = 0usize;
    for (index, content) in text.split('\n').enumerate() {
        if index + 1 == line.max(1) {
            let within: usize = content.chars().take(column.saturating_sub(1)).map(char::len_utf16).sum();
            return (offset + within) as u32;
        }
        offset += content.encode_utf16().count() + 1;
    }
    text.encode_utf16().count() as u32
}

/// The byte offset of 1-based `line` and `column` (in characters) in `text`, clamped.
pub fn byte_offset(text: &str, line: usize, column: usize) -> usize {
    let mut offset = 0usize;
    for (index, content) in text.split('\n').enumerate() {
        if index + 1 == line.max(1) {
            let within: usize = content.chars().take(column.saturating_sub(1)).map(char::len_utf8).sum();
            return offset + within;
        }
        offset += content.len() + 1;
    }
    text.len()
}

/// "1\n2\n3" for a text of three lines.
#[cfg(test)]
fn line_numbers(text: &str) -> String {
    let lines = text.split('\n').count().max(1);
    (1..=lines).map(|n| n.to_string()).collect::<Vec<_>>().join("\n")
}

/// The most severe diagnostic per line (for the gutter).
fn worst_by_line(diagnostics: &[SourcedDiagnostic]) -> BTreeMap<usize, Severity> {
    let rank = |s: Severity| match s {
        Severity::Error => 0,
        Severity::Warning => 1,
        Severity::Info => 2,
    };
    let mut out: BTreeMap<usize, Severity> = BTreeMap::new();
    for d in diagnostics {
        let entry = out.entry(d.diagnostic.line).or_insert(d.diagnostic.severity);
        if rank(d.diagnostic.severity) < rank(*entry) {
            *entry = d.diagnostic.severity;
        }
    }
    out
}

/// Fill the gutter with one numbered line per text line, marking lines with diagnostics (the
/// marker is a character too, not only a colour).
fn paint_gutter(pre: &web_sys::HtmlElement, lines: usize, worst: &BTreeMap<usize, Severity>) {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else { return };
    let fragment = doc.create_document_fragment();
    let mut plain = String::new();
    let flush = |plain: &mut String, fragment: &web_sys::DocumentFragment| {
        if !plain.is_empty() {
            let _ = fragment.append_child(&doc.create_text_node(plain));
            plain.clear();
        }
    };
    for n in 1..=lines {
        match worst.get(&n) {
            Some(&severity) => {
                flush(&mut plain, &fragment);
                if let Ok(span) = doc.create_element("span") {
                    span.set_class_name(&format!("ss-gutter-mark ss-{}", severity_name(severity)));
                    let sign = if severity == Severity::Error { "✕" } else { "!" };
                    span.set_text_content(Some(&format!("{sign}{n}")));
                    let _ = fragment.append_child(&span);
                }
                plain.push('\n');
            }
            None => {
                plain.push_str(&n.to_string());
                plain.push('\n');
            }
        }
    }
    plain.push(' ');
    flush(&mut plain, &fragment);
    pre.replace_children_with_node_1(&fragment);
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
    dialect: Signal<Dialect>,
    diagnostics: Signal<Vec<SourcedDiagnostic>>,
    /// Set to a line and column to move the cursor there from elsewhere (the blocked banner).
    #[prop(optional)]
    jump_to: Option<RwSignal<Option<(usize, usize)>>>,
) -> impl IntoView {
    let textarea = NodeRef::<html::Textarea>::new();
    let gutter = NodeRef::<html::Pre>::new();
    let mirror = NodeRef::<html::Pre>::new();
    let hint_id = format!("{id}-hint");
    let list_id = format!("{id}-diagnostics");
    let large = Memo::new(move |_| value.with(|v| v.len() > MAX_HIGHLIGHT_BYTES));
    let line_count = Memo::new(move |_| value.with(|v| v.bytes().filter(|&b| b == b'\n').count() + 1));
    let worst = Memo::new(move |_| diagnostics.with(|d| worst_by_line(d)));

    // The tokenized text, kept for repainting on scroll.
    let painted = StoredValue::new_local(Painted::default());
    // Paint the lines in view (plus a margin); `force`: even if they are painted already.
    let repaint = move |force: bool| {
        let (Some(t), Some(pre)) = (textarea.get_untracked(), mirror.get_untracked()) else { return };
        if large.get_untracked() {
            // Too large to highlight: the textarea shows its text itself and the mirror is
            // hidden; it stays empty (measuring the textarea would lay the whole text out).
            if painted.with_value(|p| p.window.is_some()) {
                pre.set_text_content(None);
                painted.update_value(|p| p.window = None);
            }
            return;
        }
        let total = line_count.get_untracked().max(1);
        let line_height = (t.scroll_height() as f64 / total as f64).max(1.0);
        let first_visible = (t.scroll_top() as f64 / line_height) as usize;
        let visible = (t.client_height() as f64 / line_height).ceil() as usize + 1;
        let window = painted.with_value(|p| p.window);
        if !force && mirror::covers(window, first_visible, visible, total) {
            return;
        }
        let window = mirror::window_for(first_visible, visible, total);
        value.with_untracked(|text| painted.update_value(|p| mirror::paint(&pre, text, p, window, t.scroll_width())));
    };
    // Paint once per burst of changes (pasting or filling many lines may fire an input event
    // per line): the effects only schedule; the paint reads the latest text.
    let scheduled = StoredValue::new(false);
    let gutter_painted = StoredValue::new(None::<(usize, BTreeMap<usize, Severity>)>);
    let paint_now = move || {
        scheduled.set_value(false);
        let dialect = dialect.get_untracked();
        let marks: Marks = diagnostics.with_untracked(|list| {
            value.with_untracked(|v| {
                list.iter()
                    .map(|d| (byte_offset(v, d.diagnostic.line, d.diagnostic.column), d.diagnostic.severity, d.diagnostic.message.clone()))
                    .collect()
            })
        });
        value.with_untracked(|text| {
            painted.update_value(|p| {
                p.segments = highlight::segments(dialect, text);
                p.line_starts = mirror::line_starts(text);
                p.marks = marks;
            })
        });
        repaint(true);
        // The gutter changes with the number of lines and the marked ones only (a keystroke
        // within a line of a 300,000-line text must not rebuild it).
        let gutter_now = (line_count.get_untracked(), worst.get_untracked());
        if let Some(pre) = gutter.get_untracked().filter(|_| gutter_painted.with_value(|p| p.as_ref() != Some(&gutter_now))) {
            paint_gutter(&pre, gutter_now.0, &gutter_now.1);
            gutter_painted.set_value(Some(gutter_now));
        }
    };
    Effect::new(move |_| {
        dialect.track();
        diagnostics.track();
        value.track();
        let mounted = mirror.get().is_some() && gutter.get().is_some();
        if mounted && !scheduled.get_value() {
            scheduled.set_value(true);
            Timeout::new(0, move || crate::timing::measure("paint the editor", paint_now)).forget();
        }
    });

    // The text goes into the textarea when the page changes it (an example, an undo, a shared
    // link), not back after the user's own typing: that would copy the whole text into the
    // textarea again on every keystroke (~26 ms for 9 MB), only for the browser to find it equal.
    // `typed`: the length of the text the input handler just read (its echo is skipped).
    let typed = StoredValue::new(None::<usize>);
    Effect::new(move |_| {
        let Some(area) = textarea.get() else { return };
        let echo = typed.get_value();
        typed.set_value(None);
        value.with(|text| {
            if echo != Some(text.len()) {
                area.set_value(text);
            }
        });
    });

    let sync_gutter = move || {
        if let (Some(t), Some(g), Some(m)) = (textarea.get_untracked(), gutter.get_untracked(), mirror.get_untracked()) {
            g.set_scroll_top(t.scroll_top());
            repaint(false);
            m.set_scroll_top(t.scroll_top());
            m.set_scroll_left(t.scroll_left());
        }
    };
    let jump = move |line: usize, column: usize| {
        if let Some(t) = textarea.get_untracked() {
            let offset = value.with_untracked(|v| utf16_offset(v, line, column));
            let _ = t.focus();
            let _ = t.set_selection_range(offset, offset);
            // Bring the line into the middle of the view (lines have one height: wrap is off).
            let lines = line_count.get_untracked().max(1) as i32;
            let line_height = t.scroll_height() / lines;
            t.set_scroll_top((line as i32 - 1) * line_height - t.client_height() / 2);
            sync_gutter();
        }
    };
    if let Some(request) = jump_to {
        Effect::new(move |_| {
            if let Some((line, column)) = request.get() {
                jump(line, column);
            }
        });
    }

    view! {
        <section class="ss-editor">
            <div class="ss-editor-head">
                <label class="ss-label" for=id.clone()>{label}</label>
                <span class="ss-hint" id=hint_id.clone()>{hint}</span>
            </div>
            <div class="ss-editor-body">
                <pre class="ss-gutter" aria-hidden="true" node_ref=gutter></pre>
                <div class="ss-code-area">
                <pre class="ss-mirror" aria-hidden="true" node_ref=mirror></pre>
                <textarea
                    id=id
                    class="ss-textarea"
                    class:ss-plain=move || large.get()
                    node_ref=textarea
                    spellcheck="false"
                    autocomplete="off"
                    autocapitalize="off"
                    wrap="off"
                    aria-describedby=format!("{hint_id} {list_id}")
                    on:input:target=move |ev| {
                        let text = crate::timing::measure("read the editor's text", || ev.target().value());
                        typed.set_value(Some(text.len()));
                        value.set(text);
                    }
                    on:scroll=move |_| sync_gutter()
                ></textarea>
                </div>
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
    fn byte_offsets_follow_lines_and_columns() {
        let text = "ab\ncdé\nf";
        assert_eq!(byte_offset(text, 2, 3), 5);
        assert_eq!(byte_offset(text, 2, 4), 7);
        assert_eq!(byte_offset(text, 3, 1), 8);
        assert_eq!(byte_offset(text, 7, 1), text.len());
    }

    #[test]
    fn worst_diagnostic_wins_per_line() {
        use schemashift::{Diagnostic, Side};
        let d = |line, diagnostic: Diagnostic| SourcedDiagnostic { side: Side::Before, diagnostic: Diagnostic { line, ..diagnostic } };
        let list = vec![d(2, Diagnostic::warning(2, 1, "w")), d(2, Diagnostic::error(2, 3, "e")), d(5, Diagnostic::warning(5, 1, "w"))];
        let worst = worst_by_line(&list);
        assert_eq!(worst.get(&2), Some(&Severity::Error));
        assert_eq!(worst.get(&5), Some(&Severity::Warning));
    }

    #[test]
    fn numbers_every_line() {
        assert_eq!(line_numbers(""), "1");
        assert_eq!(line_numbers("a\nb\n"), "1\n2\n3");
    }
}

//! A SQL editor: a labelled textarea over a syntax-highlighted mirror of its text
//! (`highlight.rs`; built as text nodes), line numbers with the lines that have diagnostics
//! marked, the diagnostic's token underlined, and the list of diagnostics, each a button that
//! moves the cursor to its line and column.

use crate::editor_dom::{clipboard_call, focus_quietly, paint_gutter, style_px, whole_window_selected, worst_by_line};
use crate::editor_window::{self, byte_offset, utf16_offset, Window};
use crate::highlight::{self, MAX_HIGHLIGHT_BYTES};
use crate::mirror::{self, Marks, Painted};
use gloo::timers::callback::Timeout;
use leptos::html;
use leptos::prelude::*;
use schemashift::{Dialect, Severity, SourcedDiagnostic};
use std::collections::BTreeMap;

/// "1\n2\n3" for a text of three lines.
#[cfg(test)]
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

/// Line height and top and bottom padding of a textarea, in pixels.
#[derive(Clone, Copy)]
struct Metrics {
    line: f64,
    top: f64,
    bottom: f64,
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
    let code_area = NodeRef::<html::Div>::new();
    let space = NodeRef::<html::Div>::new();
    let hint_id = format!("{id}-hint");
    let note_id = format!("{id}-window-note");
    let list_id = format!("{id}-diagnostics");
    let large = Memo::new(move |_| value.with(|v| v.len() > MAX_HIGHLIGHT_BYTES));
    let line_count = Memo::new(move |_| value.with(|v| editor_window::count_lines(v)));
    let worst = Memo::new(move |_| diagnostics.with(|d| worst_by_line(d)));

    // A large text (`editor_window.rs`): the lines of the whole text (`value`) the textarea
    // holds, `None` while it holds the whole text.
    let win = StoredValue::new(None::<Window>);
    let windowed = RwSignal::new(false);
    let metrics = StoredValue::new(Metrics { line: 19.5, top: 9.6, bottom: 9.6 });
    // Ctrl+A in a window selects the whole text: copy, cut, paste, typing and deleting then
    // act on all of it (`replace_all`: the input that follows replaces the whole text).
    let all_selected = StoredValue::new(false);
    let replace_all = StoredValue::new(false);

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
    // The gutter changes with the lines shown and the marked ones only (a keystroke within a
    // line of a 300,000-line text must not rebuild it); in a window, its lines only.
    let gutter_painted = StoredValue::new(None::<(usize, usize, BTreeMap<usize, Severity>)>);
    let paint_gutter_now = move || {
        let (first, lines) = win.get_value().map_or((0, line_count.get_untracked()), |w| (w.first, w.lines));
        let now = (first, lines, worst.get_untracked());
        if let Some(pre) = gutter.get_untracked().filter(|_| gutter_painted.with_value(|p| p.as_ref() != Some(&now))) {
            paint_gutter(&pre, now.0, now.1, &now.2);
            gutter_painted.set_value(Some(now));
        }
    };
    // Paint once per burst of changes (pasting or filling many lines may fire an input event
    // per line): the effects only schedule; the paint reads the latest text.
    let scheduled = StoredValue::new(false);
    let paint_now = move || {
        scheduled.set_value(false);
        if large.get_untracked() {
            // Not highlighted: nothing of the whole text is tokenized or indexed.
            painted.update_value(|p| {
                p.segments.clear();
                p.line_starts.clear();
                p.marks.clear();
            });
        } else {
            let dialect = dialect.get_untracked();
            let marks: Marks = diagnostics.with_untracked(|list| {
                value.with_untracked(|v| {
                    list.iter()
                        .map(|d| {
                            (byte_offset(v, d.diagnostic.line, d.diagnostic.column), d.diagnostic.severity, d.diagnostic.message.clone())
                        })
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
        }
        repaint(true);
        paint_gutter_now();
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

    // --- The window of a large text.
    // Place the textarea at its window's lines in a scroller as tall as the whole text.
    let layout = move |w: Option<Window>| {
        let (Some(t), Some(area), Some(space)) = (textarea.get_untracked(), code_area.get_untracked(), space.get_untracked()) else {
            return;
        };
        let m = metrics.get_value();
        let px = |v: f64| format!("{v}px");
        match w {
            Some(w) => {
                let _ = area.class_list().add_1("ss-windowed");
                let _ = t.set_attribute("data-window-first", &(w.first + 1).to_string());
                let _ = web_sys::HtmlElement::style(&space)
                    .set_property("height", &px(line_count.get_untracked() as f64 * m.line + m.top + m.bottom + m.line));
                let _ = web_sys::HtmlElement::style(&t).set_property("top", &px(w.first as f64 * m.line));
                let _ = web_sys::HtmlElement::style(&t).set_property("height", &px(w.lines as f64 * m.line + m.top + m.bottom + m.line));
            }
            None => {
                let _ = area.class_list().remove_1("ss-windowed");
                let _ = t.remove_attribute("data-window-first");
                let _ = web_sys::HtmlElement::style(&space).set_property("height", "0");
                let _ = web_sys::HtmlElement::style(&t).remove_property("top");
                let _ = web_sys::HtmlElement::style(&t).remove_property("height");
            }
        }
    };
    // The lines in view of the scroller: (first, how many).
    let view_lines = move || {
        let m = metrics.get_value();
        let Some(area) = code_area.get_untracked() else { return (0, 40) };
        let first = ((area.scroll_top() as f64 - m.top).max(0.0) / m.line) as usize;
        (first, (area.client_height() as f64 / m.line).ceil() as usize + 1)
    };
    let sync_windowed = move || {
        if let (Some(area), Some(g), Some(w)) = (code_area.get_untracked(), gutter.get_untracked(), win.get_value()) {
            g.set_scroll_top(area.scroll_top() - (w.first as f64 * metrics.get_value().line).round() as i32);
        }
    };
    // The selection as byte offsets of the whole text.
    let selection = move || -> Option<(usize, usize)> {
        let t = textarea.get_untracked()?;
        let (a, b) = (t.selection_start().ok()??, t.selection_end().ok()??);
        match win.get_value() {
            Some(w) => {
                let inside = t.value();
                Some((w.start + editor_window::byte_of_utf16(&inside, a), w.start + editor_window::byte_of_utf16(&inside, b)))
            }
            None => value.with_untracked(|v| Some((editor_window::byte_of_utf16(v, a), editor_window::byte_of_utf16(v, b)))),
        }
    };
    // Put window `w` into the textarea with `selected` (bytes of the whole text) selected, or
    // the caret at the first line in view when the selection lies outside the window. Moving
    // the window replaces the textarea's text: its undo history starts again.
    let show = move |w: Window, selected: Option<(usize, usize)>| {
        let (Some(t), Some(area)) = (textarea.get_untracked(), code_area.get_untracked()) else { return };
        let top = area.scroll_top();
        let inside = value.with_untracked(|v| v.get(w.start..w.end).unwrap_or_default().to_string());
        win.set_value(Some(w));
        all_selected.set_value(false);
        t.set_value(&inside);
        layout(Some(w));
        let (a, b) = match selected.filter(|&(a, b)| a >= w.start && b <= w.end && a <= b) {
            Some((a, b)) => (a - w.start, b - w.start),
            None => {
                let at = editor_window::line_start(&inside, view_lines().0.saturating_sub(w.first));
                (at, at)
            }
        };
        let _ = t.set_selection_range(editor_window::utf16_of_byte(&inside, a), editor_window::utf16_of_byte(&inside, b));
        // The view stays where the user scrolled it, whatever the browser did to show the caret.
        if area.scroll_top() != top {
            area.set_scroll_top(top);
        }
        paint_gutter_now();
        sync_windowed();
    };
    // The textarea holds the whole text again.
    let leave = move |selected: Option<(usize, usize)>| {
        let (Some(t), Some(area)) = (textarea.get_untracked(), code_area.get_untracked()) else { return };
        let top = area.scroll_top();
        win.set_value(None);
        windowed.set(false);
        layout(None);
        area.set_scroll_top(0);
        value.with_untracked(|v| {
            t.set_value(v);
            if let Some((a, b)) = selected {
                let _ = t.set_selection_range(editor_window::utf16_of_byte(v, a), editor_window::utf16_of_byte(v, b));
            }
        });
        t.set_scroll_top(top);
        paint_gutter_now();
    };
    // Show the whole text (changed) through a window around line `center`, or whole when it
    // is small; `selected`: bytes of the whole text to select.
    let load_at = move |center: Option<usize>, selected: Option<(usize, usize)>| {
        let (Some(t), Some(area)) = (textarea.get_untracked(), code_area.get_untracked()) else { return };
        let len = value.with_untracked(String::len);
        let was = win.get_value().is_some();
        if !(len > editor_window::ENTER_BYTES || (was && len >= editor_window::LEAVE_BYTES)) {
            if was {
                leave(selected);
            } else {
                value.with_untracked(|v| t.set_value(v));
            }
            return;
        }
        let mut top = area.scroll_top();
        if !was {
            metrics.set_value(Metrics {
                line: style_px(&t, "line-height", 19.5),
                top: style_px(&t, "padding-top", 9.6),
                bottom: style_px(&t, "padding-bottom", 9.6),
            });
            // The view stays where the textarea had scrolled to (read only when needed: it lays
            // out the textarea, which after a script's paste holds megabytes).
            if center.is_none() {
                top = t.scroll_top();
                t.set_scroll_top(0);
            }
            windowed.set(true);
        }
        let m = metrics.get_value();
        let (_, visible) = view_lines();
        let total = line_count.get_untracked();
        let first_visible = ((top as f64 - m.top).max(0.0) / m.line) as usize;
        let (center, top) = match center {
            Some(line) => (line.saturating_sub(visible / 2), ((line as f64 + 0.5) * m.line + m.top) as i32 - area.client_height() / 2),
            None => (first_visible, top),
        };
        let w = value.with_untracked(|v| editor_window::around(v, center, visible, total));
        show(w, selected);
        area.set_scroll_top(top.max(0));
        sync_windowed();
    };
    // After an edit of the whole text: a window that grew too large is cut around the caret; a
    // text that became small goes back into the textarea whole.
    let after_edit = move || {
        let Some(w) = win.get_value() else { return };
        let len = value.with_untracked(String::len);
        if len < editor_window::LEAVE_BYTES {
            let selected = selection();
            leave(selected);
        } else if w.end - w.start > editor_window::MAX_WINDOW_BYTES {
            let selected = selection();
            let line = value.with_untracked(|v| editor_window::line_of(v, selected.map_or(0, |s| s.1)));
            load_at(Some(line), selected);
        } else {
            layout(Some(w));
            paint_gutter_now();
        }
    };

    // The text goes into the textarea when the page changes it (an example, an undo, a shared
    // link), not back after the user's own typing: that would copy the whole text into the
    // textarea again on every keystroke (~26 ms for 9 MB), only for the browser to find it equal.
    // `typed`: the length of the text the input handler just read (its echo is skipped).
    let typed = StoredValue::new(None::<usize>);
    Effect::new(move |_| {
        if textarea.get().is_none() || code_area.get().is_none() {
            return;
        }
        value.track();
        let echo = typed.get_value();
        typed.set_value(None);
        if echo != Some(value.with_untracked(String::len)) {
            // A window stays at the lines in view; a whole text where the textarea was scrolled.
            load_at(win.get_value().map(|_| view_lines().0 + view_lines().1 / 2), None);
        }
    });

    // An edit in the textarea: its text is the whole text, or the window's lines of it.
    let on_text = move |text: String| {
        let Some(w) = win.get_value() else {
            let len = text.len();
            let selected = textarea.get_untracked().filter(|_| len > editor_window::ENTER_BYTES).and_then(|t| {
                let (a, b) = (t.selection_start().ok()??, t.selection_end().ok()??);
                Some((editor_window::byte_of_utf16(&text, a), editor_window::byte_of_utf16(&text, b)))
            });
            // The window of a text that became large is around the caret (after a paste set
            // by a script, its end), as the browser would scroll to it.
            let line = selected.map(|s| editor_window::line_of(&text, s.1));
            typed.set_value(Some(len));
            value.set(text);
            if let Some(line) = line {
                load_at(Some(line), selected);
            }
            return;
        };
        let whole = replace_all.get_value();
        replace_all.set_value(false);
        let (range, edited) = if whole {
            (0..value.with_untracked(String::len), Window { first: 0, lines: editor_window::count_lines(&text), start: 0, end: text.len() })
        } else {
            (w.start..w.end, w.edited(&text))
        };
        let fits = value.with_untracked(|v| v.is_char_boundary(range.start) && range.end <= v.len() && v.is_char_boundary(range.end));
        if !fits {
            // The window no longer matches the text (never expected): show the text again
            // rather than splice the edit at a wrong place.
            load_at(None, None);
            return;
        }
        let len = value.with_untracked(String::len) - range.len() + text.len();
        typed.set_value(Some(len));
        win.set_value(Some(edited));
        value.update(|v| v.replace_range(range, &text));
        if whole {
            // The textarea's undo must not bring back the window's lines as the whole text.
            if let Some(t) = textarea.get_untracked() {
                t.set_value("");
                t.set_value(&text);
            }
        }
        after_edit();
    };

    // A paste that makes the text large, or into a window: spliced into the whole text here (the
    // textarea never lays out megabytes), then the caret shown after it.
    let on_paste = move |ev: &web_sys::Event| {
        let Some(pasted) = clipboard_call(ev, "getData", &["text/plain"]).and_then(|v| crate::js_text::string_of(&v)) else { return };
        let len = value.with_untracked(String::len);
        let was = win.get_value().is_some();
        if !was && len + pasted.len() <= editor_window::ENTER_BYTES {
            return;
        }
        ev.prevent_default();
        let whole = was && all_selected.get_value() && textarea.get_untracked().is_some_and(|t| whole_window_selected(&t));
        let (a, b) = if whole { (0, len) } else { selection().unwrap_or((len, len)) };
        typed.set_value(Some(len - (b - a) + pasted.len()));
        value.update(|v| {
            if let Some(whole) = crate::splice::replaced(v, a, b, &pasted) {
                *v = whole;
            }
        });
        let caret = a + pasted.len();
        let line = value.with_untracked(|v| editor_window::line_of(v, caret));
        load_at(Some(line), Some((caret, caret)));
    };
    // Copy and cut of the whole text (after Ctrl+A in a window).
    let on_copy = move |ev: &web_sys::Event, cut: bool| {
        let whole =
            win.get_value().is_some() && all_selected.get_value() && textarea.get_untracked().is_some_and(|t| whole_window_selected(&t));
        if !whole {
            return;
        }
        let copied = value.with_untracked(|v| clipboard_call(ev, "setData", &["text/plain", v.as_str()]).is_some());
        if !copied {
            return;
        }
        ev.prevent_default();
        if cut {
            typed.set_value(Some(0));
            value.set(String::new());
            load_at(None, Some((0, 0)));
        }
    };

    let sync_gutter = move || {
        if win.get_value().is_some() {
            sync_windowed();
            return;
        }
        if let (Some(t), Some(g), Some(m)) = (textarea.get_untracked(), gutter.get_untracked(), mirror.get_untracked()) {
            g.set_scroll_top(t.scroll_top());
            repaint(false);
            m.set_scroll_top(t.scroll_top());
            m.set_scroll_left(t.scroll_left());
        }
    };
    // The scroller of a window: move the window when the view nears one of its ends.
    let on_area_scroll = move || {
        let Some(w) = win.get_value() else { return };
        let total = line_count.get_untracked();
        let (first, visible) = view_lines();
        if !w.covers(first, visible, total) {
            let selected = selection();
            let moved = value.with_untracked(|v| editor_window::around(v, first, visible, total));
            show(moved, selected);
        }
        sync_windowed();
    };
    let jump = move |line: usize, column: usize| {
        let Some(t) = textarea.get_untracked() else { return };
        if win.get_value().is_some() {
            let at = value.with_untracked(|v| byte_offset(v, line, column));
            focus_quietly(&t);
            load_at(Some(line.max(1) - 1), Some((at, at)));
            return;
        }
        let offset = value.with_untracked(|v| utf16_offset(v, line, column));
        let _ = t.focus();
        let _ = t.set_selection_range(offset, offset);
        // Bring the line into the middle of the view (lines have one height: wrap is off).
        let lines = line_count.get_untracked().max(1) as i32;
        let line_height = t.scroll_height() / lines;
        t.set_scroll_top((line as i32 - 1) * line_height - t.client_height() / 2);
        sync_gutter();
    };
    if let Some(request) = jump_to {
        Effect::new(move |_| {
            if let Some((line, column)) = request.get() {
                jump(line, column);
            }
        });
    }
    // Keys a window handles itself: Ctrl+A (the whole text), Ctrl+Home and Ctrl+End (its ends).
    let on_keydown = move |ev: web_sys::KeyboardEvent| {
        if win.get_value().is_none() {
            return;
        }
        let key = ev.key();
        let ctrl = ev.ctrl_key() || ev.meta_key();
        if ctrl && key.eq_ignore_ascii_case("a") {
            all_selected.set_value(true);
        } else if ctrl && (key == "Home" || key == "End") && !ev.shift_key() {
            ev.prevent_default();
            if key == "Home" {
                jump(1, 1);
            } else {
                jump(line_count.get_untracked(), usize::MAX);
            }
        } else if key.starts_with("Arrow") || key.starts_with("Page") || key == "Home" || key == "End" || key == "Escape" {
            all_selected.set_value(false);
        }
    };
    let on_beforeinput = move || {
        let whole =
            win.get_value().is_some() && all_selected.get_value() && textarea.get_untracked().is_some_and(|t| whole_window_selected(&t));
        all_selected.set_value(false);
        replace_all.set_value(whole);
    };

    view! {
        <section class="ss-editor">
            <div class="ss-editor-head">
                <label class="ss-label" for=id.clone()>{label}</label>
                <span class="ss-hint" id=hint_id.clone()>{hint}</span>
                <span class="ss-hint ss-window-note" id=note_id.clone() hidden=move || !windowed.get()>
                    "large text: the editor holds the lines around the view; the browser's Find (Ctrl+F) searches only those"
                </span>
            </div>
            <div class="ss-editor-body">
                <pre class="ss-gutter" aria-hidden="true" node_ref=gutter></pre>
                <div class="ss-code-area" node_ref=code_area on:scroll=move |_| on_area_scroll()>
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
                    aria-describedby=format!("{hint_id} {note_id} {list_id}")
                    on:input:target=move |ev| {
                        let text = crate::timing::measure("read the editor's text", || ev.target().value());
                        on_text(text);
                    }
                    on:focus=move |_| crate::run::warm()
                    on:beforeinput=move |_| on_beforeinput()
                    on:keydown=on_keydown
                    on:mousedown=move |_| all_selected.set_value(false)
                    on:paste=move |ev| on_paste(&ev)
                    on:copy=move |ev| on_copy(&ev, false)
                    on:cut=move |ev| on_copy(&ev, true)
                    on:scroll=move |_| sync_gutter()
                ></textarea>
                <div class="ss-window-space" aria-hidden="true" node_ref=space></div>
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
    fn numbers_every_line() {
        assert_eq!(line_numbers(""), "1");
        assert_eq!(line_numbers("a\nb\n"), "1\n2\n3");
    }
}

//! A block of SQL output with its copy button, and, in the Up output, one statement marked
//! (the step a selected risk note is about): `step_ranges` finds where each step's SQL sits
//! in the whole script. A long output is drawn only around what is in view (`sql_lines.rs`),
//! and highlighted there: thousands of steps cost what a screenful costs.

use crate::copy::CopyButton;
use crate::mirror;
use crate::remote_text::RemoteText;
use crate::sql_draw::{pieces, Drawn};
use crate::sql_lines::{clamp_window, range_within, Lines, LINE_PX};
use leptos::html;
use leptos::prelude::*;
use schemashift::Dialect;

/// Outputs longer than this are drawn only around the view (`sql_lines.rs`), highlighted there:
/// thousands of spans at once would hold the page.
pub const MAX_HIGHLIGHTED_OUTPUT: usize = 12_000;

/// Byte ranges of each step's SQL within `script` (the steps in script order), `None` for a
/// step whose text is not found verbatim. Each search starts where the previous step ended,
/// so identical statements map to their own occurrence.
pub fn step_ranges<'a>(script: &str, steps: impl IntoIterator<Item = &'a str>) -> Vec<Option<(usize, usize)>> {
    let mut from = 0;
    steps
        .into_iter()
        .map(|sql| {
            let needle = sql.trim();
            // MySQL scripts annotate steps: fall back to the first line of the step.
            let first = needle.lines().next().unwrap_or("");
            let found = [needle, first]
                .into_iter()
                .filter(|n| !n.is_empty())
                .find_map(|n| script.get(from..)?.find(n).map(|at| (from + at, from + at + n.len())));
            if let Some((_, end)) = found {
                from = end;
            }
            found
        })
        .collect()
}

/// The SQL of `text` with its copy button; `empty` is said instead when there is none.
/// `marked` is the byte range to highlight (with `mark_id` on the `<mark>`, to scroll to it).
#[component]
pub fn SqlPanel(
    text: Signal<String>,
    name: &'static str,
    copy_label: &'static str,
    empty: &'static str,
    testid: &'static str,
    #[prop(optional)] marked: Option<Signal<Option<(usize, usize)>>>,
    #[prop(optional)] mark_id: Option<String>,
    /// The dialect to highlight the SQL in (plain text without it).
    #[prop(optional)]
    dialect: Option<Signal<Dialect>>,
    /// True while the result is blocked and not overridden: the SQL is held back, Copy is off.
    #[prop(optional)]
    locked: Option<Signal<bool>>,
    /// A long file the worker keeps (`text` is then empty): drawn from the lines it sends.
    #[prop(optional)]
    remote: Option<Signal<Option<RemoteText>>>,
) -> impl IntoView {
    let mark_id = mark_id.unwrap_or_default();
    let locked = Signal::derive(move || locked.is_some_and(|l| l.get()));
    let remote = Signal::derive(move || remote.and_then(|r| r.get()));
    // The lines of an output too long to highlight: it is drawn only where it is seen.
    let local = Memo::new(move |_| text.with(|t| (t.len() > MAX_HIGHLIGHTED_OUTPUT).then(|| Lines::of(t))));
    // Its line count and longest line (of a file the worker keeps, from its outline).
    let long = Memo::new(move |_| match remote.get() {
        Some(r) => Some((r.outline.lines, r.outline.longest)),
        None => local.with(|l| l.as_ref().map(|l| (l.count(), l.longest))),
    });
    let block = NodeRef::<html::Pre>::new();
    let window = RwSignal::new(mirror::window_for(0, 0, usize::MAX));
    // The lines in view, from the block's scroll position (`force`: even when they are drawn).
    let follow = move |force: bool| {
        let (Some(pre), Some((total, _))) = (block.get_untracked(), long.get_untracked()) else { return };
        let first_visible = (f64::from(pre.scroll_top()) / LINE_PX) as usize;
        let visible = (f64::from(pre.client_height()) / LINE_PX).ceil() as usize + 1;
        if force || !mirror::covers(Some(window.get_untracked()), first_visible, visible, total) {
            window.set(mirror::window_for(first_visible, visible, total));
        }
    };
    // A marked statement of a long output: its lines are drawn and scrolled into view.
    Effect::new(move |_| {
        let Some((at, _)) = marked.and_then(|m| m.get()) else { return };
        let Some((line, total)) = local.with_untracked(|l| l.as_ref().map(|l| (l.line_of(at), l.count()))) else { return };
        window.set(mirror::window_for(line, 1, total));
        gloo::timers::callback::Timeout::new(0, move || {
            if let Some(pre) = block.get_untracked() {
                pre.set_scroll_top(((line as f64 * LINE_PX) as i32 - pre.client_height() / 3).max(0));
            }
        })
        .forget();
    });
    // The lines of a file the worker keeps, asked for as the window moves: (file, first line, text).
    let fetched = RwSignal::new(None::<(RemoteText, usize, String)>);
    Effect::new(move |_| {
        let Some(r) = remote.get() else {
            fetched.set(None);
            return;
        };
        let asked = clamp_window(window.get(), r.outline.lines);
        leptos::task::spawn_local(async move {
            let Some(lines) = r.lines(asked.0, asked.1).await else { return };
            // Only the newest window of the newest file is drawn.
            if remote.get_untracked().as_ref() == Some(&r) && clamp_window(window.get_untracked(), r.outline.lines) == asked {
                fetched.set(Some((r, asked.0, lines)));
            }
        });
    });
    // The first line drawn of a long output: the window's, or of a file the worker keeps, that
    // of the lines it sent (until the next come).
    let first_drawn = move || match remote.get() {
        Some(r) => fetched.with(|f| f.as_ref().filter(|(of, ..)| *of == r).map_or(0, |(_, first, _)| *first)),
        None => long.get().map_or(0, |(count, _)| clamp_window(window.get(), count).0),
    };
    let mark_id = StoredValue::new(mark_id);
    // The block's element: a `<code>`, in a space as tall as every line for a long output. Its
    // pieces are drawn by the effect below, only those that changed (`sql_draw.rs`).
    let code = NodeRef::<html::Code>::new();
    let body = move || {
        if locked.get() {
            return ().into_any();
        }
        match long.get() {
            Some((count, longest)) => {
                let first = first_drawn();
                view! {
                    <div
                        class="ss-virtual-space"
                        style:height=format!("{}px", count as f64 * LINE_PX)
                        style:min-width=format!("{longest}ch")
                        data-lines=count
                    >
                        <code node_ref=code style:top=format!("{}px", first as f64 * LINE_PX) data-first-line=first></code>
                    </div>
                }
                .into_any()
            }
            None => view! { <code node_ref=code></code> }.into_any(),
        }
    };
    // The text (of a long output, the lines around the view) highlighted, the marked statement
    // in a mark.
    let drawn = StoredValue::new_local(Drawn::default());
    Effect::new(move |_| {
        let Some(element) = code.get() else { return };
        if locked.get() {
            return;
        }
        let range = marked.and_then(|m| m.get());
        let d = dialect.map(|d| d.get());
        let shown = match remote.get() {
            Some(r) => fetched.with(|f| pieces(d, f.as_ref().filter(|(of, ..)| *of == r).map_or("", |(.., text)| text.as_str()), None)),
            None => local.with(|lines| {
                text.with(|t| match lines {
                    Some(lines) => {
                        let (start, end) = lines.bytes(clamp_window(window.get(), lines.count()), t.len());
                        pieces(d, t.get(start..end).unwrap_or_default(), range_within(range, start, end))
                    }
                    None => pieces(d, t, range),
                })
            }),
        };
        crate::timing::measure("draw an SQL block", || {
            mark_id.with_value(|id| drawn.update_value(|drawn| drawn.draw(&element, shown, id)));
        });
    });
    view! {
        <div class="ss-panel-tools">
            <CopyButton text=text label=copy_label disabled=locked remote=remote />
        </div>
        <Show when=move || locked.get()>
            <p class="ss-empty" data-testid="sql-held-back">
                "Blocked: the SQL is held back until the inputs are fixed (see the banner above), or until you show the blocked migration anyway."
            </p>
        </Show>
        <Show when=move || !locked.get() && text.with(|t| t.is_empty()) && remote.with(Option::is_none)>
            <p class="ss-empty">{empty}</p>
        </Show>
        <pre
            class="ss-code"
            class:ss-virtual=move || long.with(Option::is_some)
            tabindex="0"
            aria-label=name
            data-testid=testid
            data-source=move || remote.with(|r| r.is_some().then_some("worker"))
            node_ref=block
            on:scroll=move |_| follow(false)
        >
            {body}
        </pre>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_are_found_in_order() {
        let script = "-- header\nBEGIN;\nALTER TABLE t ADD x;\nALTER TABLE t ADD x;\nCOMMIT;\n";
        let ranges = step_ranges(script, ["ALTER TABLE t ADD x;\n", "ALTER TABLE t ADD x;", "missing"]);
        let first = ranges[0].unwrap();
        let second = ranges[1].unwrap();
        assert_eq!(&script[first.0..first.1], "ALTER TABLE t ADD x;");
        assert!(second.0 >= first.1, "{ranges:?}");
        assert_eq!(ranges[2], None);
    }

    #[test]
    fn annotated_steps_fall_back_to_their_first_line() {
        let script = "ALTER TABLE a ADD b int, ALGORITHM=INSTANT;\n";
        let ranges = step_ranges(script, ["ALTER TABLE a ADD b int, ALGORITHM=INSTANT;\n-- note"]);
        assert_eq!(ranges, vec![Some((0, script.trim_end().len()))]);
    }
}

//! The "Schema diff" output: BEFORE and AFTER side by side, one block per object as the model
//! understood it (`schema_diff/`), changed lines marked with − and + besides their colour, only
//! the objects that differ unless "Show unchanged objects" is ticked. The blocks are windowed:
//! every row is one line high (`lines::WRAP` wraps long lines), so the heights are known without
//! measuring and only the blocks near the scrolled-to place are in the page (1,000 tables scroll
//! as smoothly as ten). The spacers' heights go through the CSSOM (`style:height`): the page's
//! Content-Security-Policy refuses style attributes.

use crate::run::Outcome;
use crate::schema_diff::{self, lines, Object};
use crate::visual_diff::Status;
use leptos::prelude::*;
use schemashift::Migration;
use std::sync::Arc;

/// Pixel heights the stylesheet gives a row, a block's heading and the gap after a block.
pub const ROW_PX: f64 = 18.0;
pub const HEAD_PX: f64 = 30.0;
pub const GAP_PX: f64 = 12.0;
/// Blocks drawn above and below the visible part, in pixels.
const OVERSCAN_PX: f64 = 600.0;

fn block_height(o: &Object) -> f64 {
    HEAD_PX + o.rows.len() as f64 * ROW_PX + GAP_PX
}

/// The top of every block and the total height.
pub fn offsets(objects: &[&Object]) -> (Vec<f64>, f64) {
    let mut tops = Vec::with_capacity(objects.len());
    let mut y = 0.0;
    for o in objects {
        tops.push(y);
        y += block_height(o);
    }
    (tops, y)
}

/// The blocks [first, last) to draw for the visible part `top`..`top + height`.
pub fn window(tops: &[f64], total: f64, top: f64, height: f64) -> (usize, usize) {
    let bottom_of = |i: usize| tops.get(i + 1).copied().unwrap_or(total);
    let first = (0..tops.len()).find(|&i| bottom_of(i) > top - OVERSCAN_PX).unwrap_or(tops.len());
    let last = tops.partition_point(|&t| t < top + height + OVERSCAN_PX).max(first);
    (first, last)
}

/// "3 of 120 objects differ: 1 added · 1 removed · 1 changed".
pub fn summary(objects: &[Object]) -> String {
    let count = |s: Status| objects.iter().filter(|o| o.status == s).count();
    let parts: Vec<String> = [Status::Added, Status::Removed, Status::Changed, Status::Renamed]
        .into_iter()
        .filter(|&s| count(s) > 0)
        .map(|s| format!("{} {}", count(s), s.word()))
        .collect();
    let differ = objects.len() - count(Status::Unchanged);
    let noun = if objects.len() == 1 { "object" } else { "objects" };
    if parts.is_empty() {
        format!("No differences in {} {noun}.", objects.len())
    } else {
        format!("{differ} of {} {noun} differ: {}.", objects.len(), parts.join(" · "))
    }
}

fn cell_view(cell: Option<lines::Cell>, sign: &'static str, side: &'static str) -> impl IntoView {
    let num = cell.as_ref().and_then(|c| c.line).map(|n| n.to_string()).unwrap_or_default();
    let (class, text) = match cell {
        Some(c) => (format!("ss-sd-code ss-sd-{side}"), format!("{sign} {}", c.text)),
        None => (format!("ss-sd-code ss-sd-{side} ss-sd-blank"), String::new()),
    };
    view! {
        <span class="ss-sd-num">{num}</span>
        <span class=class>{text}</span>
    }
}

fn object_view(o: Object) -> impl IntoView {
    let status = o.status;
    let (left_sign, right_sign) = match status {
        Status::Changed | Status::Renamed => ("−", "+"),
        Status::Removed => ("−", " "),
        Status::Added => (" ", "+"),
        Status::Unchanged => (" ", " "),
    };
    let heading = format!("{} {}", o.kind.word(), o.name);
    let word = o.detail.clone().unwrap_or_else(|| status.word().to_string());
    let label = format!("{heading}: {word}");
    let rows = o
        .rows
        .into_iter()
        .map(|r| {
            let (l, rr) = match r.status {
                Status::Unchanged => (" ", " "),
                _ => (left_sign, right_sign),
            };
            view! {
                <div class=format!("ss-sd-row ss-sd-{}", r.status.word())>
                    {cell_view(r.left, l, "old")}
                    {cell_view(r.right, rr, "new")}
                </div>
            }
        })
        .collect_view();
    view! {
        <section class=format!("ss-sd-object ss-sd-{}", status.word()) aria-label=label data-object=o.name.clone()>
            <h3 class="ss-sd-head">
                <span class="ss-sd-mark" aria-hidden="true">{status.marker()}</span>
                " "
                <span class="ss-sd-name">{heading}</span>
                " "
                <span class="ss-sd-word">{word}</span>
            </h3>
            <div class="ss-sd-rows">{rows}</div>
        </section>
    }
}

#[component]
pub fn SchemaDiffPanel(
    outcome: RwSignal<Outcome>,
    active: Signal<bool>,
    /// The migration when the outcome does not carry it (generated in a worker).
    migration_now: Callback<(), Option<Arc<Migration>>>,
) -> impl IntoView {
    // Every object, made while the tab is shown and kept while it is hidden.
    let objects = Memo::new(move |prev: Option<&Option<Arc<Vec<Object>>>>| {
        if !active.get() {
            return prev.cloned().flatten();
        }
        let (migration, usable) = outcome.with(|o| (o.migration.clone(), o.option_error.is_none()));
        let migration = migration.or_else(|| if usable { migration_now.run(()) } else { None })?;
        Some(Arc::new(schema_diff::build(&migration)))
    });
    let show_unchanged = RwSignal::new(false);
    let scroll = RwSignal::new((0.0f64, 640.0f64));
    let frame = NodeRef::<leptos::html::Div>::new();
    // The blocks listed (indexes into `objects`), their tops and the total height.
    let listed = Memo::new(move |_| {
        let all = show_unchanged.get();
        objects.with(|list| {
            let list = list.as_deref().map(Vec::as_slice).unwrap_or(&[]);
            let shown: Vec<usize> = (0..list.len()).filter(|&i| all || list[i].status != Status::Unchanged).collect();
            let refs: Vec<&Object> = shown.iter().map(|&i| &list[i]).collect();
            let (tops, total) = offsets(&refs);
            (shown, tops, total)
        })
    });
    let on_toggle = move |ev: leptos::ev::Event| {
        show_unchanged.set(event_target_checked(&ev));
        if let Some(f) = frame.get_untracked() {
            f.set_scroll_top(0);
        }
        scroll.update(|s| s.0 = 0.0);
    };
    let on_scroll = move |_| {
        if let Some(f) = frame.get_untracked() {
            scroll.set((f64::from(f.scroll_top()), f64::from(f.client_height())));
        }
    };
    let body = move || {
        let (top, height) = scroll.get();
        let list = objects.get()?;
        let (shown, tops, total) = listed.get();
        let (first, last) = window(&tops, total, top, height);
        let before = tops.get(first).copied().unwrap_or(total);
        let after = total - tops.get(last).copied().unwrap_or(total);
        let blocks = shown[first..last].iter().filter_map(|&i| list.get(i).cloned()).map(object_view).collect_view();
        Some(view! {
            <div class="ss-sd-spacer" style:height=format!("{before}px")></div>
            {blocks}
            <div class="ss-sd-spacer" style:height=format!("{after}px")></div>
        })
    };
    let nothing_listed = move || listed.with(|(shown, ..)| shown.is_empty());
    view! {
        <Show when=move || objects.with(Option::is_some) fallback=|| crate::engine::empty_note("No schema to compare.")>
            <div class="ss-panel-tools ss-sd-tools">
                <span class="ss-hint" data-testid="schema-diff-summary">{move || objects.with(|o| o.as_deref().map(|o| summary(o)))}</span>
                <label class="ss-check">
                    <input type="checkbox" prop:checked=move || show_unchanged.get() on:change=on_toggle />
                    " Show unchanged objects"
                </label>
            </div>
            <p class="ss-hint">
                "Each object as the schema is understood (the DDL that creates it, normalized): BEFORE on the left, AFTER on the right; − marks a removed line, + an added one."
            </p>
            <div class="ss-sd-columns" aria-hidden="true">
                <span>"Before"</span>
                <span>"After"</span>
            </div>
            <div
                class="ss-sd-frame"
                tabindex="0"
                role="region"
                aria-label="Schema diff, object by object"
                data-testid="schema-diff"
                node_ref=frame
                on:scroll=on_scroll
            >
                <Show when=nothing_listed>
                    <p class="ss-empty">"No object differs: tick “Show unchanged objects” to see them all."</p>
                </Show>
                {body}
            </div>
        </Show>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema_diff::Kind;

    fn object(rows: usize, status: Status) -> Object {
        let row = lines::Row { status, left: None, right: Some(lines::Cell { line: Some(1), text: "x".into() }) };
        Object { kind: Kind::Table, name: "t".into(), status, detail: None, rows: vec![row; rows] }
    }

    #[test]
    fn only_the_blocks_near_the_view_are_drawn() {
        let list: Vec<Object> = (0..1000).map(|_| object(8, Status::Changed)).collect();
        let refs: Vec<&Object> = list.iter().collect();
        let (tops, total) = offsets(&refs);
        let h = HEAD_PX + 8.0 * ROW_PX + GAP_PX;
        assert_eq!(total, 1000.0 * h);
        assert_eq!(tops[3], 3.0 * h);
        let (first, last) = window(&tops, total, 0.0, 600.0);
        assert_eq!(first, 0);
        assert!(last < 10, "{last}");
        let (first, last) = window(&tops, total, 500.0 * h, 600.0);
        assert!(first > 490 && first <= 500 && last > 500 && last < 510, "{first}..{last}");
        assert_eq!(window(&tops, total, total, 600.0).1, 1000);
        assert_eq!(window(&[], 0.0, 0.0, 600.0), (0, 0));
    }

    #[test]
    fn summary_counts_by_status() {
        let list = vec![object(1, Status::Added), object(1, Status::Changed), object(1, Status::Unchanged)];
        assert_eq!(summary(&list), "2 of 3 objects differ: 1 added · 1 changed.");
        assert_eq!(summary(&list[2..]), "No differences in 1 object.");
    }
}

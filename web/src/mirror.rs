//! The highlighted mirror under an editor's textarea, painted only around what is visible.
//!
//! The whole text is tokenized once per change (`highlight.rs`) and kept; the DOM holds styled
//! spans only for the lines in view plus a margin, and plain newlines for the rest (so the
//! mirror has the textarea's height and scrolls with it). Scrolling out of the painted lines
//! repaints from the kept pieces. Pieces are text nodes: user text is never markup.

use crate::highlight::{Class, Segment};
use schemashift::Severity;
use std::ops::Range;

/// Lines painted above and below the visible ones.
const MARGIN_LINES: usize = 80;

/// A diagnostic to underline: byte offset, severity, message.
pub type Marks = Vec<(usize, Severity, String)>;

/// The tokenized text, kept between paints.
#[derive(Default)]
pub struct Painted {
    pub segments: Vec<Segment>,
    /// Byte offset where each line starts.
    pub line_starts: Vec<usize>,
    pub marks: Marks,
    /// Lines (first, last) currently in the DOM.
    pub window: Option<(usize, usize)>,
}

/// Byte offsets of the starts of the lines of `text` (the first is 0).
pub fn line_starts(text: &str) -> Vec<usize> {
    std::iter::once(0).chain(text.match_indices('\n').map(|(i, _)| i + 1)).collect()
}

/// The lines to paint when `first_visible` .. `first_visible + visible` are in view.
pub fn window_for(first_visible: usize, visible: usize, total: usize) -> (usize, usize) {
    let last_line = total.saturating_sub(1);
    let first = first_visible.saturating_sub(MARGIN_LINES).min(last_line);
    let last = (first_visible + visible + MARGIN_LINES).min(last_line);
    (first, last)
}

/// Whether the lines in view lie inside the painted `window`.
pub fn covers(window: Option<(usize, usize)>, first_visible: usize, visible: usize, total: usize) -> bool {
    window.is_some_and(|(first, last)| first <= first_visible && (last >= first_visible + visible || last + 1 >= total))
}

/// The pieces of `segments` inside `range`, cut at its ends.
pub fn clip(segments: &[Segment], range: Range<usize>) -> Vec<(Range<usize>, Option<Class>)> {
    let from = segments.partition_point(|s| s.range.end <= range.start);
    segments[from..]
        .iter()
        .take_while(|s| s.range.start < range.end)
        .map(|s| (s.range.start.max(range.start)..s.range.end.min(range.end), s.class))
        .filter(|(r, _)| !r.is_empty())
        .collect()
}

fn severity_class(s: Severity) -> &'static str {
    match s {
        Severity::Error => "ss-hl-diag ss-hl-error",
        Severity::Warning => "ss-hl-diag ss-hl-warning",
        Severity::Info => "ss-hl-diag ss-hl-info",
    }
}

/// Put lines `window` of `text` (highlighted) into `pre`, with plain newlines for the others.
/// `min_width` (px) keeps the mirror as wide as the textarea's content, so both scroll alike.
pub fn paint(pre: &web_sys::HtmlElement, text: &str, painted: &mut Painted, window: (usize, usize), min_width: i32) {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else { return };
    let fragment = doc.create_document_fragment();
    let (first, last) = window;
    let start = painted.line_starts.get(first).copied().unwrap_or(text.len());
    let end = painted.line_starts.get(last + 1).copied().unwrap_or(text.len());
    let append = |node: &web_sys::Node| {
        let _ = fragment.append_child(node);
    };
    if first > 0 {
        append(&doc.create_text_node(&"\n".repeat(first)).into());
    }
    for (range, class) in clip(&painted.segments, start..end) {
        let piece = &text[range.clone()];
        let mark = painted.marks.iter().find(|(at, ..)| range.contains(at));
        if class.is_none() && mark.is_none() {
            append(&doc.create_text_node(piece).into());
            continue;
        }
        if let Ok(span) = doc.create_element("span") {
            let mut css = class.map(|c| c.css().to_string()).unwrap_or_default();
            if let Some((_, severity, message)) = mark {
                css.push(' ');
                css.push_str(severity_class(*severity));
                let _ = span.set_attribute("title", message);
            }
            span.set_class_name(css.trim());
            span.set_text_content(Some(piece));
            append(&span.into());
        }
    }
    let rest = text[end..].bytes().filter(|&b| b == b'\n').count();
    // A final newline in a textarea starts a visible line; a <pre> needs a character after it.
    append(&doc.create_text_node(&format!("{}\n ", "\n".repeat(rest))).into());
    if let Ok(strut) = doc.create_element("span") {
        strut.set_class_name("ss-mirror-strut");
        if let Ok(strut) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(strut) {
            let _ = strut.style().set_property("width", &format!("{}px", min_width.max(0)));
            append(&strut.into());
        }
    }
    pre.replace_children_with_node_1(&fragment);
    painted.window = Some(window);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_start_after_each_newline() {
        assert_eq!(line_starts("ab\ncd\n"), vec![0, 3, 6]);
        assert_eq!(line_starts(""), vec![0]);
    }

    #[test]
    fn windows_add_a_margin_and_stay_in_the_text() {
        assert_eq!(window_for(0, 20, 10), (0, 9));
        assert_eq!(window_for(500, 30, 10_000), (420, 610));
        assert_eq!(window_for(9_990, 30, 10_000), (9_910, 9_999));
        assert!(covers(Some((420, 610)), 500, 30, 10_000));
        assert!(!covers(Some((420, 610)), 600, 30, 10_000));
        assert!(covers(Some((9_910, 9_999)), 9_990, 30, 10_000));
        assert!(!covers(None, 0, 1, 1));
    }

    #[test]
    fn clipping_cuts_pieces_at_the_window() {
        let segs = vec![
            Segment { range: 0..6, class: Some(Class::Keyword) },
            Segment { range: 6..7, class: None },
            Segment { range: 7..20, class: Some(Class::Comment) },
        ];
        assert_eq!(clip(&segs, 3..10), vec![(3..6, Some(Class::Keyword)), (6..7, None), (7..10, Some(Class::Comment))]);
        assert_eq!(clip(&segs, 7..7), vec![]);
        assert_eq!(clip(&segs, 19..40), vec![(19..20, Some(Class::Comment))]);
    }
}

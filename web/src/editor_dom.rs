//! The editor's DOM pieces (`editor.rs`): the gutter's numbered lines with diagnostic marks,
//! the clipboard data of clipboard events, focusing without scrolling, computed style lengths,
//! and whether a textarea's whole text is selected.

use crate::editor::severity_name;
use schemashift::{Severity, SourcedDiagnostic};
use std::collections::BTreeMap;
use wasm_bindgen::{JsCast, JsValue};

/// The most severe diagnostic per line (for the gutter).
pub fn worst_by_line(diagnostics: &[SourcedDiagnostic]) -> BTreeMap<usize, Severity> {
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

/// Fill the gutter with one numbered line per text line from line `first` (0-based; a window
/// of a large text starts further down), marking lines with diagnostics (the marker is a
/// character too, not only a colour).
pub fn paint_gutter(pre: &web_sys::HtmlElement, first: usize, lines: usize, worst: &BTreeMap<usize, Severity>) {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else { return };
    let fragment = doc.create_document_fragment();
    let mut plain = String::new();
    let flush = |plain: &mut String, fragment: &web_sys::DocumentFragment| {
        if !plain.is_empty() {
            let _ = fragment.append_child(&doc.create_text_node(plain));
            plain.clear();
        }
    };
    for n in first + 1..=first + lines {
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

/// The clipboard data of a clipboard event (`clipboardData`), through JS reflection.
fn clipboard(ev: &web_sys::Event) -> Option<JsValue> {
    js_sys::Reflect::get(ev, &JsValue::from_str("clipboardData")).ok().filter(|d| !d.is_null() && !d.is_undefined())
}

/// Call `method` of the event's clipboard data with `args` (strings).
pub fn clipboard_call(ev: &web_sys::Event, method: &str, args: &[&str]) -> Option<JsValue> {
    let data = clipboard(ev)?;
    let f = js_sys::Reflect::get(&data, &JsValue::from_str(method)).ok()?.dyn_into::<js_sys::Function>().ok()?;
    let args: js_sys::Array = args.iter().map(|a| JsValue::from_str(a)).collect();
    f.apply(&data, &args).ok()
}

/// Focus `el` without scrolling to it (the editor scrolls to the caret itself).
pub fn focus_quietly(el: &web_sys::HtmlElement) {
    let options = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&options, &JsValue::from_str("preventScroll"), &JsValue::TRUE);
    let focus = js_sys::Reflect::get(el, &JsValue::from_str("focus")).ok().and_then(|f| f.dyn_into::<js_sys::Function>().ok());
    if let Some(focus) = focus {
        let _ = focus.call1(el, &options);
    }
}

/// A pixel length of a computed style (`19.5px`), or `fallback`.
pub fn style_px(el: &web_sys::Element, property: &str, fallback: f64) -> f64 {
    web_sys::window()
        .and_then(|w| w.get_computed_style(el).ok().flatten())
        .and_then(|s| s.get_property_value(property).ok())
        .and_then(|v| v.trim().trim_end_matches("px").parse::<f64>().ok())
        .filter(|v| *v > 0.0)
        .unwrap_or(fallback)
}

/// Whether the textarea's whole text (a window's) is selected.
pub fn whole_window_selected(t: &web_sys::HtmlTextAreaElement) -> bool {
    matches!((t.selection_start(), t.selection_end()), (Ok(Some(0)), Ok(Some(end))) if end == t.text_length())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn worst_diagnostic_wins_per_line() {
        use schemashift::{Diagnostic, Side};
        let d = |line, diagnostic: Diagnostic| SourcedDiagnostic { side: Side::Before, diagnostic: Diagnostic { line, ..diagnostic } };
        let list = vec![d(2, Diagnostic::warning(2, 1, "w")), d(2, Diagnostic::error(2, 3, "e")), d(5, Diagnostic::warning(5, 1, "w"))];
        let worst = worst_by_line(&list);
        assert_eq!(worst.get(&2), Some(&Severity::Error));
        assert_eq!(worst.get(&5), Some(&Severity::Warning));
    }
}

//! Replacing an editor's whole text from the page (an example, an undo) through the browser's
//! editing command (`document.execCommand("insertText")`), so the change joins the textarea's
//! own undo stack: Ctrl+Z inside the editor brings the previous text back. Where the browser
//! will not (or the textarea holds only a window of a large text), the caller sets the text
//! directly.

use wasm_bindgen::{JsCast, JsValue};

/// Replace the text of the textarea `id` with `text` as an edit; false when it did not happen.
/// The focus goes back where it was.
pub fn replace(id: &str, text: &str) -> bool {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return false };
    let Some(area) = document.get_element_by_id(id).and_then(|e| e.dyn_into::<web_sys::HtmlTextAreaElement>().ok()) else {
        return false;
    };
    // A window of a large text (`editor_window.rs`): its text is not the whole text.
    if area.has_attribute("data-window-first") {
        return false;
    }
    if area.value() == text {
        return true;
    }
    let previous = document.active_element();
    let _ = area.focus();
    area.select();
    let done = js_sys::Reflect::get(&document, &JsValue::from_str("execCommand"))
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
        .map(|exec| {
            // An empty text is a deletion (insertText of "" does nothing).
            let args = if text.is_empty() {
                js_sys::Array::of3(&JsValue::from_str("delete"), &JsValue::FALSE, &JsValue::NULL)
            } else {
                js_sys::Array::of3(&JsValue::from_str("insertText"), &JsValue::FALSE, &JsValue::from_str(text))
            };
            exec.apply(&document, &args).is_ok()
        })
        .unwrap_or(false);
    if let Some(el) = previous.and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
        let _ = el.focus();
    }
    done && area.value() == text
}

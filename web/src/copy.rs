//! Copy buttons: put an output on the clipboard and say so.
//!
//! `navigator.clipboard.writeText` is reached through `js_sys::Reflect`, because web-sys keeps
//! its Clipboard binding behind an unstable cfg.

use crate::remote_text::RemoteText;
use gloo::timers::callback::Timeout;
use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// How long "Copied" stays on the button.
const FEEDBACK_MS: u32 = 1500;

#[derive(Clone, Copy, PartialEq, Eq)]
enum State {
    Idle,
    Copied,
    Failed,
}

/// Start writing `text` to the clipboard; the promise of `writeText`.
pub(crate) fn write_text(text: &str) -> Result<js_sys::Promise, JsValue> {
    let navigator = web_sys::window().ok_or(JsValue::NULL)?.navigator();
    let clipboard = js_sys::Reflect::get(&navigator, &JsValue::from_str("clipboard"))?;
    let write = js_sys::Reflect::get(&clipboard, &JsValue::from_str("writeText"))?.dyn_into::<js_sys::Function>()?;
    write.call1(&clipboard, &JsValue::from_str(text))?.dyn_into::<js_sys::Promise>()
}

/// Start writing the `text/plain` Blob `blob` will give to the clipboard (a `ClipboardItem`
/// takes the promise at once, inside the click, and waits for it): the promise of `write`.
fn write_blob(blob: js_sys::Promise) -> Result<js_sys::Promise, JsValue> {
    let window = web_sys::window().ok_or(JsValue::NULL)?;
    let clipboard = js_sys::Reflect::get(&window.navigator(), &JsValue::from_str("clipboard"))?;
    let item_class = js_sys::Reflect::get(&window, &JsValue::from_str("ClipboardItem"))?.dyn_into::<js_sys::Function>()?;
    let items = js_sys::Object::new();
    js_sys::Reflect::set(&items, &JsValue::from_str("text/plain"), &blob)?;
    let item = js_sys::Reflect::construct(&item_class, &js_sys::Array::of1(&items))?;
    let write = js_sys::Reflect::get(&clipboard, &JsValue::from_str("write"))?.dyn_into::<js_sys::Function>()?;
    write.call1(&clipboard, &js_sys::Array::of1(&item))?.dyn_into::<js_sys::Promise>()
}

/// A button that copies `text`, or the file `remote` names when there is one (a long file the
/// worker keeps: copied as it sends it, never decoded on the page); `label` is its accessible
/// name, e.g. "Copy up SQL". `disabled`: off while the result is blocked.
#[component]
pub fn CopyButton(
    text: Signal<String>,
    label: &'static str,
    #[prop(optional)] disabled: Option<Signal<bool>>,
    #[prop(optional)] remote: Option<Signal<Option<RemoteText>>>,
) -> impl IntoView {
    let state = RwSignal::new(State::Idle);
    let reset = StoredValue::new_local(None::<Timeout>);
    let on_click = move |_| {
        let started = match remote.and_then(|r| r.get_untracked()) {
            Some(r) => r.blob().map_err(|_| JsValue::NULL).and_then(write_blob),
            None => write_text(&text.get_untracked()),
        };
        leptos::task::spawn_local(async move {
            let copied = match started {
                Ok(promise) => JsFuture::from(promise).await.is_ok(),
                Err(_) => false,
            };
            state.set(if copied { State::Copied } else { State::Failed });
            reset.set_value(Some(Timeout::new(FEEDBACK_MS, move || state.set(State::Idle))));
        });
    };
    let caption = move || match state.get() {
        State::Idle => "Copy",
        State::Copied => "Copied",
        State::Failed => "Copy failed: select the text and press Ctrl+C",
    };
    view! {
        <button
            type="button"
            class="ss-copy"
            aria-label=label
            disabled=move || disabled.is_some_and(|d| d.get())
            on:click=on_click
        >
            {caption}
        </button>
        <span class="ss-visually-hidden" role="status">
            {move || if state.get() == State::Copied { "Copied to the clipboard" } else { "" }}
        </span>
    }
}

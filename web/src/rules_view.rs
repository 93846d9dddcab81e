//! The "Risk rules" view: the docs of every risk rule, rendered by `markdown.rs` from the page
//! `schemashift rules` writes (`risk::rules::docs_markdown`, their single source). The wasm does
//! not carry that text: the build puts it beside the page (`rules.md`, `.ci/rules-doc.sh`) and
//! `window.schemashiftDocs.rules()` (`www/boot.js`; in the offline file, a string of its
//! script) gives it the first time the view is shown. The Risks tab links to the view, and each
//! risk note links to its rule's anchor.

use crate::markdown;
use gloo::timers::callback::Timeout;
use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};

/// Element ids of the view and its anchors start with this (after the instance prefix).
pub fn anchor_prefix(uid: &str) -> String {
    format!("{uid}-rule-")
}

/// The id of the view itself.
pub fn view_id(uid: &str) -> String {
    format!("{uid}-rules")
}

/// Show the view and scroll to the element `id` once it is rendered (the docs may still be
/// loading: it is looked for again for a few seconds).
pub fn open_at(show: RwSignal<bool>, id: String) {
    show.set(true);
    scroll_when_there(id, 100);
}

fn scroll_when_there(id: String, tries: u32) {
    Timeout::new(if tries == 100 { 0 } else { 50 }, move || {
        let el = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id(&id));
        match el {
            Some(el) => el.scroll_into_view(),
            None if tries > 0 => scroll_when_there(id, tries - 1),
            None => {}
        }
    })
    .forget();
}

/// The rules' Markdown from `window.schemashiftDocs.rules()`, or why it is not there.
async fn fetch_markdown() -> Result<String, String> {
    let missing = || "this page was built without the rule documentation (window.schemashiftDocs)".to_string();
    let window = web_sys::window().ok_or_else(missing)?;
    let docs = js_sys::Reflect::get(&window, &JsValue::from_str("schemashiftDocs")).map_err(|_| missing())?;
    let rules: js_sys::Function =
        js_sys::Reflect::get(&docs, &JsValue::from_str("rules")).ok().and_then(|f| f.dyn_into().ok()).ok_or_else(missing)?;
    let promise: js_sys::Promise = rules.call0(&docs).map_err(|e| format!("{e:?}"))?.dyn_into().map_err(|_| missing())?;
    let text = wasm_bindgen_futures::JsFuture::from(promise).await.map_err(|e| e.as_string().unwrap_or_else(|| format!("{e:?}")))?;
    text.as_string().ok_or_else(missing)
}

#[component]
pub fn RulesView(uid: String, show: RwSignal<bool>) -> impl IntoView {
    let prefix = anchor_prefix(&uid);
    // Loaded and rendered once, the first time the view is shown.
    let html = RwSignal::new(String::new());
    let asked = StoredValue::new(false);
    Effect::new(move |_| {
        if !show.get() || asked.get_value() {
            return;
        }
        asked.set_value(true);
        html.set("<p>Loading the rule documentation…</p>".into());
        let prefix = prefix.clone();
        leptos::task::spawn_local(async move {
            html.set(match fetch_markdown().await {
                Ok(md) => markdown::to_html(&md, &prefix),
                Err(e) => {
                    asked.set_value(false);
                    format!("<p>The rule documentation could not be loaded: {}</p>", markdown::escape(&e))
                }
            });
        });
    });
    view! {
        <section class="ss-rules" id=view_id(&uid) aria-label="Risk rules" hidden=move || !show.get()>
            <div class="ss-panel-tools">
                <button type="button" on:click=move |_| show.set(false)>"Close risk rules"</button>
            </div>
            <div class="ss-rules-body" inner_html=move || html.get()></div>
        </section>
    }
}

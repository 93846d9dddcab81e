//! The "Risk rules" view: the docs of every risk rule, rendered from
//! `schemashift::risk::rules::docs_markdown()` (their single source) by `markdown.rs`. The Risks
//! tab links to it, and each risk note links to its rule's anchor.

use crate::markdown;
use gloo::timers::callback::Timeout;
use leptos::prelude::*;

/// Element ids of the view and its anchors start with this (after the instance prefix).
pub fn anchor_prefix(uid: &str) -> String {
    format!("{uid}-rule-")
}

/// The id of the view itself.
pub fn view_id(uid: &str) -> String {
    format!("{uid}-rules")
}

/// Show the view and scroll to the element `id` once it is rendered.
pub fn open_at(show: RwSignal<bool>, id: String) {
    show.set(true);
    Timeout::new(0, move || {
        let el = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id(&id));
        if let Some(el) = el {
            el.scroll_into_view();
        }
    })
    .forget();
}

#[component]
pub fn RulesView(uid: String, show: RwSignal<bool>) -> impl IntoView {
    let prefix = anchor_prefix(&uid);
    // Rendered once, the first time the view is shown.
    let html = Memo::new(move |prev: Option<&String>| match prev {
        Some(done) if !done.is_empty() => done.clone(),
        _ if show.get() => markdown::to_html(&schemashift::risk::rules::docs_markdown(), &prefix),
        _ => String::new(),
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

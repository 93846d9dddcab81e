//! schemashift-web: the browser playground (leptos, client-side rendered) and the JavaScript API.
//!
//! Every computation is a call into `schemashift-core` (see `run.rs`); this crate only shows
//! the result. On the playground page the app mounts itself into `#schemashift-app`; a page
//! embedding schemashift instead calls `schemashift.mount(element, {...})` (see `api.rs`).

mod api;
mod app;
mod controls;
mod copy;
mod download;
mod editor;
mod examples;
mod output;
mod package_panel;
mod markdown;
mod renames;
mod rules_view;
mod run;
mod share;
mod share_button;
mod verify;
mod worker_api;

use app::{App, Initial};
use leptos::prelude::*;

/// The element the playground page mounts into.
const APP_ELEMENT_ID: &str = "schemashift-app";

/// Mount a playground into `element`; it lives as long as the page.
pub(crate) fn mount_app(element: web_sys::HtmlElement, initial: Initial) {
    leptos::mount::mount_to(element, move || view! { <App initial=initial /> }).forget();
}

fn main() {
    console_error_panic_hook::set_once();
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if let Some(element) = document.get_element_by_id(APP_ELEMENT_ID) {
        use wasm_bindgen::JsCast;
        if let Ok(element) = element.dyn_into::<web_sys::HtmlElement>() {
            element.set_inner_html("");
            // A shared link (`#s=...`) restores its state; otherwise the first example.
            let shared = web_sys::window()
                .and_then(|w| w.location().hash().ok())
                .and_then(|h| share::Shared::from_fragment(&h))
                .and_then(share::Shared::initial);
            mount_app(element, shared.unwrap_or_else(Initial::example));
        }
    }
}

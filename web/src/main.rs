//! schemashift-web: the browser playground (leptos, client-side rendered) and the JavaScript API.
//!
//! Every computation is a call into `schemashift-core` (see `run.rs`); this crate only shows
//! the result. On the playground page the app mounts itself into `#schemashift-app`; a page
//! embedding schemashift instead calls `schemashift.mount(element, {...})` (see `api.rs`).

mod advanced;
mod api;
mod app;
mod blocked_banner;
mod checks_panel;
mod controls;
mod copy;
mod download;
mod editor;
mod editor_dom;
mod editor_text;
mod editor_window;
mod engine;
#[cfg(test)]
mod engine_tests;
mod examples;
mod highlight;
mod history;
mod js_text;
mod lazy;
mod lazy_panels;
mod lazy_view;
mod markdown;
mod mirror;
mod moves;
mod output;
mod package_panel;
mod page_text;
mod persist;
mod remote_text;
mod renames;
mod risks_panel;
mod rules_view;
mod run;
mod schema_diff;
mod schema_diff_view;
mod settings;
mod share;
mod share_button;
mod splice;
mod sql_draw;
mod sql_lines;
mod sql_panel;
mod targets;
mod theme;
mod timeline_view;
mod timing;
mod verify;
mod visual_diff;
mod visual_diff_view;
mod worker_api;
mod worker_lines;

use app::{App, Initial};
use leptos::prelude::*;

/// The wasm's allocator: talc instead of Rust's default (dlmalloc). The generator allocates many
/// small strings and vectors per keystroke, and its calls into the allocator were a large part
/// of the worker's time (web/BUNDLE.md, "The allocator"). Native builds (the unit tests) keep the
/// system's.
#[cfg(all(not(target_feature = "atomics"), target_family = "wasm"))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

/// The element the playground page mounts into.
const APP_ELEMENT_ID: &str = "schemashift-app";

/// Mount a playground into `element`; it lives as long as the page.
/// `persist`: keep the state in localStorage (the playground page only, `persist.rs`).
pub(crate) fn mount_app(element: web_sys::HtmlElement, initial: Initial, persist: bool) {
    leptos::mount::mount_to(element, move || view! { <App initial=initial persist=persist /> }).forget();
}

fn main() {
    console_error_panic_hook::set_once();
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if compact_requested(web_sys::window().and_then(|w| w.location().search().ok()).as_deref()) {
        if let Some(body) = document.body() {
            // The page's own header and skip link go; the playground fills the frame.
            let _ = body.class_list().add_1("ss-compact");
        }
    }
    if let Some(element) = document.get_element_by_id(APP_ELEMENT_ID) {
        use wasm_bindgen::JsCast;
        if let Ok(element) = element.dyn_into::<web_sys::HtmlElement>() {
            element.set_inner_html("");
            // A shared link (`#s=...`) restores its state; otherwise the work kept in this
            // browser; otherwise the first example.
            let shared = web_sys::window()
                .and_then(|w| w.location().hash().ok())
                .and_then(|h| share::Shared::from_fragment(&h))
                .and_then(share::Shared::initial);
            let initial = shared.or_else(persist::load).unwrap_or_else(Initial::example);
            mount_app(element, initial, true);
        }
    }
}

/// `?compact` (or `?compact=1`) in the page's URL: the iframe-friendly layout for docs sites.
fn compact_requested(search: Option<&str>) -> bool {
    search.unwrap_or("").trim_start_matches('?').split('&').any(|p| p == "compact" || p == "compact=1" || p == "compact=true")
}

#[cfg(test)]
mod tests {
    use super::compact_requested;

    #[test]
    fn compact_is_asked_by_the_query_string() {
        assert!(compact_requested(Some("?compact")));
        assert!(compact_requested(Some("?x=1&compact=1")));
        assert!(!compact_requested(Some("?compact=0")));
        assert!(!compact_requested(Some("")));
        assert!(!compact_requested(None));
    }
}

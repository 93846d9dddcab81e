//! The "Share" button: puts the current state into the page's URL fragment (see `share.rs`),
//! shows the link and copies it. Nothing is sent anywhere.

use crate::copy::write_text;
use crate::settings::Settings;
use crate::share::Shared;
use leptos::prelude::*;
use wasm_bindgen_futures::JsFuture;

/// The page's address with `fragment` in place of its own; the fragment is also set on the page
/// (without a new history entry) so that reloading keeps the state.
fn link_with(fragment: &str) -> Option<String> {
    let window = web_sys::window()?;
    let location = window.location();
    let href = location.href().ok()?;
    let base = href.split('#').next().unwrap_or(&href);
    let link = format!("{base}#{fragment}");
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&link));
    }
    Some(link)
}

#[component]
pub fn ShareButton(uid: String, settings: Settings, before: RwSignal<String>, after: RwSignal<String>) -> impl IntoView {
    let link = RwSignal::new(None::<String>);
    let copied = RwSignal::new(false);
    let link_id = format!("{uid}-share-link");
    let failed = RwSignal::new(None::<String>);
    let on_click = move |_| {
        let shared = Shared::new(&settings.snapshot(before.get_untracked(), after.get_untracked()));
        copied.set(false);
        leptos::task::spawn_local(async move {
            // The link's encoder is a chunk loaded on the first Share (`lazy.rs`).
            let fragment = match crate::lazy::share_fragment(&shared).await {
                Ok(fragment) => fragment,
                Err(e) => return failed.set(Some(format!("No share link: {}", e.0))),
            };
            failed.set(None);
            let Some(url) = link_with(&fragment) else { return };
            link.set(Some(url.clone()));
            if let Ok(promise) = write_text(&url) {
                copied.set(JsFuture::from(promise).await.is_ok());
            }
        });
    };
    view! {
        <div class="ss-share">
            <button type="button" class="ss-button" on:click=on_click>"Share"</button>
            <Show when=move || link.with(Option::is_some)>
                <label for=link_id.clone()>"Share link"</label>
                <input
                    id=link_id.clone()
                    type="text"
                    readonly=true
                    prop:value=move || link.get().unwrap_or_default()
                    on:focus:target=move |ev| ev.target().select()
                />
            </Show>
            {move || failed.get().map(|e| view! { <span class="ss-load-error" role="alert">{e}</span> })}
            <span class="ss-visually-hidden" role="status">
                {move || if copied.get() { "Share link copied to the clipboard" } else { "" }}
            </span>
        </div>
    }
}

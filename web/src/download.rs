//! Downloads: hand bytes to the browser as a file (a Blob behind an object URL, clicked through a
//! temporary `<a download>`). Nothing leaves the page.

use wasm_bindgen::{JsCast, JsValue};

/// Offer `bytes` as a download named `file_name` with the MIME type `mime`.
pub fn download(bytes: &[u8], file_name: &str, mime: &str) -> Result<(), JsValue> {
    let array = js_sys::Uint8Array::from(bytes);
    let parts = js_sys::Array::of1(&array);
    let props = web_sys::BlobPropertyBag::new();
    props.set_type(mime);
    download_blob(&web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &props)?, file_name)
}

/// Offer `blob` as a download named `file_name`.
pub fn download_blob(blob: &web_sys::Blob, file_name: &str) -> Result<(), JsValue> {
    let window = web_sys::window().ok_or(JsValue::NULL)?;
    let document = window.document().ok_or(JsValue::NULL)?;
    let url = web_sys::Url::create_object_url_with_blob(blob)?;
    let anchor = document.create_element("a")?.dyn_into::<web_sys::HtmlAnchorElement>()?;
    anchor.set_href(&url);
    anchor.set_download(file_name);
    anchor.set_attribute("hidden", "")?;
    let body = document.body().ok_or(JsValue::NULL)?;
    body.append_child(&anchor)?;
    anchor.click();
    anchor.remove();
    // Revoke later: some browsers read the URL after the click handler returns.
    let revoke = gloo::timers::callback::Timeout::new(10_000, move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    });
    revoke.forget();
    Ok(())
}

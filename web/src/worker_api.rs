//! The entry point of the generation worker (`www/worker.js`): the same wasm module as the page,
//! started in a module worker, generates a `run::Request` (JSON) into a `run::Shipped` outcome
//! (JSON) for the page. Not part of the public JavaScript API (`api.rs`).

use crate::run::{Request, Shipped};
use wasm_bindgen::prelude::*;

/// `{dialect, before, after, target_version, ...}` (a `run::Request` as JSON) → `run::Shipped` JSON.
#[wasm_bindgen(js_name = generateForPage)]
pub fn generate_for_page(request: &str) -> Result<String, JsError> {
    let request: Request = serde_json::from_str(request).map_err(|e| JsError::new(&format!("bad request: {e}")))?;
    serde_json::to_string(&Shipped::generate(&request)).map_err(|e| JsError::new(&e.to_string()))
}

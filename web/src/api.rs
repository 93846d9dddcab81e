//! The JavaScript API, exported with wasm-bindgen (on the page: `window.schemashift`).
//!
//! ```js
//! const result = schemashift.generate({ dialect: "postgres", before, after, options: {} });
//! schemashift.mount(document.getElementById("here"), { before, after, dialect: "postgres" });
//! ```
//!
//! `generate` returns the same document as `schemashift diff --json` (contract v1) as a plain
//! JS object; bad arguments throw an `Error` whose message says what is wrong.

use crate::app::Initial;
use crate::run::{self, Request};
use schemashift::Dialect;
use serde::Deserialize;
use std::collections::BTreeMap;
use wasm_bindgen::prelude::*;

/// The argument of `generate`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct GenerateArgs {
    dialect: String,
    #[serde(default)]
    before: String,
    #[serde(default)]
    after: String,
    #[serde(default)]
    options: ApiOptions,
}

/// `options` of `generate`: the CLI options, in snake_case or camelCase.
#[derive(Deserialize, Default)]
#[serde(default, deny_unknown_fields)]
struct ApiOptions {
    #[serde(alias = "targetVersion")]
    target_version: Option<String>,
    #[serde(alias = "zeroDowntime")]
    zero_downtime: bool,
    #[serde(alias = "preserveData")]
    preserve_data: bool,
    renames: Vec<String>,
    #[serde(alias = "tableSizes")]
    table_sizes: BTreeMap<String, u64>,
    /// Rename suggestions answered "not a rename" (`--not-rename`).
    #[serde(alias = "notRenames")]
    not_renames: Vec<String>,
    /// Data moves accepted (`--copy`) and declined (`--no-copy`).
    copies: Vec<String>,
    #[serde(alias = "noCopies")]
    no_copies: Vec<String>,
}

/// The argument of `mount`: the playground's initial state.
#[derive(Deserialize, Default)]
#[serde(default, deny_unknown_fields)]
struct MountArgs {
    dialect: Option<String>,
    before: Option<String>,
    after: Option<String>,
}

fn dialect(name: &str) -> Result<Dialect, JsError> {
    name.parse::<Dialect>().map_err(|e| JsError::new(&e))
}

/// Build the request `generate` runs from its JS argument.
fn request(args: GenerateArgs) -> Result<Request, JsError> {
    let mut request = Request::new(dialect(&args.dialect)?, args.before, args.after);
    request.target_version = args.options.target_version.unwrap_or_default();
    request.zero_downtime = args.options.zero_downtime;
    request.preserve_data = args.options.preserve_data;
    request.renames = args.options.renames;
    request.table_sizes = args.options.table_sizes;
    request.not_renames = args.options.not_renames;
    request.copies = args.options.copies;
    request.no_copies = args.options.no_copies;
    Ok(request)
}

/// Generate a migration: `{dialect, before, after, options}` → the v1 result document.
#[wasm_bindgen]
pub fn generate(args: JsValue) -> Result<JsValue, JsError> {
    let args: GenerateArgs = serde_wasm_bindgen::from_value(args)
        .map_err(|e| JsError::new(&format!("generate({{dialect, before, after, options}}): {e}")))?;
    let json = run::json(&request(args)?).map_err(|e| JsError::new(&e))?;
    js_sys::JSON::parse(&json).map_err(|_| JsError::new("internal error: result is not JSON"))
}

/// The version of schemashift this module was built from.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}

/// Mount the playground into `element`, starting from `{before, after, dialect}` (all optional).
#[wasm_bindgen]
pub fn mount(element: web_sys::HtmlElement, init: JsValue) -> Result<(), JsError> {
    let args: MountArgs = if init.is_undefined() || init.is_null() {
        MountArgs::default()
    } else {
        serde_wasm_bindgen::from_value(init)
            .map_err(|e| JsError::new(&format!("mount(element, {{before, after, dialect}}): {e}")))?
    };
    let mut initial = Initial::example();
    if let Some(name) = args.dialect {
        initial.dialect = dialect(&name)?;
    }
    if let Some(before) = args.before {
        initial.before = before;
    }
    if let Some(after) = args.after {
        initial.after = after;
    }
    crate::mount_app(element, initial, false);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn options_accept_camel_case() {
        let o: ApiOptions =
            serde_json::from_str(r#"{"targetVersion":"16","zeroDowntime":true,"tableSizes":{"t":5}}"#).unwrap();
        assert_eq!(o.target_version.as_deref(), Some("16"));
        assert!(o.zero_downtime);
        assert_eq!(o.table_sizes.get("t"), Some(&5));
    }

    #[test]
    fn unknown_fields_are_rejected() {
        assert!(serde_json::from_str::<ApiOptions>(r#"{"zero_downtim":true}"#).is_err());
    }

    #[test]
    fn request_carries_options() {
        let args: GenerateArgs = serde_json::from_str(
            r#"{"dialect":"mysql","before":"","after":"","options":{"target_version":"8.0"}}"#,
        )
        .unwrap();
        let r = request(args).map_err(|_| ()).unwrap();
        assert_eq!(r.dialect, Dialect::Mysql);
        assert_eq!(r.target_version, "8.0");
    }
}

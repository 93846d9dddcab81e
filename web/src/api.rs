//! The JavaScript API, exported with wasm-bindgen (on the page: `window.schemashift`).
//!
//! ```js
//! const result = await schemashift.generate({ dialect: "postgres", before, after, options: {} });
//! schemashift.mount(document.getElementById("here"), { before, after, dialect: "postgres" });
//! ```
//!
//! `package({dialect, before, after, options, format, version, name})` returns a Promise of the
//! migration package as `{files: {path: text}}` (async: the package builder is a chunk loaded on
//! first use, `lazy.rs`) (`schemashift diff --out DIR --format F --version V --name N`;
//! `version` defaults to the current UTC time, `format` to `plain`).
//!
//! `options` is `schemashift::OptionValues`, the CLI's options in snake_case or camelCase (the
//! type the CLI and the playground's worker request use too).
//!
//! `generate` returns a Promise of the same document as `schemashift diff --json` (contract v1)
//! as a plain JS object (async: the generator is a chunk loaded on first use, `engine.rs`); bad
//! arguments reject it with an `Error` whose message says what is wrong.

use crate::app::Initial;
use crate::run::{self, Request};
use schemashift::{Dialect, OptionValues};
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
    options: OptionValues,
}

/// The argument of `package`: `generate`'s, and the package's layout, version and name.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PackageArgs {
    dialect: String,
    #[serde(default)]
    before: String,
    #[serde(default)]
    after: String,
    #[serde(default)]
    options: OptionValues,
    #[serde(default)]
    format: Option<String>,
    #[serde(default)]
    version: Option<String>,
    #[serde(default)]
    name: Option<String>,
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
    request.options = args.options;
    Ok(request)
}

/// Generate a migration: `{dialect, before, after, options}` → the v1 result document.
#[wasm_bindgen]
pub async fn generate(args: JsValue) -> Result<JsValue, JsError> {
    let args: GenerateArgs =
        serde_wasm_bindgen::from_value(args).map_err(|e| JsError::new(&format!("generate({{dialect, before, after, options}}): {e}")))?;
    let request = request(args)?;
    let generator = crate::engine::ready().await.map_err(|e| JsError::new(&e.0))?;
    let json = generator.json(&request).map_err(|e| JsError::new(&e))?;
    js_sys::JSON::parse(&json).map_err(|_| JsError::new("internal error: result is not JSON"))
}

/// The package of `args` as JSON `{"files": {path: text}}`; a blocked result is an error.
async fn package_json(args: PackageArgs) -> Result<String, String> {
    let format = args.format.as_deref().unwrap_or("plain").parse::<schemashift::package::Format>()?;
    let options = schemashift::package::PackageOptions { format, version: args.version.unwrap_or_else(run::now_version), name: args.name };
    let generate = GenerateArgs { dialect: args.dialect, before: args.before, after: args.after, options: args.options };
    let dialect = generate.dialect.parse::<Dialect>()?;
    let mut request = Request::new(dialect, generate.before.clone(), generate.after.clone());
    request.options = generate.options;
    let outcome = crate::engine::ready().await.map_err(|e| e.0)?.outcome(&request);
    if outcome.is_blocked() {
        return Err("the result is blocked (see generate's blocked_reasons): no package".into());
    }
    let m = outcome.migration().ok_or("no migration")?;
    let pkg = crate::lazy::build_package(&m, &options).await.map_err(|e| e.0)?;
    let files: BTreeMap<&str, String> = pkg.files.iter().map(|(k, v)| (k.as_str(), String::from_utf8_lossy(v).into_owned())).collect();
    serde_json::to_string(&serde_json::json!({ "files": files })).map_err(|e| e.to_string())
}

/// The migration package: `{dialect, before, after, options, format, version, name}` →
/// `{files: {path: text}}`.
#[wasm_bindgen]
pub async fn package(args: JsValue) -> Result<JsValue, JsError> {
    let json = package_answer(args).await.map_err(|e| JsError::new(&e.0))?.await.map_err(|e| JsError::new(&e))?;
    js_sys::JSON::parse(&json).map_err(|_| JsError::new("internal error: result is not JSON"))
}

/// `package`'s JSON, made by code in the outputs chunk (`lazy.rs`): the arguments' reading and
/// the files' JSON load with the package builder.
#[wasm_split_helpers::wasm_split(outputs, fallible)]
fn package_answer(args: JsValue) -> Result<crate::lazy::Later<String>, crate::lazy::Failed> {
    Ok(Box::pin(async move {
        let args: PackageArgs = serde_wasm_bindgen::from_value(args)
            .map_err(|e| format!("package({{dialect, before, after, options, format, version, name}}): {e}"))?;
        package_json(args).await
    }))
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
        serde_wasm_bindgen::from_value(init).map_err(|e| JsError::new(&format!("mount(element, {{before, after, dialect}}): {e}")))?
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
        let o: OptionValues = serde_json::from_str(r#"{"targetVersion":"16","zeroDowntime":true,"tableSizes":{"t":5}}"#).unwrap();
        assert_eq!(o.target_version, "16");
        assert!(o.zero_downtime);
        assert_eq!(o.table_sizes.get("t"), Some(&5));
    }

    /// `speedFactor` is a number in JavaScript, text in the page's field: both read.
    #[test]
    fn speed_factor_reads_as_number_or_text() {
        for json in [r#"{"speedFactor":1.5}"#, r#"{"speed_factor":"1.5"}"#] {
            let o: OptionValues = serde_json::from_str(json).unwrap();
            assert_eq!(o.to_options(Dialect::Postgres).unwrap().speed_permille, 1500, "{json}");
        }
    }

    #[test]
    fn unknown_fields_are_rejected() {
        assert!(serde_json::from_str::<OptionValues>(r#"{"zero_downtim":true}"#).is_err());
    }

    #[test]
    fn package_takes_format_version_and_name() {
        let args: PackageArgs = serde_json::from_str(
            r#"{"dialect":"postgres","before":"CREATE TABLE t (a int);","after":"CREATE TABLE t (a int, b int);",
                "format":"dbmate","version":"20240101000000","name":"add b"}"#,
        )
        .unwrap();
        let json: serde_json::Value = serde_json::from_str(&crate::lazy::now(package_json(args)).unwrap()).unwrap();
        assert!(json["files"]["migrations/20240101000000_add_b.sql"].as_str().unwrap().contains("ADD COLUMN"), "{json}");
        let bad: PackageArgs = serde_json::from_str(r#"{"dialect":"postgres","format":"nope"}"#).unwrap();
        assert!(crate::lazy::now(package_json(bad)).unwrap_err().contains("unknown format"));
    }

    #[test]
    fn request_carries_options() {
        let args: GenerateArgs =
            serde_json::from_str(r#"{"dialect":"mysql","before":"","after":"","options":{"target_version":"8.0"}}"#).unwrap();
        let r = request(args).map_err(|_| ()).unwrap();
        assert_eq!(r.dialect, Dialect::Mysql);
        assert_eq!(r.options.target_version, "8.0");
    }
}

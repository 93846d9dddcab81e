//! The entries of the generation worker (`www/worker.js`): the same wasm module as the page,
//! started in a module worker. Not part of the public JavaScript API (`api.rs`).
//!
//! The worker keeps the two texts it was last sent and the migration it made of them, so that
//! the page sends only what an edit changed (`Splice`s against the texts of an earlier call, its
//! `base`) and asks for the package files of the result it shows without generating anything
//! again (`packageForPage`). Generation goes through a `schemashift::Session`, which re-parses
//! only the statements an edit touched.

use crate::run::{Request, Shipped};
use crate::splice::Splice;
use schemashift::package::Format;
use schemashift::{Migration, Session};
use serde::{Deserialize, Serialize};
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::sync::Arc;
use wasm_bindgen::prelude::*;

/// A generation asked of the worker: the request, whose texts are either whole or (with a `base`)
/// splices of the texts of call `base` (no splice: that text is unchanged).
#[derive(Serialize, Deserialize)]
pub struct Call {
    pub id: u64,
    #[serde(default)]
    pub base: Option<u64>,
    pub request: Request,
    #[serde(default)]
    pub before: Option<Splice>,
    #[serde(default)]
    pub after: Option<Splice>,
}

/// The error of a call whose splices were made against texts the worker does not hold: the page
/// sends the whole texts again.
pub const STALE: &str = "stale base";

/// Package files asked of the worker: those of the migration of call `id`.
#[derive(Serialize, Deserialize)]
pub struct PackageCall {
    pub id: u64,
    pub format: String,
    #[serde(default)]
    pub version: String,
    #[serde(default)]
    pub name: String,
}

/// The package files, as text (every file of a package is UTF-8), or why there are none.
#[derive(Serialize, Deserialize)]
pub struct PackageAnswer {
    pub files: Option<BTreeMap<String, String>>,
    pub error: Option<String>,
}

/// What the worker keeps between calls (the previous one is freed by `worker_idle`, after the
/// answer is posted).
struct Kept {
    id: u64,
    before: String,
    after: String,
    migration: Option<Arc<Migration>>,
}

thread_local! {
    static KEPT: RefCell<Option<Kept>> = const { RefCell::new(None) };
    /// The `Kept` the last call replaced, freed by `worker_idle`.
    static REPLACED: RefCell<Option<Kept>> = const { RefCell::new(None) };
    /// Regenerates re-reading only what an edit touched (the same bytes as `generate`).
    static SESSION: RefCell<Session> = RefCell::new(Session::new());
}

/// The request of `call` with its whole texts (from the kept ones when it sends splices).
fn whole(call: Call) -> Result<(u64, Request), String> {
    let Call { id, base, mut request, before, after } = call;
    if base.is_none() {
        return Ok((id, request));
    }
    KEPT.with_borrow(|kept| {
        let kept = kept.as_ref().filter(|k| Some(k.id) == base).ok_or(STALE)?;
        let apply = |splice: Option<Splice>, old: &str| match splice {
            Some(s) => s.apply(old).ok_or(STALE),
            None => Ok(old.to_string()),
        };
        request.before = apply(before, &kept.before)?;
        request.after = apply(after, &kept.after)?;
        Ok((id, request))
    })
    .map_err(str::to_string)
}

/// Generate for a `Call` and keep its texts and migration.
pub fn generate_call(call: Call) -> Result<Shipped, String> {
    let (id, request) = whole(call)?;
    let (shipped, migration) = SESSION.with_borrow_mut(|session| Shipped::generate_keeping(&request, |b, a, o| session.update(b, a, o)));
    let Request { before, after, .. } = request;
    let replaced = KEPT.replace(Some(Kept { id, before, after, migration }));
    REPLACED.set(replaced);
    Ok(shipped)
}

/// The package files of the kept migration of call `call.id` (the builder is a lazy chunk:
/// the migration is held by its `Arc` while it loads, so a newer call may replace `KEPT`).
pub async fn package_call(call: &PackageCall) -> PackageAnswer {
    let answer = |files, error: Option<String>| PackageAnswer { files, error };
    let Ok(format) = call.format.parse::<Format>() else { return answer(None, Some(format!("unknown package format {}", call.format))) };
    let kept = KEPT.with_borrow(|kept| kept.as_ref().filter(|k| k.id == call.id).map(|k| k.migration.clone()));
    let Some(kept) = kept else { return answer(None, Some(STALE.into())) };
    let Some(migration) = kept else { return answer(None, Some("the options are not valid".into())) };
    let mut request = Request::new(migration.target.dialect, String::new(), String::new());
    request.package_version = call.version.clone();
    request.package_name = call.name.clone();
    match crate::lazy::build_package(&migration, &request.package_options(format)).await {
        Ok(pkg) => answer(Some(pkg.files.into_iter().map(|(p, b)| (p, String::from_utf8_lossy(&b).into_owned())).collect()), None),
        Err(e) => answer(None, Some(e.0)),
    }
}

/// Work left over by a call, done once its answer is posted (`www/worker.js`): free what it
/// replaced and prepare the next one (`Session::idle`). Results never depend on it.
pub fn idle() {
    REPLACED.set(None);
    SESSION.with_borrow_mut(Session::idle);
}

/// `idle` for `www/worker.js`.
#[wasm_bindgen(js_name = workerIdle)]
pub fn worker_idle() {
    idle();
}

/// A `Call` (JSON) → `run::Shipped` JSON.
#[wasm_bindgen(js_name = generateForPage)]
pub fn generate_for_page(call: &str) -> Result<String, JsError> {
    let call: Call = serde_json::from_str(call).map_err(|e| JsError::new(&format!("bad request: {e}")))?;
    let shipped = generate_call(call).map_err(|e| JsError::new(&e))?;
    serde_json::to_string(&shipped).map_err(|e| JsError::new(&e.to_string()))
}

/// A `PackageCall` (JSON) → `PackageAnswer` JSON.
#[wasm_bindgen(js_name = packageForPage)]
pub async fn package_for_page(call: String) -> Result<String, JsError> {
    let call: PackageCall = serde_json::from_str(&call).map_err(|e| JsError::new(&format!("bad request: {e}")))?;
    serde_json::to_string(&package_call(&call).await).map_err(|e| JsError::new(&e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use schemashift::Dialect;

    fn call(id: u64, base: Option<u64>, before: &str, after: &str, splices: Option<(Splice, Splice)>) -> Call {
        let (b, a) = match &splices {
            Some(_) => (String::new(), String::new()),
            None => (before.to_string(), after.to_string()),
        };
        let (sb, sa) = splices.map_or((None, None), |(x, y)| (Some(x), Some(y)));
        Call { id, base, request: Request::new(Dialect::Postgres, b, a), before: sb, after: sa }
    }

    #[test]
    fn splices_give_the_same_result_as_whole_texts() {
        let b0 = "CREATE TABLE t (id int PRIMARY KEY);";
        let a0 = "CREATE TABLE t (id int PRIMARY KEY, added text);";
        let a1 = "CREATE TABLE t (id int PRIMARY KEY, addedx text);";
        let first = generate_call(call(1, None, b0, a0, None)).unwrap();
        idle();
        let second = generate_call(call(2, Some(1), "", "", Some((Splice::between(b0, b0), Splice::between(a0, a1))))).unwrap();
        let direct = Shipped::generate(&Request::new(Dialect::Postgres, b0.into(), a1.into()));
        assert_eq!(serde_json::to_string(&second).unwrap(), serde_json::to_string(&direct).unwrap());
        assert_ne!(serde_json::to_string(&first).unwrap(), serde_json::to_string(&second).unwrap());
        // Splices against texts the worker no longer holds are refused, never applied elsewhere.
        let stale = generate_call(call(3, Some(1), "", "", Some((Splice::between(b0, b0), Splice::between(a0, a1)))));
        assert_eq!(stale.err().as_deref(), Some(STALE));
        // The package of the kept result, not of another.
        let pkg = crate::lazy::now(package_call(&PackageCall { id: 2, format: "plain".into(), version: "7".into(), name: String::new() }));
        let up = pkg.files.as_ref().and_then(|f| f.get("up.sql")).cloned().unwrap_or_default();
        assert!(up.contains("\"addedx\""), "{up}");
        let old = crate::lazy::now(package_call(&PackageCall { id: 1, format: "plain".into(), version: "7".into(), name: String::new() }));
        assert_eq!(old.error.as_deref(), Some(STALE));
    }
}

//! The page's side of the generation worker's protocol (`worker_api.rs` is the worker's): calls
//! through `window.schemashiftWorker` (`www/worker-client.js`), each edit sent as splices
//! against the texts of the previous call, and the package files asked of the worker.

use super::notes::Notes;
use super::outcome::Outcome;
use super::request::Request;
use super::shipped::Shipped;
use crate::remote_text::RemoteText;
use crate::splice::Splice;
use crate::visual_diff::Scope;
use crate::worker_api::{Call, Diagram, DiagramAnswer, DiagramCall, PackageAnswer, PackageCall, TimelineAnswer, STALE};
use schemashift::package::{Format, Package};
use std::collections::BTreeMap;
use wasm_bindgen::{JsCast, JsValue};

/// BEFORE plus AFTER larger than this (bytes) is generated in the worker, when there is one.
pub const WORKER_THRESHOLD: usize = 48 * 1024;

/// `window.schemashiftWorker[method]`, when the page started the worker (`www/boot.js`).
fn worker_method(method: &str) -> Option<(JsValue, js_sys::Function)> {
    let window = web_sys::window()?;
    let worker = js_sys::Reflect::get(&window, &JsValue::from_str("schemashiftWorker")).ok()?;
    let function = js_sys::Reflect::get(&worker, &JsValue::from_str(method)).ok()?;
    Some((worker, function.dyn_into().ok()?))
}

/// Call `window.schemashiftWorker[method](json)` and wait for its answer (a string).
pub async fn call_worker(method: &str, json: &str) -> Result<String, String> {
    call_worker_for(method, json).await?.as_string().ok_or_else(|| "not a string".to_string())
}

/// `window.schemashiftWorker[method](json)`: the promise of its answer.
pub fn worker_promise(method: &str, json: &str) -> Result<js_sys::Promise, String> {
    let (this, function) = worker_method(method).ok_or_else(|| "no worker".to_string())?;
    function.call1(&this, &JsValue::from_str(json)).map_err(|e| format!("{e:?}"))?.dyn_into().map_err(|_| "not a promise".to_string())
}

/// Call `window.schemashiftWorker[method](json)` and wait for its answer.
pub async fn call_worker_for(method: &str, json: &str) -> Result<JsValue, String> {
    wasm_bindgen_futures::JsFuture::from(worker_promise(method, json)?)
        .await
        .map_err(|e| js_sys::Reflect::get(&e, &JsValue::from_str("message")).ok().and_then(|m| m.as_string()).unwrap_or_default())
}

/// A generation's answer (`worker_api::generate_for_page`: JSON, texts, Up and Down notes):
/// the first two read into the module by `js_text` (megabytes: wasm-bindgen's glue would copy
/// them a character at a time), the notes kept as they came until they are read.
fn from_wire(answer: &JsValue) -> Option<Shipped> {
    let [json, texts, up, down] = strings(answer)?;
    Shipped::from_wire(&crate::js_text::string(&json), &crate::js_text::string(&texts), |u, d| {
        (Notes::from_js(up, u), Notes::from_js(down, d))
    })
}

/// The `N` strings of a worker's answer.
fn strings<const N: usize>(answer: &JsValue) -> Option<[js_sys::JsString; N]> {
    let parts = answer.dyn_ref::<js_sys::Array>().filter(|a| a.length() as usize == N)?;
    let parts: Vec<js_sys::JsString> = parts.iter().map(|p| p.dyn_into().ok()).collect::<Option<_>>()?;
    parts.try_into().ok()
}

/// An editor was focused or the pointer entered the editors: an edit is coming. The generator
/// starts loading in the worker (or on the page, where there is no worker; once; `engine.rs`),
/// so that a paste does not wait for it.
pub fn warm() {
    thread_local! {
        static WARMED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    }
    if crate::engine::loaded().is_some() || WARMED.replace(true) {
        return;
    }
    // In the worker only, where it loads off the page's thread; the page loads its own when it
    // first generates (small inputs) or needs a migration. Loading both at once put a task of
    // ~200 ms on the page's thread during a paste (web/BUNDLE.md). Nothing waits for this: a
    // generation asked meanwhile waits for the load. No worker: the page's, now.
    match worker_promise("warm", "") {
        Ok(promise) => leptos::task::spawn_local(async move {
            let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
        }),
        Err(_) => crate::engine::start_loading(),
    }
}

/// True when `request` is generated in the worker (large, and the page has one).
pub fn goes_to_worker(request: &Request) -> bool {
    request.before.len() + request.after.len() > WORKER_THRESHOLD && worker_method("generate").is_some()
}

thread_local! {
    /// The last call sent to the worker and its texts (the worker keeps them: the next call
    /// sends splices against them).
    static SENT: std::cell::RefCell<Option<(u64, String, String)>> = const { std::cell::RefCell::new(None) };
    static NEXT_CALL: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
}

/// The worker's `Call` for `request`: splices against the texts of the previous call when the
/// worker holds them (`whole`: send the whole texts).
fn worker_call(request: &Request, whole: bool) -> (u64, String) {
    crate::timing::measure("splice and send to the worker", || worker_call_now(request, whole))
}

fn worker_call_now(request: &Request, whole: bool) -> (u64, String) {
    let id = NEXT_CALL.with(|n| {
        n.set(n.get() + 1);
        n.get()
    });
    let previous = if whole { None } else { SENT.take() };
    let call = match &previous {
        Some((base, before, after)) => Call {
            id,
            base: Some(*base),
            request: request.without_texts(),
            before: Some(Splice::between(before, &request.before)).filter(|s| !s.is_empty()),
            after: Some(Splice::between(after, &request.after)).filter(|s| !s.is_empty()),
        },
        None => Call { id, base: None, request: request.clone(), before: None, after: None },
    };
    SENT.set(Some((id, request.before.clone(), request.after.clone())));
    (id, serde_json::to_string(&call).unwrap_or_default())
}

/// Generate in the worker: `Err(request)` when it cannot (the caller then generates on the
/// page), `Ok(None)` when a newer request overtook this one (its answer is not even parsed).
pub(super) async fn in_worker(request: Request, current: impl Fn() -> bool) -> Result<Option<Outcome>, Request> {
    let (mut id, json) = worker_call(&request, false);
    let mut answer = call_worker_for("generate", &json).await;
    if answer.as_ref().is_err_and(|e| e.contains(STALE)) {
        // The worker lost the texts the splices were made against: send them whole.
        let (whole_id, json) = worker_call(&request, true);
        id = whole_id;
        answer = call_worker_for("generate", &json).await;
    }
    let Ok(answer) = answer else {
        SENT.set(None);
        return Err(request);
    };
    if !current() {
        return Ok(None);
    }
    let shipped = crate::timing::measure("read the worker's answer", || from_wire(&answer));
    match shipped {
        Some(shipped) => Ok(Some(crate::timing::measure("take the worker's answer", || shipped.into_outcome(request, Some(id))))),
        None => Err(request),
    }
}

/// A package as the page holds it: every file's path, and the files whose contents came (all of
/// them for a small package; those asked for, of a large one: `PackageCall::only`), and the
/// long files asked that stay in the worker, read by line windows (`RemoteText`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PackageFiles {
    pub paths: Vec<String>,
    pub package: Package,
    pub remote: BTreeMap<String, RemoteText>,
}

impl PackageFiles {
    /// A package held whole.
    pub fn whole(package: Package) -> Self {
        PackageFiles { paths: package.files.keys().cloned().collect(), package, remote: BTreeMap::new() }
    }

    /// Whether every file's contents are here (the zip can be made of it).
    pub fn complete(&self) -> bool {
        self.package.files.len() == self.paths.len()
    }
}

/// The worker's call for the package of `outcome` (`None` when the page makes it itself).
fn package_call(outcome: &Outcome, format: Format, only: Option<Vec<String>>, checks: bool) -> Option<PackageCall> {
    if outcome.migration.is_some() || worker_method("package").is_none() {
        return None;
    }
    Some(PackageCall {
        id: outcome.worker_call?,
        format: format.name().to_string(),
        // Empty: the worker stamps the package when it builds it (a package kept for the next tab
        // keeps its stamp).
        version: outcome.package.version.trim().to_string(),
        name: outcome.package.name.clone(),
        only,
        checks,
    })
}

/// The whole package of `outcome` in `format` as a zip Blob the worker makes (`zipForPage`):
/// `None` when the page makes the package itself, `Some(Err)` when the worker did not (`STALE`:
/// it has moved on to a newer result).
pub async fn zip_of(outcome: &Outcome, format: Format) -> Option<Result<web_sys::Blob, String>> {
    let call = serde_json::to_string(&package_call(outcome, format, None, false)?).ok()?;
    Some(call_worker_for("zip", &call).await.and_then(|b| b.dyn_into::<web_sys::Blob>().map_err(|_| "not a Blob".to_string())))
}

/// The package in `format` of `outcome`: built on the page from its migration, or asked of the
/// worker that made it (which keeps its migration and the package); `only`: the files whose
/// contents are needed (`None`: all). `None` when there is none (invalid options, or the worker
/// has moved on to a newer result, which is then on its way). `checks`: `only` names check
/// scripts and nothing else is wanted (`PackageCall::checks`).
pub async fn package_of(
    outcome: &Outcome,
    format: Format,
    only: Option<Vec<String>>,
    checks: bool,
) -> Option<Result<PackageFiles, String>> {
    let Some(call) = package_call(outcome, format, only, checks) else {
        return outcome.package(format).await.map(|r| r.map(PackageFiles::whole));
    };
    let json = serde_json::to_string(&call).ok()?;
    let answer = call_worker_for("package", &json).await.ok()?;
    // The files' texts beside the JSON, as UTF-8 bytes copied into the module at once
    // (hundreds of megabytes for the Validation tab at 10,000 tables).
    let answer = crate::timing::measure("read the package files", || {
        let parts = answer.dyn_ref::<js_sys::Array>().filter(|a| a.length() == 2)?;
        let json = crate::js_text::string_of(&parts.get(0))?;
        let texts = String::from_utf8(parts.get(1).dyn_into::<js_sys::Uint8Array>().ok()?.to_vec()).ok()?;
        PackageAnswer::from_wire(&json, &texts)
    })?;
    match (answer.files, answer.error) {
        (Some(files), _) => Some(Ok(PackageFiles {
            paths: answer.paths,
            package: Package { files: files.into_iter().map(|(p, t)| (p, t.into_bytes())).collect() },
            remote: answer.outlines.into_iter().map(|(path, outline)| (path.clone(), RemoteText::new(&call, path, outline))).collect(),
        })),
        (None, Some(e)) if e == STALE => None,
        (None, e) => Some(Err(e.unwrap_or_default())),
    }
}

/// The visual diff of `outcome` in `scope`, asked of the worker that made it: `Err(())` when
/// there is no worker or the outcome is not the worker's (the caller draws it on the page), `Ok(None)` when
/// the worker has moved on to a newer result (on its way), `Ok(Some(Err))` when it failed.
pub async fn diagram_of(outcome: &Outcome, scope: Option<Scope>) -> Result<Option<Result<Diagram, String>>, ()> {
    let Some(id) = outcome.worker_call.filter(|_| outcome.migration.is_none() && worker_method("diagram").is_some()) else {
        return Err(());
    };
    let call = serde_json::to_string(&DiagramCall { id, scope }).map_err(|_| ())?;
    let Ok(answer) = call_worker("diagram", &call).await else { return Ok(None) };
    let Ok(answer) = serde_json::from_str::<DiagramAnswer>(&answer) else { return Ok(None) };
    Ok(match (answer.diagram, answer.error) {
        (Some(d), _) => Some(Ok(d)),
        (None, Some(e)) if e == STALE => None,
        (None, e) => Some(Err(e.unwrap_or_default())),
    })
}

/// The timeline picture of `outcome`, asked of the worker that made it (as `diagram_of`):
/// `Ok(Some(Ok(None)))` when the plan has no steps.
pub async fn timeline_of(outcome: &Outcome) -> Result<Option<Result<Option<String>, String>>, ()> {
    let Some(id) = outcome.worker_call.filter(|_| outcome.migration.is_none() && worker_method("timeline").is_some()) else {
        return Err(());
    };
    let call = serde_json::to_string(&DiagramCall { id, scope: None }).map_err(|_| ())?;
    let Ok(answer) = call_worker("timeline", &call).await else { return Ok(None) };
    let Ok(answer) = serde_json::from_str::<TimelineAnswer>(&answer) else { return Ok(None) };
    Ok(match (answer.svg, answer.error) {
        (svg, None) => Some(Ok(svg)),
        (_, Some(e)) if e == STALE => None,
        (_, Some(e)) => Some(Err(e)),
    })
}

//! The entries of the generation worker (`www/worker.js`): the same wasm module as the page,
//! started in a module worker. Not part of the public JavaScript API (`api.rs`).
//!
//! The worker keeps the two texts it was last sent and the migration it made of them, so that
//! the page sends only what an edit changed (`Splice`s against the texts of an earlier call, its
//! `base`) and asks for the package files of the result it shows without generating anything
//! again (`packageForPage`). Generation goes through a `schemashift::Session`, which re-parses
//! only the statements an edit touched (kept by the generator's chunk, `engine.rs`).

use crate::lazy::{Failed, Later};
use crate::run::{Request, Shipped};
use crate::splice::Splice;
use crate::visual_diff::{Scene, Scope};
use crate::worker_lines::{Outline, WINDOW_BYTES};
use schemashift::package::{Format, Package};
use schemashift::Migration;
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
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PackageCall {
    pub id: u64,
    pub format: String,
    /// Empty: the time the package is built (`run::now_version`).
    #[serde(default)]
    pub version: String,
    #[serde(default)]
    pub name: String,
    /// The files whose text the page shows (`None`: every file, for the download). A package
    /// whose files are `SHIP_WHOLE_BYTES` or less is sent whole anyway.
    #[serde(default)]
    pub only: Option<Vec<String>>,
    /// `only` names check scripts (`package::CHECK_FILES`) and nothing else of the package is
    /// wanted, not even its paths (the Pre-checks and Validation tabs): they are made alone.
    #[serde(default)]
    pub checks: bool,
}

/// A package up to this size (all its files) is sent whole, whatever was asked: the page then
/// previews and zips it without asking again. A larger one (validate.sql alone is ~13 KB a
/// table) is sent file by file as shown: copying hundreds of megabytes to the page as JSON took
/// tens of seconds at 10,000 tables.
pub const SHIP_WHOLE_BYTES: usize = 4 * 1024 * 1024;

/// The package files, as text (every file of a package is UTF-8), or why there are none.
#[derive(Default, Serialize, Deserialize)]
pub struct PackageAnswer {
    /// Every file's path, in order.
    #[serde(default)]
    pub paths: Vec<String>,
    /// The text of the files asked (of every file when the package is small).
    pub files: Option<BTreeMap<String, String>>,
    pub error: Option<String>,
    /// On the wire: the byte lengths of the files' texts (in `files` order), sent beside the
    /// JSON, which then has them empty (`wire`). Empty: the texts are in the JSON.
    #[serde(default)]
    pub lengths: Vec<usize>,
    /// The files asked whose texts stay in the worker, read by line windows (`worker_lines.rs`):
    /// those over `WINDOW_BYTES` of a package not sent whole.
    #[serde(default)]
    pub outlines: BTreeMap<String, Outline>,
}

impl PackageAnswer {
    /// As the worker sends it: JSON without the files' texts, and those texts joined (the page
    /// never parses hundreds of megabytes of SQL as JSON strings).
    pub fn wire(mut self) -> [String; 2] {
        let mut joined = String::new();
        for text in self.files.iter_mut().flat_map(|f| f.values_mut()) {
            joined.push_str(text);
            self.lengths.push(text.len());
            *text = String::new();
        }
        [serde_json::to_string(&self).unwrap_or_default(), joined]
    }

    /// The answer `wire` made; `None` when the two parts do not fit together.
    pub fn from_wire(json: &str, joined: &str) -> Option<PackageAnswer> {
        let mut answer: PackageAnswer = serde_json::from_str(json).ok()?;
        let lengths = std::mem::take(&mut answer.lengths);
        let files = answer.files.iter().map(BTreeMap::len).sum::<usize>();
        if lengths.len() != files || lengths.iter().sum::<usize>() != joined.len() {
            return None;
        }
        let mut rest = joined;
        for (text, len) in answer.files.iter_mut().flat_map(|f| f.values_mut()).zip(lengths) {
            *text = rest.get(..len)?.to_string();
            rest = &rest[len..];
        }
        Some(answer)
    }
}

/// What the worker keeps between calls (the previous one is freed by `worker_idle`, after the
/// answer is posted).
struct Kept {
    id: u64,
    before: String,
    after: String,
    migration: Option<Arc<Migration>>,
}

/// The last package built (of call `.0` in format, version and name `.1`): the Package tab asks
/// for its files one after the other (the Pre-checks and Validation tabs use it when it is there,
/// else their scripts are made alone).
type Built = (u64, (String, String, String), Arc<Package>);

thread_local! {
    static KEPT: RefCell<Option<Kept>> = const { RefCell::new(None) };
    static BUILT: RefCell<Option<Built>> = const { RefCell::new(None) };
    /// The `Kept` the last call replaced, freed by `worker_idle`.
    static REPLACED: RefCell<Option<Kept>> = const { RefCell::new(None) };
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

/// Generate for a `Call` (the generator loaded: `engine::ready`) and keep its texts and migration.
pub fn generate_call(call: Call) -> Result<Shipped, String> {
    let generator = crate::engine::loaded().ok_or("the generator is not loaded")?;
    let (id, request) = whole(call)?;
    let (shipped, migration) = generator.in_session(&request);
    let Request { before, after, .. } = request;
    let replaced = KEPT.replace(Some(Kept { id, before, after, migration }));
    REPLACED.set(replaced);
    Ok(shipped)
}

/// The package files of the kept migration of call `call.id` (the builder is a lazy chunk:
/// the migration is held by its `Arc` while it loads, so a newer call may replace `KEPT`).
pub async fn package_call(call: &PackageCall) -> PackageAnswer {
    match package_for(call).await {
        Ok(pkg) => answer_for(call, &pkg),
        Err(error) => PackageAnswer { error: Some(error), ..PackageAnswer::default() },
    }
}

/// The package `call` asks for: the one kept for it, its check scripts alone (`checks`), or
/// built (and kept while its migration is the kept one). `STALE` when a newer call replaced it.
async fn package_for(call: &PackageCall) -> Result<Arc<Package>, String> {
    let format = call.format.parse::<Format>().map_err(|_| format!("unknown package format {}", call.format))?;
    let key = (format.name().to_string(), call.version.clone(), call.name.clone());
    let held = BUILT.with_borrow(|b| b.as_ref().filter(|(id, k, _)| *id == call.id && *k == key).map(|(_, _, p)| Arc::clone(p)));
    if let Some(pkg) = held.or_else(|| crate::worker_lines::held(call)) {
        return Ok(pkg);
    }
    let kept = KEPT.with_borrow(|kept| kept.as_ref().filter(|k| k.id == call.id).map(|k| k.migration.clone()));
    let migration = kept.ok_or(STALE)?.ok_or("the options are not valid")?;
    let mut request = Request::new(migration.target.dialect, String::new(), String::new());
    request.package_version = if call.version.is_empty() { crate::run::now_version() } else { call.version.clone() };
    request.package_name = call.name.clone();
    let options = request.package_options(format);
    // Only check scripts asked (Pre-checks, Validation): made alone, not kept as the package.
    if let Some(only) = call.only.as_deref().filter(|_| call.checks) {
        if let Some(checks) = crate::lazy::build_checks(&migration, &options, only).await.map_err(|e| e.0)? {
            return Ok(Arc::new(checks));
        }
    }
    let pkg = Arc::new(crate::lazy::build_package(&migration, &options).await.map_err(|e| e.0)?);
    // Kept only while its migration is the kept one (a newer call may have come).
    if KEPT.with_borrow(|k| k.as_ref().is_some_and(|k| k.id == call.id)) {
        BUILT.set(Some((call.id, key, Arc::clone(&pkg))));
    }
    Ok(pkg)
}

/// A `PackageCall` (JSON; its files unused) → the whole package as a zip `Blob`, made here: the
/// Package tab's Download of a large package (hundreds of megabytes at 10,000 tables) never
/// crosses to the page as files.
#[wasm_bindgen(js_name = zipForPage)]
pub async fn zip_for_page(call: String) -> Result<web_sys::Blob, JsError> {
    later(zip_answer(call)).await
}

/// `zipForPage`'s work, by code in the outputs chunk (`lazy.rs`): loaded with the first tab that asks.
#[wasm_split_helpers::wasm_split(outputs, fallible)]
fn zip_answer(call: String) -> Result<Later<web_sys::Blob, JsError>, Failed> {
    Ok(Box::pin(async move {
        let call: PackageCall = serde_json::from_str(&call).map_err(|e| JsError::new(&format!("bad request: {e}")))?;
        let pkg = package_for(&PackageCall { only: None, checks: false, ..call }).await.map_err(|e| JsError::new(&e))?;
        crate::worker_lines::blob_of(&pkg.zip().map_err(|e| JsError::new(&e))?, "application/zip")
    }))
}

/// The answer to `call` from `pkg`: its long files asked are kept here and outlined.
fn answer_for(call: &PackageCall, pkg: &Arc<Package>) -> PackageAnswer {
    shipped_files(pkg, call.only.as_deref(), &|path| crate::worker_lines::outline(call, pkg, path))
}

/// The answer for `only` of `pkg`: every path, and the texts asked (all of a small package);
/// of a large package, a file asked over `WINDOW_BYTES` as its `outline` (when it gives one).
pub fn shipped_files(pkg: &Package, only: Option<&[String]>, outline: &dyn Fn(&str) -> Option<Outline>) -> PackageAnswer {
    let whole = only.is_none() || pkg.files.values().map(Vec::len).sum::<usize>() <= SHIP_WHOLE_BYTES;
    let mut files = BTreeMap::new();
    let mut outlines = BTreeMap::new();
    for (path, bytes) in pkg.files.iter().filter(|(path, _)| whole || only.is_some_and(|o| o.contains(path))) {
        if let Some(o) = (!whole && bytes.len() > WINDOW_BYTES).then(|| outline(path)).flatten() {
            outlines.insert(path.clone(), o);
        } else {
            files.insert(path.clone(), String::from_utf8_lossy(bytes).into_owned());
        }
    }
    PackageAnswer { paths: pkg.files.keys().cloned().collect(), files: Some(files), outlines, ..PackageAnswer::default() }
}

/// The visual diff asked of the worker: of the migration of call `id`, in `scope` (`None`: the
/// default for its size). The page never generates the migration again for it.
#[derive(Serialize, Deserialize)]
pub struct DiagramCall {
    pub id: u64,
    #[serde(default)]
    pub scope: Option<Scope>,
}

/// The diagram (`lazy::diagram`) with the scope drawn and the schema's table count, or why none.
#[derive(Serialize, Deserialize)]
pub struct DiagramAnswer {
    pub diagram: Option<Diagram>,
    pub error: Option<String>,
}

/// The scene, its text version, the tables drawn, the tables in the schema, the scope drawn.
pub type Diagram = (Scene, Vec<String>, usize, usize, Scope);

/// The visual diff of the kept migration of call `call.id` (`STALE` when a newer call replaced it).
pub async fn diagram_call(call: &DiagramCall) -> DiagramAnswer {
    let kept = KEPT.with_borrow(|kept| kept.as_ref().filter(|k| k.id == call.id).map(|k| k.migration.clone()));
    let Some(kept) = kept else { return DiagramAnswer { diagram: None, error: Some(STALE.into()) } };
    let Some(m) = kept else { return DiagramAnswer { diagram: None, error: Some("the options are not valid".into()) } };
    let scope = call.scope.unwrap_or_else(|| Scope::default_for(&m));
    let total = m.after.tables.len().max(m.before.tables.len());
    match crate::lazy::diagram(&m, scope).await {
        Ok((scene, text, drawn)) => DiagramAnswer { diagram: Some((scene, text, drawn, total, scope)), error: None },
        Err(e) => DiagramAnswer { diagram: None, error: Some(e.0) },
    }
}

/// A `DiagramCall` (JSON) → `DiagramAnswer` JSON.
#[wasm_bindgen(js_name = diagramForPage)]
pub async fn diagram_for_page(call: String) -> Result<String, JsError> {
    later(diagram_answer(call)).await
}

/// `diagramForPage`'s work, by code in the outputs chunk (`lazy.rs`): loaded with the first tab that asks.
#[wasm_split_helpers::wasm_split(outputs, fallible)]
fn diagram_answer(call: String) -> Result<Later<String, JsError>, Failed> {
    Ok(Box::pin(async move {
        let call: DiagramCall = serde_json::from_str(&call).map_err(|e| JsError::new(&format!("bad request: {e}")))?;
        serde_json::to_string(&diagram_call(&call).await).map_err(|e| JsError::new(&e.to_string()))
    }))
}

/// The up plan's timeline picture (`lazy::timeline_svg`) of the kept migration of call `id`:
/// `svg` is `None` when the plan has no steps.
#[derive(Serialize, Deserialize)]
pub struct TimelineAnswer {
    pub svg: Option<String>,
    pub error: Option<String>,
}

/// The timeline of the kept migration of call `id` (`STALE` when a newer call replaced it).
pub async fn timeline_call(id: u64) -> TimelineAnswer {
    let kept = KEPT.with_borrow(|kept| kept.as_ref().filter(|k| k.id == id).map(|k| k.migration.clone()));
    let Some(kept) = kept else { return TimelineAnswer { svg: None, error: Some(STALE.into()) } };
    let Some(m) = kept.filter(|m| !m.up.is_empty()) else { return TimelineAnswer { svg: None, error: None } };
    match crate::lazy::timeline_svg(&m).await {
        Ok(svg) => TimelineAnswer { svg: Some(svg), error: None },
        Err(e) => TimelineAnswer { svg: None, error: Some(e.0) },
    }
}

/// A `DiagramCall` (JSON; its scope unused) → `TimelineAnswer` JSON.
#[wasm_bindgen(js_name = timelineForPage)]
pub async fn timeline_for_page(call: String) -> Result<String, JsError> {
    later(timeline_answer(call)).await
}

/// `timelineForPage`'s work, by code in the outputs chunk (`lazy.rs`): loaded with the first tab that asks.
#[wasm_split_helpers::wasm_split(outputs, fallible)]
fn timeline_answer(call: String) -> Result<Later<String, JsError>, Failed> {
    Ok(Box::pin(async move {
        let call: DiagramCall = serde_json::from_str(&call).map_err(|e| JsError::new(&format!("bad request: {e}")))?;
        serde_json::to_string(&timeline_call(call.id).await).map_err(|e| JsError::new(&e.to_string()))
    }))
}

/// Work left over by a call, done once its answer is posted (`www/worker.js`): free what it
/// replaced and prepare the next one (`Session::idle`). Results never depend on it.
pub fn idle() {
    REPLACED.set(None);
    // The package of an older result is not asked for again.
    let current = KEPT.with_borrow(|k| k.as_ref().map(|k| k.id));
    if BUILT.with_borrow(|b| b.as_ref().is_some_and(|(id, _, _)| Some(*id) != current)) {
        BUILT.set(None);
    }
    crate::worker_lines::forget_others(current);
    if let Some(generator) = crate::engine::loaded() {
        generator.session_idle();
    }
}

/// `idle` for `www/worker.js`.
#[wasm_bindgen(js_name = workerIdle)]
pub fn worker_idle() {
    idle();
}

/// A `Call` (JSON) → `run::Shipped` as `[json, texts, upNotes, downNotes]` (`Shipped::wire`):
/// strings, which the worker posts to the page as they are (a copy each, no parse of the scripts).
/// The first call loads the generator (`engine.rs`).
#[wasm_bindgen(js_name = generateForPage)]
pub async fn generate_for_page(call: String) -> Result<js_sys::Array, JsError> {
    crate::engine::ready().await.map_err(|e| JsError::new(&e.0))?;
    let call: Call = serde_json::from_str(&call).map_err(|e| JsError::new(&format!("bad request: {e}")))?;
    let parts = generate_call(call).map_err(|e| JsError::new(&e))?.wire();
    Ok(parts.iter().map(|p| JsValue::from_str(p)).collect())
}

/// Load the generator now (an editor of the page was focused or pointed at: a generation is coming).
#[wasm_bindgen(js_name = warmEngine)]
pub async fn warm_engine() -> Result<(), JsError> {
    crate::engine::ready().await.map(|_| ()).map_err(|e| JsError::new(&e.0))
}

/// A `PackageCall` (JSON) → `PackageAnswer` as `[json, texts]` (`PackageAnswer::wire`), the
/// texts as UTF-8 bytes (a `Uint8Array` the worker transfers to the page: hundreds of megabytes
/// for the Validation tab at 10,000 tables, never decoded into a JavaScript string and back).
#[wasm_bindgen(js_name = packageForPage)]
pub async fn package_for_page(call: String) -> Result<js_sys::Array, JsError> {
    later(package_answer(call)).await
}

/// `packageForPage`'s work, by code in the outputs chunk (`lazy.rs`): loaded with the first tab that asks.
#[wasm_split_helpers::wasm_split(outputs, fallible)]
fn package_answer(call: String) -> Result<Later<js_sys::Array, JsError>, Failed> {
    Ok(Box::pin(async move {
        let call: PackageCall = serde_json::from_str(&call).map_err(|e| JsError::new(&format!("bad request: {e}")))?;
        let [json, texts] = package_call(&call).await.wire();
        Ok(js_sys::Array::of2(&JsValue::from_str(&json), &js_sys::Uint8Array::from(texts.as_bytes())))
    }))
}

/// The answer of a split function giving a `Later`: its chunk loaded, then the answer awaited.
async fn later<T>(split: impl std::future::Future<Output = Result<Later<T, JsError>, Failed>>) -> Result<T, JsError> {
    split.await.map_err(|e| JsError::new(&e.0))?.await
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
        // The check scripts alone (the Pre-checks and Validation tabs): only their paths, the
        // texts of the whole package's files.
        let wanted = vec!["precheck.sql".to_string(), "validate.sql".to_string()];
        let checks = crate::lazy::now(package_call(&PackageCall {
            id: 2,
            format: "plain".into(),
            version: "7".into(),
            name: String::new(),
            only: Some(wanted.clone()),
            checks: true,
        }));
        assert_eq!(checks.paths, wanted);
        // The package of the kept result, not of another.
        let pkg = crate::lazy::now(package_call(&PackageCall {
            id: 2,
            format: "plain".into(),
            version: "7".into(),
            name: String::new(),
            only: None,
            checks: false,
        }));
        let up = pkg.files.as_ref().and_then(|f| f.get("up.sql")).cloned().unwrap_or_default();
        assert!(up.contains("\"addedx\""), "{up}");
        for path in &wanted {
            assert_eq!(checks.files.as_ref().and_then(|f| f.get(path)), pkg.files.as_ref().and_then(|f| f.get(path)), "{path}");
        }
        let old = crate::lazy::now(package_call(&PackageCall {
            id: 1,
            format: "plain".into(),
            version: "7".into(),
            name: String::new(),
            only: None,
            checks: false,
        }));
        assert_eq!(old.error.as_deref(), Some(STALE));
    }

    #[test]
    fn a_large_package_is_sent_file_by_file() {
        let mut small = Package::default();
        small.add("up.sql", "SELECT 1;");
        small.add("validate.sql", "SELECT 2;");
        let only = vec!["up.sql".to_string()];
        // Small: whole, whatever was asked.
        let answer = shipped_files(&small, Some(&only), &no_outline);
        assert_eq!(answer.files.map(|f| f.len()), Some(2));
        assert_eq!(answer.paths, vec!["up.sql", "validate.sql"]);
        // Large: every path, the texts of those asked only; all of them when none are named.
        let mut large = small.clone();
        large.add("validate.sql", "x".repeat(SHIP_WHOLE_BYTES));
        let answer = shipped_files(&large, Some(&only), &no_outline);
        assert_eq!(answer.paths, vec!["up.sql", "validate.sql"]);
        assert_eq!(answer.files.as_ref().map(|f| f.keys().cloned().collect::<Vec<_>>()), Some(vec!["up.sql".to_string()]));
        assert_eq!(answer.files.and_then(|f| f.get("up.sql").cloned()).as_deref(), Some("SELECT 1;"));
        assert_eq!(shipped_files(&large, None, &no_outline).files.map(|f| f.len()), Some(2));
        // On the wire the texts cross beside the JSON, and come back the same.
        let [json, joined] = shipped_files(&large, None, &no_outline).wire();
        assert!(json.len() < 200 && joined.len() == SHIP_WHOLE_BYTES + "SELECT 1;".len(), "{json}");
        let back = PackageAnswer::from_wire(&json, &joined).unwrap();
        assert_eq!(serde_json::to_string(&back).unwrap(), serde_json::to_string(&shipped_files(&large, None, &no_outline)).unwrap());
        assert!(PackageAnswer::from_wire(&json, &joined[1..]).is_none());
        // A long file asked of a large package stays in the worker: its outline crosses.
        let outline = |_: &str| Some(Outline { bytes: 1, lines: 2, longest: 3 });
        let answer = shipped_files(&large, Some(&["validate.sql".to_string()]), &outline);
        assert_eq!(answer.files.map(|f| f.len()), Some(0));
        assert_eq!(answer.outlines.get("validate.sql"), Some(&Outline { bytes: 1, lines: 2, longest: 3 }));
        let [json, joined] = answer_error();
        assert_eq!(PackageAnswer::from_wire(&json, &joined).and_then(|a| a.error).as_deref(), Some("x"));
    }

    fn no_outline(_: &str) -> Option<Outline> {
        None
    }

    fn answer_error() -> [String; 2] {
        PackageAnswer { error: Some("x".into()), ..PackageAnswer::default() }.wire()
    }
}

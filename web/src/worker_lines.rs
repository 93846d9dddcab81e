//! Long package files kept in the worker and read by line windows (`worker_api.rs` builds them):
//! a file over `WINDOW_BYTES` of a package sent file by file crosses to the page as its
//! `Outline` (size, lines, longest line), and the page asks for the lines it draws
//! (`linesForPage`) and, for Copy, for the whole text as a `Blob` made here (`textForPage`).
//! The page never holds, decodes or indexes such a file (validate.sql is ~14 KB a table: 140 MB
//! at 10,000 tables, which took one main-thread task of ~0.6 s to take in).

use crate::sql_lines::Lines;
use crate::worker_api::{PackageCall, STALE};
use schemashift::package::Package;
use serde::{Deserialize, Serialize};
use std::cell::RefCell;
use std::sync::Arc;
use wasm_bindgen::prelude::*;

/// A file asked of a large package over this size is sent as its outline, read by line windows.
pub const WINDOW_BYTES: usize = 1024 * 1024;

/// What the page needs to lay out a file it does not hold: its size in bytes, its line count
/// and its longest line in characters (`sql_lines::Lines`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Outline {
    pub bytes: usize,
    pub lines: usize,
    pub longest: usize,
}

/// Lines `first..=last` of file `path` of the package `package` asks for (the same call the
/// package came from: its migration's call id, format, version and name).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LinesCall {
    pub package: PackageCall,
    pub path: String,
    pub first: usize,
    pub last: usize,
}

/// The text of the lines asked (clamped to the file), or why there is none (`STALE`: the worker
/// has moved on to a newer result).
#[derive(Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LinesAnswer {
    pub text: Option<String>,
    pub error: Option<String>,
}

/// A package whose files are read by windows: the call it answered, the package, and the line
/// index of each file read so far.
struct Held {
    call: PackageCall,
    package: Arc<Package>,
    lines: Vec<(String, Arc<Lines>)>,
}

thread_local! {
    /// The packages whose outlines were sent last (the Package tab's, the check scripts'), newest first.
    static HELD: RefCell<Vec<Held>> = const { RefCell::new(Vec::new()) };
}

/// At most this many packages held (the Package tab's and the check scripts' of one result,
/// and one in another format).
const HELD_MAX: usize = 3;

/// The same package: of the same call, format, version and name, and, for check scripts made
/// alone (`checks`), the same scripts (a whole package is the same whatever files it asked for).
fn same(a: &PackageCall, b: &PackageCall) -> bool {
    (a.id, &a.format, &a.version, &a.name, a.checks) == (b.id, &b.format, &b.version, &b.name, b.checks) && (!a.checks || a.only == b.only)
}

/// The package held for `call`, if any (`worker_api::package_for`: the check scripts of a tab
/// shown again are not made again).
pub fn held(call: &PackageCall) -> Option<Arc<Package>> {
    HELD.with_borrow(|held| held.iter().find(|h| same(&h.call, call)).map(|h| Arc::clone(&h.package)))
}

/// The line index of `path` in the package held for `call`, and the package.
fn lines_of(call: &PackageCall, path: &str) -> Option<(Arc<Package>, Arc<Lines>)> {
    HELD.with_borrow_mut(|held| {
        let h = held.iter_mut().find(|h| same(&h.call, call))?;
        let package = Arc::clone(&h.package);
        if let Some((_, lines)) = h.lines.iter().find(|(p, _)| p == path) {
            return Some((package, Arc::clone(lines)));
        }
        let lines = Arc::new(Lines::of(package.text(path)?));
        h.lines.push((path.to_string(), Arc::clone(&lines)));
        Some((package, lines))
    })
}

/// Keep `package` for `call` and outline its file `path` (its text stays here).
pub fn outline(call: &PackageCall, package: &Arc<Package>, path: &str) -> Option<Outline> {
    HELD.with_borrow_mut(|held| {
        if !held.iter().any(|h| same(&h.call, call) && Arc::ptr_eq(&h.package, package)) {
            held.retain(|h| !same(&h.call, call));
            held.insert(0, Held { call: call.clone(), package: Arc::clone(package), lines: Vec::new() });
            held.truncate(HELD_MAX);
        }
    });
    let (package, lines) = lines_of(call, path)?;
    Some(Outline { bytes: package.files.get(path)?.len(), lines: lines.count(), longest: lines.longest })
}

/// Forget the packages of calls other than `current` (`worker_api::idle`).
pub fn forget_others(current: Option<u64>) {
    HELD.with_borrow_mut(|held| held.retain(|h| Some(h.call.id) == current));
}

/// The lines `call` asks for.
pub fn lines_call(call: &LinesCall) -> LinesAnswer {
    let Some((package, lines)) = lines_of(&call.package, &call.path) else {
        return LinesAnswer { text: None, error: Some(STALE.into()) };
    };
    let text = package.text(&call.path).unwrap_or_default();
    let (first, last) = crate::sql_lines::clamp_window((call.first, call.last.max(call.first)), lines.count());
    let (start, end) = lines.bytes((first, last), text.len());
    LinesAnswer { text: Some(text[start..end].to_string()), error: None }
}

/// A `LinesCall` (JSON) → `LinesAnswer` JSON.
#[wasm_bindgen(js_name = linesForPage)]
pub fn lines_for_page(call: &str) -> Result<String, JsError> {
    let call: LinesCall = serde_json::from_str(call).map_err(|e| JsError::new(&format!("bad request: {e}")))?;
    serde_json::to_string(&lines_call(&call)).map_err(|e| JsError::new(&e.to_string()))
}

/// A `LinesCall` (JSON; its lines unused) → the whole file as a `text/plain` Blob (posted to the
/// page by reference: Copy hands it to the clipboard without decoding it on the page). An error
/// (`STALE`) when the package is no longer held.
#[wasm_bindgen(js_name = textForPage)]
pub fn text_for_page(call: &str) -> Result<web_sys::Blob, JsError> {
    let call: LinesCall = serde_json::from_str(call).map_err(|e| JsError::new(&format!("bad request: {e}")))?;
    let package = held(&call.package);
    let bytes = package.as_ref().and_then(|p| p.files.get(&call.path)).ok_or_else(|| JsError::new(STALE))?;
    blob_of(bytes, "text/plain")
}

/// `bytes` as a Blob of type `mime` (copied out of the module at once).
pub fn blob_of(bytes: &[u8], mime: &str) -> Result<web_sys::Blob, JsError> {
    let props = web_sys::BlobPropertyBag::new();
    props.set_type(mime);
    // SAFETY: the view is read at once by the Blob constructor, which copies it; nothing
    // allocates in the module meanwhile.
    let blob = unsafe {
        let view = js_sys::Uint8Array::view(bytes);
        web_sys::Blob::new_with_u8_array_sequence_and_options(&js_sys::Array::of1(&view), &props)
    };
    blob.map_err(|_| JsError::new("the bytes could not be made into a Blob"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn call(id: u64) -> PackageCall {
        PackageCall {
            id,
            format: "plain".into(),
            version: "7".into(),
            name: String::new(),
            only: Some(vec!["validate.sql".into()]),
            checks: true,
        }
    }

    #[test]
    fn a_held_file_is_read_by_windows() {
        let mut pkg = Package::default();
        pkg.add("validate.sql", "one\ntwo\nthree é\nfour");
        let pkg = Arc::new(pkg);
        let c = call(4);
        assert_eq!(outline(&c, &pkg, "validate.sql"), Some(Outline { bytes: 21, lines: 4, longest: 7 }));
        let ask = |first, last| lines_call(&LinesCall { package: c.clone(), path: "validate.sql".into(), first, last });
        assert_eq!(ask(1, 2).text.as_deref(), Some("two\nthree é\n"));
        assert_eq!(ask(3, 9).text.as_deref(), Some("four"));
        assert_eq!(ask(7, 9).text.as_deref(), Some("four"));
        // Other check scripts of the same result are another package; a whole package is the same
        // whatever files it asked for.
        let other_only = PackageCall { only: Some(vec!["precheck.sql".into()]), ..c.clone() };
        let ask_other = LinesCall { package: other_only.clone(), path: "validate.sql".into(), first: 0, last: 0 };
        assert_eq!(lines_call(&ask_other).error.as_deref(), Some(STALE));
        assert!(held(&c).is_some_and(|p| Arc::ptr_eq(&p, &pkg)) && held(&other_only).is_none());
        let whole = PackageCall { checks: false, only: Some(vec!["up.sql".into()]), ..c.clone() };
        outline(&whole, &pkg, "validate.sql");
        let shown = PackageCall { only: Some(vec!["README.md".into()]), ..whole };
        assert_eq!(
            lines_call(&LinesCall { package: shown, path: "validate.sql".into(), first: 0, last: 0 }).text.as_deref(),
            Some("one\n")
        );
        // Another result's call, or the package forgotten: stale, never another text.
        assert_eq!(
            lines_call(&LinesCall { package: call(5), path: "validate.sql".into(), first: 0, last: 0 }).error.as_deref(),
            Some(STALE)
        );
        forget_others(Some(5));
        assert_eq!(ask(0, 0).error.as_deref(), Some(STALE));
    }
}

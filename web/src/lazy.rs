//! Split points: code the first paint never runs, cut out of the main wasm module by
//! `wasm-split` (`.ci/wasm-build.sh`) into chunks fetched on the first call of any of them
//! (web/BUNDLE.md): the outputs beyond the SQL and its notes (package, Verify's scripts, the
//! timeline, the visual diff; with them, in the same `outputs` chunk, the tabs' panels of
//! `lazy_panels.rs`, Verify's run and the worker's answers to the tabs), and the share link's
//! encoder. Each is `async` for its callers (the first call awaits the chunk); natively, and in
//! the unit tests, it runs at once.

use crate::share::Shared;
use crate::visual_diff::{self, Scene, Scope};
use schemashift::estimate::timeline;
use schemashift::package::{self, Package, PackageOptions};
use schemashift::Migration;
use wasm_split_helpers::SplitLoaderError;

/// Why a lazy part gave no result: its chunk did not load, or it answered an error.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Failed(pub String);

impl From<SplitLoaderError> for Failed {
    fn from(e: SplitLoaderError) -> Self {
        Failed(format!("{e} (code loaded on first use): reload the page"))
    }
}

/// Work a split function starts and its caller awaits (async work whose code, the future's
/// included, is in the chunk).
pub type Later<T, E = String> = std::pin::Pin<Box<dyn std::future::Future<Output = Result<T, E>>>>;

/// `package::build` (the package layouts, runbook, scripts, test data and their emitters).
#[wasm_split_helpers::wasm_split(outputs, fallible)]
pub fn build_package(migration: &Migration, options: &PackageOptions) -> Result<Package, Failed> {
    package::build(migration, options).map_err(Failed)
}

/// `package::build_checks`: the check scripts alone, when only they are asked for (the Pre-checks
/// and Validation tabs); `None` when a path is another file.
#[wasm_split_helpers::wasm_split(outputs, fallible)]
pub fn build_checks(migration: &Migration, options: &PackageOptions, paths: &[String]) -> Result<Option<Package>, Failed> {
    package::build_checks(migration, options, paths).transpose().map_err(Failed)
}

/// The scripts Verify runs besides up and down (the package's files of the same names).
pub struct VerifyScripts {
    pub precheck: String,
    pub validate: String,
    pub validate_down: String,
    /// Generated rows for BEFORE (empty when not asked for).
    pub seed: String,
}

/// The Verify scripts of `m`, from the package builder's chunk.
#[wasm_split_helpers::wasm_split(outputs, fallible)]
pub fn verify_scripts(m: &Migration, generated_rows: bool) -> Result<VerifyScripts, Failed> {
    Ok(VerifyScripts {
        precheck: package::precheck_sql(m),
        validate: package::validate_sql(m.target, &m.after, &m.before, "validate"),
        validate_down: package::validate_sql(m.target, &m.before, &m.after, "validate_down"),
        seed: if generated_rows { package::seed_sql(m) } else { String::new() },
    })
}

/// The up migration's timeline picture (`timeline.svg`).
#[wasm_split_helpers::wasm_split(outputs, fallible)]
pub fn timeline_svg(m: &Migration) -> Result<String, Failed> {
    Ok(timeline::svg(&m.up, "up"))
}

/// The visual diff of `m` in `scope`: its scene, its text version and how many tables it draws.
#[wasm_split_helpers::wasm_split(outputs, fallible)]
pub fn diagram(m: &Migration, scope: Scope) -> Result<(Scene, Vec<String>, usize), Failed> {
    let model = visual_diff::build(m, scope);
    Ok((visual_diff::layout(&model), visual_diff::text_version(&model), model.boxes.len()))
}

/// The share link's fragment of `shared` (`Shared::to_fragment`: its JSON deflated and encoded),
/// first made when Share is pressed.
#[wasm_split_helpers::wasm_split(share, fallible)]
pub fn share_fragment(shared: &Shared) -> Result<String, Failed> {
    Ok(shared.to_fragment())
}

/// `future`'s output when it is ready at once (natively, a split function's is): for tests.
#[cfg(test)]
pub fn now<F: std::future::Future>(future: F) -> F::Output {
    let mut cx = std::task::Context::from_waker(std::task::Waker::noop());
    match std::pin::pin!(future).poll(&mut cx) {
        std::task::Poll::Ready(out) => out,
        std::task::Poll::Pending => panic!("a split function's future was not ready natively"),
    }
}

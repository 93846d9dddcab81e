//! Split points: code the first paint never runs, cut out of the main wasm module by
//! `wasm-split` (`.ci/web.sh`) into chunks fetched on their first call (web/BUNDLE.md). Each
//! function here is `async` for its callers (the first call awaits its chunk); natively, and in
//! the unit tests, it runs at once.

use schemashift::package::{self, Package, PackageOptions};
use schemashift::Migration;
use wasm_split_helpers::SplitLoaderError;

/// Why a lazy part gave no result: its chunk did not load, or it answered an error.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Failed(pub String);

impl From<SplitLoaderError> for Failed {
    fn from(e: SplitLoaderError) -> Self {
        Failed(format!("{e} (the package builder): reload the page"))
    }
}

/// `package::build` (the package layouts, runbook, scripts, test data and their emitters).
#[wasm_split_helpers::wasm_split(package, fallible)]
pub fn build_package(migration: &Migration, options: &PackageOptions) -> Result<Package, Failed> {
    package::build(migration, options).map_err(Failed)
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

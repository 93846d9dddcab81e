//! The one place the web crate calls into `schemashift-core`: build `Options` from what the
//! user chose, run `schemashift::generate`, and keep the parts of the v1 result the page shows.
//!
//! Generation is the `engine` chunk of the wasm (`engine.rs`), loaded when first needed: the
//! page opens on the built-in example's result made at build time (`first_result.rs`).
//! Small inputs are generated on the page's thread (a few milliseconds). Large ones go to a
//! module worker (`www/worker.js`, same wasm; see `worker_api.rs`) when the page has one, so the
//! page stays responsive: the worker sends back a `Shipped` outcome (JSON) with what the page
//! shows. The `Migration` itself (for the package, ~10 MB per format for 2000 tables, too big to
//! ship) is generated on the page only when something asks for it (`Outcome::migration`), e.g.
//! when the Package tab is opened. Where no worker runs (e.g. the page opened from `file://`),
//! generation stays on the page. No migration logic lives here: this only translates between the page and
//! the core.
//!
//! `request.rs` (what the user asked for), `outcome.rs` (what the page shows, made from the
//! core's result), `notes.rs` (its risk notes, from the worker parsed when first read),
//! `shipped.rs` (that outcome as the worker sends it), `first_result.rs` (the example's, built in), `worker.rs` (the page's
//! side of the worker protocol: splices, package files), `queue.rs` (one call at a time, the
//! newest waiting; stale results dropped).

mod first_result;
mod notes;
mod outcome;
mod queue;
mod request;
mod shipped;
mod worker;

pub use outcome::{json, outcome, MoveView, Outcome};
pub use queue::{begin, start};
pub use request::{now_version, Request};
pub use shipped::Shipped;
pub use worker::{call_worker, diagram_of, goes_to_worker, package_of, timeline_of, warm, worker_promise, zip_of, PackageFiles};

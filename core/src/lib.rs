//! schemashift: turn a "before" and an "after" schema into a migration a DBA can deploy.
//!
//! The pipeline, one module per stage (see ARCHITECTURE.md):
//! `parse` (SQL text → `model::Schema` + diagnostics) → `diff` (two schemas → `Change`s) →
//! `plan` (order, phases, transactions → `Step`s, rendered per dialect by `render`) →
//! `risk` (notes on each step) → `package` (files and formats).
//!
//! **Architecture invariant:** this crate does no I/O besides the CLI binary (`main.rs`,
//! `cli/`): everything else is a pure function of its inputs, so it runs the same natively and
//! in WebAssembly, and the same input always gives the same bytes.
//!
//! **No panic on any input:** a panic kills generation in the browser (wasm traps), so non-test
//! code may not unwrap, expect or slice a `str` at a byte offset (cut text through `text`).
//! `make test` runs `cargo clippy -p schemashift-core --lib --no-deps -- -D warnings`.

#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used, clippy::string_slice))]

pub mod contract;
pub mod diff;
pub mod estimate;
pub mod model;
pub mod package;
pub mod parse;
pub mod plan;
pub mod render;
pub mod risk;
pub mod target;

mod blocked;
mod diagnostic;
mod dialect;
mod generate;
#[cfg(test)]
mod layering_tests;
mod options;
pub mod profile;
pub mod quote;
mod session;
#[doc(hidden)]
pub mod stages;
/// Char-boundary-safe cuts of user text, and the common start and end of two texts (the
/// playground's splices use them too).
pub mod text;
mod unchanged;

pub use blocked::{BlockKind, Blocker};
pub use diagnostic::{Diagnostic, ObjectKind, ObjectRef, Severity};
pub use dialect::Dialect;
pub use generate::{generate, Migration, Options, Side, SourcedDiagnostic};
pub use options::{parse_flavored_target, parse_table_sizes, parse_target, OptionValues, TableSizes};
pub use session::Session;
pub use target::{Flavor, Target};

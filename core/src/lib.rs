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

pub mod contract;
pub mod diff;
pub mod model;
pub mod package;
pub mod parse;
pub mod plan;
pub mod render;
pub mod risk;

mod blocked;
mod diagnostic;
mod dialect;
mod generate;
mod options;
mod unchanged;

pub use blocked::{BlockKind, Blocker};
pub use diagnostic::{Diagnostic, ObjectKind, ObjectRef, Severity};
pub use dialect::{Dialect, Target};
pub use generate::{generate, Migration, Options, Side, SourcedDiagnostic};
pub use options::{parse_table_sizes, parse_target, TableSizes};

//! End-to-end test support for schemashift: the real-engine round-trip harness.
//!
//! The test binaries in `tests/tests/` start real engines ([`engine`]: PostgreSQL 15 and
//! MariaDB 10.11 servers in temporary directories, SQLite in memory), then run cases
//! ([`cases`]: hand-written cases in `tests/cases/`, the peer corpus in `../shared/corpus`,
//! real dumps) through the [`roundtrip`]: BEFORE applied, rows seeded ([`seed`]), the
//! generated up migration applied and the catalog ([`catalog`]) compared with AFTER applied to
//! a fresh database, then down applied and compared with BEFORE, rows checked after each
//! step. [`runner`] runs all cases of a binary against one engine start, keeps the
//! known-failures lists ([`known`]) true, and prints timing and a `N passed, N failed` line.

pub mod atlas_lexer;
pub mod blocked;
pub mod calibrate;
pub mod cases;
pub mod catalog;
pub mod data_moves;
pub mod definitions;
pub mod down_data;
pub mod dump;
pub mod engine;
pub mod flyway_parser;
pub mod goose_parser;
pub mod implicit_names;
pub mod known;
pub mod loaders;
pub mod osc;
pub mod preserve;
pub mod renames;
pub mod roundtrip;
pub mod runner;
pub mod seed;
pub mod selftest;
mod selftest_sql;
pub mod sequence_renames;
pub mod split;
pub mod steplog;
pub mod suites;
pub mod tool_cases;
pub mod tool_sweep;
pub mod tools;

/// `s` cut to at most `max` characters, whitespace collapsed (for error messages).
pub fn shorten(s: &str, max: usize) -> String {
    let flat = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() > max {
        format!("{}…", flat.chars().take(max).collect::<String>())
    } else {
        flat
    }
}

//! libSQL (Turso): an open-contribution fork of SQLite; versions are those of the SQLite it is
//! built on. It reads and runs SQLite's SQL, so the plan is SQLite's.
//! <https://docs.turso.tech/libsql>
//!
//! libSQL adds `ALTER TABLE ... ALTER COLUMN x TO x <definition>`, which rewrites only the
//! schema: rows already stored are not checked against a new `NOT NULL` or `CHECK` (nor
//! converted to a new type), and it has failed on any table with an index ("Only ordinary tables
//! can be altered, not indexes", <https://github.com/tursodatabase/libsql/issues/1299>).
//! schemashift does not use it: a column change is the checked
//! 12-step rebuild, as on SQLite, so existing rows that break the new definition fail the
//! migration instead of staying behind.

use super::{Engine, Version};
use crate::Dialect;

pub struct Libsql;

impl Engine for Libsql {
    fn dialect(&self) -> Dialect {
        Dialect::Sqlite
    }
    fn name(&self) -> &'static str {
        "libsql"
    }
    fn label(&self) -> &'static str {
        "libSQL (SQLite)"
    }
    fn default_version(&self) -> Version {
        (3, 45)
    }
    fn supports(&self, v: Version) -> bool {
        v.0 == 3 && v.1 >= 43
    }
    fn offered_versions(&self) -> &'static [&'static str] {
        &["libsql-3.45"]
    }
    fn base(&self, v: Version) -> Option<(&'static dyn Engine, Version)> {
        Some((&super::sqlite::Sqlite, v))
    }
    fn runbook(&self) -> Option<&'static str> {
        Some(RUNBOOK)
    }
}

/// <https://docs.turso.tech/cli/db/shell>
const RUNBOOK: &str = "## Applying on libSQL / Turso\n\n\
The scripts are SQLite's and run as they are on a libSQL file (`deploy.sh`, with a libSQL build of `sqlite3`) \
or on a Turso database through its shell: `turso db shell <DATABASE> < up.sql`. A table rebuild turns \
foreign keys off with `PRAGMA foreign_keys=OFF` before its transaction: run the script in one session \
(one shell invocation), never statement by statement over separate HTTP requests, or the pragma does not \
apply to the rebuild. Column changes are rebuilt rather than written as libSQL's `ALTER COLUMN`, which does \
not check rows already stored against a new NOT NULL or CHECK.\n";

//! Flyway: `migrations/V{version}__{name}.sql` (versioned) and `U{version}__{name}.sql` (undo).
//!
//! Flyway runs each script in a transaction where the database allows it, so scripts hold the
//! bare statements; a part that must run outside a transaction gets a script configuration
//! file `<script>.conf` with `executeInTransaction=false`.
//!
//! Flyway cuts a script into statements with its own parser per database (flyway/flyway
//! `flyway-database/*/…Parser.java`), read by `tests/src/flyway_parser.rs`:
//! - MySQL/MariaDB: its MySQLParser reads `DELIMITER` lines as the mysql client does, so a
//!   trigger or routine body is framed by them as in the numbered files (without them only
//!   bodies whose statement matches its `STORED_PROGRAM_REGEX` stay whole: not a `DEFINER`
//!   trigger nor `CREATE OR REPLACE`).
//! - SQLite: its SQLiteParser opens a block at every `BEGIN` keyword and closes it at `END`
//!   (`adjustBlockDepth`), so a table rebuild's own `BEGIN;` swallowed the rest of the file and
//!   Flyway refused it ("Incomplete statement"). The rebuild's transaction is opened with
//!   `SAVEPOINT` instead, which outside a transaction starts one as `BEGIN` does, and ended
//!   with `RELEASE`, which then commits it (sqlite.org/lang_savepoint.html): the same
//!   transaction, and `INSERT OR ROLLBACK` still rolls all of it back.

use super::{numbered, side_sql, stem, units};
use crate::package::{Meta, Package, Part};
use crate::{Dialect, Migration};

pub fn add(pkg: &mut Package, m: &Migration, meta: &Meta) {
    let units = units(m, false);
    for (i, u) in units.iter().enumerate() {
        let name = stem(meta, &units, i, "__");
        let up = format!("migrations/V{name}.sql");
        let undo = format!("migrations/U{name}.sql");
        pkg.add(up.clone(), script(m, u.up.as_ref(), "up"));
        pkg.add(undo.clone(), script(m, u.down.as_ref(), "down"));
        if u.up.as_ref().is_some_and(|p| !p.transactional) {
            pkg.add(format!("{up}.conf"), "executeInTransaction=false\n");
        }
        if u.down.as_ref().is_some_and(|p| !p.transactional) {
            pkg.add(format!("{undo}.conf"), "executeInTransaction=false\n");
        }
    }
}

/// One side of a unit as Flyway's parser for the dialect reads it.
fn script(m: &Migration, part: Option<&Part>, direction: &str) -> String {
    match m.target.dialect {
        Dialect::Mysql => numbered::client_sql(m, part, direction),
        Dialect::Sqlite => side_sql(m, part.map(savepoints).as_ref(), direction, false),
        Dialect::Postgres => side_sql(m, part, direction, false),
    }
}

/// The part with each step's own `BEGIN` / `COMMIT` as `SAVEPOINT` / `RELEASE`.
fn savepoints(p: &Part) -> Part {
    let mut p = p.clone();
    for s in p.steps.iter_mut().flat_map(|step| &mut step.statements) {
        if let Some(form) = super::savepoint_form(Dialect::Sqlite, s) {
            *s = form.to_string();
        }
    }
    p
}

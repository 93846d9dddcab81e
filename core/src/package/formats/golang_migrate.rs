//! golang-migrate: `migrations/{version}_{name}.up.sql` and `.down.sql` per version.
//!
//! golang-migrate sends each file to the database as one query (`database/*/…go` Run: one
//! `Exec` of the whole file) and opens no transaction itself, so transactional parts carry their
//! own BEGIN/COMMIT, and on PostgreSQL each statement that must run outside a transaction is a
//! version of its own. Its SQLite driver wraps every file in a transaction unless the URL says
//! `x-no-tx-wrap=true` (database/sqlite3/README.md), which the README's URL does: a table
//! rebuild switches foreign keys off outside a transaction and holds its own BEGIN/COMMIT.

use super::{side_sql, stem, units};
use crate::package::{Meta, Package};
use crate::Migration;

pub fn add(pkg: &mut Package, m: &Migration, meta: &Meta) {
    let units = units(m, true);
    let wrap = true;
    for (i, u) in units.iter().enumerate() {
        let name = stem(meta, &units, i, "_");
        pkg.add(format!("migrations/{name}.up.sql"), side_sql(m, u.up.as_ref(), "up", wrap));
        pkg.add(format!("migrations/{name}.down.sql"), side_sql(m, u.down.as_ref(), "down", wrap));
    }
}

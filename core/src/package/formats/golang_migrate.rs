//! golang-migrate: `migrations/{version}_{name}.up.sql` and `.down.sql` per version.
//!
//! golang-migrate sends each file to the database as one query and (PostgreSQL, MySQL) opens no
//! transaction itself, so transactional PostgreSQL parts carry their own BEGIN/COMMIT, and each
//! statement that must run outside a transaction is a version of its own. Its SQLite driver
//! wraps every file in a transaction, so SQLite files hold the bare statements.

use super::{side_sql, stem, units};
use crate::package::{Meta, Package};
use crate::{Dialect, Migration};

pub fn add(pkg: &mut Package, m: &Migration, meta: &Meta) {
    let units = units(m, true);
    let wrap = m.target.dialect == Dialect::Postgres;
    for (i, u) in units.iter().enumerate() {
        let name = stem(meta, &units, i, "_");
        pkg.add(format!("migrations/{name}.up.sql"), side_sql(m, u.up.as_ref(), "up", wrap));
        pkg.add(format!("migrations/{name}.down.sql"), side_sql(m, u.down.as_ref(), "down", wrap));
    }
}

//! Flyway: `migrations/V{version}__{name}.sql` (versioned) and `U{version}__{name}.sql` (undo).
//!
//! Flyway runs each script in a transaction where the database allows it, so scripts hold the
//! bare statements; a part that must run outside a transaction gets a script configuration
//! file `<script>.conf` with `executeInTransaction=false`.

use super::{side_sql, stem, units};
use crate::package::{Meta, Package};
use crate::Migration;

pub fn add(pkg: &mut Package, m: &Migration, meta: &Meta) {
    let units = units(m, false);
    for (i, u) in units.iter().enumerate() {
        let name = stem(meta, &units, i, "__");
        let up = format!("migrations/V{name}.sql");
        let undo = format!("migrations/U{name}.sql");
        pkg.add(up.clone(), side_sql(m, u.up.as_ref(), "up", false));
        pkg.add(undo.clone(), side_sql(m, u.down.as_ref(), "down", false));
        if u.up.as_ref().is_some_and(|p| !p.transactional) {
            pkg.add(format!("{up}.conf"), "executeInTransaction=false\n");
        }
        if u.down.as_ref().is_some_and(|p| !p.transactional) {
            pkg.add(format!("{undo}.conf"), "executeInTransaction=false\n");
        }
    }
}

//! dbmate: `migrations/{version}_{name}.sql` holding a `-- migrate:up` and a `-- migrate:down`
//! section. dbmate runs each section in a transaction unless it says `transaction:false`, and
//! sends a section to the database as ONE query string (dbmate `pkg/dbmate/db.go` execMigration:
//! one `Exec` of the section's contents; amacneil/dbmate issues #126 and #285): on PostgreSQL a
//! multi-statement string is one implicit transaction, so `CREATE INDEX CONCURRENTLY` would fail
//! there with `SET lock_timeout` beside it. Each such statement is a file of its own.

use super::{side_sql, stem, units};
use crate::package::{Meta, Package};
use crate::Migration;

pub fn add(pkg: &mut Package, m: &Migration, meta: &Meta) {
    let units = units(m, true);
    for (i, u) in units.iter().enumerate() {
        let mut text = String::new();
        for (marker, part, dir) in [("up", &u.up, "up"), ("down", &u.down, "down")] {
            let opt = if part.as_ref().is_some_and(|p| !p.transactional) { " transaction:false" } else { "" };
            if marker == "down" {
                text.push('\n');
            }
            text.push_str(&format!("-- migrate:{marker}{opt}\n"));
            text.push_str(&side_sql(m, part.as_ref(), dir, false));
        }
        pkg.add(format!("migrations/{}.sql", stem(meta, &units, i, "_")), text);
    }
}

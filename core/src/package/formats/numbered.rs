//! Plain numbered SQL for pipelines that run files with the engine's own client (`psql`,
//! `mysql`/`mariadb`, `sqlite3`): `migrations/NNNN_{name}.up.sql` and `.down.sql`, numbered from
//! `--version` (at least four digits: `--version 42` gives `0042_…`). A migration with several
//! parts (zero-downtime phases, statements that must run outside a transaction) is several
//! numbers; transactional files carry their own BEGIN/COMMIT, MySQL bodies their `DELIMITER` lines. The client sends statement by
//! statement, so a non-transactional part stays one file. Down runs the `.down.sql` files
//! newest number first.

use super::{side_sql, stem, units};
use crate::package::{Meta, Package, Part};
use crate::{Dialect, Migration};

pub fn add(pkg: &mut Package, m: &Migration, meta: &Meta) {
    let units = units(m, false);
    let meta = padded(meta);
    for (i, u) in units.iter().enumerate() {
        let name = stem(&meta, &units, i, "_");
        pkg.add(format!("migrations/{name}.up.sql"), client_sql(m, u.up.as_ref(), "up"));
        pkg.add(format!("migrations/{name}.down.sql"), client_sql(m, u.down.as_ref(), "down"));
    }
}

/// One side of a unit as the engine's client runs it. The `mysql` client ends a statement at
/// every `;`, so a trigger or routine body is framed by `DELIMITER` lines, as in `up.sql`
/// (`render::script`); without them the client sent `CREATE PROCEDURE p() BEGIN SELECT 1` and
/// the server refused it (ERROR 1064).
pub(super) fn client_sql(m: &Migration, part: Option<&Part>, direction: &str) -> String {
    match part {
        Some(p) if m.target.dialect == Dialect::Mysql => p.script(&m.target, direction),
        _ => side_sql(m, part, direction, true),
    }
}

/// The version with at least four digits.
fn padded(meta: &Meta) -> Meta {
    Meta { version: format!("{:0>4}", meta.version), name: meta.name.clone() }
}

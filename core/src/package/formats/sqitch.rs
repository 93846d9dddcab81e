//! Sqitch: `sqitch.conf`, `sqitch.plan` and one change with `deploy/`, `revert/` and `verify/`
//! scripts. Sqitch runs each script through the engine's client (psql, mysql, sqlite3) and
//! opens no transaction itself, so the scripts carry their own BEGIN/COMMIT; verify is the
//! validate script, which fails when the deployed schema is not the intended one.

use crate::package::validate::validate_sql;
use crate::package::{Meta, Package};
use crate::{Dialect, Migration};

pub fn add(pkg: &mut Package, m: &Migration, meta: &Meta) {
    let d = m.target.dialect;
    let engine = match d {
        Dialect::Postgres => "pg",
        Dialect::Mysql => "mysql",
        Dialect::Sqlite => "sqlite",
    };
    pkg.add("sqitch.conf", format!("[core]\n\tengine = {engine}\n\tplan_file = sqitch.plan\n\ttop_dir = .\n"));
    let note = format!("schemashift migration {} ({} step(s))", meta.version, m.up.len());
    pkg.add(
        "sqitch.plan",
        format!(
            "%syntax-version=1.0.0\n%project=schemashift\n\n{} {} schemashift <schemashift@example.invalid> # {note}\n",
            meta.name,
            plan_time(&meta.version)
        ),
    );
    let name = &meta.name;
    pkg.add(format!("deploy/{name}.sql"), format!("-- Deploy schemashift:{name}\n\n{}", m.up_sql()));
    pkg.add(format!("revert/{name}.sql"), format!("-- Revert schemashift:{name}\n\n{}", m.down_sql()));
    pkg.add(
        format!("verify/{name}.sql"),
        format!("-- Verify schemashift:{name}\n\n{}", validate_sql(m.target, &m.after, &m.before, "validate")),
    );
}

/// The plan's timestamp: the version read as `YYYYMMDDHHMMSS` when it is one, otherwise a
/// fixed date (never the clock, so the same input gives the same plan).
pub fn plan_time(version: &str) -> String {
    let digits: Vec<u32> = version.bytes().map(|b| u32::from(b.wrapping_sub(b'0'))).collect();
    if digits.len() == 14 && digits.iter().all(|d| *d < 10) {
        let n = |a: usize, b: usize| digits[a..b].iter().fold(0u32, |acc, d| acc * 10 + d);
        let (y, mo, day, h, mi, s) = (n(0, 4), n(4, 6), n(6, 8), n(8, 10), n(10, 12), n(12, 14));
        if (1970..=2999).contains(&y) && (1..=12).contains(&mo) && (1..=31).contains(&day) && h < 24 && mi < 60 && s < 60 {
            return format!("{y:04}-{mo:02}-{day:02}T{h:02}:{mi:02}:{s:02}Z");
        }
    }
    "2000-01-01T00:00:00Z".to_string()
}

//! The plain layout (`up.sql`, `down.sql` and, when the migration has several parts, one file
//! per part under `up/` and `down/`), and the shared documents and checks every format carries
//! at its root: pre-checks, table sizes, validation, monitoring, test data, dry run, runbook.
//! A tool format holds the migration once, in the tool's files: not in `up.sql` as well.

use super::super::{check_file, data_files, monitoring, osc, parts, runbook, table_sizes, test_data};
use super::super::{Format, Meta, Package, CHECK_FILES};
use crate::{Dialect, Migration};

/// The plain layout: the migration as scripts for the engine's own client.
pub fn add(pkg: &mut Package, m: &Migration) {
    let d = m.target.dialect;
    pkg.add("up.sql", or_nothing(m.up_sql()));
    pkg.add("down.sql", or_nothing(m.down_sql()));
    for (dir, steps) in [("up", &m.up), ("down", &m.down)] {
        let parts = parts::split(steps, d);
        if parts.len() > 1 {
            for (i, p) in parts.iter().enumerate() {
                pkg.add(format!("{dir}/{:02}-{}.sql", i + 1, p.label()), p.script(&m.target, dir));
            }
        }
    }
}

/// The documents and checks every format carries, whatever the layout of the migration;
/// `osc`: what the online schema change tool runs (its live checks end `precheck.sql`).
pub fn add_shared_files(pkg: &mut Package, m: &Migration, meta: &Meta, format: Format, osc: &osc::Decision) {
    let d = m.target.dialect;
    for path in CHECK_FILES {
        pkg.add(path, check_file(m, path, osc));
    }
    pkg.add(
        "table-sizes.sql",
        format!("-- Row counts of the tables this migration touches: `table rows` per line.\n{}", table_sizes::table_sizes_sql(m)),
    );
    pkg.add("monitoring.sql", monitoring::monitoring_sql(m));
    pkg.add("test-data.sql", test_data::test_data_sql(m));
    pkg.add("calibrate.sql", crate::estimate::calibrate::calibrate_sql(d));
    pkg.add("timeline.svg", crate::estimate::timeline::svg(&m.up, "up"));
    data_files::add(pkg, m);
    if d != Dialect::Mysql {
        let validate = pkg.text("validate.sql").unwrap_or_default().to_string();
        pkg.add("dry-run.sql", dry_run(m, &validate));
    }
    let tool = super::tool_section(m, format);
    pkg.add("README.md", runbook::readme(m, meta, format, &tool));
}

pub(crate) fn or_nothing(sql: String) -> String {
    if sql.is_empty() {
        "-- schemashift: the schemas are the same, nothing to do.\n".to_string()
    } else {
        sql
    }
}

/// Up and `validate` (`validate.sql`) inside one transaction that is rolled back (PostgreSQL, SQLite).
fn dry_run(m: &Migration, validate: &str) -> String {
    let mut o = String::from(
        "-- schemashift dry run: applies up and checks the result inside ONE transaction, then\n\
         -- rolls everything back. It takes the same locks as the real migration.\n\nBEGIN;\n\n",
    );
    let mut skipped = 0;
    for s in &m.up {
        if s.transactional {
            o.push_str(&s.sql());
        } else {
            skipped += 1;
            o.push_str("-- skipped (cannot run inside a transaction):\n");
            for line in s.sql().lines() {
                o.push_str(&format!("--   {line}\n"));
            }
        }
    }
    if skipped == 0 {
        o.push('\n');
        o.push_str(validate);
    } else {
        o.push_str("\n-- validate.sql is not run: the skipped steps would be missing.\n");
    }
    o.push_str("\nROLLBACK;\n");
    o
}

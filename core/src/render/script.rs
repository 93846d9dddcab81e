//! Assembling steps into one runnable script, with transaction blocks where the dialect has
//! transactional DDL.

use crate::plan::Step;
use crate::{Dialect, Target};

/// The steps as one script. Consecutive transactional steps share one `BEGIN; ... COMMIT;`
/// block (PostgreSQL, SQLite); a step that cannot run in a transaction stands alone between
/// blocks. MySQL/MariaDB have no transactional DDL: the header says so.
pub fn script(steps: &[Step], target: &Target, direction: &str) -> String {
    let mut out = String::new();
    if steps.is_empty() {
        return out;
    }
    let dialect = target.dialect;
    out.push_str(&format!("-- schemashift {direction} migration ({})\n", engine_label(target)));
    if dialect == Dialect::Mysql {
        out.push_str(
            "-- MySQL/MariaDB DDL is not transactional: each statement commits on its own.\n\
             -- If a statement fails, the ones before it stay applied; see the rollback notes.\n",
        );
    }
    let mut in_tx = false;
    for step in steps {
        let wants_tx = step.transactional && dialect.transactional_ddl();
        if wants_tx && !in_tx {
            out.push_str("\nBEGIN;\n");
            in_tx = true;
        } else if !wants_tx && in_tx {
            out.push_str("COMMIT;\n");
            in_tx = false;
        }
        if !wants_tx {
            out.push('\n');
            if dialect.transactional_ddl() {
                out.push_str("-- must run outside a transaction block\n");
            }
        }
        out.push_str(&step.sql());
    }
    if in_tx {
        out.push_str("COMMIT;\n");
    }
    out
}

fn engine_label(t: &Target) -> String {
    let name = match t.dialect {
        Dialect::Postgres => "PostgreSQL",
        Dialect::Mysql if t.mariadb => "MariaDB",
        Dialect::Mysql => "MySQL",
        Dialect::Sqlite => "SQLite",
    };
    format!("{name} {}.{}", t.version.0, t.version.1)
}

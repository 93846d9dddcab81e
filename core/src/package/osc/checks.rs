//! The live pre-checks of the online schema change tools, appended to `precheck.sql` (every
//! query returns NO rows when the requirement holds, as the rest of the MySQL pre-checks):
//! - both tools: a PRIMARY KEY or a UNIQUE key with no NULLable column on each table
//!   (pt-online-schema-change: "a PRIMARY KEY or a unique index is required"; gh-ost: "a shared,
//!   non-null unique key"), and no leftover `_<table>_new` / `_<table>_gho` table of a run
//!   that was aborted;
//! - pt-online-schema-change: triggers only with `--preserve-triggers` (the script passes it
//!   when the schema has triggers; MySQL 5.7.2+ / MariaDB 10.2.3+ allow several per event),
//!   child foreign keys only with `--alter-foreign-keys-method`;
//! - gh-ost: no triggers, no foreign keys either side, `log_bin` on, `binlog_format=ROW`,
//!   `binlog_row_image=FULL`, and on a replica it reads from, `log_slave_updates` on.
//!
//! <https://docs.percona.com/percona-toolkit/pt-online-schema-change.html>,
//! <https://github.com/github/gh-ost/blob/master/doc/requirements-and-limitations.md>

use super::{OscTool, Run};
use crate::render::quote;
use crate::Dialect;
use std::collections::BTreeSet;

pub fn precheck(tool: OscTool, runs: &[Run]) -> String {
    if runs.is_empty() {
        return String::new();
    }
    let lit = |s: &str| quote::literal(Dialect::Mysql, s);
    let mut out = format!(
        "\n-- Online schema change ({}): the tool's documented requirements, live. Each SELECT\n\
         -- must return NO rows.\n",
        tool.command()
    );
    if tool == OscTool::GhOst {
        out.push_str(
            "SELECT 'gh-ost reads the binary log: log_bin must be ON' AS problem FROM DUAL WHERE @@GLOBAL.log_bin = 0;\n\
             SELECT 'gh-ost needs binlog_format=ROW' AS problem, @@GLOBAL.binlog_format AS value FROM DUAL\n  \
             WHERE @@GLOBAL.binlog_format <> 'ROW';\n\
             SELECT 'gh-ost needs binlog_row_image=FULL' AS problem, @@GLOBAL.binlog_row_image AS value FROM DUAL\n  \
             WHERE @@GLOBAL.binlog_row_image <> 'FULL';\n\
             -- On the replica gh-ost reads from (GHOST_REPLICA_HOST), run this one there too:\n\
             --   SELECT 'gh-ost on a replica needs log_slave_updates=ON' AS problem FROM DUAL WHERE @@GLOBAL.log_slave_updates = 0;\n",
        );
    }
    let tables: BTreeSet<&str> = runs.iter().map(|r| r.table.name.as_str()).collect();
    for t in tables {
        let table = lit(t);
        out.push_str(&format!(
            "SELECT {problem} AS problem FROM DUAL WHERE NOT EXISTS (\n  \
             SELECT 1 FROM information_schema.STATISTICS s\n  \
             WHERE s.TABLE_SCHEMA = DATABASE() AND s.TABLE_NAME = {table} AND s.NON_UNIQUE = 0\n  \
             GROUP BY s.INDEX_NAME HAVING SUM(s.NULLABLE = 'YES') = 0);\n",
            problem = lit(&format!("{t}: no PRIMARY KEY or UNIQUE key over NOT NULL columns for {} to copy rows by", tool.command())),
        ));
        let leftovers = [format!("_{t}_new"), format!("_{t}_old"), format!("_{t}_gho"), format!("_{t}_ghc"), format!("_{t}_del")];
        out.push_str(&format!(
            "SELECT CONCAT('leftover table of an earlier run: ', TABLE_NAME, ' (README: cleanup)') AS problem\n  \
             FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME IN ({});\n",
            leftovers.iter().map(|n| lit(n)).collect::<Vec<_>>().join(", ")
        ));
        let triggers = format!(
            "(SELECT COUNT(*) FROM information_schema.TRIGGERS WHERE EVENT_OBJECT_SCHEMA = DATABASE() AND EVENT_OBJECT_TABLE = {table})"
        );
        let children = format!(
            "(SELECT COUNT(*) FROM information_schema.REFERENTIAL_CONSTRAINTS\n    \
             WHERE CONSTRAINT_SCHEMA = DATABASE() AND REFERENCED_TABLE_NAME = {table} AND TABLE_NAME <> {table})"
        );
        let own = format!(
            "(SELECT COUNT(*) FROM information_schema.REFERENTIAL_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = DATABASE() AND TABLE_NAME = {table})"
        );
        match tool {
            OscTool::GhOst => {
                out.push_str(&format!(
                    "SELECT {} AS problem, {triggers} AS triggers FROM DUAL WHERE {triggers} > 0;\n",
                    lit(&format!("{t}: gh-ost does not support tables with triggers"))
                ));
                out.push_str(&format!(
                    "SELECT {} AS problem FROM DUAL\n  WHERE {own} > 0\n  OR {children} > 0;\n",
                    lit(&format!("{t}: gh-ost does not support foreign keys on the table or referencing it"))
                ));
            }
            OscTool::PtOsc => {
                let run_has = |f: fn(&Run) -> bool| runs.iter().any(|r| r.table.name == t && f(r));
                if !run_has(|r| r.triggers) {
                    out.push_str(&format!(
                        "SELECT {} AS problem FROM DUAL WHERE {triggers} > 0;\n",
                        lit(&format!("{t}: has triggers the schema does not show: add --preserve-triggers to its osc script"))
                    ));
                }
                if !run_has(|r| r.referenced) {
                    out.push_str(&format!(
                        "SELECT {} AS problem FROM DUAL WHERE {children} > 0;\n",
                        lit(&format!(
                            "{t}: foreign keys of other tables reference it: add --alter-foreign-keys-method rebuild_constraints to its osc script"
                        ))
                    ));
                }
            }
        }
    }
    out
}

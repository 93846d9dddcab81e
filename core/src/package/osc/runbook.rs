//! The README section of the online schema change runs: which steps went to the tool and
//! which stayed (and why), then how to run, watch, throttle, cut over, abort and clean up
//! (gh-ost: <https://github.com/github/gh-ost/blob/master/doc/interactive-commands.md>,
//! <https://github.com/github/gh-ost/blob/master/doc/cut-over.md>; pt-online-schema-change:
//! <https://docs.percona.com/percona-toolkit/pt-online-schema-change.html>).

use super::{Decision, Osc, OscTool};

pub fn section(osc: Osc, d: &Decision) -> String {
    let cmd = osc.tool.command();
    let which = match osc.min_rows {
        Some(n) => format!("tables of at least {n} rows (`--table-sizes`)"),
        None => "every table (`--osc-all`)".to_string(),
    };
    let mut s = format!("\n## Online schema change ({cmd})\n\nChanges of {which} run with {cmd}, not in the SQL scripts.\n\n");
    if d.runs.is_empty() {
        s.push_str("No step qualifies: every change runs in the scripts as written.\n");
    }
    for r in &d.runs {
        s.push_str(&format!("- {} step {}: {} — `{}` ``--alter \"{}\"``\n", r.direction, r.step, r.table, r.script, r.alter));
    }
    for k in &d.kept {
        s.push_str(&format!("- stays in {}.sql: `` {} `` — {}\n", k.direction, k.statement, k.why));
    }
    if d.runs.is_empty() {
        return s;
    }
    s.push_str(
        "\nIn the script each such step is a guard that stops the client with \
         `Table '<db>.run osc/<n>-<table>.sh first' doesn't exist`: nothing after it runs before the table is changed.\n\n\
         1. Run `precheck.sql`: its online schema change queries must return no rows.\n\
         2. Run `deploy.sh up` (or the scripts) until it stops at the guard.\n\
         3. `DB_NAME=<db> sh osc/<n>-<table>.sh`: the dry run. Connection: `DB_HOST`, `DB_PORT`, `DB_USER`, `DB_SOCKET`, \
         the password in `MYSQL_DEFAULTS_FILE` (default `~/.my.cnf`). Load limits: `OSC_CHUNK_SIZE`, `OSC_MAX_LOAD`, `OSC_CRITICAL_LOAD` \
         (defaults from the environment profile).\n\
         4. `sh osc/<n>-<table>.sh --execute`: the copy, then the swap; the script logs the step `done`.\n\
         5. Run `deploy.sh up` again: it continues after the guard.\n\n",
    );
    match osc.tool {
        OscTool::GhOst => s.push_str(
            "gh-ost connects to the primary (`--allow-on-master`) unless `GHOST_REPLICA_HOST` names a replica to read \
             the binary log from (that replica needs `log_slave_updates`). It copies rows into `_<table>_gho` and applies \
             the binary log's changes to it; `_<table>_ghc` holds its heartbeat.\n\n\
             - Watch and throttle: `echo status | nc -U /tmp/gh-ost.<table>.sock`; `echo throttle | nc -U ...` \
             and `echo no-throttle | nc -U ...`, or create `/tmp/gh-ost.<table>.throttle`; \
             `echo 'chunk-size=500' | nc -U ...` changes the chunk size while it runs.\n\
             - Cut-over: the script creates `/tmp/gh-ost.<table>.postpone`; gh-ost copies and then keeps applying \
             changes until that file is removed. Remove it at a quiet moment: the swap takes a short lock \
             (`--cut-over-lock-timeout-seconds`, 3 s by default, retried).\n\
             - Abort: `echo panic | nc -U /tmp/gh-ost.<table>.sock` or create `/tmp/gh-ost.<table>.panic`; \
             the original table is untouched until the cut-over.\n\
             - Cleanup: after the cut-over the old table stays as `_<table>_del` (drop it once the change is verified); \
             after an abort drop `_<table>_gho` and `_<table>_ghc` before running again.\n",
        ),
        OscTool::PtOsc => s.push_str(
            "pt-online-schema-change creates `_<table>_new`, alters it, adds triggers `pt_osc_<db>_<table>_ins/upd/del` \
             that copy writes to it, copies rows in chunks, then swaps the tables with one atomic `RENAME TABLE` and \
             drops the old one.\n\n\
             - Throttle: it pauses while `--max-load` is exceeded and aborts above `--critical-load` \
             (`OSC_MAX_LOAD`, `OSC_CRITICAL_LOAD`); it also waits for replica lag (`--max-lag`, 1 s).\n\
             - Cut-over: automatic at the end of the copy (the `RENAME TABLE` waits for the metadata lock).\n\
             - Foreign keys: other tables referencing it are rebuilt with `--alter-foreign-keys-method rebuild_constraints` \
             (an `ALTER TABLE` of each child table); the table's own foreign keys are recreated on the new table \
             under names with a leading `_` added or removed: generate the next migration from the live schema.\n\
             - Abort: Ctrl-C (or kill) before the swap; the original table is untouched.\n\
             - Cleanup after an abort: `DROP TRIGGER IF EXISTS pt_osc_<db>_<table>_ins` (and `_upd`, `_del`) first, \
             then `DROP TABLE IF EXISTS _<table>_new`.\n",
        ),
    }
    s
}

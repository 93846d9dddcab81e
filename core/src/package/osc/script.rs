//! `osc/<n>-<table>.sh`: one run of gh-ost or pt-online-schema-change, a dry run first and the
//! real one only with `--execute`, then the step logged `done` in `schemashift_migration_log`
//! so that `deploy.sh` continues after the guard that stands in `up.sql` for it.
//!
//! Connection placeholders come from the environment (`DB_NAME`, required, as `deploy.sh`
//! reads it; `DB_HOST`, `DB_PORT`, `DB_USER`, `DB_SOCKET`; the password from the option file
//! `MYSQL_DEFAULTS_FILE`, `~/.my.cnf` by default, never the command line). Chunk size, pause
//! and load limits come from the environment profile (`--env`) and may be overridden with
//! `OSC_CHUNK_SIZE`, `OSC_MAX_LOAD`, `OSC_CRITICAL_LOAD`.

use super::{Osc, OscTool, Run};
use crate::package::step_log;
use crate::render::quote;
use crate::{Dialect, Migration};

/// The load limits: pt-online-schema-change's defaults (`Threads_running=25` pauses the copy,
/// `=50` aborts it); the `prod` profile halves them.
fn loads(m: &Migration) -> (&'static str, &'static str) {
    match m.env.as_ref().map(|p| p.name.as_str()) {
        Some("prod") => ("Threads_running=15", "Threads_running=30"),
        _ => ("Threads_running=25", "Threads_running=50"),
    }
}

fn sh_quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', "'\\''"))
}

pub fn script(m: &Migration, osc: Osc, run: &Run, id: &str) -> String {
    let run_settings = m.env.as_ref().map(|p| p.run).unwrap_or_default();
    let (max_load, critical_load) = loads(m);
    let table = &run.table.name;
    let mut s = format!(
        "#!/bin/sh\n\
         # schemashift: step {step} of {dir} ({table}) with {cmd}, instead of in {dir}.sql.\n\
         #   sh {script}            dry run: checks and an altered empty copy, no rows copied\n\
         #   sh {script} --execute  the dry run, then the migration; it logs step {step} as done\n\
         # Run precheck.sql first; README.md (Online schema change) has the cut-over, throttle and\n\
         # abort steps. The statements this runs instead of:\n",
        step = run.step,
        dir = run.direction,
        cmd = osc.tool.command(),
        script = run.script,
    );
    for st in &run.statements {
        for line in st.lines().filter(|l| !l.trim().is_empty()) {
            s.push_str(&format!("#   {line}\n"));
        }
    }
    s.push_str(&format!(
        "set -eu\n\
         : \"${{DB_NAME:?set DB_NAME to the database}}\"\n\
         DEFAULTS=\"${{MYSQL_DEFAULTS_FILE:-$HOME/.my.cnf}}\"\n\
         CHUNK_SIZE=\"${{OSC_CHUNK_SIZE:-{chunk}}}\"\n\
         MAX_LOAD=\"${{OSC_MAX_LOAD:-{max_load}}}\"\n\
         CRITICAL_LOAD=\"${{OSC_CRITICAL_LOAD:-{critical_load}}}\"\n\
         ALTER={alter}\n\n",
        chunk = run_settings.batch_size,
        alter = sh_quote(&run.alter),
    ));
    match osc.tool {
        OscTool::PtOsc => s.push_str(&pt_osc(run, run_settings.batch_pause_ms)),
        OscTool::GhOst => s.push_str(&gh_ost(run)),
    }
    s.push_str(&format!(
        "\nif [ \"${{1:-}}\" != \"--execute\" ]; then\n  \
         echo \"dry run of {script} passed; run it again with --execute to change {table}\"\n  exit 0\nfi\n\
         before_execute\n\
         osc --execute\n\n\
         # The step is done: deploy.sh skips it from now on.\n\
         mysql_client() {{\n  \
         if [ -f \"$DEFAULTS\" ]; then set -- --defaults-extra-file=\"$DEFAULTS\" \"$@\"; fi\n  \
         [ -n \"${{DB_HOST:-}}\" ] && set -- \"$@\" --host=\"$DB_HOST\"\n  \
         [ -n \"${{DB_PORT:-}}\" ] && set -- \"$@\" --port=\"$DB_PORT\"\n  \
         [ -n \"${{DB_USER:-}}\" ] && set -- \"$@\" --user=\"$DB_USER\"\n  \
         [ -n \"${{DB_SOCKET:-}}\" ] && set -- \"$@\" --socket=\"$DB_SOCKET\"\n  \
         mysql \"$@\" \"$DB_NAME\"\n}}\n\
         mysql_client <<'SQL'\n{log};\nSQL\n\
         echo \"{table}: step {step} of {dir} done\"\n",
        script = run.script,
        step = run.step,
        dir = run.direction,
        log = done_sql(run, id),
    ));
    s
}

/// The DSN and flags of pt-online-schema-change.
fn pt_osc(run: &Run, pause_ms: u64) -> String {
    let mut flags = vec![
        "--alter \"$ALTER\"".to_string(),
        "--chunk-size \"$CHUNK_SIZE\"".to_string(),
        "--max-load \"$MAX_LOAD\"".to_string(),
        "--critical-load \"$CRITICAL_LOAD\"".to_string(),
        // Refuses an ALTER that would make rows collide under a new unique key (INSERT IGNORE).
        "--check-unique-key-change".to_string(),
    ];
    if pause_ms > 0 {
        flags.push(format!("--sleep {}.{:03}", pause_ms / 1000, pause_ms % 1000));
    }
    if run.triggers {
        // MySQL 5.7.2+ / MariaDB 10.2.3+: several triggers per event, so the tool's own
        // triggers sit beside the table's, which it copies to the new table.
        flags.push("--preserve-triggers".to_string());
    }
    if run.referenced {
        // Other tables' foreign keys follow the table with ALTER TABLE on each child (the
        // documented safe method; `drop_swap` leaves a moment without the table).
        flags.push("--alter-foreign-keys-method rebuild_constraints".to_string());
    }
    format!(
        "DSN=\"D=$DB_NAME,t={table}\"\n\
         [ -f \"$DEFAULTS\" ] && DSN=\"$DSN,F=$DEFAULTS\"\n\
         [ -n \"${{DB_HOST:-}}\" ] && DSN=\"$DSN,h=$DB_HOST\"\n\
         [ -n \"${{DB_PORT:-}}\" ] && DSN=\"$DSN,P=$DB_PORT\"\n\
         [ -n \"${{DB_USER:-}}\" ] && DSN=\"$DSN,u=$DB_USER\"\n\
         [ -n \"${{DB_SOCKET:-}}\" ] && DSN=\"$DSN,S=$DB_SOCKET\"\n\n\
         osc() {{\n  pt-online-schema-change {flags} \\\n    \"$@\" \"$DSN\"\n}}\n\
         before_execute() {{ :; }}\n\n\
         osc --dry-run\n",
        table = run.table.name,
        flags = flags.join(" \\\n    "),
    )
}

/// The flags of gh-ost: it connects to the primary (`--allow-on-master`) unless
/// `GHOST_REPLICA_HOST` names the replica it should read the binary log from; the cut-over
/// waits for its flag file to be deleted.
fn gh_ost(run: &Run) -> String {
    let slug = crate::package::slug(&run.table.name);
    format!(
        "FLAGS=/tmp/gh-ost.{slug}\n\
         osc() {{\n  \
         if [ -f \"$DEFAULTS\" ]; then set -- --conf=\"$DEFAULTS\" \"$@\"; fi\n  \
         [ -n \"${{DB_USER:-}}\" ] && set -- --user=\"$DB_USER\" \"$@\"\n  \
         [ -n \"${{DB_PORT:-}}\" ] && set -- --port=\"$DB_PORT\" \"$@\"\n  \
         if [ -n \"${{GHOST_REPLICA_HOST:-}}\" ]; then\n    set -- --host=\"$GHOST_REPLICA_HOST\" \"$@\"\n  \
         else\n    set -- --host=\"${{DB_HOST:-127.0.0.1}}\" --allow-on-master \"$@\"\n  fi\n  \
         gh-ost --database=\"$DB_NAME\" --table={table} --alter=\"$ALTER\" \\\n    \
         --chunk-size=\"$CHUNK_SIZE\" --max-load=\"$MAX_LOAD\" --critical-load=\"$CRITICAL_LOAD\" \\\n    \
         --assume-rbr --initially-drop-ghost-table \\\n    \
         --postpone-cut-over-flag-file=\"$FLAGS.postpone\" --panic-flag-file=\"$FLAGS.panic\" \\\n    \
         --throttle-flag-file=\"$FLAGS.throttle\" --serve-socket-file=\"$FLAGS.sock\" \\\n    \
         \"$@\"\n}}\n\n\
         # The cut-over waits until this file is removed (README: Online schema change).\n\
         before_execute() {{ touch \"$FLAGS.postpone\"; }}\n\n\
         # Without --execute gh-ost only creates and alters the ghost table (noop).\n\
         osc\n",
        table = sh_quote(&run.table.name),
    )
}

/// The log row of the step, `done` (inserted, or the `running`/`failed` row of the guard updated).
fn done_sql(run: &Run, id: &str) -> String {
    let d = Dialect::Mysql;
    let c = |n: &str| quote::ident(d, n);
    let lit = |s: &str| quote::literal(d, s);
    let summary = format!("{} {} --alter {}", run.table, "via osc", run.alter);
    let summary: String = summary.chars().take(100).collect();
    format!(
        "{};\nINSERT INTO {} ({}, {}, {}, {}, {}, {}, {}) VALUES ({}, {}, {}, {}, NOW(6), NOW(6), 'done')\n  \
         ON DUPLICATE KEY UPDATE {} = 'done', {} = NOW(6), {} = NULL",
        step_log::create_table(d),
        c(step_log::TABLE),
        c("migration_id"),
        c("direction"),
        c("step"),
        c("summary"),
        c("started_at"),
        c("finished_at"),
        c("status"),
        lit(id),
        lit(run.direction),
        run.step,
        lit(&summary),
        c("status"),
        c("finished_at"),
        c("error"),
    )
}

//! `deploy.sh` and `rehearse.sh`: the migration run step by step with the engine's own client
//! (`psql`, `mysql`, `sqlite3`), each step recorded in `schemashift_migration_log`
//! (`step_log.rs`).
//!
//! `deploy.sh up|down [PHASE]` reads the log before each step and skips the steps it says are
//! done, so a rerun after a failure resumes at the step that failed: guards in the shell,
//! because the `mysql` and `sqlite3` clients have no conditionals. Each step runs in a session
//! and (PostgreSQL, SQLite, when it is transactional) a transaction of its own, preceded by the
//! session settings (`SET lock_timeout`...) earlier steps stated, as `up.sql` would have them in
//! effect. A failed step is recorded `failed` with the end of the client's error (its own row
//! rolled back with its transaction, so the script writes it after).
//!
//! `rehearse.sh` runs, on a staging copy, `precheck.sql`, `deploy.sh up`, `validate.sql`,
//! `deploy.sh down`, `validate_down.sql`, and prints after each direction the log's report:
//! per step its status, measured seconds, the estimate (`step_log::estimate`) and the statement.
//! Both exist only when steps are logged (`--no-step-log` leaves them out).

use super::step_log::{self, TABLE};
use super::{Meta, Package};
use crate::plan::Step;
use crate::render::{self, quote};
use crate::{Dialect, Migration};
use std::collections::BTreeMap;

pub fn add(pkg: &mut Package, m: &Migration, meta: &Meta) {
    if !m.step_log {
        return;
    }
    let id = step_log::migration_id(meta);
    pkg.add("deploy.sh", deploy_sh(m, &id));
    pkg.add("rehearse.sh", rehearse_sh(m, &id));
}

/// The client commands: run a script from standard input, print one value of a query.
struct Client {
    run: &'static str,
    value: &'static str,
    var: &'static str,
    name: &'static str,
}

fn client(d: Dialect) -> Client {
    match d {
        Dialect::Postgres => Client {
            run: "psql -X -q -v ON_ERROR_STOP=1 -d \"$DATABASE_URL\"",
            value: "psql -X -q -At -v ON_ERROR_STOP=1 -d \"$DATABASE_URL\" -c",
            var: "DATABASE_URL",
            name: "psql",
        },
        // Each step is a session of its own: the client is told the text is utf8mb4, as
        // `up.sql` tells it with `SET NAMES utf8mb4` (render::script); its default (`auto`,
        // from the locale: utf8mb3 under C.UTF-8) refused a 4-byte character in a step or in
        // the summary its log row records.
        Dialect::Mysql => Client {
            run: "mysql --default-character-set=utf8mb4 --show-warnings \"$DB_NAME\"",
            value: "mysql --default-character-set=utf8mb4 -N -B \"$DB_NAME\" -e",
            var: "DB_NAME",
            name: "mysql (host and user from ~/.my.cnf)",
        },
        Dialect::Sqlite => {
            Client { run: "sqlite3 -bail \"$DB_FILE\"", value: "sqlite3 -bail \"$DB_FILE\"", var: "DB_FILE", name: "sqlite3" }
        }
    }
}

/// A shell word holding `s` as it is.
fn sh_quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', "'\\''"))
}

/// `s` as a `printf` format in single quotes: `%s` stay placeholders, every other `%` and `\`
/// is literal.
fn printf_format(s: &str) -> String {
    let escaped = s.replace('\\', "\\\\").replace('%', "%%").replace("%%s", "%s");
    sh_quote(&escaped)
}

/// The SQL that records a failed step: `%s` are direction, step, summary literal, the step's
/// start (seconds since 1970, the shell's clock: a step whose transaction rolled back left no
/// row), error, direction, step.
fn failure_sql(d: Dialect, id: &str) -> String {
    let c = |n: &str| quote::ident(d, n);
    let t = c(TABLE);
    let now = step_log::now(d);
    let cols = ["migration_id", "direction", "step", "summary", "started_at", "status"].map(c).join(", ");
    let start = match d {
        Dialect::Postgres => "to_timestamp(%s)",
        Dialect::Mysql => "FROM_UNIXTIME(%s)",
        Dialect::Sqlite => "strftime('%Y-%m-%d %H:%M:%f', %s, 'unixepoch')",
    };
    let values = format!("{}, '%s', %s, %s, {start}, 'failed'", quote::literal(d, id));
    let insert = match d {
        Dialect::Postgres => {
            format!("INSERT INTO {t} ({cols}) VALUES ({values}) ON CONFLICT DO NOTHING")
        }
        Dialect::Mysql => format!("INSERT IGNORE INTO {t} ({cols}) VALUES ({values})"),
        Dialect::Sqlite => format!("INSERT OR IGNORE INTO {t} ({cols}) VALUES ({values})"),
    };
    format!(
        "{};\n{insert};\nUPDATE {t} SET {} = 'failed', {} = {now}, {} = '%s' WHERE {} = {} AND {} = '%s' AND {} = %s;\n",
        step_log::create_table(d),
        c("status"),
        c("finished_at"),
        c("error"),
        c("migration_id"),
        quote::literal(d, id),
        c("direction"),
        c("step")
    )
}

/// The query of a step's status: `%s` are direction and step.
fn status_sql(d: Dialect, id: &str) -> String {
    let c = |n: &str| quote::ident(d, n);
    format!(
        "SELECT {} FROM {} WHERE {} = {} AND {} = '%s' AND {} = %s",
        c("status"),
        c(TABLE),
        c("migration_id"),
        quote::literal(d, id),
        c("direction"),
        c("step")
    )
}

/// The report of one direction (`%s`): one line per step.
fn report_sql(d: Dialect, id: &str) -> String {
    let c = |n: &str| quote::ident(d, n);
    let secs = step_log::seconds(d);
    let line = match d {
        Dialect::Mysql => format!(
            "CONCAT_WS(' | ', {}, {}, COALESCE({secs}, '-'), COALESCE({}, '-'), COALESCE({}, '-'), {}, COALESCE({}, ''))",
            c("step"),
            c("status"),
            c("rows_done"),
            c("estimate"),
            c("summary"),
            c("error")
        ),
        _ => {
            let text = |e: &str| if d == Dialect::Postgres { format!("({e})::text") } else { e.to_string() };
            format!(
                "{} || ' | ' || {} || ' | ' || COALESCE({}, '-') || ' | ' || COALESCE({}, '-') || ' | ' || COALESCE({}, '-') || ' | ' || {} || COALESCE(' | ' || {}, '')",
                text(&c("step")),
                c("status"),
                text(&secs),
                text(&c("rows_done")),
                c("estimate"),
                c("summary"),
                c("error")
            )
        }
    };
    format!(
        "SELECT {line} FROM {} WHERE {} = {} AND {} = '%s' ORDER BY {}",
        c(TABLE),
        c("migration_id"),
        quote::literal(d, id),
        c("direction"),
        c("step")
    )
}

const DEPLOY: &str = r#"#!/bin/sh
# schemashift deploy: runs migration @ID@ step by step with @CLIENT@, recording each step in
# @TABLE@. A step the log says is done is skipped: after a failure, read the error
# (it is in the log too), fix its cause, and run the same command again.
#
#   @VAR@=... sh deploy.sh up [PHASE]      PHASE: expand, main or contract (default: all)
#   @VAR@=... sh deploy.sh down [PHASE]
#
# Each step runs in a session@TX@ of its own, started with the session settings that
# earlier steps set, so a rerun resumes at the failed step (@WHOLE@).
set -u
MIGRATION=@ID_WORD@
DIRECTION=${1:-}
PHASE=${2:-}
case "$DIRECTION" in up | down) ;; *) echo "usage: $0 up|down [expand|main|contract]" >&2; exit 2 ;; esac

run_sql() { @RUN@; }
value() { @VALUE@ "$1" 2>/dev/null; }
seconds() { t=$(date +%s.%N); case $t in *N) date +%s ;; *) echo "$t" ;; esac; }

# step DIRECTION NUMBER PHASE SUMMARY SUMMARY_LITERAL, the step's SQL on standard input.
step() {
  if [ "$1" != "$DIRECTION" ] || { [ -n "$PHASE" ] && [ "$3" != "$PHASE" ]; }; then
    cat >/dev/null
    return 0
  fi
  status=$(value "$(printf @STATUS@ "$1" "$2")")
  if [ "$status" = done ]; then
    cat >/dev/null
    echo "schemashift: $1 step $2 done before, skipped: $4"
    return 0
  fi
  echo "schemashift: $1 step $2: $4"
  t0=$(seconds)
  if out=$(run_sql 2>&1); then
    [ -z "$out" ] || printf '%s\n' "$out"
    return 0
  fi
  printf '%s\n' "$out" >&2
  err=$(printf '%s\n' "$out" | grep -v '^[[:space:]]*$' | tail -n 5 | @ESCAPE@)
  printf @FAILURE@ "$1" "$2" "$5" "$t0" "$err" "$1" "$2" | run_sql >/dev/null 2>&1 ||
    echo "schemashift: the failure could not be recorded in @TABLE@" >&2
  echo "schemashift: $1 step $2 FAILED (recorded in @TABLE@). Fix the cause and run ./deploy.sh $DIRECTION again: finished steps are skipped." >&2
  exit 1
}
"#;

fn deploy_sh(m: &Migration, id: &str) -> String {
    let d = m.target.dialect;
    let cl = client(d);
    let mut o = DEPLOY
        .replace("@ID_WORD@", &sh_quote(id))
        .replace("@ID@", id)
        .replace("@CLIENT@", cl.name)
        .replace("@TABLE@", TABLE)
        .replace("@VAR@", cl.var)
        .replace("@TX@", if m.target.transactional_ddl() { " (and, when transactional, a transaction)" } else { "" })
        .replace(
            "@WHOLE@",
            if m.target.transactional_ddl() {
                "up.sql runs consecutive steps in one transaction block"
            } else {
                "up.sql runs every step in one session"
            },
        )
        .replace("@RUN@", cl.run)
        .replace("@VALUE@", cl.value)
        .replace(
            "@ESCAPE@",
            match d {
                Dialect::Mysql => "sed -e 's/\\\\/\\\\\\\\/g' -e \"s/'/''/g\"",
                _ => "sed \"s/'/''/g\"",
            },
        )
        .replace("@STATUS@", &printf_format(&status_sql(d, id)))
        .replace("@FAILURE@", &printf_format(&failure_sql(d, id)));
    for (direction, steps) in [("up", &m.up), ("down", &m.down)] {
        o.push_str(&format!("\n# ===== {direction}\n"));
        let mut session: BTreeMap<String, String> = BTreeMap::new();
        for (i, s) in steps.iter().enumerate() {
            let original = unlogged_summary(s, d);
            let body = step_script(s, d, &session);
            for st in &s.statements {
                if let Some(name) = setting(st) {
                    session.insert(name, st.clone());
                }
            }
            let end = delimiter(&body);
            o.push_str(&format!(
                "\nstep {direction} {} {} {} {} <<'{end}'\n{body}{end}\n",
                i + 1,
                s.phase.name(),
                sh_quote(&original),
                sh_quote(&quote::literal(d, &original))
            ));
        }
    }
    o.push_str("\necho \"schemashift: $DIRECTION done\"\n");
    o
}

/// The summary the log rows carry (the step as `step_log::apply` framed it: its own statements
/// sit between the log statements).
fn unlogged_summary(s: &Step, d: Dialect) -> String {
    let mut own = s.clone();
    own.statements.retain(|st| !step_log::is_log_statement(st, d));
    step_log::summary(&own)
}

/// `SET lock_timeout = ...` → `lock_timeout` (a session setting a step states).
fn setting(statement: &str) -> Option<String> {
    let code: Vec<&str> = statement.lines().filter(|l| !l.trim_start().starts_with("--")).collect();
    let words: Vec<String> = code.join(" ").split_whitespace().map(str::to_ascii_lowercase).collect();
    match words.as_slice() {
        [set, session, name, ..] if set == "set" && session == "session" => Some(name.trim_end_matches('=').to_string()),
        [set, name, ..] if set == "set" && name != "local" && name != "transaction" => Some(name.trim_end_matches('=').to_string()),
        _ => None,
    }
}

/// One step as its client runs it, in its own session: the settings in effect, then the step
/// in a transaction block when it is transactional (PostgreSQL, SQLite).
fn step_script(s: &Step, d: Dialect, session: &BTreeMap<String, String>) -> String {
    let mut o = String::new();
    let own: Vec<String> = s.statements.iter().filter_map(|st| setting(st)).collect();
    for (name, st) in session {
        if !own.contains(name) {
            o.push_str(st.trim_end().trim_end_matches(';'));
            o.push_str(";\n");
        }
    }
    match d {
        Dialect::Mysql => o.push_str(&render::mysql_step_sql(s)),
        _ if s.transactional => o.push_str(&format!("BEGIN;\n{}COMMIT;\n", s.sql())),
        _ => o.push_str(&s.sql()),
    }
    o
}

/// A here-document end line the body does not hold.
fn delimiter(body: &str) -> String {
    let mut end = "SCHEMASHIFT_STEP".to_string();
    let mut n = 0;
    while body.lines().any(|l| l == end) {
        n += 1;
        end = format!("SCHEMASHIFT_STEP_{n}");
    }
    end
}

const REHEARSE: &str = r#"#!/bin/sh
# schemashift rehearsal of migration @ID@, on a STAGING COPY of the database (@CLIENT@):
# precheck.sql, ./deploy.sh up, validate.sql, ./deploy.sh down, validate_down.sql. Every step is
# logged in @TABLE@; after each direction the report gives per step its status,
# the measured seconds, the rows a backfill did, the estimate and the statement.
# A failed step stops the rehearsal and stays in the log: fix the cause, run ./rehearse.sh again,
# and up resumes at that step (finished steps are skipped).
#
#   @VAR@=... sh rehearse.sh
set -u
cd "$(dirname "$0")" || exit 1
run_sql() { @RUN@; }
ms() { t=$(date +%s%3N); case $t in *N) echo $(($(date +%s) * 1000)) ;; *) echo "$t" ;; esac; }

# file NAME: run a check file and time it.
file() {
  t0=$(ms)
  if run_sql <"$1"; then status=ok; else status=FAILED; fi
  t1=$(ms)
  echo "schemashift rehearsal: $1 $status in $(((t1 - t0) / 1000)).$(printf '%03d' $(((t1 - t0) % 1000)))s"
  [ "$status" = ok ]
}

# report DIRECTION: the log of one direction.
report() {
  echo "schemashift rehearsal: $1 report"
  echo "step | status | seconds | rows | estimate | statement | error"
  @VALUE@ "$(printf @REPORT@ "$1")" 2>/dev/null || echo "(no log yet)"
}

# The precheck reads the data before up (@PRECHECK@): a problem is reported and the
# rehearsal goes on, so that the log shows the step it makes fail.
file precheck.sql || echo "schemashift rehearsal: precheck.sql found problems: up will fail where they are"
sh ./deploy.sh up || { report up; echo "schemashift rehearsal: up failed; fix the cause and run ./rehearse.sh again"; exit 1; }
report up
file validate.sql || exit 1
sh ./deploy.sh down || { report down; echo "schemashift rehearsal: down failed; fix the cause, run ./deploy.sh down, then validate_down.sql"; exit 1; }
report down
file validate_down.sql || exit 1
echo "schemashift rehearsal: done"
"#;

fn rehearse_sh(m: &Migration, id: &str) -> String {
    let d = m.target.dialect;
    let cl = client(d);
    REHEARSE
        .replace("@ID@", id)
        .replace("@CLIENT@", cl.name)
        .replace("@TABLE@", TABLE)
        .replace("@VAR@", cl.var)
        .replace("@RUN@", cl.run)
        .replace("@VALUE@", cl.value)
        .replace("@REPORT@", &printf_format(&report_sql(d, id)))
        .replace("@PRECHECK@", if d == Dialect::Postgres { "a failing check is an error" } else { "each row it prints is a problem" })
}

/// The README section on the step log, `deploy.sh` and `rehearse.sh`.
pub fn readme_section(m: &Migration, format: super::Format) -> String {
    let d = m.target.dialect;
    if !m.step_log {
        return "## Step log\n\nGenerated with `--no-step-log`: the scripts record nothing, and there is no `deploy.sh` or `rehearse.sh`.\n\n".into();
    }
    let cl = client(d);
    let visible = match d {
        Dialect::Mysql => "Each DDL statement commits on its own, so a step's row is visible as soon as the step starts, and a failed step stays `running` (`deploy.sh` marks it `failed` with the error).",
        _ => "A step inside a transaction block writes its row in that block: the row shows (`monitoring.sql`, query 0) when the block commits, and a failed block leaves no row of its own (the log says exactly what is applied; `deploy.sh` writes the `failed` row after). A step outside a transaction block (`CREATE INDEX CONCURRENTLY`, a SQLite table rebuild) shows `running` while it runs and stays so if it fails.",
    };
    format!(
        "## Step log, `deploy.sh` and `rehearse.sh`\n\n\
`{TABLE}` is the one table schemashift adds to the database: {} records each step in it: `migration_id` (`version_name`), `direction`, `step`, \
`summary` (its statement), `estimate`, `started_at`, `finished_at`, `rows_done` (a batched backfill's progress, \
PostgreSQL), `status` (`running`, `done`, `failed`) and `error`. {visible} The first step of a direction creates \
the table if needed and clears this migration's rows of the other direction. Drop the table when no migration \
needs it any more; generate with `--no-step-log` for scripts without it.\n\n\
`deploy.sh` runs the migration step by step with {}, each step in its own session (and transaction, where the \
engine has transactional DDL) after the session settings earlier steps made; it reads the log before each step \
and **skips the steps already done**, so after a failure you fix the cause and run the same command again:\n\n    \
{}=... sh deploy.sh up            # or: sh deploy.sh up expand, then main, then contract\n    \
{}=... sh deploy.sh down\n\n\
{}{}\n\n\
`rehearse.sh` runs, on a staging copy, `precheck.sql` → `deploy.sh up` → `validate.sql` → `deploy.sh down` → \
`validate_down.sql` and prints after each direction the log's report: per step its status, the measured seconds, \
the rows a backfill did, the estimate and the statement:\n\n    {}=... sh rehearse.sh\n\n",
        if format == super::Format::Plain { "every script of this package" } else { "every migration file of this package" },
        cl.name,
        cl.var,
        cl.var,
        if format == super::Format::Plain {
            String::new()
        } else {
            format!(
                "It runs the same steps as the {} files, without the tool's bookkeeping: use it for rehearsals on a copy, \
                 and the tool on a database the tool manages (it resumes by its own record, a migration file at a time).",
                format.tool()
            )
        },
        if d == Dialect::Mysql { " On MySQL/MariaDB a step that failed halfway through its statements is run again whole: look at what it left first." } else { "" },
        cl.var,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::package::{build, Format, PackageOptions};
    use crate::{generate, Options};

    fn package(d: Dialect, zero_downtime: bool, step_log: bool) -> crate::package::Package {
        let mut o = Options::new(d);
        o.zero_downtime = zero_downtime;
        o.step_log = step_log;
        let m = generate(
            "CREATE TABLE t (id int PRIMARY KEY, a text);",
            "CREATE TABLE t (id int PRIMARY KEY, a text);\nCREATE INDEX t_a ON t (a);\nCREATE TABLE u (id int PRIMARY KEY);",
            &o,
        );
        let mut p = PackageOptions::new(Format::Plain, "1");
        p.name = Some("x".into());
        build(&m, &p).unwrap_or_default()
    }

    #[test]
    fn printf_formats_keep_placeholders_only() {
        assert_eq!(printf_format("a %s b % c \\n 'q'"), "'a %s b %% c \\\\n '\\''q'\\'''");
        assert_eq!(sh_quote("it's"), "'it'\\''s'");
    }

    #[test]
    fn settings_are_named() {
        assert_eq!(setting("-- on a lock timeout ...\nSET lock_timeout = '2s'").as_deref(), Some("lock_timeout"));
        assert_eq!(setting("SET SESSION lock_wait_timeout = 5").as_deref(), Some("lock_wait_timeout"));
        assert_eq!(setting("SET LOCAL x = 1"), None);
        assert_eq!(setting("CREATE TABLE t (a int)"), None);
    }

    #[test]
    fn each_step_gets_the_session_settings_before_it() {
        let p = package(Dialect::Postgres, true, true);
        let deploy = p.text("deploy.sh").unwrap_or_default();
        let up = deploy.split("# ===== down").next().unwrap_or_default();
        let steps: Vec<&str> = up.split("\nstep up ").skip(1).collect();
        assert!(steps.len() >= 2, "{deploy}");
        for s in &steps {
            assert!(s.contains("SET lock_timeout"), "every step states the lock timeout: {s}");
        }
        // The concurrent build runs outside a transaction block, the table inside one.
        assert!(steps.iter().any(|s| s.contains("CREATE INDEX CONCURRENTLY") && !s.contains("BEGIN;")), "{deploy}");
        assert!(steps.iter().any(|s| s.contains("CREATE TABLE \"public\".\"u\"") && s.contains("BEGIN;")), "{deploy}");
        assert!(p.text("rehearse.sh").is_some_and(|r| r.contains("./deploy.sh up")));
    }

    #[test]
    fn no_step_log_no_scripts() {
        let p = package(Dialect::Sqlite, false, false);
        assert!(p.text("deploy.sh").is_none() && p.text("rehearse.sh").is_none());
        assert!(!p.text("up.sql").unwrap_or_default().contains(TABLE));
        let p = package(Dialect::Mysql, false, true);
        assert!(p.text("up.sql").unwrap_or_default().contains(TABLE));
        assert!(p.text("deploy.sh").is_some_and(|s| s.contains("-N -B")));
    }

    /// Every `mysql` session of `deploy.sh` and `rehearse.sh` (a step, a log row) is told the
    /// text is utf8mb4: the client's default refused a 4-byte character (seen on
    /// MariaDB, `tests/tests/steplog.rs` non-ASCII run).
    #[test]
    fn mysql_sessions_are_utf8mb4() {
        let p = package(Dialect::Mysql, false, true);
        for file in ["deploy.sh", "rehearse.sh"] {
            let text = p.text(file).unwrap_or_default();
            let calls: Vec<&str> = text.lines().filter(|l| l.contains("mysql ") && !l.trim_start().starts_with('#')).collect();
            assert!(!calls.is_empty(), "{file}");
            for l in calls {
                assert!(l.contains("mysql --default-character-set=utf8mb4 "), "{file}: {l}");
            }
        }
    }
}

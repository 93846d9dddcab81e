//! Step logging: the package's up and down scripts record each step in the one table
//! schemashift adds to a database, `schemashift_migration_log` (PostgreSQL, MySQL/MariaDB,
//! SQLite): migration id, direction, step number, a summary of its statement, the estimate
//! (when the plan carries one), start and end times, rows done (batched backfills), status
//! (`running`, `done`, `failed`) and the error.
//!
//! `apply` returns the migration with each step framed by two statements of its own: an upsert
//! of its row as `running` before it, the row set `done` after it. They run where the step runs:
//! inside its transaction block (PostgreSQL, SQLite: the rows commit with the step, so a failed
//! block leaves no row of its own and the log says exactly what is applied), in autocommit
//! around a step that runs outside one (`CREATE INDEX CONCURRENTLY`, a SQLite table rebuild:
//! a failure leaves the step `running`), and on MySQL/MariaDB each DDL statement commits the
//! row before it. Framing a step with statements of the same transaction mode keeps the parts
//! a tool runs as they are (`parts::split`); tools that send a file as one query get the log
//! statements of a non-transactional step as parts of their own (`parts::split_single_statements`).
//!
//! The first step of each direction starts with `CREATE TABLE IF NOT EXISTS` and clears the
//! rows of the other direction of this migration (a finished up is superseded by down, and the
//! other way round), so `deploy.sh` skips only what the current run has done.
//! A PostgreSQL batched backfill (`DO` block) updates its step's `rows_done` with each batch.

use super::Meta;
use crate::plan::Step;
use crate::render::quote;
use crate::{Dialect, Migration};

/// The one table schemashift adds to a database.
pub const TABLE: &str = "schemashift_migration_log";

/// The id the log rows carry: `{version}_{name}` of the package.
pub fn migration_id(meta: &Meta) -> String {
    format!("{}_{}", meta.version, meta.name)
}

/// The migration with its steps logged, or as it is when logging is off.
pub fn apply(m: &Migration, id: &str) -> Migration {
    let mut out = m.clone();
    if m.step_log {
        out.up = logged(&m.up, m.target.dialect, id, "up");
        out.down = logged(&m.down, m.target.dialect, id, "down");
    }
    out
}

fn logged(steps: &[Step], d: Dialect, id: &str, direction: &'static str) -> Vec<Step> {
    let key = Key { d, id: id.to_string(), direction };
    steps
        .iter()
        .enumerate()
        .map(|(i, step)| {
            let n = i + 1;
            let mut s = step.clone();
            let mut statements = Vec::new();
            if n == 1 {
                statements.push(create_table(d));
                statements.push(key.clear_other());
            }
            statements.push(key.start(n, &summary(step), estimate(step).as_deref()));
            statements.extend(step.statements.iter().map(|st| with_progress(st, d, &key, n)));
            statements.push(key.finish(n));
            s.statements = statements;
            s
        })
        .collect()
}

/// The estimate of a step, as the log and the rehearsal report show it (`Step::estimate`,
/// `crate::estimate`): `~2.1 s (1.1 s-4.3 s)`, ASCII only; `unknown` without a table size;
/// `None` for a step it does not price (a user's data step).
pub fn estimate(step: &Step) -> Option<String> {
    let e = step.estimate.as_ref()?;
    let d = crate::estimate::duration;
    match (e.ms, e.low_ms, e.high_ms) {
        (Some(ms), Some(low), Some(high)) if e.class.scales() => Some(format!("~{} ({}-{})", d(ms), d(low), d(high))),
        (Some(ms), _, _) => Some(format!("~{}", d(ms))),
        (None, _, _) if e.class == crate::estimate::OpClass::DataStep => None,
        (None, _, _) => Some("unknown (no table size)".to_string()),
    }
}

/// What the step does, in one line of at most 100 characters: its first statement that is not a
/// session setting or transaction control (a SQLite rebuild's `PRAGMA`, `BEGIN`), whitespace
/// collapsed.
pub fn summary(step: &Step) -> String {
    // A statement without its leading comment lines.
    let code = |s: &str| s.lines().skip_while(|l| l.trim_start().starts_with("--") || l.trim().is_empty()).collect::<Vec<_>>().join("\n");
    let control = |s: &str| {
        let u = code(s).to_ascii_uppercase();
        u.is_empty() || ["SET ", "PRAGMA ", "BEGIN", "SAVEPOINT "].iter().any(|p| u.starts_with(p))
    };
    let main = step.statements.iter().find(|s| !control(s)).or_else(|| step.statements.first());
    let text = main.map(|s| code(s).split_whitespace().collect::<Vec<_>>().join(" ")).unwrap_or_default();
    if text.chars().count() > 100 {
        format!("{}...", text.chars().take(97).collect::<String>())
    } else {
        text
    }
}

/// True for a statement `apply` added (tools that send a file as one query keep them apart).
pub fn is_log_statement(statement: &str, d: Dialect) -> bool {
    let t = quote::ident(d, TABLE);
    let s = statement.trim_start();
    [
        format!("INSERT INTO {t} "),
        format!("INSERT OR REPLACE INTO {t} "),
        format!("UPDATE {t} "),
        format!("DELETE FROM {t} "),
        format!("CREATE TABLE IF NOT EXISTS {t} "),
    ]
    .iter()
    .any(|p| s.starts_with(p.as_str()))
}

/// `CREATE TABLE IF NOT EXISTS schemashift_migration_log (...)`.
pub fn create_table(d: Dialect) -> String {
    let (text, ts, int, big, tail) = match d {
        Dialect::Postgres => ("text", "timestamptz", "integer", "bigint", ""),
        Dialect::Mysql => ("VARCHAR(200)", "DATETIME(6)", "INT", "BIGINT", " ENGINE=InnoDB DEFAULT CHARSET=utf8mb4"),
        Dialect::Sqlite => ("TEXT", "TEXT", "INTEGER", "INTEGER", ""),
    };
    let long = if d == Dialect::Mysql { "TEXT" } else { text };
    let c = |n: &str| quote::ident(d, n);
    format!(
        "CREATE TABLE IF NOT EXISTS {} (\n    {} {text} NOT NULL,\n    {} {text} NOT NULL,\n    {} {int} NOT NULL,\n    {} {text} NOT NULL,\n    {} {text},\n    {} {ts} NOT NULL,\n    {} {ts},\n    {} {big},\n    {} {text} NOT NULL,\n    {} {long},\n    PRIMARY KEY ({}, {}, {})\n){tail}",
        c(TABLE),
        c("migration_id"),
        c("direction"),
        c("step"),
        c("summary"),
        c("estimate"),
        c("started_at"),
        c("finished_at"),
        c("rows_done"),
        c("status"),
        c("error"),
        c("migration_id"),
        c("direction"),
        c("step"),
    )
}

/// The engine's current time with sub-second precision, as the log stores it.
pub fn now(d: Dialect) -> &'static str {
    match d {
        Dialect::Postgres => "clock_timestamp()",
        Dialect::Mysql => "NOW(6)",
        Dialect::Sqlite => "strftime('%Y-%m-%d %H:%M:%f', 'now')",
    }
}

/// Seconds between `started_at` and `finished_at` (NULL while running), three decimals.
pub fn seconds(d: Dialect) -> String {
    let (s, f) = (quote::ident(d, "started_at"), quote::ident(d, "finished_at"));
    match d {
        Dialect::Postgres => format!("round(extract(epoch FROM {f} - {s})::numeric, 3)"),
        Dialect::Mysql => format!("ROUND(TIMESTAMPDIFF(MICROSECOND, {s}, {f}) / 1000000, 3)"),
        Dialect::Sqlite => format!("round((julianday({f}) - julianday({s})) * 86400, 3)"),
    }
}

/// The log rows of one migration and direction.
struct Key {
    pub d: Dialect,
    pub id: String,
    pub direction: &'static str,
}

impl Key {
    fn lit(&self, s: &str) -> String {
        quote::literal(self.d, s)
    }

    fn c(&self, n: &str) -> String {
        quote::ident(self.d, n)
    }

    /// `WHERE` of one step's row.
    pub fn row(&self, n: usize) -> String {
        format!(
            "{} = {} AND {} = {} AND {} = {n}",
            self.c("migration_id"),
            self.lit(&self.id),
            self.c("direction"),
            self.lit(self.direction),
            self.c("step")
        )
    }

    fn clear_other(&self) -> String {
        let other = if self.direction == "up" { "down" } else { "up" };
        format!(
            "DELETE FROM {} WHERE {} = {} AND {} = {}",
            self.c(TABLE),
            self.c("migration_id"),
            self.lit(&self.id),
            self.c("direction"),
            self.lit(other)
        )
    }

    /// The step's row as `running` (a rerun resets the row of an earlier try).
    fn start(&self, n: usize, summary: &str, estimate: Option<&str>) -> String {
        let d = self.d;
        let estimate = estimate.map(|e| self.lit(e)).unwrap_or_else(|| "NULL".into());
        let cols = ["migration_id", "direction", "step", "summary", "estimate", "started_at", "status"]
            .iter()
            .map(|c| self.c(c))
            .collect::<Vec<_>>()
            .join(", ");
        let values =
            format!("{}, {}, {n}, {}, {estimate}, {}, 'running'", self.lit(&self.id), self.lit(self.direction), self.lit(summary), now(d));
        let reset = format!(
            "{} = {}, {} = NULL, {} = NULL, {} = 'running', {} = NULL",
            self.c("started_at"),
            now(d),
            self.c("finished_at"),
            self.c("rows_done"),
            self.c("status"),
            self.c("error")
        );
        let t = self.c(TABLE);
        match d {
            Dialect::Postgres => format!(
                "INSERT INTO {t} ({cols}) VALUES ({values}) ON CONFLICT ({}, {}, {}) DO UPDATE SET {reset}",
                self.c("migration_id"),
                self.c("direction"),
                self.c("step")
            ),
            Dialect::Mysql => format!("INSERT INTO {t} ({cols}) VALUES ({values}) ON DUPLICATE KEY UPDATE {reset}"),
            Dialect::Sqlite => format!("INSERT OR REPLACE INTO {t} ({cols}) VALUES ({values})"),
        }
    }

    /// The step's row as `done`.
    fn finish(&self, n: usize) -> String {
        format!(
            "UPDATE {} SET {} = {}, {} = 'done' WHERE {}",
            self.c(TABLE),
            self.c("finished_at"),
            now(self.d),
            self.c("status"),
            self.row(n)
        )
    }
}

/// `monitoring.sql`'s first query: where the migration is, from the log.
pub fn monitoring_query(d: Dialect) -> String {
    let c = |n: &str| quote::ident(d, n);
    let running = match d {
        Dialect::Postgres => {
            format!("round(extract(epoch FROM coalesce({}, clock_timestamp()) - {})::numeric, 1)", c("finished_at"), c("started_at"))
        }
        Dialect::Mysql => {
            format!("ROUND(TIMESTAMPDIFF(MICROSECOND, {}, COALESCE({}, NOW(6))) / 1000000, 1)", c("started_at"), c("finished_at"))
        }
        Dialect::Sqlite => format!(
            "round((julianday(coalesce({}, strftime('%Y-%m-%d %H:%M:%f', 'now'))) - julianday({})) * 86400, 1)",
            c("finished_at"),
            c("started_at")
        ),
    };
    let visible = match d {
        Dialect::Mysql => "--    Each row commits before its step runs (MySQL/MariaDB DDL commits on its own).\n",
        _ => {
            "--    A step inside a transaction block shows when the block commits; a step outside one\n\
              --    (CREATE INDEX CONCURRENTLY, a SQLite rebuild) shows as `running` while it runs.\n"
        }
    };
    format!(
        "\n-- 0. Where the migration is: the step log (`{TABLE}`), newest first. `running` is the\n\
         --    step in progress (or the one that failed, if nothing runs), `rows_done` a backfill's\n\
         --    progress, `estimate` what the plan expected.\n{visible}\
         SELECT {}, {}, {}, {}, {running} AS seconds, {}, {}, {}, {}\nFROM {}\nORDER BY {} DESC, {} DESC\nLIMIT 20;\n",
        c("migration_id"),
        c("direction"),
        c("step"),
        c("status"),
        c("rows_done"),
        c("estimate"),
        c("summary"),
        c("error"),
        c(TABLE),
        c("started_at"),
        c("step"),
    )
}

/// A PostgreSQL batched backfill (`zero_downtime/backfill.rs`) records its progress in its
/// step's row with each batch, before the batch commits.
fn with_progress(statement: &str, d: Dialect, key: &Key, n: usize) -> String {
    const NOTICE: &str = "\n    RAISE NOTICE 'backfill of %";
    if d != Dialect::Postgres || !statement.trim_start().starts_with("-- resumable") || !statement.contains(NOTICE) {
        return statement.to_string();
    }
    let done = crate::plan::ROWS_DONE_VARIABLE;
    let update = format!("\n    UPDATE {} SET {} = {done} WHERE {};", key.c(TABLE), key.c("rows_done"), key.row(n));
    statement.replacen(NOTICE, &format!("{update}{NOTICE}"), 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{generate, Options};

    fn migration(d: Dialect, before: &str, after: &str, zero_downtime: bool) -> Migration {
        let mut o = Options::new(d);
        o.zero_downtime = zero_downtime;
        generate(before, after, &o)
    }

    #[test]
    fn every_step_is_framed_and_the_first_creates_the_table() {
        for d in [Dialect::Postgres, Dialect::Mysql, Dialect::Sqlite] {
            let m = migration(
                d,
                "CREATE TABLE t (id int PRIMARY KEY);",
                "CREATE TABLE t (id int PRIMARY KEY, a int);\nCREATE TABLE u (id int PRIMARY KEY);",
                false,
            );
            let l = apply(&m, "1_x");
            assert_eq!(l.up.len(), m.up.len());
            for (i, (a, b)) in l.up.iter().zip(&m.up).enumerate() {
                let extra = if i == 0 { 4 } else { 2 };
                assert_eq!(a.statements.len(), b.statements.len() + extra, "{d:?}: {:?}", a.statements);
                assert!(a.statements.iter().filter(|s| is_log_statement(s, d)).count() == extra, "{d:?}: {:?}", a.statements);
                assert!(a.statements.last().is_some_and(|s| s.contains("'done'") && s.contains(&format!("= {}", i + 1))));
            }
            assert!(l.up[0].statements[0].starts_with("CREATE TABLE IF NOT EXISTS"));
            assert!(l.up[0].statements[1].contains("'down'"), "up clears down's rows");
            assert!(l.down[0].statements[1].contains("'up'"), "down clears up's rows");
            let mut off = m.clone();
            off.step_log = false;
            assert_eq!(apply(&off, "1_x").up, m.up);
        }
    }

    #[test]
    fn summaries_are_one_short_line_past_session_settings() {
        let m = migration(
            Dialect::Postgres,
            "CREATE TABLE t (id int PRIMARY KEY, a text);",
            "CREATE TABLE t (id int PRIMARY KEY, a text);\nCREATE INDEX t_a ON t (a);",
            true,
        );
        let s = summary(&m.up[0]);
        assert!(s.starts_with("CREATE INDEX CONCURRENTLY"), "{s}");
        let long = Step::new(m.up[0].change.clone(), vec![format!("SELECT '{}'\n  FROM x", "a".repeat(200))]);
        let s = summary(&long);
        assert_eq!(s.chars().count(), 100);
        assert!(s.ends_with("...") && !s.contains('\n'));
    }

    #[test]
    fn a_postgres_backfill_reports_each_batch() {
        let before = "CREATE TABLE t (id int PRIMARY KEY);";
        let after = "CREATE TABLE t (id int PRIMARY KEY, c uuid NOT NULL DEFAULT gen_random_uuid());";
        let m = migration(Dialect::Postgres, before, after, true);
        let l = apply(&m, "1_x");
        let (n, fill) = l.up.iter().enumerate().find(|(_, s)| s.rewrite == Some(crate::plan::Rewrite::Backfill)).expect("a backfill step");
        let block = fill.statements.iter().find(|s| s.starts_with("-- resumable")).expect("the DO block");
        let want = format!("UPDATE \"{TABLE}\" SET \"rows_done\" = schemashift_done WHERE \"migration_id\" = '1_x' AND \"direction\" = 'up' AND \"step\" = {};\n    RAISE NOTICE", n + 1);
        assert!(block.contains(&want), "{block}");
        // Before the batch commits: progress and batch are one transaction.
        assert!(block.find("rows_done").unwrap_or(usize::MAX) < block.find("COMMIT").unwrap_or(0), "{block}");
    }

    #[test]
    fn quotes_follow_the_dialect() {
        let key = Key { d: Dialect::Mysql, id: "1_it's".into(), direction: "up" };
        let s = key.start(2, "a \\ b", Some("~4 min"));
        assert!(s.starts_with("INSERT INTO `schemashift_migration_log` (`migration_id`"), "{s}");
        assert!(s.contains("'1_it''s', 'up', 2, 'a \\\\ b', '~4 min', NOW(6), 'running'") && s.contains("ON DUPLICATE KEY UPDATE"), "{s}");
        assert!(create_table(Dialect::Mysql).ends_with("ENGINE=InnoDB DEFAULT CHARSET=utf8mb4"));
    }
}

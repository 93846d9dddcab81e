//! The step log, `deploy.sh` and `rehearse.sh` of the package on real engines
//! (`tests/tests/steplog.rs`).
//!
//! A database holds BEFORE and rows, one of which violates the CHECK that AFTER adds.
//! 0. On a copy, `up.sql` run by the engine's client stops at the CHECK's step: the log holds
//!    the steps committed before it as `done` and the CHECK's as `running` where it ran outside
//!    a transaction block (MariaDB, PostgreSQL's zero-downtime `VALIDATE`, a SQLite rebuild), or
//!    nothing of its block where the block rolled back (PostgreSQL's plain `up.sql`).
//!
//! Then the package's `rehearse.sh` runs with the engine's own client:
//! 1. it fails at the step that adds the CHECK: `schemashift_migration_log` holds that step as
//!    `failed` with the engine's error, and every step before it as `done`;
//! 2. the row is fixed and `rehearse.sh` runs again: the finished steps are skipped (said so,
//!    and their log rows keep their first times), the rest of up, validate, down and
//!    validate_down pass, and the reports list every step with its measured seconds;
//! 3. the database is BEFORE again (catalog and rows), the log table aside.
//!
//! With `--zero-downtime` on PostgreSQL the CHECK is validated outside a transaction block
//! (its row stays `running` until `deploy.sh` marks it `failed`), and a batched backfill
//! records its rows in `rows_done`.

use crate::catalog::Catalog;
use crate::engine::{Database, Engine, Row};
use crate::tools::Server;
use schemashift::package::step_log::TABLE;
use schemashift::package::{build, Format, PackageOptions};
use schemashift::{Dialect, Options};
use std::path::Path;
use std::process::Command;

fn schemas(d: Dialect, backfill: bool) -> (String, String) {
    let (int, text) = match d {
        Dialect::Mysql => ("INT", "VARCHAR(50)"),
        _ => ("integer", "text"),
    };
    let before = format!("CREATE TABLE items (id {int} PRIMARY KEY, name {text}, qty {int});\n");
    let extra = if backfill { ", code uuid NOT NULL DEFAULT gen_random_uuid()" } else { "" };
    let after = format!(
        "CREATE TABLE tags (id {int} PRIMARY KEY, label {text});\n\
         CREATE TABLE items (id {int} PRIMARY KEY, name {text}, qty {int}, CONSTRAINT items_qty_positive CHECK (qty > 0){extra});\n\
         CREATE INDEX items_name_idx ON items (name);\n"
    );
    (before, after)
}

pub(crate) fn without_log(mut c: Catalog) -> Catalog {
    c.objects.retain(|k, _| !k.contains(TABLE));
    c.tables.retain(|k, _| !k.contains(TABLE));
    c
}

/// `sh rehearse.sh` in `dir`: (success, stdout and stderr).
fn rehearse(dir: &Path, server: &Server, db: &str) -> Result<(bool, String), String> {
    shell(dir, server, db, "sh rehearse.sh")
}

/// A shell command in `dir` with the database in the variable the package's scripts read.
pub(crate) fn shell(dir: &Path, server: &Server, db: &str, cmd: &str) -> Result<(bool, String), String> {
    let mut c = Command::new("sh");
    c.arg("-c").arg(cmd).current_dir(dir).env("HOME", dir);
    match server {
        Server::Postgres { port } => c.env("DATABASE_URL", format!("postgres://postgres@127.0.0.1:{port}/{db}")),
        Server::Mariadb { port } => {
            std::fs::write(dir.join(".my.cnf"), format!("[client]\nhost=127.0.0.1\nport={port}\nuser=root\n"))
                .map_err(|e| e.to_string())?;
            c.env("DB_NAME", db)
        }
        Server::Sqlite => c.env("DB_FILE", db),
    };
    let out = c.output().map_err(|e| format!("{cmd}: {e}"))?;
    let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    Ok((out.status.success(), text))
}

/// The log rows of one direction: step, status, summary, error, started_at, rows_done.
fn log(db: &mut dyn Database, direction: &str) -> Result<Vec<Row>, String> {
    let cols = ["step", "status", "summary", "error", "started_at", "rows_done"];
    let list: Vec<String> = cols.iter().map(|c| db.as_text(&db.quote(c))).collect();
    db.query(&format!(
        "SELECT {} FROM {} WHERE {} = '{direction}' ORDER BY {}",
        list.join(", "),
        db.quote(TABLE),
        db.quote("direction"),
        db.quote("step")
    ))
}

fn cell(r: &Row, i: usize) -> String {
    r.get(i).cloned().flatten().unwrap_or_default()
}

/// Run the rehearsal scenario; the figures it saw, for the test's output.
pub fn scenario(engine: &dyn Engine, server: &Server, zero_downtime: bool) -> Result<String, String> {
    let d = engine.dialect();
    let backfill = zero_downtime && d == Dialect::Postgres;
    let (before, after) = schemas(d, backfill);
    let before_cat = {
        let mut db = engine.fresh(None)?;
        db.run_script(&before)?;
        without_log(db.catalog()?)
    };
    let mut db = engine.fresh(None)?;
    db.run_script(&before)?;
    db.execute("INSERT INTO items (id, name, qty) VALUES (1, 'a', 1), (2, 'b', -1), (3, 'c', 2)")?;
    let rows_before = db.query("SELECT id, name, qty FROM items ORDER BY id")?;

    let mut o = Options::new(d);
    o.zero_downtime = zero_downtime;
    let m = schemashift::generate(&before, &after, &o);
    if m.is_blocked() {
        return Err(format!("blocked: {:?}", m.blocked));
    }
    let pkg = build(&m, &PackageOptions { format: Format::Plain, version: "1".into(), name: Some("steplog".into()) })?;
    let dir = tempfile::Builder::new().prefix("schemashift-steplog-").tempdir().map_err(|e| e.to_string())?;
    for (name, bytes) in &pkg.files {
        let path = dir.path().join(name);
        std::fs::create_dir_all(path.parent().ok_or("no parent")?).map_err(|e| e.to_string())?;
        std::fs::write(&path, bytes).map_err(|e| e.to_string())?;
    }
    let name = db.name();

    // 0. `up.sql` run by the engine's client on a copy stops at the CHECK: the log shows the
    //    steps committed before it `done`, none after; the CHECK's step is `running` where it
    //    ran outside a transaction block (MariaDB, the zero-downtime VALIDATE, a SQLite rebuild),
    //    and has no row where its block rolled back.
    let script_log = {
        let mut copy = engine.fresh(None)?;
        copy.run_script(&before)?;
        copy.execute("INSERT INTO items (id, name, qty) VALUES (1, 'a', 1), (2, 'b', -1), (3, 'c', 2)")?;
        let cmd = match d {
            Dialect::Postgres => "psql -X -q -v ON_ERROR_STOP=1 -d \"$DATABASE_URL\" -f up.sql",
            Dialect::Mysql => "mysql --show-warnings \"$DB_NAME\" < up.sql",
            Dialect::Sqlite => "sqlite3 -bail \"$DB_FILE\" < up.sql",
        };
        let (ok, out) = shell(dir.path(), server, &copy.name(), cmd)?;
        if ok {
            return Err(format!("up.sql passed despite the violating row:\n{out}"));
        }
        let check = m.up.iter().position(|s| s.statements.iter().any(|st| st.contains("items_qty_positive") && !st.contains("NOT VALID")));
        let check = check.ok_or("no step names the CHECK")? + 1;
        let outside = !m.up[check - 1].transactional || d == Dialect::Mysql;
        // The block that failed may hold the log table's own creation: then it is not there.
        let rows = match log(copy.as_mut(), "up") {
            Ok(rows) => rows,
            Err(_) if !outside => Vec::new(),
            Err(e) => return Err(e),
        };
        let after: Vec<&Row> = rows.iter().filter(|r| cell(r, 0).parse::<usize>().unwrap_or(0) >= check).collect();
        let want_running = outside && after.len() == 1 && cell(after[0], 1) == "running";
        let want_nothing = !outside && after.is_empty();
        if !(want_running || want_nothing) || rows.iter().any(|r| cell(r, 0).parse::<usize>().unwrap_or(0) < check && cell(r, 1) != "done")
        {
            return Err(format!("after up.sql failed at step {check} (outside a transaction: {outside}), the log holds {rows:?}\n{out}"));
        }
        format!("up.sql: {} step(s) done, step {check} {}", rows.len() - after.len(), if want_running { "running" } else { "rolled back" })
    };

    // 1. The CHECK fails on row 2: the step is `failed` with the engine's error, the ones before `done`.
    let (ok, out) = rehearse(dir.path(), server, &name)?;
    if ok {
        return Err(format!("the first rehearsal passed despite the violating row:\n{out}"));
    }
    let first = log(db.as_mut(), "up")?;
    let failed: Vec<&Row> = first.iter().filter(|r| cell(r, 1) == "failed").collect();
    let [failed] = failed.as_slice() else {
        return Err(format!("expected one failed step in the log, got {first:?}\n{out}"));
    };
    let failed_step: usize = cell(failed, 0).parse().map_err(|_| format!("step number {:?}", failed[0]))?;
    let named = cell(failed, 2).contains("items_qty_positive") || cell(failed, 3).contains("items_qty_positive");
    if !named || cell(failed, 3).trim().is_empty() {
        return Err(format!("the failed step should be the CHECK's, with the error: {failed:?}"));
    }
    let done_before: Vec<&Row> = first.iter().filter(|r| cell(r, 1) == "done").collect();
    if failed_step < 2 || done_before.len() != failed_step - 1 || first.len() != failed_step {
        return Err(format!("steps before the failed one must be done, none after: {first:?}"));
    }
    if !out.contains(&format!("up step {failed_step} FAILED")) {
        return Err(format!("deploy.sh does not say which step failed:\n{out}"));
    }

    // 2. Fixed and run again: the done steps are skipped, everything else passes.
    db.execute("UPDATE items SET qty = 5 WHERE qty < 0")?;
    let (ok, out2) = rehearse(dir.path(), server, &name)?;
    if !ok {
        return Err(format!("the rehearsal after the fix failed:\n{out2}"));
    }
    for n in 1..failed_step {
        if !out2.contains(&format!("up step {n} done before, skipped")) {
            return Err(format!("step {n} was not skipped on the rerun:\n{out2}"));
        }
    }
    for want in ["up report", "down report", "validate.sql ok", "validate_down.sql ok", "schemashift rehearsal: done"] {
        if !out2.contains(want) {
            return Err(format!("the rehearsal output lacks `{want}`:\n{out2}"));
        }
    }
    let reported = out2.lines().filter(|l| l.split(" | ").nth(1) == Some("done")).count();
    if reported != m.up.len() + m.down.len() {
        return Err(format!("the reports should list {} + {} done steps, got {reported}:\n{out2}", m.up.len(), m.down.len()));
    }
    let mut backfilled = String::new();
    if backfill {
        let line = out2.lines().find(|l| l.contains("| done |") && l.contains("DO $")).unwrap_or_default();
        if line.split(" | ").nth(3) != Some("3") {
            return Err(format!("the backfill step should report 3 rows done: {line:?}\n{out2}"));
        }
        backfilled = ", the backfill's 3 rows in its log row".into();
    }

    // 3. BEFORE again, with its rows (row 2 as fixed), the log table aside.
    let got = without_log(db.catalog()?);
    let diff = got.diff(&before_cat);
    if !diff.is_empty() {
        return Err(format!("after the rehearsal the catalog differs from BEFORE: {diff:?}"));
    }
    let rows_after = db.query("SELECT id, name, qty FROM items ORDER BY id")?;
    let fixed: Vec<Row> = rows_before
        .iter()
        .map(|r| {
            let mut r = r.clone();
            if r.first() == Some(&Some("2".to_string())) {
                r[2] = Some("5".into());
            }
            r
        })
        .collect();
    if rows_after != fixed {
        return Err(format!("rows after the rehearsal: {rows_after:?}, want {fixed:?}"));
    }
    let down = log(db.as_mut(), "down")?;
    if down.len() != m.down.len() || down.iter().any(|r| cell(r, 1) != "done") || !log(db.as_mut(), "up")?.is_empty() {
        return Err(format!("after down the log holds down's steps, all done, and no up rows: {down:?}"));
    }
    Ok(format!(
        "{script_log}; rehearse.sh: {} up steps, step {failed_step} failed on the violating row then resumed ({} skipped), {} down steps{backfilled}",
        m.up.len(),
        failed_step - 1,
        m.down.len()
    ))
}

/// `deploy.sh` on a schema with every kind of object of the engine (`core/tests/fixtures/*_rich.sql`,
/// from nothing): up reaches the catalog `up.sql` reaches, a second up skips every step, down empties
/// the database (the log table aside). Function bodies, `DELIMITER` blocks and SQLite rebuilds go
/// through the script's here-documents as they are.
pub fn rich(engine: &dyn Engine, server: &Server) -> Result<String, String> {
    let file = match engine.dialect() {
        Dialect::Postgres => "pg_rich.sql",
        Dialect::Mysql => "mysql_rich.sql",
        Dialect::Sqlite => "sqlite_rich.sql",
    };
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../core/tests/fixtures").join(file);
    let after = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    deploy_round(engine, server, file, &after)
}

/// `deploy.sh` with text beyond the BMP in a default, a comment, a trigger body and the step
/// summaries the log records: each step runs in a `mysql` session of its own, whose character
/// set is the client's default (`auto`: from the locale, utf8mb3 under C.UTF-8, which refuses
/// a 4-byte character), so the client is told utf8mb4 as `up.sql` tells it with `SET NAMES`.
pub fn non_ascii(engine: &dyn Engine, server: &Server) -> Result<String, String> {
    let after = "CREATE TABLE `t_ü表` (id int PRIMARY KEY, `c_é` varchar(20) DEFAULT '𝄞é' COMMENT 'clé 🔑');\n\
                 CREATE TABLE audit (what varchar(40));\n\
                 DELIMITER //\nCREATE TRIGGER `t_ai` AFTER INSERT ON `t_ü表` FOR EACH ROW BEGIN INSERT INTO audit VALUES ('ajouté 🎉'); INSERT INTO audit VALUES (NEW.`c_é`); END//\nDELIMITER ;\n";
    deploy_round(engine, server, "non-ASCII", after)
}

/// `deploy.sh` up from nothing to `after`, up again, down (see `rich`).
fn deploy_round(engine: &dyn Engine, server: &Server, file: &str, after: &str) -> Result<String, String> {
    let d = engine.dialect();
    let m = schemashift::generate("", after, &Options::new(d));
    if m.is_blocked() {
        return Err(format!("blocked: {:?}", m.blocked));
    }
    // What `up.sql` reaches (the round-trip suites judge it against the fixture), and nothing.
    let after_cat = {
        let mut db = engine.fresh(None)?;
        db.run_migration(&m.up_sql())?;
        without_log(db.catalog()?)
    };
    let empty_cat = without_log(engine.fresh(None)?.catalog()?);
    let pkg = build(&m, &PackageOptions { format: Format::Plain, version: "2".into(), name: Some("rich".into()) })?;
    let dir = tempfile::Builder::new().prefix("schemashift-steplog-").tempdir().map_err(|e| e.to_string())?;
    for (name, bytes) in &pkg.files {
        let path = dir.path().join(name);
        std::fs::create_dir_all(path.parent().ok_or("no parent")?).map_err(|e| e.to_string())?;
        std::fs::write(&path, bytes).map_err(|e| e.to_string())?;
    }
    let mut db = engine.fresh(None)?;
    let name = db.name();
    let (ok, out) = shell(dir.path(), server, &name, "sh deploy.sh up")?;
    if !ok {
        return Err(format!("deploy.sh up failed:\n{out}"));
    }
    let diff = without_log(db.catalog()?).diff(&after_cat);
    if !diff.is_empty() {
        return Err(format!("after deploy.sh up the catalog differs from up.sql's: {diff:?}"));
    }
    let (ok, again) = shell(dir.path(), server, &name, "sh deploy.sh up")?;
    let skipped = again.matches("done before, skipped").count();
    if !ok || skipped != m.up.len() {
        return Err(format!("a second deploy.sh up should skip all {} steps:\n{again}", m.up.len()));
    }
    let (ok, out) = shell(dir.path(), server, &name, "sh deploy.sh down")?;
    if !ok {
        return Err(format!("deploy.sh down failed:\n{out}"));
    }
    let left = without_log(db.catalog()?).diff(&empty_cat);
    if !left.is_empty() {
        return Err(format!("after deploy.sh down the database is not empty: {left:?}"));
    }
    Ok(format!("{file}: {} up steps, rerun skipped {skipped}, {} down steps", m.up.len(), m.down.len()))
}

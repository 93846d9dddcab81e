//! The migration package run by migration tools on real engines (`tests/tests/tools.rs`).
//!
//! For each case (a few realistic migrations with rows) × mode (plain, `--zero-downtime`,
//! `--preserve-data`) × format, the package is written to a directory and applied to a
//! database holding BEFORE and its rows:
//! - the tool's own up (the command the README prints, `package::formats::tool_run`) must
//!   reach the catalog of AFTER applied directly;
//! - the tool's own check (`sqitch verify`, `liquibase validate`) must pass;
//! - the tool's own down, run as many times as the README says, must reach BEFORE, with the
//!   rows of BEFORE back (the dropped columns' values too with `--preserve-data`).
//!
//! dbmate, Sqitch and Liquibase run for real ([`Applier::Tool`], installed by `.ci/setup.sh`);
//! goose, golang-migrate, Flyway, Atlas and Prisma cannot be installed from a package registry
//! here and are read by [`crate::loaders`], which follows each tool's source (its statement
//! parser ported: `goose_parser.rs`, `atlas_lexer.rs`, `flyway_parser.rs`).
//!
//! The tools' bookkeeping (`schema_migrations`, `DATABASECHANGELOG*`, Sqitch's registry),
//! `--preserve-data`'s backup tables and the step log (`schemashift_migration_log`) are left out
//! of the catalog comparison.

use crate::catalog::{summarize, Catalog};
use crate::engine::{Database, Engine, Row};
use schemashift::package::formats::{tool_run, ToolRun};
use schemashift::package::{build, Format, Package, PackageOptions};
use schemashift::{Dialect, Migration, Options};
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};
use std::sync::Mutex;

/// The version every test package carries (outputs stay byte-identical).
pub const VERSION: &str = "20240101000000";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    Plain,
    ZeroDowntime,
    PreserveData,
}

impl Mode {
    pub const ALL: [Mode; 3] = [Mode::Plain, Mode::ZeroDowntime, Mode::PreserveData];

    pub fn name(self) -> &'static str {
        match self {
            Mode::Plain => "plain",
            Mode::ZeroDowntime => "zero-downtime",
            Mode::PreserveData => "preserve-data",
        }
    }
}

/// One migration with rows.
pub struct ToolCase {
    pub id: &'static str,
    pub before: String,
    pub after: String,
    pub seed: String,
    pub renames: Vec<String>,
    /// Table → columns whose rows must be back after down, in every mode.
    pub kept: Vec<(&'static str, Vec<&'static str>)>,
    /// Table → columns that up drops: back after down only with `--preserve-data`.
    pub dropped: Vec<(&'static str, Vec<&'static str>)>,
}

/// How the package reaches the database: the tool itself, or a documented loader.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Applier {
    Tool(Format),
    Loader(Format),
}

/// Every format with how it is applied: the real tool where it is installed, a loader otherwise.
pub const APPLIERS: [Applier; 9] = [
    Applier::Tool(Format::Dbmate),
    Applier::Tool(Format::Sqitch),
    Applier::Tool(Format::Liquibase),
    Applier::Loader(Format::Goose),
    Applier::Loader(Format::GolangMigrate),
    Applier::Loader(Format::Flyway),
    Applier::Loader(Format::Atlas),
    Applier::Loader(Format::Prisma),
    // psql / mysql / sqlite3: the engines' own clients, installed with the engines.
    Applier::Tool(Format::Numbered),
];

impl Applier {
    pub fn format(self) -> Format {
        match self {
            Applier::Tool(f) | Applier::Loader(f) => f,
        }
    }
}

/// Where the test databases are, for the tools' URLs.
#[derive(Clone, Debug)]
pub enum Server {
    Postgres { port: u16 },
    Mariadb { port: u16 },
    Sqlite,
}

/// What the runs of one engine share: where its server is, and one Liquibase JVM.
pub struct Context {
    pub server: Server,
    liquibase: Mutex<Option<LiquibaseBatch>>,
}

impl Context {
    pub fn new(server: Server) -> Context {
        Context { server, liquibase: Mutex::new(None) }
    }

    /// Run one `liquibase ...` command of the README in the shared JVM.
    fn liquibase(&self, dir: &Path, cmd: &str, var: &str, url: &str) -> Result<(), String> {
        let mut guard = self.liquibase.lock().map_err(|_| "the Liquibase JVM lock is poisoned")?;
        if guard.is_none() {
            *guard = Some(LiquibaseBatch::start()?);
        }
        guard.as_mut().expect("started").run(dir, cmd, var, url)
    }
}

/// Liquibase command lines run one after the other in one JVM (`tests/tools/LiquibaseBatch.java`):
/// the same `LiquibaseCommandLine.execute(args)` the `liquibase` launcher ends in, with the
/// package directory as `--search-path` (the launcher's working directory).
struct LiquibaseBatch {
    child: Child,
    stdin: ChildStdin,
    stdout: BufReader<ChildStdout>,
}

impl LiquibaseBatch {
    fn start() -> Result<LiquibaseBatch, String> {
        let home = tools_dir().join("node_modules/liquibase/dist/liquibase");
        let cp = format!("{}/internal/lib/*:{}/lib/*", home.display(), home.display());
        let mut child = Command::new("java")
            .args(["-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", &cp])
            .arg(tools_dir().join("LiquibaseBatch.java"))
            .env("LIQUIBASE_HOME", &home)
            .env("LIQUIBASE_SHOW_BANNER", "false")
            .env("LIQUIBASE_ANALYTICS_ENABLED", "false")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .map_err(|e| format!("java (Liquibase): {e}"))?;
        let stdin = child.stdin.take().ok_or("no stdin")?;
        let stdout = BufReader::new(child.stdout.take().ok_or("no stdout")?);
        Ok(LiquibaseBatch { child, stdin, stdout })
    }

    fn run(&mut self, dir: &Path, cmd: &str, var: &str, url: &str) -> Result<(), String> {
        let mut words = cmd.split_whitespace();
        if words.next() != Some("liquibase") {
            return Err(format!("not a liquibase command: {cmd}"));
        }
        let mut args = vec![format!("--search-path={}", dir.display())];
        let var = format!("${var}");
        args.extend(words.map(|w| w.replace(&format!("\"{var}\""), url).replace(&var, url)));
        writeln!(self.stdin, "{}", args.join("\t")).map_err(|e| format!("liquibase: {e}"))?;
        self.stdin.flush().map_err(|e| e.to_string())?;
        let mut output = String::new();
        loop {
            let mut line = String::new();
            if self.stdout.read_line(&mut line).map_err(|e| e.to_string())? == 0 {
                return Err(format!("the Liquibase JVM ended:\n{output}"));
            }
            if let Some(code) = line.strip_prefix('\u{1}') {
                if code.trim() == "0" {
                    return Ok(());
                }
                let tail: Vec<&str> = output.lines().filter(|l| !l.trim().is_empty()).collect();
                let tail = tail[tail.len().saturating_sub(15)..].join("\n    ");
                // The cause is printed before the statement Liquibase quotes.
                let cause = output.lines().find(|l| l.contains("rror")).unwrap_or_default();
                return Err(format!("`{cmd}` failed (exit {}): {}\n    {tail}", code.trim(), crate::shorten(cause, 300)));
            }
            output.push_str(&line);
        }
    }
}

impl Drop for LiquibaseBatch {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// `DATABASE_URL` for `format` and the database named `db` (a file path for SQLite), in the
/// form the README gives for that tool.
pub fn url(server: &Server, format: Format, db: &str) -> String {
    match (server, format) {
        // The numbered files' clients: psql takes the URL, mysql the database name (host,
        // port and user from ~/.my.cnf, `tool_env`), sqlite3 the file.
        (Server::Postgres { port }, Format::Numbered) => format!("postgres://postgres@127.0.0.1:{port}/{db}"),
        (Server::Mariadb { .. }, Format::Numbered) | (Server::Sqlite, Format::Numbered) => db.to_string(),
        (Server::Postgres { port }, Format::Sqitch) => format!("db:pg://postgres@127.0.0.1:{port}/{db}"),
        (Server::Postgres { port }, Format::Liquibase) => format!("jdbc:postgresql://127.0.0.1:{port}/{db}?user=postgres"),
        (Server::Postgres { port }, _) => format!("postgres://postgres@127.0.0.1:{port}/{db}?sslmode=disable"),
        (Server::Mariadb { port }, Format::Sqitch) => format!("db:mysql://root@127.0.0.1:{port}/{db}"),
        (Server::Mariadb { port }, Format::Liquibase) => format!("jdbc:mariadb://127.0.0.1:{port}/{db}?user=root"),
        (Server::Mariadb { port }, _) => format!("mysql://root@127.0.0.1:{port}/{db}"),
        (Server::Sqlite, Format::Sqitch) => format!("db:sqlite:{db}"),
        (Server::Sqlite, Format::Liquibase) => format!("jdbc:sqlite:{db}"),
        (Server::Sqlite, _) => format!("sqlite:{db}"),
    }
}

/// `tests/tools`: the npm-installed tools (`.ci/setup.sh`).
pub fn tools_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tools")
}

/// The directories to put in front of `PATH` so that `dbmate` and `liquibase` are found.
fn tool_path() -> String {
    let t = tools_dir();
    let dirs = [t.join("node_modules/.bin"), t.join("node_modules/liquibase/dist/liquibase")];
    let mut path: Vec<String> = dirs.iter().map(|d| d.display().to_string()).collect();
    path.push(std::env::var("PATH").unwrap_or_default());
    path.join(":")
}

/// Why the real tools cannot run here, if they cannot (`None`: all present).
pub fn missing_tools() -> Option<String> {
    let t = tools_dir();
    let mut missing = Vec::new();
    if !t.join("node_modules/.bin/dbmate").exists() {
        missing.push("dbmate (npm, tests/tools)");
    }
    if !t.join("node_modules/liquibase/dist/liquibase/liquibase").exists() {
        missing.push("liquibase (npm, tests/tools)");
    }
    if !t.join("node_modules/liquibase/dist/liquibase/lib/slf4j-api.jar").exists() {
        missing.push("slf4j-api.jar in Liquibase's lib/ (Debian libslf4j-java)");
    }
    if Command::new("sqitch").arg("--version").output().is_err() {
        missing.push("sqitch (Debian sqitch)");
    }
    if Command::new("java").arg("-version").output().is_err() {
        missing.push("java (Debian openjdk-17-jre-headless)");
    }
    if missing.is_empty() {
        None
    } else {
        Some(format!("missing: {} — run .ci/setup.sh", missing.join(", ")))
    }
}

pub fn generate(d: Dialect, case: &ToolCase, mode: Mode) -> Migration {
    let mut o = Options::new(d);
    o.zero_downtime = mode == Mode::ZeroDowntime;
    o.preserve_data = mode == Mode::PreserveData;
    o.renames = case.renames.clone();
    schemashift::generate(&case.before, &case.after, &o)
}

pub fn package(m: &Migration, format: Format, case: &ToolCase) -> Result<Package, String> {
    // The numbered files start at 1, like a pipeline's first migration (`0001_…`).
    let version = if format == Format::Numbered { "1" } else { VERSION };
    let options = PackageOptions { format, version: version.into(), name: Some(case.id.into()) };
    build(m, &options)
}

pub fn write(pkg: &Package, dir: &Path) -> Result<(), String> {
    for (name, bytes) in &pkg.files {
        let path = dir.join(name);
        std::fs::create_dir_all(path.parent().expect("a parent")).map_err(|e| e.to_string())?;
        std::fs::write(&path, bytes).map_err(|e| e.to_string())?;
    }
    Ok(())
}

/// Objects that belong to the tools or to `--preserve-data`'s backups, not to the schema.
fn bookkeeping(key: &str) -> bool {
    let k = key.to_ascii_lowercase();
    // The step log is the one table the package's scripts add (`package/step_log.rs`).
    [
        "schema_migrations",
        "databasechangelog",
        "schemashift_backup_",
        "schemashift_migration_log",
        "goose_db_version",
        "atlas_schema_revisions",
        "flyway_schema_history",
    ]
    .iter()
    .any(|t| k.contains(t))
        || k.contains("sqitch")
}

pub fn schema_only(mut c: Catalog) -> Catalog {
    c.objects.retain(|k, _| !bookkeeping(k));
    c.tables.retain(|k, _| !bookkeeping(k));
    c
}

/// Rows of `table`, the listed columns read as text, sorted.
fn rows(db: &mut dyn Database, table: &str, columns: &[&str]) -> Result<Vec<Row>, String> {
    let list: Vec<String> = columns.iter().map(|c| db.as_text(&db.quote(c))).collect();
    let mut r = db.query(&format!("SELECT {} FROM {}", list.join(", "), db.quote(table)))?;
    r.sort();
    Ok(r)
}

fn checked_columns(case: &ToolCase, mode: Mode) -> Vec<(&'static str, Vec<&'static str>)> {
    let mut out = case.kept.clone();
    if mode == Mode::PreserveData {
        for (t, cols) in &case.dropped {
            match out.iter_mut().find(|(k, _)| k == t) {
                Some((_, c)) => c.extend(cols.iter().copied()),
                None => out.push((t, cols.clone())),
            }
        }
    }
    out
}

/// Run one shell command of the README in the package directory.
fn sh(dir: &Path, cmd: &str, var: &str, url: &str, env: &[(&str, String)]) -> Result<(), String> {
    let mut c = Command::new("sh");
    c.arg("-c").arg(cmd).current_dir(dir).env(var, url).env("PATH", tool_path());
    for (k, v) in env {
        c.env(k, v);
    }
    let out = c.output().map_err(|e| format!("{cmd}: {e}"))?;
    if out.status.success() {
        return Ok(());
    }
    let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    let tail: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    let tail = tail[tail.len().saturating_sub(15)..].join("\n    ");
    Err(format!("`{cmd}` failed ({}):\n    {tail}", out.status))
}

/// What one run showed.
#[derive(Debug, Default)]
pub struct Figures {
    pub files: usize,
    pub down_runs: usize,
    pub rows: usize,
}

/// Run one case × mode with `applier` on `engine`.
pub fn run(engine: &dyn Engine, ctx: &Context, case: &ToolCase, mode: Mode, applier: Applier) -> Result<Figures, String> {
    let d = engine.dialect();
    let format = applier.format();
    let after_cat = {
        let mut db = engine.fresh(None)?;
        db.run_script(&case.after).map_err(|e| format!("AFTER: {e}"))?;
        schema_only(db.catalog()?)
    };
    let mut db = engine.fresh(None)?;
    db.run_script(&case.before).map_err(|e| format!("BEFORE: {e}"))?;
    let before_cat = schema_only(db.catalog()?);
    db.run_script(&case.seed).map_err(|e| format!("seed: {e}"))?;
    let columns = checked_columns(case, mode);
    let mut seeded = Vec::new();
    for (t, cols) in &columns {
        seeded.push(rows(db.as_mut(), t, cols)?);
    }

    let m = generate(d, case, mode);
    if let Some(e) = m.diagnostics.iter().find(|x| x.diagnostic.is_error()) {
        return Err(format!("schemashift reported an error: {}", e.diagnostic));
    }
    if m.is_blocked() {
        return Err("the migration is blocked".into());
    }
    let pkg = package(&m, format, case)?;
    let dir = tempfile::Builder::new().prefix("schemashift-tools-").tempdir().map_err(|e| e.to_string())?;
    write(&pkg, dir.path())?;
    let db_name = db.name();
    let mut figures = Figures { files: pkg.files.keys().filter(|k| k.starts_with("migrations/")).count(), ..Figures::default() };

    match applier {
        Applier::Tool(_) => {
            let tool = Tool::new(ctx, &m, &pkg, format, dir.path(), &db_name)?;
            tool.up()?;
            compare(db.as_mut(), &after_cat, "up", "AFTER")?;
            logged(db.as_mut(), "up", m.up.len())?;
            tool.check()?;
            figures.down_runs = tool.down()?;
        }
        Applier::Loader(_) => {
            let loader = crate::loaders::Loader::read(format, &pkg, d)?;
            loader.up(db.as_mut()).map_err(|e| format!("up: {e}"))?;
            compare(db.as_mut(), &after_cat, "up", "AFTER")?;
            logged(db.as_mut(), "up", m.up.len())?;
            figures.down_runs = loader.down(db.as_mut(), &m)?;
        }
    }
    logged(db.as_mut(), "down", m.down.len())?;
    // What down itself backed up (`--preserve-data`: the tables and columns up added) is kept
    // for the DBA until `cleanup/01_drop_backups.sql`, which the runbook runs once the rollback
    // is confirmed: run it as the runbook says, then BEFORE's catalog must be back.
    if let Some(cleanup) = pkg.text("cleanup/01_drop_backups.sql") {
        db.run_script(cleanup).map_err(|e| format!("cleanup after down: {e}"))?;
    }
    compare(db.as_mut(), &before_cat, "down", "BEFORE")?;
    for ((t, cols), want) in columns.iter().zip(&seeded) {
        let got = rows(db.as_mut(), t, cols)?;
        if &got != want {
            return Err(format!("after down, the rows of {t} ({}) differ:\n  before up: {want:?}\n  after down: {got:?}", cols.join(", ")));
        }
        figures.rows += got.len();
    }
    Ok(figures)
}

/// The README's commands of one package, run by its tool in the package's directory against
/// one database.
pub struct Tool<'a> {
    ctx: &'a Context,
    dir: &'a Path,
    format: Format,
    run: ToolRun,
    url: String,
    env: Vec<(&'static str, String)>,
}

impl<'a> Tool<'a> {
    /// The commands of `format` for the package in `dir` (written from `pkg`); an error when
    /// the package's README does not give them.
    pub fn new(ctx: &'a Context, m: &Migration, pkg: &Package, format: Format, dir: &'a Path, db_name: &str) -> Result<Tool<'a>, String> {
        let run = tool_run(m, format).ok_or("the plain format has no tool")?;
        let readme = pkg.text("README.md").unwrap_or_default();
        for c in run.up.iter().chain(&run.check).chain([&run.down]) {
            if !readme.contains(c.as_str()) {
                return Err(format!("the README does not give the command CI runs: {c}"));
            }
        }
        let env = tool_env(&ctx.server, dir, db_name)?;
        let url = url(&ctx.server, format, db_name);
        Ok(Tool { ctx, dir, format, run, url, env })
    }

    fn exec(&self, c: &str) -> Result<(), String> {
        if self.format == Format::Liquibase {
            self.ctx.liquibase(self.dir, c, self.run.var, &self.url)
        } else {
            sh(self.dir, c, self.run.var, &self.url, &self.env)
        }
    }

    /// The tool's own up.
    pub fn up(&self) -> Result<(), String> {
        self.run.up.iter().try_for_each(|c| self.exec(c)).map_err(|e| format!("up: {e}"))
    }

    /// The tool's own check (`sqitch verify`, `liquibase validate`), if it has one.
    pub fn check(&self) -> Result<(), String> {
        self.run.check.iter().try_for_each(|c| self.exec(c)).map_err(|e| format!("the tool's check: {e}"))
    }

    /// The tool's own down, as many times as the README says; how many times.
    pub fn down(&self) -> Result<usize, String> {
        let times = self.run.down_times;
        for i in 0..times {
            self.exec(&self.run.down).map_err(|e| format!("down (run {} of {times}): {e}", i + 1))?;
        }
        Ok(times)
    }
}

/// Every step of `direction` is `done` in the step log (`package/step_log.rs`): the tool ran the
/// log statements of each step, whatever its file layout.
pub fn logged(db: &mut dyn Database, direction: &str, steps: usize) -> Result<(), String> {
    let t = db.quote("schemashift_migration_log");
    let (dir, status, step) = (db.quote("direction"), db.quote("status"), db.quote("step"));
    let rows =
        db.query(&format!("SELECT {}, {} FROM {t} WHERE {dir} = '{direction}' ORDER BY {step}", db.as_text(&step), db.as_text(&status)))?;
    let done = rows.iter().filter(|r| r.get(1).cloned().flatten().as_deref() == Some("done")).count();
    if done == steps && rows.len() == steps {
        Ok(())
    } else {
        Err(format!("after {direction}, the step log should hold {steps} done step(s): {rows:?}"))
    }
}

fn compare(db: &mut dyn Database, want: &Catalog, what: &str, name: &str) -> Result<(), String> {
    let got = schema_only(db.catalog()?);
    let d = got.diff(want);
    if d.is_empty() {
        Ok(())
    } else {
        Err(format!("after {what}, the catalog differs from {name} applied directly:\n  {}", summarize(&d, 12)))
    }
}

/// Settings that belong to the test machine, not to the commands: Sqitch's identity, and on
/// MariaDB a registry database per test database (Sqitch keeps its registry in a database of
/// its own on the server, by project: two databases of one server deploying the same project
/// need two registries).
fn tool_env(server: &Server, dir: &Path, db: &str) -> Result<Vec<(&'static str, String)>, String> {
    let mut env = vec![
        ("SQITCH_FULLNAME", "schemashift CI".to_string()),
        ("SQITCH_EMAIL", "ci@example.invalid".to_string()),
        ("LIQUIBASE_SHOW_BANNER", "false".to_string()),
        ("LIQUIBASE_ANALYTICS_ENABLED", "false".to_string()),
        ("HOME", dir.display().to_string()),
    ];
    if let Server::Mariadb { port } = server {
        // The mysql client of the numbered files reads its server from ~/.my.cnf.
        std::fs::write(dir.join(".my.cnf"), format!("[client]\nhost=127.0.0.1\nport={port}\nuser=root\n")).map_err(|e| e.to_string())?;
        let conf = dir.join("sqitch-user.conf");
        std::fs::write(&conf, format!("[engine \"mysql\"]\n\tregistry = sqitch_{db}\n")).map_err(|e| e.to_string())?;
        env.push(("SQITCH_USER_CONFIG", conf.display().to_string()));
    }
    Ok(env)
}

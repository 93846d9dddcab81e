//! PostgreSQL 15, started by the tests: `initdb` into a temporary directory, `postgres`
//! listening on 127.0.0.1 at a free port (and a unix socket in the directory), tuned for
//! throw-away data (fsync, synchronous commit and full-page writes off), stopped at the end.
//!
//! Databases are pooled: when a case drops its database, the database is emptied (extensions,
//! schemas, event triggers... dropped, `public` recreated) and goes back to the pool only if
//! its catalog is then identical to a brand-new database's; otherwise it is dropped.

use super::postgres_catalog::{bound_values, queries, RESET, SEED_COLUMNS, SEED_PARENTS, SEED_PARTITIONS};
use super::process::{self, Server};
use super::{Database, Engine, Row, SeedColumn, SeedTable};
use crate::catalog::Catalog;
use crate::split::{split, Flavor};
use postgres::{Client, NoTls, SimpleQueryMessage};
use schemashift::Dialect;
use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

/// Roles every database of the harness's cluster has (hand cases grant to them).
pub const HARNESS_ROLES: &[&str] = &["app_reader", "app_writer"];

pub struct Postgres {
    inner: Arc<Inner>,
}

struct Inner {
    server: Mutex<Server>,
    /// The data directory and socket; removed when the engine drops.
    _dir: tempfile::TempDir,
    port: u16,
    bin: PathBuf,
    version: String,
    admin: Mutex<Client>,
    idle: Mutex<Vec<(String, Client)>>,
    counter: AtomicUsize,
    baseline: OnceLock<Catalog>,
    roles: Mutex<BTreeSet<String>>,
}

/// Where the PostgreSQL 15 binaries are (`SCHEMASHIFT_PG_BIN` overrides).
fn bin_dir() -> Result<PathBuf, String> {
    let dir = std::env::var("SCHEMASHIFT_PG_BIN").unwrap_or_else(|_| "/usr/lib/postgresql/15/bin".to_string());
    let dir = PathBuf::from(dir);
    if dir.join("postgres").exists() && dir.join("initdb").exists() {
        Ok(dir)
    } else {
        Err(format!(
            "PostgreSQL 15 is not installed ({} has no postgres/initdb): apt-get install postgresql-15, \
             or point SCHEMASHIFT_PG_BIN at its bin directory",
            dir.display()
        ))
    }
}

fn pg_err(e: &postgres::Error) -> String {
    match e.as_db_error() {
        Some(db) => {
            let mut s = format!("{}: {}", db.severity(), db.message());
            if let Some(d) = db.detail() {
                s.push_str(&format!("\nDETAIL: {d}"));
            }
            s
        }
        None => e.to_string(),
    }
}

impl Postgres {
    /// Initialize and start a server; fails with a clear message when PostgreSQL is missing.
    pub fn start() -> Result<Postgres, String> {
        let bin = bin_dir()?;
        let user = process::server_user("postgres")?;
        let user = user.as_deref();
        let dir = process::server_dir(user, "schemashift-pg-")?;
        let data = dir.path().join("data");
        let args: Vec<String> =
            ["-D", &data.display().to_string(), "-A", "trust", "-U", "postgres", "-E", "UTF8", "--no-locale", "--no-sync"]
                .iter()
                .map(|s| s.to_string())
                .collect();
        process::run(process::command_as(user, &bin.join("initdb"), &args), "initdb")?;
        let port = process::free_port()?;
        let settings = [
            "listen_addresses=127.0.0.1".to_string(),
            format!("unix_socket_directories={}", dir.path().display()),
            "fsync=off".into(),
            "synchronous_commit=off".into(),
            "full_page_writes=off".into(),
            "wal_level=minimal".into(),
            "max_wal_senders=0".into(),
            "autovacuum=off".into(),
            "max_wal_size=4GB".into(),
            "checkpoint_timeout=1h".into(),
            "max_connections=60".into(),
            "statement_timeout=120s".into(),
            "lock_timeout=60s".into(),
            "log_min_messages=fatal".into(),
            "log_min_error_statement=panic".into(),
        ];
        let mut server_args = vec!["-D".to_string(), data.display().to_string(), "-p".to_string(), port.to_string()];
        for s in settings {
            server_args.push("-c".into());
            server_args.push(s);
        }
        let mut server = Server::start(user, &bin.join("postgres"), &server_args, dir.path().join("server.log"), "INT")?;
        let mut admin = server.wait_ready(Duration::from_secs(60), || connect(port, "postgres"))?;
        let version = admin
            .simple_query("SHOW server_version")
            .ok()
            .and_then(|m| text_rows(m).into_iter().next())
            .and_then(|r| r.into_iter().next().flatten())
            .unwrap_or_default();
        let inner = Inner {
            server: Mutex::new(server),
            _dir: dir,
            port,
            bin,
            version,
            admin: Mutex::new(admin),
            idle: Mutex::new(Vec::new()),
            counter: AtomicUsize::new(0),
            baseline: OnceLock::new(),
            roles: Mutex::new(BTreeSet::new()),
        };
        let pg = Postgres { inner: Arc::new(inner) };
        // Roles the hand cases grant privileges to (cluster objects: created once, idempotently).
        pg.ensure_roles(&HARNESS_ROLES.iter().map(|r| r.to_string()).collect::<Vec<_>>())?;
        // The catalog of a brand-new database: what a reset database must look like.
        let mut first = pg.new_database()?;
        let baseline = first.catalog()?;
        let _ = pg.inner.baseline.set(baseline);
        drop(first);
        Ok(pg)
    }

    pub fn port(&self) -> u16 {
        self.inner.port
    }

    /// Stop the server now (also happens when the value drops).
    pub fn stop(&self) {
        if let Ok(mut idle) = self.inner.idle.lock() {
            idle.clear();
        }
        if let Ok(mut s) = self.inner.server.lock() {
            s.stop();
        }
    }

    fn new_database(&self) -> Result<PgDb, String> {
        let n = self.inner.counter.fetch_add(1, Ordering::SeqCst);
        let name = format!("ss_{n}");
        {
            let mut admin = self.inner.admin.lock().map_err(|_| "admin connection poisoned")?;
            admin
                .batch_execute(&format!("CREATE DATABASE {name} TEMPLATE template0"))
                .map_err(|e| format!("CREATE DATABASE: {}", pg_err(&e)))?;
        }
        let client = connect(self.inner.port, &name)?;
        Ok(PgDb { name, client: Some(client), inner: self.inner.clone() })
    }
}

impl Drop for Postgres {
    fn drop(&mut self) {
        self.stop();
    }
}

fn connect(port: u16, dbname: &str) -> Result<Client, String> {
    Client::configure()
        .host("127.0.0.1")
        .port(port)
        .user("postgres")
        .dbname(dbname)
        .connect_timeout(Duration::from_secs(10))
        .connect(NoTls)
        .map_err(|e| format!("connect to PostgreSQL database {dbname}: {e}"))
}

fn text_rows(messages: Vec<SimpleQueryMessage>) -> Vec<Row> {
    messages
        .into_iter()
        .filter_map(|m| match m {
            SimpleQueryMessage::Row(r) => Some((0..r.len()).map(|i| r.get(i).map(str::to_string)).collect()),
            _ => None,
        })
        .collect()
}

fn unquote_role(role: &str) -> String {
    let r = role.trim();
    if r.len() >= 2 && r.starts_with('"') && r.ends_with('"') {
        r[1..r.len() - 1].replace("\"\"", "\"")
    } else {
        r.to_string()
    }
}

impl Engine for Postgres {
    fn dialect(&self) -> Dialect {
        Dialect::Postgres
    }

    fn label(&self) -> String {
        format!("PostgreSQL {}", self.inner.version)
    }

    fn fresh(&self, _name: Option<&str>) -> Result<Box<dyn Database>, String> {
        let pooled = self.inner.idle.lock().ok().and_then(|mut idle| idle.pop());
        match pooled {
            Some((name, client)) => Ok(Box::new(PgDb { name, client: Some(client), inner: self.inner.clone() })),
            None => Ok(Box::new(self.new_database()?)),
        }
    }

    fn ensure_roles(&self, roles: &[String]) -> Result<(), String> {
        let mut known = self.inner.roles.lock().map_err(|_| "roles poisoned")?;
        for role in roles {
            let name = unquote_role(role);
            if name.is_empty() || name.eq_ignore_ascii_case("public") || known.contains(&name) {
                continue;
            }
            let mut admin = self.inner.admin.lock().map_err(|_| "admin connection poisoned")?;
            let sql = format!("CREATE ROLE \"{}\" LOGIN", name.replace('"', "\"\""));
            if let Err(e) = admin.batch_execute(&sql) {
                let msg = pg_err(&e);
                if !msg.contains("already exists") {
                    return Err(format!("{sql}: {msg}"));
                }
            }
            known.insert(name);
        }
        Ok(())
    }

    fn dump(&self, db: &mut dyn Database) -> Result<String, String> {
        let mut cmd = Command::new(self.inner.bin.join("pg_dump"));
        cmd.args(["--schema-only", "-h", "127.0.0.1", "-p", &self.inner.port.to_string(), "-U", "postgres", "-d"]).arg(db.name());
        process::run(cmd, "pg_dump --schema-only")
    }
}

/// One database of the server, with its connection.
pub struct PgDb {
    name: String,
    client: Option<Client>,
    inner: Arc<Inner>,
}

impl PgDb {
    fn client(&mut self) -> Result<&mut Client, String> {
        self.client.as_mut().ok_or_else(|| "connection closed".to_string())
    }

    /// Each script and snapshot starts from a clean session, as a new psql run would.
    fn clean_session(&mut self) -> Result<(), String> {
        let c = self.client()?;
        let _ = c.batch_execute("ROLLBACK");
        c.batch_execute("DISCARD ALL").map_err(|e| format!("DISCARD ALL: {}", pg_err(&e)))
    }

    fn reset(&mut self) -> Result<(), String> {
        self.clean_session()?;
        self.client()?.batch_execute(RESET).map_err(|e| pg_err(&e))?;
        let now = self.catalog()?;
        match self.inner.baseline.get() {
            Some(base) if *base == now => Ok(()),
            Some(base) => Err(format!("not clean after reset: {:?}", now.diff(base))),
            None => Err("no baseline".to_string()),
        }
    }
}

impl Drop for PgDb {
    fn drop(&mut self) {
        if self.client.is_none() {
            return;
        }
        if self.reset().is_ok() {
            if let (Some(client), Ok(mut idle)) = (self.client.take(), self.inner.idle.lock()) {
                idle.push((self.name.clone(), client));
                return;
            }
        }
        self.client.take();
        if let Ok(mut admin) = self.inner.admin.lock() {
            let _ = admin.batch_execute(&format!("DROP DATABASE IF EXISTS {} WITH (FORCE)", self.name));
        }
    }
}

impl Database for PgDb {
    fn name(&self) -> String {
        self.name.clone()
    }

    fn run_script(&mut self, sql: &str) -> Result<(), String> {
        self.clean_session()?;
        let c = self.client()?;
        for stmt in split(sql, Flavor::Postgres) {
            if let Err(e) = c.batch_execute(&stmt) {
                let _ = c.batch_execute("ROLLBACK");
                return Err(format!("{}\n  in: {}", pg_err(&e), crate::shorten(&stmt, 200)));
            }
        }
        // psql ends its session here: a transaction the script left open is rolled back.
        let _ = c.batch_execute("ROLLBACK");
        Ok(())
    }

    fn execute(&mut self, sql: &str) -> Result<(), String> {
        self.client()?.batch_execute(sql).map_err(|e| pg_err(&e))
    }

    fn query(&mut self, sql: &str) -> Result<Vec<Row>, String> {
        self.client()?.simple_query(sql).map(text_rows).map_err(|e| pg_err(&e))
    }

    fn catalog(&mut self) -> Result<Catalog, String> {
        self.clean_session()?;
        let mut cat = Catalog::default();
        for q in queries() {
            for row in self.query(&q).map_err(|e| format!("catalog query failed: {e}\n{q}"))? {
                if let [Some(key), desc] = row.as_slice() {
                    cat.add(key.clone(), desc.clone().unwrap_or_default());
                }
            }
        }
        for row in self.query(SEED_COLUMNS)? {
            if let [Some(t), Some(c), Some(ty), _, _, _, _, Some(name), generated] = row.as_slice() {
                cat.add_table_column(t, name, t, c, ty, generated.as_deref());
            }
        }
        Ok(cat)
    }

    fn seed_tables(&mut self) -> Result<Vec<SeedTable>, String> {
        self.clean_session()?;
        let mut tables: BTreeMap<String, SeedTable> = BTreeMap::new();
        for row in self.query(SEED_COLUMNS)? {
            let get = |i: usize| row.get(i).cloned().flatten().unwrap_or_default();
            let key = get(0);
            let t = tables.entry(key.clone()).or_insert_with(|| SeedTable {
                key: key.clone(),
                name: get(7),
                sql_name: key.clone(),
                columns: Vec::new(),
                parents: Vec::new(),
                partition_rows: Vec::new(),
            });
            let labels = get(6);
            t.columns.push(SeedColumn {
                name: get(1),
                type_name: get(2).to_lowercase(),
                nullable: get(3) != "true",
                has_default: get(4) == "true",
                engine_filled: get(5) == "true",
                labels: if labels.is_empty() { Vec::new() } else { labels.split('\u{1f}').map(str::to_string).collect() },
            });
        }
        for row in self.query(SEED_PARTITIONS)? {
            if let [Some(parent), Some(bound), Some(keys)] = row.as_slice() {
                let keys: Vec<&str> = keys.split('\u{1f}').collect();
                let values = bound_values(bound);
                if let Some(t) = tables.get_mut(parent) {
                    if !values.is_empty() && values.len() == keys.len() {
                        t.partition_rows.push(keys.iter().map(|k| k.to_string()).zip(values).collect());
                    }
                }
            }
        }
        for row in self.query(SEED_PARENTS)? {
            if let [Some(child), Some(parent)] = row.as_slice() {
                if let Some(t) = tables.get_mut(child) {
                    t.parents.push(parent.clone());
                }
            }
        }
        Ok(tables.into_values().collect())
    }

    fn quote(&self, ident: &str) -> String {
        format!("\"{}\"", ident.replace('"', "\"\""))
    }

    fn as_text(&self, quoted_column: &str) -> String {
        format!("{quoted_column}::text")
    }
}

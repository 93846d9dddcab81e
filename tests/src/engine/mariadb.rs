//! MariaDB 10.11, started by the tests: `mariadb-install-db` into a temporary directory,
//! `mariadbd` on a unix socket there and on 127.0.0.1 at a free port, durability traded for
//! speed (no doublewrite, log flushed lazily, no binary log), stopped at the end. The server
//! character set is utf8mb4 with `utf8mb4_general_ci`, as Debian configures it.
//!
//! Each database is created for its case and dropped afterwards; connections are reused.

use super::mariadb_catalog::{add_create_table, columns_query, enum_labels, parents_query, queries, tables_query};
use super::process::{self, Server};
use super::{Database, Engine, Row, SeedColumn, SeedTable};
use crate::catalog::Catalog;
use crate::split::{split, Flavor};
use mysql::prelude::Queryable;
use mysql::{Conn, OptsBuilder, Value};
use schemashift::Dialect;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;

pub struct Mariadb {
    inner: Arc<Inner>,
}

struct Inner {
    server: Mutex<Server>,
    _dir: tempfile::TempDir,
    socket: PathBuf,
    /// The TCP port on 127.0.0.1 (for clients that cannot use the socket: JDBC, Go drivers).
    port: u16,
    version: String,
    idle: Mutex<Vec<Conn>>,
    counter: AtomicUsize,
    /// Names of databases held by a case (`mysqldef_test`): one holder at a time.
    named: Mutex<Vec<String>>,
    named_free: Condvar,
}

fn find(candidates: &[&str]) -> Option<PathBuf> {
    candidates.iter().map(PathBuf::from).find(|p| p.exists())
}

fn my_err(e: &mysql::Error) -> String {
    match e {
        mysql::Error::MySqlError(m) => format!(
            "ERROR {}: {}",
            m.code,
            m.message.replace(
                "You have an error in your SQL syntax; check the manual that corresponds to your MariaDB server version for the right syntax to use",
                "syntax error"
            )
        ),
        other => other.to_string(),
    }
}

fn connect(socket: &Path) -> Result<Conn, String> {
    let opts = OptsBuilder::new()
        .socket(Some(socket.display().to_string()))
        .user(Some("root"))
        .prefer_socket(true)
        .read_timeout(Some(Duration::from_secs(300)));
    Conn::new(opts).map_err(|e| format!("connect to MariaDB: {}", my_err(&e)))
}

impl Mariadb {
    /// Initialize and start a server; fails with a clear message when MariaDB is missing.
    pub fn start() -> Result<Mariadb, String> {
        let missing = "MariaDB is not installed: apt-get install mariadb-server mariadb-client";
        let mariadbd = find(&["/usr/sbin/mariadbd", "/usr/bin/mariadbd", "/usr/sbin/mysqld"]).ok_or(missing)?;
        let install = find(&["/usr/bin/mariadb-install-db", "/usr/bin/mysql_install_db"]).ok_or(missing)?;
        let user = process::server_user("mysql")?;
        let user = user.as_deref();
        let dir = process::server_dir(user, "schemashift-mariadb-")?;
        let data = dir.path().join("data");
        let mut args = vec![
            "--no-defaults".to_string(),
            format!("--datadir={}", data.display()),
            "--auth-root-authentication-method=normal".into(),
            "--skip-test-db".into(),
            // The bootstrap server's temporary tables in a directory of its own too (passed on to
            // mariadbd): in the shared /tmp a server starting beside it deletes them (CI:
            // "Could not remove temporary table '/tmp/#sql-temptable-...'", then "Unknown table
            // 'mysql.tmp_user_sys'", install failed).
            format!("--tmpdir={}", dir.path().display()),
        ];
        if let Some(u) = user {
            args.push(format!("--user={u}"));
        }
        process::run(process::command_as(user, &install, &args), "mariadb-install-db")?;
        let port = process::free_port()?;
        let socket = dir.path().join("mariadbd.sock");
        let server_args: Vec<String> = vec![
            "--no-defaults".into(),
            format!("--datadir={}", data.display()),
            format!("--socket={}", socket.display()),
            format!("--port={port}"),
            "--bind-address=127.0.0.1".into(),
            format!("--pid-file={}", dir.path().join("mariadbd.pid").display()),
            // A tmpdir of its own: a server starting up deletes the `#sql-*` temp files it
            // finds in its tmpdir, which in a shared /tmp are another server's live ones.
            format!("--tmpdir={}", dir.path().display()),
            "--skip-name-resolve".into(),
            "--skip-log-bin".into(),
            "--innodb-flush-log-at-trx-commit=0".into(),
            "--innodb-doublewrite=0".into(),
            "--innodb-buffer-pool-size=128M".into(),
            "--innodb-log-file-size=64M".into(),
            "--innodb-fast-shutdown=2".into(),
            "--character-set-server=utf8mb4".into(),
            "--collation-server=utf8mb4_general_ci".into(),
            "--max-connections=60".into(),
            "--max-statement-time=120".into(),
            "--lock-wait-timeout=60".into(),
            "--performance-schema=0".into(),
        ];
        let mut server = Server::start(user, &mariadbd, &server_args, dir.path().join("server.log"), "TERM")?;
        let mut conn = server.wait_ready(Duration::from_secs(60), || connect(&socket))?;
        let version: String = conn.query_first::<String, _>("SELECT VERSION()").ok().flatten().unwrap_or_default();
        let inner = Inner {
            server: Mutex::new(server),
            _dir: dir,
            socket,
            port,
            version,
            idle: Mutex::new(vec![conn]),
            counter: AtomicUsize::new(0),
            named: Mutex::new(Vec::new()),
            named_free: Condvar::new(),
        };
        Ok(Mariadb { inner: Arc::new(inner) })
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

    fn conn(&self) -> Result<Conn, String> {
        let pooled = self.inner.idle.lock().ok().and_then(|mut idle| idle.pop());
        match pooled {
            Some(c) => Ok(c),
            None => connect(&self.inner.socket).map_err(|e| {
                let Ok(mut s) = self.inner.server.lock() else { return e };
                if s.running() {
                    e
                } else {
                    format!("{e}\nthe MariaDB server has stopped; its log ends:\n{}", s.log_tail())
                }
            }),
        }
    }
}

impl Drop for Mariadb {
    fn drop(&mut self) {
        self.stop();
    }
}

impl Engine for Mariadb {
    fn dialect(&self) -> Dialect {
        Dialect::Mysql
    }

    fn label(&self) -> String {
        format!("MariaDB {}", self.inner.version)
    }

    fn fresh(&self, name: Option<&str>) -> Result<Box<dyn Database>, String> {
        let (db, named) = match name {
            Some(n) => {
                let mut held = self.inner.named.lock().map_err(|_| "poisoned")?;
                while held.iter().any(|h| h == n) {
                    held = self.inner.named_free.wait(held).map_err(|_| "poisoned")?;
                }
                held.push(n.to_string());
                (n.to_string(), true)
            }
            None => (format!("ss_{}", self.inner.counter.fetch_add(1, Ordering::SeqCst)), false),
        };
        let mut my = MyDb { db: db.clone(), conn: None, inner: self.inner.clone(), named };
        let mut conn = self.conn()?;
        let q = quote(&db);
        conn.query_drop(format!("DROP DATABASE IF EXISTS {q}"))
            .and_then(|_| conn.query_drop(format!("CREATE DATABASE {q}")))
            .and_then(|_| conn.query_drop(format!("USE {q}")))
            .map_err(|e| format!("create database {db}: {}", my_err(&e)))?;
        my.conn = Some(conn);
        Ok(Box::new(my))
    }

    fn ensure_roles(&self, _roles: &[String]) -> Result<(), String> {
        Ok(())
    }

    fn dump(&self, db: &mut dyn Database) -> Result<String, String> {
        let tool = find(&["/usr/bin/mariadb-dump", "/usr/bin/mysqldump"])
            .ok_or("mariadb-dump is not installed: apt-get install mariadb-client")?;
        let mut cmd = Command::new(tool);
        cmd.arg("--no-defaults")
            .arg("--no-data")
            // Routines, events and triggers are part of the schema model.
            .arg("--routines")
            .arg("--events")
            .arg("--triggers")
            .arg(format!("--socket={}", self.inner.socket.display()))
            .arg("-uroot")
            .arg(db.name());
        process::run(cmd, "mariadb-dump --no-data")
    }
}

fn quote(ident: &str) -> String {
    format!("`{}`", ident.replace('`', "``"))
}

/// One database of the server, with its connection.
pub struct MyDb {
    db: String,
    conn: Option<Conn>,
    inner: Arc<Inner>,
    named: bool,
}

impl MyDb {
    fn conn(&mut self) -> Result<&mut Conn, String> {
        self.conn.as_mut().ok_or_else(|| "connection closed".to_string())
    }

    /// Each script and snapshot starts from a clean session in this database.
    fn clean_session(&mut self) -> Result<(), String> {
        let q = quote(&self.db);
        let c = self.conn()?;
        c.reset().map_err(|e| format!("reset connection: {}", my_err(&e)))?;
        c.query_drop(format!("USE {q}")).map_err(|e| format!("USE: {}", my_err(&e)))
    }

    fn run_split(&mut self, sql: &str, flavor: Flavor) -> Result<(), String> {
        self.clean_session()?;
        let c = self.conn()?;
        for stmt in split(sql, flavor) {
            if let Err(e) = c.query_drop(&stmt) {
                return Err(format!("{}\n  in: {}", my_err(&e), crate::shorten(&stmt, 200)));
            }
        }
        Ok(())
    }

    fn rows(&mut self, sql: &str) -> Result<Vec<Row>, String> {
        let rows: Vec<mysql::Row> = self.conn()?.query(sql).map_err(|e| my_err(&e))?;
        Ok(rows.into_iter().map(|r| r.unwrap().into_iter().map(text).collect()).collect())
    }
}

fn text(v: Value) -> Option<String> {
    match v {
        Value::NULL => None,
        Value::Bytes(b) => Some(String::from_utf8_lossy(&b).to_string()),
        other => Some(other.as_sql(true).trim_matches('\'').to_string()),
    }
}

impl Drop for MyDb {
    fn drop(&mut self) {
        let q = quote(&self.db);
        if let Some(mut conn) = self.conn.take() {
            let ok = conn.reset().is_ok() && conn.query_drop(format!("DROP DATABASE IF EXISTS {q}")).is_ok();
            if ok {
                if let Ok(mut idle) = self.inner.idle.lock() {
                    idle.push(conn);
                }
            }
        }
        if self.named {
            if let Ok(mut held) = self.inner.named.lock() {
                held.retain(|h| h != &self.db);
                self.inner.named_free.notify_all();
            }
        }
    }
}

impl Database for MyDb {
    fn name(&self) -> String {
        self.db.clone()
    }

    fn run_script(&mut self, sql: &str) -> Result<(), String> {
        self.run_split(sql, Flavor::Mysql)
    }

    fn run_migration(&mut self, sql: &str) -> Result<(), String> {
        self.run_split(sql, Flavor::MysqlClient)
    }

    fn execute(&mut self, sql: &str) -> Result<(), String> {
        self.conn()?.query_drop(sql).map_err(|e| my_err(&e))
    }

    /// The connection has `CLIENT_MULTI_STATEMENTS` (the mysql crate asks for it, as
    /// go-sql-driver/mysql does with `multiStatements=true`); the error of a later statement
    /// comes with its result set, so every set is read.
    fn execute_multi(&mut self, sql: &str) -> Result<(), String> {
        let mut result = self.conn()?.query_iter(sql).map_err(|e| my_err(&e))?;
        while let Some(set) = result.iter() {
            for row in set {
                row.map_err(|e| my_err(&e))?;
            }
        }
        Ok(())
    }

    fn query(&mut self, sql: &str) -> Result<Vec<Row>, String> {
        self.rows(sql)
    }

    fn catalog(&mut self) -> Result<Catalog, String> {
        self.clean_session()?;
        let db = self.db.clone();
        let strip = |s: String| s.replace(&format!("{}.", quote(&db)), "");
        let mut cat = Catalog::default();
        for row in self.rows(&tables_query(&db))? {
            let (Some(Some(name)), Some(Some(kind))) = (row.first(), row.get(1)) else { continue };
            if kind == "SEQUENCE" {
                let r = self.rows(&format!("SHOW CREATE SEQUENCE {}", quote(name)))?;
                let text = r.first().and_then(|r| r.get(1).cloned().flatten()).unwrap_or_default();
                cat.add(format!("sequence {name}"), strip(text));
            } else if kind == "BASE TABLE" || kind == "SYSTEM VERSIONED" {
                let r = self.rows(&format!("SHOW CREATE TABLE {}", quote(name)))?;
                let text = r.first().and_then(|r| r.get(1).cloned().flatten()).unwrap_or_default();
                add_create_table(&mut cat, name, &strip(text));
            }
        }
        for q in queries(&db) {
            for row in self.rows(&q)? {
                if let [Some(key), desc] = row.as_slice() {
                    let desc = strip(desc.clone().unwrap_or_default());
                    // MariaDB keeps trigger, routine and event bodies as written, and so must a
                    // migration: they compare byte for byte (only trailing whitespace aside).
                    let body = ["trigger ", "procedure ", "function ", "event "].iter().any(|k| key.starts_with(k));
                    cat.add(key.clone(), if body { desc.trim_end().to_string() } else { desc });
                }
            }
        }
        for row in self.rows(&columns_query(&db))? {
            if let [Some(t), Some(c), Some(ty), _, _, extra, generated, ..] = row.as_slice() {
                let generated =
                    generated.as_deref().filter(|_| extra.as_deref().is_some_and(|e| e.to_ascii_lowercase().contains("generated")));
                cat.add_table_column(t, t, &quote(t), c, ty, generated);
            }
        }
        Ok(cat)
    }

    fn seed_tables(&mut self) -> Result<Vec<SeedTable>, String> {
        self.clean_session()?;
        let db = self.db.clone();
        let mut tables: BTreeMap<String, SeedTable> = BTreeMap::new();
        for row in self.rows(&columns_query(&db))? {
            let get = |i: usize| row.get(i).cloned().flatten();
            let key = get(0).unwrap_or_default();
            let t = tables.entry(key.clone()).or_insert_with(|| SeedTable {
                key: key.clone(),
                name: key.clone(),
                sql_name: quote(&key),
                columns: Vec::new(),
                parents: Vec::new(),
                partition_rows: Vec::new(),
            });
            let type_name = get(2).unwrap_or_default();
            let extra = get(5).unwrap_or_default().to_ascii_lowercase();
            t.columns.push(SeedColumn {
                name: get(1).unwrap_or_default(),
                labels: enum_labels(&type_name),
                type_name: type_name.to_ascii_lowercase(),
                nullable: get(3).as_deref() == Some("YES"),
                has_default: get(4).is_some() || extra.contains("auto_increment"),
                engine_filled: extra.contains("generated"),
            });
        }
        for row in self.rows(&parents_query(&db))? {
            if let [Some(child), Some(parent)] = row.as_slice() {
                if let Some(t) = tables.get_mut(child) {
                    t.parents.push(parent.clone());
                }
            }
        }
        Ok(tables.into_values().collect())
    }

    fn quote(&self, ident: &str) -> String {
        quote(ident)
    }

    fn as_text(&self, quoted_column: &str) -> String {
        quoted_column.to_string()
    }
}

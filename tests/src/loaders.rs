//! Loaders for the migration tools that cannot be installed here (each downloads its binary at
//! install time): they read the package's `migrations/` directory the way the tool documents it
//! and send the SQL to the database the way the tool does. Each rule cites its source.
//!
//! - goose (pressly/goose v3): files `{version}_{name}.sql`, version = the number before the
//!   first `_` (`migrate.go` NumericComponent), applied in version order; the file read by
//!   `goose_parser.rs`, a line-for-line port of `internal/sqlparser/parser.go` (annotations,
//!   `;` at a line end, StatementBegin/End, NO TRANSACTION, the files it refuses); each file
//!   runs in one transaction unless it holds `-- +goose NO TRANSACTION`, and each statement is
//!   one `Exec` (`migration_sql.go` runSQLMigration). `goose down` undoes the newest version.
//! - golang-migrate (golang-migrate/migrate v4): files `{version}_{title}.up.sql` /
//!   `.down.sql` (`source/parse.go` DefaultRegex `^([0-9]+)_(.*)\.(down|up)\.(.*)$`); the whole
//!   file is ONE `Exec` (`database/postgres/postgres.go` and `database/mysql/mysql.go` Run),
//!   with no transaction of its own; the SQLite driver with `x-no-tx-wrap=true` likewise
//!   (`database/sqlite3/README.md`). `down N` runs the newest N down files. Sent here as one
//!   query too (`Database::execute_multi`): PostgreSQL's simple query, MariaDB's
//!   multi-statement query (the README's URL has `multiStatements=true`), where the SERVER
//!   cuts the statements (a trigger body's `;` stays in it; a `DELIMITER` line is a syntax
//!   error), SQLite's batch (its own parser, as go-sqlite3's `Exec` loops over the tail).
//! - Flyway: `V{version}__{description}.sql` versioned, `U{version}__…` undo (Flyway docs,
//!   "Migrations: naming"), versions compared part by part; each script in a transaction unless
//!   its script configuration `{script}.conf` says `executeInTransaction=false` (docs, "Script
//!   Config Files"); Flyway's parser runs the statements one by one. `undo` undoes the newest.
//!   Its statements here: PostgreSQL as psql cuts them (dollar quotes, `BEGIN ATOMIC`), which
//!   PostgreSQLParser does too; MySQL as the mysql client cuts them (`split::Flavor::
//!   MysqlClient`: every `;` ends a statement unless a `DELIMITER` line changed it). Flyway's
//!   MySQLParser reads `DELIMITER` the same way (`handleKeyword`, the delimiter kept past the
//!   statement, `resetDelimiter` overridden) but ALSO keeps a `BEGIN ... END` body whole when
//!   the statement matches `^CREATE\s(((DEFINER...)?(PROCEDURE|FUNCTION|EVENT))|TRIGGER)`
//!   (`STORED_PROGRAM_REGEX`): not modelled, so this loader is stricter than Flyway there
//!   (`CREATE OR REPLACE TRIGGER` or a `DEFINER` trigger Flyway would cut too). SQLite: the
//!   statements go to SQLite's own parser in one batch (lenient: Flyway's SQLiteParser was not
//!   checked).
//! - Atlas: `{version}_{name}.sql`, version = the part before the first `_` (`sql/migrate/dir.go`
//!   Version), checked against `atlas.sum` (recomputed here by an independent Python hashlib
//!   implementation of `HashFile`); each file in a transaction unless its first lines hold
//!   `-- atlas:txmode none` (docs, "Transaction mode"); statements one by one, cut by
//!   `atlas_lexer.rs`, a port of `sql/migrate/lex.go` with each driver's options (a MySQL
//!   trigger's `BEGIN ... END;` body is one statement). Atlas plans down
//!   migrations from a dev database: the loader applies the package's `down.sql` instead.
//!
//! - Prisma Migrate (prisma/prisma-engines, `schema-engine`): one folder per migration, sorted by
//!   folder name (`schema-connector/src/migrations_directory.rs` list_migrations); its
//!   `migration.sql` is sent as ONE script with no transaction added (`flavour/postgres/
//!   connection.rs` apply_migration_script: `simple_query(script)`; `flavour/mysql/connection.rs`:
//!   one multi-statement query; SQLite `execute_batch`), like golang-migrate's files. Prisma has
//!   no down: each folder's `down.sql` (Prisma's guide "Generating down migrations", applied
//!   with `prisma db execute`, the same one-script path) runs newest folder first.
//!
//! SQLite: the test engine opens a connection per call, so the statements of one file that
//! runs outside a transaction go in ONE call (the tools run them on one connection; a table
//! rebuild's `PRAGMA foreign_keys=OFF` must hold for the statements after it).

use crate::engine::Database;
use schemashift::package::{Format, Package};
use schemashift::{Dialect, Migration};
use std::process::Command;

/// One query of a tool: sent with one `execute`, or (a whole golang-migrate or Prisma file) as
/// one multi-statement query, which runs its statements in order and stops at the first error
/// (`Database::execute_multi`).
pub const MULTI: &str = "\u{1}multi\u{1}";

/// One migration version as the tool loaded it: the queries it sends, one `execute` each.
#[derive(Clone, Debug)]
pub struct Version {
    pub version: Vec<u64>,
    pub file: String,
    pub up: Vec<String>,
    pub down: Option<Vec<String>>,
}

pub struct Loader {
    pub format: Format,
    pub versions: Vec<Version>,
    down_sql: Option<String>,
}

/// The queries of a list of statements, run in one transaction or not.
fn queries(statements: Vec<String>, transactional: bool, d: Dialect) -> Vec<String> {
    if statements.is_empty() {
        return Vec::new();
    }
    let with_semicolons: Vec<String> = statements.iter().map(|s| format!("{};", s.strip_suffix(';').unwrap_or(s))).collect();
    match (d, transactional) {
        (Dialect::Sqlite, true) => vec![format!("BEGIN;\n{}\nCOMMIT;", with_semicolons.join("\n"))],
        (Dialect::Sqlite, false) => vec![with_semicolons.join("\n")],
        (_, true) => {
            let mut q = vec!["BEGIN".to_string()];
            q.extend(statements);
            q.push("COMMIT".to_string());
            q
        }
        (_, false) => statements,
    }
}

fn files<'a>(pkg: &'a Package, suffix: &str) -> Vec<(&'a str, &'a str)> {
    pkg.files
        .keys()
        .filter_map(|k| k.strip_prefix("migrations/"))
        .filter(|n| n.ends_with(suffix) && !n.contains('/'))
        .map(|n| (n, pkg.text(&format!("migrations/{n}")).unwrap_or_default()))
        .collect()
}

fn number(s: &str, file: &str) -> Result<u64, String> {
    s.parse::<u64>().map_err(|_| format!("{file}: version `{s}` is not a number"))
}

impl Loader {
    pub fn read(format: Format, pkg: &Package, d: Dialect) -> Result<Loader, String> {
        let mut versions = match format {
            Format::Goose => goose(pkg, d)?,
            Format::GolangMigrate => golang_migrate(pkg)?,
            Format::Flyway => flyway(pkg, d)?,
            Format::Atlas => atlas(pkg, d)?,
            Format::Prisma => prisma(pkg, d)?,
            other => return Err(format!("no loader for {other}: it runs for real")),
        };
        versions.sort_by(|a, b| a.version.cmp(&b.version));
        if versions.windows(2).any(|w| w[0].version == w[1].version) {
            return Err("two files share a version".into());
        }
        let down_sql = (format == Format::Atlas).then(|| pkg.text("down.sql").unwrap_or_default().to_string());
        Ok(Loader { format, versions, down_sql })
    }

    pub fn up(&self, db: &mut dyn Database) -> Result<(), String> {
        for v in &self.versions {
            run(db, &v.up).map_err(|e| format!("{}: {e}", v.file))?;
        }
        Ok(())
    }

    /// Undo the package: `down N` / `down` N times / `undo` N times / Atlas's `down.sql`.
    /// Returns the number of versions undone.
    pub fn down(&self, db: &mut dyn Database, _m: &Migration) -> Result<usize, String> {
        if let Some(sql) = &self.down_sql {
            db.run_migration(sql).map_err(|e| format!("down.sql: {e}"))?;
            return Ok(self.versions.len());
        }
        for v in self.versions.iter().rev() {
            let down = v.down.as_ref().ok_or_else(|| format!("{}: no down", v.file))?;
            run(db, down).map_err(|e| format!("down {}: {e}", v.file))?;
        }
        Ok(self.versions.len())
    }
}

fn run(db: &mut dyn Database, queries: &[String]) -> Result<(), String> {
    for q in queries {
        let done = match q.strip_prefix(MULTI) {
            Some(multi) => db.execute_multi(multi),
            None => db.execute(q),
        };
        if let Err(e) = done {
            let _ = db.execute("ROLLBACK");
            return Err(format!("{e}\n  in: {}", crate::shorten(q, 200)));
        }
    }
    Ok(())
}

fn goose(pkg: &Package, d: Dialect) -> Result<Vec<Version>, String> {
    let mut out = Vec::new();
    for (name, text) in files(pkg, ".sql") {
        let (v, _) = name.split_once('_').ok_or_else(|| format!("{name}: no `_` after the version"))?;
        let refused = |e: String| format!("{name}: goose refuses the file: {e}");
        let (up, tx) = crate::goose_parser::parse(text, true).map_err(refused)?;
        let (down, _) = crate::goose_parser::parse(text, false).map_err(refused)?;
        out.push(Version {
            version: vec![number(v, name)?],
            file: name.to_string(),
            up: queries(up, tx, d),
            down: Some(queries(down, tx, d)),
        });
    }
    Ok(out)
}

fn golang_migrate(pkg: &Package) -> Result<Vec<Version>, String> {
    let one = |t: &str| format!("{MULTI}{t}");
    let mut out: Vec<Version> = Vec::new();
    for (name, text) in files(pkg, ".up.sql") {
        let (v, _) = name.split_once('_').ok_or_else(|| format!("{name}: no `_` after the version"))?;
        let down_name = format!("{}.down.sql", name.trim_end_matches(".up.sql"));
        let down = pkg.text(&format!("migrations/{down_name}")).map(|t| vec![one(t)]);
        out.push(Version { version: vec![number(v, name)?], file: name.to_string(), up: vec![one(text)], down });
    }
    Ok(out)
}

fn prisma(pkg: &Package, d: Dialect) -> Result<Vec<Version>, String> {
    let one = |t: &str| format!("{MULTI}{t}");
    let lock = pkg.text("migrations/migration_lock.toml").ok_or("no migrations/migration_lock.toml")?;
    let provider = match d {
        Dialect::Postgres => "postgresql",
        Dialect::Mysql => "mysql",
        Dialect::Sqlite => "sqlite",
    };
    if !lock.lines().any(|l| l.trim() == format!("provider = \"{provider}\"")) {
        return Err(format!("migration_lock.toml does not name provider {provider} (Prisma refuses it, P3019):\n{lock}"));
    }
    let mut out = Vec::new();
    for (path, text) in pkg.files.keys().filter_map(|k| Some((k, k.strip_prefix("migrations/")?.strip_suffix("/migration.sql")?))) {
        let dir = text;
        if dir.contains('/') {
            continue;
        }
        let (v, _) = dir.split_once('_').ok_or_else(|| format!("{dir}: no `_` after the timestamp"))?;
        let up = pkg.text(path).unwrap_or_default();
        let down = pkg.text(&format!("migrations/{dir}/down.sql")).map(|t| vec![one(t)]);
        out.push(Version { version: vec![number(v, dir)?], file: format!("{dir}/migration.sql"), up: vec![one(up)], down });
    }
    Ok(out)
}

fn flyway_version(name: &str, prefix: char) -> Option<Result<Vec<u64>, String>> {
    let rest = name.strip_prefix(prefix)?.strip_suffix(".sql")?;
    let (v, _) = rest.split_once("__")?;
    Some(v.split(['.', '_']).map(|p| number(p, name)).collect())
}

fn flyway(pkg: &Package, d: Dialect) -> Result<Vec<Version>, String> {
    // The script configuration's `executeInTransaction`, if it sets it.
    let setting = |file: &str| {
        let conf = pkg.text(&format!("migrations/{file}.conf"))?;
        conf.lines().find_map(|l| l.trim().strip_prefix("executeInTransaction=").map(|v| v.trim() == "true"))
    };
    let read = |file: &str, text: &str| {
        let (statements, tx) = crate::flyway_parser::read(text, d, setting(file)).map_err(|e| format!("{file}: Flyway refuses it: {e}"))?;
        Ok::<_, String>(queries(statements, tx, d))
    };
    let mut out = Vec::new();
    for (name, text) in files(pkg, ".sql") {
        let Some(version) = flyway_version(name, 'V') else { continue };
        let version = version?;
        let undo = files(pkg, ".sql").into_iter().find(|(n, _)| flyway_version(n, 'U').and_then(Result::ok).as_ref() == Some(&version));
        let down = match undo {
            Some((n, t)) => Some(read(n, t)?),
            None => None,
        };
        out.push(Version { version, file: name.to_string(), up: read(name, text)?, down });
    }
    Ok(out)
}

/// Atlas's `HashFile` (sql/migrate/dir.go) in Python's hashlib, independent of the Rust code
/// that wrote `atlas.sum`.
const ATLAS_SUM_PY: &str = r#"
import base64, hashlib, json, sys
files = json.load(sys.stdin)
h = hashlib.sha256(); lines = []
for name in sorted(files):
    h.update(name.encode())
    h.update(files[name].encode())
    lines.append((name, base64.b64encode(h.digest()).decode()))
t = hashlib.sha256()
for n, s in lines:
    t.update(n.encode()); t.update(s.encode())
print("h1:" + base64.b64encode(t.digest()).decode())
for n, s in lines:
    print(n + " h1:" + s)
"#;

fn atlas(pkg: &Package, d: Dialect) -> Result<Vec<Version>, String> {
    let sql = files(pkg, ".sql");
    let json = format!("{{{}}}", sql.iter().map(|(n, t)| format!("{}: {}", json_str(n), json_str(t))).collect::<Vec<_>>().join(", "));
    let mut child = Command::new("python3")
        .args(["-c", ATLAS_SUM_PY])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .map_err(|e| format!("python3 (the atlas.sum reference): {e}"))?;
    use std::io::Write as _;
    child.stdin.take().expect("stdin").write_all(json.as_bytes()).map_err(|e| e.to_string())?;
    let out = child.wait_with_output().map_err(|e| e.to_string())?;
    let want = String::from_utf8_lossy(&out.stdout).to_string();
    let got = pkg.text("migrations/atlas.sum").unwrap_or_default();
    if want != got {
        return Err(format!("atlas.sum does not match the directory (Atlas refuses it):\n  file: {got}\n  computed: {want}"));
    }
    let mut out = Vec::new();
    for (name, text) in sql {
        let (v, _) = name.split_once('_').ok_or_else(|| format!("{name}: no `_` after the version"))?;
        let tx = !text.lines().take_while(|l| l.starts_with("--") || l.trim().is_empty()).any(|l| l.trim() == "-- atlas:txmode none");
        out.push(Version {
            version: vec![number(v, name)?],
            file: name.to_string(),
            up: queries(crate::atlas_lexer::statements(text, d).map_err(|e| format!("{name}: Atlas cannot scan it: {e}"))?, tx, d),
            down: None,
        });
    }
    Ok(out)
}

fn json_str(s: &str) -> String {
    let mut o = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => o.push_str("\\\""),
            '\\' => o.push_str("\\\\"),
            '\n' => o.push_str("\\n"),
            '\r' => o.push_str("\\r"),
            '\t' => o.push_str("\\t"),
            c if (c as u32) < 0x20 => o.push_str(&format!("\\u{:04x}", c as u32)),
            c => o.push(c),
        }
    }
    o.push('"');
    o
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flyway_versions_compare_by_part() {
        assert_eq!(flyway_version("V1.10__x.sql", 'V').unwrap().unwrap(), vec![1, 10]);
        assert!(flyway_version("U1__x.sql", 'V').is_none());
    }
}

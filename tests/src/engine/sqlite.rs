//! SQLite through `rusqlite` (bundled): each database is a file in a temporary directory, and
//! each script runs on a new connection, as each run of the `sqlite3` shell would (so pragma
//! state such as `foreign_keys` starts from the defaults every time), except that a migration
//! runs with `PRAGMA foreign_keys = ON`, as an application's connection has it.

use super::sqlite_catalog::{index_where, normalize, table_text};
use super::{Database, Engine, Row, SeedColumn, SeedTable};
use crate::catalog::Catalog;
use rusqlite::types::ValueRef;
use rusqlite::{Batch, Connection};
use schemashift::Dialect;
use std::path::PathBuf;
use std::process::Command;

pub struct Sqlite;

impl Sqlite {
    pub fn start() -> Result<Sqlite, String> {
        Ok(Sqlite)
    }
}

fn sq_err(e: &rusqlite::Error) -> String {
    e.to_string()
}

impl Engine for Sqlite {
    fn dialect(&self) -> Dialect {
        Dialect::Sqlite
    }

    fn label(&self) -> String {
        format!("SQLite {}", rusqlite::version())
    }

    fn fresh(&self, _name: Option<&str>) -> Result<Box<dyn Database>, String> {
        let dir = tempfile::Builder::new().prefix("schemashift-sqlite-").tempdir().map_err(|e| format!("temporary directory: {e}"))?;
        let path = dir.path().join("db.sqlite");
        Ok(Box::new(SqliteDb { _dir: dir, path }))
    }

    fn ensure_roles(&self, _roles: &[String]) -> Result<(), String> {
        Ok(())
    }

    fn dump(&self, db: &mut dyn Database) -> Result<String, String> {
        let cli = ["/usr/bin/sqlite3", "/usr/local/bin/sqlite3"].iter().map(PathBuf::from).find(|p| p.exists());
        if let Some(cli) = cli {
            let mut cmd = Command::new(cli);
            cmd.arg(db.name()).arg(".schema");
            return super::process::run(cmd, "sqlite3 .schema");
        }
        let rows = db.query("SELECT sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY rowid")?;
        Ok(rows.into_iter().filter_map(|r| r.into_iter().next().flatten()).map(|s| format!("{s};\n")).collect())
    }
}

pub struct SqliteDb {
    _dir: tempfile::TempDir,
    path: PathBuf,
}

impl SqliteDb {
    fn open(&self) -> Result<Connection, String> {
        let c = Connection::open(&self.path).map_err(|e| sq_err(&e))?;
        c.execute_batch("PRAGMA synchronous = OFF").map_err(|e| sq_err(&e))?;
        Ok(c)
    }

    fn pragma_rows(&mut self, c: &Connection, sql: &str) -> Result<Vec<Row>, String> {
        rows(c, sql)
    }

    /// Run a script statement by statement; `foreign_keys`: with `PRAGMA foreign_keys = ON` first.
    fn run(&mut self, sql: &str, foreign_keys: bool) -> Result<(), String> {
        let c = self.open()?;
        if foreign_keys {
            c.execute_batch("PRAGMA foreign_keys = ON").map_err(|e| sq_err(&e))?;
        }
        let mut batch = Batch::new(&c, sql);
        loop {
            let next = batch.next().map_err(|e| sq_err(&e))?;
            let Some(mut stmt) = next else { break };
            let text = stmt.expanded_sql().unwrap_or_default();
            let mut rs = stmt.raw_query();
            loop {
                match rs.next() {
                    Ok(Some(_)) => {}
                    Ok(None) => break,
                    Err(e) => return Err(format!("{}\n  in: {}", sq_err(&e), crate::shorten(&text, 200))),
                }
            }
        }
        Ok(())
    }
}

fn value_text(v: ValueRef<'_>) -> Option<String> {
    match v {
        ValueRef::Null => None,
        ValueRef::Integer(i) => Some(i.to_string()),
        ValueRef::Real(f) => Some(f.to_string()),
        ValueRef::Text(t) => Some(String::from_utf8_lossy(t).to_string()),
        ValueRef::Blob(b) => Some(b.iter().map(|x| format!("{x:02x}")).collect::<String>()),
    }
}

fn rows(c: &Connection, sql: &str) -> Result<Vec<Row>, String> {
    let mut stmt = c.prepare(sql).map_err(|e| sq_err(&e))?;
    let n = stmt.column_count();
    let mut out = Vec::new();
    let mut rs = stmt.query([]).map_err(|e| sq_err(&e))?;
    while let Some(r) = rs.next().map_err(|e| sq_err(&e))? {
        out.push((0..n).map(|i| r.get_ref(i).ok().and_then(value_text)).collect());
    }
    Ok(out)
}

fn lit(s: &str) -> String {
    format!("'{}'", s.replace('\'', "''"))
}

fn get(r: &Row, i: usize) -> String {
    r.get(i).cloned().flatten().unwrap_or_default()
}

impl Database for SqliteDb {
    fn name(&self) -> String {
        self.path.display().to_string()
    }

    fn run_script(&mut self, sql: &str) -> Result<(), String> {
        self.run(sql, false)
    }

    /// A migration runs with foreign keys on, as an application's connection has them: a plan
    /// that would run `ON DELETE` actions (a `DROP TABLE` of a parent deletes its rows first)
    /// must turn them off itself.
    /// A migration that ran leaves no broken reference: a step that ran with foreign keys off
    /// (a rebuild) is not checked by the engine, and `PRAGMA foreign_key_check` only lists.
    /// (A reference to a table that is not there is AFTER's: a child kept, its parent dropped.)
    fn run_migration(&mut self, sql: &str) -> Result<(), String> {
        self.run(sql, true)?;
        let broken = self.query("SELECT \"table\", rowid, parent FROM pragma_foreign_key_check WHERE parent COLLATE NOCASE IN (SELECT name FROM sqlite_master WHERE type = 'table')")?;
        if broken.is_empty() {
            return Ok(());
        }
        let rows: Vec<String> = broken.iter().take(5).map(|r| format!("{}.rowid {} -> {}", get(r, 0), get(r, 1), get(r, 2))).collect();
        Err(format!("the migration ran and left {} broken foreign key reference(s): {}", broken.len(), rows.join(", ")))
    }
    fn execute(&mut self, sql: &str) -> Result<(), String> {
        self.open()?.execute_batch(sql).map_err(|e| sq_err(&e))
    }

    fn query(&mut self, sql: &str) -> Result<Vec<Row>, String> {
        let c = self.open()?;
        rows(&c, sql)
    }

    fn catalog(&mut self) -> Result<Catalog, String> {
        let c = self.open()?;
        let mut cat = Catalog::default();
        let list = self.pragma_rows(&c, "SELECT name, type, wr, strict FROM pragma_table_list WHERE schema = 'main'")?;
        for t in &list {
            let (name, kind) = (get(t, 0), get(t, 1));
            if name.starts_with("sqlite_") {
                continue;
            }
            let key = name.to_lowercase();
            let sql = rows(&c, &format!("SELECT sql FROM sqlite_master WHERE type IN ('table', 'view') AND name = {}", lit(&name)))?
                .first()
                .map(|r| get(r, 0))
                .unwrap_or_default();
            if kind == "view" {
                // The name as the engine keeps it (declared case), beside the definition.
                cat.add(format!("view {key}"), format!("{name}: {}", normalize(&sql)));
                continue;
            }
            let text = table_text(&sql);
            let mut desc = format!("{kind} without_rowid={} strict={}", get(t, 2), get(t, 3));
            for check in &text.checks {
                desc.push_str(&format!(" {check}"));
            }
            for conflict in &text.conflicts {
                desc.push_str(&format!(" {conflict}"));
            }
            cat.add(format!("table {key}"), desc);
            for col in rows(&c, &format!("SELECT name, type, \"notnull\", dflt_value, pk, hidden FROM pragma_table_xinfo({})", lit(&name)))?
            {
                let cname = get(&col, 0);
                let lower = normalize(&format!("\"{cname}\""));
                let mut d = get(&col, 1).to_uppercase().split_whitespace().collect::<Vec<_>>().join(" ");
                // The name as the engine shows it (`SELECT *`, `PRAGMA table_info`): the case
                // declared, which SQLite keeps though it compares names without it.
                if cname != cname.to_ascii_lowercase() {
                    d.push_str(&format!(" spelled {cname}"));
                }
                if get(&col, 2) == "1" {
                    d.push_str(" not null");
                }
                if let Some(Some(def)) = col.get(3) {
                    d.push_str(&format!(" default {}", normalize(def)));
                }
                if get(&col, 4) != "0" {
                    d.push_str(&format!(" pk{}", get(&col, 4)));
                }
                let extra = text.column_extras.iter().find(|(n, _)| *n == lower).map(|(_, e)| e.as_str());
                if let Some(extra) = extra {
                    d.push_str(&format!(" {extra}"));
                }
                cat.add(format!("column {key}.{lower}"), d);
                let generated = extra.filter(|e| e.contains("generated as "));
                cat.add_table_column(&name, &name, &self.quote(&name), &cname, &get(&col, 1).to_uppercase(), generated);
            }
            for idx in rows(&c, &format!("SELECT name, \"unique\", origin, partial FROM pragma_index_list({})", lit(&name)))? {
                let iname = get(&idx, 0);
                let cols = rows(
                    &c,
                    &format!("SELECT name, \"desc\", coll FROM pragma_index_xinfo({}) WHERE key = 1 ORDER BY seqno", lit(&iname)),
                )?
                .iter()
                .map(|r| {
                    format!(
                        "{}{} {}",
                        normalize(&format!("\"{}\"", get(r, 0))),
                        if get(r, 1) == "1" { " desc" } else { "" },
                        get(r, 2).to_lowercase()
                    )
                })
                .collect::<Vec<_>>()
                .join(", ");
                let origin = get(&idx, 2);
                if origin == "c" {
                    let isql = rows(&c, &format!("SELECT sql FROM sqlite_master WHERE type = 'index' AND name = {}", lit(&iname)))?
                        .first()
                        .map(|r| get(r, 0))
                        .unwrap_or_default();
                    let w = index_where(&isql);
                    let d = format!(
                        "{iname} on {key} unique={} ({cols}){}",
                        get(&idx, 1),
                        if w.is_empty() { String::new() } else { format!(" where {w}") }
                    );
                    // Expression columns have no name in the pragma: the statement says them.
                    let d = if cols.contains("\"\"") { format!("{d} {}", normalize(&isql)) } else { d };
                    cat.add(format!("index {}", iname.to_lowercase()), d);
                } else {
                    // Automatic indexes of PRIMARY KEY / UNIQUE: named by position, keyed by columns.
                    cat.add(format!("{} {key} ({cols})", if origin == "pk" { "primary key index" } else { "unique" }), "auto".to_string());
                }
            }
            let mut fks: std::collections::BTreeMap<String, (Vec<String>, Vec<String>, String, String)> = Default::default();
            for fk in rows(
                &c,
                &format!(
                    "SELECT id, \"table\", \"from\", \"to\", on_update, on_delete, match FROM pragma_foreign_key_list({}) ORDER BY id, seq",
                    lit(&name)
                ),
            )? {
                let e = fks.entry(get(&fk, 0)).or_default();
                e.0.push(normalize(&format!("\"{}\"", get(&fk, 2))));
                e.1.push(normalize(&format!("\"{}\"", get(&fk, 3))));
                e.2 = get(&fk, 1).to_lowercase();
                e.3 = format!("on update {} on delete {} match {}", get(&fk, 4), get(&fk, 5), get(&fk, 6)).to_lowercase();
            }
            for (from, to, parent, actions) in fks.into_values() {
                cat.add(format!("foreign key {key} ({}) references {parent} ({})", from.join(", "), to.join(", ")), actions);
            }
        }
        for t in rows(&c, "SELECT name, sql FROM sqlite_master WHERE type = 'trigger'")? {
            // SQLite keeps a trigger's statement as written, and so must a migration.
            cat.add(format!("trigger {}", get(&t, 0).to_lowercase()), get(&t, 1).trim_end().to_string());
        }
        Ok(cat)
    }

    fn seed_tables(&mut self) -> Result<Vec<SeedTable>, String> {
        let c = self.open()?;
        let mut out = Vec::new();
        let names = rows(&c, "SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name")?;
        for n in names {
            let name = get(&n, 0);
            let cols =
                rows(&c, &format!("SELECT name, type, \"notnull\", dflt_value, pk, hidden FROM pragma_table_xinfo({})", lit(&name)))?;
            let pk_count = cols.iter().filter(|r| get(r, 4) != "0").count();
            let columns = cols
                .iter()
                .map(|r| {
                    let type_name = get(r, 1).to_lowercase();
                    let rowid_alias = pk_count == 1 && get(r, 4) == "1" && type_name == "integer";
                    SeedColumn {
                        name: get(r, 0),
                        type_name,
                        nullable: get(r, 2) != "1",
                        has_default: r.get(3).cloned().flatten().is_some() || rowid_alias,
                        engine_filled: matches!(get(r, 5).as_str(), "2" | "3"),
                        labels: Vec::new(),
                    }
                })
                .collect();
            let parents = rows(&c, &format!("SELECT DISTINCT \"table\" FROM pragma_foreign_key_list({})", lit(&name)))?
                .iter()
                .map(|r| get(r, 0))
                .filter(|p| !p.eq_ignore_ascii_case(&name))
                .collect();
            out.push(SeedTable {
                key: name.clone(),
                name: name.clone(),
                sql_name: self.quote(&name),
                columns,
                parents,
                partition_rows: Vec::new(),
            });
        }
        Ok(out)
    }

    fn quote(&self, ident: &str) -> String {
        format!("\"{}\"", ident.replace('"', "\"\""))
    }

    fn as_text(&self, quoted_column: &str) -> String {
        quoted_column.to_string()
    }
}

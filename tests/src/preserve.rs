//! `--preserve-data` on real engines: seed rows, apply up, apply down, and compare EVERY row
//! of every table of BEFORE with what it held before up — the dropped columns' and tables'
//! values and the exact spelling of narrowed values included (the plain round trip cannot
//! check those: without a backup they are gone). Each case is also run without the option, and
//! must then lose data (or fail): that shows the case exercises what the option keeps.

use crate::engine::{Database, Engine, Row};
use schemashift::{Dialect, Options};

/// One case: BEFORE, AFTER, rows for BEFORE, the tables to compare, and statements that must
/// work after down (e.g. an insert that needs the sequence moved past the restored ids).
pub struct PreserveCase {
    pub id: &'static str,
    pub before: String,
    pub after: String,
    pub seed: String,
    pub tables: Vec<&'static str>,
    pub after_down: Vec<String>,
}

/// What one case showed.
#[derive(Debug, Default)]
pub struct Outcome {
    /// Rows compared after down, all equal.
    pub rows_kept: usize,
    /// Values (rows × columns) compared.
    pub values_kept: usize,
    /// Without `--preserve-data`: rows that differ or are gone, or why down failed.
    pub lost_without: String,
}

fn generate(d: Dialect, case: &PreserveCase, preserve: bool) -> schemashift::Migration {
    let mut o = Options::new(d);
    o.preserve_data = preserve;
    schemashift::generate(&case.before, &case.after, &o)
}

/// Every row of each table, columns in name order (PostgreSQL adds a column back at the end).
pub fn rows(db: &mut dyn Database, tables: &[&str]) -> Result<Vec<(String, Vec<Row>)>, String> {
    let shapes = db.seed_tables()?;
    let mut out = Vec::new();
    for t in tables {
        let shape = shapes.iter().find(|s| s.name == *t).ok_or_else(|| format!("no table {t}"))?;
        let mut names: Vec<&str> = shape.columns.iter().map(|c| c.name.as_str()).collect();
        names.sort();
        let list: Vec<String> = names.iter().map(|n| db.as_text(&db.quote(n))).collect();
        let mut r = db.query(&format!("SELECT {} FROM {}", list.join(", "), db.quote(t)))?;
        r.sort();
        out.push((t.to_string(), r));
    }
    Ok(out)
}

/// Run one case on `engine`: Ok with the figures, or Err with what went wrong.
pub fn run(engine: &dyn Engine, case: &PreserveCase) -> Result<Outcome, String> {
    let d = engine.dialect();
    let mut db = engine.fresh(None)?;
    db.run_script(&case.before).map_err(|e| format!("BEFORE: {e}"))?;
    let empty_cat = db.catalog()?;
    db.run_script(&case.seed).map_err(|e| format!("seed: {e}"))?;
    let seeded = rows(db.as_mut(), &case.tables)?;
    let m = generate(d, case, true);
    if m.preserved.is_empty() {
        return Err("--preserve-data made no backup".into());
    }
    let up_backups = |p: &&schemashift::plan::Preserved| p.direction == schemashift::plan::Direction::Up;
    if let Some(p) = m.preserved.iter().filter(up_backups).find(|p| !p.restored) {
        return Err(format!("{} is not restored by down: {:?}", p.what(), p.note));
    }
    db.run_migration(&m.up_sql()).map_err(|e| format!("up: {e}\n{}", m.up_sql()))?;
    db.run_migration(&m.down_sql()).map_err(|e| format!("down: {e}\n{}", m.down_sql()))?;
    let back = rows(db.as_mut(), &case.tables)?;
    if back != seeded {
        return Err(format!("rows differ after down:\n  before up: {seeded:?}\n  after down: {back:?}\n{}", m.down_sql()));
    }
    drop_down_backups(db.as_mut(), &m)?;
    let cat = db.catalog()?;
    let diff = cat.diff(&empty_cat);
    if !diff.is_empty() {
        return Err(format!("after down the schema differs from BEFORE (a backup left behind?): {diff:?}"));
    }
    for s in &case.after_down {
        db.execute(s).map_err(|e| format!("after down, `{s}` fails: {e}"))?;
    }
    // Up again: the backups were dropped, so it runs as the first time did.
    db.run_migration(&m.up_sql()).map_err(|e| format!("up again after down: {e}"))?;
    let mut out = Outcome::default();
    for (_, r) in &seeded {
        out.rows_kept += r.len();
        out.values_kept += r.iter().map(Vec::len).sum::<usize>();
    }
    out.lost_without = lost_without(engine, case, &seeded)?;
    Ok(out)
}

/// What down backed up (tables and columns up created) is kept for the DBA: check it is there,
/// then drop it as `cleanup/` would, so that the catalog compares with BEFORE's.
pub fn drop_down_backups(db: &mut dyn Database, m: &schemashift::Migration) -> Result<(), String> {
    for p in m.preserved.iter().filter(|p| p.direction == schemashift::plan::Direction::Down) {
        db.query(&format!("SELECT COUNT(*) FROM {}", qname(db, &p.backup)))
            .map_err(|e| format!("down's backup of {} is missing: {e}", p.what()))?;
        db.execute(&format!("DROP TABLE {}", qname(db, &p.backup)))?;
    }
    Ok(())
}

/// `schema.name` (or `name`) quoted for the engine.
pub fn qname(db: &dyn Database, q: &schemashift::model::QName) -> String {
    if q.schema.is_empty() {
        db.quote(&q.name)
    } else {
        format!("{}.{}", db.quote(&q.schema), db.quote(&q.name))
    }
}

/// The same round trip without the option must lose something.
fn lost_without(engine: &dyn Engine, case: &PreserveCase, seeded: &[(String, Vec<Row>)]) -> Result<String, String> {
    let m = generate(engine.dialect(), case, false);
    let mut db = engine.fresh(None)?;
    db.run_script(&case.before)?;
    db.run_script(&case.seed)?;
    if let Err(e) = db.run_migration(&m.up_sql()) {
        return Ok(format!("up fails: {}", crate::engine::first_line(&e)));
    }
    if let Err(e) = db.run_migration(&m.down_sql()) {
        return Ok(format!("down fails: {}", crate::engine::first_line(&e)));
    }
    let back = rows(db.as_mut(), &case.tables)?;
    let lost: usize = seeded.iter().zip(&back).map(|((_, a), (_, b))| a.iter().filter(|r| !b.contains(r)).count()).sum();
    if lost == 0 {
        return Err("without --preserve-data no row is lost: the case does not test the option".into());
    }
    Ok(format!("{lost} rows differ or are gone"))
}

/// The cases of one dialect.
pub fn cases(d: Dialect) -> Vec<PreserveCase> {
    let my = d == Dialect::Mysql;
    let pg = d == Dialect::Postgres;
    let c = |id, before: &str, after: &str, seed: &str, tables: Vec<&'static str>| PreserveCase {
        id,
        before: before.to_string(),
        after: after.to_string(),
        seed: seed.to_string(),
        tables,
        after_down: Vec::new(),
    };
    let users = "CREATE TABLE users (id integer PRIMARY KEY, email varchar(100) NOT NULL, name varchar(50));";
    let mut out = vec![
        c(
            "drop-not-null-column",
            users,
            "CREATE TABLE users (id integer PRIMARY KEY, name varchar(50));",
            "INSERT INTO users VALUES (1, 'ann@example.com', 'Ann'), (2, 'bob@example.com', NULL), (3, 'O''Hara@example.com', 'Cy');",
            vec!["users"],
        ),
        c(
            "drop-two-columns",
            "CREATE TABLE t (id integer PRIMARY KEY, a varchar(20), b integer, c varchar(20));",
            "CREATE TABLE t (id integer PRIMARY KEY, c varchar(20));",
            "INSERT INTO t VALUES (1, 'x', 10, 'k'), (2, NULL, 20, 'l'), (3, 'z', NULL, NULL);",
            vec!["t"],
        ),
        c(
            "drop-table-with-foreign-key",
            "CREATE TABLE users (id integer PRIMARY KEY, name varchar(50));\nCREATE TABLE orders (id integer PRIMARY KEY, user_id integer NOT NULL, total decimal(10,2), FOREIGN KEY (user_id) REFERENCES users (id));",
            "CREATE TABLE users (id integer PRIMARY KEY, name varchar(50));",
            "INSERT INTO users VALUES (1, 'Ann'), (2, 'Bob');\nINSERT INTO orders VALUES (10, 1, 12.50), (11, 1, NULL), (12, 2, 0.99);",
            vec!["users", "orders"],
        ),
        c(
            "narrow-text-to-integer",
            "CREATE TABLE codes (id integer PRIMARY KEY, code varchar(20));",
            "CREATE TABLE codes (id integer PRIMARY KEY, code integer);",
            "INSERT INTO codes VALUES (1, '007'), (2, '42'), (3, NULL), (4, '0000');",
            vec!["codes"],
        ),
        c(
            "drop-column-without-primary-key",
            "CREATE TABLE log (a integer, b varchar(20), note varchar(100));",
            "CREATE TABLE log (a integer, b varchar(20));",
            "INSERT INTO log VALUES (1, 'x', 'first'), (NULL, 'y', 'second'), (2, NULL, 'third'), (3, 'x', NULL);",
            vec!["log"],
        ),
        c(
            "rename-table-and-key-and-drop-column",
            "CREATE TABLE people (id integer PRIMARY KEY, nick varchar(20), secret varchar(20));",
            "-- schemashift:renamed-from people\nCREATE TABLE persons (\n  pid integer PRIMARY KEY, -- schemashift:renamed-from id\n  nick varchar(20)\n);",
            "INSERT INTO people VALUES (1, 'a', 's1'), (2, NULL, 's2'), (3, 'c', NULL);",
            vec!["people"],
        ),
    ];
    if d != Dialect::Sqlite {
        out.push(c(
            "narrow-decimal-scale",
            "CREATE TABLE prices (id integer PRIMARY KEY, amount decimal(10,2));",
            "CREATE TABLE prices (id integer PRIMARY KEY, amount decimal(10,0));",
            "INSERT INTO prices VALUES (1, 12.34), (2, 99.99), (3, NULL);",
            vec!["prices"],
        ));
    }
    if pg {
        let mut serial = c(
            "drop-table-with-serial-and-enum",
            "CREATE TYPE mood AS ENUM ('happy', 'sad');\nCREATE TABLE keep (id integer PRIMARY KEY);\nCREATE TABLE gone (id serial PRIMARY KEY, m mood, tags text[]);",
            "CREATE TABLE keep (id integer PRIMARY KEY);",
            "INSERT INTO keep VALUES (1);\nINSERT INTO gone (m, tags) VALUES ('happy', '{a,b}'), ('sad', NULL), (NULL, '{}');",
            vec!["keep", "gone"],
        );
        serial.after_down.push("INSERT INTO gone (m) VALUES ('sad')".to_string());
        out.push(serial);
        let mut identity = c(
            "drop-table-with-identity-always",
            "CREATE TABLE keep (id integer PRIMARY KEY);\nCREATE TABLE gone (id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY, v jsonb);",
            "CREATE TABLE keep (id integer PRIMARY KEY);",
            "INSERT INTO keep VALUES (1);\nINSERT INTO gone (v) VALUES ('{\"a\": 1}'), (NULL), ('[1, 2]');",
            vec!["keep", "gone"],
        );
        identity.after_down.push("INSERT INTO gone (v) VALUES ('{}')".to_string());
        out.push(identity);
        out.push(c(
            "drop-json-column-without-primary-key",
            "CREATE TABLE ev (k integer, doc json, note text);",
            "CREATE TABLE ev (k integer, doc json);",
            "INSERT INTO ev VALUES (1, '{\"x\": 1}', 'a'), (2, NULL, 'b'), (NULL, '[]', 'c');",
            vec!["ev"],
        ));
        out.push(c(
            "drop-enum-column-and-type",
            "CREATE TYPE mood AS ENUM ('happy', 'sad');\nCREATE TABLE t (id integer PRIMARY KEY, m mood NOT NULL);",
            "CREATE TABLE t (id integer PRIMARY KEY);",
            "INSERT INTO t VALUES (1, 'happy'), (2, 'sad');",
            vec!["t"],
        ));
        out.push(c(
            "narrow-bigint-to-integer-and-timestamp-to-date",
            "CREATE TABLE ev (id bigint PRIMARY KEY, at timestamp NOT NULL);",
            "CREATE TABLE ev (id bigint PRIMARY KEY, at date NOT NULL);",
            "INSERT INTO ev VALUES (1, '2024-01-02 03:04:05'), (2, '2024-12-31 23:59:59');",
            vec!["ev"],
        ));
    }
    if my {
        let mut auto = c(
            "drop-table-with-auto-increment-and-enum",
            "CREATE TABLE keep (id integer PRIMARY KEY);\nCREATE TABLE gone (id integer AUTO_INCREMENT PRIMARY KEY, m enum('happy','sad'), at datetime);",
            "CREATE TABLE keep (id integer PRIMARY KEY);",
            "INSERT INTO keep VALUES (1);\nINSERT INTO gone (m, at) VALUES ('happy', '2024-01-02 03:04:05'), ('sad', NULL);",
            vec!["keep", "gone"],
        );
        auto.after_down.push("INSERT INTO gone (m) VALUES ('sad')".to_string());
        out.push(auto);
        out.push(c(
            "drop-column-keeps-on-update-timestamp",
            "CREATE TABLE t (id integer PRIMARY KEY, note varchar(20), changed timestamp NOT NULL DEFAULT '2000-01-01 00:00:00' ON UPDATE CURRENT_TIMESTAMP);",
            "CREATE TABLE t (id integer PRIMARY KEY, changed timestamp NOT NULL DEFAULT '2000-01-01 00:00:00' ON UPDATE CURRENT_TIMESTAMP);",
            "INSERT INTO t (id, note) VALUES (1, 'a'), (2, 'b');",
            vec!["t"],
        ));
    }
    out
}

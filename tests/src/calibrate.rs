//! The calibration benchmark of the estimate model (`core/src/estimate/model.rs`): for each
//! operation class on each engine, a table of `rows` rows (`SCHEMASHIFT_CALIBRATE_ROWS`,
//! default 100 000) is loaded into a fresh database, schemashift generates the migration that
//! makes the class's change (with the table's row count and bytes as `--table-sizes`), and
//! each up step runs, timed. The report prints the estimate beside the measured time per class;
//! `SCHEMASHIFT_CALIBRATE_WRITE=1` writes it with the machine to `tests/calibration/measured.md`.
//! The engines run as the harness starts them: durability off (no fsync), so the constants are
//! those of an unloaded server without fsync cost; `calibrate.sql` gives the factor for a real one.

use crate::engine::{Database, Engine};
use schemashift::estimate::{duration, OpClass};
use schemashift::{Dialect, Options};
use std::time::Instant;

/// One class to time: the change from BEFORE (the calibration table) to AFTER.
pub struct Case {
    pub class: OpClass,
    /// What the change is, for the report.
    pub what: &'static str,
    pub after: String,
    pub zero_downtime: bool,
    pub preserve_data: bool,
}

/// The calibration table (`bench`, ~130 bytes a row in PostgreSQL) and its parent.
pub fn before(d: Dialect) -> String {
    match d {
        Dialect::Postgres => "CREATE TABLE parent (id bigint PRIMARY KEY);\nCREATE TABLE bench (id bigint PRIMARY KEY, a int, b text, c int, d timestamptz, p bigint);\n".into(),
        Dialect::Mysql => "CREATE TABLE parent (id BIGINT PRIMARY KEY);\nCREATE TABLE bench (id BIGINT PRIMARY KEY, a INT, b VARCHAR(48), c INT, d DATETIME, p BIGINT);\n".into(),
        Dialect::Sqlite => "CREATE TABLE parent (id INTEGER PRIMARY KEY);\nCREATE TABLE bench (id INTEGER PRIMARY KEY, a INTEGER, b TEXT, c INTEGER, d TEXT, p INTEGER);\n".into(),
    }
}

/// Rows into `parent` (1000) and `bench` (`rows`).
fn load(d: Dialect, rows: u64) -> Vec<String> {
    match d {
        Dialect::Postgres => vec![
            "INSERT INTO parent SELECT g FROM generate_series(1, 1000) g".into(),
            format!("INSERT INTO bench SELECT g, g % 1000, md5(g::text) || 'calibrate', g % 97, now(), g % 1000 + 1 FROM generate_series(1, {rows}) g"),
            "VACUUM (ANALYZE) bench".into(),
            "VACUUM (ANALYZE) parent".into(),
        ],
        Dialect::Mysql => vec![
            "INSERT INTO parent SELECT seq FROM seq_1_to_1000".into(),
            format!("INSERT INTO bench SELECT seq, seq % 1000, CONCAT(MD5(seq), 'calibrate'), seq % 97, NOW(), seq % 1000 + 1 FROM seq_1_to_{rows}"),
            "ANALYZE TABLE bench".into(),
        ],
        Dialect::Sqlite => vec![
            "WITH RECURSIVE g(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM g WHERE n < 1000) INSERT INTO parent SELECT n FROM g".into(),
            format!("WITH RECURSIVE g(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM g WHERE n < {rows}) INSERT INTO bench SELECT n, n % 1000, hex(randomblob(16)) || 'calibrate', n % 97, datetime('now'), n % 1000 + 1 FROM g"),
        ],
    }
}

/// The table's bytes (with indexes) and its indexes' bytes, as `table-sizes.sql` reads them.
fn sizes(d: Dialect, db: &mut dyn Database) -> Result<(u64, u64), String> {
    let q = match d {
        Dialect::Postgres => "SELECT pg_total_relation_size('bench')::text, pg_indexes_size('bench')::text",
        Dialect::Mysql => "SELECT CAST(data_length + index_length AS CHAR), CAST(index_length AS CHAR) FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name = 'bench'",
        Dialect::Sqlite => "SELECT CAST((SELECT page_count FROM pragma_page_count()) * (SELECT page_size FROM pragma_page_size()) AS TEXT), '0'",
    };
    let rows = db.query(q)?;
    let get = |i: usize| rows.first().and_then(|r| r.get(i)).and_then(|v| v.as_deref()).and_then(|v| v.parse::<u64>().ok());
    Ok((get(0).ok_or("no size")?, get(1).unwrap_or(0)))
}

fn add(before: &str, more: &str) -> String {
    format!("{before}{more}\n")
}

/// The classes timed on `d`.
pub fn cases(d: Dialect) -> Vec<Case> {
    let b = before(d);
    let replace = |from: &str, to: &str| b.replace(from, to);
    let case = |class, what, after: String| Case { class, what, after, zero_downtime: false, preserve_data: false };
    let online = |c: Case| Case { zero_downtime: true, ..c };
    let preserve = |c: Case| Case { preserve_data: true, ..c };
    match d {
        Dialect::Postgres => vec![
            case(OpClass::MetadataOnly, "ADD COLUMN f int", replace("p bigint)", "p bigint, f int)")),
            case(OpClass::IndexBuild, "CREATE INDEX (a)", add(&b, "CREATE INDEX bench_a ON bench (a);")),
            online(case(OpClass::ConcurrentIndexBuild, "CREATE INDEX CONCURRENTLY (a)", add(&b, "CREATE INDEX bench_a ON bench (a);"))),
            case(OpClass::TableRewrite, "a int -> bigint", replace("a int,", "a bigint,")),
            case(OpClass::ValidationScan, "ADD CHECK (c >= 0)", replace("p bigint)", "p bigint, CHECK (c >= 0))")),
            case(OpClass::NotNullScan, "c SET NOT NULL", replace("c int,", "c int NOT NULL,")),
            case(OpClass::FkValidation, "ADD FOREIGN KEY (p)", replace("p bigint)", "p bigint REFERENCES parent (id))")),
            online(case(
                OpClass::BatchedBackfill,
                "ADD COLUMN e uuid DEFAULT gen_random_uuid(), batches of 1000",
                replace("p bigint)", "p bigint, e uuid DEFAULT gen_random_uuid())"),
            )),
            preserve(case(OpClass::CopyIntoNewTable, "DROP COLUMN b, backed up", replace("b text, ", ""))),
        ],
        Dialect::Mysql => vec![
            online(case(OpClass::Instant, "ADD COLUMN f INT, ALGORITHM=INSTANT", replace("p BIGINT)", "p BIGINT, f INT)"))),
            case(OpClass::IndexBuild, "CREATE INDEX (a)", add(&b, "CREATE INDEX bench_a ON bench (a);")),
            case(OpClass::CopyRebuild, "a INT -> BIGINT (COPY)", replace("a INT,", "a BIGINT,")),
            case(OpClass::InplaceRebuild, "c SET NOT NULL", replace("c INT,", "c INT NOT NULL,")),
            case(
                OpClass::FkValidation,
                "ADD FOREIGN KEY (p) (COPY: each key checked)",
                replace("p BIGINT)", "p BIGINT, FOREIGN KEY (p) REFERENCES parent (id))"),
            ),
            preserve(case(OpClass::CopyIntoNewTable, "DROP COLUMN b, backed up", replace("b VARCHAR(48), ", ""))),
        ],
        Dialect::Sqlite => vec![
            case(OpClass::MetadataOnly, "ADD COLUMN f INTEGER", replace("p INTEGER)", "p INTEGER, f INTEGER)")),
            case(OpClass::IndexBuild, "CREATE INDEX (a)", add(&b, "CREATE INDEX bench_a ON bench (a);")),
            case(OpClass::SqliteRebuild, "ADD CHECK (c >= 0): 12-step rebuild", replace("p INTEGER)", "p INTEGER, CHECK (c >= 0))")),
            preserve(case(
                OpClass::CopyIntoNewTable,
                "DROP TABLE bench, backed up",
                "CREATE TABLE parent (id INTEGER PRIMARY KEY);\n".into(),
            )),
        ],
    }
}

/// One measured class.
pub struct Measured {
    pub engine: String,
    pub class: OpClass,
    pub what: &'static str,
    pub rows: u64,
    pub bytes: u64,
    /// The estimate of the steps of that class (ms), its range, and the measured time (ms).
    pub estimate_ms: u64,
    pub range: String,
    pub measured_ms: u64,
    /// Every step of the migration with its class, estimate and measured time.
    pub steps: Vec<(OpClass, Option<u64>, u64)>,
}

impl Measured {
    /// Measured over estimated.
    pub fn ratio(&self) -> f64 {
        self.measured_ms.max(1) as f64 / self.estimate_ms.max(1) as f64
    }
}

/// Time one case: fresh database, BEFORE, rows, the generated up migration step by step.
pub fn run_case(engine: &dyn Engine, case: &Case, rows: u64) -> Result<Measured, String> {
    let d = engine.dialect();
    let before = before(d);
    let mut db = engine.fresh(None)?;
    db.run_script(&before)?;
    for s in load(d, rows) {
        db.execute(&s).map_err(|e| format!("load: {e}"))?;
    }
    let (bytes, index_bytes) = sizes(d, db.as_mut())?;
    let mut o = Options::new(d);
    o.set_table_sizes(&format!("bench {rows} {bytes} {index_bytes}\nparent 1000\n"));
    o.zero_downtime = case.zero_downtime;
    o.preserve_data = case.preserve_data;
    // No statement timeout: the benchmark times the statements themselves.
    let mut env = schemashift::profile::Profile::named("staging")?;
    env.run.statement_timeout_ms = 0;
    o.env = Some(env);
    let m = schemashift::generate(&before, &case.after, &o);
    if m.is_blocked() {
        return Err(format!("blocked: {:?}", m.blocked));
    }
    let mut steps = Vec::new();
    let (mut estimate_ms, mut low, mut high, mut measured_ms) = (0, 0, 0, 0);
    for step in &m.up {
        let sql = step.sql();
        let t = Instant::now();
        db.run_migration(&sql).map_err(|e| format!("{}: {e}", crate::shorten(&sql, 200)))?;
        let took = t.elapsed().as_millis() as u64;
        let est = step.estimate.as_ref().ok_or("a step without an estimate")?;
        steps.push((est.class, est.ms, took));
        if est.class == case.class {
            estimate_ms += est.ms.ok_or("no estimate for the class")?;
            low += est.low_ms.unwrap_or(0);
            high += est.high_ms.unwrap_or(0);
            measured_ms += took;
        }
    }
    if !steps.iter().any(|(c, _, _)| *c == case.class) {
        let got: Vec<&str> = steps.iter().map(|(c, _, _)| c.name()).collect();
        return Err(format!("no step of class {} (steps: {got:?})\n{}", case.class.name(), m.up_sql()));
    }
    let range = format!("{}–{}", duration(low), duration(high));
    Ok(Measured { engine: engine.label(), class: case.class, what: case.what, rows, bytes, estimate_ms, range, measured_ms, steps })
}

/// The time `calibrate.sql` takes on the engine (ms): the speed factor's reference.
pub fn sample_ms(engine: &dyn Engine) -> Result<u64, String> {
    let mut db = engine.fresh(None)?;
    let sql = schemashift::estimate::calibrate::calibrate_sql(engine.dialect());
    let t = Instant::now();
    db.run_script(&sql)?;
    Ok(t.elapsed().as_millis() as u64)
}

/// The machine, for the measured table.
pub fn machine() -> String {
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|s| s.lines().find(|l| l.starts_with("model name")).and_then(|l| l.split_once(':')).map(|(_, v)| v.trim().to_string()))
        .unwrap_or_else(|| "unknown CPU".into());
    let cores = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1);
    let mem = std::fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|s| s.lines().find(|l| l.starts_with("MemTotal")).map(|l| l.split_whitespace().nth(1).unwrap_or("0").to_string()))
        .and_then(|kb| kb.parse::<u64>().ok())
        .map(|kb| format!("{} GB RAM", kb / 1_048_576))
        .unwrap_or_default();
    format!("{cpu}, {cores} cores available, {mem}")
}

/// The report as a Markdown table.
pub fn table(results: &[Measured]) -> String {
    let mut o = String::from("| engine | class | change | rows | bytes | estimate | range | measured | measured / estimate | ns per row |\n|---|---|---|---|---|---|---|---|---|---|\n");
    for r in results {
        o.push_str(&format!(
            "| {} | {} | {} | {} | {} | {} | {} | {} | {:.2} | {} |\n",
            r.engine,
            r.class.name(),
            r.what,
            r.rows,
            r.bytes,
            duration(r.estimate_ms),
            r.range,
            duration(r.measured_ms),
            r.ratio(),
            r.measured_ms * 1_000_000 / r.rows.max(1)
        ));
    }
    o
}

//! The calibration benchmark (`tests/src/calibrate.rs`): ignored by default (it loads tables of
//! 100 000 rows and more into the three engines). Run it with
//! `cargo test -p schemashift-e2e --test calibrate -- --ignored --nocapture` (`make calibrate`);
//! `SCHEMASHIFT_CALIBRATE_ROWS=1000000` for the done-when size, `SCHEMASHIFT_CALIBRATE_ENGINES=postgres,sqlite`
//! to choose, `SCHEMASHIFT_CALIBRATE_WRITE=1` to write `tests/calibration/measured.md`.
//! It fails when a class's estimate is off by more than a factor of 3 at 1,000,000 rows or more.

use schemashift_e2e::calibrate::{self, Measured};
use schemashift_e2e::engine::mariadb::Mariadb;
use schemashift_e2e::engine::postgres::Postgres;
use schemashift_e2e::engine::sqlite::Sqlite;
use schemashift_e2e::engine::Engine;

#[test]
#[ignore = "the calibration benchmark: minutes, run by `make calibrate`"]
fn calibrate() {
    let rows: u64 = std::env::var("SCHEMASHIFT_CALIBRATE_ROWS").ok().and_then(|v| v.parse().ok()).unwrap_or(100_000);
    let engines = std::env::var("SCHEMASHIFT_CALIBRATE_ENGINES").unwrap_or_else(|_| "postgres,mariadb,sqlite".into());
    let mut results: Vec<Measured> = Vec::new();
    let mut samples = Vec::new();
    let mut failures = Vec::new();
    for name in engines.split(',').map(str::trim) {
        let engine: Box<dyn Engine> = match name {
            "postgres" => Box::new(Postgres::start().expect("PostgreSQL")),
            "mariadb" => Box::new(Mariadb::start().expect("MariaDB")),
            "sqlite" => Box::new(Sqlite::start().expect("SQLite")),
            other => panic!("unknown engine {other}"),
        };
        for case in calibrate::cases(engine.dialect()) {
            match calibrate::run_case(engine.as_ref(), &case, rows) {
                Ok(m) => {
                    println!(
                        "{:<16} {:<24} estimate {:>8} ms  measured {:>8} ms  ratio {:.2}  steps {:?}",
                        m.engine,
                        m.class.name(),
                        m.estimate_ms,
                        m.measured_ms,
                        m.ratio(),
                        m.steps
                    );
                    if rows >= 1_000_000 && m.class.scales() && !(1.0 / 3.0..=3.0).contains(&m.ratio()) {
                        failures.push(format!(
                            "{} {}: estimate {} ms, measured {} ms",
                            m.engine,
                            m.class.name(),
                            m.estimate_ms,
                            m.measured_ms
                        ));
                    }
                    results.push(m);
                }
                Err(e) => failures.push(format!("{} {}: {e}", engine.label(), case.class.name())),
            }
        }
        // After the cases: a warm server, as the user's is.
        match calibrate::sample_ms(engine.as_ref()) {
            Ok(ms) => samples.push(format!("| {} | {ms} ms |", engine.label())),
            Err(e) => failures.push(format!("{}: calibrate.sql: {e}", engine.label())),
        }
    }
    let table = calibrate::table(&results);
    println!("\n{table}\ncalibrate.sql sample:\n{}", samples.join("\n"));
    if std::env::var("SCHEMASHIFT_CALIBRATE_WRITE").is_ok_and(|v| v == "1") {
        let text = format!(
            "# Calibration of the estimate model\n\nMeasured by `SCHEMASHIFT_CALIBRATE_ROWS={rows} SCHEMASHIFT_CALIBRATE_WRITE=1 make calibrate` \
             (`tests/src/calibrate.rs`) on: {}.\nThe engines run as the test harness starts them: durability off (no fsync, \
             no doublewrite, no binary log), on a machine shared with other work (runs differ by up to 3x). The model's constants \
             (`core/src/estimate/model.rs`) are the geometric means of the per-row times of such runs; this run checks them.\n\n\
             {table}\n## `calibrate.sql` on this machine (the `--speed-factor` reference)\n\n| engine | sample time |\n|---|---|\n{}\n",
            calibrate::machine(),
            samples.join("\n")
        );
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("calibration/measured.md");
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(&path, text).expect("write measured.md");
        println!("wrote {}", path.display());
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The package's `calibrate.sql` runs on SQLite as the sqlite3 shell would (the benchmark runs
/// it on PostgreSQL and MariaDB too, for the reference times), and leaves no table behind.
#[test]
fn calibrate_sql_runs_on_sqlite() {
    let engine = Sqlite::start().expect("SQLite");
    let mut db = engine.fresh(None).expect("database");
    db.run_script(&schemashift::estimate::calibrate::calibrate_sql(schemashift::Dialect::Sqlite)).expect("calibrate.sql");
    let left = db.query("SELECT count(*) FROM sqlite_master WHERE name LIKE 'schemashift_calibrate%'").expect("query");
    assert_eq!(left, vec![vec![Some("0".to_string())]]);
}

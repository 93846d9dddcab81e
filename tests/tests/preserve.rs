//! `--preserve-data` round trips on the three engines (see `schemashift_e2e::preserve`):
//! every seeded row, dropped and narrowed values included, is back after up and down.

use schemashift_e2e::engine::mariadb::Mariadb;
use schemashift_e2e::engine::postgres::Postgres;
use schemashift_e2e::engine::sqlite::Sqlite;
use schemashift_e2e::engine::Engine;
use schemashift_e2e::preserve::{cases, move_cases, run, run_move};

fn suite(engine: &dyn Engine) {
    let mut failures = Vec::new();
    let (mut rows, mut values) = (0, 0);
    let list = cases(engine.dialect());
    for case in &list {
        match run(engine, case) {
            Ok(o) => {
                rows += o.rows_kept;
                values += o.values_kept;
                println!("ok   {} / {}: {} rows kept (without the option: {})", engine.label(), case.id, o.rows_kept, o.lost_without);
            }
            Err(e) => failures.push(format!("FAIL {} / {}: {e}", engine.label(), case.id)),
        }
    }
    for case in move_cases(engine.dialect()) {
        match run_move(engine, &case) {
            Ok(n) => {
                rows += n;
                println!("ok   {} / {}: {n} rows moved by up, every row back after down", engine.label(), case.id);
            }
            Err(e) => failures.push(format!("FAIL {} / {}: {e}", engine.label(), case.id)),
        }
    }
    println!("{}: {} cases, {} rows ({} values) kept", engine.label(), list.len(), rows, values);
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn postgres() {
    suite(&Postgres::start().expect("PostgreSQL starts"));
}

#[test]
fn mariadb() {
    suite(&Mariadb::start().expect("MariaDB starts"));
}

#[test]
fn sqlite() {
    suite(&Sqlite::start().expect("SQLite"));
}

/// validate's definition assertions hold on correct schemas (corpus cases), on each engine.
fn definitions(engine: &dyn Engine) {
    let r = schemashift_e2e::definitions::run(engine, 400).expect("corpus");
    println!("{}: definition assertions checked on {} corpus cases, {} false failures", engine.label(), r.checked, r.failures.len());
    for f in &r.failures {
        println!("  {f}");
    }
    assert!(r.failures.is_empty(), "{} false failures", r.failures.len());
    let msg = schemashift_e2e::definitions::wrong_definitions(engine).expect("validate fails on wrong definitions only");
    println!("{}: validate.sql on a schema that differs only in definitions fails with:\n{}", engine.label(), schemashift_e2e::shorten(&msg, 400));
}

#[test]
fn postgres_definitions() {
    definitions(&Postgres::start().expect("PostgreSQL starts"));
}

#[test]
fn mariadb_definitions() {
    definitions(&Mariadb::start().expect("MariaDB starts"));
}

#[test]
fn sqlite_definitions() {
    definitions(&Sqlite::start().expect("SQLite"));
}

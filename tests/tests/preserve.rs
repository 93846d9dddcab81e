//! `--preserve-data` round trips on the three engines (see `schemashift_e2e::preserve`):
//! every seeded row, dropped and narrowed values included, is back after up and down.

use schemashift_e2e::data_moves::{move_cases, run_data_step, run_kind_split, run_move};
use schemashift_e2e::engine::mariadb::Mariadb;
use schemashift_e2e::engine::postgres::Postgres;
use schemashift_e2e::engine::sqlite::Sqlite;
use schemashift_e2e::engine::Engine;
use schemashift_e2e::preserve::{cases, run};

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
    match run_kind_split(engine) {
        Ok(summary) => println!("ok   {} / split-addresses-by-kind: {summary}", engine.label()),
        Err(e) => failures.push(format!("FAIL {} / split-addresses-by-kind: {e}", engine.label())),
    }
    match run_data_step(engine) {
        Ok(summary) => println!("ok   {} / data-step-role-from-is-admin: {summary}", engine.label()),
        Err(e) => failures.push(format!("FAIL {} / data-step-role-from-is-admin: {e}", engine.label())),
    }
    println!("{}: {} cases, {} rows ({} values) kept", engine.label(), list.len(), rows, values);
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// One engine start per engine (two MariaDB servers starting at once in a shared /tmp trip
/// over each other's temporary files).
fn all(engine: &dyn Engine) {
    match schemashift_e2e::down_data::run(engine) {
        Ok(line) => println!("ok   {} / down-data: {line}", engine.label()),
        Err(e) => panic!("FAIL {} / down-data: {e}", engine.label()),
    }
    suite(engine);
    definitions(engine);
}

#[test]
fn postgres() {
    all(&Postgres::start().expect("PostgreSQL starts"));
}

#[test]
fn mariadb() {
    all(&Mariadb::start().expect("MariaDB starts"));
}

#[test]
fn sqlite() {
    all(&Sqlite::start().expect("SQLite"));
}

/// validate's definition assertions hold on correct schemas (corpus cases), and validate fails
/// on a schema that differs only in definitions.
fn definitions(engine: &dyn Engine) {
    let r = schemashift_e2e::definitions::run(engine, 400).expect("corpus");
    println!("{}: definition assertions checked on {} corpus cases, {} false failures", engine.label(), r.checked, r.failures.len());
    for f in &r.failures {
        println!("  {f}");
    }
    assert!(r.failures.is_empty(), "{} false failures", r.failures.len());
    let msg = schemashift_e2e::definitions::wrong_definitions(engine).expect("validate fails on wrong definitions only");
    println!(
        "{}: validate.sql on a schema that differs only in definitions fails with:\n{}",
        engine.label(),
        schemashift_e2e::shorten(&msg, 400)
    );
}

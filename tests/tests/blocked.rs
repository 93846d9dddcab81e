//! Blocked results on the three engines (`schemashift_e2e::blocked`): the typo case of issue 11
//! applied with `--allow-errors` keeps both tables and all their rows, up and down.

use schemashift_e2e::engine::mariadb::Mariadb;
use schemashift_e2e::engine::postgres::Postgres;
use schemashift_e2e::engine::sqlite::Sqlite;
use schemashift_e2e::engine::Engine;

fn check(engine: &dyn Engine) {
    match schemashift_e2e::blocked::run(engine) {
        Ok(n) => println!("ok   {}: typo case blocked; with --allow-errors {n} rows kept up and down", engine.label()),
        Err(e) => panic!("FAIL {}: {e}", engine.label()),
    }
}

/// One test, the engines one after the other (two MariaDB servers starting at once in a shared
/// /tmp trip over each other's temporary files).
#[test]
fn typo_keeps_tables_and_rows() {
    check(&Sqlite::start().expect("SQLite"));
    check(&Postgres::start().expect("PostgreSQL starts"));
    check(&Mariadb::start().expect("MariaDB starts"));
}

fn check_column_typo(engine: &dyn Engine) {
    match schemashift_e2e::blocked::run_column_typo(engine) {
        Ok(n) => println!("ok   {}: column typo blocked; answered as a rename, {n} values kept up and down", engine.label()),
        Err(e) => panic!("FAIL {}: {e}", engine.label()),
    }
}

/// A column name typo (`total` → `totl`) blocks; answered as a rename, no value is lost.
#[test]
fn column_typo_blocks_and_a_rename_keeps_values() {
    check_column_typo(&Sqlite::start().expect("SQLite"));
    check_column_typo(&Postgres::start().expect("PostgreSQL starts"));
    check_column_typo(&Mariadb::start().expect("MariaDB starts"));
}

fn check_table_typo(engine: &dyn Engine) {
    match schemashift_e2e::blocked::run_table_typo(engine) {
        Ok(n) => println!("ok   {}: table typo blocked; answered as a rename, {n} rows kept up and down", engine.label()),
        Err(e) => panic!("FAIL {}: {e}", engine.label()),
    }
}

/// A table name typo (`orders` → `ordrs`) blocks; answered as a rename, no row is lost.
#[test]
fn table_typo_blocks_and_a_rename_keeps_rows() {
    check_table_typo(&Sqlite::start().expect("SQLite"));
    check_table_typo(&Postgres::start().expect("PostgreSQL starts"));
    check_table_typo(&Mariadb::start().expect("MariaDB starts"));
}

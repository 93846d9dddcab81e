//! The package's step log, `deploy.sh` and `rehearse.sh` on PostgreSQL, MariaDB and SQLite
//! (`schemashift_e2e::steplog`): a step that fails on a violating row is `failed` in
//! `schemashift_migration_log`, the rerun after the fix skips the finished steps, the
//! rehearsal reports every step and leaves BEFORE behind.

use schemashift_e2e::engine::mariadb::Mariadb;
use schemashift_e2e::engine::postgres::Postgres;
use schemashift_e2e::engine::sqlite::Sqlite;
use schemashift_e2e::steplog::{non_ascii, rich, scenario};
use schemashift_e2e::tools::Server;

#[test]
fn postgres() {
    let pg = Postgres::start().expect("PostgreSQL starts");
    let server = Server::Postgres { port: pg.port() };
    for zero_downtime in [false, true] {
        match scenario(&pg, &server, zero_downtime) {
            Ok(figures) => println!("PostgreSQL (zero-downtime: {zero_downtime}): {figures}"),
            Err(e) => panic!("PostgreSQL (zero-downtime: {zero_downtime}): {e}"),
        }
    }
    match rich(&pg, &server) {
        Ok(figures) => println!("PostgreSQL deploy.sh: {figures}"),
        Err(e) => panic!("PostgreSQL deploy.sh: {e}"),
    }
}

#[test]
fn mariadb() {
    let my = Mariadb::start().expect("MariaDB starts");
    let server = Server::Mariadb { port: my.port() };
    for zero_downtime in [false, true] {
        match scenario(&my, &server, zero_downtime) {
            Ok(figures) => println!("MariaDB (zero-downtime: {zero_downtime}): {figures}"),
            Err(e) => panic!("MariaDB (zero-downtime: {zero_downtime}): {e}"),
        }
    }
    match rich(&my, &server) {
        Ok(figures) => println!("MariaDB deploy.sh: {figures}"),
        Err(e) => panic!("MariaDB deploy.sh: {e}"),
    }
    match non_ascii(&my, &server) {
        Ok(figures) => println!("MariaDB deploy.sh: {figures}"),
        Err(e) => panic!("MariaDB deploy.sh: {e}"),
    }
}

#[test]
fn sqlite() {
    let lite = Sqlite::start().expect("SQLite");
    match scenario(&lite, &Server::Sqlite, false) {
        Ok(figures) => println!("SQLite: {figures}"),
        Err(e) => panic!("SQLite: {e}"),
    }
    match rich(&lite, &Server::Sqlite) {
        Ok(figures) => println!("SQLite deploy.sh: {figures}"),
        Err(e) => panic!("SQLite deploy.sh: {e}"),
    }
}

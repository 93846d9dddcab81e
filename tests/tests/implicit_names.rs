//! Implicit names renamed with their table and column on real PostgreSQL, never rebuilt (see
//! `schemashift_e2e::implicit_names`).

use schemashift_e2e::engine::postgres::Postgres;

#[test]
fn postgres() {
    let pg = Postgres::start().expect("PostgreSQL starts");
    match schemashift_e2e::implicit_names::run(&pg) {
        Ok(line) => println!("ok   implicit names: {line}"),
        Err(e) => panic!("FAIL implicit names: {e}"),
    }
}

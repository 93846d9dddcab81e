//! IN lists on columns that are not text, on a real PostgreSQL 15. The parser stores
//! `d IN ('a', 'b')` as `d = ANY (ARRAY['a'::date, 'b'::date])`, typed from the column; an
//! uncast `ARRAY['a', 'b']` is `text[]`, which has no operator against a `date` or an enum
//! (`operator does not exist: date = text`) and compares a `citext` as `text`, case-sensitive.
//! A dump's cast list and the written list are one constraint (no rebuild), and the migration's
//! SQL runs and means what AFTER says.

use schemashift::{generate, Dialect, Options};
use schemashift_e2e::engine::postgres::Postgres;
use schemashift_e2e::engine::{Database, Engine};

fn options() -> Options {
    Options::new(Dialect::Postgres)
}

/// BEFORE loaded, up run, the catalog must be AFTER's. Returns the migrated database.
fn migrate(engine: &Postgres, before: &str, after: &str, up: &str) -> Box<dyn Database> {
    let mut want = engine.fresh(None).expect("database");
    want.run_script(after).expect("AFTER applies");
    let mut db = engine.fresh(None).expect("database");
    db.run_script(before).expect("BEFORE applies");
    db.run_migration(up).unwrap_or_else(|e| panic!("up fails: {e}\n{up}"));
    let (got, want) = (db.catalog().expect("catalog"), want.catalog().expect("catalog"));
    assert!(got == want, "up does not reach AFTER: {:#?}\n{up}", got.diff(&want));
    db
}

#[test]
fn in_lists_typed_from_their_column() {
    let engine = Postgres::start().expect("PostgreSQL starts");

    // The date case: BEFORE as pg_dump prints it (`'2024-12-25'::date`), AFTER as written.
    let before = "CREATE TABLE t (d date CHECK (d IN ('2024-12-25','2025-12-25')));";
    let after = "CREATE TABLE t (d date CHECK (d IN ('2024-12-25','2025-12-25')), note text);";
    let mut db = engine.fresh(None).expect("database");
    db.run_script(before).expect("BEFORE applies");
    let dump = engine.dump(db.as_mut()).expect("pg_dump");
    assert!(dump.contains("'2024-12-25'::date"), "{dump}");
    let m = generate(&dump, after, &options());
    let up = m.up_sql();
    assert!(up.contains("ADD COLUMN \"note\""), "{up}");
    assert!(!up.contains("CONSTRAINT"), "the check is the same constraint: {up}");
    migrate(&engine, before, after, &up);

    // An enum check and an enum partial index added, `IN` and `NOT IN`; a date `NOT IN`.
    let before = "CREATE TYPE s AS ENUM ('a', 'b', 'c');\nCREATE TABLE t (id int, st s, d date);";
    let after = "CREATE TYPE s AS ENUM ('a', 'b', 'c');\n\
                 CREATE TABLE t (id int, st s CHECK (st IN ('a', 'b')), d date CHECK (d NOT IN ('2024-12-25', '2025-12-25')));\n\
                 CREATE INDEX t_live ON t (id) WHERE st NOT IN ('a', 'b');";
    let up = generate(before, after, &options()).up_sql();
    let mut db = migrate(&engine, before, after, &up);
    db.execute("INSERT INTO t VALUES (1, 'a', '2024-12-24')").expect("a listed label is accepted");
    assert!(db.execute("INSERT INTO t VALUES (2, 'c', NULL)").is_err(), "an unlisted label is refused");
    assert!(db.execute("INSERT INTO t VALUES (3, 'b', '2025-12-25')").is_err(), "a listed date is refused by NOT IN");
    // AFTER's own dump is AFTER: nothing to do.
    let mut a = engine.fresh(None).expect("database");
    a.run_script(after).expect("AFTER applies");
    let dump = engine.dump(a.as_mut()).expect("pg_dump");
    let m = generate(&dump, after, &options());
    assert!(m.up.is_empty(), "{}", m.up_sql());

    // citext: the list compares case-insensitively, on the migrated database as on AFTER.
    let before = "CREATE EXTENSION IF NOT EXISTS citext;\nCREATE TABLE t (role citext);";
    let after = "CREATE EXTENSION IF NOT EXISTS citext;\nCREATE TABLE t (role citext CHECK (role IN ('admin', 'user')));";
    let up = generate(before, after, &options()).up_sql();
    let mut db = migrate(&engine, before, after, &up);
    let mut a = engine.fresh(None).expect("database");
    a.run_script(after).expect("AFTER applies");
    for d in [&mut db, &mut a] {
        d.execute("INSERT INTO t VALUES ('admin')").expect("a listed role is accepted");
        d.execute("INSERT INTO t VALUES ('Admin')").expect("citext: 'Admin' is 'admin'");
        assert!(d.execute("INSERT INTO t VALUES ('guest')").is_err(), "an unlisted role is refused");
    }
    let dump = engine.dump(a.as_mut()).expect("pg_dump");
    let m = generate(&dump, after, &options());
    assert!(m.up.is_empty(), "{}", m.up_sql());
}

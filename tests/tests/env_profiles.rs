//! `--env prod` on the real engines (PostgreSQL and MariaDB): the prod package's up — 2s lock
//! timeout, 30s statement timeout, a backfill of 2,500 rows in batches of 1,000 with a 100 ms
//! `pg_sleep` between them — runs, reaches AFTER's catalog with every row filled, and its down
//! reaches BEFORE's with the dropped column's values back (prod keeps backups). The package
//! contents per environment are checked in `core/tests/env_profiles.rs`.

use schemashift::profile::Profile;
use schemashift::{Dialect, Options};
use schemashift_e2e::engine::mariadb::Mariadb;
use schemashift_e2e::engine::postgres::Postgres;
use schemashift_e2e::engine::Engine;
use std::time::Instant;

fn schemas(d: Dialect) -> (String, String) {
    match d {
        Dialect::Mysql => (
            "CREATE TABLE users (id INT PRIMARY KEY, name VARCHAR(50) NOT NULL, legacy VARCHAR(50));\n".into(),
            "CREATE TABLE users (id INT PRIMARY KEY, name VARCHAR(50) NOT NULL, email VARCHAR(50));\nCREATE INDEX users_name_idx ON users (name);\n".into(),
        ),
        _ => (
            "CREATE TABLE users (id int PRIMARY KEY, name text NOT NULL, legacy text);\n".into(),
            "CREATE TABLE users (id int PRIMARY KEY, name text NOT NULL, code uuid NOT NULL DEFAULT gen_random_uuid());\n\
             CREATE INDEX users_name_idx ON users (name);\n"
                .into(),
        ),
    }
}

fn prod_round_trip(engine: &dyn Engine) -> Result<String, String> {
    let d = engine.dialect();
    let (before, after) = schemas(d);
    let after_cat = {
        let mut db = engine.fresh(None)?;
        db.run_script(&after)?;
        db.catalog()?
    };
    let mut db = engine.fresh(None)?;
    db.run_script(&before)?;
    let before_cat = db.catalog()?;
    let rows = 2500;
    let values: Vec<String> = (1..=rows).map(|i| format!("({i}, 'n{i}', 'l{i}')")).collect();
    db.execute(&format!("INSERT INTO users (id, name, legacy) VALUES {}", values.join(", ")))?;

    let mut o = Options::new(d);
    Profile::named("prod")?.apply(&mut o);
    let m = schemashift::generate(&before, &after, &o);
    if m.is_blocked() {
        return Err(format!("blocked: {:?}", m.blocked));
    }
    let up = m.up_sql();
    let t = Instant::now();
    db.run_migration(&up).map_err(|e| format!("up: {e}"))?;
    let took = t.elapsed().as_secs_f64();
    let mut got = db.catalog()?;
    got.tables.retain(|k, _| !k.contains("schemashift_backup_"));
    got.objects.retain(|k, _| !k.contains("schemashift_backup_"));
    let diff = got.diff(&after_cat);
    if !diff.is_empty() {
        return Err(format!("after up, the catalog differs from AFTER: {diff:?}"));
    }
    if d == Dialect::Postgres {
        let filled = db.query("SELECT count(DISTINCT code)::text FROM users")?;
        if filled != vec![vec![Some(rows.to_string())]] {
            return Err(format!("backfill: {filled:?}"));
        }
        // Three batches of 1000, 1000 and 500 rows: three pauses of 100 ms.
        if took < 0.3 {
            return Err(format!("up took {took:.2}s: the 100 ms pauses between batches did not run"));
        }
    }
    db.run_migration(&m.down_sql()).map_err(|e| format!("down: {e}"))?;
    let mut got = db.catalog()?;
    got.tables.retain(|k, _| !k.contains("schemashift_"));
    got.objects.retain(|k, _| !k.contains("schemashift_"));
    let diff = got.diff(&before_cat);
    if !diff.is_empty() {
        return Err(format!("after down, the catalog differs from BEFORE: {diff:?}"));
    }
    let back = db.query("SELECT count(*) FROM users WHERE legacy = concat('l', id)")?;
    if back.first().and_then(|r| r.first()).and_then(|v| v.as_deref()) != Some(rows.to_string().as_str()) {
        return Err(format!("after down, legacy values back: {back:?}"));
    }
    Ok(format!("{rows} rows, up {took:.2}s"))
}

#[test]
fn prod_profile_runs_on_the_engines() {
    for engine in [&Postgres::start().expect("PostgreSQL starts") as &dyn Engine, &Mariadb::start().expect("MariaDB starts")] {
        match prod_round_trip(engine) {
            Ok(s) => println!("ok   {} --env prod: {s}", engine.label()),
            Err(e) => panic!("FAIL {} --env prod: {e}", engine.label()),
        }
    }
}

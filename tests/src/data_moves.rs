//! Data moves on real engines (split, merge, copy; `schemashift::diff::data_moves`): the rows
//! that move are where they should be after up, every row of BEFORE is back after down (with
//! and without `--preserve-data`), and the package's batched backfill script does the move on
//! its own, twice in a row (it is resumable).

use crate::engine::{Engine, Row};
use crate::preserve::rows;
use schemashift::{Dialect, Options};

/// A data move (split or merge): `moved_before` on BEFORE and `moved_after` on AFTER (after
/// up) must give the same rows, and after down every row of BEFORE is back.
pub struct MoveCase {
    pub id: &'static str,
    pub before: String,
    pub after: String,
    pub seed: String,
    pub tables: Vec<&'static str>,
    pub moved_before: &'static str,
    pub moved_after: &'static str,
    /// Down puts the rows back without `--preserve-data` too (not when several new tables were
    /// filled from one old table: down cannot tell which rows to take back).
    pub reversible: bool,
}

/// Run a move case with and without `--preserve-data`: the rows moved by up.
pub fn run_move(engine: &dyn Engine, case: &MoveCase) -> Result<usize, String> {
    let d = engine.dialect();
    let mut moved = 0;
    for preserve in [false, true] {
        let mut o = Options::new(d);
        o.preserve_data = preserve;
        let m = schemashift::generate(&case.before, &case.after, &o);
        if m.data_moves.is_empty() {
            return Err("no data move detected".into());
        }
        let mut db = engine.fresh(None)?;
        db.run_script(&case.before).map_err(|e| format!("BEFORE: {e}"))?;
        let empty_cat = db.catalog()?;
        db.run_script(&case.seed).map_err(|e| format!("seed: {e}"))?;
        let seeded = rows(db.as_mut(), &case.tables)?;
        let mut expected = db.query(case.moved_before)?;
        expected.sort();
        db.run_migration(&m.up_sql()).map_err(|e| format!("up: {e}\n{}", m.up_sql()))?;
        let mut got = db.query(case.moved_after)?;
        got.sort();
        if got != expected || got.is_empty() {
            return Err(format!("after up the moved rows differ:\n  expected {expected:?}\n  got {got:?}\n{}", m.up_sql()));
        }
        db.run_migration(&m.down_sql()).map_err(|e| format!("down: {e}\n{}", m.down_sql()))?;
        let back = rows(db.as_mut(), &case.tables)?;
        if back != seeded && (preserve || case.reversible) {
            return Err(format!("rows differ after down:\n  before up: {seeded:?}\n  after down: {back:?}\n{}", m.down_sql()));
        }
        crate::preserve::drop_down_backups(db.as_mut(), &m)?;
        let diff = db.catalog()?.diff(&empty_cat);
        if !diff.is_empty() {
            return Err(format!("after down the schema differs from BEFORE: {diff:?}"));
        }
        moved = got.len();
        if !preserve {
            backfill(engine, case, &m, &expected)?;
        }
    }
    Ok(moved)
}

/// The package's batched backfill script does the move on its own: up runs until the step that
/// moves the data, without the move, then `backfill/01_*.sql`, twice (it is resumable).
fn backfill(engine: &dyn Engine, case: &MoveCase, m: &schemashift::Migration, expected: &[Row]) -> Result<(), String> {
    use schemashift::diff::{Change, MoveKind};
    let files = schemashift::package::backfill_files(m);
    let (Some((path, script)), Some(mv)) = (files.first(), m.data_moves.first()) else {
        return Err("no backfill file in the package".into());
    };
    let mut db = engine.fresh(None)?;
    db.run_script(&case.before)?;
    db.run_script(&case.seed)?;
    for step in &m.up {
        let mut step = step.clone();
        let (last, stop) = match (&step.change, mv.kind) {
            (Change::CreateTable { table }, MoveKind::Split | MoveKind::Copy) if table.name == mv.child => (true, false),
            (Change::DropTable { table }, MoveKind::Merge) if table.name == mv.child => (false, true),
            _ => (false, false),
        };
        if stop {
            break;
        }
        if last {
            step.statements.retain(|s| !s.starts_with("INSERT INTO") && !s.starts_with("SELECT setval"));
        }
        db.run_migration(&schemashift::render::script(&[step], &m.target, "up"))
            .map_err(|e| format!("up until the move: {e}"))?;
        if last {
            break;
        }
    }
    for run in 1..=2 {
        db.run_migration(script).map_err(|e| format!("{path} (run {run}): {e}\n{script}"))?;
    }
    let mut got = db.query(case.moved_after)?;
    got.sort();
    if got != expected {
        return Err(format!("after {path} the moved rows differ:\n  expected {expected:?}\n  got {got:?}\n{script}"));
    }
    Ok(())
}

/// The split of `users` into `users` + `addresses`, and the merge of `profiles` into `users`.
pub fn move_cases(d: Dialect) -> Vec<MoveCase> {
    let serial = match d {
        Dialect::Postgres => "id serial PRIMARY KEY",
        Dialect::Mysql => "id integer AUTO_INCREMENT PRIMARY KEY",
        Dialect::Sqlite => "id integer PRIMARY KEY",
    };
    vec![
        MoveCase {
            id: "split-address-out-of-users",
            before: "CREATE TABLE users (id integer PRIMARY KEY, name varchar(50), street varchar(100), city varchar(50));".into(),
            after: format!(
                "CREATE TABLE users (id integer PRIMARY KEY, name varchar(50));\n\
                 CREATE TABLE addresses ({serial}, user_id integer NOT NULL, street varchar(100), city varchar(50), FOREIGN KEY (user_id) REFERENCES users (id));"
            ),
            seed: "INSERT INTO users VALUES (1, 'Ann', '1 Main St', 'Springfield'), (2, 'Bob', NULL, NULL), (3, 'Cy', '2 Elm St', NULL);".into(),
            tables: vec!["users"],
            moved_before: "SELECT id, street, city FROM users WHERE street IS NOT NULL OR city IS NOT NULL",
            moved_after: "SELECT user_id, street, city FROM addresses",
            reversible: true,
        },
        MoveCase {
            id: "merge-profiles-into-users",
            before: "CREATE TABLE users (id integer PRIMARY KEY, name varchar(50));\n\
                     CREATE TABLE profiles (user_id integer PRIMARY KEY, bio varchar(200), FOREIGN KEY (user_id) REFERENCES users (id));"
                .into(),
            after: "CREATE TABLE users (id integer PRIMARY KEY, name varchar(50), bio varchar(200));".into(),
            seed: "INSERT INTO users VALUES (1, 'Ann'), (2, 'Bob'), (3, 'Cy');\nINSERT INTO profiles VALUES (1, 'likes tea'), (3, 'O''Brien fan');".into(),
            tables: vec!["users", "profiles"],
            moved_before: "SELECT user_id, bio FROM profiles",
            moved_after: "SELECT id, bio FROM users WHERE bio IS NOT NULL",
            reversible: true,
        },
        MoveCase {
            id: "copy-addresses-into-shipping-and-billing",
            before: "CREATE TABLE customers (id integer PRIMARY KEY);\n\
                     CREATE TABLE addresses (id integer PRIMARY KEY, customer_id integer NOT NULL, line1 varchar(100) NOT NULL, city varchar(50), FOREIGN KEY (customer_id) REFERENCES customers (id));"
                .into(),
            after: "CREATE TABLE customers (id integer PRIMARY KEY);\n\
                    CREATE TABLE shipping_addresses (id integer PRIMARY KEY, customer_id integer NOT NULL, line1 varchar(100) NOT NULL, city varchar(50), notes varchar(100), FOREIGN KEY (customer_id) REFERENCES customers (id));\n\
                    CREATE TABLE billing_addresses (id integer PRIMARY KEY, customer_id integer NOT NULL, line1 varchar(100) NOT NULL, city varchar(50), vat varchar(20) NOT NULL DEFAULT '', FOREIGN KEY (customer_id) REFERENCES customers (id));"
                .into(),
            seed: "INSERT INTO customers VALUES (1), (2);\nINSERT INTO addresses VALUES (10, 1, '1 Main St', 'Springfield'), (11, 2, '2 Elm St', NULL);".into(),
            tables: vec!["customers", "addresses"],
            moved_before: "SELECT id, customer_id, line1, city FROM addresses",
            moved_after: "SELECT id, customer_id, line1, city FROM billing_addresses",
            reversible: false,
        },
        MoveCase {
            id: "copy-table-into-its-reshaped-successor",
            before: "CREATE TABLE old_events (id integer PRIMARY KEY, name varchar(50) NOT NULL, at varchar(30));".into(),
            after: "CREATE TABLE events (id integer PRIMARY KEY, name varchar(50) NOT NULL, at varchar(30), level varchar(10) DEFAULT 'info');".into(),
            seed: "INSERT INTO old_events VALUES (1, 'start', '2024-01-01'), (2, 'stop', NULL);".into(),
            tables: vec!["old_events"],
            moved_before: "SELECT id, name, at FROM old_events",
            moved_after: "SELECT id, name, at FROM events",
            reversible: true,
        },
    ]
}

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
    /// The answers accepting the move (`--copy DEST=SRC`): an inferred move is only a proposal.
    pub copies: Vec<String>,
}

/// Run a move case with and without `--preserve-data`: the rows moved by up.
pub fn run_move(engine: &dyn Engine, case: &MoveCase) -> Result<usize, String> {
    let d = engine.dialect();
    let mut moved = 0;
    for preserve in [false, true] {
        let mut o = Options::new(d);
        o.preserve_data = preserve;
        let pending = schemashift::generate(&case.before, &case.after, &o);
        if !pending.is_blocked() || !pending.data_moves.is_empty() {
            return Err(format!("an unanswered move must block and copy nothing: {:?}", pending.blocked));
        }
        o.copies = case.copies.clone();
        let m = schemashift::generate(&case.before, &case.after, &o);
        if m.data_moves.is_empty() || m.is_blocked() {
            return Err(format!("accepted move not applied: {:?}", m.blocked));
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
        db.run_migration(&schemashift::render::script(&[step], &m.target, "up")).map_err(|e| format!("up until the move: {e}"))?;
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

/// The split of `users` into `users` + `addresses` (and of columns named like loop variables), the merge of `profiles` into `users`, and a
/// dropped table copied into its reshaped successor.
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
            copies: vec!["addresses=users".into()],
        },
        // The moved columns are named like the variables a backfill loop could declare (n,
        // total, done): PL/pgSQL refuses such a name in the batch, and a MySQL procedure would
        // read its own variable instead of the column, silently.
        MoveCase {
            id: "split-columns-named-like-loop-variables",
            before: "CREATE TABLE invoices (id integer PRIMARY KEY, name varchar(50), n integer, total integer, done integer);".into(),
            after: format!(
                "CREATE TABLE invoices (id integer PRIMARY KEY, name varchar(50));\n\
                 CREATE TABLE invoice_counts ({serial}, invoice_id integer NOT NULL, n integer, total integer, done integer, FOREIGN KEY (invoice_id) REFERENCES invoices (id));"
            ),
            seed: "INSERT INTO invoices VALUES (1, 'a', 7, 70, 1), (2, 'b', NULL, NULL, NULL), (3, 'c', 0, 5, 0);".into(),
            tables: vec!["invoices"],
            moved_before: "SELECT id, n, total, done FROM invoices WHERE n IS NOT NULL OR total IS NOT NULL OR done IS NOT NULL",
            moved_after: "SELECT invoice_id, n, total, done FROM invoice_counts",
            reversible: true,
            copies: vec!["invoice_counts=invoices".into()],
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
            copies: vec!["users=profiles".into()],
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
            copies: vec!["events=old_events".into()],
        },
    ]
}

/// The split of `addresses` by `kind` into `shipping_addresses` and `billing_addresses` (one
/// address per customer and kind), with a customer that has both kinds and one with one kind:
/// unanswered, the result is blocked; accepted with filters, up puts each row in its table and
/// down puts them back with their `kind`; with a duplicate, the precheck fails and up stops
/// before any DDL, and after the data is fixed the same up runs to the end. Returns a summary.
pub fn run_kind_split(engine: &dyn Engine) -> Result<String, String> {
    use schemashift::BlockKind;
    let d = engine.dialect();
    let before = "CREATE TABLE customers (id integer PRIMARY KEY, name varchar(100));\n\
        CREATE TABLE addresses (id integer PRIMARY KEY, customer_id integer NOT NULL, kind varchar(10) NOT NULL, street varchar(200), FOREIGN KEY (customer_id) REFERENCES customers (id));";
    let after = |ship: &str, bill: &str| {
        format!(
            "CREATE TABLE customers (id integer PRIMARY KEY, name varchar(100));\n\
             {ship}CREATE TABLE shipping_addresses (id integer PRIMARY KEY, customer_id integer NOT NULL UNIQUE, street varchar(200), FOREIGN KEY (customer_id) REFERENCES customers (id));\n\
             {bill}CREATE TABLE billing_addresses (id integer PRIMARY KEY, customer_id integer NOT NULL UNIQUE, street varchar(200), FOREIGN KEY (customer_id) REFERENCES customers (id));"
        )
    };
    let seed = "INSERT INTO customers VALUES (1, 'Ann'), (2, 'Bob');\n\
        INSERT INTO addresses VALUES (10, 1, 'billing', '1 Main St'), (11, 1, 'shipping', '2 Dock Rd'), (12, 2, 'shipping', '3 Elm St');";

    // Unanswered: blocked, nothing copied.
    let pending = schemashift::generate(before, &after("", ""), &Options::new(d));
    if !pending.is_blocked() || pending.blocked.iter().any(|b| b.kind != BlockKind::DataMove) || !pending.data_moves.is_empty() {
        return Err(format!("pending moves must block: {:?}", pending.blocked));
    }
    // Accepted without a filter: still blocked.
    let mut o = Options::new(d);
    o.copies = vec!["shipping_addresses=addresses".into(), "billing_addresses=addresses".into()];
    if !schemashift::generate(before, &after("", ""), &o).is_blocked() {
        return Err("a copy accepted without the filter it needs must stay blocked".into());
    }

    let accepted = after(
        "-- schemashift:copy-from addresses where kind = 'shipping'\n",
        "-- schemashift:copy-from addresses where kind = 'billing'\n",
    );
    let m = schemashift::generate(before, &accepted, &Options::new(d));
    if m.is_blocked() {
        return Err(format!("accepted moves blocked: {:?}", m.blocked));
    }
    let check = |db: &mut dyn crate::engine::Database, expected: &[(&str, Vec<Row>)]| -> Result<(), String> {
        for (table, rows) in expected {
            let mut got = db.query(&format!("SELECT id, customer_id, street FROM {table}"))?;
            got.sort();
            if got != *rows {
                return Err(format!("{table} after up: expected {rows:?}, got {got:?}\n{}", m.up_sql()));
            }
        }
        Ok(())
    };

    let mut db = engine.fresh(None)?;
    db.run_script(before).map_err(|e| format!("BEFORE: {e}"))?;
    let empty = db.catalog()?;
    db.run_script(seed).map_err(|e| format!("seed: {e}"))?;
    let seeded = rows(db.as_mut(), &["customers", "addresses"])?;
    let q = |sql: &str, db: &mut dyn crate::engine::Database| -> Result<Vec<Row>, String> {
        let mut r = db.query(sql)?;
        r.sort();
        Ok(r)
    };
    let billing = q("SELECT id, customer_id, street FROM addresses WHERE kind = 'billing'", db.as_mut())?;
    let shipping = q("SELECT id, customer_id, street FROM addresses WHERE kind = 'shipping'", db.as_mut())?;
    if !precheck_passes(engine, db.as_mut(), &m)? {
        return Err("the precheck fails on clean data".into());
    }
    db.run_migration(&m.up_sql()).map_err(|e| format!("up: {e}\n{}", m.up_sql()))?;
    check(db.as_mut(), &[("billing_addresses", billing.clone()), ("shipping_addresses", shipping.clone())])?;
    db.run_migration(&m.down_sql()).map_err(|e| format!("down: {e}\n{}", m.down_sql()))?;
    let back = rows(db.as_mut(), &["customers", "addresses"])?;
    if back != seeded {
        return Err(format!("rows differ after down:\n  before up: {seeded:?}\n  after down: {back:?}\n{}", m.down_sql()));
    }
    let diff = db.catalog()?.diff(&empty);
    if !diff.is_empty() {
        return Err(format!("after down the schema differs from BEFORE: {diff:?}"));
    }

    // A customer with two shipping addresses: the precheck says so, up stops before any DDL,
    // and once the data is fixed the same up runs to the end.
    let mut db = engine.fresh(None)?;
    db.run_script(before)?;
    db.run_script(seed)?;
    db.run_script("INSERT INTO addresses VALUES (13, 2, 'shipping', '4 Oak Ave');")?;
    let dirty = db.catalog()?;
    if precheck_passes(engine, db.as_mut(), &m)? {
        return Err("the precheck passes with a duplicate customer_id".into());
    }
    let failure = match db.run_migration(&m.up_sql()) {
        Ok(()) => return Err(format!("up ran with a duplicate customer_id\n{}", m.up_sql())),
        Err(e) => e,
    };
    let diff = db.catalog()?.diff(&dirty);
    if !diff.is_empty() {
        return Err(format!("the failed up changed the schema (it must stop before any DDL): {diff:?}\n{failure}"));
    }
    db.run_script("DELETE FROM addresses WHERE id = 13;")?;
    db.run_migration(&m.up_sql()).map_err(|e| format!("rerun of up after the fix: {e}"))?;
    check(db.as_mut(), &[("billing_addresses", billing), ("shipping_addresses", shipping)])?;
    Ok(format!(
        "blocked while pending; rows placed by kind both ways; duplicate stopped before DDL ({}), rerun after the fix completed",
        crate::engine::first_line(&failure)
    ))
}

/// The package's precheck.sql passes (PostgreSQL: its DO blocks raise; the others: its checks
/// return no row).
fn precheck_passes(engine: &dyn Engine, db: &mut dyn crate::engine::Database, m: &schemashift::Migration) -> Result<bool, String> {
    use schemashift::package::{build, Format, PackageOptions};
    let pkg = build(m, &PackageOptions::new(Format::Plain, "20240101000000"))?;
    let text = pkg.text("precheck.sql").ok_or("no precheck.sql")?.to_string();
    if engine.dialect() == Dialect::Postgres {
        return Ok(db.run_script(&text).is_ok());
    }
    let flavor = if engine.dialect() == Dialect::Mysql { crate::split::Flavor::Mysql } else { crate::split::Flavor::Postgres };
    for stmt in crate::split::split(&text, flavor) {
        if stmt.contains("failed_check") && !db.query(&stmt)?.is_empty() {
            return Ok(false);
        }
    }
    Ok(true)
}

/// A user data step (issue 11, case 3): roles replace `users.is_admin`; the step backfills
/// `role_id` from `is_admin` in up and `is_admin` from `role_id` in down, so no admin is demoted
/// by a rollback. Where one table rebuild both adds and drops the columns (SQLite), there is no
/// place for the step: the result is blocked. Returns a summary.
pub fn run_data_step(engine: &dyn Engine) -> Result<String, String> {
    let d = engine.dialect();
    let before = "CREATE TABLE users (id integer PRIMARY KEY, name varchar(50), is_admin boolean NOT NULL DEFAULT false);";
    let after = "CREATE TABLE roles (id integer PRIMARY KEY, name varchar(20) NOT NULL);\n\
        CREATE TABLE users (id integer PRIMARY KEY, name varchar(50), role_id integer, FOREIGN KEY (role_id) REFERENCES roles (id));\n\
        /* schemashift:data-step\n   up: INSERT INTO roles (id, name) VALUES (1, 'admin'); UPDATE users SET role_id = 1 WHERE is_admin;\n   down: UPDATE users SET is_admin = true WHERE role_id = 1; */";
    let m = schemashift::generate(before, after, &Options::new(d));
    if d == Dialect::Sqlite {
        return match m.blocked.iter().find(|b| b.message.contains("data step")) {
            Some(b) => Ok(format!("blocked: {}", crate::shorten(&b.message, 120))),
            None => Err(format!("the SQLite rebuild leaves no place for the data step, yet not blocked:\n{}", m.up_sql())),
        };
    }
    if m.is_blocked() {
        return Err(format!("blocked: {:?}", m.blocked));
    }
    let mut db = engine.fresh(None)?;
    db.run_script(before).map_err(|e| format!("BEFORE: {e}"))?;
    db.run_script("INSERT INTO users VALUES (1, 'Ann', true), (2, 'Bob', false), (3, 'Cy', true);")?;
    let seeded = rows(db.as_mut(), &["users"])?;
    db.run_migration(&m.up_sql()).map_err(|e| format!("up: {e}\n{}", m.up_sql()))?;
    let mut admins = db.query("SELECT id FROM users WHERE role_id = 1")?;
    admins.sort();
    if admins != [vec![Some("1".to_string())], vec![Some("3".to_string())]] {
        return Err(format!("after up the admins are {admins:?}\n{}", m.up_sql()));
    }
    db.run_migration(&m.down_sql()).map_err(|e| format!("down: {e}\n{}", m.down_sql()))?;
    let back = rows(db.as_mut(), &["users"])?;
    if back != seeded {
        return Err(format!("after down: {back:?}, expected {seeded:?}\n{}", m.down_sql()));
    }
    Ok("role_id backfilled by up, is_admin given back by down".into())
}

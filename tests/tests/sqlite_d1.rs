//! Cloudflare D1's plans on a real SQLite (`--flavor d1`, `core/src/target/d1.rs`). D1 runs a
//! migration file as one transaction with foreign keys on (they cannot be turned off); the test
//! does the same with rusqlite: `PRAGMA foreign_keys = ON`, then `BEGIN`, the file, `COMMIT`.
//!
//! It shows why a D1 rebuild of a table referenced with `ON DELETE CASCADE` is blocked (run
//! anyway, it deletes the child rows and commits), and that the plans D1 is given (deferred
//! foreign keys, no transaction control) keep every row where nothing blocks them.

use rusqlite::Connection;
use schemashift::{generate, Dialect, Flavor, Migration, Options, Target};

fn d1(before: &str, after: &str) -> Migration {
    let mut o = Options::new(Dialect::Sqlite);
    o.target = Target::of(Flavor::D1);
    generate(before, after, &o)
}

/// A database with `schema` and `rows`, foreign keys on as on D1.
fn database(schema: &str, rows: &str) -> Connection {
    let c = Connection::open_in_memory().expect("open");
    c.execute_batch("PRAGMA foreign_keys = ON;").expect("pragma");
    c.execute_batch(schema).expect("schema");
    c.execute_batch(rows).expect("rows");
    c
}

/// Apply one migration file as D1 does: one transaction, committed or rolled back as a whole.
fn apply_as_d1(c: &Connection, file: &str) -> Result<(), String> {
    assert!(!file.contains("BEGIN") && !file.contains("COMMIT"), "D1 refuses transaction control: {file}");
    c.execute_batch("BEGIN;").map_err(|e| e.to_string())?;
    match c.execute_batch(file).and_then(|_| c.execute_batch("COMMIT;")) {
        Ok(()) => Ok(()),
        Err(e) => {
            let _ = c.execute_batch("ROLLBACK;");
            Err(e.to_string())
        }
    }
}

fn count(c: &Connection, sql: &str) -> i64 {
    c.query_row(sql, [], |r| r.get(0)).expect(sql)
}

const ROWS: &str = "INSERT INTO parent VALUES (1, 'a'), (2, 'b'); INSERT INTO child VALUES (10, 1), (11, 2), (12, NULL);";

fn schemas(action: &str) -> (String, String) {
    let child = format!("CREATE TABLE child (id INTEGER PRIMARY KEY, pid INTEGER REFERENCES parent (id){action});\n");
    (
        format!("CREATE TABLE parent (id INTEGER PRIMARY KEY, name TEXT);\n{child}"),
        format!("CREATE TABLE parent (id INTEGER PRIMARY KEY, name TEXT NOT NULL);\n{child}"),
    )
}

#[test]
fn a_cascade_child_loses_its_rows_to_the_rebuild_so_the_plan_is_blocked() {
    let (before, after) = schemas(" ON DELETE CASCADE");
    let m = d1(&before, &after);
    assert!(m.is_blocked(), "{}", m.up_sql());
    assert!(m.blocked.iter().any(|b| b.message.contains("child(pid) ON DELETE CASCADE")), "{:?}", m.blocked);
    // The steps as they stand (what `--allow-errors` would print), run as D1 runs them: the file
    // commits without an error, and the children are gone.
    let c = database(&before, ROWS);
    apply_as_d1(&c, &m.up_sql()).expect("commits: nothing fails");
    assert_eq!(count(&c, "SELECT count(*) FROM parent"), 2);
    assert_eq!(count(&c, "SELECT count(*) FROM child"), 1, "the ON DELETE CASCADE of the DROP TABLE deleted the rows of child");
}

#[test]
fn a_set_null_child_is_blocked_too() {
    let (before, after) = schemas(" ON DELETE SET NULL");
    let m = d1(&before, &after);
    assert!(m.is_blocked() && m.blocked.iter().any(|b| b.message.contains("child(pid) ON DELETE SET NULL")), "{:?}", m.blocked);
    let c = database(&before, ROWS);
    // Run anyway it either fails or nulls the keys: never keeps them as they were and commits.
    if apply_as_d1(&c, &m.up_sql()).is_ok() {
        assert!(count(&c, "SELECT count(*) FROM child WHERE pid IS NOT NULL") < 2);
    }
}

#[test]
fn a_no_action_child_keeps_every_row_up_and_down() {
    for action in ["", " ON DELETE RESTRICT"] {
        let (before, after) = schemas(action);
        let m = d1(&before, &after);
        assert!(!m.is_blocked(), "{action}: {:?}", m.blocked);
        let c = database(&before, ROWS);
        apply_as_d1(&c, &m.up_sql()).expect("up");
        assert_eq!(count(&c, "SELECT count(*) FROM child WHERE pid IS NOT NULL"), 2, "{action}");
        assert_eq!(count(&c, "SELECT \"notnull\" FROM pragma_table_info('parent') WHERE name = 'name'"), 1);
        assert_eq!(count(&c, "SELECT count(*) FROM pragma_foreign_key_check"), 0);
        apply_as_d1(&c, &m.down_sql()).expect("down");
        assert_eq!(count(&c, "SELECT count(*) FROM child WHERE pid IS NOT NULL"), 2, "{action}");
        assert_eq!(count(&c, "SELECT \"notnull\" FROM pragma_table_info('parent') WHERE name = 'name'"), 0);
    }
}

#[test]
fn a_rebuild_that_leaves_a_broken_reference_rolls_the_file_back() {
    // A foreign key added to a table holding an orphan: the deferred check fails at COMMIT and
    // nothing of the file stays (plain SQLite's PRAGMA foreign_key_check would only list it).
    let before = "CREATE TABLE p (id INTEGER PRIMARY KEY);\nCREATE TABLE t (id INTEGER PRIMARY KEY, p_id INTEGER);\n";
    let after = "CREATE TABLE p (id INTEGER PRIMARY KEY);\nCREATE TABLE t (id INTEGER PRIMARY KEY, p_id INTEGER REFERENCES p (id));\n";
    let m = d1(before, after);
    assert!(!m.is_blocked(), "{:?}", m.blocked);
    let c = database(before, "INSERT INTO p VALUES (1); INSERT INTO t VALUES (1, 1), (2, 99);");
    let err = apply_as_d1(&c, &m.up_sql()).expect_err("the orphan fails the file");
    assert!(err.contains("malformed JSON"), "the check after the rebuild fails: {err}");
    assert_eq!(count(&c, "SELECT count(*) FROM t"), 2);
    assert_eq!(count(&c, "SELECT count(*) FROM pragma_foreign_key_list('t')"), 0, "rolled back: the table is as before");
}

//! Plans that could destroy or misplace rows while looking normal, run on a real (bundled)
//! SQLite the way an application's connection runs them: `PRAGMA foreign_keys = ON` first (the
//! `sqlite3` shell leaves it off; the round-trip harness turns it on for migrations too, but
//! these cases check more than rows kept: the notes, and `--preserve-data`). Each result must keep the rows, or say in a high or
//! critical data-loss note which data it loses.

use rusqlite::Connection;
use schemashift::risk::RiskSeverity;
use schemashift::{generate, Dialect, Migration, Options};

fn plan(before: &str, after: &str, tweak: impl FnOnce(&mut Options)) -> Migration {
    let mut o = Options::new(Dialect::Sqlite);
    tweak(&mut o);
    generate(before, after, &o)
}

/// A database holding `schema` and `rows`, foreign keys on.
fn database(schema: &str, rows: &str) -> Connection {
    let c = Connection::open_in_memory().expect("open");
    c.execute_batch("PRAGMA foreign_keys = ON;").expect("pragma");
    c.execute_batch(schema).expect("schema");
    c.execute_batch(rows).expect("rows");
    c
}

fn rows(c: &Connection, sql: &str) -> Vec<String> {
    let mut st = c.prepare(sql).expect(sql);
    let n = st.column_count();
    let out = st
        .query_map([], |r| {
            let mut v = Vec::new();
            for i in 0..n {
                let x: rusqlite::types::Value = r.get(i)?;
                v.push(format!("{x:?}"));
            }
            Ok(v.join(","))
        })
        .expect(sql)
        .collect::<Result<Vec<_>, _>>()
        .expect(sql);
    out
}

/// The notes of the plan, both ways, that say they lose data at high or critical severity.
fn loss_notes(m: &Migration) -> Vec<String> {
    m.up.iter()
        .chain(&m.down)
        .flat_map(|s| &s.risks)
        .filter(|r| r.data_loss && r.severity <= RiskSeverity::High)
        .map(|r| format!("{}: {}", r.rule, r.message))
        .collect()
}

const PARENT_CHILDREN: &str = "CREATE TABLE parent (id INTEGER PRIMARY KEY, name TEXT);
CREATE TABLE cascade_child (id INTEGER PRIMARY KEY, pid INTEGER REFERENCES parent (id) ON DELETE CASCADE, x TEXT);
CREATE TABLE null_child (id INTEGER PRIMARY KEY, pid INTEGER REFERENCES parent (id) ON DELETE SET NULL, x TEXT);
CREATE TABLE plain_child (id INTEGER PRIMARY KEY, pid INTEGER REFERENCES parent (id), x TEXT);
";
const PARENT_ROWS: &str = "INSERT INTO parent VALUES (1, 'a'), (2, 'b');
INSERT INTO cascade_child VALUES (10, 1, 'x'), (11, 2, 'y');
INSERT INTO null_child VALUES (10, 1, 'x'), (11, 2, 'y');
INSERT INTO plain_child VALUES (10, 1, 'x'), (11, 2, 'y');";

/// A parent dropped while its children stay: with foreign keys on, `DROP TABLE` first deletes
/// the parent's rows, which deletes (`CASCADE`) or nulls (`SET NULL`) the rows of children the
/// migration keeps, or fails (`NO ACTION`). The plan drops it with foreign keys off, keeping
/// every child row, whether the child keeps its foreign key or loses it in a rebuild. Down
/// cannot give a child its foreign key back over rows whose parent is gone: it rolls back.
#[test]
fn dropping_a_parent_keeps_the_rows_of_the_children_that_stay() {
    let keeps_fks = "CREATE TABLE cascade_child (id INTEGER PRIMARY KEY, pid INTEGER REFERENCES parent (id) ON DELETE CASCADE, x TEXT);
CREATE TABLE null_child (id INTEGER PRIMARY KEY, pid INTEGER REFERENCES parent (id) ON DELETE SET NULL, x TEXT);
CREATE TABLE plain_child (id INTEGER PRIMARY KEY, pid INTEGER REFERENCES parent (id), x TEXT);
";
    let drops_fks = "CREATE TABLE cascade_child (id INTEGER PRIMARY KEY, pid INTEGER, x TEXT);
CREATE TABLE null_child (id INTEGER PRIMARY KEY, pid INTEGER, x TEXT);
CREATE TABLE plain_child (id INTEGER PRIMARY KEY, pid INTEGER, x TEXT);
";
    for after in [keeps_fks, drops_fks] {
        let m = plan(PARENT_CHILDREN, after, |_| {});
        assert!(!m.is_blocked(), "{:?}", m.blocked);
        let c = database(PARENT_CHILDREN, PARENT_ROWS);
        c.execute_batch(&m.up_sql()).unwrap_or_else(|e| panic!("{e}\n{}", m.up_sql()));
        for t in ["cascade_child", "null_child", "plain_child"] {
            assert_eq!(
                rows(&c, &format!("SELECT * FROM {t} ORDER BY id")),
                ["Integer(10),Integer(1),Text(\"x\")", "Integer(11),Integer(2),Text(\"y\")"],
                "{t}\n{}",
                m.up_sql()
            );
        }
        // Only the parent's own rows are lost, and the plan says so.
        let notes = loss_notes(&m);
        assert!(notes.iter().any(|n| n.starts_with("any-drop-table: Dropping table parent.")), "{notes:#?}");
        assert!(!notes.iter().any(|n| n.contains("child")), "{notes:#?}");
        // Down makes the parent again, empty (its rows went with up): where a child gets its
        // foreign key back, its rows would reference parents that are not there. The rebuild
        // rolls back (was: committed with every reference broken), down stops, the rows stay.
        let down = c.execute_batch(&m.down_sql());
        if after == keeps_fks {
            down.unwrap_or_else(|e| panic!("{e}\n{}", m.down_sql()));
        } else {
            let e = down.expect_err("down must not leave broken references").to_string();
            assert!(e.contains("CHECK constraint failed: broken_references"), "{e}");
            assert_eq!(rows(&c, "SELECT count(*) FROM sqlite_master WHERE name = 'parent'"), ["Integer(0)"]);
        }
        assert_eq!(rows(&c, "SELECT count(*) FROM cascade_child"), ["Integer(2)"]);
    }
}

/// A column whose declared type moves to a numeric affinity: the rebuild converts '007' to 7
/// for good (down brings back '7'). The plan notes it as critical data loss naming the column,
/// and `--preserve-data` backs it up and restores the exact values in down.
#[test]
fn an_affinity_change_that_converts_values_is_a_critical_loss_note() {
    let before = "CREATE TABLE items (id INTEGER PRIMARY KEY, code TEXT, qty INT);";
    let after = "CREATE TABLE items (id INTEGER PRIMARY KEY, code txet, qty INT);";
    let m = plan(before, after, |_| {});
    let notes = loss_notes(&m);
    assert!(notes.iter().any(|n| n.starts_with("any-type-narrowing: Changing items.code from text to txet")), "{notes:#?}");
    let c = database(before, "INSERT INTO items VALUES (1, '007', 3), (2, 'abc', 4);");
    c.execute_batch(&m.up_sql()).expect("up");
    assert_eq!(rows(&c, "SELECT code FROM items ORDER BY id"), ["Integer(7)", "Text(\"abc\")"]);

    let m = plan(before, after, |o| o.preserve_data = true);
    let c = database(before, "INSERT INTO items VALUES (1, '007', 3), (2, 'abc', 4);");
    c.execute_batch(&m.up_sql()).expect("up");
    c.execute_batch(&m.down_sql()).unwrap_or_else(|e| panic!("{e}\n{}", m.down_sql()));
    assert_eq!(rows(&c, "SELECT code FROM items ORDER BY id"), ["Text(\"007\")", "Text(\"abc\")"]);
}

/// An accepted merge of a 1:n child into its parent keeps one child row per parent: the other
/// rows, and the orphans (NULL or dangling key), are dropped with the child. The plan says so
/// at high severity, and the queries it offers count exactly those rows.
#[test]
fn a_merge_names_the_child_rows_it_does_not_keep() {
    let before = "CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT);
CREATE TABLE addresses (id INTEGER PRIMARY KEY, user_id INTEGER REFERENCES users (id), city TEXT);";
    let after = "-- schemashift:copy-from addresses\nCREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT, city TEXT);";
    let seed = "INSERT INTO users VALUES (1, 'a'), (2, 'b'), (3, 'c');
INSERT INTO addresses VALUES (10, 1, 'Paris'), (11, 1, 'Lyon'), (12, 2, 'Rome'), (13, NULL, 'Oslo');";
    let m = plan(before, after, |_| {});
    assert!(!m.is_blocked(), "{:?}", m.blocked);
    let note = m.up.iter().flat_map(|s| &s.risks).find(|r| r.rule == "any-data-move-review").expect("a review note");
    assert_eq!(note.severity, RiskSeverity::High, "{note:?}");
    assert!(note.data_loss && note.message.contains("are not copied and are dropped with addresses"), "{}", note.message);
    let c = database(before, seed);
    assert_eq!(rows(&c, &note.safe_alternative[0]), ["Integer(1),Integer(2)"]);
    assert_eq!(rows(&c, &note.safe_alternative[1]), ["Integer(1)"]);
    c.execute_batch(&m.up_sql()).expect("up");
    assert_eq!(rows(&c, "SELECT city FROM users ORDER BY id"), ["Text(\"Paris\")", "Text(\"Rome\")", "Null"]);
}

/// A table copied into new tables by row filters (`kind = 'billing'`, `kind = 'shipping'`): the
/// rows no filter selects (a NULL or another kind) go nowhere and are dropped with the source.
/// The copies' notes say so at high severity, and their query counts exactly those rows.
#[test]
fn filtered_copies_name_the_rows_no_filter_selects() {
    let before = "CREATE TABLE addresses (id INTEGER PRIMARY KEY, kind TEXT, street TEXT);";
    let after = "-- schemashift:copy-from addresses where kind = 'billing'
CREATE TABLE billing_addresses (id INTEGER PRIMARY KEY, street TEXT);
-- schemashift:copy-from addresses where kind = 'shipping'
CREATE TABLE shipping_addresses (id INTEGER PRIMARY KEY, street TEXT);";
    let seed = "INSERT INTO addresses VALUES (1, 'billing', 'a'), (2, 'shipping', 'b'), (3, NULL, 'c'), (4, 'other', 'd');";
    let m = plan(before, after, |_| {});
    assert!(!m.is_blocked(), "{:?}", m.blocked);
    let notes: Vec<_> = m.up.iter().flat_map(|s| &s.risks).filter(|r| r.rule == "any-data-move-review").collect();
    assert_eq!(notes.len(), 2, "{notes:#?}");
    let c = database(before, seed);
    for note in notes {
        assert!(note.severity == RiskSeverity::High && note.data_loss, "{note:?}");
        assert!(
            note.message.contains("Rows of addresses that no copy's filter selects (kind = 'billing'; kind = 'shipping')"),
            "{}",
            note.message
        );
        assert_eq!(rows(&c, &note.safe_alternative[0]), ["Integer(2)"], "{}", note.safe_alternative[0]);
    }
    c.execute_batch(&m.up_sql()).expect("up");
    assert_eq!(rows(&c, "SELECT (SELECT count(*) FROM billing_addresses) + (SELECT count(*) FROM shipping_addresses)"), ["Integer(2)"]);
}

/// A column made NOT NULL with a default: SQLite's rebuild copies its NULLs as the default (the
/// other engines refuse the change while NULLs are there). The plan says so at high severity,
/// and `--preserve-data` backs the column up so down brings the NULLs back.
#[test]
fn nulls_filled_by_a_rebuild_are_a_loss_note_and_preserve_data_restores_them() {
    let before = "CREATE TABLE t (id INTEGER PRIMARY KEY, b INTEGER);";
    let after = "CREATE TABLE t (id INTEGER PRIMARY KEY, b INTEGER NOT NULL DEFAULT 0);";
    let m = plan(before, after, |_| {});
    let notes = loss_notes(&m);
    assert!(
        notes
            .iter()
            .any(|n| n.starts_with("any-set-not-null-existing-nulls: Making t.b NOT NULL: the rebuild replaces existing NULLs with 0")),
        "{notes:#?}"
    );
    let m = plan(before, after, |o| o.preserve_data = true);
    let c = database(before, "INSERT INTO t VALUES (1, NULL), (2, 5);");
    c.execute_batch(&m.up_sql()).expect("up");
    assert_eq!(rows(&c, "SELECT b FROM t ORDER BY id"), ["Integer(0)", "Integer(5)"]);
    c.execute_batch(&m.down_sql()).unwrap_or_else(|e| panic!("{e}\n{}", m.down_sql()));
    assert_eq!(rows(&c, "SELECT b FROM t ORDER BY id"), ["Null", "Integer(5)"]);
}

/// A split into a new table whose primary key no moved column fills (`id int PRIMARY KEY`,
/// which SQLite lets hold NULL, unlike `INTEGER PRIMARY KEY`): not proposed, since the copy would
/// make rows with NULL keys. The column's drop is then a critical data-loss note.
#[test]
fn a_split_that_would_leave_primary_keys_null_is_not_proposed() {
    let before = "CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT, city TEXT);";
    let after = "CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT);
CREATE TABLE addresses (id int PRIMARY KEY, user_id INTEGER REFERENCES users (id), city TEXT);";
    let m = plan(before, after, |_| {});
    assert!(m.data_move_proposals.is_empty(), "{:#?}", m.data_move_proposals);
    let notes = loss_notes(&m);
    assert!(notes.iter().any(|n| n.starts_with("any-drop-column: Dropping column city of users")), "{notes:#?}");
    // With a rowid key the split is proposed (and pending, it blocks).
    let m = plan(before, &after.replace("id int PRIMARY KEY", "id INTEGER PRIMARY KEY"), |_| {});
    assert_eq!(m.data_move_proposals.len(), 1, "{:#?}", m.data_move_proposals);
    assert!(m.is_blocked());
}

//! Plans that could destroy or misplace rows while looking normal, run on a real MariaDB with
//! rows in the tables, as a client whose session is not strict runs them (`sql_mode = ''`: old
//! configurations, some tools): a narrowing `MODIFY` there truncates or clamps values with only
//! a warning. Each result must stop with the rows intact, or keep every value.

use schemashift::risk::RiskSeverity;
use schemashift::{generate, Dialect, Migration, Options};
use schemashift_e2e::engine::mariadb::Mariadb;
use schemashift_e2e::engine::{Database, Engine};
use schemashift_e2e::split::{split, Flavor};

fn plan(before: &str, after: &str) -> Migration {
    generate(before, after, &Options::new(Dialect::Mysql))
}

/// Runs `sql` as the `mariadb` client runs a file, in a session with `sql_mode = ''`; the
/// first failing statement stops it (its error returned).
fn run_lenient(db: &mut dyn Database, sql: &str) -> Result<(), String> {
    db.execute("SET SESSION sql_mode = ''")?;
    for stmt in split(sql, Flavor::MysqlClient) {
        db.execute(&stmt).map_err(|e| format!("{e}\n  in: {stmt}"))?;
    }
    Ok(())
}

fn rows(db: &mut dyn Database, sql: &str) -> Vec<String> {
    let got = db.query(sql).unwrap_or_else(|e| panic!("{sql}: {e}"));
    got.into_iter().map(|r| r.into_iter().map(|v| v.unwrap_or_else(|| "NULL".into())).collect::<Vec<_>>().join(",")).collect()
}

/// One narrowing: BEFORE with its rows, AFTER, and the query whose answer must not change.
struct Narrowing {
    name: &'static str,
    before: &'static str,
    rows: &'static str,
    after: &'static str,
    read: &'static str,
}

const NARROWINGS: &[Narrowing] = &[
    Narrowing {
        name: "varchar(50) to varchar(10)",
        before: "CREATE TABLE t (id int PRIMARY KEY, name varchar(50));",
        rows: "INSERT INTO t VALUES (1, 'a name longer than ten'), (2, 'short');",
        after: "CREATE TABLE t (id int PRIMARY KEY, name varchar(10));",
        read: "SELECT id, name FROM t ORDER BY id",
    },
    Narrowing {
        name: "int to tinyint",
        before: "CREATE TABLE t (id int PRIMARY KEY, n int);",
        rows: "INSERT INTO t VALUES (1, 300), (2, 5);",
        after: "CREATE TABLE t (id int PRIMARY KEY, n tinyint);",
        read: "SELECT id, n FROM t ORDER BY id",
    },
    Narrowing {
        name: "decimal(10,3) to decimal(10,2)",
        before: "CREATE TABLE t (id int PRIMARY KEY, d decimal(10,3));",
        rows: "INSERT INTO t VALUES (1, 1.234), (2, 5.5);",
        after: "CREATE TABLE t (id int PRIMARY KEY, d decimal(10,2));",
        read: "SELECT id, d FROM t ORDER BY id",
    },
    Narrowing {
        name: "text to varchar(5) NOT NULL",
        before: "CREATE TABLE t (id int PRIMARY KEY, s text);",
        rows: "INSERT INTO t VALUES (1, 'longer text'), (2, NULL);",
        after: "CREATE TABLE t (id int PRIMARY KEY, s varchar(5) NOT NULL);",
        read: "SELECT id, s FROM t ORDER BY id",
    },
];

/// MySQL rounds numbers with a note, not a warning, even in strict mode: the plan must say so
/// in a critical data-loss note.
fn rounding_declared(m: &Migration) -> bool {
    m.up.iter().flat_map(|s| &s.risks).any(|r| {
        r.data_loss && r.severity == RiskSeverity::Critical && r.message.contains("rounds such values silently even in strict mode")
    })
}

/// Every narrowing, up then down, on a lenient session: the script is blocked, or it stops at
/// the narrowing with every row as it was, or it keeps every value.
fn narrowings_stop_with_rows_intact(engine: &Mariadb) {
    for n in NARROWINGS {
        for (dir, from, to) in [("up", n.before, n.after)] {
            let m = plan(from, to);
            if m.is_blocked() {
                continue;
            }
            let mut db = engine.fresh(None).expect("database");
            db.run_script(&format!("{from}\n{}", n.rows)).expect("BEFORE and rows");
            let was = rows(db.as_mut(), n.read);
            let result = run_lenient(db.as_mut(), &m.up_sql());
            let now = rows(db.as_mut(), n.read);
            if was != now && rounding_declared(&m) {
                continue;
            }
            assert_eq!(was, now, "{} ({dir}): rows changed on a lenient session (script {result:?}):\n{}", n.name, m.up_sql());
            assert!(result.is_err(), "{} ({dir}): the script ran and kept the rows?", n.name);
        }
    }
}

/// ENUM and SET members reordered (and one inserted): every value converts by its text, so the
/// rows are kept both ways; what changes is the sort order by member position, which the
/// plan's note says, and no note claims data loss.
fn enum_set_reorder_keeps_values(engine: &Mariadb) {
    let before = "CREATE TABLE t (id int PRIMARY KEY, e enum('a','b','c'), s set('x','y'));";
    let after = "CREATE TABLE t (id int PRIMARY KEY, e enum('c','a','new','b'), s set('y','x'));";
    let m = plan(before, after);
    assert!(!m.is_blocked(), "{:?}", m.blocked);
    let notes: Vec<_> = m.up.iter().flat_map(|s| &s.risks).collect();
    assert!(notes.iter().all(|r| !r.data_loss), "a reorder loses nothing: {notes:#?}");
    assert!(notes.iter().any(|r| r.message.contains("ORDER BY `e` sorts by member position")), "{notes:#?}");
    let mut db = engine.fresh(None).expect("database");
    db.run_script(&format!("{before}\nINSERT INTO t VALUES (1, 'a', 'x'), (2, 'c', 'x,y'), (3, 'b', 'y'), (4, NULL, '');"))
        .expect("BEFORE");
    // A SET value is listed in member order: compared as the members it holds.
    let read = "SELECT id, e, FIND_IN_SET('x', s) > 0, FIND_IN_SET('y', s) > 0, s = '' FROM t ORDER BY id";
    let was = rows(db.as_mut(), read);
    assert_eq!(rows(db.as_mut(), "SELECT id FROM t WHERE e IS NOT NULL ORDER BY e"), ["1", "3", "2"]);
    db.run_migration(&m.up_sql()).expect("up");
    assert_eq!(rows(db.as_mut(), read), was, "up keeps every value");
    // As the note says: rows sort by the new member positions.
    assert_eq!(rows(db.as_mut(), "SELECT id FROM t WHERE e IS NOT NULL ORDER BY e"), ["2", "1", "3"]);
    db.run_migration(&m.down_sql()).expect("down");
    assert_eq!(rows(db.as_mut(), read), was, "down keeps every value");
}

/// The server reads executable comments as `parse/version_comments.rs` does for MariaDB 10.11:
/// `/*!NNNNN` from that version but not 50700-99999, `/*M!NNNNNN` up to its own version.
fn executable_comments_read_as_the_server(engine: &Mariadb) {
    let mut db = engine.fresh(None).expect("database");
    let got = rows(db.as_mut(), "SELECT 1 /*!80000 +1 */ /*!50699 +10 */ /*M!100100 +100 */ /*M!120300 +1000 */ /*! +10000 */");
    assert_eq!(got, ["10111"]);
    let schema = "CREATE TABLE t (id int) /*!80016 COMMENT='mysql8' */ /*M!100100 COMMENT='maria' */;";
    db.run_script(schema).expect("schema");
    let comment =
        rows(db.as_mut(), "SELECT table_comment FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name = 't'");
    let m = plan(schema, "CREATE TABLE t (id int) COMMENT='maria';");
    assert_eq!((comment, m.up.len()), (vec!["maria".to_string()], 0), "{}", m.up_sql());
}

/// One server for every check (two MariaDB servers starting at once in a shared /tmp trip over
/// each other's temporary files).
#[test]
fn mariadb_data_safety() {
    let engine = Mariadb::start().expect("MariaDB starts");
    narrowings_stop_with_rows_intact(&engine);
    enum_set_reorder_keeps_values(&engine);
    executable_comments_read_as_the_server(&engine);
}

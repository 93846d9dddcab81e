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
        r.data_loss
            && r.severity == RiskSeverity::Critical
            && r.message.contains("The script's strict sql_mode does not stop this")
            && r.message.contains("without an error")
    })
}

/// Changes the script's strict `sql_mode` does not stop (verified here): decimals rounded to a
/// smaller scale, a fraction stored as an integer, fractional seconds cut (MariaDB truncates
/// them). BEFORE with rows, AFTER, the column; the note's count query must count exactly the
/// rows whose value up changes.
const ROUNDINGS: &[(&str, &str, &str, &str)] = &[
    ("decimal(12,4)", "decimal(12,2)", "(1, 1.2345), (2, 1.23), (3, NULL), (4, -0.005), (5, 7)", "the scale of a decimal"),
    ("decimal(10,2)", "int", "(1, 1.5), (2, 2), (3, NULL), (4, -0.01)", "a decimal stored as an integer"),
    (
        "datetime(6)",
        "datetime(2)",
        "(1, '2024-01-01 10:00:00.123456'), (2, '2024-01-01 10:00:00.12'), (3, NULL), (4, '2024-01-01 23:59:59.999999')",
        "fractional seconds of a datetime",
    ),
    ("time(6)", "time", "(1, '10:00:00.5'), (2, '10:00:01'), (3, '-838:59:58.000001')", "fractional seconds of a time"),
    (
        "timestamp(6) NULL",
        "timestamp(3) NULL",
        "(1, '2024-01-01 10:00:00.1234'), (2, '2024-01-01 10:00:00.123'), (3, NULL)",
        "fractional seconds of a timestamp",
    ),
];

fn rounding_is_counted_before_it_happens(engine: &Mariadb) {
    for &(from, to, values, what) in ROUNDINGS {
        let before = format!("CREATE TABLE t (id int PRIMARY KEY, v {from});");
        let after = format!("CREATE TABLE t (id int PRIMARY KEY, v {to});");
        let o = Options {
            target: schemashift::Target::parse(Dialect::Mysql, "mariadb-10.11").expect("target"),
            ..Options::new(Dialect::Mysql)
        };
        let m = generate(&before, &after, &o);
        assert!(!m.is_blocked() && rounding_declared(&m), "{what}: {:#?}", m.up.iter().flat_map(|s| &s.risks).collect::<Vec<_>>());
        let notes: Vec<_> = m.up.iter().flat_map(|s| &s.risks).filter(|r| r.rule == "any-type-narrowing").collect();
        let count = notes.iter().flat_map(|r| &r.safe_alternative).find(|q| q.contains("<>")).expect("a count of the changed values");
        let mut db = engine.fresh(None).expect("database");
        db.run_script(&format!("{before}\nINSERT INTO t VALUES {values};")).expect("BEFORE and rows");
        let counted = rows(db.as_mut(), count);
        // Compared at the old precision (the text of an unchanged 1.2300 becomes 1.23).
        let read = match from.split('(').next() {
            Some("decimal") => "SELECT id, CAST(v AS DECIMAL(30,6)) FROM t ORDER BY id",
            Some("time") => "SELECT id, CAST(v AS TIME(6)) FROM t ORDER BY id",
            _ => "SELECT id, CAST(v AS DATETIME(6)) FROM t ORDER BY id",
        };
        let was = rows(db.as_mut(), read);
        db.run_migration(&m.up_sql()).unwrap_or_else(|e| panic!("{what}: strict mode does not stop it, yet: {e}"));
        let now = rows(db.as_mut(), read);
        let changed = was.iter().zip(&now).filter(|(a, b)| a != b).count();
        assert_eq!(counted, [changed.to_string()], "{what}: {count}\n  before {was:?}\n  after {now:?}");
        assert!(changed > 0, "{what}: the rows change nothing ({now:?})");
        // The package's pre-check counts them too.
        let pre = schemashift::package::precheck_sql(&m);
        assert!(pre.contains(count.split(" WHERE ").nth(1).unwrap_or("?")), "{what}: {pre}");
    }
}

/// A script leaves its session's `sql_mode` as it found it, run statement by statement on one
/// connection (as `source` or a tool reusing its connection runs it); one that stops half-way
/// leaves the session strict with the mode saved, and the rerun in that session restores it.
fn scripts_give_the_session_its_sql_mode_back(engine: &Mariadb) {
    let before = "CREATE TABLE t (id int PRIMARY KEY, name varchar(50), n int);";
    let after = "CREATE TABLE t (id int PRIMARY KEY, name varchar(10), n bigint);";
    let m = plan(before, after);
    let mode = |db: &mut dyn Database| rows(db, "SELECT @@SESSION.sql_mode, COALESCE(@schemashift_old_sql_mode, 'unset')");
    for own in ["", "NO_ENGINE_SUBSTITUTION", "ERROR_FOR_DIVISION_BY_ZERO,NO_AUTO_CREATE_USER,NO_ENGINE_SUBSTITUTION"] {
        let mut db = engine.fresh(None).expect("database");
        db.run_script(before).expect("BEFORE");
        db.execute(&format!("SET SESSION sql_mode = '{own}'")).expect("mode");
        let was = mode(db.as_mut());
        assert_eq!(was, [format!("{own},unset")]);
        for sql in [m.up_sql(), m.down_sql()] {
            for stmt in split(&sql, Flavor::MysqlClient) {
                db.execute(&stmt).unwrap_or_else(|e| panic!("{e}\n  in: {stmt}"));
            }
            assert_eq!(mode(db.as_mut()), was, "{sql}");
        }
        // Stopped half-way: a name longer than 10 characters makes the narrowing fail.
        db.execute("INSERT INTO t VALUES (1, 'a name longer than ten', 1)").expect("row");
        let stopped = run_until_error(db.as_mut(), &m.up_sql());
        assert!(stopped.is_err(), "the narrowing fails on the long name");
        let strict = mode(db.as_mut());
        assert!(strict[0].contains("STRICT_ALL_TABLES") && strict[0].ends_with(&format!(",{own}")), "{strict:?}");
        db.execute("UPDATE t SET name = 'short'").expect("fix");
        run_until_error(db.as_mut(), &m.up_sql()).expect("the rerun");
        assert_eq!(mode(db.as_mut()), was, "the rerun restores the mode saved first");
    }
}

fn run_until_error(db: &mut dyn Database, sql: &str) -> Result<(), String> {
    for stmt in split(sql, Flavor::MysqlClient) {
        db.execute(&stmt).map_err(|e| format!("{e}\n  in: {stmt}"))?;
    }
    Ok(())
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

/// A column made AUTO_INCREMENT keeps a row's 0 (MariaDB gave it the next sequence value, with
/// no error and no note: the key changed under the rows that use it), on a session whose mode is
/// the server's default and on a lenient one.
fn auto_increment_added_keeps_a_zero_key(engine: &Mariadb) {
    let before = "CREATE TABLE t (id int NOT NULL PRIMARY KEY, v varchar(5));";
    let after = "CREATE TABLE t (id int NOT NULL AUTO_INCREMENT PRIMARY KEY, v varchar(5));";
    let m = plan(before, after);
    assert!(!m.is_blocked(), "{:?}", m.blocked);
    for lenient in [false, true] {
        let mut db = engine.fresh(None).expect("database");
        db.run_script(&format!("{before}\nINSERT INTO t VALUES (0, 'zero'), (5, 'five');")).expect("BEFORE");
        if lenient {
            run_lenient(db.as_mut(), &m.up_sql()).expect("up");
        } else {
            db.run_migration(&m.up_sql()).expect("up");
        }
        assert_eq!(rows(db.as_mut(), "SELECT id, v FROM t ORDER BY id"), ["0,zero", "5,five"], "{}", m.up_sql());
        db.run_migration(&m.down_sql()).expect("down");
        assert_eq!(rows(db.as_mut(), "SELECT id, v FROM t ORDER BY id"), ["0,zero", "5,five"], "{}", m.down_sql());
    }
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

/// A CHECK that changes under its name, on rows that break the new one: the migration stops and
/// the table keeps its old check (DDL is not transactional: dropping it first, in its own
/// statement, left the table with none). Once the rows fit, up and down replace it.
fn changed_check_failing_keeps_the_old_one(engine: &Mariadb) {
    let before = "CREATE TABLE t (id int PRIMARY KEY, qty int, CONSTRAINT qty_pos CHECK (qty >= 0));";
    let after = "CREATE TABLE t (id int PRIMARY KEY, qty int, CONSTRAINT qty_pos CHECK (qty > 0));";
    let o =
        Options { target: schemashift::Target::parse(Dialect::Mysql, "mariadb-10.11").expect("target"), ..Options::new(Dialect::Mysql) };
    let m = generate(before, after, &o);
    assert!(!m.is_blocked(), "{:?}", m.blocked);
    let check = |db: &mut dyn Database| {
        rows(db, "SELECT check_clause FROM information_schema.check_constraints WHERE constraint_schema = DATABASE() AND constraint_name = 'qty_pos'")
    };
    let mut db = engine.fresh(None).expect("database");
    db.run_script(&format!("{before}\nINSERT INTO t VALUES (1, 0), (2, 5);")).expect("BEFORE and rows");
    let old = check(db.as_mut());
    assert_eq!(old.len(), 1, "{old:?}");
    let failed = run_until_error(db.as_mut(), &m.up_sql());
    assert!(failed.is_err(), "the row with qty = 0 breaks the new check:\n{}", m.up_sql());
    assert_eq!(check(db.as_mut()), old, "the old check stays when the new one fails");
    assert!(db.execute("INSERT INTO t VALUES (3, -1)").is_err(), "still enforced");
    db.execute("DELETE FROM t WHERE id = 1").expect("fix the row");
    db.run_migration(&m.up_sql()).expect("up");
    let new = check(db.as_mut());
    assert!(new.len() == 1 && new != old, "{new:?}");
    assert!(db.execute("INSERT INTO t VALUES (4, 0)").is_err(), "the new check holds");
    db.run_migration(&m.down_sql()).expect("down");
    assert_eq!(check(db.as_mut()), old);
    assert_eq!(rows(db.as_mut(), "SELECT id, qty FROM t ORDER BY id"), ["2,5"]);
}

/// A trigger the migration creates keeps the `sql_mode` of the session that ran it, as one the
/// user creates does (MariaDB stores it with the trigger and runs the body with it): the strict
/// mode of the script's other statements (with `NO_AUTO_VALUE_ON_ZERO`: an explicit 0 into an
/// AUTO_INCREMENT column would then stay 0 inside the trigger) does not leak into it.
fn triggers_keep_the_sessions_sql_mode(engine: &Mariadb) {
    let before = "CREATE TABLE t (id int PRIMARY KEY, qty int, total int);\nCREATE TABLE audit (id int AUTO_INCREMENT PRIMARY KEY, msg varchar(40));";
    let after = format!(
        "{before}\nCREATE TRIGGER t_ai AFTER INSERT ON t FOR EACH ROW INSERT INTO audit (id, msg) VALUES (0, CONCAT('ins ', NEW.id));"
    );
    let o =
        Options { target: schemashift::Target::parse(Dialect::Mysql, "mariadb-10.11").expect("target"), ..Options::new(Dialect::Mysql) };
    let m = generate(before, &after, &o);
    assert!(!m.is_blocked(), "{:?}", m.blocked);
    let mode = "SELECT sql_mode FROM information_schema.triggers WHERE trigger_schema = DATABASE() AND trigger_name = 't_ai'";
    let mut built = engine.fresh(None).expect("database");
    built.run_script(&after).expect("AFTER");
    let expected = rows(built.as_mut(), mode);
    let mut db = engine.fresh(None).expect("database");
    db.run_script(before).expect("BEFORE");
    db.run_migration(&m.up_sql()).unwrap_or_else(|e| panic!("{e}\n{}", m.up_sql()));
    assert_eq!(rows(db.as_mut(), mode), expected, "{}", m.up_sql());
    // The body runs as on a database built from AFTER: the 0 takes the next number.
    db.execute("INSERT INTO t VALUES (1, 2, 3), (2, 2, 3)").expect("rows");
    assert_eq!(rows(db.as_mut(), "SELECT id, msg FROM audit ORDER BY id"), ["1,ins 1", "2,ins 2"]);
}

/// One server for every check (two MariaDB servers starting at once in a shared /tmp trip over
/// each other's temporary files).
#[test]
fn mariadb_data_safety() {
    let engine = Mariadb::start().expect("MariaDB starts");
    narrowings_stop_with_rows_intact(&engine);
    rounding_is_counted_before_it_happens(&engine);
    scripts_give_the_session_its_sql_mode_back(&engine);
    enum_set_reorder_keeps_values(&engine);
    executable_comments_read_as_the_server(&engine);
    auto_increment_added_keeps_a_zero_key(&engine);
    changed_check_failing_keeps_the_old_one(&engine);
    triggers_keep_the_sessions_sql_mode(&engine);
}

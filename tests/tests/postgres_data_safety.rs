//! Changes PostgreSQL makes to stored values without an error, run on a real PostgreSQL 15 with
//! rows in the table: a `numeric` of a smaller scale, a fraction stored as an integer, fewer
//! fractional seconds. The plan's critical note must say the statement does not fail, and its
//! count query (also in `precheck.sql`) must count exactly the rows whose value up changes.
//! And the narrowings whose note says the statement fails on a value that does not fit: with
//! such a value in the table, up stops and the value is still there (an explicit cast to
//! `character(n)` or `bit(n)` would cut it without an error).

use schemashift::risk::RiskSeverity;
use schemashift::{generate, Dialect, Options};
use schemashift_e2e::engine::postgres::Postgres;
use schemashift_e2e::engine::Engine;

/// (from, to, rows, the value read at the old precision, what it is).
const ROUNDINGS: &[(&str, &str, &str, &str, &str)] = &[
    (
        "numeric(12,4)",
        "numeric(12,2)",
        "(1, 1.2345), (2, 1.23), (3, NULL), (4, -0.005), (5, 7)",
        "v::numeric(30,6)",
        "the scale of a numeric",
    ),
    ("numeric", "numeric(10,2)", "(1, 1.005), (2, 2.5), (3, 'NaN')", "v::numeric(30,6)", "an unconstrained numeric"),
    ("numeric(10,2)", "integer", "(1, 1.5), (2, 2), (3, NULL), (4, -0.01)", "v::numeric(30,6)", "a numeric stored as an integer"),
    ("double precision", "integer", "(1, 2.5), (2, 3), (3, NULL)", "v::float8", "a float stored as an integer"),
    (
        "timestamp(6)",
        "timestamp(2)",
        "(1, '2024-01-01 10:00:00.123456'), (2, '2024-01-01 10:00:00.12'), (3, 'infinity'), (4, '2024-01-01 23:59:59.999999')",
        "v::timestamp(6)",
        "fractional seconds of a timestamp",
    ),
    ("time(6)", "time(0)", "(1, '10:00:00.5'), (2, '10:00:01'), (3, NULL)", "v::time(6)", "fractional seconds of a time"),
    (
        "timestamptz(6)",
        "timestamptz(3)",
        "(1, '2024-01-01 10:00:00.1234+00'), (2, '2024-01-01 10:00:00.123+00')",
        "v::timestamptz(6)",
        "fractional seconds of a timestamptz",
    ),
    ("interval(6)", "interval(1)", "(1, '1 day 00:00:01.25'), (2, '1 second')", "v::interval(6)", "fractional seconds of an interval"),
];

#[test]
fn postgres_rounding_is_counted_before_it_happens() {
    let engine = Postgres::start().expect("PostgreSQL starts");
    for &(from, to, values, value, what) in ROUNDINGS {
        let before = format!("CREATE TABLE t (id int PRIMARY KEY, v {from});");
        let after = format!("CREATE TABLE t (id int PRIMARY KEY, v {to});");
        let m = generate(&before, &after, &Options::new(Dialect::Postgres));
        let notes: Vec<_> = m.up.iter().flat_map(|s| &s.risks).filter(|r| r.rule == "any-type-narrowing").collect();
        assert!(
            notes.iter().any(|r| r.data_loss
                && r.severity == RiskSeverity::Critical
                && r.message.contains("PostgreSQL stores such values rounded without an error")),
            "{what}: {notes:#?}"
        );
        let count = notes.iter().flat_map(|r| &r.safe_alternative).find(|q| q.contains("<>")).expect("a count of the changed values");
        let mut db = engine.fresh(None).expect("database");
        db.run_script(&format!("{before}\nINSERT INTO t VALUES {values};")).expect("BEFORE and rows");
        let counted = db.query(count).unwrap_or_else(|e| panic!("{what}: {count}: {e}"));
        let read = format!("SELECT id, CAST({value} AS text) FROM t ORDER BY id");
        let was = db.query(&read).expect("read");
        db.run_migration(&m.up_sql()).unwrap_or_else(|e| panic!("{what}: PostgreSQL rounds, yet: {e}"));
        let now = db.query(&read).expect("read");
        let changed = was.iter().zip(&now).filter(|(a, b)| a != b).count();
        assert_eq!(counted, [vec![Some(changed.to_string())]], "{what}: {count}\n  before {was:?}\n  after {now:?}");
        assert!(changed > 0, "{what}: the rows change nothing ({now:?})");
        let pre = schemashift::package::precheck_sql(&m);
        assert!(pre.contains(count.split(" WHERE ").nth(1).unwrap_or("?")), "{what}: {pre}");
    }
}

/// (from, to, rows of which one does not fit, what it is).
const REFUSED: &[(&str, &str, &str, &str)] = &[
    ("varchar(10)", "char(3)", "(1, 'ab'), (2, 'abcdefg')", "a varchar to a shorter char"),
    ("text", "char(3)", "(1, 'ab '), (2, 'abcd')", "a text to a char"),
    ("integer", "char(2)", "(1, 7), (2, 12345)", "an integer to a char"),
    ("text", "bit(4)", "(1, '1010'), (2, '101')", "a text to a bit string"),
    ("bit varying(8)", "bit(4)", "(1, B'1010'), (2, B'101011')", "a bit varying to a shorter bit"),
    ("varchar(10)", "char(3)[]", "(1, '{ab}'), (2, '{abcdefg}')", "an array of varchar to an array of char"),
    ("text", "code3", "(1, 'ab'), (2, 'abcd')", "a text to a domain over varchar(3)"),
    ("integer", "flag2", "(1, 7), (2, 123)", "an integer to a domain over char(2)"),
];

/// The domains `REFUSED` changes to, on both sides.
const DOMAINS: &str = "CREATE DOMAIN code3 AS varchar(3); CREATE DOMAIN flag2 AS char(2);\n";

#[test]
fn postgres_narrowing_that_does_not_fit_fails_and_keeps_the_value() {
    let engine = Postgres::start().expect("PostgreSQL starts");
    for &(from, to, values, what) in REFUSED {
        let before = format!("{DOMAINS}CREATE TABLE t (id int PRIMARY KEY, v {from});");
        let after = format!("{DOMAINS}CREATE TABLE t (id int PRIMARY KEY, v {to});");
        let m = generate(&before, &after, &Options::new(Dialect::Postgres));
        let notes: Vec<_> = m.up.iter().flat_map(|s| &s.risks).filter(|r| r.rule == "any-type-narrowing").collect();
        assert!(notes.iter().any(|r| r.message.contains("The statement fails on values that do not fit")), "{what}: {notes:#?}");
        let mut db = engine.fresh(None).expect("database");
        db.run_script(&format!("{before}\nINSERT INTO t VALUES {values};")).expect("BEFORE and rows");
        let read = "SELECT id, v::text FROM t ORDER BY id";
        let was = db.query(read).expect("read");
        let up = m.up_sql();
        assert!(db.run_migration(&up).is_err(), "{what}: up ran on a value that does not fit:\n{up}\n  rows now {:?}", db.query(read));
        assert_eq!(db.query(read).expect("read"), was, "{what}: {up}");
        // Without the value that does not fit, up runs.
        let mut db = engine.fresh(None).expect("database");
        db.run_script(&format!(
            "{before}\nINSERT INTO t VALUES {};",
            values.split("), (").next().unwrap_or("").trim_end_matches(')').to_string() + ")"
        ))
        .expect("BEFORE and a row");
        db.run_migration(&up).unwrap_or_else(|e| panic!("{what}: {e}\n{up}"));
    }
}

/// A `serial` column made an identity column, and back, on a table with rows and a gap (the
/// last rows deleted): the sequence that takes over starts past both the rows and the numbers
/// the old one handed out, so the next insert neither collides with a key nor reuses a retired
/// one, and it has the name a database built from the target schema gives it (`a_id_seq`, not
/// `a_id_seq1`). Identity back to serial: the serial sequence is created once the identity's has
/// freed the name (it failed with "already exists").
#[test]
fn postgres_serial_and_identity_trade_places_keeping_the_numbering() {
    let engine = Postgres::start().expect("PostgreSQL starts");
    let serial = "CREATE TABLE a (id serial PRIMARY KEY, v text);";
    let seqs = "SELECT sequencename FROM pg_sequences WHERE schemaname = 'public' ORDER BY 1";
    let owned = "SELECT pg_get_serial_sequence('a', 'id')";
    for kind in ["BY DEFAULT", "ALWAYS"] {
        let identity = format!("CREATE TABLE a (id int GENERATED {kind} AS IDENTITY PRIMARY KEY, v text);");
        let m = generate(serial, &identity, &Options::new(Dialect::Postgres));
        assert!(!m.is_blocked(), "{:?}", m.blocked);
        let mut db = engine.fresh(None).expect("database");
        db.run_script(&format!("{serial}\nINSERT INTO a (v) SELECT 'r' || g FROM generate_series(1, 5) g;\nDELETE FROM a WHERE id > 3;"))
            .expect("BEFORE and rows");
        db.run_migration(&m.up_sql()).unwrap_or_else(|e| panic!("{kind}: {e}\n{}", m.up_sql()));
        let insert = if kind == "ALWAYS" { "INSERT INTO a (v) VALUES ('new') RETURNING id" } else { "INSERT INTO a (v) VALUES ('new')" };
        db.execute(insert).unwrap_or_else(|e| panic!("{kind}: the next insert: {e}\n{}", m.up_sql()));
        let next = db.query("SELECT max(id) FROM a").expect("read");
        assert_eq!(next, vec![vec![Some("6".to_string())]], "{kind}: numbering goes on after 5 (ids 4 and 5 were handed out)");
        assert_eq!(db.query(seqs).expect("read"), vec![vec![Some("a_id_seq".to_string())]], "{kind}: {}", m.up_sql());
        assert_eq!(db.query(owned).expect("read"), vec![vec![Some("public.a_id_seq".to_string())]]);
        // Back to serial: the migration runs and numbering goes on.
        let back = generate(&identity, serial, &Options::new(Dialect::Postgres));
        db.run_migration(&back.up_sql()).unwrap_or_else(|e| panic!("{kind} back: {e}\n{}", back.up_sql()));
        db.execute("INSERT INTO a (v) VALUES ('again')").unwrap_or_else(|e| panic!("{kind} back: the next insert: {e}"));
        assert_eq!(db.query("SELECT max(id) FROM a").expect("read"), vec![vec![Some("7".to_string())]], "{}", back.up_sql());
        assert_eq!(db.query(seqs).expect("read"), vec![vec![Some("a_id_seq".to_string())]]);
        let default = db.query("SELECT column_default FROM information_schema.columns WHERE table_name = 'a' AND column_name = 'id'");
        assert_eq!(default.expect("read"), vec![vec![Some("nextval('a_id_seq'::regclass)".to_string())]]);
    }
}

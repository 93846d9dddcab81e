//! Risk notes through the whole pipeline: real SQL text in, notes on the rendered steps out.

use crate::{generate, Dialect, Migration, Options, Target};

fn run(dialect: Dialect, version: &str, before: &str, after: &str, sizes: &[(&str, u64)]) -> Migration {
    let mut o = Options::new(dialect);
    o.target = Target::parse(dialect, version).expect("valid version");
    for (t, n) in sizes {
        o.table_sizes.insert(t.to_string(), *n);
    }
    generate(before, after, &o)
}

/// (rule, severity) of every note on the up steps, in step order.
fn notes(m: &Migration) -> Vec<(String, String)> {
    m.up.iter().flat_map(|s| s.risks.iter().map(|r| (r.rule.clone(), format!("{:?}", r.severity).to_lowercase()))).collect()
}

fn has(m: &Migration, rule: &str) -> bool {
    m.up.iter().any(|s| s.risks.iter().any(|r| r.rule == rule))
}

#[test]
fn postgres_notes_follow_the_dangerous_statements() {
    let before = "CREATE TABLE users (id integer PRIMARY KEY, email text, legacy text);";
    let after = "CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL, token uuid DEFAULT gen_random_uuid());\n\
                 CREATE INDEX users_email_idx ON users (email);";
    let m = run(Dialect::Postgres, "15", before, after, &[]);
    for rule in [
        "pg-alter-column-type-rewrite",
        "pg-set-not-null",
        "any-set-not-null-existing-nulls",
        "pg-add-column-volatile-default",
        "pg-create-index-blocking",
        "any-drop-column",
        "pg-lock-timeout",
    ] {
        assert!(has(&m, rule), "{rule} missing: {:?}", notes(&m));
    }
    // Each step's notes are sorted by severity, then rule id.
    for s in &m.up {
        let keys: Vec<_> = s.risks.iter().map(|r| (r.severity, r.rule.clone())).collect();
        let mut sorted = keys.clone();
        sorted.sort();
        assert_eq!(keys, sorted);
    }
    // The down migration is assessed too: it drops the new column again.
    assert!(m.down.iter().any(|s| s.risks.iter().any(|r| r.rule == "any-drop-column")));
}

#[test]
fn table_sizes_scale_severity() {
    let before = "CREATE TABLE t (id bigint PRIMARY KEY, a integer);";
    let after = "CREATE TABLE t (id bigint PRIMARY KEY, a bigint);";
    let sev = |sizes: &[(&str, u64)]| {
        let m = run(Dialect::Postgres, "15", before, after, sizes);
        m.up.iter().flat_map(|s| s.risks.iter()).find(|r| r.rule == "pg-alter-column-type-rewrite").map(|r| (r.severity, r.message.clone()))
    };
    let (unknown, msg) = sev(&[]).expect("fires");
    assert!(msg.contains("Row count unknown"));
    let (small, _) = sev(&[("t", 100)]).expect("fires");
    let (huge, msg) = sev(&[("public.t", 90_000_000)]).expect("fires");
    assert!(msg.contains("90,000,000 rows"));
    assert!(huge < unknown && unknown < small, "{huge:?} {unknown:?} {small:?}");
}

#[test]
fn postgres_version_edges() {
    let before = "CREATE TABLE t (id bigint PRIMARY KEY);";
    let after = "CREATE TABLE t (id bigint PRIMARY KEY, n integer NOT NULL DEFAULT 0);";
    assert!(has(&run(Dialect::Postgres, "10", before, after, &[]), "pg-add-column-default-pre11"));
    assert!(!has(&run(Dialect::Postgres, "11", before, after, &[]), "pg-add-column-default-pre11"));
}

#[test]
fn mysql_version_edges() {
    let before = "CREATE TABLE t (id int PRIMARY KEY, a int);";
    let after = "CREATE TABLE t (id int PRIMARY KEY, a int, b int, CONSTRAINT c CHECK (a > 0));";
    let m57 = run(Dialect::Mysql, "mysql-5.7", before, after, &[]);
    assert!(has(&m57, "mysql-add-column-not-instant"));
    assert!(has(&m57, "mysql-check-constraint-ignored"));
    let m80 = run(Dialect::Mysql, "mysql-8.0", before, after, &[]);
    assert!(!has(&m80, "mysql-add-column-not-instant"), "{:?}", notes(&m80));
    assert!(has(&m80, "mysql-add-check-constraint"));
    let maria = run(Dialect::Mysql, "mariadb-10.11", before, after, &[]);
    assert!(!has(&maria, "mysql-add-column-not-instant"));
}

#[test]
fn sqlite_rebuild_notes() {
    let before = "CREATE TABLE u (id INTEGER PRIMARY KEY, code TEXT, legacy TEXT);";
    let after = "CREATE TABLE u (id INTEGER PRIMARY KEY, code INTEGER);";
    let m = run(Dialect::Sqlite, "3.45", before, after, &[("u", 5_000_000)]);
    assert!(has(&m, "sqlite-rebuild-table") || has(&m, "sqlite-drop-column-rewrite"), "{:?}", notes(&m));
    assert!(m.up.iter().flat_map(|s| s.risks.iter()).any(|r| r.data_loss));
}

#[test]
fn notes_are_deterministic() {
    let before = "CREATE TABLE a (id int PRIMARY KEY, x text); CREATE TABLE b (id int);";
    let after = "CREATE TABLE a (id bigint PRIMARY KEY, y text UNIQUE);";
    let one = run(Dialect::Postgres, "15", before, after, &[]);
    let two = run(Dialect::Postgres, "15", before, after, &[]);
    assert_eq!(one.up, two.up);
    assert_eq!(one.down, two.down);
}

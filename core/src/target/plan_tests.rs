//! The plan of every flavor on the same changes, plain and `--zero-downtime` (no engine of these
//! runs here: the shapes are checked by assertion and kept as insta snapshots), and the runbook
//! section each flavor adds.

use crate::package::{build, Format, PackageOptions};
use crate::plan::Step;
use crate::{generate, Dialect, Flavor, Migration, Options, Target};

const PG_BEFORE: &str = "CREATE TABLE users (id bigint PRIMARY KEY, email text, age int, note text);\n\
    CREATE INDEX users_note_idx ON users (note);\n";
const PG_AFTER: &str = "CREATE TABLE users (id bigint PRIMARY KEY, email text, age text, note text,\n\
    created_at timestamptz DEFAULT now(), CONSTRAINT users_email_check CHECK (email <> ''));\n\
    CREATE INDEX users_email_idx ON users (email);\n";
const MY_BEFORE: &str = "CREATE TABLE users (id bigint PRIMARY KEY, email varchar(100), age int, note text,\n\
    KEY users_note_idx (note(20)));\n";
const MY_AFTER: &str = "CREATE TABLE users (id bigint PRIMARY KEY, email varchar(100), age bigint, note text,\n\
    nick varchar(20), KEY users_email_idx (email));\n";

fn run(flavor: Flavor, zero_downtime: bool) -> Migration {
    let mut o = Options::new(flavor.dialect());
    o.target = Target::of(flavor);
    o.zero_downtime = zero_downtime;
    let (before, after) = match flavor.dialect() {
        Dialect::Postgres => (PG_BEFORE, PG_AFTER),
        _ => (MY_BEFORE, MY_AFTER),
    };
    let m = generate(before, after, &o);
    assert!(!m.is_blocked(), "{flavor}: {:?}", m.blocked);
    m
}

fn rules(steps: &[Step]) -> Vec<String> {
    steps.iter().flat_map(|s| s.risks.iter().map(|r| format!("{} {:?}", r.rule, r.severity))).collect()
}

/// The up script and the rules noted on it, for a snapshot.
fn shape(m: &Migration) -> String {
    format!("{}\n-- rules:\n{}\n", m.up_sql(), rules(&m.up).join("\n"))
}

fn readme(m: &Migration) -> String {
    let p = build(m, &PackageOptions::new(Format::Plain, "1")).unwrap();
    p.text("README.md").unwrap_or_default().to_string()
}

#[test]
fn cockroachdb_runs_each_schema_change_alone_and_online() {
    for zd in [false, true] {
        let m = run(Flavor::Cockroachdb, zd);
        let (up, down) = (m.up_sql(), m.down_sql());
        assert!(!up.contains("BEGIN;") && !down.contains("BEGIN;"), "{up}");
        assert!(!up.contains("CONCURRENTLY") && !up.contains("DO $"), "{up}");
        assert!(m.up.iter().all(|s| !s.transactional));
        let r = rules(&m.up);
        assert!(r.iter().any(|x| x.starts_with("pg-cockroachdb-alter-column-type")), "{r:?}");
        assert!(!r.iter().any(|x| x.starts_with("pg-create-index-blocking") || x.starts_with("pg-add-check-constraint")), "{r:?}");
        if zd {
            // A schema change job is waited for in its statement: no statement_timeout.
            assert!(up.contains("SET statement_timeout = '0s'") && !up.contains("SET statement_timeout = '1min'"), "{up}");
            insta::assert_snapshot!("cockroachdb_zero_downtime", shape(&m));
        } else {
            insta::assert_snapshot!("cockroachdb_plain", shape(&m));
        }
        assert!(readme(&m).contains("## CockroachDB schema change jobs"));
    }
}

#[test]
fn yugabytedb_runs_ddl_outside_transaction_blocks_where_indexes_build_online() {
    let plain = run(Flavor::Yugabytedb, false);
    assert!(!plain.up_sql().contains("BEGIN;"), "{}", plain.up_sql());
    assert!(plain.up.iter().all(|s| !s.transactional));
    let r = rules(&plain.up);
    assert!(r.iter().any(|x| x.starts_with("pg-yugabytedb-ddl-concurrent-dml")), "{r:?}");
    assert!(!r.iter().any(|x| x.starts_with("pg-create-index-blocking") || x.starts_with("pg-lock-timeout")), "{r:?}");
    insta::assert_snapshot!("yugabytedb_plain", shape(&plain));
    let zd = run(Flavor::Yugabytedb, true);
    assert!(zd.up_sql().contains("CREATE INDEX CONCURRENTLY"), "{}", zd.up_sql());
    insta::assert_snapshot!("yugabytedb_zero_downtime", shape(&zd));
}

#[test]
fn tidb_states_no_algorithm_or_lock() {
    for zd in [false, true] {
        let m = run(Flavor::Tidb, zd);
        let up = m.up_sql();
        assert!(!up.contains("ALGORITHM=") && !up.contains("LOCK="), "{up}");
        let r = rules(&m.up);
        assert!(!r.iter().any(|x| x.starts_with("mysql-change-column-type") || x.starts_with("mysql-add-index-online")), "{r:?}");
        let name = if zd { "tidb_zero_downtime" } else { "tidb_plain" };
        insta::assert_snapshot!(name, shape(&m));
    }
    // The same change on MySQL 8.0 keeps its InnoDB notes and clauses.
    let mysql = run(Flavor::Mysql, true);
    assert!(mysql.up_sql().contains("ALGORITHM="));
    let r = rules(&mysql.up);
    assert!(r.iter().any(|x| x.starts_with("mysql-change-column-type")), "{r:?}");
}

#[test]
fn vitess_sets_its_ddl_strategy_and_documents_the_revert() {
    for zd in [false, true] {
        let m = run(Flavor::Vitess, zd);
        // Every step: `deploy.sh` runs each in a session of its own.
        for steps in [&m.up, &m.down] {
            assert!(steps.iter().all(|s| s.statements[..2] == [crate::target::MYSQL_STRICT, "SET @@ddl_strategy = 'vitess'"]));
        }
        assert!(!m.up_sql().contains("ALGORITHM="));
        let r = rules(&m.up);
        assert!(r.iter().any(|x| x.starts_with("mysql-vitess-online-migration")), "{r:?}");
        let name = if zd { "vitess_zero_downtime" } else { "vitess_plain" };
        insta::assert_snapshot!(name, shape(&m));
        let readme = readme(&m);
        assert!(readme.contains("REVERT VITESS_MIGRATION") && readme.contains("SHOW VITESS_MIGRATIONS"), "{readme}");
    }
}

#[test]
fn the_base_engines_add_no_ddl_strategy_or_runbook_sections() {
    for f in [Flavor::Postgres, Flavor::Mysql, Flavor::Mariadb] {
        let m = run(f, false);
        assert!(!m.up_sql().contains("ddl_strategy"));
        let readme = readme(&m);
        assert!(!readme.contains("schema change jobs") && !readme.contains("VITESS"), "{f}");
    }
}

/// Every plan shape (one change each: add, drop, rename, retype, constrain, create, drop table)
/// on each distributed flavor, plain and zero-downtime: the flavor's invariants hold for each
/// and the whole is kept as one snapshot per flavor.
const PG_SHAPES: &[(&str, &str, &str)] = &[
    (
        "add column not null default",
        "CREATE TABLE t (id bigint PRIMARY KEY, a int);",
        "CREATE TABLE t (id bigint PRIMARY KEY, a int, b int NOT NULL DEFAULT 0);",
    ),
    ("drop column", "CREATE TABLE t (id bigint PRIMARY KEY, a int, b int);", "CREATE TABLE t (id bigint PRIMARY KEY, a int);"),
    ("rename column", "CREATE TABLE t (id bigint PRIMARY KEY, a int);", "CREATE TABLE t (id bigint PRIMARY KEY, b int);"),
    ("set not null", "CREATE TABLE t (id bigint PRIMARY KEY, a int);", "CREATE TABLE t (id bigint PRIMARY KEY, a int NOT NULL);"),
    (
        "add foreign key",
        "CREATE TABLE p (id bigint PRIMARY KEY);\nCREATE TABLE t (id bigint PRIMARY KEY, p_id bigint);",
        "CREATE TABLE p (id bigint PRIMARY KEY);\nCREATE TABLE t (id bigint PRIMARY KEY, p_id bigint REFERENCES p (id));",
    ),
    (
        "add unique",
        "CREATE TABLE t (id bigint PRIMARY KEY, a int);",
        "CREATE TABLE t (id bigint PRIMARY KEY, a int, CONSTRAINT t_a_key UNIQUE (a));",
    ),
    ("create and drop table", "CREATE TABLE old_t (id bigint PRIMARY KEY);", "CREATE TABLE new_t (id bigint PRIMARY KEY, n text);"),
];
const MY_SHAPES: &[(&str, &str, &str)] = &[
    ("add column not null default", "CREATE TABLE t (id bigint PRIMARY KEY, a int);", "CREATE TABLE t (id bigint PRIMARY KEY, a int, b int NOT NULL DEFAULT 0);"),
    ("drop column", "CREATE TABLE t (id bigint PRIMARY KEY, a int, b int);", "CREATE TABLE t (id bigint PRIMARY KEY, a int);"),
    ("rename column", "CREATE TABLE t (id bigint PRIMARY KEY, a int);", "CREATE TABLE t (id bigint PRIMARY KEY, b int);"),
    ("set not null", "CREATE TABLE t (id bigint PRIMARY KEY, a int);", "CREATE TABLE t (id bigint PRIMARY KEY, a int NOT NULL);"),
    ("add foreign key", "CREATE TABLE p (id bigint PRIMARY KEY);\nCREATE TABLE t (id bigint PRIMARY KEY, p_id bigint);", "CREATE TABLE p (id bigint PRIMARY KEY);\nCREATE TABLE t (id bigint PRIMARY KEY, p_id bigint, CONSTRAINT t_p FOREIGN KEY (p_id) REFERENCES p (id));"),
    ("add unique", "CREATE TABLE t (id bigint PRIMARY KEY, a int);", "CREATE TABLE t (id bigint PRIMARY KEY, a int, UNIQUE KEY t_a (a));"),
    ("create and drop table", "CREATE TABLE old_t (id bigint PRIMARY KEY);", "CREATE TABLE new_t (id bigint PRIMARY KEY, n text);"),
];

fn shapes(flavor: Flavor, check: impl Fn(&str, &Migration)) -> String {
    let list = if flavor.dialect() == Dialect::Postgres { PG_SHAPES } else { MY_SHAPES };
    let mut out = String::new();
    for (name, before, after) in list {
        for zd in [false, true] {
            let mut o = Options::new(flavor.dialect());
            o.target = Target::of(flavor);
            o.zero_downtime = zd;
            o.renames = if *name == "rename column" {
                vec![format!("{}t.a=b", if flavor.dialect() == Dialect::Postgres { "public." } else { "" })]
            } else {
                vec![]
            };
            let m = generate(before, after, &o);
            let label = format!("{name}{}", if zd { " (zero-downtime)" } else { "" });
            // A shape the flavor cannot run is blocked visibly, never planned silently.
            if m.is_blocked() {
                out.push_str(&format!(
                    "=== {label}: blocked: {}\n\n",
                    m.blocked.iter().map(|b| b.message.as_str()).collect::<Vec<_>>().join("; ")
                ));
                continue;
            }
            check(&label, &m);
            out.push_str(&format!("=== {label}\n{}-- down:\n{}\n", shape(&m), m.down_sql()));
        }
    }
    out
}

#[test]
fn every_plan_shape_on_each_distributed_flavor() {
    let crdb = shapes(Flavor::Cockroachdb, |label, m| {
        let (up, down) = (m.up_sql(), m.down_sql());
        assert!(!up.contains("BEGIN;") && !down.contains("BEGIN;") && !up.contains("DO $"), "{label}: {up}");
        assert!(m.up.iter().chain(&m.down).all(|s| !s.transactional), "{label}");
    });
    insta::assert_snapshot!("cockroachdb_shapes", crdb);
    let yb = shapes(Flavor::Yugabytedb, |label, m| {
        assert!(!m.up_sql().contains("BEGIN;"), "{label}: {}", m.up_sql());
    });
    insta::assert_snapshot!("yugabytedb_shapes", yb);
    let tidb = shapes(Flavor::Tidb, |label, m| {
        let (up, down) = (m.up_sql(), m.down_sql());
        assert!(!up.contains("ALGORITHM=") && !up.contains("LOCK=") && !down.contains("ALGORITHM="), "{label}: {up}");
    });
    insta::assert_snapshot!("tidb_shapes", tidb);
    let vitess = shapes(Flavor::Vitess, |label, m| {
        assert!(!m.up_sql().contains("ALGORITHM="), "{label}: {}", m.up_sql());
        for s in m.up.iter().chain(&m.down) {
            assert_eq!(s.statements.get(1).map(String::as_str), Some("SET @@ddl_strategy = 'vitess'"), "{label}");
        }
    });
    insta::assert_snapshot!("vitess_shapes", vitess);
}

//! The plan of SQLite's flavors (libSQL, Cloudflare D1) on every plan shape, beside plain
//! SQLite's: the shapes are checked by assertion and kept as insta snapshots. The SQL that is
//! plain SQLite is run on a real SQLite by `tests/tests/sqlite_d1.rs`.

use crate::package::{build, Format, PackageOptions};
use crate::{generate, Dialect, Flavor, Migration, Options, Target};

const SHAPES: &[(&str, &str, &str)] = &[
    ("add column", "CREATE TABLE t (id INTEGER PRIMARY KEY, a INTEGER);", "CREATE TABLE t (id INTEGER PRIMARY KEY, a INTEGER, b INTEGER NOT NULL DEFAULT 0);"),
    ("drop column", "CREATE TABLE t (id INTEGER PRIMARY KEY, a INTEGER, b INTEGER);", "CREATE TABLE t (id INTEGER PRIMARY KEY, a INTEGER);"),
    ("rename column", "CREATE TABLE t (id INTEGER PRIMARY KEY, a INTEGER);", "CREATE TABLE t (id INTEGER PRIMARY KEY, b INTEGER);"),
    ("set not null (rebuild)", "CREATE TABLE t (id INTEGER PRIMARY KEY, a INTEGER);", "CREATE TABLE t (id INTEGER PRIMARY KEY, a INTEGER NOT NULL);"),
    (
        "add foreign key (rebuild)",
        "CREATE TABLE p (id INTEGER PRIMARY KEY);\nCREATE TABLE t (id INTEGER PRIMARY KEY, p_id INTEGER);",
        "CREATE TABLE p (id INTEGER PRIMARY KEY);\nCREATE TABLE t (id INTEGER PRIMARY KEY, p_id INTEGER REFERENCES p (id));",
    ),
    (
        "rebuild of a parent referenced with ON DELETE CASCADE",
        "CREATE TABLE p (id INTEGER PRIMARY KEY, n TEXT);\nCREATE TABLE c (id INTEGER PRIMARY KEY, p_id INTEGER REFERENCES p (id) ON DELETE CASCADE);",
        "CREATE TABLE p (id INTEGER PRIMARY KEY, n TEXT NOT NULL);\nCREATE TABLE c (id INTEGER PRIMARY KEY, p_id INTEGER REFERENCES p (id) ON DELETE CASCADE);",
    ),
    ("create index", "CREATE TABLE t (id INTEGER PRIMARY KEY, a INTEGER);", "CREATE TABLE t (id INTEGER PRIMARY KEY, a INTEGER);\nCREATE INDEX t_a ON t (a);"),
    ("create and drop table", "CREATE TABLE old_t (id INTEGER PRIMARY KEY);", "CREATE TABLE new_t (id INTEGER PRIMARY KEY, n TEXT);"),
];

fn migration(flavor: Flavor, name: &str, before: &str, after: &str) -> Migration {
    let mut o = Options::new(Dialect::Sqlite);
    o.target = Target::of(flavor);
    o.renames = if name == "rename column" { vec!["t.a=b".to_string()] } else { vec![] };
    generate(before, after, &o)
}

fn shapes(flavor: Flavor, check: impl Fn(&str, &Migration)) -> String {
    let mut out = String::new();
    for (name, before, after) in SHAPES {
        let m = migration(flavor, name, before, after);
        if m.is_blocked() {
            let reasons: Vec<&str> = m.blocked.iter().map(|b| b.message.as_str()).collect();
            out.push_str(&format!("=== {name}: blocked: {}\n\n", reasons.join("; ")));
            continue;
        }
        check(name, &m);
        out.push_str(&format!("=== {name}\n{}-- down:\n{}\n", m.up_sql(), m.down_sql()));
    }
    out
}

#[test]
fn d1_scripts_carry_no_transaction_control_and_defer_foreign_keys() {
    let d1 = shapes(Flavor::D1, |name, m| {
        for sql in [m.up_sql(), m.down_sql()] {
            for refused in ["BEGIN", "COMMIT", "SAVEPOINT", "PRAGMA foreign_keys"] {
                assert!(!sql.contains(refused), "{name}: {refused} in {sql}");
            }
            if sql.contains("DROP TABLE \"t\"") {
                // Turned off (which discards the violations counted so far) only before the check
                // that fails the file on a broken reference.
                let off = sql.find("PRAGMA defer_foreign_keys = off").unwrap_or(usize::MAX);
                let check = sql.find("FROM pragma_foreign_key_check").unwrap_or(0);
                assert!(sql.contains("PRAGMA defer_foreign_keys = on") && off < check, "{name}: {sql}");
            }
        }
    });
    assert!(d1.contains("=== rebuild of a parent referenced with ON DELETE CASCADE: blocked: the up script rebuilds table p"), "{d1}");
    insta::assert_snapshot!("d1_shapes", d1);
}

#[test]
fn libsql_plans_as_sqlite_does() {
    let libsql = shapes(Flavor::Libsql, |name, m| {
        assert!(!m.up_sql().contains("ALTER COLUMN"), "{name}: {}", m.up_sql());
    });
    let sqlite = shapes(Flavor::Sqlite, |_, _| {});
    let strip = |s: &str| s.replace("libSQL (SQLite) 3.45", "SQLite 3.45");
    assert_eq!(strip(&libsql), sqlite);
    assert!(!libsql.contains("blocked"), "{libsql}");
    insta::assert_snapshot!("libsql_shapes", libsql);
}

#[test]
fn each_sqlite_flavor_runbook_says_how_to_apply() {
    let (name, before, after) = SHAPES[3];
    let readme = |f| {
        let m = migration(f, name, before, after);
        let p = build(&m, &PackageOptions::new(Format::Plain, "1")).unwrap();
        p.text("README.md").unwrap_or_default().to_string()
    };
    let d1 = readme(Flavor::D1);
    assert!(d1.contains("wrangler d1 migrations apply <DATABASE> --remote") && d1.contains("local SQLite file only"), "{d1}");
    assert!(readme(Flavor::Libsql).contains("turso db shell"));
    assert!(!readme(Flavor::Sqlite).contains("wrangler"));
}

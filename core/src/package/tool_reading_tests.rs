//! How each tool reads the package's files: one statement per file where a tool sends a file
//! as one query, a SQLite rebuild's transaction kept in one unit, Liquibase's delimiters and
//! comments, the README's rollback counts.

use super::tests::names;
use super::*;
use crate::Dialect;
fn generated(d: Dialect, before: &str, after: &str, zero_downtime: bool) -> Migration {
    let mut o = crate::Options::new(d);
    o.zero_downtime = zero_downtime;
    crate::generate(before, after, &o)
}

const BEFORE_PG: &str = "CREATE TABLE users (id integer PRIMARY KEY, name text NOT NULL);";
const AFTER_PG: &str = "CREATE TABLE users (id integer PRIMARY KEY, name text NOT NULL); CREATE INDEX users_name_idx ON users (name);";

/// dbmate and golang-migrate send a file (section) as one query string: on PostgreSQL a file
/// that runs outside a transaction holds exactly one statement, or `CREATE INDEX CONCURRENTLY`
/// would run in the implicit transaction of a multi-statement query (25001).
#[test]
fn one_query_tools_hold_one_statement_per_non_transactional_file() {
    let m = generated(Dialect::Postgres, BEFORE_PG, AFTER_PG, true);
    assert!(m.up_sql().contains("SET lock_timeout") && m.up_sql().contains("CONCURRENTLY"), "{}", m.up_sql());
    let dbmate = build(&m, &PackageOptions::new(Format::Dbmate, "1")).unwrap();
    let mut seen = 0;
    for (name, bytes) in &dbmate.files {
        let text = std::str::from_utf8(bytes).unwrap();
        for section in text.split("-- migrate:").skip(1) {
            if section.starts_with("up transaction:false") || section.starts_with("down transaction:false") {
                seen += 1;
                let statements = section.lines().filter(|l| l.trim_end().ends_with(';')).count();
                assert_eq!(statements, 1, "{name}: {section}");
            }
        }
    }
    assert!(seen >= 3, "{:?}", names(&dbmate));
    let golang = build(&m, &PackageOptions::new(Format::GolangMigrate, "1")).unwrap();
    for (name, bytes) in &golang.files {
        let text = std::str::from_utf8(bytes).unwrap();
        if name.starts_with("migrations/") && !text.contains("BEGIN;") {
            assert!(text.lines().filter(|l| l.trim_end().ends_with(';')).count() <= 1, "{name}: {text}");
        }
    }
    // Tools that split statements themselves keep the part whole.
    let goose = build(&m, &PackageOptions::new(Format::Goose, "1")).unwrap();
    assert!(goose.files.len() < dbmate.files.len());
}

/// A SQLite table rebuild holds its own BEGIN/COMMIT: it stays in one Liquibase changeset and
/// one dbmate file (never a changeset or file that only begins or only commits).
#[test]
fn sqlite_rebuild_keeps_its_transaction_in_one_unit() {
    let m = generated(
        Dialect::Sqlite,
        "CREATE TABLE t (id integer PRIMARY KEY, a text, b text);",
        "CREATE TABLE t (id integer PRIMARY KEY, a text NOT NULL);",
        false,
    );
    assert!(m.up_sql().contains("BEGIN;") && m.up_sql().contains("PRAGMA foreign_keys=OFF"), "{}", m.up_sql());
    let lb = build(&m, &PackageOptions::new(Format::Liquibase, "1")).unwrap();
    let changelog = lb.text("migrations/changelog.sql").unwrap();
    for changeset in changelog.split("--changeset ").skip(1) {
        let up: String = changeset.lines().filter(|l| !l.starts_with("--")).collect::<Vec<_>>().join("\n");
        // Liquibase does not split after `BEGIN`: a savepoint opens and commits the rebuild.
        assert!(!up.contains("BEGIN;") && !up.contains("COMMIT;"), "{changeset}");
        assert_eq!(up.contains("SAVEPOINT schemashift_rebuild;"), up.contains("RELEASE schemashift_rebuild;"), "{changeset}");
    }
    for format in [Format::Dbmate, Format::GolangMigrate, Format::Goose, Format::Flyway] {
        let p = build(&m, &PackageOptions::new(format, "1")).unwrap();
        for (name, bytes) in p.files.iter().filter(|(n, _)| n.starts_with("migrations/")) {
            let text = std::str::from_utf8(bytes).unwrap();
            assert_eq!(text.matches("BEGIN;").count(), text.matches("COMMIT;").count(), "{format} {name}: {text}");
        }
    }
}

/// A statement holding `;` (a trigger body) ends with a delimiter of its own in its Liquibase
/// changeset, up and rollback: never `splitStatements:false`, which sends the whole changeset as
/// one JDBC statement (sqlite-jdbc runs only the first; MariaDB refuses it).
#[test]
fn liquibase_bodies_with_semicolons_get_an_end_delimiter() {
    let body = "CREATE TRIGGER t_ai AFTER INSERT ON t BEGIN INSERT INTO l VALUES (NEW.id); INSERT INTO l VALUES (1); END;";
    let before = "CREATE TABLE t (id integer PRIMARY KEY);\nCREATE TABLE l (id integer);";
    let m = generated(Dialect::Sqlite, before, &format!("{before}\n{body}"), false);
    let lb = build(&m, &PackageOptions::new(Format::Liquibase, "1")).unwrap();
    let c = lb.text("migrations/changelog.sql").unwrap();
    assert!(!c.contains("splitStatements:false"), "{c}");
    let head = c.lines().find(|l| l.starts_with("--changeset ")).unwrap();
    assert!(head.ends_with(" endDelimiter:// rollbackEndDelimiter://"), "{c}");
    assert!(c.contains("INSERT INTO l VALUES (1); END\n//\n"), "{c}");
    let m = generated(Dialect::Sqlite, &format!("{before}\n{body}"), before, false);
    let c = build(&m, &PackageOptions::new(Format::Liquibase, "1")).unwrap().text("migrations/changelog.sql").unwrap().to_string();
    // The rollback's delimiter is the up side's too (Liquibase reads `endDelimiter:` in it).
    assert!(c.contains(" endDelimiter:// rollbackEndDelimiter://") && c.contains("--rollback //\n"), "{c}");
    let up: Vec<&str> = c.lines().filter(|l| !l.starts_with("--")).collect();
    assert!(up.iter().filter(|l| **l == "//").count() >= 2 && !up.iter().any(|l| l.ends_with(';')), "{c}");
    // Comments are kept: Liquibase strips them by default, inside dollar-quoted bodies too.
    let f = "CREATE FUNCTION f() RETURNS text LANGUAGE sql AS $$ SELECT 'x' /* note */ $$;";
    let m = generated(Dialect::Postgres, "", f, false);
    let c = build(&m, &PackageOptions::new(Format::Liquibase, "1")).unwrap().text("migrations/changelog.sql").unwrap().to_string();
    assert!(c.lines().find(|l| l.starts_with("--changeset ")).unwrap().ends_with(" stripComments:false"), "{c}");
}

/// The README's rollback is computed from the package: one dbmate/goose/Flyway run per file,
/// golang-migrate `down N`, Liquibase `rollback-count` = the number of changesets.
#[test]
fn readme_rollback_counts_come_from_the_package() {
    let m = generated(Dialect::Postgres, BEFORE_PG, AFTER_PG, true);
    for format in [Format::Dbmate, Format::Goose, Format::Flyway, Format::GolangMigrate, Format::Liquibase] {
        let p = build(&m, &PackageOptions::new(format, "20240101000000")).unwrap();
        let readme = p.text("README.md").unwrap();
        let files = p.files.keys().filter(|n| n.starts_with("migrations/") && !n.ends_with(".conf")).count();
        let run = formats::tool_run(&m, format).unwrap();
        match format {
            Format::Liquibase => {
                let changesets = p.text("migrations/changelog.sql").unwrap().matches("--changeset ").count();
                assert!(changesets >= 1);
                assert!(readme.contains(&format!("rollback-count --count={changesets}\n")), "{readme}");
            }
            Format::GolangMigrate => assert!(readme.contains(&format!("down {}\n", files / 2)), "{readme}"),
            Format::Flyway => assert_eq!(run.down_times, files / 2, "{format}"),
            _ => {
                assert_eq!(run.down_times, files, "{format}");
                if files > 1 {
                    assert!(readme.contains(&format!("run it {files} times")), "{readme}");
                }
            }
        }
        assert!(readme.contains(&run.down) && readme.contains(&run.up[0]), "{format}");
    }
}

/// Flyway cuts a script with its own parser per database (`tests/src/flyway_parser.rs`): a
/// MariaDB trigger body is framed by `DELIMITER` lines, which its MySQLParser reads as the
/// mysql client does (without them it keeps a body whole only for statements matching its
/// `STORED_PROGRAM_REGEX`); a SQLite rebuild holds no `BEGIN;`, at which its SQLiteParser
/// opened a block nothing closed and refused the file ("Incomplete statement").
#[test]
fn flyway_scripts_as_flyways_parsers_read_them() {
    let p = build(&super::tests::mariadb_trigger(), &PackageOptions::new(Format::Flyway, "1")).unwrap();
    let up = p.files.iter().find(|(n, _)| n.starts_with("migrations/V")).map(|(_, b)| String::from_utf8_lossy(b)).unwrap();
    assert!(up.contains("DELIMITER $$") && up.contains("END$$\nDELIMITER ;"), "{up}");
    let m = generated(
        Dialect::Sqlite,
        "CREATE TABLE t (id integer PRIMARY KEY, a text, b text);",
        "CREATE TABLE t (id integer PRIMARY KEY, a text NOT NULL);",
        false,
    );
    let p = build(&m, &PackageOptions::new(Format::Flyway, "1")).unwrap();
    let scripts: Vec<String> = p
        .files
        .iter()
        .filter(|(n, _)| n.starts_with("migrations/") && n.ends_with(".sql"))
        .map(|(_, b)| String::from_utf8_lossy(b).to_string())
        .collect();
    assert!(
        scripts.iter().any(|s| s.contains("SAVEPOINT schemashift_rebuild;\n") && s.contains("RELEASE schemashift_rebuild;\n")),
        "{scripts:?}"
    );
    assert!(scripts.iter().all(|s| !s.lines().any(|l| l == "BEGIN;" || l == "COMMIT;")), "{scripts:?}");
}

/// A line of a multi-line string that starts with `--rollback` (or `--changeset`) is read by
/// Liquibase as its directive: the Liquibase format refuses the migration, naming the line;
/// other formats carry it.
#[test]
fn liquibase_refuses_a_statement_line_it_would_read_as_a_directive() {
    let before = "CREATE TABLE t (id integer PRIMARY KEY);";
    for text in ["a\n--rollback DROP TABLE t;", "a\n  -- changeset x:1", "a\n--Rollback x"] {
        let after = format!("CREATE TABLE t (id integer PRIMARY KEY, note text DEFAULT '{text}');");
        let m = generated(Dialect::Postgres, before, &after, false);
        let e = build(&m, &PackageOptions::new(Format::Liquibase, "1")).unwrap_err();
        assert!(e.contains("Liquibase") && e.contains(text.lines().nth(1).unwrap()), "{e}");
        assert!(build(&m, &PackageOptions::new(Format::Dbmate, "1")).is_ok());
    }
    // A comment line that is no directive is carried.
    let after = "CREATE TABLE t (id integer PRIMARY KEY, note text DEFAULT 'a\n-- rolls back');";
    assert!(build(&generated(Dialect::Postgres, before, after, false), &PackageOptions::new(Format::Liquibase, "1")).is_ok());
}

/// goose reads a statement line that starts with `--` and is one of its annotations as that
/// annotation: the goose format refuses such a migration.
#[test]
fn goose_refuses_a_statement_line_it_would_read_as_an_annotation() {
    let before = "CREATE TABLE t (id integer PRIMARY KEY);";
    let after = "CREATE TABLE t (id integer PRIMARY KEY, note text DEFAULT 'a\n-- +goose Down\nb');";
    let m = generated(Dialect::Postgres, before, after, false);
    let e = build(&m, &PackageOptions::new(Format::Goose, "1")).unwrap_err();
    assert!(e.contains("goose") && e.contains("-- +goose Down"), "{e}");
    // Indented, it is no annotation.
    let after = "CREATE TABLE t (id integer PRIMARY KEY, note text DEFAULT 'a\n  -- +goose Down\nb');";
    assert!(build(&generated(Dialect::Postgres, before, after, false), &PackageOptions::new(Format::Goose, "1")).is_ok());
}

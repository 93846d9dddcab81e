//! The package's scripts on SQLite (the sqlite3 shell): precheck, up, validate, down and
//! validate_down pass in order, and each validate script FAILS against the other schema.
//! Skipped, with the reason printed, when sqlite3 is absent.

mod package_support;

use package_support::{build_migration as migration, data_checks_migration, show, temp_dir, write_package, OFFENDERS};
use schemashift::package::{build, Format, PackageOptions};
use schemashift::Dialect;
use std::path::Path;
use std::process::{Command, Output};

// ---------------------------------------------------------------------------------------------
// SQLite

fn sqlite(db: &Path, file: &Path) -> Output {
    let input = std::fs::File::open(file).expect("open script");
    Command::new("sqlite3").arg("-bail").arg(db).stdin(input).output().expect("sqlite3")
}

#[test]
fn sqlite_package_scripts_run_and_validate_fails_on_the_wrong_schema() {
    if Command::new("sqlite3").arg("-version").output().is_err() {
        eprintln!("skipped: sqlite3 shell not available");
        return;
    }
    let m = migration(
        Dialect::Sqlite,
        "",
        "integer",
        "text",
        [
            "",
            r#"ALTER TABLE "users" ADD COLUMN "email" varchar(255) NOT NULL DEFAULT ''"#,
            r#"CREATE TABLE "orders" ("id" integer NOT NULL, "user_id" integer NOT NULL REFERENCES "users" ("id"), CONSTRAINT "orders_pkey" PRIMARY KEY ("id"))"#,
            "",
            r#"CREATE UNIQUE INDEX "users_email_key" ON "users" ("email")"#,
        ],
        [r#"DROP INDEX "users_email_key""#, r#"DROP TABLE "orders""#, r#"ALTER TABLE "users" DROP COLUMN "email""#, ""],
        false,
    );
    // SQLite cannot SET NOT NULL in place: keep `name` nullable on both sides for this test.
    let mut m = m;
    for t in std::sync::Arc::make_mut(&mut m.after).tables.values_mut() {
        if let Some(c) = t.column_mut("name") {
            c.nullable = true;
        }
    }
    let pkg = build(&m, &PackageOptions::new(Format::Plain, "20240101000000")).expect("package");
    let dir = temp_dir("sqlite-package");
    write_package(&pkg, &dir);
    let f = |name: &str| dir.join(name);
    let db = dir.join("app.db");
    std::fs::write(dir.join("before.sql"), "CREATE TABLE \"users\" (\"id\" integer PRIMARY KEY, \"name\" text);\n").expect("write");
    assert!(sqlite(&db, &dir.join("before.sql")).status.success());

    let pre = sqlite(&db, &f("precheck.sql"));
    assert!(pre.status.success(), "precheck: {}", show(&pre));
    assert!(!String::from_utf8_lossy(&pre.stdout).contains("cannot fill"), "{}", show(&pre));
    std::fs::write(dir.join("row.sql"), "INSERT INTO \"users\" VALUES (1, 'a');\n").expect("write");
    assert!(sqlite(&db, &dir.join("row.sql")).status.success());
    let pre = sqlite(&db, &f("precheck.sql"));
    assert!(String::from_utf8_lossy(&pre.stdout).contains("cannot fill|1"), "{}", show(&pre));
    std::fs::write(dir.join("unrow.sql"), "DELETE FROM \"users\";\n").expect("write");
    assert!(sqlite(&db, &dir.join("unrow.sql")).status.success());
    let wrong = sqlite(&db, &f("validate.sql"));
    assert!(!wrong.status.success(), "validate must fail before up: {}", show(&wrong));
    assert!(show(&wrong).contains("column users.email"), "{}", show(&wrong));
    assert!(show(&wrong).contains("CHECK constraint failed: validate_failed"), "{}", show(&wrong));
    let dry = sqlite(&db, &f("dry-run.sql"));
    assert!(dry.status.success(), "dry run: {}", show(&dry));
    assert!(sqlite(&db, &f("validate_down.sql")).status.success(), "dry run left changes");

    let up = sqlite(&db, &f("up.sql"));
    assert!(up.status.success(), "up: {}", show(&up));
    let v = sqlite(&db, &f("validate.sql"));
    assert!(v.status.success(), "validate after up: {}", show(&v));
    assert!(!sqlite(&db, &f("validate_down.sql")).status.success(), "validate_down must fail after up");
    let data = sqlite(&db, &f("test-data.sql"));
    assert!(data.status.success(), "test data: {}", show(&data));
    let mon = sqlite(&db, &f("monitoring.sql"));
    assert!(mon.status.success(), "monitoring: {}", show(&mon));
    std::fs::write(dir.join("clean.sql"), "DELETE FROM \"orders\"; DELETE FROM \"users\";\n").expect("write");
    assert!(sqlite(&db, &dir.join("clean.sql")).status.success());

    let down = sqlite(&db, &f("down.sql"));
    assert!(down.status.success(), "down: {}", show(&down));
    let vd = sqlite(&db, &f("validate_down.sql"));
    assert!(vd.status.success(), "validate_down after down: {}", show(&vd));
    assert!(!sqlite(&db, &f("validate.sql")).status.success(), "validate must fail after down");
    let _ = std::fs::remove_dir_all(&dir);
}

/// The data checks that apply to SQLite (keys, foreign keys, checks, dropped data; SQLite
/// stores any value in any column, so type narrowing has none) print nothing on clean data
/// and a row on offending data.
#[test]
fn sqlite_precheck_flags_each_offending_row() {
    if Command::new("sqlite3").arg("-version").output().is_err() {
        eprintln!("skipped: sqlite3 shell not available");
        return;
    }
    let m = data_checks_migration(Dialect::Sqlite, "", "bigint", "integer");
    let pkg = build(&m, &PackageOptions::new(Format::Plain, "20240101000000")).expect("package");
    let dir = temp_dir("sqlite-checks");
    write_package(&pkg, &dir);
    let db = dir.join("checks.db");
    let exec = |sql: &str| {
        std::fs::write(dir.join("x.sql"), format!("{sql};\n")).expect("write");
        let o = sqlite(&db, &dir.join("x.sql"));
        assert!(o.status.success(), "{sql}: {}", show(&o));
    };
    exec(
        "CREATE TABLE parent (id integer PRIMARY KEY); \
        CREATE TABLE child (id integer PRIMARY KEY, parent_id integer, code varchar(50), qty integer, big bigint, price numeric(12,2)); \
        CREATE TABLE old_log (id integer); \
        INSERT INTO parent VALUES (1); INSERT INTO child VALUES (1, 1, 'a', 1, 1, 1.00)",
    );
    let pre = dir.join("precheck.sql");
    let clean = sqlite(&db, &pre);
    assert!(clean.status.success(), "{}", show(&clean));
    for (fragment, _) in OFFENDERS {
        assert!(!String::from_utf8_lossy(&clean.stdout).contains(fragment), "clean: {}", show(&clean));
    }
    for (fragment, insert) in &OFFENDERS[..3] {
        exec(insert);
        let bad = sqlite(&db, &pre);
        assert!(String::from_utf8_lossy(&bad.stdout).contains(fragment), "{fragment}: {}", show(&bad));
        exec("DELETE FROM child WHERE id >= 10");
    }
    exec("INSERT INTO old_log VALUES (1)");
    let lost = sqlite(&db, &pre);
    assert!(String::from_utf8_lossy(&lost.stdout).contains("dropping the table destroys"), "{}", show(&lost));
    let sizes = sqlite(&db, &dir.join("table-sizes.sql"));
    let parsed = schemashift::risk::parse_table_sizes(&String::from_utf8_lossy(&sizes.stdout)).expect("sizes parse");
    assert_eq!(parsed.get("child"), Some(&1), "{parsed:?}");
    assert_eq!(parsed.get("old_log"), Some(&1), "{parsed:?}");
    let _ = std::fs::remove_dir_all(&dir);
}

/// SQLite keeps names as declared (`Users`, `UserName`) while the model folds them: validate's
/// CHECK and DEFAULT probes find the table and column without their case (`sqitch verify`
/// failed on a correct deploy of `tests/cases/sqlite/name_case_kept.sql`).
#[test]
fn sqlite_validate_finds_mixed_case_names() {
    if Command::new("sqlite3").arg("-version").output().is_err() {
        eprintln!("skipped: sqlite3 shell not available");
        return;
    }
    let before = "CREATE TABLE Users (Id INTEGER PRIMARY KEY, UserName TEXT, eMail TEXT);\n";
    let after = "CREATE TABLE Users (Id INTEGER PRIMARY KEY, UserName TEXT NOT NULL DEFAULT '', eMail TEXT CHECK (eMail <> ''));\n";
    let m = schemashift::generate(before, after, &schemashift::Options::new(Dialect::Sqlite));
    let pkg = build(&m, &PackageOptions::new(Format::Plain, "20240101000000")).expect("package");
    let dir = temp_dir("sqlite-name-case");
    write_package(&pkg, &dir);
    let db = dir.join("app.db");
    std::fs::write(dir.join("before.sql"), before).expect("write");
    for script in ["before.sql", "up.sql", "validate.sql", "down.sql", "validate_down.sql"] {
        let out = sqlite(&db, &dir.join(script));
        assert!(out.status.success(), "{script}: {}", show(&out));
    }
}

//! `schemashift diff ... --out DIR --format F`: the binary writes the package files, or one zip
//! archive when DIR ends in `.zip`, and rejects unknown formats with a usage error.

use std::path::PathBuf;
use std::process::Command;

fn temp(tag: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("schemashift-cli-package-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

fn run(dir: &std::path::Path, out: &str, format: &str) -> std::process::Output {
    std::fs::write(dir.join("before.sql"), "CREATE TABLE t (id integer PRIMARY KEY);\n").expect("write");
    std::fs::write(dir.join("after.sql"), "CREATE TABLE t (id integer PRIMARY KEY, note text);\n").expect("write");
    Command::new(env!("CARGO_BIN_EXE_schemashift"))
        .args(["diff", "--dialect", "postgres"])
        .arg(dir.join("before.sql"))
        .arg(dir.join("after.sql"))
        .args(["--out", out, "--format", format])
        .env("SCHEMASHIFT_MIGRATION_VERSION", "20240101000000")
        .output()
        .expect("run schemashift")
}

#[test]
fn writes_every_format_into_a_directory() {
    let dir = temp("dir");
    for format in ["plain", "golang-migrate", "flyway", "dbmate", "goose", "sqitch", "liquibase", "atlas"] {
        let out = dir.join(format);
        let o = run(&dir, &out.to_string_lossy(), format);
        assert!(o.status.code() != Some(2), "{format}: {}", String::from_utf8_lossy(&o.stderr));
        for f in ["README.md", "up.sql", "down.sql", "precheck.sql", "validate.sql", "validate_down.sql", "monitoring.sql", "test-data.sql"] {
            assert!(out.join(f).exists(), "{format}: missing {f}");
        }
    }
    assert!(dir.join("atlas/migrations/atlas.sum").exists());
    assert!(dir.join("sqitch/sqitch.plan").exists());
    assert!(dir.join("liquibase/migrations/changelog.sql").exists());
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn writes_a_deterministic_zip() {
    let dir = temp("zip");
    let a = dir.join("a.zip");
    let b = dir.join("b.zip");
    run(&dir, &a.to_string_lossy(), "goose");
    run(&dir, &b.to_string_lossy(), "goose");
    let (za, zb) = (std::fs::read(&a).expect("a.zip"), std::fs::read(&b).expect("b.zip"));
    assert_eq!(za, zb);
    assert_eq!(&za[..4], b"PK\x03\x04");
    if let Ok(o) = Command::new("python3").args(["-m", "zipfile", "-t"]).arg(&a).output() {
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    }
    let _ = std::fs::remove_dir_all(&dir);
}

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
        .args(["--out", out, "--format", format, "--version", "20240101000000", "--name", "add note"])
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
        for f in ["README.md", "precheck.sql", "validate.sql", "validate_down.sql", "monitoring.sql", "test-data.sql"] {
            assert!(out.join(f).exists(), "{format}: missing {f}");
        }
        // One layout: the plain scripts only in the plain package.
        assert_eq!(out.join("up.sql").exists(), format == "plain", "{format}");
    }
    assert!(dir.join("atlas/migrations/atlas.sum").exists());
    assert!(dir.join("sqitch/sqitch.plan").exists());
    assert!(dir.join("liquibase/migrations/changelog.sql").exists());
    assert!(dir.join("dbmate/migrations/20240101000000_add_note.sql").exists());
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

#[test]
fn version_defaults_to_the_current_utc_time_and_is_checked() {
    let dir = temp("version");
    std::fs::write(dir.join("b.sql"), "CREATE TABLE t (id integer PRIMARY KEY);\n").expect("write");
    std::fs::write(dir.join("a.sql"), "CREATE TABLE t (id integer PRIMARY KEY, note text);\n").expect("write");
    let out = dir.join("pkg");
    let o = Command::new(env!("CARGO_BIN_EXE_schemashift"))
        .args(["diff", "--dialect", "postgres"])
        .arg(dir.join("b.sql"))
        .arg(dir.join("a.sql"))
        .arg("--out")
        .arg(&out)
        .args(["--format", "goose"])
        .output()
        .expect("run");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let file = std::fs::read_dir(out.join("migrations")).expect("migrations").next().expect("a file").expect("entry");
    let name = file.file_name().to_string_lossy().to_string();
    let version = name.split('_').next().unwrap_or("");
    assert_eq!(version.len(), 14, "{name}");
    assert!(version.starts_with("20"), "{name}");
    let bad = Command::new(env!("CARGO_BIN_EXE_schemashift"))
        .args(["diff", "--dialect", "postgres"])
        .arg(dir.join("b.sql"))
        .arg(dir.join("a.sql"))
        .arg("--out")
        .arg(&out)
        .args(["--version", "v1"])
        .output()
        .expect("run");
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("--version `v1` must be 1 to 30 digits"));
    let _ = std::fs::remove_dir_all(&dir);
}

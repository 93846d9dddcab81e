//! The package's scripts on a real PostgreSQL (started here from /usr/lib/postgresql/*/bin on
//! port 55998): precheck, up, validate, down and validate_down pass in order, the dry run
//! changes nothing, and each validate script FAILS against the other (or a subtly wrong)
//! schema. Skipped, with the reason printed, when the binaries are absent.

mod package_support;

use package_support::{build_migration as migration, data_checks_migration, show, temp_dir, write_package, OFFENDERS};
use schemashift::package::{build, Format, PackageOptions};
use schemashift::Dialect;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

// ---------------------------------------------------------------------------------------------
// PostgreSQL

struct Postgres {
    bin: PathBuf,
    data: PathBuf,
    as_postgres: bool,
}

const PG_PORT: &str = "55998";

impl Postgres {
    fn start() -> Result<Postgres, String> {
        let bin = std::fs::read_dir("/usr/lib/postgresql")
            .map_err(|_| "no /usr/lib/postgresql".to_string())?
            .filter_map(|e| e.ok())
            .map(|e| e.path().join("bin"))
            .find(|p| p.join("initdb").exists())
            .ok_or("no initdb under /usr/lib/postgresql/*/bin")?;
        let root = temp_dir("pg");
        let data = root.join("data");
        // PostgreSQL refuses to run as root: use the `postgres` user when we are root.
        let as_postgres = Command::new("id").arg("-u").output().map(|o| o.stdout.starts_with(b"0")).unwrap_or(false);
        if as_postgres {
            let ok = Command::new("chown").args(["-R", "postgres"]).arg(&root).status().map(|s| s.success());
            if !matches!(ok, Ok(true)) {
                return Err("cannot chown the data directory to postgres".into());
            }
        }
        let pg = Postgres { bin, data, as_postgres };
        let init = pg.run("initdb", &["-A", "trust", "-U", "postgres", "-D", &pg.data.to_string_lossy()])?;
        if !init.status.success() {
            return Err(format!("initdb failed: {}", show(&init)));
        }
        let opts = format!("-p {PG_PORT} -k {} -c listen_addresses=''", root.display());
        let log = root.join("log");
        let started = pg.run("pg_ctl", &["-D", &pg.data.to_string_lossy(), "-l", &log.to_string_lossy(), "-o", &opts, "-w", "start"])?;
        if !started.status.success() {
            return Err(format!("pg_ctl start failed: {}", show(&started)));
        }
        Ok(pg)
    }

    fn run(&self, tool: &str, args: &[&str]) -> Result<Output, String> {
        let exe = self.bin.join(tool);
        let mut cmd = if self.as_postgres {
            let mut c = Command::new("runuser");
            c.args(["-u", "postgres", "--"]).arg(&exe);
            c
        } else {
            Command::new(&exe)
        };
        cmd.args(args).current_dir(std::env::temp_dir()).output().map_err(|e| format!("{tool}: {e}"))
    }

    fn socket_dir(&self) -> PathBuf {
        self.data.parent().expect("root").to_path_buf()
    }

    fn psql(&self, db: &str, file: &Path) -> Output {
        Command::new(self.bin.join("psql"))
            .args(["-X", "-q", "-v", "ON_ERROR_STOP=1", "-U", "postgres", "-p", PG_PORT, "-h"])
            .arg(self.socket_dir())
            .args(["-d", db, "-f"])
            .arg(file)
            .output()
            .expect("psql")
    }

    fn sql(&self, db: &str, sql: &str) -> Output {
        Command::new(self.bin.join("psql"))
            .args(["-X", "-q", "-v", "ON_ERROR_STOP=1", "-U", "postgres", "-p", PG_PORT, "-h"])
            .arg(self.socket_dir())
            .args(["-d", db, "-c", sql])
            .output()
            .expect("psql")
    }
}

impl Drop for Postgres {
    fn drop(&mut self) {
        let _ = self.run("pg_ctl", &["-D", &self.data.to_string_lossy(), "-m", "immediate", "stop"]);
        if let Some(root) = self.data.parent() {
            let _ = std::fs::remove_dir_all(root);
        }
    }
}

#[test]
fn postgres_package_scripts_run_and_validate_fails_on_the_wrong_schema() {
    let pg = match Postgres::start() {
        Ok(pg) => pg,
        Err(reason) => {
            eprintln!("skipped: PostgreSQL not available ({reason})");
            return;
        }
    };
    let m = migration(
        Dialect::Postgres,
        "public",
        "integer",
        "text",
        [
            r#"ALTER TABLE "public"."users" ALTER COLUMN "name" SET NOT NULL"#,
            r#"ALTER TABLE "public"."users" ADD COLUMN "email" character varying(255) NOT NULL"#,
            r#"CREATE TABLE "public"."orders" ("id" integer NOT NULL, "user_id" integer NOT NULL, CONSTRAINT "orders_pkey" PRIMARY KEY ("id"))"#,
            r#"ALTER TABLE "public"."orders" ADD CONSTRAINT "orders_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "public"."users" ("id")"#,
            r#"CREATE UNIQUE INDEX CONCURRENTLY "users_email_key" ON "public"."users" ("email")"#,
        ],
        [
            r#"DROP INDEX CONCURRENTLY "public"."users_email_key""#,
            r#"DROP TABLE "public"."orders""#,
            r#"ALTER TABLE "public"."users" DROP COLUMN "email""#,
            r#"ALTER TABLE "public"."users" ALTER COLUMN "name" DROP NOT NULL"#,
        ],
        true,
    );
    let pkg = build(&m, &PackageOptions::new(Format::Plain, "20240101000000")).expect("package");
    let dir = temp_dir("pg-package");
    write_package(&pkg, &dir);
    let f = |name: &str| dir.join(name);

    let created = pg.sql("postgres", "CREATE DATABASE pkg_test");
    assert!(created.status.success(), "{}", show(&created));
    let db = "pkg_test";
    let before = r#"CREATE TABLE "users" ("id" integer PRIMARY KEY, "name" text)"#;
    assert!(pg.sql(db, before).status.success());

    // The precheck passes on an empty table, and fails on a NULL name (SET NOT NULL would fail).
    let ok = pg.psql(db, &f("precheck.sql"));
    assert!(ok.status.success(), "precheck: {}", show(&ok));
    assert!(pg.sql(db, r#"INSERT INTO "users" VALUES (1, NULL)"#).status.success());
    let bad = pg.psql(db, &f("precheck.sql"));
    assert!(!bad.status.success(), "precheck must fail on NULL names");
    assert!(show(&bad).contains("NULLs in public.users.name"), "{}", show(&bad));
    assert!(pg.sql(db, r#"DELETE FROM "users""#).status.success());
    let sizes = pg.psql(db, &f("table-sizes.sql"));
    assert!(sizes.status.success(), "table-sizes: {}", show(&sizes));

    // validate.sql fails against the BEFORE schema.
    let wrong = pg.psql(db, &f("validate.sql"));
    assert!(!wrong.status.success(), "validate must fail before up");
    let msg = show(&wrong);
    assert!(msg.contains("validate failed") && msg.contains("column public.users.email"), "{msg}");

    // The dry run changes nothing: validate_down still passes afterwards.
    let dry = pg.psql(db, &f("dry-run.sql"));
    assert!(dry.status.success(), "dry run: {}", show(&dry));
    let still = pg.psql(db, &f("validate_down.sql"));
    assert!(still.status.success(), "validate_down after dry run: {}", show(&still));

    let up = pg.psql(db, &f("up.sql"));
    assert!(up.status.success(), "up: {}", show(&up));
    let v = pg.psql(db, &f("validate.sql"));
    assert!(v.status.success(), "validate after up: {}", show(&v));
    let vd_wrong = pg.psql(db, &f("validate_down.sql"));
    assert!(!vd_wrong.status.success(), "validate_down must fail after up");
    assert!(show(&vd_wrong).contains("table public.orders is gone"), "{}", show(&vd_wrong));
    let mon = pg.psql(db, &f("monitoring.sql"));
    assert!(mon.status.success(), "monitoring: {}", show(&mon));
    let data = pg.psql(db, &f("test-data.sql"));
    assert!(data.status.success(), "test data: {}", show(&data));
    assert!(pg.sql(db, r#"DELETE FROM "orders"; DELETE FROM "users""#).status.success());

    let down = pg.psql(db, &f("down.sql"));
    assert!(down.status.success(), "down: {}", show(&down));
    let vd = pg.psql(db, &f("validate_down.sql"));
    assert!(vd.status.success(), "validate_down after down: {}", show(&vd));
    let v_wrong = pg.psql(db, &f("validate.sql"));
    assert!(!v_wrong.status.success(), "validate must fail after down");

    // A subtly wrong schema (email nullable, index not unique) also fails validate.
    assert!(pg.psql(db, &f("up.sql")).status.success());
    let subtle = r#"ALTER TABLE "users" ALTER COLUMN "email" DROP NOT NULL; DROP INDEX "users_email_key"; CREATE INDEX "users_email_key" ON "users" ("email")"#;
    assert!(pg.sql(db, subtle).status.success());
    let v_subtle = pg.psql(db, &f("validate.sql"));
    assert!(!v_subtle.status.success(), "validate must fail on a subtly wrong schema");
    let msg = show(&v_subtle);
    assert!(msg.contains("character varying(255) NOT NULL") && msg.contains("unique index users_email_key"), "{msg}");
    let _ = std::fs::remove_dir_all(&dir);
    data_checks(&pg);
}

/// Every data check of precheck.sql passes on clean data and fails on its offending rows.
fn data_checks(pg: &Postgres) {
    let m = data_checks_migration(Dialect::Postgres, "public", "bigint", "integer");
    let pkg = build(&m, &PackageOptions::new(Format::Plain, "20240101000000")).expect("package");
    let dir = temp_dir("pg-checks");
    write_package(&pkg, &dir);
    let pre = dir.join("precheck.sql");
    assert!(pg.sql("postgres", "CREATE DATABASE pkg_checks").status.success());
    let db = "pkg_checks";
    let setup = "CREATE TABLE parent (id integer PRIMARY KEY); \
        CREATE TABLE child (id integer PRIMARY KEY, parent_id integer, code varchar(50), qty integer, big bigint, price numeric(12,2)); \
        CREATE TABLE old_log (id integer); \
        INSERT INTO parent VALUES (1); INSERT INTO child VALUES (1, 1, 'a', 1, 1, 1.00)";
    assert!(pg.sql(db, setup).status.success());
    let clean = pg.psql(db, &pre);
    assert!(clean.status.success(), "precheck on clean data: {}", show(&clean));
    for (fragment, insert) in OFFENDERS {
        assert!(pg.sql(db, insert).status.success(), "{insert}");
        let bad = pg.psql(db, &pre);
        assert!(!bad.status.success(), "precheck must fail for {fragment}");
        assert!(show(&bad).contains(fragment), "{fragment}: {}", show(&bad));
        assert!(pg.sql(db, "DELETE FROM child WHERE id >= 10").status.success());
    }
    // Rows that up would destroy fail the check unless data loss is allowed explicitly.
    assert!(pg.sql(db, "INSERT INTO old_log VALUES (1)").status.success());
    let lost = pg.psql(db, &pre);
    assert!(!lost.status.success() && show(&lost).contains("dropping the table destroys"), "{}", show(&lost));
    let allowed = Command::new(pg.bin.join("psql"))
        .env("PGOPTIONS", "-c schemashift.allow_data_loss=on")
        .args(["-X", "-q", "-v", "ON_ERROR_STOP=1", "-U", "postgres", "-p", PG_PORT, "-h"])
        .arg(pg.socket_dir())
        .args(["-d", db, "-f"])
        .arg(&pre)
        .output()
        .expect("psql");
    assert!(allowed.status.success(), "allow_data_loss=on: {}", show(&allowed));
    // The table sizes, saved as the runbook says, read back as `--table-sizes` input.
    assert!(pg.sql(db, "ANALYZE").status.success());
    let sizes = Command::new(pg.bin.join("psql"))
        .args(["-X", "-At", "-F", " ", "-v", "ON_ERROR_STOP=1", "-U", "postgres", "-p", PG_PORT, "-h"])
        .arg(pg.socket_dir())
        .args(["-d", db, "-f"])
        .arg(dir.join("table-sizes.sql"))
        .output()
        .expect("psql");
    let parsed = schemashift::risk::parse_table_sizes(&String::from_utf8_lossy(&sizes.stdout)).expect("sizes parse");
    assert_eq!(parsed.get("public.child"), Some(&1), "{parsed:?}");
    assert_eq!(parsed.get("public.old_log"), Some(&1), "{parsed:?}");
    // With the sizes in bytes the estimates read (table with indexes, indexes alone).
    let bytes = schemashift::parse_table_sizes(&String::from_utf8_lossy(&sizes.stdout)).bytes;
    assert!(bytes.get("public.child").is_some_and(|b| b.total >= 8192 && b.indexes.is_some()), "{bytes:?}");
    let _ = std::fs::remove_dir_all(&dir);
}

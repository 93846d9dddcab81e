//! The package's scripts on real engines: precheck, up, validate, down and validate_down must
//! pass in order, and each validate script must FAIL against the other schema. PostgreSQL
//! (started here from /usr/lib/postgresql/*/bin on port 55998) and SQLite (the sqlite3 shell).
//! Each engine test is skipped, with the reason printed, when its binaries are absent.
//!
//! The migration is built by hand (steps with their SQL) so this test does not depend on the
//! parser and renderers.

use schemashift::diff::Change;
use schemashift::model::{
    Column, Constraint, ConstraintKind, DataType, Deferrable, FkAction, FkMatch, Index, IndexElem, QName, Schema,
    Table,
};
use schemashift::package::{build, Format, Package, PackageOptions};
use schemashift::plan::Step;
use schemashift::{Dialect, Migration, Target};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn col(name: &str, ty: &str, args: &[&str], nullable: bool) -> Column {
    Column { nullable, ..Column::new(name, DataType::with_args(ty, args)) }
}

fn constraint(name: &str, kind: ConstraintKind) -> Constraint {
    Constraint { name: Some(name.into()), kind, deferrable: Deferrable::NotDeferrable, not_valid: false }
}

fn step(change: Change, sql: &[&str], tx: bool) -> Step {
    let mut s = Step::new(change, sql.iter().map(|s| s.to_string()).collect());
    s.transactional = tx;
    s
}

/// users(id, name) → users(id, name NOT NULL, email NOT NULL + unique index) and a new table
/// orders(id, user_id → users). `schema` is `public` (PostgreSQL) or `` (SQLite).
fn migration(d: Dialect, schema: &str, int: &str, text: &str, up_sql: [&str; 5], down_sql: [&str; 4], concurrent: bool) -> Migration {
    let users_q = QName::new(schema, "users");
    let orders_q = QName::new(schema, "orders");
    let mut users = Table::new(users_q.clone());
    users.columns = vec![col("id", int, &[], false), col("name", text, &[], true)];
    users.constraints = vec![constraint("users_pkey", ConstraintKind::PrimaryKey { columns: vec!["id".into()] })];
    let mut users2 = users.clone();
    users2.columns[1].nullable = false;
    let email_ty = if d == Dialect::Postgres { "character varying" } else { "varchar" };
    let email = col("email", email_ty, &["255"], false);
    users2.columns.push(email.clone());
    let index = Index {
        name: "users_email_key".into(),
        unique: true,
        method: None,
        elems: vec![IndexElem::column("email")],
        include: Vec::new(),
        predicate: None,
        kind: None,
        nulls_not_distinct: false,
        with: None,
        comment: None,
    };
    users2.indexes = vec![index.clone()];
    let fk = constraint(
        "orders_user_id_fkey",
        ConstraintKind::ForeignKey {
            columns: vec!["user_id".into()],
            ref_table: users_q.clone(),
            ref_columns: vec!["id".into()],
            on_delete: FkAction::NoAction,
            on_update: FkAction::NoAction,
            match_type: FkMatch::Simple,
        },
    );
    let mut orders = Table::new(orders_q.clone());
    orders.columns = vec![col("id", int, &[], false), col("user_id", int, &[], false)];
    orders.constraints = vec![fk.clone(), constraint("orders_pkey", ConstraintKind::PrimaryKey { columns: vec!["id".into()] })];
    let mut before = Schema::new(d);
    before.tables.insert(users_q.clone(), users.clone());
    let mut after = Schema::new(d);
    after.tables.insert(users_q.clone(), users2.clone());
    after.tables.insert(orders_q.clone(), orders.clone());
    let up = vec![
        step(Change::AlterColumn { table: users_q.clone(), from: users.columns[1].clone(), to: users2.columns[1].clone() }, &[up_sql[0]], true),
        step(Change::AddColumn { table: users_q.clone(), column: email.clone() }, &[up_sql[1]], true),
        step(Change::CreateTable { table: orders.clone() }, &[up_sql[2]], true),
        step(Change::AddConstraint { table: orders_q.clone(), constraint: fk }, &[up_sql[3]], true),
        step(Change::CreateIndex { table: users_q.clone(), index: index.clone() }, &[up_sql[4]], !concurrent),
    ];
    let down = vec![
        step(Change::DropIndex { table: users_q.clone(), index }, &[down_sql[0]], !concurrent),
        step(Change::DropTable { table: orders }, &[down_sql[1]], true),
        step(Change::DropColumn { table: users_q.clone(), column: email }, &[down_sql[2]], true),
        step(Change::AlterColumn { table: users_q, from: users2.columns[1].clone(), to: users.columns[1].clone() }, &[down_sql[3]], true),
    ];
    let up: Vec<Step> = up.into_iter().filter(|s| !s.statements[0].is_empty()).collect();
    let down: Vec<Step> = down.into_iter().filter(|s| !s.statements[0].is_empty()).collect();
    Migration {
        target: Target::default_for(d),
        zero_downtime: false,
        before,
        after,
        up,
        down,
        diagnostics: Vec::new(),
        suggestions: Vec::new(),
    }
}

fn temp_dir(tag: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("schemashift-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

fn write_package(pkg: &Package, dir: &Path) {
    for (name, bytes) in &pkg.files {
        let path = dir.join(name);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(path, bytes).expect("write");
    }
}

fn show(o: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr))
}

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
    let pkg = build(&m, &PackageOptions::new(Format::Plain)).expect("package");
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
}

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
    for t in m.after.tables.values_mut() {
        if let Some(c) = t.column_mut("name") {
            c.nullable = true;
        }
    }
    let pkg = build(&m, &PackageOptions::new(Format::Plain)).expect("package");
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

// ---------------------------------------------------------------------------------------------
// MariaDB (or MySQL): a private server on a unix socket, no TCP port.

struct Mariadb {
    root: PathBuf,
    child: std::process::Child,
}

impl Mariadb {
    fn start() -> Result<Mariadb, String> {
        let server = ["/usr/sbin/mariadbd", "/usr/sbin/mysqld"]
            .into_iter()
            .find(|p| Path::new(p).exists())
            .ok_or("no mariadbd/mysqld in /usr/sbin")?;
        let root = temp_dir("mariadb");
        let data = root.join("data");
        let install = Command::new("mariadb-install-db")
            .args(["--no-defaults", "--user=root", "--auth-root-authentication-method=normal", "--skip-test-db"])
            .arg(format!("--datadir={}", data.display()))
            .output()
            .map_err(|e| format!("mariadb-install-db: {e}"))?;
        if !install.status.success() {
            return Err(format!("mariadb-install-db failed: {}", show(&install)));
        }
        let child = Command::new(server)
            .args(["--no-defaults", "--user=root", "--skip-networking"])
            .arg(format!("--datadir={}", data.display()))
            .arg(format!("--socket={}", root.join("sock").display()))
            .arg(format!("--pid-file={}", root.join("pid").display()))
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .map_err(|e| format!("{server}: {e}"))?;
        let db = Mariadb { root, child };
        for _ in 0..100 {
            if db.sql("", "SELECT 1").status.success() {
                return Ok(db);
            }
            std::thread::sleep(std::time::Duration::from_millis(200));
        }
        Err("the server did not come up".into())
    }

    fn client(&self, db: &str) -> Command {
        let mut c = Command::new("mariadb");
        c.args(["--no-defaults", "-u", "root", "-S"]).arg(self.root.join("sock"));
        if !db.is_empty() {
            c.arg(db);
        }
        c
    }

    fn sql(&self, db: &str, sql: &str) -> Output {
        self.client(db).args(["-e", sql]).output().expect("mariadb client")
    }

    fn run(&self, db: &str, file: &Path) -> Output {
        let input = std::fs::File::open(file).expect("open script");
        self.client(db).stdin(input).output().expect("mariadb client")
    }
}

impl Drop for Mariadb {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.root);
    }
}

#[test]
fn mariadb_package_scripts_run_and_validate_fails_on_the_wrong_schema() {
    if Command::new("mariadb").arg("--version").output().is_err() {
        eprintln!("skipped: mariadb client not available");
        return;
    }
    let server = match Mariadb::start() {
        Ok(s) => s,
        Err(reason) => {
            eprintln!("skipped: MariaDB not available ({reason})");
            return;
        }
    };
    let m = migration(
        Dialect::Mysql,
        "",
        "int",
        "text",
        [
            "ALTER TABLE `users` MODIFY `name` text NOT NULL",
            "ALTER TABLE `users` ADD COLUMN `email` varchar(255) NOT NULL",
            "CREATE TABLE `orders` (`id` int NOT NULL, `user_id` int NOT NULL, PRIMARY KEY (`id`))",
            "ALTER TABLE `orders` ADD CONSTRAINT `orders_user_id_fkey` FOREIGN KEY (`user_id`) REFERENCES `users` (`id`)",
            "CREATE UNIQUE INDEX `users_email_key` ON `users` (`email`)",
        ],
        [
            "DROP INDEX `users_email_key` ON `users`",
            "DROP TABLE `orders`",
            "ALTER TABLE `users` DROP COLUMN `email`",
            "ALTER TABLE `users` MODIFY `name` text NULL",
        ],
        false,
    );
    let pkg = build(&m, &PackageOptions::new(Format::Plain)).expect("package");
    let dir = temp_dir("mariadb-package");
    write_package(&pkg, &dir);
    let f = |name: &str| dir.join(name);
    let db = "pkg_test";
    assert!(server.sql("", "CREATE DATABASE pkg_test").status.success());
    assert!(server.sql(db, "CREATE TABLE `users` (`id` int NOT NULL PRIMARY KEY, `name` text)").status.success());

    let pre = server.run(db, &f("precheck.sql"));
    assert!(pre.status.success(), "precheck: {}", show(&pre));
    assert!(!String::from_utf8_lossy(&pre.stdout).contains("failed_check"), "{}", show(&pre));
    assert!(server.sql(db, "INSERT INTO `users` VALUES (1, NULL)").status.success());
    let pre = server.run(db, &f("precheck.sql"));
    assert!(String::from_utf8_lossy(&pre.stdout).contains("NULLs in users.name"), "{}", show(&pre));
    assert!(server.sql(db, "DELETE FROM `users`").status.success());
    assert!(server.run(db, &f("table-sizes.sql")).status.success());

    let wrong = server.run(db, &f("validate.sql"));
    assert!(!wrong.status.success(), "validate must fail before up: {}", show(&wrong));
    assert!(show(&wrong).contains("column users.email"), "{}", show(&wrong));
    assert!(show(&wrong).contains("validate_failed"), "{}", show(&wrong));

    let up = server.run(db, &f("up.sql"));
    assert!(up.status.success(), "up: {}", show(&up));
    let v = server.run(db, &f("validate.sql"));
    assert!(v.status.success(), "validate after up: {}", show(&v));
    assert!(!server.run(db, &f("validate_down.sql")).status.success(), "validate_down must fail after up");
    let mon = server.run(db, &f("monitoring.sql"));
    assert!(mon.status.success(), "monitoring: {}", show(&mon));
    let data = server.run(db, &f("test-data.sql"));
    assert!(data.status.success(), "test data: {}", show(&data));
    assert!(server.sql(db, "DELETE FROM `orders`; DELETE FROM `users`").status.success());

    let down = server.run(db, &f("down.sql"));
    assert!(down.status.success(), "down: {}", show(&down));
    let vd = server.run(db, &f("validate_down.sql"));
    assert!(vd.status.success(), "validate_down after down: {}", show(&vd));
    assert!(!server.run(db, &f("validate.sql")).status.success(), "validate must fail after down");
    let _ = std::fs::remove_dir_all(&dir);
}

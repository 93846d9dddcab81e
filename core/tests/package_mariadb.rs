//! The package's scripts on a real MariaDB (a private server on a unix socket, no TCP port):
//! precheck, up, validate, down and validate_down pass in order, and each validate script FAILS
//! against the other schema. Skipped, with the reason printed, when the binaries are absent.

mod package_support;

use package_support::{build_migration as migration, data_checks_migration, show, temp_dir, write_package, OFFENDERS};
use schemashift::package::{build, Format, PackageOptions};
use schemashift::Dialect;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

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
    let pkg = build(&m, &PackageOptions::new(Format::Plain, "20240101000000")).expect("package");
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
    data_checks(&server);
}

/// Every data check of precheck.sql prints nothing on clean data and a row on offending data.
fn data_checks(server: &Mariadb) {
    let m = data_checks_migration(Dialect::Mysql, "", "bigint", "int");
    let pkg = build(&m, &PackageOptions::new(Format::Plain, "20240101000000")).expect("package");
    let dir = temp_dir("mariadb-checks");
    write_package(&pkg, &dir);
    let pre = dir.join("precheck.sql");
    assert!(server.sql("", "CREATE DATABASE pkg_checks").status.success());
    let db = "pkg_checks";
    let setup = "CREATE TABLE parent (id int PRIMARY KEY); \
        CREATE TABLE child (id int PRIMARY KEY, parent_id int, code varchar(50), qty int, big bigint, price numeric(12,2)); \
        CREATE TABLE old_log (id int); \
        INSERT INTO parent VALUES (1); INSERT INTO child VALUES (1, 1, 'a', 1, 1, 1.00)";
    assert!(server.sql(db, setup).status.success());
    let clean = server.run(db, &pre);
    assert!(clean.status.success(), "precheck: {}", show(&clean));
    assert!(!String::from_utf8_lossy(&clean.stdout).contains("failed_check"), "clean data: {}", show(&clean));
    for (fragment, insert) in OFFENDERS {
        assert!(server.sql(db, insert).status.success(), "{insert}");
        let bad = server.run(db, &pre);
        let out = String::from_utf8_lossy(&bad.stdout).to_string();
        assert!(out.contains("failed_check") && out.contains(fragment), "{fragment}: {}", show(&bad));
        assert!(server.sql(db, "DELETE FROM child WHERE id >= 10").status.success());
    }
    assert!(server.sql(db, "INSERT INTO old_log VALUES (1)").status.success());
    let lost = server.run(db, &pre);
    assert!(String::from_utf8_lossy(&lost.stdout).contains("dropping the table destroys"), "{}", show(&lost));
    assert!(server.sql(db, "ANALYZE TABLE child, old_log").status.success());
    let sizes = server
        .client(db)
        .args(["-N", "-B"])
        .stdin(std::fs::File::open(dir.join("table-sizes.sql")).expect("open"))
        .output()
        .expect("client");
    let parsed = schemashift::risk::parse_table_sizes(&String::from_utf8_lossy(&sizes.stdout)).expect("sizes parse");
    assert!(parsed.contains_key("child") && parsed.contains_key("old_log"), "{parsed:?}");
    let bytes = schemashift::parse_table_sizes(&String::from_utf8_lossy(&sizes.stdout)).bytes;
    assert!(bytes.get("child").is_some_and(|b| b.total >= 16384 && b.indexes.is_some()), "{bytes:?}");
    let _ = std::fs::remove_dir_all(&dir);
}

//! `--env dev` and `--env prod` packages differ exactly as the README's profile table says
//! (and `profile.rs`): zero-downtime form and backups on in prod only; prod's lock and
//! statement timeouts (2s / 30s, against staging's 5s / 1min), its backfill pause (100ms) and
//! batch (1000; dev's is 10000); the runbook's `## Environment` section and advice. The CLI
//! reads `--env-file`, and a bad line is an error with its line and column.

use schemashift::package::{build, Format, PackageOptions};
use schemashift::profile::Profile;
use schemashift::{generate, Dialect, Options};

const BEFORE: &str = "CREATE TABLE users (id int PRIMARY KEY, name text NOT NULL, legacy text);\n";
const AFTER: &str = "CREATE TABLE users (id int PRIMARY KEY, name text NOT NULL, \
                     code uuid NOT NULL DEFAULT gen_random_uuid());\nCREATE INDEX users_name_idx ON users (name);\n";

fn package(d: Dialect, env: &str, zero_downtime_flag: bool) -> schemashift::package::Package {
    let mut o = Options::new(d);
    o.zero_downtime = zero_downtime_flag;
    Profile::named(env).unwrap().apply(&mut o);
    let (before, after) = match d {
        Dialect::Mysql => (
            BEFORE.replace(" text", " VARCHAR(50)"),
            "CREATE TABLE users (id int PRIMARY KEY, name VARCHAR(50) NOT NULL);\nCREATE INDEX users_name_idx ON users (name);\n"
                .to_string(),
        ),
        _ => (BEFORE.to_string(), AFTER.to_string()),
    };
    let m = generate(&before, &after, &o);
    assert!(!m.is_blocked(), "{:?}", m.blocked);
    build(&m, &PackageOptions::new(Format::Plain, "1")).unwrap()
}

fn text<'a>(p: &'a schemashift::package::Package, f: &str) -> &'a str {
    p.text(f).unwrap_or_else(|| panic!("no {f}"))
}

#[test]
fn dev_and_prod_differ_as_documented() {
    let dev = package(Dialect::Postgres, "dev", false);
    let prod = package(Dialect::Postgres, "prod", false);
    let (dev_up, prod_up) = (text(&dev, "up.sql"), text(&prod, "up.sql"));
    // zero-downtime: prod only.
    assert!(!dev_up.contains("CONCURRENTLY") && !dev_up.contains("lock_timeout"), "{dev_up}");
    assert!(prod_up.contains("CREATE INDEX CONCURRENTLY"), "{prod_up}");
    // prod's timeouts, batch and pause.
    assert!(prod_up.contains("SET lock_timeout = '2s'") && prod_up.contains("SET statement_timeout = '30s'"), "{prod_up}");
    assert!(prod_up.contains("LIMIT 1000)") && prod_up.contains("PERFORM pg_sleep(0.100);"), "{prod_up}");
    // preserve-data: prod only.
    assert!(!dev_up.contains("schemashift_backup_") && !dev.files.contains_key("cleanup/01_drop_backups.sql"));
    assert!(prod_up.contains("schemashift_backup_users_legacy") && prod.files.contains_key("cleanup/01_drop_backups.sql"));
    // The runbook says which environment, what it set, and its advice.
    let (dev_readme, prod_readme) = (text(&dev, "README.md"), text(&prod, "README.md"));
    assert!(dev_readme.contains("## Environment: dev\n") && dev_readme.contains("| zero-downtime form | off |"));
    assert!(dev_readme.contains("- A development database: run the migration directly"));
    assert!(!dev_readme.contains("| lock timeout |"), "timeouts are only in the zero-downtime form");
    assert!(prod_readme.contains("## Environment: prod\n") && prod_readme.contains("| zero-downtime form | on |"));
    assert!(prod_readme.contains("| lock timeout | '2s' |") && prod_readme.contains("| pause between batches | '100ms' |"));
    assert!(prod_readme.contains("- Back up the database first") && prod_readme.contains("- Tell the on-call engineer"));
}

#[test]
fn staging_keeps_the_defaults_and_dev_batches_larger() {
    let staging = package(Dialect::Postgres, "staging", false);
    let up = text(&staging, "up.sql");
    assert!(up.contains("SET lock_timeout = '5s'") && up.contains("SET statement_timeout = '1min'"), "{up}");
    assert!(up.contains("LIMIT 1000)") && !up.contains("pg_sleep"), "{up}");
    // dev with an explicit --zero-downtime: its batch of 10000 rows.
    let dev = package(Dialect::Postgres, "dev", true);
    assert!(text(&dev, "up.sql").contains("LIMIT 10000)"));
}

#[test]
fn mysql_prod_waits_two_seconds() {
    let prod = package(Dialect::Mysql, "prod", false);
    assert!(text(&prod, "up.sql").contains("SET SESSION lock_wait_timeout = 2"), "{}", text(&prod, "up.sql"));
    assert!(text(&prod, "README.md").contains("| lock wait timeout | 2s |"));
}

#[test]
fn cli_reads_env_and_env_file() {
    let dir = std::env::temp_dir().join(format!("schemashift-env-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let (b, a, env) = (dir.join("b.sql"), dir.join("a.sql"), dir.join("eu.env"));
    std::fs::write(&b, BEFORE).unwrap();
    std::fs::write(&a, AFTER).unwrap();
    std::fs::write(&env, "base = prod\nname = prod-eu\nbatch_size = 250\nadvice = Post in #db-changes first\n").unwrap();
    let run = |extra: &[&str]| {
        let mut args = vec!["diff", "--dialect", "postgres"];
        args.extend_from_slice(extra);
        args.push(b.to_str().unwrap());
        args.push(a.to_str().unwrap());
        std::process::Command::new(env!("CARGO_BIN_EXE_schemashift")).args(&args).output().unwrap()
    };
    let out = run(&["--env-file", env.to_str().unwrap()]);
    let up = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success() && up.contains("LIMIT 250)") && up.contains("SET lock_timeout = '2s'"), "{up}");
    std::fs::write(&env, "base = prod\nbatch_size = lots\n").unwrap();
    let out = run(&["--env-file", env.to_str().unwrap()]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success() && err.contains("eu.env: line 2, column 14: `batch_size` needs a number"), "{err}");
    let out = run(&["--env", "qa"]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown environment `qa`"));
    // Several environments: only into a package, each one's scripts the same as its own package's.
    let out = run(&["--env", "dev,prod"]);
    assert!(!out.status.success() && String::from_utf8_lossy(&out.stderr).contains("need --out"));
    let pkg = dir.join("pkg");
    let out = run(&["--env", "dev,staging,prod", "--version", "1", "--out", pkg.to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let read = |f: &str| std::fs::read_to_string(pkg.join(f)).unwrap_or_else(|e| panic!("{f}: {e}"));
    assert_eq!(read("up.sql"), read("environments/dev/up.sql"));
    for env in ["dev", "staging", "prod"] {
        let own = package(Dialect::Postgres, env, false);
        // The same statements as the environment's own package (whose up runs on the real
        // engines in tests/tests/env_profiles.rs); the step log's migration id is the package's.
        let same_id = |t: &str| t.replace("1_add_column_users_and_more", "ID").replace("1_add_column_users", "ID");
        assert_eq!(same_id(&read(&format!("environments/{env}/up.sql"))), same_id(text(&own, "up.sql")), "{env}");
        assert_eq!(same_id(&read(&format!("environments/{env}/down.sql"))), same_id(text(&own, "down.sql")), "{env}");
    }
    // With --osc (MySQL), every environment's scripts send the large table's change to the tool.
    let (mb, ma, sizes) = (dir.join("mb.sql"), dir.join("ma.sql"), dir.join("sizes.txt"));
    std::fs::write(&mb, "CREATE TABLE users (id INT PRIMARY KEY, name VARCHAR(50));\n").unwrap();
    std::fs::write(&ma, "CREATE TABLE users (id INT PRIMARY KEY, name VARCHAR(50), email VARCHAR(80));\n").unwrap();
    std::fs::write(&sizes, "users 5000000\n").unwrap();
    let mo = dir.join("mo");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_schemashift"))
        .args(["diff", "--dialect", "mysql", "--osc", "pt-osc", "--table-sizes", sizes.to_str().unwrap(), "--env", "dev,prod"])
        .args(["--version", "1", "--out", mo.to_str().unwrap(), mb.to_str().unwrap(), ma.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    for env in ["dev", "prod"] {
        let up = std::fs::read_to_string(mo.join(format!("environments/{env}/up.sql"))).unwrap();
        assert!(up.contains("run osc/01-users.sh first") && !up.lines().any(|l| l.starts_with("ALTER TABLE")), "{env}: {up}");
        assert!(mo.join(format!("environments/{env}/osc/01-users.sh")).exists(), "{env}");
    }
    let cmp = read("environments/README.md");
    assert!(cmp.contains("| setting | dev | staging | prod |") && cmp.contains("### `prod`") && cmp.contains("```diff"), "{cmp}");
    std::fs::remove_dir_all(&dir).ok();
}

/// The estimates (`## Duration and locks`, `timeline.svg`) follow the environment: prod's pauses
/// between backfill batches lengthen the backfill, its runbook books a window from the
/// estimates' high end and names a blocking step estimated over its 30s statement timeout;
/// dev's books no window.
#[test]
fn estimates_follow_the_environment() {
    let after = AFTER.replace("name text NOT NULL", "name varchar(200) NOT NULL");
    let build_for = |env: &str| {
        let mut o = Options::new(Dialect::Postgres);
        o.set_table_sizes("users 20000000\n");
        Profile::named(env).unwrap().apply(&mut o);
        let m = generate(BEFORE, &after, &o);
        assert!(!m.is_blocked(), "{:?}", m.blocked);
        (m.clone(), build(&m, &PackageOptions::new(Format::Plain, "1")).unwrap())
    };
    let (dev_m, dev) = build_for("dev");
    let (prod_m, prod) = build_for("prod");
    let backfill = |m: &schemashift::Migration| {
        m.up.iter()
            .filter_map(|s| s.estimate.as_ref())
            .find(|e| e.class == schemashift::estimate::OpClass::BatchedBackfill)
            .and_then(|e| e.ms)
    };
    // dev has no backfill (plain form); prod's includes 20,000 pauses of 100 ms.
    assert_eq!(backfill(&dev_m), None);
    assert!(backfill(&prod_m).is_some_and(|ms| ms > 2_000_000), "{:?}", backfill(&prod_m));
    let (dev_readme, prod_readme) = (text(&dev, "README.md"), text(&prod, "README.md"));
    for r in [dev_readme, prod_readme] {
        assert!(r.contains("## Duration and locks (estimates)") && r.contains("![timeline of up](timeline.svg)"), "{r}");
    }
    assert!(!dev_readme.contains("**Window"), "{dev_readme}");
    assert!(prod_readme.contains("**Window (prod):** book at least"), "{prod_readme}");
    // The type change rewrites 20M rows under ACCESS EXCLUSIVE: over prod's 30s.
    assert!(prod_readme.contains("over the prod environment's statement timeout (30 s)"), "{prod_readme}");
    assert_ne!(text(&dev, "timeline.svg"), text(&prod, "timeline.svg"));
    assert!(text(&prod, "calibrate.sql").contains("speed_factor"));
}

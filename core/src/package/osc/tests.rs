use super::*;
use crate::package::{build, Format, PackageOptions};
use crate::{generate, Flavor, Options, Target};

const BEFORE: &str = "CREATE TABLE users (id bigint PRIMARY KEY, email varchar(100), age int, note text, KEY users_note_idx (note(20)));\n\
    CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint, total int, CONSTRAINT fk_u FOREIGN KEY (user_id) REFERENCES users (id));\n\
    CREATE TABLE logs (msg text);\n";
const AFTER: &str = "CREATE TABLE users (id bigint PRIMARY KEY, email varchar(100), age bigint, note text, nick varchar(20), KEY users_email_idx (email));\n\
    CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint, total bigint, CONSTRAINT fk_u FOREIGN KEY (user_id) REFERENCES users (id));\n\
    CREATE TABLE logs (msg text, at int);\n";

fn run(flavor: Flavor, osc: &str, all: bool, sizes: &str, zero_downtime: bool) -> Migration {
    let mut o = Options::new(flavor.dialect());
    o.target = Target::of(flavor);
    o.zero_downtime = zero_downtime;
    o.set_table_sizes(sizes);
    o.set_osc(osc, all, "");
    generate(BEFORE, AFTER, &o)
}

fn package(m: &Migration) -> crate::package::Package {
    build(m, &PackageOptions::new(Format::Plain, "7")).unwrap()
}

#[test]
fn pt_osc_takes_the_big_tables_alters_and_leaves_a_guard() {
    let m = run(Flavor::Mariadb, "pt-osc", false, "users 5000000\norders 2000000\nlogs 10\n", false);
    assert!(!m.is_blocked(), "{:?}", m.blocked);
    let p = package(&m);
    let up = p.text("up.sql").unwrap();
    let scripts: Vec<&String> = p.files.keys().filter(|k| k.starts_with("osc/")).collect();
    assert!(!scripts.is_empty(), "{:?}", p.files.keys());
    for path in &scripts {
        let name = path.as_str();
        if name.starts_with("osc/down-") {
            continue;
        }
        assert!(up.contains(&format!("SELECT 1 FROM `run {name} first`")), "{name}\n{up}");
        let sh = p.text(name).unwrap();
        assert!(sh.contains("pt-online-schema-change --alter \"$ALTER\""), "{sh}");
        assert!(sh.contains("osc --dry-run") && sh.contains("\"--execute\""), "{sh}");
        assert!(sh.contains("'done'") && sh.contains("ON DUPLICATE KEY UPDATE"), "{sh}");
        assert!(!sh.contains("ALGORITHM="), "{sh}");
    }
    // users is referenced by orders: the child foreign keys are rebuilt.
    let users: Vec<&str> = scripts.iter().map(|s| p.text(s).unwrap()).filter(|t| t.contains("t=users")).collect();
    assert!(!users.is_empty() && users.iter().all(|t| t.contains("--alter-foreign-keys-method rebuild_constraints")));
    // The small table's change stays in up.sql as written.
    assert!(up.contains("ALTER TABLE `logs` ADD COLUMN `at`"), "{up}");
    let pre = p.text("precheck.sql").unwrap();
    assert!(pre.contains("no PRIMARY KEY or UNIQUE key over NOT NULL columns for pt-online-schema-change"), "{pre}");
    assert!(pre.contains("_users_new"), "{pre}");
    let readme = p.text("README.md").unwrap();
    assert!(readme.contains("## Online schema change (pt-online-schema-change)") && readme.contains("DROP TRIGGER IF EXISTS pt_osc_"));
    // The migration itself is unchanged: the playground still shows the ALTER.
    assert!(m.up_sql().contains("ALTER TABLE `users` MODIFY COLUMN `age` bigint"), "{}", m.up_sql());
}

#[test]
fn consecutive_steps_of_one_table_share_one_run() {
    let m = run(Flavor::Mysql, "pt-osc", true, "", true);
    let (_, d) = apply(&m, m.osc.unwrap());
    let users: Vec<&Run> = d.runs.iter().filter(|r| r.direction == "up" && r.table.name == "users").collect();
    assert!(!users.is_empty());
    let steps_of_users = m.up.iter().filter(|s| s.change.table().is_some_and(|t| t.name == "users")).count();
    assert!(users.len() < steps_of_users, "{:?}", d.runs);
    for r in &d.runs {
        assert!(!r.alter.contains("ALGORITHM") && !r.alter.contains("LOCK="), "{}", r.alter);
    }
    // Runs never merge steps of different phases (zero-downtime: expand, main, contract).
    let (changed, _) = apply(&m, m.osc.unwrap());
    let phases = |steps: &[Step]| steps.iter().map(|s| s.phase).collect::<Vec<_>>();
    let mut before: Vec<_> = phases(&m.up);
    before.dedup();
    let mut after: Vec<_> = phases(&changed.up);
    after.dedup();
    assert_eq!(before, after);
    // `logs` has no key to copy by: it stays, with the reason in the README.
    assert!(d.kept.iter().any(|k| k.table.name == "logs" && k.why.contains("PRIMARY KEY")), "{:?}", d.kept);
    let text = insta_text(&m);
    insta::assert_snapshot!("pt_osc_all_zero_downtime", text);
}

fn insta_text(m: &Migration) -> String {
    let p = package(m);
    let mut out = String::new();
    for (path, _) in p.files.iter().filter(|(k, _)| k.starts_with("osc/") || k.as_str() == "up.sql") {
        out.push_str(&format!("==> {path}\n{}\n", p.text(path).unwrap_or_default()));
    }
    out
}

#[test]
fn gh_ost_refuses_foreign_keys_and_checks_the_binary_log() {
    let m = run(Flavor::Mysql, "gh-ost", true, "", false);
    let p = package(&m);
    let names: Vec<&String> = p.files.keys().filter(|k| k.starts_with("osc/")).collect();
    // users and orders have foreign keys, logs no key: nothing goes to gh-ost.
    assert!(names.is_empty(), "{names:?}");
    let readme = p.text("README.md").unwrap();
    assert!(readme.contains("gh-ost does not support foreign keys"), "{readme}");
    let before = "CREATE TABLE t (id int PRIMARY KEY, a int);";
    let after = "CREATE TABLE t (id int PRIMARY KEY, a bigint, b int);";
    let mut o = Options::new(crate::Dialect::Mysql);
    o.target = Target::of(Flavor::Mysql);
    o.set_osc("gh-ost", true, "");
    let m = generate(before, after, &o);
    let p = package(&m);
    let sh = p.text("osc/01-t.sh").unwrap();
    assert!(sh.contains("gh-ost --database=\"$DB_NAME\" --table='t'") && sh.contains("--postpone-cut-over-flag-file"), "{sh}");
    let pre = p.text("precheck.sql").unwrap();
    assert!(pre.contains("binlog_format=ROW") && pre.contains("binlog_row_image=FULL") && pre.contains("log_slave_updates"), "{pre}");
    insta::assert_snapshot!("gh_ost_one_table", insta_text(&m));
}

#[test]
fn unique_keys_and_renames_stay_in_the_script() {
    let before = "CREATE TABLE t (id int PRIMARY KEY, a int, b int);";
    let after = "CREATE TABLE t (id int PRIMARY KEY, a int, c int, UNIQUE KEY t_a (a));";
    let mut o = Options::new(crate::Dialect::Mysql);
    o.set_osc("pt-osc", true, "");
    o.renames = vec!["t.b=c".into()];
    let m = generate(before, after, &o);
    let (changed, d) = apply(&m, m.osc.unwrap());
    // Dropping the unique key again (down) may go to the tool: the primary key stays.
    assert!(d.runs.iter().all(|r| r.direction == "down"), "{:?}", d.runs);
    assert_eq!(changed.up_sql(), m.up_sql());
    assert!(d.kept.iter().any(|k| k.why.contains("INSERT IGNORE")), "{:?}", d.kept);
    assert!(d.kept.iter().any(|k| k.why.contains("rename")), "{:?}", d.kept);
}

#[test]
fn the_tools_are_an_options_error_off_mysql_and_mariadb() {
    for f in [Flavor::Tidb, Flavor::Vitess, Flavor::Postgres] {
        let mut o = Options::new(f.dialect());
        o.target = Target::of(f);
        o.set_osc("gh-ost", true, "");
        let m = generate("CREATE TABLE t (id int PRIMARY KEY);", "CREATE TABLE t (id int PRIMARY KEY, a int);", &o);
        assert!(m.is_blocked(), "{f}");
    }
    let mut o = Options::new(crate::Dialect::Mysql);
    o.set_osc("liquibase", false, "");
    o.set_osc("gh-ost", false, "many");
    assert_eq!(o.problems.len(), 2);
    assert_eq!(Osc::parse("pt-online-schema-change", false, None).unwrap().min_rows, Some(DEFAULT_MIN_ROWS));
}

#[test]
fn clauses_of_index_statements() {
    let t = QName { schema: String::new(), name: "users".into() };
    assert_eq!(clause("CREATE INDEX `i` ON `users` (`email`) ALGORITHM=INPLACE LOCK=NONE", &t).as_deref(), Some("ADD INDEX `i` (`email`)"));
    assert_eq!(clause("DROP INDEX `i` ON `users`", &t).as_deref(), Some("DROP INDEX `i`"));
    assert_eq!(
        clause("ALTER TABLE `users` MODIFY COLUMN `a` bigint NULL, ALGORITHM=INPLACE, LOCK=NONE", &t).as_deref(),
        Some("MODIFY COLUMN `a` bigint NULL")
    );
    assert_eq!(clause("UPDATE `users` SET a = 1", &t), None);
}

#[test]
fn a_contract_step_keeps_its_own_run_after_the_deploy() {
    let mut o = Options::new(crate::Dialect::Mysql);
    o.zero_downtime = true;
    o.set_osc("pt-osc", true, "");
    let before = "CREATE TABLE t (id int PRIMARY KEY, a int, b int);";
    let after = "CREATE TABLE t (id int PRIMARY KEY, a int, c int);";
    o.not_renames = vec!["t.b=c".into()];
    let m = generate(before, after, &o);
    let phases: Vec<_> = m.up.iter().map(|s| s.phase).collect();
    assert!(phases.windows(2).any(|w| w[0] != w[1]), "{phases:?}");
    let (changed, d) = apply(&m, m.osc.unwrap());
    let up: Vec<&Run> = d.runs.iter().filter(|r| r.direction == "up").collect();
    assert_eq!(up.len(), changed.up.len(), "{:?}", d.runs);
    assert_eq!(changed.up.iter().map(|s| s.phase).collect::<Vec<_>>(), phases);
}

/// A narrowing and a new NOT NULL stay in the script: the tools' INSERT IGNORE would truncate
/// or zero the values that do not fit; the widening goes to the tool.
#[test]
fn narrowings_and_new_not_nulls_stay_in_the_strict_script() {
    let before = "CREATE TABLE t (id int PRIMARY KEY, name varchar(50), n int, w int);";
    let after = "CREATE TABLE t (id int PRIMARY KEY, name varchar(10), n int NOT NULL, w bigint);";
    let mut o = Options::new(crate::Dialect::Mysql);
    o.set_osc("pt-osc", true, "");
    let m = generate(before, after, &o);
    let (_, d) = apply(&m, m.osc.unwrap());
    assert!(d.kept.iter().any(|k| k.direction == "up" && k.why.starts_with("it narrows a column type")), "{:?}", d.kept);
    assert!(d.kept.iter().any(|k| k.direction == "up" && k.why.starts_with("it makes a column NOT NULL")), "{:?}", d.kept);
    assert!(d.runs.iter().any(|r| r.direction == "up" && r.alter.contains("`w` bigint")), "{:?}", d.runs);
}

#[test]
fn the_check_scripts_alone_are_the_packages_with_the_tools_live_checks() {
    for osc in ["pt-osc", "gh-ost"] {
        let m = run(Flavor::Mariadb, osc, true, "users 5000000\norders 2000000\nlogs 10\n", false);
        let whole = package(&m);
        let pre = whole.text("precheck.sql").unwrap();
        assert!(osc == "gh-ost" || pre.contains("Online schema change"), "{osc}: {pre}");
        for paths in [&["precheck.sql"][..], &["validate.sql", "validate_down.sql"], &crate::package::CHECK_FILES] {
            let paths: Vec<String> = paths.iter().map(|p| p.to_string()).collect();
            let alone = crate::package::build_checks(&m, &PackageOptions::new(Format::Plain, "7"), &paths).unwrap().unwrap();
            assert_eq!(alone.files.keys().collect::<Vec<_>>(), paths.iter().collect::<Vec<_>>());
            for p in &paths {
                assert_eq!(alone.text(p), whole.text(p), "{osc} {p}");
            }
        }
    }
}

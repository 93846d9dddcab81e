//! The CLI contract: exit codes, outputs and the JSON document, checked by running the real
//! binary and decoding its JSON with types of this test's own (so a wire change fails here).

use serde::Deserialize;
use std::io::Write;
use std::process::{Command, Output, Stdio};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_schemashift"))
}

fn run(args: &[&str], stdin: Option<&str>) -> Output {
    let mut cmd = bin();
    cmd.args(args).stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped());
    let mut child = cmd.spawn().expect("spawn schemashift");
    if let Some(input) = stdin {
        child.stdin.take().expect("stdin").write_all(input.as_bytes()).expect("write stdin");
    }
    drop(child.stdin.take());
    child.wait_with_output().expect("wait")
}

fn files(before: &str, after: &str) -> (tempdir::Dir, String, String) {
    let dir = tempdir::Dir::new();
    let b = dir.write("before.sql", before);
    let a = dir.write("after.sql", after);
    (dir, b, a)
}

mod tempdir {
    use std::path::PathBuf;
    pub struct Dir(pub PathBuf);
    impl Dir {
        pub fn new() -> Dir {
            let n = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_nanos()).unwrap_or(0);
            let p = std::env::temp_dir().join(format!("schemashift-cli-{}-{n}", std::process::id()));
            std::fs::create_dir_all(&p).expect("mkdir");
            Dir(p)
        }
        pub fn write(&self, name: &str, text: &str) -> String {
            let p = self.0.join(name);
            std::fs::write(&p, text).expect("write");
            p.to_string_lossy().into_owned()
        }
    }
    impl Drop for Dir {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }
}

const BEFORE: &str = "CREATE TABLE t (id integer PRIMARY KEY, a text);\n";
const AFTER: &str = "CREATE TABLE t (id integer PRIMARY KEY, b text);\n";

#[derive(Deserialize)]
struct Doc {
    schema_version: u32,
    up: String,
    down: String,
    steps: Vec<StepDoc>,
    risks: Vec<RiskDoc>,
    diagnostics: Vec<DiagDoc>,
}

#[derive(Deserialize)]
struct StepDoc {
    sql: String,
    phase: String,
    transactional: bool,
    risks: Vec<RiskDoc>,
}

#[derive(Deserialize)]
#[allow(dead_code)]
struct RiskDoc {
    rule: String,
    severity: String,
    message: String,
    step: usize,
    safe_alternative: String,
}

#[derive(Deserialize)]
#[allow(dead_code)]
struct DiagDoc {
    severity: String,
    line: usize,
    column: usize,
    message: String,
}

#[test]
fn prints_up_and_down_sql() {
    let (_d, b, a) = files(BEFORE, AFTER);
    let up = run(&["diff", "--dialect", "postgres", &b, &a], None);
    assert_eq!(up.status.code(), Some(0), "{}", String::from_utf8_lossy(&up.stderr));
    let up = String::from_utf8_lossy(&up.stdout);
    assert!(up.contains("ADD COLUMN \"b\" text"), "{up}");
    assert!(up.contains("DROP COLUMN \"a\""), "{up}");
    let down = run(&["diff", "--dialect", "postgres", &b, &a, "--down"], None);
    let down = String::from_utf8_lossy(&down.stdout);
    assert!(down.contains("ADD COLUMN \"a\" text") && down.contains("DROP COLUMN \"b\""), "{down}");
}

#[test]
fn reads_stdin_for_dash() {
    let (_d, b, _a) = files(BEFORE, AFTER);
    let out = run(&["diff", "--dialect", "postgres", &b, "-"], Some(AFTER));
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stdout).contains("ADD COLUMN"));
}

#[test]
fn json_document_has_the_documented_fields() {
    let (_d, b, a) = files(BEFORE, AFTER);
    let out = run(&["diff", "--dialect", "postgres", &b, &a, "--json"], None);
    assert_eq!(out.status.code(), Some(0));
    let doc: Doc = serde_json::from_slice(&out.stdout).expect("valid JSON of the documented shape");
    assert_eq!(doc.schema_version, 1);
    assert!(doc.up.contains("ADD COLUMN") && doc.down.contains("DROP COLUMN"));
    assert!(!doc.steps.is_empty());
    for s in &doc.steps {
        assert!(!s.sql.is_empty() && ["expand", "main", "contract"].contains(&s.phase.as_str()));
        let _ = s.transactional;
        for r in &s.risks {
            assert!(["critical", "high", "medium", "low", "info"].contains(&r.severity.as_str()));
        }
    }
    let step_risks: usize = doc.steps.iter().map(|s| s.risks.len()).sum();
    assert_eq!(step_risks, doc.risks.len());
    assert!(doc.diagnostics.iter().all(|d| d.severity != "error"));
}

#[test]
fn bad_input_exits_1_with_file_line_column() {
    let (_d, b, a) = files(BEFORE, "CREATE TABLE t (id integer PRIMARY KEY,\n  b text;\nCREATE TABLLE x (y int);\n");
    let out = run(&["diff", "--dialect", "postgres", &b, &a], None);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    let prefix = format!("{a}:");
    let line = err.lines().find(|l| l.starts_with(&prefix)).unwrap_or_else(|| panic!("no diagnostic for {a}: {err}"));
    let mut parts = line[prefix.len()..].splitn(3, ':');
    let (l, c) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
    assert!(l.parse::<usize>().is_ok() && c.parse::<usize>().is_ok(), "{line}");
}

#[test]
fn usage_errors_exit_2() {
    for args in [
        vec!["diff", "a.sql", "b.sql"],
        vec!["diff", "--dialect", "oracle", "a.sql", "b.sql"],
        vec!["diff", "--dialect", "postgres", "only-one.sql"],
        vec!["frobnicate"],
        vec!["diff", "--dialect", "postgres", "--nope", "a", "b"],
    ] {
        let out = run(&args, None);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
    }
    let missing = run(&["diff", "--dialect", "postgres", "/nonexistent/a.sql", "/nonexistent/b.sql"], None);
    assert_eq!(missing.status.code(), Some(2));
}

#[test]
fn output_is_deterministic() {
    let (_d, b, a) = files(BEFORE, AFTER);
    let one = run(&["diff", "--dialect", "postgres", &b, &a, "--json"], None).stdout;
    let two = run(&["diff", "--dialect", "postgres", &b, &a, "--json"], None).stdout;
    assert_eq!(one, two);
}

#[test]
fn rules_prints_the_rule_docs() -> Result<(), String> {
    let out = bin().arg("rules").output().map_err(|e| e.to_string())?;
    assert_eq!(out.status.code(), Some(0));
    let page = String::from_utf8_lossy(&out.stdout);
    assert!(page.starts_with("# schemashift risk rules"), "{page}");
    assert!(page.contains("pg-"), "lists PostgreSQL rules");
    Ok(())
}

#[test]
fn options_that_do_not_change_the_plan_yet_say_so() -> Result<(), String> {
    let dir = std::env::temp_dir().join(format!("schemashift-cli-opts-{}", std::process::id()));
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    let (b, a) = (dir.join("b.sql"), dir.join("a.sql"));
    std::fs::write(&b, "CREATE TABLE t (id integer);").map_err(|e| e.to_string())?;
    std::fs::write(&a, "CREATE TABLE t (id integer, x text);").map_err(|e| e.to_string())?;
    let out = bin()
        .args(["diff", "--dialect", "postgres", "--zero-downtime", "--preserve-data"])
        .arg(&b)
        .arg(&a)
        .output()
        .map_err(|e| e.to_string())?;
    assert_eq!(out.status.code(), Some(0));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!err.contains("--zero-downtime does not rewrite"), "{err}");
    // --preserve-data is implemented: no warning about it.
    assert!(!err.contains("--preserve-data"), "{err}");
    Ok(())
}

#[test]
fn zero_downtime_shows_the_rewritten_plan() -> Result<(), String> {
    let dir = std::env::temp_dir().join(format!("schemashift-cli-zd-{}", std::process::id()));
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    let (b, a) = (dir.join("b.sql"), dir.join("a.sql"));
    std::fs::write(&b, "CREATE TABLE t (id integer PRIMARY KEY, x text);").map_err(|e| e.to_string())?;
    std::fs::write(&a, "CREATE TABLE t (id integer PRIMARY KEY, x text); CREATE INDEX t_x ON t (x);").map_err(|e| e.to_string())?;
    let out = bin().args(["diff", "--dialect", "postgres", "--zero-downtime"]).arg(&b).arg(&a).output().map_err(|e| e.to_string())?;
    assert_eq!(out.status.code(), Some(0));
    let sql = String::from_utf8_lossy(&out.stdout);
    assert!(sql.contains("SET lock_timeout = '5s';"), "{sql}");
    assert!(sql.contains("-- must run outside a transaction block"), "{sql}");
    assert!(sql.contains("CREATE INDEX CONCURRENTLY \"t_x\" ON \"public\".\"t\" (\"x\");"), "{sql}");
    assert!(!sql.contains("BEGIN;"), "{sql}");
    Ok(())
}

// Blocked results (issue 11): a typo never turns into a DROP; nothing is printed to run.

const USERS_ORDERS: &str = "CREATE TABLE users (id bigint PRIMARY KEY, age int);\n\
    CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint REFERENCES users(id));\n";
const TYPO: &str = "CREATE TABLE users (id bigint PRIMARY KEY, age int,\n  CHECK (age > )\n);\n\
    CREAT TABLE orders (id bigint PRIMARY KEY, user_id bigint REFERENCES users(id));\n";

#[derive(Deserialize)]
struct BlockedDoc {
    up: String,
    down: String,
    blocked: bool,
    blocked_reasons: Vec<ReasonDoc>,
    diagnostics: Vec<DiagDoc>,
}

#[derive(Deserialize, Debug)]
struct ReasonDoc {
    kind: String,
    side: Option<String>,
    line: usize,
    column: usize,
    message: String,
    #[serde(default)]
    objects: Vec<String>,
}

#[test]
fn a_blocked_result_prints_no_migration() {
    let (_d, b, a) = files(USERS_ORDERS, TYPO);
    for extra in [vec![], vec!["--down"]] {
        let mut args = vec!["diff", "--dialect", "postgres", &b, &a];
        args.extend(extra);
        let out = run(&args, None);
        assert_eq!(out.status.code(), Some(1));
        assert!(out.stdout.is_empty(), "{}", String::from_utf8_lossy(&out.stdout));
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(&format!("{a}:2:14: error: not understood: incomplete CHECK expression")), "{err}");
        assert!(err.contains(&format!("{a}:4:1: error:")), "{err}");
        assert!(err.contains("table public.orders treated as unchanged"), "{err}");
        assert!(err.contains("the result is blocked"), "{err}");
    }
}

#[test]
fn allow_errors_prints_the_neutralized_migration() {
    let (_d, b, a) = files(USERS_ORDERS, TYPO.replace("age int,", "age int, email text,").as_str());
    let out = run(&["diff", "--dialect", "postgres", &b, &a, "--allow-errors"], None);
    assert_eq!(out.status.code(), Some(1));
    let up = String::from_utf8_lossy(&out.stdout);
    // users' statement has the error: users is unchanged (no email, no CHECK); orders is kept.
    assert!(!up.contains("DROP") && !up.contains("CHECK") && !up.contains("email"), "{up}");
    let down = run(&["diff", "--dialect", "postgres", &b, &a, "--allow-errors", "--down"], None);
    let down = String::from_utf8_lossy(&down.stdout);
    assert!(!down.contains("CREATE TABLE") && !down.contains("DROP"), "{down}");
}

#[test]
fn json_of_a_blocked_result_says_why() {
    let (_d, b, a) = files(USERS_ORDERS, TYPO);
    let out = run(&["diff", "--dialect", "postgres", &b, &a, "--json"], None);
    assert_eq!(out.status.code(), Some(1));
    let doc: BlockedDoc = serde_json::from_slice(&out.stdout).expect("JSON");
    assert!(doc.blocked);
    assert!(doc.up.is_empty() && doc.down.is_empty(), "{}", doc.up);
    let at: Vec<_> = doc.blocked_reasons.iter().map(|r| (r.kind.as_str(), r.side.as_deref(), r.line, r.column)).collect();
    assert_eq!(at, [("input_error", Some("after"), 2, 14), ("input_error", Some("after"), 4, 1)], "{:?}", doc.blocked_reasons);
    assert_eq!(doc.blocked_reasons[0].objects, ["table public.users"]);
    assert_eq!(doc.blocked_reasons[1].objects, ["table public.orders"]);
    assert!(doc.blocked_reasons[1].message.contains("CREAT"), "{}", doc.blocked_reasons[1].message);
    assert!(doc.diagnostics.iter().any(|d| d.severity == "info" && d.message.contains("treated as unchanged")));
    let again = run(&["diff", "--dialect", "postgres", &b, &a, "--json"], None);
    assert_eq!(out.stdout, again.stdout, "deterministic");
}

#[test]
fn a_blocked_result_writes_no_package() {
    let (d, b, a) = files(USERS_ORDERS, TYPO);
    let pkg = d.0.join("pkg");
    let pkg_arg = pkg.to_string_lossy().into_owned();
    let out = run(&["diff", "--dialect", "postgres", &b, &a, "--out", &pkg_arg], None);
    assert_eq!(out.status.code(), Some(1));
    assert!(!pkg.exists(), "a package was written");
}

#[test]
fn a_flavor_names_the_engine_and_shapes_the_plan() {
    let (_d, b, a) = files(USERS_ORDERS, USERS_ORDERS.replace("age int", "age int, email text").as_str());
    let out = run(&["diff", "--dialect", "postgres", "--flavor", "cockroachdb", &b, &a], None);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let up = String::from_utf8_lossy(&out.stdout);
    assert!(up.starts_with("-- schemashift up migration (CockroachDB 24.1)") && !up.contains("BEGIN;"), "{up}");
    let out = run(&["diff", "--dialect", "mysql", "--target-version", "vitess-19", &b, &a], None);
    let up = String::from_utf8_lossy(&out.stdout);
    assert!(up.contains("(Vitess 19.0)") && up.contains("SET @@ddl_strategy = 'vitess';"), "{up}");
    let out = run(&["diff", "--dialect", "mysql", "--flavor", "tidb", &b, &a, "--json"], None);
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!((doc["flavor"].as_str(), doc["target_version"].as_str()), (Some("tidb"), Some("8.5")));
}

#[test]
fn a_d1_rebuild_that_would_cascade_is_blocked_and_a_safe_one_has_no_transaction_control() {
    let parent = "CREATE TABLE parent (id INTEGER PRIMARY KEY, name TEXT);\n";
    let child = |action: &str| format!("CREATE TABLE child (id INTEGER PRIMARY KEY, pid INTEGER REFERENCES parent(id){action});\n");
    let strict_parent = parent.replace("name TEXT", "name TEXT NOT NULL");
    let (_d, b, a) = files(&format!("{parent}{}", child(" ON DELETE CASCADE")), &format!("{strict_parent}{}", child(" ON DELETE CASCADE")));
    let out = run(&["diff", "--dialect", "sqlite", "--flavor", "d1", &b, &a], None);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty(), "a blocked result prints no migration");
    assert!(String::from_utf8_lossy(&out.stderr).contains("child(pid) ON DELETE CASCADE"), "{}", String::from_utf8_lossy(&out.stderr));
    let (_d, b, a) = files(&format!("{parent}{}", child("")), &format!("{strict_parent}{}", child("")));
    let out = run(&["diff", "--dialect", "sqlite", "--flavor", "d1", &b, &a], None);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let up = String::from_utf8_lossy(&out.stdout);
    assert!(up.contains("PRAGMA defer_foreign_keys = on;") && !up.contains("BEGIN") && !up.contains("COMMIT"), "{up}");
}

#[test]
fn bad_option_values_block_with_their_line() {
    let (d, b, a) = files(USERS_ORDERS, USERS_ORDERS.replace("age int", "age int, email text").as_str());
    for (sizes, line) in [("users lots\n", 1), ("orders 5\nusers -3\n", 2), ("orders 5\n\nusers\n", 3)] {
        let path = d.write("sizes.txt", sizes);
        let out = run(&["diff", "--dialect", "postgres", &b, &a, "--table-sizes", &path], None);
        assert_eq!(out.status.code(), Some(1), "{sizes}");
        assert!(out.stdout.is_empty(), "{sizes}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(&format!("table sizes, line {line}:")), "{sizes}: {err}");
    }
    // A flavor of another dialect, or a version of another flavor, is an option error too.
    for args in [["--flavor", "tidb"], ["--flavor", "yugabytedb --target-version cockroachdb-24.1"]] {
        let mut argv = vec!["diff", "--dialect", "postgres", &b, &a, "--json"];
        let split: Vec<&str> = args.iter().flat_map(|x| x.split(' ')).collect();
        argv.extend(split);
        let out = run(&argv, None);
        assert_eq!(out.status.code(), Some(1), "{argv:?}");
        let doc: BlockedDoc = serde_json::from_slice(&out.stdout).expect("JSON");
        assert!(doc.blocked_reasons[0].kind == "option_error", "{:?}", doc.blocked_reasons);
    }
    let out = run(&["diff", "--dialect", "postgres", &b, &a, "--target-version", "banana", "--json"], None);
    assert_eq!(out.status.code(), Some(1));
    let doc: BlockedDoc = serde_json::from_slice(&out.stdout).expect("JSON");
    assert!(doc.blocked && doc.blocked_reasons[0].kind == "option_error", "{:?}", doc.blocked_reasons);
    assert!(doc.blocked_reasons[0].message.contains("banana"), "{:?}", doc.blocked_reasons);
    // The second --rename is malformed (no `=`) or names no table: an error with its index.
    for spec in ["users", "ghost.a=b"] {
        let out = run(&["diff", "--dialect", "postgres", &b, &a, "--rename", "orders.id=id", "--rename", spec, "--json"], None);
        let doc: BlockedDoc = serde_json::from_slice(&out.stdout).expect("JSON");
        let r = doc.blocked_reasons.iter().find(|r| r.kind == "option_error").expect("an option error");
        assert!(r.message.contains(&format!("--rename #2 `{spec}`")), "{r:?}");
        assert_eq!((r.line, r.side.as_deref()), (2, Some("options")));
    }
}

#[test]
fn a_rename_hint_without_a_name_is_an_error_at_its_position() {
    let (_d, b, a) = files(BEFORE, "CREATE TABLE t (id integer PRIMARY KEY,\n  b text -- schemashift:renamed-from\n);\n");
    let out = run(&["diff", "--dialect", "postgres", &b, &a], None);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains(&format!("{a}:2:10: error: rename hint not read")), "{err}");
}

/// Issue 11, case 2: the addresses split by `kind`. Unanswered, the moves block (no SQL, exit
/// 1, the proposals in the JSON with the hint that answers them); answered by hints or by
/// `--copy`, each copy runs its filter; `--no-copy` declines.
#[test]
fn data_moves_are_proposals_answered_by_hints_or_options() {
    let before = "CREATE TABLE customers (id int PRIMARY KEY, name varchar(100));\n\
        CREATE TABLE addresses (id int PRIMARY KEY, customer_id int NOT NULL, kind varchar(10) NOT NULL, street varchar(200), FOREIGN KEY (customer_id) REFERENCES customers(id));\n";
    let after = |ship: &str, bill: &str| {
        format!(
            "CREATE TABLE customers (id int PRIMARY KEY, name varchar(100));\n\
             {ship}CREATE TABLE shipping_addresses (id int PRIMARY KEY, customer_id int NOT NULL UNIQUE, street varchar(200), FOREIGN KEY (customer_id) REFERENCES customers(id));\n\
             {bill}CREATE TABLE billing_addresses (id int PRIMARY KEY, customer_id int NOT NULL UNIQUE, street varchar(200), FOREIGN KEY (customer_id) REFERENCES customers(id));\n"
        )
    };
    let (_d, b, a) = files(before, &after("", ""));
    let out = run(&["diff", "--dialect", "mysql", &b, &a], None);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("Data move pending") && err.contains("-- schemashift:copy-from addresses where kind = '...'"), "{err}");
    let json = run(&["diff", "--dialect", "mysql", &b, &a, "--json"], None);
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).expect("json");
    assert_eq!(v["blocked"], true);
    let p = &v["data_move_proposals"][0];
    assert_eq!((p["kind"].as_str(), p["status"].as_str(), p["to"].as_str()), (Some("copy"), Some("pending"), Some("billing_addresses")));
    assert!(p["needs_filter"].as_str().is_some_and(|n| n.contains("kind")), "{p}");

    let (_d2, b2, a2) = files(
        before,
        &after(
            "-- schemashift:copy-from addresses where kind = 'shipping'\n",
            "-- schemashift:copy-from addresses where kind = 'billing'\n",
        ),
    );
    let out = run(&["diff", "--dialect", "mysql", &b2, &a2], None);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let up = String::from_utf8_lossy(&out.stdout);
    assert!(up.contains("FROM `addresses` WHERE (kind = 'billing') AND NOT EXISTS"), "{up}");
    assert!(up.contains("INTO @schemashift_guard"), "{up}");
    let opts = run(
        &[
            "diff",
            "--dialect",
            "mysql",
            &b,
            &a,
            "--copy",
            "billing_addresses=addresses where kind = 'billing'",
            "--copy=shipping_addresses=addresses where kind = 'shipping'",
        ],
        None,
    );
    assert_eq!(opts.stdout, out.stdout, "--copy means the same as the hints");
    let declined = run(&["diff", "--dialect", "mysql", &b, &a, "--no-copy", "billing_addresses", "--no-copy", "shipping_addresses"], None);
    assert_eq!(declined.status.code(), Some(0));
    assert!(!String::from_utf8_lossy(&declined.stdout).contains("INSERT INTO"));
    let bad = run(&["diff", "--dialect", "mysql", &b, &a, "--copy", "billing_addresses=addresses where kind ="], None);
    assert_eq!(bad.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("not a complete SQL condition"));
}

/// A column name misspelled in AFTER (`total` → `totl`) reads as a drop and an add: the result is
/// blocked (nothing on stdout, exit 1) with both answers on stderr; each answer unblocks it.
#[test]
fn a_column_name_typo_blocks_until_answered() {
    let before = "CREATE TABLE orders (id int PRIMARY KEY, total numeric(10,2));\n";
    let (_dir, b, a) = files(before, "CREATE TABLE orders (id int PRIMARY KEY, totl numeric(10,2));\n");
    let out = run(&["diff", "--dialect", "postgres", &b, &a], None);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(out.stdout.is_empty(), "a blocked result prints no migration");
    assert!(err.contains("Rename or drop?") && err.contains("--not-rename public.orders.total=totl"), "{err}");
    let declined = run(&["diff", "--dialect", "postgres", &b, &a, "--not-rename", "public.orders.total=totl"], None);
    assert_eq!(declined.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&declined.stdout).contains("DROP COLUMN \"total\""));
    let renamed = run(&["diff", "--dialect", "postgres", &b, &a, "--rename", "orders.total=totl"], None);
    assert_eq!(renamed.status.code(), Some(0), "{}", String::from_utf8_lossy(&renamed.stderr));
    assert!(String::from_utf8_lossy(&renamed.stdout).contains("RENAME COLUMN \"total\" TO \"totl\""));
}

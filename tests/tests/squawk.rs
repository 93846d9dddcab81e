//! The squawk cross-check: every PostgreSQL corpus case's up migration is linted with squawk
//! (https://squawkhq.com), in plain mode and in zero-downtime mode, and every squawk finding
//! must be matched by one of our risk notes on the same step (the mapping is `schemashift::risk::squawk::EQUIVALENTS`), or be
//! an accepted disagreement (`ACCEPTED_DISAGREEMENTS`, or one of the contextual cases of
//! `accepted_in_context`: a new object, a table created earlier in the same migration, ...).
//!
//! squawk is found through `SQUAWK` (a path), the venv `.ci/setup.sh` installs into
//! `target/squawk-venv` (squawk-cli 2.70.0, the version the accepted list was written for), or
//! `PATH`. Without it the test is skipped with a message, unless
//! `SCHEMASHIFT_REQUIRE_SQUAWK` is set (as `make test` does): then a missing squawk fails.

use schemashift::plan::Step;
use schemashift::risk::squawk;
use schemashift::{Dialect, Options};
use schemashift_e2e::cases;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Files per squawk run (squawk takes many paths; this keeps command lines short).
const BATCH: usize = 250;

fn find_squawk() -> Option<PathBuf> {
    let venv = cases::crate_dir().join("..").join("target").join("squawk-venv").join("bin").join("squawk");
    // The pinned copy setup.sh installs comes before any other on PATH.
    let candidates = [std::env::var_os("SQUAWK").map(PathBuf::from), Some(venv), Some(PathBuf::from("squawk"))];
    candidates.into_iter().flatten().find(|p| Command::new(p).arg("--version").output().map(|o| o.status.success()).unwrap_or(false))
}

/// One generated up script and where each step's statements are in it (0-based lines).
struct Script {
    case: String,
    steps: Vec<Step>,
    /// (first line, last line, step index).
    lines: Vec<(usize, usize, usize)>,
    before: schemashift::model::Schema,
    after: schemashift::model::Schema,
}

fn script_for(id: &str, m: &schemashift::Migration) -> Script {
    let text = m.up_sql();
    let mut lines = Vec::new();
    let mut from = 0;
    for (i, step) in m.up.iter().enumerate() {
        for s in &step.statements {
            let s = s.trim_end().trim_end_matches(';');
            let Some(off) = text[from..].find(s) else {
                panic!("{id}: statement of step {i} not found in the up script: {s}");
            };
            let start = from + off;
            let first = text[..start].matches('\n').count();
            lines.push((first, first + s.matches('\n').count(), i));
            from = start + s.len();
        }
    }
    Script { case: id.to_string(), steps: m.up.clone(), lines, before: (*m.before).clone(), after: (*m.after).clone() }
}

#[derive(Default)]
struct Tally {
    findings: usize,
    matched: usize,
    accepted: BTreeMap<String, usize>,
    unmatched: Vec<String>,
    by_rule: BTreeMap<String, (usize, usize, usize)>,
}

impl Tally {
    fn judge(&mut self, script: &Script, rule: &str, line: usize, message: &str) {
        self.findings += 1;
        let entry = self.by_rule.entry(rule.to_string()).or_default();
        let step = script.lines.iter().find(|(a, b, _)| *a <= line && line <= *b).map(|x| x.2);
        let ours: Vec<&str> = step.map(|i| script.steps[i].risks.iter().map(|r| r.rule.as_str()).collect()).unwrap_or_default();
        if squawk::covered(rule, &ours) {
            self.matched += 1;
            entry.0 += 1;
            return;
        }
        let reason = if squawk::accepted(rule) {
            Some(rule)
        } else {
            step.and_then(|i| squawk::accepted_in_context(rule, &script.steps, i, &script.before, &script.after))
        };
        match reason {
            Some(r) => {
                *self.accepted.entry(r.to_string()).or_default() += 1;
                entry.1 += 1;
            }
            None => {
                entry.2 += 1;
                let stmt = step.map(|i| script.steps[i].sql()).unwrap_or_else(|| format!("(line {})", line + 1));
                self.unmatched.push(format!(
                    "{}: squawk {rule} ({message}) on `{}`; our notes: {ours:?}",
                    script.case,
                    schemashift_e2e::shorten(stmt.trim(), 160)
                ));
            }
        }
    }
}

fn run_squawk(squawk_bin: &Path, target: &schemashift::Target, files: &[PathBuf]) -> Vec<serde_json::Value> {
    let out = Command::new(squawk_bin)
        .arg("--reporter")
        .arg("json")
        .arg(format!("--pg-version={}.{}", target.version.0, target.version.1))
        .args(files)
        .output()
        .unwrap_or_else(|e| panic!("cannot run {}: {e}", squawk_bin.display()));
    let stdout = String::from_utf8_lossy(&out.stdout);
    match serde_json::from_str::<serde_json::Value>(stdout.trim()) {
        Ok(serde_json::Value::Array(v)) => v,
        _ => panic!(
            "squawk gave no JSON list (exit {:?}):\n{}\n{}",
            out.status.code(),
            schemashift_e2e::shorten(&stdout, 2000),
            schemashift_e2e::shorten(&String::from_utf8_lossy(&out.stderr), 2000)
        ),
    }
}

#[test]
fn squawk_findings_are_matched_by_our_risk_notes() {
    cross_check(false);
}

/// Zero-downtime mode: squawk must report nothing that our notes do not also flag.
#[test]
fn squawk_findings_on_zero_downtime_plans_are_matched_by_our_risk_notes() {
    cross_check(true);
}

fn cross_check(zero_downtime: bool) {
    let mode = if zero_downtime { "zero-downtime" } else { "plain" };
    let Some(squawk_bin) = find_squawk() else {
        if std::env::var_os("SCHEMASHIFT_REQUIRE_SQUAWK").is_some() {
            panic!("squawk is not installed but SCHEMASHIFT_REQUIRE_SQUAWK is set: run .ci/setup.sh (it installs squawk-cli into target/squawk-venv)");
        }
        eprintln!("SKIPPED: squawk is not installed (run .ci/setup.sh, or pip install squawk-cli); set SCHEMASHIFT_REQUIRE_SQUAWK=1 to make this a failure");
        return;
    };
    let started = std::time::Instant::now();
    let corpus = cases::corpus(Dialect::Postgres).unwrap_or_else(|e| panic!("{e}"));
    let mut options = Options::new(Dialect::Postgres);
    options.zero_downtime = zero_downtime;
    let dir = tempfile::tempdir().expect("temp dir");
    let mut scripts: Vec<Script> = Vec::new();
    let mut files = Vec::new();
    for case in &corpus {
        let m = schemashift::generate(&case.before, &case.after, &options);
        if m.up.is_empty() {
            continue;
        }
        let path = dir.path().join(format!("{}.sql", scripts.len()));
        std::fs::write(&path, m.up_sql()).expect("write script");
        files.push(path);
        scripts.push(script_for(&case.id, &m));
    }
    let mut tally = Tally::default();
    for batch in files.chunks(BATCH) {
        for f in run_squawk(&squawk_bin, &options.target, batch) {
            let file = f["file"].as_str().unwrap_or_default();
            let index: usize = Path::new(file)
                .file_stem()
                .and_then(|s| s.to_str())
                .and_then(|s| s.parse().ok())
                .unwrap_or_else(|| panic!("squawk finding on an unknown file: {f}"));
            let script = &scripts[index];
            let rule = f["rule_name"].as_str().unwrap_or("?");
            let line = f["line"].as_u64().unwrap_or(0) as usize;
            tally.judge(script, rule, line, f["message"].as_str().unwrap_or(""));
        }
    }
    let accepted: usize = tally.accepted.values().sum();
    eprintln!(
        "squawk cross-check ({mode}): {} cases linted in {:.1} s: {} findings, {} matched by our notes, {} accepted disagreements, {} unmatched",
        scripts.len(),
        started.elapsed().as_secs_f64(),
        tally.findings,
        tally.matched,
        accepted,
        tally.unmatched.len()
    );
    eprintln!("by squawk rule (matched / accepted / unmatched):");
    for (rule, (m, a, u)) in &tally.by_rule {
        eprintln!("  {rule:45} {m:5} {a:5} {u:5}");
    }
    for (why, n) in &tally.accepted {
        eprintln!("accepted {n:5}: {}", schemashift_e2e::shorten(why, 100));
    }
    assert!(tally.findings > 0, "squawk found nothing at all in {} scripts: is it working?", scripts.len());
    assert!(
        tally.unmatched.is_empty(),
        "{mode}: {} squawk findings are not matched by our risk notes (add the rule mapping in core/src/risk/squawk.rs, fix the rule, or accept the disagreement with a reason):\n{}",
        tally.unmatched.len(),
        tally.unmatched.join("\n")
    );
}

//! A time-bounded mutation fuzzer over the peer corpus (../shared/corpus/*.jsonl, read by path;
//! the built-in seeds when it is absent). Each case takes one corpus case (its BEFORE and AFTER),
//! mutates one or both sides at the SQL-token level (delete, duplicate, splice from another case,
//! insert a keyword, swap, truncate, insert odd characters: non-ASCII letters, combining marks,
//! RTL marks, emoji, NUL, U+FFFD, CR, tabs, BOM, very long identifiers) and picks options at
//! random (target version, zero-downtime, preserve-data, renames, table sizes). Properties:
//!
//! - no panic and no hang (each case runs on its own thread with a time limit);
//! - deterministic: the same input twice gives the same JSON, up, down and package bytes;
//! - every diagnostic is anchored inside its input;
//! - safety: an error diagnostic means the result is blocked (`Migration::is_blocked()`).
//!
//! Knobs (environment): SCHEMASHIFT_FUZZ_SECS (total time, default 60), SCHEMASHIFT_FUZZ_SEED
//! (default fixed), SCHEMASHIFT_FUZZ_CASE (run only that case number, print its inputs),
//! SCHEMASHIFT_FUZZ_CASE_SECS (the time limit of one case, default 30). Case `n` of a seed is
//! always the same input, so a finding is replayed by its number. Findings are written to
//! target/fuzz-found/ and fail the test after the summary (cases, cases/second, findings).

mod fuzz_support;

use fuzz_support::mutation::{is_word, long_ident, mutate, names, tokens, Mutation, MUTATIONS};
use fuzz_support::rng::Rng;
use fuzz_support::{assert_anchored, corpus_cases, DIALECTS, SEEDS};
use schemashift::package::{build, Format, PackageOptions};
use schemashift::{contract, generate, Dialect, Options, Side};
use std::collections::BTreeMap;
use std::sync::mpsc;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// The safety property (error ⇒ blocked); `generate` fills `Migration.blocked` (blocked.rs).
const ASSERT_BLOCKED: bool = true;

// ---- options -----------------------------------------------------------------------------------

fn target_versions(d: Dialect) -> &'static [&'static str] {
    match d {
        Dialect::Postgres => &["10", "12", "13", "14", "15", "16", "17", "18"],
        Dialect::Mysql => &["mysql-5.7", "mysql-8.0", "mysql-8.4", "mariadb-10.5", "mariadb-10.11", "mariadb-11.4"],
        Dialect::Sqlite => &["3.25", "3.35", "3.45"],
    }
}

/// Random options, with rename and table-size names taken from the inputs' words (some of
/// them malformed).
fn options(rng: &mut Rng, d: Dialect, words: &[String]) -> Options {
    let mut o = Options::new(d);
    // Target versions as the CLI and the playground give them: valid ones, and a few that are
    // not (an options error: the result must be blocked).
    if rng.chance(70) {
        let bad = ["banana", "99", "15.x", "é", "-1", "mariadb-", "3"];
        let text = if rng.chance(10) { *rng.pick(&bad) } else { *rng.pick(target_versions(d)) };
        o.set_target_version(text);
    }
    o.zero_downtime = rng.chance(35);
    o.preserve_data = rng.chance(35);
    let word = |rng: &mut Rng| if words.is_empty() { "t".to_string() } else { rng.pick(words).clone() };
    for _ in 0..rng.below(3).saturating_sub(1) {
        let (a, b) = (word(rng), word(rng));
        let r = match rng.below(8) {
            0 => format!("{a}="),
            1 => format!("={b}"),
            2 => format!("{a}.{b}.{a}={b}"),
            3 => format!("{a}é={b}😀"),
            4 => format!("{a}.{b}={a}.{b}x"),
            _ => format!("{a}={b}"),
        };
        o.renames.push(r);
    }
    // Table sizes as text, one `table rows` line each, some of them bad (`users lots`).
    if rng.chance(40) {
        let mut text = String::new();
        for _ in 0..1 + rng.below(3) {
            let rows = *rng.pick(&["0", "1", "10000", "10000000", "18446744073709551615", "lots", "-5", "1e9", ""]);
            text.push_str(&format!("{}{}{rows}\n", word(rng), rng.pick(&[" ", "\t", ",", " | "])));
        }
        o.set_table_sizes(&text);
    }
    o
}

// ---- one case ----------------------------------------------------------------------------------

struct Case {
    id: String,
    dialect: Dialect,
    before: String,
    after: String,
    options: Options,
    mutations: Vec<Mutation>,
    package: Option<Format>,
}

fn make_case(seed: u64, n: u64) -> Case {
    let mut rng = Rng::for_case(seed, n);
    let corpus = corpus_cases();
    // The dialect first (the corpus has far more PostgreSQL cases), then one of its cases.
    let dialect = *rng.pick(&DIALECTS);
    let of_dialect: Vec<_> = corpus.iter().filter(|c| c.dialect == dialect).collect();
    let (id, before, after) = if of_dialect.is_empty() || rng.chance(2) {
        let s = SEEDS.iter().find(|(d, _)| *d == dialect).map_or("", |(_, s)| *s);
        ("seed".to_string(), String::new(), s.to_string())
    } else {
        let c = rng.pick(&of_dialect);
        (c.id.clone(), c.before.clone(), c.after.clone())
    };
    let donor_text = if of_dialect.is_empty() {
        SEEDS.iter().find(|(d, _)| *d == dialect).map_or("", |(_, s)| *s).to_string()
    } else {
        let c = rng.pick(&of_dialect);
        if rng.chance(50) {
            c.before.clone()
        } else {
            c.after.clone()
        }
    };
    let donor = tokens(&donor_text);
    let mut sides = [tokens(&before), tokens(&after)];
    let which = rng.below(4); // 0 before, 1 after, 2 both, 3 neither
    let mut mutations = Vec::new();
    for (side, toks) in sides.iter_mut().enumerate() {
        if which != 2 && which != side {
            continue;
        }
        for _ in 0..1 + rng.below(4) {
            let m = *rng.pick(MUTATIONS);
            mutate(&mut rng, m, toks, &donor);
            mutations.push(m);
        }
    }
    // Half the cases also rename one word everywhere on both sides to a non-ASCII or very long
    // one: the inputs stay valid, so the non-ASCII name reaches diff, plan, render and package.
    if rng.chance(50) {
        let words = names(&sides);
        if !words.is_empty() {
            let from = rng.pick(&words).to_string();
            let to = if rng.chance(20) {
                long_ident(&mut rng)
            } else {
                let odd = *rng.pick(&["é", "ß", "İ", "表", "😀", "e\u{301}", "\u{200F}", "ﬃ", "Σ", "ж"]);
                if rng.chance(50) {
                    format!("{from}{odd}")
                } else {
                    format!("{odd}{from}")
                }
            };
            for t in sides.iter_mut().flatten() {
                if *t == from {
                    t.clone_from(&to);
                }
            }
            mutations.push(Mutation::RenameEverywhere);
        }
    }
    let [before, after] = sides.map(|t| t.concat());
    let words: Vec<String> = tokens(&before).into_iter().chain(tokens(&after)).filter(|t| is_word(t)).collect();
    let options = options(&mut rng, dialect, &words);
    let package = rng.chance(25).then(|| *rng.pick(&Format::ALL));
    Case { id, dialect, before, after, options, mutations, package }
}

/// Everything a run produces, compared byte for byte between two runs.
#[derive(PartialEq)]
struct Output {
    json: String,
    up: String,
    down: String,
    package: Option<Result<BTreeMap<String, Vec<u8>>, String>>,
}

enum Verdict {
    Ok { errors: bool, input_errors: bool, blocked: bool },
    Failed(String),
}

fn run_case(case: &Case) -> Verdict {
    let once = || {
        let m = generate(&case.before, &case.after, &case.options);
        let package = case.package.map(|f| build(&m, &PackageOptions::new(f, "20240101000000")).map(|p| p.files));
        let out = Output { json: contract::to_json(&m), up: m.up_sql(), down: m.down_sql(), package };
        (m, out)
    };
    let (m, first) = once();
    for sd in &m.diagnostics {
        let text = match sd.side {
            Side::Before => &case.before,
            Side::After => &case.after,
            Side::Options => continue,
        };
        assert_anchored(text, std::slice::from_ref(&sd.diagnostic));
    }
    if let Some(Ok(files)) = &first.package {
        for (path, bytes) in files {
            if !path.ends_with(".zip") && std::str::from_utf8(bytes).is_err() {
                return Verdict::Failed(format!("package file {path} is not UTF-8"));
            }
        }
    }
    let (_, second) = once();
    if first != second {
        return Verdict::Failed("not deterministic: two runs of the same input differ".into());
    }
    let errors = m.has_errors();
    let blocked = m.is_blocked();
    if ASSERT_BLOCKED && errors && !blocked {
        return Verdict::Failed("an input has an error diagnostic but the result is not blocked".into());
    }
    let input_errors = m.diagnostics.iter().any(|d| d.diagnostic.is_error() && d.side != Side::Options);
    Verdict::Ok { errors, input_errors, blocked }
}

// ---- the driver --------------------------------------------------------------------------------

fn env_u64(name: &str) -> Option<u64> {
    std::env::var(name).ok().and_then(|v| v.trim().parse().ok())
}

/// The message and location of the last panic on each fuzz thread.
static PANICS: Mutex<Vec<(String, String)>> = Mutex::new(Vec::new());

fn thread_name(n: u64) -> String {
    format!("fuzz-case-{n}")
}

fn save(case: &Case, n: u64, what: &str) -> String {
    let dir = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target/fuzz-found");
    let _ = std::fs::create_dir_all(&dir);
    let base = dir.join(format!("case-{n}"));
    let _ = std::fs::write(base.with_extension("before.sql"), &case.before);
    let _ = std::fs::write(base.with_extension("after.sql"), &case.after);
    let o = &case.options;
    let info = format!(
        "{what}\ncorpus case: {}\ndialect: {}\ntarget: {:?}\nzero_downtime: {}\npreserve_data: {}\nrenames: {:?}\ntable_sizes: {:?}\noption problems: {:?}\npackage: {:?}\nmutations: {:?}\n",
        case.id, case.dialect, o.target, o.zero_downtime, o.preserve_data, o.renames, o.table_sizes, o.problems, case.package, case.mutations
    );
    let _ = std::fs::write(base.with_extension("txt"), info);
    base.display().to_string()
}

#[test]
fn mutated_corpus_never_panics_hangs_or_differs() {
    let seed = env_u64("SCHEMASHIFT_FUZZ_SEED").unwrap_or(0x5c4e_3a51_f022_0011);
    let budget = Duration::from_secs(env_u64("SCHEMASHIFT_FUZZ_SECS").unwrap_or(60));
    let limit = Duration::from_secs(env_u64("SCHEMASHIFT_FUZZ_CASE_SECS").unwrap_or(30));
    let only = env_u64("SCHEMASHIFT_FUZZ_CASE");

    let default_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|info| {
        let on_fuzz_thread = std::thread::current().name().is_some_and(|n| n.starts_with("fuzz-case-"));
        let msg = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_default();
        let at = info.location().map(|l| format!("{}:{}", l.file(), l.line())).unwrap_or_default();
        if on_fuzz_thread {
            PANICS.lock().unwrap_or_else(|e| e.into_inner()).push((at, msg));
        } else {
            eprintln!("panic at {at}: {msg}");
        }
    }));

    let started = Instant::now();
    let mut stats: BTreeMap<&str, u64> = BTreeMap::new();
    let mut per_dialect: BTreeMap<String, u64> = BTreeMap::new();
    let mut findings: Vec<String> = Vec::new();
    let mut slowest = (Duration::ZERO, 0u64);
    let mut n = only.unwrap_or(0);
    loop {
        if only.is_none() && started.elapsed() >= budget {
            break;
        }
        let case = std::sync::Arc::new(make_case(seed, n));
        if only.is_some() {
            println!(
                "case {n} ({}, {}): mutations {:?}\n--- before\n{}\n--- after\n{}\n--- options {:?}",
                case.id, case.dialect, case.mutations, case.before, case.after, case.options
            );
        }
        let (tx, rx) = mpsc::channel();
        let worker = std::sync::Arc::clone(&case);
        let t0 = Instant::now();
        let spawned = std::thread::Builder::new().name(thread_name(n)).stack_size(8 << 20).spawn(move || {
            let _ = tx.send(run_case(&worker));
        });
        let Ok(handle) = spawned else { panic!("cannot spawn a fuzz thread") };
        let verdict = match rx.recv_timeout(limit) {
            Ok(v) => Some(v),
            Err(mpsc::RecvTimeoutError::Disconnected) => {
                let _ = handle.join();
                let (at, msg) = PANICS.lock().unwrap_or_else(|e| e.into_inner()).pop().unwrap_or_default();
                Some(Verdict::Failed(format!("panic at {at}: {msg}")))
            }
            Err(mpsc::RecvTimeoutError::Timeout) => None,
        };
        let took = t0.elapsed();
        if took > slowest.0 {
            slowest = (took, n);
        }
        *stats.entry("cases").or_default() += 1;
        *per_dialect.entry(case.dialect.to_string()).or_default() += 1;
        match verdict {
            Some(Verdict::Ok { errors, input_errors, blocked }) => {
                *stats.entry("with an error diagnostic").or_default() += errors as u64;
                *stats.entry("with an input error").or_default() += input_errors as u64;
                *stats.entry("blocked").or_default() += blocked as u64;
                *stats.entry("error but not blocked").or_default() += (errors && !blocked) as u64;
            }
            Some(Verdict::Failed(why)) => {
                let path = save(&case, n, &why);
                findings.push(format!("case {n} ({}, {}): {why}\n    inputs: {path}.*", case.id, case.dialect));
            }
            None => {
                let path = save(&case, n, "hang");
                findings.push(format!("case {n} ({}, {}): no result after {limit:?} (hang)\n    inputs: {path}.*", case.id, case.dialect));
                break; // the thread cannot be stopped: report what we have
            }
        }
        if only.is_some() || findings.len() >= 20 {
            break;
        }
        n += 1;
    }
    std::panic::set_hook(default_hook);

    let secs = started.elapsed().as_secs_f64();
    let cases = stats.get("cases").copied().unwrap_or(0);
    println!(
        "fuzz_mutate: {cases} cases in {secs:.1} s ({:.1} cases/s), seed {seed:#x}, corpus cases {}, per dialect {per_dialect:?}",
        cases as f64 / secs.max(1e-9),
        corpus_cases().len()
    );
    println!("fuzz_mutate: {stats:?}; slowest case {} took {:.2} s", slowest.1, slowest.0.as_secs_f64());
    println!("fuzz_mutate: {} finding(s)", findings.len());
    for f in &findings {
        println!("  {f}");
    }
    assert!(
        findings.is_empty(),
        "fuzz_mutate found {} problem(s): {findings:#?}\nreplay one with SCHEMASHIFT_FUZZ_SEED={seed} SCHEMASHIFT_FUZZ_CASE=<n>",
        findings.len()
    );
}

#[test]
fn tokens_give_the_text_back() {
    for text in ["", "CREATE TABLE \"é\" (a int); -- c\n/* x */ 'it''s'", "a\u{301}😀`q", "'unterminated", "/* open"] {
        assert_eq!(tokens(text).concat(), text);
    }
}

//! Running the cases of one test binary against one engine start, with `libtest-mimic`.
//!
//! The engine starts lazily with the first case that needs it (so `--list` and filters that
//! match nothing start no server), is shared by every case, and stops when the run ends.
//! Cases go through the known-failures list; at the end the run prints, per case group,
//! applicable cases, how many converge up and down and keep their data, the top failure causes,
//! the slowest cases and the time taken, and closes with `<engine>: N passed, N failed, N skipped`.

use crate::engine::{first_line, Engine};
use crate::known;
use crate::roundtrip::{self, Case, Data, Generator, Stage, Verdict};
use libtest_mimic::{Arguments, Completion, Failed, Trial};
use schemashift::Dialect;
use std::collections::BTreeMap;
use std::process::ExitCode;
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};

type Starter = dyn Fn() -> Result<Arc<dyn Engine>, String> + Send + Sync;

/// The engine of a run, started on first use.
#[derive(Clone)]
pub struct EngineCell {
    cell: Arc<OnceLock<Result<Arc<dyn Engine>, String>>>,
    start: Arc<Starter>,
    started_in: Arc<Mutex<Option<Duration>>>,
}

impl EngineCell {
    pub fn new(start: impl Fn() -> Result<Arc<dyn Engine>, String> + Send + Sync + 'static) -> Self {
        EngineCell { cell: Arc::new(OnceLock::new()), start: Arc::new(start), started_in: Arc::new(Mutex::new(None)) }
    }

    pub fn get(&self) -> Result<Arc<dyn Engine>, String> {
        self.cell
            .get_or_init(|| {
                let t = Instant::now();
                let r = (self.start)();
                if let Ok(mut s) = self.started_in.lock() {
                    *s = Some(t.elapsed());
                }
                r
            })
            .clone()
    }
}

#[derive(Default)]
struct Group {
    cases: usize,
    inapplicable: usize,
    up_ok: usize,
    down_ok: usize,
    data_kept: usize,
    failing: usize,
}

#[derive(Default)]
struct Stats {
    groups: BTreeMap<String, Group>,
    stages: BTreeMap<Stage, usize>,
    not_checked: BTreeMap<String, usize>,
    seed_skipped: BTreeMap<String, usize>,
    causes: BTreeMap<String, usize>,
    failures: BTreeMap<String, String>,
    ran: Vec<String>,
    times: Vec<(Duration, String)>,
}

pub struct Suite {
    pub dialect: Dialect,
    pub engine: EngineCell,
    trials: Vec<Trial>,
    stats: Arc<Mutex<Stats>>,
    known: Arc<BTreeMap<String, String>>,
    list: known::List,
    update: bool,
}

impl Suite {
    pub fn new(dialect: Dialect, engine: EngineCell) -> Suite {
        Suite::with_list(known::List::of(dialect), engine)
    }

    /// A suite kept true by another known-failures list (another mode of the same dialect).
    pub fn with_list(list: known::List, engine: EngineCell) -> Suite {
        Suite {
            dialect: list.dialect,
            engine,
            trials: Vec::new(),
            stats: Arc::new(Mutex::new(Stats::default())),
            known: Arc::new(list.load()),
            list,
            update: known::update_mode(),
        }
    }

    /// A round-trip case through `generator`.
    pub fn add_case(&mut self, case: Case, generator: Arc<Generator>) {
        let engine = self.engine.clone();
        let id = case.id.clone();
        self.add_verdict(&id, move || match engine.get() {
            Ok(e) => roundtrip::run(e.as_ref(), &case, generator.as_ref()),
            Err(e) => Verdict::Fail { stage: Stage::Harness, message: format!("engine did not start: {e}") },
        });
    }

    /// A case judged by any function, under the known-failures rules.
    pub fn add_verdict(&mut self, id: &str, f: impl FnOnce() -> Verdict + Send + 'static) {
        let stats = self.stats.clone();
        let known = self.known.clone();
        let update = self.update;
        // SCHEMASHIFT_STRICT=1: report listed failures as failures, with their messages.
        let strict = std::env::var("SCHEMASHIFT_STRICT").is_ok_and(|v| v == "1");
        let list = self.list.path().display().to_string();
        let name = id.to_string();
        self.trials.push(Trial::ignorable_test(id.to_string(), move || {
            let t = Instant::now();
            let verdict = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f))
                .unwrap_or_else(|p| Verdict::Fail { stage: Stage::Harness, message: format!("panic: {}", roundtrip::panic_text(&p)) });
            record(&stats, &name, &verdict, t.elapsed());
            let listed = known.get(&name);
            match verdict {
                // Hand-written cases are ours: they must apply.
                Verdict::Inapplicable(reason) if name.starts_with("hand/") => {
                    Err(Failed::from(format!("a hand-written case must apply to the engine: {reason}")))
                }
                Verdict::Inapplicable(reason) => Ok(Completion::ignored_with(format!("inapplicable: {reason}"))),
                Verdict::Pass { .. } if listed.is_some() && !update => {
                    Err(Failed::from(format!("passes now, but {list} lists it as failing: delete its line")))
                }
                Verdict::Pass { .. } => Ok(Completion::Completed),
                // A harness error (engine down, catalog query failing) is never a known failure.
                Verdict::Fail { stage, .. } if stage != Stage::Harness && ((listed.is_some() && !strict) || update) => {
                    Ok(Completion::ignored_with(format!("known failure: {}", stage.label())))
                }
                Verdict::Fail { stage, message } => Err(Failed::from(format!(
                    "{}: {message}\n(not in {list}; fix it, or run with {}=1 to list it)",
                    stage.label(),
                    known::UPDATE_ENV
                ))),
            }
        }));
    }

    /// A plain test (harness self-checks): must pass, never listed.
    pub fn add_test(&mut self, id: &str, f: impl FnOnce() -> Result<(), String> + Send + 'static) {
        self.trials.push(Trial::test(id.to_string(), move || f().map_err(Failed::from)));
    }

    /// Run everything, print the report, stop the engine.
    pub fn run(self) -> ExitCode {
        let args = Arguments::from_args();
        let t = Instant::now();
        let conclusion = libtest_mimic::run(&args, self.trials);
        let elapsed = t.elapsed();
        let label = match self.engine.cell.get() {
            Some(Ok(e)) => e.label(),
            _ => self.dialect.name().to_string(),
        };
        let started_in = self.engine.started_in.lock().ok().and_then(|s| *s);
        let stats = self.stats.lock().map(|mut s| std::mem::take(&mut *s)).unwrap_or_default();
        if !args.list {
            report(&label, &stats, elapsed, started_in);
        }
        if self.update && !args.list && conclusion.num_failed == 0 {
            match known::update_list(&self.list, &stats.ran, &stats.failures) {
                Ok(n) => println!("wrote {} ({n} known failures)", self.list.path().display()),
                Err(e) => println!("could not update the known-failures list: {e}"),
            }
        } else if self.update && conclusion.num_failed > 0 {
            println!("not updating the known-failures list: the run had failures that cannot be listed");
        }
        // Stop the server before the closing line.
        drop(self.engine);
        if !args.list {
            println!(
                "{}: {} passed, {} failed, {} skipped",
                self.list.test, conclusion.num_passed, conclusion.num_failed, conclusion.num_ignored
            );
        }
        conclusion.exit_code()
    }
}

fn group_of(id: &str) -> String {
    id.split('/').next().unwrap_or(id).to_string()
}

/// A failure message with names and numbers blanked, to group failures by cause.
fn cause(stage: Stage, message: &str) -> String {
    let line = first_line(message);
    let line = match stage {
        Stage::UpDiffers | Stage::DownDiffers => {
            message.lines().nth(1).map(str::trim).unwrap_or(&line).split(':').next().unwrap_or("").to_string()
        }
        _ => line,
    };
    let mut out = String::new();
    let mut quote: Option<char> = None;
    for c in line.chars() {
        match quote {
            Some(q) if c == q => {
                quote = None;
                out.push(c);
            }
            Some(_) => {}
            None if c == '"' || c == '`' || (c == '\'' && !out.ends_with(|p: char| p.is_alphanumeric())) => {
                quote = Some(c);
                out.push(c);
                out.push('…');
            }
            None if c.is_ascii_digit() => {
                if !out.ends_with('#') {
                    out.push('#');
                }
            }
            None => out.push(c),
        }
    }
    let words: Vec<&str> = out.split_whitespace().collect();
    let short = if matches!(stage, Stage::UpDiffers | Stage::DownDiffers) { 2 } else { 12 };
    format!("{}: {}", stage.label(), words.iter().take(short).cloned().collect::<Vec<_>>().join(" "))
}

fn record(stats: &Mutex<Stats>, id: &str, verdict: &Verdict, took: Duration) {
    let Ok(mut s) = stats.lock() else { return };
    s.ran.push(id.to_string());
    s.times.push((took, id.to_string()));
    let g = s.groups.entry(group_of(id)).or_default();
    g.cases += 1;
    match verdict {
        Verdict::Inapplicable(_) => g.inapplicable += 1,
        Verdict::Pass { data, seed_skipped } => {
            g.up_ok += 1;
            g.down_ok += 1;
            if matches!(data, Data::Kept(_)) {
                g.data_kept += 1;
            }
            if let Data::NotChecked(reason) = data {
                if !id.starts_with("dump/") {
                    let key = reason.split(':').next().unwrap_or("").to_string();
                    *s.not_checked.entry(key).or_default() += 1;
                }
            }
            for why in seed_skipped {
                *s.seed_skipped.entry(cause(Stage::Harness, why).replace("harness error: ", "")).or_default() += 1;
            }
        }
        Verdict::Fail { stage, message } => {
            g.failing += 1;
            if matches!(stage, Stage::DataUp | Stage::ApplyDown | Stage::DownDiffers | Stage::DataDown) {
                g.up_ok += 1;
            }
            if *stage == Stage::DataDown {
                g.down_ok += 1;
            }
            *s.stages.entry(*stage).or_default() += 1;
            *s.causes.entry(cause(*stage, message)).or_default() += 1;
            if *stage != Stage::Harness {
                // For a catalog difference, the first differing object says more than the header.
                let what = match stage {
                    Stage::UpDiffers | Stage::DownDiffers => message.lines().nth(1).map(str::trim).unwrap_or("").to_string(),
                    _ => first_line(message),
                };
                s.failures.insert(id.to_string(), format!("{}: {what}", stage.label()));
            }
        }
    }
}

fn report(label: &str, s: &Stats, elapsed: Duration, started_in: Option<Duration>) {
    println!(
        "\n== {label}: {} cases in {:.1} s (engine start {:.1} s) ==",
        s.ran.len(),
        elapsed.as_secs_f64(),
        started_in.unwrap_or_default().as_secs_f64()
    );
    println!(
        "{:<14} {:>6} {:>12} {:>10} {:>7} {:>8} {:>10} {:>8}",
        "group", "cases", "inapplicable", "applicable", "up ok", "down ok", "data kept", "failing"
    );
    for (name, g) in &s.groups {
        // Dump checks have no up/down: only their pass/fail counts mean something.
        let (up, down, data) = if name == "dump" {
            ("-".to_string(), "-".to_string(), "-".to_string())
        } else {
            (g.up_ok.to_string(), g.down_ok.to_string(), g.data_kept.to_string())
        };
        println!(
            "{:<14} {:>6} {:>12} {:>10} {:>7} {:>8} {:>10} {:>8}",
            name,
            g.cases,
            g.inapplicable,
            g.cases - g.inapplicable,
            up,
            down,
            data,
            g.failing
        );
    }
    if !s.not_checked.is_empty() {
        let list: Vec<String> = s.not_checked.iter().map(|(k, n)| format!("{n} {k}")).collect();
        println!("passing cases whose rows could not be checked: {}", list.join(", "));
    }
    if !s.seed_skipped.is_empty() {
        let total: usize = s.seed_skipped.values().sum();
        let mut list: Vec<(&String, &usize)> = s.seed_skipped.iter().collect();
        list.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
        println!("tables that took no seeded row (left out of the data check): {total}");
        for (why, n) in list.iter().take(8) {
            println!("  {n:>5}  {}", crate::shorten(why, 140));
        }
    }
    if !s.stages.is_empty() {
        println!("failures by stage:");
        for (stage, n) in &s.stages {
            println!("  {n:>5}  {}", stage.label());
        }
        let mut causes: Vec<(&String, &usize)> = s.causes.iter().collect();
        causes.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
        println!("top failure causes:");
        for (c, n) in causes.iter().take(15) {
            println!("  {n:>5}  {}", crate::shorten(c, 140));
        }
    }
    let mut times = s.times.clone();
    times.sort_by_key(|t| std::cmp::Reverse(t.0));
    let slow: Vec<String> = times.iter().take(5).map(|(d, id)| format!("{id} {:.2}s", d.as_secs_f64())).collect();
    if !slow.is_empty() {
        println!("slowest: {}", slow.join(", "));
    }
}

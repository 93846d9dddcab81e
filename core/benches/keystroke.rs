//! The playground's keystroke path, natively: a `Session` holding a 1,000-table `pg_dump` pair
//! (the shape of `tests/browser/bench/dump.mjs`, with a comment per table), then one character
//! typed in AFTER inside a column name, a default and a comment, a column name of the first
//! table (every statement after it re-folds), and the name of the column added to the first table
//! (where the browser bench types); each keystroke regenerates with
//! `Session::update` and makes what the page shows (the v1 result: Up/Down SQL, steps, risks,
//! and its JSON). Prints the time of each stage (`schemashift::stages` marks), the median of the
//! keystrokes, and the paste (a fresh `Session` given both texts). Times are the thread's CPU
//! time (a shared machine's other processes do not count).
//! Run: `cargo bench -p schemashift-core --bench keystroke` (`KEYSTROKE_TABLES=1000`,
//! `KEYSTROKE_KEYS=12`, `KEYSTROKE_ONLY="added column"` to type at one place only). Figures, not assertions.

use schemashift::contract::ResultV1;
use schemashift::{stages, Dialect, Migration, Options, Session};
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::hint::black_box;
use std::rc::Rc;
use std::time::{Duration, Instant};

/// `n` tables as pg_dump writes them; `variant` adds a column to every tenth table.
fn dump(n: usize, variant: bool) -> String {
    let mut s = String::with_capacity(n * 1000);
    for t in 0..n {
        let extra = if variant && t % 10 == 0 { ",\n    added character varying(40)" } else { "" };
        s.push_str(&format!(
            "CREATE TABLE public.t{t} (\n    id integer NOT NULL,\n    code character varying(20) NOT NULL,\n    name text,\n    \
             qty integer,\n    price numeric(12,2) DEFAULT 0 NOT NULL,\n    created_at timestamp with time zone DEFAULT now() NOT NULL,\n    \
             updated_at timestamp with time zone,\n    parent_id integer{extra},\n    CONSTRAINT t{t}_qty_check CHECK ((qty >= 0))\n);\n\n\
             ALTER TABLE public.t{t} OWNER TO app;\n\n\
             COMMENT ON TABLE public.t{t} IS 'table number {t}';\n\n\
             CREATE SEQUENCE public.t{t}_id_seq\n    AS integer\n    START WITH 1\n    INCREMENT BY 1\n    NO MINVALUE\n    NO MAXVALUE\n    CACHE 1;\n\n\
             ALTER SEQUENCE public.t{t}_id_seq OWNED BY public.t{t}.id;\n\n"
        ));
    }
    for t in 0..n {
        s.push_str(&format!("ALTER TABLE ONLY public.t{t} ALTER COLUMN id SET DEFAULT nextval('public.t{t}_id_seq'::regclass);\n\n"));
    }
    for t in 0..n {
        s.push_str(&format!("ALTER TABLE ONLY public.t{t}\n    ADD CONSTRAINT t{t}_pkey PRIMARY KEY (id);\n\n"));
        s.push_str(&format!("ALTER TABLE ONLY public.t{t}\n    ADD CONSTRAINT t{t}_code_key UNIQUE (code);\n\n"));
    }
    for t in 0..n {
        s.push_str(&format!("CREATE INDEX t{t}_qty_idx ON public.t{t} USING btree (qty);\n\n"));
    }
    for t in 1..n {
        s.push_str(&format!(
            "ALTER TABLE ONLY public.t{t}\n    ADD CONSTRAINT t{t}_parent_id_fkey FOREIGN KEY (parent_id) REFERENCES public.t{}(id);\n\n",
            t - 1
        ));
    }
    s
}

/// Stage name → total time, in the order first seen.
type Stages = Rc<RefCell<Vec<(&'static str, Duration)>>>;

/// CPU time of this thread (Linux: `/proc/thread-self/schedstat`), so that other processes on a
/// shared machine do not count; wall time elsewhere.
fn cpu_now() -> Duration {
    static START: std::sync::OnceLock<Instant> = std::sync::OnceLock::new();
    let wall = || START.get_or_init(Instant::now).elapsed();
    let cpu = std::fs::read_to_string("/proc/thread-self/schedstat").ok().and_then(|s| s.split_whitespace().next()?.parse().ok());
    cpu.map_or_else(wall, Duration::from_nanos)
}

fn hook(stages: &Stages) {
    let (stages, last) = (Rc::clone(stages), RefCell::new(cpu_now()));
    stages::set_hook(Some(Box::new(move |name| {
        let now = cpu_now();
        let spent = now - last.replace(now);
        let mut s = stages.borrow_mut();
        match s.iter_mut().find(|(n, _)| *n == name) {
            Some(e) => e.1 += spent,
            None => s.push((name, spent)),
        }
    })));
}

/// One regeneration as the worker makes it: update, then what the page shows and its JSON. The
/// migration is returned, to be kept (and freed by the next call, after the answer, as the
/// worker does).
fn regenerate(session: &mut Session, before: &str, after: &str, opts: &Options) -> (usize, Migration) {
    let m = session.update(before, after, opts);
    stages::mark_bench("update (rest)");
    let result = ResultV1::new(&m);
    stages::mark_bench("result (up/down SQL, steps)");
    let json = serde_json::to_string(&result).map(|j| j.len()).unwrap_or(0);
    stages::mark_bench("json");
    drop(result);
    (json, m)
}

/// What the worker does after posting its answer: free the previous migration, `Session::idle`.
fn idle(session: &mut Session, kept: &mut Option<Migration>, m: Migration) {
    stages::mark_bench("start");
    drop(kept.replace(m));
    stages::mark_bench("idle: free the previous migration");
    session.idle();
    stages::mark_bench("idle: Session::idle");
}

fn main() {
    let n: usize = std::env::var("KEYSTROKE_TABLES").ok().and_then(|v| v.parse().ok()).unwrap_or(1000);
    let keys: usize = std::env::var("KEYSTROKE_KEYS").ok().and_then(|v| v.parse().ok()).unwrap_or(12);
    let (before, after) = (dump(n, false), dump(n, true));
    let opts = Options::new(Dialect::Postgres);
    let stages: Stages = Rc::default();
    hook(&stages);
    let mut session = Session::new();
    stages::mark_bench("start");
    let start = cpu_now();
    let (_, m) = regenerate(&mut session, &before, &after, &opts);
    let paste = cpu_now() - start;
    let mut kept = None;
    idle(&mut session, &mut kept, m);
    println!("{n} tables, {} KB a side: paste (fresh Session) {:.1} ms", after.len() / 1024, paste.as_secs_f64() * 1000.0);
    print_stages(&stages, 1);
    // Where each keystroke types: a column name, a default, a comment (middle of the text), and a
    // column name in the first table (as the browser bench types: every statement re-folds).
    let mid = after.len() / 2;
    let spot = |needle: &str, offset: usize| after.get(mid..).and_then(|rest| rest.find(needle)).map_or(0, |i| mid + i + offset);
    let first = after.find("    qty integer").map_or(0, |i| i + 6);
    // The browser bench's place: the name of the column added to the first table.
    let added = after.find("    added character varying").map_or(0, |i| i + "    added".len());
    let only = std::env::var("KEYSTROKE_ONLY").ok();
    let mut places: Vec<(&str, usize)> = [
        ("column name", spot("    qty integer", 6)),
        ("default", spot("DEFAULT 0 ", 9)),
        ("comment", spot("'table number", 6)),
        ("first table", first),
        ("added column", added),
    ]
    .into_iter()
    .filter(|(what, _)| only.as_deref().is_none_or(|o| o == *what))
    .collect();
    let mut text = after.clone();
    let mut times: BTreeMap<&str, Vec<Duration>> = BTreeMap::new();
    stages.borrow_mut().clear();
    for k in 0..keys {
        let (what, pos) = places[k % places.len()];
        text.insert(pos, 'x');
        // The typed place grows its word; places after it move by one.
        for p in places.iter_mut().filter(|p| p.1 >= pos) {
            p.1 += 1;
        }
        stages::mark_bench("start");
        let start = cpu_now();
        let (json, m) = regenerate(&mut session, &before, &text, &opts);
        times.entry(what).or_default().push(cpu_now() - start);
        black_box(json);
        idle(&mut session, &mut kept, m);
    }
    let mut all: Vec<Duration> = times.values().flatten().copied().collect();
    all.sort();
    for (what, t) in &times {
        let mut t = t.clone();
        t.sort();
        println!("keystroke in a {what:12}: median {:.2} ms", t[t.len() / 2].as_secs_f64() * 1000.0);
    }
    println!("keystroke median {:.2} ms over {keys}", all[all.len() / 2].as_secs_f64() * 1000.0);
    print_stages(&stages, keys as u32);
    // The result is the from-scratch one.
    let scratch = schemashift::generate(&before, &text, &opts);
    let incremental = session.update(&before, &text, &opts);
    assert_eq!(scratch.up_sql(), incremental.up_sql(), "incremental Up SQL differs from scratch");
}

/// Each stage's time per run; the `idle:` ones are after the answer, not in the keystroke's time.
fn print_stages(stages: &Stages, runs: u32) {
    for (name, t) in stages.borrow().iter().filter(|(n, _)| *n != "start") {
        println!("  {name:28} {:8.2} ms", t.as_secs_f64() * 1000.0 / f64::from(runs));
    }
}

//! Growth of parse + generate with the size of the input, in the forms real inputs take:
//! - `pg_dump`: a dump (CREATE TABLE, then `ALTER TABLE ONLY ... ADD CONSTRAINT`, indexes,
//!   foreign keys last);
//! - `history`: a hand-written migration history (CREATE TABLE, CREATE INDEX, then `ALTER TABLE
//!   ... ADD COLUMN ... REFERENCES` / `ADD UNIQUE` with implicit names);
//! - `enum`: one enum of n + n/4 values (10,000 at 8,000);
//! - `columns`: one table of n/5 columns (1,600, PostgreSQL's limit, at 8,000) with indexes;
//!   `columns_mysql` the same in MySQL, character sets stated on one side only;
//! - `renames`: n tables all renamed with a column each, half by hints, half left to suggestions.
//!
//! Prints the time per size and the ratio to the previous size: a linear stage doubles with the
//! size, a quadratic one quadruples. Then `keystroke`: one character typed into AFTER, `generate`
//! from scratch against `Session::update`. Times are the best of three, CPU time of the thread
//! (other processes on a shared machine do not count) and wall. Run: `cargo bench -p
//! schemashift-core --bench scaling` (`SCALING_SIZES=1000,2000` to choose the sizes,
//! `SCALING_FORMS=history,enum` the forms; `SCALING_STAGES=1` adds each stage's time per size).
//! Figures, not assertions.

/// The command line's allocator (`src/main.rs`): the bench measures what the CLI runs.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use schemashift::{generate, stages, Dialect, Options, Session};
use std::cell::RefCell;
use std::hint::black_box;
use std::rc::Rc;
use std::time::{Duration, Instant};

/// `n` tables as pg_dump writes them; `variant` adds a column to every tenth table.
fn dump(n: usize, variant: bool) -> String {
    let mut s = String::with_capacity(n * 600);
    for t in 0..n {
        let extra = if variant && t % 10 == 0 { ",\n    added character varying(40)" } else { "" };
        s.push_str(&format!(
            "CREATE TABLE public.t{t} (\n    id integer NOT NULL,\n    code character varying(20) NOT NULL,\n    \
             qty integer,\n    parent_id integer{extra},\n    CONSTRAINT t{t}_qty_check CHECK ((qty >= 0))\n);\n\n"
        ));
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

/// `n` tables as a history of migrations: every constraint name implicit.
fn history(n: usize, variant: bool) -> String {
    let mut s = String::with_capacity(n * 300);
    for t in 0..n {
        s.push_str(&format!("CREATE TABLE t{t} (id integer PRIMARY KEY, code varchar(20) NOT NULL, qty integer);\n"));
        s.push_str(&format!("CREATE INDEX ON t{t} (qty);\n"));
    }
    for t in 1..n {
        s.push_str(&format!("ALTER TABLE t{t} ADD COLUMN parent_id integer REFERENCES t{} (id);\n", t - 1));
        s.push_str(&format!("ALTER TABLE t{t} ADD UNIQUE (code);\n"));
        if variant && t % 10 == 0 {
            s.push_str(&format!("ALTER TABLE t{t} ADD COLUMN added varchar(40);\n"));
        }
    }
    s
}

/// One enum of `n + n / 4` values (10,000 at n = 8,000); `variant` adds a value in the middle.
fn enums(n: usize, variant: bool) -> String {
    let count = n + n / 4;
    let values: Vec<String> = (0..count).filter(|v| variant || *v != count / 2).map(|v| format!("'v{v}'")).collect();
    format!("CREATE TYPE public.e AS ENUM ({});\n\nCREATE TABLE public.t (id integer NOT NULL, kind public.e);\n", values.join(", "))
}

/// One table of `n / 5` columns (1,600, PostgreSQL's limit, at n = 8,000) and an index on each
/// tenth; `variant` adds a column in the middle, drops one index and changes one column's type.
fn columns(n: usize, variant: bool) -> String {
    let cols = n / 5;
    let column = |c: usize| match c {
        _ if variant && c == cols / 3 => format!("    c{c} bigint"),
        _ => format!("    c{c} integer"),
    };
    let list: Vec<String> = (0..cols).filter(|c| variant || *c != cols / 2).map(column).collect();
    let mut s = format!("CREATE TABLE public.wide (\n    id integer NOT NULL,\n{}\n);\n", list.join(",\n"));
    for c in (0..cols).step_by(10).filter(|c| !(variant && *c == cols / 10 * 5)) {
        s.push_str(&format!("CREATE INDEX wide_c{c}_idx ON public.wide (c{c});\n"));
    }
    s
}

/// The `columns` form as `mysqldump` writes one side (character set and collation on the table
/// and every text column) and a person the other (none stated): MySQL/MariaDB's unspecified
/// character sets are matched column by column (`model/unspecified.rs`).
fn columns_mysql(n: usize, variant: bool) -> String {
    let cols = n / 5;
    let column = |c: usize| match variant {
        true => format!("  `c{c}` varchar(20) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin DEFAULT NULL"),
        false => format!("  c{c} varchar(20)"),
    };
    let list: Vec<String> = (0..cols).filter(|c| variant || *c != cols / 2).map(column).collect();
    let options = if variant { " ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin" } else { "" };
    format!("CREATE TABLE wide (\n  id int NOT NULL,\n{},\n  PRIMARY KEY (id)\n){options};\n", list.join(",\n"))
}

/// `n` tables with serial keys, foreign keys to the previous table and grants; `variant` renames
/// every table and one column of each, half with rename hints (`-- schemashift:renamed-from`)
/// and half without (dropped and added tables of one shape: rename suggestions are looked for).
fn renames(n: usize, variant: bool) -> String {
    let mut s = String::with_capacity(n * 300);
    for t in 0..n {
        let hinted = t % 2 == 0;
        let (name, qty) = match variant {
            true => (format!("r{t}"), if hinted { "amount" } else { "qty" }),
            false => (format!("t{t}"), "qty"),
        };
        let parent = match (t, variant) {
            (0, _) => String::new(),
            (_, true) => format!(", parent_id integer REFERENCES r{} (id)", t - 1),
            (_, false) => format!(", parent_id integer REFERENCES t{} (id)", t - 1),
        };
        if variant && hinted {
            s.push_str(&format!("-- schemashift:renamed-from t{t}\n"));
        }
        let hint = if variant && hinted { " -- schemashift:renamed-from qty\n" } else { "" };
        s.push_str(&format!(
            "CREATE TABLE {name} (id serial PRIMARY KEY, code varchar(20) NOT NULL{parent},\n  {qty} integer,{hint}\n  note text);\n"
        ));
        s.push_str(&format!(
            "CREATE INDEX ON {name} ({qty});\nGRANT SELECT ({qty}) ON {name} TO app;\nGRANT SELECT ON {name} TO report;\n"
        ));
    }
    s
}

/// CPU time of this thread (Linux: `/proc/thread-self/schedstat`, nanoseconds), so that other
/// processes on a shared machine do not count; wall time elsewhere.
fn cpu_now() -> Option<Duration> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    s.split_whitespace().next()?.parse().ok().map(Duration::from_nanos)
}

/// The best of three runs of the whole pipeline: (wall, CPU). A run shorter than 500 ms repeats
/// the pipeline until it lasts that long and gives the time of one: the CPU clock ticks in about
/// 4 ms steps here, so a single 20 ms run is read to ±20 % and a 90 ms one to ±5 %, enough to
/// move a growth ratio by ±0.5 (at 50 ms, the 1,000-to-4,000-table history ratio read x4.18 and
/// x4.62 in runs a minute apart).
fn time(dialect: Dialect, before: &str, after: &str) -> (Duration, Duration) {
    let opts = Options::new(dialect);
    let start = Instant::now();
    black_box(generate(black_box(before), black_box(after), &opts));
    let reps = (Duration::from_millis(500).as_secs_f64() / start.elapsed().as_secs_f64().max(1e-6)).ceil().clamp(1.0, 1000.0) as u32;
    let runs: Vec<(Duration, Duration)> = (0..3)
        .map(|_| {
            let (start, cpu) = (Instant::now(), cpu_now());
            for _ in 0..reps {
                black_box(generate(black_box(before), black_box(after), &opts));
            }
            let wall = start.elapsed();
            (wall / reps, cpu.zip(cpu_now()).map(|(a, b)| b - a).unwrap_or(wall) / reps)
        })
        .collect();
    let best = |f: fn(&(Duration, Duration)) -> Duration| runs.iter().map(f).min().unwrap_or_default();
    (best(|r| r.0), best(|r| r.1))
}

/// CPU time per stage (`schemashift::stages` marks, and `drop` for freeing the migration) of
/// the whole pipeline, the average of `reps` runs (the schedstat clock ticks too coarsely for a
/// best of several): the stage whose share grows with the size grows faster than the input.
fn stage_times(dialect: Dialect, before: &str, after: &str, reps: u32) -> Vec<(&'static str, Duration)> {
    let opts = Options::new(dialect);
    let spent: Rc<RefCell<Vec<(&'static str, Duration)>>> = Rc::default();
    let (sink, last) = (Rc::clone(&spent), RefCell::new(cpu_now().unwrap_or_default()));
    stages::set_hook(Some(Box::new(move |name| {
        let now = cpu_now().unwrap_or_default();
        let took = now.saturating_sub(last.replace(now));
        let mut s = sink.borrow_mut();
        match s.iter_mut().find(|(n, _)| *n == name) {
            Some(e) => e.1 += took,
            None => s.push((name, took)),
        }
    })));
    for _ in 0..reps {
        stages::mark_bench("(between runs)");
        let m = generate(black_box(before), black_box(after), &opts);
        stages::mark_bench("(rest)");
        drop(black_box(m));
        stages::mark_bench("drop");
    }
    stages::set_hook(None);
    let total = spent.borrow().iter().filter(|(n, _)| *n != "(between runs)").map(|&(n, d)| (n, d / reps)).collect();
    total
}

/// One keystroke in AFTER (a character typed into a column name in its middle), regenerated
/// from scratch and by a `Session` that saw the text before it, with `Session::idle` between
/// keystrokes (untimed, as the playground's worker calls it after answering; the migration is
/// freed there too): (generate,
/// session) CPU times, best of three keystrokes.
fn keystroke(before: &str, after: &str) -> (Duration, Duration) {
    let opts = Options::new(Dialect::Postgres);
    let mut session = Session::new();
    black_box(session.update(before, after, &opts));
    session.idle();
    let at = after.len() / 2;
    let at = after.get(at..).and_then(|rest| rest.find("    qty")).map_or(0, |i| at + i + 5);
    let (mut scratch, mut incremental) = (Duration::MAX, Duration::MAX);
    for k in 0..3 {
        let edited = format!("{}{}{}", &after[..at], ["x", "xy", "xyz"][k], &after[at..]);
        let cpu = cpu_now();
        black_box(generate(before, &edited, &opts));
        scratch = scratch.min(cpu.zip(cpu_now()).map(|(a, b)| b - a).unwrap_or_default());
        let cpu = cpu_now();
        let m = black_box(session.update(before, &edited, &opts));
        incremental = incremental.min(cpu.zip(cpu_now()).map(|(a, b)| b - a).unwrap_or_default());
        // After the answer, as the worker: free the result, prepare the next call.
        drop(m);
        session.idle();
    }
    (scratch, incremental)
}

fn main() {
    // `cargo bench` passes `--bench`; nothing else is read from the arguments.
    let sizes: Vec<usize> = std::env::var("SCALING_SIZES")
        .ok()
        .map(|v| v.split(',').filter_map(|x| x.trim().parse().ok()).collect())
        .unwrap_or_else(|| vec![1000, 2000, 4000, 8000]);
    let forms = [
        ("pg_dump", dump as fn(usize, bool) -> String, Dialect::Postgres),
        ("history", history, Dialect::Postgres),
        ("enum", enums, Dialect::Postgres),
        ("columns", columns, Dialect::Postgres),
        ("columns_mysql", columns_mysql, Dialect::Mysql),
        ("renames", renames, Dialect::Postgres),
    ];
    let only = std::env::var("SCALING_FORMS").ok();
    for (form, make, dialect) in forms.into_iter().filter(|(f, _, _)| only.as_ref().is_none_or(|o| o.split(',').any(|x| x.trim() == *f))) {
        let mut previous: Option<(usize, Duration)> = None;
        for &n in &sizes {
            let (before, after) = (make(n, false), make(n, true));
            let (wall, cpu) = time(dialect, &before, &after);
            let growth = previous
                .map(|(pn, pt)| format!("  x{:.2} for x{:.1}", cpu.as_secs_f64() / pt.as_secs_f64().max(1e-9), n as f64 / pn as f64))
                .unwrap_or_default();
            println!(
                "scaling {form:13} {n:6} ({:5} KB a side): cpu {:8.1} ms  wall {:8.1} ms{growth}",
                before.len() / 1024,
                cpu.as_secs_f64() * 1000.0,
                wall.as_secs_f64() * 1000.0
            );
            previous = Some((n, cpu));
            if std::env::var_os("SCALING_STAGES").is_some() {
                let reps = (1.0 / cpu.as_secs_f64().max(1e-6)).ceil().clamp(1.0, 100.0) as u32;
                let list: Vec<String> = stage_times(dialect, &before, &after, reps)
                    .iter()
                    .map(|(s, d)| format!("{s} {:.1}", d.as_secs_f64() * 1000.0))
                    .collect();
                println!("  stages (cpu ms, average of {reps}): {}", list.join(", "));
            }
        }
    }
    if only.as_ref().is_none_or(|o| o.contains("keystroke")) {
        for &n in &sizes {
            let (scratch, session) = keystroke(&dump(n, false), &dump(n, true));
            println!(
                "keystroke pg_dump {n:6}: generate cpu {:8.1} ms  Session::update cpu {:8.1} ms",
                scratch.as_secs_f64() * 1000.0,
                session.as_secs_f64() * 1000.0
            );
        }
    }
}

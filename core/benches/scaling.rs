//! Growth of parse + generate with the size of the input, in the two forms real inputs take:
//! a `pg_dump`-shaped dump (CREATE TABLE, then `ALTER TABLE ONLY ... ADD CONSTRAINT`, indexes,
//! foreign keys last) and a hand-written migration history (CREATE TABLE, CREATE INDEX, then
//! `ALTER TABLE ... ADD COLUMN ... REFERENCES` / `ADD UNIQUE` with implicit names). Prints the
//! time per size and the ratio to the previous size: a linear stage doubles with the size, a
//! quadratic one quadruples. A third form, `wide`, is one enum of n values and one table of
//! min(n, 1600) columns. Then `keystroke`: one character typed into AFTER, `generate` from
//! scratch against `Session::update`. Times are the best of three, CPU time of the thread (other processes
//! on a shared machine do not count) and wall. Run: `cargo bench -p schemashift-core --bench scaling`
//! (`SCALING_SIZES=1000,2000` to choose the sizes, `SCALING_FORMS=history,wide` the forms). Figures, not assertions.

use schemashift::{generate, Dialect, Options, Session};
use std::hint::black_box;
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

/// `1 + n / 1600` tables, the first with `n` columns (PostgreSQL's limit is 1,600), and an enum
/// of `n` values; `variant` adds a column and an enum value in the middle.
fn wide(n: usize, variant: bool) -> String {
    let values: Vec<String> = (0..n).filter(|v| variant || v % 2 == 0).map(|v| format!("'v{v}'")).collect();
    let mut s = format!("CREATE TYPE public.e AS ENUM ({});\n\n", values.join(", "));
    let cols = n.min(1600);
    let columns: Vec<String> = (0..cols).filter(|c| variant || *c != cols / 2).map(|c| format!("    c{c} integer")).collect();
    s.push_str(&format!("CREATE TABLE public.wide (\n    id integer NOT NULL,\n    kind public.e,\n{}\n);\n", columns.join(",\n")));
    s
}

/// CPU time of this thread (Linux: `/proc/thread-self/schedstat`, nanoseconds), so that other
/// processes on a shared machine do not count; wall time elsewhere.
fn cpu_now() -> Option<Duration> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    s.split_whitespace().next()?.parse().ok().map(Duration::from_nanos)
}

/// The best of three runs of the whole pipeline: (wall, CPU).
fn time(before: &str, after: &str) -> (Duration, Duration) {
    let opts = Options::new(Dialect::Postgres);
    let runs: Vec<(Duration, Duration)> = (0..3)
        .map(|_| {
            let (start, cpu) = (Instant::now(), cpu_now());
            black_box(generate(black_box(before), black_box(after), &opts));
            let wall = start.elapsed();
            (wall, cpu.zip(cpu_now()).map(|(a, b)| b - a).unwrap_or(wall))
        })
        .collect();
    let best = |f: fn(&(Duration, Duration)) -> Duration| runs.iter().map(f).min().unwrap_or_default();
    (best(|r| r.0), best(|r| r.1))
}

/// One keystroke in AFTER (a character typed into a column name in its middle), regenerated
/// from scratch and by a `Session` that saw the text before it: (generate, session) CPU times,
/// best of three keystrokes.
fn keystroke(before: &str, after: &str) -> (Duration, Duration) {
    let opts = Options::new(Dialect::Postgres);
    let mut session = Session::new();
    black_box(session.update(before, after, &opts));
    let at = after.len() / 2;
    let at = after.get(at..).and_then(|rest| rest.find("    qty")).map_or(0, |i| at + i + 5);
    let (mut scratch, mut incremental) = (Duration::MAX, Duration::MAX);
    for k in 0..3 {
        let edited = format!("{}{}{}", &after[..at], ["x", "xy", "xyz"][k], &after[at..]);
        let cpu = cpu_now();
        black_box(generate(before, &edited, &opts));
        scratch = scratch.min(cpu.zip(cpu_now()).map(|(a, b)| b - a).unwrap_or_default());
        let cpu = cpu_now();
        black_box(session.update(before, &edited, &opts));
        incremental = incremental.min(cpu.zip(cpu_now()).map(|(a, b)| b - a).unwrap_or_default());
    }
    (scratch, incremental)
}

fn main() {
    // `cargo bench` passes `--bench`; nothing else is read from the arguments.
    let sizes: Vec<usize> = std::env::var("SCALING_SIZES")
        .ok()
        .map(|v| v.split(',').filter_map(|x| x.trim().parse().ok()).collect())
        .unwrap_or_else(|| vec![1000, 2000, 4000, 8000]);
    let forms = [("pg_dump", dump as fn(usize, bool) -> String), ("history", history), ("wide", wide)];
    let only = std::env::var("SCALING_FORMS").ok();
    for (form, make) in forms.into_iter().filter(|(f, _)| only.as_ref().is_none_or(|o| o.split(',').any(|x| x.trim() == *f))) {
        let mut previous: Option<(usize, Duration)> = None;
        for &n in &sizes {
            let (before, after) = (make(n, false), make(n, true));
            let (wall, cpu) = time(&before, &after);
            let growth = previous
                .map(|(pn, pt)| format!("  x{:.2} for x{:.1}", cpu.as_secs_f64() / pt.as_secs_f64().max(1e-9), n as f64 / pn as f64))
                .unwrap_or_default();
            println!(
                "scaling {form:8} {n:6} ({:5} KB a side): cpu {:8.1} ms  wall {:8.1} ms{growth}",
                before.len() / 1024,
                cpu.as_secs_f64() * 1000.0,
                wall.as_secs_f64() * 1000.0
            );
            previous = Some((n, cpu));
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

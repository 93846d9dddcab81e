//! Growth of parse + generate with the size of the input, in the two forms real inputs take:
//! a `pg_dump`-shaped dump (CREATE TABLE, then `ALTER TABLE ONLY ... ADD CONSTRAINT`, indexes,
//! foreign keys last) and a hand-written migration history (CREATE TABLE, CREATE INDEX, then
//! `ALTER TABLE ... ADD COLUMN ... REFERENCES` / `ADD UNIQUE` with implicit names). Prints the
//! time per size and the ratio to the previous size: a linear stage doubles with the size, a
//! quadratic one quadruples. Run: `cargo bench -p schemashift-core --bench scaling`
//! (`SCALING_SIZES=1000,2000` to choose the sizes). Figures, not assertions.

use schemashift::{generate, Dialect, Options};
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

/// The best of three runs of the whole pipeline.
fn time(before: &str, after: &str) -> Duration {
    let opts = Options::new(Dialect::Postgres);
    (0..3)
        .map(|_| {
            let start = Instant::now();
            black_box(generate(black_box(before), black_box(after), &opts));
            start.elapsed()
        })
        .min()
        .unwrap_or_default()
}

fn main() {
    // `cargo bench` passes `--bench`; nothing else is read from the arguments.
    let sizes: Vec<usize> = std::env::var("SCALING_SIZES")
        .ok()
        .map(|v| v.split(',').filter_map(|x| x.trim().parse().ok()).collect())
        .unwrap_or_else(|| vec![1000, 2000, 4000, 8000]);
    for (form, make) in [("pg_dump", dump as fn(usize, bool) -> String), ("history", history)] {
        let mut previous: Option<(usize, Duration)> = None;
        for &n in &sizes {
            let (before, after) = (make(n, false), make(n, true));
            let t = time(&before, &after);
            let growth = previous
                .map(|(pn, pt)| {
                    format!("  x{:.2} for x{:.1} tables", t.as_secs_f64() / pt.as_secs_f64().max(1e-9), n as f64 / pn as f64)
                })
                .unwrap_or_default();
            println!(
                "scaling {form:8} {n:6} tables ({:5} KB a side): {:8.1} ms{growth}",
                before.len() / 1024,
                t.as_secs_f64() * 1000.0
            );
            previous = Some((n, t));
        }
    }
}

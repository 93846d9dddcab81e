//! Benchmarks (criterion): parse and whole-pipeline `generate` of a generated schema of 10 000
//! tables per dialect, written as a hand-written file would be: unnamed primary keys, unique
//! constraints, foreign keys, checks and indexes, so that every table asks for implicit names.
//! Speed targets live here, not in timed tests. Run: `cargo bench -p schemashift-core`.

use criterion::{criterion_group, criterion_main, Criterion};
use schemashift::parse::parse;
use schemashift::{generate, Dialect, Options};
use std::hint::black_box;

const TABLES: usize = 10_000;

/// `n` tables of `d`; `variant` changes a column of every tenth table (for a non-empty diff).
fn schema(d: Dialect, n: usize, variant: bool) -> String {
    let mut s = String::with_capacity(n * 260);
    for t in 0..n {
        let fk = if t == 0 { String::new() } else { format!(", parent_id integer REFERENCES t{} (id)", t - 1) };
        let extra = if variant && t % 10 == 0 { ", added varchar(40)" } else { "" };
        let pk = if d == Dialect::Mysql { "integer NOT NULL AUTO_INCREMENT PRIMARY KEY" } else { "integer PRIMARY KEY" };
        s.push_str(&format!(
            "CREATE TABLE t{t} (\n  id {pk},\n  code varchar(20) NOT NULL UNIQUE,\n  qty integer CHECK (qty >= 0),\n  \
             note text{fk}{extra},\n  UNIQUE (code, qty)\n);\nCREATE INDEX ix_t{t}_qty ON t{t} (qty);\n"
        ));
        if d == Dialect::Postgres {
            s.push_str(&format!("CREATE INDEX ON t{t} (note);\n"));
        }
    }
    s
}

fn bench(c: &mut Criterion) {
    let mut g = c.benchmark_group("10k_tables");
    g.sample_size(10);
    for d in [Dialect::Postgres, Dialect::Mysql, Dialect::Sqlite] {
        let before = schema(d, TABLES, false);
        let after = schema(d, TABLES, true);
        g.bench_function(format!("parse/{d}"), |b| b.iter(|| parse(d, black_box(&before))));
        let opts = Options::new(d);
        g.bench_function(format!("generate/{d}"), |b| b.iter(|| generate(black_box(&before), black_box(&after), &opts)));
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);

//! Non-ASCII text in every identifier, literal and comment position, for the three dialects
//! (proptest, fixed seed; PROPTEST_CASES scales it): schema, table, column, index, constraint,
//! enum value, default literal, CHECK literal, partition bound (quoted and bare), comment text,
//! view body, routine body. The text mixes scripts, letters whose case mapping changes length
//! (`İ`, `ß`, `ﬃ`), combining marks, RTL marks and emoji. Properties: the valid schema parses
//! without an error, `generate` never panics (creating it, changing every piece of it, dropping
//! it, with zero-downtime and preserve-data), its output is the same twice, each name and
//! literal reaches the up SQL, and every package file is UTF-8. The real-engine round trips of a
//! fixed sample are `tests/cases/<dialect>/non_ascii.sql` (schemashift-e2e).

mod fuzz_support;

use fuzz_support::assert_anchored;
use proptest::prelude::*;
use proptest::test_runner::{Config, RngSeed};
use schemashift::package::{build, Format, PackageOptions};
use schemashift::{contract, generate, Dialect, Options, Side};

/// Pieces of non-ASCII text (no quote, backslash, newline or NUL: those have their own tests).
const PIECES: &[&str] = &[
    "é",
    "ß",
    "İ",
    "ﬃ",
    "Σ",
    "ς",
    "ǅ",
    "ж",
    "表",
    "中文",
    "ع",
    "שָׁלוֹם",
    "e\u{301}",
    "a\u{308}",
    "\u{200F}",
    "\u{200E}",
    "😀",
    "👨\u{200D}👩\u{200D}👧",
    "🇫🇷",
    "\u{00A0}",
    "Ω",
    "ﾃ",
    "ⅷ",
    "x",
    "_",
    "1",
];

fn config(n: u32) -> Config {
    let mut c = Config {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(n),
        failure_persistence: None,
        ..Config::default()
    };
    if std::env::var("PROPTEST_RNG_SEED").is_err() {
        c.rng_seed = RngSeed::Fixed(0x0a5c_1100);
    }
    c
}

/// 1 to 6 pieces, at most 40 bytes (identifier limits are 63 / 64 bytes; a tag is added).
fn text() -> impl Strategy<Value = String> {
    proptest::collection::vec(proptest::sample::select(PIECES), 1..7).prop_map(|v| {
        let mut s = String::new();
        for p in v {
            if s.len() + p.len() > 40 {
                break;
            }
            s.push_str(p);
        }
        s
    })
}

/// The texts put in each position (tagged so that names stay distinct).
#[derive(Clone, Debug)]
struct Words {
    name: String,
    literal: String,
    other: String,
    comment: String,
}

fn words() -> impl Strategy<Value = Words> {
    (text(), text(), text(), text()).prop_map(|(name, literal, other, comment)| Words { name, literal, other, comment })
}

/// A schema of `d` with `w` in every position; `changed` alters every piece of it (the same
/// objects, new literals, comments and bounds, one more column).
fn schema(d: Dialect, w: &Words, changed: bool) -> String {
    let n = &w.name;
    let (lit, other) = if changed { (&w.other, &w.literal) } else { (&w.literal, &w.other) };
    let c = &w.comment;
    let extra = |q: &str| if changed { format!(",\n  {q}c4_{n}{q} int") } else { String::new() };
    match d {
        Dialect::Postgres => format!(
            "CREATE SCHEMA \"s_{n}\";\n\
             CREATE TYPE \"s_{n}\".\"e_{n}\" AS ENUM ('v1_{lit}', 'v2_{other}');\n\
             CREATE TABLE \"s_{n}\".\"{n}\" (\n  \"c1_{n}\" integer NOT NULL,\n  \
               \"c2_{n}\" text DEFAULT '{lit}' CONSTRAINT \"k_{n}\" CHECK (\"c2_{n}\" <> '{other}'),\n  \
               \"c3_{n}\" \"s_{n}\".\"e_{n}\" DEFAULT 'v1_{lit}',\n  \
               CONSTRAINT \"pk_{n}\" PRIMARY KEY (\"c1_{n}\"){}\n);\n\
             CREATE INDEX \"i_{n}\" ON \"s_{n}\".\"{n}\" (\"c2_{n}\") WHERE \"c2_{n}\" <> '{lit}';\n\
             COMMENT ON TABLE \"s_{n}\".\"{n}\" IS '{c}{}';\n\
             COMMENT ON COLUMN \"s_{n}\".\"{n}\".\"c2_{n}\" IS '{c}';\n\
             CREATE VIEW \"s_{n}\".\"v_{n}\" AS SELECT \"c1_{n}\" AS \"a_{n}\", '{lit}' AS x FROM \"s_{n}\".\"{n}\";\n\
             CREATE FUNCTION \"s_{n}\".\"f_{n}\"() RETURNS text LANGUAGE sql AS $$ SELECT '{lit}' /* {c} */ $$;\n\
             CREATE TABLE \"s_{n}\".\"l_{n}\" (\"c1_{n}\" integer, \"c2_{n}\" text) PARTITION BY LIST (\"c2_{n}\");\n\
             CREATE TABLE \"s_{n}\".\"l1_{n}\" PARTITION OF \"s_{n}\".\"l_{n}\" FOR VALUES IN ('{lit}');\n\
             CREATE TABLE \"s_{n}\".\"r_{n}\" (d text) PARTITION BY RANGE (d);\n\
             CREATE TABLE \"s_{n}\".\"r1_{n}\" PARTITION OF \"s_{n}\".\"r_{n}\" FOR VALUES FROM ('a{lit}') TO ('z{other}');\n\
             -- {c}\n",
            extra("\""),
            if changed { "!" } else { "" },
        ),
        Dialect::Mysql => format!(
            "CREATE TABLE `{n}` (\n  `c1_{n}` int NOT NULL,\n  \
               `c2_{n}` varchar(200) DEFAULT '{lit}' COMMENT '{c}',\n  \
               `c3_{n}` enum('v1_{lit}','v2_{other}') DEFAULT 'v1_{lit}',\n  \
               PRIMARY KEY (`c1_{n}`),\n  KEY `i_{n}` (`c2_{n}`),\n  \
               CONSTRAINT `k_{n}` CHECK (`c2_{n}` <> '{other}'){}\n\
             ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COMMENT='{c}{}';\n\
             CREATE VIEW `v_{n}` AS SELECT `c1_{n}` AS `a_{n}`, '{lit}' AS x FROM `{n}`;\n\
             CREATE PROCEDURE `f_{n}`() SELECT '{lit}' /* {c} */;\n\
             CREATE TRIGGER `t_{n}` BEFORE INSERT ON `{n}` FOR EACH ROW SET NEW.`c2_{n}` = '{lit}';\n\
             -- {c}\n",
            extra("`"),
            if changed { "!" } else { "" },
        ),
        Dialect::Sqlite => format!(
            "CREATE TABLE \"{n}\" (\n  \"c1_{n}\" integer PRIMARY KEY,\n  \
               \"c2_{n}\" text DEFAULT '{lit}' CONSTRAINT \"k_{n}\" CHECK (\"c2_{n}\" <> '{other}'),\n  \
               \"c3_{n}\" text CHECK (\"c3_{n}\" IN ('v1_{lit}', 'v2_{other}')) DEFAULT 'v1_{lit}'{} -- {c}\n);\n\
             CREATE INDEX \"i_{n}\" ON \"{n}\" (\"c2_{n}\") WHERE \"c2_{n}\" <> '{lit}';\n\
             CREATE VIEW \"v_{n}\" AS SELECT \"c1_{n}\" AS \"a_{n}\", '{lit}' AS x FROM \"{n}\";\n\
             CREATE TRIGGER \"t_{n}\" AFTER INSERT ON \"{n}\" BEGIN UPDATE \"{n}\" SET \"c2_{n}\" = '{lit}' WHERE \"c1_{n}\" = NEW.\"c1_{n}\"; END;\n\
             /* {c} */\n",
            extra("\""),
        ),
    }
}

fn options(d: Dialect, zero_downtime: bool, preserve_data: bool) -> Options {
    let mut o = Options::new(d);
    o.zero_downtime = zero_downtime && d != Dialect::Sqlite;
    o.preserve_data = preserve_data;
    o
}

/// Run `before` → `after` twice: same bytes, anchored diagnostics, UTF-8 package; returns the
/// up SQL and the error diagnostics.
fn run(d: Dialect, before: &str, after: &str, o: &Options, format: Format) -> (String, Vec<String>) {
    let once = || {
        let m = generate(before, after, o);
        let pkg = build(&m, &PackageOptions::new(format, "20240101000000")).map(|p| p.files);
        (m, pkg)
    };
    let (m, pkg) = once();
    let (m2, pkg2) = once();
    assert_eq!(contract::to_json(&m), contract::to_json(&m2), "{d}: JSON differs between two runs");
    assert_eq!(m.up_sql(), m2.up_sql(), "{d}: up differs between two runs");
    assert_eq!(m.down_sql(), m2.down_sql(), "{d}: down differs between two runs");
    assert!(pkg == pkg2, "{d}: package differs between two runs");
    if let Ok(files) = &pkg {
        for (path, bytes) in files {
            if !path.ends_with(".zip") {
                assert!(std::str::from_utf8(bytes).is_ok(), "{d}: package file {path} is not UTF-8");
            }
        }
    }
    let mut errors = Vec::new();
    for sd in &m.diagnostics {
        let text = match sd.side {
            Side::Before => before,
            Side::After => after,
            Side::Options => "",
        };
        if sd.side != Side::Options {
            assert_anchored(text, std::slice::from_ref(&sd.diagnostic));
        }
        if sd.diagnostic.is_error() {
            errors.push(format!("{:?} {}", sd.side, sd.diagnostic));
        }
    }
    (m.up_sql(), errors)
}

fn check(d: Dialect, w: &Words, zero_downtime: bool, preserve_data: bool, format: Format) {
    let o = options(d, zero_downtime, preserve_data);
    let a = schema(d, w, false);
    let b = schema(d, w, true);
    let (up, errors) = run(d, "", &a, &o, format);
    assert!(errors.is_empty(), "{d}: a valid schema has errors: {errors:?}\n{a}");
    for piece in [&w.name, &w.literal, &w.other] {
        assert!(up.contains(piece.as_str()), "{d}: {piece:?} is missing from the up SQL:\n{up}");
    }
    let (_, errors) = run(d, &a, &b, &o, format);
    assert!(errors.is_empty(), "{d}: {errors:?}");
    run(d, &b, "", &o, format);
}

fn format() -> impl Strategy<Value = Format> {
    proptest::sample::select(Format::ALL.to_vec())
}

proptest! {
    #![proptest_config(config(48))]

    #[test]
    fn postgres_non_ascii_everywhere(w in words(), z in any::<bool>(), p in any::<bool>(), f in format()) {
        check(Dialect::Postgres, &w, z, p, f);
    }

    #[test]
    fn mysql_non_ascii_everywhere(w in words(), z in any::<bool>(), p in any::<bool>(), f in format()) {
        check(Dialect::Mysql, &w, z, p, f);
    }

    #[test]
    fn sqlite_non_ascii_everywhere(w in words(), z in any::<bool>(), p in any::<bool>(), f in format()) {
        check(Dialect::Sqlite, &w, z, p, f);
    }

    /// Bare (unquoted) non-ASCII partition bounds: not valid PostgreSQL, but generate must
    /// not panic on them (issue 11 case 8 cut such a bound inside a character).
    #[test]
    fn bare_non_ascii_bounds_never_panic(a in text(), b in text()) {
        let before = "CREATE TABLE r (d text) PARTITION BY RANGE (d);\nCREATE TABLE l (d text) PARTITION BY LIST (d);\n";
        let after = format!("{before}CREATE TABLE r1 PARTITION OF r FOR VALUES FROM ({a}) TO ({b});\n\
                             CREATE TABLE r2 PARTITION OF r FOR VALUES FROM ('{a}'){b} TO ({b});\n\
                             CREATE TABLE l1 PARTITION OF l FOR VALUES IN ({a}, {b});\n");
        let o = Options::new(Dialect::Postgres);
        run(Dialect::Postgres, before, &after, &o, Format::Plain);
        run(Dialect::Postgres, &after, before, &o, Format::Plain);
    }
}

/// The partition bound of issue 11 case 8, through the whole pipeline.
#[test]
fn non_ascii_partition_bound_generates() {
    let before = "CREATE TABLE r (id int, d text) PARTITION BY RANGE (d);\n";
    let after = format!("{before}CREATE TABLE r1 PARTITION OF r FOR VALUES FROM (é) TO (ö);\n");
    let m = generate(before, &after, &Options::new(Dialect::Postgres));
    // Bare words are names, written quoted like any non-ASCII name in an expression.
    assert!(m.up_sql().contains("FOR VALUES FROM (\"é\") TO (\"ö\")"), "{}", m.up_sql());
}

/// PostgreSQL folds unquoted names to lower case for ASCII letters only, SQLite compares names
/// ignoring ASCII case only: `Äpfel` is `"Äpfel"` (not `"äpfel"`), `"İ"` stays `"İ"` (Unicode
/// lower-casing made it `"i̇"`, another table, and a dump of the same schema a drop and create).
#[test]
fn only_ascii_letters_are_folded() {
    let hand = "CREATE TABLE Äpfel (Größe int, ÉTAT text);\n";
    // What pg_dump prints for it: only G and TAT were folded.
    let dump = "CREATE TABLE public.\"Äpfel\" (\"größe\" integer, \"État\" text);\n";
    let m = generate(dump, hand, &Options::new(Dialect::Postgres));
    assert!(m.up.is_empty(), "a pg_dump of the same table differs:\n{}", m.up_sql());
    let m = generate("", hand, &Options::new(Dialect::Postgres));
    assert!(m.up_sql().contains("\"Äpfel\"") && m.up_sql().contains("\"État\""), "{}", m.up_sql());

    let m = generate("", "CREATE TABLE \"İ\" (\"Ǆ\" int, Straße text);\n", &Options::new(Dialect::Sqlite));
    let up = m.up_sql();
    // (A column keeps the case it is declared in: SQLite shows it so.)
    assert!(up.contains("\"İ\"") && up.contains("\"Ǆ\"") && up.contains("\"Straße\""), "{up}");
    // `a` and `A` are one column: respelled in place (`RENAME COLUMN`), not dropped and added.
    let m = generate("CREATE TABLE \"İ\" (a int);", "CREATE TABLE \"İ\" (A int);", &Options::new(Dialect::Sqlite));
    let up = m.up_sql();
    assert!(up.contains("RENAME COLUMN \"a\" TO \"A\"") && !up.contains("DROP") && !up.contains("ADD"), "{up}");
}

//! `Session::update` gives the bytes `generate` gives: random edit sequences (seeded, so a
//! failure replays) over the engine test cases (`tests/cases/*/*.sql`), each step compared on
//! the JSON result, up and down scripts. Edits: characters typed or deleted, lines deleted,
//! duplicated or moved, newlines inserted (every later position shifts), a line of another
//! case pasted, the two sides swapped, options changed; one session serves all cases of a
//! dialect (its caches hold the previous case's statements). SCHEMASHIFT_SESSION_STEPS scales
//! the number of edits per case (default 12).

use schemashift::{contract, generate, Dialect, Options, Session};
use std::path::Path;

struct Rng(u64);

impl Rng {
    /// splitmix64
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
}

/// (name, before, after) of every case of `dir`.
fn cases(dir: &str) -> Vec<(String, String, String)> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/cases").join(dir);
    let mut files: Vec<_> = std::fs::read_dir(&path).unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    files
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "sql"))
        .map(|p| {
            let text = std::fs::read_to_string(&p).unwrap();
            let (b, a) = text.split_once("-- @after").unwrap_or((&text, ""));
            let b = b.split_once("-- @before").map(|(_, b)| b).unwrap_or(b);
            (p.file_name().unwrap().to_string_lossy().into_owned(), b.to_string(), a.to_string())
        })
        .collect()
}

/// One random edit of `text` (char positions, never inside a UTF-8 sequence).
fn edit(rng: &mut Rng, text: &str, donor: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let at = rng.below(chars.len() + 1);
    let mut lines: Vec<&str> = text.lines().collect();
    match rng.below(7) {
        0 => {
            let c = ['x', '_', ' ', ',', '1', ')', '(', '\'', ';', 'é'][rng.below(10)];
            chars[..at].iter().chain(std::iter::once(&c)).chain(&chars[at..]).collect()
        }
        1 => chars.iter().enumerate().filter(|(i, _)| *i != at).map(|(_, c)| c).collect(),
        2 => chars[..at].iter().chain(['\n'].iter()).chain(&chars[at..]).collect(),
        3 if !lines.is_empty() => {
            lines.remove(rng.below(lines.len()));
            lines.join("\n")
        }
        4 if !lines.is_empty() => {
            let i = rng.below(lines.len());
            let line = lines[i];
            lines.insert(rng.below(lines.len() + 1), line);
            lines.join("\n")
        }
        5 => {
            let donor: Vec<&str> = donor.lines().collect();
            if let Some(line) = donor.get(rng.below(donor.len())) {
                lines.insert(rng.below(lines.len() + 1), line);
            }
            lines.join("\n")
        }
        _ => {
            // Retype a word: delete a few characters, insert others.
            let end = (at + rng.below(6)).min(chars.len());
            chars[..at].iter().chain("abc".chars().take(rng.below(4)).collect::<Vec<_>>().iter()).chain(&chars[end..]).collect()
        }
    }
}

fn options(rng: &mut Rng, d: Dialect) -> Options {
    let mut o = Options::new(d);
    o.zero_downtime = rng.below(4) == 0;
    o.preserve_data = rng.below(4) == 0;
    o
}

fn outputs(m: &schemashift::Migration) -> (String, String, String) {
    (contract::to_json(m), m.up_sql(), m.down_sql())
}

#[test]
fn session_updates_equal_generate_over_random_edits() {
    let steps: usize = std::env::var("SCHEMASHIFT_SESSION_STEPS").ok().and_then(|s| s.parse().ok()).unwrap_or(12);
    let mut rng = Rng(0x5E55_1011);
    let mut compared = 0;
    for (dir, d) in [("postgres", Dialect::Postgres), ("mysql", Dialect::Mysql), ("sqlite", Dialect::Sqlite)] {
        let all = cases(dir);
        assert!(!all.is_empty(), "no cases in tests/cases/{dir}");
        let mut session = Session::new();
        for (i, (name, before, after)) in all.iter().enumerate() {
            let donor = &all[(i + 1) % all.len()].2;
            let (mut before, mut after) = (before.clone(), after.clone());
            let mut opts = options(&mut rng, d);
            for step in 0..steps {
                match rng.below(10) {
                    0 => std::mem::swap(&mut before, &mut after),
                    1 => opts = options(&mut rng, d),
                    2..=3 => before = edit(&mut rng, &before, donor),
                    _ => after = edit(&mut rng, &after, donor),
                }
                let fresh = outputs(&generate(&before, &after, &opts));
                let incremental = outputs(&session.update(&before, &after, &opts));
                assert!(
                    fresh == incremental,
                    "{dir}/{name} step {step}: Session differs from generate\n--- before\n{before}\n--- after\n{after}\n--- generate up\n{}\n--- session up\n{}",
                    fresh.1,
                    incremental.1
                );
                compared += 1;
            }
        }
    }
    assert!(compared > 100, "{compared}");
}

/// The same session serves another dialect: nothing of the previous one is reused.
#[test]
fn a_session_follows_a_dialect_change() {
    let text = "CREATE TABLE t (a int, `b` int);";
    let mut session = Session::new();
    for d in [Dialect::Mysql, Dialect::Postgres, Dialect::Sqlite, Dialect::Mysql] {
        let o = Options::new(d);
        assert_eq!(outputs(&session.update("", text, &o)), outputs(&generate("", text, &o)), "{d}");
    }
}

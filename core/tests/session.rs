//! `Session::update` gives the bytes `generate` gives: random edit sequences (seeded, so a
//! failure replays) over corpus schemas of all three dialects — the engine test cases
//! (`tests/cases/*/*.sql`, every one) and the peer corpus (`../shared/corpus/*.jsonl`, a seeded
//! sample of each dialect's cases; the fixed seeds when it is absent) — each step compared on
//! the JSON result, up and down scripts. Edits: characters typed or deleted, lines deleted,
//! duplicated or moved, newlines inserted (every later position shifts), a line of another
//! case pasted, a token-level mutation (`fuzz_support::mutation`: splices from another case,
//! keywords, odd characters...), the two sides swapped, options changed; one session serves
//! all cases of a dialect (its caches hold the previous case's statements); `Session::idle` is
//! called after two steps in three.
//! SCHEMASHIFT_SESSION_STEPS sets the number of edits per case (default 12),
//! SCHEMASHIFT_SESSION_CORPUS the peer corpus cases per dialect (default 40, 0: all of them).

mod fuzz_support;

use fuzz_support::mutation::{mutate, tokens, MUTATIONS};
use fuzz_support::rng::Rng;
use fuzz_support::{corpus_cases, engine_cases, SEEDS};
use schemashift::{contract, generate, Dialect, Options, Session};

/// One random edit of `text` (char positions, never inside a UTF-8 sequence).
fn edit(rng: &mut Rng, text: &str, donor: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let at = rng.below(chars.len() + 1);
    let mut lines: Vec<&str> = text.lines().collect();
    match rng.below(8) {
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
        6 => {
            let mut toks = tokens(text);
            let m = *rng.pick(MUTATIONS);
            mutate(rng, m, &mut toks, &tokens(donor));
            toks.concat()
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

fn env_usize(name: &str, default: usize) -> usize {
    std::env::var(name).ok().and_then(|s| s.trim().parse().ok()).unwrap_or(default)
}

/// The cases of dialect `d`: every engine test case, then a seeded sample of `sample` peer
/// corpus cases (all when 0), or the fixed seed when the corpus has none.
fn cases(rng: &mut Rng, dir: &str, d: Dialect, sample: usize) -> Vec<(String, String, String)> {
    let mut all: Vec<(String, String, String)> =
        engine_cases(dir).into_iter().map(|(name, b, a)| (format!("tests/cases/{dir}/{name}"), b, a)).collect();
    let mut corpus: Vec<_> = corpus_cases().iter().filter(|c| c.dialect == d).collect();
    if sample > 0 {
        while corpus.len() > sample {
            corpus.swap_remove(rng.below(corpus.len()));
        }
    }
    all.extend(corpus.iter().map(|c| (format!("corpus {}", c.id), c.before.clone(), c.after.clone())));
    if corpus.is_empty() {
        all.extend(SEEDS.iter().filter(|(sd, _)| *sd == d).map(|(_, s)| ("seed".to_string(), String::new(), s.to_string())));
    }
    all
}

#[test]
fn session_updates_equal_generate_over_random_edits() {
    let steps = env_usize("SCHEMASHIFT_SESSION_STEPS", 12);
    let sample = env_usize("SCHEMASHIFT_SESSION_CORPUS", 40);
    let mut rng = Rng(0x5E55_1011);
    for (dir, d) in [("postgres", Dialect::Postgres), ("mysql", Dialect::Mysql), ("sqlite", Dialect::Sqlite)] {
        let all = cases(&mut rng, dir, d, sample);
        assert!(!all.is_empty(), "no {d} cases");
        let mut session = Session::new();
        let mut compared = 0;
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
                // The worker calls `idle` after most answers (not when the next call came first).
                if rng.below(3) != 0 {
                    session.idle();
                }
                assert!(
                    fresh == incremental,
                    "{name} step {step}: Session differs from generate\n--- before\n{before}\n--- after\n{after}\n--- generate up\n{}\n--- session up\n{}",
                    fresh.1,
                    incremental.1
                );
                compared += 1;
            }
        }
        println!("session: {d}: {} cases, {compared} edits compared", all.len());
        assert!(compared >= all.len() * steps, "{d}: {compared}");
    }
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

/// The parses a session shares with its migrations are never changed by a call: a side with a
/// failed statement (copied before `unchanged` syncs it), owners with and without `--owners`
/// (skipped by the diff, not cleared), renames given and taken back, sides swapped, another
/// dialect; each call compared with `generate`, repeated so that every kept parse is reused.
#[test]
fn shared_parses_stay_as_parsed() {
    let before = "CREATE TABLE t (id int PRIMARY KEY, a int);\nALTER TABLE t OWNER TO app;\nCREATE TABLE u (id int);\n";
    let after = "CREATE TABLE t (id int PRIMARY KEY, b int);\nALTER TABLE t OWNER TO web;\nCREATE TABLE u (id int, c int);\n";
    let broken = "CREATE TABLE t (id int PRIMARY KEY, b int CHECK (b >));\nALTER TABLE t OWNER TO web;\nCREATE TABLE u (id int, c int);\n";
    let mut session = Session::new();
    let mut compared = 0;
    for d in [Dialect::Postgres, Dialect::Sqlite, Dialect::Postgres] {
        for (owners, renames) in [(false, vec![]), (true, vec![]), (true, vec!["t.a=b".to_string()]), (false, vec![])] {
            let mut o = Options::new(d);
            o.owners = owners;
            o.renames = renames;
            for (b, a) in [(before, after), (before, broken), (before, broken), (broken, before), (before, after), (broken, broken)] {
                assert_eq!(
                    outputs(&session.update(b, a, &o)),
                    outputs(&generate(b, a, &o)),
                    "{d} owners={owners} {:?}\n{b}\n{a}",
                    o.renames
                );
                compared += 1;
                if compared % 2 == 0 {
                    session.idle();
                }
            }
        }
    }
}

/// Scripted edits where the incremental parse resumes, resyncs or must not: keystrokes in one
/// statement, an edit that changes a statement's object, `;` removed and added, unterminated
/// comments, strings and dollar quotes that swallow the rest, `DELIMITER` changed, edits at the
/// very start and end, an edit before the statement last edited. `idle` after every step
/// (checkpoints placed) or never (resumed from copies).
#[test]
fn scripted_edits_equal_generate() {
    let pg = "CREATE TABLE a (id int PRIMARY KEY, name text);\nCREATE INDEX ON a (name);\n\
              CREATE TABLE b (id int PRIMARY KEY, a_id int REFERENCES a);\nALTER TABLE b ADD UNIQUE (a_id);\n\
              CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $$ SELECT 1; $$;\nCOMMENT ON TABLE a IS 'the a; table';\n\
              CREATE TABLE c (id int, b_id int REFERENCES b); -- note\nCREATE INDEX ON c (b_id);\nCREATE VIEW v AS SELECT id FROM c;\n";
    let my = "CREATE TABLE a (id int PRIMARY KEY, name varchar(20));\nDELIMITER ;;\n\
              CREATE TRIGGER t BEFORE INSERT ON a FOR EACH ROW BEGIN SET NEW.name = 'x'; END ;;\nDELIMITER ;\n\
              /*!40101 SET character_set_client = utf8 */;\nCREATE TABLE b (id int, a_id int, FOREIGN KEY (a_id) REFERENCES a (id));\n\
              CREATE INDEX bi ON b (a_id);\nCREATE TABLE c (id int);\n";
    let lite = "CREATE TABLE a (id INTEGER PRIMARY KEY, name TEXT);\n\
                CREATE TRIGGER tr AFTER INSERT ON a BEGIN UPDATE a SET name = 'x'; END;\nCREATE TABLE b (id INTEGER, a_id INTEGER REFERENCES a);\n\
                CREATE INDEX bi ON b (a_id);\n";
    // (needle, replacement): the first occurrence; "^" is the start, "$" the end.
    let common: &[(&str, &str)] = &[
        ("name", "namex"),
        ("namex", "namexy"),
        ("namexy", "namexyz"),
        ("TABLE b", "TABLE bb"),
        ("TABLE bb", "TABLE b"),
        ("^", "x"),
        ("^x", ""),
        ("$", "CREATE TABLE z (q int)"),
        ("CREATE TABLE z (q int)", "CREATE TABLE z (q int);"),
        ("id int PRIMARY KEY", "id bigint PRIMARY KEY"),
        ("CREATE INDEX", "/* CREATE INDEX"),
        ("/* CREATE INDEX", "CREATE INDEX"),
        ("CREATE TABLE c", "'CREATE TABLE c"),
        ("'CREATE TABLE c", "CREATE TABLE c"),
        ("id int, b_id", "id int; b_id"),
        ("id int; b_id", "id int, b_id"),
        ("TABLE a (id", "TABLE aa (id"),
    ];
    let pg_only: &[(&str, &str)] = &[
        ("$$ SELECT 1; $$;", "$$ SELECT 1; $;"),
        ("$$ SELECT 1; $;", "$$ SELECT 1; $$;"),
        (");\nCREATE INDEX ON a", ")\nCREATE INDEX ON a"),
        (")\nCREATE INDEX ON a", ");\nCREATE INDEX ON a"),
        ("\nCOMMENT", "\n\\connect db\nCOMMENT"),
    ];
    let my_only: &[(&str, &str)] = &[
        ("DELIMITER ;;", "DELIMITER //"),
        ("END ;;", "END //"),
        ("DELIMITER //", "DELIMITER ;;"),
        ("END //", "END ;;"),
        ("DELIMITER ;\n", ""),
        ("*/;\nCREATE TABLE b", "*/;\nDELIMITER ;\nCREATE TABLE b"),
        ("/*!40101", "/*!40101 SET x = 1; */ /*!40101"),
    ];
    for (d, base, own) in [(Dialect::Postgres, pg, pg_only), (Dialect::Mysql, my, my_only), (Dialect::Sqlite, lite, &[][..])] {
        for idle in [true, false] {
            let opts = Options::new(d);
            let mut session = Session::new();
            // Statements before the edited ones, so that the parse resumes after them.
            let base = &format!("{}{base}", (0..8).map(|i| format!("CREATE TABLE p{i} (x int);\n")).collect::<String>());
            let mut text = base.to_string();
            for (i, (needle, with)) in common.iter().chain(own).enumerate() {
                text = match *needle {
                    "^" => format!("{with}{text}"),
                    "$" => format!("{text}{with}"),
                    "^x" => text.replacen("xCREATE", "CREATE", 1),
                    _ => text.replacen(needle, with, 1),
                };
                assert_eq!(outputs(&session.update(base, &text, &opts)), outputs(&generate(base, &text, &opts)), "{d} step {i}:\n{text}");
                if idle {
                    session.idle();
                }
            }
        }
    }
}

/// Scripted edits that add, drop and rename tables and foreign keys (hints and rename
/// suggestions, keys to tables that come and go, a key's target renamed under it), on a
/// schema with tables before and after the edited ones, each step compared with `generate`;
/// `idle` after every step or never.
#[test]
fn table_and_foreign_key_edits_equal_generate() {
    let base = "CREATE TABLE a (id int PRIMARY KEY, name text);\n\
                CREATE TABLE b (id int PRIMARY KEY, a_id int REFERENCES a (id));\n\
                CREATE TABLE c (id int PRIMARY KEY, b_id int);\n\
                ALTER TABLE c ADD CONSTRAINT c_b_fk FOREIGN KEY (b_id) REFERENCES b (id);\n\
                CREATE INDEX c_b_idx ON c (b_id);\n";
    // (needle, replacement): the first occurrence; "$" is the end.
    let steps: &[(&str, &str)] = &[
        ("$", "CREATE TABLE d (id int PRIMARY KEY, c_id int REFERENCES c (id));\n"),
        ("CREATE TABLE d", "CREATE TABLE dd"),
        ("CREATE TABLE dd (id int PRIMARY KEY", "CREATE TABLE dd ( -- schemashift:renamed-from d\nid int PRIMARY KEY"),
        ("a_id int REFERENCES a (id)", "a_id int"),
        ("a_id int", "a_id int REFERENCES a (id) ON DELETE CASCADE"),
        ("CREATE TABLE a (id int PRIMARY KEY, name text);\n", ""),
        ("$", "CREATE TABLE a (id int PRIMARY KEY, name text);\n"),
        ("CREATE TABLE b (", "CREATE TABLE b2 ( -- schemashift:renamed-from b\n"),
        ("REFERENCES b (id)", "REFERENCES b2 (id)"),
        ("ALTER TABLE c ADD CONSTRAINT c_b_fk FOREIGN KEY (b_id) REFERENCES b2 (id);\n", ""),
        ("CREATE INDEX c_b_idx", "ALTER TABLE c ADD FOREIGN KEY (b_id) REFERENCES b2 (id);\nCREATE INDEX c_b_idx"),
        ("CREATE TABLE c (id int PRIMARY KEY, b_id int)", "CREATE TABLE c (id int PRIMARY KEY, b_id int, note text)"),
        ("CREATE TABLE b2 ( -- schemashift:renamed-from b\n", "CREATE TABLE b2 ("),
        ("CREATE TABLE c (", "CREATE TABLE cx ("),
        ("ALTER TABLE c ", "ALTER TABLE cx "),
        ("ON c (b_id)", "ON cx (b_id)"),
        ("REFERENCES c (id)", "REFERENCES cx (id)"),
        ("CREATE TABLE dd", "DROP TABLE IF EXISTS q;\nCREATE TABLE dd"),
        ("REFERENCES cx (id)", "REFERENCES cx (idx)"),
        ("REFERENCES cx (idx)", "REFERENCES cx (id)"),
    ];
    for d in [Dialect::Postgres, Dialect::Mysql, Dialect::Sqlite] {
        for idle in [true, false] {
            let opts = Options::new(d);
            let mut session = Session::new();
            // Tables before and after the edited ones: the parse resumes mid-text, reads a suffix.
            let around = |from: usize| (from..from + 6).map(|i| format!("CREATE TABLE p{i} (x int PRIMARY KEY);\n")).collect::<String>();
            let before = format!("{}{base}{}", around(0), around(10));
            let mut text = before.clone();
            for (i, (needle, with)) in steps.iter().enumerate() {
                text = match *needle {
                    "$" => format!("{text}{with}"),
                    _ => text.replacen(needle, with, 1),
                };
                assert_eq!(
                    outputs(&session.update(&before, &text, &opts)),
                    outputs(&generate(&before, &text, &opts)),
                    "{d} step {i}:\n{text}"
                );
                // The other way: the same session with the sides swapped.
                assert_eq!(
                    outputs(&session.update(&text, &before, &opts)),
                    outputs(&generate(&text, &before, &opts)),
                    "{d} step {i} swapped"
                );
                if idle {
                    session.idle();
                }
            }
        }
    }
}

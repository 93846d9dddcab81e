//! Shared pieces of the fuzz and property tests (`fuzz_parse.rs`, `fuzz_inputs.rs`,
//! `fuzz_mutate.rs`, `session.rs`): the properties every input must satisfy (no panic,
//! diagnostics anchored inside the input, same input → same bytes), the inputs (the peer
//! corpus, the engine test cases, a few fixed seeds for when the corpus is absent), a seeded
//! RNG (`rng`) and token-level mutations (`mutation`).

#![allow(dead_code)]

pub mod mutation;
pub mod rng;

use schemashift::package::{build, Format, PackageOptions};
use schemashift::parse::parse;
use schemashift::{contract, generate, Diagnostic, Dialect, Options};
use std::path::PathBuf;
use std::sync::OnceLock;

pub const DIALECTS: [Dialect; 3] = [Dialect::Postgres, Dialect::Mysql, Dialect::Sqlite];

/// Check that every diagnostic points at a line and column of `text` (1-based; a column may
/// sit one past the end of its line, where an unexpected end of input is reported).
pub fn assert_anchored(text: &str, diags: &[Diagnostic]) {
    let lines: Vec<usize> = text.split('\n').map(|l| l.chars().count()).collect();
    for d in diags {
        assert!(d.line >= 1 && d.column >= 1, "diagnostic at {}:{}: {d}", d.line, d.column);
        let Some(len) = lines.get(d.line - 1) else {
            panic!("diagnostic past the last line ({}): {d}", lines.len());
        };
        assert!(d.column <= len + 1, "diagnostic past the end of line {} ({len} chars): {d}", d.line);
    }
}

/// Parse `text` twice: no panic, anchored diagnostics, identical results.
pub fn check_parse(d: Dialect, text: &str) {
    let a = parse(d, text);
    assert_anchored(text, &a.diagnostics);
    let b = parse(d, text);
    assert_eq!(a.diagnostics, b.diagnostics, "diagnostics differ between two parses");
    assert!(a.schema == b.schema, "schemas differ between two parses");
}

/// Run the whole pipeline on `before` → `after` twice (JSON contract and the plain package
/// compared byte for byte): no panic, anchored diagnostics, identical output.
pub fn check_generate(d: Dialect, before: &str, after: &str) {
    let opts = Options::new(d);
    let run = || {
        let m = generate(before, after, &opts);
        for sd in &m.diagnostics {
            match sd.side {
                schemashift::Side::Before => assert_anchored(before, std::slice::from_ref(&sd.diagnostic)),
                schemashift::Side::After => assert_anchored(after, std::slice::from_ref(&sd.diagnostic)),
                schemashift::Side::Options => {}
            }
        }
        let pkg = build(&m, &PackageOptions::new(Format::Plain, "20240101000000")).map(|p| p.files);
        (contract::to_json(&m), m.up_sql(), m.down_sql(), pkg)
    };
    let first = run();
    let second = run();
    assert!(first == second, "generate is not deterministic");
}

/// Every `before`/`after` of the peer corpus (../shared/corpus/*.jsonl, read by path) with its
/// dialect; empty when the corpus is absent.
pub fn corpus() -> &'static [(Dialect, String)] {
    static CORPUS: OnceLock<Vec<(Dialect, String)>> = OnceLock::new();
    CORPUS.get_or_init(load_corpus)
}

fn load_corpus() -> Vec<(Dialect, String)> {
    let mut out = Vec::new();
    for f in corpus_files() {
        let Ok(text) = std::fs::read_to_string(&f) else { continue };
        for line in text.lines().filter(|l| !l.trim().is_empty()) {
            let Ok(v) = serde_json::from_str::<serde_json::Value>(line) else { continue };
            let Some(d) = v["dialect"].as_str().and_then(|s| s.parse::<Dialect>().ok()) else { continue };
            for side in ["before", "after"] {
                if let Some(sql) = v[side].as_str() {
                    out.push((d, sql.to_string()));
                }
            }
        }
    }
    out
}

/// One case of the peer corpus: its id, dialect and both sides.
pub struct CorpusCase {
    pub id: String,
    pub dialect: Dialect,
    pub before: String,
    pub after: String,
}

/// Every case of the peer corpus (../shared/corpus/*.jsonl, read by path) as a before/after
/// pair, in file order; empty when the corpus is absent.
pub fn corpus_cases() -> &'static [CorpusCase] {
    static CASES: OnceLock<Vec<CorpusCase>> = OnceLock::new();
    CASES.get_or_init(|| {
        let mut out = Vec::new();
        for f in corpus_files() {
            let Ok(text) = std::fs::read_to_string(&f) else { continue };
            for line in text.lines().filter(|l| !l.trim().is_empty()) {
                let Ok(v) = serde_json::from_str::<serde_json::Value>(line) else { continue };
                let Some(dialect) = v["dialect"].as_str().and_then(|s| s.parse::<Dialect>().ok()) else { continue };
                let side = |k: &str| v[k].as_str().unwrap_or("").to_string();
                let id = v["id"].as_str().unwrap_or("?").to_string();
                out.push(CorpusCase { id, dialect, before: side("before"), after: side("after") });
            }
        }
        out
    })
}

/// The engine test cases of `dir` (`tests/cases/<dir>/*.sql`, split at `-- @before` /
/// `-- @after`) as (file name, before, after), in file name order.
pub fn engine_cases(dir: &str) -> Vec<(String, String, String)> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/cases").join(dir);
    let Ok(entries) = std::fs::read_dir(&path) else { return Vec::new() };
    let mut files: Vec<PathBuf> = entries.filter_map(|e| e.ok()).map(|e| e.path()).collect();
    files.retain(|p| p.extension().is_some_and(|e| e == "sql"));
    files.sort();
    files
        .into_iter()
        .filter_map(|p| {
            let text = std::fs::read_to_string(&p).ok()?;
            let (b, a) = text.split_once("-- @after").unwrap_or((&text, ""));
            let b = b.split_once("-- @before").map(|(_, b)| b).unwrap_or(b);
            Some((p.file_name()?.to_string_lossy().into_owned(), b.to_string(), a.to_string()))
        })
        .collect()
}

fn corpus_files() -> Vec<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpus");
    let Ok(entries) = std::fs::read_dir(&dir) else { return Vec::new() };
    let mut files: Vec<PathBuf> = entries.filter_map(|e| e.ok()).map(|e| e.path()).collect();
    files.retain(|p| p.extension().is_some_and(|e| e == "jsonl"));
    files.sort();
    files
}

/// Seeds used when the corpus is absent (and mixed in when it is present): one rich schema
/// per dialect.
pub const SEEDS: &[(Dialect, &str)] = &[
    (
        Dialect::Postgres,
        "CREATE TYPE mood AS ENUM ('sad', 'ok');\n\
         CREATE TABLE t (id serial PRIMARY KEY, m mood DEFAULT 'ok', n numeric(10,2) CHECK (n > (0)::numeric),\n\
           u text UNIQUE, p int REFERENCES t(id) ON DELETE CASCADE) PARTITION BY RANGE (id);\n\
         CREATE INDEX ON t (lower(u)) WHERE (n IS NOT NULL);\n\
         CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;\n\
         CREATE TRIGGER tr BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION f();\n\
         ALTER TABLE t ENABLE ROW LEVEL SECURITY;\n\
         CREATE POLICY p ON t USING (id > 0);\n\
         COMMENT ON TABLE t IS 'a table';\n",
    ),
    (
        Dialect::Mysql,
        "/*!40101 SET NAMES utf8mb4 */;\nDROP TABLE IF EXISTS `t`;\n\
         CREATE TABLE `t` (`id` int NOT NULL AUTO_INCREMENT, `u` varchar(20) COLLATE utf8mb4_bin DEFAULT NULL,\n\
           `p` int, PRIMARY KEY (`id`), UNIQUE KEY (`u`(10)), FULLTEXT KEY `ft` (`u`),\n\
           CONSTRAINT FOREIGN KEY (`p`) REFERENCES `t` (`id`), CHECK (`p` > 0)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;\n\
         DELIMITER ;;\nCREATE TRIGGER tr BEFORE INSERT ON t FOR EACH ROW BEGIN SET NEW.p = 1; END;;\nDELIMITER ;\n",
    ),
    (
        Dialect::Sqlite,
        "CREATE TABLE t (id INTEGER PRIMARY KEY AUTOINCREMENT, u TEXT UNIQUE COLLATE NOCASE,\n\
           p INT REFERENCES t(id) ON DELETE SET NULL, CHECK (p <> id)) STRICT;\n\
         CREATE INDEX i ON t (lower(u)) WHERE p IS NOT NULL;\n\
         CREATE VIEW v AS SELECT id FROM t;\n\
         CREATE TRIGGER tr AFTER INSERT ON t BEGIN UPDATE t SET p = NEW.id; END;\n",
    ),
];

/// The seeds of `d`: corpus sides of that dialect, else the fixed seed.
pub fn seeds(d: Dialect) -> Vec<&'static str> {
    let mut out: Vec<&'static str> = corpus().iter().filter(|(cd, _)| *cd == d).map(|(_, s)| s.as_str()).collect();
    out.extend(SEEDS.iter().filter(|(sd, _)| *sd == d).map(|(_, s)| *s));
    out
}

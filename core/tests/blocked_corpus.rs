//! A typo never becomes a DROP (issue 11), checked on the whole peer corpus: in every case whose
//! AFTER creates a table that BEFORE has too, `CREATE TABLE` of that table is misspelled
//! `CREAT TABLE`; the result must be blocked, name the table, and no step up or down may create,
//! alter or drop it. Skipped when the corpus is not present.

use schemashift::{generate, Dialect, ObjectKind, Options};
use std::path::PathBuf;

fn corpus_dir() -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpus");
    dir.is_dir().then_some(dir)
}

/// The byte offset of the first `CREATE TABLE` at the start of a line of `sql`.
fn first_create_table(sql: &str) -> Option<usize> {
    let mut off = 0;
    for line in sql.split_inclusive('\n') {
        if line.len() >= 12 && line.is_char_boundary(12) && line[..12].eq_ignore_ascii_case("create table") {
            return Some(off);
        }
        off += line.len();
    }
    None
}

#[test]
fn a_misspelled_create_table_touches_nothing_on_the_corpus() {
    let Some(dir) = corpus_dir() else {
        eprintln!("corpus not found; skipped");
        return;
    };
    let mut files: Vec<_> = std::fs::read_dir(&dir).unwrap().filter_map(|e| e.ok()).map(|e| e.path()).collect();
    files.retain(|p| p.extension().is_some_and(|e| e == "jsonl"));
    files.sort();
    let (mut checked, mut failures) = (0, Vec::new());
    for f in files {
        let text = std::fs::read_to_string(&f).unwrap();
        for line in text.lines().filter(|l| !l.trim().is_empty()) {
            let v: serde_json::Value = serde_json::from_str(line).unwrap();
            let dialect: Dialect = v["dialect"].as_str().unwrap().parse().unwrap();
            let id = v["id"].as_str().unwrap_or("?");
            let (Some(before), Some(after)) = (v["before"].as_str(), v["after"].as_str()) else { continue };
            let Some(at) = first_create_table(after) else { continue };
            let typo = format!("{}CREAT{}", &after[..at], &after[at + 6..]);
            let m = generate(before, &typo, &Options::new(dialect));
            // The object the misspelled statement names, from its diagnostic.
            let Some(table) = m
                .diagnostics
                .iter()
                .filter(|d| d.diagnostic.is_error() && d.diagnostic.message.contains("CREAT"))
                .flat_map(|d| d.diagnostic.objects.iter())
                .find(|o| o.kind == ObjectKind::Table)
                .map(|o| o.name.clone())
            else {
                failures.push(format!("{id}: the misspelled statement names no table"));
                continue;
            };
            if !m.before.tables.contains_key(&table) {
                continue; // a new table: nothing to keep
            }
            checked += 1;
            if !m.is_blocked() {
                failures.push(format!("{id}: not blocked"));
            }
            for (way, steps) in [("up", &m.up), ("down", &m.down)] {
                if let Some(s) = steps.iter().find(|s| s.change.table() == Some(&table)) {
                    failures.push(format!("{id}: {way} touches {table}: {}", s.sql()));
                }
            }
        }
    }
    println!("{checked} corpus cases with a misspelled CREATE TABLE of an existing table; {} failures", failures.len());
    assert!(checked > 100, "too few cases checked: {checked}");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

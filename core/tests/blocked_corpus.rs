//! A typo never becomes a DROP (issue 11), checked on the whole peer corpus: in every case whose
//! AFTER creates a table that BEFORE has too, the first `CREATE TABLE` is broken two ways — the
//! verb misspelled (`CREAT TABLE`), or an incomplete `CHECK (1 >)` added at its end — and the
//! result must be blocked, name the table, and no step up or down may create, alter or drop it.
//! Skipped when the corpus is not present.

use schemashift::{generate, Dialect, ObjectKind, Options};
use std::path::PathBuf;

fn corpus_dir() -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpus");
    dir.is_dir().then_some(dir)
}

/// `sql` with the statement starting at `at` given a last element `CHECK (1 >)`, when the
/// statement ends in `)` right before its `;`.
fn bad_check(sql: &str, at: usize) -> Option<String> {
    let end = at + sql[at..].find(';')?;
    let close = sql[..end].trim_end();
    let close = close.strip_suffix(')')?.len();
    Some(format!("{}, CHECK (1 >){}", &sql[..close], &sql[close..]))
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
            if generate(before, after, &Options::new(dialect)).has_errors() {
                continue; // the case has errors of its own
            }
            let typo = format!("{}CREAT{}", &after[..at], &after[at + 6..]);
            let variants = [Some((typo, "CREAT")), bad_check(after, at).map(|t| (t, "incomplete"))];
            for (broken, marker) in variants.into_iter().flatten() {
                let m = generate(before, &broken, &Options::new(dialect));
                // The object the broken statement names, from its diagnostic.
                let Some(table) = m
                    .diagnostics
                    .iter()
                    .filter(|d| d.diagnostic.is_error() && d.diagnostic.message.contains(marker))
                    .flat_map(|d| d.diagnostic.objects.iter())
                    .find(|o| o.kind == ObjectKind::Table)
                    .map(|o| o.name.clone())
                else {
                    let first = m.diagnostics.iter().find(|d| d.diagnostic.is_error()).map(|d| d.diagnostic.to_string());
                    failures.push(format!("{id} ({marker}): the broken statement names no table; first error: {first:?}"));
                    continue;
                };
                if !m.before.tables.contains_key(&table) {
                    continue; // a new table: nothing to keep
                }
                checked += 1;
                if !m.is_blocked() {
                    failures.push(format!("{id} ({marker}): not blocked"));
                }
                for (way, steps) in [("up", &m.up), ("down", &m.down)] {
                    if let Some(s) = steps.iter().find(|s| s.change.table() == Some(&table)) {
                        failures.push(format!("{id} ({marker}): {way} touches {table}: {}", s.sql()));
                    }
                }
            }
        }
    }
    println!("{checked} broken CREATE TABLE statements of an existing table in corpus cases; {} failures", failures.len());
    assert!(checked > 100, "too few cases checked: {checked}");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

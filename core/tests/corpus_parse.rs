//! Parses every `before`/`after` schema of the peer corpus (../shared/corpus/*.jsonl, read by
//! path, never copied) and reports, per file and per dialect, how many sides parse without
//! error diagnostics, and the sides that do not, grouped by cause (the error message) with
//! their case ids. Asserts that nothing panics. Skipped when the corpus is not present.

use schemashift::parse::parse;
use schemashift::Dialect;
use std::collections::BTreeMap;
use std::path::PathBuf;

fn corpus_dir() -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpus");
    dir.is_dir().then_some(dir)
}

#[test]
fn corpus_schemas_parse() {
    let Some(dir) = corpus_dir() else {
        eprintln!("corpus not found; skipped");
        return;
    };
    let mut files: Vec<_> = std::fs::read_dir(&dir).unwrap().filter_map(|e| e.ok()).map(|e| e.path()).collect();
    files.retain(|p| p.extension().map(|e| e == "jsonl").unwrap_or(false));
    files.sort();
    let mut causes: BTreeMap<String, usize> = BTreeMap::new();
    // Per dialect: (sides, clean sides); per dialect and cause: the case ids that miss.
    let mut per_dialect: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let mut misses: BTreeMap<(String, String), Vec<String>> = BTreeMap::new();
    let (mut all_sides, mut all_clean) = (0, 0);
    for f in files {
        let text = std::fs::read_to_string(&f).unwrap();
        let (mut sides, mut clean, mut errors) = (0, 0, 0);
        let (mut cases, mut clean_cases) = (0, 0);
        for line in text.lines().filter(|l| !l.trim().is_empty()) {
            cases += 1;
            let errors_before = errors;
            let v: serde_json::Value = serde_json::from_str(line).unwrap();
            let dialect: Dialect = v["dialect"].as_str().unwrap().parse().unwrap();
            for side in ["before", "after"] {
                let Some(sql) = v[side].as_str() else { continue };
                let p = parse(dialect, sql);
                sides += 1;
                let errs: Vec<_> = p.diagnostics.iter().filter(|d| d.is_error()).collect();
                let tally = per_dialect.entry(dialect.to_string()).or_default();
                tally.0 += 1;
                if errs.is_empty() {
                    clean += 1;
                    tally.1 += 1;
                } else {
                    let cause = cause_of(&errs[0].message);
                    let id = v["id"].as_str().unwrap_or("?");
                    misses.entry((dialect.to_string(), cause)).or_default().push(format!("{id} ({side})"));
                }
                errors += errs.len();
                for e in errs {
                    let key: String = e.message.chars().take(70).collect();
                    *causes.entry(format!("{}: {key}", dialect)).or_default() += 1;
                }
            }
            if errors == errors_before {
                clean_cases += 1;
            }
        }
        all_sides += sides;
        all_clean += clean;
        println!(
            "{}: {clean_cases}/{cases} cases and {clean}/{sides} sides without errors ({:.1}% of sides), {errors} error diagnostics",
            f.file_name().unwrap().to_string_lossy(),
            100.0 * clean as f64 / sides.max(1) as f64
        );
    }
    println!("total: {all_clean}/{all_sides} ({:.1}%)", 100.0 * all_clean as f64 / all_sides.max(1) as f64);
    for (d, (sides, clean)) in &per_dialect {
        println!("dialect {d}: {clean}/{sides} sides without errors ({:.1}%)", 100.0 * *clean as f64 / (*sides).max(1) as f64);
    }
    for ((d, cause), ids) in &misses {
        println!("miss {d}: {} side(s): {cause}\n    {}", ids.len(), ids.join("\n    "));
    }
    let mut top: Vec<_> = causes.into_iter().collect();
    top.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    for (k, n) in top.iter().take(40) {
        println!("{n:5}  {k}");
    }
}

/// The cause of a miss: the message with the names it quotes (`...`) blanked, so that the same
/// problem on different names groups together.
fn cause_of(message: &str) -> String {
    let mut out = String::new();
    let mut quoted = false;
    for ch in message.chars() {
        if ch == '`' {
            quoted = !quoted;
            out.push_str(if quoted { "`…" } else { "`" });
        } else if !quoted {
            out.push(ch);
        }
    }
    out.chars().take(90).collect()
}

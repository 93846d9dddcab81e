//! Where cases come from: hand-written files in `tests/cases/<dialect>/*.sql`, and the peer
//! corpus `../shared/corpus/*.jsonl` (read in place, never copied into the repository).
//!
//! A hand-written case file holds two sections, each introduced by a marker line:
//! `-- @before` and `-- @after`. Corpus cases carry their roles (`managed_roles`, `user`,
//! `required_roles`, `roles` flags) and a database name some MariaDB cases hard-code.

use crate::roundtrip::Case;
use schemashift::Dialect;
use serde_json::Value;
use std::path::{Path, PathBuf};

/// The test crate's directory.
pub fn crate_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The corpus folder: `SCHEMASHIFT_CORPUS`, else `../shared/corpus` from the repository root.
pub fn corpus_dir() -> PathBuf {
    match std::env::var("SCHEMASHIFT_CORPUS") {
        Ok(p) if !p.is_empty() => PathBuf::from(p),
        _ => crate_dir().join("..").join("..").join("shared").join("corpus"),
    }
}

/// The corpus files of a dialect.
pub fn corpus_files(dialect: Dialect) -> &'static [&'static str] {
    match dialect {
        Dialect::Postgres => &["sqldef_postgres.jsonl", "migra_postgres.jsonl", "pgschemadiff_postgres.jsonl"],
        Dialect::Mysql => &["sqldef_mysql.jsonl"],
        Dialect::Sqlite => &["sqldef_sqlite.jsonl"],
    }
}

/// Every corpus case of a dialect, in file order; an error when the corpus is missing.
pub fn corpus(dialect: Dialect) -> Result<Vec<Case>, String> {
    let dir = corpus_dir();
    if !dir.is_dir() {
        return Err(format!(
            "the peer corpus is missing: no folder {} (expected `shared/corpus` beside the repository; \
             set SCHEMASHIFT_CORPUS to its path)",
            dir.display()
        ));
    }
    let mut cases = Vec::new();
    for file in corpus_files(dialect) {
        let path = dir.join(file);
        let text = std::fs::read_to_string(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        for (n, line) in text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
            let v: Value = serde_json::from_str(line).map_err(|e| format!("{}:{}: {e}", path.display(), n + 1))?;
            if v["dialect"].as_str() != Some(dialect.name()) {
                continue;
            }
            cases.push(corpus_case(&v, dialect));
        }
    }
    Ok(cases)
}

fn corpus_case(v: &Value, dialect: Dialect) -> Case {
    let text = |k: &str| v[k].as_str().unwrap_or("").to_string();
    let flags = &v["flags"];
    let mut roles = Vec::new();
    for key in ["managed_roles", "required_roles", "roles"] {
        if let Some(list) = flags[key].as_array() {
            roles.extend(list.iter().filter_map(|r| r.as_str().map(str::to_string)));
        }
    }
    if let Some(user) = flags["user"].as_str() {
        roles.push(user.to_string());
    }
    let database = flags["_derived"]["requires_database_name"].as_str().map(str::to_string);
    Case { id: text("id"), dialect, before: text("before"), after: text("after"), roles, database }
}

/// The hand-written cases of a dialect, sorted by file name; ids are `hand/<file stem>`.
pub fn hand_cases(dialect: Dialect) -> Result<Vec<Case>, String> {
    hand_cases_in(&crate_dir().join("cases"), dialect)
}

/// The case files of `root/<dialect>/*.sql`, sorted by file name.
pub fn hand_cases_in(root: &Path, dialect: Dialect) -> Result<Vec<Case>, String> {
    let dir = root.join(dialect.name());
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map_err(|e| format!("cannot read {}: {e}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "sql"))
        .collect();
    files.sort();
    files.iter().map(|p| hand_case(p, dialect)).collect()
}

fn hand_case(path: &Path, dialect: Dialect) -> Result<Case, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let (before, after) =
        sections(&text).ok_or_else(|| format!("{}: a case file needs a `-- @before` line and a later `-- @after` line", path.display()))?;
    let stem = path.file_stem().map(|s| s.to_string_lossy().to_string()).unwrap_or_default();
    Ok(Case { id: format!("hand/{stem}"), dialect, before, after, roles: Vec::new(), database: None })
}

/// The text under `-- @before` and under `-- @after`.
pub fn sections(text: &str) -> Option<(String, String)> {
    let mut parts: [Option<String>; 2] = [None, None];
    let mut current: Option<usize> = None;
    for line in text.lines() {
        match line.trim() {
            "-- @before" => current = Some(0),
            "-- @after" => current = Some(1),
            _ => {
                if let Some(k) = current {
                    let part = parts[k].get_or_insert_with(String::new);
                    part.push_str(line);
                    part.push('\n');
                }
                continue;
            }
        }
        if let Some(k) = current {
            parts[k].get_or_insert_with(String::new);
        }
    }
    let [before, after] = parts;
    Some((before?, after?))
}

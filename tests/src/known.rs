//! The checked-in lists of cases that do not pass yet: `tests/known-failures/<dialect>.txt`,
//! one `case-id  # reason` a line (`#` lines are comments).
//!
//! A listed case that fails is expected; an unlisted case that fails fails the run, and so does
//! a listed case that passes (so the list stays true and only shrinks). Set
//! `SCHEMASHIFT_UPDATE_KNOWN_FAILURES=1` to rewrite the list from the run instead: every failing
//! case with the first line of its error as the reason. `SCHEMASHIFT_STRICT=1` reports listed
//! failures as failures, with their whole message (to work on them).

use schemashift::Dialect;
use std::collections::BTreeMap;
use std::path::PathBuf;

pub const UPDATE_ENV: &str = "SCHEMASHIFT_UPDATE_KNOWN_FAILURES";

pub fn update_mode() -> bool {
    std::env::var(UPDATE_ENV).is_ok_and(|v| !v.is_empty() && v != "0")
}

/// One known-failures list: its file `known-failures/<file>.txt` and the test binary that keeps
/// it true. Each dialect has its plain list; other modes (zero-downtime) have their own.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct List {
    pub dialect: Dialect,
    pub file: String,
    pub test: String,
}

impl List {
    /// The plain list of a dialect (`postgres.txt`, run by `--test postgres`).
    pub fn of(dialect: Dialect) -> List {
        List { dialect, file: dialect.name().to_string(), test: test_name(dialect).to_string() }
    }

    /// A list of another mode, e.g. `postgres-zero-downtime` run by `--test postgres_zero_downtime`.
    pub fn named(dialect: Dialect, file: &str, test: &str) -> List {
        List { dialect, file: file.to_string(), test: test.to_string() }
    }

    pub fn path(&self) -> PathBuf {
        crate::cases::crate_dir().join("known-failures").join(format!("{}.txt", self.file))
    }

    /// Case id → reason.
    pub fn load(&self) -> BTreeMap<String, String> {
        parse(&std::fs::read_to_string(self.path()).unwrap_or_default())
    }
}

pub fn path(dialect: Dialect) -> PathBuf {
    List::of(dialect).path()
}

/// Case id → reason.
pub fn load(dialect: Dialect) -> BTreeMap<String, String> {
    List::of(dialect).load()
}

pub fn parse(text: &str) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for line in text.lines() {
        let line = line.trim_end();
        if line.trim().is_empty() || line.trim_start().starts_with('#') {
            continue;
        }
        let (id, reason) = match line.find("  #") {
            Some(p) => (&line[..p], line[p + 3..].trim()),
            None => (line, ""),
        };
        out.insert(id.trim().to_string(), reason.to_string());
    }
    out
}

pub fn render(dialect: Dialect, list: &BTreeMap<String, String>) -> String {
    render_list(&List::of(dialect), list)
}

pub fn render_list(which: &List, list: &BTreeMap<String, String>) -> String {
    let mut out = format!(
        "# Cases of the {} engine tests that do not pass yet: `case-id  # reason`, one a line.\n\
         # The tests fail when a case not listed here fails, and when a listed case passes.\n\
         # Regenerate: {UPDATE_ENV}=1 cargo test -p schemashift-e2e --test {}\n",
        which.file, which.test
    );
    for (id, reason) in list {
        let reason: String = reason.replace('\n', " ").chars().take(160).collect();
        out.push_str(&format!("{id}  # {reason}\n"));
    }
    out
}

/// The test binary of a dialect.
pub fn test_name(dialect: Dialect) -> &'static str {
    match dialect {
        Dialect::Postgres => "postgres",
        Dialect::Mysql => "mariadb",
        Dialect::Sqlite => "sqlite",
    }
}

/// Write the list from the run's failures. Entries of cases the run did not include (a filtered
/// run) are kept.
pub fn update(dialect: Dialect, ran: &[String], failures: &BTreeMap<String, String>) -> Result<usize, String> {
    update_list(&List::of(dialect), ran, failures)
}

/// `update` for any list.
pub fn update_list(which: &List, ran: &[String], failures: &BTreeMap<String, String>) -> Result<usize, String> {
    let mut list = which.load();
    for id in ran {
        list.remove(id);
    }
    list.extend(failures.iter().map(|(k, v)| (k.clone(), v.clone())));
    let p = which.path();
    if let Some(dir) = p.parent() {
        std::fs::create_dir_all(dir).map_err(|e| e.to_string())?;
    }
    std::fs::write(&p, render_list(which, &list)).map_err(|e| format!("cannot write {}: {e}", p.display()))?;
    Ok(list.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_with_spaces_and_reasons_round_trip() {
        let mut list = BTreeMap::new();
        list.insert("pgschemadiff/x/Add a # thing".to_string(), "up does not apply: ERROR".to_string());
        list.insert("hand/a".to_string(), String::new());
        let text = render(Dialect::Postgres, &list);
        assert_eq!(parse(&text), list);
    }
}

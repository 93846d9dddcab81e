//! The capability layer's boundary: outside `target/`, the code asks `Target`'s capabilities and
//! never names a flavor or compares versions (so a new flavor is its own file and one line in
//! `flavors!`). Reads the crate's sources; tests (`#[cfg(test)]` modules, `*tests.rs`,
//! `testkit.rs`) may name flavors to build targets.

use std::path::{Path, PathBuf};

/// Files allowed to name a flavor, with the reason (ARCHITECTURE.md, "Files a new flavor needs").
const EXCEPTIONS: &[(&str, &str)] = &[("contract.rs", "version 1 of the JSON result has a `mariadb` key: whether the flavor is MariaDB")];

fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    let mut entries: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            sources(&p, out);
        } else if p.extension().is_some_and(|e| e == "rs") {
            out.push(p);
        }
    }
}

/// The lines of `text` outside `#[cfg(test)] mod x { ... }` blocks and comments, numbered from 1.
fn code_lines(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut lines = text.lines().enumerate().peekable();
    while let Some((i, line)) = lines.next() {
        if line.trim() == "#[cfg(test)]"
            && lines.peek().is_some_and(|(_, next)| next.trim_start().starts_with("mod ") && next.ends_with('{'))
        {
            let indent = line.len() - line.trim_start().len();
            let close = format!("{}}}", " ".repeat(indent));
            for (_, l) in lines.by_ref() {
                if l == close {
                    break;
                }
            }
            continue;
        }
        let t = line.trim_start();
        if !t.starts_with("//") {
            out.push((i + 1, line));
        }
    }
    out
}

/// `Flavor::Mariadb`, `Flavor::D1` (a variant), not `Flavor::ALL` or `Flavor::of`.
fn names_a_flavor(line: &str) -> bool {
    line.match_indices("Flavor::").any(|(at, m)| {
        let ident: String = line[at + m.len()..].chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
        ident.starts_with(|c: char| c.is_ascii_uppercase()) && ident != "ALL"
    })
}

/// `version == (8, 0)`, `.version >= (..)`, `version.1 < 4`: a version compared by hand.
fn compares_versions(line: &str) -> bool {
    ["version ", "version.0 ", "version.1 "].iter().any(|head| {
        line.match_indices(head).any(|(at, m)| {
            let before_dot = line[..at].ends_with('.');
            let rest = line[at + m.len()..].trim_start();
            before_dot && ["==", "!=", ">=", "<=", "< ", "> "].iter().any(|op| rest.starts_with(op))
        })
    })
}

#[test]
fn flavors_and_versions_are_named_only_inside_target() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    sources(&src, &mut files);
    assert!(files.len() > 100, "the sources were not found under {}", src.display());
    let mut found = Vec::new();
    for path in &files {
        let rel = path.strip_prefix(&src).unwrap_or(path).to_string_lossy().replace('\\', "/");
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let test_file = name.ends_with("tests.rs") || name == "testkit.rs" || rel.split('/').any(|p| p == "tests");
        if rel.starts_with("target/") || test_file || EXCEPTIONS.iter().any(|(f, _)| *f == rel) {
            continue;
        }
        let text = std::fs::read_to_string(path).unwrap_or_default();
        for (n, line) in code_lines(&text) {
            if names_a_flavor(line) || compares_versions(line) {
                found.push(format!("src/{rel}:{n}: {}", line.trim()));
            }
        }
    }
    assert!(
        found.is_empty(),
        "ask a capability of `Target` (target/engine.rs) instead of naming a flavor or comparing versions:\n{}",
        found.join("\n")
    );
}

#[test]
fn the_scan_sees_what_it_forbids() {
    assert!(names_a_flavor("if t.flavor == crate::Flavor::Mariadb {"));
    assert!(names_a_flavor("Flavor::D1 => x,"));
    assert!(!names_a_flavor("Flavor::ALL.iter()") && !names_a_flavor("Flavor::of(d)"));
    assert!(compares_versions("if t.version == (8, 0) {") && compares_versions("let old = ctx.target.version.1 < 4;"));
    assert!(!compares_versions("meta.version.clone()") && !compares_versions("format!(\"{}\", t.version.0)"));
    let text = "fn a() {}\n#[cfg(test)]\nmod tests {\n    Flavor::Mysql\n}\nfn b() {}\n";
    let kept: Vec<usize> = code_lines(text).into_iter().map(|(n, _)| n).collect();
    assert_eq!(kept, vec![1, 6]);
}

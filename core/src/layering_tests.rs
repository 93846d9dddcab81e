//! ARCHITECTURE.md's invariant "parse and diff do not import render", checked on the source:
//! the model they build and compare holds no rendered SQL (comment targets are typed,
//! `model::CommentTarget`), and quoting canonical text goes through `crate::quote`.

use std::path::{Path, PathBuf};

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// The text without `//` comments (line and doc comments; a `//` inside a string is rare
/// enough in these files not to matter: it would only hide the rest of its line).
fn code(text: &str) -> String {
    text.lines().map(|l| l.split("//").next().unwrap_or("")).collect::<Vec<_>>().join("\n")
}

/// Where `code` reaches the render module: a path through it, or a `use` naming it.
fn render_uses(code: &str) -> Vec<String> {
    let mut found = Vec::new();
    let word = |s: &str| s.split(|c: char| !(c.is_alphanumeric() || c == '_')).any(|w| w == "render");
    for stmt in code.split(';') {
        let s = stmt.trim();
        if s.contains("render::") || s.contains("::render") || (s.starts_with("use ") && word(s)) || s.contains("use crate::{") && word(s) {
            found.push(s.lines().find(|l| l.contains("render")).unwrap_or(s).trim().to_string());
        }
    }
    found
}

#[test]
fn parse_and_diff_do_not_import_render() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src.join("parse"), &mut files);
    rust_files(&src.join("diff"), &mut files);
    assert!(files.len() > 40, "expected the parse and diff sources, found {}", files.len());
    let mut bad = Vec::new();
    for f in &files {
        let text = std::fs::read_to_string(f).unwrap_or_default();
        for u in render_uses(&code(&text)) {
            bad.push(format!("{}: {u}", f.strip_prefix(&src).unwrap_or(f).display()));
        }
    }
    assert!(bad.is_empty(), "parse/ and diff/ must not use render (ARCHITECTURE.md invariants):\n{}", bad.join("\n"));
}

#[test]
fn the_check_sees_each_way_of_reaching_render() {
    for text in [
        "use crate::render::quote;",
        "let x = crate::render::quote::ident(d, n);",
        "use crate::{model, render};",
        "use crate::{\n    model,\n    render::RenderContext,\n};",
        "let s = super::super::render::pg_type(t);",
    ] {
        assert!(!render_uses(&code(text)).is_empty(), "{text}");
    }
    for text in ["// render::quote in a comment", "/// see `render::postgres`", "let rendered = 1;", "fn render_later() {}"] {
        assert!(render_uses(&code(text)).is_empty(), "{text}");
    }
}

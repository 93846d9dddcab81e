//! Registry checks: ids unique, well-formed, matching their dialect, and documented.

use super::{docs_markdown, ALL};
use crate::Dialect;
use std::collections::BTreeSet;

#[test]
fn ids_are_unique_kebab_case_and_prefixed_by_dialect() {
    let mut seen = BTreeSet::new();
    for r in ALL {
        assert!(seen.insert(r.id), "duplicate rule id {}", r.id);
        assert!(r.id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'), "{} is not kebab-case", r.id);
        let expected = match r.dialect {
            None => "any-",
            Some(Dialect::Postgres) => "pg-",
            Some(Dialect::Mysql) => "mysql-",
            Some(Dialect::Sqlite) => "sqlite-",
        };
        assert!(r.id.starts_with(expected), "{} should start with {expected}", r.id);
    }
}

#[test]
fn every_rule_is_documented_in_four_parts() {
    for r in ALL {
        assert!(!r.title.trim().is_empty(), "{} has no title", r.id);
        for section in ["## What it does", "## Why is this bad?", "## Example", "## Use instead"] {
            assert!(r.doc.contains(section), "{} doc lacks `{section}`", r.id);
        }
    }
}

#[test]
fn docs_page_lists_every_rule() {
    let page = docs_markdown();
    for r in ALL {
        assert!(page.contains(&format!("<a id=\"{}\"></a>", r.id)), "{} missing from the page", r.id);
        assert!(page.contains(&format!("(#{})", r.id)));
    }
}

#[test]
fn enough_rules_per_dialect() {
    let count = |p: &str| ALL.iter().filter(|r| r.id.starts_with(p)).count();
    let (any, pg, my, lite) = (count("any-"), count("pg-"), count("mysql-"), count("sqlite-"));
    assert!(any + pg + my + lite >= 60, "only {} rules", ALL.len());
    assert!(pg > 0 && my > 0 && lite > 0 && any > 0);
}

#[test]
fn docs_page_nests_rule_sections() {
    let page = docs_markdown();
    assert!(page.starts_with("# schemashift risk rules"));
    assert!(page.contains("#### What it does"));
    assert!(!page.contains("\n## What it does"));
}

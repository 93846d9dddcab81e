//! Fixed hostile inputs, for every dialect: empty text, only comments, only whitespace and
//! semicolons, a 50 MB input, and 10 000-deep nesting. Each must parse (and go through
//! `generate`) without a panic or a stack overflow, with every diagnostic anchored inside the
//! input. Nothing here is timed: speed targets live in the benchmarks (core/benches).

mod fuzz_support;

use fuzz_support::{assert_anchored, check_generate, check_parse, DIALECTS};
use schemashift::parse::parse;

#[test]
fn empty_input_is_an_empty_schema() {
    for d in DIALECTS {
        let p = parse(d, "");
        assert!(p.diagnostics.is_empty(), "{d}: {:?}", p.diagnostics);
        assert!(p.schema.tables.is_empty());
        check_generate(d, "", "");
        let m = schemashift::generate("", "", &schemashift::Options::new(d));
        assert!(m.up.is_empty() && m.down.is_empty());
    }
}

#[test]
fn only_comments_and_blanks_are_an_empty_schema() {
    let inputs = [
        "-- nothing here\n",
        "/* a block\n comment */",
        "-- a\n/* b */\n\n   \t\n-- c",
        "  \n\n\t ",
        ";;;\n ; ;",
        "/* unterminated block",
        "#  mysql comment\n",
    ];
    for d in DIALECTS {
        for text in inputs {
            check_parse(d, text);
            let p = parse(d, text);
            assert!(p.schema.tables.is_empty(), "{d}: {text:?}");
            let errors: Vec<_> = p.diagnostics.iter().filter(|x| x.is_error()).collect();
            // Only the unterminated comment (and `#` outside MySQL) may be reported.
            if !text.contains("unterminated") && !text.starts_with('#') {
                assert!(errors.is_empty(), "{d}: {text:?}: {errors:?}");
            }
        }
    }
}

/// One 50 MB input: a few thousand ordinary tables, then a 16 MB block comment, a 16 MB string
/// literal, and 16 MB of byte soup. It must complete for every dialect (time is not asserted:
/// see the benchmarks) with every table read and every diagnostic anchored.
#[test]
fn fifty_megabytes_complete() {
    const MB: usize = 1024 * 1024;
    let mut text = String::with_capacity(51 * MB);
    let mut tables = 0;
    while text.len() < 2 * MB {
        text.push_str(&format!(
            "CREATE TABLE t{tables} (id int PRIMARY KEY, name varchar(40) NOT NULL UNIQUE, ref int REFERENCES t0 (id));\n\
             CREATE INDEX t{tables}_name ON t{tables} (name);\n"
        ));
        tables += 1;
    }
    text.push_str(&format!("/*{}*/\n", "c".repeat(16 * MB)));
    text.push_str(&format!("CREATE TABLE big (s text DEFAULT '{}');\n", "s".repeat(16 * MB)));
    // Deterministic byte soup (a linear congruential sequence) over SQL's special characters.
    let alphabet = b"abc (),;'\"\n-*/$`[]\\";
    let mut x: u32 = 12345;
    let soup: Vec<u8> = (0..16 * MB)
        .map(|_| {
            x = x.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            alphabet[(x >> 16) as usize % alphabet.len()]
        })
        .collect();
    text.push_str(&String::from_utf8_lossy(&soup));
    assert!(text.len() >= 50 * MB);
    for d in DIALECTS {
        let p = parse(d, &text);
        assert_anchored(&text, &p.diagnostics);
        assert_eq!(p.schema.tables.len(), tables + 1, "{d}: every table before the soup is read");
    }
}

/// 10 000 levels of parentheses (balanced and not) in every place an expression is read.
#[test]
fn ten_thousand_deep_nesting_does_not_overflow() {
    const DEPTH: usize = 10_000;
    let open = "(".repeat(DEPTH);
    let close = ")".repeat(DEPTH);
    let texts = [
        format!("CREATE TABLE t (a int CHECK {open}a > 0{close});"),
        format!("CREATE TABLE t (a int DEFAULT {open}1{close});"),
        format!("CREATE TABLE t (a int);\nCREATE INDEX i ON t ({open}a + 1{close});"),
        format!("CREATE VIEW v AS SELECT {open}1{close} AS x;"),
        format!("CREATE TABLE t (a int CHECK {open}a > 0);\nCREATE TABLE u (b int);"),
        format!("CREATE TABLE t (a int CHECK (a > 0{close});"),
        format!("CREATE TABLE t {open});"),
        format!("CREATE TABLE t (a int GENERATED ALWAYS AS {open}a{close} STORED);"),
        format!("ALTER TABLE t ADD CONSTRAINT c CHECK {open}a{close};"),
        format!("CREATE TABLE t (a int, b int, PRIMARY KEY {open}a, b{close});"),
        "CASE WHEN ".repeat(DEPTH),
        format!("CREATE TABLE t (a int CHECK ({}1{}));", "CASE WHEN a > 0 THEN ".repeat(DEPTH), " END".repeat(DEPTH)),
        "[".repeat(DEPTH),
        format!("CREATE FUNCTION f() RETURNS int AS $$ {open} $$ LANGUAGE sql;"),
        format!("CREATE TABLE t (a int DEFAULT {}1);", "-".repeat(DEPTH)),
        format!("CREATE TABLE t (a int DEFAULT {}1);", "NOT ".repeat(DEPTH)),
        format!("CREATE TABLE t (a int[{}]);", "[".repeat(DEPTH)),
    ];
    for d in DIALECTS {
        for text in &texts {
            check_parse(d, text);
            check_generate(d, "CREATE TABLE t (a int);", text);
            // A dollar-quoted body is one opaque token: its parentheses are not nesting.
            if text.contains(&open) && !text.contains("$$") {
                let p = parse(d, text);
                let deep = p.diagnostics.iter().find(|x| x.message.contains("nested deeper than 1000"));
                let deep = deep.unwrap_or_else(|| panic!("{d}: no nesting diagnostic: {:?}", p.diagnostics));
                assert!(deep.is_error() && deep.line >= 1 && deep.column > 1000);
            }
        }
    }
}

/// The nesting cap is 1000 levels: exactly 1000 still parses into the model.
#[test]
fn a_thousand_levels_still_parse() {
    let text = format!("CREATE TABLE t (a int CHECK {}a > 0{});", "(".repeat(999), ")".repeat(999));
    for d in DIALECTS {
        let p = parse(d, &text);
        assert!(p.diagnostics.iter().all(|x| !x.is_error()), "{d}: {:?}", p.diagnostics);
        let t = p.schema.tables.values().next().expect("table t");
        assert_eq!(t.constraints.len(), 1, "{d}");
        check_parse(d, &text);
    }
}

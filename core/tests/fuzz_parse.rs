//! Property-based fuzzing of the parser and the whole pipeline (proptest; cargo-fuzz needs a
//! nightly toolchain and libFuzzer, which this project does not have). Inputs: SQL-ish token
//! soup, mutated corpus schemas (../shared/corpus, read by path; built-in seeds when it is
//! absent), deeply nested parentheses, random bytes read as lossy UTF-8, and huge single
//! tokens. Properties, for every dialect: `parse` and `generate` never panic, every diagnostic
//! has a line and column inside the input, and the same input gives the same bytes twice.
//!
//! Bounded so that it runs in `cargo test`: the RNG seed is fixed (override with
//! PROPTEST_RNG_SEED) and the case counts are small (scale them with PROPTEST_CASES, which
//! sets the count of the main properties; the others take a fixed fraction of it).

mod fuzz_support;

use fuzz_support::{check_generate, check_parse, seeds, DIALECTS};
use proptest::prelude::*;
use proptest::sample::Index;
use proptest::test_runner::{Config, RngSeed};

/// Words, punctuation and quoting that the statement splitter and readers care about.
const VOCAB: &[&str] = &[
    "CREATE",
    "TABLE",
    "ALTER",
    "DROP",
    "INDEX",
    "UNIQUE",
    "ON",
    "ONLY",
    "ADD",
    "COLUMN",
    "CONSTRAINT",
    "PRIMARY",
    "KEY",
    "FOREIGN",
    "REFERENCES",
    "CHECK",
    "DEFAULT",
    "NOT",
    "NULL",
    "GENERATED",
    "ALWAYS",
    "AS",
    "IDENTITY",
    "STORED",
    "VIRTUAL",
    "VIEW",
    "MATERIALIZED",
    "TYPE",
    "ENUM",
    "DOMAIN",
    "SEQUENCE",
    "OWNED",
    "BY",
    "FUNCTION",
    "PROCEDURE",
    "TRIGGER",
    "BEFORE",
    "AFTER",
    "FOR",
    "EACH",
    "ROW",
    "EXECUTE",
    "BEGIN",
    "END",
    "RETURNS",
    "LANGUAGE",
    "POLICY",
    "USING",
    "WITH",
    "PARTITION",
    "OF",
    "RANGE",
    "LIST",
    "VALUES",
    "FROM",
    "TO",
    "IN",
    "RENAME",
    "COMMENT",
    "IS",
    "IF",
    "EXISTS",
    "SCHEMA",
    "EXTENSION",
    "SET",
    "GRANT",
    "REVOKE",
    "ENGINE",
    "=",
    "InnoDB",
    "CHARSET",
    "COLLATE",
    "AUTO_INCREMENT",
    "AUTOINCREMENT",
    "WITHOUT",
    "ROWID",
    "STRICT",
    "DELIMITER",
    "//",
    ";;",
    "$$",
    "$x$",
    "int",
    "integer",
    "bigint",
    "varchar(10)",
    "text",
    "numeric(10,2)",
    "timestamptz",
    "serial",
    "boolean",
    "json",
    "int[]",
    "enum('a','b')",
    "(",
    ")",
    "(",
    ")",
    ",",
    ",",
    ";",
    ";",
    ".",
    "::",
    "->",
    "+",
    "-",
    "*",
    "/",
    "%",
    "<>",
    "<=",
    "||",
    "'str'",
    "'it''s'",
    "E'\\n'",
    "\"Quoted\"",
    "`back`",
    "[br]",
    "x",
    "t",
    "id",
    "a_b",
    "0",
    "1.5",
    "-1",
    "0x1F",
    "X'ab'",
    "--c\n",
    "/* c */",
    "/*!40101 ",
    "*/",
    "/*",
    "'",
    "\"",
    "`",
    "$",
    "\\",
    "?",
    "@v",
    "NEW",
    "OLD",
    "CASCADE",
    "RESTRICT",
    "DEFERRABLE",
    "INITIALLY",
    "DEFERRED",
    "MATCH",
    "FULL",
    "NULLS",
    "FIRST",
    "LAST",
    "ASC",
    "DESC",
    "INCLUDE",
    "WHERE",
    "AND",
    "OR",
    "CASE",
    "WHEN",
    "THEN",
    "ELSE",
    "FULLTEXT",
    "SPATIAL",
    "UNLOGGED",
    "TEMPORARY",
    "LIKE",
    "INHERITS",
    "OWNER",
    "é",
    "表",
    "\u{0}",
    "\r",
];

const SPACES: &[&str] = &[" ", " ", " ", "\n", "\t", "", "\r\n", "  "];

/// `n` cases, or PROPTEST_CASES scaled by `per_mille`/1000 when it is set.
fn config(n: u32, per_mille: u32) -> Config {
    let mut c = Config {
        cases: match std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse::<u32>().ok()) {
            Some(k) => (k * per_mille / 1000).max(1),
            None => n,
        },
        failure_persistence: None,
        ..Config::default()
    };
    if std::env::var("PROPTEST_RNG_SEED").is_err() {
        c.rng_seed = RngSeed::Fixed(0x5c4e_3a51);
    }
    c.max_shrink_iters = 2_000;
    c
}

fn token_soup() -> impl Strategy<Value = String> {
    let tok = prop_oneof![
        8 => proptest::sample::select(VOCAB).prop_map(str::to_string),
        1 => "[a-zA-Z_][a-zA-Z0-9_$]{0,12}",
        1 => any::<char>().prop_map(|c| c.to_string()),
    ];
    proptest::collection::vec((tok, proptest::sample::select(SPACES)), 0..160)
        .prop_map(|v| v.into_iter().map(|(t, s)| format!("{t}{s}")).collect())
}

/// One edit of a seed text, at char positions picked by `Index`es.
#[derive(Clone, Debug)]
enum Edit {
    Delete(Index, Index),
    Duplicate(Index, Index),
    Insert(Index, Index),
    Truncate(Index),
    Swap(Index, Index),
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        (any::<Index>(), any::<Index>()).prop_map(|(a, b)| Edit::Delete(a, b)),
        (any::<Index>(), any::<Index>()).prop_map(|(a, b)| Edit::Duplicate(a, b)),
        (any::<Index>(), any::<Index>()).prop_map(|(a, b)| Edit::Insert(a, b)),
        any::<Index>().prop_map(Edit::Truncate),
        (any::<Index>(), any::<Index>()).prop_map(|(a, b)| Edit::Swap(a, b)),
    ]
}

fn apply(seed: &str, edits: &[Edit]) -> String {
    let mut s: Vec<char> = seed.chars().collect();
    for e in edits {
        let n = s.len() + 1;
        let span = |a: &Index, b: &Index| {
            let x = a.index(n);
            (x, (x + b.index(40)).min(n - 1))
        };
        match e {
            Edit::Delete(a, b) => {
                let (x, y) = span(a, b);
                s.drain(x..y);
            }
            Edit::Duplicate(a, b) => {
                let (x, y) = span(a, b);
                let piece: Vec<char> = s[x..y].to_vec();
                s.splice(y..y, piece);
            }
            Edit::Insert(a, w) => {
                let at = a.index(n);
                let word = format!(" {} ", w.get(VOCAB));
                s.splice(at..at, word.chars());
            }
            Edit::Truncate(a) => s.truncate(a.index(n)),
            Edit::Swap(a, b) => {
                let x = a.index(n);
                let y = b.index(n);
                let (x, y) = (x.min(y), x.max(y));
                if x < y && y < s.len() {
                    s.swap(x, y);
                }
            }
        }
    }
    s.into_iter().collect()
}

/// `depth` nested wrappings of an expression, placed in a CHECK, a DEFAULT, an index
/// expression or a view; `close` false leaves them unbalanced.
fn nested(depth: usize, place: usize, close: bool) -> String {
    let inner = format!("{}a + 1{}", "(".repeat(depth), if close { ")".repeat(depth) } else { String::new() });
    match place % 5 {
        0 => format!("CREATE TABLE t (a int CHECK {inner});"),
        1 => format!("CREATE TABLE t (a int DEFAULT {inner}, b int);"),
        2 => format!("CREATE TABLE t (a int);\nCREATE INDEX i ON t ({inner});"),
        3 => format!("CREATE VIEW v AS SELECT {inner} AS x FROM t;"),
        _ => format!("CREATE TABLE t (a int, CONSTRAINT c CHECK (a > 0 AND {inner}));\nALTER TABLE t ADD CHECK {inner};"),
    }
}

/// A huge single token of `len` characters: identifier, quoted name, string, number, comment,
/// dollar-quoted body (terminated or not).
fn huge(kind: usize, len: usize, terminated: bool) -> String {
    let body = "x".repeat(len);
    let end = |s: &str| if terminated { s.to_string() } else { String::new() };
    let tok = match kind % 6 {
        0 => body,
        1 => format!("\"{body}{}", end("\"")),
        2 => format!("'{body}{}", end("'")),
        3 => "9".repeat(len),
        4 => format!("/*{body}{}", end("*/")),
        _ => format!("$q${body}{}", end("$q$")),
    };
    format!("CREATE TABLE t (a int DEFAULT {tok}, {tok} int);\nCREATE TABLE {tok} (b text);")
}

fn each_dialect(f: impl Fn(schemashift::Dialect)) {
    for d in DIALECTS {
        f(d);
    }
}

proptest! {
    #![proptest_config(config(256, 1000))]

    #[test]
    fn token_soup_never_panics(text in token_soup()) {
        each_dialect(|d| {
            check_parse(d, &text);
            check_generate(d, "", &text);
        });
    }

    #[test]
    fn mutated_schemas_never_panic(
        d in proptest::sample::select(&DIALECTS[..]),
        pick in any::<Index>(),
        other in any::<Index>(),
        edits in proptest::collection::vec(edit(), 1..6),
    ) {
        let pool = seeds(d);
        let seed = *pick.get(&pool);
        let text = apply(seed, &edits);
        check_parse(d, &text);
        // The edited schema against its seed (a real diff) and against another seed.
        check_generate(d, seed, &text);
        let other_seed = *other.get(&pool);
        check_generate(d, &text, other_seed);
    }
}

proptest! {
    #![proptest_config(config(48, 200))]

    #[test]
    fn deep_nesting_never_panics(depth in 0usize..1100, place in 0usize..5, close in any::<bool>()) {
        let text = nested(depth, place, close);
        each_dialect(|d| {
            check_parse(d, &text);
            check_generate(d, "", &text);
        });
    }

    #[test]
    fn random_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..3000)) {
        let text = String::from_utf8_lossy(&bytes).into_owned();
        each_dialect(|d| {
            check_parse(d, &text);
            check_generate(d, &text, &text);
        });
    }
}

proptest! {
    #![proptest_config(config(12, 50))]

    #[test]
    fn huge_tokens_never_panic(kind in 0usize..6, len in 1_000usize..200_000, terminated in any::<bool>()) {
        let text = huge(kind, len, terminated);
        each_dialect(|d| check_parse(d, &text));
        check_generate(schemashift::Dialect::Postgres, "", &text);
    }
}

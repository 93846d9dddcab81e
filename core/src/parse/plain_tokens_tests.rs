//! `plain_tokens` gives sqlparser's tokens whenever it reads a text.

use super::super::cursor::{by_sqlparser, Comment, PResult, Tok};
use super::super::split::split;
use super::*;
use crate::Dialect;
use proptest::prelude::*;

type Tokens = PResult<(Vec<Tok>, Vec<Comment>)>;

fn plain(text: &str, line: usize, col: usize) -> Option<Tokens> {
    let (mut toks, mut comments) = (Vec::new(), Vec::new());
    tokenize(text, line, col, &mut toks, &mut comments).then_some(Ok((toks, comments)))
}

fn sqlparser(text: &str, line: usize, col: usize) -> Tokens {
    let (mut toks, mut comments) = (Vec::new(), Vec::new());
    by_sqlparser(Dialect::Postgres, text, line, col, &mut toks, &mut comments)?;
    Ok((toks, comments))
}

/// Both agree where `plain` reads the text; true when it did.
fn check(text: &str, line: usize, col: usize) -> bool {
    match plain(text, line, col) {
        Some(p) => {
            assert_eq!(p, sqlparser(text, line, col), "{text:?}");
            true
        }
        None => false,
    }
}

#[test]
fn keywords_as_sqlparser_looks_them_up() {
    assert!(ALL_KEYWORDS.windows(2).all(|w| w[0] < w[1]), "sorted: the binary search finds every keyword");
    assert!(ALL_KEYWORDS.iter().all(|k| k.len() < KEYWORD_MAX && k.is_ascii()));
    let others = ["", "a", "t0", "id", "x_y", "regclass", "nextval", "ZZZZ", "public", "ab$c", &"a".repeat(70)];
    let lower: Vec<String> = ALL_KEYWORDS.iter().map(|k| k.to_ascii_lowercase()).collect();
    let mixed: Vec<String> =
        ALL_KEYWORDS.iter().map(|k| format!("{}{}", k.get(..1).unwrap_or(""), k.get(1..).unwrap_or("").to_ascii_lowercase())).collect();
    let words = ALL_KEYWORDS.iter().copied().chain(others).chain(lower.iter().map(String::as_str)).chain(mixed.iter().map(String::as_str));
    for w in words {
        match Token::make_word(w, None) {
            Token::Word(expected) => assert_eq!(keyword(w), expected.keyword, "{w}"),
            other => panic!("{other:?}"),
        }
    }
}

#[test]
fn the_fixtures_and_the_bench_dump() {
    let mut read = 0;
    let mut pieces = 0;
    let texts = [include_str!("../../tests/fixtures/pg_rich.dump.sql"), include_str!("../../tests/fixtures/pg_rich.sql")];
    for text in texts {
        for p in split(Dialect::Postgres, text) {
            pieces += 1;
            read += usize::from(check(&p.text, p.line, p.col));
        }
    }
    assert!(read * 3 > pieces, "{read} of {pieces}");
    let dump = "CREATE TABLE public.t0 (\n    id integer NOT NULL,\n    price numeric(12,2) DEFAULT 0 NOT NULL,\n    \
                CONSTRAINT t0_qty_check CHECK ((qty >= 0))\n)";
    assert!(check(dump, 1, 1));
    assert!(check(dump, 7, 3));
    assert!(check("ALTER TABLE ONLY public.t0 ALTER COLUMN id SET DEFAULT nextval('public.t0_id_seq'::regclass)", 9, 1));
    assert!(check("-- a comment\n-- é\nCREATE TABLE \"Q\"\"x\" (a int) -- renamed from b", 2, 5));
    assert!(check("SELECT 'it''s é', \"a\"\"b\", x <> 1, y <= 2, z>=3, a<b, c>d, e=f", 1, 1));
}

#[test]
fn what_it_refuses() {
    for text in [
        "SELECT E'a'",
        "SELECT B'01'",
        "SELECT X'1F'",
        "SELECT N'x'",
        "SELECT U&'x'",
        "SELECT 1.5",
        "SELECT .5",
        "SELECT 1e5",
        "SELECT 1_000",
        "SELECT 0x1F",
        "SELECT $1",
        "SELECT $$x$$",
        "a;b",
        "a - b",
        "a / b",
        "a\r\nb",
        "é",
        "a <-> b",
        "a <=> b",
        "a => b",
        "a := b",
        "a ->> b",
        "'unterminated",
        "\"unterminated",
        "/* c */ a",
    ] {
        assert!(plain(text, 1, 1).is_none(), "{text:?}");
    }
}

/// Pieces of text `plain` reads, and some it refuses.
fn piece() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec![
        "a",
        "Ab",
        "_x",
        "e",
        "E",
        "x",
        "X",
        "b",
        "N",
        "n",
        "u",
        "U",
        "q",
        "t0",
        "id",
        "select",
        "NOT",
        "null",
        "a$",
        "1",
        "0",
        "12",
        " ",
        "  ",
        "\n",
        "\t",
        "(",
        ")",
        ",",
        ".",
        "::",
        ":",
        "=",
        "<",
        ">",
        "<=",
        ">=",
        "<>",
        "--c\n",
        "-- x é\n",
        "--",
        "-",
        "'s'",
        "'a''b'",
        "''",
        "'é'",
        "'\n'",
        "\"Q\"",
        "\"a\"\"b\"",
        "\"\"",
        "\"",
        "'",
        "$",
        "é",
        ";",
        "\r",
        "/",
        "*",
        "+",
        "!",
        "@",
        "&",
        "~",
        "|",
        "^",
        "#",
        "%",
        "?",
        "[",
        "]",
        "{",
        "}",
        "\\",
        "9.5",
        "1e",
        "_",
        "\u{b}",
    ])
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(4000))]
    #[test]
    fn random_texts(parts in prop::collection::vec(piece(), 0..24), line in 1usize..4, col in 1usize..4) {
        check(&parts.concat(), line, col);
    }
}

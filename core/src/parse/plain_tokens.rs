//! The tokens of a plain PostgreSQL statement without sqlparser's tokenizer.
//!
//! Tokenizing is most of a parse (a 10,000-table dump: two thirds of a million statements, a
//! token per whitespace character in sqlparser, a `String` per word and a binary search among
//! its keywords). Most statements of a dump use a small part of the language: words, quoted
//! names, integers, plain strings, `--` comments, parentheses, commas, periods, `::` and a few
//! comparison operators. `tokenize` reads exactly those, giving the tokens sqlparser 0.64's
//! tokenizer gives with `Lexical<PostgreSqlDialect>` (`tokenizer.rs`, `next_token`: the arm
//! each character takes, and the one-character look-ahead that picks it), and gives up
//! (false) on anything else: any other character outside a string, quoted name or comment
//! (`$`, `;`, `-` alone, `/`, `\r`, non-ASCII, ...), a word followed by a quote (`E'...'`,
//! `B'...'`, `X'...'`, `N'...'`), a number followed by a letter, digit separator or period,
//! a period before a digit or `_`, an operator followed by another operator character (a
//! custom operator), an unterminated string or name. The caller then uses sqlparser's
//! tokenizer, as for every other dialect. `tests` checks both agree on the fixtures and on
//! random texts made of the characters this reads and those it refuses.

use super::cursor::{Comment, Tok};
use super::token_cache::TextHash;
use sqlparser::keywords::{Keyword, ALL_KEYWORDS, ALL_KEYWORDS_INDEX};
use sqlparser::tokenizer::{Token, Word};
use std::collections::HashMap;
use std::sync::OnceLock;

/// Tokenize `text`, a statement of a PostgreSQL input starting at (`line`, `col`), into `toks`
/// and `comments` (empty on entry) as `cursor::tokenize_into` does; false (both left empty)
/// when the text uses something this does not read.
pub fn tokenize(text: &str, line: usize, col: usize, toks: &mut Vec<Tok>, comments: &mut Vec<Comment>) -> bool {
    let ok = read(text, line, col, toks, comments).is_some();
    if !ok {
        toks.clear();
        comments.clear();
    }
    ok
}

/// A character after an operator that cannot continue it (sqlparser's `start_binop` takes any
/// of PostgreSQL's custom operator characters) nor make another operator of it.
fn ends_operator(b: Option<&u8>) -> bool {
    matches!(b, Some(c) if c.is_ascii_alphanumeric() || matches!(c, b' ' | b'\t' | b'\n' | b'_' | b'(' | b')' | b'\'' | b'"' | b','))
}

fn word_part(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_' || c == b'$'
}

fn read(text: &str, line: usize, col: usize, toks: &mut Vec<Tok>, comments: &mut Vec<Comment>) -> Option<()> {
    let s = text.as_bytes();
    let n = s.len();
    // Position of byte `i` relative to the text (1-based), as sqlparser's `State` counts:
    // characters, a new line at each `\n`.
    let (mut l, mut c) = (1usize, 1usize);
    let mut i = 0;
    // Absolute position, as `cursor::tokenize_into` places sqlparser's.
    let abs = |l: usize, c: usize| if l == 1 { (line, col + c - 1) } else { (line + l - 1, c) };
    let mut push = |t: Token, l: usize, c: usize| {
        let (line, col) = abs(l, c);
        toks.push(Tok { t, line, col });
    };
    while i < n {
        let b = s[i];
        match b {
            b' ' | b'\t' => {
                i += 1;
                c += 1;
            }
            b'\n' => {
                i += 1;
                l += 1;
                c = 1;
            }
            b'a'..=b'z' | b'A'..=b'Z' | b'_' => {
                let start = i;
                while i < n && word_part(s[i]) {
                    i += 1;
                }
                // A quote after a word may make it a literal's prefix; a non-ASCII character
                // continues it.
                if i < n && (s[i] == b'\'' || s[i] == b'"' || s[i] >= 0x80) {
                    return None;
                }
                let value = crate::text::between(text, start, i);
                push(Token::Word(Word { value: value.to_string(), quote_style: None, keyword: keyword(value) }), l, c);
                c += i - start;
            }
            b'0'..=b'9' => {
                let start = i;
                while i < n && s[i].is_ascii_digit() {
                    i += 1;
                }
                if i < n && (word_part(s[i]) || matches!(s[i], b'.' | b'\'' | b'"') || s[i] >= 0x80) {
                    return None;
                }
                push(Token::Number(crate::text::between(text, start, i).to_string(), false), l, c);
                c += i - start;
            }
            b'.' => {
                if matches!(s.get(i + 1), Some(d) if d.is_ascii_digit() || *d == b'_') {
                    return None;
                }
                push(Token::Period, l, c);
                i += 1;
                c += 1;
            }
            b'(' | b')' | b',' => {
                let t = match b {
                    b'(' => Token::LParen,
                    b')' => Token::RParen,
                    _ => Token::Comma,
                };
                push(t, l, c);
                i += 1;
                c += 1;
            }
            b':' => {
                if s.get(i + 1) != Some(&b':') {
                    return None;
                }
                push(Token::DoubleColon, l, c);
                i += 2;
                c += 2;
            }
            b'=' | b'<' | b'>' => {
                let (t, len) = match (b, s.get(i + 1)) {
                    (b'<', Some(b'=')) => (Token::LtEq, 2),
                    (b'<', Some(b'>')) => (Token::Neq, 2),
                    (b'>', Some(b'=')) => (Token::GtEq, 2),
                    (b'<', _) => (Token::Lt, 1),
                    (b'>', _) => (Token::Gt, 1),
                    _ => (Token::Eq, 1),
                };
                if !ends_operator(s.get(i + len)) {
                    return None;
                }
                push(t, l, c);
                i += len;
                c += len;
            }
            b'-' => {
                if s.get(i + 1) != Some(&b'-') {
                    return None;
                }
                let start = i + 2;
                let mut j = start;
                while j < n && s[j] != b'\n' {
                    if s[j] == b'\r' {
                        return None;
                    }
                    j += 1;
                }
                let (line, col) = abs(l, c);
                comments.push(Comment { line, col, text: crate::text::between(text, start, j).to_string() });
                c += chars(&s[i..j]);
                i = j;
            }
            b'\'' | b'"' => {
                let (l0, c0) = (l, c);
                let mut value = String::new();
                let mut j = i + 1;
                let mut from = j;
                loop {
                    let at = j + s.get(j..)?.iter().position(|&x| x == b)?;
                    value.push_str(crate::text::between(text, from, at));
                    if s.get(at + 1) == Some(&b) {
                        // A doubled quote: one quote character.
                        value.push(char::from(b));
                        j = at + 2;
                        from = j;
                    } else {
                        j = at + 1;
                        break;
                    }
                }
                // Lines and columns through the literal.
                for &x in &s[i..j] {
                    if x == b'\n' {
                        l += 1;
                        c = 1;
                    } else if x == b'\r' {
                        return None;
                    } else if x & 0xc0 != 0x80 {
                        c += 1;
                    }
                }
                let t = if b == b'\'' {
                    Token::SingleQuotedString(value)
                } else {
                    Token::Word(Word { value, quote_style: Some('"'), keyword: Keyword::NoKeyword })
                };
                push(t, l0, c0);
                i = j;
            }
            _ => return None,
        }
    }
    Some(())
}

/// The characters in `s` (UTF-8).
fn chars(s: &[u8]) -> usize {
    s.iter().filter(|&&x| x & 0xc0 != 0x80).count()
}

/// The longest keyword is shorter than this.
const KEYWORD_MAX: usize = 64;

/// sqlparser's keyword for an unquoted ASCII word: its `keyword_lookup` is a binary search of
/// the upper-cased word among `ALL_KEYWORDS` (sorted: `tests`), comparing a byte at a time;
/// this is one hash look-up of the upper-cased word.
fn keyword(word: &str) -> Keyword {
    static MAP: OnceLock<HashMap<&'static [u8], Keyword, TextHash>> = OnceLock::new();
    let map = MAP.get_or_init(|| ALL_KEYWORDS.iter().map(|k| k.as_bytes()).zip(ALL_KEYWORDS_INDEX.iter().copied()).collect());
    let w = word.as_bytes();
    if w.len() >= KEYWORD_MAX {
        return Keyword::NoKeyword;
    }
    let mut up = [0u8; KEYWORD_MAX];
    let up = &mut up[..w.len()];
    for (u, &x) in up.iter_mut().zip(w) {
        *u = x.to_ascii_uppercase();
    }
    map.get(&*up).copied().unwrap_or(Keyword::NoKeyword)
}

#[cfg(test)]
#[path = "plain_tokens_tests.rs"]
mod tests;

//! Syntax highlighting of the editors: sqlparser's tokenizer (the one the core parses with,
//! per dialect) cuts the text into tokens, each given a class (keyword, string, number,
//! comment, identifier...). The editor shows the pieces as text nodes in styled spans under a
//! transparent textarea, so user text is never parsed as HTML.
//!
//! Text the tokenizer cannot read (an unterminated string while typing) is shown unstyled from
//! the point where it stopped.

use schemashift::Dialect;
use sqlparser::keywords::Keyword;
use sqlparser::tokenizer::{Location, Token, TokenWithSpan, Tokenizer, Whitespace as Space};
use std::ops::Range;

/// Inputs above this size are shown without highlighting (typing must stay instant).
pub const MAX_HIGHLIGHT_BYTES: usize = 200_000;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Class {
    Keyword,
    String,
    Number,
    Comment,
    Ident,
    QuotedIdent,
    Operator,
    Param,
    /// What the tokenizer could not read.
    Unread,
}

impl Class {
    /// The CSS class of the span.
    pub fn css(self) -> &'static str {
        match self {
            Class::Keyword => "ss-hl-kw",
            Class::String => "ss-hl-str",
            Class::Number => "ss-hl-num",
            Class::Comment => "ss-hl-com",
            Class::Ident => "ss-hl-id",
            Class::QuotedIdent => "ss-hl-qid",
            Class::Operator => "ss-hl-op",
            Class::Param => "ss-hl-param",
            Class::Unread => "ss-hl-unread",
        }
    }
}

/// A piece of the text: its byte range and class (`None`: whitespace, shown plain).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Segment {
    pub range: Range<usize>,
    pub class: Option<Class>,
}

fn class_of(token: &Token) -> Option<Class> {
    use Token::*;
    Some(match token {
        Word(w) if w.quote_style.is_some() => Class::QuotedIdent,
        Word(w) if w.keyword != Keyword::NoKeyword => Class::Keyword,
        Word(_) => Class::Ident,
        Number(..) => Class::Number,
        Token::Whitespace(Space::SingleLineComment { .. } | Space::MultiLineComment(_)) => Class::Comment,
        Token::Whitespace(_) | EOF => return None,
        Placeholder(_) => Class::Param,
        SingleQuotedString(_)
        | DoubleQuotedString(_)
        | TripleSingleQuotedString(_)
        | TripleDoubleQuotedString(_)
        | DollarQuotedString(_)
        | SingleQuotedByteStringLiteral(_)
        | DoubleQuotedByteStringLiteral(_)
        | TripleSingleQuotedByteStringLiteral(_)
        | TripleDoubleQuotedByteStringLiteral(_)
        | SingleQuotedRawStringLiteral(_)
        | DoubleQuotedRawStringLiteral(_)
        | TripleSingleQuotedRawStringLiteral(_)
        | TripleDoubleQuotedRawStringLiteral(_)
        | NationalStringLiteral(_)
        | QuoteDelimitedStringLiteral(_)
        | NationalQuoteDelimitedStringLiteral(_)
        | EscapedStringLiteral(_)
        | UnicodeStringLiteral(_)
        | HexStringLiteral(_) => Class::String,
        _ => Class::Operator,
    })
}

/// Byte offsets of 1-based line/column locations, for locations given in increasing order.
struct Walker<'a> {
    text: &'a str,
    byte: usize,
    line: u64,
    column: u64,
}

impl Walker<'_> {
    fn to(&mut self, at: Location) -> usize {
        let mut chars = self.text[self.byte..].chars();
        while (self.line, self.column) < (at.line, at.column) {
            let Some(c) = chars.next() else { break };
            self.byte += c.len_utf8();
            if c == '\n' {
                self.line += 1;
                self.column = 1;
            } else {
                self.column += 1;
            }
        }
        self.byte
    }
}

fn tokens(dialect: Dialect, text: &str) -> (Vec<TokenWithSpan>, bool) {
    let mut buf = Vec::new();
    // The core's tokenizer dialects (`parse::lexical`): the real ones would bring sqlparser's parser.
    let ok = Tokenizer::new(schemashift::parse::lexical::of(dialect), text).tokenize_with_location_into_buf(&mut buf).is_ok();
    (buf, ok)
}

/// The pieces of `text`, covering it whole and in order, neighbours of one class merged.
pub fn segments(dialect: Dialect, text: &str) -> Vec<Segment> {
    if text.is_empty() {
        return Vec::new();
    }
    if text.len() > MAX_HIGHLIGHT_BYTES {
        return vec![Segment { range: 0..text.len(), class: None }];
    }
    let (toks, complete) = tokens(dialect, text);
    let mut walker = Walker { text, byte: 0, line: 1, column: 1 };
    let starts: Vec<usize> = toks.iter().map(|t| walker.to(t.span.start)).collect();
    let read_end = match toks.last() {
        Some(_) if complete => text.len(),
        Some(last) => walker.to(last.span.end).max(starts.last().copied().unwrap_or(0)),
        None => 0,
    };
    let mut out: Vec<Segment> = Vec::new();
    let mut push = |range: Range<usize>, class: Option<Class>| {
        if range.is_empty() {
            return;
        }
        match out.last_mut() {
            Some(prev) if prev.class == class && prev.range.end == range.start => prev.range.end = range.end,
            _ => out.push(Segment { range, class }),
        }
    };
    if starts.first().is_some_and(|&s| s > 0) {
        push(0..starts[0], None);
    }
    for (i, tok) in toks.iter().enumerate() {
        let end = starts.get(i + 1).copied().unwrap_or(read_end).max(starts[i]);
        push(starts[i]..end, class_of(&tok.token));
    }
    push(read_end..text.len(), Some(Class::Unread));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn classes(dialect: Dialect, text: &str) -> Vec<(String, Option<Class>)> {
        segments(dialect, text).into_iter().map(|s| (text[s.range].to_string(), s.class)).collect()
    }

    #[test]
    fn tokens_get_their_classes_and_cover_the_text() {
        let text = "CREATE TABLE \"Ünï\" (id int DEFAULT 42, s text DEFAULT 'a''b'); -- note\n/* x */";
        let got = classes(Dialect::Postgres, text);
        assert_eq!(got.iter().map(|(t, _)| t.as_str()).collect::<String>(), text);
        let find = |t: &str| got.iter().find(|(s, _)| s == t).map(|(_, c)| *c);
        assert_eq!(find("CREATE"), Some(Some(Class::Keyword)));
        assert_eq!(find("\"Ünï\""), Some(Some(Class::QuotedIdent)));
        assert_eq!(find("42"), Some(Some(Class::Number)));
        assert_eq!(find("'a''b'"), Some(Some(Class::String)));
        assert_eq!(find("-- note"), Some(Some(Class::Comment)));
        assert_eq!(find("/* x */"), Some(Some(Class::Comment)));
        assert_eq!(find("s"), Some(Some(Class::Ident)));
    }

    #[test]
    fn dialects_quote_differently() {
        let got = classes(Dialect::Mysql, "SELECT `a b`, \"s\"");
        assert!(got.contains(&("`a b`".into(), Some(Class::QuotedIdent))), "{got:?}");
        let got = classes(Dialect::Postgres, "SELECT $$ body $$");
        assert!(got.contains(&("$$ body $$".into(), Some(Class::String))), "{got:?}");
    }

    #[test]
    fn unreadable_rest_is_kept_unstyled() {
        let text = "CREATE TABLE t (a text DEFAULT 'unterminated";
        let segs = segments(Dialect::Postgres, text);
        assert_eq!(segs.first().map(|s| s.range.start), Some(0));
        assert_eq!(segs.last().map(|s| s.range.end), Some(text.len()));
        assert!(segs.windows(2).all(|w| w[0].range.end == w[1].range.start));
        assert_eq!(segs.last().and_then(|s| s.class), Some(Class::Unread));
        assert_eq!(segments(Dialect::Sqlite, "").len(), 0);
    }

    #[test]
    fn large_inputs_are_one_plain_piece() {
        let text = "x ".repeat(MAX_HIGHLIGHT_BYTES);
        assert_eq!(segments(Dialect::Postgres, &text), vec![Segment { range: 0..text.len(), class: None }]);
    }
}

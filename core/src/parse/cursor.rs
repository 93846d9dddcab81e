//! Tokens of one statement and a cursor over them.
//!
//! Statements are tokenized with sqlparser's tokenizer (per dialect; a plain PostgreSQL
//! statement by `plain_tokens`, to the same tokens), positions are made
//! absolute (1-based line and column in the whole input), whitespace is dropped and comments
//! are kept aside (rename hints live in them). The cursor offers the small vocabulary the
//! statement readers need: keywords, identifiers, balanced parenthesized groups.

use super::names;
use crate::model::QName;
use crate::Dialect;
use sqlparser::tokenizer::{Token, TokenWithSpan, Tokenizer, Whitespace, Word};

/// A significant token with its absolute position.
#[derive(Clone, Debug, PartialEq)]
pub struct Tok {
    pub t: Token,
    pub line: usize,
    pub col: usize,
}

/// A comment found in a statement, with the line it is on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Comment {
    pub line: usize,
    pub col: usize,
    pub text: String,
}

/// A reading error at a position.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PErr {
    pub line: usize,
    pub col: usize,
    pub message: String,
}

impl PErr {
    /// An error at `(line, col)`, a place read earlier (`Cursor::position`).
    pub fn at((line, col): (usize, usize), message: impl Into<String>) -> PErr {
        PErr { line, col, message: message.into() }
    }
}

pub type PResult<T> = Result<T, PErr>;

/// Tokenize one statement's text starting at (`line`, `col`) of the input.
pub fn tokenize(dialect: Dialect, text: &str, line: usize, col: usize) -> PResult<(Vec<Tok>, Vec<Comment>)> {
    let mut toks = Vec::new();
    let mut comments = Vec::new();
    tokenize_into(dialect, text, line, col, &mut toks, &mut comments)?;
    // Kept (the token cache): exactly sized, whichever tokenizer grew it.
    toks.shrink_to_fit();
    Ok((toks, comments))
}

thread_local! {
    /// sqlparser's tokens of the statement being tokenized, whitespace included: one buffer for
    /// every statement (about 90 bytes a token: a vector per statement grown by doubling was
    /// several allocations of a kilobyte or more each, which make glibc's malloc consolidate its
    /// fast bins every time).
    static RAW: std::cell::Cell<Vec<TokenWithSpan>> = const { std::cell::Cell::new(Vec::new()) };
}

/// A raw buffer larger than this (tokens) is not kept for the next statement.
const RAW_KEPT: usize = 1024;

/// `tokenize` into `toks` and `comments` (cleared first, their capacity reused).
pub fn tokenize_into(
    dialect: Dialect,
    text: &str,
    line: usize,
    col: usize,
    toks: &mut Vec<Tok>,
    comments: &mut Vec<Comment>,
) -> PResult<()> {
    toks.clear();
    comments.clear();
    // Most statements of a PostgreSQL dump: the same tokens without sqlparser's tokenizer.
    if dialect == Dialect::Postgres && super::plain_tokens::tokenize(text, line, col, toks, comments) {
        return Ok(());
    }
    by_sqlparser(dialect, text, line, col, toks, comments)
}

/// `tokenize_into` with sqlparser's tokenizer (whatever the text).
pub fn by_sqlparser(d: Dialect, text: &str, line: usize, col: usize, toks: &mut Vec<Tok>, comments: &mut Vec<Comment>) -> PResult<()> {
    // Taken out while in use (a nested call gets an empty one).
    let mut raw = RAW.take();
    raw.clear();
    let done = Tokenizer::new(super::lexical::of(d), text).tokenize_with_location_into_buf(&mut raw);
    let abs = |l: u64, c: u64| -> (usize, usize) {
        let l = l.max(1) as usize;
        let c = c.max(1) as usize;
        if l == 1 {
            (line, col + c - 1)
        } else {
            (line + l - 1, c)
        }
    };
    let result = match done {
        Err(e) => {
            let (l, c) = abs(e.location.line, e.location.column);
            raw.clear();
            Err(PErr { line: l, col: c, message: e.message })
        }
        Ok(()) => {
            toks.reserve_exact(raw.iter().filter(|t| !matches!(t.token, Token::Whitespace(_) | Token::EOF)).count());
            for t in raw.drain(..) {
                let (l, c) = abs(t.span.start.line, t.span.start.column);
                match t.token {
                    Token::Whitespace(Whitespace::SingleLineComment { comment, .. }) => {
                        comments.push(Comment { line: l, col: c, text: comment })
                    }
                    Token::Whitespace(Whitespace::MultiLineComment(s)) => comments.push(Comment { line: l, col: c, text: s }),
                    Token::Whitespace(_) | Token::EOF => {}
                    tok => toks.push(Tok { t: tok, line: l, col: c }),
                }
            }
            Ok(())
        }
    };
    if raw.capacity() <= RAW_KEPT {
        RAW.set(raw);
    }
    result?;
    if d == Dialect::Postgres && toks.iter().any(|t| t.t == Token::Ampersand) {
        *toks = super::unicode_ident::merge(std::mem::take(toks))?;
    }
    Ok(())
}

/// A cursor over a statement's significant tokens.
pub struct Cursor<'a> {
    pub toks: &'a [Tok],
    pub pos: usize,
    pub dialect: Dialect,
    /// Position of the end of the statement, for errors at the end.
    end: (usize, usize),
}

impl<'a> Cursor<'a> {
    pub fn new(dialect: Dialect, toks: &'a [Tok]) -> Self {
        let end = toks.last().map(|t| (t.line, t.col + 1)).unwrap_or((1, 1));
        Cursor { toks, pos: 0, dialect, end }
    }

    #[inline]
    pub fn at_end(&self) -> bool {
        self.pos >= self.toks.len()
    }

    #[inline]
    pub fn peek(&self) -> Option<&'a Token> {
        self.toks.get(self.pos).map(|t| &t.t)
    }

    #[inline]
    pub fn peek_at(&self, n: usize) -> Option<&'a Token> {
        self.toks.get(self.pos + n).map(|t| &t.t)
    }

    pub fn next(&mut self) -> Option<&'a Tok> {
        let t = self.toks.get(self.pos);
        if t.is_some() {
            self.pos += 1;
        }
        t
    }

    /// Line and column of the current token (or of the statement end).
    pub fn here(&self) -> (usize, usize) {
        self.toks.get(self.pos).map(|t| (t.line, t.col)).unwrap_or(self.end)
    }

    /// Line of the current token (or of the statement end).
    pub fn line(&self) -> usize {
        self.toks.get(self.pos).map(|t| t.line).unwrap_or(self.end.0)
    }

    pub fn err<T>(&self, message: impl Into<String>) -> PResult<T> {
        Err(self.error(message))
    }

    /// The error `err` returns, as a value (for `ok_or_else`).
    pub fn error(&self, message: impl Into<String>) -> PErr {
        let (line, col) = self.toks.get(self.pos).map(|t| (t.line, t.col)).unwrap_or(self.end);
        let found = match self.peek() {
            Some(t) => format!(", found `{t}`"),
            None => ", found end of statement".to_string(),
        };
        PErr { line, col, message: format!("{}{found}", message.into()) }
    }

    /// The unquoted keyword at offset `n` is `kw` (case-insensitive).
    #[inline]
    pub fn is_kw_at(&self, n: usize, kw: &str) -> bool {
        matches!(self.peek_at(n), Some(Token::Word(w)) if w.quote_style.is_none() && w.value.eq_ignore_ascii_case(kw))
    }

    /// The unquoted keywords of `words` (separated by single spaces) follow from offset `n`.
    pub fn is_kws_at(&self, n: usize, words: &str) -> bool {
        // Each token's word is matched against the front of `words` (no split: the opaque
        // kinds are tried on every `CREATE`, `ALTER`, `DROP` and `COMMENT ON`).
        let mut rest = words.as_bytes();
        for i in n.. {
            let Some(Token::Word(w)) = self.peek_at(i) else { return false };
            let v = w.value.as_bytes();
            match rest.get(..v.len()) {
                Some(head) if w.quote_style.is_none() && head.eq_ignore_ascii_case(v) => rest = &rest[v.len()..],
                _ => return false,
            }
            match rest.split_first() {
                None => return true,
                Some((b' ', tail)) => rest = tail,
                Some(_) => return false,
            }
        }
        false
    }

    #[inline]
    pub fn is_kw(&self, kw: &str) -> bool {
        self.is_kw_at(0, kw)
    }

    /// Consume `kws` if they all follow in order.
    #[inline]
    pub fn eat_kws(&mut self, kws: &[&str]) -> bool {
        if kws.iter().enumerate().all(|(i, k)| self.is_kw_at(i, k)) {
            self.pos += kws.len();
            true
        } else {
            false
        }
    }

    #[inline]
    pub fn eat_kw(&mut self, kw: &str) -> bool {
        self.eat_kws(&[kw])
    }

    pub fn expect_kw(&mut self, kw: &str) -> PResult<()> {
        if self.eat_kw(kw) {
            Ok(())
        } else {
            self.err(format!("expected {}", kw.to_ascii_uppercase()))
        }
    }

    #[inline]
    pub fn is(&self, t: &Token) -> bool {
        self.peek() == Some(t)
    }

    #[inline]
    pub fn eat(&mut self, t: &Token) -> bool {
        if self.is(t) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    /// Any word (keyword or identifier, quoted or not). Strings are accepted as names in MySQL.
    pub fn word(&mut self) -> PResult<Word> {
        self.word_ref().map(std::borrow::Cow::into_owned)
    }

    /// `word`, borrowed from the token where it is one.
    fn word_ref(&mut self) -> PResult<std::borrow::Cow<'a, Word>> {
        match self.peek() {
            Some(Token::Word(w)) => {
                self.pos += 1;
                Ok(std::borrow::Cow::Borrowed(w))
            }
            Some(Token::DoubleQuotedString(s)) | Some(Token::SingleQuotedString(s)) if self.dialect != Dialect::Postgres => {
                self.pos += 1;
                Ok(std::borrow::Cow::Owned(Word {
                    value: s.clone(),
                    quote_style: Some('"'),
                    keyword: sqlparser::keywords::Keyword::NoKeyword,
                }))
            }
            _ => self.err("expected a name"),
        }
    }

    /// An identifier, folded as the dialect folds names of `kind`.
    pub fn ident(&mut self, kind: names::Kind) -> PResult<String> {
        let w = self.word()?;
        Ok(names::fold(self.dialect, kind, &w))
    }

    /// A local name this statement declares (a column, index or constraint name), normalized;
    /// MySQL keeps its spelling for the table (`names::declare`).
    pub fn decl_ident(&mut self, what: names::Declared) -> PResult<String> {
        let at = self.position();
        let w = self.word()?;
        self.check_declared(at, &w);
        let folded = names::fold(self.dialect, names::Kind::Local, &w);
        names::declare(self.dialect, what, &folded, &w.value);
        Ok(folded)
    }

    /// A possibly qualified object name (`a`, `s.a`, `db.s.a`), normalized.
    pub fn qname(&mut self) -> PResult<QName> {
        // (The words are borrowed: only the name and its schema part are read.)
        let mut name = self.word_ref()?;
        let mut schema = None;
        while self.is(&Token::Period) {
            self.pos += 1;
            schema = Some(std::mem::replace(&mut name, self.word_ref()?));
        }
        Ok(names::qname_of(self.dialect, schema.as_deref(), &name))
    }

    /// `qname` for the name of an object this statement creates: an unquoted reserved word as
    /// its first part is reported (`reserved.rs`).
    pub fn decl_qname(&mut self) -> PResult<QName> {
        self.check_next(super::reserved::refused_name);
        self.qname()
    }

    /// `decl_qname`, with the name part as written (quotes taken off, case kept).
    pub fn decl_qname_spelled(&mut self) -> PResult<(QName, String)> {
        let start = self.pos;
        let q = self.decl_qname()?;
        let written = self.toks.get(start..self.pos).unwrap_or_default().iter().rev().find_map(|t| match &t.t {
            Token::Word(w) => Some(w.value.clone()),
            Token::DoubleQuotedString(s) | Token::SingleQuotedString(s) => Some(s.clone()),
            _ => None,
        });
        Ok((q.clone(), written.unwrap_or(q.name)))
    }

    /// `ident(kind)` for the name of an object this statement creates (a schema): an unquoted
    /// reserved word is reported (`reserved.rs`).
    pub fn decl_object(&mut self, kind: names::Kind) -> PResult<String> {
        self.check_next(super::reserved::refused_name);
        self.ident(kind)
    }

    /// `qname` for the name of a function or procedure this statement creates: an unquoted
    /// reserved word as its first part is reported (`reserved::refused_routine_name`).
    pub fn decl_routine(&mut self) -> PResult<QName> {
        self.check_next(super::reserved::refused_routine_name);
        self.qname()
    }

    /// Warn at the next token when it is a word `refused` refuses as a declared name.
    fn check_next(&self, refused: fn(Dialect, &Word) -> Option<String>) {
        if let Some(Token::Word(w)) = self.peek() {
            if let Some(message) = refused(self.dialect, w) {
                names::warn(self.position(), message);
            }
        }
    }

    fn check_declared(&self, at: (usize, usize), w: &Word) {
        if let Some(message) = super::reserved::refused_name(self.dialect, w) {
            names::warn(at, message);
        }
    }

    /// Consume a balanced `( ... )` group and return the tokens inside it.
    pub fn group(&mut self) -> PResult<&'a [Tok]> {
        if !self.is(&Token::LParen) {
            return self.err("expected `(`");
        }
        let start = self.pos + 1;
        let mut depth = 0usize;
        while let Some(t) = self.next() {
            match t.t {
                Token::LParen => depth += 1,
                Token::RParen => {
                    depth -= 1;
                    if depth == 0 {
                        return Ok(&self.toks[start..self.pos - 1]);
                    }
                }
                _ => {}
            }
        }
        self.err("unbalanced parentheses")
    }

    /// A balanced `( ... )` group holding an expression of kind `what`, checked for being
    /// complete (`complete.rs`); returns the tokens inside.
    pub fn expr_group(&mut self, what: &str) -> PResult<&'a [Tok]> {
        let at = self.toks.get(self.pos).map(|t| (t.line, t.col)).unwrap_or(self.end);
        let inner = self.group()?;
        super::complete::check(inner, at, what)?;
        Ok(inner)
    }

    /// Position of the current token (or of the statement end).
    pub fn position(&self) -> (usize, usize) {
        self.toks.get(self.pos).map(|t| (t.line, t.col)).unwrap_or(self.end)
    }

    /// Consume tokens up to (not including) a top-level `,` or the end, or a top-level token
    /// for which `stop` holds; return them.
    pub fn until(&mut self, stop: impl Fn(&Cursor) -> bool) -> &'a [Tok] {
        let start = self.pos;
        let mut depth = 0usize;
        while let Some(t) = self.peek() {
            if depth == 0 && (t == &Token::Comma || stop(self)) {
                break;
            }
            match t {
                Token::LParen | Token::LBracket => depth += 1,
                Token::RParen | Token::RBracket => depth = depth.saturating_sub(1),
                _ => {}
            }
            self.pos += 1;
        }
        &self.toks[start..self.pos]
    }

    /// Everything left.
    pub fn rest(&mut self) -> &'a [Tok] {
        let r = &self.toks[self.pos.min(self.toks.len())..];
        self.pos = self.toks.len();
        r
    }

    /// Split a token slice on its top-level commas.
    pub fn split_commas(toks: &'a [Tok]) -> Vec<&'a [Tok]> {
        let mut out = Vec::new();
        let mut depth = 0usize;
        let mut start = 0;
        for (i, t) in toks.iter().enumerate() {
            match t.t {
                Token::LParen | Token::LBracket => depth += 1,
                Token::RParen | Token::RBracket => depth = depth.saturating_sub(1),
                Token::Comma if depth == 0 => {
                    out.push(&toks[start..i]);
                    start = i + 1;
                }
                _ => {}
            }
        }
        if start < toks.len() || !out.is_empty() {
            out.push(&toks[start..]);
        }
        out
    }

    /// A parenthesized, comma-separated list of identifiers.
    pub fn ident_list(&mut self, kind: names::Kind) -> PResult<Vec<String>> {
        let inner = self.group()?;
        let mut out = Vec::new();
        for part in Cursor::split_commas(inner) {
            let mut c = Cursor::new(self.dialect, part);
            out.push(c.ident(kind)?);
            if !c.at_end() {
                return c.err("expected `,` or `)`");
            }
        }
        Ok(out)
    }

    /// An integer literal, possibly signed.
    pub fn int(&mut self) -> PResult<i128> {
        let neg = self.eat(&Token::Minus);
        if !neg {
            self.eat(&Token::Plus);
        }
        match self.peek() {
            Some(Token::Number(n, _)) => match n.parse::<i128>() {
                Ok(v) => {
                    self.pos += 1;
                    Ok(if neg { -v } else { v })
                }
                Err(_) => self.err("expected an integer"),
            },
            _ => self.err("expected an integer"),
        }
    }

    /// A string literal's value.
    pub fn string(&mut self) -> PResult<String> {
        match self.peek() {
            Some(Token::SingleQuotedString(s)) | Some(Token::EscapedStringLiteral(s)) | Some(Token::NationalStringLiteral(s)) => {
                self.pos += 1;
                Ok(s.clone())
            }
            Some(Token::DoubleQuotedString(s)) if self.dialect == Dialect::Mysql => {
                self.pos += 1;
                Ok(s.clone())
            }
            _ => self.err("expected a string literal"),
        }
    }
}

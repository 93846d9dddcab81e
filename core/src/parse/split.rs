//! Splitting an input text into statements, before any tokenizing.
//!
//! A scanner that knows enough lexical structure to find statement ends reliably: quoted
//! strings and identifiers, `--`/`#`/`/* */` comments, PostgreSQL dollar-quoted bodies (`$$ ...
//! $$`, `$fn$ ... $fn$`), MySQL client `DELIMITER` commands and conditional comments
//! (`/*!40101 SET ... */`, whose content is code: the markers are blanked out so that line and
//! column numbers stay exact), and `CREATE TRIGGER ... BEGIN ...; END` bodies.
//!
//! `Split::edit` splits an edited text from the first change: the pieces before it are kept,
//! the scan resumes at the last statement start whose scan read nothing past the change, and
//! once a statement start of the new text falls inside the unchanged end of the text, in the
//! same scanner state (delimiter, line start) and column as one of the old text, the old
//! pieces from there are reused with their lines shifted. The result is `Split::new`'s.

use super::version_comments::Gate;
use crate::Dialect;
use std::borrow::Cow;
use std::sync::Arc;

/// One statement's text (without its terminator) and where it starts in the input.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Piece {
    pub text: String,
    /// 1-based line and column of the piece's first character.
    pub line: usize,
    pub col: usize,
}

/// Split `text` into statement pieces. Pieces holding only whitespace and comments are dropped.
pub fn split(dialect: Dialect, text: &str) -> Vec<Piece> {
    Split::new(dialect, text).pieces
}

/// `split`, MySQL executable comments read as `gate`'s server reads them (`version_comments.rs`).
pub fn split_gated(dialect: Dialect, text: &str, gate: Gate) -> Vec<Piece> {
    Split::gated(dialect, gate, text).pieces
}

/// The executable comments the dialect's default target reads.
fn default_gate(dialect: Dialect) -> Gate {
    Gate::of(&crate::Target::default_for(dialect))
}

/// A place where the scanner starts a statement, with the whole state it has there (the
/// scanner's other state, its statement-start and block tracking, is empty at every one).
#[derive(Clone, Debug)]
struct Boundary {
    /// Byte offset in the scanned text.
    at: usize,
    line: usize,
    col: usize,
    delim: Arc<str>,
    at_line_start: bool,
    /// Pieces before it.
    pieces: usize,
    /// One past the last byte the scan read before reaching it (the terminator's look for a
    /// comment on its line, a `DELIMITER` test).
    seen: usize,
}

/// A text's pieces and what `edit` needs to split an edited version of it.
#[derive(Clone, Debug, Default)]
pub struct Split {
    pub pieces: Vec<Piece>,
    dialect: Option<Dialect>,
    /// The executable comments read (MySQL).
    gate: Option<Gate>,
    /// The scanned text (MySQL: conditional comment markers blanked).
    src: String,
    boundaries: Vec<Boundary>,
}

impl Split {
    /// The pieces of `text`.
    pub fn new(dialect: Dialect, text: &str) -> Split {
        Split::gated(dialect, default_gate(dialect), text)
    }

    /// The pieces of `text`, executable comments read as `gate`'s server reads them.
    pub fn gated(dialect: Dialect, gate: Gate, text: &str) -> Split {
        let src = scanned(dialect, gate, text);
        let start = Boundary { at: 0, line: 1, col: 1, delim: Arc::from(";"), at_line_start: true, pieces: 0, seen: 0 };
        let mut out =
            Split { pieces: Vec::new(), dialect: Some(dialect), gate: Some(gate), src: String::new(), boundaries: vec![start.clone()] };
        Scan::new(dialect, &src, &start).run(&mut out, 0, |_| false);
        out.src = src.into_owned();
        out
    }

    /// The pieces of `text`, an edit of the text `self` was made from: `Split::new(dialect, text)`,
    /// and how many of its first pieces are those of `self` (text and place).
    #[cfg(test)]
    pub fn edit(self, dialect: Dialect, text: &str) -> (Split, usize) {
        self.edit_gated(dialect, default_gate(dialect), text)
    }

    /// `edit`, executable comments read as `gate`'s server reads them.
    ///
    /// The pieces and boundaries of `self` are edited in place: the ones the scan replaced are
    /// spliced out for the new ones, and those after the resync keep their place in the vectors
    /// (shifted, not copied into new ones); the scanned text's buffer is reused.
    pub fn edit_gated(mut self, dialect: Dialect, gate: Gate, text: &str) -> (Split, usize) {
        if self.dialect != Some(dialect) || self.gate != Some(gate) {
            return (Split::gated(dialect, gate, text), 0);
        }
        let src = scanned(dialect, gate, text);
        let (old, new) = (self.src.as_bytes(), src.as_bytes());
        let prefix = crate::text::common_prefix(old, new);
        if prefix == old.len() && prefix == new.len() {
            let n = self.pieces.len();
            return (self, n);
        }
        let room = old.len().min(new.len()) - prefix;
        let suffix = crate::text::common_suffix(&old[old.len() - room..], &new[new.len() - room..]);
        // The last statement start whose scan read nothing the edit changed.
        let mut k = self.boundaries.partition_point(|b| b.at <= prefix).max(1) - 1;
        while k > 0 && self.boundaries[k].seen > prefix {
            k -= 1;
        }
        let Some(from) = self.boundaries.get(k).cloned() else { return (Split::gated(dialect, gate, text), 0) };
        // The scan's new pieces and boundaries (after `from`), spliced in below.
        let mut fresh =
            Split { pieces: Vec::new(), dialect: Some(dialect), gate: Some(gate), src: String::new(), boundaries: vec![from.clone()] };
        // Old boundaries after `from`, by their offset in the new text.
        let delta = new.len() as isize - old.len() as isize;
        let unchanged_from = new.len() - suffix;
        let old_tail = self.boundaries.get(k + 1..).unwrap_or_default();
        let mut resync = None;
        Scan::new(dialect, &src, &from).run(&mut fresh, from.pieces, |b| {
            // The scan from `b` reads from the character before it on (a `$` looks at it).
            if b.at < unchanged_from + 4 {
                return false;
            }
            let Some(old_at) = b.at.checked_add_signed(-delta) else { return false };
            let Ok(j) = old_tail.binary_search_by_key(&old_at, |o| o.at) else { return false };
            let o = &old_tail[j];
            if o.col == b.col && o.delim == b.delim && o.at_line_start == b.at_line_start {
                resync = Some(k + 1 + j);
                return true;
            }
            false
        });
        let fresh_boundaries = fresh.boundaries.drain(1..);
        match resync {
            Some(j) => {
                let (resumed, old_j) = (fresh_boundaries.as_slice().last().cloned(), self.boundaries[j].clone());
                let lines = resumed.as_ref().map_or(0, |b| b.line as isize - old_j.line as isize);
                let resumed_seen = resumed.as_ref().map_or(0, |b| b.seen);
                let old_pieces_at = old_j.pieces.max(from.pieces).min(self.pieces.len());
                let pieces_shift = (from.pieces + fresh.pieces.len()) as isize - old_j.pieces as isize;
                let kept_from = from.pieces + fresh.pieces.len();
                self.pieces.splice(from.pieces..old_pieces_at, fresh.pieces);
                if lines != 0 {
                    for p in self.pieces.get_mut(kept_from..).unwrap_or_default() {
                        p.line = p.line.saturating_add_signed(lines);
                    }
                }
                let kept_from = k + 1 + fresh_boundaries.len();
                self.boundaries.splice(k + 1..=j, fresh_boundaries);
                for b in self.boundaries.get_mut(kept_from..).unwrap_or_default() {
                    b.at = b.at.saturating_add_signed(delta);
                    // The scan before the resync read up to `seen` of the new text.
                    b.seen = b.seen.saturating_add_signed(delta).max(resumed_seen);
                    b.line = b.line.saturating_add_signed(lines);
                    b.pieces = b.pieces.saturating_add_signed(pieces_shift);
                }
            }
            None => {
                self.pieces.truncate(from.pieces);
                self.pieces.append(&mut fresh.pieces);
                self.boundaries.truncate(k + 1);
                self.boundaries.extend(fresh_boundaries);
            }
        }
        self.src = match src {
            Cow::Owned(s) => s,
            Cow::Borrowed(s) => {
                let mut buf = std::mem::take(&mut self.src);
                buf.clear();
                buf.push_str(s);
                buf
            }
        };
        (self, from.pieces)
    }
}

/// The text the scanner reads: MySQL's conditional comment markers blanked.
fn scanned(dialect: Dialect, gate: Gate, text: &str) -> Cow<'_, str> {
    if dialect == Dialect::Mysql {
        Cow::Owned(super::version_comments::blank_conditional_comments(text, gate))
    } else {
        Cow::Borrowed(text)
    }
}

struct Scan<'a> {
    d: Dialect,
    s: &'a str,
    b: &'a [u8],
    i: usize,
    line: usize,
    col: usize,
    reach: usize,
}

impl<'a> Scan<'a> {
    fn new(d: Dialect, s: &'a str, from: &Boundary) -> Self {
        Scan { d, s, b: s.as_bytes(), i: from.at, line: from.line, col: from.col, reach: from.seen }
    }

    /// Advance one character, keeping line and column.
    fn bump(&mut self) {
        let c = self.b[self.i];
        if c == b'\n' {
            self.line += 1;
            self.col = 1;
        } else {
            self.col += 1;
        }
        self.i += utf8_len(c);
    }

    fn char_at(&self, i: usize) -> char {
        match self.b.get(i) {
            Some(&c) if c < 0x80 => char::from(c),
            _ => crate::text::from(self.s, i).chars().next().unwrap_or('\0'),
        }
    }

    fn piece(&self, from: usize, to: usize) -> String {
        crate::text::between(self.s, from, to).to_string()
    }

    /// Scan from the start state to the end, or until `stop` accepts a boundary just recorded
    /// (true then). `out`'s pieces follow `before` pieces of the text (the boundaries count them).
    fn run(mut self, out: &mut Split, before: usize, mut stop: impl FnMut(&Boundary) -> bool) -> bool {
        let Some(first) = out.boundaries.last().cloned() else { return false };
        let mut delim = first.delim.clone();
        let mut at_line_start = first.at_line_start;
        let mut start = (self.i, self.line, self.col);
        let mut blocks = Blocks::default();
        let mut cur_word = String::new();
        let n = self.b.len();
        macro_rules! boundary {
            () => {{
                let b = Boundary {
                    at: self.i,
                    line: self.line,
                    col: self.col,
                    delim: delim.clone(),
                    at_line_start,
                    pieces: before + out.pieces.len(),
                    // (A line-long command read the end of its line.)
                    seen: self.reach.max(self.i + 1),
                };
                let stopped = stop(&b);
                out.boundaries.push(b);
                if stopped {
                    return true;
                }
            }};
        }
        while self.i < n {
            let i = self.i;
            let byte = self.b[i];
            let c = self.char_at(i);
            if c.is_alphanumeric() || c == '_' {
                cur_word.push(c.to_ascii_uppercase());
            } else if !cur_word.is_empty() {
                blocks.word(&cur_word);
                cur_word.clear();
            }
            // MySQL client command `DELIMITER x` at the start of a line.
            if self.d == Dialect::Mysql && at_line_start {
                self.reach = self.reach.max(i + "DELIMITER ".len());
                if starts_with_ci(&self.b[i..], b"DELIMITER ") {
                    push_piece(out, self.piece(start.0, i), start.1, start.2);
                    let mut j = i + "DELIMITER ".len();
                    while j < n && self.b[j] != b'\n' {
                        j += 1;
                    }
                    let d = crate::text::between(self.s, i + "DELIMITER ".len(), j).trim();
                    if !d.is_empty() {
                        delim = Arc::from(d);
                    }
                    while self.i < j {
                        self.bump();
                    }
                    start = (self.i, self.line, self.col);
                    blocks = Blocks::default();
                    cur_word.clear();
                    boundary!();
                    continue;
                }
            }
            // psql meta-commands (`\connect`, pg_dump's `\restrict KEY`) run to the end of the line.
            if self.d == Dialect::Postgres && at_line_start && byte == b'\\' {
                push_piece(out, self.piece(start.0, i), start.1, start.2);
                let (l0, c0, i0) = (self.line, self.col, i);
                while self.i < n && self.b[self.i] != b'\n' {
                    self.bump();
                }
                out.pieces.push(Piece { text: self.piece(i0, self.i), line: l0, col: c0 });
                start = (self.i, self.line, self.col);
                blocks = Blocks::default();
                boundary!();
                continue;
            }
            if !c.is_whitespace() {
                at_line_start = false;
            } else if c == '\n' {
                at_line_start = true;
            }
            // (The first byte tested alone: `starts_with` is a `memcmp` call, at every byte.)
            let d = delim.as_bytes();
            if d.first() == Some(&byte) && self.b[i..].starts_with(d) && cur_word.is_empty() && !(&*delim == ";" && blocks.inside()) {
                let piece_end = i;
                for _ in 0..delim.len() {
                    self.bump();
                }
                let i = self.i;
                let src = self.b;
                // A comment after the terminator on the same line belongs to this statement
                // (rename hints are written there).
                let mut j = i;
                while j < n && (src[j] == b' ' || src[j] == b'\t') {
                    j += 1;
                }
                let mut seen = j + 3;
                let line_comment =
                    (j + 1 < n && src[j] == b'-' && src[j + 1] == b'-') || (j < n && src[j] == b'#' && self.d == Dialect::Mysql);
                let block_end = if j + 1 < n && src[j] == b'/' && src[j + 1] == b'*' && src.get(j + 2) != Some(&b'!') {
                    let mut found = None;
                    let mut k = j + 2;
                    while k < n.saturating_sub(1) && src[k] != b'\n' {
                        if src[k] == b'*' && src[k + 1] == b'/' {
                            found = Some(k + 2);
                            break;
                        }
                        k += 1;
                    }
                    seen = seen.max(k + 2);
                    found
                } else {
                    None
                };
                let end = if line_comment { (j..n).find(|&k| src[k] == b'\n').unwrap_or(n) } else { block_end.unwrap_or(i) };
                self.reach = self.reach.max(seen).max(end + 1);
                let mut piece = self.piece(start.0, piece_end);
                if end > i {
                    piece.push(' ');
                    piece.push_str(crate::text::between(self.s, i, end));
                    while self.i < end {
                        self.bump();
                    }
                }
                push_piece(out, piece, start.1, start.2);
                start = (self.i, self.line, self.col);
                blocks = Blocks::default();
                boundary!();
                continue;
            }
            match byte {
                b'\'' | b'"' | b'`' => {
                    let backslash = self.d == Dialect::Mysql && byte != b'`';
                    self.bump();
                    while self.i < n {
                        if backslash && self.b[self.i] == b'\\' && self.i + 1 < n {
                            self.bump();
                            self.bump();
                            continue;
                        }
                        if self.b[self.i] == byte {
                            if self.i + 1 < n && self.b[self.i + 1] == byte {
                                self.bump();
                                self.bump();
                                continue;
                            }
                            self.bump();
                            break;
                        }
                        self.bump();
                    }
                }
                b'-' if i + 1 < n && self.b[i + 1] == b'-' => self.skip_to_eol(),
                b'#' if self.d == Dialect::Mysql => self.skip_to_eol(),
                b'/' if i + 1 < n && self.b[i + 1] == b'*' => {
                    self.bump();
                    self.bump();
                    while self.i < n && !(self.b[self.i] == b'*' && self.i + 1 < n && self.b[self.i + 1] == b'/') {
                        self.bump();
                    }
                    if self.i < n {
                        self.bump();
                        self.bump();
                    }
                }
                b'$' if self.d == Dialect::Postgres && (i == 0 || !is_ident_char(self.char_before(i))) => {
                    match dollar_tag(crate::text::from(self.s, i)) {
                        Some(len) => {
                            let b = self.b;
                            let tag = &b[i..i + len];
                            for _ in 0..len {
                                self.bump();
                            }
                            while self.i < n && !self.b[self.i..].starts_with(tag) {
                                self.bump();
                            }
                            for _ in 0..len {
                                if self.i < n {
                                    self.bump();
                                }
                            }
                        }
                        None => self.bump(),
                    }
                }
                _ => {
                    self.bump();
                    // The rest of an ASCII word: each of its bytes would only be added to the
                    // word and stepped over (no line start, no terminator inside a word).
                    if byte.is_ascii_alphanumeric() || byte == b'_' {
                        while let Some(&w) = self.b.get(self.i).filter(|w| w.is_ascii_alphanumeric() || **w == b'_') {
                            cur_word.push(char::from(w.to_ascii_uppercase()));
                            self.i += 1;
                            self.col += 1;
                        }
                    }
                }
            }
        }
        push_piece(out, self.piece(start.0, n), start.1, start.2);
        false
    }

    fn char_before(&self, i: usize) -> char {
        match self.b.get(i.wrapping_sub(1)) {
            Some(&c) if c < 0x80 => char::from(c),
            _ => crate::text::upto(self.s, i).chars().next_back().unwrap_or('\0'),
        }
    }

    fn skip_to_eol(&mut self) {
        while self.i < self.b.len() && self.b[self.i] != b'\n' {
            self.bump();
        }
    }
}

fn utf8_len(lead: u8) -> usize {
    match lead {
        0..=0x7f => 1,
        0xc0..=0xdf => 2,
        0xe0..=0xef => 3,
        _ => 4,
    }
}

/// Tracks `BEGIN ... END` blocks of routine, trigger and event bodies written without a
/// client `DELIMITER` (SQLite triggers, MySQL files meant for tools, PostgreSQL `BEGIN ATOMIC`),
/// so that the `;` inside them do not end the statement.
#[derive(Default)]
struct Blocks {
    /// Words seen so far in the statement, counted up to 10.
    words: usize,
    /// The statement's first word is `CREATE`.
    create: bool,
    routine: bool,
    opens: usize,
    closes: usize,
    /// The previous word was `END` (a close unless `IF`/`LOOP`/`WHILE`/`REPEAT` follows).
    pending_end: bool,
    prev_end: bool,
    last: String,
}

impl Blocks {
    fn word(&mut self, w: &str) {
        if self.words < 10 {
            if self.words == 0 {
                self.create = w == "CREATE";
            }
            self.words += 1;
            if self.create && matches!(w, "TRIGGER" | "PROCEDURE" | "FUNCTION" | "EVENT") {
                self.routine = true;
            }
        }
        if !self.routine {
            return;
        }
        if self.pending_end {
            self.pending_end = false;
            if !matches!(w, "IF" | "LOOP" | "WHILE" | "REPEAT") {
                self.closes += 1;
            }
        }
        self.prev_end = false;
        match w {
            "BEGIN" => self.opens += 1,
            "CASE" if !self.prev_end_case() => self.opens += 1,
            "END" => {
                self.pending_end = true;
                self.prev_end = true;
            }
            _ => {}
        }
        self.last.clear();
        self.last.push_str(w);
    }

    fn prev_end_case(&self) -> bool {
        self.last == "END"
    }

    /// Inside an open block: a `;` here does not end the statement.
    fn inside(&self) -> bool {
        let closes = self.closes + usize::from(self.pending_end);
        self.routine && self.opens > closes
    }
}

fn push_piece(out: &mut Split, text: String, line: usize, col: usize) {
    if has_code(&text) {
        out.pieces.push(Piece { text, line, col });
    }
}

/// True when the text holds something besides whitespace and comments.
fn has_code(text: &str) -> bool {
    let mut rest = text.trim_start();
    loop {
        if rest.is_empty() {
            return false;
        }
        if let Some(r) = rest.strip_prefix("--").or_else(|| rest.strip_prefix('#')) {
            rest = r.split_once('\n').map(|(_, b)| b).unwrap_or("").trim_start();
        } else if let Some(r) = rest.strip_prefix("/*") {
            rest = r.split_once("*/").map(|(_, b)| b).unwrap_or("").trim_start();
        } else {
            return true;
        }
    }
}

fn is_ident_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || c == '$'
}

fn starts_with_ci(s: &[u8], p: &[u8]) -> bool {
    s.len() >= p.len() && s.iter().zip(p).all(|(a, b)| a.eq_ignore_ascii_case(b))
}

/// The byte length of the `$tag$` or `$$` at the start of `s`.
fn dollar_tag(s: &str) -> Option<usize> {
    let mut chars = s.char_indices().skip(1);
    let mut digit_first = false;
    let mut first = true;
    for (j, c) in chars.by_ref() {
        if c.is_alphanumeric() || c == '_' {
            digit_first |= first && c.is_ascii_digit();
            first = false;
            continue;
        }
        return (c == '$' && !digit_first).then_some(j + 1);
    }
    None
}

#[cfg(test)]
#[path = "split_oracle.rs"]
mod oracle;
#[cfg(test)]
#[path = "split_tests.rs"]
mod tests;

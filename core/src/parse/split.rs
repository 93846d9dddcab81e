//! Splitting an input text into statements, before any tokenizing.
//!
//! A character-level scanner that knows enough lexical structure to find statement ends
//! reliably: quoted strings and identifiers, `--`/`#`/`/* */` comments, PostgreSQL dollar-quoted
//! bodies (`$$ ... $$`, `$fn$ ... $fn$`), MySQL client `DELIMITER` commands and conditional
//! comments (`/*!40101 SET ... */`, whose content is code: the markers are blanked out so that
//! line and column numbers stay exact), and `CREATE TRIGGER ... BEGIN ...; END` bodies.

use super::version_comments::Gate;
use crate::Dialect;

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
    split_gated(dialect, text, Gate::of(&crate::Target::default_for(dialect)))
}

/// `split`, MySQL executable comments read as `gate`'s server reads them (`version_comments.rs`).
pub fn split_gated(dialect: Dialect, text: &str, gate: Gate) -> Vec<Piece> {
    let src: Vec<char> = if dialect == Dialect::Mysql { blank_conditional_comments(text, gate) } else { text.chars().collect() };
    let mut out = Vec::new();
    let mut delim: Vec<char> = vec![';'];
    let (mut line, mut col) = (1usize, 1usize);
    let mut i = 0usize;
    let mut start = (0usize, 1usize, 1usize);
    let mut at_line_start = true;
    let mut blocks = Blocks::default();
    let mut cur_word = String::new();
    let n = src.len();
    // Advance one char, keeping line/col.
    macro_rules! bump {
        () => {{
            if src[i] == '\n' {
                line += 1;
                col = 1;
            } else {
                col += 1;
            }
            i += 1;
        }};
    }
    while i < n {
        let c = src[i];
        if c.is_alphanumeric() || c == '_' {
            cur_word.push(c.to_ascii_uppercase());
        } else if !cur_word.is_empty() {
            blocks.word(&std::mem::take(&mut cur_word));
        }
        // MySQL client command `DELIMITER x` at the start of a line.
        if dialect == Dialect::Mysql && at_line_start && starts_with_ci(&src[i..], "DELIMITER ") {
            let piece: String = src[start.0..i].iter().collect();
            push_piece(&mut out, piece, start.1, start.2);
            let mut j = i + "DELIMITER ".len();
            while j < n && src[j] != '\n' {
                j += 1;
            }
            let d: String = src[i + "DELIMITER ".len()..j].iter().collect();
            let d = d.trim();
            if !d.is_empty() {
                delim = d.chars().collect();
            }
            while i < j {
                bump!();
            }
            start = (i, line, col);
            blocks = Blocks::default();
            cur_word.clear();
            continue;
        }
        // psql meta-commands (`\connect`, pg_dump's `\restrict KEY`) run to the end of the line.
        if dialect == Dialect::Postgres && at_line_start && c == '\\' {
            let piece: String = src[start.0..i].iter().collect();
            push_piece(&mut out, piece, start.1, start.2);
            let (l0, c0, i0) = (line, col, i);
            while i < n && src[i] != '\n' {
                bump!();
            }
            out.push(Piece { text: src[i0..i].iter().collect(), line: l0, col: c0 });
            start = (i, line, col);
            blocks = Blocks::default();
            continue;
        }
        if !c.is_whitespace() {
            at_line_start = false;
        } else if c == '\n' {
            at_line_start = true;
        }
        if src[i..].starts_with(&delim) && cur_word.is_empty() && !(delim == [';'] && blocks.inside()) {
            let mut piece: String = src[start.0..i].iter().collect();
            for _ in 0..delim.len() {
                bump!();
            }
            // A comment after the terminator on the same line belongs to this statement
            // (rename hints are written there).
            let mut j = i;
            while j < n && (src[j] == ' ' || src[j] == '\t') {
                j += 1;
            }
            let line_comment = (j + 1 < n && src[j] == '-' && src[j + 1] == '-') || (j < n && src[j] == '#' && dialect == Dialect::Mysql);
            let block_end = if j + 1 < n && src[j] == '/' && src[j + 1] == '*' && src.get(j + 2) != Some(&'!') {
                (j + 2..n.saturating_sub(1)).take_while(|&k| src[k] != '\n').find(|&k| src[k] == '*' && src[k + 1] == '/').map(|k| k + 2)
            } else {
                None
            };
            let end = if line_comment { (j..n).find(|&k| src[k] == '\n').unwrap_or(n) } else { block_end.unwrap_or(i) };
            if end > i {
                piece.push(' ');
                piece.extend(src[i..end].iter());
                while i < end {
                    bump!();
                }
            }
            push_piece(&mut out, piece, start.1, start.2);
            start = (i, line, col);
            blocks = Blocks::default();
            continue;
        }
        match c {
            '\'' | '"' | '`' => {
                let backslash = dialect == Dialect::Mysql && c != '`';
                bump!();
                while i < n {
                    if backslash && src[i] == '\\' && i + 1 < n {
                        bump!();
                        bump!();
                        continue;
                    }
                    if src[i] == c {
                        if i + 1 < n && src[i + 1] == c {
                            bump!();
                            bump!();
                            continue;
                        }
                        bump!();
                        break;
                    }
                    bump!();
                }
            }
            '-' if i + 1 < n && src[i + 1] == '-' => skip_to_eol(&src, &mut i, &mut line, &mut col),
            '#' if dialect == Dialect::Mysql => skip_to_eol(&src, &mut i, &mut line, &mut col),
            '/' if i + 1 < n && src[i + 1] == '*' => {
                bump!();
                bump!();
                while i < n && !(src[i] == '*' && i + 1 < n && src[i + 1] == '/') {
                    bump!();
                }
                if i < n {
                    bump!();
                    bump!();
                }
            }
            '$' if dialect == Dialect::Postgres && (i == 0 || !is_ident_char(src[i - 1])) => match dollar_tag(&src[i..]) {
                Some(tag) => {
                    for _ in 0..tag.len() {
                        bump!();
                    }
                    while i < n && !src[i..].starts_with(&tag) {
                        bump!();
                    }
                    for _ in 0..tag.len() {
                        if i < n {
                            bump!();
                        }
                    }
                }
                None => bump!(),
            },
            _ => bump!(),
        }
    }
    let piece: String = src[start.0..].iter().collect();
    push_piece(&mut out, piece, start.1, start.2);
    out
}

/// Tracks `BEGIN ... END` blocks of routine, trigger and event bodies written without a
/// client `DELIMITER` (SQLite triggers, MySQL files meant for tools, PostgreSQL `BEGIN ATOMIC`),
/// so that the `;` inside them do not end the statement.
#[derive(Default)]
struct Blocks {
    /// Words seen so far in the statement (only the first few are kept).
    head: Vec<String>,
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
        if self.head.len() < 10 {
            self.head.push(w.to_string());
            if self.head[0] == "CREATE" && matches!(w, "TRIGGER" | "PROCEDURE" | "FUNCTION" | "EVENT") {
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
        self.last = w.to_string();
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

fn push_piece(out: &mut Vec<Piece>, text: String, line: usize, col: usize) {
    if has_code(&text) {
        out.push(Piece { text, line, col });
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

fn skip_to_eol(src: &[char], i: &mut usize, _line: &mut usize, col: &mut usize) {
    while *i < src.len() && src[*i] != '\n' {
        *i += 1;
        *col += 1;
    }
}

fn is_ident_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || c == '$'
}

fn starts_with_ci(s: &[char], p: &str) -> bool {
    s.len() >= p.len() && s.iter().zip(p.chars()).all(|(a, b)| a.eq_ignore_ascii_case(&b))
}

/// `$tag$` or `$$` at the start of `s`.
fn dollar_tag(s: &[char]) -> Option<Vec<char>> {
    let mut j = 1;
    while j < s.len() && (s[j].is_alphanumeric() || s[j] == '_') {
        j += 1;
    }
    if j < s.len() && s[j] == '$' && !(j > 1 && s[1].is_ascii_digit()) {
        Some(s[..=j].to_vec())
    } else {
        None
    }
}

/// Replace MySQL conditional-comment markers (`/*!40101`, `/*M!100101` and their `*/`) with
/// spaces so that their content reads as code and positions are unchanged; a comment `gate`'s
/// server does not execute stays a comment.
fn blank_conditional_comments(text: &str, gate: Gate) -> Vec<char> {
    let mut s: Vec<char> = text.chars().collect();
    let n = s.len();
    let mut i = 0;
    let mut open = false;
    while i < n {
        let c = s[i];
        if c == '\'' || c == '"' || c == '`' {
            i += 1;
            while i < n && s[i] != c {
                if s[i] == '\\' {
                    i += 1;
                }
                i += 1;
            }
            i += 1;
            continue;
        }
        let marker = if c == '/' && i + 2 < n && s[i + 1] == '*' { gate.executes(&s[i + 2..]) } else { None };
        if let Some(len) = marker {
            let j = i + 2 + len;
            for ch in s.iter_mut().take(j).skip(i) {
                *ch = ' ';
            }
            open = true;
            i = j;
            continue;
        }
        if c == '/' && i + 1 < n && s[i + 1] == '*' {
            i += 2;
            while i + 1 < n && !(s[i] == '*' && s[i + 1] == '/') {
                i += 1;
            }
            i += 2;
            continue;
        }
        if open && c == '*' && i + 1 < n && s[i + 1] == '/' {
            s[i] = ' ';
            s[i + 1] = ' ';
            open = false;
            i += 2;
            continue;
        }
        i += 1;
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(d: Dialect, s: &str) -> Vec<String> {
        split(d, s).into_iter().map(|p| p.text.trim().to_string()).collect()
    }

    #[test]
    fn splits_on_semicolons_outside_strings_and_comments() {
        let t = texts(Dialect::Postgres, "create table a (x text default ';'); -- c;\n/* ; */ drop table b;");
        // The comment after `;` on the same line stays with its statement.
        assert_eq!(t, ["create table a (x text default ';')  -- c;", "/* ; */ drop table b"]);
    }

    #[test]
    fn keeps_dollar_quoted_bodies_whole() {
        let t = texts(Dialect::Postgres, "create function f() returns int as $f$ select 1; $f$ language sql; select 2");
        assert_eq!(t.len(), 2);
        assert!(t[0].ends_with("language sql"));
    }

    #[test]
    fn positions_are_one_based() {
        let p = split(Dialect::Postgres, "a;\n  b;");
        assert_eq!((p[0].line, p[0].col), (1, 1));
        assert_eq!((p[1].line, p[1].col), (1, 3));
    }

    #[test]
    fn mysql_delimiter_and_conditional_comments() {
        let s = "/*!40101 SET x=1 */;\nDELIMITER ;;\nCREATE TRIGGER t BEFORE INSERT ON a FOR EACH ROW BEGIN SET @a=1; END ;;\nDELIMITER ;\nSELECT 1;";
        let t = texts(Dialect::Mysql, s);
        assert_eq!(t.len(), 3);
        assert_eq!(t[0], "SET x=1");
        assert!(t[1].starts_with("CREATE TRIGGER") && t[1].ends_with("END"));
        assert_eq!(t[2], "SELECT 1");
    }

    #[test]
    fn sqlite_trigger_body_is_one_statement() {
        let t = texts(Dialect::Sqlite, "CREATE TRIGGER tr AFTER INSERT ON a BEGIN UPDATE b SET x=1; DELETE FROM c; END; CREATE TABLE z(a)");
        assert_eq!(t.len(), 2);
    }
}

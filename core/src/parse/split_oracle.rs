//! The character-level splitter as it was before `split` scanned bytes and resumed after an
//! edit: the oracle of `split`'s tests (`split_tests.rs`).

use super::{Blocks, Piece};
use crate::Dialect;

/// Split `text` into statement pieces. Pieces holding only whitespace and comments are dropped.
pub(super) fn split_chars(dialect: Dialect, text: &str) -> Vec<Piece> {
    let src: Vec<char> = if dialect == Dialect::Mysql { blank_conditional_comments(text) } else { text.chars().collect() };
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
            push_piece_old(&mut out, piece, start.1, start.2);
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
            push_piece_old(&mut out, piece, start.1, start.2);
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
            push_piece_old(&mut out, piece, start.1, start.2);
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
    push_piece_old(&mut out, piece, start.1, start.2);
    out
}

fn push_piece_old(out: &mut Vec<Piece>, text: String, line: usize, col: usize) {
    if super::has_code(&text) {
        out.push(Piece { text, line, col });
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
/// spaces so that their content reads as code and positions are unchanged.
fn blank_conditional_comments(text: &str) -> Vec<char> {
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
        if c == '/' && i + 2 < n && s[i + 1] == '*' && (s[i + 2] == '!' || (s[i + 2] == 'M' && i + 3 < n && s[i + 3] == '!')) {
            let mut j = i + 2;
            while j < n && (s[j] == '!' || s[j] == 'M' || s[j].is_ascii_digit()) {
                j += 1;
            }
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

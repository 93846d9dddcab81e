//! PostgreSQL Unicode identifiers: `U&"d\0061t\+000061"` (and `UESCAPE '!'` choosing another
//! escape character) are the quoted identifier they spell (`"data"`), in every name position.
//! The tokens `U`, `&`, `"..."` [, `UESCAPE`, `'c'`] are merged into one quoted word.

use super::cursor::{PErr, PResult, Tok};
use sqlparser::keywords::Keyword;
use sqlparser::tokenizer::{Token, Word};

fn is_u(t: &Tok) -> bool {
    matches!(&t.t, Token::Word(w) if w.quote_style.is_none() && w.value.eq_ignore_ascii_case("u"))
}

/// `b` starts right after `a` (no space between them).
fn adjacent(a: &Tok, b: &Tok, width: usize) -> bool {
    a.line == b.line && a.col + width == b.col
}

/// Merge every Unicode identifier of `toks` into a quoted word.
pub fn merge(toks: Vec<Tok>) -> PResult<Vec<Tok>> {
    if !toks.iter().any(|t| t.t == Token::Ampersand) {
        return Ok(toks);
    }
    let mut out: Vec<Tok> = Vec::with_capacity(toks.len());
    let mut i = 0;
    while i < toks.len() {
        let quoted = match (toks.get(i), toks.get(i + 1), toks.get(i + 2)) {
            (Some(u), Some(amp), Some(q)) if is_u(u) && amp.t == Token::Ampersand && adjacent(u, amp, 1) && adjacent(amp, q, 1) => {
                match &q.t {
                    Token::Word(w) if w.quote_style == Some('"') => Some(w.value.clone()),
                    _ => None,
                }
            }
            _ => None,
        };
        let Some(raw) = quoted else {
            if let Some(t) = toks.get(i) {
                out.push(t.clone());
            }
            i += 1;
            continue;
        };
        let start = &toks[i];
        let mut next = i + 3;
        let mut escape = '\\';
        let uescape = matches!(toks.get(next).map(|t| &t.t), Some(Token::Word(w)) if w.quote_style.is_none() && w.value.eq_ignore_ascii_case("uescape"));
        if uescape {
            let at = toks.get(next + 1).unwrap_or(start);
            escape = match toks.get(next + 1).map(|t| &t.t) {
                Some(Token::SingleQuotedString(s)) if valid_escape(s) => s.chars().next().unwrap_or('\\'),
                _ => {
                    return Err(PErr {
                        line: at.line,
                        col: at.col,
                        message: "UESCAPE needs one character in quotes (not a hex digit, +, quote or space)".into(),
                    })
                }
            };
            next += 2;
        }
        let value = decode(&raw, escape).map_err(|m| PErr { line: start.line, col: start.col, message: m })?;
        out.push(Tok {
            t: Token::Word(Word { value, quote_style: Some('"'), keyword: Keyword::NoKeyword }),
            line: start.line,
            col: start.col,
        });
        i = next;
    }
    Ok(out)
}

fn valid_escape(s: &str) -> bool {
    let mut cs = s.chars();
    match (cs.next(), cs.next()) {
        (Some(c), None) => !(c.is_ascii_hexdigit() || matches!(c, '+' | '\'' | '"') || c.is_whitespace()),
        _ => false,
    }
}

/// `\XXXX` (4 hex digits), `\+XXXXXX` (6), `\\` for the escape character itself.
fn decode(raw: &str, escape: char) -> Result<String, String> {
    let mut out = String::new();
    let mut chars = raw.chars().peekable();
    while let Some(c) = chars.next() {
        if c != escape {
            out.push(c);
            continue;
        }
        if chars.peek() == Some(&escape) {
            chars.next();
            out.push(escape);
            continue;
        }
        let n = if chars.peek() == Some(&'+') {
            chars.next();
            6
        } else {
            4
        };
        let hex: String = chars.by_ref().take(n).collect();
        let code = (hex.len() == n && hex.chars().all(|h| h.is_ascii_hexdigit()))
            .then(|| u32::from_str_radix(&hex, 16).ok())
            .flatten()
            .and_then(char::from_u32)
            .filter(|ch| *ch != '\0');
        match code {
            Some(ch) => out.push(ch),
            None => return Err(format!("invalid Unicode escape `{escape}{hex}` in a U&\"...\" identifier")),
        }
    }
    if out.is_empty() {
        return Err("empty U&\"...\" identifier".into());
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use crate::model::QName;
    use crate::parse::parse;
    use crate::Dialect;

    #[test]
    fn unicode_identifiers_are_the_names_they_spell() {
        let p = parse(
            Dialect::Postgres,
            "CREATE TABLE U&\"d\\0061t\\+000061\" (U&\"c!0041\" UESCAPE '!' int, U&\"\\00e9t\\00e9\" text);\nCREATE INDEX U&\"i\\0078\" ON U&\"\\0064ata\" (U&\"c!0041\" UESCAPE '!');",
        );
        assert!(p.diagnostics.iter().all(|d| !d.is_error()), "{:#?}", p.diagnostics);
        let t = &p.schema.tables[&QName::new("public", "data")];
        assert_eq!(t.columns.iter().map(|c| c.name.as_str()).collect::<Vec<_>>(), ["cA", "été"]);
        assert_eq!(t.indexes[0].name, "ix");
        let bad = parse(Dialect::Postgres, "CREATE TABLE U&\"\\00zz\" (id int);");
        assert!(bad.diagnostics.iter().any(|d| d.is_error() && d.message.contains("invalid Unicode escape")));
    }
}

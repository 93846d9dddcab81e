//! The row filter of a data move (`-- schemashift:copy-from addresses where kind = 'billing'`,
//! `--copy 'billing_addresses=addresses where kind = ''billing'''`): checked to be one complete
//! SQL expression, and read for the equalities that let down give the values back.

use crate::parse::cursor::Tok;
use crate::parse::sql_check::{self, Condition};
use crate::Dialect;
use sqlparser::keywords::Keyword;
use sqlparser::tokenizer::Token;

/// The filter as one condition, or why it is not one (empty, incomplete, trailing text).
pub fn parse_filter(d: Dialect, text: &str) -> Result<Condition, String> {
    let text = text.trim().trim_end_matches(';').trim();
    if text.is_empty() {
        return Err("the row filter after `where` is empty".into());
    }
    sql_check::condition(d, text, &format!("row filter `{text}`"))
}

/// The `column = literal` terms of a filter's top-level AND (either side), with the literal as
/// written: what a row the filter selected holds in that column. A filter with a top-level OR
/// (or anything but AND between its terms) has none.
pub fn equalities(c: &Condition) -> Vec<(String, String)> {
    let toks = &c.toks;
    // The terms joined by AND outside parentheses (the AND of BETWEEN belongs to it).
    let mut terms: Vec<&[Tok]> = Vec::new();
    let (mut depth, mut start, mut between) = (0usize, 0usize, 0usize);
    for (i, t) in toks.iter().enumerate() {
        match &t.t {
            Token::LParen | Token::LBracket => depth += 1,
            Token::RParen | Token::RBracket => depth = depth.saturating_sub(1),
            Token::Word(w) if depth == 0 && w.quote_style.is_none() => match w.keyword {
                Keyword::BETWEEN => between += 1,
                Keyword::AND if between > 0 => between -= 1,
                Keyword::AND => {
                    terms.push(&toks[start..i]);
                    start = i + 1;
                }
                Keyword::OR | Keyword::XOR => return Vec::new(),
                _ => {}
            },
            Token::Pipe | Token::StringConcat | Token::Ampersand | Token::Overlap if depth == 0 => return Vec::new(),
            _ => {}
        }
    }
    terms.push(&toks[start..]);
    let mut out = Vec::new();
    for term in terms {
        let term = unwrap_parens(term);
        let Some(eq) = term.iter().position(|t| t.t == Token::Eq) else { continue };
        let (left, right) = (&term[..eq], &term[eq + 1..]);
        // The token after each side: what bounds a literal's text.
        let after_left = term.get(eq);
        let after_right = toks.iter().position(|t| right.last().is_some_and(|r| std::ptr::eq(t, r))).and_then(|i| toks.get(i + 1));
        let side = |s: &[Tok], next: Option<&Tok>| match s {
            [one] => literal(c, one, next),
            _ => None,
        };
        if let (Some(col), Some(v)) = (column(left), side(right, after_right)) {
            out.push((col, v));
        } else if let (Some(v), Some(col)) = (side(left, after_left), column(right)) {
            out.push((col, v));
        }
    }
    out
}

/// `( term )` as `term`, as often as it is wrapped.
fn unwrap_parens(mut term: &[Tok]) -> &[Tok] {
    while let [first, inner @ .., last] = term {
        if first.t != Token::LParen || last.t != Token::RParen || !closes_at_end(inner) {
            break;
        }
        term = inner;
    }
    term
}

/// The parentheses of `inner` balance without closing the one opened before it.
fn closes_at_end(inner: &[Tok]) -> bool {
    let mut depth = 0i64;
    for t in inner {
        match t.t {
            Token::LParen => depth += 1,
            Token::RParen => depth -= 1,
            _ => {}
        }
        if depth < 0 {
            return false;
        }
    }
    depth == 0
}

/// A column: a name, possibly qualified (`t.kind`); its last part as written.
fn column(side: &[Tok]) -> Option<String> {
    let name = |t: &Tok| match &t.t {
        Token::Word(w) if w.quote_style.is_some() || !matches!(w.keyword, Keyword::TRUE | Keyword::FALSE | Keyword::NULL) => {
            Some(w.value.clone())
        }
        _ => None,
    };
    let (last, qualifiers) = side.split_last()?;
    if qualifiers.len() % 2 != 0 || !qualifiers.chunks(2).all(|p| name(&p[0]).is_some() && p[1].t == Token::Period) {
        return None;
    }
    name(last)
}

/// A literal's SQL: numbers and strings as written (up to the next token, no comment
/// between), `TRUE`, `FALSE` and `NULL` as sqlparser printed them.
fn literal(c: &Condition, t: &Tok, next: Option<&Tok>) -> Option<String> {
    match &t.t {
        Token::Word(w) if w.quote_style.is_none() => match w.keyword {
            Keyword::TRUE => Some("true".into()),
            Keyword::FALSE => Some("false".into()),
            Keyword::NULL => Some("NULL".into()),
            _ => None,
        },
        Token::Number(_, false)
        | Token::SingleQuotedString(_)
        | Token::NationalStringLiteral(_)
        | Token::EscapedStringLiteral(_)
        | Token::HexStringLiteral(_) => as_written(c, t, next),
        Token::DoubleQuotedString(_) | Token::DollarQuotedString(_) => as_written(c, t, next),
        _ => None,
    }
}

/// The text of token `t` as written: from its position to the next token's (or the end),
/// trimmed; `None` when a comment lies in between.
fn as_written(c: &Condition, t: &Tok, next: Option<&Tok>) -> Option<String> {
    let from = offset(&c.text, t.line, t.col)?;
    let to = match next {
        Some(n) => offset(&c.text, n.line, n.col)?,
        None => c.text.len(),
    };
    let after = |l: usize, col: usize| (l, col) > (t.line, t.col);
    let before_next = |l: usize, col: usize| next.is_none_or(|n| (l, col) < (n.line, n.col));
    if c.comments.iter().any(|m| after(m.line, m.col) && before_next(m.line, m.col)) {
        return None;
    }
    let text = crate::text::between(&c.text, from, to).trim_end();
    (!text.is_empty()).then(|| text.to_string())
}

/// The byte offset of 1-based `line` and `col` (in characters) in `text`.
fn offset(text: &str, line: usize, col: usize) -> Option<usize> {
    let mut l = 1;
    let mut line_start = 0;
    if line > 1 {
        for (i, ch) in text.char_indices() {
            if ch == '\n' {
                l += 1;
                if l == line {
                    line_start = i + 1;
                    break;
                }
            }
        }
        if l != line {
            return None;
        }
    }
    let rest = crate::text::from(text, line_start);
    match rest.char_indices().nth(col.checked_sub(1)?) {
        Some((i, _)) => Some(line_start + i),
        None => (rest.chars().count() + 1 == col).then_some(text.len()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filters_are_complete_conditions_and_give_their_equalities() {
        let e = parse_filter(Dialect::Mysql, "kind = 'billing' AND (active = 1)").unwrap();
        assert_eq!(equalities(&e), [("kind".to_string(), "'billing'".to_string()), ("active".to_string(), "1".to_string())]);
        assert!(parse_filter(Dialect::Postgres, "kind = ").is_err());
        assert!(parse_filter(Dialect::Postgres, "kind = 'a' garbage here").is_err());
        assert!(parse_filter(Dialect::Postgres, "  ").is_err());
        assert!(equalities(&parse_filter(Dialect::Postgres, "kind = 'a' OR kind = 'b'").unwrap()).is_empty());
    }

    /// The equalities sqlparser's parser finds (the reference this file replaced, kept for the
    /// tests only: the wasm must not carry the parser).
    fn reference(d: Dialect, text: &str) -> Option<Vec<(String, String)>> {
        use sqlparser::ast::{BinaryOperator, Expr};
        let dialect: Box<dyn sqlparser::dialect::Dialect> = match d {
            Dialect::Postgres => Box::new(sqlparser::dialect::PostgreSqlDialect {}),
            Dialect::Mysql => Box::new(sqlparser::dialect::MySqlDialect {}),
            Dialect::Sqlite => Box::new(sqlparser::dialect::SQLiteDialect {}),
        };
        let mut p = sqlparser::parser::Parser::new(dialect.as_ref()).try_with_sql(text).ok()?;
        let e = p.parse_expr().ok()?;
        if p.peek_token().token != Token::EOF {
            return None;
        }
        fn collect(e: &Expr, out: &mut Vec<(String, String)>) {
            match e {
                Expr::Nested(inner) => collect(inner, out),
                Expr::BinaryOp { left, op: BinaryOperator::And, right } => {
                    collect(left, out);
                    collect(right, out);
                }
                Expr::BinaryOp { left, op: BinaryOperator::Eq, right } => {
                    let col = |x: &Expr| match x {
                        Expr::Identifier(i) => Some(i.value.clone()),
                        Expr::CompoundIdentifier(parts) => parts.last().map(|i| i.value.clone()),
                        _ => None,
                    };
                    let lit = |x: &Expr| match x {
                        Expr::Value(v) => Some(v.value.to_string()),
                        _ => None,
                    };
                    if let (Some(c), Some(v)) = (col(left), lit(right)) {
                        out.push((c, v));
                    } else if let (Some(v), Some(c)) = (lit(left), col(right)) {
                        out.push((c, v));
                    }
                }
                _ => {}
            }
        }
        let mut out = Vec::new();
        collect(&e, &mut out);
        Some(out)
    }

    /// On the filters people write, the token checks accept what the parser accepted and find
    /// the same equalities (never one the parser did not: a wrong one would put a wrong value
    /// back on down).
    #[test]
    fn same_as_the_parser_on_usual_filters() {
        let filters = [
            "kind = 'billing'",
            "kind = 'billing' AND (active = 1)",
            "t.kind = 'billing' AND a.b.c = 2 AND 3 = n",
            "kind = 'a' OR kind = 'b'",
            "(kind = 'a' AND x = 1) OR y = 2",
            "a BETWEEN 1 AND 2 AND kind = 'x'",
            "NOT kind = 'a' AND b = TRUE AND c = false AND d = NULL",
            "kind IN ('a', 'b') AND region = 'eu'",
            "((kind = 'shipping'))",
            "kind = 'it''s'",
            "kind = -1 AND z = 1.5",
            "lower(kind) = 'a' AND kind = upper('b')",
            "kind = 'a' garbage",
            "kind =",
            "kind = 'a'; DROP TABLE t",
            "kind = 'a', x = 1",
        ];
        for d in [Dialect::Postgres, Dialect::Mysql, Dialect::Sqlite] {
            for f in filters {
                let mine = parse_filter(d, f).ok().map(|c| equalities(&c));
                assert_eq!(mine, reference(d, f), "{d:?}: {f}");
            }
        }
        // Where they differ, the literal is kept as written (sqlparser re-quoted it).
        let c = parse_filter(Dialect::Mysql, r"kind = 'it\'s' AND n = 2").unwrap();
        assert_eq!(equalities(&c), [("kind".to_string(), r"'it\'s'".to_string()), ("n".to_string(), "2".to_string())]);
    }
}

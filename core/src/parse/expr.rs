//! Expressions (defaults, checks, index predicates, generated columns) in canonical text.
//!
//! The text is rebuilt from tokens so that equal expressions written differently compare equal
//! and the result is valid SQL of the dialect (renderers print it verbatim): redundant outer
//! parentheses dropped, a fixed spacing, SQL keywords upper case and other unquoted words lower
//! case, quoted identifiers unquoted when that is safe, string literals re-quoted with `'`, casts
//! as the engine stores them (`casts.rs`: `'a'::text` is `'a'`, `ARRAY[a, b]::text[]` is
//! `ARRAY[a::text, b::text]`), and cast target types in their canonical spelling. Functions keep their name: `now()` and `CURRENT_TIMESTAMP` stay
//! distinct in PostgreSQL as the engine keeps them (MySQL/MariaDB store both as
//! `CURRENT_TIMESTAMP`, see `default_value`).

use super::cursor::{Cursor, Tok};
pub(super) use super::expr_words::{is_upper_keyword, spaced_keyword};
use super::expr_words::{RESERVED, UPPER, VALUE_KEYWORDS};
use super::names::{self, Kind};
use super::{casts, parens, pg_forms, types};
use crate::Dialect;
use sqlparser::tokenizer::Token;

/// An identifier as SQL text: bare when it is a plain lower-case name, quoted otherwise.
pub fn ident_sql(d: Dialect, name: &str) -> String {
    let plain = !name.is_empty()
        && name.chars().next().map(|c| c.is_ascii_lowercase() || c == '_').unwrap_or(false)
        && name.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        && !RESERVED.contains(&name);
    if plain {
        name.to_string()
    } else if d == Dialect::Mysql {
        format!("`{}`", name.replace('`', "``"))
    } else {
        format!("\"{}\"", name.replace('"', "\"\""))
    }
}

/// A string literal as SQL text for the dialect.
pub fn literal_sql(d: Dialect, s: &str) -> String {
    let mut v = s.replace('\'', "''");
    if d == Dialect::Mysql {
        v = v.replace('\\', "\\\\");
    }
    format!("'{v}'")
}

/// Strip parentheses that wrap the whole slice.
pub fn strip_parens(mut toks: &[Tok]) -> &[Tok] {
    while toks.len() >= 2 && toks[0].t == Token::LParen && toks[toks.len() - 1].t == Token::RParen {
        // The first `(` must close at the very end.
        let mut depth = 0usize;
        let mut closes_at_end = true;
        for (i, t) in toks.iter().enumerate() {
            match t.t {
                Token::LParen => depth += 1,
                Token::RParen => {
                    depth = depth.saturating_sub(1);
                    if depth == 0 && i != toks.len() - 1 {
                        closes_at_end = false;
                        break;
                    }
                }
                _ => {}
            }
        }
        if !closes_at_end {
            break;
        }
        toks = &toks[1..toks.len() - 1];
    }
    toks
}

/// Canonical text of an expression.
pub fn normalize(d: Dialect, toks: &[Tok]) -> String {
    normalize_with(d, toks, true, false)
}

/// Canonical text of a view's query. MySQL/MariaDB name a view's columns by the select list's
/// aliases as written (`AS Total` is the column `Total`): those keep their case, so a view whose
/// column names change case only is a changed view.
pub fn normalize_view(d: Dialect, toks: &[Tok]) -> String {
    normalize_with(d, toks, true, d == Dialect::Mysql)
}

/// Canonical text of a partition bound (`IN (...)` lists stay lists), quoted numbers unquoted
/// (pg_dump quotes the values of a text key only, `FOR VALUES IN ('1')`).
pub fn normalize_bound(d: Dialect, toks: &[Tok]) -> String {
    let toks: Vec<Tok> = toks
        .iter()
        .map(|t| match &t.t {
            Token::SingleQuotedString(s) if !s.is_empty() && s.chars().all(|c| c.is_ascii_digit()) => {
                Tok { t: Token::Number(s.clone(), false), ..t.clone() }
            }
            _ => t.clone(),
        })
        .collect();
    normalize_with(d, &toks, false, false)
}

fn normalize_with(d: Dialect, toks: &[Tok], stored_forms: bool, alias_case: bool) -> String {
    // A lone number (a type's length, most defaults) is itself: none of the rewrites below applies.
    if let [Tok { t: Token::Number(n, _), .. }] = toks {
        return n.clone();
    }
    let owned;
    let toks = match super::expr_mysql::mysql_substr(d, toks) {
        Some(v) => {
            owned = v;
            &owned[..]
        }
        None => toks,
    };
    let stored;
    let toks = match super::expr_mysql::mysql_stored_names(d, toks) {
        Some(v) => {
            stored = v;
            &stored[..]
        }
        None => toks,
    };
    let toks = strip_parens(toks);
    let mut out: Vec<(String, Class)> = Vec::new();
    let mut c = Cursor::new(d, toks);
    let mut depth = 0usize;
    while let Some(tok) = c.next() {
        let t = &tok.t;
        match t {
            Token::LParen => depth += 1,
            Token::RParen => depth = depth.saturating_sub(1),
            _ => {}
        }
        // A select-list alias (`AS name` outside parentheses) as written, quoted when not plain.
        if alias_case && depth == 0 && out.last().is_some_and(|(s, k)| *k == Class::Keyword && s == "AS") {
            if let Token::Word(w) = t {
                out.push((ident_sql(d, &w.value), Class::Name));
                continue;
            }
        }
        match t {
            Token::Word(w) if w.quote_style.is_none() && d == Dialect::Postgres && typed_literal(&w.value, &out, toks.get(c.pos)) => {
                // `date '2020-01-01'` is `'2020-01-01'::date`.
                let ty = types::type_from(d, std::slice::from_ref(tok)).map(|t| t.to_string()).unwrap_or_else(|| w.value.to_lowercase());
                if let Some(Tok { t: Token::SingleQuotedString(s), .. }) = c.next() {
                    out.push((literal_sql(d, s), Class::Value));
                    out.push(("::".into(), Class::Glue));
                    out.push((ty, Class::Type));
                }
            }
            // The default schema qualifier (`public.add(...)`) is the unqualified name; so is
            // `pg_catalog.` before a function (pg_dump writes `pg_catalog.date_part(...)`; the
            // catalog comes first on every search path).
            Token::Word(w)
                if d == Dialect::Postgres
                    && (names::fold(d, Kind::Object, w) == "public"
                        || (names::fold(d, Kind::Object, w) == "pg_catalog"
                            && toks.get(c.pos + 2).is_some_and(|t| t.t == Token::LParen)))
                    && w.quote_style.is_none()
                    && toks.get(c.pos).map(|t| t.t == Token::Period).unwrap_or(false)
                    && matches!(toks.get(c.pos + 1).map(|t| &t.t), Some(Token::Word(_))) =>
            {
                c.next();
            }
            // `ORDER BY x ASC` is `ORDER BY x`: the default, which the engines do not print.
            Token::Word(w) if w.quote_style.is_none() && w.value.eq_ignore_ascii_case("asc") => {}
            Token::Word(w) if w.quote_style.is_none() => {
                let lower = w.value.to_lowercase();
                if UPPER.contains(&lower.as_str()) {
                    out.push((lower.to_uppercase(), Class::Keyword));
                } else {
                    // A non-ASCII name is written quoted, as its quoted spelling (a dump's) is.
                    let folded = names::fold(d, Kind::Local, w);
                    let sql = if folded.is_ascii() { folded } else { ident_sql(d, &folded) };
                    out.push((sql, Class::Name));
                }
            }
            Token::Word(w) => out.push((ident_sql(d, &names::fold(d, Kind::Local, w)), Class::Name)),
            Token::DoubleColon => {
                let start = c.pos;
                match types::read_type(&mut c) {
                    Ok(rt) => {
                        out.push(("::".into(), Class::Glue));
                        out.push((rt.data_type.to_string(), Class::Type));
                    }
                    Err(_) => {
                        c.pos = start;
                        out.push(("::".into(), Class::Glue));
                    }
                }
            }
            Token::SingleQuotedString(s) | Token::EscapedStringLiteral(s) => out.push((literal_sql(d, s), Class::Value)),
            Token::DoubleQuotedString(s) => out.push((literal_sql(d, s), Class::Value)),
            Token::NationalStringLiteral(s) => out.push((format!("N{}", literal_sql(d, s)), Class::Value)),
            Token::Comma => out.push((",".into(), Class::Comma)),
            Token::LParen => out.push(("(".into(), Class::Open)),
            Token::RParen => out.push((")".into(), Class::Close)),
            Token::LBracket => out.push(("[".into(), Class::Open)),
            Token::RBracket => out.push(("]".into(), Class::Close)),
            Token::Period => out.push((".".into(), Class::Glue)),
            Token::Number(n, _) => out.push((n.clone(), Class::Value)),
            // MySQL `0x1077` is the bytes 0x01 0x77: `X'...'` needs an even number of digits
            // there. PostgreSQL's `X'A'` is a bit string of four bits: kept as written.
            Token::HexStringLiteral(h) => {
                let pad = if d == Dialect::Mysql && h.len() % 2 == 1 { "0" } else { "" };
                out.push((format!("X'{pad}{h}'"), Class::Value))
            }
            Token::Minus | Token::Plus => {
                let unary = match out.last() {
                    None => true,
                    // A keyword that is a value (`CURRENT_TIMESTAMP - x`) or ends one (`END - 1`) is an operand.
                    Some((w, Class::Keyword)) => !VALUE_KEYWORDS.contains(&w.as_str()),
                    Some((_, k)) => matches!(k, Class::Op | Class::Open | Class::Comma),
                };
                out.push((t.to_string(), if unary { Class::Unary } else { Class::Op }));
            }
            other => out.push((other.to_string(), Class::Op)),
        }
    }
    if d == Dialect::Postgres {
        casts::push_array_casts(&mut out);
    }
    casts::drop_literal_text_casts(&mut out);
    if d == Dialect::Postgres && stored_forms {
        pg_forms::rewrite(&mut out);
    }
    parens::simplify(&mut out);
    if d == Dialect::Postgres && stored_forms {
        pg_forms::not_distinct(&mut out);
    }
    join(&out)
}

/// What a piece of canonical expression text is, for spacing and simplification.
/// A type name followed by a string literal (and not itself a cast target).
fn typed_literal(word: &str, out: &[(String, Class)], next: Option<&Tok>) -> bool {
    const TYPES: &[&str] = &[
        "date",
        "time",
        "timestamp",
        "timestamptz",
        "timetz",
        "interval",
        "boolean",
        "bool",
        "integer",
        "int",
        "int4",
        "int8",
        "bigint",
        "smallint",
        "numeric",
        "decimal",
        "text",
        "varchar",
        "uuid",
        "json",
        "jsonb",
        "inet",
        "cidr",
        "bytea",
        "real",
        "float8",
        "money",
    ];
    if !matches!(next.map(|t| &t.t), Some(Token::SingleQuotedString(_))) || !TYPES.iter().any(|t| t.eq_ignore_ascii_case(word)) {
        return false;
    }
    let after_cast = out.last().map(|p| p.0 == "::").unwrap_or(false);
    !after_cast
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum Class {
    Keyword,
    /// A cast's target type (after `::`).
    Type,
    Name,
    Value,
    Op,
    Unary,
    Open,
    Close,
    Comma,
    Glue,
}

fn join(parts: &[(String, Class)]) -> String {
    let mut s = String::new();
    for (i, (text, class)) in parts.iter().enumerate() {
        if i > 0 {
            let prev = parts[i - 1].1;
            let space = match (prev, class) {
                (Class::Open | Class::Glue | Class::Unary, _) => false,
                (_, Class::Close | Class::Comma | Class::Glue) => false,
                (Class::Name | Class::Type, Class::Open) => false,
                (Class::Keyword, Class::Open) if text == "(" => spaced_keyword(&parts[i - 1].0),
                (Class::Close | Class::Value | Class::Keyword, Class::Open) if text == "[" => false,
                _ => true,
            };
            if space {
                s.push(' ');
            }
        }
        s.push_str(text);
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::cursor::tokenize;

    fn n(d: Dialect, s: &str) -> String {
        let (toks, _) = tokenize(d, s, 1, 1).unwrap();
        normalize(d, &toks)
    }

    /// A lone number takes a short way; in parentheses it takes the whole one: the same text.
    #[test]
    fn a_lone_number_is_itself_both_ways() {
        for d in [Dialect::Postgres, Dialect::Mysql, Dialect::Sqlite] {
            for num in ["0", "12", "1.50", "1e3", ".5", "007"] {
                assert_eq!(n(d, num), n(d, &format!("({num})")), "{d:?} {num}");
                assert_eq!(n(d, num), num, "{d:?}");
            }
        }
    }

    #[test]
    fn canonical_text() {
        let d = Dialect::Postgres;
        assert_eq!(n(d, "'a'::text"), "'a'");
        assert_eq!(n(d, "( (price>0) and \"Qty\" < 10 )"), "price > 0 AND \"Qty\" < 10");
        assert_eq!(n(d, "((nick)::text <> '') AND (score < (1000)::numeric)"), "nick::text <> '' AND score < 1000");
        assert_eq!(n(d, "(a OR b) AND c"), "(a OR b) AND c");
        assert_eq!(n(d, "x IN (1) AND lower((nick)::text) = 'a'"), "x = 1 AND lower(nick::text) = 'a'");
        assert_eq!(n(d, "s IN ('a','b')"), "s = ANY (ARRAY['a', 'b'])");
        assert_eq!(
            n(d, "((s)::text = ANY ((ARRAY['a'::character varying, 'b'::character varying])::text[]))"),
            "s::text = ANY (ARRAY['a'::character varying::text, 'b'::character varying::text])"
        );
        assert_eq!(
            n(d, "SELECT category FROM category_totals WHERE (total > (1000)::numeric) ORDER BY total DESC"),
            "SELECT category FROM category_totals WHERE total > 1000 ORDER BY total DESC"
        );
        assert_eq!(n(d, "s NOT IN ('a','b')"), "s <> ALL (ARRAY['a', 'b'])");
        assert_eq!(n(d, "t ~~ 'x%' AND d >= date '2020-01-01'"), "t LIKE 'x%' AND d >= '2020-01-01'::date");
        assert_eq!(n(d, "((NOT (n > 10)) AND (n IS NOT NULL))"), "NOT n > 10 AND n IS NOT NULL");
        assert_eq!(n(d, "lower((a || '@') || b)"), "lower(a || '@' || b)");
        assert_eq!(n(d, "(a / b) * 2 + (c - d)"), "a / b * 2 + (c - d)");
        assert_eq!(n(d, "x - (a + b)"), "x - (a + b)");
        let (toks, _) = tokenize(d, "IN ('1', 'a''b')", 1, 1).unwrap();
        assert_eq!(normalize_bound(d, &toks), "IN (1, 'a''b')");
        assert_eq!(n(d, "(n = 0) OR ((NOT (n > 10)) AND (n IS NOT NULL))"), "n = 0 OR NOT n > 10 AND n IS NOT NULL");
        assert_eq!(n(d, "(a OR b) AND (c OR d)"), "(a OR b) AND (c OR d)");
        assert_eq!(n(d, "a = 1 OR (b = 2 AND c IS NULL)"), "a = 1 OR b = 2 AND c IS NULL");
        assert_eq!(n(d, "(a = 1 OR b = 2) AND c"), "(a = 1 OR b = 2) AND c");
        assert_eq!(n(d, "(score >= (0)::numeric)"), "score >= 0");
        assert_eq!(n(Dialect::Mysql, "s IN ('a','b')"), "s IN ('a', 'b')");
        assert_eq!(n(d, "(a + b) * 2 > (c)"), "(a + b) * 2 > c");
        assert_eq!(n(d, "NOW()"), "now()");
        assert_eq!(n(d, "current_timestamp"), "CURRENT_TIMESTAMP");
        assert_eq!(n(d, "x::int4 + -1"), "x::integer + -1");
        assert_eq!(n(d, "lower( email )"), "lower(email)");
        assert_eq!(n(d, "\"order\" = 'it''s'"), "\"order\" = 'it''s'");
    }
}

//! Expressions (defaults, checks, index predicates, generated columns) in canonical text.
//!
//! The text is rebuilt from tokens so that equal expressions written differently compare equal
//! and the result is valid SQL of the dialect (renderers print it verbatim): redundant outer
//! parentheses dropped, a fixed spacing, SQL keywords upper case and other unquoted words lower
//! case, quoted identifiers unquoted when that is safe, string literals re-quoted with `'`, casts
//! of string literals to text types dropped (`'a'::text` is `'a'`), and cast target types in
//! their canonical spelling. Functions keep their name: `now()` and `CURRENT_TIMESTAMP` stay
//! distinct in PostgreSQL as the engine keeps them (MySQL/MariaDB store both as
//! `CURRENT_TIMESTAMP`, see `default_value`).

use super::cursor::{Cursor, Tok};
use super::names::{self, Kind};
use super::{parens, pg_forms, types};
use crate::model::DataType;
use crate::Dialect;
use sqlparser::tokenizer::Token;

/// Words printed in upper case in canonical expressions.
const UPPER: &[&str] = &[
    "and", "or", "not", "null", "true", "false", "is", "in", "like", "ilike", "between", "case", "when", "then",
    "else", "end", "as", "any", "all", "some", "array", "exists", "distinct", "from", "current_timestamp",
    "current_date", "current_time", "localtime", "localtimestamp", "current_user", "session_user", "interval",
    "similar", "escape", "collate", "at", "time", "zone", "cast", "select", "where", "unknown", "isnull", "notnull",
    "regexp", "rlike", "glob", "match", "with", "without", "varying", "precision", "div", "mod", "xor", "binary",
    "on", "update", "group", "by", "order", "having", "limit", "offset", "join", "left", "right", "inner", "outer",
    "full", "cross", "union", "except", "intersect", "asc", "desc", "nulls", "over", "partition", "filter",
    "lateral", "using", "values", "for", "each", "row", "execute", "function", "procedure", "before", "after",
    "instead", "of", "insert", "delete", "truncate", "statement", "referencing", "new", "old", "when",
];

/// Keywords followed by a space before `(` (the others read like function calls).
const SPACED: &[&str] = &[
    "IN", "ANY", "ALL", "SOME", "EXISTS", "AND", "OR", "NOT", "AS", "WHEN", "THEN", "ELSE", "IS", "LIKE", "ILIKE",
    "BETWEEN", "ON", "SELECT", "FROM", "WHERE", "WITH", "ARRAY", "CASE", "END", "DISTINCT", "UPDATE",
];

/// Whether a keyword keeps a space before `(` (else it reads like a function name).
pub(super) fn spaced_keyword(k: &str) -> bool {
    SPACED.contains(&k)
}

/// Reserved words that must stay quoted when used as identifiers.
const RESERVED: &[&str] = &[
    "all", "analyse", "analyze", "and", "any", "array", "as", "asc", "asymmetric", "both", "case", "cast", "check",
    "collate", "column", "constraint", "create", "current_date", "current_role", "current_time", "current_timestamp",
    "current_user", "default", "deferrable", "desc", "distinct", "do", "else", "end", "except", "false", "fetch",
    "for", "foreign", "from", "grant", "group", "having", "in", "initially", "intersect", "into", "lateral",
    "leading", "limit", "localtime", "localtimestamp", "not", "null", "offset", "on", "only", "or", "order",
    "placing", "primary", "references", "returning", "select", "session_user", "some", "symmetric", "table", "then",
    "to", "trailing", "true", "union", "unique", "user", "using", "variadic", "when", "where", "window", "with",
    "key", "keys", "index", "range", "rank", "interval", "read", "match", "replace", "condition", "div",
    "mod", "delete", "update", "insert", "values", "set", "add", "alter", "drop", "between", "by", "is", "like",
    "exists", "join", "left", "right", "inner", "outer", "cross", "natural", "full",
    "row", "rows", "trigger", "option", "change", "release", "usage", "load", "lock", "long", "int", "integer",
    "char", "varchar",
];

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

fn is_string(t: &Token) -> bool {
    matches!(
        t,
        Token::SingleQuotedString(_) | Token::EscapedStringLiteral(_) | Token::NationalStringLiteral(_)
    ) || matches!(t, Token::DoubleQuotedString(_))
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
    let toks = strip_parens(toks);
    let mut out: Vec<(String, Class)> = Vec::new();
    let mut c = Cursor::new(d, toks);
    while let Some(tok) = c.next() {
        let t = &tok.t;
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
            Token::Word(w) if w.quote_style.is_none() => {
                let lower = w.value.to_lowercase();
                if UPPER.contains(&lower.as_str()) {
                    out.push((lower.to_uppercase(), Class::Keyword));
                } else {
                    let folded = names::fold(d, Kind::Local, w);
                    out.push((folded, Class::Name));
                }
            }
            Token::Word(w) => out.push((ident_sql(d, &names::fold(d, Kind::Local, w)), Class::Name)),
            Token::DoubleColon => {
                let prev_is_string = c.pos >= 2 && is_string(&toks[c.pos - 2].t);
                let start = c.pos;
                match types::read_type(&mut c) {
                    Ok(rt) => {
                        let text = rt.data_type.to_string();
                        let texty = matches!(
                            rt.data_type.base.as_str(),
                            "text" | "character varying" | "character" | "bpchar" | "unknown"
                        );
                        if !(prev_is_string && texty) {
                            out.push(("::".into(), Class::Glue));
                            out.push((text, Class::Type));
                        }
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
            Token::Minus | Token::Plus => {
                let unary = match out.last() {
                    None => true,
                    Some((_, k)) => matches!(k, Class::Op | Class::Open | Class::Comma | Class::Keyword),
                };
                out.push((t.to_string(), if unary { Class::Unary } else { Class::Op }));
            }
            other => out.push((other.to_string(), Class::Op)),
        }
    }
    if d == Dialect::Postgres {
        pg_forms::rewrite(&mut out);
    }
    parens::simplify(&mut out);
    join(&out)
}

/// What a piece of canonical expression text is, for spacing and simplification.
/// A type name followed by a string literal (and not itself a cast target).
fn typed_literal(word: &str, out: &[(String, Class)], next: Option<&Tok>) -> bool {
    const TYPES: &[&str] = &[
        "date", "time", "timestamp", "timestamptz", "timetz", "interval", "boolean", "bool", "integer", "int", "int4",
        "int8", "bigint", "smallint", "numeric", "decimal", "text", "varchar", "uuid", "json", "jsonb", "inet", "cidr",
        "bytea", "real", "float8", "money",
    ];
    if !TYPES.contains(&word.to_ascii_lowercase().as_str()) {
        return false;
    }
    let after_cast = out.last().map(|p| p.0 == "::").unwrap_or(false);
    !after_cast && matches!(next.map(|t| &t.t), Some(Token::SingleQuotedString(_)))
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

/// Canonical text of a column default, `None` for `DEFAULT NULL`.
pub fn default_value(d: Dialect, toks: &[Tok], ty: &DataType) -> Option<String> {
    let text = normalize(d, toks);
    if text == "NULL" {
        return None;
    }
    let numeric = is_numeric_type(d, ty);
    // A quoted number for a numeric column is that number: `'0'` = `0`, `'-1'::integer` = `-1`.
    let inner = strip_parens(toks);
    if let [Tok { t: Token::SingleQuotedString(s), .. }, rest @ ..] = inner {
        let cast_only = rest.is_empty() || rest[0].t == Token::DoubleColon;
        if numeric && cast_only && s.trim().parse::<f64>().is_ok() {
            return Some(s.trim().to_string());
        }
    }
    // A literal cast to the column's own type: `'ok'::mood`, `'{}'::integer[]`.
    let text = match text.strip_suffix(&format!("::{ty}")) {
        Some(lit) if is_plain_literal(lit) => lit.to_string(),
        _ => text,
    };
    match d {
        Dialect::Postgres => {
            if let Some(arg) = text.strip_prefix("nextval('") {
                let name = arg.split('\'').next().unwrap_or("");
                let name = name.strip_prefix("public.").unwrap_or(name);
                return Some(format!("nextval('{name}'::regclass)"));
            }
            Some(text)
        }
        Dialect::Mysql => {
            let upper = text.to_ascii_uppercase();
            for f in ["CURRENT_TIMESTAMP", "NOW", "LOCALTIMESTAMP", "LOCALTIME"] {
                if let Some(rest) = upper.strip_prefix(f) {
                    if rest.is_empty() || rest == "()" {
                        return Some("CURRENT_TIMESTAMP".into());
                    }
                    if rest.starts_with('(') && rest.ends_with(')') {
                        return Some(format!("CURRENT_TIMESTAMP{rest}"));
                    }
                }
            }
            // `DEFAULT 0` on decimal(10,2) is stored and shown as `0.00`.
            if let (Some(scale), true) = (ty.scale(), ty.base == "decimal") {
                if let Some(v) = with_scale(&text, scale as usize) {
                    return Some(v);
                }
            }
            if numeric && (text == "TRUE" || text == "FALSE") {
                return Some(if text == "TRUE" { "1" } else { "0" }.into());
            }
            if !numeric && is_string_type(ty) && text.parse::<f64>().is_ok() {
                return Some(literal_sql(d, &text));
            }
            Some(text)
        }
        Dialect::Sqlite => Some(text),
    }
}

/// A plain decimal number written with exactly `scale` fraction digits.
fn with_scale(text: &str, scale: usize) -> Option<String> {
    let (sign, digits) = match text.strip_prefix('-') {
        Some(r) => ("-", r),
        None => ("", text),
    };
    let (int, frac) = digits.split_once('.').unwrap_or((digits, ""));
    if int.is_empty() || !int.chars().all(|c| c.is_ascii_digit()) || !frac.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    if frac.len() > scale && frac[scale..].chars().any(|c| c != '0') {
        return None;
    }
    let mut f: String = frac.chars().take(scale).collect();
    while f.len() < scale {
        f.push('0');
    }
    Some(if scale == 0 { format!("{sign}{int}") } else { format!("{sign}{int}.{f}") })
}

/// A single string or number literal.
fn is_plain_literal(s: &str) -> bool {
    let quoted = s.len() >= 2 && s.starts_with('\'') && s.ends_with('\'') && !s[1..s.len() - 1].replace("''", "").contains('\'');
    quoted || s.parse::<f64>().is_ok()
}

fn is_numeric_type(d: Dialect, ty: &DataType) -> bool {
    let b = ty.base.as_str();
    match d {
        Dialect::Sqlite => false,
        _ => {
            ty.array_dims == 0
                && matches!(
                    b,
                    "integer" | "smallint" | "bigint" | "numeric" | "real" | "double precision" | "int" | "tinyint"
                        | "mediumint" | "decimal" | "float" | "double" | "bit"
                )
        }
    }
}

fn is_string_type(ty: &DataType) -> bool {
    matches!(ty.base.as_str(), "varchar" | "char" | "text" | "tinytext" | "mediumtext" | "longtext" | "enum" | "set")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::cursor::tokenize;

    fn n(d: Dialect, s: &str) -> String {
        let (toks, _) = tokenize(d, s, 1, 1).unwrap();
        normalize(d, &toks)
    }

    fn dv(d: Dialect, s: &str, ty: DataType) -> Option<String> {
        let (toks, _) = tokenize(d, s, 1, 1).unwrap();
        default_value(d, &toks, &ty)
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
        assert_eq!(n(d, "((s)::text = ANY ((ARRAY['a'::character varying, 'b'::character varying])::text[]))"), "s::text = ANY (ARRAY['a', 'b'])");
        assert_eq!(n(d, "s NOT IN ('a','b')"), "s <> ALL (ARRAY['a', 'b'])");
        assert_eq!(n(d, "t ~~ 'x%' AND d >= date '2020-01-01'"), "t LIKE 'x%' AND d >= '2020-01-01'::date");
        assert_eq!(n(d, "((NOT (n > 10)) AND (n IS NOT NULL))"), "NOT n > 10 AND n IS NOT NULL");
        assert_eq!(n(d, "lower((a || '@') || b)"), "lower(a || '@' || b)");
        assert_eq!(n(d, "(score >= (0)::numeric)"), "score >= 0");
        assert_eq!(n(Dialect::Mysql, "s IN ('a','b')"), "s IN ('a', 'b')");
        assert_eq!(n(d, "(a + b) * 2 > (c)"), "(a + b) * 2 > c");
        assert_eq!(n(d, "NOW()"), "now()");
        assert_eq!(n(d, "current_timestamp"), "CURRENT_TIMESTAMP");
        assert_eq!(n(d, "x::int4 + -1"), "x::integer + -1");
        assert_eq!(n(d, "lower( email )"), "lower(email)");
        assert_eq!(n(d, "\"order\" = 'it''s'"), "\"order\" = 'it''s'");
    }

    #[test]
    fn defaults() {
        let int = DataType::simple("integer");
        let d = Dialect::Postgres;
        assert_eq!(dv(d, "'-1'::integer", int.clone()).as_deref(), Some("-1"));
        assert_eq!(dv(d, "NULL", int.clone()), None);
        assert_eq!(dv(d, "nextval('public.t_id_seq'::regclass)", int.clone()).as_deref(), Some("nextval('t_id_seq'::regclass)"));
        assert_eq!(dv(d, "nextval('t_id_seq')", int).as_deref(), Some("nextval('t_id_seq'::regclass)"));
        let m = Dialect::Mysql;
        assert_eq!(dv(m, "current_timestamp()", DataType::simple("timestamp")).as_deref(), Some("CURRENT_TIMESTAMP"));
        assert_eq!(dv(m, "'0'", DataType::simple("int")).as_deref(), Some("0"));
        assert_eq!(dv(m, "0", DataType::with_args("varchar", &["3"])).as_deref(), Some("'0'"));
    }
}

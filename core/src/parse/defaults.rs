//! Column defaults in canonical form: `DEFAULT NULL` is no default, a quoted number on a
//! numeric column is the number, a literal cast to the column's own type is the literal,
//! PostgreSQL `nextval` references drop the default schema, and MySQL/MariaDB spellings the
//! server normalizes (`now()`, `current_timestamp()`, typed literals, decimal scale) are
//! written as the server shows them.

use super::cursor::Tok;
use super::expr::{self, literal_sql, normalize, strip_parens};
use crate::model::{DataType, QName};
use crate::Dialect;
use sqlparser::tokenizer::Token;

/// `NULL::type`: a null cast to a type (its text after `::` holds nothing but a type name).
fn is_null_cast(text: &str) -> bool {
    text.strip_prefix("NULL::").is_some_and(|ty| !ty.is_empty() && ty.chars().all(|c| c.is_alphanumeric() || " _.,()[]\"".contains(c)))
}

/// Canonical text of a column default, `None` for `DEFAULT NULL` (MySQL, SQLite). PostgreSQL
/// keeps an explicit `DEFAULT NULL` (it stores `NULL::type` and pg_dump prints it): `NULL`.
pub fn default_value(d: Dialect, toks: &[Tok], ty: &DataType) -> Option<String> {
    if d == Dialect::Postgres {
        if let Some(v) = plain_nextval(toks) {
            return Some(v);
        }
    }
    normalized_default(d, toks, ty)
}

/// `default_value` the long way: the normalized expression, then its canonical forms.
fn normalized_default(d: Dialect, toks: &[Tok], ty: &DataType) -> Option<String> {
    let text = normalize(d, toks);
    if text == "NULL" || (d == Dialect::Postgres && is_null_cast(&text)) {
        return (d == Dialect::Postgres).then(|| "NULL".to_string());
    }
    let numeric = is_numeric_type(d, ty);
    // A quoted number for a numeric column is that number: `'0'` = `0`, `'-1'::integer` = `-1`.
    let inner = strip_parens(toks);
    if let [Tok { t: Token::SingleQuotedString(s), .. }, rest @ ..] = inner {
        let cast_only = rest.is_empty() || rest[0].t == Token::DoubleColon;
        if numeric && cast_only && s.trim().parse::<f64>().is_ok() {
            let v = s.trim().to_string();
            return Some(match (ty.scale(), ty.base == "decimal") {
                (Some(scale), true) => with_scale(&v, scale as usize).unwrap_or(v),
                _ => v,
            });
        }
    }
    // A literal cast to the column's own type: `'ok'::mood`, `'{}'::integer[]`.
    // (The type's text is only made for a default with a cast.)
    let text = match text.contains("::").then(|| text.strip_suffix(&format!("::{ty}"))).flatten() {
        Some(lit) if is_plain_literal(lit) => lit.to_string(),
        _ => text,
    };
    match d {
        Dialect::Postgres => {
            if let Some(arg) = text.strip_prefix("nextval(") {
                if let Some(Tok { t: Token::SingleQuotedString(lit), .. }) = strip_parens(toks).get(2) {
                    if let Some(q) = regclass_name(lit) {
                        return Some(nextval(&q));
                    }
                }
                let _ = arg;
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
            // Typed literals (`DATE '2024-01-01'`) are stored as the plain string.
            for kw in ["DATE ", "TIME ", "TIMESTAMP "] {
                if let Some(lit) = crate::text::strip_prefix_ignore_case(&text, kw) {
                    if is_plain_literal(lit) {
                        return Some(lit.to_string());
                    }
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

/// pg_dump's `nextval('seq'::regclass)` (or `nextval('seq')`) read without normalizing the
/// expression (one per serial column): what `default_value` gives for it, whatever the column's
/// type (its normalized text starts with `nextval(`), or `None` to take the long way.
fn plain_nextval(toks: &[Tok]) -> Option<String> {
    let [Tok { t: Token::Word(f), .. }, Tok { t: Token::LParen, .. }, Tok { t: Token::SingleQuotedString(lit), .. }, rest @ ..] = toks
    else {
        return None;
    };
    let plain = |w: &sqlparser::tokenizer::Word, kw: &str| w.quote_style.is_none() && w.value.eq_ignore_ascii_case(kw);
    let cast = match rest {
        [Tok { t: Token::RParen, .. }] => true,
        [Tok { t: Token::DoubleColon, .. }, Tok { t: Token::Word(r), .. }, Tok { t: Token::RParen, .. }] => plain(r, "regclass"),
        _ => false,
    };
    if !cast || !plain(f, "nextval") {
        return None;
    }
    regclass_name(lit).map(|q| nextval(&q))
}

/// `nextval('seq'::regclass)` for a sequence, the name quoted as regclass input needs it and
/// without the default `public` schema.
pub fn nextval(q: &QName) -> String {
    let name = expr::ident_sql(Dialect::Postgres, &q.name);
    let full = if q.schema.is_empty() || q.schema == "public" {
        name
    } else {
        format!("{}.{name}", expr::ident_sql(Dialect::Postgres, &q.schema))
    };
    format!("nextval({}::regclass)", expr::literal_sql(Dialect::Postgres, &full))
}

/// The qualified name a regclass string denotes (`public."Foo_seq"`, `s.seq`).
fn regclass_name(lit: &str) -> Option<QName> {
    // Lower-case plain names (`public.t_id_seq`, pg_dump's) are the words they read as.
    if let Some(q) = plain_regclass(lit) {
        return Some(q);
    }
    tokenized_regclass(lit)
}

fn tokenized_regclass(lit: &str) -> Option<QName> {
    let (toks, _) = super::cursor::tokenize(Dialect::Postgres, lit, 1, 1).ok()?;
    let mut c = super::cursor::Cursor::new(Dialect::Postgres, &toks);
    let q = c.qname().ok()?;
    c.at_end().then_some(q)
}

/// `regclass_name` of `name` or `schema.name` made of lower-case ASCII letters, digits and `_`
/// (not starting with a digit), without tokenizing; `None` for any other text.
fn plain_regclass(lit: &str) -> Option<QName> {
    let plain = |p: &str| {
        p.bytes().next().is_some_and(|b| b.is_ascii_lowercase() || b == b'_')
            && p.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
    };
    let word =
        |p: &str| sqlparser::tokenizer::Word { value: p.to_string(), quote_style: None, keyword: sqlparser::keywords::Keyword::NoKeyword };
    match lit.split_once('.') {
        None if plain(lit) => Some(super::names::qname_of(Dialect::Postgres, None, &word(lit))),
        Some((s, n)) if plain(s) && plain(n) => Some(super::names::qname_of(Dialect::Postgres, Some(&word(s)), &word(n))),
        _ => None,
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
    if frac.len() > scale && crate::text::from(frac, scale).chars().any(|c| c != '0') {
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
    let quoted = s.len() >= 2 && s.starts_with('\'') && s.ends_with('\'') && !crate::text::inner(s).replace("''", "").contains('\'');
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
                    "integer"
                        | "smallint"
                        | "bigint"
                        | "numeric"
                        | "real"
                        | "double precision"
                        | "int"
                        | "tinyint"
                        | "mediumint"
                        | "decimal"
                        | "float"
                        | "double"
                        | "bit"
                )
        }
    }
}

/// A MySQL character type: it has a character set and collation (its own, or its table's).
pub(crate) fn is_string_type(ty: &DataType) -> bool {
    matches!(ty.base.as_str(), "varchar" | "char" | "text" | "tinytext" | "mediumtext" | "longtext" | "enum" | "set")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::cursor::tokenize;

    fn dv(d: Dialect, s: &str, ty: DataType) -> Option<String> {
        let (toks, _) = tokenize(d, s, 1, 1).unwrap();
        default_value(d, &toks, &ty)
    }

    #[test]
    fn defaults() {
        let int = DataType::simple("integer");
        let d = Dialect::Postgres;
        assert_eq!(dv(d, "'-1'::integer", int.clone()).as_deref(), Some("-1"));
        assert_eq!(dv(Dialect::Mysql, "NULL", int.clone()), None);
        // PostgreSQL keeps an explicit DEFAULT NULL, however it is cast.
        let pg = Dialect::Postgres;
        let vc = DataType::with_args("character varying", &["16"]);
        assert_eq!(dv(pg, "NULL", vc.clone()).as_deref(), Some("NULL"));
        assert_eq!(dv(pg, "NULL::character varying", vc.clone()).as_deref(), Some("NULL"));
        assert_eq!(dv(pg, "NULL::integer", int.clone()).as_deref(), Some("NULL"));
        assert_ne!(dv(pg, "NULL::text || 'x'", vc).as_deref(), Some("NULL"));
        assert_eq!(dv(d, "nextval('public.t_id_seq'::regclass)", int.clone()).as_deref(), Some("nextval('t_id_seq'::regclass)"));
        assert_eq!(dv(d, "nextval('t_id_seq')", int).as_deref(), Some("nextval('t_id_seq'::regclass)"));
        let m = Dialect::Mysql;
        assert_eq!(dv(m, "current_timestamp()", DataType::simple("timestamp")).as_deref(), Some("CURRENT_TIMESTAMP"));
        assert_eq!(dv(m, "'0'", DataType::simple("int")).as_deref(), Some("0"));
        assert_eq!(dv(m, "0", DataType::with_args("varchar", &["3"])).as_deref(), Some("'0'"));
    }

    /// The shortcuts for pg_dump's `nextval` defaults give what the long way gives.
    #[test]
    fn nextval_shortcuts_match_the_long_way() {
        let types = [DataType::simple("integer"), DataType::simple("bigint"), DataType::simple("regclass"), DataType::simple("text")];
        let lits = [
            "t_id_seq",
            "public.t_id_seq",
            "s.t_id_seq",
            "_x9",
            "user",
            "select",
            "a.b",
            "T_id_seq",
            "public.\"T\"",
            "9x",
            "a..b",
            "a.b.c",
            "a b",
            "",
            "x$y",
            "ünï",
            "a.",
            ".a",
            "e",
            "u&x",
        ];
        for lit in lits {
            if let Some(q) = plain_regclass(lit) {
                assert_eq!(Some(q), tokenized_regclass(lit), "{lit:?}");
            }
            for form in
                ["nextval('{}'::regclass)", "nextval('{}')", "NEXTVAL('{}'::REGCLASS)", "nextval('{}'::\"regclass\")", "\"nextval\"('{}')"]
            {
                let text = form.replace("{}", &lit.replace('\'', "''"));
                let (toks, _) = tokenize(Dialect::Postgres, &text, 1, 1).unwrap();
                for ty in &types {
                    if let Some(v) = plain_nextval(&toks) {
                        assert_eq!(Some(v), normalized_default(Dialect::Postgres, &toks, ty), "{text} as {ty}");
                    }
                }
            }
        }
        assert!(
            plain_regclass("public.t_id_seq").is_some()
                && plain_nextval(&tokenize(Dialect::Postgres, "nextval('t'::regclass)", 1, 1).unwrap().0).is_some()
        );
    }
}

//! MySQL/MariaDB spellings of expressions the server stores in another form, rewritten at the
//! token level before `expr::normalize` makes an expression's canonical text.

use super::cursor::Tok;
use crate::Dialect;
use sqlparser::tokenizer::Token;

/// MySQL/MariaDB store `SUBSTRING(s, p, n)` and `SUBSTRING(s FROM p FOR n)` as `substr(s, p, n)`
/// (`SHOW CREATE VIEW`, `mariadb-dump`): the tokens in that form, or `None` when there is no
/// `SUBSTRING(`.
pub(super) fn mysql_substr(d: Dialect, toks: &[Tok]) -> Option<Vec<Tok>> {
    let is_substring = |t: &Tok| matches!(&t.t, Token::Word(w) if w.quote_style.is_none() && w.value.eq_ignore_ascii_case("substring"));
    if d != Dialect::Mysql || !toks.windows(2).any(|w| is_substring(&w[0]) && w[1].t == Token::LParen) {
        return None;
    }
    let mut out = Vec::with_capacity(toks.len());
    // For each open parenthesis: whether it opens a SUBSTRING call.
    let mut stack: Vec<bool> = Vec::new();
    for (i, t) in toks.iter().enumerate() {
        match &t.t {
            Token::Word(w) if is_substring(t) && toks.get(i + 1).is_some_and(|n| n.t == Token::LParen) => {
                let mut w = w.clone();
                w.value = "substr".to_string();
                out.push(Tok { t: Token::Word(w), ..t.clone() });
                continue;
            }
            Token::LParen => stack.push(i > 0 && out.last().is_some_and(|p: &Tok| matches!(&p.t, Token::Word(w) if w.value == "substr"))),
            Token::RParen => {
                stack.pop();
            }
            Token::Word(w)
                if w.quote_style.is_none()
                    && stack.last() == Some(&true)
                    && (w.value.eq_ignore_ascii_case("from") || w.value.eq_ignore_ascii_case("for")) =>
            {
                out.push(Tok { t: Token::Comma, ..t.clone() });
                continue;
            }
            _ => {}
        }
        out.push(t.clone());
    }
    Some(out)
}

/// Functions with two names, as (a spelling, the one compared and written). MariaDB 10.11
/// stores one of the two in checks, defaults, generated columns and views (`SHOW CREATE TABLE`,
/// `mariadb-dump`: `upper` as `ucase`, `power` as `pow`, `length` as `octet_length`...), each
/// tried there in a generated column and read back from `information_schema.COLUMNS`; MySQL 8.0
/// has both names of each, as the same function
/// (<https://dev.mysql.com/doc/refman/8.0/en/built-in-function-reference.html>). The name kept is
/// the one MariaDB stores, but `upper`, `lower` and `sha1`, the usual spellings. Sorted.
const STORED_AS: &[(&str, &str)] = &[
    ("ceil", "ceiling"),
    ("character_length", "char_length"),
    ("day", "dayofmonth"),
    ("lcase", "lower"),
    ("length", "octet_length"),
    ("lengthb", "octet_length"),
    ("mid", "substr"),
    ("power", "pow"),
    ("sha", "sha1"),
    ("ucase", "upper"),
];

/// The name a function called as `name(` is compared and written under (`STORED_AS`).
fn stored_as(name: &str) -> Option<&'static str> {
    let lower = name.to_ascii_lowercase();
    STORED_AS.binary_search_by(|(w, _)| (*w).cmp(lower.as_str())).ok().map(|i| STORED_AS[i].1)
}

/// The functions of `STORED_AS` under one of their names (`LENGTH(s)` as MariaDB stores it,
/// `octet_length(s)`), and `CURRENT_DATE` / `CURRENT_DATE()` as `curdate()`; MySQL takes both
/// spellings as the same function. The tokens in that form, or `None` when there is nothing to
/// rewrite.
pub(super) fn mysql_stored_names(d: Dialect, toks: &[Tok]) -> Option<Vec<Tok>> {
    let word = |t: &Tok, name: &str| matches!(&t.t, Token::Word(w) if w.quote_style.is_none() && w.value.eq_ignore_ascii_case(name));
    let call = |i: usize| toks.get(i + 1).is_some_and(|n| n.t == Token::LParen);
    let renamed_call = |i: usize, t: &Tok| match &t.t {
        Token::Word(w) if w.quote_style.is_none() && call(i) => stored_as(&w.value),
        _ => None,
    };
    // A qualified name (`t.length`) is a column, not the function.
    let qualified = |i: usize| i > 0 && toks.get(i - 1).is_some_and(|p| p.t == Token::Period);
    let hit = |i: usize, t: &Tok| !qualified(i) && (renamed_call(i, t).is_some() || word(t, "current_date"));
    if d != Dialect::Mysql || !toks.iter().enumerate().any(|(i, t)| hit(i, t)) {
        return None;
    }
    let mut out = Vec::with_capacity(toks.len() + 2);
    let mut i = 0;
    while let Some(t) = toks.get(i) {
        let renamed = |name: &str| match &t.t {
            Token::Word(w) => Tok {
                t: Token::Word(sqlparser::tokenizer::Word { value: name.to_string(), quote_style: None, keyword: w.keyword }),
                ..t.clone()
            },
            _ => t.clone(),
        };
        if let Some(stored) = renamed_call(i, t).filter(|_| hit(i, t)) {
            out.push(renamed(stored));
        } else if hit(i, t) {
            out.push(renamed("curdate"));
            out.push(Tok { t: Token::LParen, ..t.clone() });
            out.push(Tok { t: Token::RParen, ..t.clone() });
            if call(i) && toks.get(i + 2).is_some_and(|n| n.t == Token::RParen) {
                i += 2;
            }
        } else {
            out.push(t.clone());
        }
        i += 1;
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use crate::parse::cursor::tokenize;
    use crate::Dialect;

    fn n(d: Dialect, s: &str) -> String {
        let (toks, _) = tokenize(d, s, 1, 1).unwrap_or_default();
        crate::parse::expr::normalize(d, &toks)
    }

    #[test]
    fn stored_names_are_sorted_for_the_binary_search() {
        assert!(super::STORED_AS.windows(2).all(|w| w[0].0 < w[1].0));
    }

    #[test]
    fn mariadb_stored_function_names() {
        let d = Dialect::Mysql;
        assert_eq!(n(d, "length(name) > 3"), n(d, "octet_length(`name`) > 3"));
        assert_eq!(n(d, "CURRENT_DATE + INTERVAL 1 MONTH"), n(d, "curdate() + interval 1 month"));
        assert_eq!(n(d, "upper(name) <> LOWER(name)"), n(d, "ucase(`name`) <> lcase(`name`)"));
        assert_eq!(n(d, "ucase(name)"), n(d, "upper(name)"));
        assert_eq!(n(d, "mid(a, 1, 2) = sha1(b)"), n(d, "substr(`a`,1,2) = sha(`b`)"));
        assert_eq!(
            n(d, "ceil(x) + power(x, 2) + day(d) + character_length(s)"),
            n(d, "ceiling(x) + pow(x,2) + dayofmonth(d) + char_length(s)")
        );
        // Only calls: a column named `day`, or `t.upper`, stays itself.
        assert_ne!(n(d, "day + 1"), n(d, "dayofmonth + 1"));
        assert_ne!(n(d, "t.upper(1)"), n(d, "t.ucase(1)"));
        assert_eq!(n(Dialect::Postgres, "upper(a)"), "upper(a)");
        assert_eq!(n(d, "current_date() + 1"), n(d, "curdate() + 1"));
        // A column named `length` stays a column.
        assert_eq!(n(d, "t.length + length"), "t.length + length");
    }

    #[test]
    fn mysql_substring_is_stored_as_substr() {
        let d = Dialect::Mysql;
        assert_eq!(n(d, "SUBSTRING(a FROM 1 FOR 4)"), n(d, "substr(a, 1, 4)"));
        assert_eq!(n(d, "substring(a, 2)"), n(d, "substr(a,2)"));
        // A subquery's FROM inside the call stays; SUBSTRING_INDEX is another function.
        assert_eq!(n(d, "substring((SELECT b FROM t), 1)"), n(d, "substr((SELECT b FROM t), 1)"));
        assert_ne!(n(d, "substring_index(a, ',', 1)"), n(d, "substr_index(a, ',', 1)"));
        assert_eq!(n(Dialect::Postgres, "substring(a FROM 1)"), "substring(a FROM 1)");
    }
}

//! Expressions must be complete SQL: a CHECK, DEFAULT, generated column, index expression or
//! predicate, or view body that is empty, unbalanced or ends in an operator (`CHECK (age > )`)
//! is an error at the expression's own line:column, never a constraint copied into the output.
//!
//! The check is on tokens (sqlparser's tokenizer already rejects unterminated quotes), the same
//! for every dialect, and deliberately narrow so it has no false positives on real schemas:
//! parentheses and brackets balance; no binary operator or connecting keyword (`AND`, `OR`,
//! `NOT`, `IS`, `LIKE`, `WHEN`, ...) dangles at the end, before `)` or `,`, or before another
//! binary operator; no binary-only operator or `AND`/`OR` starts it; no comma starts or ends a
//! list.

use super::cursor::{PErr, PResult, Tok};
use sqlparser::keywords::Keyword;
use sqlparser::tokenizer::Token;

/// Check `toks`, an expression of kind `what` (`CHECK expression`...); `at` is the position to
/// report when it is empty.
pub fn check(toks: &[Tok], at: (usize, usize), what: &str) -> PResult<()> {
    let err = |t: Option<&Tok>, msg: String| -> PResult<()> {
        let (line, col) = t.map(|t| (t.line, t.col)).unwrap_or(at);
        Err(PErr { line, col, message: format!("incomplete {what}: {msg}") })
    };
    let Some(first) = toks.first() else {
        return err(None, "it is empty".into());
    };
    if binary_only(&first.t) || connective(&first.t) || first.t == Token::Comma {
        return err(Some(first), format!("it starts with `{}`", first.t));
    }
    let mut open: Vec<&Tok> = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let t = &toks[i];
        // `OPERATOR(pg_catalog.=)`: an operator named, not applied.
        if is_word(&t.t, "operator") && matches!(toks.get(i + 1).map(|t| &t.t), Some(Token::LParen)) {
            match toks[i + 1..].iter().position(|t| t.t == Token::RParen) {
                Some(n) => {
                    i += n + 2;
                    continue;
                }
                None => return err(Some(&toks[i + 1]), "unbalanced parentheses".into()),
            }
        }
        match t.t {
            Token::LParen | Token::LBracket => open.push(t),
            Token::RParen | Token::RBracket => {
                let closes = if t.t == Token::RParen { Token::LParen } else { Token::LBracket };
                if open.pop().map(|o| &o.t) != Some(&closes) {
                    return err(Some(t), format!("`{}` closes nothing", t.t));
                }
            }
            _ => {}
        }
        let prev = i.checked_sub(1).map(|p| &toks[p].t);
        let next = toks.get(i + 1).map(|t| &t.t);
        // PostgreSQL's own operators are runs of operator characters (`<+>`, `@@@`) that the
        // tokenizer splits: a token glued to the next operator is part of it.
        let glued = toks.get(i + 1).is_some_and(|n| operator(&n.t) && operator(&t.t) && adjacent(t, n));
        if !glued && dangles(&t.t, prev) && ends_operand(next) {
            let msg = match next {
                None => format!("it ends with `{}`", t.t),
                Some(n) => format!("`{}` has no operand before `{n}`", t.t),
            };
            return err(Some(t), msg);
        }
        if t.t == Token::Comma && matches!(prev, Some(Token::LParen)) {
            return err(Some(t), "a list starts with `,`".into());
        }
        i += 1;
    }
    if let Some(o) = open.pop() {
        return err(Some(o), format!("`{}` is never closed", o.t));
    }
    Ok(())
}

/// `b` starts right where `a` ends (no space between).
fn adjacent(a: &Tok, b: &Tok) -> bool {
    a.line == b.line && a.col + a.t.to_string().chars().count() == b.col
}

/// A token made of operator characters.
fn operator(t: &Token) -> bool {
    binary_only(t)
        || matches!(t, Token::Plus | Token::Minus | Token::Mul | Token::Tilde | Token::ExclamationMark | Token::Sharp | Token::AtSign)
}

/// An unquoted word `kw` (any case).
pub(super) fn is_word(t: &Token, kw: &str) -> bool {
    matches!(t, Token::Word(w) if w.quote_style.is_none() && w.value.eq_ignore_ascii_case(kw))
}

/// Operators that need a left operand.
fn binary_only(t: &Token) -> bool {
    matches!(
        t,
        Token::Eq
            | Token::DoubleEq
            | Token::Neq
            | Token::Lt
            | Token::Gt
            | Token::LtEq
            | Token::GtEq
            | Token::Spaceship
            | Token::Div
            | Token::Mod
            | Token::StringConcat
            | Token::Caret
            | Token::Ampersand
            | Token::Pipe
            | Token::ShiftLeft
            | Token::ShiftRight
            | Token::Arrow
            | Token::LongArrow
            | Token::HashArrow
            | Token::HashLongArrow
            | Token::AtArrow
            | Token::ArrowAt
            | Token::DoubleColon
    )
}

/// `AND` / `OR`: need an operand on both sides.
fn connective(t: &Token) -> bool {
    is_word(t, "and") || is_word(t, "or")
}

/// Words that cannot end an expression or stand before `)` / `,`.
const DANGLING_WORDS: [&str; 19] = [
    "and",
    "or",
    "not",
    "is",
    "in",
    "like",
    "ilike",
    "between",
    "similar",
    "escape",
    "case",
    "when",
    "then",
    "else",
    "select",
    "where",
    "having",
    "union",
    "intersect",
];

/// A token that needs an operand after it, given the token before it.
fn dangles(t: &Token, prev: Option<&Token>) -> bool {
    match t {
        Token::Plus | Token::Minus | Token::Comma => true,
        // `*` is also "all columns" (`SELECT *`, `t.*`, `count(*)`): an operator only after a value.
        Token::Mul => match prev {
            Some(Token::Number(..) | Token::SingleQuotedString(_) | Token::RParen) => true,
            // After a column name (not a keyword such as SELECT or DISTINCT).
            Some(Token::Word(w)) => w.quote_style.is_some() || w.keyword == Keyword::NoKeyword,
            _ => false,
        },
        Token::Word(w) if w.quote_style.is_none() => DANGLING_WORDS.iter().any(|k| w.value.eq_ignore_ascii_case(k)),
        t => binary_only(t),
    }
}

/// The token after a dangling one shows its operand is missing: the end, `)`, `]`, `,`, a
/// binary-only operator, or `AND` / `OR`.
fn ends_operand(next: Option<&Token>) -> bool {
    match next {
        None => true,
        Some(t) => matches!(t, Token::RParen | Token::RBracket | Token::Comma) || binary_only(t) || connective(t),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::cursor::tokenize;
    use crate::Dialect;

    fn run(d: Dialect, sql: &str) -> Result<(), (usize, usize, String)> {
        let (toks, _) = tokenize(d, sql, 1, 1).unwrap();
        check(&toks, (1, 1), "expression").map_err(|e| (e.line, e.col, e.message))
    }

    #[test]
    fn accepts_complete_expressions() {
        for d in [Dialect::Postgres, Dialect::Mysql, Dialect::Sqlite] {
            for ok in [
                "age > 0",
                "age >= 0 AND age < 200",
                "x IS NOT NULL",
                "status IN ('a', 'b')",
                "count(*) > 0",
                "-1",
                "NOT (a AND b)",
                "CASE WHEN a THEN 1 ELSE 2 END",
                "a BETWEEN 1 AND 2",
                "SELECT t.*, u.a FROM t JOIN u ON t.id = u.id",
                "SELECT * FROM t WHERE a <> 2 ORDER BY 1",
                "2 * (a + b)",
                "a * b",
            ] {
                assert_eq!(run(d, ok), Ok(()), "{d:?}: {ok}");
            }
        }
        assert_eq!(run(Dialect::Postgres, "a OPERATOR(pg_catalog.=) b AND c::text[] = ARRAY['x']"), Ok(()));
        assert_eq!(run(Dialect::Postgres, "(data ->> 'k') IS NOT NULL"), Ok(()));
        assert_eq!(run(Dialect::Postgres, "SELECT id, embedding <+> '[1,2,3]'::vector AS d FROM items"), Ok(()));
    }

    #[test]
    fn rejects_incomplete_expressions_at_the_token() {
        for d in [Dialect::Postgres, Dialect::Mysql, Dialect::Sqlite] {
            for (bad, col) in [
                ("age >", 5),
                ("age > AND b", 5),
                ("a AND", 3),
                ("a OR", 3),
                ("(a = 1", 1),
                ("a = 1)", 6),
                ("a = 1 AND NOT", 11),
                ("f(a,)", 4),
                ("f(, a)", 3),
                ("= 1", 1),
                ("AND a", 1),
                ("a +", 3),
                ("a IN", 3),
                ("x IS", 3),
                ("CASE WHEN a THEN", 13),
                ("SELECT a FROM t WHERE", 17),
                ("a, ", 2),
                ("2 *", 3),
                ("(a *)", 4),
            ] {
                let got = run(d, bad);
                assert!(matches!(&got, Err((1, c, _)) if *c == col), "{d:?}: {bad}: {got:?}");
            }
        }
        let (toks, _) = tokenize(Dialect::Postgres, "", 3, 9).unwrap();
        assert_eq!(check(&toks, (3, 9), "CHECK").map_err(|e| (e.line, e.col)), Err((3, 9)));
    }

    /// Every expression position, in every dialect that has it: the error is at the dangling
    /// token's own line:column, and a complete expression there parses without error.
    #[test]
    fn every_position_reports_at_the_expression() {
        use crate::parse::parse;
        let all = [Dialect::Postgres, Dialect::Mysql, Dialect::Sqlite];
        type Case<'a> = (&'a [Dialect], &'a str, &'a str, (usize, usize));
        let cases: &[Case] = &[
            (&all, "column CHECK", "CREATE TABLE t (\n  a int CHECK (a > ),\n  b int\n);", (2, 18)),
            (&all, "table CHECK", "CREATE TABLE t (a int,\n  CHECK (a > 0 AND)\n);", (2, 16)),
            (&all, "empty CHECK", "CREATE TABLE t (a int,\n  CHECK ()\n);", (2, 9)),
            (&all, "DEFAULT", "CREATE TABLE t (a int,\n  b int DEFAULT 1 +\n);", (2, 19)),
            (&all, "generated", "CREATE TABLE t (a int,\n  b int GENERATED ALWAYS AS (a *) STORED\n);", (2, 32)),
            (&[Dialect::Postgres, Dialect::Sqlite], "index expression", "CREATE TABLE t (a int);\nCREATE INDEX i ON t ((a +));", (2, 25)),
            (
                &[Dialect::Postgres, Dialect::Sqlite],
                "index predicate",
                "CREATE TABLE t (a int);\nCREATE INDEX i ON t (a) WHERE a IS;",
                (2, 33),
            ),
            (&all, "view body", "CREATE TABLE t (a int);\nCREATE VIEW v AS SELECT a FROM t WHERE a =;", (2, 42)),
            (&all, "ALTER ADD CHECK", "CREATE TABLE t (a int);\nALTER TABLE t ADD CONSTRAINT c CHECK (a <>);", (2, 41)),
            (&[Dialect::Postgres], "ALTER SET DEFAULT", "CREATE TABLE t (a int);\nALTER TABLE t ALTER COLUMN a SET DEFAULT 2 *;", (2, 44)),
            (&[Dialect::Postgres], "exclusion WHERE", "CREATE TABLE t (a int,\n  EXCLUDE USING gist (a WITH =) WHERE (a >)\n);", (2, 42)),
            (&[Dialect::Postgres], "PARTITION BY", "CREATE TABLE t (a int)\nPARTITION BY RANGE (a >);", (2, 23)),
            (
                &[Dialect::Postgres],
                "partition bound",
                "CREATE TABLE t (a int) PARTITION BY RANGE (a);\nCREATE TABLE p PARTITION OF t FOR VALUES FROM (1) TO (2 +);",
                (2, 57),
            ),
            (&[Dialect::Mysql], "PARTITION BY", "CREATE TABLE t (a int)\nPARTITION BY HASH (a +) PARTITIONS 4;", (2, 22)),
            (&[Dialect::Postgres], "domain CHECK", "CREATE DOMAIN d AS int\n  CHECK (VALUE >= OR VALUE < 0);", (2, 16)),
        ];
        for (dialects, what, sql, at) in cases {
            for d in dialects.iter() {
                let p = parse(*d, sql);
                let errs: Vec<_> = p.diagnostics.iter().filter(|x| x.is_error()).collect();
                assert_eq!(errs.len(), 1, "{d:?} {what}: {:?}", p.diagnostics);
                assert_eq!((errs[0].line, errs[0].column), *at, "{d:?} {what}: {}", errs[0]);
                assert!(errs[0].message.contains("incomplete"), "{d:?} {what}: {}", errs[0]);
                assert!(!errs[0].objects.is_empty(), "{d:?} {what}: no object named");
            }
        }
    }
}

//! Syntax checks of the SQL a user writes inside hints: a data move's row filter (one
//! condition) and a data step (statements). On tokens, like `complete.rs`, so that the core
//! carries no SQL parser of its own beside its statement readers (sqlparser's parser and AST
//! were a third of the playground's wasm for these two checks).
//!
//! A condition: it tokenizes, `complete::check` accepts it (balanced, no dangling operator), it
//! holds no `;`, and outside parentheses no `,`, no clause keyword (`SELECT`, `FROM`, `DROP`...)
//! and no two operands in a row (`kind = 'a' garbage`); a type name before a string literal is a
//! typed literal (`inet '10.0.0.1'`). Statements: each (split at `;`) tokenizes, starts with a
//! statement keyword and is complete.

use super::complete;
use super::cursor::{tokenize, Comment, Tok};
use crate::Dialect;
use sqlparser::keywords::Keyword;
use sqlparser::tokenizer::Token;

/// A condition that passed `condition`: its tokens and comments (positions in `text`).
pub struct Condition {
    pub text: String,
    pub toks: Vec<Tok>,
    pub comments: Vec<Comment>,
}

/// `text` as one SQL condition, or why it is not one (`what` names it in the message).
pub fn condition(d: Dialect, text: &str, what: &str) -> Result<Condition, String> {
    let (toks, comments) = tokenize(d, text, 1, 1).map_err(|e| format!("{what}: {}", e.message))?;
    if toks.is_empty() {
        return Err(format!("{what} is empty"));
    }
    let incomplete = |msg: String| format!("{what} is not a complete SQL condition: {msg}");
    complete::check(&toks, (1, 1), "condition").map_err(|e| incomplete(e.message))?;
    let mut depth = 0usize;
    for (i, t) in toks.iter().enumerate() {
        match &t.t {
            Token::SemiColon => return Err(incomplete("`;` ends it before its end".into())),
            Token::LParen | Token::LBracket => depth += 1,
            Token::RParen | Token::RBracket => depth = depth.saturating_sub(1),
            _ => {}
        }
        if depth > 0 {
            continue;
        }
        if t.t == Token::Comma {
            return Err(incomplete("`,` after the condition (one condition, joined with AND / OR)".into()));
        }
        if let Token::Word(w) = &t.t {
            if w.quote_style.is_none() && CLAUSE_KEYWORDS.contains(&w.keyword) {
                return Err(incomplete(format!("unexpected `{}` in a condition", w.value)));
            }
        }
        if let Some(prev) = i.checked_sub(1).map(|p| &toks[p].t) {
            let typed_literal = matches!(prev, Token::Word(w) if w.quote_style.is_none()) && is_string(&t.t);
            if ends_operand(prev) && starts_operand(&t.t) && !typed_literal {
                return Err(incomplete(format!("unexpected `{}` after `{prev}`", t.t)));
            }
        }
    }
    Ok(Condition { text: text.to_string(), toks, comments })
}

/// `text` as SQL statements (a data step's side), or why it is not.
pub fn statements(d: Dialect, text: &str) -> Result<(), String> {
    let (toks, _) = tokenize(d, text, 1, 1).map_err(|e| format!("{} (line {}, column {})", e.message, e.line, e.col))?;
    let mut any = false;
    for stmt in toks.split(|t| t.t == Token::SemiColon).filter(|s| !s.is_empty()) {
        any = true;
        let first = &stmt[0];
        let starts = match &first.t {
            Token::LParen => true,
            Token::Word(w) => w.quote_style.is_none() && STATEMENT_KEYWORDS.contains(&w.keyword),
            _ => false,
        };
        if !starts {
            return Err(format!("`{}` does not start a SQL statement (line {}, column {})", first.t, first.line, first.col));
        }
        complete::check(stmt, (first.line, first.col), "statement")
            .map_err(|e| format!("{} (line {}, column {})", e.message, e.line, e.col))?;
    }
    if any {
        Ok(())
    } else {
        Err("no statement".into())
    }
}

/// Keywords that cannot stand outside parentheses in a condition: clauses and statements.
const CLAUSE_KEYWORDS: [Keyword; 22] = [
    Keyword::SELECT,
    Keyword::FROM,
    Keyword::WHERE,
    Keyword::GROUP,
    Keyword::ORDER,
    Keyword::HAVING,
    Keyword::LIMIT,
    Keyword::OFFSET,
    Keyword::UNION,
    Keyword::INTERSECT,
    Keyword::EXCEPT,
    Keyword::INSERT,
    Keyword::UPDATE,
    Keyword::DELETE,
    Keyword::DROP,
    Keyword::CREATE,
    Keyword::ALTER,
    Keyword::TRUNCATE,
    Keyword::INTO,
    Keyword::VALUES,
    Keyword::RETURNING,
    Keyword::JOIN,
];

/// Keywords a data step's statement may start with.
const STATEMENT_KEYWORDS: [Keyword; 27] = [
    Keyword::SELECT,
    Keyword::WITH,
    Keyword::VALUES,
    Keyword::INSERT,
    Keyword::UPDATE,
    Keyword::DELETE,
    Keyword::REPLACE,
    Keyword::MERGE,
    Keyword::CALL,
    Keyword::DO,
    Keyword::SET,
    Keyword::CREATE,
    Keyword::ALTER,
    Keyword::DROP,
    Keyword::TRUNCATE,
    Keyword::COPY,
    Keyword::LOCK,
    Keyword::COMMENT,
    Keyword::GRANT,
    Keyword::REVOKE,
    Keyword::ANALYZE,
    Keyword::VACUUM,
    Keyword::REFRESH,
    Keyword::EXECUTE,
    Keyword::PRAGMA,
    Keyword::REINDEX,
    Keyword::CLUSTER,
];

/// A string literal token of any quoting.
pub fn is_string(t: &Token) -> bool {
    matches!(
        t,
        Token::SingleQuotedString(_)
            | Token::DoubleQuotedString(_)
            | Token::NationalStringLiteral(_)
            | Token::EscapedStringLiteral(_)
            | Token::UnicodeStringLiteral(_)
            | Token::HexStringLiteral(_)
            | Token::DollarQuotedString(_)
            | Token::SingleQuotedByteStringLiteral(_)
            | Token::DoubleQuotedByteStringLiteral(_)
    )
}

/// A literal, a column or a quoted name: a whole operand by itself.
fn plain_operand(t: &Token) -> bool {
    match t {
        Token::Number(..) => true,
        Token::Word(w) => w.quote_style.is_some() || w.keyword == Keyword::NoKeyword,
        t => is_string(t),
    }
}

/// The token can end an operand.
fn ends_operand(t: &Token) -> bool {
    plain_operand(t) || matches!(t, Token::RParen | Token::RBracket)
}

/// The token can only start a new operand (never continue the one before it).
fn starts_operand(t: &Token) -> bool {
    plain_operand(t)
}

#[cfg(test)]
mod tests {
    use super::*;

    const DIALECTS: [Dialect; 3] = [Dialect::Postgres, Dialect::Mysql, Dialect::Sqlite];

    #[test]
    fn conditions_people_write_are_accepted() {
        for d in DIALECTS {
            for ok in [
                "kind = 'billing'",
                "kind = 'billing' AND (active = 1)",
                "kind IN ('a', 'b') OR kind IS NULL",
                "lower(email) LIKE '%@example.com'",
                "a BETWEEN 1 AND 2 AND NOT (b <> 3)",
                "CASE WHEN a > 1 THEN 'x' ELSE 'y' END = 'x'",
                "EXISTS (SELECT 1 FROM orders o WHERE o.customer_id = customers.id)",
                "created_at > now() - INTERVAL '30' DAY",
                "t.kind = 'a' AND x IS NOT NULL",
                "count_x >= -1",
            ] {
                assert!(condition(d, ok, "filter").is_ok(), "{d:?}: {ok}: {:?}", condition(d, ok, "filter").err());
            }
        }
        for ok in ["kind::text = 'a'", "addr << inet '10.0.0.0/8'", "tags @> ARRAY['x']", "ts AT TIME ZONE 'UTC' > '2020-01-01'"] {
            assert!(condition(Dialect::Postgres, ok, "filter").is_ok(), "{ok}: {:?}", condition(Dialect::Postgres, ok, "filter").err());
        }
    }

    #[test]
    fn what_is_not_one_condition_is_refused() {
        for d in DIALECTS {
            for bad in [
                "",
                "kind = ",
                "kind = 'a' garbage here",
                "kind = 'a' 2",
                "(kind = 'a') b",
                "kind = 'a'; DROP TABLE t",
                "kind = 'a', b = 1",
                "kind = 'a' UNION SELECT 1",
                "kind = (1",
                "AND kind = 1",
                "kind = 'unterminated",
            ] {
                assert!(condition(d, bad, "filter").is_err(), "{d:?}: {bad}");
            }
        }
    }

    #[test]
    fn statements_are_checked_one_by_one() {
        for d in DIALECTS {
            for ok in [
                "UPDATE t SET a = 1;",
                "UPDATE t SET a = 1; DELETE FROM u WHERE b IS NULL",
                "INSERT INTO t (a) SELECT b FROM u;",
                "WITH x AS (SELECT 1) SELECT * FROM x",
            ] {
                assert_eq!(statements(d, ok), Ok(()), "{d:?}: {ok}");
            }
            for bad in ["", ";", "UPDTE t SET a = 1", "UPDATE t SET a = ;", "UPDATE t SET a = (1;", "x", "UPDATE t SET a = 1; 42"] {
                assert!(statements(d, bad).is_err(), "{d:?}: {bad}");
            }
        }
        assert_eq!(statements(Dialect::Postgres, "DO $$ BEGIN UPDATE t SET a = 1; END $$;"), Ok(()));
    }
}

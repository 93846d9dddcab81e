//! The row filter of a data move (`-- schemashift:copy-from addresses where kind = 'billing'`,
//! `--copy 'billing_addresses=addresses where kind = ''billing'''`): checked to be one complete
//! SQL expression, and read for the equalities that let down give the values back.

use crate::Dialect;
use sqlparser::ast::{BinaryOperator, Expr};
use sqlparser::dialect::{Dialect as SqlDialect, MySqlDialect, PostgreSqlDialect, SQLiteDialect};
use sqlparser::parser::Parser;
use sqlparser::tokenizer::Token;

fn sql_dialect(d: Dialect) -> Box<dyn SqlDialect> {
    match d {
        Dialect::Postgres => Box::new(PostgreSqlDialect {}),
        Dialect::Mysql => Box::new(MySqlDialect {}),
        Dialect::Sqlite => Box::new(SQLiteDialect {}),
    }
}

/// The filter as one expression, or why it is not one (empty, incomplete, trailing text).
pub fn parse_filter(d: Dialect, text: &str) -> Result<Expr, String> {
    let text = text.trim().trim_end_matches(';').trim();
    if text.is_empty() {
        return Err("the row filter after `where` is empty".into());
    }
    let dialect = sql_dialect(d);
    let mut p = Parser::new(dialect.as_ref()).try_with_sql(text).map_err(|e| format!("row filter `{text}`: {e}"))?;
    let expr = p.parse_expr().map_err(|e| format!("row filter `{text}` is not a complete SQL condition: {e}"))?;
    let next = p.peek_token().token;
    if next != Token::EOF {
        return Err(format!("row filter `{text}`: unexpected `{next}` after the condition"));
    }
    Ok(expr)
}

/// The `column = literal` terms of a filter's top-level AND (either side), with the literal as
/// SQL: what a row the filter selected holds in that column.
pub fn equalities(expr: &Expr) -> Vec<(String, String)> {
    let mut out = Vec::new();
    collect(expr, &mut out);
    out
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
}

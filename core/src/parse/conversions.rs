//! `ALTER TABLE t ALTER COLUMN c TYPE x USING expr` in a PostgreSQL history: the history says how
//! the column's values become the new type (`USING (amount * 100)::integer`: dollars to cents).
//! The migration must convert them the same way, not with its own cast, or the rows change
//! differently while the SQL looks normal. Each such clause is kept (`Schema.conversions`):
//! the renderer uses it for the same type change (`render::RenderContext::history_using`), and
//! `plan::conversions` warns at the clause when the migration's change is another one.
//!
//! Later type changes of the same column compose with it, one record from the first type to
//! the last: `USING` into the expression (`e2` of `(e1)`), a change without `USING` as the cast
//! PostgreSQL makes (`(e1)::type`).

use super::cursor::{Cursor, Tok};
use super::names::Kind;
use super::verbatim;
use super::{State, Stmt};
use crate::model::{Conversion, DataType, QName};
use sqlparser::tokenizer::Token;

/// `ALTER COLUMN` tokens `start..end` of `stmt` changed `table.column` from type `was` to `now`.
#[allow(clippy::too_many_arguments)]
pub fn record(st: &mut State, stmt: &Stmt, start: usize, end: usize, table: &QName, column: &str, was: DataType, now: DataType) {
    if was == now {
        return;
    }
    let toks = stmt.toks;
    let word = |i: usize, kw: &str| matches!(&toks[i].t, Token::Word(w) if w.quote_style.is_none() && w.value.eq_ignore_ascii_case(kw));
    let text = |a: usize, b: usize| match (a == b, b < toks.len()) {
        (true, _) => String::new(),
        (false, true) => verbatim::tokens(stmt, a, b),
        (false, false) => verbatim::from_token(stmt, a),
    };
    let earlier = st.schema.conversions.iter().rposition(|c| c.table == *table && c.column == column && c.to == was);
    let (pieces, at) = match (start..end).find(|&i| word(i, "using")) {
        Some(u) => (cut(st, stmt, u + 1, end, column, &text), (toks[u].line, toks[u].col)),
        None => {
            // Without `USING` only a composition needs recording: the type as written.
            let Some(ty) = (start..end).find(|&i| word(i, "type")) else { return };
            if earlier.is_none() {
                return;
            }
            (vec![String::new(), format!("::{}", text(ty + 1, end))], (toks[ty].line, toks[ty].col))
        }
    };
    let (from, pieces, (line, col)) = match earlier.map(|i| st.schema.conversions.remove(i)) {
        Some(e) => (e.from.clone(), compose(&pieces, &e.pieces), (e.line, e.col)),
        None => (was, pieces, at),
    };
    st.schema.conversions.push(Conversion { table: table.clone(), column: column.to_string(), from, to: now, pieces, line, col });
}

/// The expression of tokens `from..to`, cut at each reference to `column` (a bare name, not a
/// qualifier, a qualified name's part, a function or a type after `::`).
fn cut(st: &State, stmt: &Stmt, from: usize, to: usize, column: &str, text: &dyn Fn(usize, usize) -> String) -> Vec<String> {
    let toks: &[Tok] = stmt.toks;
    let is_ref = |i: usize| -> bool {
        matches!(toks[i].t, Token::Word(_))
            && !matches!(toks.get(i.wrapping_sub(1)).map(|t| &t.t), Some(Token::Period) | Some(Token::DoubleColon))
            && !matches!(toks.get(i + 1).map(|t| &t.t), Some(Token::Period) | Some(Token::LParen))
            && Cursor::new(st.d, &toks[i..i + 1]).ident(Kind::Local).is_ok_and(|n| n == column)
    };
    // The space written after a reference, which the next piece (from its first token) leaves out.
    let spaced = |i: usize| {
        toks.get(i + 1)
            .filter(|_| i + 1 < to)
            .is_some_and(|n| n.line != toks[i].line || n.col > toks[i].col + toks[i].t.to_string().chars().count())
    };
    let mut pieces = Vec::new();
    let (mut start, mut lead) = (from, "");
    for i in (from..to).filter(|&i| is_ref(i)) {
        pieces.push(format!("{lead}{}", text(start, i)));
        (start, lead) = (i + 1, if spaced(i) { " " } else { "" });
    }
    pieces.push(format!("{lead}{}", text(start, to)));
    pieces
}

/// `outer` with `(inner)` for each reference to the column.
fn compose(outer: &[String], inner: &[String]) -> Vec<String> {
    let (first, rest) = inner.split_first().map_or((String::new(), &[][..]), |(f, r)| (f.clone(), r));
    let Some((last, middle)) = rest.split_last() else {
        // The inner expression does not use the column: neither does the whole.
        return vec![outer.join(&format!("({first})"))];
    };
    let mut out = Vec::new();
    let mut current = String::new();
    for (k, piece) in outer.iter().enumerate() {
        if k > 0 {
            current.push(')');
        }
        current.push_str(piece);
        if k + 1 < outer.len() {
            current.push('(');
            current.push_str(&first);
            out.push(std::mem::take(&mut current));
            out.extend(middle.iter().cloned());
            current.push_str(last);
        }
    }
    out.push(current);
    out
}

#[cfg(test)]
mod tests {
    use super::compose;

    #[test]
    fn composing_puts_the_inner_expression_at_each_reference() {
        let e = |p: &[&str]| p.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        // e2 = C || C, e1 = (C * 100)::int
        let both = compose(&e(&["", " || ", ""]), &e(&["(", " * 100)::int"]));
        assert_eq!(both.join("x"), "((x * 100)::int) || ((x * 100)::int)");
        assert_eq!(compose(&e(&["", "::text"]), &e(&["0"])).join("x"), "(0)::text");
        assert_eq!(compose(&e(&["", "::text"]), &e(&["", " + 1"])).join("x"), "(x + 1)::text");
    }
}

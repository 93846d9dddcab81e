//! Simplification of canonical expression pieces: the implicit casts and parentheses that
//! PostgreSQL adds when it stores an expression (`((nick)::text <> '') AND (score <
//! (1000)::numeric)`) are removed, so the stored form compares equal to what was written
//! (`nick <> '' AND score < 1000`). Only rewrites that keep the meaning are made: parentheses
//! are dropped around a single item, around an expression without top-level AND/OR/comma that
//! sits between AND/OR-level neighbours, and around the left operand of the same associative
//! operator; a number's cast to a numeric type is dropped next to a comparison; the `text[]`
//! cast of a literal array is dropped. Column casts are left to `pg_forms::drop_column_casts`.

use super::expr::Class;

type Part = (String, Class);

/// Keywords before `(` that make it part of the syntax (lists, subqueries), not a grouping.
const SYNTAX: &[&str] = &["IN", "ANY", "ALL", "SOME", "EXISTS", "ARRAY", "VALUES", "OVER", "FILTER", "USING", "AS", "CAST"];

/// Neighbours that bind no tighter than AND/OR (so a grouped comparison next to them needs no
/// parentheses).
fn loose_before(p: Option<&Part>) -> bool {
    match p {
        None => true,
        Some((t, Class::Keyword)) => {
            // A select list's item: `SELECT (a + 1) AS b` (pg_dump's parentheses).
            matches!(
                t.as_str(),
                "AND" | "OR" | "NOT" | "WHERE" | "WHEN" | "THEN" | "ELSE" | "HAVING" | "ON" | "RETURN" | "SELECT" | "DISTINCT"
            )
        }
        Some((t, Class::Open)) => t == "(",
        Some((_, Class::Comma)) => true,
        _ => false,
    }
}

fn loose_after(p: Option<&Part>) -> bool {
    match p {
        None => true,
        // The clause keywords that end a query's condition (`WHERE (x > 1) ORDER BY x`).
        Some((t, Class::Keyword)) => matches!(
            t.as_str(),
            "AND"
                | "OR"
                | "THEN"
                | "ELSE"
                | "END"
                | "WHEN"
                | "ORDER"
                | "GROUP"
                | "HAVING"
                | "LIMIT"
                | "OFFSET"
                | "UNION"
                | "EXCEPT"
                | "INTERSECT"
                | "AS"
                | "FROM"
        ),
        Some((t, Class::Close)) => t == ")",
        Some((_, Class::Comma)) => true,
        _ => false,
    }
}

/// For each `(` of `parts`, the index of its matching `)` (one pass with a stack; unmatched
/// parentheses get `None`).
fn matching_parens(parts: &[Part]) -> Vec<Option<usize>> {
    let mut out = vec![None; parts.len()];
    let mut stack: Vec<usize> = Vec::new();
    for (i, (t, c)) in parts.iter().enumerate() {
        match c {
            Class::Open if t == "(" => stack.push(i),
            Class::Close if t == ")" => {
                if let Some(open) = stack.pop() {
                    out[open] = Some(i);
                }
            }
            _ => {}
        }
    }
    out
}

/// Any of the keywords `kws` (or a comma) at the top level of `parts`.
fn has_top(parts: &[Part], kws: &[&str]) -> bool {
    let mut depth = 0usize;
    for (t, c) in parts {
        match c {
            Class::Open => depth += 1,
            Class::Close => depth = depth.saturating_sub(1),
            Class::Comma if depth == 0 => return true,
            Class::Keyword if depth == 0 && kws.contains(&t.as_str()) => return true,
            _ => {}
        }
    }
    false
}

/// Apply rewrites until none applies. Each rewrite shortens `parts`; after one at index `at`,
/// the groups that close before `at - 1` are unchanged (their content, their neighbours), so
/// the next search for a parenthesis rewrite starts at the first group that does not: linear
/// passes instead of rescanning from the start (a check of thousands of OR-ed terms).
pub(super) fn simplify(parts: &mut Vec<Part>) {
    let mut last: Option<usize> = None;
    // Every rewrite shortens `parts`: this bound is never reached.
    for _ in 0..=parts.len() {
        let closes = matching_parens(parts);
        let from = match last {
            None => 0,
            Some(at) => (0..at.min(parts.len())).find(|&q| closes[q].is_some_and(|c| c + 1 >= at)).unwrap_or(at),
        };
        last = paren_rewrite(parts, &closes, from).or_else(|| cast_rewrite(parts));
        if last.is_none() {
            break;
        }
    }
}

/// One parenthesis rewrite at or after the group opening at `from`; the index where `parts`
/// changed, or `None`.
fn paren_rewrite(parts: &mut Vec<Part>, closes: &[Option<usize>], from: usize) -> Option<usize> {
    for open in from..parts.len() {
        let Some(close) = closes[open] else { continue };
        let prev = open.checked_sub(1).map(|i| &parts[i]);
        let syntax = match prev {
            Some((_, Class::Name | Class::Type)) => true,
            // `DISTINCT ON (a)`: the list's parentheses are the clause's.
            Some((t, Class::Keyword)) if t == "ON" => open >= 2 && parts[open - 2].0 == "DISTINCT",
            Some((t, Class::Keyword)) => SYNTAX.contains(&t.as_str()) || !super::expr::spaced_keyword(t),
            _ => false,
        };
        if syntax {
            continue;
        }
        let inner = &parts[open + 1..close];
        let single = inner.len() == 1 && matches!(inner[0].1, Class::Name | Class::Value);
        let next = parts.get(close + 1);
        let next_binds = matches!(next, Some((t, _)) if t == "[" || t == ".");
        if single && !next_binds {
            let item = inner[0].clone();
            parts.splice(open..=close, [item]);
            return Some(open);
        }
        if !inner.is_empty() && !has_top(inner, &["AND", "OR", "SELECT"]) && loose_before(prev) && loose_after(next) {
            parts.remove(close);
            parts.remove(open);
            return Some(open);
        }
        // `a OR (b AND c)`: AND binds tighter than OR.
        // `a AND (b AND c)` too: pg_dump groups a BETWEEN's two comparisons so.
        let or_before = matches!(prev, None | Some((_, Class::Open | Class::Comma)))
            || matches!(prev, Some((t, Class::Keyword)) if matches!(t.as_str(), "OR" | "AND" | "WHERE" | "WHEN" | "THEN" | "ELSE" | "HAVING" | "ON"));
        let or_after = matches!(next, None | Some((_, Class::Close | Class::Comma)))
            || matches!(next, Some((t, Class::Keyword)) if matches!(t.as_str(), "OR" | "AND" | "THEN" | "ELSE" | "END" | "WHEN"));
        if !inner.is_empty() && has_top(inner, &["AND"]) && or_before && or_after && !has_top(inner, &["OR", "SELECT"]) {
            parts.remove(close);
            parts.remove(open);
            return Some(open);
        }
        // `(ARRAY['a', 'b'])::text[]`: the cast PostgreSQL adds to a list of literals.
        let is_array = inner.len() >= 3 && inner[0].0 == "ARRAY" && inner[1].0 == "[" && inner[inner.len() - 1].0 == "]";
        if is_array
            && parts.get(close + 1).map(|p| p.0.as_str()) == Some("::")
            && parts.get(close + 2).map(|p| matches!(p.0.as_str(), "text[]" | "character varying[]")).unwrap_or(false)
            && inner.iter().all(|p| matches!(p.1, Class::Value | Class::Comma | Class::Keyword | Class::Open | Class::Close))
        {
            let content: Vec<Part> = inner.to_vec();
            parts.splice(open..close + 3, content);
            return Some(open);
        }
        // `(b || 'x') <> 'yx'`, `ts < (now() + i)`: arithmetic and `||` bind tighter than a
        // comparison (pg_dump groups every operator).
        if tight(inner) && (loose_before(prev) || comparison(prev)) && (loose_after(next) || comparison(next)) {
            parts.remove(close);
            parts.remove(open);
            return Some(open);
        }
        // `(a || b) || c`: grouping on the left of the same left-associative operator.
        if let Some(op) = same_ops(inner) {
            let next_same = matches!(next, Some((t, _)) if *t == op || (prec(t) > 0 && prec(t) == prec(&op)));
            if next_same && (loose_before(prev) || matches!(prev, Some((_, Class::Open | Class::Comma)))) {
                parts.remove(close);
                parts.remove(open);
                return Some(open);
            }
        }
    }
    None
}

/// `x >= 0::numeric`: a number cast next to a comparison is the number. The index where
/// `parts` changed, or `None`.
fn cast_rewrite(parts: &mut Vec<Part>) -> Option<usize> {
    for i in 0..parts.len() {
        let is_num = parts[i].1 == Class::Value && parts[i].0.parse::<f64>().is_ok();
        let cast = parts.get(i + 1).map(|p| p.0 == "::").unwrap_or(false)
            && parts.get(i + 2).map(|p| p.1 == Class::Type && NUMERIC.contains(&p.0.as_str())).unwrap_or(false);
        let prev = i.checked_sub(1).and_then(|k| parts.get(k));
        let prev = if matches!(prev, Some((_, Class::Unary))) { i.checked_sub(2).and_then(|k| parts.get(k)) } else { prev };
        if is_num && cast && (comparison(prev) || comparison(parts.get(i + 3))) {
            parts.drain(i + 1..i + 3);
            return Some(i + 1);
        }
    }
    None
}

const NUMERIC: &[&str] = &["numeric", "integer", "bigint", "smallint", "double precision", "real"];

/// A comparison operator.
fn comparison(p: Option<&Part>) -> bool {
    matches!(p, Some((t, Class::Op)) if matches!(t.as_str(), "=" | "<>" | "!=" | "<" | ">" | "<=" | ">="))
}

/// Whether the top level of `inner` has operators and only arithmetic or `||` ones (no
/// keyword, comma or comparison): it binds tighter than a comparison around it.
fn tight(inner: &[Part]) -> bool {
    let mut depth = 0usize;
    let mut ops = 0;
    for (t, c) in inner {
        match c {
            Class::Open => depth += 1,
            Class::Close => depth = depth.saturating_sub(1),
            Class::Keyword | Class::Comma if depth == 0 => return false,
            Class::Op if depth == 0 => {
                if !(t == "||" || prec(t) > 0) {
                    return false;
                }
                ops += 1;
            }
            _ => {}
        }
    }
    ops > 0
}

/// Precedence class of the left-associative arithmetic operators (0 for others).
fn prec(op: &str) -> u8 {
    match op {
        "*" | "/" | "%" => 2,
        "+" | "-" => 1,
        _ => 0,
    }
}

/// The operator all top-level operators of `inner` share (an associative one, or one class of
/// left-associative arithmetic), so the group can be the left operand of the same class.
fn same_ops(inner: &[Part]) -> Option<String> {
    let mut depth = 0usize;
    let mut op: Option<String> = None;
    for (t, c) in inner {
        match c {
            Class::Open => depth += 1,
            Class::Close => depth = depth.saturating_sub(1),
            Class::Op | Class::Keyword if depth == 0 => {
                if !matches!(t.as_str(), "||" | "AND" | "OR") && prec(t) == 0 {
                    return None;
                }
                match &op {
                    Some(o) if o != t && (prec(o) == 0 || prec(o) != prec(t)) => return None,
                    _ => op = Some(t.clone()),
                }
            }
            _ => {}
        }
    }
    op
}

#[cfg(test)]
mod tests {
    use crate::parse::cursor::tokenize;
    use crate::parse::expr::normalize;
    use crate::Dialect;

    fn n(s: &str) -> String {
        let (toks, _) = tokenize(Dialect::Postgres, s, 1, 1).unwrap_or_default();
        normalize(Dialect::Postgres, &toks)
    }

    /// pg_dump's grouping (PostgreSQL 15) and the expression as written are one text; the
    /// parentheses that change the meaning stay.
    #[test]
    fn pg_dump_grouping_compares_equal_and_meaning_stays() {
        assert_eq!(n("((b || 'x'::text) <> 'yx'::text)"), n("b || 'x' <> 'yx'"));
        assert_eq!(
            n("((d > '2020-01-01') AND (ts < (now() + '1 year'::interval)))"),
            n("d > '2020-01-01' AND ts < now() + '1 year'::interval")
        );
        assert_eq!(n("((b ~~ 'x%') AND ((a >= 1) AND (a <= 3)))"), n("b ~~ 'x%' AND a >= 1 AND a <= 3"));
        assert_eq!(n("(a + b) * c"), "(a + b) * c");
        assert_eq!(n("a || (b || c)"), "a || (b || c)");
        assert_eq!(n("(a OR b) AND c"), "(a OR b) AND c");
        assert_eq!(n("-(a + b) < c"), "-(a + b) < c");
        assert_eq!(n("(a + b)::text"), "(a + b)::text");
        assert_eq!(n("(NOT (o.status IS DISTINCT FROM 'p'::text))"), n("o.status IS NOT DISTINCT FROM 'p'"));
    }
}

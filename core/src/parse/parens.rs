//! Simplification of canonical expression pieces: the implicit casts and parentheses that
//! PostgreSQL adds when it stores an expression (`((nick)::text <> '') AND (score <
//! (1000)::numeric)`) are removed, so the stored form compares equal to what was written
//! (`nick <> '' AND score < 1000`). Only rewrites that keep the meaning are made: a cast is
//! dropped only from a parenthesized single name or number and only to a type the engine casts
//! to implicitly; parentheses are dropped around a single item, or around an expression without
//! top-level AND/OR/comma that sits between AND/OR-level neighbours.

use super::expr::Class;

type Part = (String, Class);

/// Types PostgreSQL casts to implicitly in stored expressions.
const IMPLICIT: &[&str] = &[
    "text", "numeric", "integer", "bigint", "smallint", "double precision", "real", "character varying", "bpchar",
    "timestamp with time zone", "timestamp without time zone", "date",
];

/// Keywords before `(` that make it part of the syntax (lists, subqueries), not a grouping.
const SYNTAX: &[&str] = &["IN", "ANY", "ALL", "SOME", "EXISTS", "ARRAY", "VALUES", "OVER", "FILTER", "USING", "AS", "CAST"];

/// Neighbours that bind no tighter than AND/OR (so a grouped comparison next to them needs no
/// parentheses).
fn loose_before(p: Option<&Part>) -> bool {
    match p {
        None => true,
        Some((t, Class::Keyword)) => matches!(t.as_str(), "AND" | "OR" | "WHERE" | "WHEN" | "THEN" | "ELSE" | "HAVING" | "ON"),
        Some((t, Class::Open)) => t == "(",
        Some((_, Class::Comma)) => true,
        _ => false,
    }
}

fn loose_after(p: Option<&Part>) -> bool {
    match p {
        None => true,
        Some((t, Class::Keyword)) => matches!(t.as_str(), "AND" | "OR" | "THEN" | "ELSE" | "END" | "WHEN"),
        Some((t, Class::Close)) => t == ")",
        Some((_, Class::Comma)) => true,
        _ => false,
    }
}

/// Index of the `)` matching the `(` at `open`.
fn closing(parts: &[Part], open: usize) -> Option<usize> {
    let mut depth = 0usize;
    for (i, (t, c)) in parts.iter().enumerate().skip(open) {
        match c {
            Class::Open if t == "(" => depth += 1,
            Class::Close if t == ")" => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return Some(i);
                }
            }
            _ => {}
        }
    }
    None
}

/// Top-level AND/OR/comma/SELECT inside `parts[a..b]`.
fn has_loose_top(parts: &[Part]) -> bool {
    let mut depth = 0usize;
    for (t, c) in parts {
        match c {
            Class::Open => depth += 1,
            Class::Close => depth = depth.saturating_sub(1),
            Class::Comma if depth == 0 => return true,
            Class::Keyword if depth == 0 && matches!(t.as_str(), "AND" | "OR" | "SELECT" | "NOT") => return true,
            _ => {}
        }
    }
    false
}

pub(super) fn simplify(parts: &mut Vec<Part>) {
    let mut guard = 0;
    while guard < 10_000 && step(parts) {
        guard += 1;
    }
}

/// One rewrite; false when there is nothing left to simplify.
fn step(parts: &mut Vec<Part>) -> bool {
    for open in 0..parts.len() {
        if parts[open] != ("(".to_string(), Class::Open) {
            continue;
        }
        let Some(close) = closing(parts, open) else { continue };
        let prev = open.checked_sub(1).map(|i| &parts[i]);
        let syntax = match prev {
            Some((_, Class::Name | Class::Type)) => true,
            Some((t, Class::Keyword)) => SYNTAX.contains(&t.as_str()) || !super::expr::spaced_keyword(t),
            _ => false,
        };
        if syntax {
            continue;
        }
        let inner = &parts[open + 1..close];
        let single = inner.len() == 1 && matches!(inner[0].1, Class::Name | Class::Value);
        // `(x)::text`, `(0)::numeric`: implicit casts of a single item.
        if single
            && parts.get(close + 1).map(|p| p.0.as_str()) == Some("::")
            && parts.get(close + 2).map(|p| p.1 == Class::Type && IMPLICIT.contains(&p.0.as_str())).unwrap_or(false)
        {
            let item = inner[0].clone();
            parts.splice(open..close + 3, [item]);
            return true;
        }
        let next = parts.get(close + 1);
        let next_binds = matches!(next, Some((t, _)) if t == "[" || t == "." || t == "::");
        if single && !next_binds {
            let item = inner[0].clone();
            parts.splice(open..=close, [item]);
            return true;
        }
        if !inner.is_empty() && !has_loose_top(inner) && loose_before(prev) && loose_after(next) {
            parts.remove(close);
            parts.remove(open);
            return true;
        }
    }
    false
}

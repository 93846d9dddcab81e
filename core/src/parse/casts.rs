//! Casts in canonical expressions, as PostgreSQL's parser stores them (parse_expr.c), so that the
//! text written and the text `pg_dump` prints compare equal, and the canonical text, run again,
//! stores the same expression:
//! - `ARRAY[a, b]::T[]` (parenthesized or not) is `ARRAY[a::T, b::T]`: the parser hands a cast's
//!   array type down to the elements of an `ARRAY[...]` constructor, each coerced explicitly,
//!   which is how the engine prints it back (an element already cast to `T` is not cast again).
//! - A string literal with one cast to a text type (`'a'::text`, `'{}'::text[]`) is the literal:
//!   the cast folds into the constant, which its context types the same way. A chain of casts
//!   (`'a'::character varying::text`) is kept whole: only the first folds, the next is a
//!   coercion the engine keeps and prints.

use super::expr::Class;

type Part = (String, Class);

/// Text types whose single cast on a string literal is dropped.
const TEXTY: &[&str] = &["text", "character varying", "character", "bpchar", "unknown", "regconfig", "regclass"];

fn base(ty: &str) -> &str {
    let t = ty.trim_end_matches("[]");
    t.split('(').next().unwrap_or(t).trim()
}

fn is_string(p: &Part) -> bool {
    p.1 == Class::Value && (p.0.starts_with('\'') || p.0.starts_with("N'"))
}

/// The index of the part closing the group opened at `open`.
pub(super) fn closing(parts: &[Part], open: usize) -> Option<usize> {
    let mut depth = 0usize;
    for (i, p) in parts.iter().enumerate().skip(open) {
        match p.1 {
            Class::Open => depth += 1,
            Class::Close => {
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

/// Drop the single text cast of each string literal (see the module doc).
pub(super) fn drop_literal_text_casts(parts: &mut Vec<Part>) {
    unwrap_cast_literals(parts);
    let mut i = 0;
    while i < parts.len() {
        if is_string(&parts[i]) {
            let mut n = 0;
            while parts.get(i + 1 + 2 * n).is_some_and(|p| p.0 == "::") && parts.get(i + 2 + 2 * n).is_some_and(|p| p.1 == Class::Type) {
                n += 1;
            }
            if n == 1 && parts.get(i + 2).is_some_and(|p| TEXTY.contains(&base(&p.0))) {
                parts.drain(i + 1..i + 3);
                n = 0;
            }
            i += 1 + 2 * n;
            continue;
        }
        i += 1;
    }
}

/// `('a'::T)::U` is `'a'::T::U` (how the engine prints a coercion of a constant).
fn unwrap_cast_literals(parts: &mut Vec<Part>) {
    let mut i = 0;
    while i + 3 < parts.len() {
        if parts[i].0 == "(" && is_string(&parts[i + 1]) {
            let mut j = i + 2;
            while parts.get(j).is_some_and(|p| p.0 == "::") && parts.get(j + 1).is_some_and(|p| p.1 == Class::Type) {
                j += 2;
            }
            if j > i + 2 && parts.get(j).is_some_and(|p| p.0 == ")") && parts.get(j + 1).is_some_and(|p| p.0 == "::") {
                let grouping = !i.checked_sub(1).and_then(|k| parts.get(k)).is_some_and(|p| matches!(p.1, Class::Name | Class::Type));
                if grouping {
                    parts.remove(j);
                    parts.remove(i);
                    continue;
                }
            }
        }
        i += 1;
    }
}

/// `ARRAY[a, b]::T[]` → `ARRAY[a::T, b::T]` (see the module doc), PostgreSQL only.
pub(super) fn push_array_casts(parts: &mut Vec<Part>) {
    let mut k = 0;
    while k < parts.len() {
        if let Some(next) = push_at(parts, k) {
            k = next;
        } else {
            k += 1;
        }
    }
}

/// The rewrite of the `ARRAY` at `k`, if it applies; the index to go on from.
fn push_at(parts: &mut Vec<Part>, k: usize) -> Option<usize> {
    if !(parts[k].1 == Class::Keyword && parts[k].0 == "ARRAY" && parts.get(k + 1).is_some_and(|p| p.0 == "[")) {
        return None;
    }
    let close = closing(parts, k + 1)?;
    // `(ARRAY[...])::T[]`: a grouping parenthesis, not a call's or a list's.
    let wrapped = k >= 1
        && parts[k - 1].0 == "("
        && parts.get(close + 1).is_some_and(|p| p.0 == ")")
        && !k.checked_sub(2).and_then(|j| parts.get(j)).is_some_and(|p| {
            matches!(p.1, Class::Name | Class::Type)
                || (p.1 == Class::Keyword && !super::expr::spaced_keyword(&p.0))
                || matches!(p.0.as_str(), "ANY" | "ALL" | "SOME" | "IN" | "EXISTS" | "ARRAY" | "VALUES" | "CAST")
        });
    let cast_at = if wrapped { close + 2 } else { close + 1 };
    if parts.get(cast_at).is_none_or(|p| p.0 != "::") {
        return None;
    }
    let ty = parts.get(cast_at + 1).filter(|p| p.1 == Class::Type)?.0.clone();
    let elem = ty.strip_suffix("[]")?.to_string();
    let inner = &parts[k + 2..close];
    if inner.is_empty() || inner.iter().any(|p| p.1 == Class::Keyword && p.0 == "ARRAY") {
        return None;
    }
    let mut elements: Vec<Vec<Part>> = vec![Vec::new()];
    let mut depth = 0usize;
    for p in inner {
        match p.1 {
            Class::Open => depth += 1,
            Class::Close => depth = depth.saturating_sub(1),
            Class::Comma if depth == 0 => {
                elements.push(Vec::new());
                continue;
            }
            _ => {}
        }
        if let Some(last) = elements.last_mut() {
            last.push(p.clone());
        }
    }
    if elements.iter().any(|e| e.is_empty()) {
        return None;
    }
    let mut out: Vec<Part> = vec![("ARRAY".into(), Class::Keyword), ("[".into(), Class::Open)];
    for (i, e) in elements.into_iter().enumerate() {
        if i > 0 {
            out.push((",".into(), Class::Comma));
        }
        let already = e.len() >= 2 && e[e.len() - 2].0 == "::" && e[e.len() - 1].0 == elem;
        if already {
            out.extend(e);
            continue;
        }
        if atomic(&e) {
            out.extend(e);
        } else {
            out.push(("(".into(), Class::Open));
            out.extend(e);
            out.push((")".into(), Class::Close));
        }
        out.push(("::".into(), Class::Glue));
        out.push((elem.clone(), Class::Type));
    }
    out.push(("]".into(), Class::Close));
    let start = if wrapped { k - 1 } else { k };
    let n = out.len();
    parts.splice(start..cast_at + 2, out);
    Some(start + n)
}

/// An element a cast can follow without parentheses: a value or a name, or a call, each with
/// casts of its own.
fn atomic(e: &[Part]) -> bool {
    let mut i = match e.first() {
        Some((_, Class::Value)) => 1,
        Some((_, Class::Name)) => {
            let mut i = 1;
            while e.get(i).is_some_and(|p| p.0 == ".") && e.get(i + 1).is_some_and(|p| p.1 == Class::Name) {
                i += 2;
            }
            if e.get(i).is_some_and(|p| p.0 == "(") {
                match closing(e, i) {
                    Some(c) => c + 1,
                    None => return false,
                }
            } else {
                i
            }
        }
        _ => return false,
    };
    while i < e.len() {
        if e[i].0 == "::" && e.get(i + 1).is_some_and(|p| p.1 == Class::Type) {
            i += 2;
        } else {
            return false;
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use crate::parse::cursor::tokenize;
    use crate::Dialect;

    fn n(d: Dialect, s: &str) -> String {
        let (toks, _) = tokenize(d, s, 1, 1).unwrap();
        super::super::expr::normalize(d, &toks)
    }

    #[test]
    fn casts_as_the_engine_stores_them() {
        let d = Dialect::Postgres;
        assert_eq!(
            n(d, "s::text = ANY (ARRAY['a'::character varying, 'b'::character varying]::text[])"),
            "s::text = ANY (ARRAY['a'::character varying::text, 'b'::character varying::text])"
        );
        assert_eq!(n(d, "ARRAY['x', 'y']::text[]"), "ARRAY['x', 'y']");
        assert_eq!(n(d, "(ARRAY[a, b + 1, f(c)::integer])::bigint[]"), "ARRAY[a::bigint, (b + 1)::bigint, f(c)::integer::bigint]");
        assert_eq!(n(d, "ARRAY['a'::text]::text[] AND x = '{}'::text[]"), "ARRAY['a'] AND x = '{}'");
        assert_eq!(n(d, "coalesce(ARRAY[a])::text[]"), "coalesce(ARRAY[a])::text[]");
        assert_eq!(n(d, "'2020-01-01'::text::date"), "'2020-01-01'::text::date");
        assert_eq!(
            n(d, "(s)::text = ANY (ARRAY[('a'::character varying)::text, ('b'::character varying)::text])"),
            "s::text = ANY (ARRAY['a'::character varying::text, 'b'::character varying::text])"
        );
        assert_eq!(n(d, "f('a'::text)::text"), "f('a')::text");
        assert_eq!(n(d, "new_fizz < CURRENT_TIMESTAMP - interval '1 month'"), "new_fizz < CURRENT_TIMESTAMP - '1 month'::interval");
        assert_eq!(n(d, "x = - 1 AND y IS NOT -1"), "x = -1 AND y IS NOT -1");
    }
}

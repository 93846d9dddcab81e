//! PostgreSQL stores some expressions in another spelling than the one written; the canonical
//! text uses one spelling for both: `x IN (a, b)` is `x = ANY (ARRAY[a, b])` (and `x IN (a)`
//! is `x = a`; `NOT IN` is `<> ALL`), `SOME` is `ANY`, `~~`/`!~~`/`~~*`/`!~~*` are LIKE, NOT
//! LIKE, ILIKE, NOT ILIKE, a typed literal `date '2020-01-01'` is `'2020-01-01'::date`, and
//! `x BETWEEN a AND b` is `x >= a AND x <= b` (where that reads the same: see `between`).
//! Casts a column does not need (`name::text` on a text column) are dropped by
//! `drop_column_casts`, which knows the table's column types.

use super::casts::closing;
use super::expr::Class;

type Part = (String, Class);

fn kw(p: Option<&Part>, k: &str) -> bool {
    matches!(p, Some((t, Class::Keyword)) if t == k)
}

/// `NOT a IS DISTINCT FROM b` (how PostgreSQL prints `a IS NOT DISTINCT FROM b`) is
/// `a IS NOT DISTINCT FROM b`, for an operand that is a name (maybe qualified) or a value after
/// a `NOT` that starts a condition. After the parentheses are simplified (pg_dump writes
/// `(NOT (a IS DISTINCT FROM b))`).
pub(super) fn not_distinct(parts: &mut Vec<Part>) {
    let mut i = 0;
    while i < parts.len() {
        let starts = i == 0
            || matches!(&parts[i - 1], (t, Class::Keyword) if matches!(t.as_str(), "WHERE" | "AND" | "OR" | "WHEN" | "ON" | "HAVING" | "THEN" | "ELSE"))
            || matches!(&parts[i - 1], (t, Class::Open) if t == "(");
        if starts && kw(parts.get(i), "NOT") {
            let mut j = i + 1;
            while matches!(parts.get(j).map(|p| p.1), Some(Class::Name | Class::Value)) {
                if parts.get(j + 1).is_some_and(|p| p.0 == ".") {
                    j += 2;
                } else {
                    j += 1;
                    break;
                }
            }
            if j > i + 1 && kw(parts.get(j), "IS") && kw(parts.get(j + 1), "DISTINCT") && kw(parts.get(j + 2), "FROM") {
                parts.remove(i);
                parts.insert(j, ("NOT".to_string(), Class::Keyword));
            }
        }
        i += 1;
    }
}

pub(super) fn rewrite(parts: &mut Vec<Part>) {
    for p in parts.iter_mut() {
        let new = match (p.0.as_str(), p.1) {
            ("SOME", Class::Keyword) => Some("ANY"),
            ("~~", Class::Op) => Some("LIKE"),
            ("!~~", Class::Op) => Some("NOT LIKE"),
            ("~~*", Class::Op) => Some("ILIKE"),
            ("!~~*", Class::Op) => Some("NOT ILIKE"),
            _ => None,
        };
        if let Some(n) = new {
            *p = (n.to_string(), Class::Keyword);
        }
    }
    between(parts);
    text_arrays(parts);
    let mut i = 0;
    while i < parts.len() {
        if kw(parts.get(i), "IN") && parts.get(i + 1).map(|p| p.0 == "(") == Some(true) {
            let Some(close) = closing(parts, i + 1) else { break };
            let inner: Vec<Part> = parts[i + 2..close].to_vec();
            if inner.is_empty() || inner.iter().any(|p| p.1 == Class::Keyword && p.0 == "SELECT") {
                i += 1;
                continue;
            }
            let negated = i > 0 && kw(parts.get(i - 1), "NOT");
            let start = if negated { i - 1 } else { i };
            let commas = top_commas(&inner);
            let replacement: Vec<Part> = if commas == 0 {
                let mut v = vec![(if negated { "<>" } else { "=" }.to_string(), Class::Op)];
                v.extend(inner);
                v
            } else {
                let mut v = vec![
                    (if negated { "<>" } else { "=" }.to_string(), Class::Op),
                    (if negated { "ALL" } else { "ANY" }.to_string(), Class::Keyword),
                    ("(".to_string(), Class::Open),
                    ("ARRAY".to_string(), Class::Keyword),
                    ("[".to_string(), Class::Open),
                ];
                v.extend(inner);
                v.push(("]".to_string(), Class::Close));
                v.push((")".to_string(), Class::Close));
                v
            };
            let n = replacement.len();
            parts.splice(start..=close, replacement);
            i = start + n;
            continue;
        }
        i += 1;
    }
}

/// A written `x = ANY (ARRAY['a', 'b'])` (or `<> ALL`) of uncast string literals, `x` one
/// unqualified name: the array is `text[]`, so PostgreSQL compares `x` as `text` and stores
/// `(x)::text = ANY (ARRAY['a'::text, 'b'::text])` where `x` is not text already (a `citext`:
/// case-sensitive). Read as `x::text = ANY (ARRAY['a', 'b'])`, apart from the `IN` list (made
/// after this, typed from the column by `typed_lists`); `drop_column_casts` drops the cast again
/// on a character column.
fn text_arrays(parts: &mut Vec<Part>) {
    let mut i = 0;
    while i + 6 < parts.len() {
        let name = matches!(parts.get(i), Some((_, Class::Name)))
            && (i == 0 || !matches!(parts.get(i - 1), Some((t, Class::Glue)) if t == "." || t == "::"))
            && !matches!(parts.get(i + 1), Some((t, Class::Glue)) if t == "." || t == "::");
        let op = matches!((parts.get(i + 1), parts.get(i + 2)), (Some((o, Class::Op)), Some((q, Class::Keyword)))
            if (o == "=" && q == "ANY") || (o == "<>" && q == "ALL"));
        let array = matches!(parts.get(i + 3), Some((t, Class::Open)) if t == "(")
            && kw(parts.get(i + 4), "ARRAY")
            && matches!(parts.get(i + 5), Some((t, Class::Open)) if t == "[");
        if !(name && op && array) {
            i += 1;
            continue;
        }
        // `'a', 'b'])`: string literals and commas only.
        let mut j = i + 6;
        let mut strings = true;
        loop {
            match parts.get(j) {
                Some((t, Class::Value)) if t.starts_with('\'') => {}
                _ => {
                    strings = false;
                    break;
                }
            }
            match parts.get(j + 1) {
                Some((_, Class::Comma)) => j += 2,
                Some((t, Class::Close)) if t == "]" => break,
                _ => {
                    strings = false;
                    break;
                }
            }
        }
        if strings && matches!(parts.get(j + 2), Some((t, Class::Close)) if t == ")") {
            parts.insert(i + 1, ("::".to_string(), Class::Glue));
            parts.insert(i + 2, ("text".to_string(), Class::Type));
            i = j + 4;
        } else {
            i += 1;
        }
    }
}

/// `x BETWEEN a AND b` as PostgreSQL stores it, `x >= a AND x <= b`, when `x` is one name
/// (or `VALUE`) and `a`, `b` are one value each (a sign allowed), and the comparison stands
/// alone in an AND chain (after the start, `(` or AND; before the end, `)` or AND), where the
/// two forms mean the same. `NOT BETWEEN`, `SYMMETRIC` and other shapes are kept as written.
fn between(parts: &mut Vec<Part>) {
    let operand = |parts: &[Part], at: usize| -> Option<usize> {
        // The length of a one-value operand starting at `at`.
        match (parts.get(at), parts.get(at + 1)) {
            (Some((_, Class::Unary)), Some((_, Class::Value))) => Some(2),
            (Some((_, Class::Value)), _) => Some(1),
            _ => None,
        }
    };
    let mut i = 1;
    while i < parts.len() {
        let subject = matches!(parts.get(i - 1), Some((_, Class::Name))) || kw(parts.get(i - 1), "VALUE");
        let before_ok = i < 2 || kw(parts.get(i - 2), "AND") || matches!(parts.get(i - 2), Some((_, Class::Open)));
        if !(kw(parts.get(i), "BETWEEN") && subject && before_ok) {
            i += 1;
            continue;
        }
        let Some(la) = operand(parts, i + 1) else {
            i += 1;
            continue;
        };
        let and_at = i + 1 + la;
        let Some(lb) = operand(parts, and_at + 1).filter(|_| kw(parts.get(and_at), "AND")) else {
            i += 1;
            continue;
        };
        let end = and_at + 1 + lb;
        let after_ok = end == parts.len() || kw(parts.get(end), "AND") || matches!(parts.get(end), Some((_, Class::Close)));
        if !after_ok {
            i += 1;
            continue;
        }
        let x = parts[i - 1].clone();
        let mut v = vec![(">=".to_string(), Class::Op)];
        v.extend(parts[i + 1..and_at].iter().cloned());
        v.push(("AND".to_string(), Class::Keyword));
        v.push(x);
        v.push(("<=".to_string(), Class::Op));
        v.extend(parts[and_at + 1..end].iter().cloned());
        let n = v.len();
        parts.splice(i..end, v);
        i += n;
    }
}

fn top_commas(parts: &[Part]) -> usize {
    let mut depth = 0usize;
    let mut n = 0;
    for p in parts {
        match p.1 {
            Class::Open => depth += 1,
            Class::Close => depth = depth.saturating_sub(1),
            Class::Comma if depth == 0 => n += 1,
            _ => {}
        }
    }
    n
}

fn text_like(ty: &str) -> bool {
    ty == "text" || ty.starts_with("character varying") || ty.starts_with("character(") || ty == "character"
}

/// Can `drop_column_casts` change `text`? Only a cast (`::`) or a list it types (`(ARRAY[`)
/// can change: callers test this before listing a table's columns for it.
pub fn may_drop_casts(text: &str) -> bool {
    text.contains("::") || text.contains("(ARRAY[")
}

/// Drop `col::T` casts where the column already has type `T` (or `T` is `text` and the column
/// is a character type), and `N::T` casts of a number or a string literal that is the other
/// operand of a column of base type `T` (`score * 2::numeric`, `status <> 'new'::status`), given
/// `(column name as SQL, column type)` pairs.
pub fn drop_column_casts(text: &str, cols: &[(String, String)]) -> String {
    if !may_drop_casts(text) {
        return text.to_string();
    }
    let out = typed_lists(&drop_named_casts(text, cols), cols);
    let mut words: Vec<String> = out.split(' ').map(|w| w.to_string()).collect();
    let base_of = |w: &str| -> Option<String> {
        let w = w.trim_start_matches('(').trim_end_matches(')');
        cols.iter().find(|(n, _)| n == w).map(|(_, t)| t.split('(').next().unwrap_or("").to_string())
    };
    for i in 0..words.len() {
        let Some((num, ty)) = words[i].split_once("::") else { continue };
        let (num_open, num) = (num.len() - num.trim_start_matches('(').len(), num.trim_start_matches('('));
        let ty_clean = ty.trim_end_matches(')');
        // A string literal (without spaces: the text is split at them) the same way: pg_dump
        // prints `s <> 'a'::status` for `s <> 'a'` on a column `s` of enum type `status`.
        let literal = num.len() >= 2 && num.starts_with('\'') && num.ends_with('\'');
        if num.parse::<f64>().is_err() && !literal {
            continue;
        }
        let left = i >= 2 && base_of(&words[i - 2]).as_deref() == Some(ty_clean);
        let right = i + 2 < words.len() && base_of(&words[i + 2]).as_deref() == Some(ty_clean);
        if left || right {
            let closing = crate::text::from(ty, ty_clean.len());
            words[i] = format!("{}{num}{closing}", "(".repeat(num_open));
        }
    }
    words.join(" ")
}

/// `v IN ('a', 'b')` (canonical `v = ANY (ARRAY['a', 'b'])`, the same for `NOT IN` / `<> ALL`)
/// typed as PostgreSQL's parser types it: an `IN` list's literals take the column's type, and
/// the engine stores the list cast, which pg_dump prints. Without the casts the canonical text
/// would be an array of `text`, which means something else (or nothing: `date = text` has no
/// operator) once rendered. Per column type (`list_cast`):
/// - `varchar`: the parser compares as `text`; pg_dump prints
///   `(v)::text = ANY ((ARRAY['a'::character varying, ...])::text[])`, which the engine (and
///   `casts.rs`) reads as `ARRAY['a'::character varying::text, ...]`;
/// - a type with no implicit cast to `text` (`date`, an enum, `uuid`, ...): `'a'::T`, what the
///   engine stores;
/// - `citext`: `'a'::citext`, case-insensitive as the `IN` list is (pg_dump also prints the
///   operator as `OPERATOR(public.=)`, read as `=`: with both sides `citext` they are one);
/// - `text` and the other character types, numbers, `boolean`, arrays and types with
///   modifiers keep the list as it is (the engine prints numbers and booleans without casts,
///   and the text casts are dropped by `casts.rs`).
///
/// So the written list, the dump and the dump restored compare equal, and the text renders as
/// the list means. A written `x = ANY (ARRAY['a', 'b'])` is not such a list: `text_arrays`
/// made it `x::text = ANY (...)` (the engine's `text[]`), which no pattern here matches.
/// A column of a domain comes with its base type (`constraint::column_types`).
fn typed_lists(text: &str, cols: &[(String, String)]) -> String {
    let mut out = text.to_string();
    for (name, ty) in cols {
        let Some(cast) = list_cast(ty) else { continue };
        if !out.contains(name.as_str()) {
            continue;
        }
        if ty == "citext" {
            for (dumped, op) in
                [(" operator(public.=) ANY (ARRAY[", " = ANY (ARRAY["), (" operator(public.<>) ALL (ARRAY[", " <> ALL (ARRAY[")]
            {
                out = replace_lists(&out, name, dumped, op, &cast, false);
            }
        }
        for op in [" = ANY (ARRAY[", " <> ALL (ARRAY["] {
            out = replace_lists(&out, name, op, op, &cast, true);
        }
    }
    out
}

/// `{name}{from}list]` as `{name}{to}list]` with every literal of the list cast by `cast`,
/// where the list is plain string literals, each uncast or already cast by `cast`; with
/// `uncast_ok` false only a list already cast throughout.
fn replace_lists(text: &str, name: &str, from: &str, to: &str, cast: &str, uncast_ok: bool) -> String {
    let pat = format!("{name}{from}");
    let mut result = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(pos) = rest.find(&pat) {
        let head = crate::text::upto(rest, pos);
        let boundary = head.chars().last().is_none_or(|c| !(c.is_alphanumeric() || c == '_' || c == '.' || c == '"' || c == '$'));
        result.push_str(head);
        let after = crate::text::from(rest, pos + pat.len());
        match string_list(after, cast).filter(|(_, _, all_cast)| boundary && (uncast_ok || *all_cast)) {
            Some((list, len, _)) => {
                result.push_str(name);
                result.push_str(to);
                result.push_str(&list);
                rest = crate::text::from(after, len);
            }
            None => {
                result.push_str(&pat);
                rest = after;
            }
        }
    }
    result.push_str(rest);
    result
}

/// The cast an `IN` list's string literals get on a column of type `ty` (see `typed_lists`).
fn list_cast(ty: &str) -> Option<String> {
    if ty.ends_with("[]") {
        return None;
    }
    if ty.starts_with("character varying") {
        return Some("::character varying::text".to_string());
    }
    // Types the engine prints without a cast, character types (compared as `text`, or the
    // `casts.rs` text casts), and types with modifiers (`bit(3)`: `'1'::bit` is another type).
    const KEPT: &[&str] = &[
        "text",
        "character",
        "bpchar",
        "name",
        "\"char\"",
        "smallint",
        "integer",
        "bigint",
        "numeric",
        "real",
        "double precision",
        "boolean",
        "oid",
        "json",
        "xml",
        "unknown",
    ];
    let plain = !ty.is_empty() && ty.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == ' ' || c == '.');
    if !plain || KEPT.contains(&ty) || ty.starts_with("pg_catalog.") {
        return None;
    }
    Some(format!("::{ty}"))
}

/// `'a', 'b']` at the start of `s` (plain string literals up to the closing bracket, each
/// uncast or cast by `cast`): the list with each literal cast by `cast`, the length read, and
/// whether every literal was already cast.
fn string_list(s: &str, cast: &str) -> Option<(String, usize, bool)> {
    let mut out = String::new();
    let mut all_cast = true;
    let mut chars = s.char_indices().peekable();
    loop {
        if chars.next()?.1 != '\'' {
            return None;
        }
        out.push('\'');
        let end = loop {
            let (i, c) = chars.next()?;
            out.push(c);
            if c == '\'' {
                if chars.peek().is_some_and(|&(_, n)| n == '\'') {
                    chars.next();
                    out.push('\'');
                } else {
                    break i + 1;
                }
            }
        };
        if crate::text::from(s, end).starts_with(cast) {
            for _ in 0..cast.chars().count() {
                chars.next();
            }
        } else {
            all_cast = false;
        }
        out.push_str(cast);
        match chars.next()? {
            (i, ']') => {
                out.push(']');
                return Some((out, i + 1, all_cast));
            }
            (_, ',') => {
                if chars.next()?.1 != ' ' {
                    return None;
                }
                out.push_str(", ");
            }
            _ => return None,
        }
    }
}

fn drop_named_casts(text: &str, cols: &[(String, String)]) -> String {
    let mut out = text.to_string();
    for (name, ty) in cols {
        // Every pattern below starts with the column's name.
        if !out.contains(name.as_str()) {
            continue;
        }
        let mut targets = vec![ty.clone()];
        if text_like(ty) {
            targets.push("text".into());
        }
        // Implicit casts PostgreSQL inserts itself when it resolves an operator: the same
        // expression without them means the same.
        let base = ty.split('(').next().unwrap_or("");
        let implicit: &[&str] = match base {
            "smallint" => &["integer", "bigint", "numeric", "real", "double precision"],
            "integer" => &["bigint", "numeric", "real", "double precision"],
            "bigint" => &["numeric", "real", "double precision"],
            "real" => &["double precision"],
            "numeric" => &["real", "double precision"],
            "date" => &["timestamp without time zone", "timestamp with time zone"],
            "timestamp without time zone" => &["timestamp with time zone"],
            _ => &[],
        };
        targets.extend(implicit.iter().map(|s| s.to_string()));
        for t in targets {
            let pat = format!("{name}::{t}");
            let mut result = String::with_capacity(out.len());
            let mut rest = out.as_str();
            while let Some(pos) = rest.find(&pat) {
                let before_ok = result
                    .chars()
                    .last()
                    .or_else(|| crate::text::upto(rest, pos).chars().last())
                    .map(|c| !(c.is_alphanumeric() || c == '_' || c == '.' || c == '"'))
                    .unwrap_or(true);
                let prefix_last = crate::text::upto(rest, pos).chars().last();
                let boundary = match prefix_last {
                    Some(c) => !(c.is_alphanumeric() || c == '_' || c == '.' || c == '"' || c == '$'),
                    None => before_ok,
                };
                let after = crate::text::from(rest, pos + pat.len());
                let after_ok = after.chars().next().map(|c| !(c.is_alphanumeric() || c == '_' || c == '[' || c == '(')).unwrap_or(true);
                result.push_str(crate::text::upto(rest, pos));
                if boundary && after_ok {
                    result.push_str(name);
                } else {
                    result.push_str(&pat);
                }
                rest = after;
            }
            result.push_str(rest);
            out = result;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(s: &str) -> String {
        let (toks, _) = crate::parse::cursor::tokenize(crate::Dialect::Postgres, s, 1, 1).unwrap_or_default();
        super::super::expr::normalize(crate::Dialect::Postgres, &toks)
    }

    /// PostgreSQL stores `x BETWEEN a AND b` as `((x >= a) AND (x <= b))`: both read the same.
    #[test]
    fn between_is_stored_as_two_comparisons_where_that_means_the_same() {
        assert_eq!(n("price BETWEEN 0 AND 100"), n("((price >= 0) AND (price <= 100))"));
        assert_eq!(n("VALUE BETWEEN -1 AND 1"), "value >= -1 AND value <= 1");
        assert_eq!(n("a > 1 AND b BETWEEN 'a' AND 'm' AND c"), "a > 1 AND b >= 'a' AND b <= 'm' AND c");
        assert_eq!(n("(b BETWEEN 1 AND 2) OR c"), n("((b >= 1) AND (b <= 2)) OR c"));
        for kept in [
            "NOT b BETWEEN 1 AND 2",
            "b NOT BETWEEN 1 AND 2",
            "b BETWEEN SYMMETRIC 2 AND 1",
            "b + 1 BETWEEN 1 AND 2",
            "b BETWEEN 1 AND 2 + c",
            "a OR b BETWEEN 1 AND 2",
        ] {
            assert!(n(kept).contains("BETWEEN"), "{kept}: {}", n(kept));
        }
    }

    #[test]
    fn drops_only_needless_column_casts() {
        let cols = vec![("name".to_string(), "character varying(20)".to_string()), ("n".to_string(), "integer".to_string())];
        assert_eq!(
            drop_column_casts("name::text <> '' AND n::integer > 0 AND n::text = '1'", &cols),
            "name <> '' AND n > 0 AND n::text = '1'"
        );
        assert_eq!(drop_column_casts("xname::text", &cols), "xname::text");
        let cols = vec![("score".to_string(), "numeric(10,2)".to_string())];
        assert_eq!(drop_column_casts("score * 2::numeric", &cols), "score * 2");
        let cols = vec![("id".to_string(), "integer".to_string())];
        assert_eq!(drop_column_casts("id::double precision < buzz", &cols), "id < buzz");
    }

    #[test]
    fn varchar_lists_are_typed_as_the_engine_stores_them() {
        let cols = vec![("s".to_string(), "character varying(16)".to_string()), ("t".to_string(), "text".to_string())];
        let pushed = "s = ANY (ARRAY['a'::character varying::text, 'it''s'::character varying::text])";
        assert_eq!(drop_column_casts("s = ANY (ARRAY['a', 'it''s'])", &cols), pushed);
        assert_eq!(drop_column_casts(pushed, &cols), pushed);
        assert_eq!(drop_column_casts("s::text <> ALL (ARRAY['a'])", &cols), "s <> ALL (ARRAY['a'::character varying::text])");
        assert_eq!(drop_column_casts("t = ANY (ARRAY['a', 'b'])", &cols), "t = ANY (ARRAY['a', 'b'])");
        assert_eq!(drop_column_casts("xs = ANY (ARRAY['a'])", &cols), "xs = ANY (ARRAY['a'])");
        assert_eq!(drop_column_casts("s = ANY (ARRAY['a', lower(t)])", &cols), "s = ANY (ARRAY['a', lower(t)])");
    }

    /// An `IN` list, its canonical `= ANY (ARRAY[...])` and pg_dump's form with the literals
    /// cast to the column's type compare equal; a list compared as `text` (or cast to another
    /// type) does not.
    #[test]
    fn in_lists_take_the_column_type_as_the_engine_stores_them() {
        let cols: Vec<(String, String)> = [("d", "date"), ("st", "s"), ("c", "citext"), ("t", "text"), ("i", "integer"), ("o", "other.s")]
            .iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect();
        let canon = |s: &str| drop_column_casts(&n(s), &cols);
        let date = "d = ANY (ARRAY['2024-12-25'::date, '2025-12-25'::date])";
        assert_eq!(canon("d IN ('2024-12-25','2025-12-25')"), date);
        assert_eq!(canon("((d = ANY (ARRAY['2024-12-25'::date, '2025-12-25'::date])))"), date);
        // A written array of strings is `text[]`: the column compared as `text`.
        assert_eq!(canon("d = ANY (ARRAY['2024-12-25', '2025-12-25'])"), "d::text = ANY (ARRAY['2024-12-25', '2025-12-25'])");
        assert_eq!(canon("d IN ('2024-12-25'::date,'2025-12-25')"), date);
        assert_eq!(canon("d NOT IN ('2024-12-25','2025-12-25')"), "d <> ALL (ARRAY['2024-12-25'::date, '2025-12-25'::date])");
        assert_eq!(canon("d IN ('2024-12-25')"), "d = '2024-12-25'");
        let enums = "st <> ALL (ARRAY['a'::s, 'it''s'::s])";
        assert_eq!(canon("st NOT IN ('a','it''s')"), enums);
        assert_eq!(canon("(st <> ALL (ARRAY['a'::public.s, 'it''s'::public.s]))"), enums);
        assert_eq!(canon("o IN ('a','b')"), "o = ANY (ARRAY['a'::other.s, 'b'::other.s])");
        let ci = "c = ANY (ARRAY['x'::citext, 'y'::citext])";
        assert_eq!(canon("c IN ('x','y')"), ci);
        assert_eq!(canon("(c OPERATOR(public.=) ANY (ARRAY['x'::public.citext, 'y'::public.citext]))"), ci);
        assert_eq!(canon("c NOT IN ('x','y')"), canon("c OPERATOR(public.<>) ALL (ARRAY['x'::public.citext, 'y'::public.citext])"));
        assert_eq!(canon("t IN ('a','b')"), canon("(t = ANY (ARRAY['a'::text, 'b'::text]))"));
        assert_eq!(canon("t IN ('a','b')"), "t = ANY (ARRAY['a', 'b'])");
        assert_eq!(canon("i IN (1, 2)"), "i = ANY (ARRAY[1, 2])");
        // Not the same: compared as `text` (how the engine stores `c = ANY (ARRAY['x', 'y'])`
        // on a `citext` or enum column), another cast, another operator, a non-literal element.
        assert_ne!(canon("c IN ('x','y')"), canon("((c)::text = ANY (ARRAY['x'::text, 'y'::text]))"));
        assert_ne!(canon("c IN ('x','y')"), canon("c = ANY (ARRAY['x', 'y'])"));
        assert_eq!(canon("c = ANY (ARRAY['x', 'y'])"), canon("((c)::text = ANY (ARRAY['x'::text, 'y'::text]))"));
        assert_eq!(canon("t = ANY (ARRAY['a', 'b'])"), canon("t IN ('a', 'b')"));
        assert_eq!(canon("t <> ALL (ARRAY['a'])"), "t <> ALL (ARRAY['a'])");
        assert_ne!(canon("st IN ('a','b')"), canon("((st)::text = ANY (ARRAY['a'::text, 'b'::text]))"));
        assert_ne!(canon("d IN ('2024-12-25','2025-12-25')"), canon("d = ANY (ARRAY['2024-12-25'::timestamp, '2025-12-25'::timestamp])"));
        assert_ne!(canon("c IN ('x','y')"), canon("c OPERATOR(public.=) ANY (ARRAY['x'::text, 'y'::text])"));
        assert_eq!(canon("d = ANY (ARRAY['2024-12-25', now()::date])"), "d = ANY (ARRAY['2024-12-25', now()::date])");
        assert_eq!(canon("t OPERATOR(public.=) ANY (ARRAY['a', 'b'])"), n("t OPERATOR(public.=) ANY (ARRAY['a', 'b'])"));
        assert_eq!(canon("dx IN ('a','b')"), "dx = ANY (ARRAY['a', 'b'])");
    }
}

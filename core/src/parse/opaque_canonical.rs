//! Canonical texts of the opaque objects (`opaque.rs`) that one definition can be written in
//! several ways: publications (`CREATE PUBLICATION ... FOR TABLE` or pg_dump's `CREATE` + `ALTER
//! PUBLICATION ... ADD TABLE`, options with their defaults), statistics kinds (a set), and text
//! search configuration mappings (pg_dump's one `ADD MAPPING` per token type). Equal objects get
//! equal texts, so they diff as unchanged.

use super::cursor::{Cursor, Tok};
use super::opaque::norm;
use crate::Dialect;
use sqlparser::tokenizer::Token;

/// A publication's canonical text, the same for `CREATE PUBLICATION p FOR TABLE t` and pg_dump's
/// `CREATE PUBLICATION p WITH (publish = '...')` + `ALTER PUBLICATION p ADD TABLE ONLY t`:
/// `CREATE PUBLICATION p [FOR ALL TABLES] WITH (options, defaults filled) | item | item...`
/// where items (`TABLE t ...`, `TABLES IN SCHEMA s`) are sorted.
fn publication_text(d: Dialect, name: &str, for_all: bool, items: &[String], options: &[(String, String)]) -> String {
    let mut opts: Vec<(String, String)> = options.to_vec();
    if !opts.iter().any(|(k, _)| k == "publish") {
        opts.push(("publish".into(), "'delete, insert, truncate, update'".into()));
    }
    opts.retain(|(k, v)| !(k == "publish_via_partition_root" && v == "false"));
    opts.sort();
    let opts: Vec<String> = opts.iter().map(|(k, v)| format!("{k} = {v}")).collect();
    let mut items = items.to_vec();
    items.sort();
    items.dedup();
    let _ = d;
    format!(
        "CREATE PUBLICATION {name}{} WITH ({}){}",
        if for_all { " FOR ALL TABLES" } else { "" },
        opts.join(", "),
        items.iter().map(|i| format!(" | {i}")).collect::<String>()
    )
}

/// The items of a publication list (`TABLE [ONLY] t [(cols)] [WHERE (...)], TABLES IN SCHEMA s`).
fn publication_items(d: Dialect, toks: &[Tok]) -> Vec<String> {
    let mut out = Vec::new();
    let mut mode = "TABLE";
    for part in Cursor::split_commas(toks) {
        let mut c = Cursor::new(d, part);
        if c.eat_kws(&["tables", "in", "schema"]) {
            mode = "TABLES IN SCHEMA";
        } else if c.eat_kw("table") {
            mode = "TABLE";
        }
        c.eat_kw("only");
        let rest = c.rest();
        if !rest.is_empty() {
            out.push(format!("{mode} {}", norm(d, rest).trim_end_matches(" *")));
        }
    }
    out
}

/// `WITH (k = v, ...)` of a publication: (lower-case key, normalized value; a `publish` list sorted).
fn publication_options(d: Dialect, inner: &[Tok]) -> Vec<(String, String)> {
    Cursor::split_commas(inner)
        .into_iter()
        .filter_map(|p| {
            let mut c = Cursor::new(d, p);
            let k = c.word().ok()?.value.to_lowercase();
            c.eat(&Token::Eq);
            let rest = c.rest();
            let v = match rest.first().map(|t| &t.t) {
                Some(Token::SingleQuotedString(s)) if k == "publish" => {
                    let mut ops: Vec<String> = s.split(',').map(|x| x.trim().to_lowercase()).filter(|x| !x.is_empty()).collect();
                    ops.sort();
                    format!("'{}'", ops.join(", "))
                }
                _ => norm(d, rest).to_lowercase().trim_matches('\'').to_string(),
            };
            Some((k, v))
        })
        .collect()
}

/// `CREATE PUBLICATION name [FOR ALL TABLES | FOR items] [WITH (...)]`: its canonical text.
pub(super) fn publication_create(d: Dialect, name: &str, c: &mut Cursor) -> String {
    let mut for_all = false;
    let mut items = Vec::new();
    let mut options = Vec::new();
    if c.eat_kws(&["for", "all", "tables"]) {
        for_all = true;
    } else if c.eat_kw("for") {
        let list = c.until(|c| c.is_kw("with") && c.peek_at(1) == Some(&Token::LParen));
        // `until` stops at top-level commas: take the rest of the list too.
        let mut all: Vec<Tok> = list.to_vec();
        while c.eat(&Token::Comma) {
            all.push(Tok { t: Token::Comma, line: 0, col: 0 });
            all.extend(c.until(|c| c.is_kw("with") && c.peek_at(1) == Some(&Token::LParen)).iter().cloned());
        }
        items = publication_items(d, &all);
    }
    if c.eat_kw("with") {
        if let Ok(g) = c.group() {
            options = publication_options(d, g);
        }
    }
    publication_text(d, name, for_all, &items, &options)
}

/// `ALTER PUBLICATION p ADD|DROP|SET items` applied to the canonical text (None: another
/// action, kept as an alter).
pub(super) fn publication_alter(d: Dialect, text: &str, c: &mut Cursor) -> Option<String> {
    let action = if c.eat_kw("add") {
        "add"
    } else if c.eat_kw("drop") {
        "drop"
    } else if c.is_kw("set") && c.peek_at(1) != Some(&Token::LParen) {
        c.next();
        "set"
    } else if c.eat_kw("set") {
        // `SET (options)`.
        let g = c.group().ok()?;
        let (head, items) = text.split_once(" | ").map(|(h, i)| (h, Some(i))).unwrap_or((text, None));
        let (prefix, old) = head.split_once(" WITH (")?;
        let mut opts: Vec<(String, String)> = old
            .trim_end_matches(')')
            .split(", ")
            .filter_map(|kv| kv.split_once(" = ").map(|(k, v)| (k.to_string(), v.to_string())))
            .collect();
        for (k, v) in publication_options(d, g) {
            opts.retain(|(x, _)| *x != k);
            opts.push((k, v));
        }
        let name = prefix.trim_start_matches("CREATE PUBLICATION ").trim_end_matches(" FOR ALL TABLES");
        let items: Vec<String> = items.map(|i| i.split(" | ").map(str::to_string).collect()).unwrap_or_default();
        return Some(publication_text(d, name, prefix.ends_with(" FOR ALL TABLES"), &items, &opts));
    } else {
        return None;
    };
    let new = publication_items(d, c.rest());
    let mut parts = text.split(" | ");
    let head = parts.next()?.to_string();
    let mut items: Vec<String> = parts.map(str::to_string).collect();
    match action {
        "add" => items.extend(new),
        "drop" => {
            // DROP names tables without their column lists or filters.
            items.retain(|i| !new.iter().any(|n| i == n || i.starts_with(&format!("{n} "))));
        }
        _ => items = new,
    }
    items.sort();
    items.dedup();
    Some(format!("{head}{}", items.iter().map(|i| format!(" | {i}")).collect::<String>()))
}

/// The items of the first parenthesized list sorted (`CREATE STATISTICS s (ndistinct,
/// dependencies)`: a set, which pg_dump prints in its own order).
pub(super) fn sort_first_group(text: &str) -> String {
    let Some((head, rest)) = text.split_once('(') else { return text.to_string() };
    let Some((list, tail)) = rest.split_once(')') else { return text.to_string() };
    let mut items: Vec<&str> = list.split(',').map(str::trim).collect();
    items.sort();
    format!("{head}({}){tail}", items.join(", "))
}

/// `ALTER TEXT SEARCH CONFIGURATION c ADD|ALTER|DROP MAPPING FOR t1, t2 ...` folded into the
/// configuration's text as sorted ` | MAPPING t = dictionaries` items (pg_dump writes one
/// `ADD MAPPING` per token type). None: another action.
pub(super) fn ts_mapping(d: Dialect, text: &str, c: &mut Cursor) -> Option<String> {
    let action = if c.eat_kws(&["add", "mapping", "for"]) {
        "add"
    } else if c.eat_kws(&["alter", "mapping", "for"]) {
        "alter"
    } else if c.eat_kws(&["drop", "mapping"]) {
        c.eat_kws(&["if", "exists"]);
        c.eat_kw("for");
        "drop"
    } else {
        return None;
    };
    let mut tokens = vec![c.word().ok()?.value.to_lowercase()];
    while c.eat(&Token::Comma) {
        tokens.push(c.word().ok()?.value.to_lowercase());
    }
    let dicts = if action == "drop" {
        String::new()
    } else {
        c.eat_kw("with");
        let list = c.rest();
        if list.iter().any(|t| matches!(&t.t, Token::Word(w) if w.value.eq_ignore_ascii_case("replace"))) {
            return None;
        }
        norm(d, list)
    };
    let mut parts = text.split(" | ");
    let head = parts.next()?.to_string();
    let mut items: Vec<String> = parts.map(str::to_string).collect();
    for t in &tokens {
        let prefix = format!("MAPPING {t} = ");
        items.retain(|i| !i.starts_with(&prefix));
        if action != "drop" {
            items.push(format!("{prefix}{dicts}"));
        }
    }
    items.sort();
    Some(format!("{head}{}", items.iter().map(|i| format!(" | {i}")).collect::<String>()))
}

/// A collation's canonical text, the same for `CREATE COLLATION c FROM "C"` and pg_dump's
/// `CREATE COLLATION public.c (provider = libc, locale = 'C')`: `CREATE COLLATION c (options)`,
/// sorted, `provider` filled (libc) and `deterministic = true` dropped (the defaults),
/// `lc_collate`/`lc_ctype` read as `collate`/`ctype` and the two read as `locale` when equal (as
/// pg_dump writes them). `FROM "C"` and `FROM "POSIX"` are those definitions (fixed: libc, that
/// locale); `FROM` any other collation copies the database's and stays `None`, as does a form
/// not read here (the caller keeps the statement's normalized text).
/// <https://www.postgresql.org/docs/15/sql-createcollation.html>
pub(super) fn collation_create(name: &str, c: &mut Cursor) -> Option<String> {
    let mut options: std::collections::BTreeMap<String, String> = Default::default();
    if c.eat_kw("from") {
        if c.is_kw("pg_catalog") && c.peek_at(1) == Some(&Token::Period) {
            c.pos += 2;
        }
        let locale = match c.next().map(|t| &t.t) {
            Some(Token::Word(w)) if w.quote_style == Some('"') && (w.value == "C" || w.value == "POSIX") => w.value.clone(),
            _ => return None,
        };
        options.insert("locale".into(), locale);
    } else {
        for part in Cursor::split_commas(c.group().ok()?) {
            let (key, value) = match part {
                [Tok { t: Token::Word(k), .. }, Tok { t: Token::Eq, .. }, Tok { t: v, .. }] => (k.value.to_ascii_lowercase(), v),
                _ => return None,
            };
            let value = match value {
                Token::SingleQuotedString(s) => s.clone(),
                Token::Word(w) if w.quote_style.is_none() => w.value.to_ascii_lowercase(),
                Token::Word(w) => w.value.clone(),
                Token::Number(n, _) => n.clone(),
                _ => return None,
            };
            let key = match key.as_str() {
                "lc_collate" => "collate".to_string(),
                "lc_ctype" => "ctype".to_string(),
                _ => key,
            };
            options.insert(key, value);
        }
    }
    if !c.at_end() {
        return None;
    }
    let provider = options.entry("provider".into()).or_insert_with(|| "libc".into());
    *provider = provider.to_ascii_lowercase();
    if options.get("deterministic").is_some_and(|v| matches!(v.to_ascii_lowercase().as_str(), "true" | "on" | "yes" | "1")) {
        options.remove("deterministic");
    }
    if !options.contains_key("locale") && options.contains_key("collate") && options.get("collate") == options.get("ctype") {
        let locale = options.remove("collate").unwrap_or_default();
        options.remove("ctype");
        options.insert("locale".into(), locale);
    }
    let items: Vec<String> = options.iter().map(|(k, v)| format!("{k} = '{}'", v.replace('\'', "''"))).collect();
    Some(format!("CREATE COLLATION {name} ({})", items.join(", ")))
}

/// An aggregate's canonical text: `CREATE AGGREGATE name(args) (options)` with the identity's
/// argument types (`int` read as `integer`, as pg_dump writes them), the options' keys lower-case
/// and sorted, and the state types (`STYPE`, `MSTYPE`) read as types: `(SFUNC = int4pl, STYPE =
/// int)` and pg_dump's `(SFUNC = int4pl, STYPE = integer)` are one definition. `None` for a form
/// not read here (the old `CREATE AGGREGATE name (BASETYPE = ...)`, or options not `k = v`).
pub(super) fn aggregate_create(d: Dialect, identity: &str, c: &mut Cursor) -> Option<String> {
    let group = c.group().ok()?;
    if !c.at_end() {
        return None;
    }
    let mut options: Vec<String> = Vec::new();
    for part in Cursor::split_commas(group) {
        let [Tok { t: Token::Word(k), .. }, Tok { t: Token::Eq, .. }, value @ ..] = part else { return None };
        let key = k.value.to_ascii_lowercase();
        let value = match key.as_str() {
            "stype" | "mstype" => super::types::type_from(d, value)?.to_string(),
            _ => norm(d, value),
        };
        options.push(format!("{key} = {value}"));
    }
    options.sort();
    Some(format!("CREATE AGGREGATE {identity} ({})", options.join(", ")))
}

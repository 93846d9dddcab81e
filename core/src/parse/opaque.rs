//! Objects kept whole (`model::Opaque`): `CREATE` of a kind the model does not cover field by
//! field, the `ALTER`s and `COMMENT ON` that follow it, and its `DROP`. The identity of each
//! kind is read as the engine's `DROP` names it (`OPERATOR === (integer, integer)`,
//! `CAST (a AS b)`, `RULE r ON t`, `USER MAPPING FOR u SERVER s`, `AGGREGATE a(integer)`...).

use super::cursor::{Cursor, PResult, Tok};
use super::expr::{ident_sql, normalize};
use super::names;
use super::opaque_canonical as canonical;
use super::{Outcome, State, Stmt};
use crate::model::{Opaque, QName};
use crate::Dialect;
use sqlparser::tokenizer::Token;

/// Opaque kinds per dialect, more words first.
const PG_KINDS: &[&str] = &[
    "text search configuration",
    "text search dictionary",
    "text search parser",
    "text search template",
    "foreign data wrapper",
    "foreign table",
    "user mapping",
    "operator class",
    "operator family",
    "event trigger",
    "access method",
    "collation",
    "conversion",
    "statistics",
    "publication",
    "subscription",
    "server",
    "language",
    "aggregate",
    "operator",
    "cast",
    "rule",
    "transform",
];
/// Languages every PostgreSQL database has (`plpgsql` from template1, the others built in).
const BUILT_IN_LANGUAGES: &[&str] = &["plpgsql", "sql", "c", "internal"];
const SQLITE_KINDS: &[&str] = &["virtual table"];
const MYSQL_KINDS: &[&str] = &["server", "spatial reference system"];

/// Kinds whose objects live in a schema (their key is schema-qualified).
fn schema_scoped(kind: &str) -> bool {
    matches!(
        kind,
        "text search configuration"
            | "text search dictionary"
            | "text search parser"
            | "text search template"
            | "foreign table"
            | "operator class"
            | "operator family"
            | "collation"
            | "conversion"
            | "statistics"
            | "aggregate"
            | "operator"
    )
}

fn kinds(d: Dialect) -> &'static [&'static str] {
    match d {
        Dialect::Postgres => PG_KINDS,
        Dialect::Sqlite => SQLITE_KINDS,
        Dialect::Mysql => MYSQL_KINDS,
    }
}

/// The opaque kind named at the cursor (consumed), if any.
pub fn eat_kind(c: &mut Cursor) -> Option<&'static str> {
    // `PROCEDURAL` is noise before `LANGUAGE` (CREATE, ALTER, COMMENT ON and DROP alike).
    if c.dialect == Dialect::Postgres && c.is_kw_at(0, "procedural") && c.is_kw_at(1, "language") {
        c.pos += 1;
    }
    // Only a word can start a kind: the common statements (tables, indexes) leave here at once.
    if !matches!(c.peek(), Some(Token::Word(w)) if w.quote_style.is_none()) {
        return None;
    }
    // (Kinds starting with another letter are not tried: a `CREATE TABLE` tries none.)
    let initial = match c.peek() {
        Some(Token::Word(w)) => w.value.as_bytes().first().map(u8::to_ascii_lowercase),
        _ => None,
    };
    let found = kinds(c.dialect).iter().filter(|k| k.as_bytes().first().copied() == initial).find(|k| c.is_kws_at(0, k))?;
    c.pos += found.split(' ').count();
    Some(found)
}

/// The kind at the cursor is opaque (not consumed).
pub fn is_kind(c: &Cursor) -> bool {
    let mut probe = Cursor::new(c.dialect, c.toks);
    probe.pos = c.pos;
    eat_kind(&mut probe).is_some()
}

/// Byte offset in the statement's text of token `i` (the text's end for `toks.len()`).
fn byte_at(stmt: &Stmt, i: usize) -> usize {
    let (Some(first), Some(t)) = (stmt.toks.first(), stmt.toks.get(i)) else {
        return stmt.text.len();
    };
    offset_of(stmt.text, first.line, first.col, t.line, t.col)
}

/// The statement's text from token `a` to before token `b`, as written.
pub(crate) fn written(stmt: &Stmt, a: usize, b: usize) -> String {
    let (x, y) = (byte_at(stmt, a), byte_at(stmt, b));
    stmt.text.get(x..y.max(x)).unwrap_or("").trim().trim_end_matches(';').trim_end().to_string()
}

/// Normalized text of tokens, for comparisons: `expr::normalize` (keyword case, spacing, the
/// default schema dropped, literals re-quoted), with a quoted name that needs no quotes read as
/// unquoted (pg_dump writes `"user" 'bob'` for `user 'bob'`), and option lists whose items are
/// all `name = value` sorted (pg_dump re-orders `CREATE OPERATOR`'s).
pub(super) fn norm(d: Dialect, toks: &[Tok]) -> String {
    // The default schema qualifier of an operator (`public.===`) goes like a name's, and
    // `pg_catalog.` (always first on the search path; pg_dump writes it on every built-in).
    let public_dot = |i: usize| {
        d == Dialect::Postgres
            && toks.get(i + 1).is_some_and(|t| t.t == Token::Period)
            && match toks.get(i).map(|t| &t.t) {
                Some(Token::Word(w)) if w.quote_style.is_none() && w.value.eq_ignore_ascii_case("pg_catalog") => true,
                Some(Token::Word(w)) if w.value.eq_ignore_ascii_case("public") => {
                    !matches!(toks.get(i + 2).map(|t| &t.t), Some(Token::Word(_)))
                }
                _ => false,
            }
    };
    let kept: Vec<&Tok> =
        toks.iter().enumerate().filter(|(i, _)| !(public_dot(*i) || *i > 0 && public_dot(*i - 1))).map(|(_, t)| t).collect();
    let toks: Vec<Tok> = kept
        .into_iter()
        .map(|t| match &t.t {
            Token::Word(w) if d == Dialect::Postgres && w.quote_style == Some('"') && is_plain(&w.value) => {
                let mut w = w.clone();
                w.quote_style = None;
                Tok { t: Token::Word(w), ..t.clone() }
            }
            _ => t.clone(),
        })
        .collect();
    let mut out: Vec<String> = Vec::new();
    let mut i = 0;
    let mut start = 0;
    while i < toks.len() {
        if toks[i].t == Token::LParen {
            let mut c = Cursor::new(d, &toks);
            c.pos = i;
            if let Ok(inner) = c.group() {
                let parts = Cursor::split_commas(inner);
                let options = !inner.is_empty()
                    && parts
                        .iter()
                        .all(|p| matches!((p.first().map(|t| &t.t), p.get(1).map(|t| &t.t)), (Some(Token::Word(_)), Some(Token::Eq))));
                // `OPTIONS (name 'value', ...)` of wrappers, servers, user mappings and foreign
                // tables: pg_dump prints them sorted by name.
                let generic = !inner.is_empty()
                    && parts.iter().all(|p| matches!(p, [Tok { t: Token::Word(_), .. }, Tok { t: Token::SingleQuotedString(_), .. }]));
                if options || generic {
                    out.push(normalize(d, &toks[start..i]));
                    let mut items: Vec<String> = parts.iter().map(|p| if options { option_item(d, p) } else { normalize(d, p) }).collect();
                    items.sort();
                    out.push(format!("({})", items.join(", ")));
                    start = c.pos;
                }
                i = c.pos;
                continue;
            }
        }
        i += 1;
    }
    out.push(normalize(d, &toks[start..]));
    out.retain(|s| !s.is_empty());
    out.join(" ")
}

/// One `name = value` option, normalized: a value written as a string that is a plain word
/// (`stopwords = 'english'`, as pg_dump prints it) is the word.
fn option_item(d: Dialect, p: &[Tok]) -> String {
    match p {
        [k, _, Tok { t: Token::SingleQuotedString(s), .. }] if is_plain(&s.to_lowercase()) => {
            format!("{} = {}", normalize(d, std::slice::from_ref(k)), s).to_lowercase()
        }
        _ => normalize(d, p).to_lowercase(),
    }
}

/// A name PostgreSQL folds to itself unquoted.
fn is_plain(s: &str) -> bool {
    s.chars().next().is_some_and(|c| c.is_ascii_lowercase() || c == '_')
        && s.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

/// A qualified name as key text: `schema.name` (schema-scoped kinds) or `name`.
fn key_name(d: Dialect, q: &QName, scoped: bool) -> String {
    if scoped && !q.schema.is_empty() {
        format!("{}.{}", ident_sql(d, &q.schema), ident_sql(d, &q.name))
    } else {
        ident_sql(d, &q.name)
    }
}

/// The identity of an object of `kind` at the cursor: (key name, written form for `DROP`).
/// `creating`: the cursor is in a `CREATE` (operators and rules spell their identity there
/// differently from `ALTER`/`DROP`/`COMMENT`).
fn identity(st: &State, stmt: &Stmt, c: &mut Cursor, kind: &str, creating: bool) -> PResult<(String, String)> {
    let d = st.d;
    let start = c.pos;
    match kind {
        "cast" => {
            let inner = c.group()?;
            Ok((format!("({})", norm(d, inner)), written(stmt, start, c.pos)))
        }
        "operator" => {
            let name_toks = c.until(|c| c.is(&Token::LParen));
            let opname = name_toks
                .iter()
                .filter(|t| !matches!(&t.t, Token::Word(w) if w.value.eq_ignore_ascii_case("public")))
                .filter(|t| t.t != Token::Period || name_toks.len() == 1)
                .map(|t| t.t.to_string())
                .collect::<String>();
            let written_name = written(stmt, start, c.pos);
            let inner = c.group()?;
            let (l, r) = if creating {
                let mut l = "NONE".to_string();
                let mut r = "NONE".to_string();
                for part in Cursor::split_commas(inner) {
                    let mut p = Cursor::new(d, part);
                    let is_l = p.eat_kw("leftarg");
                    let is_r = !is_l && p.eat_kw("rightarg");
                    if (is_l || is_r) && p.eat(&Token::Eq) {
                        let ty = norm(d, p.rest());
                        if is_l {
                            l = ty
                        } else {
                            r = ty
                        }
                    }
                }
                (l, r)
            } else {
                let parts = Cursor::split_commas(inner);
                let ty = |i: usize| parts.get(i).map(|p| norm(d, p)).unwrap_or_else(|| "NONE".into());
                (ty(0), ty(1))
            };
            let l = if l.eq_ignore_ascii_case("none") { "NONE".to_string() } else { l };
            let r = if r.eq_ignore_ascii_case("none") { "NONE".to_string() } else { r };
            Ok((format!("{opname} ({l}, {r})"), format!("{written_name} ({l}, {r})")))
        }
        "operator class" | "operator family" => {
            let q = c.qname()?;
            let written_name = written(stmt, start, c.pos);
            while !c.at_end() && !c.is_kw("using") {
                c.next();
            }
            c.expect_kw("using")?;
            let m = c.ident(names::Kind::Object)?;
            let m = ident_sql(d, &m);
            Ok((format!("{} USING {m}", key_name(d, &q, true)), format!("{written_name} USING {m}")))
        }
        "aggregate" => {
            let q = c.qname()?;
            let written_name = written(stmt, start, c.pos);
            let args = if c.is(&Token::LParen) { super::routines::arg_types(d, c.group()?) } else { String::new() };
            Ok((format!("{}({args})", key_name(d, &q, true)), format!("{written_name}({args})")))
        }
        "rule" => {
            let r = c.ident(names::Kind::Local)?;
            if creating {
                while !c.at_end() && !c.is_kw("to") {
                    c.next();
                }
                c.expect_kw("to")?;
            } else {
                c.expect_kw("on")?;
            }
            let t0 = c.pos;
            let t = c.qname()?;
            let t_written = written(stmt, t0, c.pos);
            Ok((format!("{} ON {}", ident_sql(d, &r), key_name(d, &t, true)), format!("{} ON {t_written}", ident_sql(d, &r))))
        }
        "user mapping" | "transform" => {
            // `FOR u SERVER s` / `FOR type LANGUAGE l`.
            let toks = c.until(|c| c.is(&Token::LParen) || c.is_kw("options") || c.is_kw("rename") || c.is_kw("owner"));
            Ok((norm(d, toks), written(stmt, start, c.pos)))
        }
        _ => {
            let q = c.qname()?;
            Ok((key_name(d, &q, schema_scoped(kind)), written(stmt, start, c.pos)))
        }
    }
}

/// The tables and views the tokens name (known so far in the schema).
fn named_relations(st: &State, toks: &[Tok]) -> Vec<QName> {
    let mut out: Vec<QName> = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        if let Token::Word(w) = &toks[i].t {
            let mut parts = vec![w.clone()];
            while i + 2 < toks.len() && toks[i + 1].t == Token::Period {
                match &toks[i + 2].t {
                    Token::Word(w2) => {
                        parts.push(w2.clone());
                        i += 2;
                    }
                    _ => break,
                }
            }
            let q = names::qname(st.d, &parts);
            if (st.schema.tables.contains_key(&q) || st.schema.views.contains_key(&q)) && !out.contains(&q) {
                out.push(q);
            }
        }
        i += 1;
    }
    out
}

/// `CREATE [OR REPLACE] <opaque kind> <identity> ...`.
pub fn create(st: &mut State, stmt: &Stmt, mut c: Cursor) -> PResult<Outcome> {
    let d = st.d;
    c.expect_kw("create")?;
    let or_replace = c.eat_kws(&["or", "replace"]);
    for m in ["default", "trusted", "procedural"] {
        c.eat_kw(m);
    }
    let Some(kind) = eat_kind(&mut c) else {
        return c.err("unsupported CREATE statement");
    };
    let if_not_exists = c.eat_kws(&["if", "not", "exists"]);
    let (name, drop_name) = identity(st, stmt, &mut c, kind, true)?;
    if kind == "language" && BUILT_IN_LANGUAGES.contains(&name.trim_matches('"')) {
        // Installed in every database: re-created or dropped, every function in it would go.
        return Ok(Outcome::Ignored(format!("CREATE LANGUAGE {name} ignored: it is installed in every database")));
    }
    // The normalized text: OR REPLACE and IF NOT EXISTS do not change what is created.
    let mut toks: Vec<Tok> = stmt.toks.to_vec();
    let skip: Vec<&str> = if or_replace { vec!["or", "replace"] } else { vec![] };
    if !skip.is_empty() {
        toks.drain(1..3);
    }
    if if_not_exists {
        if let Some(at) = toks.windows(3).position(|w| {
            ["if", "not", "exists"]
                .iter()
                .zip(w)
                .all(|(k, t)| matches!(&t.t, Token::Word(x) if x.quote_style.is_none() && x.value.eq_ignore_ascii_case(k)))
        }) {
            toks.drain(at..at + 3);
        }
    }
    let kind_upper = kind.to_ascii_uppercase();
    let drop_kind = if kind == "virtual table" { "TABLE".to_string() } else { kind_upper.clone() };
    let key = format!("{kind_upper} {name}");
    if if_not_exists && st.schema.opaque.contains_key(&key) {
        return Ok(Outcome::Ignored(format!("{kind_upper} {name} exists already (IF NOT EXISTS)")));
    }
    let text = match kind {
        "publication" => canonical::publication_create(d, &name, &mut c),
        "statistics" => canonical::sort_first_group(&norm(d, &toks)),
        "collation" => canonical::collation_create(&name, &mut c).unwrap_or_else(|| norm(d, &toks)),
        "aggregate" => canonical::aggregate_create(d, &name, &mut c).unwrap_or_else(|| norm(d, &toks)),
        // `EXECUTE PROCEDURE f()` is the old spelling; pg_dump writes `EXECUTE FUNCTION public.f()`.
        "event trigger" => {
            norm(d, &toks).replace("EXECUTE PROCEDURE ", "EXECUTE FUNCTION ").replace("EXECUTE FUNCTION public.", "EXECUTE FUNCTION ")
        }
        _ => norm(d, &toks),
    };
    let o = Opaque {
        kind: kind_upper,
        name,
        drop: format!("{drop_kind} {drop_name}"),
        sql: written(stmt, 0, stmt.toks.len()),
        text,
        alters: Vec::new(),
        comment: None,
        depends_on: named_relations(st, stmt.toks),
    };
    st.schema.opaque.insert(key, o);
    Ok(Outcome::Applied)
}

/// `ALTER <opaque kind> <identity> ...`: folded into the object (`OWNER TO` is handled before).
pub fn alter(st: &mut State, stmt: &Stmt, c: &mut Cursor) -> Option<PResult<Outcome>> {
    let start = c.pos;
    let kind = eat_kind(c)?;
    Some((|| {
        c.eat_kws(&["if", "exists"]);
        let (name, _) = identity(st, stmt, c, kind, false)?;
        let key = format!("{} {name}", kind.to_ascii_uppercase());
        // What the ALTER names counts too (pg_dump adds a publication's tables by ALTER).
        let named = named_relations(st, stmt.toks);
        let Some(o) = st.schema.opaque.get_mut(&key) else {
            c.pos = start;
            return Ok(Outcome::Ignored(format!(
                "ALTER {} {name}: the object is not created in this input, so the change cannot be diffed",
                kind.to_ascii_uppercase()
            )));
        };
        for q in named {
            if !o.depends_on.contains(&q) {
                o.depends_on.push(q);
            }
        }
        // A publication's table list and options are part of its canonical text; the
        // statement is kept to re-create it, without a normalized form of its own.
        if kind == "publication" {
            if let Some(t) = canonical::publication_alter(st.d, &o.text, c) {
                o.text = t;
                o.alters.push((written(stmt, 0, stmt.toks.len()), String::new()));
                return Ok(Outcome::Applied);
            }
        }
        if kind == "text search configuration" {
            if let Some(t) = canonical::ts_mapping(st.d, &o.text, c) {
                o.text = t;
                o.alters.push((written(stmt, 0, stmt.toks.len()), String::new()));
                return Ok(Outcome::Applied);
            }
        }
        o.alters.push((written(stmt, 0, stmt.toks.len()), norm(st.d, stmt.toks)));
        Ok(Outcome::Applied)
    })())
}

/// `COMMENT ON <opaque kind> <identity> IS ...`.
pub fn comment_on(st: &mut State, stmt: &Stmt, c: &mut Cursor) -> Option<PResult<Outcome>> {
    let kind = eat_kind(c)?;
    Some((|| {
        let (name, _) = identity(st, stmt, c, kind, false)?;
        c.expect_kw("is")?;
        let text = if c.eat_kw("null") { None } else { Some(c.string()?) };
        let key = format!("{} {name}", kind.to_ascii_uppercase());
        let Some(o) = st.schema.opaque.get_mut(&key) else {
            return Ok(Outcome::Ignored(format!("COMMENT ON {key}: not created in this input; ignored")));
        };
        o.comment = text.filter(|t| !t.is_empty()).map(|t| (written(stmt, 0, stmt.toks.len()), t));
        Ok(Outcome::Applied)
    })())
}

/// `DROP <opaque kind> [IF EXISTS] <identity>[, ...] [CASCADE | RESTRICT]`.
pub fn drop(st: &mut State, stmt: &Stmt, c: &mut Cursor) -> Option<PResult<Outcome>> {
    let kind = eat_kind(c)?;
    Some((|| {
        let if_exists = c.eat_kws(&["if", "exists"]);
        let mut missing = Vec::new();
        loop {
            let (name, _) = identity(st, stmt, c, kind, false)?;
            let key = format!("{} {name}", kind.to_ascii_uppercase());
            if st.schema.opaque.remove(&key).is_none() {
                missing.push(key);
            }
            if !c.eat(&Token::Comma) {
                break;
            }
        }
        c.eat_kw("cascade");
        c.eat_kw("restrict");
        if !missing.is_empty() {
            let list = missing.join(", ");
            return if if_exists {
                Ok(Outcome::Ignored(format!("{list} does not exist (IF EXISTS)")))
            } else {
                c.err(format!("DROP of unknown {list}"))
            };
        }
        Ok(Outcome::Applied)
    })())
}

/// SQLite: the shadow tables a virtual table keeps its data in (`sqlite3 .schema` prints them
/// as plain `CREATE TABLE`s): created and dropped with the virtual table.
pub fn sqlite_shadow_table(st: &State, name: &QName) -> Option<String> {
    const SUFFIXES: &[&str] =
        &["_data", "_idx", "_content", "_docsize", "_config", "_segments", "_segdir", "_stat", "_node", "_rowid", "_parent"];
    st.schema.opaque.values().filter(|o| o.kind == "VIRTUAL TABLE").find_map(|o| {
        let base = o.name.trim_matches('"').to_lowercase();
        SUFFIXES.iter().any(|s| name.name == format!("{base}{s}")).then_some(base)
    })
}

/// Byte offset in `text` (starting at `line`:`col` of the input) of the position `l`:`c`.
pub fn offset_of(text: &str, line: usize, col: usize, l: usize, c: usize) -> usize {
    let (mut line, mut col) = (line, col);
    for (off, ch) in text.char_indices() {
        if line == l && col == c {
            return off;
        }
        if ch == '\n' {
            line += 1;
            col = 1;
        } else {
            col += 1;
        }
    }
    text.len()
}

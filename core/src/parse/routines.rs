//! Functions, procedures, triggers and row level security policies.
//!
//! PostgreSQL routines are rebuilt into one canonical `CREATE OR REPLACE` statement (canonical
//! name, argument list, return type, language, non-default options, and the body kept exactly,
//! re-quoted with a dollar tag chosen from its content), so a pg_dump text and hand-written DDL
//! of the same function compare equal. MySQL and SQLite routines and triggers keep their
//! normalized token text. The identity of an overload is its list of input argument types.

use super::cursor::{tokenize, Cursor, PResult, Tok};
use super::mysql_routine::definer_once;
use super::names::Kind;
use super::{expr, objects, types, Outcome, State, Stmt};
use crate::model::{Function, Policy, QName, Trigger};
use crate::Dialect;
use sqlparser::tokenizer::Token;

/// The words that start a routine attribute clause (PostgreSQL `CREATE FUNCTION`/`PROCEDURE`:
/// `LANGUAGE`, `AS`, volatility, `STRICT`/`CALLED ON NULL INPUT`, `[EXTERNAL] SECURITY`,
/// `PARALLEL`, `COST`, `ROWS`, `SET`, `[NOT] LEAKPROOF`, `WINDOW`, `SUPPORT`, `TRANSFORM`, and a
/// SQL-standard body `BEGIN ATOMIC` / `RETURN`): where `RETURNS type` or a `SET` value ends, and
/// where a routine's head ends (`model::routine_head`).
pub(crate) const ROUTINE_ATTRIBUTES: &[&str] = &[
    "language",
    "as",
    "immutable",
    "stable",
    "volatile",
    "strict",
    "called",
    "external",
    "security",
    "parallel",
    "cost",
    "rows",
    "set",
    "leakproof",
    "not",
    "window",
    "support",
    "transform",
    "begin",
    "return",
];

/// Input argument types of an argument list, canonical and comma-separated.
pub fn arg_types(d: Dialect, inner: &[Tok]) -> String {
    let mut out = Vec::new();
    for part in Cursor::split_commas(inner) {
        if let Some((_, ty, input, _)) = read_arg(d, part) {
            if input {
                out.push(ty);
            }
        }
    }
    out.join(", ")
}

/// One argument: (text as written canonically, type, is an input).
fn read_arg(d: Dialect, part: &[Tok]) -> Option<(String, String, bool, Option<String>)> {
    let mut c = Cursor::new(d, part);
    let mut mode = String::new();
    for m in ["inout", "in", "out", "variadic"] {
        if c.is_kw(m) && c.toks.len() > c.pos + 1 {
            c.next();
            // `IN` is the default mode (pg_dump writes it for a procedure's arguments).
            if m != "in" {
                mode = m.to_ascii_uppercase();
            }
            break;
        }
    }
    let rest = c.rest();
    // Cut a default (`DEFAULT e` or `= e`).
    let mut end = rest.len();
    let mut default = None;
    for (i, t) in rest.iter().enumerate() {
        let is_def = matches!(&t.t, Token::Word(w) if w.quote_style.is_none() && w.value.eq_ignore_ascii_case("default"));
        if is_def || t.t == Token::Eq {
            end = i;
            default = Some(expr::normalize(d, &rest[i + 1..]));
            break;
        }
    }
    let body = &rest[..end];
    if body.is_empty() {
        return None;
    }
    let (name, ty) = match types::type_from(d, body) {
        Some(t) if body.len() == 1 || !matches!(body.get(1).map(|t| &t.t), Some(Token::Word(_))) => (None, t),
        _ => {
            let mut c = Cursor::new(d, &body[..1]);
            let n = c.ident(Kind::Local).ok()?;
            (Some(n), types::type_from(d, &body[1..])?)
        }
    };
    let mut text = String::new();
    if !mode.is_empty() {
        text.push_str(&mode);
        text.push(' ');
    }
    if let Some(n) = &name {
        text.push_str(&expr::ident_sql(d, n));
        text.push(' ');
    }
    text.push_str(&ty.to_string());
    if let Some(dv) = default {
        text.push_str(" DEFAULT ");
        text.push_str(&dv);
    }
    Some((text, ty.to_string(), mode != "OUT", name))
}

/// A routine's or table's name as canonical text: `schema.name` (MySQL: the bare name).
pub(super) fn qualified(n: &QName) -> String {
    if n.schema.is_empty() {
        expr::ident_sql(Dialect::Mysql, &n.name)
    } else {
        format!("{}.{}", expr::ident_sql(Dialect::Postgres, &n.schema), expr::ident_sql(Dialect::Postgres, &n.name))
    }
}

pub fn create_function(st: &mut State, stmt: &Stmt, mut c: Cursor, _or_replace: bool) -> PResult<Outcome> {
    let d = st.d;
    c.expect_kw("create")?;
    c.eat_kws(&["or", "replace"]);
    while !c.at_end() && !c.is_kw("function") && !c.is_kw("procedure") {
        c.next();
    }
    let procedure = c.eat_kw("procedure");
    if !procedure {
        c.expect_kw("function")?;
    }
    c.eat_kws(&["if", "not", "exists"]);
    let name = c.decl_routine()?;
    let inner = c.group()?;
    // A MySQL schema holds one function and one procedure of a name, whatever their parameters
    // (no overloading: a CREATE of the name with other parameters fails, `already exists`), so
    // the name alone is the routine's identity there: a routine whose parameters change is that
    // routine changed, not another one beside it.
    let args = if d == Dialect::Postgres { arg_types(d, inner) } else { String::new() };
    let rest_at = c.pos;
    let rest = c.rest();
    let definition = if d == Dialect::Postgres {
        pg_definition(d, procedure, &name, inner, rest)?
    } else {
        definer_once(st, stmt);
        let kw = if procedure { "PROCEDURE" } else { "FUNCTION" };
        let head = format!("CREATE {kw} {}({})", qualified(&name), expr::normalize(d, inner));
        super::mysql_routine::definition(d, stmt, rest_at, head)?
    };
    // Its tables are found against the whole schema, once every statement is read (`finish`).
    let f = Function { name, args, procedure, definition, depends_on: Vec::new(), comment: None };
    if let Some(other) = st.schema.functions.get(&f.signature()).filter(|o| o.procedure != f.procedure) {
        let kind = |p: bool| if p { "procedure" } else { "function" };
        return c.err(format!(
            "a {} and a {} both named `{}` are not supported (schemashift keys a MySQL routine by its name)",
            kind(other.procedure),
            kind(f.procedure),
            f.name
        ));
    }
    st.schema.functions.insert(f.signature(), f);
    Ok(Outcome::Applied)
}

/// PostgreSQL `ALTER FUNCTION | PROCEDURE | ROUTINE name [(args)] RENAME TO new | SET SCHEMA s`
/// (cursor at the kind). The routine is found by name and argument types (or by name alone
/// when there is one); its triggers, comments and privileges follow it, as the engine keeps them
/// by the routine's identity. Other actions (attributes, `SET` of a setting) are refused at their
/// place: the model would not carry them.
pub fn alter_routine(st: &mut State, mut c: Cursor) -> PResult<Outcome> {
    let d = st.d;
    c.next();
    let old = c.qname()?;
    let args = if c.is(&Token::LParen) { Some(arg_types(d, c.group()?)) } else { None };
    let new = if c.eat_kws(&["rename", "to"]) {
        QName::new(old.schema.clone(), c.ident(Kind::Object)?)
    } else if c.eat_kws(&["set", "schema"]) {
        QName::new(c.ident(Kind::Object)?, old.name.clone())
    } else {
        return c.err("unsupported ALTER FUNCTION action (RENAME TO and SET SCHEMA are; OWNER TO is read apart; a routine's attributes and settings are not modelled: write them in its CREATE OR REPLACE)");
    };
    if !c.at_end() {
        return c.err("unexpected text after ALTER FUNCTION ... RENAME TO / SET SCHEMA");
    }
    let found: Vec<String> = st
        .schema
        .functions
        .iter()
        .filter(|(_, f)| f.name == old && args.as_ref().is_none_or(|a| &f.args == a))
        .map(|(k, _)| k.clone())
        .collect();
    let [key] = found.as_slice() else {
        return c.err(format!(
            "routine `{old}`{} is unknown or ambiguous (give its argument types)",
            args.map(|a| format!("({a})")).unwrap_or_default()
        ));
    };
    let Some(mut f) = st.schema.functions.remove(key) else { return c.err(format!("unknown routine `{old}`")) };
    let head = |q: &QName| format!(" {}(", qualified(q));
    f.definition = f.definition.replacen(&head(&old), &head(&new), 1);
    f.name = new.clone();
    let args = f.args.clone();
    st.schema.functions.insert(f.signature(), f);
    // A trigger names its function as `create_trigger` wrote it: unqualified in `public`.
    let called = |q: &QName| {
        let n = if q.schema == "public" { expr::ident_sql(d, &q.name) } else { qualified(q) };
        format!("EXECUTE FUNCTION {n}(")
    };
    for t in st.schema.triggers.values_mut().filter(|t| t.function.as_ref() == Some(&old)) {
        t.function = Some(new.clone());
        t.definition = t.definition.replacen(&called(&old), &called(&new), 1);
    }
    use crate::model::CommentTarget as C;
    for (from, to) in [
        (C::Function { name: old.clone(), args: args.clone() }, C::Function { name: new.clone(), args: args.clone() }),
        (C::Procedure { name: old.clone(), args: args.clone() }, C::Procedure { name: new.clone(), args: args.clone() }),
    ] {
        if let Some(text) = st.schema.comments.remove(&from) {
            st.schema.comments.insert(to, text);
        }
    }
    for g in st.schema.grants.iter_mut().filter(|g| g.kind == "ROUTINE" && g.object == old && g.args.as_deref() == Some(args.as_str())) {
        g.object = new.clone();
    }
    st.schema.grants.sort();
    Ok(Outcome::Applied)
}

/// The tables and views a routine's stored definition names (`finish`: against the whole
/// schema). A definition that does not tokenize keeps none.
pub fn definition_dependencies(st: &State, definition: &str) -> Vec<QName> {
    let Ok((toks, _)) = tokenize(st.d, definition, 1, 1) else { return Vec::new() };
    // A parameter's name is not a relation the body reads (`calc(v numeric)` beside a view `v`).
    let params = param_names(st.d, &toks);
    let mut deps = body_dependencies(st, &toks);
    deps.retain(|q| !params.contains(&q.name));
    deps
}

/// The parameter names in the first parenthesized list of a routine's definition.
fn param_names(d: Dialect, toks: &[Tok]) -> Vec<String> {
    let Some(open) = toks.iter().position(|t| t.t == Token::LParen) else { return Vec::new() };
    let mut c = Cursor::new(d, &toks[open..]);
    let Ok(inner) = c.group() else { return Vec::new() };
    Cursor::split_commas(inner).into_iter().filter_map(|p| read_arg(d, p)?.3).collect()
}

/// Tables and views a routine body names (reading inside dollar-quoted or string bodies).
fn body_dependencies(st: &State, rest: &[Tok]) -> Vec<QName> {
    let mut deps = objects::dependencies(st, rest);
    for t in rest {
        let body = match &t.t {
            Token::DollarQuotedString(s) => &s.value,
            Token::SingleQuotedString(s) => s,
            _ => continue,
        };
        if let Ok((toks, _)) = tokenize(st.d, body, 1, 1) {
            for q in objects::dependencies(st, &toks) {
                if !deps.contains(&q) {
                    deps.push(q);
                }
            }
        }
    }
    deps.sort();
    deps
}

/// The canonical `CREATE OR REPLACE FUNCTION` text of a PostgreSQL routine.
fn pg_definition(d: Dialect, procedure: bool, name: &QName, inner: &[Tok], rest: &[Tok]) -> PResult<String> {
    let args: Vec<String> = Cursor::split_commas(inner).into_iter().filter_map(|p| read_arg(d, p).map(|a| a.0)).collect();
    let mut c = Cursor::new(d, rest);
    let mut returns = None;
    let mut language = None;
    let mut body = None;
    let mut opts: Vec<String> = Vec::new();
    let mut settings: Vec<String> = Vec::new();
    while !c.at_end() {
        if c.eat_kws(&["returns", "null", "on", "null", "input"]) {
            opts.push("STRICT".into());
        } else if c.eat_kw("returns") {
            let t = c.until(|c| ROUTINE_ATTRIBUTES.iter().any(|k| c.is_kw(k)));
            returns = Some(normalize_returns(d, t));
        } else if c.eat_kw("language") {
            language = Some(match c.string() {
                Ok(s) => s.to_lowercase(),
                Err(_) => c.word()?.value.to_lowercase(),
            });
        } else if c.eat_kw("as") {
            let b = c.string().or_else(|_| match c.next().map(|t| &t.t) {
                Some(Token::DollarQuotedString(s)) => Ok(s.value.clone()),
                _ => c.err("expected the function body"),
            })?;
            let mut text = dollar(&b);
            if c.eat(&Token::Comma) {
                text.push_str(", ");
                text.push_str(&expr::literal_sql(d, &c.string()?));
            }
            body = Some(format!("AS {text}"));
        } else if c.is_kw("begin") || c.is_kw("return") {
            body = Some(expr::normalize(d, c.rest()));
        } else if c.eat_kw("volatile")
            || c.eat_kws(&["called", "on", "null", "input"])
            || c.eat_kws(&["security", "invoker"])
            || c.eat_kws(&["external", "security", "invoker"])
            || c.eat_kws(&["not", "leakproof"])
        {
        } else if c.eat_kw("strict") || c.eat_kws(&["returns", "null", "on", "null", "input"]) {
            opts.push("STRICT".into());
        } else if c.eat_kw("immutable") || c.eat_kw("stable") || c.eat_kw("leakproof") || c.eat_kw("window") {
            opts.push(c.toks[c.pos - 1].t.to_string().to_ascii_uppercase());
        } else if c.eat_kws(&["security", "definer"]) || c.eat_kws(&["external", "security", "definer"]) {
            opts.push("SECURITY DEFINER".into());
        } else if c.eat_kw("parallel") {
            let w = c.word()?.value.to_ascii_uppercase();
            if w != "UNSAFE" {
                opts.push(format!("PARALLEL {w}"));
            }
        } else if c.eat_kw("cost") {
            let n = c.int()?;
            if n != 100 && !(language.as_deref() == Some("c") && n == 1) {
                opts.push(format!("COST {n}"));
            }
        } else if c.eat_kw("rows") {
            let n = c.int()?;
            if n != 1000 {
                opts.push(format!("ROWS {n}"));
            }
        } else if c.eat_kw("set") {
            let start = c.pos;
            while !c.at_end() && !ROUTINE_ATTRIBUTES.iter().any(|k| c.is_kw(k)) {
                c.next();
            }
            // Kept in written order (the engine keeps its settings list so, and so does
            // pg_dump); a parameter set again replaces its earlier setting in place.
            let setting = setting_sql(d, &rest[start..c.pos]);
            let param = |s: &str| s.split([' ', '=']).next().unwrap_or("").to_ascii_lowercase();
            match settings.iter_mut().find(|x: &&mut String| param(x) == param(&setting)) {
                Some(x) => *x = setting,
                None => settings.push(setting),
            }
        } else if c.eat_kw("support") || c.eat_kw("transform") {
            c.until(|c| ["language", "as", "set"].iter().any(|k| c.is_kw(k)));
        } else {
            return c.err("unexpected text in CREATE FUNCTION");
        }
    }
    let kw = if procedure { "PROCEDURE" } else { "FUNCTION" };
    let mut s = format!("CREATE OR REPLACE {kw} {}({})", qualified(name), args.join(", "));
    if let Some(r) = returns {
        s.push_str(&format!(" RETURNS {r}"));
    }
    s.push_str(&format!(" LANGUAGE {}", language.unwrap_or_else(|| "sql".into())));
    opts.sort();
    opts.extend(settings.into_iter().map(|x| format!("SET {x}")));
    for o in opts {
        s.push(' ');
        s.push_str(&o);
    }
    match body {
        Some(b) => {
            s.push(' ');
            s.push_str(&b);
        }
        None => return c.err("function without a body"),
    }
    Ok(s)
}

fn normalize_returns(d: Dialect, t: &[Tok]) -> String {
    let mut c = Cursor::new(d, t);
    // First: `TABLE (r int)` would read as a type named `table` with modifiers.
    if c.eat_kw("table") && c.is(&Token::LParen) {
        if let Ok(g) = c.group() {
            let cols: Vec<String> = Cursor::split_commas(g).into_iter().filter_map(|p| read_arg(d, p).map(|a| a.0)).collect();
            return format!("TABLE({})", cols.join(", "));
        }
    }
    if let Some(ty) = types::type_from(d, t) {
        return ty.to_string();
    }
    let mut c = Cursor::new(d, t);
    if c.eat_kw("setof") {
        if let Some(ty) = types::type_from(d, &t[1..]) {
            return format!("SETOF {ty}");
        }
    }
    expr::normalize(d, t)
}

/// A body as a dollar-quoted string whose tag does not occur in it.
fn dollar(body: &str) -> String {
    let mut tag = String::new();
    let mut i = 0;
    while body.contains(&format!("${tag}$")) {
        i += 1;
        tag = format!("body{i}");
    }
    format!("${tag}${body}${tag}$")
}

pub fn create_trigger(st: &mut State, stmt: &Stmt, mut c: Cursor) -> PResult<Outcome> {
    let d = st.d;
    c.expect_kw("create")?;
    c.eat_kws(&["or", "replace"]);
    let mut constraint = false;
    while !c.at_end() && !c.is_kw("trigger") {
        if c.eat_kw("temp") || c.eat_kw("temporary") {
            return Ok(Outcome::Ignored("temporary triggers are not part of the schema".into()));
        }
        constraint |= c.is_kw("constraint");
        c.next();
    }
    c.expect_kw("trigger")?;
    c.eat_kws(&["if", "not", "exists"]);
    let name_at = c.pos;
    let tname = c.qname()?;
    let name = tname.name.clone();
    let head_end = c.pos;
    // The table follows the first top-level ON.
    while !c.at_end() && !c.is_kw("on") {
        c.next();
    }
    c.expect_kw("on")?;
    let events = &stmt.toks[head_end..c.pos - 1];
    let table = c.qname()?;
    if !st.schema.tables.contains_key(&table) && !st.schema.views.contains_key(&table) {
        return c.err(format!("trigger on unknown table `{table}`"));
    }
    if d != Dialect::Postgres {
        definer_once(st, stmt);
        let definition = match d {
            // SQLite stores the statement as written (`CREATE TRIGGER` spelled so, `IF NOT
            // EXISTS` left out) and `.schema` prints it back: the text is the trigger.
            Dialect::Sqlite => {
                super::mysql_routine::trigger(d, stmt, c.pos, &name, "", "")?;
                format!("CREATE TRIGGER {}", super::verbatim::from_token(stmt, name_at))
            }
            _ => super::mysql_routine::trigger(d, stmt, c.pos, &name, &expr::normalize(d, events), &qualified(&table))?,
        };
        let trig = Trigger { name: name.clone(), table: table.clone(), definition, function: None, comment: None };
        st.schema.triggers.insert((table, name), trig);
        return Ok(Outcome::Applied);
    }
    let rest = c.rest();
    let mut tail = expr::normalize(d, rest);
    let mut function = None;
    if d == Dialect::Postgres {
        tail = tail.replace("EXECUTE PROCEDURE ", "EXECUTE FUNCTION ");
        if let Some(pos) = tail.find("EXECUTE FUNCTION ") {
            let f = crate::text::from(&tail, pos + "EXECUTE FUNCTION ".len());
            let fname = f.split('(').next().unwrap_or("").trim().to_string();
            let unq = fname.strip_prefix("public.").unwrap_or(&fname).to_string();
            let lead = f.len() - f.trim_start().len();
            tail = format!("{}EXECUTE FUNCTION {unq}{}", crate::text::upto(&tail, pos), crate::text::from(f, lead + fname.len()));
            let (s, n) = match unq.split_once('.') {
                Some((s, n)) => (s.to_string(), n.to_string()),
                None => ("public".to_string(), unq.clone()),
            };
            function = Some(QName::new(s, n.trim_matches('"').to_string()));
        }
    }
    if let Some(t) = st.schema.tables.get(&table).filter(|_| super::pg_forms::may_drop_casts(&tail)) {
        tail = row_casts_dropped(&tail, &super::constraint::column_types(&st.schema, t));
    }
    let kw = if constraint { "CREATE CONSTRAINT TRIGGER" } else { "CREATE TRIGGER" };
    let definition = format!("{kw} {} {} ON {} {tail}", expr::ident_sql(d, &name), expr::normalize(d, events), qualified(&table));
    let trig = Trigger { name: name.clone(), table: table.clone(), definition, function, comment: None };
    st.schema.triggers.insert((table, name), trig);
    Ok(Outcome::Applied)
}

/// A trigger's `WHEN` as written, not as stored: PostgreSQL stores `OLD.c IS DISTINCT FROM NEW.c`
/// on a `varchar` column `c` with the casts it resolved the operator with, `(OLD.c)::text IS
/// DISTINCT FROM (NEW.c)::text`, and pg_dump prints that. The casts of a row's column to its own
/// type (or of a character column to `text`) are dropped (`pg_forms::drop_column_casts`) after
/// the parentheses around `OLD.c`/`NEW.c` before a cast, so both compare equal.
fn row_casts_dropped(tail: &str, cols: &[(String, String)]) -> String {
    let mut text = tail.to_string();
    let mut row_cols = Vec::with_capacity(cols.len() * 2);
    for (name, ty) in cols {
        for row in ["OLD", "NEW"] {
            let col = format!("{row}.{name}");
            text = text.replace(&format!("({col})::"), &format!("{col}::"));
            row_cols.push((col, ty.clone()));
        }
    }
    super::pg_forms::drop_column_casts(&text, &row_cols)
}

/// `CREATE POLICY name ON table [AS PERMISSIVE|RESTRICTIVE] [FOR cmd] [TO roles] [USING (e)] [WITH CHECK (e)]`.
pub fn create_policy(st: &mut State, mut c: Cursor) -> PResult<Outcome> {
    let d = st.d;
    c.expect_kw("create")?;
    c.expect_kw("policy")?;
    let name = c.ident(Kind::Local)?;
    c.expect_kw("on")?;
    let table = c.qname()?;
    let mut p = Policy { name, permissive: true, command: "ALL".into(), roles: Vec::new(), using: None, with_check: None };
    while !c.at_end() {
        if c.eat_kw("as") {
            p.permissive = !c.eat_kw("restrictive");
            c.eat_kw("permissive");
        } else if c.eat_kw("for") {
            p.command = c.word()?.value.to_ascii_uppercase();
        } else if c.eat_kw("to") {
            loop {
                let w = c.word()?;
                p.roles.push(if w.quote_style.is_some() { w.value } else { w.value.to_ascii_lowercase() });
                if !c.eat(&Token::Comma) {
                    break;
                }
            }
        } else if c.eat_kw("using") {
            p.using = Some(expr::normalize(d, c.group()?));
        } else if c.eat_kws(&["with", "check"]) {
            p.with_check = Some(expr::normalize(d, c.group()?));
        } else {
            return c.err("unexpected text in CREATE POLICY");
        }
    }
    p.roles.sort();
    if p.roles == ["public"] {
        p.roles.clear();
    }
    let Some(t) = st.schema.tables.get(&table) else {
        return c.err(format!("policy on unknown table `{table}`"));
    };
    let may_drop = |e: &Option<String>| e.as_deref().is_some_and(super::pg_forms::may_drop_casts);
    let cols = if may_drop(&p.using) || may_drop(&p.with_check) { super::constraint::column_types(&st.schema, t) } else { Vec::new() };
    for e in [&mut p.using, &mut p.with_check].into_iter().flatten() {
        *e = super::pg_forms::drop_column_casts(e, &cols);
    }
    let Some(t) = st.schema.tables.get_mut(&table) else {
        return c.err(format!("policy on unknown table `{table}`"));
    };
    t.policies.retain(|x| x.name != p.name);
    t.policies.push(p);
    Ok(Outcome::Applied)
}

/// A routine's `SET name {TO | =} value[, ...]` in the engine's stored form, as pg_dump prints
/// it: `name TO 'value', ...` (each value a string, identifiers folded); `FROM CURRENT` as is.
fn setting_sql(d: Dialect, toks: &[Tok]) -> String {
    let text = || expr::normalize(d, toks);
    let (Some(Tok { t: Token::Word(name), .. }), Some(sep)) = (toks.first(), toks.get(1)) else { return text() };
    if !(sep.t == Token::Eq || matches!(&sep.t, Token::Word(w) if w.value.eq_ignore_ascii_case("to"))) {
        return text();
    }
    let mut values = Vec::new();
    for part in Cursor::split_commas(toks.get(2..).unwrap_or(&[])) {
        let v = match part {
            [Tok { t: Token::SingleQuotedString(s), .. }] => s.clone(),
            [Tok { t: Token::Word(w), .. }] if w.quote_style.is_none() => w.value.to_lowercase(),
            [Tok { t: Token::Word(w), .. }] => w.value.clone(),
            [Tok { t: Token::Number(n, _), .. }] => n.clone(),
            [Tok { t: Token::Minus, .. }, Tok { t: Token::Number(n, _), .. }] => format!("-{n}"),
            _ => return text(),
        };
        values.push(expr::literal_sql(d, &v));
    }
    if values.is_empty() {
        return text();
    }
    format!("{} TO {}", name.value.to_lowercase(), values.join(", "))
}

//! Schema objects besides tables: views and materialized views, user types (enum, composite),
//! extensions and namespaces, plus `ALTER TYPE` (domains: `domain.rs`).

use super::cursor::{Cursor, PResult, Tok};
use super::names::{self, Kind};
use super::{expr, types, Outcome, State, Stmt};
use crate::model::{EnumType, Extension, QName, UserType, View};
use crate::Dialect;
use sqlparser::tokenizer::Token;

/// `CREATE [OR REPLACE] [MATERIALIZED] VIEW [IF NOT EXISTS] name [(cols)] [WITH (...)] AS query`.
pub fn create_view(st: &mut State, stmt: &Stmt, mut c: Cursor) -> PResult<Outcome> {
    let d = st.d;
    c.expect_kw("create")?;
    let mut materialized = false;
    // MySQL `ALGORITHM=` and `SQL SECURITY` other than the defaults (UNDEFINED, DEFINER): the
    // engine keeps them, so they are part of the view.
    let mut head_options = Vec::new();
    while !c.at_end() && !c.is_kw("view") {
        if c.eat_kw("materialized") {
            materialized = true;
        } else if d == crate::Dialect::Mysql && c.eat_kws(&["sql", "security"]) {
            let who = c.word()?.value.to_ascii_uppercase();
            if who != "DEFINER" {
                head_options.push(format!("SQL SECURITY {who}"));
            }
        } else if d == crate::Dialect::Mysql && c.eat_kw("algorithm") {
            c.eat(&Token::Eq);
            let how = c.word()?.value.to_ascii_uppercase();
            if how != "UNDEFINED" {
                head_options.push(format!("ALGORITHM={how}"));
            }
        } else if c.eat_kw("temp") || c.eat_kw("temporary") {
            return Ok(Outcome::Ignored("temporary views are not part of the schema".into()));
        } else {
            c.next();
        }
    }
    c.expect_kw("view")?;
    let if_not_exists = c.eat_kws(&["if", "not", "exists"]);
    let (name, written) = c.decl_qname_spelled()?;
    if if_not_exists && st.schema.views.contains_key(&name) {
        return Ok(Outcome::Ignored(format!("view `{name}` already exists (IF NOT EXISTS)")));
    }
    let columns = if c.is(&Token::LParen) { c.ident_list(Kind::Local)? } else { Vec::new() };
    let mut options = head_options;
    let mut check = None;
    let mut storage = crate::model::RelStorage::default();
    if d == crate::Dialect::Postgres {
        if materialized {
            storage.access_method = st.pg_defaults.access_method.clone();
            storage.tablespace = st.pg_defaults.tablespace.clone();
        }
        if c.eat_kw("using") {
            storage.access_method = super::storage::access_method(&mut c)?;
        }
        if c.eat_kw("with") {
            let p = super::storage::params(&mut c)?;
            super::storage::set_view_params(&mut options, &mut check, p, false);
        }
        if c.eat_kw("tablespace") {
            storage.tablespace = super::storage::tablespace(&mut c)?;
        }
    } else if c.eat_kw("with") {
        let g = c.group()?;
        for part in Cursor::split_commas(g) {
            options.push(expr::normalize(d, part).replace(" = ", "="));
        }
    }
    c.expect_kw("as")?;
    let body_at = c.pos;
    let mut body = c.rest();
    // Trailing `WITH [CASCADED|LOCAL] CHECK OPTION` / `WITH [NO] DATA`.
    let n = body.len();
    let kw = |t: &Tok, k: &str| matches!(&t.t, Token::Word(w) if w.quote_style.is_none() && w.value.eq_ignore_ascii_case(k));
    if n >= 3 && kw(&body[n - 2], "check") && kw(&body[n - 1], "option") {
        let mut cut = n - 2;
        let mut level = "CASCADED";
        if cut >= 1 && (kw(&body[cut - 1], "cascaded") || kw(&body[cut - 1], "local")) {
            if kw(&body[cut - 1], "local") {
                level = "LOCAL";
            }
            cut -= 1;
        }
        if cut >= 1 && kw(&body[cut - 1], "with") {
            cut -= 1;
        }
        check = Some(level.to_string());
        body = &body[..cut];
    } else if n >= 2 && kw(&body[n - 1], "data") && kw(&body[n - 2], "with") {
        body = &body[..n - 2];
    } else if n >= 3 && kw(&body[n - 1], "data") && kw(&body[n - 2], "no") && kw(&body[n - 3], "with") {
        body = &body[..n - 3];
    }
    if body.is_empty() {
        return c.err("expected the view's query");
    }
    super::complete::check(body, (body[0].line, body[0].col), "view body")?;
    let local;
    let read = if d == Dialect::Mysql {
        local = without_database(st, body);
        &local[..]
    } else {
        body
    };
    let depends_on = dependencies(st, read);
    let expanded;
    let read = match (d, star_columns(st, read, &depends_on)) {
        (Dialect::Postgres, Some(v)) => {
            expanded = v;
            &expanded[..]
        }
        _ => read,
    };
    let definition = expr::normalize_view(d, &unqualify(st, read, &depends_on));
    let source = match d {
        Dialect::Postgres => None,
        _ => {
            super::mysql_routine::definer_once(st, stmt);
            // Only the query: a trailing `WITH ... CHECK OPTION` is rendered from the model.
            Some(super::verbatim::tokens(stmt, body_at, body_at + body.len()))
        }
    };
    let view = View {
        name: name.clone(),
        spelled: (d == crate::Dialect::Sqlite && written != name.name).then_some(written),
        materialized,
        columns,
        definition,
        options,
        depends_on,
        comment: None,
        with_check_option: check,
        indexes: Vec::new(),
        column_defaults: Default::default(),
        column_comments: Default::default(),
        column_storage: Default::default(),
        storage,
        source: crate::model::AsWritten(source),
    };
    st.schema.views.insert(name, view);
    Ok(Outcome::Applied)
}

/// PostgreSQL: `SELECT * FROM t` (one table, no joins) with the `*` written out as `t`'s
/// columns, as the engine stores the view (its columns are fixed when it is created, and
/// pg_dump prints them). `None` for any other query.
fn star_columns(st: &State, body: &[Tok], deps: &[QName]) -> Option<Vec<Tok>> {
    let kw = |t: Option<&Tok>, k: &str| t.is_some_and(|t| super::complete::is_word(&t.t, k));
    let [dep] = deps else { return None };
    let table = st.schema.tables.get(dep)?;
    if !kw(body.first(), "select") || body.get(1).map(|t| &t.t) != Some(&Token::Mul) || !kw(body.get(2), "from") {
        return None;
    }
    let plain = body.iter().all(|t| !matches!(t.t, Token::LParen | Token::Comma) && !kw(Some(t), "join"));
    if !plain || table.columns.is_empty() {
        return None;
    }
    let at = &body[1];
    let mut out = vec![body[0].clone()];
    for (i, col) in table.columns.iter().enumerate() {
        if i > 0 {
            out.push(Tok { t: Token::Comma, ..at.clone() });
        }
        let w = sqlparser::tokenizer::Word {
            value: col.name.clone(),
            quote_style: Some('"'),
            keyword: sqlparser::keywords::Keyword::NoKeyword,
        };
        out.push(Tok { t: Token::Word(w), ..at.clone() });
    }
    out.extend(body[2..].iter().cloned());
    Some(out)
}

/// A view query without the qualifiers PostgreSQL adds when it prints a stored view: the
/// default schema (`public.users`) and, when the query reads a single relation without joins,
/// that relation's name before its columns (`users.id`).
fn unqualify(st: &State, body: &[Tok], deps: &[QName]) -> Vec<Tok> {
    let word = |t: Option<&Tok>, v: &str| matches!(t.map(|t| &t.t), Some(Token::Word(w)) if w.value.eq_ignore_ascii_case(v));
    // The query's own FROMs: at the top level, not `IS DISTINCT FROM` (`EXTRACT(y FROM x)` and
    // subqueries are inside parentheses).
    let mut depth = 0i32;
    let mut froms = 0;
    for (i, t) in body.iter().enumerate() {
        match t.t {
            Token::LParen => depth += 1,
            Token::RParen => depth -= 1,
            _ if depth == 0 && word(Some(t), "from") && !(i > 0 && word(body.get(i - 1), "distinct")) => froms += 1,
            _ => {}
        }
    }
    let joins = body.iter().any(|t| word(Some(t), "join"));
    let single = if deps.len() == 1 && froms == 1 && !joins { Some(deps[0].name.as_str()) } else { None };
    let mut out = Vec::with_capacity(body.len());
    let mut i = 0;
    while i < body.len() {
        let next_is_dot = body.get(i + 1).map(|t| t.t == Token::Period).unwrap_or(false);
        if next_is_dot {
            if let Token::Word(w) = &body[i].t {
                let folded = names::fold(st.d, Kind::Object, w);
                let default = st.d == Dialect::Postgres && folded == "public";
                let after_from = i > 0 && (word(body.get(i - 1), "from") || word(body.get(i - 1), "join"));
                if default || (single == Some(folded.as_str()) && !after_from) {
                    i += 2;
                    continue;
                }
            }
        }
        // A relation's alias `FROM users AS u` is `FROM users u`, as PostgreSQL and MySQL
        // print it.
        if word(Some(&body[i]), "as") && out.len() >= 2 && matches!(body.get(i + 1).map(|t| &t.t), Some(Token::Word(_))) {
            let rel = match out.last().map(|t: &Tok| &t.t) {
                Some(Token::Word(w)) => {
                    let q = names::qname(st.d, std::slice::from_ref(w));
                    st.schema.tables.contains_key(&q) || st.schema.views.contains_key(&q)
                }
                _ => false,
            };
            let before = &out[out.len() - 2];
            let placed = word(Some(before), "from") || word(Some(before), "join") || matches!(before.t, Token::LParen | Token::Comma);
            if rel && placed {
                i += 1;
                continue;
            }
        }
        // `x AS x` (MySQL prints every output column so) is `x`.
        if word(Some(&body[i]), "as") {
            if let (Some(Token::Word(prev)), Some(Token::Word(next))) = (out.last().map(|t: &Tok| &t.t), body.get(i + 1).map(|t| &t.t)) {
                let same = names::fold(st.d, Kind::Local, prev) == names::fold(st.d, Kind::Local, next);
                let dotted = body.get(i + 2).map(|t| t.t == Token::Period).unwrap_or(false);
                if same && !dotted {
                    i += 2;
                    continue;
                }
            }
        }
        out.push(body[i].clone());
        i += 1;
    }
    out
}

/// MySQL: a view's query without the database that qualifies the schema's own tables and views
/// (`db.t` read as a table, `db.t.c` as a column): the model has one database, whose name it
/// does not know, and MariaDB and MySQL print such a view without it.
fn without_database(st: &State, body: &[Tok]) -> Vec<Tok> {
    let word = |i: usize| match body.get(i).map(|t| &t.t) {
        Some(Token::Word(w)) => Some(w),
        _ => None,
    };
    let dot = |i: usize| body.get(i).is_some_and(|t| t.t == Token::Period);
    let relation = |w: &sqlparser::tokenizer::Word| {
        let q = QName::new("", names::fold(st.d, Kind::Object, w));
        st.schema.tables.contains_key(&q) || st.schema.views.contains_key(&q)
    };
    let mut out = Vec::with_capacity(body.len());
    let mut i = 0;
    while i < body.len() {
        if let (Some(db), true, Some(rel)) = (word(i), dot(i + 1), word(i + 2)) {
            let placed = i == 0
                || matches!(body[i - 1].t, Token::Comma | Token::LParen)
                || ["from", "join"].iter().any(|k| super::complete::is_word(&body[i - 1].t, k));
            let qualified = i >= 1 && dot(i - 1);
            if !qualified && !relation(db) && relation(rel) && (dot(i + 3) || placed) {
                i += 2;
                continue;
            }
        }
        out.push(body[i].clone());
        i += 1;
    }
    out
}

/// Tables and views named after FROM / JOIN (or anywhere) that exist in the schema.
pub fn dependencies(st: &State, body: &[Tok]) -> Vec<crate::model::QName> {
    let mut out: Vec<QName> = Vec::new();
    let mut i = 0;
    while i < body.len() {
        if let Token::Word(_) = &body[i].t {
            let mut parts = Vec::new();
            let mut j = i;
            while let Some(Token::Word(w)) = body.get(j).map(|t| &t.t) {
                parts.push(w.clone());
                if body.get(j + 1).map(|t| &t.t) == Some(&Token::Period) {
                    j += 2;
                } else {
                    break;
                }
            }
            let q = names::qname(st.d, &parts);
            if (st.schema.tables.contains_key(&q) || st.schema.views.contains_key(&q)) && !out.contains(&q) {
                out.push(q);
            }
            i = j + 1;
        } else {
            i += 1;
        }
    }
    out.sort();
    out
}

/// `CREATE TYPE name AS ENUM (...)` / `AS (attr type, ...)`.
pub fn create_type(st: &mut State, mut c: Cursor) -> PResult<Outcome> {
    let d = st.d;
    c.expect_kw("create")?;
    c.expect_kw("type")?;
    let name = c.decl_qname()?;
    if c.at_end() {
        return Ok(Outcome::Ignored("shell type declaration".into()));
    }
    if st.d == Dialect::Postgres && c.is(&Token::LParen) {
        // A base type needs C input/output functions created between its shell type and
        // itself: an order no step plan here can prove on an engine, so it is refused by name.
        return c.err("base types (`CREATE TYPE name (INPUT = ..., OUTPUT = ...)`, C functions) are not supported: create them outside the migration (they usually come with an extension)");
    }
    c.expect_kw("as")?;
    if st.d == Dialect::Postgres && c.eat_kw("range") {
        return super::range_type::create_range(st, name, c);
    }
    let ut = if c.eat_kw("enum") {
        let g = c.group()?;
        let mut values = Vec::new();
        for part in Cursor::split_commas(g) {
            if part.is_empty() {
                continue;
            }
            values.push(Cursor::new(d, part).string()?);
        }
        UserType::Enum(EnumType { name: name.clone(), values, comment: None })
    } else if c.is(&Token::LParen) {
        let g = c.group()?;
        let mut attributes = Vec::new();
        for part in Cursor::split_commas(g) {
            let mut a = Cursor::new(d, part);
            let n = a.ident(Kind::Local)?;
            let t = types::read_type(&mut a)?;
            let collation = super::composite::collation(&mut a)?;
            if !a.at_end() {
                return a.err("unexpected text after the attribute's type (expected `,` or COLLATE)");
            }
            attributes.push(crate::model::Attribute { name: n, data_type: t.data_type, collation });
        }
        UserType::Composite { name: name.clone(), attributes, comment: None }
    } else {
        return c.err("expected ENUM, RANGE or the attributes of a composite type");
    };
    st.schema.types.insert(name, ut);
    Ok(Outcome::Applied)
}

/// `CREATE EXTENSION [IF NOT EXISTS] name [WITH] [SCHEMA s] [VERSION v] [CASCADE]`.
pub fn create_extension(st: &mut State, mut c: Cursor) -> PResult<Outcome> {
    c.expect_kw("create")?;
    c.expect_kw("extension")?;
    c.eat_kws(&["if", "not", "exists"]);
    let name = c.ident(Kind::Object)?;
    if name == "plpgsql" {
        // Installed in every database (template1) and left out of dumps: modelling it would make
        // one side that states it create it in up and drop it, with every PL/pgSQL function, in down.
        return Ok(Outcome::Ignored("CREATE EXTENSION plpgsql ignored: PL/pgSQL is installed in every database".into()));
    }
    let mut ext = Extension { name: name.clone(), schema: None, version: None };
    c.eat_kw("with");
    while !c.at_end() {
        if c.eat_kw("schema") {
            ext.schema = Some(c.ident(Kind::Object)?).filter(|s| s != "public");
        } else if c.eat_kw("version") {
            // Not kept: dumps never state it, so it cannot be compared.
            if c.string().is_err() {
                c.word()?;
            }
        } else if c.eat_kw("cascade") {
        } else {
            return c.err("unexpected text in CREATE EXTENSION");
        }
    }
    st.schema.extensions.insert(name, ext);
    Ok(Outcome::Applied)
}

/// `CREATE SCHEMA [IF NOT EXISTS] name [AUTHORIZATION role]` (MySQL: a database, ignored).
pub fn create_schema(st: &mut State, mut c: Cursor) -> PResult<Outcome> {
    if st.d != Dialect::Postgres {
        return Ok(Outcome::Ignored("CREATE SCHEMA creates a database; ignored".into()));
    }
    c.expect_kw("create")?;
    c.expect_kw("schema")?;
    c.eat_kws(&["if", "not", "exists"]);
    if c.eat_kw("authorization") {
        let n = c.ident(Kind::Object)?;
        st.schema.namespaces.insert(n);
        return Ok(Outcome::Applied);
    }
    let n = c.decl_object(Kind::Object)?;
    if n != "public" {
        st.schema.namespaces.insert(n);
    }
    Ok(Outcome::Applied)
}

/// `ALTER TYPE name ADD VALUE [IF NOT EXISTS] 'v' [BEFORE|AFTER 'w']`, `RENAME VALUE`, `RENAME TO`.
pub fn alter_type(st: &mut State, mut c: Cursor) -> PResult<Outcome> {
    let name = c.qname()?;
    if st.d == Dialect::Postgres && super::composite::is_attribute_action(&c) {
        return super::composite::alter_attributes(st, &name, c);
    }
    let Some(ut) = st.schema.types.get_mut(&name) else {
        return c.err(format!("unknown type `{name}`"));
    };
    if c.eat_kws(&["add", "value"]) {
        let ine = c.eat_kws(&["if", "not", "exists"]);
        let v = c.string()?;
        let UserType::Enum(e) = ut else { return c.err("ADD VALUE on a type that is not an enum") };
        if e.values.contains(&v) {
            return if ine {
                Ok(Outcome::Ignored("enum value exists (IF NOT EXISTS)".into()))
            } else {
                c.err(format!("enum value `{v}` exists"))
            };
        }
        let at = if c.eat_kw("before") {
            let w = c.string()?;
            e.values.iter().position(|x| *x == w)
        } else if c.eat_kw("after") {
            let w = c.string()?;
            e.values.iter().position(|x| *x == w).map(|p| p + 1)
        } else {
            None
        };
        match at {
            Some(p) => e.values.insert(p, v),
            None => e.values.push(v),
        }
        return Ok(Outcome::Applied);
    }
    if c.eat_kws(&["rename", "value"]) {
        let old = c.string()?;
        c.expect_kw("to")?;
        let new = c.string()?;
        if let UserType::Enum(e) = ut {
            e.values.iter_mut().filter(|x| **x == old).for_each(|x| *x = new.clone());
        }
        super::history_renames::value(st, &name, &old, &new);
        // A column default of the value follows it (PostgreSQL keeps the value's identity).
        let (was, now) = (expr::literal_sql(st.d, &old), expr::literal_sql(st.d, &new));
        for t in st.schema.tables.values_mut() {
            for col in t.columns.iter_mut().filter(|k| k.data_type.user_defined && crate::diff::type_names_match(&k.data_type.base, &name))
            {
                if col.default.as_deref() == Some(was.as_str()) {
                    col.default = Some(now.clone());
                }
            }
        }
        return Ok(Outcome::Applied);
    }
    if c.eat_kws(&["rename", "to"]) {
        let new = QName::new(name.schema.clone(), c.ident(Kind::Object)?);
        move_type(st, &name, new);
        return Ok(Outcome::Applied);
    }
    if c.eat_kws(&["set", "schema"]) {
        let new = QName::new(c.ident(Kind::Object)?, name.name.clone());
        move_type(st, &name, new);
        return Ok(Outcome::Applied);
    }
    c.err("unsupported ALTER TYPE action")
}

/// A user type renamed or moved to another schema: the columns of the type follow it.
pub(super) fn move_type(st: &mut State, name: &QName, new: QName) {
    let Some(mut ut) = st.schema.types.remove(name) else { return };
    match &mut ut {
        UserType::Enum(e) => e.name = new.clone(),
        UserType::Domain(d) => d.name = new.clone(),
        UserType::Composite { name, .. } => *name = new.clone(),
        UserType::Range(r) => r.name = new.clone(),
    }
    st.schema.types.insert(new.clone(), ut);
    for v in st.schema.renamed_values.iter_mut().filter(|v| v.ty == *name) {
        v.ty = new.clone();
    }
    let (old_sql, new_sql) = (type_sql(st.d, name), type_sql(st.d, &new));
    for t in st.schema.tables.values_mut() {
        for col in t.columns.iter_mut().filter(|c| c.data_type.user_defined && c.data_type.base == old_sql) {
            col.data_type.base = new_sql.clone();
        }
    }
}

/// A user type's name as `DataType::base` spells it (see `types`).
fn type_sql(d: Dialect, q: &QName) -> String {
    let name = expr::ident_sql(d, &q.name);
    if q.schema.is_empty() || q.schema == names::default_schema(d) {
        name
    } else {
        format!("{}.{name}", expr::ident_sql(d, &q.schema))
    }
}

#[cfg(test)]
mod view_head_tests {
    use crate::model::QName;
    use crate::parse::parse;
    use crate::Dialect;

    #[test]
    fn mysql_view_security_and_algorithm_other_than_the_defaults_are_kept() {
        let p = parse(
            Dialect::Mysql,
            "CREATE TABLE t (a int);
CREATE ALGORITHM=MERGE DEFINER=`root`@`localhost` SQL SECURITY INVOKER VIEW v1 AS SELECT a FROM t;
CREATE ALGORITHM=UNDEFINED DEFINER=`root`@`localhost` SQL SECURITY DEFINER VIEW v2 AS SELECT a FROM t;",
        );
        assert!(p.diagnostics.iter().all(|x| !x.is_error()), "{:#?}", p.diagnostics);
        let opts = |n: &str| p.schema.views[&QName::new("", n)].options.clone();
        assert_eq!(opts("v1"), ["ALGORITHM=MERGE", "SQL SECURITY INVOKER"]);
        assert!(opts("v2").is_empty());
    }
}

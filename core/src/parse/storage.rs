//! PostgreSQL storage clauses: storage parameters (`WITH (...)`, `SET (...)`, `RESET (...)`,
//! toast.* included) in one canonical `key=value` form, column `STORAGE`, `COMPRESSION`,
//! `SET STATISTICS` and attribute options, and the table actions `SET LOGGED`/`UNLOGGED`,
//! `SET TABLESPACE`, `SET ACCESS METHOD`, `CLUSTER ON`, `SET WITHOUT CLUSTER`.

use super::cursor::{Cursor, PResult};
use super::names::Kind;
use crate::model::{default_storage, set_option, Column, Index, Table};
use sqlparser::tokenizer::Token;

/// The session settings that give a new relation its tablespace and access method.
#[derive(Clone, Default)]
pub struct SessionDefaults {
    pub tablespace: Option<String>,
    pub access_method: Option<String>,
}

/// `SET [SESSION|LOCAL] default_tablespace | default_table_access_method {=|TO} value`: kept in
/// the parse state. `false` when the statement sets something else.
pub fn session_setting(c: &mut Cursor, defaults: &mut SessionDefaults) -> PResult<bool> {
    if !c.eat_kw("set") {
        return Ok(false);
    }
    let _ = c.eat_kw("session") || c.eat_kw("local");
    let tablespace = c.is_kw("default_tablespace");
    if !tablespace && !c.is_kw("default_table_access_method") {
        return Ok(false);
    }
    c.next();
    if !c.eat(&Token::Eq) {
        c.expect_kw("to")?;
    }
    let value = match c.next().map(|t| &t.t) {
        Some(Token::SingleQuotedString(s)) => s.clone(),
        Some(Token::Word(w)) if w.quote_style.is_none() && w.value.eq_ignore_ascii_case("default") => String::new(),
        Some(Token::Word(w)) => super::names::fold(c.dialect, Kind::Object, w),
        _ => return c.err("expected a value"),
    };
    let value = Some(value).filter(|v| !v.is_empty());
    if tablespace {
        defaults.tablespace = value.filter(|v| v != "pg_default");
    } else {
        defaults.access_method = value.filter(|v| v != "heap");
    }
    Ok(c.at_end())
}

/// Primary keys and unique constraints just added get the session's default tablespace for
/// their index when they name none (pg_dump sets `default_tablespace` before them).
pub fn default_constraint_tablespace(constraints: &mut [crate::model::Constraint], defaults: &SessionDefaults) {
    use crate::model::ConstraintKind;
    for k in constraints.iter_mut().filter(|k| matches!(k.kind, ConstraintKind::PrimaryKey { .. } | ConstraintKind::Unique { .. })) {
        if k.index.tablespace.is_none() {
            k.index.tablespace = defaults.tablespace.clone();
        }
    }
}

/// One parameter of a `( key [= value], ... )` list: key lowercase (dotted for `toast.`),
/// value canonical (`None` for a bare key, which means `true` in a SET and the key in a RESET).
pub fn params(c: &mut Cursor) -> PResult<Vec<(String, Option<String>)>> {
    let d = c.dialect;
    let g = c.group()?;
    let mut out = Vec::new();
    for part in Cursor::split_commas(g) {
        let mut p = Cursor::new(d, part);
        let mut key = p.ident(Kind::Local)?.to_ascii_lowercase();
        while p.eat(&Token::Period) {
            key = format!("{key}.{}", p.ident(Kind::Local)?.to_ascii_lowercase());
        }
        let value = if p.eat(&Token::Eq) {
            let v = value_text(&mut p)?;
            Some(v)
        } else {
            None
        };
        if !p.at_end() {
            return p.err("unexpected text in a storage parameter");
        }
        out.push((key, value));
    }
    Ok(out)
}

/// A parameter value as the catalog shows it (`reloptions`): words lowercase, literals without
/// their quotes. Quoted back when rendered if it is not a plain word or number.
fn value_text(p: &mut Cursor) -> PResult<String> {
    let mut v = String::new();
    while let Some(t) = p.next() {
        match &t.t {
            Token::Word(w) if w.quote_style.is_none() => v.push_str(&w.value.to_ascii_lowercase()),
            Token::Word(w) => v.push_str(&w.value),
            Token::SingleQuotedString(s) => v.push_str(s),
            Token::Number(n, _) => v.push_str(n),
            Token::Minus => v.push('-'),
            Token::Plus => {}
            Token::Period => v.push('.'),
            _ => return p.err("unexpected text in a storage parameter value"),
        }
    }
    if v.is_empty() {
        return p.err("expected a storage parameter value");
    }
    Ok(v)
}

/// `key=value` as SQL: the value bare when it is a word or number, else a quoted literal.
pub fn param_sql(key: &str, value: &str) -> String {
    let plain = !value.is_empty() && value.chars().all(|ch| ch.is_ascii_alphanumeric() || matches!(ch, '_' | '.' | '-'));
    if plain {
        format!("{key}={value}")
    } else {
        format!("{key}={}", crate::quote::literal(crate::Dialect::Postgres, value))
    }
}

/// Apply `SET (...)` (or a `WITH (...)` list) to a sorted `key=value` list.
pub fn set_params(list: &mut Vec<String>, params: Vec<(String, Option<String>)>) {
    for (k, v) in params {
        let v = v.unwrap_or_else(|| "true".into());
        // `WITH (oids=false)` is accepted for old dumps and stores nothing.
        if k == "oids" && v == "false" {
            continue;
        }
        let sql = param_sql(&k, &v);
        let value = crate::text::from(&sql, k.len() + 1).to_string();
        set_option(list, &k, Some(&value));
    }
}

/// Apply `RESET (...)`.
pub fn reset_params(list: &mut Vec<String>, params: Vec<(String, Option<String>)>) {
    for (k, _) in params {
        set_option(list, &k, None);
    }
}

/// `WITH (...)` / `SET (...)` (or `RESET (...)` when `reset`) of an index: `Index.with` holds
/// the sorted `key=value` list joined by `, `.
pub fn set_index_params(ix: &mut Index, params: Vec<(String, Option<String>)>, reset: bool) {
    ix.with = with_params(ix.with.as_deref(), params, reset);
}

/// An index's `with` text after a `SET (...)` (or `RESET (...)`).
pub fn with_params(with: Option<&str>, params: Vec<(String, Option<String>)>, reset: bool) -> Option<String> {
    let mut list: Vec<String> = with.map(|w| w.split(", ").map(str::to_string).collect()).unwrap_or_default();
    if reset {
        reset_params(&mut list, params);
    } else {
        set_params(&mut list, params);
    }
    Some(list.join(", ")).filter(|w| !w.is_empty())
}

/// `ALTER INDEX i SET (...) | RESET (...) | SET TABLESPACE t` (cursor after the name).
pub fn index_action(c: &mut Cursor, ix: &mut Index) -> PResult<bool> {
    if c.is_kw("set") && c.peek_at(1) == Some(&Token::LParen) {
        c.next();
        let p = params(c)?;
        set_index_params(ix, p, false);
    } else if c.is_kw("reset") && c.peek_at(1) == Some(&Token::LParen) {
        c.next();
        let p = params(c)?;
        set_index_params(ix, p, true);
    } else if c.eat_kws(&["set", "tablespace"]) {
        ix.tablespace = tablespace(c)?;
    } else {
        return Ok(false);
    }
    Ok(c.at_end())
}

/// A view's `WITH (...)`, `SET (...)` or `RESET (...)` (`reset`): `check_option` is the view's
/// check option (as `WITH LOCAL CHECK OPTION` sets it), the rest are its parameters.
pub fn set_view_params(options: &mut Vec<String>, check: &mut Option<String>, params: Vec<(String, Option<String>)>, reset: bool) {
    let (co, rest): (Vec<_>, Vec<_>) = params.into_iter().partition(|(k, _)| k == "check_option");
    if let Some((_, v)) = co.into_iter().last() {
        *check = if reset { None } else { v.map(|v| v.to_ascii_uppercase()) };
    }
    if reset {
        reset_params(options, rest);
    } else {
        set_params(options, rest);
    }
}

/// `STORAGE mode` of a column: `None` when it is the type's default (or `DEFAULT`).
pub fn storage_mode(c: &mut Cursor, col: &Column) -> PResult<Option<String>> {
    let w = c.word()?.value.to_ascii_uppercase();
    if !["PLAIN", "EXTERNAL", "EXTENDED", "MAIN", "DEFAULT"].contains(&w.as_str()) {
        c.pos -= 1;
        return c.err("expected PLAIN, EXTERNAL, EXTENDED, MAIN or DEFAULT after STORAGE");
    }
    Ok(Some(w).filter(|w| w != "DEFAULT" && Some(w.as_str()) != default_storage(&col.data_type)))
}

/// `COMPRESSION method` of a column: `None` for `default`.
pub fn compression(c: &mut Cursor) -> PResult<Option<String>> {
    let w = c.word()?.value.to_ascii_lowercase();
    Ok(Some(w).filter(|w| w != "default"))
}

/// After a type change the engine gives the column its new type's default storage.
pub fn type_changed(col: &mut Column) {
    col.storage.storage = None;
}

/// `ALTER COLUMN c SET STORAGE | SET COMPRESSION | SET STATISTICS | SET (...) | RESET (...)`,
/// with the cursor after the column name. `false` when the action is none of these.
pub fn column_action(c: &mut Cursor, col: &mut Column) -> PResult<bool> {
    if c.eat_kws(&["set", "storage"]) {
        col.storage.storage = storage_mode(c, col)?;
    } else if c.eat_kws(&["set", "compression"]) {
        col.storage.compression = compression(c)?;
    } else if c.eat_kws(&["set", "statistics"]) {
        col.storage.statistics = if c.eat_kw("default") { None } else { Some(c.int()?).filter(|n| *n >= 0) };
    } else if c.is_kw("set") && c.peek_at(1) == Some(&Token::LParen) {
        c.next();
        let p = params(c)?;
        set_params(&mut col.storage.options, p);
    } else if c.is_kw("reset") && c.peek_at(1) == Some(&Token::LParen) {
        c.next();
        let p = params(c)?;
        reset_params(&mut col.storage.options, p);
    } else {
        return Ok(false);
    }
    Ok(true)
}

/// Canonical tablespace: `pg_default` is the database default, `None`.
pub fn tablespace(c: &mut Cursor) -> PResult<Option<String>> {
    let t = c.ident(Kind::Object)?;
    Ok(Some(t).filter(|t| t != "pg_default"))
}

/// Canonical table access method: `heap` is the default, `None`.
pub fn access_method(c: &mut Cursor) -> PResult<Option<String>> {
    let m = c.ident(Kind::Object)?;
    Ok(Some(m).filter(|m| m != "heap"))
}

/// The storage actions of `ALTER TABLE` (cursor at the action). `false` when it is none of them.
pub fn table_action(c: &mut Cursor, table: &mut Table) -> PResult<bool> {
    let o = &mut table.options;
    if c.is_kw("set") && c.peek_at(1) == Some(&Token::LParen) {
        c.next();
        let p = params(c)?;
        set_params(&mut o.other, p);
    } else if c.is_kw("reset") && c.peek_at(1) == Some(&Token::LParen) {
        c.next();
        let p = params(c)?;
        reset_params(&mut o.other, p);
    } else if c.eat_kws(&["set", "logged"]) {
        o.unlogged = false;
    } else if c.eat_kws(&["set", "unlogged"]) {
        o.unlogged = true;
    } else if c.eat_kws(&["set", "tablespace"]) {
        o.tablespace = tablespace(c)?;
        c.eat_kw("nowait");
    } else if c.eat_kws(&["set", "access", "method"]) {
        o.access_method = access_method(c)?;
    } else if c.eat_kws(&["cluster", "on"]) {
        o.cluster_on = Some(c.ident(Kind::Local)?);
    } else if c.eat_kws(&["set", "without", "cluster"]) {
        o.cluster_on = None;
    } else if c.eat_kws(&["set", "without", "oids"]) {
    } else {
        return Ok(false);
    }
    Ok(true)
}

#[cfg(test)]
mod tests {
    use crate::model::QName;
    use crate::parse::parse;
    use crate::{generate, Dialect, Options};

    fn table(sql: &str) -> crate::model::Table {
        let p = parse(Dialect::Postgres, sql);
        assert!(p.diagnostics.iter().all(|d| !d.is_error()), "{:#?}", p.diagnostics);
        p.schema.tables[&QName::new("public", "t")].clone()
    }

    #[test]
    fn with_and_alter_set_reset_make_one_list() {
        let a = table("CREATE TABLE t (id int) WITH (FillFactor = 70, autovacuum_enabled);");
        let b = table("CREATE TABLE t (id int) WITH (fillfactor=90); ALTER TABLE t SET (autovacuum_enabled = 'true', fillfactor = 70);");
        assert_eq!(a.options.other, vec!["autovacuum_enabled=true", "fillfactor=70"]);
        assert_eq!(a, b);
        let c = table("CREATE TABLE t (id int) WITH (fillfactor=70, toast.autovacuum_enabled=off); ALTER TABLE t RESET (fillfactor);");
        assert_eq!(c.options.other, vec!["toast.autovacuum_enabled=off"]);
    }

    #[test]
    fn column_storage_defaults_are_not_stored() {
        let a = table("CREATE TABLE t (id int STORAGE PLAIN, c text COMPRESSION default); ALTER TABLE t ALTER COLUMN c SET STORAGE EXTENDED, ALTER COLUMN id SET STATISTICS -1;");
        assert_eq!(a, table("CREATE TABLE t (id int, c text);"));
        let b = table(
            "CREATE TABLE t (id int, c text); ALTER TABLE t ALTER COLUMN c SET STORAGE external, ALTER COLUMN c SET (n_distinct = -0.5);",
        );
        let s = &b.columns[1].storage;
        assert_eq!((s.storage.as_deref(), s.options.clone()), (Some("EXTERNAL"), vec!["n_distinct=-0.5".to_string()]));
        // A type change gives the column its new type's default storage.
        let c = table(
            "CREATE TABLE t (id int, c text); ALTER TABLE t ALTER COLUMN c SET STORAGE MAIN; ALTER TABLE t ALTER COLUMN c TYPE varchar(9);",
        );
        assert_eq!(c.columns[1].storage.storage, None);
    }

    #[test]
    fn table_actions_change_the_model() {
        let t = table("CREATE UNLOGGED TABLE t (id int) USING heap TABLESPACE pg_default; CREATE INDEX i ON t (id); ALTER TABLE t SET LOGGED, CLUSTER ON i, SET TABLESPACE space2;");
        assert!(!t.options.unlogged);
        assert_eq!(
            (t.options.cluster_on.as_deref(), t.options.tablespace.as_deref(), t.options.access_method.as_deref()),
            (Some("i"), Some("space2"), None)
        );
    }

    #[test]
    fn session_defaults_and_constraint_indexes() {
        let a = table("SET default_tablespace = space2;\nSET default_table_access_method = heap2;\nCREATE TABLE t (id int);\nALTER TABLE ONLY t ADD CONSTRAINT t_pkey PRIMARY KEY (id);\nSET default_tablespace = '';\nALTER INDEX t_pkey SET (fillfactor = 70);");
        assert_eq!((a.options.tablespace.as_deref(), a.options.access_method.as_deref()), (Some("space2"), Some("heap2")));
        let k = &a.constraints[0].index;
        assert_eq!((k.tablespace.as_deref(), k.with.as_deref()), (Some("space2"), Some("fillfactor=70")));
        let b = table("CREATE TABLE t (id int, CONSTRAINT t_pkey PRIMARY KEY (id) WITH (fillfactor = 70) USING INDEX TABLESPACE space2) USING heap2 TABLESPACE space2;");
        assert_eq!(a, b);
    }

    #[test]
    fn sequence_minvalue_above_old_start_states_start_and_moves_the_value() {
        let m = generate(
            "CREATE SEQUENCE sq AS smallint MINVALUE 5 START 5 CACHE 10 CYCLE;",
            "CREATE UNLOGGED SEQUENCE sq AS integer MINVALUE 10 START 10;",
            &Options::new(Dialect::Postgres),
        );
        let up = m.up_sql();
        assert!(up.contains("IF (SELECT last_value < 10 FROM \"public\".\"sq\") THEN"), "{up}");
        assert!(up.contains("MINVALUE 10 NO MAXVALUE START WITH 10 CACHE 1 NO CYCLE RESTART WITH 10;"), "{up}");
        assert!(!up.contains("ELSIF"), "only the minimum narrows: {up}");
        assert!(up.contains("SET UNLOGGED"), "{up}");
        assert!(m.down_sql().contains("SET LOGGED"));
    }
}

//! MySQL/MariaDB and SQLite routine and trigger heads, read into a canonical form, with the body
//! after them kept as written (`verbatim`): the engine stores the body byte for byte, and
//! `mariadb-dump` prints it back so, under a head of its own spelling (`DEFINER=`,
//! `RETURNS int(11)`, one characteristic a line).

use super::cursor::{Cursor, PResult, Tok};
use super::{expr, types, verbatim, State, Stmt};
use crate::{Diagnostic, Dialect};
use sqlparser::tokenizer::Token;

/// `head [RETURNS type] [characteristic...] body`: the canonical head, the characteristics
/// that differ from the engine's defaults in a fixed order, then the body as written.
/// `rest_at` is the index of the first token after the parameter list.
pub fn definition(d: Dialect, stmt: &Stmt, rest_at: usize, head: String) -> PResult<String> {
    let mut c = Cursor::new(d, stmt.toks);
    c.pos = rest_at;
    let mut out = head;
    if c.eat_kw("returns") {
        let from = c.pos;
        while !c.at_end() && !characteristic_start(&c) && !body_start(&c) {
            if c.is(&Token::LParen) {
                c.group()?;
            } else {
                c.next();
            }
        }
        let ty = without_server_charset(c.toks.get(from..c.pos).unwrap_or(&[]));
        let ty = ty.as_slice();
        let text = types::type_from(d, ty).map(|t| t.to_string()).unwrap_or_else(|| expr::normalize(d, ty));
        if text.is_empty() {
            return c.err("expected the type after RETURNS");
        }
        out.push_str(&format!(" RETURNS {text}"));
    }
    let mut chars: Vec<String> = Vec::new();
    let mut comment = None;
    while !c.at_end() && characteristic_start(&c) {
        if c.eat_kws(&["language", "sql"])
            || c.eat_kws(&["not", "deterministic"])
            || c.eat_kws(&["contains", "sql"])
            || c.eat_kws(&["sql", "security", "definer"])
        {
            // The defaults.
        } else if c.eat_kw("deterministic") {
            chars.push("DETERMINISTIC".into());
        } else if c.eat_kws(&["no", "sql"]) {
            chars.push("NO SQL".into());
        } else if c.eat_kws(&["reads", "sql", "data"]) {
            chars.push("READS SQL DATA".into());
        } else if c.eat_kws(&["modifies", "sql", "data"]) {
            chars.push("MODIFIES SQL DATA".into());
        } else if c.eat_kws(&["sql", "security", "invoker"]) {
            chars.push("SQL SECURITY INVOKER".into());
        } else if c.eat_kw("comment") {
            let text = c.string()?;
            comment = Some(text).filter(|t| !t.is_empty());
        } else {
            return c.err("unexpected routine characteristic");
        }
    }
    if c.at_end() {
        return c.err("routine without a body");
    }
    chars.sort();
    chars.dedup();
    if let Some(t) = comment {
        chars.push(format!("COMMENT {}", expr::literal_sql(d, &t)));
    }
    for ch in chars {
        out.push(' ');
        out.push_str(&ch);
    }
    out.push('\n');
    out.push_str(&verbatim::from_token(stmt, c.pos));
    Ok(out)
}

/// A `RETURNS` type without `CHARSET cs COLLATE cs_default` (or `CHARSET cs` alone, the same):
/// what `mariadb-dump` adds to every string type, from the database's defaults (the model
/// leaves them to the server).
fn without_server_charset(ty: &[Tok]) -> Vec<Tok> {
    let kw = |t: Option<&Tok>, k: &str| matches!(t.map(|t| &t.t), Some(Token::Word(w)) if w.quote_style.is_none() && w.value.eq_ignore_ascii_case(k));
    let word = |t: Option<&Tok>| match t.map(|t| &t.t) {
        Some(Token::Word(w)) => Some(w.value.to_ascii_lowercase()),
        _ => None,
    };
    let mut out = Vec::with_capacity(ty.len());
    let mut i = 0;
    while i < ty.len() {
        let cs_len = if kw(ty.get(i), "charset") {
            1
        } else if kw(ty.get(i), "character") && kw(ty.get(i + 1), "set") {
            2
        } else {
            0
        };
        if cs_len > 0 {
            let cs = word(ty.get(i + cs_len)).map(|c| super::table_options::charset_name(&c));
            let coll = if kw(ty.get(i + cs_len + 1), "collate") { word(ty.get(i + cs_len + 2)) } else { None };
            if let Some(cs) = cs {
                let default = super::table_options::default_collation(&cs);
                match coll {
                    Some(coll) if default == Some(coll.as_str()) => {
                        i += cs_len + 3;
                        continue;
                    }
                    // `CHARSET cs` alone is `cs` with its default collation, as the server
                    // stores it and `mariadb-dump` prints it.
                    None if default.is_some() => {
                        i += cs_len + 1;
                        continue;
                    }
                    _ => {}
                }
            }
        }
        if let Some(t) = ty.get(i) {
            out.push(t.clone());
        }
        i += 1;
    }
    out
}

/// A routine characteristic starts here (MySQL `CREATE FUNCTION` / `PROCEDURE`).
fn characteristic_start(c: &Cursor) -> bool {
    ["language", "deterministic", "contains", "reads", "modifies", "comment"].iter().any(|k| c.is_kw(k))
        || (c.is_kw("not") && c.is_kw_at(1, "deterministic"))
        || (c.is_kw("no") && c.is_kw_at(1, "sql"))
        || (c.is_kw("sql") && c.is_kw_at(1, "security"))
}

/// The body surely starts here, ending a `RETURNS` type: a statement keyword (`RETURN`, `BEGIN`,
/// ...) or a label `name:`.
fn body_start(c: &Cursor) -> bool {
    if characteristic_start(c) {
        return false;
    }
    match c.peek() {
        Some(Token::Word(_)) => {
            [
                "return", "begin", "select", "set", "update", "insert", "delete", "declare", "if", "case", "while", "loop", "repeat",
                "call", "do", "replace", "with", "values", "leave", "iterate", "signal", "resignal", "prepare", "execute", "truncate",
                "create", "drop", "alter", "start", "commit", "rollback", "lock", "unlock", "open", "close", "fetch", "for", "get",
            ]
            .iter()
            .any(|k| c.is_kw(k))
                || matches!(c.toks.get(c.pos + 1).map(|t| &t.t), Some(Token::Colon))
        }
        _ => false,
    }
}

/// `DEFINER = account` is left to the engine: every object is created with the account that
/// runs the migration as its definer, like an owner without `--owners` (said once per input).
pub fn definer_once(st: &mut State, stmt: &Stmt) {
    let Some(t) =
        stmt.toks.iter().find(|t| matches!(&t.t, Token::Word(w) if w.quote_style.is_none() && w.value.eq_ignore_ascii_case("definer")))
    else {
        return;
    };
    // `SQL SECURITY DEFINER` is a characteristic, not an account.
    let at = stmt.toks.iter().position(|x| std::ptr::eq(x, t)).unwrap_or(0);
    if !matches!(stmt.toks.get(at + 1).map(|t| &t.t), Some(Token::Eq)) {
        return;
    }
    if st.noted.contains(&"definer") {
        return;
    }
    st.noted.push("definer");
    st.diags.push(Diagnostic::ignored(
        t.line,
        t.col,
        "DEFINER = account is not migrated: views, routines, triggers and events are created with the account that runs the migration as definer (this notice is given once per input)",
    ));
}

/// A MySQL or SQLite trigger from the token after `ON table` (at `at`): the canonical head
/// `CREATE TRIGGER name events ON table ...`, then the body as written. MySQL: `FOR EACH ROW
/// [FOLLOWS|PRECEDES other] body`. SQLite: `[FOR EACH ROW] [WHEN expr] BEGIN ... END`.
pub fn trigger(d: Dialect, stmt: &Stmt, at: usize, name: &str, events: &str, table: &str) -> PResult<String> {
    let mut c = Cursor::new(d, stmt.toks);
    c.pos = at;
    let mut head = format!("CREATE TRIGGER {} {events} ON {table}", expr::ident_sql(d, name));
    let each_row = c.eat_kws(&["for", "each", "row"]);
    if d == Dialect::Mysql {
        if !each_row {
            return c.err("expected FOR EACH ROW");
        }
        head.push_str(" FOR EACH ROW");
        for k in ["follows", "precedes"] {
            if c.eat_kw(k) {
                let other = c.ident(super::names::Kind::Local)?;
                head.push_str(&format!(" {} {}", k.to_ascii_uppercase(), expr::ident_sql(d, &other)));
            }
        }
    } else {
        if c.eat_kw("when") {
            let when = c.until(|c| c.is_kw("begin"));
            if when.is_empty() {
                return c.err("expected an expression after WHEN");
            }
            head.push_str(&format!(" WHEN {}", expr::normalize(d, when)));
        }
        if !c.is_kw("begin") {
            return c.err("expected BEGIN");
        }
    }
    if c.at_end() {
        return c.err("trigger without a body");
    }
    Ok(format!("{head}\n{}", verbatim::from_token(stmt, c.pos)))
}

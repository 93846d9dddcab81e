//! `COMMENT ON ... IS '...'` (PostgreSQL): comments are stored on the object when the model has
//! a field for them, otherwise in `Schema::comments` under their typed `CommentTarget`.

use super::cursor::{Cursor, PResult};
use super::names::Kind;
use super::{Outcome, State};
use crate::model::{CommentTarget, UserType};
use sqlparser::tokenizer::Token;

pub fn comment_on(st: &mut State, mut c: Cursor) -> PResult<Outcome> {
    c.expect_kw("comment")?;
    c.expect_kw("on")?;
    let kinds: &[&[&str]] = &[
        &["materialized", "view"],
        &["table"],
        &["column"],
        &["view"],
        &["index"],
        &["constraint"],
        &["function"],
        &["procedure"],
        &["type"],
        &["domain"],
        &["sequence"],
        &["schema"],
        &["extension"],
        &["trigger"],
        &["policy"],
    ];
    let Some(kind) = kinds.iter().find(|k| c.eat_kws(k)) else {
        return Ok(Outcome::Ignored("COMMENT ON an object the model does not hold; ignored".into()));
    };
    let kind = kind.join(" ");
    let d = st.d;
    // The target.
    let mut parts = vec![c.word()?];
    while c.eat(&Token::Period) {
        parts.push(c.word()?);
    }
    let mut on_table = None;
    let mut on_domain = false;
    let mut args = None;
    if kind == "constraint" || kind == "trigger" || kind == "policy" {
        c.expect_kw("on")?;
        on_domain = kind == "constraint" && c.eat_kw("domain");
        on_table = Some(c.qname()?);
    }
    if (kind == "function" || kind == "procedure") && c.is(&Token::LParen) {
        args = Some(super::routines::arg_types(d, c.group()?));
    }
    c.expect_kw("is")?;
    let text = if c.eat_kw("null") { None } else { Some(c.string()?) };
    let text = text.filter(|t| !t.is_empty());
    if !c.at_end() {
        return c.err("unexpected text after COMMENT");
    }
    if kind == "extension" {
        return Ok(Outcome::Ignored("comments on extensions come with the extension (pg_dump repeats them); ignored".into()));
    }
    let obj = super::names::qname(d, &parts);
    let sch = &mut st.schema;
    match kind.as_str() {
        "table" => match sch.tables.get_mut(&obj) {
            Some(t) => t.comment = text,
            None => return c.err(format!("COMMENT ON unknown table `{obj}`")),
        },
        "column" => {
            let col_word = parts.pop().ok_or_else(|| c.error("expected table.column"))?;
            let table = super::names::qname(d, &parts);
            let col = super::names::fold(d, Kind::Local, &col_word);
            if let Some(mut t) = sch.tables.remove(&table) {
                // A column the table only inherits takes a comment of its own.
                if t.column(&col).is_none() {
                    super::table_family::inherit_columns(sch, &mut t);
                }
                sch.tables.insert(table.clone(), t);
            }
            let target = sch.tables.get_mut(&table).and_then(|t| t.column_mut(&col));
            match (target, sch.views.get_mut(&table)) {
                (Some(k), _) => k.comment = text,
                (None, Some(v)) => super::view_columns::comment(v, col, text),
                (None, None) => return c.err(format!("COMMENT ON unknown column `{table}.{col}`")),
            }
        }
        "view" | "materialized view" => match sch.views.get_mut(&obj) {
            Some(v) if kind == "view" => v.comment = text,
            Some(_) => set(&mut sch.comments, CommentTarget::MaterializedView(obj), text),
            None => return c.err(format!("COMMENT ON unknown view `{obj}`")),
        },
        "type" | "domain" => match sch.types.get_mut(&obj) {
            Some(UserType::Enum(e)) => e.comment = text,
            Some(UserType::Domain(dm)) => dm.comment = text,
            Some(UserType::Composite { comment, .. }) => *comment = text,
            Some(UserType::Range(r)) => r.comment = text,
            None => return c.err(format!("COMMENT ON unknown type `{obj}`")),
        },
        "sequence" => match sch.sequences.get_mut(&obj) {
            Some(s) => s.comment = text,
            None => return c.err(format!("COMMENT ON unknown sequence `{obj}`")),
        },
        "function" | "procedure" => {
            let prefix = format!("{obj}(");
            let f = sch.functions.iter_mut().find(|(k, f)| k.starts_with(&prefix) && args.as_ref().map(|a| *a == f.args).unwrap_or(true));
            match f {
                Some((_, f)) => f.comment = text,
                None => return c.err(format!("COMMENT ON unknown function `{obj}`")),
            }
        }
        "trigger" => {
            let key = (on_table.clone().unwrap_or_default(), obj.name.clone());
            match sch.triggers.get_mut(&key) {
                Some(t) => t.comment = text,
                None => return c.err(format!("COMMENT ON unknown trigger `{}`", obj.name)),
            }
        }
        "constraint" | "policy" => {
            let t = on_table.unwrap_or_default();
            let n = super::names::fold(d, Kind::Local, parts.last().ok_or_else(|| c.error("expected a name"))?);
            let key = if kind == "policy" {
                CommentTarget::Policy { name: n, table: t }
            } else if on_domain {
                match sch.types.get(&t) {
                    Some(crate::model::UserType::Domain(dm)) if dm.checks.iter().any(|(cn, _)| *cn == n) => {}
                    _ => return c.err(format!("COMMENT ON unknown constraint `{n}` of domain `{t}`")),
                }
                CommentTarget::DomainConstraint { name: n, domain: t }
            } else {
                CommentTarget::Constraint { name: n, table: t }
            };
            set(&mut sch.comments, key, text);
        }
        "index" => set(&mut sch.comments, CommentTarget::Index(obj), text),
        "schema" => {
            let n = super::names::fold(d, Kind::Object, parts.last().ok_or_else(|| c.error("expected a name"))?);
            set(&mut sch.comments, CommentTarget::Schema(n), text);
        }
        _ => return Ok(Outcome::Ignored("COMMENT ON an object the model does not hold; ignored".into())),
    }
    Ok(Outcome::Applied)
}

fn set(map: &mut std::collections::BTreeMap<CommentTarget, String>, key: CommentTarget, text: Option<String>) {
    match text {
        Some(t) => {
            map.insert(key, t);
        }
        None => {
            map.remove(&key);
        }
    }
}

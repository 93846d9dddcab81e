//! `DROP` of every object kind, applied to the schema in order. Dropping something that is not
//! there is an error unless `IF EXISTS` says otherwise (then it is ignored, as mysqldump's
//! `DROP TABLE IF EXISTS` before each `CREATE TABLE`).

use super::cursor::{Cursor, PResult};
use super::names::Kind;
use super::{Outcome, State};
use crate::model::{ConstraintKind, QName};
use sqlparser::tokenizer::Token;

pub fn drop(st: &mut State, mut c: Cursor) -> PResult<Outcome> {
    c.expect_kw("drop")?;
    c.eat_kw("temporary");
    let kind = if c.eat_kws(&["materialized", "view"]) {
        "materialized view"
    } else {
        const KINDS: &[&str] = &[
            "table",
            "view",
            "index",
            "type",
            "domain",
            "sequence",
            "extension",
            "schema",
            "function",
            "procedure",
            "trigger",
            "policy",
            "database",
            "role",
            "user",
            "owned",
            "aggregate",
            "operator",
            "cast",
            "publication",
            "subscription",
            "server",
            "event",
            "rule",
            "collation",
            "language",
            "statistics",
            "tablespace",
        ];
        let kinds = KINDS;
        match kinds.iter().find(|k| c.is_kw(k)) {
            Some(k) => {
                c.next();
                k
            }
            None => return c.err("unsupported DROP statement"),
        }
    };
    if matches!(kind, "database" | "role" | "user" | "owned" | "tablespace" | "publication" | "subscription" | "server") {
        return Ok(Outcome::Ignored(format!("DROP {} is not a schema change; ignored", kind.to_ascii_uppercase())));
    }
    c.eat_kw("concurrently");
    let if_exists = c.eat_kws(&["if", "exists"]);
    let mut missing = Vec::new();
    loop {
        let name = c.qname()?;
        let found = match kind {
            "table" => drop_table(st, &name),
            "view" | "materialized view" => st.schema.views.remove(&name).is_some(),
            "index" => {
                let on = if c.eat_kw("on") { Some(c.qname()?) } else { None };
                drop_index(st, &name, on.as_ref())
            }
            "type" | "domain" => st.schema.types.remove(&name).is_some(),
            "sequence" => {
                // A rename of it in the history ends here: a later sequence of the name is another.
                super::history_renames::dropped_table(st, &name);
                st.schema.sequences.remove(&name).is_some()
            }
            "event" if st.d == crate::Dialect::Mysql => st.schema.events.remove(&name).is_some(),
            "extension" => st.schema.extensions.remove(&name.name).is_some(),
            "schema" => st.schema.namespaces.remove(&name.name),
            "function" | "procedure" => {
                let args = if c.is(&Token::LParen) { Some(super::routines::arg_types(st.d, c.group()?)) } else { None };
                let prefix = format!("{name}(");
                let before = st.schema.functions.len();
                // MySQL keeps functions and procedures apart: `DROP PROCEDURE p` leaves a function `p`.
                let other_kind = |f: &crate::model::Function| st.d != crate::Dialect::Postgres && f.procedure != (kind == "procedure");
                st.schema
                    .functions
                    .retain(|k, f| other_kind(f) || !(k.starts_with(&prefix) && args.as_ref().map(|a| *a == f.args).unwrap_or(true)));
                st.schema.functions.len() != before
            }
            "trigger" | "policy" => {
                let table = if c.eat_kw("on") { Some(c.qname()?) } else { None };
                if kind == "trigger" {
                    let before = st.schema.triggers.len();
                    st.schema.triggers.retain(|(t, n), _| !(n == &name.name && table.as_ref().map(|x| x == t).unwrap_or(true)));
                    st.schema.triggers.len() != before
                } else {
                    match table.and_then(|t| st.schema.tables.get_mut(&t)) {
                        Some(t) => {
                            let before = t.policies.len();
                            t.policies.retain(|p| p.name != name.name);
                            t.policies.len() != before
                        }
                        None => false,
                    }
                }
            }
            _ => return Ok(Outcome::Ignored(format!("DROP {} of an object the model does not hold; ignored", kind.to_ascii_uppercase()))),
        };
        if !found {
            missing.push(name.to_string());
        }
        if !c.eat(&Token::Comma) {
            break;
        }
    }
    let _ = c.eat_kw("cascade") || c.eat_kw("restrict");
    if !c.at_end() {
        return c.err("unexpected text after DROP");
    }
    if !missing.is_empty() {
        if if_exists {
            return Ok(Outcome::Ignored(format!("{kind} {} does not exist (IF EXISTS)", missing.join(", "))));
        }
        return c.err(format!("DROP {kind} of unknown {}", missing.join(", ")));
    }
    let _ = Kind::Local;
    Ok(Outcome::Applied)
}

fn drop_table(st: &mut State, name: &QName) -> bool {
    if st.schema.tables.remove(name).is_none() {
        return false;
    }
    super::history_renames::dropped_table(st, name);
    // Sequences owned by the table's columns go with it, as do its triggers.
    st.schema.sequences.retain(|_, s| s.owned_by.as_ref().map(|(t, _)| t != name).unwrap_or(true));
    st.schema.triggers.retain(|(t, _), _| t != name);
    true
}

fn drop_index(st: &mut State, name: &QName, on: Option<&QName>) -> bool {
    // MySQL and SQLite compare index names case-insensitively.
    let st_d_ci = st.d != crate::Dialect::Postgres;
    for t in st.schema.tables.values_mut() {
        if let Some(on) = on {
            if &t.name != on {
                continue;
            }
        } else if t.name.schema != name.schema && !st_d_ci {
            continue;
        }
        let before = t.indexes.len();
        let same = |a: &str| if st_d_ci { a.eq_ignore_ascii_case(&name.name) } else { a == name.name };
        t.indexes.retain(|i| !same(&i.name));
        if t.indexes.len() != before {
            // The table is no longer clustered on it.
            if t.options.cluster_on.as_deref().is_some_and(same) {
                t.options.cluster_on = None;
            }
            return true;
        }
        // MySQL: DROP INDEX also drops a unique key.
        let before = t.constraints.len();
        t.constraints.retain(|k| {
            !(k.name.as_deref().map(same).unwrap_or(false)
                && matches!(k.kind, ConstraintKind::Unique { .. } | ConstraintKind::PrimaryKey { .. }))
        });
        if t.constraints.len() != before {
            return true;
        }
    }
    false
}

//! What renaming a column or a table does to the SQL of other parts and objects that name it,
//! as each engine does it (the model must hold what the engine holds after a history):
//! - PostgreSQL keeps expressions as parse trees: a `CHECK`, an index's expressions and
//!   predicate, a generated column, a policy, the partition key, a trigger's `UPDATE OF` and
//!   `WHEN`, and views follow both renames; a view keeps its output column names (pg_dump prints
//!   `title AS name`) (<https://www.postgresql.org/docs/15/sql-altertable.html>, checked on 15).
//! - SQLite rewrites the stored text of the table's `CHECK`s, indexes, generated columns, and of
//!   views and triggers (<https://www.sqlite.org/lang_altertable.html#altertabrename>): a
//!   renamed table is written quoted (`"items"`), a renamed column as the name was written; a
//!   view's column takes the new name.
//! - MariaDB rewrites the table's `CHECK`s, generated columns and functional indexes (MySQL 8.0
//!   refuses the rename instead), moves triggers to the new table name, and leaves views and
//!   trigger bodies as written (a view then fails until replaced, as on the engine).
//!
//! References are found by their tokens: a name not followed by `(` (a function) or preceded by
//! `::` (a type), unqualified or qualified by the table (or an alias of it in a view). An
//! unqualified name in a view reading several relations is rewritten only when no other of them
//! has a column of that name; a view reading a view it cannot see into is left as it is.

use super::cursor::{tokenize, Tok};
use super::expr::ident_sql;
use super::names::{fold, Kind};
use super::State;
use crate::model::{ConstraintKind, QName, Table};
use crate::Dialect;
use sqlparser::tokenizer::{Token, Word};

/// The table's own expressions after column `old` became `new`.
pub fn column_in_table(d: Dialect, table: &mut Table, old: &str, new: &str) {
    let own = [table.name.name.clone()];
    let fix = |text: &mut String| {
        if let Some(t) = splice(d, text, |toks, i| column_ref(d, toks, i, old, &own).then(|| ident_sql(d, new))) {
            *text = t;
        }
    };
    for k in &mut table.constraints {
        match &mut k.kind {
            ConstraintKind::Check { expr, .. } => fix(expr),
            ConstraintKind::Exclude { definition } if d == Dialect::Postgres => fix(definition),
            _ => {}
        }
    }
    for ix in &mut table.indexes {
        ix.elems.iter_mut().filter(|e| e.is_expr).for_each(|e| fix(&mut e.expr));
        ix.include.iter_mut().filter(|x| *x == old).for_each(|x| *x = new.to_string());
        if let Some(p) = &mut ix.predicate {
            fix(p);
        }
    }
    for col in &mut table.columns {
        if let Some(g) = &mut col.generated {
            fix(&mut g.expr);
        }
    }
    if d == Dialect::Postgres {
        for p in &mut table.policies {
            // A subquery may name another table's column of the same name: left as written.
            for e in [&mut p.using, &mut p.with_check].into_iter().flatten() {
                if !has_word(d, e, "select") {
                    fix(e);
                }
            }
        }
        if let Some(p) = &mut table.options.partition_by {
            fix(p);
        }
    }
}

/// Triggers, views and privileges after column `old` of `table` became `new` (the table
/// itself is not in `st.schema.tables` while its `ALTER TABLE` runs).
pub fn column_elsewhere(st: &mut State, table: &QName, old: &str, new: &str) {
    let d = st.d;
    if d == Dialect::Mysql {
        return;
    }
    for ((t, _), trig) in st.schema.triggers.iter_mut() {
        if t == table {
            if let Some(text) =
                splice(d, &trig.definition, |toks, i| trigger_column(d, toks, i, old).then(|| column_text(d, &toks[i], new)))
            {
                trig.definition = text;
            }
        }
    }
    // A view's unqualified `old` is ambiguous when another relation it reads may have it too.
    let others: Vec<(QName, bool)> = st
        .schema
        .views
        .values()
        .filter(|v| v.depends_on.contains(table))
        .map(|v| {
            let ambiguous =
                v.depends_on.iter().any(|dep| dep != table && st.schema.tables.get(dep).is_none_or(|t| t.column(old).is_some()));
            (v.name.clone(), ambiguous)
        })
        .collect();
    for (name, ambiguous) in others {
        let Some(view) = st.schema.views.get_mut(&name) else { continue };
        let quals = qualifiers(d, &view.definition, table);
        let keep_name = d == Dialect::Postgres;
        let pick = |verbatim: bool| {
            let quals = &quals;
            move |toks: &[Tok], i: usize| {
                let qualified = i >= 2 && toks[i - 1].t == Token::Period;
                if ambiguous && !qualified {
                    return None;
                }
                if !column_ref(d, toks, i, old, quals) {
                    return None;
                }
                let text = if verbatim { column_text(d, &toks[i], new) } else { ident_sql(d, new) };
                Some(if keep_name && bare_select_item(toks, i) { format!("{text} AS {}", ident_sql(d, old)) } else { text })
            }
        };
        if let Some(t) = splice(d, &view.definition, pick(false)) {
            view.definition = t;
        }
        if let Some(src) = view.source.0.as_ref().and_then(|s| splice(d, s, pick(true))) {
            view.source.0 = Some(src);
        }
    }
    for g in st.schema.grants.iter_mut().filter(|g| g.kind == "TABLE" && &g.object == table) {
        if g.column.as_deref() == Some(old) {
            g.column = Some(new.to_string());
        }
    }
    st.schema.grants.sort();
}

/// Triggers, views, privileges and comments after table `old` became `new`.
pub fn table_elsewhere(st: &mut State, old: &QName, new: &QName) {
    let d = st.d;
    let keys: Vec<(QName, String)> = st.schema.triggers.keys().filter(|(t, _)| t == old).cloned().collect();
    for key in keys {
        let Some(mut trig) = st.schema.triggers.remove(&key) else { continue };
        trig.table = new.clone();
        if old.schema == new.schema {
            if let Some(text) =
                splice(d, &trig.definition, |toks, i| trigger_on(d, toks, i, old).then(|| table_text(d, new, d == Dialect::Sqlite)))
            {
                trig.definition = text;
            }
        } else if d == Dialect::Postgres {
            // `SET SCHEMA`: the definition names the table as `create_trigger` wrote it.
            let q = |t: &QName| format!(" ON {} ", super::routines::qualified(t));
            trig.definition = trig.definition.replacen(&q(old), &q(new), 1);
        }
        st.schema.triggers.insert((new.clone(), key.1), trig);
    }
    if d == Dialect::Mysql {
        return;
    }
    if d == Dialect::Sqlite {
        // SQLite rewrites every trigger body naming the table, whatever table it is on.
        for trig in st.schema.triggers.values_mut() {
            if let Some(text) = splice(d, &trig.definition, |toks, i| table_ref(d, toks, i, old).then(|| table_text(d, new, true))) {
                trig.definition = text;
            }
        }
    }
    for view in st.schema.views.values_mut().filter(|v| v.depends_on.contains(old)) {
        // A table moved to another schema (`SET SCHEMA`, PostgreSQL) is read as `schema.t`;
        // its qualifiers stay `t.col`, as pg_dump prints them.
        let moved = old.schema != new.schema;
        let pick = |verbatim: bool| {
            move |toks: &[Tok], i: usize| {
                if !table_ref(d, toks, i, old) {
                    return None;
                }
                let qualifier = toks.get(i + 1).is_some_and(|x| x.t == Token::Period);
                match (moved, qualifier) {
                    (false, _) => Some(table_text(d, new, verbatim)),
                    (true, true) => None,
                    (true, false) if i >= 1 && toks[i - 1].t == Token::Period => None,
                    (true, false) => Some(super::routines::qualified(new)),
                }
            }
        };
        if let Some(t) = splice(d, &view.definition, pick(false)) {
            view.definition = t;
        }
        if let Some(src) = view.source.0.as_ref().and_then(|s| splice(d, s, pick(true))) {
            view.source.0 = Some(src);
        }
        view.depends_on.iter_mut().filter(|q| *q == old).for_each(|q| *q = new.clone());
    }
    for g in st.schema.grants.iter_mut().filter(|g| g.kind == "TABLE" && &g.object == old) {
        g.object = new.clone();
    }
    st.schema.grants.sort();
    use crate::model::CommentTarget as C;
    let moved: Vec<C> = st
        .schema
        .comments
        .keys()
        .filter(|k| matches!(k, C::Constraint { table, .. } | C::Policy { table, .. } | C::Trigger { table, .. } if table == old))
        .cloned()
        .collect();
    for k in moved {
        let Some(text) = st.schema.comments.remove(&k) else { continue };
        let k = match k {
            C::Constraint { name, .. } => C::Constraint { name, table: new.clone() },
            C::Policy { name, .. } => C::Policy { name, table: new.clone() },
            C::Trigger { name, .. } => C::Trigger { name, table: new.clone() },
            other => other,
        };
        st.schema.comments.insert(k, text);
    }
}

/// `text` with the tokens `pick` answers for replaced, spliced into the text as written; `None`
/// when nothing changes or the text does not tokenize.
fn splice(d: Dialect, text: &str, pick: impl Fn(&[Tok], usize) -> Option<String>) -> Option<String> {
    let (toks, _) = tokenize(d, text, 1, 1).ok()?;
    let mut edits: Vec<(usize, usize, String)> = Vec::new();
    for i in 0..toks.len() {
        if let Some(with) = pick(&toks, i) {
            let Token::Word(w) = &toks[i].t else { continue };
            let at = super::opaque::offset_of(text, 1, 1, toks[i].line, toks[i].col);
            let len = w.to_string().len();
            // A name with its quote doubled inside does not print back as written: left alone.
            if text.get(at..at + len) != Some(w.to_string().as_str()) {
                continue;
            }
            edits.push((at, at + len, with));
        }
    }
    if edits.is_empty() {
        return None;
    }
    let mut out = String::with_capacity(text.len() + 16);
    let mut from = 0;
    for (a, b, with) in edits {
        out.push_str(crate::text::between(text, from, a));
        out.push_str(&with);
        from = b;
    }
    out.push_str(crate::text::from(text, from));
    Some(out)
}

fn word(t: &Tok) -> Option<&Word> {
    match &t.t {
        Token::Word(w) => Some(w),
        _ => None,
    }
}

fn is_kw(t: Option<&Tok>, kw: &str) -> bool {
    t.is_some_and(|t| super::complete::is_word(&t.t, kw))
}

/// `t` lives in the schema an unqualified name reads.
fn in_default_schema(d: Dialect, t: &QName) -> bool {
    t.schema.is_empty() || t.schema == super::names::default_schema(d)
}

fn names(d: Dialect, kind: Kind, w: &Word, n: &str) -> bool {
    fold(d, kind, w) == n
}

fn has_word(d: Dialect, text: &str, kw: &str) -> bool {
    tokenize(d, text, 1, 1).map_or(true, |(toks, _)| toks.iter().any(|t| is_kw(Some(t), kw)))
}

/// Token `i` is a reference to column `n`: unqualified, or qualified by one of `quals`.
fn column_ref(d: Dialect, toks: &[Tok], i: usize, n: &str, quals: &[String]) -> bool {
    let Some(w) = word(&toks[i]) else { return false };
    if !names(d, Kind::Local, w, n) {
        return false;
    }
    let next = toks.get(i + 1).map(|t| &t.t);
    if matches!(next, Some(Token::LParen) | Some(Token::Period)) {
        return false;
    }
    if i >= 1 && matches!(toks[i - 1].t, Token::DoubleColon) {
        return false;
    }
    if i >= 1 && is_kw(toks.get(i - 1), "as") {
        return false;
    }
    if i >= 2 && toks[i - 1].t == Token::Period {
        return word(&toks[i - 2]).is_some_and(|q| quals.iter().any(|x| names(d, Kind::Object, q, x)));
    }
    true
}

/// Token `i` of a trigger's text names column `n` of its table: `NEW.n`, `OLD.n`, or in the
/// `UPDATE OF` list.
fn trigger_column(d: Dialect, toks: &[Tok], i: usize, n: &str) -> bool {
    let Some(w) = word(&toks[i]) else { return false };
    if !names(d, Kind::Local, w, n) || toks.get(i + 1).is_some_and(|t| t.t == Token::LParen) {
        return false;
    }
    if i >= 2 && toks[i - 1].t == Token::Period {
        return is_kw(toks.get(i - 2), "new") || is_kw(toks.get(i - 2), "old");
    }
    // Back over `a, b,` to `OF` (after `UPDATE`).
    let mut j = i;
    while j >= 2 && toks[j - 1].t == Token::Comma && word(&toks[j - 2]).is_some() {
        j -= 2;
    }
    j >= 2 && is_kw(toks.get(j - 1), "of") && is_kw(toks.get(j - 2), "update")
}

/// Token `i` is the table after a trigger's first `ON`.
fn trigger_on(d: Dialect, toks: &[Tok], i: usize, t: &QName) -> bool {
    let on = toks.iter().position(|x| is_kw(Some(x), "on"));
    on.is_some_and(|on| table_at(d, toks, on + 1, t).is_some_and(|last| last == i))
}

/// The tokens from `at` name table `t` (`name` or `schema.name`, as the dialect reads it): the
/// index of its last word.
fn table_at(d: Dialect, toks: &[Tok], at: usize, t: &QName) -> Option<usize> {
    let first = word(toks.get(at)?)?;
    if toks.get(at + 1).is_some_and(|x| x.t == Token::Period) {
        let second = word(toks.get(at + 2)?)?;
        return (names(d, Kind::Object, first, &t.schema) && names(d, Kind::Object, second, &t.name)).then_some(at + 2);
    }
    (in_default_schema(d, t) && names(d, Kind::Object, first, &t.name)).then_some(at)
}

/// Token `i` is table `t`'s name: where a relation is read (after `FROM`, `JOIN`, `UPDATE`,
/// `INTO`, `ON` of a trigger, or a `,` of a `FROM` list) or as a qualifier (`t.col`).
fn table_ref(d: Dialect, toks: &[Tok], i: usize, t: &QName) -> bool {
    let Some(w) = word(&toks[i]) else { return false };
    if !names(d, Kind::Object, w, &t.name) {
        return false;
    }
    let dotted = |j: usize| toks.get(j).is_some_and(|x| x.t == Token::Period);
    // The start of the name: `schema.t` names it with its schema; `x.t` with another qualifier
    // is something else's.
    let start = if i >= 2 && dotted(i - 1) {
        match word(&toks[i - 2]) {
            Some(q) if names(d, Kind::Object, q, &t.schema) && !(i >= 4 && dotted(i - 3)) => i - 2,
            _ => return false,
        }
    } else if in_default_schema(d, t) {
        i
    } else {
        return false;
    };
    if dotted(i + 1) {
        // A qualifier: `t.col` (or `schema.t.col`), not the schema of `t.x` read as a table.
        return start != i || !dotted(i + 3);
    }
    if toks.get(i + 1).is_some_and(|x| x.t == Token::LParen) {
        return false;
    }
    let before = start.checked_sub(1).and_then(|b| toks.get(b));
    ["from", "join", "update", "into", "on", "table"].iter().any(|k| is_kw(before, k))
        || (before.is_some_and(|b| b.t == Token::Comma) && in_from_list(toks, start))
}

/// Token `at` follows a `,` of a `FROM` list: going back at the same depth, a `FROM` comes
/// before any clause keyword.
fn in_from_list(toks: &[Tok], at: usize) -> bool {
    let mut depth = 0i32;
    for j in (0..at).rev() {
        match toks[j].t {
            Token::RParen => depth += 1,
            Token::LParen if depth == 0 => return false,
            Token::LParen => depth -= 1,
            _ if depth == 0 => {
                if is_kw(toks.get(j), "from") {
                    return true;
                }
                if ["select", "where", "on", "set", "values", "group", "order", "having"].iter().any(|k| is_kw(toks.get(j), k)) {
                    return false;
                }
            }
            _ => {}
        }
    }
    false
}

/// The names a view's query qualifies table `t`'s columns by: its name and its aliases
/// (`FROM t x`, `JOIN t AS x`).
fn qualifiers(d: Dialect, text: &str, t: &QName) -> Vec<String> {
    let mut out = vec![t.name.clone()];
    let Ok((toks, _)) = tokenize(d, text, 1, 1) else { return out };
    // Words that may follow a relation and are no alias: the clause keywords canonical text
    // writes in upper case, and a few more.
    let keyword = |w: &Word| {
        let lower = w.value.to_ascii_lowercase();
        super::expr::is_upper_keyword(&lower) || ["natural", "window", "fetch", "tablesample"].contains(&lower.as_str())
    };
    for i in 0..toks.len() {
        if !table_ref(d, &toks, i, t) || toks.get(i + 1).is_some_and(|x| x.t == Token::Period) {
            continue;
        }
        let mut j = i + 1;
        if is_kw(toks.get(j), "as") {
            j += 1;
        }
        if let Some(a) = toks.get(j).and_then(word) {
            if a.quote_style.is_some() || !keyword(a) {
                out.push(fold(d, Kind::Object, a));
            }
        }
    }
    out
}

/// Token `i` (a column, maybe qualified) is a whole item of a select list without an alias:
/// after `SELECT`, `DISTINCT` or a `,` of the list, before a `,` or `FROM` at the same depth.
fn bare_select_item(toks: &[Tok], i: usize) -> bool {
    let start = if i >= 2 && toks[i - 1].t == Token::Period { i - 2 } else { i };
    let ends = toks.get(i + 1).is_none_or(|t| t.t == Token::Comma || is_kw(Some(t), "from"));
    if !ends || start == 0 {
        return false;
    }
    let before = &toks[start - 1];
    if is_kw(Some(before), "select") || is_kw(Some(before), "distinct") || is_kw(Some(before), "all") {
        return true;
    }
    if before.t != Token::Comma {
        return false;
    }
    // The `,` must belong to a select list: back at the same depth, `SELECT` comes first.
    let mut depth = 0i32;
    for j in (0..start - 1).rev() {
        match toks[j].t {
            Token::RParen => depth += 1,
            Token::LParen if depth == 0 => return false,
            Token::LParen => depth -= 1,
            _ if depth == 0 && is_kw(toks.get(j), "select") => return true,
            _ if depth == 0 && ["from", "where", "by", "on", "values", "set", "having"].iter().any(|k| is_kw(toks.get(j), k)) => {
                return false
            }
            _ => {}
        }
    }
    false
}

/// A renamed column as the engine writes it where the old name stood: PostgreSQL and MariaDB
/// print it themselves (bare when plain); SQLite keeps the old token's quoting.
fn column_text(d: Dialect, was: &Tok, new: &str) -> String {
    match (d, word(was).and_then(|w| w.quote_style)) {
        (Dialect::Sqlite, Some(_)) => crate::quote::ident(d, new),
        (Dialect::Sqlite, None) if is_plain(new) => new.to_string(),
        _ => ident_sql(d, new),
    }
}

/// A renamed table's name as the engine writes it in text it keeps as written (SQLite always
/// quotes it), or as the model's canonical text does.
fn table_text(d: Dialect, new: &QName, verbatim: bool) -> String {
    match d {
        Dialect::Sqlite if verbatim => crate::quote::ident(d, &new.name),
        _ => ident_sql(d, &new.name),
    }
}

fn is_plain(n: &str) -> bool {
    n.chars().next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_') && n.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

#[cfg(test)]
#[path = "rename_refs_tests.rs"]
mod tests;

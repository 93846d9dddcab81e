//! `INSERT INTO new (a, b) SELECT x, y FROM old` in a history: the table rebuild SQLite's
//! documentation gives for any `ALTER TABLE` it cannot do in place (and that Alembic's batch
//! mode and Django write): a new table, the rows copied column to column, the old table dropped
//! and the new one renamed to its name. A column copied under another name is that column
//! renamed: recorded on the new table like a `RENAME COLUMN` (`history_renames.rs`), it follows
//! the new table to the old name, so the differ renames it instead of dropping it with its
//! values. Only a plain copy counts (every select item a column of `old`, no `WHERE`, join or
//! grouping); the statement is still reported as data.

use super::cursor::Cursor;
use super::names::Kind;
use super::State;
use crate::model::{QName, RenameKind};
use sqlparser::tokenizer::Token;

/// Record the column renames of a plain copy; `c` is at the statement's start. Its note when it
/// is one (`copied_from` reads the table back).
pub fn record(st: &mut State, c: &mut Cursor) -> Option<String> {
    let at = c.position();
    let read = read(st, c);
    c.pos = 0;
    let (into, from, pairs) = read?;
    for (target, source) in pairs.into_iter().filter(|(t, s)| t != s) {
        super::history_renames::object(st, RenameKind::Column, &into, &source, &target, at);
    }
    Some(format!("{COPY}{into}` from `{from}`: a column copied under another name is read as renamed"))
}

const COPY: &str = "INSERT ... SELECT ignored: a copy into `";

/// The table a copy's note (`record`) names as its destination.
pub fn copied_into(note: &str) -> Option<&str> {
    note.strip_prefix(COPY)?.split_once('`').map(|(into, _)| into)
}

/// A plain copy: the table copied into, the table copied from and the (target, source) column
/// pairs.
type Copy = (QName, QName, Vec<(String, String)>);

fn read(st: &State, c: &mut Cursor) -> Option<Copy> {
    if !(c.eat_kw("insert") && c.eat_kw("into")) {
        return None;
    }
    let into = c.qname().ok()?;
    // Without a column list the values go to the first columns, in order.
    let listed = c.is(&Token::LParen);
    let mut targets: Vec<String> = match listed {
        true => c.ident_list(Kind::Local).ok()?,
        false => st.schema.tables.get(&into)?.columns.iter().map(|k| k.name.clone()).collect(),
    };
    if !c.eat_kw("select") {
        return None;
    }
    // The select list: up to the `FROM` outside parentheses.
    let mut depth = 0i32;
    let end = (c.pos..c.toks.len()).find(|&i| {
        match &c.toks[i].t {
            Token::LParen => depth += 1,
            Token::RParen => depth -= 1,
            Token::Word(w) => return depth == 0 && w.quote_style.is_none() && w.value.eq_ignore_ascii_case("from"),
            _ => {}
        }
        false
    })?;
    let items = Cursor::split_commas(&c.toks[c.pos..end]);
    c.pos = end + 1;
    let from = c.qname().ok()?;
    let alias = if c.eat_kw("as") || matches!(c.peek(), Some(Token::Word(_))) { c.ident(Kind::Local).ok() } else { None };
    c.eat(&Token::SemiColon);
    let source = st.schema.tables.get(&from)?;
    if !c.at_end() || from == into {
        return None;
    }
    let sources: Vec<String> = if let [[star]] = items.as_slice() {
        if star.t != Token::Mul {
            return None;
        }
        source.columns.iter().map(|k| k.name.clone()).collect()
    } else {
        let mut names = Vec::new();
        for item in &items {
            // `col`, or `qualifier.col` with the table's name or alias.
            let mut ic = Cursor::new(st.d, item);
            let first = ic.ident(Kind::Local).ok()?;
            let name = if ic.eat(&Token::Period) {
                let q_ok = first == from.name || alias.as_deref() == Some(first.as_str());
                let n = ic.ident(Kind::Local).ok()?;
                q_ok.then_some(n)?
            } else {
                first
            };
            if !ic.at_end() || source.column(&name).is_none() {
                return None;
            }
            names.push(name);
        }
        names
    };
    if !listed && sources.len() < targets.len() {
        targets.truncate(sources.len());
    }
    (sources.len() == targets.len()).then(|| (into, from, targets.into_iter().zip(sources).collect()))
}

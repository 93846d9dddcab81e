//! Sequences: `CREATE SEQUENCE` and `ALTER SEQUENCE` (options, `OWNED BY`, renames).
//!
//! Options equal to PostgreSQL's defaults are not stored (`AS bigint`, `INCREMENT BY 1`,
//! `START WITH 1`, `NO MINVALUE`, `MINVALUE 1`, `NO MAXVALUE`, `CACHE 1`, the type's maximum),
//! so a pg_dump text and a bare `CREATE SEQUENCE s` compare equal.

use super::cursor::{Cursor, PResult};
use super::names::Kind;
use super::{types, Outcome, State, Stmt};
use crate::model::{QName, RenameHint, RenameKind, Sequence};
use sqlparser::tokenizer::Token;

pub fn create_sequence(st: &mut State, stmt: &Stmt, mut c: Cursor) -> PResult<Outcome> {
    let first_line = c.line();
    c.expect_kw("create")?;
    let mut unlogged = false;
    while !c.at_end() && !c.is_kw("sequence") {
        if c.eat_kw("temp") || c.eat_kw("temporary") {
            return Ok(Outcome::Ignored("temporary sequences are not part of the schema".into()));
        }
        unlogged |= c.is_kw("unlogged");
        c.next();
    }
    c.expect_kw("sequence")?;
    let ine = c.eat_kws(&["if", "not", "exists"]);
    let name = c.decl_qname()?;
    if ine && st.schema.sequences.contains_key(&name) {
        return Ok(Outcome::Ignored(format!("sequence `{name}` exists (IF NOT EXISTS)")));
    }
    let mut seq = Sequence::new(name.clone());
    seq.unlogged = unlogged;
    options(st, &mut c, &mut seq)?;
    normalize(st.d, &mut seq);
    // `-- schemashift:renamed-from old` on the line before (or the first line): as for a table.
    if let Some(h) = super::renames::table_hint(st.d, stmt.comments, first_line) {
        let old = RenameHint::old_table(&h.from, &name);
        if old != name {
            let from = RenameHint::table_from(&old, &name);
            let hint = RenameHint { kind: RenameKind::Sequence, table: name.clone(), from, to: name.name.clone(), at: Some(h.at) };
            st.schema.renames.push(hint);
        }
    }
    st.schema.sequences.insert(name, seq);
    Ok(Outcome::Applied)
}

/// Sequence `old` renamed or moved to another schema: the `nextval` defaults naming it follow
/// (PostgreSQL stores the sequence itself, and pg_dump prints its new name).
pub fn rename(st: &mut State, old: &QName, new: &QName) {
    if let Some(mut seq) = st.schema.sequences.remove(old) {
        seq.name = new.clone();
        st.schema.sequences.insert(new.clone(), seq);
    }
    for t in st.schema.tables.values_mut() {
        retarget_defaults(t, old, new);
    }
}

/// `RENAME TO new` / `SET SCHEMA s` of sequence `name` (`ALTER SEQUENCE`, or `ALTER TABLE`
/// naming a sequence), recorded as a rename of the history (`at`: the statement's name).
pub fn rename_by_alter_table(st: &mut State, mut c: Cursor, name: &QName, at: (usize, usize)) -> PResult<Outcome> {
    let new = if c.eat_kws(&["rename", "to"]) {
        match st.d {
            // MariaDB's `ALTER TABLE s RENAME TO db.t` may name another database, as RENAME TABLE.
            crate::Dialect::Mysql => c.qname()?,
            _ => QName::new(name.schema.clone(), c.ident(Kind::Object)?),
        }
    } else if c.eat_kws(&["set", "schema"]) {
        QName::new(c.ident(Kind::Object)?, name.name.clone())
    } else {
        return c.err("expected RENAME TO or SET SCHEMA");
    };
    if !c.at_end() {
        return c.err("unexpected text after the new name");
    }
    rename(st, name, &new);
    super::history_renames::sequence(st, name, &new, at);
    Ok(Outcome::Applied)
}

/// The `nextval` defaults of `table` naming sequence `old` name `new`.
pub fn retarget_defaults(table: &mut crate::model::Table, old: &QName, new: &QName) {
    let (from, to) = (super::defaults::nextval(old), super::defaults::nextval(new));
    for col in &mut table.columns {
        if let Some(d) = col.default.as_mut().filter(|d| d.contains(&from)) {
            *d = d.replace(&from, &to);
        }
    }
}

pub fn alter_sequence(st: &mut State, mut c: Cursor) -> PResult<Outcome> {
    let at = c.position();
    let ie = c.eat_kws(&["if", "exists"]);
    let name = c.qname()?;
    let Some(mut seq) = st.schema.sequences.get(&name).cloned() else {
        if ie {
            return Ok(Outcome::Ignored(format!("sequence `{name}` does not exist (IF EXISTS)")));
        }
        return c.err(format!("unknown sequence `{name}`"));
    };
    if c.is_kw("rename") || (c.is_kw("set") && c.is_kw_at(1, "schema")) {
        return rename_by_alter_table(st, c, &name, at);
    }
    options(st, &mut c, &mut seq)?;
    normalize(st.d, &mut seq);
    st.schema.sequences.insert(name, seq);
    Ok(Outcome::Applied)
}

/// Canonical text of identity sequence options (`START WITH 10 INCREMENT BY 2`), defaults and
/// the sequence name left out; `None` when all are defaults.
pub fn identity_options(d: crate::Dialect, toks: &[super::cursor::Tok]) -> PResult<Option<String>> {
    let st = State {
        d,
        schema: crate::model::Schema::new(d),
        diags: Vec::new(),
        names: Default::default(),
        mysql_implicit_fk: Default::default(),
        fk_takes_generated_index: false,
        noted: Vec::new(),
        pg_defaults: Default::default(),
        tokens: None,
        scratch: Default::default(),
        pg_only: Default::default(),
    };
    let mut c = Cursor::new(d, toks);
    let mut seq = Sequence::new(QName::default());
    options(&st, &mut c, &mut seq)?;
    normalize(d, &mut seq);
    let mut parts = Vec::new();
    if let Some(t) = &seq.data_type {
        parts.push(format!("AS {t}"));
    }
    for (k, v) in [
        ("START WITH", seq.start),
        ("INCREMENT BY", seq.increment),
        ("MINVALUE", seq.min_value),
        ("MAXVALUE", seq.max_value),
        ("CACHE", seq.cache),
    ] {
        if let Some(v) = v {
            parts.push(format!("{k} {v}"));
        }
    }
    if seq.cycle {
        parts.push("CYCLE".into());
    }
    Ok(if parts.is_empty() { None } else { Some(parts.join(" ")) })
}

fn options(st: &State, c: &mut Cursor, seq: &mut Sequence) -> PResult<()> {
    while !c.at_end() {
        if c.eat_kws(&["sequence", "name"]) {
            c.qname()?;
        } else if c.eat_kw("as") {
            seq.data_type = Some(types::read_type(c)?.data_type);
        } else if c.eat_kw("increment") {
            c.eat_kw("by");
            seq.increment = Some(c.int()?);
        } else if c.eat_kws(&["no", "minvalue"]) || c.eat_kw("nominvalue") {
            seq.min_value = None;
        } else if c.eat_kws(&["no", "maxvalue"]) || c.eat_kw("nomaxvalue") {
            seq.max_value = None;
        } else if c.eat_kw("minvalue") {
            seq.min_value = Some(c.int()?);
        } else if c.eat_kw("maxvalue") {
            seq.max_value = Some(c.int()?);
        } else if c.eat_kw("start") {
            c.eat_kw("with");
            seq.start = Some(c.int()?);
        } else if c.eat_kw("restart") {
            if c.eat_kw("with") || matches!(c.peek(), Some(Token::Number(..)) | Some(Token::Minus)) {
                c.int()?;
            }
        } else if c.eat_kw("cache") {
            seq.cache = Some(c.int()?);
        } else if c.eat_kw("nocache") {
            // MariaDB: no values cached.
            seq.cache = Some(0);
        } else if c.eat_kws(&["no", "cycle"]) || c.eat_kw("nocycle") {
            seq.cycle = false;
        } else if c.eat_kw("cycle") {
            seq.cycle = true;
        } else if c.eat_kws(&["owned", "by"]) {
            if c.eat_kw("none") {
                seq.owned_by = None;
            } else {
                let mut parts = vec![c.word()?];
                while c.eat(&Token::Period) {
                    parts.push(c.word()?);
                }
                let col_word = parts.pop().ok_or_else(|| c.error("expected table.column"))?;
                if parts.is_empty() {
                    return c.err("OWNED BY needs table.column");
                }
                let table = super::names::qname(st.d, &parts);
                let col = super::names::fold(st.d, Kind::Local, &col_word);
                seq.owned_by = Some((table, col));
            }
        } else if c.eat_kws(&["set", "logged"]) {
            seq.unlogged = false;
        } else if c.eat_kws(&["set", "unlogged"]) {
            seq.unlogged = true;
        } else if c.eat_kw("logged") || c.eat_kw("unlogged") {
        } else if st.d == crate::Dialect::Mysql && c.eat_kw("engine") {
            // mariadb-dump writes the sequence's engine; InnoDB is the default.
            c.eat(&Token::Eq);
            let engine = c.word()?;
            if !engine.value.eq_ignore_ascii_case("innodb") {
                return c.err("only InnoDB sequences are modelled");
            }
        } else {
            return c.err("unexpected sequence option");
        }
    }
    Ok(())
}

/// Drop options that equal the engine's defaults: PostgreSQL's, or MariaDB's (maximum
/// 9223372036854775806, descending minimum -9223372036854775807, `CACHE 1000`).
fn normalize(d: crate::Dialect, seq: &mut Sequence) {
    let mariadb = d == crate::Dialect::Mysql;
    let ty = seq.data_type.as_ref().map(|t| t.base.clone()).unwrap_or_else(|| "bigint".into());
    if ty == "bigint" {
        seq.data_type = None;
    }
    let max = match ty.as_str() {
        "smallint" => i16::MAX as i128,
        "integer" => i32::MAX as i128,
        _ if mariadb => i64::MAX as i128 - 1,
        _ => i64::MAX as i128,
    };
    let inc = seq.increment.unwrap_or(1);
    if inc == 1 {
        seq.increment = None;
    }
    if inc > 0 {
        if seq.min_value == Some(1) {
            seq.min_value = None;
        }
        if seq.max_value == Some(max) {
            seq.max_value = None;
        }
        if seq.start == Some(seq.min_value.unwrap_or(1)) {
            seq.start = None;
        }
    } else {
        if mariadb && seq.min_value == Some(-(i64::MAX as i128)) {
            seq.min_value = None;
        }
        if seq.max_value == Some(-1) {
            seq.max_value = None;
        }
        if seq.start == Some(seq.max_value.unwrap_or(-1)) {
            seq.start = None;
        }
    }
    if seq.cache == Some(if mariadb { 1000 } else { 1 }) {
        seq.cache = None;
    }
}

//! Column definitions: name, type and column options (NOT NULL, DEFAULT, inline constraints,
//! identity, generated expressions, collation, MySQL attributes).

use super::constraint::{self, Raw};
use super::cursor::{Cursor, PResult};
use super::{expr, types};
use crate::model::{Column, ConstraintKind, Deferrable, Generated, Identity, IdentityKind};
use crate::Dialect;
use sqlparser::tokenizer::Token;

/// A column as read, with its inline constraints (not yet named).
pub struct ColDef {
    pub column: Column,
    pub constraints: Vec<Raw>,
    /// PostgreSQL serial pseudo-type.
    pub serial: bool,
    /// MySQL `SERIAL` type or `SERIAL DEFAULT VALUE`.
    pub mysql_serial: bool,
    pub first_line: usize,
    pub last_line: usize,
    /// Clauses the engines named below keep and the model does not (line, column, message):
    /// the caller reports each as a warning, so none is dropped without a word.
    pub not_modelled: Vec<(usize, usize, String)>,
}

/// Each clause a column definition carried and the model does not keep, as a warning.
pub fn report_not_modelled(def: &ColDef, diags: &mut Vec<crate::Diagnostic>) {
    for (line, column, message) in &def.not_modelled {
        diags.push(crate::Diagnostic::warning(*line, *column, message.clone()));
    }
}

/// Words that end a DEFAULT expression (they start the next column option).
fn at_option(c: &Cursor) -> bool {
    if c.pos > 0 && matches!(c.toks.get(c.pos - 1).map(|t| &t.t), Some(Token::DoubleColon)) {
        return false;
    }
    if c.is_kw("character") {
        return c.is_kw_at(1, "set");
    }
    if c.dialect == Dialect::Mysql && (c.is_kw("first") || c.is_kw("after")) {
        return true;
    }
    const STOP: &[&str] = &[
        "constraint",
        "primary",
        "unique",
        "references",
        "check",
        "collate",
        "generated",
        "comment",
        "auto_increment",
        "autoincrement",
        "default",
        "charset",
        "invisible",
        "visible",
        "storage",
        "column_format",
        "key",
        "deferrable",
        "initially",
    ];
    if c.is_kw("without") && c.is_kw_at(1, "system") {
        return true;
    }
    if STOP.iter().any(|k| c.is_kw(k)) {
        return true;
    }
    (c.is_kw("not") && c.is_kw_at(1, "null"))
        || (c.is_kw("null")
            && c.pos > 0
            && !matches!(c.toks.get(c.pos - 1).map(|t| &t.t), Some(Token::Word(w)) if w.value.eq_ignore_ascii_case("default") || w.value.eq_ignore_ascii_case("is") || w.value.eq_ignore_ascii_case("not")))
        || (c.is_kw("on") && (c.is_kw_at(1, "update") || c.is_kw_at(1, "conflict")))
        || (c.is_kw("as") && c.dialect != Dialect::Postgres)
}

/// Push one constraint more on a column: its vector grows one at a time (a column has one or
/// two), not to four at once (four raw constraints are over a kilobyte: a transient allocation
/// of that size makes glibc's malloc consolidate its fast bins).
fn push_one<T>(v: &mut Vec<T>, x: T) {
    v.reserve_exact(1);
    v.push(x);
}

pub fn read_column(c: &mut Cursor) -> PResult<ColDef> {
    let d = c.dialect;
    let first_line = c.line();
    let name = c.decl_ident(super::names::Declared::Column)?;
    // SQLite allows a column without a type; PostgreSQL partitions give options only.
    let rt = if c.at_end() || c.is(&Token::Comma) || at_option(c) || c.is_kw("not") || c.is_kw("null") || c.eat_kws(&["with", "options"]) {
        types::ReadType { data_type: Default::default(), serial: false, mysql_serial: false }
    } else {
        types::read_type(c)?
    };
    let mut col = Column::new(name.clone(), rt.data_type);
    let mut out = ColDef {
        // (The column read below goes in at the end.)
        column: Column::new(String::new(), Default::default()),
        constraints: Vec::new(),
        serial: rt.serial,
        mysql_serial: rt.mysql_serial,
        first_line,
        last_line: first_line,
        not_modelled: Vec::new(),
    };
    let mut pending_name: Option<String> = None;
    // MySQL `FIRST` / `AFTER col` (ALTER TABLE) end the definition.
    let at_position = |c: &Cursor| d == Dialect::Mysql && (c.is_kw("first") || c.is_kw("after"));
    while !c.at_end() && !c.is(&Token::Comma) && !at_position(c) {
        if c.eat_kw("constraint") {
            pending_name = Some(c.decl_ident(super::names::Declared::Key)?);
        } else if c.eat_kws(&["not", "null"]) {
            col.nullable = false;
        } else if c.eat_kw("null") {
            col.nullable = true;
        } else if c.eat_kw("default") {
            if d == Dialect::Mysql && c.is_kw("value") && out.mysql_serial {
                c.next();
                continue;
            }
            let at = c.position();
            let toks = c.until(at_option);
            if toks.is_empty() {
                return c.err("expected a default expression");
            }
            super::complete::check(toks, at, "DEFAULT expression")?;
            col.default = super::defaults::default_value(d, toks, &col.data_type);
        } else if c.eat_kws(&["primary", "key"]) || (d == Dialect::Mysql && c.eat_kw("key")) {
            let _ = c.eat_kw("asc") || c.eat_kw("desc");
            let how = if c.eat_kws(&["on", "conflict"]) { constraint::on_conflict(c)? } else { None };
            if c.eat_kw("autoincrement") {
                col.auto_increment = true;
            }
            let mut r = mk(&mut pending_name, ConstraintKind::PrimaryKey { columns: vec![name.clone()] }, &name);
            r.on_conflict = how;
            push_one(&mut out.constraints, r);
        } else if c.eat_kw("unique") {
            let _ = c.eat_kw("key");
            let nnd = c.eat_kws(&["nulls", "not", "distinct"]);
            c.eat_kws(&["nulls", "distinct"]);
            let how = if c.eat_kws(&["on", "conflict"]) { constraint::on_conflict(c)? } else { None };
            let mut r = mk(&mut pending_name, ConstraintKind::Unique { columns: vec![name.clone()], nulls_not_distinct: nnd }, &name);
            r.on_conflict = how;
            push_one(&mut out.constraints, r);
        } else if c.is_kw("references") {
            let (kind, deferrable) = constraint::read_references(c, vec![name.clone()])?;
            let mut r = mk(&mut pending_name, kind, &name);
            r.deferrable = deferrable;
            push_one(&mut out.constraints, r);
        } else if c.eat_kw("check") {
            let g = c.expr_group("CHECK expression")?;
            let no_inherit = c.eat_kws(&["no", "inherit"]);
            let e = expr::normalize(d, g);
            let mut r = mk(&mut pending_name, ConstraintKind::Check { expr: e, no_inherit }, &name);
            // MySQL 8 `[NOT] ENFORCED`.
            r.not_enforced = c.eat_kws(&["not", "enforced"]);
            c.eat_kw("enforced");
            push_one(&mut out.constraints, r);
        } else if c.eat_kw("collate") {
            let q = c.qname()?;
            col.collation = Some(if d == Dialect::Mysql { super::table_options::collation_name(&q.name) } else { q.name });
        } else if c.eat_kw("generated") {
            if c.eat_kw("always") {
                c.expect_kw("as")?;
                if c.eat_kw("identity") {
                    col.identity = Some(identity(c, IdentityKind::Always)?);
                } else if d == Dialect::Mysql && c.eat_kw("row") {
                    // MariaDB period columns of a system-versioned table.
                    col.row_time = Some(if c.eat_kw("start") {
                        "START".to_string()
                    } else {
                        c.expect_kw("end")?;
                        "END".to_string()
                    });
                } else {
                    col.generated = Some(generated(c)?);
                }
            } else {
                c.expect_kw("by")?;
                c.expect_kw("default")?;
                c.expect_kw("as")?;
                c.expect_kw("identity")?;
                col.identity = Some(identity(c, IdentityKind::ByDefault)?);
            }
            col.nullable = col.nullable && col.identity.is_none();
        } else if c.eat_kw("as") {
            col.generated = Some(generated(c)?);
        } else if c.eat_kw("auto_increment") || c.eat_kw("autoincrement") {
            col.auto_increment = true;
        } else if c.eat_kw("comment") {
            col.comment = Some(c.string()?).filter(|s| !s.is_empty());
        } else if c.eat_kws(&["on", "update"]) {
            let toks = c.until(at_option);
            col.on_update = super::defaults::default_value(d, toks, &col.data_type);
        } else if c.eat_kws(&["character", "set"]) || c.eat_kw("charset") {
            col.charset = Some(super::table_options::charset_name(&c.word()?.value));
        } else if c.eat_kws(&["on", "conflict"]) {
            // Of the clause before it: a primary key or unique constraint of the column.
            let after_null =
                c.pos >= 3 && matches!(c.toks.get(c.pos - 3).map(|t| &t.t), Some(Token::Word(w)) if w.value.eq_ignore_ascii_case("null"));
            let how = constraint::on_conflict(c)?;
            match out.constraints.last_mut() {
                Some(r) if !after_null && matches!(r.kind, ConstraintKind::PrimaryKey { .. } | ConstraintKind::Unique { .. }) => {
                    r.on_conflict = how
                }
                _ if how.is_none() => {}
                _ => return c.err("ON CONFLICT of NOT NULL or CHECK is not modelled"),
            }
        } else if d == Dialect::Mysql && c.eat_kw("binary") {
            // The binary collation of the column's character set, known once the table's
            // default character set is (`table_options::resolve_binary_collations`).
            if col.collation.is_none() {
                col.collation = Some(super::table_options::BINARY_COLLATION.to_string());
            }
        } else if c.eat_kws(&["without", "system", "versioning"]) {
            col.without_versioning = true;
        } else if c.eat_kw("invisible") {
            col.invisible = true;
        } else if c.eat_kw("visible") {
            col.invisible = false;
        } else if c.is_kw("srid") {
            let (line, column) = c.here();
            c.next();
            let srid = c.int()?;
            out.not_modelled.push((
                line,
                column,
                format!("`SRID {srid}` of column `{name}` is not modelled (MySQL 8 spatial columns): a change of it is not migrated; check it by hand"),
            ));
        } else if d == Dialect::Mysql && c.is_kw("ref_system_id") {
            let (line, column) = c.here();
            c.next();
            c.eat(&Token::Eq);
            let srid = c.int()?;
            out.not_modelled.push((
                line,
                column,
                format!("`REF_SYSTEM_ID={srid}` of column `{name}` is not modelled (MariaDB spatial columns): a change of it is not migrated; check it by hand"),
            ));
        } else if d == Dialect::Mysql && c.eat_kw("compressed") {
            // MariaDB column compression (`COMPRESSED[=zlib]`, zlib its one method).
            let method = if c.eat(&Token::Eq) { c.word()?.value.to_lowercase() } else { "zlib".to_string() };
            col.storage.compression = Some(method);
        } else if d == Dialect::Postgres && (c.is_kw("with") || c.is_kw("using")) && !out.constraints.is_empty() {
            // The index parameters of an inline PRIMARY KEY or UNIQUE.
            let Some(last) = out.constraints.last_mut() else { return c.err("expected a column option") };
            if c.eat_kw("with") {
                let p = super::storage::params(c)?;
                last.index.with = super::storage::with_params(last.index.with.as_deref(), p, false);
            } else {
                c.expect_kw("using")?;
                c.expect_kw("index")?;
                c.expect_kw("tablespace")?;
                last.index.tablespace = super::storage::tablespace(c)?;
            }
        } else if d == Dialect::Postgres && c.eat_kw("storage") {
            col.storage.storage = super::storage::storage_mode(c, &col)?;
        } else if d == Dialect::Postgres && c.eat_kw("compression") {
            col.storage.compression = super::storage::compression(c)?;
        } else if c.is_kw("storage") || c.is_kw("column_format") || c.is_kw("compression") {
            // MySQL: `STORAGE {DISK|MEMORY}` and `COLUMN_FORMAT {FIXED|DYNAMIC|DEFAULT}` are kept
            // by NDB Cluster only; InnoDB and MariaDB accept and ignore them (MySQL 8.0 manual,
            // CREATE TABLE, column_definition).
            let (line, column) = c.here();
            let word = c.next().map(|t| t.t.to_string().to_ascii_uppercase()).unwrap_or_default();
            let value = c.next().map(|t| t.t.to_string()).unwrap_or_default();
            out.not_modelled.push((
                line,
                column,
                format!("`{word} {value}` of column `{name}` is not modelled: only NDB Cluster keeps it (InnoDB and MariaDB ignore it), so schemashift does not migrate it"),
            ));
        } else if let Some(df) = constraint::read_deferrable(c) {
            if let Some(last) = out.constraints.last_mut() {
                last.deferrable = df;
            }
        } else {
            return c.err(format!("unexpected text in the definition of column `{name}`"));
        }
    }
    out.last_line = c.toks.get(c.pos.saturating_sub(1)).map(|t| t.line).unwrap_or(first_line);
    // A primary key implies NOT NULL, except in SQLite, which (for historical reasons) lets a
    // PRIMARY KEY column hold NULLs unless it is declared NOT NULL (`pragma table_info` agrees).
    let pk = out.constraints.iter().any(|r| matches!(r.kind, ConstraintKind::PrimaryKey { .. }));
    if col.identity.is_some() || (pk && d != Dialect::Sqlite) {
        col.nullable = false;
    }
    if out.mysql_serial {
        col.nullable = false;
        col.auto_increment = true;
        let kind = ConstraintKind::Unique { columns: vec![name.clone()], nulls_not_distinct: false };
        push_one(&mut out.constraints, mk(&mut None, kind, &name));
    }
    // MySQL: a collation names its charset (`utf8mb4_bin` is of `utf8mb4`), dumps spell both.
    if d == Dialect::Mysql && col.charset.is_none() {
        if let Some(coll) = col.collation.as_ref().filter(|c| *c != super::table_options::BINARY_COLLATION) {
            col.charset = coll.split('_').next().map(super::table_options::charset_name);
        }
    }
    out.column = col;
    Ok(out)
}

fn mk(name: &mut Option<String>, kind: ConstraintKind, col: &str) -> Raw {
    Raw {
        name: name.take(),
        kind,
        deferrable: Deferrable::NotDeferrable,
        not_valid: false,
        not_enforced: false,
        on_conflict: None,
        index: Default::default(),
        column: Some(col.to_string()),
    }
}

fn identity(c: &mut Cursor, kind: IdentityKind) -> PResult<Identity> {
    let options = if c.is(&Token::LParen) { super::sequence::identity_options(c.dialect, c.group()?)? } else { None };
    Ok(Identity { kind, options })
}

fn generated(c: &mut Cursor) -> PResult<Generated> {
    let g = c.expr_group("generated column expression")?;
    let e = expr::normalize(c.dialect, g);
    let stored = if c.eat_kw("stored") || c.eat_kw("persistent") {
        true
    } else {
        c.eat_kw("virtual");
        c.dialect == Dialect::Postgres
    };
    Ok(Generated { expr: e, stored })
}

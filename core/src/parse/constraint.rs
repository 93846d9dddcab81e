//! Constraints: reading table-level (and the shared parts of column-level) constraint clauses,
//! and adding them to a table under the name the engine would give them.

use super::cursor::{Cursor, PResult};
use super::expr;
use super::index;
use super::name_index::NameIndex;
use super::names::{self, implicit_name, Kind};
use crate::model::{Constraint, ConstraintKind, Deferrable, FkAction, FkMatch, Index, IndexParams, Schema, Table};
use crate::Dialect;
use sqlparser::tokenizer::Token;

/// A constraint as read, before its implicit name is chosen.
#[derive(Clone, Debug)]
pub struct Raw {
    pub name: Option<String>,
    pub kind: ConstraintKind,
    pub deferrable: Deferrable,
    pub not_valid: bool,
    pub index: IndexParams,
    pub not_enforced: bool,
    pub on_conflict: Option<String>,
    /// The column it was declared on, for column-level constraints.
    pub column: Option<String>,
}

/// What a table element other than a column is.
pub enum Item {
    Constraint(Raw),
    /// A MySQL `KEY`/`INDEX`/`FULLTEXT`/`SPATIAL` index; `name` empty when unnamed.
    Index(Index),
    /// PostgreSQL `[CONSTRAINT c] PRIMARY KEY|UNIQUE USING INDEX idx`: the index becomes the
    /// constraint's (and takes its name).
    UsingIndex {
        name: Option<String>,
        primary: bool,
        index: String,
        deferrable: Deferrable,
    },
}

/// Is the cursor at a table-level constraint or index (rather than a column definition)?
pub fn at_table_item(c: &Cursor) -> bool {
    let kws = ["constraint", "primary", "unique", "foreign", "check", "exclude"];
    if kws.iter().any(|k| c.is_kw(k)) {
        return true;
    }
    c.dialect == Dialect::Mysql
        && ["key", "index", "fulltext", "spatial", "vector"].iter().any(|k| c.is_kw(k))
        && !matches!(c.peek_at(1), Some(Token::Word(w)) if ["int", "varchar", "text", "integer", "bigint"].contains(&w.value.to_ascii_lowercase().as_str()))
}

/// Read a table-level constraint or MySQL index definition.
pub fn read_item(c: &mut Cursor) -> PResult<Item> {
    let d = c.dialect;
    let mut name = None;
    if c.eat_kw("constraint") {
        // `CONSTRAINT name KIND ...`; MySQL also allows `CONSTRAINT KIND ...` without a name.
        let starts = ["primary", "unique", "foreign", "check", "exclude", "key", "index"];
        if starts.iter().any(|k| c.is_kw_at(1, k)) {
            name = Some(c.decl_ident(super::names::Declared::Key)?);
        }
    }
    for (kws, primary) in [(&["primary", "key", "using", "index"][..], true), (&["unique", "using", "index"][..], false)] {
        if c.eat_kws(kws) {
            let index = c.ident(Kind::Local)?;
            let deferrable = read_deferrable(c).unwrap_or_default();
            return Ok(Item::UsingIndex { name, primary, index, deferrable });
        }
    }
    let mut params = IndexParams::default();
    let kind = if c.eat_kws(&["primary", "key"]) {
        if d == Dialect::Mysql {
            skip_index_name_and_type(c)?;
        }
        let at = c.position();
        let elems = index::read_elems(c)?;
        if d == Dialect::Mysql {
            // MySQL/MariaDB keep a primary key's column prefixes and directions; an
            // expression is refused by the engine (no functional primary key).
            if let Some(e) = elems.iter().find(|e| e.is_expr) {
                let message = format!("a PRIMARY KEY part cannot be an expression (`{}`): the engine refuses it", e.expr);
                return Err(super::cursor::PErr::at(at, message));
            }
            params.key_parts = crate::model::KeyPart::of(&elems);
        } else {
            for e in elems.iter().filter(|e| !plain_key_part(e)) {
                super::names::not_carried(at, format!("the prefix length, DESC or expression of PRIMARY KEY part `{}`", e.expr));
            }
        }
        ConstraintKind::PrimaryKey { columns: elems.into_iter().map(|e| e.expr).collect() }
    } else if c.eat_kw("unique") {
        let mut nnd = false;
        if c.eat_kws(&["nulls", "not", "distinct"]) {
            nnd = true;
        } else {
            c.eat_kws(&["nulls", "distinct"]);
        }
        if d == Dialect::Mysql {
            let _ = c.eat_kw("key") || c.eat_kw("index");
            if !c.is(&Token::LParen) && !c.is_kw("using") {
                let n = c.decl_ident(super::names::Declared::Key)?;
                if name.is_none() {
                    name = Some(n);
                }
            }
            skip_index_name_and_type(c)?;
            let elems = index::read_elems(c)?;
            if !elems.iter().all(plain_key_part) {
                // A key on column prefixes, descending or on expressions: a unique index, which
                // keeps its key parts (`UNIQUE KEY u (name(10))` is unique on the prefix).
                let mut ix = index::empty(name.unwrap_or_default());
                ix.unique = true;
                ix.elems = elems;
                index::read_mysql_options(c, &mut ix)?;
                return Ok(Item::Index(ix));
            }
            ConstraintKind::Unique { columns: elems.into_iter().map(|e| e.expr).collect(), nulls_not_distinct: nnd }
        } else {
            ConstraintKind::Unique { columns: key_columns(c)?, nulls_not_distinct: nnd }
        }
    } else if c.eat_kws(&["foreign", "key"]) {
        if !c.is(&Token::LParen) {
            // MySQL `FOREIGN KEY index_name (cols)`: the index name is used when no symbol is.
            let n = c.decl_ident(super::names::Declared::Key)?;
            if name.is_none() {
                name = Some(n);
            }
        }
        let columns = c.ident_list(Kind::Local)?;
        let (kind, deferrable) = read_references(c, columns)?;
        return finish(
            c,
            Raw {
                name,
                kind,
                deferrable,
                not_valid: false,
                not_enforced: false,
                on_conflict: None,
                index: IndexParams::default(),
                column: None,
            },
        );
    } else if c.eat_kw("check") {
        let e = c.expr_group("CHECK expression")?;
        let no_inherit = c.eat_kws(&["no", "inherit"]);
        ConstraintKind::Check { expr: expr::normalize(d, e), no_inherit }
    } else if c.eat_kw("exclude") {
        // Canonical `USING method (elements) [INCLUDE (...)] [WITH (...)] [WHERE (predicate)]`.
        let method = if c.eat_kw("using") { c.word()?.value.to_lowercase() } else { "btree".to_string() };
        let elems = expr::normalize(d, c.group()?);
        let mut def = format!("USING {method} ({elems})");
        while !c.at_end() && !c.is_kw("deferrable") && !c.is_kw("initially") && !c.is_kw("not") {
            if c.eat_kw("where") {
                def.push_str(&format!(" WHERE ({})", expr::normalize(d, c.expr_group("exclusion predicate (WHERE)")?)));
            } else if c.eat_kw("include") || c.eat_kw("with") {
                let kw = c.toks[c.pos - 1].t.to_string().to_ascii_uppercase();
                def.push_str(&format!(" {kw} ({})", expr::normalize(d, c.group()?)));
            } else if c.eat_kws(&["using", "index", "tablespace"]) {
                if let Some(ts) = super::storage::tablespace(c)? {
                    def.push_str(&format!(" USING INDEX TABLESPACE {}", crate::quote::ident(d, &ts)));
                }
            } else {
                return c.err("unexpected text in EXCLUDE constraint");
            }
        }
        ConstraintKind::Exclude { definition: def }
    } else if d == Dialect::Mysql {
        let mut kind = None;
        if c.eat_kw("fulltext") {
            kind = Some("FULLTEXT".to_string());
        } else if c.eat_kw("spatial") {
            kind = Some("SPATIAL".to_string());
        } else if c.eat_kw("vector") {
            kind = Some("VECTOR".to_string());
        }
        let keyword = c.eat_kw("key") || c.eat_kw("index");
        if kind.is_none() && !keyword {
            // `PRIMARY (id)`, `FOREIGN (a) ...`, `CONSTRAINT c (a)`: a key word missing, not an
            // index named `PRIMARY` (which would drop the primary key).
            return c.err("expected PRIMARY KEY, UNIQUE, FOREIGN KEY, CHECK, KEY or INDEX");
        }
        let mut n = String::new();
        if !c.is(&Token::LParen) && !c.is_kw("using") {
            n = c.decl_ident(super::names::Declared::Key)?;
        }
        let mut ix = index::empty(n);
        ix.kind = kind;
        if c.eat_kw("using") {
            ix.method = index::method(d, &c.word()?.value);
        }
        ix.elems = index::read_elems(c)?;
        index::read_mysql_options(c, &mut ix)?;
        return Ok(Item::Index(ix));
    } else {
        return c.err("expected a constraint");
    };
    finish(
        c,
        Raw {
            name,
            kind,
            deferrable: Deferrable::NotDeferrable,
            not_valid: false,
            not_enforced: false,
            on_conflict: None,
            index: params,
            column: None,
        },
    )
}

fn finish(c: &mut Cursor, mut raw: Raw) -> PResult<Item> {
    // Trailing options: index parameters, deferrability, NOT VALID, SQLite conflict clauses.
    while !c.at_end() && !c.is(&Token::Comma) {
        if let Some(df) = read_deferrable(c) {
            raw.deferrable = df;
        } else if c.eat_kws(&["not", "valid"]) {
            raw.not_valid = true;
        } else if c.dialect == Dialect::Postgres && c.eat_kws(&["using", "index", "tablespace"]) {
            raw.index.tablespace = super::storage::tablespace(c)?;
        } else if c.dialect == Dialect::Postgres && c.eat_kw("include") {
            raw.index.include = c.ident_list(Kind::Local)?;
        } else if c.dialect == Dialect::Postgres && c.eat_kw("with") {
            let p = super::storage::params(c)?;
            raw.index.with = super::storage::with_params(raw.index.with.as_deref(), p, false);
        } else if c.eat_kws(&["on", "conflict"]) {
            raw.on_conflict = on_conflict(c)?;
        } else if c.eat_kws(&["using", "index", "tablespace"]) {
            c.next();
        } else if c.is_kw("using") {
            let at = c.position();
            c.next();
            let method = c.word()?.value.to_ascii_uppercase();
            // InnoDB keys are B-trees: only another method is worth a word.
            if method != "BTREE" {
                super::names::not_carried(at, format!("`USING {method}` of a key constraint"));
            }
        } else if c.eat_kw("include") || c.eat_kw("with") {
            c.group()?;
        } else if c.eat_kw("comment") {
            // MySQL key comments (PRIMARY KEY / UNIQUE ... COMMENT '...').
            raw.index.comment = Some(c.string()?);
        } else if c.eat_kw("enforced") {
            raw.not_enforced = false;
        } else if c.eat_kws(&["not", "enforced"]) {
            raw.not_enforced = true;
        } else if c.is_kw("key_block_size") || c.is_kw("visible") || c.is_kw("invisible") {
            let (at, what) = (c.position(), c.word()?.value.to_ascii_uppercase());
            if c.eat(&Token::Eq) {
                c.next();
            }
            if what != "VISIBLE" {
                super::names::not_carried(at, format!("`{what}` of a key constraint"));
            }
        } else {
            return c.err("unexpected text after constraint");
        }
    }
    Ok(Item::Constraint(raw))
}

/// SQLite's conflict resolution after `ON CONFLICT`; `ABORT`, the default, is `None`.
pub fn on_conflict(c: &mut Cursor) -> PResult<Option<String>> {
    let w = c.word()?.value.to_ascii_uppercase();
    match w.as_str() {
        "ABORT" => Ok(None),
        "ROLLBACK" | "FAIL" | "IGNORE" | "REPLACE" => Ok(Some(w)),
        _ => c.err("expected ROLLBACK, ABORT, FAIL, IGNORE or REPLACE"),
    }
}

/// MySQL: optional index name and `USING BTREE|HASH` before the key column list.
fn skip_index_name_and_type(c: &mut Cursor) -> PResult<()> {
    if !c.is(&Token::LParen) && !c.is_kw("using") {
        c.word()?;
    }
    if c.is_kw("using") {
        let at = c.position();
        c.next();
        let method = c.word()?.value.to_ascii_uppercase();
        if method != "BTREE" {
            super::names::not_carried(at, format!("`USING {method}` of a key constraint"));
        }
    }
    Ok(())
}

/// A MySQL key part a key constraint carries: a whole column, ascending.
pub fn plain_key_part(e: &crate::model::IndexElem) -> bool {
    e.prefix_len.is_none() && !e.desc && !e.is_expr
}

/// The key columns of a PostgreSQL / SQLite UNIQUE.
fn key_columns(c: &mut Cursor) -> PResult<Vec<String>> {
    let elems = index::read_elems(c)?;
    Ok(elems.into_iter().map(|e| e.expr).collect())
}

/// `REFERENCES t [(cols)] [MATCH ...] [ON DELETE ...] [ON UPDATE ...] [DEFERRABLE ...]`.
pub fn read_references(c: &mut Cursor, columns: Vec<String>) -> PResult<(ConstraintKind, Deferrable)> {
    c.expect_kw("references")?;
    let ref_table = c.qname()?;
    let ref_columns = if c.is(&Token::LParen) { c.ident_list(Kind::Local)? } else { Vec::new() };
    let (mut on_delete, mut on_update, mut match_type) = (FkAction::NoAction, FkAction::NoAction, FkMatch::Simple);
    let mut deferrable = Deferrable::NotDeferrable;
    loop {
        if c.eat_kw("match") {
            match_type = if c.eat_kw("full") {
                FkMatch::Full
            } else if c.eat_kw("partial") {
                FkMatch::Partial
            } else {
                c.expect_kw("simple")?;
                FkMatch::Simple
            };
        } else if c.eat_kws(&["on", "delete"]) {
            on_delete = action(c)?;
        } else if c.eat_kws(&["on", "update"]) {
            on_update = action(c)?;
        } else if let Some(df) = read_deferrable(c) {
            deferrable = df;
        } else {
            break;
        }
    }
    let kind = ConstraintKind::ForeignKey { columns, ref_table, ref_columns, on_delete, on_update, match_type };
    Ok((kind, deferrable))
}

fn action(c: &mut Cursor) -> PResult<FkAction> {
    Ok(if c.eat_kw("cascade") {
        FkAction::Cascade
    } else if c.eat_kw("restrict") {
        // MySQL/MariaDB check foreign keys immediately: RESTRICT is the default there, and
        // SHOW CREATE TABLE (so a dump) leaves it out.
        if c.dialect == Dialect::Mysql {
            FkAction::NoAction
        } else {
            FkAction::Restrict
        }
    } else if c.eat_kws(&["set", "null"]) {
        FkAction::SetNull
    } else if c.eat_kws(&["set", "default"]) {
        FkAction::SetDefault
    } else if c.eat_kws(&["no", "action"]) {
        // MariaDB keeps an explicit NO ACTION (SHOW CREATE TABLE shows it; RESTRICT it omits).
        if c.dialect == Dialect::Mysql {
            FkAction::NoActionStated
        } else {
            FkAction::NoAction
        }
    } else {
        return c.err("expected a referential action");
    })
}

/// `DEFERRABLE [INITIALLY DEFERRED|IMMEDIATE]`, `NOT DEFERRABLE`, `INITIALLY ...`.
pub fn read_deferrable(c: &mut Cursor) -> Option<Deferrable> {
    if c.eat_kws(&["not", "deferrable"]) {
        c.eat_kws(&["initially", "immediate"]);
        return Some(Deferrable::NotDeferrable);
    }
    if c.eat_kw("deferrable") {
        if c.eat_kws(&["initially", "deferred"]) {
            return Some(Deferrable::InitiallyDeferred);
        }
        c.eat_kws(&["initially", "immediate"]);
        return Some(Deferrable::InitiallyImmediate);
    }
    if c.eat_kws(&["initially", "deferred"]) {
        return Some(Deferrable::InitiallyDeferred);
    }
    if c.eat_kws(&["initially", "immediate"]) {
        return Some(Deferrable::NotDeferrable);
    }
    None
}

/// `(column as SQL, type)` pairs of a table, for `pg_forms::drop_column_casts`. A column of a
/// domain has the type at the bottom of the domain's chain, without modifiers: PostgreSQL
/// resolves operators on it and casts to it (`(x)::date = ANY (ARRAY['a'::date, ...])` for a
/// domain over `date`).
pub fn column_types(schema: &Schema, table: &Table) -> Vec<(String, String)> {
    table
        .columns
        .iter()
        .map(|c| {
            let ty = match c.data_type.user_defined && c.data_type.array_dims == 0 {
                true => super::domain::domain_root(schema, &c.data_type).unwrap_or_else(|| c.data_type.to_string()),
                false => c.data_type.to_string(),
            };
            (expr::ident_sql(Dialect::Postgres, &c.name), ty)
        })
        .collect()
}

/// Add a constraint to the table under its explicit or implicit name; returns the name.
pub fn add(schema: &Schema, names: &mut NameIndex, table: &mut Table, raw: Raw) -> Option<String> {
    let name = match &raw.name {
        Some(n) => Some(explicit_name(schema.dialect, n, &raw.kind)),
        None => implicit_name(schema, names, table, &raw),
    };
    push(schema, table, raw, name)
}

/// The name a constraint written with name `n` gets.
fn explicit_name(d: Dialect, n: &str, kind: &ConstraintKind) -> String {
    match d {
        Dialect::Postgres => names::pg_truncate(n),
        Dialect::Mysql if matches!(kind, ConstraintKind::PrimaryKey { .. }) => "PRIMARY".to_string(),
        _ => n.to_string(),
    }
}

/// Add the constraint under `name`; returns the name.
fn push(schema: &Schema, table: &mut Table, raw: Raw, name: Option<String>) -> Option<String> {
    let d = schema.dialect;
    let mut raw = raw;
    let cast_text = match &raw.kind {
        ConstraintKind::Check { expr, .. } => expr.as_str(),
        ConstraintKind::Exclude { definition } => definition.as_str(),
        _ => "",
    };
    if d == Dialect::Postgres && super::pg_forms::may_drop_casts(cast_text) {
        let cols = column_types(schema, table);
        match &mut raw.kind {
            ConstraintKind::Check { expr, .. } => *expr = super::pg_forms::drop_column_casts(expr, &cols),
            ConstraintKind::Exclude { definition } => *definition = super::pg_forms::drop_column_casts(definition, &cols),
            _ => {}
        }
    }
    if matches!(raw.kind, ConstraintKind::PrimaryKey { .. }) {
        // A primary key makes its columns NOT NULL (not in SQLite: see the column parser).
        let implies_not_null = d != Dialect::Sqlite;
        for col in raw.kind.columns().to_vec().into_iter().filter(|_| implies_not_null) {
            if let Some(c) = table.column_mut(&col) {
                c.nullable = false;
            }
        }
        table.constraints.retain(|c| !matches!(c.kind, ConstraintKind::PrimaryKey { .. }));
    }
    table.constraints.push(Constraint {
        name: name.clone(),
        kind: raw.kind,
        deferrable: raw.deferrable,
        not_valid: raw.not_valid,
        not_enforced: raw.not_enforced,
        on_conflict: raw.on_conflict,
        index: raw.index,
    });
    name
}

#[cfg(test)]
mod tests {
    #[test]
    fn mysql_primary_key_parts_are_modelled_and_an_expression_part_is_an_error() {
        let p = crate::parse::parse(
            crate::Dialect::Mysql,
            "CREATE TABLE t (a varchar(20) NOT NULL, b int NOT NULL, PRIMARY KEY (a(5), b DESC));",
        );
        assert!(p.diagnostics.is_empty(), "{:#?}", p.diagnostics);
        let t = &p.schema.tables[&crate::model::QName::new("", "t")];
        let parts = &t.primary_key().map(|k| k.index.key_parts.clone()).unwrap_or_default();
        assert_eq!(
            parts,
            &vec![crate::model::KeyPart { prefix_len: Some(5), desc: false }, crate::model::KeyPart { prefix_len: None, desc: true }]
        );
        let p = crate::parse::parse(crate::Dialect::Mysql, "CREATE TABLE t (a int NOT NULL,\n  PRIMARY KEY ((a + 1)));");
        let e = p.diagnostics.iter().find(|d| d.is_error()).map(|d| (d.line, d.column, d.message.clone()));
        assert!(e.as_ref().is_some_and(|(l, c, m)| (*l, *c) == (2, 15) && m.contains("cannot be an expression")), "{e:?}");
    }

    #[test]
    fn mysql_a_missing_key_word_is_an_error_not_an_index_named_primary() {
        for (item, col) in [("PRIMARY  (id)", 3), ("FOREIGN (id) REFERENCES p (id)", 3), ("CONSTRAINT c (id)", 14)] {
            let p = crate::parse::parse(crate::Dialect::Mysql, &format!("CREATE TABLE t (id int NOT NULL,\n  {item});"));
            let e = p.diagnostics.iter().find(|d| d.is_error()).map(|d| (d.line, d.column, d.message.clone()));
            assert!(e.as_ref().is_some_and(|(l, c, m)| (*l, *c) == (2, col) && m.contains("expected PRIMARY KEY")), "{item}: {e:?}");
        }
        for ok in ["KEY (id)", "INDEX ix (id)", "UNIQUE (id)", "FULLTEXT (b)", "PRIMARY KEY (id)"] {
            let p = crate::parse::parse(crate::Dialect::Mysql, &format!("CREATE TABLE t (id int NOT NULL, b text, {ok});"));
            assert!(!p.diagnostics.iter().any(|d| d.is_error()), "{ok}: {:#?}", p.diagnostics);
        }
    }

    use crate::model::{ConstraintKind, FkAction, QName};
    use crate::parse::parse;
    use crate::Dialect;

    fn on_update(d: Dialect, schema: &str) -> FkAction {
        let p = parse(d, "CREATE TABLE p (id int PRIMARY KEY); CREATE TABLE c (pid int REFERENCES p (id) ON UPDATE RESTRICT);");
        let t = &p.schema.tables[&QName::new(schema, "c")];
        let kind = t.foreign_keys().next().map(|k| k.kind.clone());
        match kind {
            Some(ConstraintKind::ForeignKey { on_update, .. }) => on_update,
            other => panic!("no foreign key: {other:?}"),
        }
    }

    #[test]
    fn restrict_is_no_action_in_mysql_only() {
        assert_eq!(on_update(Dialect::Mysql, ""), FkAction::NoAction);
        assert_eq!(on_update(Dialect::Postgres, "public"), FkAction::Restrict);
    }
}

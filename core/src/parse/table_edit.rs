//! Edits of a table's parts for `ALTER TABLE`: dropping columns, constraints and indexes,
//! altering a column, and keeping references (constraints, indexes, foreign keys of other
//! tables, sequence ownership) in step with column and table renames.

use super::cursor::{Cursor, PResult};
use super::names::Kind;
use super::{types, State};
use crate::model::{ConstraintKind, Identity, IdentityKind, QName, Table};
use sqlparser::tokenizer::Token;

pub fn drop_action(c: &mut Cursor, table: &mut Table) -> PResult<()> {
    if c.eat_kw("constraint") || c.eat_kws(&["foreign", "key"]) || c.eat_kw("check") {
        let if_exists = c.eat_kws(&["if", "exists"]);
        let n = c.ident(Kind::Local)?;
        let _ = c.eat_kw("cascade") || c.eat_kw("restrict");
        let before = table.constraints.len();
        table.constraints.retain(|k| k.name.as_deref() != Some(&n));
        if table.constraints.len() == before && !if_exists {
            return c.err(format!("unknown constraint `{n}`"));
        }
        return Ok(());
    }
    if c.eat_kws(&["primary", "key"]) {
        table.constraints.retain(|k| !matches!(k.kind, ConstraintKind::PrimaryKey { .. }));
        return Ok(());
    }
    if c.eat_kw("index") || c.eat_kw("key") {
        let if_exists = c.eat_kws(&["if", "exists"]);
        let n = c.ident(Kind::Local)?;
        let before = table.indexes.len() + table.constraints.len();
        table.indexes.retain(|i| i.name != n);
        table.constraints.retain(|k| k.name.as_deref() != Some(&n) || matches!(k.kind, ConstraintKind::ForeignKey { .. }));
        if table.indexes.len() + table.constraints.len() == before && !if_exists {
            return c.err(format!("unknown index `{n}`"));
        }
        return Ok(());
    }
    c.eat_kw("column");
    let if_exists = c.eat_kws(&["if", "exists"]);
    let n = c.ident(Kind::Local)?;
    let _ = c.eat_kw("cascade") || c.eat_kw("restrict");
    if table.column(&n).is_none() {
        if if_exists {
            return Ok(());
        }
        return c.err(format!("unknown column `{n}`"));
    }
    super::drop_column::drop_column(c, table, &n)
}

pub fn alter_column(c: &mut Cursor, table: &mut Table, name: &str) -> PResult<()> {
    let d = c.dialect;
    let Some(col) = table.column_mut(name) else {
        return c.err(format!("unknown column `{name}`"));
    };
    if c.eat_kws(&["set", "default"]) {
        let at = c.position();
        let toks = c.until(|_| false);
        super::complete::check(toks, at, "DEFAULT expression")?;
        col.default = super::defaults::default_value(d, toks, &col.data_type);
        if col.inherited && col.default.as_deref() == Some("NULL") {
            // pg_dump's way to give a child no default where its parent has one: the engine
            // stores no default for a null constant.
            col.default = None;
        }
    } else if c.eat_kws(&["drop", "default"]) {
        col.default = None;
    } else if c.eat_kws(&["set", "not", "null"]) {
        col.nullable = false;
    } else if c.eat_kws(&["drop", "not", "null"]) {
        col.nullable = true;
    } else if c.eat_kws(&["set", "data", "type"]) || c.eat_kw("type") {
        let rt = types::read_type(c)?;
        col.data_type = rt.data_type;
        super::storage::type_changed(col);
        if c.eat_kw("collate") {
            col.collation = Some(c.qname()?.name);
        }
        if c.eat_kw("using") {
            c.until(|_| false);
        }
    } else if c.eat_kw("add") {
        c.expect_kw("generated")?;
        let kind = if c.eat_kw("always") {
            IdentityKind::Always
        } else {
            c.expect_kw("by")?;
            c.expect_kw("default")?;
            IdentityKind::ByDefault
        };
        c.expect_kw("as")?;
        c.expect_kw("identity")?;
        let options = if c.is(&Token::LParen) { super::sequence::identity_options(d, c.group()?)? } else { None };
        col.identity = Some(Identity { kind, options });
        col.nullable = false;
    } else if c.eat_kws(&["drop", "identity"]) {
        c.eat_kws(&["if", "exists"]);
        col.identity = None;
    } else if d == crate::Dialect::Postgres && col.identity.is_some() && identity_change(c) {
        alter_identity(c, col)?;
    } else if d == crate::Dialect::Postgres && super::storage::column_action(c, col)? {
    } else if d == crate::Dialect::Mysql && c.eat_kws(&["set", "invisible"]) {
        col.invisible = true;
    } else if d == crate::Dialect::Mysql && c.eat_kws(&["set", "visible"]) {
        col.invisible = false;
    } else if c.eat_kw("set") || c.eat_kw("reset") {
        // SET STATISTICS / STORAGE / (options): physical, no schema effect.
        c.until(|_| false);
    } else {
        return c.err("unsupported ALTER COLUMN action");
    }
    Ok(())
}

/// At an identity column's `SET GENERATED ...`, `SET <sequence option>` or `RESTART`.
fn identity_change(c: &Cursor) -> bool {
    c.is_kw("restart")
        || (c.is_kw("set")
            && ["generated", "increment", "start", "minvalue", "maxvalue", "no", "cache", "cycle"].iter().any(|k| c.is_kw_at(1, k)))
}

/// PostgreSQL's `ALTER COLUMN c { SET GENERATED { ALWAYS | BY DEFAULT } | SET sequence_option |
/// RESTART [[WITH] n] } [...]` of an identity column: the kind and the options the model keeps
/// (`RESTART` moves the counter only).
fn alter_identity(c: &mut Cursor, col: &mut crate::model::Column) -> PResult<()> {
    let Some(identity) = col.identity.as_mut() else { return c.err("not an identity column") };
    let mut options: Vec<super::cursor::Tok> = Vec::new();
    while !c.at_end() {
        if c.eat_kw("restart") {
            c.eat_kw("with");
            if matches!(c.peek(), Some(Token::Number(..))) {
                c.next();
            }
        } else if c.eat_kws(&["set", "generated"]) {
            identity.kind = if c.eat_kw("always") {
                IdentityKind::Always
            } else {
                c.expect_kw("by")?;
                c.expect_kw("default")?;
                IdentityKind::ByDefault
            };
        } else if c.eat_kw("set") {
            options.extend(c.until(|c| c.is_kw("set") || c.is_kw("restart")).iter().cloned());
        } else {
            return c.err("unexpected text in an identity column's ALTER");
        }
    }
    if !options.is_empty() {
        let old = identity.options.clone().unwrap_or_default();
        let (mut toks, _) = super::cursor::tokenize(c.dialect, &old, 1, 1)?;
        toks.extend(options);
        identity.options = super::sequence::identity_options(c.dialect, &toks)?;
    }
    Ok(())
}

/// Rename a column and every reference to it in the table.
pub fn rename_column(d: crate::Dialect, table: &mut Table, old: &str, new: &str) {
    if let Some(col) = table.column_mut(old) {
        col.name = new.to_string();
    }
    table.column_spellings.remove(old);
    // MariaDB names a check written in a column's definition after the column, and renames it
    // with the column.
    if let Some(k) = table.column_checks.iter().find(|(k, col)| *col == old && *k == old).map(|(k, _)| k.clone()) {
        table.column_checks.remove(&k);
        if let Some(c) = table.constraints.iter_mut().find(|c| c.name.as_deref() == Some(old)) {
            c.name = Some(new.to_string());
        }
        table.column_checks.insert(new.to_string(), new.to_string());
        table.canonicalize();
    }
    for col in table.column_checks.values_mut().filter(|c| *c == old) {
        *col = new.to_string();
    }
    super::rename_refs::column_in_table(d, table, old, new);
    let fix = |v: &mut Vec<String>| v.iter_mut().filter(|x| *x == old).for_each(|x| *x = new.to_string());
    for k in &mut table.constraints {
        match &mut k.kind {
            ConstraintKind::PrimaryKey { columns } | ConstraintKind::Unique { columns, .. } => fix(columns),
            ConstraintKind::ForeignKey { columns, ref_table, ref_columns, .. } => {
                fix(columns);
                if *ref_table == table.name {
                    fix(ref_columns);
                }
            }
            _ => {}
        }
    }
    for ix in &mut table.indexes {
        for e in ix.elems.iter_mut().filter(|e| !e.is_expr && e.expr == old) {
            e.expr = new.to_string();
        }
    }
}

/// After a table rename: foreign keys, sequence ownership, partitions and children, the indexes
/// MySQL made for its foreign keys, what `rename_refs` rewrites and the history's rename records
/// (`history_renames`, `at`: the statement) follow the table.
pub fn retarget_table(st: &mut State, old: &QName, new: &QName, at: (usize, usize)) {
    super::rename_refs::table_elsewhere(st, old, new);
    super::history_renames::table(st, old, new, at);
    let made: Vec<String> = st.mysql_implicit_fk.iter().filter(|(t, _)| t == old).map(|(_, i)| i.clone()).collect();
    for ix in made {
        st.mysql_implicit_fk.remove(&(old.clone(), ix.clone()));
        st.mysql_implicit_fk.insert((new.clone(), ix));
    }
    for t in st.schema.tables.values_mut() {
        for k in &mut t.constraints {
            if let ConstraintKind::ForeignKey { ref_table, .. } = &mut k.kind {
                if ref_table == old {
                    *ref_table = new.clone();
                }
            }
        }
        if let Some(p) = t.options.partition_of.as_mut().filter(|p| &p.parent == old) {
            p.parent = new.clone();
        }
        t.options.inherits.iter_mut().filter(|q| *q == old).for_each(|q| *q = new.clone());
    }
    for s in st.schema.sequences.values_mut() {
        if let Some((t, _)) = &mut s.owned_by {
            if t == old {
                *t = new.clone();
            }
        }
    }
}

/// After a column rename: foreign keys of other tables that reference it, and what
/// `rename_refs` rewrites, follow.
pub fn retarget_column(st: &mut State, table: &QName, old: &str, new: &str) {
    super::rename_refs::column_elsewhere(st, table, old, new);
    for t in st.schema.tables.values_mut() {
        for k in &mut t.constraints {
            if let ConstraintKind::ForeignKey { ref_table, ref_columns, .. } = &mut k.kind {
                if ref_table == table {
                    ref_columns.iter_mut().filter(|c| *c == old).for_each(|c| *c = new.to_string());
                }
            }
        }
    }
    for s in st.schema.sequences.values_mut() {
        if let Some((t, c)) = &mut s.owned_by {
            if t == table && c == old {
                *c = new.to_string();
            }
        }
    }
}

//! `ALTER TABLE` (and the `ALTER` statements of other objects, dispatched from here): column,
//! constraint and index changes, renames, RLS flags and MySQL `MODIFY`/`CHANGE`, applied in
//! order to the table.

use super::constraint;
use super::create_table::{self, add_column, add_item};
use super::cursor::{Cursor, PResult};
use super::names::Kind;
use super::table_edit::{alter_column, drop_action, rename_column, retarget_column, retarget_table};
use super::{column, expr, objects, renames, Outcome, State, Stmt};
use crate::model::{Partition, QName, RenameKind, Table};
use crate::Dialect;
use sqlparser::tokenizer::Token;

pub fn alter(st: &mut State, stmt: &Stmt, mut c: Cursor) -> PResult<Outcome> {
    c.expect_kw("alter")?;
    // Owners (diffed with `--owners`), default privileges, objects kept whole.
    let owner = super::privileges::owner(st, stmt);
    if c.is_kw("table") && owner.is_none() {
        c.next();
        return alter_table(st, stmt, c);
    }
    if let Some(o) = owner {
        return Ok(o);
    }
    if st.d == Dialect::Postgres && c.is_kw("default") {
        return super::privileges::alter_default(st, &mut c);
    }
    if let Some(o) = super::opaque::alter(st, stmt, &mut c) {
        return o;
    }
    if c.eat_kw("sequence") {
        return super::sequence::alter_sequence(st, c);
    }
    if c.eat_kw("view") || c.eat_kws(&["materialized", "view"]) {
        c.eat_kws(&["if", "exists"]);
        let old = c.qname()?;
        if c.eat_kws(&["rename", "to"]) {
            let new = QName::new(old.schema.clone(), c.ident(Kind::Object)?);
            let Some(mut v) = st.schema.views.remove(&old) else {
                return c.err(format!("unknown view `{old}`"));
            };
            v.name = new.clone();
            st.schema.views.insert(new.clone(), v);
            // Views reading it, its triggers and privileges follow (`rename_refs`).
            super::rename_refs::table_elsewhere(st, &old, &new);
            return Ok(Outcome::Applied);
        }
        if st.d == Dialect::Postgres && c.is_kw("alter") {
            let Some(v) = st.schema.views.get_mut(&old) else {
                return c.err(format!("unknown view `{old}`"));
            };
            if super::view_columns::alter_column(&mut c, v)? && c.at_end() {
                return Ok(Outcome::Applied);
            }
            return c.err("unexpected text after ALTER VIEW ... ALTER COLUMN");
        }
        if st.d == Dialect::Postgres && (c.is_kw_at(1, "tablespace") || c.is_kw_at(1, "access")) && c.eat_kw("set") {
            let Some(v) = st.schema.views.get_mut(&old).filter(|v| v.materialized) else {
                return c.err(format!("unknown materialized view `{old}`"));
            };
            if c.eat_kw("tablespace") {
                v.storage.tablespace = super::storage::tablespace(&mut c)?;
            } else {
                c.expect_kw("access")?;
                c.expect_kw("method")?;
                v.storage.access_method = super::storage::access_method(&mut c)?;
            }
            return if c.at_end() { Ok(Outcome::Applied) } else { c.err("unexpected text after ALTER MATERIALIZED VIEW SET") };
        }
        let reset = c.is_kw("reset");
        if st.d == Dialect::Postgres && (reset || c.is_kw("set")) && c.peek_at(1) == Some(&Token::LParen) {
            c.next();
            let p = super::storage::params(&mut c)?;
            let Some(v) = st.schema.views.get_mut(&old) else {
                return c.err(format!("unknown view `{old}`"));
            };
            super::storage::set_view_params(&mut v.options, &mut v.with_check_option, p, reset);
            return Ok(Outcome::Applied);
        }
        return c.err("unsupported ALTER VIEW action");
    }
    if c.eat_kw("type") {
        return objects::alter_type(st, c);
    }
    if st.d == Dialect::Postgres && c.eat_kw("domain") {
        return super::domain::alter_domain(st, c);
    }
    if c.eat_kw("index") {
        let at = c.position();
        c.eat_kws(&["if", "exists"]);
        let old = c.qname()?;
        if c.eat_kws(&["rename", "to"]) {
            let new = c.ident(Kind::Local)?;
            let Some(owner) = st.names.owner_of(&st.schema, &old) else {
                return c.err(format!("unknown index `{old}`"));
            };
            let mut kind = None;
            if let Some(t) = st.schema.tables.get_mut(&owner) {
                if t.options.cluster_on.as_deref() == Some(old.name.as_str()) {
                    t.options.cluster_on = Some(new.clone());
                }
                if let Some(ix) = t.indexes.iter_mut().find(|i| i.name == old.name) {
                    ix.name = new.clone();
                    kind = Some(RenameKind::Index);
                } else if let Some(k) = t.constraints.iter_mut().find(|k| k.name.as_deref() == Some(&old.name)) {
                    k.name = Some(new.clone());
                    kind = Some(RenameKind::Constraint);
                }
            }
            if let Some(kind) = kind {
                super::history_renames::object(st, kind, &owner, &old.name, &new, at);
            }
            st.names.note(&owner, &new);
            st.names.kept = true;
            return Ok(Outcome::Applied);
        }
        if st.d == Dialect::Postgres && c.eat_kws(&["attach", "partition"]) {
            let index = c.qname()?;
            if !c.at_end() {
                return c.err("unexpected text after ALTER INDEX ... ATTACH PARTITION");
            }
            return match super::partitions::attach_partition_index(st, &old, &index) {
                Ok(()) => Ok(Outcome::Applied),
                Err(e) => c.err(e),
            };
        }
        if st.d == Dialect::Postgres {
            let owner = st.names.owner_of(&st.schema, &old);
            if let Some(t) = owner.and_then(|o| st.schema.tables.get_mut(&o)) {
                if let Some(ix) = t.indexes.iter_mut().find(|i| i.name == old.name) {
                    if super::storage::index_action(&mut c, ix)? {
                        return Ok(Outcome::Applied);
                    }
                } else if let Some(k) = t.constraints.iter_mut().find(|k| k.name.as_deref() == Some(&old.name)) {
                    // The index of a primary key or unique constraint.
                    let mut ix = super::index::empty(old.name.clone());
                    ix.with = k.index.with.clone();
                    ix.tablespace = k.index.tablespace.clone();
                    if super::storage::index_action(&mut c, &mut ix)? {
                        k.index.with = ix.with;
                        k.index.tablespace = ix.tablespace;
                        return Ok(Outcome::Applied);
                    }
                }
            }
        }
        if c.is_kw("set") || c.is_kw("reset") {
            return c.err("ALTER INDEX SET/RESET of an unknown index");
        }
        return Ok(Outcome::Ignored("ALTER INDEX action without schema effect ignored".into()));
    }
    if c.dialect == crate::Dialect::Mysql && super::events::is_event(&c) {
        c.pos = 0;
        return super::events::alter_event(st, stmt, c);
    }
    if ["database", "role", "user", "default", "system", "event", "publication", "subscription", "server"].iter().any(|k| c.is_kw(k)) {
        return Ok(Outcome::Ignored("not a schema change; ignored".into()));
    }
    if st.d == Dialect::Postgres && (c.is_kw("function") || c.is_kw("procedure") || c.is_kw("routine")) {
        return super::routines::alter_routine(st, c);
    }
    c.err("unsupported ALTER statement")
}

fn alter_table(st: &mut State, stmt: &Stmt, mut c: Cursor) -> PResult<Outcome> {
    let at = c.position();
    let if_exists = c.eat_kws(&["if", "exists"]);
    let only = c.eat_kw("only");
    let name = c.qname()?;
    c.eat(&Token::Mul);
    // The table stays where it is in the schema's map while its actions run: its value is
    // swapped for an empty stand-in (no columns, keys or indexes: what the readers of the other
    // tables see is the schema without it, as the implicit names need) and put back in the same
    // place, not removed and inserted again (moving the values of its B-tree node twice per
    // ALTER, thousands of times in a history), nor cloned (thousands of ALTERs on one wide table
    // stay linear). A new name (`RENAME TO`, `SET SCHEMA`) moves it at the end.
    let Some(slot) = st.schema.tables.get_mut(&name) else {
        if let (Dialect::Postgres, true, Some(v)) = (st.d, c.is_kw("alter"), st.schema.views.get_mut(&name)) {
            super::view_columns::alter_table_of_view(&mut c, v)?;
            return Ok(Outcome::Applied);
        }
        // PostgreSQL's ALTER TABLE renames or moves a sequence too (MariaDB's renames one).
        if st.schema.sequences.contains_key(&name) && (c.is_kw("rename") || (c.is_kw("set") && c.is_kw_at(1, "schema"))) {
            return super::sequence::rename_by_alter_table(st, c, &name, at);
        }
        if c.is_kw("owner") || st.schema.views.contains_key(&name) || st.schema.sequences.contains_key(&name) {
            return Ok(Outcome::Ignored(format!("ALTER TABLE of `{name}` (not a table) without schema effect")));
        }
        if if_exists {
            return Ok(Outcome::Ignored(format!("table `{name}` does not exist (IF EXISTS)")));
        }
        return c.err(format!("ALTER TABLE of unknown table `{name}`"));
    };
    let mut table = std::mem::replace(slot, Table::new(QName::default()));
    // (Only a partitioned table's keys are followed: `only_keys`; an ALTER never partitions.)
    let partitioned = only && st.d == Dialect::Postgres && table.options.partition_by.is_some();
    let keys_before: Vec<String> = if partitioned { table.constraints.iter().filter_map(|k| k.name.clone()).collect() } else { Vec::new() };
    let result = actions(st, stmt, &mut c, &mut table, &name);
    if partitioned {
        super::partitions::only_keys(st, &table, &keys_before);
    }
    if st.d == Dialect::Mysql {
        super::table_options::resolve_binary_collations(&mut table);
    }
    // The only names an ALTER TABLE adds are its own table's (and its new name's): the name
    // index follows them instead of being rebuilt from every table (see `name_index`).
    st.names.note_table(&table);
    st.names.kept = true;
    match st.schema.tables.get_mut(&name) {
        Some(slot) if table.name == name => *slot = table,
        _ => {
            let new_name = table.name.clone();
            st.schema.tables.remove(&name);
            st.schema.tables.insert(new_name.clone(), table);
            if new_name != name {
                retarget_table(st, &name, &new_name, at);
            }
        }
    }
    result
}

/// The actions of an `ALTER TABLE` on `table`, taken from its place under `key` (where an empty
/// stand-in holds it).
fn actions(st: &mut State, stmt: &Stmt, c: &mut Cursor, table: &mut Table, key: &QName) -> PResult<Outcome> {
    let d = st.d;
    let mut applied = false;
    let mut ignored = Vec::new();
    loop {
        let first = c.line();
        let at = c.position();
        if d == Dialect::Mysql && super::mysql_partitions::at_action(c) {
            match super::mysql_partitions::alter(c, table)? {
                Some(rows_only) => ignored.push(rows_only),
                None => applied = true,
            }
        } else if c.eat_kw("add") {
            let is_col = c.eat_kw("column") || !constraint::at_table_item(c);
            if is_col {
                let exists = c.eat_kws(&["if", "not", "exists"]);
                let def = column::read_column(c)?;
                column::report_not_modelled(&def, &mut st.diags);
                let position = mysql_position(c)?;
                if table.column(&def.column.name).is_some() {
                    if !exists {
                        return c.err(format!("column `{}` already exists", def.column.name));
                    }
                } else {
                    let name = def.column.name.clone();
                    add_column(&mut st.schema, &mut st.names, table, def);
                    super::added_defaults::added(st, table, &name);
                    if let Some(after) = position {
                        place_column(c, table, &name, after)?;
                    }
                }
            } else {
                let at = c.position();
                let item = constraint::read_item(c)?;
                if let Some(message) = super::key_columns::missing(table, &super::key_columns::of_item(&item)) {
                    return Err(super::cursor::PErr::at(at, message));
                }
                let explicit: Vec<String> = create_table::explicit_fk(&item).into_iter().collect();
                let hint = renames::hint_between(d, stmt.comments, first, c.line());
                let before = table.constraints.len();
                match add_item(&st.schema, &mut st.names, table, item, hint) {
                    Ok(h) => st.schema.renames.extend(h),
                    Err(m) => return c.err(m),
                }
                if let Some(added) = table.constraints.get_mut(before..) {
                    super::storage::default_constraint_tablespace(added, &st.pg_defaults);
                }
                if d == Dialect::Mysql {
                    let generated = (!st.fk_takes_generated_index).then_some((&st.mysql_implicit_fk, before));
                    for ix in create_table::mysql_fk_indexes(table, &explicit, generated) {
                        st.mysql_implicit_fk.insert((table.name.clone(), ix));
                    }
                    create_table::mysql_drop_served_fk_indexes(table, &mut st.mysql_implicit_fk);
                }
            }
            applied = true;
        } else if d == Dialect::Postgres && c.eat_kws(&["replica", "identity"]) {
            table.options.replica_identity = if c.eat_kw("default") {
                None
            } else if c.eat_kw("full") {
                Some("FULL".into())
            } else if c.eat_kw("nothing") {
                Some("NOTHING".into())
            } else if c.eat_kws(&["using", "index"]) {
                Some(format!("USING INDEX {}", c.ident(Kind::Local)?))
            } else {
                return c.err("expected DEFAULT, FULL, NOTHING or USING INDEX after REPLICA IDENTITY");
            };
            applied = true;
        } else if c.eat_kw("drop") {
            drop_action(c, table)?;
            super::history_renames::dropped_columns(st, table);
            applied = true;
        } else if c.dialect == crate::Dialect::Mysql && c.is_kw("alter") && c.is_kw_at(1, "index") {
            // MySQL 8 `ALTER INDEX i [IN]VISIBLE`, MariaDB `ALTER INDEX i [NOT] IGNORED`.
            c.next();
            c.next();
            let name = c.ident(Kind::Local)?;
            let invisible = if c.eat_kw("invisible") || c.eat_kw("ignored") {
                true
            } else if c.eat_kw("visible") || c.eat_kws(&["not", "ignored"]) {
                false
            } else {
                return c.err("expected VISIBLE, INVISIBLE, IGNORED or NOT IGNORED");
            };
            let Some(ix) = table.indexes.iter_mut().find(|i| i.name.eq_ignore_ascii_case(&name)) else {
                return c.err(format!("unknown index `{name}`"));
            };
            ix.invisible = invisible;
            applied = true;
        } else if d == Dialect::Postgres && c.is_kw("alter") && c.is_kw_at(1, "constraint") {
            // `ALTER CONSTRAINT fk [NOT] DEFERRABLE [INITIALLY ...]`: what is not said is the
            // default (PostgreSQL sets both), and only a foreign key takes it.
            c.pos += 2;
            let n = c.ident(Kind::Local)?;
            let deferrable = constraint::read_deferrable(c).unwrap_or_default();
            match table.constraints.iter_mut().find(|k| k.name.as_deref() == Some(n.as_str())) {
                Some(k) if matches!(k.kind, crate::model::ConstraintKind::ForeignKey { .. }) => k.deferrable = deferrable,
                Some(_) => return c.err(format!("constraint `{n}` is not a foreign key: PostgreSQL alters only those")),
                None => return c.err(format!("unknown constraint `{n}`")),
            }
            applied = true;
        } else if c.eat_kw("alter") {
            c.eat_kw("column");
            let col = c.ident(Kind::Local)?;
            if table.column(&col).is_none() {
                // A column the child only inherits (pg_dump: `ALTER TABLE ONLY child ALTER COLUMN`).
                super::table_family::inherit_columns(&st.schema, table);
            }
            let (start, was) = (c.pos, table.column(&col).map(|x| x.data_type.clone()));
            alter_column(c, table, &col)?;
            if let (Dialect::Postgres, Some(was), Some(now)) = (d, was, table.column(&col).map(|x| x.data_type.clone())) {
                super::conversions::record(st, stmt, start, c.pos, &table.name, &col, was, now);
            }
            applied = true;
        } else if c.eat_kw("modify") || c.eat_kw("change") {
            let change = c.toks[c.pos - 1].t.to_string().eq_ignore_ascii_case("change");
            c.eat_kw("column");
            let old = if change { Some(c.ident(Kind::Local)?) } else { None };
            let def = column::read_column(c)?;
            column::report_not_modelled(&def, &mut st.diags);
            let position = mysql_position(c)?;
            let old = old.unwrap_or_else(|| def.column.name.clone());
            let Some(idx) = table.columns.iter().position(|k| k.name == old) else {
                return c.err(format!("unknown column `{old}`"));
            };
            let new_name = def.column.name.clone();
            if new_name != old {
                rename_column(st.d, table, &old, &new_name);
                retarget_column(st, &table.name, &old, &new_name);
                super::history_renames::object(st, RenameKind::Column, &table.name, &old, &new_name, at);
            }
            // MariaDB: the check written in the old definition goes with it.
            if let Some(k) = table.column_check(&old).and_then(|k| k.name.clone()) {
                table.constraints.retain(|x| x.name.as_deref() != Some(&k));
                table.column_checks.remove(&k);
            }
            let mut probe = Table::new(table.name.clone());
            add_column(&mut st.schema, &mut st.names, &mut probe, def);
            table.columns[idx] = probe.columns.remove(0);
            for k in probe.constraints {
                table.constraints.push(k);
            }
            if let Some(after) = position {
                place_column(c, table, &new_name, after)?;
            }
            applied = true;
        } else if c.eat_kw("rename") {
            if c.eat_kw("to") || c.eat_kw("as") {
                let (q, written) = c.decl_qname_spelled()?;
                table.name = QName::new(table.name.schema.clone(), q.name);
                if st.d == Dialect::Sqlite {
                    table.spell_name(&written);
                }
            } else if c.eat_kw("constraint") {
                let old = c.ident(Kind::Local)?;
                c.expect_kw("to")?;
                let new = c.decl_ident(super::names::Declared::Key)?;
                let Some(k) = table.constraints.iter_mut().find(|k| k.name.as_deref() == Some(&old)) else {
                    return c.err(format!("unknown constraint `{old}`"));
                };
                if table.options.cluster_on.as_deref() == Some(old.as_str()) {
                    table.options.cluster_on = Some(new.clone());
                }
                k.name = Some(new.clone());
                super::history_renames::object(st, RenameKind::Constraint, &table.name, &old, &new, at);
            } else if c.eat_kw("index") || c.eat_kw("key") {
                let old = c.ident(Kind::Local)?;
                c.expect_kw("to")?;
                let new = c.decl_ident(super::names::Declared::Key)?;
                if table.options.cluster_on.as_deref() == Some(old.as_str()) {
                    table.options.cluster_on = Some(new.clone());
                }
                let kind = if let Some(ix) = table.indexes.iter_mut().find(|i| i.name == old) {
                    ix.name = new.clone();
                    RenameKind::Index
                } else if let Some(k) = table.constraints.iter_mut().find(|k| k.name.as_deref() == Some(&old)) {
                    k.name = Some(new.clone());
                    RenameKind::Constraint
                } else {
                    return c.err(format!("unknown index `{old}`"));
                };
                super::history_renames::object(st, kind, &table.name, &old, &new, at);
            } else {
                c.eat_kw("column");
                let named = c.pos;
                let old = c.ident(Kind::Local)?;
                c.expect_kw("to")?;
                let new = c.decl_ident(super::names::Declared::Column)?;
                if table.column(&old).is_none() {
                    // Said at the name (the cursor is past the statement's end by now).
                    c.pos = named;
                    return c.err(format!("unknown column `{old}` in `{}`", table.name));
                }
                rename_column(st.d, table, &old, &new);
                retarget_column(st, &table.name, &old, &new);
                super::history_renames::object(st, RenameKind::Column, &table.name, &old, &new, at);
                if table.options.partition_by.is_some() {
                    super::partitions::rename_column(st, &table.name, &old, &new);
                }
            }
            applied = true;
        } else if c.eat_kws(&["enable", "row", "level", "security"]) {
            table.rls_enabled = true;
            applied = true;
        } else if c.eat_kws(&["disable", "row", "level", "security"]) {
            table.rls_enabled = false;
            applied = true;
        } else if c.eat_kws(&["force", "row", "level", "security"]) {
            table.rls_forced = true;
            applied = true;
        } else if c.eat_kws(&["no", "force", "row", "level", "security"]) {
            table.rls_forced = false;
            applied = true;
        } else if c.eat_kws(&["validate", "constraint"]) {
            let n = c.ident(Kind::Local)?;
            if let Some(k) = table.constraints.iter_mut().find(|k| k.name.as_deref() == Some(&n)) {
                k.not_valid = false;
            }
            applied = true;
        } else if c.eat_kws(&["attach", "partition"]) {
            let part = c.qname()?;
            let bound = if c.eat_kw("default") {
                "DEFAULT".to_string()
            } else {
                c.expect_kw("for")?;
                c.expect_kw("values")?;
                let at = c.position();
                let bound = c.until(|_| false);
                super::complete::check(bound, at, "partition bound")?;
                expr::normalize_bound(d, bound)
            };
            let parent = table.name.clone();
            // (Not the table itself: its place holds the stand-in.)
            match st.schema.tables.get_mut(&part).filter(|_| part != *key) {
                Some(p) => p.options.partition_of = Some(Partition { parent, bound }),
                None => return c.err(format!("unknown partition table `{part}`")),
            }
            applied = true;
        } else if d == Dialect::Postgres && c.eat_kws(&["detach", "partition"]) {
            let part = c.qname()?;
            if c.eat_kw("concurrently") {
                // It adds the partition constraint as a CHECK constraint of the table it detaches.
                return c.err("DETACH PARTITION ... CONCURRENTLY adds the partition's bound as a CHECK constraint, which is not modelled: detach without CONCURRENTLY, or write the table as it is after");
            }
            c.eat_kw("finalize");
            let Some(mut child) =
                st.schema.tables.get(&part).filter(|t| t.options.partition_of.as_ref().is_some_and(|p| p.parent == table.name)).cloned()
            else {
                return c.err(format!("`{part}` is not a partition of `{}`", table.name));
            };
            super::partitions::detach(st, table, &mut child);
            st.schema.tables.insert(part, child);
            applied = true;
        } else if d == Dialect::Postgres && super::storage::table_action(c, table)? {
            applied = true;
        } else if c.eat_kws(&["set", "schema"]) {
            let s = c.ident(Kind::Object)?;
            let moved = QName::new(s.clone(), table.name.name.clone());
            let old = std::mem::replace(&mut table.name, moved);
            // PostgreSQL moves the sequences the table's columns own along with it.
            let owned: Vec<QName> = st
                .schema
                .sequences
                .values()
                .filter(|q| q.owned_by.as_ref().is_some_and(|(t, _)| *t == old))
                .map(|q| q.name.clone())
                .collect();
            for q in owned {
                let new = QName::new(s.clone(), q.name.clone());
                super::sequence::rename(st, &q, &new);
                super::sequence::retarget_defaults(table, &q, &new);
            }
            applied = true;
        } else if d == Dialect::Postgres
            && (c.is_kw("inherit")
                || c.is_kw("of")
                || (c.is_kw("no") && c.is_kw_at(1, "inherit"))
                || (c.is_kw("not") && c.is_kw_at(1, "of")))
        {
            super::table_family::alter(st, c, table)?;
            applied = true;
        } else if d == Dialect::Mysql && !c.at_end() && !c.is_kw("owner") && !c.is_kw("enable") && !c.is_kw("disable") {
            // Table options (`ENGINE=InnoDB`, `COMMENT='x'`, `AUTO_INCREMENT=5`...).
            let before = c.pos;
            let mut probe = table.clone();
            if mysql_table_option(c, &mut probe).is_err() {
                c.pos = before;
                return c.err("unsupported ALTER TABLE action");
            }
            *table = probe;
            applied = true;
        } else {
            // Actions without effect on the model.
            let words = c.until(|_| false);
            if words.is_empty() {
                return c.err("expected an ALTER TABLE action");
            }
            let head = super::statement::head(words);
            let known = ["owner", "enable", "disable", "replica", "cluster", "set", "reset", "inherit", "no", "alter"];
            if !known.iter().any(|k| head.to_ascii_lowercase().starts_with(k)) {
                return Cursor::new(d, words).err("unsupported ALTER TABLE action");
            }
            ignored.push(head);
        }
        if !c.eat(&Token::Comma) {
            break;
        }
    }
    if !c.at_end() {
        return c.err("unexpected text after ALTER TABLE action");
    }
    if applied || ignored.is_empty() {
        Ok(Outcome::Applied)
    } else {
        Ok(Outcome::Ignored(format!("ALTER TABLE action without schema effect ignored: {}", ignored.join(", "))))
    }
}

fn mysql_table_option(c: &mut Cursor, table: &mut Table) -> PResult<()> {
    let start = c.pos;
    let rest = c.until(|_| false);
    let mut probe = Cursor::new(c.dialect, rest);
    let r = super::table_options::mysql_option(&mut probe, table);
    c.pos = start + probe.pos;
    r
}

/// MySQL's `FIRST` / `AFTER col` of `ADD COLUMN`, `MODIFY` and `CHANGE`: where the column
/// goes (`None`: where it is, or last for a new one).
fn mysql_position(c: &mut Cursor) -> PResult<Option<Option<String>>> {
    if c.eat_kw("first") {
        Ok(Some(None))
    } else if c.eat_kw("after") {
        Ok(Some(Some(c.ident(Kind::Local)?)))
    } else {
        Ok(None)
    }
}

/// Move column `name` of `table` first (`after` `None`) or after column `after`.
fn place_column(c: &Cursor, table: &mut Table, name: &str, after: Option<String>) -> PResult<()> {
    let Some(from) = table.columns.iter().position(|k| k.name == name) else { return Ok(()) };
    let col = table.columns.remove(from);
    let at = match after {
        None => 0,
        Some(a) => match table.columns.iter().position(|k| k.name == a) {
            Some(i) => i + 1,
            None => {
                table.columns.insert(from, col);
                return c.err(format!("AFTER names unknown column `{a}`"));
            }
        },
    };
    table.columns.insert(at, col);
    Ok(())
}

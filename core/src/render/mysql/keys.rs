//! MySQL / MariaDB keys and constraints. An AUTO_INCREMENT column must be a key at every
//! moment, so a primary key that changes is replaced in one statement (`DROP PRIMARY KEY, ADD
//! PRIMARY KEY (...)`), a column that becomes AUTO_INCREMENT brings its new key along, and a
//! column that stops being AUTO_INCREMENT loses the attribute before its key goes.

use super::table::{column_def, index_def, key_def};
use crate::model::{Column, Constraint, ConstraintKind, Index, QName, Table};
use crate::render::common;
use crate::render::{RenderContext, Rendered};
use crate::Dialect;
use std::borrow::Cow;

pub(super) fn sides<'a>(table: &QName, ctx: &'a RenderContext<'_>) -> (Option<Cow<'a, Table>>, Option<&'a Table>) {
    (ctx.from_table(table), ctx.to.tables.get(table))
}

/// Whether the new primary key goes in with a column that becomes AUTO_INCREMENT (by ADD or
/// MODIFY COLUMN), rather than by its own step.
fn added_with_auto_increment(table: &QName, ctx: &RenderContext<'_>) -> bool {
    let (Some(from), Some(to)) = sides(table, ctx) else { return false };
    let new_pk = to.primary_key_columns();
    new_pk != from.primary_key_columns()
        && to
            .columns
            .iter()
            .any(|c| c.auto_increment && new_pk.contains(&c.name) && !from.column(&c.name).is_some_and(|f| f.auto_increment))
}

/// Whether the new primary key is added in the statement that drops the old one: the differ
/// drops the old key (some of its columns stay) and every column of the new key already exists.
fn replaced_with_drop(table: &QName, ctx: &RenderContext<'_>) -> bool {
    let (Some(from), Some(to)) = sides(table, ctx) else { return false };
    let (old_pk, new_pk) = (from.primary_key_columns(), to.primary_key_columns());
    !old_pk.is_empty()
        && !new_pk.is_empty()
        && old_pk.iter().any(|c| to.column(c).is_some())
        && new_pk.iter().all(|c| from.column(c).is_some())
        && !added_with_auto_increment(table, ctx)
}

/// `, ADD PRIMARY KEY (...)` for ADD/MODIFY COLUMN when `to` becomes AUTO_INCREMENT as part of a
/// new primary key.
pub(super) fn key_for_new_auto_increment(table: &QName, from: Option<&Column>, to: &Column, ctx: &RenderContext<'_>) -> String {
    if !to.auto_increment || from.is_some_and(|f| f.auto_increment) || !added_with_auto_increment(table, ctx) {
        return String::new();
    }
    match sides(table, ctx).1 {
        Some(t) if t.primary_key_columns().contains(&to.name) => match t.primary_key() {
            Some(pk) => format!(", ADD {}", key_def(table, pk, ctx)),
            None => String::new(),
        },
        _ => String::new(),
    }
}

pub(super) fn add_constraint(table: &QName, c: &Constraint, ctx: &RenderContext<'_>) -> Rendered {
    // A new primary key may be added by the column step, or together with the old key's drop.
    let added_elsewhere = added_with_auto_increment(table, ctx) || replaced_with_drop(table, ctx);
    if matches!(c.kind, ConstraintKind::PrimaryKey { .. }) && added_elsewhere {
        return Rendered::none();
    }
    if let Some(r) = column_check(table, c, ctx) {
        return r;
    }
    // Added by the statement that drops the old check of its name (the drop step has none).
    if let Some(n) = c.name.as_deref().filter(|n| check_replaced_in_place(table, n, ctx)) {
        let t = ctx.q(table);
        return Rendered::tx(vec![format!("ALTER TABLE {t} DROP CONSTRAINT {}, ADD {}", ctx.id(n), key_def(table, c, ctx))]);
    }
    if engine_names_it(table, c, ctx) {
        let unnamed = Constraint { name: None, ..c.clone() };
        return Rendered::tx(vec![format!("ALTER TABLE {} ADD {}", ctx.q(table), common::constraint_def(Dialect::Mysql, &unnamed))]);
    }
    Rendered::tx(vec![format!("ALTER TABLE {} ADD {}", ctx.q(table), key_def(table, c, ctx))])
}

/// Whether a foreign key the engine named (`<table>_ibfk_<n>`, its index named after its column,
/// not after it) is added without a name, so the engine names it the same again and keeps the
/// index it has: `ADD CONSTRAINT t_ibfk_1 FOREIGN KEY ...` would put an index `t_ibfk_1` in the
/// place of the column-named one. The engine takes the number after the highest of the table's
/// foreign keys: the name is left out only when that gives this one's.
fn engine_names_it(table: &QName, c: &Constraint, ctx: &RenderContext<'_>) -> bool {
    let (ConstraintKind::ForeignKey { columns, .. }, Some(name)) = (&c.kind, &c.name) else { return false };
    let (Some(from), Some(to)) = sides(table, ctx) else { return false };
    let prefix = format!("{}_ibfk_", table.name.to_lowercase());
    let number = |n: &str| n.to_lowercase().strip_prefix(&prefix).and_then(|r| r.parse::<u32>().ok());
    let Some(k) = number(name) else { return false };
    // Its index is the column-named one the engine made, not one named after the key.
    let own_index = to.index(name).is_some();
    let column_index = columns.first().is_some_and(|first| to.index(first).is_some());
    if own_index || !column_index {
        return false;
    }
    // Kept foreign keys numbered above it, or a gap below it, give the engine another number.
    let kept_above = from.foreign_keys().any(|f| {
        f.name != c.name
            && to.constraint(f.name.as_deref().unwrap_or("")) == Some(f)
            && f.name.as_deref().and_then(number).is_some_and(|n| n > k)
    });
    let below: Vec<u32> = to.foreign_keys().filter_map(|f| f.name.as_deref().and_then(number)).filter(|n| *n < k).collect();
    !kept_above && below.len() as u32 == k - 1
}

/// MariaDB: a check written in its column's definition (`Table::column_checks`) comes and goes
/// with the definition: the column is restated as the schema being reached has it (with its
/// check, or without), by `MODIFY COLUMN`. A column added or dropped carries its check itself.
fn column_check(table: &QName, c: &Constraint, ctx: &RenderContext<'_>) -> Option<Rendered> {
    if !ctx.target.column_level_checks() || !matches!(c.kind, ConstraintKind::Check { .. }) {
        return None;
    }
    let name = c.name.as_deref()?;
    let (from, to) = sides(table, ctx);
    let column = [from.as_deref(), to]
        .into_iter()
        .flatten()
        .find_map(|t| t.column_checks.get(name).filter(|_| t.constraint(name).is_some_and(|k| k.kind == c.kind)).cloned())?;
    let (Some(from), Some(to)) = (from, to) else { return Some(Rendered::none()) };
    match (from.column(&column), to.column(&column)) {
        (Some(_), Some(col)) => {
            Some(Rendered::tx(vec![format!("ALTER TABLE {} MODIFY COLUMN {}", ctx.q(table), column_def(table, col, ctx))]))
        }
        _ => Some(Rendered::none()),
    }
}

/// Whether a table CHECK that keeps its name but changes is replaced in one statement (`DROP
/// CONSTRAINT c, ADD CONSTRAINT c CHECK (...)`, at the add's place; `Target::check_replaced_in_one_alter`): in two,
/// an ADD that fails on existing rows leaves the table with no check at all, as DDL is not
/// transactional here. Only when the table's columns do not change in the migration, so the new
/// check never runs before a column it reads exists or has its new type.
fn check_replaced_in_place(table: &QName, name: &str, ctx: &RenderContext<'_>) -> bool {
    if !ctx.target.check_replaced_in_one_alter() {
        return false;
    }
    let (Some(from), Some(to)) = sides(table, ctx) else { return false };
    let is_check = |k: Option<&Constraint>| k.is_some_and(|k| matches!(k.kind, ConstraintKind::Check { .. }));
    let (old, new) = (from.constraint(name), to.constraint(name));
    is_check(old)
        && is_check(new)
        && old != new
        && !from.column_checks.contains_key(name)
        && !to.column_checks.contains_key(name)
        && from.columns == to.columns
}

pub(super) fn drop_constraint(table: &QName, c: &Constraint, ctx: &RenderContext<'_>) -> Rendered {
    if let Some(r) = column_check(table, c, ctx) {
        return r;
    }
    // Dropped by the statement that adds the new check of its name (`add_constraint`): the
    // table has a check at every moment, and the add's risks (every row validated) stay.
    if c.name.as_deref().is_some_and(|n| check_replaced_in_place(table, n, ctx)) {
        return Rendered::none();
    }
    let t = ctx.q(table);
    let name = c.name.as_deref().map(|n| ctx.id(n));
    let s = match (&c.kind, name) {
        (ConstraintKind::PrimaryKey { .. }, _) => format!("ALTER TABLE {t} {}", drop_primary_key(table, ctx).join(", ")),
        // The index MySQL created for the foreign key stays; the differ drops it if AFTER has none.
        (ConstraintKind::ForeignKey { .. }, Some(n)) => format!("ALTER TABLE {t} DROP FOREIGN KEY {n}"),
        (ConstraintKind::Unique { .. }, Some(n)) => format!("ALTER TABLE {t} DROP INDEX {n}"),
        (ConstraintKind::Check { .. }, Some(n)) if ctx.target.drop_check_clause() => format!("ALTER TABLE {t} DROP CHECK {n}"),
        (_, Some(n)) => format!("ALTER TABLE {t} DROP CONSTRAINT {n}"),
        (k, None) => format!("-- cannot drop an unnamed {} of {table}", k.label()),
    };
    Rendered::tx(vec![s])
}

/// The actions that drop the primary key (and add the new one when the table keeps one).
fn drop_primary_key(table: &QName, ctx: &RenderContext<'_>) -> Vec<String> {
    let (from, to) = sides(table, ctx);
    let mut actions = Vec::new();
    let new_pk: &[String] = to.map(|t| t.primary_key_columns()).unwrap_or(&[]);
    if let Some(f) = from.as_deref() {
        for col in f.columns.iter().filter(|c| c.auto_increment && f.primary_key_columns().contains(&c.name)) {
            let stays = to.and_then(|t| t.column(&col.name)).is_some_and(|n| n.auto_increment) && new_pk.contains(&col.name);
            if !stays && to.is_some_and(|t| t.column(&col.name).is_some()) {
                let plain = Column { auto_increment: false, ..col.clone() };
                actions.push(format!("MODIFY COLUMN {}", column_def(table, &plain, ctx)));
            }
        }
    }
    actions.push("DROP PRIMARY KEY".to_string());
    if replaced_with_drop(table, ctx) {
        match to.and_then(|t| t.primary_key()) {
            Some(pk) => actions.push(format!("ADD {}", key_def(table, pk, ctx))),
            None => actions.push(format!("ADD PRIMARY KEY ({})", common::column_list(Dialect::Mysql, new_pk))),
        }
        if let Some(index) = auto_increment_index_with_key(table, ctx) {
            actions.push(format!("ADD {}", index_def(table, index, ctx)));
        }
    }
    actions
}

/// The new index that must come in the statement replacing the primary key: the table's
/// AUTO_INCREMENT column leads the old key and not the new one (`PRIMARY KEY (id)` →
/// `(tenant, id), KEY (id)`), and the engine wants it to lead some key at every moment ("there
/// can be only one auto column and it must be defined as a key"), while no kept index does.
pub(super) fn auto_increment_index_with_key<'a>(table: &QName, ctx: &'a RenderContext<'_>) -> Option<&'a Index> {
    if !replaced_with_drop(table, ctx) {
        return None;
    }
    let (Some(from), Some(to)) = sides(table, ctx) else { return None };
    let auto = to.columns.iter().find(|c| c.auto_increment)?;
    let leads = |cols: &[String]| cols.first().is_some_and(|c| c.eq_ignore_ascii_case(&auto.name));
    if leads(to.primary_key_columns()) || !leads(from.primary_key_columns()) {
        return None;
    }
    let leads_index =
        |i: &Index| i.columns().next().is_some_and(|c| c.eq_ignore_ascii_case(&auto.name)) && i.elems.first().is_some_and(|e| !e.is_expr);
    let kept = |i: &Index| from.index(&i.name) == Some(i);
    let kept_unique = to
        .constraints
        .iter()
        .any(|k| matches!(k.kind, ConstraintKind::Unique { .. }) && leads(k.kind.columns()) && from.constraints.iter().any(|f| f == k));
    if kept_unique || to.indexes.iter().any(|i| leads_index(i) && kept(i)) {
        return None;
    }
    to.indexes.iter().find(|i| leads_index(i) && !kept(i))
}

/// MySQL cannot rename a constraint: drop it and add it under its new name.
pub(super) fn rename_constraint(table: &QName, from: &str, to: &str, ctx: &RenderContext<'_>) -> Rendered {
    let Some(new) = ctx.to_table(table).and_then(|t| t.constraint(to)) else {
        return Rendered::tx(vec![format!("-- constraint {to} of {table} not found in the target schema")]);
    };
    // A unique key is an index: renamed in place where the engine can (MySQL 5.7, MariaDB 10.5).
    let native = ctx.target.native_rename_index();
    if native && matches!(new.kind, ConstraintKind::Unique { .. }) {
        return Rendered::tx(vec![format!("ALTER TABLE {} RENAME INDEX {} TO {}", ctx.q(table), ctx.id(from), ctx.key_id(table, to))]);
    }
    let old = Constraint { name: Some(from.to_string()), ..new.clone() };
    let mut out = drop_constraint(table, &old, ctx).statements;
    out.push(format!("ALTER TABLE {} ADD {}", ctx.q(table), key_def(table, new, ctx)));
    Rendered::tx(out)
}

/// Whether an index that changes keeps its name and can be replaced in one statement (`DROP
/// INDEX i, ADD INDEX i (...)`): a foreign key that needs the index then never sees it missing.
/// Not when the new index uses a column added later in the migration, or one whose type changes
/// later (a prefix `(name(128))` on a `varchar(128)` that becomes `varchar(255)` is stored as the
/// whole column when it is created first).
pub(super) fn index_replaced_in_place(table: &QName, name: &str, ctx: &RenderContext<'_>) -> bool {
    let (Some(from), Some(to)) = sides(table, ctx) else { return false };
    let kept = |c: &str| from.column(c).is_some_and(|old| to.column(c).is_none_or(|new| new.data_type == old.data_type));
    match (from.index(name), to.index(name)) {
        (Some(old), Some(new)) => old != new && new.columns().all(kept),
        _ => false,
    }
}

pub(super) fn drop_index(table: &QName, index: &Index, ctx: &RenderContext<'_>) -> Rendered {
    let t = ctx.q(table);
    let drop = format!("DROP INDEX {}", ctx.id(&index.name));
    match ctx.to_table(table).and_then(|tt| tt.index(&index.name)) {
        // Only the visibility changes: MariaDB keeps an index's IGNORED through `DROP INDEX i,
        // ADD INDEX i` of the same key, so it is set by name.
        Some(new) if index_replaced_in_place(table, &index.name, ctx) && Index { invisible: index.invisible, ..new.clone() } == *index => {
            let how = match (ctx.target.ignored_keyword(), new.invisible) {
                (true, true) => "IGNORED",
                (true, false) => "NOT IGNORED",
                (false, true) => "INVISIBLE",
                (false, false) => "VISIBLE",
            };
            Rendered::tx(vec![format!("ALTER TABLE {t} ALTER INDEX {} {how}", ctx.id(&index.name))])
        }
        Some(new) if index_replaced_in_place(table, &index.name, ctx) => {
            Rendered::tx(vec![format!("ALTER TABLE {t} {drop}, ADD {}", index_def(table, new, ctx))])
        }
        _ => match super::fk_indexes::replacement(table, index, ctx) {
            Some(new) => Rendered::tx(vec![format!("ALTER TABLE {t} ADD {}, {drop}", index_def(table, &new, ctx))]),
            None => Rendered::tx(vec![format!("{drop} ON {t}")]),
        },
    }
}

//! Carrying out the data moves the diff implies (`diff::data_moves`): a split copies the
//! columns into the new table right after it is created (before the parent loses them); a
//! merge fills the parent's new columns from the child table before the child is dropped — the
//! child's DROP TABLE step moves to just after the steps that add those columns. A column the
//! parent gains NOT NULL without a default is added nullable, filled, then made NOT NULL.
//! A copy (a dropped table's rows into a new table) goes right after the new table is created,
//! and the old table's drop after it; its rows are checked for duplicate keys first (`guards`).
//! Only accepted moves get here (`proposals.rs`); the `any-data-move-*` risk rules note them.

use crate::diff::{Change, DataMove, MoveKind};
use crate::model::{Column, ConstraintKind, Schema, Table};
use crate::plan::Step;
use crate::render::{self, quote, RenderContext};
use crate::{Dialect, Target};

const CHILD: &str = "schemashift_src";

/// Add the statements of `moves` to `steps` (a migration from `from` to `to`).
pub fn apply_moves(steps: &mut Vec<Step>, moves: &[DataMove], from: &Schema, to: &Schema, target: Target) {
    for m in moves {
        match m.kind {
            MoveKind::Split => split(steps, m, target.dialect),
            MoveKind::Merge => merge(steps, m, from, to, target),
            MoveKind::Copy => copy(steps, m, to, target.dialect),
        }
    }
    let guards = guards(moves, from, to, target.dialect);
    if !guards.is_empty() {
        let mut tables: Vec<_> = moves.iter().filter(|m| m.kind == MoveKind::Copy).map(|m| m.parent.clone()).collect();
        tables.dedup();
        let mut step = Step::new(Change::DataStep { label: "check the rows data moves copy".into(), tables }, guards);
        if let Some(first) = steps.first() {
            step.phase = first.phase;
        }
        steps.insert(0, step);
    }
}

fn split(steps: &mut [Step], m: &DataMove, d: Dialect) {
    let Some(step) = steps.iter_mut().find(|s| matches!(&s.change, Change::CreateTable { table } if table.name == m.child)) else {
        return;
    };
    step.statements.push(split_sql(m, d));
}

/// `INSERT INTO child (fk, cols) SELECT key, cols FROM parent WHERE <a moved column is set>`,
/// for parents without a child row yet: it can run again (and after `--preserve-data` put the
/// child's backed-up rows back) without duplicating rows.
pub fn split_sql(m: &DataMove, d: Dialect) -> String {
    let id = |n: &str| quote::ident(d, n);
    let cols: Vec<String> = m.columns.iter().map(|c| id(c)).collect();
    let any: Vec<String> = cols.iter().map(|c| format!("{c} IS NOT NULL")).collect();
    let (p, c, alias) = (quote::qname(d, &m.parent), quote::qname(d, &m.child), id(CHILD));
    format!(
        "INSERT INTO {c} ({}, {}) SELECT {}, {} FROM {p} WHERE ({}) AND NOT EXISTS (SELECT 1 FROM {c} AS {alias} WHERE {alias}.{} = {p}.{})",
        id(&m.fk_column),
        cols.join(", "),
        id(&m.parent_key),
        cols.join(", "),
        any.join(" OR "),
        id(&m.fk_column),
        id(&m.parent_key)
    )
}

/// `INSERT INTO new (cols) SELECT cols FROM old WHERE <filter>`, skipping rows whose key is
/// already there when the new table's key is copied (so it can run again); constant columns
/// (a copy back by down) get their literal.
pub fn copy_sql(m: &DataMove, d: Dialect) -> String {
    let id = |n: &str| quote::ident(d, n);
    let (old, new, alias) = (quote::qname(d, &m.parent), quote::qname(d, &m.child), id(CHILD));
    let mut cols: Vec<String> = m.columns.iter().map(|c| id(c)).collect();
    let mut values = cols.clone();
    for (c, v) in &m.constants {
        cols.push(id(c));
        values.push(v.clone());
    }
    let mut s = format!("INSERT INTO {new} ({}) SELECT {} FROM {old}", cols.join(", "), values.join(", "));
    let mut conds = Vec::new();
    if let Some(f) = &m.filter {
        conds.push(format!("({f})"));
    }
    if !m.child_key.is_empty() {
        let same: Vec<String> = m.child_key.iter().map(|k| format!("{alias}.{} = {old}.{}", id(k), id(k))).collect();
        conds.push(format!("NOT EXISTS (SELECT 1 FROM {new} AS {alias} WHERE {})", same.join(" AND ")));
    }
    if !conds.is_empty() {
        s.push_str(&format!(" WHERE {}", conds.join(" AND ")));
    }
    s
}

/// The key column sets of a table (primary key first, unique constraints, unique indexes on
/// plain columns), each with "is the primary key".
fn keys(t: &Table) -> Vec<(Vec<String>, bool)> {
    let mut sets: Vec<(Vec<String>, bool)> = Vec::new();
    for c in &t.constraints {
        match &c.kind {
            ConstraintKind::PrimaryKey { columns } => sets.push((columns.clone(), true)),
            ConstraintKind::Unique { columns, .. } => sets.push((columns.clone(), false)),
            _ => {}
        }
    }
    for i in t.indexes.iter().filter(|i| i.unique && i.predicate.is_none() && i.elems.iter().all(|e| !e.is_expr && e.prefix_len.is_none()))
    {
        sets.push((i.elems.iter().map(|e| e.expr.clone()).collect(), false));
    }
    sets.retain(|(cols, _)| !cols.is_empty());
    sets
}

/// The key column sets of the destination a copy fills entirely, minus the constant columns,
/// that the source's own keys do not already keep unique (those rows can collide).
pub fn copied_keys(m: &DataMove, from: &Schema, to: &Schema) -> Vec<(Vec<String>, bool)> {
    let Some(t) = to.tables.get(&m.child) else { return Vec::new() };
    let source_keys = from.tables.get(&m.parent).map(keys).unwrap_or_default();
    let constant = |c: &String| m.constants.iter().any(|(n, _)| n == c);
    keys(t)
        .into_iter()
        .filter(|(cols, _)| cols.iter().all(|c| m.columns.contains(c) || constant(c)))
        .map(|(cols, pk)| (cols.into_iter().filter(|c| !constant(c)).collect::<Vec<_>>(), pk))
        .filter(|(cols, _)| !source_keys.iter().any(|(k, pk)| *pk && k.iter().all(|c| cols.contains(c))))
        .collect()
}

/// The rows of the copy's source that would collide on `key` in the destination (a query
/// returning one row per duplicate key).
pub fn duplicates_sql(m: &DataMove, key: &[String], pk: bool, d: Dialect) -> String {
    let id = |n: &str| quote::ident(d, n);
    let cols: Vec<String> = key.iter().map(|c| id(c)).collect();
    let mut conds: Vec<String> = m.filter.iter().map(|f| format!("({f})")).collect();
    if !pk {
        conds.extend(cols.iter().map(|c| format!("{c} IS NOT NULL")));
    }
    let filter = if conds.is_empty() { String::new() } else { format!(" WHERE {}", conds.join(" AND ")) };
    if cols.is_empty() {
        return format!("SELECT COUNT(*) AS n FROM {}{filter} HAVING COUNT(*) > 1", quote::qname(d, &m.parent));
    }
    format!("SELECT {} FROM {}{filter} GROUP BY {} HAVING COUNT(*) > 1", cols.join(", "), quote::qname(d, &m.parent), cols.join(", "))
}

/// Statements that fail, before the migration changes anything, when a copy would put two rows
/// with the same key into its destination (MySQL/MariaDB commit each DDL statement: a copy
/// failing half-way would leave new tables behind). SQLite runs the migration in one
/// transaction: a failing copy rolls everything back, no guard needed.
pub fn guards(moves: &[DataMove], from: &Schema, to: &Schema, d: Dialect) -> Vec<String> {
    let mut out = Vec::new();
    for m in moves.iter().filter(|m| m.kind == MoveKind::Copy) {
        for (key, pk) in copied_keys(m, from, to) {
            let dups = duplicates_sql(m, &key, pk, d);
            let what = format!(
                "schemashift: the copy of {} into {} would put two rows with the same {} ({}), fix the rows (see precheck.sql) and run again",
                m.parent,
                m.child,
                if pk { "primary key" } else { "unique key" },
                key.join(", ")
            );
            match d {
                Dialect::Postgres => out.push(format!(
                    "DO $schemashift$ BEGIN IF EXISTS ({dups}) THEN RAISE EXCEPTION {}; END IF; END $schemashift$",
                    quote::literal(d, &what)
                )),
                Dialect::Mysql => out.push(format!(
                    "-- {what}: this statement fails with \"Subquery returns more than 1 row\" when it is so.\nSELECT (SELECT 1 FROM (SELECT 1 AS n UNION ALL SELECT 1 FROM ({dups}) AS schemashift_dup) AS schemashift_guard) INTO @schemashift_guard"
                )),
                Dialect::Sqlite => {}
            }
        }
    }
    out
}

/// A copy goes right after the new table is created; the old table's drop moves after it.
/// Not when the new table already gets its rows from a `--preserve-data` backup and has no key
/// to skip them by.
fn copy(steps: &mut Vec<Step>, m: &DataMove, to: &Schema, d: Dialect) {
    let Some(create_at) = steps.iter().position(|s| matches!(&s.change, Change::CreateTable { table } if table.name == m.child)) else {
        return;
    };
    let filled = format!("INSERT INTO {} ", quote::qname(d, &m.child));
    if m.child_key.is_empty() && steps[create_at].statements.iter().any(|s| s.starts_with(&filled)) {
        return;
    }
    steps[create_at].statements.push(copy_sql(m, d));
    if let Some(new) = to.tables.get(&m.child) {
        let sql = super::sql::Sql { d };
        for c in new.columns.iter().filter(|c| m.columns.contains(&c.name)) {
            steps[create_at].statements.extend(sql.reset_sequence(&m.child, c));
        }
    }
    if let Some(drop_at) = steps.iter().position(|s| matches!(&s.change, Change::DropTable { table } if table.name == m.parent)) {
        if drop_at < create_at {
            let step = steps.remove(drop_at);
            steps.insert(create_at, step);
        }
    }
}

/// `UPDATE parent SET col = (first child row's col) ... WHERE a child row exists`: the first
/// child row (by its key) that holds a value in one of the moved columns.
pub fn merge_sql(m: &DataMove, d: Dialect) -> String {
    let id = |n: &str| quote::ident(d, n);
    let (p, c, alias) = (quote::qname(d, &m.parent), quote::qname(d, &m.child), id(CHILD));
    let any: Vec<String> = m.columns.iter().map(|col| format!("{alias}.{} IS NOT NULL", id(col))).collect();
    let link = format!("{alias}.{} = {p}.{} AND ({})", id(&m.fk_column), id(&m.parent_key), any.join(" OR "));
    let order = if m.child_key.is_empty() {
        String::new()
    } else {
        let keys: Vec<String> = m.child_key.iter().map(|k| format!("{alias}.{}", id(k))).collect();
        format!(" ORDER BY {}", keys.join(", "))
    };
    let set: Vec<String> = m
        .columns
        .iter()
        .map(|col| format!("{} = (SELECT {alias}.{} FROM {c} AS {alias} WHERE {link}{order} LIMIT 1)", id(col), id(col)))
        .collect();
    format!("UPDATE {p} SET {} WHERE {}", set.join(", "), merge_source(m, d))
}

/// The parent has a child row holding a value to copy (the condition of a merge).
pub fn merge_source(m: &DataMove, d: Dialect) -> String {
    let id = |n: &str| quote::ident(d, n);
    let (p, c, alias) = (quote::qname(d, &m.parent), quote::qname(d, &m.child), id(CHILD));
    let any: Vec<String> = m.columns.iter().map(|col| format!("{alias}.{} IS NOT NULL", id(col))).collect();
    format!(
        "EXISTS (SELECT 1 FROM {c} AS {alias} WHERE {alias}.{} = {p}.{} AND ({}))",
        id(&m.fk_column),
        id(&m.parent_key),
        any.join(" OR ")
    )
}

fn merge(steps: &mut Vec<Step>, m: &DataMove, from: &Schema, to: &Schema, target: Target) {
    let d = target.dialect;
    let Some(drop_at) = steps.iter().position(|s| matches!(&s.change, Change::DropTable { table } if table.name == m.child)) else {
        return;
    };
    let adds = |s: &Step| match &s.change {
        Change::AddColumn { table, column } => *table == m.parent && m.columns.contains(&column.name),
        Change::RebuildTable { to, .. } => to.name == m.parent,
        _ => false,
    };
    let Some(last_add) = steps.iter().rposition(adds) else { return };
    let ctx = RenderContext::new(target, from, to, false);
    let mut set_not_null = Vec::new();
    if d != Dialect::Sqlite {
        for s in steps.iter_mut() {
            let Change::AddColumn { table, column } = &s.change else { continue };
            if *table != m.parent || !m.columns.contains(&column.name) || column.nullable || column.default.is_some() {
                continue;
            }
            // Not when `--preserve-data` already added it nullable, filled and constrained it.
            let original = render::render(&s.change, &ctx).statements;
            let Some(first) = original.first() else { continue };
            let Some(at) = s.statements.iter().position(|x| x == first) else { continue };
            let nullable = Column { nullable: true, ..column.clone() };
            let add = render::render(&Change::AddColumn { table: table.clone(), column: nullable.clone() }, &ctx).statements;
            s.statements.splice(at..at + original.len().min(s.statements.len() - at), add);
            let alter = Change::AlterColumn { table: table.clone(), from: nullable, to: column.clone() };
            set_not_null.extend(render::render(&alter, &ctx).statements);
        }
    }
    let mut step = steps.remove(drop_at);
    let drop_statement = step.statements.len().saturating_sub(1);
    step.statements.insert(drop_statement, merge_sql(m, d));
    for (i, s) in set_not_null.into_iter().enumerate() {
        step.statements.insert(drop_statement + 1 + i, s);
    }
    let at = if last_add > drop_at { last_add } else { drop_at };
    steps.insert(at.min(steps.len()), step);
}

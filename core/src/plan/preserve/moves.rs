//! Carrying out the data moves the diff implies (`diff::data_moves`): a split copies the
//! columns into the new table right after it is created (before the parent loses them); a
//! merge fills the parent's new columns from the child table before the child is dropped — the
//! child's DROP TABLE step moves to just after the steps that add those columns. A column the
//! parent gains NOT NULL without a default is added nullable, filled, then made NOT NULL.
//! A copy (a dropped table's rows into a new table) goes right after the new table is created,
//! and the old table's drop after it. Every move is a risk note for review: it assumes the
//! same-named columns hold the same data.

use crate::diff::{Change, DataMove, MoveKind};
use crate::model::{Column, Schema};
use crate::plan::Step;
use crate::render::{self, quote, RenderContext};
use crate::risk::{Risk, RiskSeverity};
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

/// `INSERT INTO new (cols) SELECT cols FROM old`, skipping rows whose key is already there when
/// the new table's key is copied.
pub fn copy_sql(m: &DataMove, d: Dialect) -> String {
    let id = |n: &str| quote::ident(d, n);
    let (old, new, alias) = (quote::qname(d, &m.parent), quote::qname(d, &m.child), id(CHILD));
    let cols: Vec<String> = m.columns.iter().map(|c| id(c)).collect();
    let mut s = format!("INSERT INTO {new} ({}) SELECT {} FROM {old}", cols.join(", "), cols.join(", "));
    if !m.child_key.is_empty() {
        let same: Vec<String> = m.child_key.iter().map(|k| format!("{alias}.{} = {old}.{}", id(k), id(k))).collect();
        s.push_str(&format!(" WHERE NOT EXISTS (SELECT 1 FROM {new} AS {alias} WHERE {})", same.join(" AND ")));
    }
    s
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

/// A review note on the steps that move data (after risk assessment, which replaces notes).
pub fn mark_for_review(steps: &mut [Step], moves: &[DataMove]) {
    for m in moves {
        let (op, verb) = match m.kind {
            MoveKind::Split => ("create", "copies"),
            MoveKind::Merge => ("drop", "copies back"),
            MoveKind::Copy => ("create", "copies the rows of"),
        };
        let Some(step) = steps.iter_mut().find(|s| match (&s.change, m.kind) {
            (Change::CreateTable { table }, MoveKind::Split | MoveKind::Copy) | (Change::DropTable { table }, MoveKind::Merge) => {
                table.name == m.child
            }
            _ => false,
        }) else {
            continue;
        };
        if m.kind == MoveKind::Copy {
            step.risks.push(review(format!(
                "The create of {} copies the rows of {} (columns {}) before {} is dropped: schemashift infers this from the shared columns and key; check that it is the data move you mean (a unique key of {} may refuse rows that {} held twice).",
                m.child,
                m.parent,
                m.columns.join(", "),
                m.parent,
                m.child.name,
                m.parent.name
            )));
            continue;
        }
        step.risks.push(review(format!(
                "The {op} of {} {verb} {} between {} and {} (linked by {}.{} → {}.{}): schemashift infers this move from same-named columns; check that it is the data move you mean{}.",
                m.child,
                m.columns.join(", "),
                m.parent,
                m.child,
                m.child.name,
                m.fk_column,
                m.parent.name,
                m.parent_key,
                if m.kind == MoveKind::Merge { "; when a parent has several child rows, the one with the lowest key wins" } else { "" }
        )));
    }
}

fn review(message: String) -> Risk {
    Risk {
        rule: "review-data-move".to_string(),
        severity: RiskSeverity::Medium,
        message,
        lock: None,
        rewrites: false,
        scans: true,
        data_loss: false,
        breaks_app: false,
        safe_alternative: Vec::new(),
    }
}

//! Destructive steps wait for the deploy: a drop of anything the running (old) application may
//! still use — a column, a table, a view, an index or constraint, a function, a sequence, a type —
//! goes to the contract phase, which runs once every running application is the new version.
//!
//! The drops of a plan are in dependency order (dependents first). Only a tail of them moves, so
//! that their order stays valid: a drop must stay in main when a main step needs it done first
//! (its name is taken again by something the migration creates or renames to, a primary key is
//! replaced, a view or a key or index is in the way of a column change), and then every drop
//! before it stays too.
//!
//! PostgreSQL: a NOT NULL column without a default that waits for contract is made nullable in
//! main, so that the new application, which no longer writes it, can insert rows meanwhile.

use super::derived;
use crate::diff::Change;
use crate::model::{ConstraintKind, QName};
use crate::plan::{Phase, Rewrite, Step};
use crate::render::{self, RenderContext};
use crate::Dialect;
use std::collections::BTreeSet;

pub(super) fn rewrite(steps: Vec<Step>, ctx: &RenderContext<'_>) -> Vec<Step> {
    let main = |s: &&Step| s.phase == Phase::Main;
    let taken = created_names(steps.iter().filter(main));
    let mut reshaped = reshaped_tables(steps.iter().filter(main));
    // A partitioned table's indexes and keys have implicit counterparts on its partitions,
    // whose names main may take again: those drops stay in main.
    reshaped.extend(
        ctx.from.tables.values().filter(|t| t.options.partition_by.is_some() || t.options.partition_of.is_some()).map(|t| t.name.clone()),
    );
    let replaced_keys: BTreeSet<&QName> = steps
        .iter()
        .filter_map(|s| match &s.change {
            Change::AddConstraint { table, constraint } if matches!(constraint.kind, ConstraintKind::PrimaryKey { .. }) => Some(table),
            _ => None,
        })
        .collect();
    // A view main creates reads its table as it is then (`SELECT *` takes every column): a
    // column it may read is dropped in main.
    let viewed: BTreeSet<&QName> = steps
        .iter()
        .filter(main)
        .flat_map(|s| match &s.change {
            Change::CreateView { view } => view.depends_on.iter().collect::<Vec<_>>(),
            _ => Vec::new(),
        })
        .collect();
    // PostgreSQL: a table main attaches a partition to (or makes a parent by `INHERIT`): the
    // engine refuses a child that lacks one of the parent's columns, so the parent's column drops
    // stay in main, before the attach.
    let adopting: BTreeSet<&QName> = steps
        .iter()
        .filter(main)
        .flat_map(|s| match &s.change {
            Change::AlterTableOptions { from, to, .. } => {
                let attached = to.partition_of.as_ref().filter(|p| from.partition_of.as_ref() != Some(*p)).map(|p| &p.parent);
                attached.into_iter().chain(to.inherits.iter().filter(|p| !from.inherits.contains(p))).collect::<Vec<_>>()
            }
            _ => Vec::new(),
        })
        .collect();
    // MySQL/MariaDB: tables main adds a key, an index or a foreign key to, or that a new
    // foreign key references: the keys and indexes they lose (and the key columns, whose drop
    // takes a key with it) go first, in main (a foreign key needs an index, one primary key).
    let mysql = ctx.dialect() == Dialect::Mysql;
    let keyed: BTreeSet<&QName> = steps
        .iter()
        .filter(|s| mysql && s.phase == Phase::Main)
        .flat_map(|s| match &s.change {
            Change::AddConstraint { table, constraint } => {
                let mut v = vec![table];
                if let ConstraintKind::ForeignKey { ref_table, .. } = &constraint.kind {
                    v.push(ref_table);
                }
                v
            }
            Change::CreateIndex { table, .. } => vec![table],
            Change::CreateTable { table } => table
                .constraints
                .iter()
                .filter_map(|c| match &c.kind {
                    ConstraintKind::ForeignKey { ref_table, .. } => Some(ref_table),
                    _ => None,
                })
                .collect(),
            _ => Vec::new(),
        })
        .collect();
    let in_a_key = |table: &QName, column: &str| {
        ctx.from_table(table).is_some_and(|t| {
            t.constraints.iter().any(|c| c.kind.columns().iter().any(|x| x == column))
                || t.indexes.iter().any(|i| i.columns().any(|x| x == column))
        })
    };
    // Enum types main rebuilds (renames the old one, converts the columns it knows, drops the
    // old type): a column or table of that type that waits for contract would still hold the
    // old type when main drops it, so its drop stays in main.
    let rebuilt: Vec<&QName> = steps
        .iter()
        .filter(main)
        .filter_map(|s| match &s.change {
            Change::RebuildEnum { from, .. } => Some(&from.name),
            _ => None,
        })
        .collect();
    let of_rebuilt_type = |c: &crate::model::Column| {
        c.data_type.user_defined && rebuilt.iter().any(|ty| crate::diff::type_names_match(&c.data_type.base, ty))
    };
    let drops: Vec<usize> = (0..steps.len()).filter(|&i| steps[i].phase == Phase::Main && movable(&steps[i].change)).collect();
    let stays = |s: &Step| match &s.change {
        Change::DropColumn { table, column } => {
            of_rebuilt_type(column)
                || viewed.contains(table)
                || adopting.contains(table)
                || taken.contains(&column_key(table, &column.name))
                || (keyed.contains(table) && in_a_key(table, &column.name))
        }
        Change::DropConstraint { table, constraint } => {
            let pk = matches!(constraint.kind, ConstraintKind::PrimaryKey { .. }) && replaced_keys.contains(table);
            pk || reshaped.contains(table)
                || keyed.contains(table)
                || constraint.name.as_ref().is_some_and(|n| taken.contains(&name_key(table, n)))
        }
        Change::DropIndex { table, index } => {
            reshaped.contains(table) || keyed.contains(table) || taken.contains(&name_key(table, &index.name))
        }
        Change::DropView { view } => taken.contains(&view.name.to_string()) || view.depends_on.iter().any(|t| reshaped.contains(t)),
        Change::DropTable { table } if table.columns.iter().any(of_rebuilt_type) => true,
        // PostgreSQL: its indexes (and the keys they back) go with it, and their names are the
        // schema's: one main takes again keeps it in main.
        Change::DropTable { table } if ctx.dialect() == Dialect::Postgres && index_name_taken(table, &taken) => true,
        Change::DropExtension { extension } => taken.contains(&format!("extension\u{0}{}", extension.name)),
        Change::DropNamespace { name } => taken.contains(&format!("schema\u{0}{name}")),
        Change::DropOpaque { object, .. } => taken.contains(&opaque_key(object)),
        other => dropped_name(other).is_some_and(|n| taken.contains(&n.to_string())),
    };
    let first_moved = drops.iter().rposition(|&i| stays(&steps[i])).map_or(0, |k| k + 1);
    let moved: BTreeSet<usize> = drops[first_moved..].iter().copied().collect();
    let mut out = Vec::with_capacity(steps.len());
    for (i, mut step) in steps.into_iter().enumerate() {
        // A new event trigger fires on (and may refuse) the contract drops too: created after them.
        let event_trigger = matches!(&step.change, Change::CreateOpaque { object, .. } if object.kind == "EVENT TRIGGER");
        if event_trigger && !moved.is_empty() && step.phase == Phase::Main {
            step.phase = Phase::Contract;
        }
        if moved.contains(&i) {
            if let Some(nullable) = make_nullable(&step, ctx) {
                out.push(nullable);
            }
            step.phase = Phase::Contract;
        }
        out.push(step);
    }
    out
}

/// Drops the old application may still use.
fn movable(c: &Change) -> bool {
    matches!(
        c,
        Change::DropColumn { .. }
            | Change::DropTable { .. }
            | Change::DropView { .. }
            | Change::DropIndex { .. }
            | Change::DropConstraint { .. }
            | Change::DropFunction { .. }
            | Change::DropSequence { .. }
            | Change::DropType { .. }
            | Change::DropExtension { .. }
            | Change::DropNamespace { .. }
            // A collation, operator, foreign table ... the migration does not create again.
            | Change::DropOpaque { replaced: false, .. }
    )
}

fn dropped_name(c: &Change) -> Option<&QName> {
    match c {
        Change::DropTable { table } => Some(&table.name),
        Change::DropFunction { function } => Some(&function.name),
        Change::DropSequence { sequence } => Some(&sequence.name),
        Change::DropType { ty } => Some(ty.name()),
        _ => None,
    }
}

fn opaque_key(o: &crate::model::Opaque) -> String {
    format!("opaque\u{0}{}\u{0}{}", o.kind, o.name)
}

fn column_key(table: &QName, column: &str) -> String {
    format!("{table}\u{0}{column}")
}

/// Index and constraint names: PostgreSQL's are per schema (an index shares the namespace of
/// tables), MySQL's and SQLite's per table or database; keyed by schema and name, which is the
/// stricter of the two.
/// A name of the table's indexes or of the keys an index backs is in `taken`.
fn index_name_taken(table: &crate::model::Table, taken: &BTreeSet<String>) -> bool {
    let backed = |c: &&crate::model::Constraint| !matches!(c.kind, ConstraintKind::Check { .. } | ConstraintKind::ForeignKey { .. });
    let keys = table.constraints.iter().filter(backed).filter_map(|c| c.name.as_ref());
    table.indexes.iter().map(|i| &i.name).chain(keys).any(|n| taken.contains(&name_key(&table.name, n)))
}

fn name_key(table: &QName, name: &str) -> String {
    QName::new(table.schema.clone(), name).to_string()
}

/// Every name the main phase creates or renames something to (tables, views, sequences, types,
/// functions, indexes, constraints; columns as `table\0column`).
fn created_names<'a>(steps: impl Iterator<Item = &'a Step>) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for s in steps {
        match &s.change {
            Change::CreateTable { table } => {
                out.insert(table.name.to_string());
                out.extend(table.indexes.iter().map(|i| name_key(&table.name, &i.name)));
                out.extend(table.constraints.iter().filter_map(|c| c.name.as_ref().map(|n| name_key(&table.name, n))));
            }
            Change::RenameTable { to, .. } => {
                out.insert(to.to_string());
            }
            Change::CreateExtension { extension } => {
                out.insert(format!("extension\u{0}{}", extension.name));
            }
            Change::CreateOpaque { object, .. } => {
                out.insert(opaque_key(object));
            }
            Change::CreateNamespace { name } => {
                out.insert(format!("schema\u{0}{name}"));
            }
            Change::CreateView { view } => {
                out.insert(view.name.to_string());
            }
            Change::CreateSequence { sequence } => {
                out.insert(sequence.name.to_string());
            }
            Change::CreateType { ty } => {
                out.insert(ty.name().to_string());
            }
            Change::CreateFunction { function } => {
                out.insert(function.name.to_string());
            }
            Change::CreateIndex { table, index } => {
                out.insert(name_key(table, &index.name));
            }
            Change::RenameIndex { table, to, .. } | Change::RenameConstraint { table, to, .. } => {
                out.insert(name_key(table, to));
            }
            Change::AddConstraint { table, constraint } => {
                out.extend(constraint.name.as_ref().map(|n| name_key(table, n)));
            }
            Change::AddColumn { table, column } => {
                out.insert(column_key(table, &column.name));
            }
            Change::RenameColumn { table, to, .. } => {
                out.insert(column_key(table, to));
            }
            Change::RebuildTable { to, .. } => {
                out.extend(to.columns.iter().map(|c| column_key(&to.name, &c.name)));
            }
            _ => {}
        }
    }
    out
}

/// Tables whose columns main changes in place (a type, nullability, a rebuild, an enum or type
/// replaced): an index, key or view on them may be in the way (a primary key keeps its columns
/// NOT NULL), so their drops stay in main.
fn reshaped_tables<'a>(steps: impl Iterator<Item = &'a Step>) -> BTreeSet<QName> {
    let mut out = BTreeSet::new();
    for s in steps {
        match &s.change {
            Change::AlterColumn { table, .. } => {
                out.insert(table.clone());
            }
            Change::RebuildTable { to, .. } => {
                out.insert(to.name.clone());
            }
            Change::RebuildEnum { columns, .. } => out.extend(columns.iter().map(|(t, _)| t.clone())),
            _ => {}
        }
    }
    out
}

/// PostgreSQL: `DROP NOT NULL` in main for a NOT NULL column without a default that waits for
/// contract (the new application no longer writes it).
fn make_nullable(step: &Step, ctx: &RenderContext<'_>) -> Option<Step> {
    let Change::DropColumn { table, column } = &step.change else { return None };
    let fills_itself = column.default.is_some() || column.identity.is_some() || column.serial || column.generated.is_some();
    if ctx.dialect() != Dialect::Postgres || column.nullable || fills_itself {
        return None;
    }
    // A primary key column cannot drop NOT NULL (its key goes with it in contract).
    let in_key = ctx.from_table(table).is_some_and(|t| t.primary_key_columns().contains(&column.name));
    if in_key {
        return None;
    }
    let to = crate::model::Column { nullable: true, ..column.clone() };
    let change = Change::AlterColumn { table: table.clone(), from: column.clone(), to };
    let statements = render::render(&change, ctx).statements;
    let mut s = derived(step, change, statements, true, Rewrite::NullableUntilContract);
    s.phase = Phase::Main;
    Some(s)
}

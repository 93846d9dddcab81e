//! Ordering changes so the engine accepts them.
//!
//! Every change gets a rank (its place in a fixed sequence of phases: renames, new namespaces
//! and types, drops of dependents, table drops, table creates and alters, keys and indexes,
//! foreign keys, views, routines and triggers, and finally drops of types and namespaces).
//! Within a rank, dependencies decide: tables are dropped referencing-first (FK cycles are
//! broken by dropping the cycle's foreign keys first), partitions are created after their
//! parents, views are created after what they read and dropped before it, and user types are
//! created after the types they are built on (and dropped before them). A rebuilt enum or
//! replaced type comes after every column change, so no column still uses the old type when
//! it is dropped.

use super::order_deps::{dependent_deps, opaque_deps, table_create_deps, topo, type_deps, view_deps, view_routine_deps};
use super::order_sequences::{
    releases_ownership, sequences_of_dropped_tables, split_defaults_on_dropped_sequences, split_sequence_ownership, uses_any,
};
use crate::diff::Change;
use crate::model::{ConstraintKind, QName};
use std::collections::{BTreeMap, BTreeSet};

/// Sort `changes` into execution order.
pub fn order(changes: Vec<Change>) -> Vec<Change> {
    let changes = split_defaults_on_dropped_sequences(split_partition_moves(split_sequence_ownership(changes)));
    let dropped_sequences = sequences_of_dropped_tables(&changes);
    // Columns an enum rebuild (26) converts: their other changes come after it, since a default
    // or a type naming a new value is refused by the old type ("invalid input value for enum").
    let rebuilt: BTreeSet<(QName, String)> = changes
        .iter()
        .filter_map(|c| match c {
            Change::RebuildEnum { columns, .. } => Some(columns.iter().cloned()),
            _ => None,
        })
        .flatten()
        .collect();
    // A change of only the default of such a column is the rebuild's own (it sets AFTER's).
    let default_only = |c: &Change| match c {
        Change::AlterColumn { table, from, to } => {
            rebuilt.contains(&(table.clone(), to.name.clone()))
                && crate::model::Column { default: to.default.clone(), ..from.clone() } == *to
        }
        _ => false,
    };
    let changes: Vec<Change> = if rebuilt.is_empty() { changes } else { changes.into_iter().filter(|c| !default_only(c)).collect() };
    let created_views: BTreeSet<QName> = changes
        .iter()
        .filter_map(|c| match c {
            Change::CreateView { view } => Some(view.name.clone()),
            _ => None,
        })
        .collect();
    // Types altered in place (26): a routine naming one is created after it (a SQL body is
    // checked against the type's new shape when created).
    let altered_types: Vec<String> = changes
        .iter()
        .filter_map(|c| match c {
            Change::ReplaceType { to, .. } => Some(to.name().name.clone()),
            Change::RebuildEnum { to, .. } => Some(to.name.name.clone()),
            _ => None,
        })
        .collect();
    // Tables attached as partitions (27): a check of their new parent is added to them before
    // (`diff::partition`: `ATTACH PARTITION` refuses a table without it).
    let attached: BTreeSet<QName> = changes
        .iter()
        .filter_map(|c| match c {
            Change::AlterTableOptions { table, from, to } if to.partition_of.is_some() && from.partition_of != to.partition_of => {
                Some(table.clone())
            }
            _ => None,
        })
        .collect();
    // Columns whose type changes (24): a generated column added that reads one is added after
    // (PostgreSQL refuses to change the type of a column a generated column uses), with the
    // drops (25).
    let retyped: BTreeSet<(QName, String)> = changes
        .iter()
        .filter_map(|c| match c {
            Change::AlterColumn { table, from, to } if from.data_type != to.data_type => Some((table.clone(), to.name.clone())),
            _ => None,
        })
        .collect();
    let reads_retyped = |c: &Change| match c {
        Change::AddColumn { table, column } if !retyped.is_empty() => column.generated.as_ref().is_some_and(|g| {
            let names = crate::model::Names::of(&g.expr);
            retyped.iter().any(|(t, col)| t == table && names.has(col))
        }),
        _ => false,
    };
    let check_before_attach = |c: &Change| match c {
        Change::AddConstraint { table, constraint } => matches!(constraint.kind, ConstraintKind::Check { .. }) && attached.contains(table),
        _ => false,
    };
    let mut ranked: BTreeMap<u32, Vec<Change>> = BTreeMap::new();
    for c in changes {
        let r = match &c {
            c if reads_retyped(c) => RANK_DROP_COLUMN,
            c if check_before_attach(c) => RANK_AFTER_TYPE_REBUILD,
            Change::CreateFunction { function }
                if !altered_types.is_empty() && {
                    let names = crate::model::Names::of_all([function.args.as_str(), &function.definition]);
                    altered_types.iter().any(|t| names.has(t))
                } =>
            {
                rank(&c, &created_views).max(RANK_CREATE_ROUTINE_ON_ALTERED_TYPE)
            }
            // A default leaving a sequence its dropped table owns goes before that table
            // (`split_defaults_on_dropped_sequences`).
            Change::AlterColumn { from, to, .. } if to.default.is_none() && uses_any(from, &dropped_sequences) => RANK_DROP_TABLE - 1,
            Change::AlterColumn { table, to, .. } if rebuilt.contains(&(table.clone(), to.name.clone())) => RANK_AFTER_TYPE_REBUILD,
            _ => rank(&c, &created_views),
        };
        ranked.entry(r).or_default().push(c);
    }
    let mut out = Vec::new();
    for (r, group) in ranked {
        match r {
            RANK_DROP_TABLE => out.extend(order_table_drops(group)),
            RANK_CREATE_NAMESPACE => {
                // New namespaces, then the table renames (one may move a table into one).
                let (spaces, renames): (Vec<Change>, Vec<Change>) =
                    group.into_iter().partition(|c| matches!(c, Change::CreateNamespace { .. }));
                out.extend(spaces);
                out.extend(renames);
            }
            RANK_DROP_DEPENDENT => {
                // The dependents the planner re-creates, readers first.
                let (deps, rest): (Vec<Change>, Vec<Change>) = group.into_iter().partition(|c| matches!(c, Change::Dependent { .. }));
                out.extend(rest);
                out.extend(topo(deps, dependent_deps, true));
            }
            RANK_CREATE_DEPENDENT => out.extend(topo(group, dependent_deps, false)),
            RANK_AFTER_TYPE_REBUILD if !attached.is_empty() => {
                // Columns an enum rebuild converted, then the checks partitions need, then the
                // attachments and the other table options (a plan attaching no table keeps the
                // order the differ gave).
                let key = |c: &Change| match c {
                    Change::AlterColumn { .. } => 0,
                    c if check_before_attach(c) => 1,
                    _ => 2,
                };
                let mut group = group;
                group.sort_by_key(key);
                out.extend(group);
            }
            RANK_CREATE_TABLE => out.extend(topo(group, table_create_deps, false)),
            RANK_CREATE_VIEW if group.iter().any(|c| matches!(c, Change::CreateFunction { .. })) => {
                out.extend(topo(group, view_routine_deps, false))
            }
            RANK_CREATE_VIEW => out.extend(topo(group, view_deps, false)),
            RANK_DROP_VIEW => out.extend(topo(group, view_deps, true)),
            RANK_CREATE_TYPE | RANK_CREATE_ROUTINE_ON_ALTERED_TYPE => out.extend(topo(group, type_deps, false)),
            RANK_DROP_TYPE => out.extend(topo(group, type_deps, true)),
            RANK_CREATE_OPAQUE | RANK_CREATE_OPAQUE_LATE => out.extend(topo(by_kind(group), opaque_deps, false)),
            RANK_DROP_OPAQUE | RANK_DROP_OPAQUE_EARLY | RANK_DROP_OPAQUE_REPLACED => out.extend(topo(by_kind(group), opaque_deps, true)),
            _ => out.extend(group),
        }
    }
    event_triggers_outside(rebuild_before_dropped_parents(out))
}

/// An event trigger fires on the migration's own DDL (and may refuse it): the ones that go are
/// dropped before any other step, the new ones created after every other step.
fn event_triggers_outside(out: Vec<Change>) -> Vec<Change> {
    let is_event_trigger = |c: &Change, dropping: bool| match c {
        Change::DropOpaque { object, .. } if dropping => object.kind == "EVENT TRIGGER",
        Change::CreateOpaque { object, .. } if !dropping => object.kind == "EVENT TRIGGER",
        _ => false,
    };
    // Without one nothing moves (and the plan's changes are not moved twice more).
    if !out.iter().any(|c| is_event_trigger(c, true) || is_event_trigger(c, false)) {
        return out;
    }
    let (drops, rest): (Vec<Change>, Vec<Change>) = out.into_iter().partition(|c| is_event_trigger(c, true));
    let (creates, rest): (Vec<Change>, Vec<Change>) = rest.into_iter().partition(|c| is_event_trigger(c, false));
    drops.into_iter().chain(rest).chain(creates).collect()
}

/// SQLite: a rebuilt table whose old form still references a table that is dropped is rebuilt
/// first (its new form no longer references it): dropping a parent table with
/// `foreign_keys=ON` deletes its rows, which fails on the child rows that still point at them.
/// Only a rebuild whose new form references no table this migration creates can move up.
fn rebuild_before_dropped_parents(mut out: Vec<Change>) -> Vec<Change> {
    // Without a rebuild nothing moves (and each dropped table would scan every later change).
    if !out.iter().any(|c| matches!(c, Change::RebuildTable { .. })) {
        return out;
    }
    let created: BTreeSet<QName> = out
        .iter()
        .filter_map(|c| match c {
            Change::CreateTable { table } => Some(table.name.clone()),
            _ => None,
        })
        .collect();
    let refs = |t: &crate::model::Table| -> Vec<QName> {
        t.constraints
            .iter()
            .filter_map(|c| match &c.kind {
                ConstraintKind::ForeignKey { ref_table, .. } => Some(ref_table.clone()),
                _ => None,
            })
            .collect()
    };
    let mut i = 0;
    while i < out.len() {
        let Change::DropTable { table } = &out[i] else {
            i += 1;
            continue;
        };
        let parent = table.name.clone();
        let later = out.iter().skip(i + 1).position(|c| match c {
            Change::RebuildTable { from, to, .. } => {
                refs(from).contains(&parent) && !refs(to).contains(&parent) && refs(to).iter().all(|r| !created.contains(r))
            }
            _ => false,
        });
        if let Some(k) = later {
            let rebuild = out.remove(i + 1 + k);
            out.insert(i, rebuild);
            i += 1;
        }
        i += 1;
    }
    out
}

/// Dependents the planner re-creates (`diff/dependents.rs`) are dropped before every other
/// change but renames (which they follow) and created again after all of them (after the
/// routines and types they used were dropped, so they bind to what AFTER has).
const RANK_DROP_DEPENDENT: u32 = 2;
const RANK_CREATE_NAMESPACE: u32 = 0;
const RANK_RENAME_TABLE: u32 = 0;
const RANK_CREATE_DEPENDENT: u32 = 60;
const RANK_CREATE_TYPE: u32 = 4;
/// A routine naming a type altered in place (26) is created after it, before the indexes and
/// constraints (30) that may call it.
const RANK_CREATE_ROUTINE_ON_ALTERED_TYPE: u32 = 29;
const RANK_DROP_TYPE: u32 = 51;
/// After enums are rebuilt and types replaced in place (26).
const RANK_AFTER_TYPE_REBUILD: u32 = 27;
const RANK_DROP_VIEW: u32 = 11;
const RANK_DROP_TABLE: u32 = 13;
const RANK_DROP_COLUMN: u32 = 25;
const RANK_CREATE_TABLE: u32 = 21;
const RANK_CREATE_VIEW: u32 = 35;
/// Objects kept whole: those that name no table or view are created after types and
/// table-free routines and before tables (a column may use a collation, an index an operator
/// class), and dropped after tables and before types and routines; those that name a table or
/// view (rules, statistics, publications) are created after views and triggers and dropped
/// before them.
/// A replaced one (no table named) is dropped just before they are created.
const RANK_DROP_OPAQUE_REPLACED: u32 = 6;
const RANK_CREATE_OPAQUE: u32 = 7;
const RANK_CREATE_OPAQUE_LATE: u32 = 38;
const RANK_DROP_OPAQUE_EARLY: u32 = 10;
const RANK_DROP_OPAQUE: u32 = 50;

fn rank(c: &Change, created_views: &BTreeSet<QName>) -> u32 {
    use Change::*;
    match c {
        // A new namespace first: a table may be renamed into it (`SET SCHEMA`).
        CreateNamespace { .. } => RANK_CREATE_NAMESPACE,
        RenameTable { .. } => RANK_RENAME_TABLE,
        RenameColumn { .. } | RenameIndex { .. } | RenameConstraint { .. } | RenameEnumValue { .. } => 1,
        Dependent { recreate: false, .. } => RANK_DROP_DEPENDENT,
        Dependent { recreate: true, .. } => RANK_CREATE_DEPENDENT,
        CreateExtension { .. } => 3,
        CreateType { .. } | AddEnumValue { .. } => RANK_CREATE_TYPE,
        CreateSequence { .. } => 5,
        // Routines that read no table go with the types: a domain may check with one, and one
        // may take a type as argument (`type_deps` orders them).
        CreateFunction { function } if function.depends_on.is_empty() => RANK_CREATE_TYPE,
        DropTrigger { .. } | DropPolicy { .. } | DropEvent { .. } => 10,
        DropView { .. } => RANK_DROP_VIEW,
        DropConstraint { constraint, .. } if matches!(constraint.kind, ConstraintKind::ForeignKey { .. }) => 12,
        // Tables go before the keys of other tables are dropped: a dropped table's foreign key
        // may still use a primary key or unique index that changes.
        DropTable { .. } => RANK_DROP_TABLE,
        // A table whose partitioning changes: its rows are held before the old table is
        // dropped, and put back once the new table and its partitions exist (before its
        // indexes and keys are built). A partition it detaches is detached before foreign keys
        // are dropped (12): the copy of the parent's a partition keeps becomes its own then.
        HoldRows { .. } => 11,
        // After tables of their own are attached as partitions of the new table (27): a held
        // row of their bound goes into them.
        RestoreRows { .. } => 28,
        DropConstraint { .. } | DropIndex { .. } => 14,
        CreateTable { .. } => RANK_CREATE_TABLE,
        AddColumn { .. } => 23,
        AlterColumn { .. } | RebuildTable { .. } => 24,
        DropColumn { .. } => RANK_DROP_COLUMN,
        // A type rebuilt or replaced in place converts every column that uses it in AFTER:
        // after columns were added, altered (to or from the type) and dropped, so no column
        // still holds the old type when it is dropped.
        RebuildEnum { .. } | ReplaceType { .. } => 26,
        // A sequence leaves its owner before tables and columns are dropped: dropping the owner
        // would drop the sequence with it (see `split_sequence_ownership`).
        AlterSequence { from, to } if releases_ownership(from, to) => 9,
        // A sequence renamed (`diff` emits the rename alone) goes with the other renames, before
        // the columns whose defaults name it by its new name (MariaDB opens the sequence of a
        // `nextval` default when the column is altered).
        AlterSequence { from, to } if from.name != to.name => 1,
        // A table leaves its type (`NOT OF`) before columns and types change (`diff::tables`).
        AlterTableOptions { from, to, .. }
            if from.of_type.is_some() && to.of_type.is_none() && from.other == to.other && from.inherits == to.inherits =>
        {
            9
        }
        // A partition detached for good leaves before its parent's columns change (a column
        // added to the parent must not reach it).
        AlterTableOptions { from, to, .. } if from.partition_of.is_some() && to.partition_of.is_none() => 9,
        // REPLICA IDENTITY USING INDEX and CLUSTER ON need the index (created at 30).
        AlterTableOptions { from, to, .. }
            if from.replica_identity != to.replica_identity
                && to.replica_identity.as_deref().is_some_and(|r| r.starts_with("USING INDEX")) =>
        {
            32
        }
        AlterTableOptions { from, to, .. } if from.cluster_on != to.cluster_on && to.cluster_on.is_some() => 32,
        // A MySQL table's default character set or collation changes before columns are added
        // (23): a column added without its own takes the table's at that moment (a FULLTEXT
        // index over it and an altered column refuses mixed collations). Only then: partitioning
        // and the rest may need the added columns.
        AlterTableOptions { from, to, .. }
            if (from.charset != to.charset || from.collation != to.collation)
                && from.partition_by == to.partition_by
                && from.system_versioning == to.system_versioning
                && from.periods == to.periods =>
        {
            22
        }
        AlterSequence { .. } | AlterTableOptions { .. } | SetTableComment { .. } => 27,
        // After the partitions' indexes are attached (31): a foreign key needs a valid key.
        AddConstraint { constraint, .. } if matches!(constraint.kind, ConstraintKind::ForeignKey { .. }) => 32,
        AddConstraint { .. } | CreateIndex { .. } => 30,
        // Both indexes and the partition exist (a partition attached at 27).
        AttachIndex { .. } => 31,
        // Routines that read tables come after the tables, and before the views that may call
        // them, unless they read a view created here: then among the views, in the order they
        // need each other (`view_routine_deps`).
        CreateFunction { function } if function.depends_on.iter().any(|d| created_views.contains(d)) => RANK_CREATE_VIEW,
        CreateFunction { .. } => 34,
        CreateView { .. } => RANK_CREATE_VIEW,
        CreateTrigger { .. } | SetRowSecurity { .. } | CreatePolicy { .. } => 37,
        // An event's body is checked when it runs, not when it is created: after the tables.
        CreateEvent { .. } | AlterEvent { .. } => 37,
        SetComment { .. } | DataStep { .. } => 40,
        // Routines and types are dropped together, dependents first (`type_deps`).
        DropFunction { .. } => RANK_DROP_TYPE,
        DropType { .. } => RANK_DROP_TYPE,
        DropSequence { .. } => 52,
        DropExtension { .. } => 53,
        DropNamespace { .. } => 54,
        CreateOpaque { object, .. } if object.depends_on.is_empty() => RANK_CREATE_OPAQUE,
        CreateOpaque { .. } => RANK_CREATE_OPAQUE_LATE,
        DropOpaque { object, replaced: true } if object.depends_on.is_empty() => RANK_DROP_OPAQUE_REPLACED,
        DropOpaque { object, .. } if object.depends_on.is_empty() => RANK_DROP_OPAQUE,
        DropOpaque { .. } => RANK_DROP_OPAQUE_EARLY,
        // Privileges: taken away before anything is dropped, given after everything is
        // created (a dropped object's privileges go with it: the differ emits none).
        SetGrant { grant, from, to } if crate::render::grant_adds(grant, *from, *to) => 45,
        SetGrant { .. } => 8,
        SetOwner { .. } => 46,
    }
}

/// Kinds kept whole in the order one may need another (a server needs its wrapper, a user
/// mapping its server, an operator class its operators, a configuration its dictionaries).
pub(super) const OPAQUE_KIND_ORDER: &[&str] = &[
    "LANGUAGE",
    "TRANSFORM",
    "FOREIGN DATA WRAPPER",
    "SERVER",
    "USER MAPPING",
    "ACCESS METHOD",
    "COLLATION",
    "CONVERSION",
    "CAST",
    "OPERATOR",
    "OPERATOR FAMILY",
    "OPERATOR CLASS",
    "AGGREGATE",
    "TEXT SEARCH PARSER",
    "TEXT SEARCH TEMPLATE",
    "TEXT SEARCH DICTIONARY",
    "TEXT SEARCH CONFIGURATION",
    "FOREIGN TABLE",
    "VIRTUAL TABLE",
    "STATISTICS",
    "RULE",
    "PUBLICATION",
    "SUBSCRIPTION",
    "EVENT TRIGGER",
];

/// Opaque changes sorted by `OPAQUE_KIND_ORDER` (stable), before `opaque_deps` orders them.
fn by_kind(mut group: Vec<Change>) -> Vec<Change> {
    let pos = |c: &Change| match c {
        Change::CreateOpaque { object, .. } | Change::DropOpaque { object, .. } => {
            OPAQUE_KIND_ORDER.iter().position(|k| *k == object.kind).unwrap_or(OPAQUE_KIND_ORDER.len())
        }
        _ => OPAQUE_KIND_ORDER.len(),
    };
    group.sort_by_key(pos);
    group
}

/// A partition moving to another parent whose old parent is dropped leaves it first (the
/// detach ranks with the partitions detached for good, before table drops): `DROP TABLE` of a
/// partitioned table drops its partitions with their rows. It joins the new parent later.
fn split_partition_moves(changes: Vec<Change>) -> Vec<Change> {
    let dropped: BTreeSet<QName> = changes
        .iter()
        .filter_map(|c| match c {
            Change::DropTable { table } => Some(table.name.clone()),
            _ => None,
        })
        .collect();
    let mut out = Vec::with_capacity(changes.len());
    for c in changes {
        match c {
            Change::AlterTableOptions { table, from, to }
                if from.partition_of.as_ref().is_some_and(|p| dropped.contains(&p.parent)) && to.partition_of.is_some() =>
            {
                let detached = crate::model::TableOptions { partition_of: None, ..from.clone() };
                out.push(Change::AlterTableOptions { table: table.clone(), from, to: detached.clone() });
                out.push(Change::AlterTableOptions { table, from: detached, to });
            }
            other => out.push(other),
        }
    }
    out
}

/// Drop tables that reference others (by FK, partition or inheritance) before the tables they
/// reference. Partitions of a dropped partitioned table go with it. FK cycles among dropped
/// tables are broken by dropping the cycle's foreign keys first.
fn order_table_drops(group: Vec<Change>) -> Vec<Change> {
    let dropped: BTreeMap<QName, &crate::model::Table> = group
        .iter()
        .filter_map(|c| match c {
            Change::DropTable { table } => Some((table.name.clone(), table)),
            _ => None,
        })
        .collect();
    // The dropped table a partition goes away with: its topmost dropped ancestor.
    let root = |q: &QName| -> QName {
        let mut cur = q.clone();
        for _ in 0..dropped.len() {
            match dropped.get(&cur).and_then(|t| t.options.partition_of.as_ref()) {
                Some(p) if dropped.contains_key(&p.parent) => cur = p.parent.clone(),
                _ => break,
            }
        }
        cur
    };
    // The foreign keys that go with each dropped table: its own and its dropped partitions'
    // (as (owner, key, referenced root)).
    let mut fks: BTreeMap<QName, Vec<(QName, crate::model::Constraint, QName)>> = BTreeMap::new();
    for t in dropped.values() {
        // A partition holds its parent's keys too (inherited: they go with the parent's).
        let inherited: BTreeSet<Option<String>> = t
            .options
            .partition_of
            .as_ref()
            .and_then(|p| dropped.get(&p.parent))
            .map(|parent| parent.foreign_keys().map(|k| k.name.clone()).collect())
            .unwrap_or_default();
        for fk in t.foreign_keys().filter(|k| !inherited.contains(&k.name)) {
            if let ConstraintKind::ForeignKey { ref_table, .. } = &fk.kind {
                fks.entry(root(&t.name)).or_default().push((t.name.clone(), fk.clone(), root(ref_table)));
            }
        }
    }
    let dropped: BTreeSet<QName> = dropped.keys().cloned().collect();
    // Partitions whose parent is dropped too disappear with it.
    let group: Vec<Change> = group
        .into_iter()
        .filter(|c| match c {
            Change::DropTable { table } => !table.options.partition_of.as_ref().is_some_and(|p| dropped.contains(&p.parent)),
            _ => true,
        })
        .collect();
    let refs = |c: &Change| -> (QName, Vec<QName>) {
        match c {
            Change::DropTable { table } => {
                let mut deps: Vec<QName> =
                    fks.get(&table.name).into_iter().flatten().filter(|(_, _, r)| *r != table.name).map(|(_, _, r)| r.clone()).collect();
                deps.extend(table.options.inherits.iter().cloned());
                (table.name.clone(), deps)
            }
            _ => (QName::default(), Vec::new()),
        }
    };
    // Reverse topological order over "references": a table is dropped after everything that
    // references it. Detect cycles to break them explicitly.
    let info: Vec<(QName, Vec<QName>)> = group.iter().map(refs).collect();
    // In layers: each layer is every table still to drop that none of the others still to drop
    // references, in the group's order (Kahn's algorithm with a count of referencers per table,
    // linear in the tables and keys: a chain of 2,000 foreign keys made one pass per table over
    // every table).
    let mut by_name: BTreeMap<&QName, Vec<usize>> = BTreeMap::new();
    for (i, (name, _)) in info.iter().enumerate() {
        by_name.entry(name).or_default().push(i);
    }
    // referencers[i]: the changes (other than i) whose references name i's table, each once.
    let mut referenced: Vec<Vec<usize>> = vec![Vec::new(); info.len()];
    let mut count: Vec<usize> = vec![0; info.len()];
    for (j, (_, deps)) in info.iter().enumerate() {
        let targets: BTreeSet<usize> =
            deps.iter().flat_map(|d| by_name.get(d).into_iter().flatten().copied()).filter(|&i| i != j).collect();
        for i in targets {
            count[i] += 1;
            referenced[j].push(i);
        }
    }
    let mut done = vec![false; info.len()];
    let mut order = Vec::new();
    let mut breaks: Vec<Change> = Vec::new();
    let mut layer: Vec<usize> = (0..info.len()).filter(|&i| count[i] == 0).collect();
    while !layer.is_empty() {
        let mut next = Vec::new();
        for &f in &layer {
            done[f] = true;
            for &i in &referenced[f] {
                count[i] -= 1;
                if count[i] == 0 {
                    next.push(i);
                }
            }
        }
        order.append(&mut layer);
        next.sort_unstable();
        layer = next;
    }
    let mut remaining: Vec<usize> = (0..info.len()).filter(|&i| !done[i]).collect();
    if !remaining.is_empty() {
        // Cycle: drop the foreign keys among the remaining tables first.
        // (A partition's own keys too: the partition goes with its parent.)
        let live: BTreeSet<&QName> = remaining.iter().map(|&i| &info[i].0).collect();
        for &i in &remaining {
            if let Change::DropTable { table } = &group[i] {
                for (owner, fk, r) in fks.get(&table.name).into_iter().flatten() {
                    if live.contains(r) && *r != table.name {
                        breaks.push(Change::DropConstraint { table: owner.clone(), constraint: fk.clone() });
                    }
                }
            }
        }
        order.append(&mut remaining);
    }
    let mut slots: Vec<Option<Change>> = group.into_iter().map(Some).collect();
    let mut out = breaks;
    out.extend(order.into_iter().filter_map(|i| slots.get_mut(i).and_then(Option::take)));
    out
}

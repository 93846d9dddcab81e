//! PostgreSQL: a table whose partitioning changes (plain to partitioned, back, or another
//! partition key) cannot be altered in place; it is re-created as a DBA does, in the
//! migration's one transaction:
//! 1. what depends on the table from outside goes first: views, SQL-standard routines and
//!    publications reading it (`dependents.rs`, `Target::Table`), the foreign keys of other
//!    tables pointing at it, and the ownership of the sequences its columns own;
//! 2. partitions AFTER keeps as tables of their own are detached, with their rows (they leave
//!    the parent, as `DETACH PARTITION` takes them); the rest of its rows (its other
//!    partitions' too) are copied into a holding table (`Change::HoldRows`);
//! 3. the old table is dropped (its partitions with it) and the new one created with AFTER's
//!    partitions, as a new table is (so its keys, indexes, triggers, rules, statistics,
//!    comments, policies and privileges are created again);
//! 4. the rows go into the new table (`Change::RestoreRows`), each to its partition: a row
//!    no partition takes fails the statement, and the transaction takes everything back;
//! 5. the indexes and keys are built, the foreign keys and dependents created again.
//!
//! A table of its own that AFTER makes one of the new table's partitions is attached (with its
//! rows, which `ATTACH PARTITION` checks against the bound) before step 4.
//!
//! The differ runs on BEFORE without the re-created tables (`cut`), so everything of theirs
//! comes out as new; `push` adds the rest. Down is the same plan the other way. What cannot be
//! planned this way stays blocked (`blockers`): a table that is a partition itself, a partition
//! or partitioned table elsewhere that becomes a partition of the new table, inheritance
//! children of the old one.

use super::{Change, DiffContext};
use crate::model::{CommentTarget, ConstraintKind, QName, Schema, Sequence};
use std::collections::BTreeSet;

/// One table re-created because its partitioning changes.
pub(super) struct Repartition {
    root: QName,
    /// The root and its partitions (every level) in BEFORE.
    old_tree: BTreeSet<QName>,
    /// Partitions of the old tree that AFTER keeps outside the new tree: (parent, partition).
    detached: Vec<(QName, QName)>,
}

impl Repartition {
    /// The tables dropped with the old root (the old tree but the detached partitions).
    fn dropped(&self) -> impl Iterator<Item = &QName> {
        self.old_tree.iter().filter(|q| !self.detached.iter().any(|(_, p)| p == *q))
    }
}

/// `root` and its partitions, every level.
fn tree(s: &Schema, root: &QName) -> BTreeSet<QName> {
    let mut out = BTreeSet::from([root.clone()]);
    loop {
        let n = out.len();
        for t in s.tables.values() {
            if t.options.partition_of.as_ref().is_some_and(|p| out.contains(&p.parent)) {
                out.insert(t.name.clone());
            }
        }
        if out.len() == n {
            return out;
        }
    }
}

/// The tables on both sides whose partitioning changes.
fn changed(from: &Schema, to: &Schema) -> Vec<QName> {
    super::pairs::pairs(&from.tables, &to.tables)
        .filter_map(|p| match p {
            super::pairs::Pair::Both(name, old, t) if old.options.partition_by != t.options.partition_by => Some(name.clone()),
            _ => None,
        })
        .collect()
}

/// Why re-creating `name` cannot be planned, if it cannot.
fn unplannable(from: &Schema, to: &Schema, name: &QName) -> Option<String> {
    let (old, new) = (from.tables.get(name)?, to.tables.get(name)?);
    if old.options.partition_of.is_some() || new.options.partition_of.is_some() {
        return Some("it is a partition itself (sub-partitioning changes are not planned)".into());
    }
    let old_tree = tree(from, name);
    // A table of its own that becomes one of its partitions is attached to the new table
    // (`ALTER TABLE ... ATTACH PARTITION` checks that its rows fit the bound, and keeps them)
    // before the held rows go in; one that is a partition elsewhere, or partitioned itself, is not.
    let adopted = tree(to, name).into_iter().filter(|q| !old_tree.contains(q) && from.tables.contains_key(q));
    for t in adopted.filter_map(|q| from.tables.get(&q)) {
        let becomes = to.tables.get(&t.name).map(|n| &n.options);
        if t.options.partition_of.is_some() || t.options.partition_by.is_some() || becomes.is_some_and(|o| o.partition_by.is_some()) {
            return Some(format!("table {} exists before as a partition or a partitioned table and becomes one of its partitions", t.name));
        }
    }
    if let Some(t) = from.tables.values().find(|t| !old_tree.contains(&t.name) && t.options.inherits.iter().any(|p| old_tree.contains(p))) {
        return Some(format!("table {} inherits from it", t.name));
    }
    None
}

/// Whether table `name` is re-created with its rows because its partitioning changes
/// (PostgreSQL; for the risk rules: its `DROP TABLE` loses nothing).
pub fn repartitioned(from: &Schema, to: &Schema, name: &QName) -> bool {
    let changes = match (from.tables.get(name), to.tables.get(name)) {
        (Some(old), Some(new)) => old.options.partition_by != new.options.partition_by,
        _ => false,
    };
    changes && unplannable(from, to, name).is_none()
}

/// The re-creations to plan (PostgreSQL).
pub(super) fn plan(from: &Schema, to: &Schema) -> Vec<Repartition> {
    let mut out = Vec::new();
    for root in changed(from, to) {
        if unplannable(from, to, &root).is_some() {
            continue;
        }
        let old_tree = tree(from, &root);
        let new_tree = tree(to, &root);
        let detached = old_tree
            .iter()
            .filter(|q| **q != root && to.tables.contains_key(*q) && !new_tree.contains(*q))
            .filter_map(|q| from.tables.get(q)?.options.partition_of.as_ref().map(|p| (p.parent.clone(), q.clone())))
            .collect();
        out.push(Repartition { root, old_tree, detached });
    }
    out
}

/// The partitioning changes that cannot be planned: they block the result.
pub fn blockers(from: &Schema, to: &Schema) -> Vec<crate::Blocker> {
    let mut out = Vec::new();
    for name in changed(from, to) {
        let Some(why) = unplannable(from, to, &name) else { continue };
        let (Some(old), Some(new)) = (from.tables.get(&name), to.tables.get(&name)) else { continue };
        let msg = format!(
            "the partitioning of table {name} changes ({} -> {}) and {why}: schemashift does not plan this re-creation; create the new table under another name, copy the rows, and swap the names in a migration of your own",
            old.options.partition_by.as_deref().unwrap_or("none"),
            new.options.partition_by.as_deref().unwrap_or("none")
        );
        out.push(crate::Blocker::new(crate::BlockKind::NotPlanned, msg).with_objects(vec![name.to_string()]));
    }
    out
}

/// BEFORE without the re-created tables and what goes with them (triggers, rules and
/// statistics on them, their privileges, comments on their keys and indexes); a detached
/// partition stays, as the table of its own it is once detached.
pub(super) fn cut(from: &Schema, plans: &[Repartition]) -> Schema {
    let mut s = from.clone();
    let gone: BTreeSet<QName> = plans.iter().flat_map(|p| p.dropped().cloned()).collect();
    for p in plans {
        for (_, part) in &p.detached {
            if let Some(t) = s.tables.get_mut(part) {
                t.options.partition_of = None;
            }
        }
    }
    let mut comments: BTreeSet<CommentTarget> = BTreeSet::new();
    for t in gone.iter().filter_map(|n| from.tables.get(n)) {
        for i in &t.indexes {
            comments.insert(CommentTarget::Index(QName::new(t.name.schema.clone(), i.name.clone())));
        }
    }
    let on_gone = |target: &CommentTarget| target.on_table().is_some_and(|t| gone.contains(t));
    s.comments.retain(|target, _| !comments.contains(target) && !on_gone(target));
    s.tables.retain(|n, _| !gone.contains(n));
    s.triggers.retain(|(t, _), _| !gone.contains(t));
    s.grants.retain(|g| !(g.kind == "TABLE" && gone.contains(&g.object)));
    s.opaque.retain(|_, o| !(matches!(o.kind.as_str(), "RULE" | "STATISTICS") && o.depends_on.iter().any(|d| gone.contains(d))));
    s
}

/// The holding table of a table's rows while it is re-created (or a default partition's while
/// a partition is added beside it): `<name>__rows`, within PostgreSQL's 63 bytes.
pub fn holding_table(root: &QName) -> QName {
    let mut name = root.name.clone();
    while name.len() > 63 - "__rows".len() {
        name.pop();
    }
    QName::new(root.schema.clone(), format!("{name}__rows"))
}

/// The changes `cut` leaves out: the rows held and put back, the old tables dropped, the
/// foreign keys of other tables pointing at them and the sequences their columns own.
pub(super) fn push(ctx: &mut DiffContext<'_>, from: &Schema, plans: &[Repartition]) {
    // Nothing re-created: no foreign key or sequence to look for (each a walk of every table).
    if plans.is_empty() {
        return;
    }
    let to = ctx.to;
    for p in plans {
        let (Some(old), Some(new)) = (from.tables.get(&p.root), to.tables.get(&p.root)) else { continue };
        let holding = holding_table(&p.root);
        ctx.push(Change::HoldRows { table: old.clone(), holding: holding.clone(), detach: p.detached.clone() });
        for t in p.dropped().filter_map(|n| from.tables.get(n)) {
            ctx.push(Change::DropTable { table: t.clone() });
        }
        let columns =
            new.columns.iter().filter(|c| c.generated.is_none() && old.column(&c.name).is_some()).map(|c| c.name.clone()).collect();
        ctx.push(Change::RestoreRows { table: new.clone(), holding, columns });
    }
    let gone: BTreeSet<QName> = plans.iter().flat_map(|p| p.dropped().cloned()).collect();
    foreign_keys_to(ctx, &gone);
    owned_sequences(ctx, from, &gone);
}

/// Foreign keys of other tables that point at a re-created table: dropped before it goes,
/// added again (as AFTER has them) once it is back.
fn foreign_keys_to(ctx: &mut DiffContext<'_>, gone: &BTreeSet<QName>) {
    let (from, to) = (ctx.from, ctx.to);
    let mut extra = Vec::new();
    for t in from.tables.values() {
        let Some(nt) = to.tables.get(&t.name) else { continue };
        for fk in t.foreign_keys() {
            let ConstraintKind::ForeignKey { ref_table, .. } = &fk.kind else { continue };
            if !gone.contains(ref_table) {
                continue;
            }
            let dropped = ctx
                .changes
                .iter()
                .any(|c| matches!(c, Change::DropConstraint { table, constraint } if *table == t.name && constraint.name == fk.name));
            if !dropped {
                extra.push(Change::DropConstraint { table: t.name.clone(), constraint: fk.clone() });
                if let Some(again) = nt.constraints.iter().find(|n| n.same_definition(fk)) {
                    extra.push(Change::AddConstraint { table: t.name.clone(), constraint: again.clone() });
                }
            }
        }
    }
    ctx.changes.extend(extra);
}

/// A sequence owned by a column of a re-created table would be dropped with it: it leaves its
/// owner first, and takes AFTER's owner (and other changes) once the new table exists.
fn owned_sequences(ctx: &mut DiffContext<'_>, from: &Schema, gone: &BTreeSet<QName>) {
    for seq in from.sequences.values() {
        if !seq.owned_by.as_ref().is_some_and(|(t, _)| gone.contains(t)) {
            continue;
        }
        ctx.changes.retain(|c| !matches!(c, Change::AlterSequence { from: f, .. } if f.name == seq.name));
        let released = Sequence { owned_by: None, ..seq.clone() };
        ctx.push(Change::AlterSequence { from: seq.clone(), to: released.clone() });
        if let Some(again) = ctx.to.sequences.get(&seq.name).filter(|s| **s != released) {
            ctx.push(Change::AlterSequence { from: released, to: again.clone() });
        }
    }
}

/// The DEFAULT partition that takes the rows of `t`, a partition dropped while its parent
/// stays (not re-created) and keeps that default partition (PostgreSQL; `render/postgres/repartition.rs`).
pub fn default_takes_rows(from: &Schema, to: &Schema, t: &crate::model::Table) -> Option<QName> {
    let p = t.options.partition_of.as_ref()?;
    let default = |b: &str| b.trim().eq_ignore_ascii_case("default");
    if default(&p.bound) || to.tables.contains_key(&t.name) || !to.tables.contains_key(&p.parent) || repartitioned(from, to, &p.parent) {
        return None;
    }
    let is_default_of =
        |x: &crate::model::Table| x.options.partition_of.as_ref().is_some_and(|q| q.parent == p.parent && default(&q.bound));
    let d = from.tables.values().find(|x| is_default_of(x))?;
    to.tables.get(&d.name).filter(|x| is_default_of(x)).map(|x| x.name.clone())
}

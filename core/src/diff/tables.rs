//! Diffing tables: create, drop, and the columns, constraints, indexes, options, comments and
//! policies of tables present on both sides.

use super::pairs::{pairs, Pair};
use super::{inherit, partition, sqlite, Change, DiffContext, Renames};
use crate::model::{Column, Constraint, ConstraintKind, QName, Table};
use crate::Dialect;
use std::collections::{HashMap, HashSet};

pub(super) fn diff_tables(ctx: &mut DiffContext<'_>, _renames: &Renames) {
    let (from, to) = (ctx.from, ctx.to);
    // Both maps walked side by side (no lookup per table); the drops after everything else, as
    // a walk of `to` and then of `from` would push them.
    let mut dropped = Vec::new();
    for pair in pairs(&from.tables, &to.tables) {
        match pair {
            Pair::To(name, t) => {
                ctx.tables.added.push(name);
                create_table(ctx, t);
            }
            Pair::Both(name, old, t) => {
                // Equality is symmetric: the other direction's answer for the same pair.
                let known = ctx.known_equal.and_then(|k| k.get(ctx.tables.equal.len()).copied());
                let equal = known.unwrap_or_else(|| unchanged_alone(ctx, old, t));
                ctx.tables.equal.push(equal);
                if !equal {
                    ctx.tables.changed.push(name);
                    diff_table(ctx, old, t);
                }
            }
            Pair::From(name, t) => {
                ctx.tables.dropped.push(name);
                dropped.push(t);
            }
        }
    }
    for t in dropped {
        ctx.push(Change::DropTable { table: t.clone() });
    }
    rebuild_dependent_foreign_keys(ctx);
}

/// A new table: CREATE TABLE with its keys and checks, then its indexes, foreign keys (except
/// SQLite, which can only declare them inline) and `NOT VALID` checks (PostgreSQL: a constraint
/// declared inline is validated), comments and policies.
fn create_table(ctx: &mut DiffContext<'_>, t: &Table) {
    let mut table = t.clone();
    // A partition's keys copying its parent's keys that exist before it come from the engine.
    table.constraints.retain(|k| !is_key(k) || !partition::constraint_added_by_parent(ctx, None, t, k));
    let inline_fks = ctx.target.dialect == Dialect::Sqlite;
    let fks: Vec<Constraint> = if inline_fks {
        Vec::new()
    } else {
        let later = |c: &Constraint| matches!(c.kind, ConstraintKind::ForeignKey { .. }) || c.not_valid;
        let (fks, rest): (Vec<_>, Vec<_>) = table.constraints.into_iter().partition(later);
        table.constraints = rest;
        fks
    };
    let indexes = std::mem::take(&mut table.indexes);
    let policies = std::mem::take(&mut table.policies);
    let (rls, forced) = (table.rls_enabled, table.rls_forced);
    let name = table.name.clone();
    // The replica identity and CLUSTER ON are set by their own step: they name an index.
    let replica_identity = table.options.replica_identity.take();
    let cluster_on = table.options.cluster_on.take();
    let created_options = table.options.clone();
    ctx.push(Change::CreateTable { table });
    if replica_identity.is_some() || cluster_on.is_some() {
        let to = crate::model::TableOptions { replica_identity, cluster_on, ..created_options.clone() };
        ctx.push(Change::AlterTableOptions { table: name.clone(), from: created_options, to });
    }
    for index in indexes {
        if !partition::index_added_by_parent(ctx, None, t, &index) {
            ctx.push(Change::CreateIndex { table: name.clone(), index });
        }
    }
    for constraint in fks {
        if !partition::constraint_added_by_parent(ctx, None, t, &constraint) {
            ctx.push(Change::AddConstraint { table: name.clone(), constraint });
        }
    }
    if rls || forced {
        ctx.push(Change::SetRowSecurity { table: name.clone(), enabled: rls, forced });
    }
    for policy in policies {
        ctx.push(Change::CreatePolicy { table: name.clone(), policy });
    }
    partition::attach(ctx, None, t);
}

fn is_key(k: &Constraint) -> bool {
    matches!(k.kind, ConstraintKind::PrimaryKey { .. } | ConstraintKind::Unique { .. })
}

/// A table on both sides that `unchanged_alone` did not settle.
fn diff_table(ctx: &mut DiffContext<'_>, old: &Table, new: &Table) {
    if ctx.target.dialect == Dialect::Sqlite
        && (sqlite::needs_rebuild(old, new, &ctx.target) || sqlite::trigger_uses_dropped_column(ctx.from, old, new))
    {
        ctx.push(Change::RebuildTable { from: old.clone(), to: new.clone(), renamed_columns: Vec::new() });
        return;
    }
    let name = new.name.clone();
    // A table that stops being typed (or changes type) does so first (`NOT OF`, ordered before
    // column and type changes): its columns are then its own, changed like any table's.
    let untyped;
    let old = if old.options.of_type.is_some() && old.options.of_type != new.options.of_type {
        let mut t = old.clone();
        t.options.of_type = None;
        ctx.push(Change::AlterTableOptions { table: name.clone(), from: old.options.clone(), to: t.options.clone() });
        untyped = t;
        &untyped
    } else {
        old
    };
    // Columns: added, dropped, changed. Columns keep their declared order on creation. (Looked
    // up by name: a table of 1,600 columns would be quadratic with `Table::column`.)
    let (old_columns, new_columns) = (columns_by_name(old), columns_by_name(new));
    for c in &new.columns {
        let oc = old_columns.get(c.name.as_str()).copied();
        if inherit::carried_by_parent(ctx, old, new, &c.name, oc, Some(c)) {
            continue;
        }
        if inherit::carried_by_type(ctx, old, new, oc, Some(c), &c.name) {
            let (Some(oc), c) = (oc, c) else { continue };
            // The type changed the column's type and collation; its own options may change too.
            let carried = Column { data_type: c.data_type.clone(), collation: c.collation.clone(), ..oc.clone() };
            if !carried.same_definition(c) {
                ctx.push(Change::AlterColumn { table: name.clone(), from: carried, to: c.clone() });
            }
            continue;
        }
        if let Some(carried) = oc.and_then(|oc| inherit::carried_part(ctx, old, new, &c.name, oc)) {
            if !carried.same_definition(c) {
                ctx.push(Change::AlterColumn { table: name.clone(), from: carried, to: c.clone() });
            }
            continue;
        }
        match oc {
            None => match inherit::added_by_parent(ctx, old, new, &c.name) {
                Some(mut pc) => {
                    pc.comment = None;
                    pc.inherited = c.inherited;
                    if !pc.same_definition(c) {
                        ctx.push(Change::AlterColumn { table: name.clone(), from: pc, to: c.clone() });
                    }
                }
                None => ctx.push(Change::AddColumn { table: name.clone(), column: c.clone() }),
            },
            // MySQL: a column written in another case is restated (MODIFY keeps the new spelling).
            Some(oc)
                if !oc.same_definition(c)
                    || ctx.target.dialect == Dialect::Mysql && old.column_spelled(&c.name) != new.column_spelled(&c.name) =>
            {
                ctx.push(Change::AlterColumn { table: name.clone(), from: oc.clone(), to: c.clone() })
            }
            // SQLite: a column written in another case (`[Important Data]` -> `"important data"`)
            // is renamed to its new spelling: SQLite matches names whatever their case, but
            // stores and returns them as declared (`SELECT *` column names).
            Some(_) if ctx.target.dialect == Dialect::Sqlite && old.column_spelled(&c.name) != new.column_spelled(&c.name) => {
                ctx.push(Change::RenameColumn { table: name.clone(), from: c.name.clone(), to: c.name.clone() })
            }
            _ => {}
        }
    }
    if ctx.target.dialect == Dialect::Mysql {
        reorder_columns(ctx, old, new, &old_columns, &new_columns);
    }
    for c in &old.columns {
        // A column the table only inherits goes with its parent's (or with the inheritance).
        if !new_columns.contains_key(c.name.as_str())
            && !c.inherited
            && !inherit::carried_by_parent(ctx, old, new, &c.name, Some(c), None)
            && !inherit::dropped_by_partition_parent(ctx, old, new, &c.name)
            && !inherit::carried_by_type(ctx, old, new, Some(c), None, &c.name)
        {
            ctx.push(Change::DropColumn { table: name.clone(), column: c.clone() });
        }
    }
    diff_constraints(ctx, old, new);
    diff_indexes(ctx, old, new);
    partition::attach(ctx, Some(old), new);
    if old.options != new.options {
        ctx.push(Change::AlterTableOptions { table: name.clone(), from: old.options.clone(), to: new.options.clone() });
    } else if new.options.cluster_on.as_ref().is_some_and(|i| rebuilt_index(ctx, &name, i)) {
        // The clustered index (or constraint) is dropped and created again: the new one is
        // not clustered until CLUSTER ON says so.
        let from = crate::model::TableOptions { cluster_on: None, ..new.options.clone() };
        ctx.push(Change::AlterTableOptions { table: name.clone(), from, to: new.options.clone() });
    }
    if old.comment != new.comment {
        ctx.push(Change::SetTableComment { table: name.clone(), comment: new.comment.clone() });
    }
    if old.rls_enabled != new.rls_enabled || old.rls_forced != new.rls_forced {
        ctx.push(Change::SetRowSecurity { table: name.clone(), enabled: new.rls_enabled, forced: new.rls_forced });
    }
    for p in &new.policies {
        match old.policies.iter().find(|o| o.name == p.name) {
            None => ctx.push(Change::CreatePolicy { table: name.clone(), policy: p.clone() }),
            Some(o) if o != p => {
                ctx.push(Change::DropPolicy { table: name.clone(), policy: o.clone() });
                ctx.push(Change::CreatePolicy { table: name.clone(), policy: p.clone() });
            }
            _ => {}
        }
    }
    for p in &old.policies {
        if !new.policies.iter().any(|n| n.name == p.name) {
            ctx.push(Change::DropPolicy { table: name.clone(), policy: p.clone() });
        }
    }
}

/// An equal table whose changes cannot come from another object (a parent table, its type, a
/// rebuilt clustered index, SQLite's rebuilds; a partitioned table, whose indexes' attachments
/// live on its partitions): nothing to diff (most tables of a large schema
/// after an edit elsewhere).
fn unchanged_alone(ctx: &DiffContext<'_>, old: &Table, new: &Table) -> bool {
    let o = &old.options;
    ctx.target.dialect != Dialect::Sqlite
        && o.inherits.is_empty()
        && o.partition_of.is_none()
        && o.partition_by.is_none()
        && o.of_type.is_none()
        && o.cluster_on.is_none()
        && old == new
}

/// A table's columns by name (the first of a name, as `Table::column` finds it).
type Columns<'a> = HashMap<&'a str, &'a Column>;

fn columns_by_name(t: &Table) -> Columns<'_> {
    let mut out = HashMap::with_capacity(t.columns.len());
    for c in &t.columns {
        out.entry(c.name.as_str()).or_insert(c);
    }
    out
}

/// MySQL keeps columns in a stored order that AFTER may change: from the first kept column out
/// of place on, each kept column is moved (an `AlterColumn` whose definition may be unchanged;
/// the renderer writes MODIFY ... AFTER its predecessor), in AFTER's order so each predecessor
/// is in place when its follower is placed.
/// A column whose definition changes too is written once: its change is moved to its place in
/// that order (was: altered with AFTER, then placed again with an unchanged MODIFY ... AFTER,
/// the table copied twice).
fn reorder_columns(ctx: &mut DiffContext<'_>, old: &Table, new: &Table, old_columns: &Columns<'_>, new_columns: &Columns<'_>) {
    let kept_new: Vec<&str> = new.columns.iter().map(|c| c.name.as_str()).filter(|n| old_columns.contains_key(n)).collect();
    let kept_old: Vec<&str> = old.columns.iter().map(|c| c.name.as_str()).filter(|n| new_columns.contains_key(n)).collect();
    let Some(first) = kept_new.iter().zip(&kept_old).position(|(a, b)| a != b) else { return };
    let moved: HashSet<&str> = kept_new[first..].iter().copied().collect();
    // The changes of the moved columns made above, by column, taken out to be pushed in order.
    let mut altered: HashMap<String, Vec<Change>> = HashMap::new();
    let mut rest = Vec::with_capacity(ctx.changes.len());
    for c in std::mem::take(&mut ctx.changes) {
        match &c {
            Change::AlterColumn { table, to, .. } if *table == new.name && moved.contains(to.name.as_str()) => {
                altered.entry(to.name.clone()).or_default().push(c)
            }
            _ => rest.push(c),
        }
    }
    ctx.changes = rest;
    for n in &kept_new[first..] {
        match altered.remove(*n) {
            Some(changes) => ctx.changes.extend(changes),
            None => {
                if let (Some(oc), Some(nc)) = (old_columns.get(n).copied(), new_columns.get(n).copied()) {
                    ctx.push(Change::AlterColumn { table: new.name.clone(), from: oc.clone(), to: nc.clone() });
                }
            }
        }
    }
}

/// MySQL/MariaDB refuse to change the type, character set or collation of a column a foreign
/// key uses, on either side ("Cannot change column 'pid': used in a foreign key constraint",
/// ER_FK_COLUMN_CANNOT_CHANGE and _CHILD): such a key is dropped before the columns change and
/// added again after them (the migration failed on its first statement otherwise).
fn fk_retyped(ctx: &DiffContext<'_>, old: &Table, new: &Table, c: &Constraint) -> bool {
    let ConstraintKind::ForeignKey { columns, ref_table, ref_columns, .. } = &c.kind else { return false };
    if ctx.target.dialect != Dialect::Mysql {
        return false;
    }
    let changed = |a: Option<&Column>, b: Option<&Column>| match (a, b) {
        (Some(a), Some(b)) => a.data_type != b.data_type || a.charset != b.charset || a.collation != b.collation,
        _ => false,
    };
    let (from_ref, to_ref) = (ctx.from.tables.get(ref_table), ctx.to.tables.get(ref_table));
    columns.iter().any(|col| changed(old.column(col), new.column(col)))
        || ref_columns.iter().any(|col| changed(from_ref.and_then(|t| t.column(col)), to_ref.and_then(|t| t.column(col))))
}

/// A constraint that no longer exists, or whose definition changed, is dropped; a new or
/// changed one is added. A constraint on a column that is dropped goes away with the column in
/// every engine, but dropping it explicitly first is harmless and keeps the order simple.
fn diff_constraints(ctx: &mut DiffContext<'_>, old: &Table, new: &Table) {
    let name = &new.name;
    // MySQL keeps a constraint's name as written: another spelling is another constraint.
    let same_constraint = |a: &Constraint, b: &Constraint| {
        same_constraint(a, b)
            && a.name.as_deref().map(|n| old.key_spelled(n)) == b.name.as_deref().map(|n| new.key_spelled(n))
            && a.name.as_ref().and_then(|n| old.column_checks.get(n)) == b.name.as_ref().and_then(|n| new.column_checks.get(n))
    };
    // A partitioned table's key that loses a partition's attached key or index is re-created;
    // so is a MySQL foreign key whose columns change type (`fk_retyped`).
    let rebuilt = |ctx: &DiffContext<'_>, c: &Constraint| {
        c.name.as_deref().is_some_and(|n| partition::loses_attachment(ctx, name, n)) || fk_retyped(ctx, old, new, c)
    };
    for c in &old.constraints {
        if !new.constraints.iter().any(|n| same_constraint(c, n)) || rebuilt(ctx, c) {
            if partition::constraint_dropped_by_parent(ctx, old, new, c) {
                continue;
            }
            let column_dropped = !c.kind.columns().is_empty() && c.kind.columns().iter().all(|col| new.column(col).is_none());
            if column_dropped && matches!(ctx.target.dialect, Dialect::Mysql) {
                // MySQL drops an index/constraint with its last column; an explicit drop of
                // a FK must still come first, a key on the dropped column goes implicitly.
                if !matches!(c.kind, ConstraintKind::ForeignKey { .. }) {
                    continue;
                }
            }
            ctx.push(Change::DropConstraint { table: name.clone(), constraint: c.clone() });
        }
    }
    for c in &new.constraints {
        // A partition's own constraint equal to the one its parent's dropped constraint made
        // goes with it: added again.
        let before = old.constraints.iter().find(|o| same_constraint(o, c));
        let lost = before.is_some_and(|o| partition::constraint_dropped_by_parent(ctx, old, new, o)) || rebuilt(ctx, c);
        match before.filter(|_| !lost) {
            None if partition::constraint_added_by_parent(ctx, Some(old), new, c) => {}
            None => ctx.push(Change::AddConstraint { table: name.clone(), constraint: c.clone() }),
            // NOT VALID before, valid after: the renderer validates the existing constraint.
            Some(o) if o.not_valid && !c.not_valid && ctx.target.dialect == Dialect::Postgres => {
                ctx.push(Change::AddConstraint { table: name.clone(), constraint: c.clone() })
            }
            // Valid before, NOT VALID after: PostgreSQL cannot un-validate a constraint in
            // place, so it is dropped and added again NOT VALID.
            Some(o) if !o.not_valid && c.not_valid && ctx.target.dialect == Dialect::Postgres => {
                ctx.push(Change::DropConstraint { table: name.clone(), constraint: o.clone() });
                ctx.push(Change::AddConstraint { table: name.clone(), constraint: c.clone() })
            }
            Some(_) => {}
        }
    }
}

/// Whether the changes so far create the index (or constraint) `index` of `table` again.
fn rebuilt_index(ctx: &DiffContext<'_>, table: &QName, index: &str) -> bool {
    ctx.changes.iter().any(|c| match c {
        Change::CreateIndex { table: t, index: i } => t == table && i.name == index,
        Change::AddConstraint { table: t, constraint: k } => t == table && k.name.as_deref() == Some(index),
        _ => false,
    })
}

fn same_constraint(a: &Constraint, b: &Constraint) -> bool {
    a.same_definition(b)
}

fn diff_indexes(ctx: &mut DiffContext<'_>, old: &Table, new: &Table) {
    let name = &new.name;
    // MySQL: an index written in another case is renamed to its new spelling.
    for i in &old.indexes {
        if new.indexes.iter().any(|n| n == i) && old.key_spelled(&i.name) != new.key_spelled(&i.name) {
            ctx.push(Change::RenameIndex { table: name.clone(), from: i.name.clone(), to: i.name.clone() });
        }
    }
    // A partitioned table's index that loses a partition's attached index is re-created; a
    // partition's index attached elsewhere is the same index (`partition::attach`).
    let rebuilt = |ctx: &DiffContext<'_>, i: &crate::model::Index| partition::loses_attachment(ctx, name, &i.name);
    for i in &old.indexes {
        let keep = new.indexes.iter().any(|n| partition::same_index(n, i)) && !rebuilt(ctx, i);
        if !keep && !partition::index_dropped_by_parent(ctx, old, new, i) {
            let only_dropped_columns = i.elems.iter().all(|e| !e.is_expr && new.column(&e.expr).is_none());
            if only_dropped_columns && !new.indexes.iter().any(|n| n.name == i.name) {
                // The index goes away with its columns; dropping it explicitly first is still
                // correct and keeps the step list honest about what disappears.
            }
            ctx.push(Change::DropIndex { table: name.clone(), index: i.clone() });
        }
    }
    for i in &new.indexes {
        // A partition's own index equal to the one its parent's dropped index made goes with it.
        let kept =
            old.indexes.iter().find(|o| partition::same_index(o, i)).is_some_and(|o| !partition::index_dropped_by_parent(ctx, old, new, o))
                && !rebuilt(ctx, i);
        if !kept && !partition::index_added_by_parent(ctx, Some(old), new, i) {
            ctx.push(Change::CreateIndex { table: name.clone(), index: i.clone() });
        }
    }
}

/// Whether a column of foreign key `fk` of `table` and the column it references both change
/// type (PostgreSQL): the engine re-checks the key after each `ALTER COLUMN ... TYPE`, and
/// between the two the pair may have no equality operator ("foreign key constraint cannot be
/// implemented"), so the key is dropped first and added back after both changes.
fn both_sides_retyped(ctx: &DiffContext<'_>, table: &QName, fk: &Constraint) -> bool {
    let ConstraintKind::ForeignKey { columns, ref_table, ref_columns, .. } = &fk.kind else { return false };
    let retyped = |t: &QName, col: &str| {
        ctx.changes.iter().any(
            |c| matches!(c, Change::AlterColumn { table: ct, from, to } if ct == t && from.name == col && from.data_type != to.data_type),
        )
    };
    let refs: Vec<String> = match (ref_columns.is_empty(), ctx.from.tables.get(ref_table)) {
        (false, _) => ref_columns.clone(),
        (true, Some(rt)) => rt.primary_key_columns().to_vec(),
        (true, None) => Vec::new(),
    };
    ctx.target.dialect == Dialect::Postgres && columns.iter().zip(&refs).any(|(a, b)| retyped(table, a) && retyped(ref_table, b))
}

/// When a primary key or unique constraint (or unique index) is dropped and re-added, foreign
/// keys of other tables that reference it block the drop: drop them first and add them back.
/// So is a key whose columns change type on both sides (`both_sides_retyped`).
fn rebuild_dependent_foreign_keys(ctx: &mut DiffContext<'_>) {
    let mut dropped_keys: Vec<(QName, Vec<String>)> = Vec::new();
    for c in &ctx.changes {
        match c {
            Change::DropConstraint { table, constraint } => {
                if matches!(constraint.kind, ConstraintKind::PrimaryKey { .. } | ConstraintKind::Unique { .. }) {
                    dropped_keys.push((table.clone(), constraint.kind.columns().to_vec()));
                }
            }
            Change::DropIndex { table, index } if index.unique => {
                dropped_keys.push((table.clone(), index.columns().map(str::to_string).collect()));
            }
            _ => {}
        }
    }
    let any_retyped = ctx.changes.iter().any(|c| matches!(c, Change::AlterColumn { from, to, .. } if from.data_type != to.data_type));
    if dropped_keys.is_empty() && !any_retyped {
        return;
    }
    let mut extra = Vec::new();
    for (tname, t) in &ctx.from.tables {
        let Some(nt) = ctx.to.tables.get(tname) else { continue };
        for fk in t.foreign_keys() {
            let ConstraintKind::ForeignKey { ref_table, ref_columns, .. } = &fk.kind else { continue };
            let hits = dropped_keys.iter().any(|(kt, cols)| kt == ref_table && (ref_columns.is_empty() || cols == ref_columns))
                || both_sides_retyped(ctx, tname, fk);
            let unchanged = nt.constraints.iter().any(|n| n.same_definition(fk));
            let already = ctx
                .changes
                .iter()
                .any(|c| matches!(c, Change::DropConstraint { table, constraint } if table == tname && constraint.name == fk.name));
            if hits && unchanged && !already && ctx.target.dialect != Dialect::Sqlite {
                extra.push(Change::DropConstraint { table: tname.clone(), constraint: fk.clone() });
                extra.push(Change::AddConstraint { table: tname.clone(), constraint: fk.clone() });
            }
        }
    }
    ctx.changes.extend(extra);
}

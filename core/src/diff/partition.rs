//! PostgreSQL partitions: an index or a constraint declared on a partitioned table is created by
//! the engine on every partition (when the parent's is created, or when a partition is created
//! or attached), and dropped with the parent's. The parser spells these out on each partition
//! (as pg_dump does), so the differ sees them on the partitions too: this module tells which
//! of the partition's own index and constraint changes the engine already makes, so they are
//! not emitted (repeating them fails: "relation ... already exists", "index ... does not exist").

use super::DiffContext;
use crate::model::{Constraint, ConstraintKind, Index, QName, Schema, Table};
use crate::Dialect;

fn parent_of(t: Option<&Table>) -> Option<&QName> {
    t.and_then(|t| t.options.partition_of.as_ref()).map(|p| &p.parent)
}

/// The partition's copy of a parent index: same definition, name chosen per partition.
fn same_index(a: &Index, b: &Index) -> bool {
    a.elems == b.elems && a.unique == b.unique && a.predicate == b.predicate && a.method == b.method && a.include == b.include
}

/// The partition's copy of a parent constraint: keys match by columns (their names are chosen
/// per partition), checks and foreign keys by name and definition.
fn same_constraint(parent: &Constraint, child: &Constraint) -> bool {
    match (&parent.kind, &child.kind) {
        (ConstraintKind::PrimaryKey { .. }, ConstraintKind::PrimaryKey { .. })
        | (ConstraintKind::Unique { .. }, ConstraintKind::Unique { .. }) => {
            parent.kind.columns() == child.kind.columns() && parent.deferrable == child.deferrable
        }
        _ => parent.same_definition(child),
    }
}

/// Whether `child` (absent when the table is new) gained, and `parent_name` kept, a partition link.
fn newly_partition(old: Option<&Table>, parent_name: &QName) -> bool {
    parent_of(old) != Some(parent_name)
}

/// How to find a partition's copy of one kind of parent object (indexes or constraints).
struct Kind<T: 'static> {
    /// The objects of this kind on a table.
    list: fn(&Table) -> &[T],
    /// `a` on the parent is the object `b` on a partition is a copy of.
    copy_of: fn(&T, &T) -> bool,
    /// The same object in both schemas.
    same: fn(&T, &T) -> bool,
}

const INDEXES: Kind<Index> = Kind { list: |t| &t.indexes, copy_of: same_index, same: |a, b| a == b };
const CONSTRAINTS: Kind<Constraint> = Kind { list: |t| &t.constraints, copy_of: same_constraint, same: |a, b| a.same_definition(b) };

fn has<T>(kind: &Kind<T>, schema: &Schema, table: &QName, x: &T) -> bool {
    schema.tables.get(table).is_some_and(|t| (kind.list)(t).iter().any(|y| (kind.same)(y, x)))
}

/// The new partition object `x` of `new` (missing from `old`, which is `None` for a new table) is
/// created by the engine from its parent's.
fn added_by_parent<T>(kind: &Kind<T>, ctx: &DiffContext<'_>, old: Option<&Table>, new: &Table, x: &T) -> bool {
    if ctx.target.dialect != Dialect::Postgres {
        return false;
    }
    let Some(p) = parent_of(Some(new)) else { return false };
    let Some(pt) = ctx.to.tables.get(p) else { return false };
    let Some(px) = (kind.list)(pt).iter().find(|y| (kind.copy_of)(y, x)) else { return false };
    newly_partition(old, p) || !has(kind, ctx.from, p, px)
}

/// The dropped partition object `x` of `old` goes away with its parent's (the table stays a
/// partition of the same parent; a detached partition keeps its objects as its own).
fn dropped_by_parent<T>(kind: &Kind<T>, ctx: &DiffContext<'_>, old: &Table, new: &Table, x: &T) -> bool {
    if ctx.target.dialect != Dialect::Postgres {
        return false;
    }
    let Some(p) = parent_of(Some(old)) else { return false };
    if parent_of(Some(new)) != Some(p) {
        return false;
    }
    let Some(pf) = ctx.from.tables.get(p) else { return false };
    let Some(px) = (kind.list)(pf).iter().find(|y| (kind.copy_of)(y, x)) else { return false };
    !has(kind, ctx.to, p, px)
}

/// The new partition index `ix` is created by the engine from its parent's index.
pub(super) fn index_added_by_parent(ctx: &DiffContext<'_>, old: Option<&Table>, new: &Table, ix: &Index) -> bool {
    added_by_parent(&INDEXES, ctx, old, new, ix)
}

/// The dropped partition index `ix` goes away with its parent's index.
pub(super) fn index_dropped_by_parent(ctx: &DiffContext<'_>, old: &Table, new: &Table, ix: &Index) -> bool {
    dropped_by_parent(&INDEXES, ctx, old, new, ix)
}

/// The new partition constraint `c` is created by the engine from its parent's.
pub(super) fn constraint_added_by_parent(ctx: &DiffContext<'_>, old: Option<&Table>, new: &Table, c: &Constraint) -> bool {
    added_by_parent(&CONSTRAINTS, ctx, old, new, c)
}

/// The dropped partition constraint `c` goes away with its parent's.
pub(super) fn constraint_dropped_by_parent(ctx: &DiffContext<'_>, old: &Table, new: &Table, c: &Constraint) -> bool {
    dropped_by_parent(&CONSTRAINTS, ctx, old, new, c)
}

#[cfg(test)]
mod tests {
    use crate::diff::{diff, Change, Renames};
    use crate::{parse, Dialect, Target};

    const PARTS: &str = "CREATE TABLE f (id int, foo text) PARTITION BY LIST (foo);
        CREATE TABLE f_1 PARTITION OF f FOR VALUES IN ('a');
        CREATE TABLE f_2 PARTITION OF f FOR VALUES IN ('b');";

    fn changes(before: &str, after: &str) -> Vec<String> {
        let (b, a) = (parse::parse(Dialect::Postgres, before).schema, parse::parse(Dialect::Postgres, after).schema);
        let out = diff(&b, &a, &Target::default_for(Dialect::Postgres), &Renames::default()).changes;
        out.iter()
            .map(|c| match c {
                Change::CreateIndex { table, index } => format!("create index {} on {}", index.name, table.name),
                Change::DropIndex { table, index } => format!("drop index {} on {}", index.name, table.name),
                Change::AddConstraint { table, constraint } => {
                    format!("add {} on {}", constraint.name.clone().unwrap_or_default(), table.name)
                }
                Change::DropConstraint { table, constraint } => {
                    format!("drop {} on {}", constraint.name.clone().unwrap_or_default(), table.name)
                }
                other => format!("{} {}", other.op(), other.table().map(|t| t.name.clone()).unwrap_or_default()),
            })
            .collect()
    }

    #[test]
    fn parent_index_is_created_and_dropped_once() {
        let with = format!("{PARTS} CREATE INDEX some_idx ON f (foo);");
        assert_eq!(changes(PARTS, &with), vec!["create index some_idx on f"]);
        assert_eq!(changes(&with, PARTS), vec!["drop index some_idx on f"]);
    }

    #[test]
    fn changed_parent_index_is_replaced_on_the_parent_only() {
        let a = format!("{PARTS} CREATE INDEX some_idx ON f (foo);");
        let b = format!("{PARTS} CREATE INDEX some_idx ON f (id, foo);");
        assert_eq!(changes(&a, &b), vec!["drop index some_idx on f", "create index some_idx on f"]);
    }

    #[test]
    fn new_partition_gets_parent_indexes_and_foreign_keys_from_the_engine() {
        let base = "CREATE TABLE r (id int PRIMARY KEY);
            CREATE TABLE f (id int, foo text, r_id int REFERENCES r (id)) PARTITION BY LIST (foo);
            CREATE INDEX some_idx ON f (foo);
            CREATE TABLE f_1 PARTITION OF f FOR VALUES IN ('a');";
        let more = format!("{base} CREATE TABLE f_2 PARTITION OF f FOR VALUES IN ('b');");
        assert_eq!(changes(base, &more), vec!["create_table f_2"]);
        assert_eq!(changes(&more, base), vec!["drop_table f_2"]);
    }

    #[test]
    fn parent_primary_key_and_foreign_key_are_added_once() {
        let keyed = "CREATE TABLE r (id int PRIMARY KEY);
            CREATE TABLE f (id int, foo text, PRIMARY KEY (id, foo)) PARTITION BY LIST (foo);
            CREATE TABLE f_1 PARTITION OF f FOR VALUES IN ('a');";
        let fk = "CREATE TABLE r (id int PRIMARY KEY);
            CREATE TABLE f (id int, foo text, PRIMARY KEY (id, foo),
              CONSTRAINT some_fk FOREIGN KEY (id) REFERENCES r (id)) PARTITION BY LIST (foo);
            CREATE TABLE f_1 PARTITION OF f FOR VALUES IN ('a');";
        assert_eq!(changes(keyed, fk), vec!["add some_fk on f"]);
        assert_eq!(changes(fk, keyed), vec!["drop some_fk on f"]);
    }

    #[test]
    fn partition_index_kept_when_the_parent_index_goes_is_created_again() {
        let shared = format!("{PARTS} CREATE INDEX some_idx ON f (foo);");
        let local = format!("{PARTS} CREATE INDEX f_1_foo_idx ON f_1 (foo);");
        assert_eq!(changes(&shared, &local), vec!["drop index some_idx on f", "create index f_1_foo_idx on f_1"]);
    }

    #[test]
    fn column_added_to_parent_is_only_altered_on_a_partition_declaring_it_not_null() {
        let a = "CREATE TABLE f (id int, foo text) PARTITION BY LIST (foo);
            CREATE TABLE f_1 PARTITION OF f FOR VALUES IN ('a');";
        let b = "CREATE TABLE f (id int, foo text, fizz int) PARTITION BY LIST (foo);
            CREATE TABLE f_1 PARTITION OF f (CONSTRAINT k PRIMARY KEY (foo, fizz)) FOR VALUES IN ('a');";
        let got = changes(a, b);
        assert!(got.contains(&"add_column f".to_string()) && got.contains(&"alter_column f_1".to_string()), "{got:?}");
        assert!(!got.contains(&"add_column f_1".to_string()), "{got:?}");
        let down = changes(b, a);
        assert!(down.contains(&"drop_column f".to_string()) && !down.contains(&"drop_column f_1".to_string()), "{down:?}");
    }

    #[test]
    fn own_partition_index_is_still_created() {
        let own = format!("{PARTS} CREATE INDEX own_idx ON f_1 (id);");
        assert_eq!(changes(PARTS, &own), vec!["create index own_idx on f_1"]);
    }
}

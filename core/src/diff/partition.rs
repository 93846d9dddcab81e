//! PostgreSQL partitions: an index or a key (primary key, unique) of a partition may be
//! *attached* to its parent's (`Index::attached`, `IndexParams::attached`); a check or foreign
//! key declared on a partitioned table is created by the engine on every partition. The parser
//! spells these out on each partition (as pg_dump does), so the differ sees them on the
//! partitions too: this module tells which of the partition's own changes the engine already
//! makes (repeating them fails: "relation ... already exists", "index ... does not exist"), and
//! which attachments to make (`Change::AttachIndex`).
//!
//! A parent's index or key created by a migration is created `ON ONLY` the parent (see
//! `render::postgres::table::index_only`): its partitions' copies are created here and attached,
//! so each partition ends with the index the model names, not one the engine picks. A partition
//! created or attached by the migration gets the copies of the indexes its parent already has
//! from the engine. PostgreSQL cannot detach an index from its parent's nor drop it alone: a
//! parent index or key that loses an attachment is dropped (with every attached copy) and
//! created again.

use super::{Change, DiffContext};
use crate::model::{Constraint, ConstraintKind, Index, QName, Schema, Table};
use crate::Dialect;

fn parent_of(t: Option<&Table>) -> Option<&QName> {
    t.and_then(|t| t.options.partition_of.as_ref()).map(|p| &p.parent)
}

fn is_key(k: &Constraint) -> bool {
    matches!(k.kind, ConstraintKind::PrimaryKey { .. } | ConstraintKind::Unique { .. })
}

/// The partition's copy of a parent constraint: keys by attachment, checks and foreign keys by
/// name and definition.
fn same_constraint(parent: &Constraint, child: &Constraint) -> bool {
    if is_key(parent) || is_key(child) {
        return is_key(parent) && is_key(child) && parent.name.is_some() && child.index.attached == parent.name;
    }
    parent.same_definition(child)
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
    /// The name of the parent's object, when partitions attach to it (indexes and keys).
    attach_name: fn(&T) -> Option<&str>,
    /// Created on a table that exists, the parent's object reaches the partitions there
    /// (checks and foreign keys; indexes and keys are created `ON ONLY`).
    cascades: fn(&T) -> bool,
    /// Created inside a new table's `CREATE TABLE`, before its partitions (keys; indexes follow).
    with_new_table: bool,
    /// `ATTACH PARTITION` of a table that exists makes the partition's copy (foreign keys,
    /// indexes, keys); a check it does not: the table must hold it already, under the parent's
    /// name ("child table is missing constraint"), so the migration adds it before the attach
    /// (`plan::order`).
    made_by_attach: fn(&T) -> bool,
}

const INDEXES: Kind<Index> = Kind {
    list: |t| &t.indexes,
    copy_of: |p, c| c.attached.as_deref() == Some(p.name.as_str()),
    same: same_index,
    attach_name: |i| Some(i.name.as_str()),
    cascades: |_| false,
    with_new_table: false,
    made_by_attach: |_| true,
};
const CONSTRAINTS: Kind<Constraint> = Kind {
    list: |t| &t.constraints,
    copy_of: same_constraint,
    same: |a, b| a.same_definition(b),
    attach_name: |k| k.name.as_deref().filter(|_| is_key(k)),
    cascades: |k| !is_key(k),
    with_new_table: true,
    made_by_attach: |k| !matches!(k.kind, ConstraintKind::Check { .. }),
};

/// The same index, whatever parent index it is attached to.
pub(super) fn same_index(a: &Index, b: &Index) -> bool {
    a.name == b.name && Index { attached: None, ..a.clone() } == Index { attached: None, ..b.clone() }
}

fn attached_of<'a>(table: &'a Table, name: &str) -> Option<&'a Option<String>> {
    table
        .indexes
        .iter()
        .find(|i| i.name == name)
        .map(|i| &i.attached)
        .or_else(|| table.constraints.iter().find(|k| k.name.as_deref() == Some(name)).map(|k| &k.index.attached))
}

/// Whether the parent's index or key `name` of `parent` loses an attachment: some partition's
/// index attached to it in `from` is, in `to`, missing or attached elsewhere while the
/// partition stays (PostgreSQL refuses both: the parent's is re-created).
pub(super) fn loses_attachment(ctx: &DiffContext<'_>, parent: &QName, name: &str) -> bool {
    if ctx.target.dialect != Dialect::Postgres {
        return false;
    }
    ctx.partitions_in_from(parent).iter().any(|old| {
        let Some(new) = ctx.to.tables.get(&old.name).filter(|n| parent_of(Some(n)) == Some(parent)) else { return false };
        let attached = old.indexes.iter().filter(|i| i.attached.as_deref() == Some(name)).map(|i| i.name.as_str());
        let keys = old.constraints.iter().filter(|k| k.index.attached.as_deref() == Some(name)).filter_map(|k| k.name.as_deref());
        attached.chain(keys).any(|n| attached_of(new, n).is_none_or(|a| a.as_deref() != Some(name)))
    })
}

/// The parent's object `x` of `table` is kept by the migration: the same on both sides, and
/// every partition's index attached to it stays attached.
fn kept<T>(kind: &Kind<T>, ctx: &DiffContext<'_>, table: &QName, x: &T) -> bool {
    let has = |s: &Schema| s.tables.get(table).is_some_and(|t| (kind.list)(t).iter().any(|y| (kind.same)(y, x)));
    has(ctx.from) && has(ctx.to) && (kind.attach_name)(x).is_none_or(|n| !loses_attachment(ctx, table, n))
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
    let parent_new = !ctx.from.tables.contains_key(p);
    if newly_partition(old, p) {
        if old.is_some() && !(kind.made_by_attach)(px) {
            return false;
        }
        // The partition is created (or attached) after the parent's object exists: the
        // parent's keys of a new parent are created with it, its indexes after (`ON ONLY`).
        kept(kind, ctx, p, px) || (parent_new && kind.with_new_table) || (kind.cascades)(px)
    } else {
        (kind.cascades)(px) && !kept(kind, ctx, p, px)
    }
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
    !kept(kind, ctx, p, px)
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

/// The dropped partition constraint `c` goes away with its parent's (a key attached to the
/// parent's index goes with it too: `DROP INDEX ... CASCADE`, see `keys_attached_to`).
pub(super) fn constraint_dropped_by_parent(ctx: &DiffContext<'_>, old: &Table, new: &Table, c: &Constraint) -> bool {
    if dropped_by_parent(&CONSTRAINTS, ctx, old, new, c) {
        return true;
    }
    let (Some(p), Some(px)) = (parent_of(Some(old)), c.index.attached.as_deref()) else { return false };
    let parent_index = ctx.from.tables.get(p).and_then(|t| t.indexes.iter().find(|i| i.name == px));
    parent_of(Some(new)) == Some(p) && is_key(c) && parent_index.is_some_and(|ix| !kept(&INDEXES, ctx, p, ix))
}

/// The partitions' keys attached to the index `index` of `table` in `schema`: PostgreSQL drops
/// that index only with `CASCADE`, which drops these keys (and nothing else depends on the
/// parent's index), as the differ planned.
pub fn keys_attached_to(schema: &Schema, table: &QName, index: &str) -> Vec<String> {
    schema
        .tables
        .values()
        .filter(|t| parent_of(Some(t)) == Some(table))
        .flat_map(|t| t.constraints.iter().filter(|k| k.index.attached.as_deref() == Some(index)).filter_map(|k| k.name.clone()))
        .collect()
}

/// A parent index dropped or changed (so dropped with `DROP INDEX ... CASCADE`) while a
/// partition's key attached to it is referenced by a foreign key: the cascade would drop that
/// foreign key too, which the plan does not make again. Blocked rather than a silent CASCADE.
pub fn cascade_blockers(from: &Schema, to: &Schema) -> Vec<crate::Blocker> {
    let mut out = Vec::new();
    for (name, t) in from.tables.iter().filter(|(_, t)| t.options.partition_by.is_some()) {
        for ix in &t.indexes {
            let kept = to.tables.get(name).and_then(|nt| nt.indexes.iter().find(|i| i.name == ix.name)) == Some(ix);
            if kept {
                continue;
            }
            let keyed: Vec<&QName> = from
                .tables
                .values()
                .filter(|p| parent_of(Some(p)) == Some(name))
                .filter(|p| p.constraints.iter().any(|k| k.index.attached.as_deref() == Some(ix.name.as_str())))
                .map(|p| &p.name)
                .collect();
            for (child, fk) in from.tables.values().flat_map(|c| c.constraints.iter().map(move |k| (c, k))) {
                let ConstraintKind::ForeignKey { ref_table, .. } = &fk.kind else { continue };
                if keyed.contains(&ref_table) {
                    out.push(crate::Blocker::new(
                        crate::BlockKind::NotPlanned,
                        format!(
                            "The index {} of the partitioned table {name} is dropped or changed: PostgreSQL drops it only with CASCADE, which also drops the key of partition {ref_table} attached to it and the foreign key {} of {} that references that partition. Not planned: drop or change that foreign key in AFTER first, or keep the index.",
                            ix.name,
                            fk.name.as_deref().unwrap_or("(unnamed)"),
                            child.name
                        ),
                    )
                    .with_objects(vec![name.to_string(), child.name.to_string()]));
                }
            }
        }
    }
    out
}

/// The attachments of the partition `new` (`old` before, `None` when new) the migration makes:
/// an index or key attached in AFTER that the engine does not attach itself (created by the
/// differ, or attached elsewhere or not at all before). Called once the table's own index and
/// constraint changes are pushed.
pub(super) fn attach(ctx: &mut DiffContext<'_>, old: Option<&Table>, new: &Table) {
    if ctx.target.dialect != Dialect::Postgres {
        return;
    }
    let Some(parent) = parent_of(Some(new)).cloned() else { return };
    let created = |name: &str| {
        ctx.changes.iter().any(|c| match c {
            Change::CreateIndex { table, index } => table == &new.name && index.name == name,
            Change::AddConstraint { table, constraint } => table == &new.name && constraint.name.as_deref() == Some(name),
            _ => false,
        })
    };
    let before = |name: &str| old.filter(|o| parent_of(Some(o)) == Some(&parent)).and_then(|o| attached_of(o, name)).cloned().flatten();
    let mut out = Vec::new();
    for ix in &new.indexes {
        let Some(px) = &ix.attached else { continue };
        let survives = !created(&ix.name) && before(&ix.name).as_ref() == Some(px);
        if !survives && !index_added_by_parent(ctx, old, new, ix) {
            out.push((ix.name.clone(), px.clone()));
        }
    }
    for k in new.constraints.iter().filter(|k| is_key(k)) {
        let (Some(name), Some(px)) = (&k.name, &k.index.attached) else { continue };
        let survives = !created(name) && before(name).as_ref() == Some(px);
        if !survives && !constraint_added_by_parent(ctx, old, new, k) {
            out.push((name.clone(), px.clone()));
        }
    }
    for (index, parent_index) in out {
        ctx.push(Change::AttachIndex { table: new.name.clone(), index, parent: parent.clone(), parent_index });
    }
}

#[cfg(test)]
mod tests {
    use super::cascade_blockers;
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
    fn parent_index_is_created_with_its_partitions_copies_attached_and_dropped_once() {
        let with = format!("{PARTS} CREATE INDEX some_idx ON f (foo);");
        let up = vec![
            "create index some_idx on f",
            "create index f_1_foo_idx on f_1",
            "attach_index f_1",
            "create index f_2_foo_idx on f_2",
            "attach_index f_2",
        ];
        assert_eq!(changes(PARTS, &with), up);
        assert_eq!(changes(&with, PARTS), vec!["drop index some_idx on f"]);
    }

    #[test]
    fn changed_parent_index_is_replaced_with_its_partitions_copies() {
        let a = format!("{PARTS} CREATE INDEX some_idx ON f (foo);");
        let b = format!("{PARTS} CREATE INDEX some_idx ON f (id, foo);");
        let got = changes(&a, &b);
        assert_eq!(&got[..2], ["drop index some_idx on f", "create index some_idx on f"], "{got:?}");
        assert!(got.iter().all(|c| !c.starts_with("drop index f_")), "the copies go with the parent's: {got:?}");
        assert!(
            got.contains(&"create index f_1_id_foo_idx on f_1".to_string()) && got.contains(&"attach_index f_2".to_string()),
            "{got:?}"
        );
    }

    /// `ON ONLY` attaches nothing; `ALTER INDEX ... ATTACH PARTITION` attaches one partition's
    /// index (it was ignored: the attachment was lost). Undoing an attachment re-creates the
    /// parent's index, since PostgreSQL detaches none.
    #[test]
    fn attachments_are_made_and_undone() {
        let base =
            format!("{PARTS} CREATE INDEX p_idx ON ONLY f (foo); CREATE INDEX f_1_part ON f_1 (foo); CREATE INDEX f_2_part ON f_2 (foo);");
        let one = format!("{base} ALTER INDEX p_idx ATTACH PARTITION f_1_part;");
        let both = format!("{one} ALTER INDEX p_idx ATTACH PARTITION f_2_part;");
        assert_eq!(changes(&one, &both), vec!["attach_index f_2"]);
        let down = changes(&both, &one);
        assert_eq!(down[..2], ["drop index p_idx on f", "create index p_idx on f"], "{down:?}");
        assert!(
            down.contains(&"create index f_1_part on f_1".to_string()) && down.contains(&"create index f_2_part on f_2".to_string()),
            "{down:?}"
        );
        assert_eq!(down.iter().filter(|c| c.starts_with("attach_index")).count(), 1, "{down:?}");
    }

    /// As PostgreSQL does: `PARTITION OF` builds the parent's index on the partition before the
    /// partition's own key (two indexes), `ATTACH PARTITION` attaches the matching key instead.
    #[test]
    fn partition_of_copies_the_parent_index_attach_partition_reuses_a_key() {
        let text = "CREATE TABLE f (foo text, bar text) PARTITION BY LIST (foo);
            CREATE UNIQUE INDEX f_idx ON f (foo, bar);
            CREATE TABLE f_1 PARTITION OF f (PRIMARY KEY (foo, bar)) FOR VALUES IN ('a');
            CREATE TABLE f_2 (foo text NOT NULL, bar text NOT NULL, PRIMARY KEY (foo, bar));
            ALTER TABLE f ATTACH PARTITION f_2 FOR VALUES IN ('b');";
        let s = parse::parse(Dialect::Postgres, text).schema;
        let t = |n: &str| s.tables.values().find(|t| t.name.name == n).cloned().unwrap_or_else(|| panic!("{n}"));
        let (f1, f2) = (t("f_1"), t("f_2"));
        assert_eq!(
            f1.indexes.iter().map(|i| (i.name.as_str(), i.attached.as_deref())).collect::<Vec<_>>(),
            [("f_1_foo_bar_idx", Some("f_idx"))]
        );
        assert_eq!(f1.primary_key().and_then(|k| k.index.attached.as_deref()), None);
        assert!(f2.indexes.is_empty(), "{:?}", f2.indexes);
        assert_eq!(f2.primary_key().and_then(|k| k.index.attached.as_deref()), Some("f_idx"));
    }

    /// A partition's key attached to its parent's (non-key) index goes with that index.
    #[test]
    fn key_attached_to_a_parent_index_goes_with_it() {
        let base = "CREATE TABLE f (id int NOT NULL, foo text NOT NULL) PARTITION BY LIST (foo);
            CREATE TABLE f_1 PARTITION OF f FOR VALUES IN ('a');";
        let with = format!(
            "{base} CREATE UNIQUE INDEX some_idx ON ONLY f (foo, id);
            ALTER TABLE f_1 ADD CONSTRAINT f_1_pkey PRIMARY KEY (foo, id);
            ALTER INDEX some_idx ATTACH PARTITION f_1_pkey;"
        );
        assert_eq!(changes(base, &with), vec!["create index some_idx on f", "add f_1_pkey on f_1", "attach_index f_1"]);
        assert_eq!(changes(&with, base), vec!["drop index some_idx on f"]);
        let (b, a) = (parse::parse(Dialect::Postgres, &with).schema, parse::parse(Dialect::Postgres, base).schema);
        let p = crate::diff::keys_attached_to(&b, &a.tables.keys().find(|t| t.name == "f").cloned().unwrap_or_default(), "some_idx");
        assert_eq!(p, vec!["f_1_pkey"], "DROP INDEX ... CASCADE drops exactly these");
    }

    /// The CASCADE that drops a parent index would drop a foreign key referencing the
    /// partition's attached key: blocked, never silent.
    #[test]
    fn a_cascade_that_would_drop_a_foreign_key_blocks() {
        let base = "CREATE TABLE f (id int, foo text) PARTITION BY LIST (foo);
            CREATE TABLE f_1 PARTITION OF f FOR VALUES IN ('a');
            ALTER TABLE ONLY f_1 ADD CONSTRAINT f_1_pkey PRIMARY KEY (foo, id);";
        let with = format!("{base} CREATE UNIQUE INDEX some_idx ON f (foo, id); CREATE TABLE r (foo text, id int, FOREIGN KEY (foo, id) REFERENCES f_1 (foo, id));");
        let without = format!("{base} CREATE TABLE r (foo text, id int, FOREIGN KEY (foo, id) REFERENCES f_1 (foo, id));");
        let (b, a) = (parse::parse(Dialect::Postgres, &with).schema, parse::parse(Dialect::Postgres, &without).schema);
        let blocked = cascade_blockers(&b, &a);
        assert_eq!(blocked.len(), 1, "{blocked:?}");
        assert!(blocked[0].message.contains("CASCADE"), "{}", blocked[0].message);
        assert!(cascade_blockers(&b, &b).is_empty());
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

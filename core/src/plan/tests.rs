//! Ordering and planning tests on hand-built change lists.

use super::*;
use crate::model::*;
use crate::{Dialect, Target};

fn ops(changes: &[Change]) -> Vec<String> {
    changes.iter().map(Change::op).collect()
}

fn enum_type(name: &str) -> UserType {
    UserType::Enum(EnumType { name: QName::new("public", name), values: vec!["a".into()], comment: None })
}

fn domain_over(name: &str, base: &str) -> UserType {
    UserType::Domain(Domain {
        name: QName::new("public", name),
        data_type: DataType { user_defined: true, ..DataType::simple(base) },
        not_null: false,
        default: None,
        collation: None,
        checks: vec![],
        comment: None,
        not_valid: Default::default(),
    })
}

#[test]
fn types_are_created_after_the_types_they_use_and_dropped_before() {
    let a = domain_over("a_domain", "z_enum");
    let z = enum_type("z_enum");
    let up = order(vec![Change::CreateType { ty: a.clone() }, Change::CreateType { ty: z.clone() }]);
    assert_eq!(up, vec![Change::CreateType { ty: z.clone() }, Change::CreateType { ty: a.clone() }]);
    let down = order(vec![Change::DropType { ty: z.clone() }, Change::DropType { ty: a.clone() }]);
    assert_eq!(down, vec![Change::DropType { ty: a }, Change::DropType { ty: z }]);
}

#[test]
fn an_enum_rebuild_follows_every_column_change() {
    let t = QName::new("public", "t");
    let e = EnumType { name: QName::new("public", "e"), values: vec![], comment: None };
    let changes = vec![
        Change::RebuildEnum { from: e.clone(), to: e, columns: vec![] },
        Change::DropColumn { table: t.clone(), column: Column::new("x", DataType::simple("integer")) },
        Change::AddColumn { table: t.clone(), column: Column::new("y", DataType::simple("integer")) },
        Change::CreateTable { table: Table::new(QName::new("public", "n")) },
    ];
    assert_eq!(ops(&order(changes)), ["create_table", "add_column", "drop_column", "rebuild_enum"]);
}

#[test]
fn routines_reading_tables_come_before_views_unless_they_read_a_new_view() {
    let f = |name: &str, deps: Vec<QName>| Function {
        name: QName::new("public", name),
        args: String::new(),
        procedure: false,
        definition: String::new(),
        depends_on: deps,
        comment: None,
    };
    let v = View {
        name: QName::new("public", "v"),
        spelled: None,
        materialized: false,
        columns: vec![],
        definition: "SELECT 1".into(),
        options: vec![],
        depends_on: vec![],
        comment: None,
        with_check_option: None,
        indexes: vec![],
        column_defaults: Default::default(),
        column_comments: Default::default(),
        column_storage: Default::default(),
        storage: Default::default(),
        source: Default::default(),
    };
    let changes = vec![
        Change::CreateView { view: v.clone() },
        Change::CreateFunction { function: f("reads_view", vec![v.name.clone()]) },
        Change::CreateFunction { function: f("reads_table", vec![QName::new("public", "t")]) },
        Change::CreateTable { table: Table::new(QName::new("public", "t")) },
    ];
    let names: Vec<String> = order(changes)
        .iter()
        .map(|c| match c {
            Change::CreateFunction { function } => function.name.name.clone(),
            other => other.op(),
        })
        .collect();
    assert_eq!(names, ["create_table", "reads_table", "create_view", "reads_view"]);
    // A view that calls a routine reading another view comes after that routine.
    let mut summary = v.clone();
    summary.name = QName::new("public", "summary");
    summary.definition = "SELECT reads_view() AS n".into();
    let changes = vec![
        Change::CreateView { view: summary },
        Change::CreateFunction { function: f("reads_view", vec![v.name.clone()]) },
        Change::CreateView { view: v.clone() },
    ];
    let names: Vec<String> = order(changes)
        .iter()
        .map(|c| match c {
            Change::CreateFunction { function } => function.name.name.clone(),
            Change::CreateView { view } => view.name.name.clone(),
            other => other.op(),
        })
        .collect();
    assert_eq!(names, ["v", "reads_view", "summary"]);
}

#[test]
fn mysql_new_tables_take_their_indexes_inline() {
    let name = QName::new("", "t");
    let index = Index {
        name: "i".into(),
        unique: false,
        method: None,
        elems: vec![IndexElem::column("a")],
        include: vec![],
        predicate: None,
        kind: None,
        nulls_not_distinct: false,
        invisible: false,
        attached: None,
        with: None,
        tablespace: None,
        comment: None,
    };
    let mut t = Table::new(name.clone());
    t.columns.push(Column::new("a", DataType::simple("int")));
    let changes = vec![Change::CreateTable { table: t.clone() }, Change::CreateIndex { table: name.clone(), index: index.clone() }];
    let empty = Schema::new(Dialect::Mysql);
    let mut after = Schema::new(Dialect::Mysql);
    after.tables.insert(name.clone(), t);
    let options = Options { target: Target::default_for(Dialect::Mysql), ..Options::new(Dialect::Mysql) };
    let steps = plan(changes, &empty, &after, &options);
    assert_eq!(steps.len(), 1);
    assert!(steps[0].statements[0].contains("KEY `i` (`a`)"), "{:?}", steps[0].statements);
    assert!(!steps[0].transactional, "MySQL has no transactional DDL");
}

#[test]
fn a_domain_check_routine_comes_first_and_a_routine_follows_the_types_it_names() {
    let f = |name: &str, def: &str| Function {
        name: QName::new("public", name),
        args: "text".into(),
        procedure: false,
        definition: def.into(),
        depends_on: vec![],
        comment: None,
    };
    let mut email = domain_over("email", "text");
    if let UserType::Domain(d) = &mut email {
        d.data_type = DataType::simple("text");
        d.checks.push(("email_check".into(), "is_email(VALUE)".into()));
    }
    let changes = vec![
        Change::CreateType { ty: email },
        Change::CreateFunction { function: f("uses_mood", "CREATE FUNCTION uses_mood(m mood) RETURNS int") },
        Change::CreateType { ty: enum_type("mood") },
        Change::CreateFunction { function: f("is_email", "CREATE FUNCTION is_email(s text) RETURNS boolean") },
    ];
    let names: Vec<String> = order(changes)
        .iter()
        .map(|c| match c {
            Change::CreateFunction { function } => function.name.name.clone(),
            Change::CreateType { ty } => ty.name().name.clone(),
            other => other.op(),
        })
        .collect();
    let pos = |n: &str| names.iter().position(|x| x == n).unwrap();
    assert!(pos("is_email") < pos("email") && pos("mood") < pos("uses_mood"), "{names:?}");
}

#[test]
fn a_domain_is_dropped_before_the_routine_its_check_calls() {
    let f = Function {
        name: QName::new("public", "is_email"),
        args: "text".into(),
        procedure: false,
        definition: "CREATE FUNCTION is_email(s text) RETURNS boolean".into(),
        depends_on: vec![],
        comment: None,
    };
    let mut email = domain_over("email", "text");
    if let UserType::Domain(d) = &mut email {
        d.data_type = DataType::simple("text");
        d.checks.push(("email_check".into(), "is_email(VALUE)".into()));
    }
    let down = order(vec![Change::DropFunction { function: f }, Change::DropType { ty: email }]);
    assert_eq!(ops(&down), ["drop_type", "drop_function"]);
}

#[test]
fn tables_are_dropped_before_keys_they_reference_change() {
    let pkey = Constraint {
        name: Some("users_pkey".into()),
        kind: ConstraintKind::PrimaryKey { columns: vec!["id".into()] },
        deferrable: Deferrable::NotDeferrable,
        not_valid: false,
        index: Default::default(),
        not_enforced: false,
        on_conflict: None,
    };
    let changes = vec![
        Change::DropConstraint { table: QName::new("public", "users"), constraint: pkey },
        Change::DropTable { table: Table::new(QName::new("public", "taggings")) },
    ];
    assert_eq!(ops(&order(changes)), ["drop_table", "drop_constraint"]);
}

#[test]
fn a_sequence_leaves_its_old_owner_before_that_table_is_dropped_and_takes_the_new_one_after() {
    let owned = |t: &str| {
        let mut s = Sequence::new(QName::new("public", "seq"));
        s.owned_by = Some((QName::new("public", t), "id".into()));
        s
    };
    let changes = vec![
        Change::CreateTable { table: Table::new(QName::new("public", "new_owner")) },
        Change::AlterSequence { from: owned("old_owner"), to: owned("new_owner") },
        Change::DropTable { table: Table::new(QName::new("public", "old_owner")) },
    ];
    let out = order(changes);
    assert_eq!(ops(&out), ["alter_sequence", "drop_table", "create_table", "alter_sequence"]);
    let Change::AlterSequence { to, .. } = &out[0] else { panic!() };
    assert_eq!(to.owned_by, None);
    let Change::AlterSequence { from, to } = &out[3] else { panic!() };
    assert_eq!((from.owned_by.clone(), to.owned_by.clone()), (None, owned("new_owner").owned_by));
}

#[test]
fn sqlite_rebuilds_a_child_before_dropping_the_parent_it_no_longer_references() {
    let before =
        "CREATE TABLE roles (id integer PRIMARY KEY);\nCREATE TABLE users (id integer PRIMARY KEY, role_id integer REFERENCES roles (id));";
    let after = "CREATE TABLE users (id integer PRIMARY KEY);";
    let m = crate::generate(before, after, &crate::Options::new(crate::Dialect::Sqlite));
    let up = m.up_sql();
    let rebuild = up.find("CREATE TABLE \"_new_users\"").expect(&up);
    assert!(rebuild < up.find("DROP TABLE \"roles\"").expect(&up), "{up}");
}

/// Drops: a dropped partition's own foreign keys are its dropped parent's for ordering and
/// cycle breaks (the partition goes with the parent); keys it inherits go with the parent's.
#[test]
fn dropped_partitions_foreign_keys_break_cycles_with_their_parent() {
    let sql = "CREATE TABLE a (k text, PRIMARY KEY (k)) PARTITION BY LIST (k);
CREATE TABLE a1 PARTITION OF a FOR VALUES IN ('x');
CREATE UNIQUE INDEX a1_k ON a1 (k);
CREATE TABLE b (k text, PRIMARY KEY (k)) PARTITION BY LIST (k);
CREATE TABLE b1 PARTITION OF b FOR VALUES IN ('x');
CREATE UNIQUE INDEX b1_k ON b1 (k);
ALTER TABLE a ADD CONSTRAINT a_b FOREIGN KEY (k) REFERENCES b (k);
ALTER TABLE b1 ADD CONSTRAINT b1_a1 FOREIGN KEY (k) REFERENCES a1 (k);";
    let m = crate::generate(sql, "", &crate::Options::new(Dialect::Postgres));
    let s: Vec<String> = m.up.iter().flat_map(|s| s.statements.clone()).collect();
    let first_table_drop = s.iter().position(|x| x.starts_with("DROP TABLE")).unwrap_or(0);
    let breaks: Vec<&String> = s.iter().take(first_table_drop).filter(|x| x.contains("DROP CONSTRAINT")).collect();
    assert!(breaks.iter().any(|x| x.contains("\"b1_a1\"")), "{s:#?}");
    // The key a1 inherits from a is not dropped on its own (the engine refuses that).
    assert!(!s.iter().any(|x| x.contains("\"a1\" DROP CONSTRAINT \"a_b\"")), "{s:#?}");
}

/// A partition dropped while its parent stays and is referenced by a foreign key is detached
/// first (the engine refuses to drop it attached).
#[test]
fn a_partition_of_a_referenced_parent_is_detached_before_it_is_dropped() {
    let after = "CREATE TABLE p (k text, PRIMARY KEY (k)) PARTITION BY LIST (k);
CREATE TABLE r (k text REFERENCES p (k));";
    let before = format!("{after}\nCREATE TABLE p1 PARTITION OF p FOR VALUES IN ('x');");
    let m = crate::generate(&before, after, &crate::Options::new(Dialect::Postgres));
    let s: Vec<String> = m.up.iter().flat_map(|s| s.statements.clone()).collect();
    assert_eq!(s, ["ALTER TABLE \"public\".\"p\" DETACH PARTITION \"public\".\"p1\"", "DROP TABLE \"public\".\"p1\""]);
    // Not referenced: dropped as it is.
    let plain = "CREATE TABLE p (k text) PARTITION BY LIST (k);";
    let m = crate::generate(
        &format!("{plain}\nCREATE TABLE p1 PARTITION OF p FOR VALUES IN ('x');"),
        plain,
        &crate::Options::new(Dialect::Postgres),
    );
    let s: Vec<String> = m.up.iter().flat_map(|s| s.statements.clone()).collect();
    assert_eq!(s, ["DROP TABLE \"public\".\"p1\""]);
}

fn up_statements(before: &str, after: &str) -> (Vec<String>, crate::Migration) {
    let m = crate::generate(before, after, &crate::Options::new(Dialect::Postgres));
    (m.up.iter().flat_map(|s| s.statements.clone()).collect(), m)
}

/// A plain table becoming partitioned is re-created, not blocked: rows held, the old table
/// dropped after the foreign key pointing at it, the new one and its partitions created, the
/// rows put back before its index and the foreign key are built again.
#[test]
fn a_table_becoming_partitioned_is_recreated_with_its_rows() {
    let before = "CREATE TABLE m (id int, d date, PRIMARY KEY (id, d));
CREATE INDEX m_d ON m (d);
CREATE TABLE r (id int, d date, FOREIGN KEY (id, d) REFERENCES m (id, d));";
    let after = "CREATE TABLE m (id int, d date, PRIMARY KEY (id, d)) PARTITION BY RANGE (d);
CREATE TABLE m_all PARTITION OF m DEFAULT;
CREATE INDEX m_d ON m (d);
CREATE TABLE r (id int, d date, FOREIGN KEY (id, d) REFERENCES m (id, d));";
    let (s, m) = up_statements(before, after);
    assert!(!m.is_blocked(), "{:?}", m.blocked);
    let at = |needle: &str| s.iter().position(|x| x.contains(needle)).unwrap_or_else(|| panic!("{needle} missing: {s:#?}"));
    let hold = at("CREATE TABLE \"public\".\"m__rows\" AS TABLE \"public\".\"m\"");
    let fk_drop = at("\"r\" DROP CONSTRAINT");
    let drop = at("DROP TABLE \"public\".\"m\"");
    let part = at("PARTITION OF \"public\".\"m\" DEFAULT");
    let put = at("INSERT INTO \"public\".\"m\" (\"id\", \"d\") SELECT \"id\", \"d\" FROM \"public\".\"m__rows\"");
    let index = at("CREATE INDEX \"m_d\"");
    let fk_add = at("\"r\" ADD CONSTRAINT");
    assert!(hold < drop && fk_drop < drop && drop < part && part < put && put < index && index < fk_add, "{s:#?}");
    // Down: the same plan the other way.
    let (down, m) = up_statements(after, before);
    assert!(!m.is_blocked());
    assert!(down.iter().any(|x| x.starts_with("INSERT INTO \"public\".\"m\"")), "{down:#?}");
}

/// A table of its own that becomes a partition of the re-created table is attached (its rows
/// checked against the bound and kept) before the held rows go in; down detaches it first, so
/// its rows leave the parent rather than being copied into the holding table too. What cannot
/// be planned stays blocked: a partitioned table elsewhere becoming one of its partitions.
#[test]
fn a_table_becoming_a_partition_of_a_recreated_one_is_attached() {
    let before = "CREATE TABLE m (id int); CREATE TABLE m1 (id int);";
    let after = "CREATE TABLE m (id int) PARTITION BY LIST (id); CREATE TABLE m1 PARTITION OF m FOR VALUES IN (1);";
    let (up, m) = up_statements(before, after);
    assert!(!m.is_blocked(), "{:?}", m.blocked);
    let at = |s: &[String], p: &str| s.iter().position(|x| x.starts_with(p)).unwrap_or_else(|| panic!("{p}: {s:#?}"));
    let attach = at(&up, "ALTER TABLE \"public\".\"m\" ATTACH PARTITION \"public\".\"m1\"");
    assert!(at(&up, "CREATE TABLE \"public\".\"m\"") < attach && attach < at(&up, "INSERT INTO \"public\".\"m\""), "{up:#?}");
    let (down, m) = up_statements(after, before);
    assert!(!m.is_blocked(), "{:?}", m.blocked);
    assert!(at(&down, "ALTER TABLE \"public\".\"m\" DETACH PARTITION") < at(&down, "CREATE TABLE \"public\".\"m__rows\""), "{down:#?}");
    let nested = "CREATE TABLE m (id int) PARTITION BY LIST (id); CREATE TABLE m1 PARTITION OF m FOR VALUES IN (1) PARTITION BY LIST (id);";
    let (_, m) = up_statements("CREATE TABLE m (id int); CREATE TABLE m1 (id int) PARTITION BY LIST (id);", nested);
    assert!(m.is_blocked());
}

/// A partition added beside a DEFAULT partition routes the default's rows again; a partition
/// dropped beside one gives its rows to it.
#[test]
fn partitions_beside_a_default_partition_keep_its_rows() {
    let before = "CREATE TABLE e (d date) PARTITION BY RANGE (d); CREATE TABLE e_rest PARTITION OF e DEFAULT;";
    let after = format!("{before} CREATE TABLE e_2020 PARTITION OF e FOR VALUES FROM ('2020-01-01') TO ('2021-01-01');");
    let (s, _) = up_statements(before, &after);
    assert_eq!(s.first().map(String::as_str), Some("ALTER TABLE \"public\".\"e\" DETACH PARTITION \"public\".\"e_rest\""), "{s:#?}");
    assert!(s.iter().any(|x| x == "ALTER TABLE \"public\".\"e\" ATTACH PARTITION \"public\".\"e_rest\" DEFAULT"), "{s:#?}");
    assert!(s.iter().any(|x| x == "INSERT INTO \"public\".\"e\" (\"d\") SELECT \"d\" FROM \"public\".\"e_rest__rows\""), "{s:#?}");
    let (down, _) = up_statements(&after, before);
    assert_eq!(
        down,
        [
            "ALTER TABLE \"public\".\"e\" DETACH PARTITION \"public\".\"e_2020\"",
            "INSERT INTO \"public\".\"e\" (\"d\") SELECT \"d\" FROM \"public\".\"e_2020\"",
            "DROP TABLE \"public\".\"e_2020\""
        ]
    );
}

/// A parent's column its inheritance children keep as their own is dropped with ONLY.
#[test]
fn a_column_children_keep_is_dropped_from_the_parent_only() {
    let before = "CREATE TABLE base (e int); CREATE TABLE a (x int) INHERITS (base);";
    let after = "CREATE TABLE base (); CREATE TABLE a (x int, e int) INHERITS (base);";
    let (s, _) = up_statements(before, after);
    assert_eq!(s, ["ALTER TABLE ONLY \"public\".\"base\" DROP COLUMN \"e\""]);
    let (down, _) = up_statements(after, before);
    assert_eq!(
        down,
        [
            "ALTER TABLE \"public\".\"a\" RENAME COLUMN \"e\" TO \"e__old\"",
            "ALTER TABLE \"public\".\"base\" ADD COLUMN \"e\" integer",
            "UPDATE ONLY \"public\".\"a\" SET \"e\" = \"e__old\"",
            "ALTER TABLE \"public\".\"a\" DROP COLUMN \"e__old\""
        ]
    );
}

/// A table attached beside a DEFAULT partition: the default's rows are routed again around it.
#[test]
fn a_table_attached_beside_a_default_partition_reroutes_its_rows() {
    let base = "CREATE TABLE e (d date) PARTITION BY RANGE (d); CREATE TABLE e_rest PARTITION OF e DEFAULT;";
    let before = format!("{base} CREATE TABLE e_2020 (d date);");
    let after = format!("{base} CREATE TABLE e_2020 PARTITION OF e FOR VALUES FROM ('2020-01-01') TO ('2021-01-01');");
    let (s, _) = up_statements(&before, &after);
    let at = |needle: &str| s.iter().position(|x| x == needle).unwrap_or_else(|| panic!("{needle} missing: {s:#?}"));
    let detach = at("ALTER TABLE \"public\".\"e\" DETACH PARTITION \"public\".\"e_rest\"");
    let attach = at("ALTER TABLE \"public\".\"e\" ATTACH PARTITION \"public\".\"e_2020\" FOR VALUES FROM ('2020-01-01') TO ('2021-01-01')");
    let again = at("ALTER TABLE \"public\".\"e\" ATTACH PARTITION \"public\".\"e_rest\" DEFAULT");
    let put = at("INSERT INTO \"public\".\"e\" (\"d\") SELECT \"d\" FROM \"public\".\"e_rest__rows\"");
    assert!(detach < attach && attach < again && again < put, "{s:#?}");
}

/// Drops in layers: every table goes after all the dropped tables that reference it, each
/// layer in the group's order; a chain of foreign keys (each table referencing the previous
/// one, as a dump of a long hierarchy has) drops from its end, and a chain of thousands is
/// ordered in one pass over the keys, not one pass over every table per table.
#[test]
fn a_chain_of_dropped_tables_goes_from_the_referencing_end() {
    let n = 3000;
    let mut sql = String::from("CREATE TABLE t0 (id int PRIMARY KEY);\nCREATE TABLE lone (id int);\n");
    for i in 1..n {
        sql.push_str(&format!("CREATE TABLE t{i} (id int PRIMARY KEY, up int REFERENCES t{} (id));\n", i - 1));
    }
    let (s, _) = up_statements(&sql, "");
    let drops: Vec<&str> = s.iter().filter_map(|x| x.strip_prefix("DROP TABLE \"public\".")).collect();
    assert_eq!(drops.len(), n + 1, "{s:#?}");
    // The first layer: what nothing references, in the group's order (names sorted).
    assert_eq!(drops[..2], ["\"lone\"", &format!("\"t{}\"", n - 1)[..]]);
    let expected: Vec<String> = (0..n - 1).rev().map(|i| format!("\"t{i}\"")).collect();
    assert_eq!(drops[2..], expected.iter().map(String::as_str).collect::<Vec<_>>()[..]);
    assert!(!s.iter().any(|x| x.contains("DROP CONSTRAINT")), "no cycle, no key dropped apart");
}

/// A routine naming a composite type altered in place is created after the type changes: a SQL
/// body is checked against the type's new shape (PostgreSQL: "cannot cast type record").
#[test]
fn a_routine_follows_an_in_place_change_of_a_type_it_names() {
    let pair = |attrs: &[&str]| UserType::Composite {
        name: QName::new("public", "pair"),
        attributes: attrs.iter().map(|a| crate::model::Attribute::new(*a, DataType::simple("integer"))).collect(),
        comment: None,
    };
    let f = Function {
        name: QName::new("public", "mk_pair"),
        args: "integer, integer, integer".into(),
        procedure: false,
        definition: "CREATE OR REPLACE FUNCTION public.mk_pair(x integer, y integer, z integer) RETURNS pair LANGUAGE sql AS $$SELECT (x, y, z)::pair$$".into(),
        depends_on: vec![],
        comment: None,
    };
    let changes = vec![Change::CreateFunction { function: f }, Change::ReplaceType { from: pair(&["a", "b"]), to: pair(&["a", "b", "c"]) }];
    assert_eq!(ops(&order(changes)), ["replace_type", "create_function"]);
}

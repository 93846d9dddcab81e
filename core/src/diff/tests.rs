//! Differ tests on hand-built models (the parser has its own tests; engine round trips live in
//! the `tests/` crate).

use super::*;
use crate::model::*;
use crate::{plan, Dialect, Target};

fn int() -> DataType {
    DataType::simple("integer")
}

fn table(name: &str, cols: &[&str]) -> Table {
    let mut t = Table::new(QName::new("public", name));
    for c in cols {
        t.columns.push(Column::new(*c, int()));
    }
    t
}

fn schema(tables: Vec<Table>) -> Schema {
    let mut s = Schema::new(Dialect::Postgres);
    for t in tables {
        s.tables.insert(t.name.clone(), t);
    }
    s
}

fn fk(name: &str, col: &str, to: &str) -> Constraint {
    Constraint {
        name: Some(name.into()),
        kind: ConstraintKind::ForeignKey {
            columns: vec![col.into()],
            ref_table: QName::new("public", to),
            ref_columns: vec!["id".into()],
            on_delete: FkAction::NoAction,
            on_update: FkAction::NoAction,
            match_type: FkMatch::Simple,
        },
        deferrable: Deferrable::NotDeferrable,
        not_valid: false,
        index: Default::default(),
        not_enforced: false,
        on_conflict: None,
    }
}

fn ops(changes: &[Change]) -> Vec<String> {
    changes.iter().map(|c| format!("{} {}", c.op(), c.table().map(|t| t.name.clone()).unwrap_or_default())).collect()
}

fn pg() -> Target {
    Target::default_for(Dialect::Postgres)
}

#[test]
fn equal_schemas_give_no_changes() {
    let s = schema(vec![table("t", &["id", "a"])]);
    assert!(diff(&s, &s, &pg(), &Renames::default()).changes.is_empty());
}

#[test]
fn added_and_dropped_columns() {
    let a = schema(vec![table("t", &["id", "a"])]);
    let b = schema(vec![table("t", &["id", "b"])]);
    let d = diff(&a, &b, &pg(), &Renames::default());
    assert_eq!(ops(&d.changes), ["add_column t", "drop_column t"]);
    // Same type, one dropped and one added: suggested as a rename, not applied.
    assert_eq!(d.suggestions.len(), 1);
    assert_eq!((d.suggestions[0].from.as_str(), d.suggestions[0].to.as_str()), ("a", "b"));
}

#[test]
fn a_rename_hint_renames_both_ways() {
    let a = schema(vec![table("t", &["id", "a"])]);
    let mut b = schema(vec![table("t", &["id", "b"])]);
    b.renames.push(RenameHint { kind: RenameKind::Column, table: QName::new("public", "t"), from: "a".into(), to: "b".into(), at: None });
    let (r, diags) = Renames::collect(&a, &b, &[]);
    assert!(diags.is_empty());
    let up = diff(&a, &b, &pg(), &r);
    assert_eq!(ops(&up.changes), ["rename_column t"]);
    let down = diff(&b, &a, &pg(), &r.reversed());
    assert_eq!(down.changes, vec![Change::RenameColumn { table: QName::new("public", "t"), from: "b".into(), to: "a".into() }]);
}

#[test]
fn table_rename_option_with_column_changes() {
    let a = schema(vec![table("old", &["id", "a"])]);
    let b = schema(vec![table("new", &["id", "a", "c"])]);
    let (r, diags) = Renames::collect(&a, &b, &["old=new".to_string()]);
    assert!(diags.is_empty(), "{diags:?}");
    let up = plan::order(diff(&a, &b, &pg(), &r).changes);
    assert_eq!(ops(&up), ["rename_table new", "add_column new"]);
    let down = plan::order(diff(&b, &a, &pg(), &r.reversed()).changes);
    assert_eq!(ops(&down), ["rename_table old", "drop_column old"]);
}

#[test]
fn foreign_keys_are_added_after_tables_and_cycles_dropped_first() {
    let mut a = table("a", &["id", "b_id"]);
    a.constraints.push(fk("a_b_id_fkey", "b_id", "b"));
    let mut b = table("b", &["id", "a_id"]);
    b.constraints.push(fk("b_a_id_fkey", "a_id", "a"));
    let empty = schema(vec![]);
    let full = schema(vec![a, b]);
    let up = plan::order(diff(&empty, &full, &pg(), &Renames::default()).changes);
    assert_eq!(ops(&up), ["create_table a", "create_table b", "add_constraint a", "add_constraint b"]);
    let down = plan::order(diff(&full, &empty, &pg(), &Renames::default()).changes);
    assert_eq!(ops(&down), ["drop_constraint a", "drop_constraint b", "drop_table a", "drop_table b"]);
}

#[test]
fn referencing_tables_are_dropped_first() {
    let mut child = table("child", &["id", "p"]);
    child.constraints.push(fk("child_p_fkey", "p", "parent"));
    let full = schema(vec![child, table("parent", &["id"])]);
    let down = plan::order(diff(&full, &schema(vec![]), &pg(), &Renames::default()).changes);
    assert_eq!(ops(&down), ["drop_table child", "drop_table parent"]);
}

#[test]
fn enum_values_appended_in_place_or_rebuilt() {
    let e = |vals: &[&str]| {
        let mut s = Schema::new(Dialect::Postgres);
        let name = QName::new("public", "mood");
        s.types
            .insert(name.clone(), UserType::Enum(EnumType { name, values: vals.iter().map(|v| v.to_string()).collect(), comment: None }));
        s
    };
    let up = diff(&e(&["a", "c"]), &e(&["a", "b", "c", "d"]), &pg(), &Renames::default()).changes;
    assert_eq!(
        up,
        vec![
            Change::AddEnumValue { name: QName::new("public", "mood"), value: "b".into(), before: Some("c".into()), after: None },
            Change::AddEnumValue { name: QName::new("public", "mood"), value: "d".into(), before: None, after: Some("c".into()) },
        ]
    );
    let down = diff(&e(&["a", "b", "c"]), &e(&["a", "c"]), &pg(), &Renames::default()).changes;
    assert_eq!(ops(&down), ["rebuild_enum "]);
}

#[test]
fn sqlite_rebuilds_what_alter_table_cannot_do() {
    let target = Target::default_for(Dialect::Sqlite);
    let mut a = Schema::new(Dialect::Sqlite);
    let mut t = Table::new(QName::new("", "t"));
    t.columns.push(Column::new("id", int()));
    a.tables.insert(t.name.clone(), t.clone());
    let mut b = a.clone();
    // Adding a nullable column: ALTER TABLE ADD COLUMN.
    b.tables.get_mut(&t.name).unwrap().columns.push(Column::new("x", int()));
    assert_eq!(ops(&diff(&a, &b, &target, &Renames::default()).changes), ["add_column t"]);
    // Making a column NOT NULL: rebuild.
    let mut c = a.clone();
    c.tables.get_mut(&t.name).unwrap().columns[0].nullable = false;
    assert_eq!(ops(&diff(&a, &c, &target, &Renames::default()).changes), ["rebuild_table t"]);
}

#[test]
fn children_and_partitions_follow_their_parent_column_changes() {
    let parent = |cols: &[&str]| table("p", cols);
    let child = |cols: &[&str]| {
        let mut t = table("c", cols);
        t.options.inherits = vec![QName::new("public", "p")];
        t
    };
    let a = schema(vec![parent(&["id", "x"]), child(&["id", "x", "own"])]);
    let b = schema(vec![parent(&["id", "y"]), child(&["id", "y", "own"])]);
    let d = diff(&a, &b, &pg(), &Renames::default());
    assert_eq!(ops(&d.changes), ["add_column p", "drop_column p"]);
}

#[test]
fn mysql_charsets_a_side_leaves_unspecified_are_not_changes() {
    let parse = |sql: &str| crate::parse::parse(Dialect::Mysql, sql).schema;
    let dump = parse("CREATE TABLE t (a varchar(10)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;");
    let ddl = parse("CREATE TABLE t (a varchar(10));");
    let target = Target::default_for(Dialect::Mysql);
    assert!(diff(&dump, &ddl, &target, &Renames::default()).changes.is_empty());
    assert!(diff(&ddl, &dump, &target, &Renames::default()).changes.is_empty());
    // A column stating its own collation has it; the DDL's column has its table's.
    let dump =
        parse("CREATE TABLE t (a varchar(10) COLLATE utf8mb4_bin) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;");
    assert_eq!(ops(&diff(&dump, &ddl, &target, &Renames::default()).changes), vec!["alter_column t"]);
    assert_eq!(ops(&diff(&ddl, &dump, &target, &Renames::default()).changes), vec!["alter_column t"]);
    let latin = parse("CREATE TABLE t (a varchar(10)) DEFAULT CHARSET=latin1;");
    // The column has the latin1 table's collation there, not utf8mb4_bin: it changes too.
    assert_eq!(ops(&diff(&dump, &latin, &target, &Renames::default()).changes), vec!["alter_column t", "alter_table_options t"]);
}

#[test]
fn an_event_keeps_its_start_when_the_target_states_none_and_is_created_again_when_its_end_goes() {
    let parse = |sql: &str| crate::parse::parse(Dialect::Mysql, sql).schema;
    let target = Target::default_for(Dialect::Mysql);
    let kinds = |changes: &[Change]| changes.iter().map(Change::op).collect::<Vec<_>>();
    let dump = parse("CREATE EVENT e ON SCHEDULE EVERY 1 DAY STARTS '2026-01-01 03:00:00' DO DELETE FROM t;");
    let ddl = parse("CREATE EVENT e ON SCHEDULE EVERY 1 DAY DO DELETE FROM t;");
    assert!(diff(&dump, &ddl, &target, &Renames::default()).changes.is_empty());
    // A start stated in the target is a change; so is another interval, which keeps the start.
    assert_eq!(kinds(&diff(&ddl, &dump, &target, &Renames::default()).changes), ["alter_event"]);
    let hourly = parse("CREATE EVENT e ON SCHEDULE EVERY 2 HOUR DO DELETE FROM t;");
    let d = diff(&dump, &hourly, &target, &Renames::default());
    assert!(matches!(&d.changes[..], [Change::AlterEvent { to, .. }] if to.schedule == "EVERY 2 HOUR STARTS '2026-01-01 03:00:00'"));
    let ending = parse("CREATE EVENT e ON SCHEDULE EVERY 1 DAY ENDS '2030-01-01' DO DELETE FROM t;");
    assert_eq!(kinds(&diff(&ending, &ddl, &target, &Renames::default()).changes), ["drop_event", "create_event"]);
    assert_eq!(kinds(&diff(&ddl, &ending, &target, &Renames::default()).changes), ["alter_event"]);
}

#[test]
fn a_constraint_made_not_valid_is_dropped_and_added_again_and_validated_the_other_way() {
    let mut valid = table("t", &["id", "p"]);
    valid.constraints.push(fk("t_p_fkey", "p", "t"));
    let mut not_valid = valid.clone();
    not_valid.constraints[0].not_valid = true;
    let (a, b) = (schema(vec![valid]), schema(vec![not_valid]));
    let up = diff(&a, &b, &pg(), &Renames::default());
    assert_eq!(ops(&up.changes), ["drop_constraint t", "add_constraint t"]);
    let down = diff(&b, &a, &pg(), &Renames::default());
    assert_eq!(ops(&down.changes), ["add_constraint t"]);
}

#[test]
fn a_trigger_comment_is_set_on_a_kept_trigger_and_after_a_new_one() {
    let trig = |comment: Option<&str>| Trigger {
        name: "tr".into(),
        table: QName::new("public", "t"),
        definition: "CREATE TRIGGER tr BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION f()".into(),
        function: None,
        comment: comment.map(str::to_string),
    };
    let with = |tr: Option<Trigger>| {
        let mut s = schema(vec![table("t", &["id"])]);
        if let Some(tr) = tr {
            s.triggers.insert((tr.table.clone(), tr.name.clone()), tr);
        }
        s
    };
    let (plain, commented) = (with(Some(trig(None))), with(Some(trig(Some("c")))));
    let up = diff(&plain, &commented, &pg(), &Renames::default()).changes;
    assert_eq!(
        up,
        [Change::SetComment {
            target: crate::model::CommentTarget::Trigger { name: "tr".into(), table: QName::new("public", "t") },
            comment: Some("c".into())
        }]
    );
    let down = diff(&commented, &plain, &pg(), &Renames::default()).changes;
    assert!(matches!(&down[..], [Change::SetComment { comment: None, .. }]), "{down:?}");
    let new = diff(&with(None), &commented, &pg(), &Renames::default()).changes;
    assert_eq!(ops(&new), ["create_trigger t", "set_comment "]);
}

#[test]
fn a_changed_partitioning_is_recreated_or_blocked_never_left_as_it_was() {
    let o = crate::Options::new(crate::Dialect::Postgres);
    let m = crate::generate("CREATE TABLE m (id int, at date) PARTITION BY RANGE (at);", "CREATE TABLE m (id int, at date);", &o);
    assert!(m.blocked.is_empty(), "{:?}", m.blocked);
    assert!(m.up_sql().contains("INSERT INTO \"public\".\"m\""), "{}", m.up_sql());
    // A partition whose own partitioning changes is not planned: blocked.
    let before = "CREATE TABLE m (id int, at date) PARTITION BY RANGE (at);
        CREATE TABLE m1 PARTITION OF m FOR VALUES FROM ('2020-01-01') TO ('2021-01-01');";
    let after = "CREATE TABLE m (id int, at date) PARTITION BY RANGE (at);
        CREATE TABLE m1 PARTITION OF m FOR VALUES FROM ('2020-01-01') TO ('2021-01-01') PARTITION BY LIST (id);";
    let m = crate::generate(before, after, &o);
    assert!(m.blocked.iter().any(|b| b.kind == crate::BlockKind::NotPlanned && b.message.contains("public.m1")), "{:?}", m.blocked);
}

#[test]
fn mysql_repartitioning_is_planned_not_blocked() {
    // MariaDB/MySQL repartition in place: the PostgreSQL blocker must not reach them.
    let o = crate::Options::new(crate::Dialect::Mysql);
    let before = "CREATE TABLE t (id int NOT NULL, PRIMARY KEY (id)) PARTITION BY HASH (id) PARTITIONS 4;";
    let after = "CREATE TABLE t (id int NOT NULL, PRIMARY KEY (id)) PARTITION BY HASH (id) PARTITIONS 8;";
    let m = crate::generate(before, after, &o);
    assert!(m.blocked.is_empty(), "{:?}", m.blocked);
    assert!(m.up_sql().contains("ADD PARTITION PARTITIONS 4"), "{}", m.up_sql());
}

#[test]
fn an_access_method_change_before_postgres_15_is_blocked() {
    let before = "CREATE ACCESS METHOD heap2 TYPE TABLE HANDLER heap_tableam_handler; CREATE TABLE t (id int) USING heap;";
    let after = "CREATE ACCESS METHOD heap2 TYPE TABLE HANDLER heap_tableam_handler; CREATE TABLE t (id int) USING heap2;";
    let mut o = crate::Options::new(crate::Dialect::Postgres);
    let m = crate::generate(before, after, &o);
    assert!(m.blocked.is_empty(), "{:?}", m.blocked);
    assert!(m.up_sql().contains("SET ACCESS METHOD"), "{}", m.up_sql());
    o.set_target_version("14");
    let m = crate::generate(before, after, &o);
    assert!(m.blocked.iter().any(|b| b.kind == crate::BlockKind::NotPlanned && b.message.contains("public.t")), "{:?}", m.blocked);
}

#[test]
fn op_is_the_serialized_tag() {
    let t = table("t", &["a"]);
    let changes = [
        Change::DropTable { table: t.clone() },
        Change::AlterColumn { table: t.name.clone(), from: t.columns[0].clone(), to: t.columns[0].clone() },
        Change::CreateTable { table: t },
    ];
    for c in &changes {
        let tag = serde_json::to_value(c).unwrap()["op"].as_str().unwrap().to_string();
        assert_eq!(c.op(), tag);
    }
    assert_eq!(changes.iter().map(Change::op).collect::<Vec<_>>(), ["drop_table", "alter_column", "create_table"]);
}

/// PostgreSQL refuses `ALTER ATTRIBUTE ... TYPE` on a composite type a table column uses (type
/// or collation); adding and dropping attributes are allowed. A typed table follows (CASCADE).
#[test]
fn retyping_an_attribute_of_a_composite_a_column_uses_blocks() {
    let o = crate::Options::new(Dialect::Postgres);
    let blocked = |before: &str, after: &str| crate::generate(before, after, &o).is_blocked();
    let used = "CREATE TABLE t (id int, x p);";
    assert!(blocked(&format!("CREATE TYPE p AS (a int, b text);\n{used}"), &format!("CREATE TYPE p AS (a bigint, b text);\n{used}")));
    assert!(blocked(
        &format!("CREATE TYPE p AS (a int, b text);\n{used}"),
        &format!("CREATE TYPE p AS (a int, b text COLLATE \"C\");\n{used}")
    ));
    assert!(!blocked(&format!("CREATE TYPE p AS (a int, b text);\n{used}"), &format!("CREATE TYPE p AS (a int, c text);\n{used}")));
    let typed = "CREATE TABLE t OF p;";
    assert!(!blocked(&format!("CREATE TYPE p AS (a int, b text);\n{typed}"), &format!("CREATE TYPE p AS (a bigint, b text);\n{typed}")));
}

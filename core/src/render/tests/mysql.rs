//! MySQL / MariaDB rendering.

use super::*;

const MY: Dialect = Dialect::Mysql;

fn maria() -> Target {
    default_target(MY)
}

fn full_column() -> Column {
    let mut c = not_null(Column::new("name", DataType::with_args("varchar", &["50"])));
    c.charset = Some("utf8mb4".into());
    c.collation = Some("utf8mb4_bin".into());
    c.default = Some("'x'".into());
    c.comment = Some("the name".into());
    c
}

#[test]
fn modify_column_restates_the_whole_definition() {
    let before = schema(MY, vec![table(MY, "t", vec![full_column()])]);
    let mut c = full_column();
    c.data_type = DataType::with_args("varchar", &["100"]);
    let after = schema(MY, vec![table(MY, "t", vec![c])]);
    let (up, down) = scripts(&before, &after, maria());
    assert!(up.contains(
        "ALTER TABLE `t` MODIFY COLUMN `name` varchar(100) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL DEFAULT 'x' COMMENT 'the name' FIRST;"
    ), "{up}");
    assert!(up.contains("-- MySQL/MariaDB DDL is not transactional") && !up.contains("BEGIN"), "{up}");
    assert!(down.contains("MODIFY COLUMN `name` varchar(50)"), "{down}");
}

#[test]
fn rename_column_uses_change_before_mysql_8() {
    let before = schema(MY, vec![table(MY, "t", vec![full_column()])]);
    let mut c = full_column();
    c.name = "label".into();
    let mut after = schema(MY, vec![table(MY, "t", vec![c])]);
    after.renames.push(RenameHint { kind: RenameKind::Column, table: qn(MY, "t"), from: "name".into(), to: "label".into(), at: None });
    let (up, _) = scripts(&before, &after, maria());
    assert!(up.contains("ALTER TABLE `t` RENAME COLUMN `name` TO `label`;"), "{up}");
    let mysql57 = Target::parse(MY, "mysql-5.7").unwrap();
    let (up, _) = scripts(&before, &after, mysql57);
    assert!(up.contains("ALTER TABLE `t` CHANGE COLUMN `name` `label` varchar(50) CHARACTER SET utf8mb4"), "{up}");
}

#[test]
fn new_tables_carry_their_keys_and_indexes_inline() {
    let mut id = not_null(col("id", "int"));
    id.auto_increment = true;
    let mut t = table(MY, "t", vec![id, col("body", "text"), col("p", "int")]);
    t.constraints.push(pk(Some("PRIMARY"), &["id"]));
    t.constraints.push(fk(MY, "t_p_fk", "p", "t"));
    let mut body = IndexElem::column("body");
    body.prefix_len = Some(10);
    t.indexes.push(Index {
        name: "body_ft".into(),
        unique: false,
        method: None,
        elems: vec![IndexElem::column("body")],
        include: vec![],
        predicate: None,
        kind: Some("FULLTEXT".into()),
        nulls_not_distinct: false,
        invisible: false,
        attached: None,
        with: None,
        tablespace: None,
        comment: None,
    });
    t.indexes.push(Index { name: "body_prefix".into(), elems: vec![body], kind: None, ..t.indexes[0].clone() });
    t.options.engine = Some("InnoDB".into());
    t.comment = Some("it's".into());
    let (up, down) = scripts(&schema(MY, vec![]), &schema(MY, vec![t]), maria());
    insta::assert_snapshot!("mysql_create_table_up", up);
    assert!(up.contains("`id` int NOT NULL AUTO_INCREMENT"), "{up}");
    assert!(up.contains("PRIMARY KEY (`id`)") && !up.contains("CONSTRAINT `PRIMARY`"), "{up}");
    assert!(up.contains("FULLTEXT KEY `body_ft` (`body`)") && up.contains("KEY `body_prefix` (`body`(10))"), "{up}");
    assert!(!up.contains("CREATE INDEX"), "{up}");
    assert!(up.contains("ALTER TABLE `t` ADD CONSTRAINT `t_p_fk` FOREIGN KEY (`p`) REFERENCES `t` (`id`) ON DELETE CASCADE;"), "{up}");
    assert!(up.contains(") ENGINE=InnoDB COMMENT='it''s';"), "{up}");
    assert!(down.contains("DROP TABLE `t`;"), "{down}");
}

#[test]
fn keys_are_dropped_the_mysql_way() {
    let mut t = table(MY, "t", vec![not_null(col("id", "int")), col("p", "int"), col("c", "int")]);
    t.constraints.push(pk(Some("PRIMARY"), &["id"]));
    t.constraints.push(fk(MY, "t_p_fk", "p", "t"));
    t.constraints.push(Constraint {
        name: Some("c_pos".into()),
        kind: ConstraintKind::Check { expr: "c > 0".into(), no_inherit: false },
        deferrable: Deferrable::NotDeferrable,
        not_valid: false,
        index: Default::default(),
        not_enforced: false,
        on_conflict: None,
    });
    t.constraints.push(Constraint {
        name: Some("c_uq".into()),
        kind: ConstraintKind::Unique { columns: vec!["c".into()], nulls_not_distinct: false },
        deferrable: Deferrable::NotDeferrable,
        not_valid: false,
        index: Default::default(),
        not_enforced: false,
        on_conflict: None,
    });
    let bare = table(MY, "t", vec![not_null(col("id", "int")), col("p", "int"), col("c", "int")]);
    let (up, down) = scripts(&schema(MY, vec![t]), &schema(MY, vec![bare]), maria());
    for s in ["DROP PRIMARY KEY", "DROP FOREIGN KEY `t_p_fk`", "DROP CONSTRAINT `c_pos`", "DROP INDEX `c_uq`"] {
        assert!(up.contains(s), "{s}: {up}");
    }
    assert!(down.contains("ADD UNIQUE KEY `c_uq` (`c`)") && down.contains("ADD CONSTRAINT `c_pos` CHECK (c > 0)"), "{down}");
    let mysql8 = Target::parse(MY, "mysql-8.0").unwrap();
    let (up, _) = scripts(&schema(MY, vec![table(MY, "x", vec![])]), &schema(MY, vec![table(MY, "x", vec![])]), mysql8);
    assert!(up.is_empty());
}

#[test]
fn added_columns_keep_their_place() {
    let before = schema(MY, vec![table(MY, "t", vec![col("a", "int"), col("c", "int")])]);
    let after = schema(MY, vec![table(MY, "t", vec![col("z", "int"), col("a", "int"), col("b", "int"), col("c", "int")])]);
    let (up, _) = scripts(&before, &after, maria());
    assert!(up.contains("ADD COLUMN `z` int NULL FIRST;") && up.contains("ADD COLUMN `b` int NULL AFTER `a`;"), "{up}");
}

#[test]
fn generated_columns_change_kind_by_drop_and_add_or_copy() {
    let base = || col("v", "int");
    let generated = |stored: bool| {
        let mut c = col("g", "int");
        c.generated = Some(Generated { expr: "v * 2".into(), stored });
        c
    };
    let s = |g: Column| schema(MY, vec![table(MY, "t", vec![base(), g])]);
    let (up, down) = scripts(&s(generated(false)), &s(generated(true)), maria());
    assert!(
        up.contains("DROP COLUMN `g`;\n\nALTER TABLE `t` ADD COLUMN `g` int GENERATED ALWAYS AS (v * 2) STORED AFTER `v`;")
            || up.contains("DROP COLUMN `g`;\nALTER TABLE `t` ADD COLUMN `g` int GENERATED ALWAYS AS (v * 2) STORED AFTER `v`;"),
        "{up}"
    );
    assert!(down.contains("VIRTUAL AFTER `v`"), "{down}");
    // VIRTUAL to regular: the computed values are copied into a new column that takes the name.
    let (up, _) = scripts(&s(generated(false)), &s(col("g", "int")), maria());
    assert!(up.contains("ADD COLUMN `g__schemashift_new` int NULL AFTER `g`;\nUPDATE `t` SET `g__schemashift_new` = `g`;"), "{up}");
    assert!(up.contains("CHANGE COLUMN `g__schemashift_new` `g` int NULL;"), "{up}");
    // Between STORED and regular the engine MODIFYs the column and keeps (or computes) the values.
    let (up, down) = scripts(&s(generated(true)), &s(col("g", "int")), maria());
    assert!(up.contains("MODIFY COLUMN `g` int NULL AFTER `v`;") && !up.contains("DROP COLUMN"), "{up}");
    assert!(down.contains("MODIFY COLUMN `g` int GENERATED ALWAYS AS (v * 2) STORED AFTER `v`;"), "{down}");
}

#[test]
fn primary_keys_change_without_leaving_auto_increment_unkeyed() {
    let mut id = not_null(col("id", "int"));
    id.auto_increment = true;
    let mut one = table(MY, "t", vec![id.clone(), not_null(col("o", "int"))]);
    one.constraints.push(pk(Some("PRIMARY"), &["id"]));
    let mut two = one.clone();
    two.constraints = vec![pk(Some("PRIMARY"), &["id", "o"])];
    let (up, down) = scripts(&schema(MY, vec![one.clone()]), &schema(MY, vec![two]), maria());
    assert!(
        up.contains("ALTER TABLE `t` DROP PRIMARY KEY, ADD PRIMARY KEY (`id`, `o`);") && !up.contains("ALTER TABLE `t` ADD PRIMARY"),
        "{up}"
    );
    assert!(down.contains("DROP PRIMARY KEY, ADD PRIMARY KEY (`id`);"), "{down}");
    // A column that becomes AUTO_INCREMENT brings its new key along.
    let plain = table(MY, "t", vec![not_null(col("id", "int")), not_null(col("o", "int"))]);
    let (up, down) = scripts(&schema(MY, vec![plain]), &schema(MY, vec![one]), maria());
    assert!(up.contains("MODIFY COLUMN `id` int NOT NULL AUTO_INCREMENT FIRST, ADD PRIMARY KEY (`id`);"), "{up}");
    assert!(!up.contains("ALTER TABLE `t` ADD PRIMARY"), "{up}");
    // ... and loses the attribute before its key goes.
    assert!(down.contains("ALTER TABLE `t` MODIFY COLUMN `id` int NOT NULL, DROP PRIMARY KEY;"), "{down}");
}

#[test]
fn swapped_columns_are_moved_into_place() {
    let before = schema(MY, vec![table(MY, "t", vec![col("id", "int"), col("a", "int"), col("b", "text")])]);
    let after = schema(MY, vec![table(MY, "t", vec![col("id", "int"), col("b", "text"), col("a", "int")])]);
    let (up, _) = scripts(&before, &after, maria());
    assert!(up.contains("MODIFY COLUMN `b` text NULL AFTER `id`;") && up.contains("MODIFY COLUMN `a` int NULL AFTER `b`;"), "{up}");
}

#[test]
fn a_moved_column_whose_type_changes_is_written_once() {
    let before = schema(MY, vec![table(MY, "t", vec![col("id", "int"), col("a", "int"), col("b", "int"), col("c", "int")])]);
    let after = schema(MY, vec![table(MY, "t", vec![col("id", "int"), col("a", "int"), col("c", "bigint"), col("b", "int")])]);
    let (up, down) = scripts(&before, &after, maria());
    // One MODIFY per column (was: `c` altered with AFTER, then placed again: the table copied twice).
    assert_eq!(up.matches("MODIFY COLUMN `c`").count(), 1, "{up}");
    assert!(up.find("MODIFY COLUMN `c` bigint NULL AFTER `a`;") < up.find("MODIFY COLUMN `b` int NULL AFTER `c`;"), "{up}");
    assert_eq!(down.matches("MODIFY COLUMN `c`").count(), 1, "{down}");
}

#[test]
fn a_renamed_table_is_found_under_its_new_name() {
    let before = schema(MY, vec![table(MY, "old", vec![not_null(col("id", "int")), col("a", "int")])]);
    let mut id = not_null(col("id", "int"));
    id.auto_increment = true;
    let mut t = table(MY, "new", vec![id, col("a", "int")]);
    t.constraints.push(pk(Some("PRIMARY"), &["id"]));
    let mut after = schema(MY, vec![t]);
    after.renames.push(RenameHint { kind: RenameKind::Table, table: qn(MY, "new"), from: "old".into(), to: "new".into(), at: None });
    let (up, _) = scripts(&before, &after, maria());
    assert!(up.contains("RENAME TABLE `old` TO `new`;"), "{up}");
    assert!(up.contains("MODIFY COLUMN `id` int NOT NULL AUTO_INCREMENT FIRST, ADD PRIMARY KEY (`id`);"), "{up}");
    assert!(!up.contains("ALTER TABLE `new` ADD PRIMARY KEY"), "{up}");
}

#[test]
fn a_changed_index_is_replaced_in_one_statement() {
    let idx = |cols: &[&str]| Index {
        name: "i".into(),
        unique: false,
        method: None,
        elems: cols.iter().map(|c| IndexElem::column(*c)).collect(),
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
    let t = |cols: &[&str]| {
        let mut t = table(MY, "t", vec![col("a", "int"), col("b", "int")]);
        t.indexes.push(idx(cols));
        schema(MY, vec![t])
    };
    let (up, _) = scripts(&t(&["a"]), &t(&["a", "b"]), maria());
    assert!(up.contains("ALTER TABLE `t` DROP INDEX `i`, ADD KEY `i` (`a`, `b`);") && !up.contains("CREATE INDEX"), "{up}");
}

#[test]
fn partitioning_is_created_and_changed_by_repartitioning_never_by_drop_partition() {
    let mut t = table(MY, "sales", vec![not_null(col("id", "int")), not_null(col("region", "int"))]);
    t.constraints.push(pk(Some("PRIMARY"), &["id", "region"]));
    t.options.partition_by = Some("LIST (region) (PARTITION p1 VALUES IN (1, 2), PARTITION p2 VALUES IN (3))".into());
    let (up, _) = scripts(&schema(MY, vec![]), &schema(MY, vec![t.clone()]), maria());
    assert!(up.contains(") PARTITION BY LIST (region) (PARTITION p1 VALUES IN (1, 2), PARTITION p2 VALUES IN (3));"), "{up}");
    let mut fewer = t.clone();
    fewer.options.partition_by = Some("LIST (region) (PARTITION p1 VALUES IN (1, 2, 3))".into());
    let (up, down) = scripts(&schema(MY, vec![t.clone()]), &schema(MY, vec![fewer]), maria());
    assert!(up.contains("ALTER TABLE `sales` PARTITION BY LIST (region) (PARTITION p1 VALUES IN (1, 2, 3));"), "{up}");
    assert!(
        down.contains("ALTER TABLE `sales` PARTITION BY LIST (region) (PARTITION p1 VALUES IN (1, 2), PARTITION p2 VALUES IN (3));"),
        "{down}"
    );
    assert!(!up.contains("DROP PARTITION") && !down.contains("DROP PARTITION"), "{up}\n{down}");
    let mut plain = t.clone();
    plain.options.partition_by = None;
    plain.options.engine = Some("MyISAM".into());
    let (up, down) = scripts(&schema(MY, vec![t]), &schema(MY, vec![plain]), maria());
    assert!(up.contains("ALTER TABLE `sales` ENGINE=MyISAM;\nALTER TABLE `sales` REMOVE PARTITIONING;"), "{up}");
    assert!(down.contains("ALTER TABLE `sales` ENGINE=InnoDB;"), "{down}");
}

#[test]
fn appended_partitions_and_hash_counts_move_no_row_needlessly() {
    let mut t = table(MY, "logs", vec![not_null(col("id", "int")), not_null(col("y", "int"))]);
    t.constraints.push(pk(Some("PRIMARY"), &["id", "y"]));
    t.options.partition_by = Some("RANGE (y) (PARTITION `p1` VALUES LESS THAN (10))".into());
    let mut more = t.clone();
    more.options.partition_by = Some("RANGE (y) (PARTITION `p1` VALUES LESS THAN (10), PARTITION `p2` VALUES LESS THAN MAXVALUE)".into());
    let (up, down) = scripts(&schema(MY, vec![t.clone()]), &schema(MY, vec![more]), maria());
    assert!(up.contains("ALTER TABLE `logs` ADD PARTITION (PARTITION `p2` VALUES LESS THAN MAXVALUE);"), "{up}");
    // Back: p2's rows move into the partitions BEFORE has (a row none accepts stops the statement).
    assert!(down.contains("ALTER TABLE `logs` PARTITION BY RANGE (y) (PARTITION `p1` VALUES LESS THAN (10));"), "{down}");
    let (mut four, mut six) = (t.clone(), t);
    four.options.partition_by = Some("HASH (id) PARTITIONS 4".into());
    six.options.partition_by = Some("HASH (id) PARTITIONS 6".into());
    let (up, down) = scripts(&schema(MY, vec![four]), &schema(MY, vec![six]), maria());
    assert!(up.contains("ALTER TABLE `logs` ADD PARTITION PARTITIONS 2;"), "{up}");
    assert!(down.contains("ALTER TABLE `logs` COALESCE PARTITION 2;"), "{down}");
    assert!(!up.contains("DROP PARTITION") && !down.contains("DROP PARTITION"), "{up}\n{down}");
}

#[test]
fn primary_key_parts_keep_prefix_and_direction() {
    let mut t = table(MY, "pages", vec![not_null(col("slug", "varchar(40)")), not_null(col("lang", "char(2)"))]);
    let mut key = pk(Some("PRIMARY"), &["slug", "lang"]);
    key.index.key_parts =
        vec![crate::model::KeyPart { prefix_len: Some(10), desc: false }, crate::model::KeyPart { prefix_len: None, desc: true }];
    t.constraints.push(key);
    let (up, down) = scripts(&schema(MY, vec![]), &schema(MY, vec![t]), maria());
    assert!(up.contains("PRIMARY KEY (`slug`(10), `lang` DESC)"), "{up}");
    assert!(down.contains("DROP TABLE `pages`"), "{down}");
}

/// A CHECK that keeps its name but changes: MariaDB drops and adds it in one statement (an ADD
/// failing on existing rows then leaves the old check, not none; `tests/tests/mysql_data_safety.rs`
/// runs it); MySQL 8 keeps two. Not when the table's columns change (the new check could read a
/// column added later in the migration), nor for a check of a column's definition.
#[test]
fn changed_check_is_replaced_in_one_statement_on_mariadb() {
    let run = |version: &str, before: &str, after: &str| {
        let o = crate::Options { target: Target::parse(MY, version).unwrap(), ..crate::Options::new(MY) };
        let m = crate::generate(before, after, &o);
        (m.up_sql(), m.down_sql())
    };
    let before = "CREATE TABLE t (id int PRIMARY KEY, qty int, CONSTRAINT qty_pos CHECK (qty >= 0));";
    let after = "CREATE TABLE t (id int PRIMARY KEY, qty int, CONSTRAINT qty_pos CHECK (qty > 0));";
    let (up, down) = run("mariadb-10.11", before, after);
    assert!(up.contains("ALTER TABLE `t` DROP CONSTRAINT `qty_pos`, ADD CONSTRAINT `qty_pos` CHECK (qty > 0);"), "{up}");
    assert_eq!(up.matches("qty_pos").count(), 2, "{up}");
    assert!(down.contains("ALTER TABLE `t` DROP CONSTRAINT `qty_pos`, ADD CONSTRAINT `qty_pos` CHECK (qty >= 0);"), "{down}");
    let (up, _) = run("mysql-8.0", before, after);
    assert!(
        up.contains("ALTER TABLE `t` DROP CHECK `qty_pos`;") && up.contains("ALTER TABLE `t` ADD CONSTRAINT `qty_pos` CHECK (qty > 0);"),
        "{up}"
    );
    // A column added with it: two statements, the check added after the column.
    let wider = "CREATE TABLE t (id int PRIMARY KEY, qty int, lim int, CONSTRAINT qty_pos CHECK (qty > lim));";
    let (up, _) = run("mariadb-10.11", before, wider);
    let (drop, add, column) = (up.find("DROP CONSTRAINT `qty_pos`;"), up.find("ADD CONSTRAINT `qty_pos`"), up.find("ADD COLUMN `lim`"));
    assert!(add.is_some() && drop.is_some() && column.is_some() && drop < column && column < add, "{up}");
    // A name that needs quoting.
    let (b, a) = (before.replace("qty_pos", "`q``pos`"), after.replace("qty_pos", "`q``pos`"));
    let (up, _) = run("mariadb-10.11", &b, &a);
    assert!(up.contains("DROP CONSTRAINT `q``pos`, ADD CONSTRAINT `q``pos` CHECK (qty > 0)"), "{up}");
}

/// A stored program keeps the `sql_mode` it was created in and runs its body with it: a step
/// creating one is headed by the session's own mode (saved at the script's start), not the
/// strict one the other steps get, and the next step makes the session strict again.
#[test]
fn stored_programs_are_created_in_the_sessions_own_mode() {
    let o = crate::Options { target: Target::parse(MY, "mariadb-10.11").unwrap(), ..crate::Options::new(MY) };
    let before = "CREATE TABLE t (id int AUTO_INCREMENT PRIMARY KEY, qty int);";
    let after = "CREATE TABLE t (id int AUTO_INCREMENT PRIMARY KEY, qty int);\n\
                 CREATE FUNCTION dbl(x int) RETURNS int DETERMINISTIC RETURN x * 2;\n\
                 CREATE TABLE z (id int PRIMARY KEY, n int DEFAULT 0);";
    let up = crate::generate(before, after, &o).up_sql();
    let own = "SET SESSION sql_mode = COALESCE(@schemashift_old_sql_mode, @@SESSION.sql_mode);";
    let strict = "SET SESSION sql_mode = CONCAT_WS(',', NULLIF(@@SESSION.sql_mode, ''), 'STRICT_ALL_TABLES', 'NO_AUTO_VALUE_ON_ZERO');";
    let at = |s: &str| up.find(s).unwrap_or_else(|| panic!("{s}: {up}"));
    let (function, table) = (at("CREATE FUNCTION dbl"), at("CREATE TABLE `z`"));
    assert!(at(own) < function && function < at(strict) && at(strict) < table, "{up}");
    // Each step of a package runs in a session of its own: the function's has no strict head.
    let m = crate::generate(before, after, &o);
    let step = m.up.iter().find(|s| s.sql().contains("CREATE FUNCTION")).expect("the function's step");
    assert!(step.sql().starts_with(own) && !step.sql().contains("STRICT_ALL_TABLES"), "{}", step.sql());
}

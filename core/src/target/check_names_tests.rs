//! The names engines give unnamed CHECK constraints (`Engine::numbered_check_names`): MySQL 8
//! `<table>_chk_<n>` in the order written, MariaDB the column's name or `CONSTRAINT_<n>`. A
//! MySQL 8 BEFORE written by hand diffs against MySQL 8's own `SHOW CREATE TABLE` as equal, and
//! a dropped check is dropped under the name the server gave it. No MySQL 8 runs here: the
//! MariaDB names are proven by the e2e suites, these by the documentation's example
//! (<https://dev.mysql.com/doc/refman/8.0/en/create-table-check-constraints.html>).

use crate::parse::parse_for;
use crate::{generate, Dialect, Flavor, Options, Target};

/// The documentation's example table.
const T1: &str = "CREATE TABLE t1 (\n  CHECK (c1 <> c2),\n  c1 INT CHECK (c1 > 10),\n  c2 INT CONSTRAINT c2_positive CHECK (c2 > 0),\n  c3 INT CHECK (c3 < 100),\n  CONSTRAINT c1_nonzero CHECK (c1 <> 0),\n  CHECK (c1 > c3)\n);\n";

/// What MySQL 8.0's `SHOW CREATE TABLE t1` prints for it (the documentation's output).
const T1_SHOWN: &str = "CREATE TABLE `t1` (\n  `c1` int DEFAULT NULL,\n  `c2` int DEFAULT NULL,\n  `c3` int DEFAULT NULL,\n  CONSTRAINT `c1_nonzero` CHECK ((`c1` <> 0)),\n  CONSTRAINT `c2_positive` CHECK ((`c2` > 0)),\n  CONSTRAINT `t1_chk_1` CHECK ((`c1` <> `c2`)),\n  CONSTRAINT `t1_chk_2` CHECK ((`c1` > 10)),\n  CONSTRAINT `t1_chk_3` CHECK ((`c3` < 100)),\n  CONSTRAINT `t1_chk_4` CHECK ((`c1` > `c3`))\n) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_0900_ai_ci;\n";

fn check_names(target: Target, sql: &str) -> Vec<(String, String)> {
    let parsed = parse_for(target, sql);
    assert!(parsed.diagnostics.iter().all(|d| !d.is_error()), "{:?}", parsed.diagnostics);
    let t = parsed.schema.tables.values().next().cloned().unwrap_or_else(|| panic!("no table in {sql}"));
    let mut out: Vec<(String, String)> = t
        .constraints
        .iter()
        .filter_map(|c| match &c.kind {
            crate::model::ConstraintKind::Check { expr, .. } => Some((c.name.clone().unwrap_or_default(), expr.clone())),
            _ => None,
        })
        .collect();
    out.sort();
    out
}

fn mysql8() -> Target {
    Target::of(Flavor::Mysql)
}

#[test]
fn mysql_8_numbers_unnamed_checks_in_the_order_written() {
    let names: Vec<String> = check_names(mysql8(), T1).into_iter().map(|(n, _)| n).collect();
    assert_eq!(names, ["c1_nonzero", "c2_positive", "t1_chk_1", "t1_chk_2", "t1_chk_3", "t1_chk_4"]);
    // The same checks as MySQL 8 prints them back.
    assert_eq!(check_names(mysql8(), T1), check_names(mysql8(), T1_SHOWN));
    // Its derived flavors answer like it; MariaDB names them its own way.
    for f in [Flavor::Tidb, Flavor::Vitess] {
        assert_eq!(check_names(Target::of(f), T1), check_names(mysql8(), T1), "{f}");
    }
    let mariadb: Vec<String> = check_names(Target::of(Flavor::Mariadb), T1).into_iter().map(|(n, _)| n).collect();
    assert_eq!(mariadb, ["c1", "c1_nonzero", "c2_positive", "c3", "constraint_1", "constraint_2"]);
}

#[test]
fn mysql_8_names_an_added_check_after_the_highest_number() {
    let sql = "CREATE TABLE Orders (a INT CHECK (a > 0), b INT, CHECK (b <> a));\nALTER TABLE Orders DROP CHECK orders_chk_1;\nALTER TABLE Orders ADD CHECK (b > 0);\n";
    let names: Vec<String> = check_names(mysql8(), sql).into_iter().map(|(n, _)| n).collect();
    // The number follows the highest one the table has; the name is the table's as written.
    assert_eq!(names, ["orders_chk_2", "orders_chk_3"]);
    let t = parse_for(mysql8(), sql).schema.tables.into_values().next().unwrap_or_else(|| panic!("no table"));
    assert_eq!(t.key_spellings.get("orders_chk_3").map(String::as_str), Some("Orders_chk_3"));
}

fn mysql8_migration(before: &str, after: &str) -> crate::Migration {
    let mut o = Options::new(Dialect::Mysql);
    o.target = mysql8();
    generate(before, after, &o)
}

#[test]
fn a_hand_written_before_diffs_with_the_names_mysql_8_gives() {
    let same = mysql8_migration(T1, T1_SHOWN);
    assert!(same.up_sql().trim().is_empty() && !same.is_blocked(), "{}", same.up_sql());
    // The last unnamed check removed: dropped as MySQL 8 named it, added back under that name.
    let after = T1.replace(",\n  CHECK (c1 > c3)\n", "\n");
    let m = mysql8_migration(T1, &after);
    assert!(m.up_sql().contains("DROP CHECK `t1_chk_4`") && !m.up_sql().contains("t1_chk_3"), "{}", m.up_sql());
    assert!(m.down_sql().contains("ADD CONSTRAINT `t1_chk_4` CHECK"), "{}", m.down_sql());
    insta::assert_snapshot!("mysql8_drop_unnamed_check", format!("{}-- down:\n{}", m.up_sql(), m.down_sql()));
}

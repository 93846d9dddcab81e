//! MySQL 8 features that MariaDB (the engine the tests run) does not have, checked against the
//! MySQL 8.0 Reference Manual instead: functional key parts (13.1.15 CREATE INDEX, "Functional
//! Key Parts": `((expr))`), invisible indexes (8.3.12 `INVISIBLE` / `ALTER INDEX ... VISIBLE`),
//! invisible columns (15.1.20.10, 8.0.23), CHECK constraints `[NOT] ENFORCED` (15.1.20.6) and
//! expression defaults `DEFAULT (expr)` (13.6 Data Type Default Values). MariaDB's spellings
//! (`IGNORED` indexes, system versioning) run for real in tests/cases/mysql/kitchen_sink*.sql.

use crate::{generate, Dialect, Options, Target};

fn mysql8() -> Options {
    let mut o = Options::new(Dialect::Mysql);
    o.target = Target::parse(Dialect::Mysql, "mysql-8.0").unwrap_or(o.target);
    o
}

fn up_down(before: &str, after: &str) -> (String, String) {
    let m = generate(before, after, &mysql8());
    assert!(!m.is_blocked(), "{:#?}", m.diagnostics);
    (m.up_sql(), m.down_sql())
}

const T: &str = "CREATE TABLE t (id int NOT NULL PRIMARY KEY, email varchar(99), qty int)";

#[test]
fn functional_key_parts_keep_their_own_parentheses() {
    let (up, down) = up_down(&format!("{T};"), &format!("{T};\nCREATE INDEX t_lower ON t ((lower(email)), qty DESC);"));
    assert!(up.contains("CREATE INDEX `t_lower` ON `t` ((lower(email)), `qty` DESC);"), "{up}");
    assert!(down.contains("DROP INDEX `t_lower` ON `t`;"), "{down}");
}

#[test]
fn invisible_index_is_created_so_and_made_visible_by_name() {
    let (up, _) = up_down(&format!("{T};"), &format!("{T};\nCREATE INDEX t_qty ON t (qty) INVISIBLE;"));
    assert!(up.contains("CREATE INDEX `t_qty` ON `t` (`qty`) INVISIBLE;"), "{up}");
    let (up, down) = up_down(&format!("{T};\nCREATE INDEX t_qty ON t (qty) INVISIBLE;"), &format!("{T};\nCREATE INDEX t_qty ON t (qty);"));
    assert!(up.contains("ALTER TABLE `t` ALTER INDEX `t_qty` VISIBLE;"), "{up}");
    assert!(down.contains("ALTER TABLE `t` ALTER INDEX `t_qty` INVISIBLE;"), "{down}");
}

#[test]
fn invisible_column_is_added_invisible_and_made_visible() {
    let after = "CREATE TABLE t (id int NOT NULL PRIMARY KEY, email varchar(99), qty int, secret varchar(9) INVISIBLE)";
    let (up, down) = up_down(&format!("{T};"), &format!("{after};"));
    assert!(up.contains("ADD COLUMN `secret` varchar(9) NULL INVISIBLE"), "{up}");
    assert!(down.contains("DROP COLUMN `secret`"), "{down}");
    let visible = after.replace(" INVISIBLE", "");
    let (up, _) = up_down(&format!("{after};"), &format!("{visible};"));
    assert!(up.contains("MODIFY COLUMN `secret` varchar(9) NULL"), "{up}");
    assert!(!up.contains("INVISIBLE"), "{up}");
}

#[test]
fn not_enforced_check_stays_not_enforced_both_ways() {
    let with = |c: &str| format!("CREATE TABLE t (id int NOT NULL PRIMARY KEY, qty int, CONSTRAINT t_qty CHECK (qty > 0){c});");
    let (up, down) = up_down(&with(""), &with(" NOT ENFORCED"));
    assert!(up.contains("ADD CONSTRAINT `t_qty` CHECK (qty > 0) NOT ENFORCED;"), "{up}");
    assert!(down.contains("ADD CONSTRAINT `t_qty` CHECK (qty > 0);"), "{down}");
    // Column-level, as the manual's `c1 INT CHECK (c1 > 10) NOT ENFORCED`.
    let m = generate("", "CREATE TABLE t1 (c1 INT CHECK (c1 > 10) NOT ENFORCED);", &mysql8());
    assert!(m.up_sql().contains("CHECK (c1 > 10) NOT ENFORCED"), "{}", m.up_sql());
}

#[test]
fn expression_defaults_are_kept() {
    let m = generate(
        "",
        "CREATE TABLE t (id int PRIMARY KEY, created date DEFAULT (CURRENT_DATE + INTERVAL 1 YEAR), j json DEFAULT (JSON_ARRAY()));",
        &mysql8(),
    );
    assert!(!m.is_blocked(), "{:#?}", m.diagnostics);
    let up = m.up_sql();
    assert!(up.contains("`created` date NULL DEFAULT (") && up.contains("INTERVAL 1 year"), "{up}");
    assert!(up.contains("`j` json NULL DEFAULT (json_array())"), "{up}");
}

//! MySQL/MariaDB migration histories read as the engine applies them: where `ADD COLUMN` /
//! `MODIFY` / `CHANGE ... FIRST | AFTER c` put the column, and which index a foreign key added
//! later gets (MariaDB 10.11 and MySQL 8.0 differ). Each MariaDB case was run on MariaDB 10.11
//! and its `SHOW CREATE TABLE` compared.

use crate::model::QName;
use crate::parse::parse_for;
use crate::{Flavor, Target};

fn table(flavor: Flavor, sql: &str, name: &str) -> crate::model::Table {
    let p = parse_for(Target::of(flavor), sql);
    assert!(p.diagnostics.iter().all(|d| !d.is_error()), "{:#?}", p.diagnostics);
    p.schema.tables.get(&QName::new("", name)).cloned().expect("the table")
}

fn indexes(t: &crate::model::Table) -> Vec<String> {
    t.indexes.iter().map(|i| i.name.clone()).collect()
}

#[test]
fn columns_go_where_first_and_after_put_them() {
    let sql = "CREATE TABLE a (id int PRIMARY KEY, name varchar(20), email varchar(50));\n\
               ALTER TABLE a ADD COLUMN age int AFTER id, ADD COLUMN nick varchar(10) FIRST;\n\
               ALTER TABLE a CHANGE COLUMN name full_name varchar(40) NOT NULL;\n\
               ALTER TABLE a MODIFY email varchar(100) AFTER nick;";
    for flavor in [Flavor::Mariadb, Flavor::Mysql] {
        let t = table(flavor, sql, "a");
        let cols: Vec<&str> = t.columns.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(cols, ["nick", "email", "id", "age", "full_name"]);
    }
    let p = parse_for(Target::of(Flavor::Mariadb), "CREATE TABLE a (id int);\nALTER TABLE a ADD COLUMN b int AFTER nope;");
    assert!(p.diagnostics.iter().any(|d| d.is_error() && d.message.contains("nope")), "{:#?}", p.diagnostics);
}

#[test]
fn a_later_foreign_key_gets_its_own_index_on_mariadb_and_reuses_one_on_mysql() {
    let base = "CREATE TABLE a (id int PRIMARY KEY);\n";
    // The made index outlives its key; MariaDB makes the next key one of its own and drops it.
    let dropped = format!(
        "{base}CREATE TABLE b (id int PRIMARY KEY, a_id int, CONSTRAINT fk_ba FOREIGN KEY (a_id) REFERENCES a (id));\n\
         ALTER TABLE b DROP FOREIGN KEY fk_ba;\nALTER TABLE b RENAME TO links;\n\
         ALTER TABLE links ADD CONSTRAINT fk_2 FOREIGN KEY (a_id) REFERENCES a (id);"
    );
    assert_eq!(indexes(&table(Flavor::Mariadb, &dropped, "links")), ["fk_2"]);
    assert_eq!(indexes(&table(Flavor::Mysql, &dropped, "links")), ["fk_ba"]);
    // Two keys on one column: the second key's index serves both on MariaDB.
    let two = format!(
        "{base}CREATE TABLE d (id int PRIMARY KEY, a_id int, CONSTRAINT fk_d1 FOREIGN KEY (a_id) REFERENCES a (id));\n\
         ALTER TABLE d ADD CONSTRAINT fk_d2 FOREIGN KEY (a_id) REFERENCES a (id);"
    );
    assert_eq!(indexes(&table(Flavor::Mariadb, &two, "d")), ["fk_d2"]);
    assert_eq!(indexes(&table(Flavor::Mysql, &two, "d")), ["fk_d1"]);
    // A user's index serves on both.
    let own = format!("{base}CREATE TABLE e (id int PRIMARY KEY, a_id int, KEY mine (a_id));\nALTER TABLE e ADD CONSTRAINT fk_e FOREIGN KEY (a_id) REFERENCES a (id);");
    for flavor in [Flavor::Mariadb, Flavor::Mysql] {
        assert_eq!(indexes(&table(flavor, &own, "e")), ["mine"]);
    }
}

/// `CONVERT TO CHARACTER SET`: every character column takes the table's new default, and a TEXT
/// whose characters would not fit any more widens (MariaDB 10.11's `SHOW CREATE TABLE`).
#[test]
fn convert_to_character_set_widens_texts_and_drops_column_charsets() {
    let sql = "CREATE TABLE t (id int PRIMARY KEY, a varchar(20), b text, c char(3) CHARACTER SET ascii, e tinytext, f mediumtext,\n\
               g varbinary(5), i varchar(10) COLLATE latin1_german1_ci) DEFAULT CHARSET=latin1;\n\
               ALTER TABLE t CONVERT TO CHARACTER SET utf8mb4;\n\
               CREATE TABLE t3 (a varchar(20), b text) DEFAULT CHARSET=utf8mb4;\nALTER TABLE t3 CONVERT TO CHARSET latin1 COLLATE latin1_bin;";
    let t = table(Flavor::Mariadb, sql, "t");
    let types: Vec<(&str, &str)> = t.columns.iter().map(|c| (c.name.as_str(), c.data_type.base.as_str())).collect();
    assert_eq!(
        types,
        [
            ("id", "int"),
            ("a", "varchar"),
            ("b", "mediumtext"),
            ("c", "char"),
            ("e", "text"),
            ("f", "longtext"),
            ("g", "varbinary"),
            ("i", "varchar")
        ]
    );
    assert!(t.columns.iter().all(|c| c.charset.is_none() && c.collation.is_none()), "{:?}", t.columns);
    assert_eq!((t.options.charset.as_deref(), t.options.collation.as_deref()), (Some("utf8mb4"), None));
    // Narrower: nothing shrinks.
    let t3 = table(Flavor::Mariadb, sql, "t3");
    assert_eq!(t3.columns[1].data_type.base, "text");
    assert_eq!((t3.options.charset.as_deref(), t3.options.collation.as_deref()), (Some("latin1"), Some("latin1_bin")));
}

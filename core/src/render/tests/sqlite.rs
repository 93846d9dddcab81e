//! SQLite rendering, including the 12-step rebuild.

use super::*;

const LITE: Dialect = Dialect::Sqlite;

fn lite() -> Target {
    default_target(LITE)
}

fn parent_child(child_nullable: bool) -> Schema {
    let mut id = not_null(col("id", "INTEGER"));
    id.auto_increment = true;
    let mut parent = table(LITE, "parent", vec![id, col("name", "TEXT")]);
    parent.constraints.push(pk(None, &["id"]));
    let mut v = with_default(col("v", "TEXT"), "'none'");
    v.nullable = child_nullable;
    let mut child = table(LITE, "child", vec![not_null(col("id", "INTEGER")), col("parent_id", "INTEGER"), v]);
    child.constraints.push(pk(None, &["id"]));
    child.constraints.push(fk(LITE, "child_parent_fk", "parent_id", "parent"));
    child.indexes.push(Index {
        name: "child_parent".into(),
        unique: false,
        method: None,
        elems: vec![IndexElem::column("parent_id")],
        include: vec![],
        predicate: Some("parent_id IS NOT NULL".into()),
        kind: None,
        nulls_not_distinct: false,
        invisible: false,
        attached: None,
        with: None,
        tablespace: None,
        comment: None,
    });
    schema(LITE, vec![parent, child])
}

#[test]
fn create_tables_with_inline_foreign_keys_and_autoincrement() {
    let (up, down) = scripts(&schema(LITE, vec![]), &parent_child(true), lite());
    insta::assert_snapshot!("sqlite_create_up", up);
    assert!(up.contains("\"id\" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL"), "{up}");
    assert!(
        up.contains("CONSTRAINT \"child_parent_fk\" FOREIGN KEY (\"parent_id\") REFERENCES \"parent\" (\"id\") ON DELETE CASCADE"),
        "{up}"
    );
    assert!(up.contains("CREATE INDEX \"child_parent\" ON \"child\" (\"parent_id\") WHERE parent_id IS NOT NULL;"), "{up}");
    assert!(down.find("DROP TABLE \"child\"").unwrap() < down.find("DROP TABLE \"parent\"").unwrap(), "{down}");
}

#[test]
fn rebuild_runs_outside_the_script_transaction_with_foreign_keys_off() {
    let (up, _) = scripts(&parent_child(true), &parent_child(false), lite());
    insta::assert_snapshot!("sqlite_rebuild_up", up);
    let (steps, _) = steps(&parent_child(true), &parent_child(false), lite());
    assert_eq!(steps.len(), 1);
    assert!(!steps[0].transactional);
    let s = &steps[0].statements;
    assert_eq!(s[0], "PRAGMA foreign_keys=OFF");
    assert_eq!(s[1], "BEGIN");
    assert!(s[2].starts_with("CREATE TABLE \"_new_child\""), "{s:?}");
    assert_eq!(
        s[3],
        "INSERT INTO \"_new_child\" (\"id\", \"parent_id\", \"v\") SELECT \"id\", \"parent_id\", COALESCE(\"v\", 'none') FROM \"child\""
    );
    assert_eq!(s[4], "DROP TABLE \"child\"");
    assert_eq!(s[6], "ALTER TABLE \"_new_child\" RENAME TO \"child\"");
    assert!(s[8].starts_with("CREATE INDEX \"child_parent\""));
    assert_eq!(s[9], "PRAGMA foreign_key_check");
    // A broken reference rolls the rebuild back (the pragma only lists it).
    assert!(s[11].contains("INSERT OR ROLLBACK INTO temp.\"_schemashift_fk_intact\""), "{s:?}");
    assert_eq!(&s[13..], ["COMMIT", "PRAGMA foreign_keys=ON"]);
}

#[test]
fn add_and_drop_columns_with_alter_table_where_allowed() {
    let before = schema(LITE, vec![table(LITE, "t", vec![col("a", "INTEGER"), col("b", "TEXT")])]);
    let after = schema(LITE, vec![table(LITE, "t", vec![col("a", "INTEGER"), with_default(col("c", "TEXT"), "'x'")])]);
    let (up, down) = scripts(&before, &after, lite());
    assert!(
        up.contains("ALTER TABLE \"t\" ADD COLUMN \"c\" TEXT DEFAULT 'x';") && up.contains("ALTER TABLE \"t\" DROP COLUMN \"b\";"),
        "{up}"
    );
    assert!(up.starts_with("-- schemashift up migration (SQLite 3.45)\n\nBEGIN;"), "{up}");
    assert!(down.contains("ADD COLUMN \"b\" TEXT;"), "{down}");
    // Before 3.35 there is no DROP COLUMN: rebuild.
    let old = Target::parse(LITE, "3.30").unwrap();
    let (up, _) = scripts(&before, &after, old);
    assert!(up.contains("CREATE TABLE \"_new_t\"") && !up.contains("DROP COLUMN"), "{up}");
    // A non-constant default cannot be added: rebuild, with the default in parentheses.
    let after = schema(
        LITE,
        vec![table(LITE, "t", vec![col("a", "INTEGER"), col("b", "TEXT"), with_default(col("d", "TEXT"), "datetime('now')")])],
    );
    let (up, _) = scripts(&before, &after, lite());
    assert!(up.contains("\"d\" TEXT DEFAULT (datetime('now'))") && up.contains("SELECT \"a\", \"b\" FROM \"t\""), "{up}");
}

#[test]
fn rename_column_before_3_25_rebuilds_and_keeps_the_data() {
    let before = schema(LITE, vec![table(LITE, "t", vec![col("a", "INTEGER"), col("b", "TEXT")])]);
    let mut after = schema(LITE, vec![table(LITE, "t", vec![col("a", "INTEGER"), col("c", "TEXT")])]);
    after.renames.push(RenameHint { kind: RenameKind::Column, table: qn(LITE, "t"), from: "b".into(), to: "c".into(), at: None });
    let (up, _) = scripts(&before, &after, lite());
    assert!(up.contains("ALTER TABLE \"t\" RENAME COLUMN \"b\" TO \"c\";"), "{up}");
    let (up, _) = scripts(&before, &after, Target::parse(LITE, "3.24").unwrap());
    assert!(up.contains("INSERT INTO \"_new_t\" (\"a\", \"c\") SELECT \"a\", \"b\" FROM \"t\";"), "{up}");
}

#[test]
fn rebuild_keeps_the_autoincrement_high_water_mark() {
    let t = |nullable: bool| {
        let mut id = not_null(col("id", "INTEGER"));
        id.auto_increment = true;
        let mut a = col("a", "TEXT");
        a.nullable = nullable;
        let mut t = table(LITE, "t", vec![id, a]);
        t.constraints.push(pk(None, &["id"]));
        schema(LITE, vec![t])
    };
    let (up, _) = scripts(&t(true), &t(false), lite());
    assert!(up.contains(
        "DELETE FROM sqlite_sequence WHERE name = '_new_t';\nINSERT INTO sqlite_sequence (name, seq) SELECT '_new_t', seq FROM sqlite_sequence WHERE name = 't';\nDROP TABLE \"t\";"
    ), "{up}");
}

#[test]
fn a_rebuild_and_the_triggers_and_views_it_makes_again_are_one_transaction() {
    // A rebuild that stops on the rows (the new CHECK) rolls back the whole script: the
    // trigger and view dropped before it are there again, not dropped by a committed block.
    let before = "CREATE TABLE acct (id INTEGER PRIMARY KEY, bal INTEGER);\n\
                  CREATE TABLE audit (id INTEGER PRIMARY KEY, n INTEGER);\n\
                  CREATE TRIGGER upd AFTER UPDATE ON acct BEGIN INSERT INTO audit (n) VALUES (NEW.id); END;\n\
                  CREATE VIEW rich AS SELECT id FROM acct WHERE bal > 1000;";
    let after = before.replace("bal INTEGER)", "bal INTEGER CHECK (bal > 100))");
    let up = crate::generate(before, &after, &crate::Options::new(LITE)).up_sql();
    let body: Vec<&str> = up.lines().filter(|l| !l.starts_with("--") && !l.is_empty()).collect();
    assert_eq!(body[..3], ["PRAGMA foreign_keys=OFF;", "BEGIN;", "DROP TRIGGER \"upd\";"], "{up}");
    assert_eq!(body[body.len() - 2..], ["COMMIT;", "PRAGMA foreign_keys=ON;"], "{up}");
    assert_eq!(up.matches("BEGIN;").count(), 1, "{up}");
    assert!(up.contains("CREATE TRIGGER upd") && !up.contains("outside a transaction"), "{up}");
    // A row written by a data step keeps its foreign key checks: the blocks stay as they were.
    let moved = format!("{after}\n/* schemashift:data-step\n   up: UPDATE acct SET bal = 101; */");
    let up = crate::generate(before, &moved, &crate::Options::new(LITE)).up_sql();
    assert!(up.matches("BEGIN;").count() > 1, "{up}");
}

#[test]
fn columns_keep_the_case_they_are_declared_in() {
    let before = "CREATE TABLE Users (Id INTEGER PRIMARY KEY, UserName TEXT);";
    let after = "CREATE TABLE Users (Id INTEGER PRIMARY KEY, UserName TEXT NOT NULL DEFAULT '', LastSeen TEXT);\n\
                 CREATE TABLE Notes (NoteId INTEGER PRIMARY KEY);\n";
    let m = crate::generate(before, after, &crate::Options::new(LITE));
    let up = m.up_sql();
    assert!(up.contains("\"Id\" integer,\n  \"UserName\" text NOT NULL DEFAULT '',\n  \"LastSeen\" text,"), "{up}");
    assert!(up.contains("\"NoteId\" integer"), "{up}");
    assert!(m.down_sql().contains("\"UserName\" text,"), "{}", m.down_sql());
    let added = crate::generate(before, &before.replace(")", ", LastSeen TEXT)"), &crate::Options::new(LITE)).up_sql();
    assert!(added.contains("ADD COLUMN \"LastSeen\" text"), "{added}");
    // A column's spelling changed alone is renamed in place, no rebuild; the table's cannot be
    // (SQLite refuses a RENAME TO a name differing only in case) and is left.
    let respelled = crate::generate(before, &before.to_lowercase(), &crate::Options::new(LITE)).up_sql();
    let body: Vec<&str> = respelled.lines().filter(|l| !l.starts_with("--") && !l.is_empty()).collect();
    assert_eq!(
        body,
        [
            "BEGIN;",
            "ALTER TABLE \"users\" RENAME COLUMN \"id\" TO \"id\";",
            "ALTER TABLE \"users\" RENAME COLUMN \"username\" TO \"username\";",
            "COMMIT;"
        ],
        "{respelled}"
    );
}

#[test]
fn tables_keep_the_case_they_are_declared_in() {
    let before = "CREATE TABLE Users (Id INTEGER PRIMARY KEY, Name TEXT);";
    let after = "CREATE TABLE Users (Id INTEGER PRIMARY KEY, Name TEXT NOT NULL DEFAULT '');\n\
                 CREATE TABLE \"Audit Log\" (Id INTEGER PRIMARY KEY);";
    let m = crate::generate(before, after, &crate::Options::new(LITE));
    let up = m.up_sql();
    assert!(up.contains("CREATE TABLE \"Audit Log\" (") && up.contains("CREATE TABLE \"_new_users\" ("), "{up}");
    assert!(up.contains("ALTER TABLE \"_new_users\" RENAME TO \"Users\";"), "{up}");
    assert!(m.down_sql().contains("RENAME TO \"Users\";"), "{}", m.down_sql());
    // A history's rename keeps the new name's case.
    let renamed = format!("{before}\nALTER TABLE Users RENAME TO Members;");
    let up = crate::generate(before, &renamed, &crate::Options::new(LITE)).up_sql();
    assert!(up.contains("ALTER TABLE \"users\" RENAME TO \"Members\";"), "{up}");
}

#[test]
fn indexes_and_views_keep_the_case_they_are_declared_in() {
    // SQLite keeps an index's and a view's name as written (`PRAGMA index_list`, sqlite_master).
    let before = "CREATE TABLE Users (Id INTEGER PRIMARY KEY, Email TEXT);\n\
                  CREATE INDEX IX_Users_Email ON Users (Email);\n\
                  CREATE VIEW V_Users AS SELECT Id, Email FROM Users;";
    let after = format!(
        "{}\nCREATE INDEX \"IX Users Id\" ON Users (Id);",
        before.replace("Email)", "Email, Id)").replace("Email FROM", "Id AS Ident FROM")
    );
    let m = crate::generate(before, &after, &crate::Options::new(LITE));
    let up = m.up_sql();
    assert!(up.contains("DROP INDEX \"ix_users_email\";") && up.contains("CREATE INDEX \"IX_Users_Email\" ON"), "{up}");
    assert!(up.contains("CREATE INDEX \"IX Users Id\" ON"), "{up}");
    assert!(up.contains("CREATE VIEW \"V_Users\" AS"), "{up}");
    assert!(m.down_sql().contains("CREATE INDEX \"IX_Users_Email\" ON"), "{}", m.down_sql());
    // Respelled alone: made again under the new spelling (SQLite has no RENAME INDEX or ALTER VIEW).
    let respelled = before.replace("IX_Users_Email", "ix_users_EMAIL").replace("V_Users", "v_users");
    let up = crate::generate(before, &respelled, &crate::Options::new(LITE)).up_sql();
    assert!(up.contains("CREATE INDEX \"ix_users_EMAIL\" ON"), "{up}");
    assert!(up.contains("CREATE VIEW \"v_users\" AS"), "{up}");
    // The same spelling on both sides: nothing to do.
    assert!(crate::generate(before, before, &crate::Options::new(LITE)).up.is_empty());
}

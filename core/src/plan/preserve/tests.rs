//! `--preserve-data` on whole migrations: what up adds before the destructive steps and what
//! down adds after re-creating. (The engine tests in `tests/tests/preserve.rs` run them.)

use crate::{generate, Dialect, Migration, Options};

fn run(d: Dialect, before: &str, after: &str) -> Migration {
    let mut o = Options::new(d);
    o.preserve_data = true;
    generate(before, after, &o)
}

#[test]
fn dropped_column_is_backed_up_by_primary_key_and_restored() {
    let m = run(
        Dialect::Postgres,
        "CREATE TABLE users (id integer PRIMARY KEY, email text NOT NULL, name text);",
        "CREATE TABLE users (id integer PRIMARY KEY, name text);",
    );
    let up = m.up_sql();
    let backup = "CREATE TABLE \"public\".\"schemashift_backup_users_email\" AS SELECT \"id\", \"email\" FROM \"public\".\"users\";";
    assert!(up.contains(backup), "{up}");
    assert!(up.find(backup) < up.find("DROP COLUMN"), "{up}");
    let down = m.down_sql();
    // NOT NULL without default: added nullable, filled, then NOT NULL.
    let add = down.find("ADD COLUMN \"email\" text;").expect(&down);
    let fill = down.find("UPDATE \"public\".\"users\" AS \"schemashift_tgt\" SET \"email\" = \"schemashift_bak\".\"email\" FROM \"public\".\"schemashift_backup_users_email\" AS \"schemashift_bak\" WHERE \"schemashift_tgt\".\"id\" = \"schemashift_bak\".\"id\"").expect(&down);
    let not_null = down.find("SET NOT NULL").expect(&down);
    let dropped = down.find("DROP TABLE \"public\".\"schemashift_backup_users_email\"").expect(&down);
    assert!(add < fill && fill < not_null && not_null < dropped, "{down}");
    assert_eq!(m.preserved.len(), 1);
    assert!(m.preserved[0].restored);
    let notes: Vec<&str> =
        m.up.iter().flat_map(|s| &s.risks).filter(|r| r.rule == "any-preserve-data-backup").map(|r| r.message.as_str()).collect();
    assert_eq!(notes.len(), 1, "{notes:?}");
    assert!(notes[0].contains("public.users.email is copied into public.schemashift_backup_users_email"), "{notes:?}");
    assert!(!m.diagnostics.iter().any(|d| d.diagnostic.message.contains("preserve")));
}

#[test]
fn without_the_option_nothing_changes() {
    let o = Options::new(Dialect::Postgres);
    let m = generate("CREATE TABLE t (id int PRIMARY KEY, a text);", "CREATE TABLE t (id int PRIMARY KEY);", &o);
    assert!(!m.up_sql().contains("schemashift_backup"));
    assert!(m.preserved.is_empty());
}

#[test]
fn dropped_table_comes_back_with_its_rows_and_sequence() {
    let m = run(
        Dialect::Postgres,
        "CREATE TABLE keep (id int PRIMARY KEY); CREATE TABLE gone (id serial PRIMARY KEY, mood text);",
        "CREATE TABLE keep (id int PRIMARY KEY);",
    );
    let up = m.up_sql();
    assert!(
        up.contains("CREATE TABLE \"public\".\"schemashift_backup_gone\" AS SELECT \"id\", \"mood\" FROM \"public\".\"gone\";"),
        "{up}"
    );
    let down = m.down_sql();
    assert!(down.contains("INSERT INTO \"public\".\"gone\" (\"id\", \"mood\") SELECT \"schemashift_bak\".\"id\", \"schemashift_bak\".\"mood\" FROM \"public\".\"schemashift_backup_gone\" AS \"schemashift_bak\";"), "{down}");
    assert!(
        down.contains("SELECT setval('gone_id_seq'::regclass, MAX(\"id\")) FROM \"public\".\"gone\" HAVING MAX(\"id\") IS NOT NULL;"),
        "{down}"
    );
}

#[test]
fn narrowing_change_without_primary_key_is_keyed_by_the_row() {
    let m = run(Dialect::Mysql, "CREATE TABLE t (a int, code varchar(100));", "CREATE TABLE t (a int, code varchar(10));");
    let up = m.up_sql();
    assert!(up.contains("CREATE TABLE `schemashift_backup_t_code` AS SELECT `a`, `code` FROM `t`;"), "{up}");
    let down = m.down_sql();
    assert!(down.contains("UPDATE `t` AS `schemashift_tgt` JOIN `schemashift_backup_t_code` AS `schemashift_bak` ON `schemashift_tgt`.`a` <=> `schemashift_bak`.`a` SET `schemashift_tgt`.`code` = `schemashift_bak`.`code`;"), "{down}");
    let p = &m.preserved[0];
    assert!(!p.key.as_ref().unwrap().primary);
    // Widening is not backed up by up; down, which narrows, backs up what it cuts.
    let w = run(Dialect::Mysql, "CREATE TABLE t (a int, code varchar(10));", "CREATE TABLE t (a int, code varchar(100));");
    assert!(w.preserved.iter().all(|p| p.direction == crate::plan::Direction::Down && !p.restored));
    assert!(w.down_sql().contains("CREATE TABLE `schemashift_down_backup_t_code` AS SELECT `a`, `code` FROM `t`;"), "{}", w.down_sql());
}

#[test]
fn sqlite_rebuild_copies_the_column_back_inside_the_rebuild() {
    let m = run(
        Dialect::Sqlite,
        "CREATE TABLE t (id integer PRIMARY KEY, code text NOT NULL, n integer);",
        "CREATE TABLE t (id integer PRIMARY KEY, n integer);",
    );
    let up = m.up_sql();
    assert!(up.contains("CREATE TABLE \"schemashift_backup_t_code\" AS SELECT \"id\", \"code\" FROM \"t\";"), "{up}");
    let down = m.down_sql();
    assert!(
        down.contains("(SELECT \"schemashift_bak\".\"code\" FROM \"schemashift_backup_t_code\" AS \"schemashift_bak\" WHERE \"t\".\"id\" IS \"schemashift_bak\".\"id\" LIMIT 1) FROM \"t\""),
        "{down}"
    );
    assert!(down.contains("DROP TABLE \"schemashift_backup_t_code\";"), "{down}");
}

#[test]
fn postgres_enum_columns_travel_as_text() {
    let m = run(
        Dialect::Postgres,
        "CREATE TYPE mood AS ENUM ('a', 'b'); CREATE TABLE t (id int PRIMARY KEY, m mood);",
        "CREATE TABLE t (id int PRIMARY KEY);",
    );
    let up = m.up_sql();
    assert!(up.contains("\"m\"::text AS \"m\""), "{up}");
    let down = m.down_sql();
    assert!(
        down.contains("\"schemashift_bak\".\"m\"::\"public\".\"mood\"") || down.contains("\"schemashift_bak\".\"m\"::\"mood\""),
        "{down}"
    );
}

#[test]
fn same_input_same_output() {
    let a = run(Dialect::Postgres, "CREATE TABLE t (id int PRIMARY KEY, a text, b text);", "CREATE TABLE t (id int PRIMARY KEY);");
    let b = run(Dialect::Postgres, "CREATE TABLE t (id int PRIMARY KEY, a text, b text);", "CREATE TABLE t (id int PRIMARY KEY);");
    assert_eq!(a.up_sql(), b.up_sql());
    assert_eq!(a.down_sql(), b.down_sql());
    assert_eq!(a.preserved.len(), 2);
}

/// The whole up and down of one case per dialect, as snapshots (next to the behaviour tests
/// above): a dropped NOT NULL column, a narrowed column, a dropped table.
#[test]
fn snapshots_per_dialect() {
    let before = "CREATE TABLE users (id integer PRIMARY KEY, email varchar(100) NOT NULL, code varchar(20));\n\
                  CREATE TABLE gone (id integer PRIMARY KEY, note varchar(50));";
    let after = "CREATE TABLE users (id integer PRIMARY KEY, code integer);";
    for (d, name) in [(Dialect::Postgres, "postgres"), (Dialect::Mysql, "mysql"), (Dialect::Sqlite, "sqlite")] {
        let m = run(d, before, after);
        insta::assert_snapshot!(format!("preserve_{name}"), format!("{}\n{}", m.up_sql(), m.down_sql()));
    }
}

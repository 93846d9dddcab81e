//! Renames written as statements in AFTER's history (`parse/history_renames.rs`): the plan
//! renames as a `--rename` option would, chains are one rename, a dropped rename is a drop, a
//! new object under the old name blocks, and renames both sides' histories share are behind
//! both schemas.

use crate::{generate, Dialect, Options};

fn up(d: Dialect, before: &str, after: &str) -> String {
    let m = generate(before, after, &Options::new(d));
    assert!(!m.is_blocked(), "{d:?}: blocked: {:?}", m.diagnostics);
    m.up_sql()
}

fn up_by_option(d: Dialect, before: &str, after: &str, options: &[&str]) -> String {
    let mut o = Options::new(d);
    o.renames = options.iter().map(|s| s.to_string()).collect();
    generate(before, after, &o).up_sql()
}

const BEFORE: &str = "CREATE TABLE people (id int, nm varchar(80), note text, CONSTRAINT pk PRIMARY KEY (id));";

#[test]
fn a_history_rename_is_the_option_rename() {
    for d in [Dialect::Postgres, Dialect::Mysql, Dialect::Sqlite] {
        let history = format!(
            "{BEFORE}\nALTER TABLE people RENAME COLUMN nm TO label;\nALTER TABLE people RENAME COLUMN label TO name;\nALTER TABLE people RENAME TO persons;"
        );
        let plain = "CREATE TABLE persons (id int, name varchar(80), note text, CONSTRAINT pk PRIMARY KEY (id));";
        let by_history = up(d, BEFORE, &history);
        assert_eq!(by_history, up_by_option(d, BEFORE, plain, &["people=persons", "persons.nm=name"]), "{d:?}");
        assert!(!by_history.contains("DROP"), "{d:?}: {by_history}");
    }
}

#[test]
fn a_rename_then_drop_is_a_drop_and_a_rename_back_is_nothing() {
    let d = Dialect::Postgres;
    let dropped =
        up(d, BEFORE, &format!("{BEFORE}\nALTER TABLE people RENAME COLUMN note TO remark;\nALTER TABLE people DROP COLUMN remark;"));
    assert!(dropped.contains("DROP COLUMN \"note\"") && !dropped.contains("RENAME"), "{dropped}");
    // Dropped, then made again under the same name: a new column, not the renamed one.
    let again = up(
        d,
        BEFORE,
        &format!("{BEFORE}\nALTER TABLE people RENAME COLUMN note TO remark;\nALTER TABLE people DROP COLUMN remark;\nALTER TABLE people ADD COLUMN remark text;"),
    );
    assert!(!again.contains("RENAME"), "{again}");
    let back = up(d, BEFORE, &format!("{BEFORE}\nALTER TABLE people RENAME nm TO x;\nALTER TABLE people RENAME x TO nm;"));
    assert!(!back.contains("ALTER"), "{back}");
}

#[test]
fn a_new_object_under_the_old_name_blocks_at_the_statement() {
    for d in [Dialect::Postgres, Dialect::Mysql, Dialect::Sqlite] {
        for (after, line) in [
            (format!("{BEFORE}\nALTER TABLE people RENAME TO people_old;\nCREATE TABLE people (id int);"), 2),
            (format!("{BEFORE}\n\nALTER TABLE people RENAME COLUMN note TO remark;\nALTER TABLE people ADD COLUMN note text;"), 3),
        ] {
            let m = generate(BEFORE, &after, &Options::new(d));
            assert!(m.is_blocked(), "{d:?}: {}", m.up_sql());
            let e = m.diagnostics.iter().find(|s| s.diagnostic.message.contains("then makes a new")).expect("the reason");
            assert_eq!(e.diagnostic.line, line, "{d:?}");
        }
    }
}

#[test]
fn renames_of_an_empty_before_or_of_both_histories_say_nothing() {
    let d = Dialect::Postgres;
    let history = format!("{BEFORE}\nALTER TABLE people RENAME COLUMN nm TO name;\nALTER TABLE people ADD COLUMN nm text;");
    let m = generate("", &history, &Options::new(d));
    assert!(!m.is_blocked() && m.diagnostics.is_empty(), "{:?}", m.diagnostics);
    // Both sides start with the same history (the old `nm` renamed and a new one made).
    let later = format!("{history}\nALTER TABLE people ADD COLUMN x int;");
    let m = generate(&history, &later, &Options::new(d));
    assert!(!m.is_blocked() && m.diagnostics.is_empty(), "{:?}", m.diagnostics);
    assert_eq!(m.up_sql().matches("ALTER TABLE").count(), 1, "{}", m.up_sql());
}

#[test]
fn a_partitioned_tables_column_rename_is_not_repeated_on_its_partitions() {
    let before = "CREATE TABLE ev (id bigint, kind text, at date) PARTITION BY RANGE (at);\n\
                  CREATE TABLE ev_1 PARTITION OF ev FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');\n\
                  CREATE TABLE base (id int, kind text);\nCREATE TABLE sub (extra int) INHERITS (base);";
    let sql = up(
        Dialect::Postgres,
        before,
        &format!("{before}\nALTER TABLE ev RENAME COLUMN kind TO category;\nALTER TABLE base RENAME kind TO category;"),
    );
    assert_eq!(sql.matches("RENAME COLUMN").count(), 2, "{sql}");
    assert!(!sql.contains("ADD COLUMN") && !sql.contains("DROP COLUMN"), "{sql}");
}

#[test]
fn a_table_rebuild_copying_a_column_under_a_new_name_renames_it() {
    let before = "CREATE TABLE a (id integer PRIMARY KEY, name varchar(20), note text);";
    for (d, rebuild) in [
        // Django's SQLite schema editor.
        (
            Dialect::Sqlite,
            "CREATE TABLE \"new__a\" (\"id\" integer PRIMARY KEY, \"title\" varchar(20), \"note\" text, \"extra\" int);\n\
             INSERT INTO \"new__a\" (\"id\", \"title\", \"note\") SELECT \"id\", \"name\", \"note\" FROM \"a\";\n\
             DROP TABLE \"a\";\nALTER TABLE \"new__a\" RENAME TO \"a\";",
        ),
        // Alembic's batch mode: qualified names.
        (
            Dialect::Sqlite,
            "CREATE TABLE _alembic_tmp_a (id integer PRIMARY KEY, title varchar(20), note text, extra int);\n\
             INSERT INTO _alembic_tmp_a (id, title, note) SELECT a.id, a.name, a.note FROM a;\nDROP TABLE a;\n\
             ALTER TABLE _alembic_tmp_a RENAME TO a;",
        ),
        // Without a column list: the new table's columns in order.
        (
            Dialect::Postgres,
            "CREATE TABLE a2 (id integer PRIMARY KEY, title varchar(20), note text, extra int);\n\
             INSERT INTO a2 SELECT t.id, t.name, t.note FROM a AS t;\nDROP TABLE a;\nALTER TABLE a2 RENAME TO a;",
        ),
    ] {
        let sql = up(d, before, &format!("{before}\n{rebuild}"));
        assert!(sql.contains("RENAME COLUMN \"name\" TO \"title\"") && !sql.contains("DROP COLUMN"), "{d:?}: {sql}");
    }
    // A filtered copy is not a rename: the rows it leaves out are not the column's.
    let filtered = format!(
        "{before}\nCREATE TABLE a2 (id integer PRIMARY KEY, title varchar(20), note text);\n\
         INSERT INTO a2 (id, title, note) SELECT id, name, note FROM a WHERE id > 5;\nDROP TABLE a;\nALTER TABLE a2 RENAME TO a;"
    );
    assert!(!up(Dialect::Sqlite, before, &filtered).contains("RENAME COLUMN"));
}

#[test]
fn an_enum_label_renamed_by_the_history_is_renamed_both_ways() {
    let before = "CREATE TYPE st AS ENUM ('new', 'done');\nCREATE TABLE t (id int, s st DEFAULT 'new');";
    let after = format!(
        "{before}\nALTER TYPE st RENAME VALUE 'new' TO 'x';\nALTER TYPE st RENAME VALUE 'x' TO 'open';\nALTER TYPE st ADD VALUE 'later';"
    );
    let m = generate(before, &after, &Options::new(Dialect::Postgres));
    let (up, down) = (m.up_sql(), m.down_sql());
    assert!(up.contains("RENAME VALUE 'new' TO 'open'") && up.contains("ADD VALUE 'later'") && !up.contains("DEFAULT"), "{up}");
    assert!(down.contains("RENAME VALUE 'open' TO 'new'"), "{down}");
    assert!(m.up.iter().flat_map(|s| &s.risks).any(|r| r.rule == "pg-enum-rename-value"));
    // The old label made again: not a rename (the type is rebuilt, as without the history).
    let again = format!("{before}\nALTER TYPE st RENAME VALUE 'new' TO 'open';\nALTER TYPE st ADD VALUE 'new';");
    assert!(!up_of(Dialect::Postgres, before, &again).contains("RENAME VALUE"));
}

fn up_of(d: Dialect, before: &str, after: &str) -> String {
    generate(before, after, &Options::new(d)).up_sql()
}

//! Snapshots of the model for rich real-world schemas (insta; review changes with
//! `cargo insta review`), next to behaviour checks: each parses without error diagnostics and
//! the dump compares equal to the hand-written DDL it was made from.
//!
//! Inputs: `pg_partitions.dump.sql`, a real `pg_dump --schema-only` (PostgreSQL 15) of
//! `pg_partitions.sql` (range partitions attached by ALTER, enum, domain, sequence OWNED BY,
//! plpgsql function, trigger, policy, row level security, comment); and the real dumps of
//! `core/tests/fixtures/` (pg_dump with schemas, composite types, views, materialized views and
//! identity columns; mariadb-dump --no-data; sqlite3 .schema).

use crate::parse::parse;
use crate::Dialect;

/// Parse `text`, require no error diagnostics, and return the model in its Debug form.
fn model_text(d: Dialect, text: &str) -> String {
    let p = parse(d, text);
    let errors: Vec<String> = p.diagnostics.iter().filter(|x| x.is_error()).map(|x| x.to_string()).collect();
    assert!(errors.is_empty(), "{errors:#?}");
    format!("{:#?}", p.schema)
}

/// The dump and the DDL it came from mean the same schema.
fn assert_same(d: Dialect, hand: &str, dump: &str) {
    let (a, b) = (parse(d, hand).schema, parse(d, dump).schema);
    assert!(a.same_as(&b), "dump and DDL differ:\n{a:#?}\n---\n{b:#?}");
}

#[test]
fn pg_dump_with_partitions_enum_domain_function_trigger_policy() {
    let hand = include_str!("pg_partitions.sql");
    let dump = include_str!("pg_partitions.dump.sql");
    assert_same(Dialect::Postgres, hand, dump);
    let p = parse(Dialect::Postgres, dump);
    let parts: Vec<&str> = p.schema.tables.values().filter(|t| t.options.partition_of.is_some()).map(|t| t.name.name.as_str()).collect();
    assert_eq!(parts, ["events_2024", "events_2025"]);
    insta::assert_snapshot!("pg_partitions_dump", model_text(Dialect::Postgres, dump));
}

#[test]
fn pg_dump_with_schemas_types_views_and_identity() {
    let dump = include_str!("../../../tests/fixtures/pg_rich.dump.sql");
    insta::assert_snapshot!("pg_rich_dump", model_text(Dialect::Postgres, dump));
}

#[test]
fn mysqldump() {
    let dump = include_str!("../../../tests/fixtures/mysql_rich.dump.sql");
    insta::assert_snapshot!("mysql_rich_dump", model_text(Dialect::Mysql, dump));
}

#[test]
fn sqlite_schema() {
    let hand = include_str!("../../../tests/fixtures/sqlite_rich.sql");
    let dump = include_str!("../../../tests/fixtures/sqlite_rich.dump.sql");
    assert_same(Dialect::Sqlite, hand, dump);
    insta::assert_snapshot!("sqlite_rich_schema", model_text(Dialect::Sqlite, dump));
}

/// `CREATE INDEX` on a partitioned table creates the partitions' indexes at once (PostgreSQL's
/// names, `p1_a_b_idx`), so a later statement can attach one as a key; `ON ONLY` does not.
#[test]
fn partition_indexes_exist_as_soon_as_the_parent_index_does() {
    let text = "CREATE TABLE foobar (id int NOT NULL, foo text NOT NULL) PARTITION BY LIST (foo);\n\
                CREATE TABLE foobar_1 PARTITION OF foobar FOR VALUES IN ('a');\n\
                CREATE UNIQUE INDEX foobar_pkey ON foobar (foo, id);\n\
                ALTER TABLE foobar_1 ADD CONSTRAINT foobar_1_pkey PRIMARY KEY USING INDEX foobar_1_foo_id_idx;\n\
                CREATE INDEX only_parent ON ONLY foobar (id);\n";
    let p = parse(Dialect::Postgres, text);
    assert!(p.diagnostics.iter().all(|d| !d.is_error()), "{:?}", p.diagnostics);
    let child = p.schema.tables.values().find(|t| t.name.name == "foobar_1").expect("partition");
    assert_eq!(child.primary_key().and_then(|k| k.name.as_deref()), Some("foobar_1_pkey"));
    assert!(child.indexes.iter().all(|i| i.name != "foobar_1_foo_id_idx"), "the index became the key");
}

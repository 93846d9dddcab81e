use super::*;
use crate::{generate, Dialect, Options};

fn options(d: Dialect, sizes: &str) -> Options {
    let mut o = Options::new(d);
    o.set_table_sizes(sizes);
    o
}

fn classes(m: &crate::Migration) -> Vec<(&'static str, Option<u64>)> {
    m.up.iter().filter_map(|s| s.estimate.as_ref()).map(|e| (e.class.name(), e.ms)).collect()
}

const PG_BEFORE: &str = "CREATE TABLE users (id bigint PRIMARY KEY, a int, b text, c int);\nCREATE TABLE orgs (id bigint PRIMARY KEY);";
const PG_AFTER: &str =
    "CREATE TABLE users (id bigint PRIMARY KEY, a bigint, b text, c int NOT NULL REFERENCES orgs (id), CHECK (a > 0));\n\
                        CREATE TABLE orgs (id bigint PRIMARY KEY);\nCREATE INDEX users_b ON users (b);";

#[test]
fn postgres_plain_classes_and_durations() {
    let m = generate(PG_BEFORE, PG_AFTER, &options(Dialect::Postgres, "users 1000000\norgs 1000"));
    let got = classes(&m);
    let names: Vec<&str> = got.iter().map(|(c, _)| *c).collect();
    for want in ["table_rewrite", "not_null_scan", "fk_validation", "validation_scan", "index_build"] {
        assert!(names.contains(&want), "{want} missing in {got:?}\n{}", m.up_sql());
    }
    assert!(got.iter().all(|(_, ms)| ms.is_some()), "{got:?}");
    let rewrite = m.up.iter().filter_map(|s| s.estimate.as_ref()).find(|e| e.class == OpClass::TableRewrite);
    let rewrite = rewrite.map(|e| (e.lock, e.blocks, e.text.clone()));
    let Some((lock, blocks, text)) = rewrite else { panic!("no rewrite") };
    assert_eq!((lock, blocks), ("ACCESS EXCLUSIVE", Blocks::ReadsAndWrites));
    assert!(text.starts_with('~') && text.contains("blocks reads and writes for ~"), "{text}");
}

#[test]
fn zero_downtime_classes() {
    let mut o = options(Dialect::Postgres, "users 1000000 130000000 22000000\norgs 1000");
    o.zero_downtime = true;
    let m = generate(PG_BEFORE, PG_AFTER, &o);
    let names: Vec<&str> = classes(&m).iter().map(|(c, _)| *c).collect();
    for want in ["concurrent_index_build", "validation_scan", "fk_validation"] {
        assert!(names.contains(&want), "{want} missing in {names:?}\n{}", m.up_sql());
    }
    // SET NOT NULL after a validated CHECK (c IS NOT NULL) does not scan.
    assert!(!names.contains(&"not_null_scan"), "{names:?}");
    let validate = m.up.iter().filter_map(|s| s.estimate.as_ref()).find(|e| e.class == OpClass::FkValidation);
    assert_eq!(validate.map(|e| e.blocks), Some(Blocks::Nothing));
}

#[test]
fn unknown_sizes_say_so_and_metadata_is_known() {
    let m = generate(PG_BEFORE, PG_AFTER, &Options::new(Dialect::Postgres));
    let e: Vec<&Estimate> = m.up.iter().filter_map(|s| s.estimate.as_ref()).collect();
    let rewrite = e.iter().find(|e| e.class == OpClass::TableRewrite).map(|e| (e.ms, e.text.clone()));
    assert_eq!(rewrite.as_ref().map(|r| r.0), Some(None));
    assert!(rewrite.is_some_and(|r| r.1.contains("--table-sizes")));
    let m = generate("", "CREATE TABLE t (id int);", &Options::new(Dialect::Postgres));
    assert_eq!(m.up[0].estimate.as_ref().map(|e| e.class), Some(OpClass::MetadataOnly));
    assert!(m.up[0].estimate.as_ref().is_some_and(|e| e.ms.is_some()));
}

#[test]
fn speed_factor_and_bytes_scale_the_estimate() {
    let before = "CREATE TABLE t (id bigint PRIMARY KEY, a int);";
    let after = "CREATE TABLE t (id bigint PRIMARY KEY, a int);\nCREATE INDEX t_a ON t (a);";
    let ms = |o: &Options| generate(before, after, o).up[0].estimate.as_ref().and_then(|e| e.ms).unwrap_or(0);
    let plain = options(Dialect::Postgres, "t 1000000");
    let mut slow = plain.clone();
    slow.speed_permille = 3000;
    assert!(ms(&slow) >= 3 * ms(&plain) - 3 && ms(&slow) <= 3 * ms(&plain) + 3, "{} {}", ms(&slow), ms(&plain));
    let wide = options(Dialect::Postgres, "t 1000000 1300000000");
    assert!(ms(&wide) > 2 * ms(&plain), "{} {}", ms(&wide), ms(&plain));
}

#[test]
fn mysql_and_sqlite_classes() {
    let before = "CREATE TABLE t (id BIGINT PRIMARY KEY, a INT, b VARCHAR(40));";
    let after = "CREATE TABLE t (id BIGINT PRIMARY KEY, a VARCHAR(20), c INT);\nCREATE INDEX t_b ON t (a);";
    let m = generate(before, after, &options(Dialect::Mysql, "t 1000000"));
    let names: Vec<&str> = classes(&m).iter().map(|(c, _)| *c).collect();
    assert!(names.contains(&"copy_rebuild") && names.contains(&"index_build"), "{names:?}\n{}", m.up_sql());
    let mut o = options(Dialect::Mysql, "t 1000000");
    o.zero_downtime = true;
    let m = generate(before, after, &o);
    let names: Vec<&str> = classes(&m).iter().map(|(c, _)| *c).collect();
    assert!(names.contains(&"instant") && names.contains(&"copy_rebuild"), "{names:?}\n{}", m.up_sql());
    let m = generate(before, after, &options(Dialect::Sqlite, "t 1000000"));
    let names: Vec<&str> = classes(&m).iter().map(|(c, _)| *c).collect();
    assert!(names.contains(&"sqlite_rebuild"), "{names:?}\n{}", m.up_sql());
}

#[test]
fn preserve_data_backup_is_a_copy() {
    let mut o = options(Dialect::Postgres, "t 1000000");
    o.preserve_data = true;
    let m = generate("CREATE TABLE t (id bigint PRIMARY KEY, a int);", "CREATE TABLE t (id bigint PRIMARY KEY);", &o);
    let e = m.up.iter().filter_map(|s| s.estimate.as_ref()).find(|e| e.class == OpClass::CopyIntoNewTable);
    assert!(
        e.is_some_and(|e| e.ms.is_some_and(|ms| ms > 100)),
        "{:?}\n{}",
        m.up.iter().map(|s| &s.estimate).collect::<Vec<_>>(),
        m.up_sql()
    );
}

#[test]
fn durations_read_like_people_say_them() {
    assert_eq!(duration(40), "40 ms");
    assert_eq!(duration(8_300), "8.3 s");
    assert_eq!(duration(12_300), "12 s");
    assert_eq!(duration(45_000), "45 s");
    assert_eq!(duration(240_000), "4 min");
    assert_eq!(duration(150_000), "2.5 min");
    assert_eq!(duration(9_000_000), "2.5 h");
}

#[test]
fn timeline_snapshot() {
    let mut o = options(Dialect::Postgres, "users 1000000\norgs 1000");
    o.zero_downtime = true;
    let m = generate(PG_BEFORE, PG_AFTER, &o);
    let svg = timeline::svg(&m.up, "up");
    assert_eq!(svg, timeline::svg(&generate(PG_BEFORE, PG_AFTER, &o).up, "up"));
    insta::assert_snapshot!("timeline_zero_downtime", svg);
    let m = generate(PG_BEFORE, PG_AFTER, &Options::new(Dialect::Postgres));
    insta::assert_snapshot!("timeline_unknown_sizes", timeline::svg(&m.up, "up"));
}

#[test]
fn an_enum_rebuild_rewrites_the_tables_using_it() {
    let before = "CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');\nCREATE TABLE t (id int PRIMARY KEY, m mood);";
    let after = "CREATE TYPE mood AS ENUM ('sad', 'happy');\nCREATE TABLE t (id int PRIMARY KEY, m mood);";
    let m = generate(before, after, &options(Dialect::Postgres, "t 1000000"));
    let e = m.up.iter().filter_map(|s| s.estimate.as_ref()).find(|e| e.class == OpClass::TableRewrite);
    assert!(
        e.is_some_and(|e| e.ms.is_some_and(|ms| ms > 1000) && e.blocks == Blocks::ReadsAndWrites),
        "{:?}",
        m.up.iter().map(|s| &s.estimate).collect::<Vec<_>>()
    );
}

//! "Silent drop" check: every statement of a table per dialect, applied after a base schema,
//! must either change the model or yield a diagnostic (ignored on purpose, warning or error).
//! A statement that does neither would vanish from the migration without a word.

use super::parse;
use crate::Dialect;

const PG_BASE: &str = "CREATE TABLE docs (id integer PRIMARY KEY, title text, lang text);
CREATE FUNCTION add_em(integer, integer) RETURNS integer LANGUAGE sql AS $$SELECT $1 + $2$$;
CREATE TYPE pair AS (a integer, b integer);
CREATE FUNCTION pair_sum(pair) RETURNS integer LANGUAGE sql AS $$SELECT ($1).a + ($1).b$$;
CREATE SEQUENCE s;
CREATE SCHEMA reporting;
CREATE COLLATION c_copy (provider = libc, locale = 'C');
CREATE PUBLICATION pub WITH (publish = 'insert');
CREATE TEXT SEARCH CONFIGURATION cfg (PARSER = pg_catalog.\"default\");
CREATE FOREIGN DATA WRAPPER w;
CREATE SERVER srv FOREIGN DATA WRAPPER w;
CREATE DOMAIN posint AS integer CONSTRAINT posint_pos CHECK (VALUE > 0);
CREATE DOMAIN nn AS integer DEFAULT 0 NOT NULL;
CREATE INDEX docs_title ON docs (title);
CREATE TABLE docs_kid (note text) INHERITS (docs);
CREATE VIEW docs_v AS SELECT id, title FROM docs;
CREATE MATERIALIZED VIEW docs_m AS SELECT id FROM docs;
";

const PG: &[&str] = &[
    "CREATE COLLATION german (provider = icu, locale = 'de-DE')",
    "CREATE DOMAIN d2 AS text COLLATE \"C\" DEFAULT 'x' CONSTRAINT d2_nn NOT NULL CHECK (VALUE <> '')",
    "ALTER DOMAIN posint ADD CONSTRAINT small CHECK (VALUE < 10) NOT VALID",
    "ALTER TYPE pair ADD ATTRIBUTE c text",
    "ALTER TYPE pair DROP ATTRIBUTE b",
    "ALTER TYPE pair DROP ATTRIBUTE IF EXISTS nothing_here",
    "ALTER TYPE pair ALTER ATTRIBUTE b SET DATA TYPE bigint",
    "ALTER TYPE pair RENAME ATTRIBUTE b TO bb",
    "CREATE TABLE typed_pairs OF pair (a WITH OPTIONS NOT NULL, PRIMARY KEY (a))",
    "CREATE TABLE docs_child (extra int) INHERITS (docs)",
    "ALTER TABLE docs INHERIT docs",
    "ALTER TABLE docs NO INHERIT docs",
    "ALTER TABLE ONLY docs_kid ALTER COLUMN title SET DEFAULT 'untitled'",
    "COMMENT ON COLUMN docs_kid.title IS 'inherited title'",
    "COMMENT ON CONSTRAINT posint_pos ON DOMAIN posint IS 'positive'",
    "CREATE OR REPLACE PROCEDURAL LANGUAGE plpgsql",
    "ALTER MATERIALIZED VIEW docs_m ALTER COLUMN id SET STATISTICS 80",
    "ALTER TABLE docs_m ALTER COLUMN id SET STORAGE PLAIN",
    "ALTER PROCEDURAL LANGUAGE plpgsql OWNER TO postgres",
    "CREATE EXTENSION IF NOT EXISTS plpgsql WITH SCHEMA pg_catalog",
    "CREATE TYPE fr AS RANGE (subtype = float8, subtype_opclass = float8_ops, collation = \"C\", canonical = f, subtype_diff = float8mi, multirange_type_name = frs)",
    "ALTER DOMAIN posint ADD CHECK (VALUE <> 5)",
    "ALTER DOMAIN posint DROP CONSTRAINT posint_pos",
    "ALTER DOMAIN posint DROP CONSTRAINT IF EXISTS nothing_here",
    "ALTER DOMAIN posint RENAME CONSTRAINT posint_pos TO positive",
    "ALTER DOMAIN posint SET DEFAULT 1",
    "ALTER DOMAIN nn DROP DEFAULT",
    "ALTER DOMAIN posint SET NOT NULL",
    "ALTER DOMAIN nn DROP NOT NULL",
    "ALTER DOMAIN posint OWNER TO app",
    "ALTER DOMAIN posint RENAME TO pint",
    "ALTER DOMAIN posint SET SCHEMA reporting",
    "CREATE CAST (pair AS integer) WITH FUNCTION pair_sum(pair)",
    "CREATE OPERATOR === (LEFTARG = integer, RIGHTARG = integer, FUNCTION = add_em)",
    "CREATE OPERATOR CLASS h FOR TYPE integer USING hash AS OPERATOR 1 =, FUNCTION 1 hashint4(integer)",
    "CREATE OPERATOR FAMILY f USING btree",
    "CREATE TEXT SEARCH CONFIGURATION my_ts (COPY = english)",
    "CREATE TEXT SEARCH DICTIONARY d (TEMPLATE = simple)",
    "CREATE TEXT SEARCH PARSER p (START = prsd_start, GETTOKEN = prsd_nexttoken, END = prsd_end, LEXTYPES = prsd_lextype)",
    "CREATE TEXT SEARCH TEMPLATE t (LEXIZE = dsimple_lexize)",
    "CREATE CONVERSION cv FOR 'LATIN1' TO 'UTF8' FROM iso8859_1_to_utf8",
    "CREATE RULE r AS ON DELETE TO docs DO INSTEAD NOTHING",
    "CREATE OR REPLACE RULE r AS ON DELETE TO docs DO INSTEAD NOTHING",
    "CREATE STATISTICS st (dependencies) ON title, lang FROM docs",
    "CREATE PUBLICATION p2 FOR ALL TABLES",
    "CREATE SUBSCRIPTION sub CONNECTION 'dbname=x' PUBLICATION pub WITH (connect = false)",
    "CREATE AGGREGATE agg(integer) (SFUNC = add_em, STYPE = integer)",
    "CREATE FOREIGN DATA WRAPPER w2",
    "CREATE SERVER s2 FOREIGN DATA WRAPPER w OPTIONS (host 'x')",
    "CREATE USER MAPPING FOR app SERVER srv OPTIONS (user 'bob')",
    "CREATE FOREIGN TABLE ft (id integer) SERVER srv",
    "CREATE EVENT TRIGGER et ON ddl_command_start EXECUTE FUNCTION add_em()",
    "CREATE TRANSFORM FOR integer LANGUAGE sql (FROM SQL WITH FUNCTION f(internal), TO SQL WITH FUNCTION g(internal))",
    "CREATE ACCESS METHOD am TYPE TABLE HANDLER heap_tableam_handler",
    "CREATE TRUSTED PROCEDURAL LANGUAGE plx HANDLER h",
    "ALTER COLLATION c_copy REFRESH VERSION",
    "ALTER PUBLICATION pub ADD TABLE ONLY docs",
    "ALTER PUBLICATION pub SET (publish = 'update')",
    "ALTER TEXT SEARCH CONFIGURATION cfg ADD MAPPING FOR word WITH simple",
    "ALTER SERVER srv OPTIONS (ADD host 'y')",
    "ALTER COLLATION unknown_one REFRESH VERSION",
    "COMMENT ON COLLATION c_copy IS 'c'",
    "COMMENT ON PUBLICATION pub IS 'p'",
    "DROP COLLATION c_copy",
    "DROP PUBLICATION IF EXISTS nothing_here",
    "GRANT SELECT ON docs TO app",
    "GRANT SELECT (title), UPDATE (title) ON TABLE docs TO app WITH GRANT OPTION",
    "GRANT ALL ON ALL TABLES IN SCHEMA public TO app",
    "GRANT USAGE ON SEQUENCE s TO app",
    "GRANT EXECUTE ON FUNCTION add_em(integer, integer) TO app",
    "REVOKE EXECUTE ON FUNCTION add_em(integer, integer) FROM PUBLIC",
    "REVOKE ALL ON docs FROM app",
    "GRANT USAGE ON SCHEMA reporting TO app",
    "GRANT USAGE ON TYPE pair TO app",
    "GRANT USAGE ON FOREIGN SERVER srv TO app",
    "GRANT CONNECT ON DATABASE x TO app",
    "GRANT app TO other",
    "ALTER DEFAULT PRIVILEGES FOR ROLE postgres IN SCHEMA reporting GRANT SELECT ON TABLES TO app",
    "ALTER DEFAULT PRIVILEGES REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC",
    "ALTER TABLE docs OWNER TO app",
    "ALTER FUNCTION add_em(integer, integer) OWNER TO app",
    "ALTER COLLATION c_copy OWNER TO app",
    "CREATE ROLE app",
    "ALTER ROLE app SET search_path = x",
    "DROP ROLE app",
    "CREATE DATABASE x",
    "SET search_path = public",
    "SELECT pg_catalog.set_config('search_path', '', false)",
    "INSERT INTO docs VALUES (1, 'a', 'b')",
    "BEGIN",
    "SECURITY LABEL ON TABLE docs IS 'x'",
    // Storage (parse/storage.rs)
    "ALTER TABLE docs SET (fillfactor = 50, toast.autovacuum_enabled = off)",
    "ALTER TABLE docs SET UNLOGGED",
    "ALTER TABLE docs SET TABLESPACE space2",
    "ALTER TABLE docs SET ACCESS METHOD heap2",
    "ALTER TABLE docs CLUSTER ON docs_title",
    "ALTER TABLE docs ALTER COLUMN title SET STORAGE EXTERNAL",
    "ALTER TABLE docs ALTER COLUMN title SET COMPRESSION lz4",
    "ALTER TABLE docs ALTER COLUMN id SET STATISTICS 200",
    "ALTER TABLE docs ALTER COLUMN id SET (n_distinct = 10)",
    "ALTER INDEX docs_title SET (fillfactor = 60)",
    "ALTER INDEX docs_title SET TABLESPACE space2",
    "ALTER INDEX docs_pkey SET (fillfactor = 60)",
    "CREATE UNLOGGED SEQUENCE s2",
    "ALTER SEQUENCE s SET UNLOGGED",
    "CREATE TABLE t2 (id int, CONSTRAINT t2_pk PRIMARY KEY (id) INCLUDE (id) WITH (fillfactor = 70) USING INDEX TABLESPACE space2)",
    // Views (parse/view_columns.rs)
    "ALTER VIEW docs_v SET (security_barrier = true)",
    "ALTER VIEW docs_v ALTER COLUMN title SET DEFAULT 'x'",
    "ALTER TABLE ONLY docs_v ALTER COLUMN title SET DEFAULT 'x'",
    "COMMENT ON COLUMN docs_v.title IS 'x'",
    "COMMENT ON COLUMN docs_m.id IS 'x'",
    "ALTER MATERIALIZED VIEW docs_m SET (fillfactor = 70)",
    "ALTER MATERIALIZED VIEW docs_m SET TABLESPACE space2",
    "ALTER MATERIALIZED VIEW docs_m SET ACCESS METHOD heap2",
    "CREATE TABLE U&\"t\\0033\" (id int)",
];

const MYSQL_BASE: &str = "CREATE TABLE docs (id int PRIMARY KEY, title varchar(20));\n";
const MYSQL: &[&str] = &[
    "CREATE SERVER s FOREIGN DATA WRAPPER mysql OPTIONS (HOST 'x')",
    "GRANT SELECT ON db.docs TO 'app'@'%'",
    "REVOKE SELECT ON db.docs FROM 'app'@'%'",
    "CREATE USER 'app'@'%' IDENTIFIED BY 'x'",
    "SET NAMES utf8mb4",
    "LOCK TABLES docs WRITE",
    "INSERT INTO docs VALUES (1, 'a')",
    "CREATE EVENT e ON SCHEDULE EVERY 1 DAY DO DELETE FROM docs",
];

const SQLITE_BASE: &str = "CREATE TABLE docs (id integer PRIMARY KEY, title text);\n";
const SQLITE: &[&str] = &[
    "CREATE VIRTUAL TABLE docs_fts USING fts5(title, content='docs')",
    "CREATE VIRTUAL TABLE IF NOT EXISTS rt USING rtree(id, minx, maxx)",
    "PRAGMA foreign_keys = ON",
    "BEGIN TRANSACTION",
    "INSERT INTO docs VALUES (1, 'a')",
];

fn check(d: Dialect, base: &str, stmts: &[&str]) {
    let before = parse(d, base);
    let mut silent = Vec::new();
    for s in stmts {
        let after = parse(d, &format!("{base}{s};\n"));
        let changed = after.schema != before.schema;
        let said = after.diagnostics.len() > before.diagnostics.len();
        if !changed && !said {
            silent.push(*s);
        }
    }
    assert!(silent.is_empty(), "{d:?}: statements that neither change the model nor yield a diagnostic: {silent:#?}");
}

#[test]
fn no_postgres_statement_is_silently_dropped() {
    check(Dialect::Postgres, PG_BASE, PG);
}

#[test]
fn no_mysql_statement_is_silently_dropped() {
    check(Dialect::Mysql, MYSQL_BASE, MYSQL);
}

#[test]
fn no_sqlite_statement_is_silently_dropped() {
    check(Dialect::Sqlite, SQLITE_BASE, SQLITE);
}

/// A statement whose text is kept: the same object written differently (schema qualifier,
/// keyword case, whitespace, option order, quoting) is the same model, and its re-creation
/// uses the text as written.
#[test]
fn opaque_text_is_normalized_and_kept() {
    let a = parse(Dialect::Postgres, "CREATE OPERATOR === (LEFTARG = integer, RIGHTARG = integer, FUNCTION = add_em);");
    let b = parse(
        Dialect::Postgres,
        "create operator public.=== (\n    function = public.add_em,\n    leftarg = integer,\n    rightarg = integer\n);",
    );
    assert_eq!(a.schema.opaque, b.schema.opaque);
    let o = a.schema.opaque.values().next().expect("one opaque object");
    assert_eq!(o.kind, "OPERATOR");
    assert_eq!(o.drop, "OPERATOR === (integer, integer)");
    assert_eq!(o.sql, "CREATE OPERATOR === (LEFTARG = integer, RIGHTARG = integer, FUNCTION = add_em)");
    let c = parse(Dialect::Postgres, "CREATE OPERATOR === (LEFTARG = integer, RIGHTARG = integer, FUNCTION = mul_em);");
    assert_ne!(a.schema.opaque, c.schema.opaque);
}

/// Every prefix of every statement above (cut at each character) parses without a panic.
#[test]
fn truncated_statements_never_panic() {
    for (d, base, stmts) in [(Dialect::Postgres, PG_BASE, PG), (Dialect::Mysql, MYSQL_BASE, MYSQL), (Dialect::Sqlite, SQLITE_BASE, SQLITE)]
    {
        for s in stmts {
            for (i, _) in s.char_indices() {
                let _ = parse(d, &format!("{base}{};\nALTER PUBLICATION pub ADD TABLE docs;\n", s.get(..i).unwrap_or("")));
            }
        }
    }
}

/// Clauses of MySQL/MariaDB and SQLite (issue 12): each pair is a statement with the clause
/// and the same statement without it; the two must give different models, or the one with the
/// clause must yield a diagnostic naming it.
const MYSQL_CLAUSES: &[(&str, &str)] = &[
    ("CREATE TABLE t (a int, b int INVISIBLE)", "CREATE TABLE t (a int, b int)"),
    ("CREATE TABLE t (a int, KEY ka (a) INVISIBLE)", "CREATE TABLE t (a int, KEY ka (a))"),
    ("CREATE TABLE t (a int, KEY ka (a) IGNORED)", "CREATE TABLE t (a int, KEY ka (a))"),
    ("CREATE TABLE t (a int, KEY ka (a));\nALTER TABLE t ALTER INDEX ka IGNORED", "CREATE TABLE t (a int, KEY ka (a))"),
    ("CREATE TABLE t (a int, KEY ka (a));\nALTER TABLE t ALTER INDEX ka INVISIBLE", "CREATE TABLE t (a int, KEY ka (a))"),
    ("CREATE TABLE t (a int, b int);\nALTER TABLE t ALTER COLUMN b SET INVISIBLE", "CREATE TABLE t (a int, b int)"),
    ("CREATE TABLE t (a int, CONSTRAINT c CHECK (a > 0) NOT ENFORCED)", "CREATE TABLE t (a int, CONSTRAINT c CHECK (a > 0))"),
    ("CREATE TABLE t (a int CHECK (a > 0) NOT ENFORCED)", "CREATE TABLE t (a int CHECK (a > 0))"),
    ("CREATE TABLE t (a int) WITH SYSTEM VERSIONING", "CREATE TABLE t (a int)"),
    ("CREATE TABLE t (a int, b int WITHOUT SYSTEM VERSIONING) WITH SYSTEM VERSIONING", "CREATE TABLE t (a int, b int) WITH SYSTEM VERSIONING"),
    ("CREATE TABLE t (a int, s TIMESTAMP(6) GENERATED ALWAYS AS ROW START, e TIMESTAMP(6) GENERATED ALWAYS AS ROW END, PERIOD FOR SYSTEM_TIME(s, e)) WITH SYSTEM VERSIONING", "CREATE TABLE t (a int, s TIMESTAMP(6), e TIMESTAMP(6)) WITH SYSTEM VERSIONING"),
    ("CREATE TABLE t (a int, d1 date, d2 date, PERIOD FOR p(d1, d2))", "CREATE TABLE t (a int, d1 date, d2 date)"),
    ("CREATE TABLE t (a int, b int AS (a + 1) STORED)", "CREATE TABLE t (a int, b int AS (a + 1) VIRTUAL)"),
    ("CREATE TABLE t (a date DEFAULT (curdate()))", "CREATE TABLE t (a date)"),
    ("CREATE SEQUENCE s START WITH 5 CACHE 20 NOCYCLE", "CREATE SEQUENCE s START WITH 5"),
    ("CREATE SQL SECURITY INVOKER VIEW v AS SELECT id FROM docs", "CREATE VIEW v AS SELECT id FROM docs"),
    ("CREATE DEFINER = `root`@`localhost` VIEW v AS SELECT id FROM docs", "CREATE VIEW v AS SELECT id FROM docs"),
    ("CREATE FUNCTION f(x int) RETURNS int DETERMINISTIC RETURN x", "CREATE FUNCTION f(x int) RETURNS int RETURN x"),
    ("CREATE FUNCTION f(x int) RETURNS int SQL SECURITY INVOKER RETURN x", "CREATE FUNCTION f(x int) RETURNS int RETURN x"),
    ("CREATE FUNCTION f(x int) RETURNS int COMMENT 'c' RETURN x", "CREATE FUNCTION f(x int) RETURNS int RETURN x"),
    ("CREATE PROCEDURE p() MODIFIES SQL DATA BEGIN DELETE FROM docs; END", "CREATE PROCEDURE p() BEGIN DELETE FROM docs; END"),
    ("CREATE PROCEDURE p() BEGIN DELETE FROM docs; END", "CREATE PROCEDURE p() BEGIN delete from docs; END"),
    ("CREATE TRIGGER tr BEFORE INSERT ON docs FOR EACH ROW SET NEW.title = 'A'", "CREATE TRIGGER tr BEFORE INSERT ON docs FOR EACH ROW SET NEW.title = 'a'"),
    ("CREATE TRIGGER tr BEFORE INSERT ON docs FOR EACH ROW SET NEW.title = 'a'", "CREATE TRIGGER tr BEFORE INSERT ON docs FOR EACH ROW set new.title = 'a'"),
    ("CREATE DEFINER = CURRENT_USER TRIGGER tr BEFORE INSERT ON docs FOR EACH ROW SET NEW.title = 'a'", "CREATE TRIGGER tr BEFORE INSERT ON docs FOR EACH ROW SET NEW.title = 'a'"),
    ("CREATE EVENT e ON SCHEDULE EVERY 1 DAY DO DELETE FROM docs", "CREATE EVENT e ON SCHEDULE EVERY 1 DAY DO delete from docs"),
    ("CREATE TABLE t (a int NOT NULL) PARTITION BY HASH (a) PARTITIONS 4", "CREATE TABLE t (a int NOT NULL)"),
    ("CREATE TABLE t (a int NOT NULL) PARTITION BY KEY (a) PARTITIONS 2", "CREATE TABLE t (a int NOT NULL) PARTITION BY HASH (a) PARTITIONS 2"),
    ("CREATE TABLE t (a varchar(20), UNIQUE KEY u (a(10)))", "CREATE TABLE t (a varchar(20), UNIQUE KEY u (a))"),
    ("CREATE TABLE t (a int, UNIQUE KEY u (a DESC))", "CREATE TABLE t (a int, UNIQUE KEY u (a))"),
    ("CREATE TABLE t (a text NOT NULL, PRIMARY KEY (a(10)))", "CREATE TABLE t (a text NOT NULL, PRIMARY KEY (a))"),
    ("CREATE TABLE t (a int NOT NULL, d date NOT NULL) PARTITION BY RANGE (YEAR(d)) SUBPARTITION BY HASH (a) SUBPARTITIONS 2 (PARTITION p0 VALUES LESS THAN MAXVALUE)", "CREATE TABLE t (a int NOT NULL, d date NOT NULL) PARTITION BY RANGE (YEAR(d)) (PARTITION p0 VALUES LESS THAN MAXVALUE)"),
    ("CREATE TABLE t (a int NOT NULL) PARTITION BY LIST (a) (PARTITION p0 VALUES IN (1) COMMENT 'one')", "CREATE TABLE t (a int NOT NULL) PARTITION BY LIST (a) (PARTITION p0 VALUES IN (1))"),
    ("CREATE TABLE t (a int NOT NULL) PARTITION BY LIST (a) (PARTITION p0 VALUES IN (1) MAX_ROWS = 10)", "CREATE TABLE t (a int NOT NULL) PARTITION BY LIST (a) (PARTITION p0 VALUES IN (1))"),
    ("CREATE TABLE t (a int NOT NULL) PARTITION BY HASH (a) (PARTITION p0 DATA DIRECTORY = '/d')", "CREATE TABLE t (a int NOT NULL) PARTITION BY HASH (a) (PARTITION p0)"),
    ("CREATE TABLE t (a int NOT NULL) PARTITION BY HASH (a) PARTITIONS 4;\nALTER TABLE t COALESCE PARTITION 2", "CREATE TABLE t (a int NOT NULL) PARTITION BY HASH (a) PARTITIONS 4"),
    ("CREATE TABLE t (a int NOT NULL) PARTITION BY HASH (a) PARTITIONS 4;\nALTER TABLE t ADD PARTITION PARTITIONS 2", "CREATE TABLE t (a int NOT NULL) PARTITION BY HASH (a) PARTITIONS 4"),
    ("CREATE TABLE t (a int NOT NULL) PARTITION BY LIST (a) (PARTITION p0 VALUES IN (1));\nALTER TABLE t ADD PARTITION (PARTITION p1 VALUES IN (2))", "CREATE TABLE t (a int NOT NULL) PARTITION BY LIST (a) (PARTITION p0 VALUES IN (1))"),
    ("CREATE TABLE t (a int NOT NULL) PARTITION BY LIST (a) (PARTITION p0 VALUES IN (1), PARTITION p1 VALUES IN (2));\nALTER TABLE t DROP PARTITION p1", "CREATE TABLE t (a int NOT NULL) PARTITION BY LIST (a) (PARTITION p0 VALUES IN (1), PARTITION p1 VALUES IN (2))"),
    ("CREATE TABLE t (a int NOT NULL) PARTITION BY LIST (a) (PARTITION p0 VALUES IN (1, 2));\nALTER TABLE t REORGANIZE PARTITION p0 INTO (PARTITION p1 VALUES IN (1), PARTITION p2 VALUES IN (2))", "CREATE TABLE t (a int NOT NULL) PARTITION BY LIST (a) (PARTITION p0 VALUES IN (1, 2))"),
    ("CREATE TABLE t (a int NOT NULL) PARTITION BY LIST (a) (PARTITION p0 VALUES IN (1));\nALTER TABLE t TRUNCATE PARTITION p0", "CREATE TABLE t (a int NOT NULL) PARTITION BY LIST (a) (PARTITION p0 VALUES IN (1))"),
    ("CREATE TABLE t (a int NOT NULL) PARTITION BY LIST (a) (PARTITION p0 VALUES IN (1));\nCREATE TABLE u (a int NOT NULL);\nALTER TABLE t EXCHANGE PARTITION p0 WITH TABLE u", "CREATE TABLE t (a int NOT NULL) PARTITION BY LIST (a) (PARTITION p0 VALUES IN (1));\nCREATE TABLE u (a int NOT NULL)"),
    ("CREATE TABLE t (a int NOT NULL) PARTITION BY HASH (a);\nALTER TABLE t REMOVE PARTITIONING", "CREATE TABLE t (a int NOT NULL) PARTITION BY HASH (a)"),
    ("CREATE TABLE t (a int) CHECKSUM=1 DELAY_KEY_WRITE=1", "CREATE TABLE t (a int)"),
    ("CREATE TABLE t (a int) PACK_KEYS=1 STATS_PERSISTENT=0", "CREATE TABLE t (a int)"),
    ("CREATE TABLE t (a text COMPRESSED)", "CREATE TABLE t (a text)"),
    ("CREATE TABLE t (a text COMPRESSED=zlib)", "CREATE TABLE t (a text)"),
    ("CREATE TABLE t (g geometry REF_SYSTEM_ID=4326)", "CREATE TABLE t (g geometry)"),
    ("CREATE TABLE t (a int) PARTITION BY KEY ALGORITHM = 1 (a) PARTITIONS 2", "CREATE TABLE t (a int) PARTITION BY KEY (a) PARTITIONS 2"),
    ("CREATE TABLE t (a int NOT NULL, b int NOT NULL, PRIMARY KEY (a DESC, b))", "CREATE TABLE t (a int NOT NULL, b int NOT NULL, PRIMARY KEY (a, b))"),
    ("CREATE TABLE t (a varchar(20) NOT NULL);\nALTER TABLE t ADD PRIMARY KEY (a(5))", "CREATE TABLE t (a varchar(20) NOT NULL);\nALTER TABLE t ADD PRIMARY KEY (a)"),
    ("CREATE TABLE t (a varchar(20));\nCREATE UNIQUE INDEX u ON t (a(10))", "CREATE TABLE t (a varchar(20));\nCREATE UNIQUE INDEX u ON t (a)"),
    ("CREATE EVENT e ON SCHEDULE EVERY 1 DAY ENDS '2030-01-01' DO DELETE FROM docs", "CREATE EVENT e ON SCHEDULE EVERY 1 DAY DO DELETE FROM docs"),
];

const SQLITE_CLAUSES: &[(&str, &str)] = &[
    ("CREATE TABLE t (a integer) STRICT", "CREATE TABLE t (a integer)"),
    ("CREATE TABLE t (a integer PRIMARY KEY ON CONFLICT REPLACE)", "CREATE TABLE t (a integer PRIMARY KEY)"),
    ("CREATE TABLE t (a integer UNIQUE ON CONFLICT IGNORE)", "CREATE TABLE t (a integer UNIQUE)"),
    ("CREATE TABLE t (a integer, UNIQUE (a) ON CONFLICT FAIL)", "CREATE TABLE t (a integer, UNIQUE (a))"),
    ("CREATE TABLE t (a text PRIMARY KEY) WITHOUT ROWID", "CREATE TABLE t (a text PRIMARY KEY)"),
    ("CREATE TABLE t (a integer, b integer AS (a + 1) STORED)", "CREATE TABLE t (a integer, b integer AS (a + 1))"),
    ("CREATE INDEX i ON docs ((title || 'x'))", "CREATE INDEX i ON docs (title || 'x')"),
    ("CREATE INDEX i ON docs (id + 1 DESC)", "CREATE INDEX i ON docs (id + 1)"),
    (
        "CREATE TRIGGER tr AFTER INSERT ON docs BEGIN UPDATE docs SET title = 'A'; END",
        "CREATE TRIGGER tr AFTER INSERT ON docs BEGIN UPDATE docs SET title = 'a'; END",
    ),
    (
        "CREATE TRIGGER tr AFTER INSERT ON docs BEGIN UPDATE docs SET title = 'a'; END",
        "CREATE TRIGGER tr AFTER INSERT ON docs BEGIN update docs set title = 'a'; END",
    ),
    (
        "CREATE TRIGGER tr AFTER INSERT ON docs WHEN NEW.id > 1 BEGIN SELECT 1; END",
        "CREATE TRIGGER tr AFTER INSERT ON docs BEGIN SELECT 1; END",
    ),
    ("CREATE VIRTUAL TABLE f USING fts5(title, tokenize='porter')", "CREATE VIRTUAL TABLE f USING fts5(title)"),
];

fn check_clauses(d: Dialect, base: &str, pairs: &[(&str, &str)]) {
    let mut silent = Vec::new();
    for (with, without) in pairs {
        let a = parse(d, &format!("{base}{with};\n"));
        let b = parse(d, &format!("{base}{without};\n"));
        let said = a.diagnostics.len() > b.diagnostics.len();
        if a.schema == b.schema && !said {
            silent.push(*with);
        }
        assert!(a.diagnostics.iter().all(|x| !x.is_error()), "{d:?}: {with}: {:#?}", a.diagnostics);
    }
    assert!(silent.is_empty(), "{d:?}: clauses that neither change the model nor yield a diagnostic: {silent:#?}");
}

#[test]
fn no_mysql_clause_is_silently_dropped() {
    check_clauses(Dialect::Mysql, MYSQL_BASE, MYSQL_CLAUSES);
}

#[test]
fn no_sqlite_clause_is_silently_dropped() {
    check_clauses(Dialect::Sqlite, SQLITE_BASE, SQLITE_CLAUSES);
}

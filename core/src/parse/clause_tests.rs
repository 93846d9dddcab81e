//! "Silent drop" of clauses (issue 12): each row is a BEFORE/AFTER pair that differs only in one
//! clause. The whole pipeline must either carry the difference (non-empty up and down) or say so
//! with a warning or error whose message names the clause. A clause that does neither would be
//! lost from the migration while everything looks normal. Every row is a property the engine
//! stores, so an "ignored on purpose" note does not count: ignoring it is the silent drop.
//!
//! Other helpers add rows for their clauses; keep one row per clause and write the pair so
//! that the engine accepts both sides.

use crate::{generate, Dialect, Options};

/// (clause, BEFORE, AFTER)
type Row = (&'static str, &'static str, &'static str);

const PG: &[Row] = &[
    // Storage
    ("UNLOGGED", "CREATE TABLE t (id int);", "CREATE UNLOGGED TABLE t (id int);"),
    ("SET LOGGED", "CREATE UNLOGGED TABLE t (id int);", "CREATE UNLOGGED TABLE t (id int); ALTER TABLE t SET LOGGED;"),
    ("UNLOGGED", "CREATE SEQUENCE q;", "CREATE UNLOGGED SEQUENCE q;"),
    ("TABLESPACE", "CREATE TABLE t (id int);", "CREATE TABLE t (id int) TABLESPACE space2;"),
    ("TABLESPACE", "CREATE TABLE t (id int) TABLESPACE pg_default;", "CREATE TABLE t (id int) TABLESPACE space2;"),
    ("TABLESPACE", "CREATE TABLE t (id int); CREATE INDEX i ON t (id);", "CREATE TABLE t (id int); CREATE INDEX i ON t (id) TABLESPACE space2;"),
    ("TABLESPACE", "CREATE TABLE t (id int PRIMARY KEY);", "CREATE TABLE t (id int PRIMARY KEY USING INDEX TABLESPACE space2);"),
    ("TABLESPACE", "CREATE TABLE t (id int, UNIQUE (id));", "CREATE TABLE t (id int, UNIQUE (id) USING INDEX TABLESPACE space2);"),
    ("fillfactor", "CREATE TABLE t (id int, CONSTRAINT k UNIQUE (id));", "CREATE TABLE t (id int, CONSTRAINT k UNIQUE (id) WITH (fillfactor = 70));"),
    ("INCLUDE", "CREATE TABLE t (id int, b int); CREATE UNIQUE INDEX u ON t (id); ALTER TABLE t ADD CONSTRAINT k UNIQUE USING INDEX u;", "CREATE TABLE t (id int, b int); CREATE UNIQUE INDEX u ON t (id) INCLUDE (b); ALTER TABLE t ADD CONSTRAINT k UNIQUE USING INDEX u;"),
    ("USING", "CREATE TABLE t (id int);", "CREATE TABLE t (id int) USING am2;"),
    ("fillfactor", "CREATE TABLE t (id int) WITH (fillfactor=70);", "CREATE TABLE t (id int) WITH (fillfactor=80);"),
    ("autovacuum_enabled", "CREATE TABLE t (id int);", "CREATE TABLE t (id int); ALTER TABLE t SET (autovacuum_enabled = false);"),
    ("fillfactor", "CREATE TABLE t (id int) WITH (fillfactor=70);", "CREATE TABLE t (id int) WITH (fillfactor=70); ALTER TABLE t RESET (fillfactor);"),
    ("toast.autovacuum_enabled", "CREATE TABLE t (id int, b text);", "CREATE TABLE t (id int, b text) WITH (toast.autovacuum_enabled = false);"),
    ("STORAGE", "CREATE TABLE t (id int, c text);", "CREATE TABLE t (id int, c text STORAGE EXTERNAL);"),
    ("STORAGE", "CREATE TABLE t (id int, c text);", "CREATE TABLE t (id int, c text); ALTER TABLE t ALTER COLUMN c SET STORAGE MAIN;"),
    ("COMPRESSION", "CREATE TABLE t (id int, c text);", "CREATE TABLE t (id int, c text COMPRESSION lz4);"),
    ("COMPRESSION", "CREATE TABLE t (id int, c text);", "CREATE TABLE t (id int, c text); ALTER TABLE t ALTER COLUMN c SET COMPRESSION pglz;"),
    ("STATISTICS", "CREATE TABLE t (id int);", "CREATE TABLE t (id int); ALTER TABLE t ALTER COLUMN id SET STATISTICS 500;"),
    ("n_distinct", "CREATE TABLE t (id int);", "CREATE TABLE t (id int); ALTER TABLE t ALTER COLUMN id SET (n_distinct = 100);"),
    ("fillfactor", "CREATE TABLE t (id int); CREATE INDEX i ON t (id);", "CREATE TABLE t (id int); CREATE INDEX i ON t (id) WITH (fillfactor = 70);"),
    ("fillfactor", "CREATE TABLE t (id int PRIMARY KEY);", "CREATE TABLE t (id int PRIMARY KEY WITH (fillfactor = 70));"),
    ("fillfactor", "CREATE TABLE t (id int); CREATE INDEX i ON t (id);", "CREATE TABLE t (id int); CREATE INDEX i ON t (id); ALTER INDEX i SET (fillfactor = 70);"),
    ("TABLESPACE", "CREATE TABLE t (id int, EXCLUDE USING btree (id WITH =));", "CREATE TABLE t (id int, EXCLUDE USING btree (id WITH =) USING INDEX TABLESPACE space2);"),
    ("INCLUDE", "CREATE TABLE t (id int, b int, UNIQUE (id));", "CREATE TABLE t (id int, b int, UNIQUE (id) INCLUDE (b));"),
    ("INCLUDE", "CREATE TABLE t (id int, b int, PRIMARY KEY (id));", "CREATE TABLE t (id int, b int, PRIMARY KEY (id) INCLUDE (b));"),
    ("CLUSTER", "CREATE TABLE t (id int); CREATE INDEX i ON t (id);", "CREATE TABLE t (id int); CREATE INDEX i ON t (id); ALTER TABLE t CLUSTER ON i;"),
    ("CLUSTER", "CREATE TABLE t (id int); CREATE INDEX i ON t (id); ALTER TABLE t CLUSTER ON i;", "CREATE TABLE t (id int); CREATE INDEX i ON t (id); ALTER TABLE t CLUSTER ON i; ALTER TABLE t SET WITHOUT CLUSTER;"),
    ("REPLICA IDENTITY", "CREATE TABLE t (id int);", "CREATE TABLE t (id int); ALTER TABLE t REPLICA IDENTITY FULL;"),
    // Inheritance: what a child sets on a column it only inherits
    ("ALTER TABLE ONLY child ALTER COLUMN SET DEFAULT", "CREATE TABLE p (id int, k text DEFAULT 'a'); CREATE TABLE c () INHERITS (p);", "CREATE TABLE p (id int, k text DEFAULT 'a'); CREATE TABLE c () INHERITS (p); ALTER TABLE ONLY c ALTER COLUMN k SET DEFAULT 'b';"),
    ("ALTER TABLE ONLY child ALTER COLUMN SET NOT NULL", "CREATE TABLE p (id int, k text); CREATE TABLE c () INHERITS (p);", "CREATE TABLE p (id int, k text); CREATE TABLE c () INHERITS (p); ALTER TABLE ONLY c ALTER COLUMN k SET NOT NULL;"),
    ("COMMENT ON COLUMN child.inherited", "CREATE TABLE p (id int, k text); CREATE TABLE c () INHERITS (p);", "CREATE TABLE p (id int, k text); CREATE TABLE c () INHERITS (p); COMMENT ON COLUMN c.k IS 'kind';"),
    ("ALTER MATERIALIZED VIEW ALTER COLUMN SET STATISTICS", "CREATE TABLE t (id int); CREATE MATERIALIZED VIEW m AS SELECT id FROM t;", "CREATE TABLE t (id int); CREATE MATERIALIZED VIEW m AS SELECT id FROM t; ALTER MATERIALIZED VIEW m ALTER COLUMN id SET STATISTICS 50;"),
    ("ALTER MATERIALIZED VIEW ALTER COLUMN SET STORAGE", "CREATE TABLE t (b text); CREATE MATERIALIZED VIEW m AS SELECT b FROM t;", "CREATE TABLE t (b text); CREATE MATERIALIZED VIEW m AS SELECT b FROM t; ALTER MATERIALIZED VIEW m ALTER COLUMN b SET STORAGE EXTERNAL;"),
    ("CREATE FUNCTION ... SET order", "CREATE FUNCTION f() RETURNS int LANGUAGE sql SET work_mem TO '64MB' SET search_path TO public AS 'SELECT 1';", "CREATE FUNCTION f() RETURNS int LANGUAGE sql SET search_path TO public SET work_mem TO '64MB' AS 'SELECT 1';"),
    // Views
    ("security_barrier", "CREATE VIEW v AS SELECT 1 AS a;", "CREATE VIEW v WITH (security_barrier) AS SELECT 1 AS a;"),
    ("security_invoker", "CREATE VIEW v AS SELECT 1 AS a;", "CREATE VIEW v WITH (security_invoker = true) AS SELECT 1 AS a;"),
    ("check_option", "CREATE TABLE t (id int); CREATE VIEW v AS SELECT id FROM t;", "CREATE TABLE t (id int); CREATE VIEW v WITH (check_option = local) AS SELECT id FROM t;"),
    ("CHECK OPTION", "CREATE TABLE t (id int); CREATE VIEW v AS SELECT id FROM t;", "CREATE TABLE t (id int); CREATE VIEW v AS SELECT id FROM t WITH CASCADED CHECK OPTION;"),
    ("security_barrier", "CREATE VIEW v AS SELECT 1 AS a;", "CREATE VIEW v AS SELECT 1 AS a; ALTER VIEW v SET (security_barrier = true);"),
    ("DEFAULT", "CREATE TABLE t (id int); CREATE VIEW v AS SELECT id FROM t;", "CREATE TABLE t (id int); CREATE VIEW v AS SELECT id FROM t; ALTER VIEW v ALTER COLUMN id SET DEFAULT 5;"),
    ("COMMENT", "CREATE VIEW v AS SELECT 1 AS a;", "CREATE VIEW v AS SELECT 1 AS a; COMMENT ON COLUMN v.a IS 'x';"),
    ("COMMENT", "CREATE MATERIALIZED VIEW m AS SELECT 1 AS a;", "CREATE MATERIALIZED VIEW m AS SELECT 1 AS a; COMMENT ON COLUMN m.a IS 'x';"),
    ("USING", "CREATE MATERIALIZED VIEW m AS SELECT 1 AS a;", "CREATE MATERIALIZED VIEW m USING am2 AS SELECT 1 AS a;"),
    ("fillfactor", "CREATE MATERIALIZED VIEW m AS SELECT 1 AS a;", "CREATE MATERIALIZED VIEW m WITH (fillfactor = 70) AS SELECT 1 AS a;"),
    ("TABLESPACE", "CREATE MATERIALIZED VIEW m AS SELECT 1 AS a;", "CREATE MATERIALIZED VIEW m TABLESPACE space2 AS SELECT 1 AS a;"),
    ("U&", "CREATE TABLE t (id int);", "CREATE TABLE t (id int); CREATE TABLE U&\"\\0075\" (id int);"),
    // Sequences
    ("AS", "CREATE SEQUENCE q;", "CREATE SEQUENCE q AS integer;"),
    ("MINVALUE", "CREATE SEQUENCE q MINVALUE 5 START 5;", "CREATE SEQUENCE q MINVALUE 10 START 10;"),
    ("INCREMENT", "CREATE SEQUENCE q;", "CREATE SEQUENCE q INCREMENT -1;"),
    ("CYCLE", "CREATE SEQUENCE q;", "CREATE SEQUENCE q CYCLE;"),
    ("CACHE", "CREATE SEQUENCE q;", "CREATE SEQUENCE q CACHE 10;"),
    ("OWNED BY", "CREATE TABLE t (id int); CREATE SEQUENCE q;", "CREATE TABLE t (id int); CREATE SEQUENCE q OWNED BY t.id;"),
    ("START", "CREATE SEQUENCE q;", "CREATE SEQUENCE q START 7;"),
    ("MAXVALUE", "CREATE SEQUENCE q;", "CREATE SEQUENCE q MAXVALUE 1000;"),
];

const MYSQL: &[Row] = &[
    ("ROW_FORMAT", "CREATE TABLE t (id int);", "CREATE TABLE t (id int) ROW_FORMAT=COMPRESSED;"),
    ("ENGINE", "CREATE TABLE t (id int);", "CREATE TABLE t (id int) ENGINE=MyISAM;"),
    ("COMMENT", "CREATE TABLE t (id int);", "CREATE TABLE t (id int COMMENT 'x');"),
    (
        "CHARSET",
        "CREATE TABLE t (id int, s varchar(9)) DEFAULT CHARSET=utf8mb4;",
        "CREATE TABLE t (id int, s varchar(9)) DEFAULT CHARSET=latin1;",
    ),
    (
        "CHARACTER SET",
        "CREATE TABLE t (id int, s varchar(9) CHARACTER SET utf8mb4);",
        "CREATE TABLE t (id int, s varchar(9) CHARACTER SET latin1);",
    ),
    ("ON UPDATE", "CREATE TABLE t (id int, ts timestamp NULL);", "CREATE TABLE t (id int, ts timestamp NULL ON UPDATE CURRENT_TIMESTAMP);"),
    ("UNSIGNED", "CREATE TABLE t (id int);", "CREATE TABLE t (id int UNSIGNED);"),
    ("AUTO_INCREMENT", "CREATE TABLE t (id int PRIMARY KEY);", "CREATE TABLE t (id int PRIMARY KEY AUTO_INCREMENT);"),
    ("COLUMN_FORMAT", "CREATE TABLE t (id int, a int);", "CREATE TABLE t (id int, a int COLUMN_FORMAT FIXED);"),
    ("STORAGE", "CREATE TABLE t (id int, a int);", "CREATE TABLE t (id int, a int STORAGE DISK);"),
    ("SRID", "CREATE TABLE t (id int, g point NOT NULL);", "CREATE TABLE t (id int, g point NOT NULL SRID 4326);"),
    ("KEY COMMENT", "CREATE TABLE t (id int, PRIMARY KEY (id));", "CREATE TABLE t (id int, PRIMARY KEY (id) COMMENT 'x');"),
    (
        "NO ACTION",
        "CREATE TABLE p (id int PRIMARY KEY); CREATE TABLE t (id int, p int, FOREIGN KEY (p) REFERENCES p (id));",
        "CREATE TABLE p (id int PRIMARY KEY); CREATE TABLE t (id int, p int, FOREIGN KEY (p) REFERENCES p (id) ON UPDATE NO ACTION);",
    ),
    ("column CHECK", "CREATE TABLE t (id int, a int);", "CREATE TABLE t (id int, a int CHECK (a > 0));"),
    ("column name case", "CREATE TABLE t (id int, Total int);", "CREATE TABLE t (id int, total int);"),
    ("index name case", "CREATE TABLE t (id int, KEY Ix (id));", "CREATE TABLE t (id int, KEY ix (id));"),
    (
        "constraint name case",
        "CREATE TABLE t (id int, CONSTRAINT Ck CHECK (id > 0));",
        "CREATE TABLE t (id int, CONSTRAINT ck CHECK (id > 0));",
    ),
    ("view alias case", "CREATE VIEW v AS SELECT 1 AS Total;", "CREATE VIEW v AS SELECT 1 AS total;"),
    ("USING HASH", "CREATE TABLE t (id int, UNIQUE KEY u (id));", "CREATE TABLE t (id int, UNIQUE KEY u (id) USING HASH);"),
    ("INVISIBLE", "CREATE TABLE t (id int, UNIQUE KEY u (id));", "CREATE TABLE t (id int, UNIQUE KEY u (id) INVISIBLE);"),
    ("KEY_BLOCK_SIZE", "CREATE TABLE t (id int, UNIQUE KEY u (id));", "CREATE TABLE t (id int, UNIQUE KEY u (id) KEY_BLOCK_SIZE=8);"),
];

const SQLITE: &[Row] = &[
    ("STRICT", "CREATE TABLE t (id integer);", "CREATE TABLE t (id integer) STRICT;"),
    ("COLLATE", "CREATE TABLE t (id integer, s text);", "CREATE TABLE t (id integer, s text COLLATE NOCASE);"),
    ("AUTOINCREMENT", "CREATE TABLE t (id integer PRIMARY KEY);", "CREATE TABLE t (id integer PRIMARY KEY AUTOINCREMENT);"),
    ("GENERATED", "CREATE TABLE t (id integer, d integer);", "CREATE TABLE t (id integer, d integer GENERATED ALWAYS AS (id * 2) STORED);"),
    ("WITHOUT ROWID", "CREATE TABLE t (id integer PRIMARY KEY);", "CREATE TABLE t (id integer PRIMARY KEY) WITHOUT ROWID;"),
];

/// Rows known to be silently dropped today, each with its reason: the test fails when one of
/// them starts passing (take it off) or another row fails, so the list stays true.
const PG_OPEN: &[(&str, &str)] = &[];

/// The clauses of `rows` that neither change the migration both ways nor are named by a diagnostic.
fn silent(d: Dialect, rows: &[Row]) -> Vec<String> {
    let mut out = Vec::new();
    for (clause, before, after) in rows {
        let m = generate(before, after, &Options::new(d));
        let changed = !m.up.is_empty() && !m.down.is_empty();
        let c = clause.to_lowercase();
        let named = m.diagnostics.iter().any(|x| !x.diagnostic.ignored && x.diagnostic.message.to_lowercase().contains(&c));
        if !changed && !named {
            out.push(format!("{clause}: {before} → {after}"));
        }
    }
    out
}

#[test]
fn no_postgres_clause_is_silently_dropped() {
    let s = silent(Dialect::Postgres, PG);
    let open = |row: &String| PG_OPEN.iter().any(|(k, _)| row.contains(k));
    let new: Vec<&String> = s.iter().filter(|r| !open(r)).collect();
    assert!(new.is_empty(), "clauses neither carried nor named: {new:#?}");
    let fixed: Vec<&str> = PG_OPEN.iter().map(|(k, _)| *k).filter(|k| !s.iter().any(|r| r.contains(k))).collect();
    assert!(fixed.is_empty(), "rows of PG_OPEN that no longer drop their clause (take them off): {fixed:#?}");
}

#[test]
fn no_mysql_clause_is_silently_dropped() {
    let s = silent(Dialect::Mysql, MYSQL);
    assert!(s.is_empty(), "clauses neither carried nor named: {s:#?}");
}

#[test]
fn no_sqlite_clause_is_silently_dropped() {
    let s = silent(Dialect::Sqlite, SQLITE);
    assert!(s.is_empty(), "clauses neither carried nor named: {s:#?}");
}

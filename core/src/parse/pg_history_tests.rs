//! PostgreSQL migration histories read as the engine applies them; each case was run on
//! PostgreSQL 15 and its `pg_dump --schema-only` compared with the history (no difference either
//! way).

use crate::{generate, Dialect, Options};

/// The history and pg_dump's text of the database it leaves diff as nothing, both ways.
fn same(history: &str, dump: &str) {
    let o = Options::new(Dialect::Postgres);
    for (b, a) in [(history, dump), (dump, history)] {
        let m = generate(b, a, &o);
        assert!(m.up.is_empty() && !m.has_errors(), "{}\n{:#?}", m.up_sql(), m.diagnostics);
    }
}

/// A renamed or moved sequence is still the one the defaults take (PostgreSQL stores it, not its
/// name); a table moved to another schema takes the sequences its columns own along.
#[test]
fn sequences_follow_renames_and_schema_moves() {
    let history = "CREATE SCHEMA x;\nCREATE SEQUENCE s1;\nCREATE TABLE t (id serial, n int DEFAULT nextval('s1'));\n\
                   ALTER SEQUENCE s1 RENAME TO s2;\nALTER SEQUENCE s2 SET SCHEMA x;\nALTER TABLE t RENAME TO t2;\nALTER TABLE t2 SET SCHEMA x;";
    let dump = "CREATE SCHEMA x;\nCREATE SEQUENCE x.s2\n    START WITH 1\n    INCREMENT BY 1\n    NO MINVALUE\n    NO MAXVALUE\n    CACHE 1;\n\
                CREATE TABLE x.t2 (\n    id integer NOT NULL,\n    n integer DEFAULT nextval('x.s2'::regclass)\n);\n\
                CREATE SEQUENCE x.t_id_seq\n    AS integer\n    START WITH 1\n    INCREMENT BY 1\n    NO MINVALUE\n    NO MAXVALUE\n    CACHE 1;\n\
                ALTER SEQUENCE x.t_id_seq OWNED BY x.t2.id;\n\
                ALTER TABLE ONLY x.t2 ALTER COLUMN id SET DEFAULT nextval('x.t_id_seq'::regclass);";
    same(history, dump);
}

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

/// A detached partition keeps what it had from its parent (keys, indexes, checks), attached to
/// nothing; an index created on the parent afterwards does not reach it.
#[test]
fn a_detached_partition_keeps_what_it_had() {
    let history =
        "CREATE TABLE ev (id int NOT NULL, at date NOT NULL, v int CHECK (v > 0), PRIMARY KEY (id, at)) PARTITION BY RANGE (at);\n\
                   CREATE INDEX ev_v ON ev (v);\nCREATE TABLE ev_a PARTITION OF ev FOR VALUES FROM ('2000-01-01') TO ('2025-01-01');\n\
                   ALTER TABLE ev DETACH PARTITION ev_a;\nCREATE INDEX ev_late ON ev (id);";
    let dump = "CREATE TABLE public.ev (\n    id integer NOT NULL,\n    at date NOT NULL,\n    v integer,\n    CONSTRAINT ev_v_check CHECK ((v > 0))\n)\nPARTITION BY RANGE (at);\n\
                CREATE TABLE public.ev_a (\n    id integer NOT NULL,\n    at date NOT NULL,\n    v integer,\n    CONSTRAINT ev_v_check CHECK ((v > 0))\n);\n\
                ALTER TABLE ONLY public.ev_a\n    ADD CONSTRAINT ev_a_pkey PRIMARY KEY (id, at);\n\
                ALTER TABLE ONLY public.ev\n    ADD CONSTRAINT ev_pkey PRIMARY KEY (id, at);\n\
                CREATE INDEX ev_a_v_idx ON public.ev_a USING btree (v);\n\
                CREATE INDEX ev_late ON ONLY public.ev USING btree (id);\nCREATE INDEX ev_v ON ONLY public.ev USING btree (v);";
    same(history, dump);
    // CONCURRENTLY adds a CHECK constraint of the bound: refused, not guessed.
    let p = crate::parse::parse(Dialect::Postgres, &history.replace("DETACH PARTITION ev_a", "DETACH PARTITION ev_a CONCURRENTLY"));
    assert!(p.diagnostics.iter().any(|d| d.is_error() && d.message.contains("CONCURRENTLY")), "{:#?}", p.diagnostics);
}

//! Parser behaviour tests across statement kinds (per-file unit tests live next to the code).

use super::parse;
use crate::model::*;
use crate::Dialect;

fn pg(sql: &str) -> Schema {
    let p = parse(Dialect::Postgres, sql);
    let errors: Vec<_> = p.diagnostics.iter().filter(|d| d.is_error()).map(|d| d.to_string()).collect();
    assert!(errors.is_empty(), "unexpected errors: {errors:#?}");
    p.schema
}

fn t<'a>(s: &'a Schema, name: &str) -> &'a Table {
    s.tables.get(&QName::new("public", name)).unwrap_or_else(|| panic!("no table {name}"))
}

fn names(t: &Table) -> Vec<String> {
    t.constraints.iter().map(|c| c.name.clone().unwrap_or_default()).collect()
}

#[test]
fn pg_create_table_columns_and_constraints() {
    let s = pg("CREATE TABLE users (
        id serial PRIMARY KEY,
        email varchar(255) NOT NULL UNIQUE,
        name text DEFAULT 'x'::text,
        age int CHECK (age >= 0),
        created_at timestamptz DEFAULT now()
    );
    CREATE TABLE posts (
        id bigint GENERATED ALWAYS AS IDENTITY,
        user_id integer REFERENCES users ON DELETE CASCADE,
        title text,
        PRIMARY KEY (id),
        CONSTRAINT title_len CHECK (length(title) > 0)
    );");
    let u = t(&s, "users");
    assert_eq!(u.columns.len(), 5);
    let id = u.column("id").unwrap();
    assert_eq!(id.data_type.to_string(), "integer");
    assert!(!id.nullable && id.serial);
    assert_eq!(id.default.as_deref(), Some("nextval('users_id_seq'::regclass)"));
    assert!(s.sequences.contains_key(&QName::new("public", "users_id_seq")));
    assert_eq!(u.column("email").unwrap().data_type.to_string(), "character varying(255)");
    assert_eq!(u.column("name").unwrap().default.as_deref(), Some("'x'"));
    assert_eq!(u.column("created_at").unwrap().data_type.to_string(), "timestamp with time zone");
    assert_eq!(names(u), ["users_age_check", "users_email_key", "users_pkey"]);
    let p = t(&s, "posts");
    assert_eq!(names(p), ["posts_pkey", "posts_user_id_fkey", "title_len"]);
    let fk = p.constraint("posts_user_id_fkey").unwrap();
    match &fk.kind {
        ConstraintKind::ForeignKey { ref_columns, on_delete, .. } => {
            assert_eq!(ref_columns, &["id"]);
            assert_eq!(*on_delete, FkAction::Cascade);
        }
        k => panic!("{k:?}"),
    }
    assert!(!p.column("id").unwrap().nullable);
}

#[test]
fn pg_alter_table_and_indexes_in_order() {
    let s = pg("CREATE TABLE t (a int, b text);
        ALTER TABLE t ADD COLUMN c boolean NOT NULL DEFAULT false;
        ALTER TABLE t DROP COLUMN b;
        ALTER TABLE ONLY t ADD CONSTRAINT t_pkey PRIMARY KEY (a);
        CREATE INDEX ON t (c);
        CREATE UNIQUE INDEX t_lower ON t USING btree (lower(c::text)) WHERE (a > 0);
        ALTER TABLE t RENAME COLUMN c TO d;
        ALTER TABLE t ALTER COLUMN d DROP DEFAULT, ALTER COLUMN a TYPE bigint;");
    let t = t(&s, "t");
    let cols: Vec<_> = t.columns.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(cols, ["a", "d"]);
    assert_eq!(t.column("a").unwrap().data_type.base, "bigint");
    assert_eq!(t.column("d").unwrap().default, None);
    let ix: Vec<_> = t.indexes.iter().map(|i| i.name.as_str()).collect();
    assert_eq!(ix, ["t_c_idx", "t_lower"]);
    assert_eq!(t.indexes[0].elems[0].expr, "d");
    let l = &t.indexes[1];
    assert!(l.unique && l.elems[0].is_expr && l.method.is_none());
    // The expression follows the rename, as PostgreSQL keeps it (`rename_refs`).
    assert_eq!(l.elems[0].expr, "lower(d::text)");
    assert_eq!(l.predicate.as_deref(), Some("a > 0"));
}

#[test]
fn pg_dump_and_hand_written_ddl_are_the_same_schema() {
    let hand = "CREATE TYPE mood AS ENUM ('sad', 'ok');
        CREATE TABLE items (
            id serial PRIMARY KEY,
            name varchar(40) NOT NULL DEFAULT 'x',
            m mood,
            price numeric(10,2)
        );
        CREATE INDEX items_name_idx ON items (name);
        GRANT SELECT, INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON items TO app;";
    let dump = "--
-- PostgreSQL database dump
--
SET statement_timeout = 0;
SELECT pg_catalog.set_config('search_path', '', false);
CREATE TYPE public.mood AS ENUM (
    'sad',
    'ok'
);
ALTER TYPE public.mood OWNER TO postgres;
CREATE TABLE public.items (
    id integer NOT NULL,
    name character varying(40) DEFAULT 'x'::character varying NOT NULL,
    m public.mood,
    price numeric(10,2)
);
ALTER TABLE public.items OWNER TO postgres;
CREATE SEQUENCE public.items_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;
ALTER SEQUENCE public.items_id_seq OWNED BY public.items.id;
ALTER TABLE ONLY public.items ALTER COLUMN id SET DEFAULT nextval('public.items_id_seq'::regclass);
ALTER TABLE ONLY public.items
    ADD CONSTRAINT items_pkey PRIMARY KEY (id);
CREATE INDEX items_name_idx ON public.items USING btree (name);
GRANT ALL ON TABLE public.items TO app;
";
    let a = parse(Dialect::Postgres, hand);
    let b = parse(Dialect::Postgres, dump);
    assert!(b.diagnostics.iter().all(|d| !d.is_error()), "{:#?}", b.diagnostics);
    assert!(b.diagnostics.iter().any(|d| d.ignored));
    // pg_dump spells serial out (sequence, OWNED BY, nextval default): same model.
    let sa = a.schema.clone();
    assert!(b.schema.tables.values().next().and_then(|t| t.column("id")).map(|c| c.serial).unwrap_or(false));
    assert_eq!(sa.tables, b.schema.tables);
    assert!(sa.same_as(&b.schema), "{:#?}\n{:#?}", sa, b.schema);
}

#[test]
fn bad_statements_are_reported_and_the_rest_applies() {
    let p = parse(
        Dialect::Postgres,
        "CREATE TABLE a (x int);\nCREATE TABLE b (y int garbage here);\nCREATE TABLE c (z int);\nSET search_path = x;",
    );
    assert_eq!(p.schema.tables.len(), 2);
    let errs: Vec<_> = p.diagnostics.iter().filter(|d| d.is_error()).collect();
    assert_eq!(errs.len(), 1);
    assert_eq!(errs[0].line, 2);
    assert_eq!(errs[0].statement, "CREATE TABLE b(y int garbage here ...");
    assert!(p.diagnostics.iter().any(|d| d.ignored && d.line == 4));
}

/// PostgreSQL refuses these names unquoted (checked on PostgreSQL 15: "syntax error at or
/// near"); after a dot, or quoted, any key word is a name.
#[test]
fn pg_reserved_words_declared_as_names_are_reported_at_their_place() {
    let sql = "CREATE TABLE order (id int, user text, CONSTRAINT check UNIQUE (id));\n\
               CREATE INDEX all ON order (id);\nCREATE VIEW select AS SELECT 1;\nCREATE SEQUENCE left;\n\
               ALTER TABLE order ADD COLUMN join int;\nALTER TABLE order RENAME TO from;\n\
               CREATE TABLE public.table (\"order\" int, name text, int int);\nCREATE TABLE Orders (id int);";
    let p = parse(Dialect::Postgres, sql);
    assert!(p.diagnostics.iter().all(|d| !d.is_error()), "{:#?}", p.diagnostics);
    let warned: Vec<(usize, usize, String)> = p
        .diagnostics
        .iter()
        .filter(|d| d.message.contains("in PostgreSQL, which refuses it unquoted"))
        .map(|d| (d.line, d.column, d.message.split('`').nth(1).unwrap_or("").to_string()))
        .collect();
    let want: Vec<(usize, usize, String)> = [
        (1, 14, "order"),
        (1, 29, "user"),
        (1, 51, "check"),
        (2, 14, "all"),
        (3, 13, "select"),
        (4, 17, "left"),
        (5, 30, "join"),
        (6, 29, "from"),
    ]
    .into_iter()
    .map(|(l, c, w)| (l, c, w.to_string()))
    .collect();
    assert_eq!(warned, want);
    // Still read as the names they spell.
    assert!(p.schema.tables.contains_key(&QName::new("public", "from")));
    assert!(p.schema.tables.contains_key(&QName::new("public", "table")));
    // Types, domains and schemas as tables (PostgreSQL refuses `CREATE TYPE left`), functions and
    // procedures only the reserved words (`CREATE FUNCTION left()` runs), all checked on PostgreSQL 15.
    let objects = "CREATE SCHEMA order;\nCREATE TYPE left AS ENUM ('a');\nCREATE DOMAIN order AS int;\n\
                   CREATE FUNCTION left() RETURNS int LANGUAGE sql AS 'select 1';\n\
                   CREATE FUNCTION order() RETURNS int LANGUAGE sql AS 'select 1';\nCREATE TYPE public.order AS ENUM ('a');";
    let p = parse(Dialect::Postgres, objects);
    let at: Vec<(usize, usize)> =
        p.diagnostics.iter().filter(|d| d.message.contains("which refuses it unquoted")).map(|d| (d.line, d.column)).collect();
    assert_eq!(at, [(1, 15), (2, 13), (3, 15), (5, 17)], "{:#?}", p.diagnostics);
    // MySQL and SQLite have their own lists: not these.
    assert!(parse(Dialect::Sqlite, "CREATE TABLE t (left int);").diagnostics.is_empty());
    let sqlite = parse(Dialect::Sqlite, "CREATE TABLE t (id int, \"order\" int, [group] int);\nCREATE TABLE order (x);");
    let at: Vec<(usize, usize)> = sqlite.diagnostics.iter().map(|d| (d.line, d.column)).collect();
    assert_eq!(at, [(2, 14)], "{:#?}", sqlite.diagnostics);
}

#[test]
fn rename_hints() {
    let s = pg("-- schemashift:renamed-from old_t\nCREATE TABLE t (\n  a int, -- schemashift:renamed-from b\n  c int /* @renamed from=d */\n);\nCREATE INDEX i2 ON t (a); -- @renamed from=i1");
    let r: Vec<_> = s.renames.iter().map(|h| (h.kind, h.from.as_str(), h.to.as_str())).collect();
    assert!(r.contains(&(RenameKind::Table, "old_t", "t")), "{r:?}");
    assert!(r.contains(&(RenameKind::Column, "b", "a")), "{r:?}");
    assert!(r.contains(&(RenameKind::Column, "d", "c")), "{r:?}");
    assert!(r.contains(&(RenameKind::Index, "i1", "i2")), "{r:?}");
}

#[test]
fn never_panics_on_garbage() {
    let samples = [
        "",
        ";;;",
        "(",
        ")",
        "'",
        "\"",
        "$$",
        "$a$ x",
        "/*",
        "--",
        "CREATE",
        "CREATE TABLE",
        "CREATE TABLE t (",
        "CREATE TABLE t (a",
        "ALTER TABLE",
        "ALTER TABLE t ADD",
        "CREATE INDEX ON",
        "DROP",
        "COMMENT ON",
        "CREATE TABLE t (a int, CONSTRAINT)",
        "\u{0}\u{1}\u{ff}",
        "CREATE TABLE t (a int[[[)",
        "CREATE TYPE x AS ENUM (",
        "DELIMITER",
        "/*!40101",
        "CREATE FUNCTION f( RETURNS",
        "CREATE TRIGGER t BEFORE",
        "ALTER TABLE t ALTER COLUMN",
    ];
    let mut seed: u64 = 42;
    let alphabet: Vec<char> = "abc (),;'\"`$-/*!\n0123456789 CREATE TABLE INDEX ON ALTER ADD DROP KEY PRIMARY".chars().collect();
    let mut random = Vec::new();
    for _ in 0..300 {
        let mut s = String::new();
        for _ in 0..(seed % 80) {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            s.push(alphabet[(seed >> 33) as usize % alphabet.len()]);
        }
        random.push(s);
    }
    for d in Dialect::ALL {
        for s in samples.iter().map(|s| s.to_string()).chain(random.iter().cloned()) {
            let _ = parse(d, &s);
            let _ = parse(d, &format!("CREATE TABLE t (a int);\n{s}"));
        }
        let deep = format!("CREATE TABLE t (a int CHECK {}1{});", "(".repeat(5000), ")".repeat(5000));
        let _ = parse(d, &deep);
    }
}

#[test]
fn renames_follow_references() {
    let s = pg("CREATE TYPE m AS ENUM ('a');
        CREATE TABLE p (id int PRIMARY KEY);
        CREATE TABLE c (pid int REFERENCES p (id), v m);
        ALTER TABLE p RENAME COLUMN id TO pk;
        ALTER TABLE p RENAME TO parent;
        ALTER TYPE m RENAME TO mood;");
    let c = t(&s, "c");
    match &c.constraints[0].kind {
        ConstraintKind::ForeignKey { ref_table, ref_columns, .. } => {
            assert_eq!(ref_table.name, "parent");
            assert_eq!(ref_columns, &["pk"]);
        }
        k => panic!("{k:?}"),
    }
    assert_eq!(c.column("v").unwrap().data_type.base, "mood");
    assert_eq!(t(&s, "parent").primary_key_columns(), ["pk"]);
}

#[test]
fn mysql_dump_noise_and_implicit_names() {
    let p = parse(
        Dialect::Mysql,
        "/*!40101 SET @OLD_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT */;
DROP TABLE IF EXISTS `t`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
CREATE TABLE `p` (`id` int(11) NOT NULL, PRIMARY KEY (`id`)) ENGINE=InnoDB;
CREATE TABLE `t` (
  `id` int(11) NOT NULL AUTO_INCREMENT,
  `a` varchar(10) DEFAULT NULL,
  `pid` int(11) DEFAULT NULL,
  PRIMARY KEY (`id`),
  UNIQUE KEY (`a`),
  UNIQUE KEY (`a`, `id`),
  FOREIGN KEY (`pid`) REFERENCES `p` (`id`)
) ENGINE=InnoDB AUTO_INCREMENT=3 DEFAULT CHARSET=utf8mb4;
LOCK TABLES `t` WRITE;
UNLOCK TABLES;
RENAME TABLE `t` TO `t2`;",
    );
    assert!(p.diagnostics.iter().all(|d| !d.is_error()), "{:#?}", p.diagnostics);
    let t = &p.schema.tables[&QName::new("", "t2")];
    assert_eq!(names(t), ["PRIMARY", "a", "a_2", "t_ibfk_1"]);
    assert_eq!(t.indexes.iter().map(|i| i.name.as_str()).collect::<Vec<_>>(), ["pid"]);
    assert_eq!(t.column("id").unwrap().data_type.to_string(), "int");
    assert!(t.column("id").unwrap().auto_increment);
    assert_eq!(t.column("a").unwrap().default, None);
}

#[test]
fn sqlite_schema() {
    let p = parse(
        Dialect::Sqlite,
        "CREATE TABLE t (id INTEGER PRIMARY KEY AUTOINCREMENT, a TEXT UNIQUE, b, CHECK (a <> ''));
CREATE TABLE sqlite_sequence(name,seq);
CREATE TRIGGER tr AFTER INSERT ON t BEGIN UPDATE t SET b = 1; END;",
    );
    assert!(p.diagnostics.iter().all(|d| !d.is_error()), "{:#?}", p.diagnostics);
    let t = &p.schema.tables[&QName::new("", "t")];
    assert!(t.constraints.iter().all(|c| c.name.is_none()));
    assert_eq!(t.column("b").unwrap().data_type.base, "");
    assert_eq!(p.schema.tables.len(), 1);
    assert_eq!(p.schema.triggers.len(), 1);
}

#[test]
fn mysql_history() {
    let p = parse(
        Dialect::Mysql,
        "CREATE TABLE p (id int PRIMARY KEY);
CREATE TABLE t (id int PRIMARY KEY, a int, b varchar(10), c text);
ALTER TABLE t ADD INDEX idx_a (a), ADD UNIQUE KEY uk_b (b), ADD FULLTEXT ft (c);
ALTER TABLE t ADD CONSTRAINT fk_a FOREIGN KEY (a) REFERENCES p (id);
ALTER TABLE t MODIFY COLUMN b varchar(20) NOT NULL AFTER a;
ALTER TABLE t CHANGE c body text;
ALTER TABLE t DROP INDEX uk_b, RENAME INDEX idx_a TO idx_a2;
ALTER TABLE t ADD COLUMN d int DEFAULT 0 FIRST;
CREATE INDEX idx_d ON t (d);
DROP INDEX idx_d ON t;",
    );
    assert!(p.diagnostics.iter().all(|d| !d.is_error()), "{:#?}", p.diagnostics);
    let t = &p.schema.tables[&QName::new("", "t")];
    let ix: Vec<_> = t.indexes.iter().map(|i| i.name.as_str()).collect();
    assert_eq!(ix, ["ft", "idx_a2"]);
    assert_eq!(names(t), ["PRIMARY", "fk_a"]);
    let b = t.column("b").unwrap();
    assert_eq!((b.data_type.to_string().as_str(), b.nullable), ("varchar(20)", false));
    assert!(t.column("body").is_some() && t.column("c").is_none());
    assert_eq!(t.index("ft").unwrap().elems[0].expr, "body");
    assert_eq!(t.column("d").unwrap().default.as_deref(), Some("0"));
}

#[test]
fn sqlite_history() {
    let p = parse(
        Dialect::Sqlite,
        "CREATE TABLE t (a INTEGER);
ALTER TABLE t ADD COLUMN b TEXT NOT NULL DEFAULT '';
ALTER TABLE t RENAME COLUMN a TO id;
CREATE UNIQUE INDEX IF NOT EXISTS t_b ON t (b);
CREATE UNIQUE INDEX IF NOT EXISTS t_b ON t (b);
ALTER TABLE t RENAME TO t2;",
    );
    assert!(p.diagnostics.iter().all(|d| !d.is_error()), "{:#?}", p.diagnostics);
    let t = &p.schema.tables[&QName::new("", "t2")];
    assert_eq!(t.columns.iter().map(|c| c.name.as_str()).collect::<Vec<_>>(), ["id", "b"]);
    assert!(t.index("t_b").unwrap().unique);
    assert_eq!(p.diagnostics.iter().filter(|d| d.ignored).count(), 1);
}

#[test]
fn pg_replica_identity() {
    let s = pg("CREATE TABLE t (a int NOT NULL); CREATE UNIQUE INDEX t_a ON t (a);
ALTER TABLE ONLY t REPLICA IDENTITY USING INDEX t_a;");
    assert_eq!(t(&s, "t").options.replica_identity.as_deref(), Some("USING INDEX t_a"));
    let s = pg("CREATE TABLE t (a int); ALTER TABLE t REPLICA IDENTITY FULL; ALTER TABLE t REPLICA IDENTITY DEFAULT;");
    assert_eq!(t(&s, "t").options.replica_identity, None);
}

#[test]
fn pg_routine_in_mode_is_the_default() {
    let hand = pg("CREATE PROCEDURE p(val integer, INOUT r integer) LANGUAGE sql AS $$ SELECT 1 $$;");
    let dump = pg("CREATE PROCEDURE public.p(IN val integer, INOUT r integer) LANGUAGE sql AS $$ SELECT 1 $$;");
    assert!(hand.same_as(&dump), "{:#?}\n{:#?}", hand.functions, dump.functions);
    let def = hand.functions.values().next().map(|f| f.definition.clone()).unwrap_or_default();
    assert!(def.contains("(val integer, INOUT r integer)"), "{def}");
}

/// What pg_dump prints (PostgreSQL 15) for hand-written definitions it stores in another form:
/// an aggregate's types (`int` → `integer`), a trigger's `WHEN` on a `varchar` column (casts to
/// `text`), a partial index's enum literal (cast to the enum type), `RETURNS TABLE (r int)`, hash
/// partitions (`FOR VALUES WITH (MODULUS ...)` was an error). Each pair diffs as nothing.
#[test]
fn pg_dump_forms_of_hand_written_definitions_compare_equal() {
    let hand = "CREATE SCHEMA app;\nCREATE TYPE app.status AS ENUM ('new', 'shipped');\n\
                CREATE TABLE app.c (id int, name varchar(200), s app.status);\n\
                CREATE INDEX c_s_idx ON app.c (s) WHERE s <> 'shipped';\n\
                CREATE FUNCTION app.touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;\n\
                CREATE TRIGGER c_touch BEFORE UPDATE ON app.c FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name) EXECUTE FUNCTION app.touch();\n\
                CREATE AGGREGATE app.mysum(int) (SFUNC = int4pl, STYPE = int, INITCOND = '0');\n\
                CREATE FUNCTION app.f(a integer) RETURNS TABLE (r int) LANGUAGE sql STABLE AS $$ SELECT a $$;\n\
                CREATE TABLE app.h (id int) PARTITION BY HASH (id);\n\
                CREATE TABLE app.h0 PARTITION OF app.h FOR VALUES WITH (MODULUS 2, REMAINDER 0);\n\
                CREATE TABLE app.h1 PARTITION OF app.h FOR VALUES WITH (MODULUS 2, REMAINDER 1) WITH (fillfactor = 90);";
    let dump = "CREATE SCHEMA app;\nCREATE TYPE app.status AS ENUM (\n    'new',\n    'shipped'\n);\n\
                CREATE FUNCTION app.touch() RETURNS trigger\n    LANGUAGE plpgsql\n    AS $$ BEGIN RETURN NEW; END $$;\n\
                CREATE AGGREGATE app.mysum(integer) (\n    SFUNC = int4pl,\n    STYPE = integer,\n    INITCOND = '0'\n);\n\
                CREATE TABLE app.c (\n    id integer,\n    name character varying(200),\n    s app.status\n);\n\
                CREATE INDEX c_s_idx ON app.c USING btree (s) WHERE (s <> 'shipped'::app.status);\n\
                CREATE TRIGGER c_touch BEFORE UPDATE ON app.c FOR EACH ROW WHEN (((OLD.name)::text IS DISTINCT FROM (NEW.name)::text)) EXECUTE FUNCTION app.touch();\n\
                CREATE FUNCTION app.f(a integer) RETURNS TABLE(r integer)\n    LANGUAGE sql STABLE\n    AS $$ SELECT a $$;\n\
                CREATE TABLE app.h (\n    id integer\n)\nPARTITION BY HASH (id);\n\
                CREATE TABLE app.h0 (\n    id integer\n);\nCREATE TABLE app.h1 (\n    id integer\n)\nWITH (fillfactor='90');\n\
                ALTER TABLE ONLY app.h ATTACH PARTITION app.h0 FOR VALUES WITH (modulus 2, remainder 0);\n\
                ALTER TABLE ONLY app.h ATTACH PARTITION app.h1 FOR VALUES WITH (modulus 2, remainder 1);";
    let o = crate::Options::new(Dialect::Postgres);
    for (b, a) in [(hand, dump), (dump, hand)] {
        let m = crate::generate(b, a, &o);
        assert!(m.up.is_empty() && !m.has_errors(), "{}\n{:#?}", m.up_sql(), m.diagnostics);
    }
    // A different literal, type or condition is still a change.
    let m = crate::generate(hand, &hand.replace("s <> 'shipped'", "s <> 'new'"), &o);
    assert!(m.up_sql().contains("CREATE INDEX"), "{}", m.up_sql());
    let m = crate::generate(hand, &hand.replace("STYPE = int,", "STYPE = bigint,"), &o);
    assert!(m.up_sql().contains("CREATE AGGREGATE"), "{}", m.up_sql());
    let m = crate::generate(hand, &hand.replace("OLD.name IS DISTINCT FROM NEW.name", "OLD.id IS DISTINCT FROM NEW.id"), &o);
    assert!(m.up_sql().contains("CREATE TRIGGER"), "{}", m.up_sql());
}

#[test]
fn alter_table_edits_the_table_in_its_place() {
    // Implicit names skip other relations' names and other tables' keys, and the table's own.
    let s = pg("CREATE TABLE t_a_key (x int);
        CREATE TABLE t (id int PRIMARY KEY, a int);
        CREATE TABLE u (b int, CONSTRAINT t_a_key1 UNIQUE (b));
        ALTER TABLE t ADD UNIQUE (a), ADD UNIQUE (a);
        ALTER TABLE t ADD COLUMN pid int REFERENCES u (b);");
    let mut n = names(t(&s, "t"));
    n.sort();
    assert_eq!(n, ["t_a_key2", "t_a_key3", "t_pid_fkey", "t_pkey"]);
    // A rename moves it, and the other tables' keys follow.
    let s = pg("CREATE TABLE t (id int PRIMARY KEY); CREATE TABLE c (tid int REFERENCES t (id));
        ALTER TABLE t RENAME TO t2;");
    assert!(!s.tables.contains_key(&QName::new("public", "t")));
    let fk = t(&s, "c").foreign_keys().next().map(|k| k.kind.clone());
    assert!(matches!(fk, Some(ConstraintKind::ForeignKey { ref ref_table, .. }) if ref_table.name == "t2"), "{fk:?}");
    // Its own place holds no table while its actions run: attaching it to itself is an error.
    let p = parse(Dialect::Postgres, "CREATE TABLE t (a int) PARTITION BY LIST (a); ALTER TABLE t ATTACH PARTITION t DEFAULT;");
    assert!(p.diagnostics.iter().any(|d| d.is_error() && d.message.contains("unknown partition table")), "{:?}", p.diagnostics);
    assert!(t(&p.schema, "t").options.partition_of.is_none());
}

/// Found by applying each form on PostgreSQL 15 and reading the catalog (pg_dump):
/// a repeated index column name is numbered (`t_expr_expr1_idx`), array dimensions are not
/// kept (`int[][][]` is `integer[]`), and `GRANT ... ON s` naming a sequence grants on it.
#[test]
fn pg_index_names_array_types_and_sequence_grants_as_the_engine_keeps_them() {
    let s = pg("CREATE TABLE t (x int, arr int[][][], m int ARRAY[4]);
        CREATE INDEX ON t ((x + 1), (x + 2));
        CREATE INDEX ON t (lower(x::text), lower((x + 1)::text)) INCLUDE (x);
        CREATE SEQUENCE s;
        GRANT USAGE, INSERT ON s TO PUBLIC;
        GRANT ALL ON TABLE s TO r2;");
    let ix: Vec<&str> = t(&s, "t").indexes.iter().map(|i| i.name.as_str()).collect();
    assert_eq!(ix, ["t_expr_expr1_idx", "t_lower_lower1_x_idx"]);
    let dims: Vec<u8> = t(&s, "t").columns.iter().skip(1).map(|c| c.data_type.array_dims).collect();
    assert_eq!(dims, [1, 1]);
    let grants: Vec<(String, String, String)> = s.grants.iter().map(|g| (g.kind.clone(), g.privilege.clone(), g.grantee.clone())).collect();
    assert_eq!(
        grants,
        [
            ("SEQUENCE".into(), "SELECT".into(), "r2".into()),
            ("SEQUENCE".into(), "UPDATE".into(), "r2".into()),
            ("SEQUENCE".into(), "USAGE".into(), "PUBLIC".into()),
            ("SEQUENCE".into(), "USAGE".into(), "r2".into()),
        ]
    );
}

/// A function's body may name a table declared after it (pg_dump's order): the model is the
/// same whichever comes first.
#[test]
fn pg_routine_dependencies_do_not_depend_on_statement_order() {
    let f = "CREATE FUNCTION sum_orders() RETURNS numeric LANGUAGE sql AS $$ SELECT sum(total) FROM public.orders $$;";
    let tbl = "CREATE TABLE orders (id int, total numeric);";
    let a = pg(&format!("{f}\n{tbl}"));
    let b = pg(&format!("{tbl}\n{f}"));
    assert_eq!(a.functions, b.functions);
    let deps: Vec<&QName> = a.functions.values().flat_map(|f| &f.depends_on).collect();
    assert_eq!(deps, [&QName::new("public", "orders")]);
    // A parameter named like a view is not the view.
    let s = pg("CREATE TABLE t (id int, amount numeric);
        CREATE FUNCTION calc(v numeric) RETURNS numeric LANGUAGE sql AS $$ SELECT v * 2 $$;
        CREATE VIEW v AS SELECT id, calc(amount) AS r FROM t;");
    assert!(s.functions.values().all(|f| f.depends_on.is_empty()), "{:?}", s.functions);
}

/// MySQL: a view's tables qualified by the current database read as the schema's own.
#[test]
fn mysql_view_tables_qualified_by_the_database() {
    let p = parse(
        Dialect::Mysql,
        "CREATE TABLE users (id bigint);\nCREATE VIEW v AS SELECT u.id FROM (appdb.users AS u) WHERE appdb.users.id > 0;",
    );
    let v = p.schema.views.values().next().unwrap();
    assert_eq!(v.depends_on, [QName::new("", "users")]);
    assert!(!v.definition.contains("appdb"), "{}", v.definition);
}

/// pg_dump's text of a view (PostgreSQL 15) and the view as written are one view: `*`
/// written out, `HAVING (...)`, a select item's parentheses, `pg_catalog.` before a function.
#[test]
fn pg_views_as_written_and_as_dumped_are_the_same() {
    let ddl = pg("CREATE TABLE users (id integer, name text, ts timestamp);
        CREATE VIEW v1 AS SELECT * FROM users;
        CREATE VIEW v2 AS SELECT name, count(*) AS n FROM users GROUP BY name HAVING count(*) > 1;
        CREATE VIEW v3 AS SELECT id + 1 AS next, date_part('year', ts) AS y FROM users;
        CREATE VIEW v4 AS SELECT DISTINCT ON (name) name FROM users ORDER BY name;");
    let dump = pg("CREATE TABLE public.users (id integer, name text, ts timestamp without time zone);
        CREATE VIEW public.v1 AS\n SELECT users.id,\n    users.name,\n    users.ts\n   FROM public.users;
        CREATE VIEW public.v2 AS\n SELECT users.name,\n    count(*) AS n\n   FROM public.users\n  GROUP BY users.name\n HAVING (count(*) > 1);
        CREATE VIEW public.v3 AS\n SELECT (users.id + 1) AS next,\n    pg_catalog.date_part('year'::text, users.ts) AS y\n   FROM public.users;
        CREATE VIEW public.v4 AS\n SELECT DISTINCT ON (users.name) users.name\n   FROM public.users\n  ORDER BY users.name;");
    let defs = |s: &Schema| s.views.values().map(|v| v.definition.clone()).collect::<Vec<_>>();
    assert_eq!(defs(&ddl), defs(&dump));
    assert!(defs(&ddl)[3].contains("DISTINCT ON (name)"), "{:?}", defs(&ddl));
}

/// `IS NOT DISTINCT FROM` in a one-table view (pg_dump: `NOT (orders.status IS DISTINCT FROM ...)`).
#[test]
fn pg_view_with_is_not_distinct_from() {
    let ddl = pg("CREATE TABLE orders (id int, status text);
        CREATE VIEW p AS SELECT id FROM orders WHERE status IS NOT DISTINCT FROM 'pending';");
    let dump = pg(
        "CREATE TABLE public.orders (id integer, status text);
        CREATE VIEW public.p AS\n SELECT orders.id\n   FROM public.orders\n  WHERE (NOT (orders.status IS DISTINCT FROM 'pending'::text));",
    );
    let defs = |s: &Schema| s.views.values().map(|v| v.definition.clone()).collect::<Vec<_>>();
    assert_eq!(defs(&ddl), defs(&dump));
}

/// MariaDB prints a view's table aliases without `AS` (10.11's SHOW CREATE VIEW / mariadb-dump).
#[test]
fn mysql_view_alias_without_as() {
    let v = mysql_view_definitions;
    let t = "CREATE TABLE users (id bigint);\nCREATE TABLE posts (id bigint, user_id bigint);\n";
    assert_eq!(
        v(&format!("{t}CREATE VIEW foo AS select u.id as id, p.id as post_id from (users as u join posts as p on ((u.id = p.user_id)));")),
        v(&format!("{t}CREATE VIEW `foo` AS select `u`.`id` AS `id`,`p`.`id` AS `post_id` from (`users` `u` join `posts` `p` on(`u`.`id` = `p`.`user_id`));"))
    );
}

/// MariaDB 10.11 prints a window's `ORDER BY x ASC` as `ORDER BY x` (and the view's database
/// qualifier and `AS` of an alias not at all).
#[test]
fn mysql_view_window_order_default_direction() {
    let v = mysql_view_definitions;
    let t = "CREATE TABLE prices (id bigint NOT NULL, start_at datetime);\n";
    assert_eq!(
        v(&format!("{t}CREATE OR REPLACE VIEW `foo2` AS select lead(p.start_at, 1) over(partition by p.start_at order by p.start_at asc) as end_at from mysqldef_test.prices as p;")),
        v(&format!("{t}CREATE VIEW `foo2` AS select lead(`p`.`start_at`,1) over ( partition by `p`.`start_at` order by `p`.`start_at`) AS `end_at` from `prices` `p`;"))
    );
}

/// The canonical text of every view of a MySQL schema.
fn mysql_view_definitions(sql: &str) -> Vec<String> {
    parse(Dialect::Mysql, sql).schema.views.values().map(|v| v.definition.clone()).collect()
}

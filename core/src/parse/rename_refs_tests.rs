//! Each expected text is what the engine holds after the history (PostgreSQL 15, SQLite 3.40,
//! MariaDB 10.11), as its dump prints it: the history and its dump must give the same model.

use crate::parse::parse;
use crate::Dialect;

/// The model of `history` against the model of `dump`: no difference.
fn same(d: Dialect, history: &str, dump: &str) {
    let a = parse(d, history);
    let b = parse(d, dump);
    for p in [&a, &b] {
        assert!(p.diagnostics.iter().all(|x| !x.is_error()), "{:?}", p.diagnostics);
    }
    assert_eq!(format!("{:#?}", a.schema.tables), format!("{:#?}", b.schema.tables));
    assert_eq!(
        format!("{:#?}", a.schema.views.values().map(|v| (&v.name, &v.definition)).collect::<Vec<_>>()),
        format!("{:#?}", b.schema.views.values().map(|v| (&v.name, &v.definition)).collect::<Vec<_>>())
    );
    assert_eq!(format!("{:#?}", a.schema.triggers), format!("{:#?}", b.schema.triggers));
    assert_eq!(a.schema.grants, b.schema.grants);
}

#[test]
fn postgres_expressions_follow_a_column_rename() {
    same(
        Dialect::Postgres,
        "CREATE TABLE a (id int PRIMARY KEY, name text CHECK (name <> ''), qty int, total int GENERATED ALWAYS AS (qty * 2) STORED);\n\
         CREATE INDEX a_name ON a (lower(name)) WHERE qty > 1;\n\
         CREATE INDEX a_inc ON a (id) INCLUDE (qty);\n\
         ALTER TABLE a RENAME COLUMN name TO title;\nALTER TABLE a RENAME COLUMN qty TO quantity;",
        "CREATE TABLE public.a (id integer NOT NULL, title text, quantity integer,\n\
         total integer GENERATED ALWAYS AS ((quantity * 2)) STORED, CONSTRAINT a_name_check CHECK ((title <> ''::text)));\n\
         ALTER TABLE ONLY public.a ADD CONSTRAINT a_pkey PRIMARY KEY (id);\n\
         CREATE INDEX a_inc ON public.a USING btree (id) INCLUDE (quantity);\n\
         CREATE INDEX a_name ON public.a USING btree (lower(title)) WHERE (quantity > 1);",
    );
}

#[test]
fn postgres_views_triggers_policies_grants_follow_renames() {
    same(
        Dialect::Postgres,
        "CREATE TABLE a (id int PRIMARY KEY, name text, qty int);\n\
         CREATE TABLE b (id int PRIMARY KEY, a_id int, note text);\n\
         CREATE VIEW va AS SELECT id, name FROM a WHERE qty > 0;\n\
         CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;\n\
         CREATE TRIGGER ta BEFORE UPDATE OF name ON a FOR EACH ROW EXECUTE FUNCTION f();\n\
         CREATE TRIGGER tb BEFORE UPDATE OF note ON b FOR EACH ROW WHEN (OLD.note IS DISTINCT FROM NEW.note) EXECUTE FUNCTION f();\n\
         CREATE POLICY p ON a USING (name = current_user);\n\
         GRANT SELECT (name) ON a TO PUBLIC;\n\
         CREATE TABLE p (id int, k text) PARTITION BY LIST (k);\n\
         ALTER TABLE p RENAME COLUMN k TO kind;\n\
         ALTER TABLE a RENAME TO items;\nALTER TABLE items RENAME COLUMN name TO title;\nALTER TABLE items RENAME COLUMN qty TO quantity;\n\
         ALTER TABLE b RENAME COLUMN note TO remark;",
        "CREATE FUNCTION public.f() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;\n\
         CREATE TABLE public.b (id integer NOT NULL, a_id integer, remark text);\n\
         CREATE TABLE public.items (id integer NOT NULL, title text, quantity integer);\n\
         CREATE TABLE public.p (id integer, kind text) PARTITION BY LIST (kind);\n\
         CREATE VIEW public.va AS\n SELECT items.id,\n    items.title AS name\n   FROM public.items\n  WHERE (items.quantity > 0);\n\
         ALTER TABLE ONLY public.b ADD CONSTRAINT b_pkey PRIMARY KEY (id);\n\
         ALTER TABLE ONLY public.items ADD CONSTRAINT a_pkey PRIMARY KEY (id);\n\
         CREATE TRIGGER ta BEFORE UPDATE OF title ON public.items FOR EACH ROW EXECUTE FUNCTION public.f();\n\
         CREATE TRIGGER tb BEFORE UPDATE OF remark ON public.b FOR EACH ROW WHEN ((old.remark IS DISTINCT FROM new.remark)) EXECUTE FUNCTION public.f();\n\
         CREATE POLICY p ON public.items USING ((title = CURRENT_USER));\n\
         GRANT SELECT(title) ON TABLE public.items TO PUBLIC;",
    );
}

#[test]
fn sqlite_rewrites_views_triggers_and_indexes() {
    same(
        Dialect::Sqlite,
        "CREATE TABLE a (id INTEGER PRIMARY KEY, name TEXT, qty INT CHECK (qty >= 0));\n\
         CREATE TABLE b (id INTEGER PRIMARY KEY, a_id INT REFERENCES a(id), note TEXT);\n\
         CREATE VIEW va AS SELECT id, name FROM a WHERE qty > 0;\n\
         CREATE VIEW vb AS SELECT b.id, a.name FROM b JOIN a ON a.id = b.a_id;\n\
         CREATE TRIGGER tb AFTER INSERT ON b BEGIN UPDATE a SET qty = qty + 1 WHERE id = NEW.a_id; END;\n\
         CREATE INDEX a_name ON a(name);\n\
         CREATE INDEX a_low ON a(lower(name)) WHERE qty > 0;\n\
         ALTER TABLE a RENAME COLUMN name TO title;\nALTER TABLE a RENAME TO items;\nALTER TABLE b RENAME COLUMN a_id TO item_id;",
        "CREATE TABLE IF NOT EXISTS \"items\" (id INTEGER PRIMARY KEY, title TEXT, qty INT CHECK (qty >= 0));\n\
         CREATE TABLE b (id INTEGER PRIMARY KEY, item_id INT REFERENCES \"items\"(id), note TEXT);\n\
         CREATE VIEW va AS SELECT id, title FROM \"items\" WHERE qty > 0\n/* va(id,title) */;\n\
         CREATE VIEW vb AS SELECT b.id, \"items\".title FROM b JOIN \"items\" ON \"items\".id = b.item_id\n/* vb(id,title) */;\n\
         CREATE TRIGGER tb AFTER INSERT ON b BEGIN UPDATE \"items\" SET qty = qty + 1 WHERE id = NEW.item_id; END;\n\
         CREATE INDEX a_name ON \"items\"(title);\n\
         CREATE INDEX a_low ON \"items\"(lower(title)) WHERE qty > 0;",
    );
}

#[test]
fn mariadb_rewrites_checks_and_generated_columns_and_moves_triggers() {
    same(
        Dialect::Mysql,
        "CREATE TABLE a (id int PRIMARY KEY, name varchar(20) CHECK (name <> ''), qty int, total int AS (qty*2) STORED,\n\
         CONSTRAINT ck CHECK (qty >= 0 AND qty < id), KEY kq (qty));\n\
         CREATE TRIGGER ta BEFORE UPDATE ON a FOR EACH ROW SET NEW.qty = NEW.qty + 1;\n\
         ALTER TABLE a RENAME COLUMN name TO title;\nALTER TABLE a RENAME COLUMN qty TO quantity;\nRENAME TABLE a TO items;",
        "CREATE TABLE `items` (\n  `id` int(11) NOT NULL,\n  `title` varchar(20) DEFAULT NULL CHECK (`title` <> ''),\n\
         `quantity` int(11) DEFAULT NULL,\n  `total` int(11) GENERATED ALWAYS AS (`quantity` * 2) STORED,\n  PRIMARY KEY (`id`),\n\
         KEY `kq` (`quantity`),\n  CONSTRAINT `ck` CHECK (`quantity` >= 0 and `quantity` < `id`)\n) ENGINE=InnoDB;\n\
         CREATE TRIGGER ta BEFORE UPDATE ON `items` FOR EACH ROW SET NEW.qty = NEW.qty + 1;",
    );
}

/// A function named like the column, a cast to a type named like it, an alias and another
/// table's column are not the column.
#[test]
fn only_references_are_rewritten() {
    let p = parse(
        Dialect::Postgres,
        "CREATE TABLE t (id int, name text, CHECK (name(id) IS NOT NULL AND id::name <> '' AND x.name > name));\n\
         ALTER TABLE t RENAME COLUMN name TO title;",
    );
    let t = p.schema.tables.values().next().unwrap();
    let crate::model::ConstraintKind::Check { expr, .. } = &t.constraints[0].kind else { panic!() };
    assert_eq!(expr, "name(id) IS NOT NULL AND id::name <> '' AND x.name > title");
}

/// A partitioned table's column rename reaches its partitions; a table moved by `SET SCHEMA`
/// takes its trigger along and its views read it from there.
#[test]
fn postgres_partitions_and_set_schema() {
    same(
        Dialect::Postgres,
        "CREATE TABLE m (id int, k text, v int CHECK (v > 0)) PARTITION BY LIST (k);\n\
         CREATE TABLE m1 PARTITION OF m FOR VALUES IN ('a');\n\
         CREATE TABLE m2 (id int, k text, v int CONSTRAINT m_v_check CHECK (v > 0));\n\
         ALTER TABLE m ATTACH PARTITION m2 FOR VALUES IN ('b');\n\
         CREATE INDEX m_v ON m (v);\n\
         ALTER TABLE m RENAME COLUMN v TO value;\n\
         CREATE SCHEMA s2;\n\
         CREATE TABLE tt (id int, a int CHECK (a > 1));\n\
         CREATE VIEW vtt AS SELECT id, a FROM tt;\n\
         CREATE TRIGGER x BEFORE INSERT ON tt FOR EACH ROW EXECUTE FUNCTION suppress_redundant_updates_trigger();\n\
         ALTER TABLE tt SET SCHEMA s2;",
        "CREATE SCHEMA s2;\n\
         CREATE TABLE public.m (id integer, k text, value integer, CONSTRAINT m_v_check CHECK ((value > 0))) PARTITION BY LIST (k);\n\
         CREATE TABLE public.m1 (id integer, k text, value integer, CONSTRAINT m_v_check CHECK ((value > 0)));\n\
         CREATE TABLE public.m2 (id integer, k text, value integer, CONSTRAINT m_v_check CHECK ((value > 0)));\n\
         CREATE TABLE s2.tt (id integer, a integer, CONSTRAINT tt_a_check CHECK ((a > 1)));\n\
         CREATE VIEW public.vtt AS\n SELECT tt.id,\n    tt.a\n   FROM s2.tt;\n\
         ALTER TABLE ONLY public.m ATTACH PARTITION public.m1 FOR VALUES IN ('a');\n\
         ALTER TABLE ONLY public.m ATTACH PARTITION public.m2 FOR VALUES IN ('b');\n\
         CREATE INDEX m_v ON ONLY public.m USING btree (value);\n\
         CREATE INDEX m1_v_idx ON public.m1 USING btree (value);\n\
         CREATE INDEX m2_v_idx ON public.m2 USING btree (value);\n\
         ALTER INDEX public.m_v ATTACH PARTITION public.m1_v_idx;\n\
         ALTER INDEX public.m_v ATTACH PARTITION public.m2_v_idx;\n\
         CREATE TRIGGER x BEFORE INSERT ON s2.tt FOR EACH ROW EXECUTE FUNCTION suppress_redundant_updates_trigger();",
    );
}

/// `ALTER FUNCTION ... RENAME TO / SET SCHEMA` (its trigger and comment follow), `ALTER VIEW
/// ... RENAME TO` (a view reading it follows), `ALTER TYPE ... RENAME VALUE` (a default of the
/// value follows): the history and PostgreSQL 15's dump of it are one schema.
#[test]
fn postgres_routine_view_and_enum_value_renames() {
    let history = "CREATE TYPE mood AS ENUM ('sad', 'ok');\n\
         CREATE TABLE p (id int PRIMARY KEY, m mood DEFAULT 'ok', note text);\n\
         CREATE VIEW v1 AS SELECT id, note FROM p;\nCREATE VIEW v2 AS SELECT id FROM v1;\n\
         CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;\n\
         CREATE TRIGGER tp BEFORE INSERT ON p FOR EACH ROW EXECUTE FUNCTION f();\n\
         ALTER TYPE mood RENAME TO feeling;\nALTER TYPE feeling RENAME VALUE 'ok' TO 'fine';\n\
         ALTER VIEW v1 RENAME TO w1;\nALTER FUNCTION f() RENAME TO g;\nCREATE SCHEMA core;\n\
         CREATE FUNCTION add1(a int) RETURNS int LANGUAGE sql AS $$ SELECT a + 1 $$;\n\
         COMMENT ON FUNCTION add1(int) IS 'adds';\n\
         ALTER FUNCTION add1(integer) RENAME TO plus1;\nALTER FUNCTION plus1 SET SCHEMA core;";
    let dump = "CREATE SCHEMA core;\nCREATE TYPE public.feeling AS ENUM ('sad', 'fine');\n\
         CREATE FUNCTION core.plus1(a integer) RETURNS integer LANGUAGE sql AS $$ SELECT a + 1 $$;\n\
         COMMENT ON FUNCTION core.plus1(a integer) IS 'adds';\n\
         CREATE FUNCTION public.g() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;\n\
         CREATE TABLE public.p (id integer NOT NULL, m public.feeling DEFAULT 'fine'::public.feeling, note text);\n\
         CREATE VIEW public.w1 AS\n SELECT p.id,\n    p.note\n   FROM public.p;\n\
         CREATE VIEW public.v2 AS\n SELECT w1.id\n   FROM public.w1;\n\
         ALTER TABLE ONLY public.p ADD CONSTRAINT p_pkey PRIMARY KEY (id);\n\
         CREATE TRIGGER tp BEFORE INSERT ON public.p FOR EACH ROW EXECUTE FUNCTION public.g();";
    same(Dialect::Postgres, history, dump);
    let (a, b) = (parse(Dialect::Postgres, history).schema, parse(Dialect::Postgres, dump).schema);
    assert_eq!(a.functions, b.functions);
    assert_eq!(a.comments, b.comments);
}

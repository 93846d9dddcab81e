//! Tests of the dependency planner: which dependents a change forces to re-create, in which
//! order, and what it leaves alone.

use super::*;
use crate::Options;

fn up(before: &str, after: &str) -> Vec<String> {
    let m = crate::generate(before, after, &Options::new(Dialect::Postgres));
    assert!(!m.is_blocked(), "{:?}", m.diagnostics);
    m.up.iter().flat_map(|s| s.statements.clone()).collect()
}

fn pos(stmts: &[String], needle: &str) -> usize {
    stmts.iter().position(|s| s.contains(needle)).unwrap_or_else(|| panic!("no statement with {needle:?} in {stmts:#?}"))
}

#[test]
fn routine_signature_change_recreates_its_callers_after_the_old_one_is_dropped() {
    let b = "CREATE FUNCTION f(x int) RETURNS int LANGUAGE sql IMMUTABLE RETURN x * 2;
CREATE TABLE u (id int PRIMARY KEY, b int DEFAULT f(3) CHECK (f(b) > 0));
CREATE INDEX u_f ON u (f(id));
CREATE VIEW vf AS SELECT f(id) AS y FROM u;";
    let a = b.replace("f(x int)", "f(x bigint)");
    let s = up(b, &a);
    let drop_old = pos(&s, "DROP FUNCTION \"public\".\"f\"(integer)");
    for dependent in ["DROP CONSTRAINT \"u_b_check\"", "DROP INDEX", "DROP VIEW", "DROP DEFAULT"] {
        assert!(pos(&s, dependent) < drop_old, "{dependent} before the drop: {s:#?}");
    }
    for again in ["ADD CONSTRAINT \"u_b_check\"", "CREATE INDEX \"u_f\"", "CREATE VIEW", "SET DEFAULT f(3)"] {
        assert!(pos(&s, again) > drop_old, "{again} after the drop: {s:#?}");
    }
    assert!(!s.iter().any(|x| x.contains("CASCADE")));
}

#[test]
fn column_type_change_recreates_policies_triggers_and_generated_columns() {
    let b = "CREATE TABLE t (id int PRIMARY KEY, a int, total int GENERATED ALWAYS AS (a * 2) STORED, other int);
ALTER TABLE t ENABLE ROW LEVEL SECURITY;
CREATE POLICY p ON t USING (a > 0);
CREATE POLICY q ON t USING (other > 0);
CREATE FUNCTION trg() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
CREATE TRIGGER tt BEFORE UPDATE OF a ON t FOR EACH ROW EXECUTE FUNCTION trg();";
    let a = b.replace("a int,", "a bigint,");
    let s = up(b, &a);
    let alter = pos(&s, "ALTER COLUMN \"a\" TYPE bigint");
    assert!(pos(&s, "DROP POLICY \"p\"") < alter && pos(&s, "CREATE POLICY \"p\"") > alter);
    assert!(pos(&s, "DROP TRIGGER \"tt\"") < alter && pos(&s, "CREATE TRIGGER tt") > alter);
    assert!(pos(&s, "DROP COLUMN \"total\"") < alter && pos(&s, "ADD COLUMN \"total\"") > alter);
    // The policy that does not read the column stays.
    assert!(!s.iter().any(|x| x.contains("POLICY \"q\"")), "{s:#?}");
}

#[test]
fn a_rename_recreates_nothing() {
    let b = "CREATE TABLE t (id int PRIMARY KEY, a int);
ALTER TABLE t ENABLE ROW LEVEL SECURITY;
CREATE POLICY p ON t USING (a > 0);";
    let a = "CREATE TABLE t (id int PRIMARY KEY, b int -- schemashift:renamed-from a
);
ALTER TABLE t ENABLE ROW LEVEL SECURITY;
CREATE POLICY p ON t USING (b > 0);";
    let m = crate::generate(b, a, &Options::new(Dialect::Postgres));
    assert!(!m.up.iter().any(|s| matches!(s.change, Change::Dependent { .. })), "{:#?}", m.up);
}

#[test]
fn views_on_views_are_dropped_readers_first_and_created_readers_last() {
    let b = "CREATE FUNCTION f(x int) RETURNS int LANGUAGE sql IMMUTABLE RETURN x;
CREATE TABLE t (id int);
CREATE VIEW v1 AS SELECT f(id) AS y FROM t;
CREATE VIEW v2 AS SELECT y FROM v1;
CREATE VIEW v3 AS SELECT y FROM v2;";
    let a = b.replace("RETURNS int LANGUAGE", "RETURNS bigint LANGUAGE");
    let s = up(b, &a);
    assert!(pos(&s, "DROP VIEW \"public\".\"v3\"") < pos(&s, "DROP VIEW \"public\".\"v2\""));
    assert!(pos(&s, "DROP VIEW \"public\".\"v2\"") < pos(&s, "DROP VIEW \"public\".\"v1\""));
    assert!(pos(&s, "DROP VIEW \"public\".\"v1\"") < pos(&s, "DROP FUNCTION"));
    assert!(pos(&s, "RETURNS bigint") < pos(&s, "CREATE VIEW \"public\".\"v1\""));
    assert!(pos(&s, "CREATE VIEW \"public\".\"v1\"") < pos(&s, "CREATE VIEW \"public\".\"v2\""));
    assert!(pos(&s, "CREATE VIEW \"public\".\"v2\"") < pos(&s, "CREATE VIEW \"public\".\"v3\""));
}

#[test]
fn enum_rebuild_recreates_checks_and_routines_naming_the_type() {
    let b = "CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
CREATE TABLE t (id int PRIMARY KEY, m mood CHECK (m <> 'happy'));
CREATE FUNCTION is_sad(x mood) RETURNS boolean LANGUAGE sql IMMUTABLE RETURN x = 'sad';";
    let a = b.replace("'sad', 'ok', 'happy'", "'sad', 'happy'");
    let s = up(b, &a);
    let drop_old = pos(&s, "DROP TYPE");
    assert!(pos(&s, "DROP CONSTRAINT \"t_m_check\"") < drop_old && pos(&s, "ADD CONSTRAINT \"t_m_check\"") > drop_old);
    assert!(pos(&s, "DROP FUNCTION \"public\".\"is_sad\"") < drop_old && pos(&s, "FUNCTION public.is_sad") > drop_old);
}

#[test]
fn plpgsql_bodies_are_not_dependents() {
    // The engine does not record what a quoted body calls: nothing to re-create for it.
    let b = "CREATE FUNCTION f(x int) RETURNS int LANGUAGE sql IMMUTABLE RETURN x;
CREATE FUNCTION g(x int) RETURNS int LANGUAGE plpgsql AS $$ BEGIN RETURN f(x); END $$;";
    let a = b.replace("RETURNS int LANGUAGE sql", "RETURNS bigint LANGUAGE sql");
    let s = up(b, &a);
    assert!(!s.iter().any(|x| x.contains("\"g\"") || x.contains(".g(")), "{s:#?}");
}

#[test]
fn node_keys_are_stable() {
    let t = QName::new("public", "t");
    assert_eq!(Node::Function(QName::new("s", "f"), "integer".into()).key(), "routine s.f(integer)");
    assert_eq!(Node::Generated(t.clone(), "g".into()).key(), "generated column public.t.g");
    assert_eq!(Node::Policy(t, "p".into()).key(), "policy p on public.t");
}

#[test]
fn a_generated_column_that_becomes_plain_keeps_its_values() {
    let b = "CREATE TABLE t (id int PRIMARY KEY, a int, total int GENERATED ALWAYS AS (a * 2) STORED);";
    let a = "CREATE TABLE t (id int PRIMARY KEY, a bigint, total int);";
    let s = up(b, a);
    assert!(!s.iter().any(|x| x.contains("DROP COLUMN")), "{s:#?}");
    assert!(pos(&s, "DROP EXPRESSION") < pos(&s, "ALTER COLUMN \"a\" TYPE bigint"), "{s:#?}");
}

#[test]
fn rules_and_objects_kept_whole_are_recreated_around_what_they_use() {
    let b = "CREATE TABLE docs (id int PRIMARY KEY, n int);
CREATE TABLE log (n int);
CREATE RULE docs_log AS ON UPDATE TO docs DO ALSO INSERT INTO log VALUES (NEW.n);
CREATE FUNCTION add_em(integer, integer) RETURNS integer LANGUAGE sql IMMUTABLE AS $$SELECT $1 + $2$$;
CREATE OPERATOR === (LEFTARG = integer, RIGHTARG = integer, FUNCTION = add_em);";
    let a = b.replace("n int);\nCREATE TABLE log", "n bigint);\nCREATE TABLE log").replace("RETURNS integer", "RETURNS bigint");
    let s = up(b, &a);
    let alter = pos(&s, "ALTER COLUMN \"n\" TYPE bigint");
    assert!(pos(&s, "DROP RULE") < alter && pos(&s, "CREATE RULE") > alter, "{s:#?}");
    let redeclare = pos(&s, "RETURNS bigint");
    assert!(pos(&s, "DROP OPERATOR") < redeclare && pos(&s, "CREATE OPERATOR") > redeclare, "{s:#?}");
}

#[test]
fn opaque_bare_names() {
    assert_eq!(opaque_bare_name("OPERATOR CLASS s.my_ops USING btree"), "my_ops");
    assert_eq!(opaque_bare_name("RULE r ON t"), "r");
    assert_eq!(opaque_bare_name("CAST (pair AS integer)"), "");
    assert_eq!(opaque_bare_name("TEXT SEARCH CONFIGURATION public.\"My\""), "my");
}

#[test]
fn cycles_are_found_not_followed_forever() {
    let t = QName::new("public", "t");
    let (a, b, c) = (Node::View(QName::new("public", "a")), Node::View(QName::new("public", "b")), Node::Policy(t, "c".into()));
    let mut found: BTreeMap<Node, (BTreeSet<Node>, String)> = BTreeMap::new();
    found.insert(a.clone(), ([b.clone()].into(), String::new()));
    found.insert(b.clone(), ([a.clone()].into(), String::new()));
    found.insert(c.clone(), ([a.clone()].into(), String::new()));
    let cyc = in_cycles(&found);
    assert!(cyc.contains(&a) && cyc.contains(&b) && !cyc.contains(&c), "{cyc:?}");
    found.remove(&b);
    found.insert(a.clone(), (BTreeSet::new(), String::new()));
    assert!(in_cycles(&found).is_empty());
}

#[test]
fn a_dependent_dropped_for_good_keeps_the_notes_of_a_drop() {
    let b = "CREATE FUNCTION f(x int) RETURNS int LANGUAGE sql IMMUTABLE RETURN x;
CREATE TABLE t (id int);
CREATE VIEW v AS SELECT f(id) AS y FROM t;";
    let a = "CREATE TABLE t (id int);";
    let m = crate::generate(b, a, &Options::new(Dialect::Postgres));
    let view_drop = m.up.iter().find(|s| s.statements.iter().any(|x| x.starts_with("DROP VIEW"))).expect("a view drop");
    assert!(matches!(view_drop.change, Change::Dependent { recreate: false, .. }));
    assert!(view_drop.risks.iter().any(|r| r.rule == "any-drop-view"), "{:#?}", view_drop.risks);
    // Re-created dependents are noted once, by their own rule.
    let a2 = b.replace("RETURNS int LANGUAGE", "RETURNS bigint LANGUAGE");
    let m2 = crate::generate(b, &a2, &Options::new(Dialect::Postgres));
    let rules: Vec<&str> = m2.up.iter().flat_map(|s| s.risks.iter().map(|r| r.rule.as_str())).collect();
    assert!(rules.contains(&"pg-recreate-dependents") && !rules.contains(&"any-drop-view"), "{rules:?}");
}

#[test]
fn sql_standard_bodies_reading_a_column_are_recreated_around_its_change() {
    let b = "CREATE TABLE t (id int, a int, gone int);
CREATE FUNCTION fa() RETURNS bigint LANGUAGE sql BEGIN ATOMIC SELECT a FROM t LIMIT 1; END;
CREATE FUNCTION fg() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT gone FROM t LIMIT 1; END;";
    let a = "CREATE TABLE t (id int, a bigint);
CREATE FUNCTION fa() RETURNS bigint LANGUAGE sql BEGIN ATOMIC SELECT a FROM t LIMIT 1; END;
CREATE FUNCTION fg() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT id FROM t LIMIT 1; END;";
    let s = up(b, a);
    let alter = pos(&s, "ALTER COLUMN \"a\" TYPE bigint");
    assert!(pos(&s, "DROP FUNCTION \"public\".\"fa\"") < alter && pos(&s, "FUNCTION public.fa()") > alter, "{s:#?}");
    let drop = pos(&s, "DROP COLUMN \"gone\"");
    assert!(pos(&s, "DROP FUNCTION \"public\".\"fg\"") < drop && pos(&s, "FUNCTION public.fg()") > drop, "{s:#?}");
}

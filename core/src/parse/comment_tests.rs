//! `COMMENT ON` read into typed targets (`model::CommentTarget`), diffed and spelled by render.

use crate::model::{CommentTarget, QName};
use crate::{generate, Dialect, Options};

fn comments(sql: &str) -> Vec<(CommentTarget, String)> {
    let parsed = super::parse(Dialect::Postgres, sql);
    assert!(parsed.diagnostics.iter().all(|d| d.severity != crate::Severity::Error), "{:?}", parsed.diagnostics);
    parsed.schema.comments.into_iter().collect()
}

const OBJECTS: &str = r#"CREATE SCHEMA "Sales";
CREATE TABLE "Sales"."a""b" (id integer CONSTRAINT "Key" PRIMARY KEY);
CREATE INDEX "by id" ON "Sales"."a""b" (id);
CREATE POLICY p ON "Sales"."a""b" USING (true);
CREATE MATERIALIZED VIEW mv AS SELECT 1 AS one;
"#;

#[test]
fn targets_keep_the_names_unquoted_and_folded() {
    let sql = format!(
        "{OBJECTS}COMMENT ON SCHEMA \"Sales\" IS 's';\nCOMMENT ON INDEX \"Sales\".\"by id\" IS 'i';\n\
         COMMENT ON CONSTRAINT \"Key\" ON \"Sales\".\"a\"\"b\" IS 'k';\nCOMMENT ON POLICY P ON \"Sales\".\"a\"\"b\" IS 'p';\n\
         COMMENT ON MATERIALIZED VIEW MV IS 'm';\n"
    );
    let t = QName::new("Sales", "a\"b");
    assert_eq!(
        comments(&sql),
        [
            (CommentTarget::Constraint { name: "Key".into(), table: t.clone() }, "k".into()),
            (CommentTarget::Index(QName::new("Sales", "by id")), "i".into()),
            (CommentTarget::MaterializedView(QName::new("public", "mv")), "m".into()),
            (CommentTarget::Policy { name: "p".into(), table: t }, "p".into()),
            (CommentTarget::Schema("Sales".into()), "s".into()),
        ]
    );
    // `IS NULL` and `IS ''` remove the comment.
    let cleared = format!("{sql}COMMENT ON SCHEMA \"Sales\" IS NULL;\nCOMMENT ON INDEX \"Sales\".\"by id\" IS '';\n");
    assert_eq!(comments(&cleared).len(), 3);
}

#[test]
fn render_spells_each_target_quoted() {
    let before = format!("{OBJECTS}COMMENT ON SCHEMA \"Sales\" IS 'old';\nCOMMENT ON POLICY p ON \"Sales\".\"a\"\"b\" IS 'p';\n");
    let after = format!("{OBJECTS}COMMENT ON CONSTRAINT \"Key\" ON \"Sales\".\"a\"\"b\" IS 'it''s the key';\n");
    let m = generate(&before, &after, &Options::new(Dialect::Postgres));
    let up = m.up_sql();
    for line in [
        "COMMENT ON CONSTRAINT \"Key\" ON \"Sales\".\"a\"\"b\" IS 'it''s the key';",
        "COMMENT ON POLICY \"p\" ON \"Sales\".\"a\"\"b\" IS NULL;",
        // A schema that stays loses its comment (it used to be kept: the rendered key was
        // looked up among the unquoted schema names).
        "COMMENT ON SCHEMA \"Sales\" IS NULL;",
    ] {
        assert!(up.contains(line), "{line}\n{up}");
    }
    let down = m.down_sql();
    assert!(down.contains("COMMENT ON SCHEMA \"Sales\" IS 'old';"), "{down}");
    assert!(down.contains("COMMENT ON CONSTRAINT \"Key\" ON \"Sales\".\"a\"\"b\" IS NULL;"), "{down}");
}

#[test]
fn a_comment_on_a_dropped_object_is_not_removed() {
    let before =
        "CREATE SCHEMA s;\nCOMMENT ON SCHEMA s IS 'x';\nCREATE TABLE t (id int);\nCREATE INDEX i ON t (id);\nCOMMENT ON INDEX i IS 'y';\n";
    let after = "CREATE TABLE t (id int);\n";
    let up = generate(before, after, &Options::new(Dialect::Postgres)).up_sql();
    assert!(!up.contains("COMMENT ON"), "{up}");
    assert!(up.contains("DROP SCHEMA \"s\""), "{up}");
}

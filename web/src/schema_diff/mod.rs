//! The schema diff: BEFORE and AFTER as the model understood them, written as DDL one block
//! per object (a table with its indexes, foreign keys, triggers, comments and grants; a view;
//! a function...), paired across the two sides (a renamed table with its old name) and
//! compared line by line (`lines.rs`). The DDL is what the core renders for creating each
//! object from nothing (`schemashift::diff::diff` from an empty schema, `render::render`), so
//! both sides are normalized the same way and a difference is a difference of the model.
//! `schema_diff_view.rs` (in the crate root) shows it.

pub mod lines;

use crate::visual_diff::model::natural_cmp;
use crate::visual_diff::Status;
use schemashift::diff::{self, Change, Renames};
use schemashift::model::Schema;
use schemashift::render::{self, RenderContext};
use schemashift::{Migration, Target};
use std::collections::BTreeMap;

/// What kind of object a block is, in the order the blocks are listed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    Schema,
    Extension,
    Type,
    Sequence,
    Table,
    View,
    Function,
    Event,
    Other,
}

impl Kind {
    pub fn word(self) -> &'static str {
        match self {
            Kind::Schema => "schema",
            Kind::Extension => "extension",
            Kind::Type => "type",
            Kind::Sequence => "sequence",
            Kind::Table => "table",
            Kind::View => "view",
            Kind::Function => "function",
            Kind::Event => "event",
            Kind::Other => "other",
        }
    }
}

/// One object on both sides.
#[derive(Clone, Debug, PartialEq)]
pub struct Object {
    pub kind: Kind,
    /// The object's name after the change (before it, for a dropped object).
    pub name: String,
    pub status: Status,
    /// "renamed from public.old".
    pub detail: Option<String>,
    pub rows: Vec<lines::Row>,
}

/// The object a creating change belongs to.
fn object_of(change: &Change, schema: &Schema) -> (Kind, String) {
    match change {
        Change::Dependent { change, .. } => object_of(change, schema),
        Change::CreateNamespace { name } => (Kind::Schema, name.clone()),
        Change::CreateExtension { extension } => (Kind::Extension, extension.name.clone()),
        Change::CreateType { ty } => (Kind::Type, ty.name().to_string()),
        Change::CreateSequence { sequence } => (Kind::Sequence, sequence.name.to_string()),
        Change::CreateView { view } => (Kind::View, view.name.to_string()),
        Change::CreateFunction { function } => (Kind::Function, function.signature()),
        Change::CreateEvent { event } => (Kind::Event, event.name.to_string()),
        Change::SetGrant { grant, .. } => match grant.kind.as_str() {
            "TABLE" if schema.views.contains_key(&grant.object) => (Kind::View, grant.object.to_string()),
            "TABLE" => (Kind::Table, grant.object.to_string()),
            "SEQUENCE" => (Kind::Sequence, grant.object.to_string()),
            "ROUTINE" => (Kind::Function, format!("{}({})", grant.object, grant.args.clone().unwrap_or_default())),
            "SCHEMA" => (Kind::Schema, grant.object.name.clone()),
            "TYPE" => (Kind::Type, grant.object.to_string()),
            other => (Kind::Other, format!("{other} {}", grant.object)),
        },
        Change::CreateOpaque { object, .. } => (Kind::Other, object.key()),
        Change::SetComment { target, .. } => (Kind::Other, format!("COMMENT ON {}", render::pg_comment_target(target))),
        change => match change.table() {
            Some(t) => (Kind::Table, t.to_string()),
            None => (Kind::Other, change.op()),
        },
    }
}

/// `schema` as DDL, one text per object: what creating it from nothing takes, in the order
/// the core writes it.
pub fn object_ddl(schema: &Schema, target: &Target) -> BTreeMap<(Kind, String), String> {
    let empty = Schema::new(schema.dialect);
    let ctx = RenderContext::new(*target, &empty, schema, false);
    let mut out: BTreeMap<(Kind, String), String> = BTreeMap::new();
    for change in diff::diff(&empty, schema, target, &Renames::default()).changes {
        let statements = render::render(&change, &ctx).statements;
        if statements.is_empty() {
            continue;
        }
        let text = out.entry(object_of(&change, schema)).or_default();
        for s in statements {
            if !text.is_empty() {
                text.push('\n');
            }
            text.push_str(&s);
            text.push(';');
        }
    }
    out
}

/// Every object of both schemas of `m`, changed or not, in kind then natural name order.
pub fn build(m: &Migration) -> Vec<Object> {
    let mut before = object_ddl(&m.before, &m.target);
    let after = object_ddl(&m.after, &m.target);
    let renamed: BTreeMap<String, String> = m.renames.tables().map(|r| (r.table_to.to_string(), r.table_from.to_string())).collect();
    let mut out = Vec::new();
    for ((kind, name), text) in after {
        let old = if kind == Kind::Table { renamed.get(&name) } else { None };
        let old_key = (kind, old.cloned().unwrap_or_else(|| name.clone()));
        let (status, detail, old_text) = match before.remove(&old_key) {
            None => (Status::Added, None, String::new()),
            Some(b) if old.is_some() => (Status::Renamed, Some(format!("renamed from {}", old_key.1)), b),
            Some(b) if b == text => (Status::Unchanged, None, b),
            Some(b) => (Status::Changed, None, b),
        };
        out.push(Object { kind, name, status, detail, rows: lines::side_by_side(&old_text, &text) });
    }
    for ((kind, name), text) in before {
        out.push(Object { kind, name, status: Status::Removed, detail: None, rows: lines::side_by_side(&text, "") });
    }
    out.sort_by(|a, b| a.kind.cmp(&b.kind).then_with(|| natural_cmp(&a.name, &b.name)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use schemashift::{generate, Dialect, Options};

    fn objects(dialect: Dialect, before: &str, after: &str, renames: &[&str]) -> Vec<Object> {
        let mut options = Options::new(dialect);
        options.renames = renames.iter().map(|r| r.to_string()).collect();
        build(&generate(before, after, &options))
    }

    fn summary(objects: &[Object]) -> Vec<(Kind, &str, Status)> {
        objects.iter().map(|o| (o.kind, o.name.as_str(), o.status)).collect()
    }

    fn side(o: &Object, right: bool) -> String {
        o.rows
            .iter()
            .filter_map(|r| if right { r.right.as_ref() } else { r.left.as_ref() })
            .map(|c| c.text.as_str())
            .collect::<Vec<_>>()
            .join("\n")
    }

    #[test]
    fn one_block_per_object_with_its_indexes_and_foreign_keys() {
        let before =
            "CREATE TABLE t2 (id int PRIMARY KEY); CREATE TABLE t10 (id int PRIMARY KEY, a text); CREATE VIEW v AS SELECT id FROM t2;";
        let after =
            "CREATE TABLE t2 (id int PRIMARY KEY); CREATE TABLE t10 (id int PRIMARY KEY, a text NOT NULL, t2 int REFERENCES t2 (id)); \
                     CREATE INDEX t10_a ON t10 (a); CREATE FUNCTION f() RETURNS int LANGUAGE sql AS 'SELECT 1';";
        let objects = objects(Dialect::Postgres, before, after, &[]);
        assert_eq!(
            summary(&objects),
            vec![
                (Kind::Table, "public.t2", Status::Unchanged),
                (Kind::Table, "public.t10", Status::Changed),
                (Kind::View, "public.v", Status::Removed),
                (Kind::Function, "public.f()", Status::Added),
            ]
        );
        let t10 = &objects[1];
        let after_text = side(t10, true);
        assert!(after_text.starts_with("CREATE TABLE \"public\".\"t10\" ("), "{after_text}");
        assert!(after_text.contains("CREATE INDEX \"t10_a\"") && after_text.contains("FOREIGN KEY (\"t2\")"), "{after_text}");
        let changed: Vec<&str> =
            t10.rows.iter().filter(|r| r.status != Status::Unchanged).filter_map(|r| r.right.as_ref()).map(|c| c.text.as_str()).collect();
        assert!(changed.iter().any(|l| l.contains("\"a\" text NOT NULL")), "{changed:?}");
        assert!(objects[0].rows.iter().all(|r| r.status == Status::Unchanged && r.left == r.right));
    }

    #[test]
    fn a_renamed_table_pairs_with_its_old_name() {
        let objects = objects(
            Dialect::Sqlite,
            "CREATE TABLE old_t (id INTEGER, a TEXT);",
            "CREATE TABLE new_t (id INTEGER, a TEXT);",
            &["old_t=new_t"],
        );
        assert_eq!(summary(&objects), vec![(Kind::Table, "new_t", Status::Renamed)]);
        assert_eq!(objects[0].detail.as_deref(), Some("renamed from old_t"));
        assert!(side(&objects[0], false).contains("\"old_t\"") && side(&objects[0], true).contains("\"new_t\""));
    }

    #[test]
    fn mysql_tables_and_identical_schemas() {
        let ddl = "CREATE TABLE a (id INT PRIMARY KEY, n VARCHAR(10)) ENGINE=InnoDB;";
        let objects = objects(Dialect::Mysql, ddl, ddl, &[]);
        assert_eq!(summary(&objects), vec![(Kind::Table, "a", Status::Unchanged)]);
        assert!(side(&objects[0], true).starts_with("CREATE TABLE `a`"));
    }
}

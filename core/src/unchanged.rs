//! Objects of failed statements stay unchanged.
//!
//! A statement with an error (a typo in `CREATE TABLE`, a bad CHECK inside it, an `ALTER` that
//! could not be read) names the objects it is about (`parse/subject.rs`). What the user meant
//! for them is unknown, so no step may create, alter or drop them: their copy on the side with
//! the error is replaced by the other side's (absent when the other side has none). Whatever the
//! object holds (a table's columns, constraints, indexes, policies, triggers) follows. Foreign
//! keys of other tables that point at such a table where it is now absent, or at columns it no
//! longer has, are removed from the side with the error (and named in the note), so no step
//! references a table or column that will not exist.

use crate::model::{CommentTarget, ConstraintKind, QName, Schema};
use crate::{Diagnostic, ObjectKind, ObjectRef, Side, SourcedDiagnostic};
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

/// Make every object named by an error identical on both sides; returns one note per object.
/// Only the side with the error is changed (copied first when shared: `Arc::make_mut`).
pub fn apply(before: &mut Arc<Schema>, after: &mut Arc<Schema>, diagnostics: &[SourcedDiagnostic]) -> Vec<SourcedDiagnostic> {
    let mut seen: BTreeSet<(bool, &ObjectRef)> = BTreeSet::new();
    let mut notes = Vec::new();
    for d in diagnostics.iter().filter(|d| d.diagnostic.is_error()) {
        let in_after = match d.side {
            Side::After => true,
            Side::Before => false,
            Side::Options => continue,
        };
        for object in &d.diagnostic.objects {
            if !seen.insert((in_after, object)) {
                continue;
            }
            let (existed, dropped) =
                if in_after { sync(Arc::make_mut(after), before, object) } else { sync(Arc::make_mut(before), after, object) };
            let other = if in_after { "BEFORE" } else { "AFTER" };
            let mut how = if existed { format!("kept as {other} has it") } else { format!("left out, as {other} has none") };
            if !dropped.is_empty() {
                how.push_str(&format!("; foreign keys pointing at it left out too: {}", dropped.join(", ")));
            }
            let message =
                format!("{object} treated as unchanged: its statement has an error, so no step creates, alters or drops it ({how})");
            let diagnostic = Diagnostic::info(d.diagnostic.line, d.diagnostic.column, message)
                .with_statement(d.diagnostic.statement.clone())
                .with_objects(vec![object.clone()]);
            notes.push(SourcedDiagnostic { side: d.side, diagnostic });
        }
    }
    notes
}

/// Give `dst` the `src` copy of `object` (or none); true when `src` has the object, with the
/// foreign keys of `dst` removed because they no longer fit it.
fn sync(dst: &mut Schema, src: &Schema, object: &ObjectRef) -> (bool, Vec<String>) {
    let q = &object.name;
    let existed = match object.kind {
        ObjectKind::Table => {
            // Comments on its constraints, policies and indexes (kept in `Schema::comments`).
            let mut indexes: BTreeSet<CommentTarget> = BTreeSet::new();
            for t in [dst.tables.get(q), src.tables.get(q)].into_iter().flatten() {
                indexes.extend(t.indexes.iter().map(|i| index_comment_key(q, &i.name)));
            }
            sync_map(&mut dst.comments, &src.comments, |k, _| k.on_table() == Some(q) || indexes.contains(k));
            let existed = sync_map(&mut dst.tables, &src.tables, |k, _| k == q);
            sync_map(&mut dst.triggers, &src.triggers, |k, _| &k.0 == q);
            return (existed, drop_references(dst, q));
        }
        ObjectKind::Index => {
            let key = index_comment_key(q, &q.name);
            sync_map(&mut dst.comments, &src.comments, |k, _| *k == key);
            sync_index(dst, src, object)
        }
        ObjectKind::View => {
            let key = CommentTarget::MaterializedView(q.clone());
            sync_map(&mut dst.comments, &src.comments, |k, _| *k == key);
            sync_map(&mut dst.views, &src.views, |k, _| k == q)
        }
        ObjectKind::Type => sync_map(&mut dst.types, &src.types, |k, _| k == q),
        ObjectKind::Sequence => sync_map(&mut dst.sequences, &src.sequences, |k, _| k == q),
        ObjectKind::Function => sync_map(&mut dst.functions, &src.functions, |_, f| &f.name == q),
        ObjectKind::Trigger => sync_map(&mut dst.triggers, &src.triggers, |k, t| {
            k.1 == q.name && object.table.as_ref().map_or(t.table.schema == q.schema, |table| &k.0 == table)
        }),
        ObjectKind::Event => sync_map(&mut dst.events, &src.events, |k, _| k == q),
    };
    (existed, Vec::new())
}

/// The `Schema::comments` key of index `name` in the schema of `table`.
fn index_comment_key(table: &QName, name: &str) -> CommentTarget {
    CommentTarget::Index(QName::new(table.schema.clone(), name))
}

/// Remove the entries of `dst` that `hit`, insert those of `src`; true when `src` has one.
fn sync_map<K: Ord + Clone, V: Clone>(dst: &mut BTreeMap<K, V>, src: &BTreeMap<K, V>, hit: impl Fn(&K, &V) -> bool) -> bool {
    dst.retain(|k, v| !hit(k, v));
    let mut existed = false;
    for (k, v) in src.iter().filter(|(k, v)| hit(k, v)) {
        dst.insert(k.clone(), v.clone());
        existed = true;
    }
    existed
}

/// An index lives in its table (or materialized view): remove it from `dst`'s, add `src`'s to
/// the same table of `dst` when `dst` has that table.
fn sync_index(dst: &mut Schema, src: &Schema, object: &ObjectRef) -> bool {
    let q = &object.name;
    let on = |table: &QName| object.table.as_ref().map_or(table.schema == q.schema, |t| t == table);
    for (name, t) in dst.tables.iter_mut().filter(|(n, _)| on(n)) {
        let _ = name;
        t.indexes.retain(|i| i.name != q.name);
    }
    for (_, v) in dst.views.iter_mut().filter(|(n, _)| on(n)) {
        v.indexes.retain(|i| i.name != q.name);
    }
    let mut existed = false;
    for (name, t) in src.tables.iter().filter(|(n, _)| on(n)) {
        for i in t.indexes.iter().filter(|i| i.name == q.name) {
            existed = true;
            if let Some(d) = dst.tables.get_mut(name) {
                d.indexes.push(i.clone());
                d.indexes.sort_by(|a, b| a.name.cmp(&b.name));
            }
        }
    }
    for (name, v) in src.views.iter().filter(|(n, _)| on(n)) {
        for i in v.indexes.iter().filter(|i| i.name == q.name) {
            existed = true;
            if let Some(d) = dst.views.get_mut(name) {
                d.indexes.push(i.clone());
                d.indexes.sort_by(|a, b| a.name.cmp(&b.name));
            }
        }
    }
    existed
}

/// Remove the foreign keys of `schema`'s other tables that reference `table` where it is absent,
/// or columns it does not have (or its primary key when it has none); returns their names.
fn drop_references(schema: &mut Schema, table: &QName) -> Vec<String> {
    let target = schema.tables.get(table);
    let fits = |ref_columns: &[String]| match target {
        None => false,
        Some(t) if ref_columns.is_empty() => t.constraints.iter().any(|c| matches!(c.kind, ConstraintKind::PrimaryKey { .. })),
        Some(t) => ref_columns.iter().all(|c| t.column(c).is_some()),
    };
    let mut broken: Vec<(QName, usize)> = Vec::new();
    for (name, t) in schema.tables.iter().filter(|(n, _)| *n != table) {
        for (i, c) in t.constraints.iter().enumerate() {
            if let ConstraintKind::ForeignKey { ref_table, ref_columns, .. } = &c.kind {
                if ref_table == table && !fits(ref_columns) {
                    broken.push((name.clone(), i));
                }
            }
        }
    }
    let mut dropped = Vec::new();
    for (name, i) in broken.into_iter().rev() {
        if let Some(t) = schema.tables.get_mut(&name) {
            let c = t.constraints.remove(i);
            dropped.push(format!("{} on {name}", c.name.unwrap_or_else(|| "(unnamed)".into())));
        }
    }
    dropped.reverse();
    dropped
}

#[cfg(test)]
mod tests {
    use crate::{generate, Dialect, Options, Severity, Side};

    const BEFORE: &str = "CREATE TABLE users (id bigint PRIMARY KEY, age int);\n\
        CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint REFERENCES users(id));\n";

    #[test]
    fn a_typo_keeps_the_table() {
        let after = "CREATE TABLE users (id bigint PRIMARY KEY, age int, email text);\n\
            CREAT TABLE orders (id bigint PRIMARY KEY, user_id bigint REFERENCES users(id));\n";
        let m = generate(BEFORE, after, &Options::new(Dialect::Postgres));
        assert!(m.is_blocked());
        let up = m.up_sql();
        assert!(!up.contains("DROP TABLE"), "{up}");
        assert!(up.contains("ADD COLUMN \"email\""), "{up}");
        assert!(!m.down_sql().contains("CREATE TABLE"), "{}", m.down_sql());
        let note = m.diagnostics.iter().find(|d| d.diagnostic.severity == Severity::Info && d.side == Side::After);
        assert!(note.is_some_and(|d| d.diagnostic.message.contains("table public.orders treated as unchanged")), "{:?}", m.diagnostics);
        assert_eq!(m.blocked[0].objects, ["table public.orders"]);
    }

    #[test]
    fn a_new_table_with_an_error_is_left_out_with_the_keys_pointing_at_it() {
        let after = format!(
            "{BEFORE}CREATE TABLE items (id bigint PRIMARY KEY, price numeric CHECK (price >));\n\
             CREATE TABLE lines (id bigint PRIMARY KEY, item_id bigint REFERENCES items(id));\n"
        );
        let m = generate(BEFORE, &after, &Options::new(Dialect::Postgres));
        let up = m.up_sql();
        assert!(!up.contains("\"items\""), "{up}");
        assert!(up.contains("CREATE TABLE \"public\".\"lines\""), "{up}");
    }

    #[test]
    fn a_new_key_to_a_column_the_kept_table_lacks_is_left_out() {
        let after = "CREATE TABLE users (id bigint PRIMARY KEY, age int, code text UNIQUE, CHECK (age >));\n\
            CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint REFERENCES users(id),\n\
              user_code text CONSTRAINT orders_code_fk REFERENCES users(code));\n";
        let m = generate(BEFORE, after, &Options::new(Dialect::Postgres));
        let up = m.up_sql();
        assert!(up.contains("ADD COLUMN \"user_code\""), "{up}");
        assert!(!up.contains("orders_code_fk") && !up.contains("\"code\""), "{up}");
        let note = m.diagnostics.iter().find(|d| d.diagnostic.message.contains("foreign keys pointing at it"));
        assert!(note.is_some_and(|d| d.diagnostic.message.contains("orders_code_fk on public.orders")), "{:?}", m.diagnostics);
    }

    #[test]
    fn an_error_in_before_keeps_after_as_before_has_it() {
        let before = "CREATE TABLE users (id bigint PRIMARY KEY, age int CHECK (age >= ));\n";
        let after = "CREATE TABLE users (id bigint PRIMARY KEY);\n";
        let m = generate(before, after, &Options::new(Dialect::Sqlite));
        assert!(m.up.is_empty() && m.down.is_empty(), "{}", m.up_sql());
        assert!(m.is_blocked());
    }

    #[test]
    fn a_renamed_table_with_an_error_keeps_its_old_table() {
        let after = "CREATE TABLE users (id bigint PRIMARY KEY, age int);\n\
            -- schemashift:renamed-from orders\n\
            CREATE TABLE purchases (id bigint PRIMARY KEY, user_id bigint REFERENCES users(id), CHECK (id >));\n";
        let m = generate(BEFORE, after, &Options::new(Dialect::Postgres));
        assert!(m.up.is_empty(), "{}", m.up_sql());
        assert_eq!(m.blocked[0].objects, ["table public.purchases", "table public.orders"]);
    }

    #[test]
    fn comments_on_a_kept_tables_parts_stay_too() {
        let before = "CREATE TABLE t (id int PRIMARY KEY, a int);\nCREATE INDEX ti ON t (a);\n";
        let after = "CREATE TABLE t (id int PRIMARY KEY, a int);\nCREATE INDEX ti ON t (a);\n\
            COMMENT ON INDEX ti IS 'x';\nCOMMENT ON CONSTRAINT t_pkey ON t IS 'k';\n\
            ALTER TABLE t ADD COLUMN b int CHECK (b >);\n";
        let m = generate(before, after, &Options::new(Dialect::Postgres));
        assert!(m.up.is_empty(), "{}", m.up_sql());
        assert!(m.is_blocked());
    }

    #[test]
    fn a_bad_index_keeps_the_index() {
        let before = "CREATE TABLE t (a int, b int);\nCREATE INDEX i ON t (a);\n";
        let after = "CREATE TABLE t (a int, b int);\nCREATE INDEX i ON t (b) WHERE a >;\n";
        for d in [Dialect::Postgres, Dialect::Sqlite] {
            let m = generate(before, after, &Options::new(d));
            assert!(m.up.is_empty(), "{d:?}: {}", m.up_sql());
        }
    }
}

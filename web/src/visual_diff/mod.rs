//! The visual diff: the changed tables of a migration as boxes (columns, constraints and
//! indexes marked added / removed / changed / renamed, with a text marker besides the colour)
//! and their foreign key relations, as SVG. `model.rs` computes what to show from the
//! `Migration`, `layout.rs` places it deterministically, `svg.rs` writes the standalone file;
//! `visual_diff_view.rs` (in the crate root) builds the same shapes as DOM nodes.

pub mod layout;
pub mod model;
pub mod svg;

pub use layout::{layout, Scene, Shape};
pub use model::{build, DiffModel, Scope, Status};

/// The diagram as plain sentences (the text alternative under the picture), one per table.
pub fn text_version(model: &DiffModel) -> Vec<String> {
    model
        .boxes
        .iter()
        .filter(|b| !b.context)
        .map(|b| {
            let items: Vec<String> = b
                .rows
                .iter()
                .filter(|r| r.status != Status::Unchanged)
                .map(|r| match &r.detail {
                    Some(d) if matches!(r.status, Status::Changed | Status::Renamed) => format!("{} {} ({d})", r.status.word(), r.text),
                    _ => format!("{} {}", r.status.word(), r.text),
                })
                .collect();
            let head = format!("Table {}: {}", b.name, b.detail.clone().unwrap_or_else(|| b.status.word().to_string()));
            if items.is_empty() {
                format!("{head}.")
            } else {
                format!("{head}; {}.", items.join("; "))
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use schemashift::{generate, Dialect, Options};

    fn model(dialect: Dialect, before: &str, after: &str, renames: &[&str]) -> DiffModel {
        let mut options = Options::new(dialect);
        options.renames = renames.iter().map(|r| r.to_string()).collect();
        build(&generate(before, after, &options), Scope::Focus)
    }

    fn row<'a>(m: &'a DiffModel, table: &str, text: &str) -> &'a model::Row {
        let b = m.boxes.iter().find(|b| b.name.name == table).unwrap_or_else(|| panic!("no box {table}: {m:#?}"));
        b.rows.iter().find(|r| r.text.starts_with(text)).unwrap_or_else(|| panic!("no row {text} in {b:#?}"))
    }

    #[test]
    fn columns_are_marked_added_removed_and_changed() {
        let m = model(
            Dialect::Postgres,
            "CREATE TABLE t (id int PRIMARY KEY, a text, b varchar(10), c int);",
            "CREATE TABLE t (id int PRIMARY KEY, b text NOT NULL, c int, d int);",
            &[],
        );
        assert_eq!(m.boxes.len(), 1);
        assert_eq!(m.boxes[0].status, Status::Changed);
        assert_eq!(row(&m, "t", "a ").status, Status::Removed);
        assert_eq!(row(&m, "t", "d ").status, Status::Added);
        let b = row(&m, "t", "b ");
        assert_eq!(b.status, Status::Changed);
        let detail = b.detail.as_deref().unwrap_or("");
        assert!(detail.contains("type character varying(10) → text") && detail.contains("NOT NULL added"), "{detail}");
        assert_eq!(row(&m, "t", "c ").status, Status::Unchanged);
        assert_eq!(row(&m, "t", "PK (id)").status, Status::Unchanged);
    }

    #[test]
    fn tables_are_in_natural_order() {
        use super::model::natural_cmp;
        let mut names = vec!["t10", "t2", "t0", "t100", "t1", "a", "t01"];
        names.sort_by(|a, b| natural_cmp(a, b));
        assert_eq!(names, vec!["a", "t0", "t1", "t01", "t2", "t10", "t100"]);
        let before: String = (0..12).map(|i| format!("CREATE TABLE t{i} (id int);")).collect();
        let after: String = (0..12).map(|i| format!("CREATE TABLE t{i} (id int, b int);")).collect();
        let m = schemashift::generate(&before, &after, &schemashift::Options::new(schemashift::Dialect::Postgres));
        let order: Vec<String> = super::model::build(&m, Scope::Focus).boxes.iter().map(|b| b.name.name.clone()).collect();
        assert_eq!(order, (0..12).map(|i| format!("t{i}")).collect::<Vec<_>>());
    }

    /// Focus: the changed table, the table it points to and the table pointing at it (by its
    /// foreign key row only); an unrelated table is left out. All: every table, in natural order.
    #[test]
    fn focus_draws_neighbours_and_all_draws_every_table() {
        let before = "CREATE TABLE t10 (id int PRIMARY KEY); CREATE TABLE t2 (id int PRIMARY KEY, a int); \
                      CREATE TABLE t1 (id int PRIMARY KEY, ref int REFERENCES t2 (id)); CREATE TABLE lone (id int);";
        let after = "CREATE TABLE t10 (id int PRIMARY KEY); CREATE TABLE t2 (id int PRIMARY KEY, a int, t10 int REFERENCES t10 (id)); \
                     CREATE TABLE t1 (id int PRIMARY KEY, ref int REFERENCES t2 (id)); CREATE TABLE lone (id int);";
        let m = generate(before, after, &Options::new(Dialect::Postgres));
        let names = |scope| build(&m, scope).boxes.iter().map(|b| (b.name.name.clone(), b.context)).collect::<Vec<_>>();
        let owned = |list: &[(&str, bool)]| list.iter().map(|(n, c)| (n.to_string(), *c)).collect::<Vec<_>>();
        assert_eq!(names(Scope::Focus), owned(&[("t2", false), ("t1", true), ("t10", true)]));
        let focus = build(&m, Scope::Focus);
        assert_eq!(focus.boxes[1].rows.len(), 1, "the neighbour shows its foreign key row only");
        assert_eq!(focus.relations.len(), 2, "both relations are drawn");
        assert_eq!(names(Scope::All), owned(&[("t2", false), ("lone", true), ("t1", true), ("t10", true)]));
        assert_eq!(text_version(&build(&m, Scope::All)).len(), 1, "the text version lists the changes only");
        assert_eq!(Scope::default_for(&m), Scope::All);
    }

    #[test]
    fn new_dropped_and_renamed_tables_and_columns() {
        let m = model(
            Dialect::Postgres,
            "CREATE TABLE old_t (id int, a int); CREATE TABLE gone (id int); CREATE TABLE k (id int, x int);",
            "CREATE TABLE new_t (id int, a int); CREATE TABLE fresh (id int); CREATE TABLE k (id int, y int);",
            &["old_t=new_t", "k.x=y"],
        );
        let status = |n: &str| m.boxes.iter().find(|b| b.name.name == n).map(|b| b.status);
        assert_eq!(status("new_t"), Some(Status::Renamed));
        assert_eq!(status("gone"), Some(Status::Removed));
        assert_eq!(status("fresh"), Some(Status::Added));
        assert_eq!(status("old_t"), None);
        assert_eq!(row(&m, "k", "y ").status, Status::Renamed);
        assert!(row(&m, "k", "y ").detail.as_deref().unwrap_or("").contains("renamed from x"));
    }

    #[test]
    fn foreign_keys_become_relations_with_context_boxes() {
        let m = model(
            Dialect::Postgres,
            "CREATE TABLE customers (id int PRIMARY KEY); CREATE TABLE orders (id int PRIMARY KEY, customer_id int);",
            "CREATE TABLE customers (id int PRIMARY KEY); CREATE TABLE orders (id int PRIMARY KEY, customer_id int REFERENCES customers (id));",
            &[],
        );
        let names: Vec<_> = m.boxes.iter().map(|b| (b.name.name.as_str(), b.context)).collect();
        assert_eq!(names, vec![("orders", false), ("customers", true)]);
        assert_eq!(m.relations.len(), 1);
        let rel = &m.relations[0];
        assert_eq!((rel.from, rel.to, rel.status), (0, 1, Status::Added));
        assert!(m.boxes[0].rows[rel.from_row].text.starts_with("FK (customer_id) → customers"));
    }

    #[test]
    fn layout_is_deterministic_and_escaped() {
        let before = "CREATE TABLE \"a<b\" (id int PRIMARY KEY);";
        let after = "CREATE TABLE \"a<b\" (id int PRIMARY KEY, \"x&y\" text); CREATE TABLE c (id int REFERENCES \"a<b\" (id));";
        let m = model(Dialect::Postgres, before, after, &[]);
        let one = svg::to_svg(&layout(&m), "t");
        let two = svg::to_svg(&layout(&model(Dialect::Postgres, before, after, &[])), "t");
        assert_eq!(one, two);
        assert!(one.contains("a&lt;b") && one.contains("x&amp;y"), "{one}");
        assert!(!one.contains("a<b"));
        assert!(one.contains("marker-end=\"url(#t-arrow-added)\""));
        for marker in ["+ added", "− removed", "~ changed", "→ renamed"] {
            assert!(one.contains(marker), "legend has {marker}");
        }
    }

    #[test]
    fn boxes_do_not_overlap() {
        let before = "CREATE TABLE a (id int); CREATE TABLE b (id int); CREATE TABLE c (id int); CREATE TABLE d (id int);";
        let after = "CREATE TABLE a (id int, x int); CREATE TABLE b (id int, x int, y int, z int); CREATE TABLE c (id int, x int); CREATE TABLE d (id int, x int);";
        let scene = layout(&model(Dialect::Sqlite, before, after, &[]));
        let boxes: Vec<(f32, f32, f32, f32)> = scene
            .shapes
            .iter()
            .filter_map(|s| match s {
                Shape::Rect { x, y, w, h, class } if class.starts_with("ss-vd-box") => Some((*x, *y, *w, *h)),
                _ => None,
            })
            .collect();
        assert_eq!(boxes.len(), 4);
        for (i, a) in boxes.iter().enumerate() {
            assert!(a.0 + a.2 <= scene.width && a.1 + a.3 <= scene.height);
            for b in &boxes[i + 1..] {
                let apart = a.0 + a.2 <= b.0 || b.0 + b.2 <= a.0 || a.1 + a.3 <= b.1 || b.1 + b.3 <= a.1;
                assert!(apart, "{a:?} overlaps {b:?}");
            }
        }
    }

    #[test]
    fn text_version_says_what_changed() {
        let m = model(Dialect::Sqlite, "CREATE TABLE t (id INTEGER, a TEXT);", "CREATE TABLE t (id INTEGER, a TEXT NOT NULL);", &[]);
        let text = text_version(&m);
        assert_eq!(text.len(), 1);
        assert!(text[0].starts_with("Table t: changed; changed a text NOT NULL (NOT NULL added"), "{text:?}");
    }

    #[test]
    fn long_names_are_cut_with_an_ellipsis() {
        assert_eq!(layout::fit("abcdef", 4), "abc…");
        assert_eq!(layout::fit("abc", 4), "abc");
        assert_eq!(layout::num(1.25), "1.2");
        assert_eq!(layout::num(3.0), "3");
    }
}

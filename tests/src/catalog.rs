//! A normalized catalog snapshot: what an engine says a database holds, as comparable text.
//!
//! Each engine module reads its system catalogs (`pg_catalog`, `information_schema`/`SHOW
//! CREATE`, `sqlite_master` + pragmas) into a map from an object key (`column public.t.a`,
//! `index public.t_pkey`, `view v`...) to a description of everything about the object that
//! the migration must get right. Two databases hold the same schema when their snapshots are
//! equal; [`Catalog::diff`] says how they differ, object by object.
//!
//! Not compared, on purpose: privileges and owners (schemashift ignores GRANT/OWNER by
//! design), storage counters (sequence values, AUTO_INCREMENT counters, statistics), and, in
//! PostgreSQL and SQLite, the physical order of columns (neither engine can add a column
//! anywhere but at the end, so a migration cannot reorder them; MariaDB can, and there the
//! order is compared).

use std::collections::BTreeMap;
use std::fmt::Write as _;

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Catalog {
    /// Object key → description.
    pub objects: BTreeMap<String, String>,
    /// Table key → its name, SQL reference and columns: what the data check needs to know.
    pub tables: BTreeMap<String, TableShape>,
}

/// A table as the data check sees it in a catalog.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TableShape {
    /// The name as the engine stores it (unquoted).
    pub name: String,
    /// A reference to the table, quoted, ready for a statement.
    pub sql_name: String,
    /// Column name → column type.
    pub columns: BTreeMap<String, String>,
    /// Generated column name → its expression as the engine prints it: the engine recomputes
    /// such a column, so its values are data kept only while the expression is the same.
    pub generated: BTreeMap<String, String>,
}

impl Catalog {
    pub fn add(&mut self, key: impl Into<String>, description: impl Into<String>) {
        let key = key.into();
        let description = description.into();
        match self.objects.get_mut(&key) {
            // Two objects under one key (e.g. overloaded names): keep both, sorted, so the
            // snapshot stays independent of catalog order.
            Some(existing) => {
                let mut parts: Vec<String> = existing.split("\n&\n").map(str::to_string).collect();
                parts.push(description);
                parts.sort();
                *existing = parts.join("\n&\n");
            }
            None => {
                self.objects.insert(key, description);
            }
        }
    }

    /// A column of a table the data check reads; `generated`: its expression when the engine
    /// computes it.
    pub fn add_table_column(&mut self, key: &str, name: &str, sql_name: &str, column: &str, type_name: &str, generated: Option<&str>) {
        let t = self.tables.entry(key.to_string()).or_insert_with(|| TableShape {
            name: name.to_string(),
            sql_name: sql_name.to_string(),
            ..TableShape::default()
        });
        t.columns.insert(column.to_string(), type_name.to_string());
        if let Some(expr) = generated {
            t.generated.insert(column.to_string(), expr.to_string());
        }
    }

    /// The table stored under this name (ASCII case ignored when `nocase`).
    pub fn table_named(&self, name: &str, nocase: bool) -> Option<&TableShape> {
        self.tables.values().find(|t| if nocase { t.name.eq_ignore_ascii_case(name) } else { t.name == name })
    }

    pub fn is_empty(&self) -> bool {
        self.objects.is_empty()
    }

    /// How `self` (what the migration produced) differs from `expected`, one line per object;
    /// empty when they are the same.
    pub fn diff(&self, expected: &Catalog) -> Vec<String> {
        let mut out = Vec::new();
        for (key, want) in &expected.objects {
            match self.objects.get(key) {
                None => out.push(format!("missing {key}: {}", one_line(want))),
                Some(got) if got != want => out.push(format!("differs {key}: got {} / want {}", one_line(got), one_line(want))),
                Some(_) => {}
            }
        }
        for (key, got) in &self.objects {
            if !expected.objects.contains_key(key) {
                out.push(format!("unexpected {key}: {}", one_line(got)));
            }
        }
        out
    }

    /// The whole snapshot as text, one object a line (for debugging and reports).
    pub fn render(&self) -> String {
        let mut out = String::new();
        for (key, value) in &self.objects {
            let _ = writeln!(out, "{key}: {}", one_line(value));
        }
        out
    }
}

/// A description on one line, shortened for messages.
fn one_line(s: &str) -> String {
    let flat: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() > 300 {
        let cut: String = flat.chars().take(300).collect();
        format!("{cut}…")
    } else {
        flat
    }
}

/// Report lines of a catalog difference, at most `max` of them, for an error message.
pub fn summarize(lines: &[String], max: usize) -> String {
    let mut out: Vec<String> = lines.iter().take(max).cloned().collect();
    if lines.len() > max {
        out.push(format!("... and {} more", lines.len() - max));
    }
    out.join("\n  ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn diff_names_missing_unexpected_and_changed_objects() {
        let mut a = Catalog::default();
        a.add("column t.a", "integer not null");
        a.add("column t.b", "text");
        let mut b = Catalog::default();
        b.add("column t.a", "bigint not null");
        b.add("column t.c", "text");
        let d = a.diff(&b);
        assert_eq!(d.len(), 3, "{d:?}");
        assert!(d[0].starts_with("differs column t.a"));
        assert!(d[1].starts_with("missing column t.c"));
        assert!(d[2].starts_with("unexpected column t.b"));
        assert!(a.diff(&a.clone()).is_empty());
    }

    #[test]
    fn duplicate_keys_are_kept_in_sorted_order() {
        let mut a = Catalog::default();
        a.add("f", "2");
        a.add("f", "1");
        let mut b = Catalog::default();
        b.add("f", "1");
        b.add("f", "2");
        assert_eq!(a, b);
    }
}

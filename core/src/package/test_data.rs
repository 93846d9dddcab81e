//! `test-data.sql`: a few rows for every table that the migration creates or changes (and the
//! tables they reference), so staging can exercise the new schema.
//!
//! Rows satisfy NOT NULL, primary keys, unique keys (every row differs) and foreign keys
//! (parents are filled first and children point at their rows). Values come from the column
//! type; CHECK constraints with arbitrary expressions cannot be read, so the file says so.

use crate::diff::Change;
use crate::model::{ConstraintKind, DataType, QName, Schema, Table, UserType};
use crate::render::quote;
use crate::{Dialect, Migration};
use std::collections::{BTreeMap, BTreeSet};

const ROWS: u64 = 3;

pub fn test_data_sql(m: &Migration) -> String {
    let schema = &m.after;
    let wanted: BTreeSet<QName> =
        m.up.iter()
            .filter(|s| !matches!(s.change, Change::DropTable { .. }))
            .filter_map(|s| s.change.table().cloned())
            .filter(|t| schema.tables.contains_key(t))
            .collect();
    let mut out = String::from(
        "-- schemashift test data: a few rows per new or changed table (and the tables they\n\
         -- reference), for a STAGING database after up.sql. Values are placeholders derived from\n\
         -- the column types; adjust them where CHECK constraints or triggers need other values.\n",
    );
    if wanted.is_empty() {
        out.push_str("-- No table is created or changed: no test data.\n");
        return out;
    }
    let d = m.target.dialect;
    out.push_str(if d == Dialect::Mysql { "\nSTART TRANSACTION;\n" } else { "\nBEGIN;\n" });
    out.push_str(&rows_sql(d, schema, wanted, false));
    out.push_str("\nCOMMIT;\n");
    out
}

/// Rows for the database BEFORE up (the playground's Verify seeds them, runs up and down and
/// compares the rows): a few rows per table of BEFORE that the migration changes, drops or
/// renames (and the tables they reference), every column filled (defaults too, so that a down
/// which re-adds a column with its default is seen to lose values). One INSERT per table, no
/// transaction: a row a CHECK or trigger refuses costs only its table.
///
/// Foreign keys that AFTER adds between tables BEFORE already has are followed too, so that the
/// generated children point at generated parents and up can add the key (a real orphan is the
/// precheck's to find, not an artefact of the placeholder values).
pub fn seed_sql(m: &Migration) -> String {
    let mut schema = crate::model::Schema::clone(&m.before);
    for (name, table) in schema.tables.iter_mut() {
        let Some(later) = m.after.tables.get(name) else { continue };
        for fk in later.foreign_keys() {
            let ConstraintKind::ForeignKey { columns, ref_table, ref_columns, .. } = &fk.kind else { continue };
            let has = |t: &Table, cols: &[String]| cols.iter().all(|c| t.columns.iter().any(|x| &x.name == c));
            let parent_fits = m.before.tables.get(ref_table).is_some_and(|p| has(p, ref_columns));
            if parent_fits && has(table, columns) && !table.constraints.contains(fk) {
                table.constraints.push(fk.clone());
            }
        }
    }
    let wanted: BTreeSet<QName> =
        m.up.iter().chain(&m.down).filter_map(|s| s.change.table().cloned()).filter(|t| schema.tables.contains_key(t)).collect();
    rows_sql(m.target.dialect, &schema, wanted, true)
}

/// An INSERT of `ROWS` rows per table of `wanted` and, transitively, of the tables they
/// reference (parents first). `fill_defaults`: give columns that have a default a value too.
fn rows_sql(d: Dialect, schema: &Schema, mut wanted: BTreeSet<QName>, fill_defaults: bool) -> String {
    // Parents of wanted tables, transitively, so every foreign key has a row to point at.
    let mut queue: Vec<QName> = wanted.iter().cloned().collect();
    while let Some(t) = queue.pop() {
        let Some(table) = schema.tables.get(&t) else { continue };
        for fk in table.foreign_keys() {
            if let ConstraintKind::ForeignKey { ref_table, .. } = &fk.kind {
                if schema.tables.contains_key(ref_table) && wanted.insert(ref_table.clone()) {
                    queue.push(ref_table.clone());
                }
            }
        }
    }
    let mut out = String::new();
    let mut values: BTreeMap<(QName, String, u64), String> = BTreeMap::new();
    let mut skipped: BTreeSet<QName> = BTreeSet::new();
    for name in order(schema, &wanted) {
        let Some(table) = schema.tables.get(&name) else { continue };
        out.push('\n');
        if table.options.partition_by.is_some() || table.options.partition_of.is_some() {
            // A row must fall inside a partition's bounds, which the generic values do not.
            out.push_str(&format!("-- {}: partitioned; add rows that fit its partitions by hand.\n", table.name));
            skipped.insert(name.clone());
            continue;
        }
        let parent_skipped = table.foreign_keys().find_map(|fk| match &fk.kind {
            ConstraintKind::ForeignKey { ref_table, .. } if skipped.contains(ref_table) => Some(ref_table.clone()),
            _ => None,
        });
        if let Some(parent) = parent_skipped {
            out.push_str(&format!("-- {}: references {parent}, which has no generated rows.\n", table.name));
            skipped.insert(name.clone());
            continue;
        }
        out.push_str(&insert(d, schema, table, &mut values, fill_defaults));
    }
    out
}

/// Parents before children (ties and cycles by name).
fn order(schema: &Schema, wanted: &BTreeSet<QName>) -> Vec<QName> {
    // Repeatedly the first table (in name order) whose referenced tables among `wanted` are all
    // placed, or the first one left when none is (a cycle): kept as counts of unplaced
    // references and the tables waiting on each, so that it is n log n in the tables.
    let mut waiting: BTreeMap<&QName, Vec<&QName>> = BTreeMap::new();
    let mut unplaced: BTreeMap<&QName, usize> = BTreeMap::new();
    let mut ready: BTreeSet<&QName> = BTreeSet::new();
    for t in wanted {
        let refs: BTreeSet<&QName> = schema
            .tables
            .get(t)
            .map(|table| {
                table
                    .foreign_keys()
                    .filter_map(|fk| match &fk.kind {
                        ConstraintKind::ForeignKey { ref_table, .. } if ref_table != t && wanted.contains(ref_table) => Some(ref_table),
                        _ => None,
                    })
                    .collect()
            })
            .unwrap_or_default();
        for r in &refs {
            waiting.entry(*r).or_default().push(t);
        }
        if refs.is_empty() {
            ready.insert(t);
        }
        unplaced.insert(t, refs.len());
    }
    let mut left: BTreeSet<&QName> = wanted.iter().collect();
    let mut done = Vec::with_capacity(wanted.len());
    while let Some(next) = ready.pop_first().or_else(|| left.first().copied()) {
        left.remove(next);
        ready.remove(next);
        done.push(next.clone());
        for w in waiting.get(next).into_iter().flatten() {
            if let Some(n) = unplaced.get_mut(*w) {
                *n = n.saturating_sub(1);
                if *n == 0 && left.contains(*w) {
                    ready.insert(*w);
                }
            }
        }
    }
    done
}

fn insert(d: Dialect, schema: &Schema, table: &Table, values: &mut BTreeMap<(QName, String, u64), String>, fill_defaults: bool) -> String {
    let keys: BTreeSet<&str> = table
        .constraints
        .iter()
        .flat_map(|c| c.kind.columns())
        .map(String::as_str)
        .chain(table.indexes.iter().filter(|i| i.unique).flat_map(|i| i.columns()))
        .collect();
    let all = all_columns(schema, table);
    let cols: Vec<_> = all
        .iter()
        .filter(|c| c.generated.is_none())
        .filter(|c| fill_defaults || c.default.is_none() || keys.contains(c.name.as_str()) || c.auto_increment || c.serial)
        .collect();
    if cols.is_empty() {
        let t = quote::qname(d, &table.name);
        return match d {
            // MySQL/MariaDB have no DEFAULT VALUES: an empty column list does the same.
            Dialect::Mysql => format!("INSERT INTO {t} () VALUES ();\n"),
            _ => format!("INSERT INTO {t} DEFAULT VALUES;\n"),
        };
    }
    let overriding =
        d == Dialect::Postgres && cols.iter().any(|c| matches!(&c.identity, Some(i) if i.kind == crate::model::IdentityKind::Always));
    let mut rows = Vec::new();
    for i in 1..=ROWS {
        let mut row = Vec::new();
        for (k, c) in cols.iter().enumerate() {
            let v = fk_value(table, &c.name, i, values)
                .or_else(|| allowed_value(table, &c.name, i))
                .unwrap_or_else(|| value(d, schema, &table.name.name, &c.name, &c.data_type, Row { i, k: k as u64 }));
            values.insert((table.name.clone(), c.name.clone(), i), v.clone());
            row.push(v);
        }
        rows.push(format!("  ({})", row.join(", ")));
    }
    let names: Vec<String> = cols.iter().map(|c| quote::ident(d, &c.name)).collect();
    format!(
        "INSERT INTO {} ({}){}\nVALUES\n{};\n",
        quote::qname(d, &table.name),
        names.join(", "),
        if overriding { " OVERRIDING SYSTEM VALUE" } else { "" },
        rows.join(",\n")
    )
}

/// The table's columns, then those it inherits (PostgreSQL INHERITS / PARTITION OF) that it
/// does not redeclare, parents first-come.
fn all_columns(schema: &Schema, table: &Table) -> Vec<crate::model::Column> {
    let mut cols = table.columns.clone();
    let mut parents: Vec<QName> = table.options.inherits.clone();
    parents.extend(table.options.partition_of.as_ref().map(|p| p.parent.clone()));
    let mut seen: BTreeSet<QName> = BTreeSet::new();
    while let Some(p) = parents.pop() {
        if !seen.insert(p.clone()) {
            continue;
        }
        let Some(parent) = schema.tables.get(&p) else { continue };
        for c in &parent.columns {
            if !cols.iter().any(|x| x.name == c.name) {
                cols.push(c.clone());
            }
        }
        parents.extend(parent.options.inherits.iter().cloned());
        parents.extend(parent.options.partition_of.as_ref().map(|pp| pp.parent.clone()));
    }
    cols
}

/// A value that a `CHECK (column IN (...))` constraint allows, when there is one.
fn allowed_value(table: &Table, column: &str, i: u64) -> Option<String> {
    for con in &table.constraints {
        let ConstraintKind::Check { expr, .. } = &con.kind else { continue };
        let Some(items) = in_list_of(expr, column) else { continue };
        if !items.is_empty() {
            return Some(items[((i - 1) as usize) % items.len()].clone());
        }
    }
    None
}

/// The literals of `column IN (a, b, ...)` when `expr` is exactly that (optionally in
/// parentheses, the column optionally quoted).
fn in_list_of(expr: &str, column: &str) -> Option<Vec<String>> {
    let mut e = expr.trim();
    while e.starts_with('(') && e.ends_with(')') && balanced(crate::text::inner(e)) {
        e = crate::text::inner(e).trim();
    }
    let rest = [format!("\"{column}\""), format!("`{column}`"), column.to_string()]
        .iter()
        .find_map(|c| e.strip_prefix(c.as_str()).map(str::to_string))?;
    let rest = rest.trim_start();
    let upper = rest.get(..2)?.to_ascii_uppercase();
    if upper != "IN" {
        return None;
    }
    let list = crate::text::from(rest, 2).trim();
    let inner = list.strip_prefix('(')?.strip_suffix(')')?;
    if !balanced(inner) {
        return None;
    }
    let mut items = Vec::new();
    let (mut cur, mut quoted) = (String::new(), false);
    for ch in inner.chars() {
        match ch {
            '\'' => {
                quoted = !quoted;
                cur.push(ch);
            }
            ',' if !quoted => {
                items.push(cur.trim().to_string());
                cur.clear();
            }
            _ => cur.push(ch),
        }
    }
    items.push(cur.trim().to_string());
    let literal = |s: &String| (s.starts_with('\'') && s.ends_with('\'') && s.len() >= 2) || s.parse::<f64>().is_ok();
    if items.iter().all(literal) {
        Some(items)
    } else {
        None
    }
}

fn balanced(s: &str) -> bool {
    let mut depth = 0i32;
    for ch in s.chars() {
        match ch {
            '(' => depth += 1,
            ')' => {
                depth -= 1;
                if depth < 0 {
                    return false;
                }
            }
            _ => {}
        }
    }
    depth == 0
}

/// The value of a foreign key column: the referenced row's value (row `i` of the parent).
fn fk_value(table: &Table, column: &str, i: u64, values: &BTreeMap<(QName, String, u64), String>) -> Option<String> {
    for fk in table.foreign_keys() {
        if let ConstraintKind::ForeignKey { columns, ref_table, ref_columns, .. } = &fk.kind {
            let pos = columns.iter().position(|c| c == column)?;
            let ref_col = ref_columns.get(pos)?;
            if let Some(v) = values.get(&(ref_table.clone(), ref_col.clone(), i)) {
                return Some(v.clone());
            }
        }
    }
    None
}

/// Which value to make: row `i` (1-based) of column `k` (0-based). Values differ per row (for
/// keys) and grow with the column position (so checks like `ends_at > starts_at` or
/// `b > a` between columns declared in that order hold).
#[derive(Clone, Copy)]
struct Row {
    i: u64,
    k: u64,
}

/// A literal of type `t` for the row.
fn value(d: Dialect, schema: &Schema, table: &str, column: &str, t: &DataType, row: Row) -> String {
    let Row { i, k } = row;
    if t.array_dims > 0 {
        return if d == Dialect::Postgres { "'{}'".into() } else { "NULL".into() };
    }
    if t.user_defined {
        let ty = schema.types.values().find(|u| u.name().to_string() == t.base || u.name().name == t.base);
        return match ty {
            Some(UserType::Enum(e)) if !e.values.is_empty() => quote::literal(d, &e.values[((i - 1) as usize) % e.values.len()]),
            Some(UserType::Domain(dom)) => value(d, schema, table, column, &dom.data_type, row),
            _ => "NULL".into(),
        };
    }
    let base = t.base.to_ascii_lowercase();
    let text = |s: String| {
        let s = match t.length() {
            Some(n) if (n as usize) < s.chars().count() => {
                let keep = (n as usize).saturating_sub(1);
                let tail: String = i.to_string();
                format!("{}{}", s.chars().take(keep).collect::<String>(), tail.chars().last().unwrap_or('1'))
            }
            _ => s,
        };
        quote::literal(d, &s)
    };
    match base.as_str() {
        "tinyint" => (100 + i).to_string(),
        "smallint" | "int2" | "smallserial" => (1000 + 100 * (k % 300) + i).to_string(),
        "integer" | "int" | "int4" | "bigint" | "int8" | "mediumint" | "serial" | "bigserial" => (900000 + 1000 * k + i).to_string(),
        "numeric" | "decimal" => (k + i).to_string(),
        "real" | "float" | "float4" | "float8" | "double" | "double precision" => format!("{}.5", k + i),
        "boolean" | "bool" if d == Dialect::Postgres => {
            if i % 2 == 1 {
                "true".into()
            } else {
                "false".into()
            }
        }
        "boolean" | "bool" => (i % 2).to_string(),
        "date" => format!("'2024-{:02}-0{i}'", 1 + k % 12),
        b if b.starts_with("timestamp") || b == "datetime" => format!("'2024-{:02}-0{i} 12:00:00'", 1 + k % 12),
        b if b.starts_with("time") => format!("'12:00:0{i}'"),
        "interval" => format!("'{i} day'"),
        "year" => (2020 + i).to_string(),
        "uuid" => format!("'00000000-0000-4000-8000-00000000000{i}'"),
        "json" | "jsonb" => format!("'{{\"schemashift\": {i}}}'"),
        "bytea" => format!("'\\x0{i}'"),
        "blob" | "tinyblob" | "mediumblob" | "longblob" | "binary" | "varbinary" => format!("X'0{i}'"),
        "inet" | "cidr" => format!("'192.0.2.{i}'"),
        "macaddr" => format!("'08:00:2b:01:02:0{i}'"),
        "enum" | "set" if !t.args.is_empty() => t.args[((i - 1) as usize) % t.args.len()].clone(),
        "bit" => "'1'".into(),
        _ if d == Dialect::Sqlite && super::catalog::sqlite::affinity(&base) == "INTEGER" => (900000 + 1000 * k + i).to_string(),
        _ => text(format!("{table}_{column}_{i}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_in_lists_of_simple_checks() {
        assert_eq!(in_list_of("(status IN ('a', 'b,c'))", "status"), Some(vec!["'a'".to_string(), "'b,c'".to_string()]));
        assert_eq!(in_list_of("`n` in (1, 2)", "n"), Some(vec!["1".to_string(), "2".to_string()]));
        assert_eq!(in_list_of("status IN (SELECT 1)", "status"), None);
        assert_eq!(in_list_of("other IN (1)", "status"), None);
        assert_eq!(in_list_of("(a > 0) AND (b IN (1))", "a"), None);
    }
    use crate::model::{Column, Constraint, Deferrable, FkAction, FkMatch};

    fn table(name: &str) -> Table {
        Table::new(QName::new("public", name))
    }

    #[test]
    fn children_reference_their_parents_rows() {
        let mut s = Schema::new(Dialect::Postgres);
        let mut parent = table("p");
        parent.columns.push(Column { nullable: false, ..Column::new("id", DataType::simple("integer")) });
        parent.constraints.push(Constraint {
            name: Some("p_pkey".into()),
            kind: ConstraintKind::PrimaryKey { columns: vec!["id".into()] },
            deferrable: Deferrable::NotDeferrable,
            not_valid: false,
            index: Default::default(),
            not_enforced: false,
            on_conflict: None,
        });
        let mut child = table("c");
        child.columns.push(Column { nullable: false, ..Column::new("pid", DataType::simple("integer")) });
        child.columns.push(Column::new("note", DataType::with_args("character varying", &["4"])));
        child.constraints.push(Constraint {
            name: Some("c_pid_fkey".into()),
            kind: ConstraintKind::ForeignKey {
                columns: vec!["pid".into()],
                ref_table: parent.name.clone(),
                ref_columns: vec!["id".into()],
                on_delete: FkAction::NoAction,
                on_update: FkAction::NoAction,
                match_type: FkMatch::Simple,
            },
            deferrable: Deferrable::NotDeferrable,
            not_valid: false,
            index: Default::default(),
            not_enforced: false,
            on_conflict: None,
        });
        s.tables.insert(parent.name.clone(), parent.clone());
        s.tables.insert(child.name.clone(), child.clone());
        let wanted: BTreeSet<QName> = [child.name.clone(), parent.name.clone()].into();
        assert_eq!(order(&s, &wanted), vec![parent.name.clone(), child.name.clone()]);
        let mut values = BTreeMap::new();
        let p = insert(Dialect::Postgres, &s, &parent, &mut values, false);
        let c = insert(Dialect::Postgres, &s, &child, &mut values, false);
        assert!(p.contains("(900001),\n  (900002),\n  (900003)"), "{p}");
        assert!(c.contains("(900001, 'c_n1')"), "{c}");
        assert!(c.contains("(900003, 'c_n3')"), "{c}");
    }
}

#[cfg(test)]
mod seed_tests {
    use crate::{generate, Dialect, Options};

    #[test]
    fn tables_are_ordered_parents_first_and_a_cycle_from_its_first_name() {
        let text = "CREATE TABLE a (id int PRIMARY KEY, b_id int REFERENCES b);\nCREATE TABLE b (id int PRIMARY KEY);\n\
                    CREATE TABLE c (id int PRIMARY KEY, d_id int);\nCREATE TABLE d (id int PRIMARY KEY, c_id int REFERENCES c);\n\
                    ALTER TABLE c ADD FOREIGN KEY (d_id) REFERENCES d;\nCREATE TABLE e (id int PRIMARY KEY, e_id int REFERENCES e, a_id int REFERENCES a);";
        let schema = crate::parse::parse(Dialect::Postgres, text).schema;
        let wanted = schema.tables.keys().cloned().collect();
        let names: Vec<String> = super::order(&schema, &wanted).iter().map(|q| q.name.clone()).collect();
        // e (itself and a) is ready before the c–d cycle is broken at c.
        assert_eq!(names, ["b", "a", "e", "c", "d"]);
    }

    #[test]
    fn seed_rows_fill_the_before_tables_the_migration_touches_defaults_too() {
        let before = "CREATE TABLE users (id integer PRIMARY KEY, is_admin boolean NOT NULL DEFAULT false);\n\
                      CREATE TABLE gone (id integer PRIMARY KEY);\nCREATE TABLE same (id integer);";
        let after = "CREATE TABLE users (id integer PRIMARY KEY);\nCREATE TABLE same (id integer);";
        let m = generate(before, after, &Options::new(Dialect::Postgres));
        let seed = super::seed_sql(&m);
        assert!(seed.contains("INSERT INTO \"public\".\"users\" (\"id\", \"is_admin\")"), "{seed}");
        assert!(seed.contains("INSERT INTO \"public\".\"gone\""), "{seed}");
        assert!(!seed.contains("\"same\"") && !seed.contains("BEGIN"), "{seed}");
    }

    #[test]
    fn seed_rows_follow_the_foreign_keys_after_adds() {
        let before = "CREATE TABLE users (id integer PRIMARY KEY);\nCREATE TABLE orders (id integer PRIMARY KEY, user_id integer);";
        let after = "CREATE TABLE users (id integer PRIMARY KEY);\n\
                     CREATE TABLE orders (id integer PRIMARY KEY, user_id integer REFERENCES users (id));";
        let m = generate(before, after, &Options::new(Dialect::Postgres));
        let seed = super::seed_sql(&m);
        assert!(seed.contains("(900001, 900001)"), "{seed}");
    }
}

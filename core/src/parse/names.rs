//! Identifier normalization and the implicit names engines give to constraints, indexes and
//! sequences.
//!
//! Folding: PostgreSQL folds unquoted names to lower case and keeps quoted names exact. MySQL
//! compares column, index and constraint names case-insensitively (lower case is kept here)
//! while table names keep their case (case-sensitive on Linux), quoted or not. SQLite compares
//! every name case-insensitively: all are lower-cased.

use super::constraint::Raw;
use super::name_index::NameIndex;
use crate::model::{ConstraintKind, QName, Schema, Table};
use crate::Dialect;
use sqlparser::tokenizer::Word;

/// What a name names, for folding.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Tables, views, types, sequences, functions, schemas.
    Object,
    /// Columns, indexes, constraints, and other names local to a table.
    Local,
}

/// What a declared MySQL local name names: a column, or an index or constraint (a key).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Declared {
    Column,
    Key,
    /// A check written in a column's definition: (constraint name, column).
    ColumnCheck,
}

/// What reading one statement noted beside its effect on the model, returned with its outcome
/// by `noting` (`statement::run` reads every statement through it).
#[derive(Debug, Default)]
pub struct StatementNotes {
    /// The MySQL local names the statement declares, as (what, model name, as written): handed
    /// to the table the statement made or changed (`Table::column_spellings`, `key_spellings`).
    pub declared: Vec<(Declared, String, String)>,
    /// Clauses the statement carries that the model does not (line, column, what): reported as
    /// warnings at their place.
    pub not_carried: Vec<(usize, usize, String)>,
    /// Other warnings at a place in the statement (line, column, message).
    pub warnings: Vec<(usize, usize, String)>,
}

std::thread_local! {
    /// The notes of the statement being read (`None` outside `noting`). The readers deep in a
    /// statement (`Cursor::decl_ident`, key constraints, implicit names) add to it without
    /// threading it through every call; `noting` scopes it to one statement and returns it, so
    /// nothing of a statement leaks into the next (or into a cached one).
    static NOTES: std::cell::RefCell<Option<StatementNotes>> = const { std::cell::RefCell::new(None) };
}

/// Run `read` (one statement's reader) and return its result with what it noted. A nested
/// call keeps its own notes; the outer ones are restored after it.
pub fn noting<T>(read: impl FnOnce() -> T) -> (T, StatementNotes) {
    let outer = NOTES.with(|n| n.replace(Some(StatementNotes::default())));
    let out = read();
    let notes = NOTES.with(|n| n.replace(outer)).unwrap_or_default();
    (out, notes)
}

fn note(add: impl FnOnce(&mut StatementNotes)) {
    NOTES.with(|n| {
        if let Some(notes) = n.borrow_mut().as_mut() {
            add(notes);
        }
    });
}

/// Record a clause read but not carried into the model, to be reported at its place.
pub fn not_carried(at: (usize, usize), what: impl Into<String>) {
    note(|n| n.not_carried.push((at.0, at.1, what.into())));
}

/// Record a warning at `at` (the statement still applies).
pub fn warn(at: (usize, usize), message: String) {
    note(|n| n.warnings.push((at.0, at.1, message)));
}

/// Record that the statement declares `name` (model form) written as `written` (MySQL; SQLite
/// columns, whose names its engine keeps as declared: `SELECT *` and `PRAGMA table_info` show
/// them so).
pub fn declare(dialect: Dialect, what: Declared, name: &str, written: &str) {
    if dialect == Dialect::Mysql || dialect == Dialect::Sqlite && what == Declared::Column {
        note(|n| n.declared.push((what, name.to_string(), written.to_string())));
    }
}

/// Record that `CREATE INDEX` declares the index `name` (model form) written as `written`
/// (MySQL, and SQLite, whose engine keeps an index's name as declared: `PRAGMA index_list`).
pub fn declare_index(dialect: Dialect, name: &str, written: &str) {
    if matches!(dialect, Dialect::Mysql | Dialect::Sqlite) {
        note(|n| n.declared.push((Declared::Key, name.to_string(), written.to_string())));
    }
}

/// Hand the statement's declared spellings to `table` (MySQL): a name written in another case
/// than the model's lower case keeps its spelling; one written in lower case forgets any.
pub fn apply_declared(table: &mut Table, declared: &[(Declared, String, String)]) {
    for (_, name, written) in declared.iter().filter(|d| d.0 == Declared::Column) {
        if table.column(name).is_some() {
            if written != name {
                table.column_spellings.insert(name.clone(), written.clone());
            } else {
                table.column_spellings.remove(name);
            }
        }
    }
    for (_, name, written) in declared.iter().filter(|d| d.0 == Declared::Key) {
        if table.index(name).is_some() || table.constraint(name).is_some() {
            // An explicit lower-case key name beside a column spelled otherwise stays lower case.
            if written != name || table.column_spellings.contains_key(name) {
                table.key_spellings.insert(name.clone(), written.clone());
            } else {
                table.key_spellings.remove(name);
            }
        }
    }
    for (_, name, column) in declared.iter().filter(|d| d.0 == Declared::ColumnCheck) {
        if table.constraint(name).is_some() {
            table.column_checks.insert(name.clone(), column.clone());
        }
    }
    table.prune_spellings();
}

/// Normalize one identifier.
pub fn fold(dialect: Dialect, kind: Kind, w: &Word) -> String {
    match dialect {
        // PostgreSQL folds unquoted names to lower case, ASCII letters only (`Äpfel` stays).
        Dialect::Postgres => {
            if w.quote_style.is_some() {
                w.value.clone()
            } else {
                w.value.to_ascii_lowercase()
            }
        }
        // MySQL compares column names case-insensitively in every script.
        Dialect::Mysql => match kind {
            Kind::Object => w.value.clone(),
            Kind::Local => w.value.to_lowercase(),
        },
        // SQLite's names are case-insensitive for ASCII letters only: `"İ"` is not `"i̇"`.
        Dialect::Sqlite => w.value.to_ascii_lowercase(),
    }
}

/// The default namespace of a dialect: `public` in PostgreSQL, none elsewhere.
pub fn default_schema(dialect: Dialect) -> &'static str {
    match dialect {
        Dialect::Postgres => "public",
        _ => "",
    }
}

/// Build a qualified name from its written parts (`name`, `schema.name`, `db.schema.name`).
/// MySQL database qualifiers and SQLite `main.` are dropped: they name the current database.
pub fn qname(dialect: Dialect, parts: &[Word]) -> QName {
    let n = parts.len();
    let schema = if n >= 2 { parts.get(n - 2) } else { None };
    match parts.last() {
        Some(last) => qname_of(dialect, schema, last),
        None => QName::new(default_schema(dialect), ""),
    }
}

/// `qname` of a name's last two parts: its schema part (the one before the name), if any, and
/// the name.
pub fn qname_of(dialect: Dialect, schema: Option<&Word>, name: &Word) -> QName {
    let schema = match (dialect, schema) {
        (Dialect::Postgres, Some(s)) => fold(dialect, Kind::Object, s),
        _ => default_schema(dialect).to_string(),
    };
    QName::new(schema, fold(dialect, Kind::Object, name))
}

/// PostgreSQL's `makeObjectName`: `name1_name2_label`, truncated to 63 bytes by shortening the
/// longer of `name1`/`name2` first.
pub fn pg_object_name(name1: &str, name2: Option<&str>, label: &str) -> String {
    let overhead = name2.map(|_| 1).unwrap_or(0) + if label.is_empty() { 0 } else { label.len() + 1 };
    let avail = 63usize.saturating_sub(overhead);
    let mut n1 = name1.len();
    let mut n2 = name2.map(|n| n.len()).unwrap_or(0);
    while n1 + n2 > avail {
        if n1 > n2 {
            n1 -= 1;
        } else {
            n2 -= 1;
        }
    }
    let mut out = crate::text::clip(name1, n1).to_string();
    if let Some(n) = name2 {
        out.push('_');
        out.push_str(crate::text::clip(n, n2));
    }
    if !label.is_empty() {
        out.push('_');
        out.push_str(label);
    }
    out
}

/// PostgreSQL's `ChooseRelationName`/`ChooseConstraintName`: the first of `name`, `name1`,
/// `name2`... (the number goes before the label) not in use.
pub fn pg_choose(table: &str, cols: &[String], label: &str, mut taken: impl FnMut(&str) -> bool) -> String {
    let joined = cols.join("_");
    let name2 = if cols.is_empty() { None } else { Some(joined.as_str()) };
    let mut name = pg_object_name(table, name2, label);
    let mut pass = 0;
    while taken(&name) && pass < 10_000 {
        pass += 1;
        name = pg_object_name(table, name2, &format!("{label}{pass}"));
    }
    name
}

/// PostgreSQL's index column names (`ChooseIndexColumnNames`): a name that repeats an earlier
/// one takes the lowest number that makes it unique (`expr`, `expr1`, `expr2`), clipped so the
/// result stays within 63 bytes.
pub fn pg_index_column_names(parts: Vec<String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(parts.len());
    for orig in parts {
        let mut cur = orig.clone();
        let mut i = 1;
        while out.contains(&cur) {
            let n = i.to_string();
            cur = format!("{}{n}", crate::text::clip(&orig, 63 - n.len()));
            i += 1;
        }
        out.push(cur);
    }
    out
}

/// MySQL's naming of an unnamed key: the first column's name, then `_2`, `_3`... on clashes.
pub fn mysql_key_name(first_col: &str, taken: impl Fn(&str) -> bool) -> String {
    if !taken(first_col) && !first_col.eq_ignore_ascii_case("primary") {
        return first_col.to_string();
    }
    let mut i = 2;
    loop {
        let n = format!("{first_col}_{i}");
        if !taken(&n) {
            return n;
        }
        i += 1;
    }
}

/// Truncate a name to PostgreSQL's 63-byte identifier limit (the engine does so silently).
pub fn pg_truncate(name: &str) -> String {
    crate::text::clip(name, 63).to_string()
}

/// Is `name` taken among PostgreSQL relation-like names of the table's schema or the table's
/// own constraints? (`names` answers for the other tables of the schema.)
pub(super) fn pg_taken(schema: &Schema, names: &mut NameIndex, table: &Table, name: &str) -> bool {
    table.constraints.iter().any(|c| c.name.as_deref() == Some(name))
        || table.indexes.iter().any(|i| i.name == name)
        || names.pg_taken(schema, &table.name.schema, name, Some(&table.name.name))
}

/// Columns a check expression names (distinct, in order), among the table's columns.
fn check_columns(table: &Table, expr: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for word in expr.split(|ch: char| !(ch.is_alphanumeric() || ch == '_' || ch == '$')) {
        let w = word.trim_matches('"');
        if table.column(w).is_some() && !out.iter().any(|o| o == w) {
            out.push(w.to_string());
        }
    }
    out
}

/// The element names PostgreSQL puts in an exclusion constraint's name, from the canonical
/// definition `USING m (a WITH =, lower(b) WITH =, (c + 1) WITH =)`: `a`, `lower`, `expr`.
fn exclude_columns(def: &str) -> Vec<String> {
    let Some(start) = def.find('(') else { return Vec::new() };
    let mut depth = 0usize;
    let mut elems = Vec::new();
    let mut cur = String::new();
    for ch in crate::text::from(def, start + 1).chars() {
        match ch {
            '(' => depth += 1,
            ')' if depth == 0 => break,
            ')' => depth -= 1,
            ',' if depth == 0 => {
                elems.push(std::mem::take(&mut cur));
                continue;
            }
            _ => {}
        }
        cur.push(ch);
    }
    elems.push(cur);
    elems
        .iter()
        .map(|e| {
            let e = e.trim();
            if e.starts_with('(') {
                return "expr".to_string();
            }
            let head: String = e.chars().take_while(|c| !c.is_whitespace() && *c != '(').collect();
            head.trim_matches('"').to_string()
        })
        .collect()
}

/// MySQL's numbered constraint name `<table>_<infix>_<n>` (`ibfk` foreign keys, MySQL 8's `chk`
/// checks): after the highest number the table has; declared as the table is written.
fn numbered(d: Dialect, table: &Table, t: &str, infix: &str) -> String {
    let prefix = format!("{}_{infix}_", t.to_lowercase());
    let max = table.constraints.iter().filter_map(|c| c.name.as_deref()?.strip_prefix(&prefix)?.parse::<u32>().ok()).max().unwrap_or(0);
    let name = format!("{prefix}{}", max + 1);
    declare(d, Declared::Key, &name, &format!("{t}_{infix}_{}", max + 1));
    name
}

/// The name the engine gives an unnamed constraint (`None` where it keeps none).
pub(super) fn implicit_name(schema: &Schema, names: &mut NameIndex, table: &Table, raw: &Raw) -> Option<String> {
    let d = schema.dialect;
    let t = &table.name.name;
    match d {
        Dialect::Sqlite => None,
        Dialect::Postgres => {
            let taken = |n: &str| pg_taken(schema, names, table, n);
            Some(match &raw.kind {
                ConstraintKind::PrimaryKey { .. } => pg_choose(t, &[], "pkey", taken),
                // INCLUDE columns are part of the name, as in an index's (`t_a_b_key`).
                ConstraintKind::Unique { columns, .. } => {
                    let cols: Vec<String> = columns.iter().chain(&raw.index.include).cloned().collect();
                    pg_choose(t, &cols, "key", taken)
                }
                ConstraintKind::ForeignKey { columns, .. } => pg_choose(t, columns, "fkey", taken),
                ConstraintKind::Check { expr, .. } => {
                    let cols = check_columns(table, expr);
                    let cols = if cols.len() == 1 { cols } else { Vec::new() };
                    pg_choose(t, &cols, "check", taken)
                }
                ConstraintKind::Exclude { definition } => pg_choose(t, &pg_index_column_names(exclude_columns(definition)), "excl", taken),
            })
        }
        Dialect::Mysql => {
            let taken = |n: &str| {
                table.constraints.iter().any(|c| c.name.as_deref().map(|x| x.eq_ignore_ascii_case(n)) == Some(true))
                    || table.indexes.iter().any(|i| i.name.eq_ignore_ascii_case(n))
            };
            Some(match &raw.kind {
                ConstraintKind::PrimaryKey { .. } => "PRIMARY".to_string(),
                ConstraintKind::Unique { columns, .. } => mysql_key_name(columns.first().map(|s| s.as_str()).unwrap_or("key"), taken),
                ConstraintKind::ForeignKey { .. } => numbered(d, table, t, "ibfk"),
                // MySQL 8: `<table>_chk_<n>`, after the highest number the table has (in a
                // CREATE TABLE the checks are named in the order written).
                ConstraintKind::Check { .. } if names.numbered_checks => numbered(d, table, t, "chk"),
                ConstraintKind::Check { .. } => match &raw.column {
                    // MariaDB names a column-level check after its column.
                    Some(col) if !taken(col) => {
                        declare(d, Declared::ColumnCheck, col, col);
                        col.clone()
                    }
                    _ => {
                        let mut i = 1;
                        // MariaDB's `CONSTRAINT_1` (names here are compared in lower case).
                        while taken(&format!("constraint_{i}")) {
                            i += 1;
                        }
                        declare(d, Declared::Key, &format!("constraint_{i}"), &format!("CONSTRAINT_{i}"));
                        format!("constraint_{i}")
                    }
                },
                ConstraintKind::Exclude { .. } => "excl".to_string(),
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pg_names_truncate_the_longer_part() {
        assert_eq!(pg_object_name("t", Some("a"), "key"), "t_a_key");
        let long = "x".repeat(60);
        let n = pg_object_name(&long, Some("col"), "fkey");
        assert_eq!(n.len(), 63);
        assert!(n.ends_with("_col_fkey"));
    }

    #[test]
    fn pg_choose_adds_a_number_on_clash() {
        let n = pg_choose("t", &[], "check", |n| n == "t_check");
        assert_eq!(n, "t_check1");
    }

    #[test]
    fn mysql_key_names_get_suffixes() {
        assert_eq!(mysql_key_name("a", |n| n == "a"), "a_2");
        assert_eq!(mysql_key_name("a", |_| false), "a");
    }

    #[test]
    fn folding_per_dialect() {
        let w = Word { value: "Ab".into(), quote_style: None, keyword: sqlparser::keywords::Keyword::NoKeyword };
        assert_eq!(fold(Dialect::Postgres, Kind::Object, &w), "ab");
        assert_eq!(fold(Dialect::Mysql, Kind::Object, &w), "Ab");
        assert_eq!(fold(Dialect::Mysql, Kind::Local, &w), "ab");
        let q = Word { quote_style: Some('"'), ..w };
        assert_eq!(fold(Dialect::Postgres, Kind::Local, &q), "Ab");
        assert_eq!(fold(Dialect::Sqlite, Kind::Local, &q), "ab");
    }
}

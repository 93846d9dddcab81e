//! Identifier normalization and the implicit names engines give to constraints, indexes and
//! sequences.
//!
//! Folding: PostgreSQL folds unquoted names to lower case and keeps quoted names exact. MySQL
//! compares column, index and constraint names case-insensitively (lower case is kept here)
//! while table names keep their case (case-sensitive on Linux), quoted or not. SQLite compares
//! every name case-insensitively: all are lower-cased.

use crate::model::QName;
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

/// Normalize one identifier.
pub fn fold(dialect: Dialect, kind: Kind, w: &Word) -> String {
    match dialect {
        Dialect::Postgres => {
            if w.quote_style.is_some() {
                w.value.clone()
            } else {
                w.value.to_lowercase()
            }
        }
        Dialect::Mysql => match kind {
            Kind::Object => w.value.clone(),
            Kind::Local => w.value.to_lowercase(),
        },
        Dialect::Sqlite => w.value.to_lowercase(),
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
    let name = parts.last().map(|w| fold(dialect, Kind::Object, w)).unwrap_or_default();
    let schema = match dialect {
        Dialect::Postgres if n >= 2 => fold(dialect, Kind::Object, &parts[n - 2]),
        _ => default_schema(dialect).to_string(),
    };
    QName::new(schema, name)
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
    let mut out = clip(name1, n1).to_string();
    if let Some(n) = name2 {
        out.push('_');
        out.push_str(clip(n, n2));
    }
    if !label.is_empty() {
        out.push('_');
        out.push_str(label);
    }
    out
}

/// The first `n` bytes of `s`, cut back to a character boundary.
fn clip(s: &str, mut n: usize) -> &str {
    n = n.min(s.len());
    while n > 0 && !s.is_char_boundary(n) {
        n -= 1;
    }
    &s[..n]
}

/// PostgreSQL's `ChooseRelationName`/`ChooseConstraintName`: the first of `name`, `name1`,
/// `name2`... (the number goes before the label) not in use.
pub fn pg_choose(table: &str, cols: &[String], label: &str, taken: impl Fn(&str) -> bool) -> String {
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
    clip(name, 63).to_string()
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

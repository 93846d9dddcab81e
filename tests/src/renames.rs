//! Rename hints in a case's AFTER text, so the data check can follow rows through a rename:
//! a generator that ignores a hint drops and re-adds the column, reaching the same catalog
//! while losing the column's values, and only the data check can see that.
//!
//! Understood hints: sqldef's `-- @renamed from=old` / `/* @renamed from=old */` and
//! schemashift's `-- schemashift:renamed-from old`, on a `CREATE TABLE` line (table rename)
//! or on a column definition line inside one (column rename); and a migration history's rename
//! statements, one per line (`ALTER TABLE t RENAME [COLUMN] a TO b`, `ALTER TABLE t RENAME TO u`,
//! MySQL `ALTER TABLE t CHANGE [COLUMN] a b ...` and `RENAME TABLE t TO u`), chains followed to
//! the last name. Other renames (indexes, types, enum values) do not move rows and are not
//! needed here.

use schemashift::Dialect;

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Renames {
    /// (old table name, new table name), names as the engine stores them.
    pub tables: Vec<(String, String)>,
    /// (table name in AFTER, old column name, new column name).
    pub columns: Vec<(String, String, String)>,
    /// Enum labels a history renames (`ALTER TYPE t RENAME VALUE 'a' TO 'b'`): (type name, old
    /// label, new label), chains followed.
    pub values: Vec<(String, String, String)>,
}

/// An identifier as the engine stores it: quotes removed, unquoted names folded to lower case
/// in PostgreSQL.
fn stored(token: &str, dialect: Dialect) -> String {
    let t = token.trim();
    for q in ['"', '`'] {
        if t.len() >= 2 && t.starts_with(q) && t.ends_with(q) {
            let inner = &t[1..t.len() - 1];
            return inner.replace(&format!("{q}{q}"), &q.to_string());
        }
    }
    if dialect == Dialect::Postgres {
        t.to_lowercase()
    } else {
        t.to_string()
    }
}

/// The first identifier of `text` (quoted or bare), and the rest.
fn ident(text: &str) -> Option<(&str, &str)> {
    let t = text.trim_start();
    let first = t.chars().next()?;
    let end = if first == '"' || first == '`' {
        let mut i = 1;
        let b = t.as_bytes();
        loop {
            if i >= b.len() {
                break b.len();
            }
            if b[i] == first as u8 {
                if b.get(i + 1) == Some(&(first as u8)) {
                    i += 2;
                    continue;
                }
                break i + 1;
            }
            i += 1;
        }
    } else {
        t.find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '$')).unwrap_or(t.len())
    };
    if end == 0 {
        return None;
    }
    Some((&t[..end], &t[end..]))
}

/// A possibly schema-qualified name: its last part.
fn last_part(text: &str) -> Option<&str> {
    let (mut name, mut rest) = ident(text)?;
    while let Some(r) = rest.strip_prefix('.') {
        let (n, r2) = ident(r)?;
        name = n;
        rest = r2;
    }
    Some(name)
}

/// The old name a hint on this line gives, if any.
fn hint(line: &str) -> Option<String> {
    let rest = if let Some(p) = line.find("@renamed from=") {
        &line[p + "@renamed from=".len()..]
    } else if let Some(p) = line.find("schemashift:renamed-from") {
        line[p + "schemashift:renamed-from".len()..].trim_start()
    } else {
        return None;
    };
    // A table moved to another schema names its old one (`public.orders`): the last part.
    Some(last_part(rest)?.to_string())
}

const NOT_COLUMNS: &[&str] =
    &["constraint", "primary", "unique", "key", "index", "check", "foreign", "fulltext", "spatial", "exclude", "like", "period"];

/// Read the hints of an AFTER text.
pub fn read(after: &str, dialect: Dialect) -> Renames {
    let mut out = Renames::default();
    let mut table: Option<String> = None;
    let mut pending: Option<String> = None;
    for line in after.lines() {
        let code = line.split("--").next().unwrap_or("").split("/*").next().unwrap_or("");
        let lower = code.trim_start().to_ascii_lowercase();
        let created = if lower.starts_with("create") {
            let words: Vec<&str> = lower.split_whitespace().collect();
            let is_table = words.iter().take(4).any(|w| *w == "table");
            table = None;
            if is_table {
                let p = lower.find("table").map(|p| p + 5).unwrap_or(0);
                let mut after_kw = &code.trim_start()[p..];
                let trimmed = after_kw.trim_start();
                if trimmed.to_ascii_lowercase().starts_with("if not exists") {
                    after_kw = &trimmed[13..];
                }
                table = last_part(after_kw).map(|n| stored(n, dialect));
                true
            } else {
                false
            }
        } else {
            false
        };
        if let Some((ty, old, new)) = value_rename(code, dialect) {
            match out.values.iter_mut().find(|(t, _, n)| *t == ty && *n == old) {
                Some(entry) => entry.2 = new,
                None => out.values.push((ty, old, new)),
            }
            continue;
        }
        if let Some(statement) = rename_statement(code, dialect) {
            out.follow(statement, dialect);
            continue;
        }
        // A table's hint may be on a line of its own before `CREATE TABLE`.
        let pending_hint = if code.trim().is_empty() { None } else { pending.take() };
        let Some(old) = hint(line).or(pending_hint.filter(|_| created)) else { continue };
        if code.trim().is_empty() {
            pending = Some(old);
            continue;
        }
        let old = stored(&old, dialect);
        match (&table, created) {
            (Some(new), true) => out.tables.push((old, new.clone())),
            (Some(t), false) => {
                if let Some((name, _)) = ident(code) {
                    if !NOT_COLUMNS.contains(&name.to_ascii_lowercase().as_str()) {
                        out.columns.push((t.clone(), old, stored(name, dialect)));
                    }
                }
            }
            _ => {}
        }
    }
    out
}

/// A rename statement: a column's (table, old, new) or a table's (old, new).
enum Statement {
    Column(String, String, String),
    Table(String, String),
}

/// The rename statement on a line, if it is one.
fn rename_statement(code: &str, dialect: Dialect) -> Option<Statement> {
    let words = |t: &str| t.split_whitespace().map(str::to_ascii_lowercase).collect::<Vec<_>>();
    let t = code.trim_start();
    let lower = t.to_ascii_lowercase();
    if let Some(rest) = lower.strip_prefix("rename table").map(|_| &t["rename table".len()..]) {
        let (old, rest) = name_after(rest, dialect)?;
        let rest = rest.trim_start();
        let rest = rest.get(..2).filter(|k| k.eq_ignore_ascii_case("to")).map(|_| &rest[2..])?;
        let (new, _) = name_after(rest, dialect)?;
        return Some(Statement::Table(old, new));
    }
    let mut rest = lower.strip_prefix("alter table").map(|_| &t["alter table".len()..])?;
    for skip in ["if exists", "only"] {
        let r = rest.trim_start();
        if r.to_ascii_lowercase().starts_with(skip) {
            rest = &r[skip.len()..];
        }
    }
    let (table, rest) = name_after(rest, dialect)?;
    let rest = rest.trim_start();
    let w = words(rest);
    match w.first().map(String::as_str) {
        Some("rename") if matches!(w.get(1).map(String::as_str), Some("to") | Some("as")) => {
            Some(Statement::Table(table, name_after(after_word(rest, 2), dialect)?.0))
        }
        Some("rename") if !matches!(w.get(1).map(String::as_str), Some("constraint") | Some("index") | Some("key")) => {
            let r = if w.get(1).map(String::as_str) == Some("column") { after_word(rest, 2) } else { after_word(rest, 1) };
            let (old, r) = ident(r)?;
            let r = r.trim_start();
            let r = r.get(..2).filter(|k| k.eq_ignore_ascii_case("to")).map(|_| &r[2..])?;
            let (new, _) = ident(r)?;
            Some(Statement::Column(table, stored(old, dialect), stored(new, dialect)))
        }
        Some("change") => {
            let r = if w.get(1).map(String::as_str) == Some("column") { after_word(rest, 2) } else { after_word(rest, 1) };
            let (old, r) = ident(r)?;
            let (new, _) = ident(r)?;
            Some(Statement::Column(table, stored(old, dialect), stored(new, dialect)))
        }
        _ => None,
    }
}

/// `ALTER TYPE t RENAME VALUE 'a' TO 'b'` on a line: (type, old label, new label).
fn value_rename(code: &str, dialect: Dialect) -> Option<(String, String, String)> {
    let t = code.trim_start();
    let rest = t.to_ascii_lowercase().strip_prefix("alter type").map(|_| &t["alter type".len()..])?;
    let (ty, rest) = name_after(rest, dialect)?;
    let words: Vec<&str> = rest.split('\'').collect();
    // [" RENAME VALUE ", "a", " TO ", "b", ";"]
    match words.as_slice() {
        [kw, a, to, b, ..]
            if kw.split_whitespace().map(str::to_ascii_lowercase).eq(["rename", "value"]) && to.trim().eq_ignore_ascii_case("to") =>
        {
            Some((ty, a.to_string(), b.to_string()))
        }
        _ => None,
    }
}

/// The name at the start of `text` as the engine stores it, and the text after it.
fn name_after(text: &str, dialect: Dialect) -> Option<(String, &str)> {
    last_part(text).map(|n| (stored(n, dialect), skip_name(text)))
}

/// `text` after its first `n` words.
fn after_word(text: &str, n: usize) -> &str {
    let mut r = text.trim_start();
    for _ in 0..n {
        r = r.trim_start();
        r = &r[r.find(char::is_whitespace).unwrap_or(r.len())..];
    }
    r
}

/// The text after a possibly schema-qualified name.
fn skip_name(text: &str) -> &str {
    let Some((_, mut rest)) = ident(text) else { return text };
    while let Some(r) = rest.strip_prefix('.') {
        match ident(r) {
            Some((_, r2)) => rest = r2,
            None => break,
        }
    }
    rest
}

impl Renames {
    /// A rename statement, chained onto the renames so far (`a` → `b` then `b` → `c` is `a` → `c`).
    fn follow(&mut self, statement: Statement, dialect: Dialect) {
        match statement {
            Statement::Table(old, new) => {
                for (t, _, _) in self.columns.iter_mut().filter(|(t, _, _)| Self::same(t, &old, dialect)) {
                    *t = new.clone();
                }
                match self.tables.iter_mut().find(|(_, n)| Self::same(n, &old, dialect)) {
                    Some(entry) => entry.1 = new,
                    None => self.tables.push((old, new)),
                }
            }
            Statement::Column(table, old, new) => {
                match self.columns.iter_mut().find(|(t, _, n)| Self::same(t, &table, dialect) && Self::same(n, &old, dialect)) {
                    Some(entry) => entry.2 = new,
                    None => self.columns.push((table, old, new)),
                }
            }
        }
    }

    fn same(a: &str, b: &str, dialect: Dialect) -> bool {
        if dialect == Dialect::Sqlite {
            a.eq_ignore_ascii_case(b)
        } else {
            a == b
        }
    }

    /// The AFTER name of a BEFORE table.
    pub fn table_after(&self, before: &str, dialect: Dialect) -> String {
        self.tables.iter().find(|(o, _)| Self::same(o, before, dialect)).map(|(_, n)| n.clone()).unwrap_or_else(|| before.to_string())
    }

    /// The label a value of a column of type `ty` (as the catalog prints it) holds after the
    /// history's label renames.
    pub fn value_after(&self, ty: &str, value: &str) -> Option<&str> {
        let bare = ty.rsplit('.').next().unwrap_or(ty).trim_matches('"');
        self.values.iter().find(|(t, old, _)| t.eq_ignore_ascii_case(bare) && old == value).map(|(_, _, new)| new.as_str())
    }

    /// The AFTER name of a BEFORE column of the table called `table_after` in AFTER.
    pub fn column_after(&self, table_after: &str, column: &str, dialect: Dialect) -> String {
        self.columns
            .iter()
            .find(|(t, o, _)| Self::same(t, table_after, dialect) && Self::same(o, column, dialect))
            .map(|(_, _, n)| n.clone())
            .unwrap_or_else(|| column.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_and_column_hints_are_read() {
        let after = "CREATE TABLE \"UserAccounts\" ( -- @renamed from=user_accounts\n  id int,\n  \
                     user_name text, -- @renamed from=\"User Name\"\n  CONSTRAINT u UNIQUE (id) -- @renamed from=old_u\n);\n\
                     CREATE TABLE IF NOT EXISTS s.t (\n  b int -- schemashift:renamed-from a\n);\n\
                     CREATE TYPE x /* @renamed from=y */ AS ENUM ('a');";
        let r = read(after, Dialect::Postgres);
        assert_eq!(r.tables, vec![("user_accounts".to_string(), "UserAccounts".to_string())]);
        assert_eq!(
            r.columns,
            vec![
                ("UserAccounts".to_string(), "User Name".to_string(), "user_name".to_string()),
                ("t".to_string(), "a".to_string(), "b".to_string())
            ]
        );
        assert_eq!(r.table_after("user_accounts", Dialect::Postgres), "UserAccounts");
        assert_eq!(r.column_after("t", "a", Dialect::Postgres), "b");
    }

    #[test]
    fn rename_statements_are_followed_to_the_last_name() {
        let after = "CREATE TABLE a (id int, name text);\nALTER TABLE a RENAME COLUMN name TO label;\n\
                     ALTER TABLE IF EXISTS ONLY public.a RENAME label TO title;\nALTER TABLE a RENAME TO b;\n\
                     ALTER TABLE b RENAME CONSTRAINT k TO k2;";
        let r = read(after, Dialect::Postgres);
        assert_eq!(r.tables, vec![("a".to_string(), "b".to_string())]);
        assert_eq!(r.columns, vec![("b".to_string(), "name".to_string(), "title".to_string())]);
        let my = read("RENAME TABLE `a` TO `b`;\nALTER TABLE b CHANGE COLUMN `x` y int;", Dialect::Mysql);
        assert_eq!(my.tables, vec![("a".to_string(), "b".to_string())]);
        assert_eq!(my.columns, vec![("b".to_string(), "x".to_string(), "y".to_string())]);
        let labels = read("ALTER TYPE s.st RENAME VALUE 'new' TO 'x';\nALTER TYPE st RENAME VALUE 'x' TO 'open';", Dialect::Postgres);
        assert_eq!(labels.value_after("s.st", "new"), Some("open"));
    }
}

//! Rename hints written in the SQL as comments.
//!
//! A hint says "this object used to be called OLD", so the differ renames instead of dropping
//! and re-creating (which would lose data). Accepted forms:
//!
//! - `-- schemashift:renamed-from old_name` at the end of the line that defines a column, an
//!   index (`CREATE INDEX` or an index line in `CREATE TABLE`) or a constraint; or on the line
//!   just before `CREATE TABLE` (or at the end of its first line) for a table rename;
//! - sqldef's `-- @renamed from=old_name` and `/* @renamed from=old_name */` in the same places.
//!
//! The old name is read like an identifier: unquoted names are folded as the dialect folds them
//! (PostgreSQL: lower case), `"Quoted"` / `` `quoted` `` names are kept exact. For a table, the
//! old name may be schema-qualified (`-- schemashift:renamed-from app.old_table`); the last part
//! is the old table name.

use super::cursor::Comment;
use super::names::{self, Kind};
use crate::Dialect;
use sqlparser::keywords::Keyword;
use sqlparser::tokenizer::Word;

/// The hint syntax, for documentation and messages.
pub const HINT_SYNTAX: &str =
    "-- schemashift:renamed-from OLD_NAME   (or sqldef's -- @renamed from=OLD_NAME / /* @renamed from=OLD_NAME */)";

/// How to write `name` in a hint so that `parse_hint` reads it back exactly: bare when folding
/// keeps it, else in double quotes (PostgreSQL `"Email"`, a name with a space).
pub fn hint_name(d: Dialect, name: &str) -> String {
    let plain = name.chars().next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$');
    if plain && (d != Dialect::Postgres || !name.chars().any(|c| c.is_ascii_uppercase())) {
        name.to_string()
    } else {
        format!("\"{}\"", name.replace('"', "\"\""))
    }
}

/// The text after a rename hint's marker (`schemashift:renamed-from`, sqldef's `@renamed from=`).
fn hint_rest(text: &str) -> Option<&str> {
    let t = text.trim();
    if let Some(r) = t.strip_prefix("schemashift:renamed-from") {
        Some(r.trim_start_matches([' ', '=', ':', '\t']))
    } else {
        let r = t.strip_prefix("@renamed")?.trim_start();
        Some(r.strip_prefix("from=").or_else(|| r.strip_prefix("from ="))?.trim_start())
    }
}

/// The old name a comment's text names, if it is a rename hint.
pub fn parse_hint(d: Dialect, text: &str) -> Option<String> {
    let word = first_name(hint_rest(text)?)?.pop()?;
    Some(names::fold(d, Kind::Local, &word))
}

/// A table hint's old table: its name, or `schema.name` when the hint names a schema
/// (PostgreSQL: `-- schemashift:renamed-from public.orders` on a table moved to another schema).
fn table_hint_of(d: Dialect, text: &str) -> Option<String> {
    let parts = first_name(hint_rest(text)?)?;
    let name = names::fold(d, Kind::Local, parts.last()?);
    match parts.as_slice() {
        [.., schema, _] if d == Dialect::Postgres && !schema.value.contains('.') => {
            Some(format!("{}.{name}", names::fold(d, Kind::Local, schema)))
        }
        _ => Some(name),
    }
}

/// The parts of the first (possibly quoted, possibly qualified) name in `s`.
fn first_name(s: &str) -> Option<Vec<Word>> {
    let mut parts: Vec<Word> = Vec::new();
    let mut chars = s.chars().peekable();
    loop {
        match chars.peek() {
            Some(&q @ ('"' | '`')) => {
                chars.next();
                let mut v = String::new();
                while let Some(c) = chars.next() {
                    if c == q {
                        if chars.peek() == Some(&q) {
                            chars.next();
                            v.push(q);
                            continue;
                        }
                        break;
                    }
                    v.push(c);
                }
                parts.push(Word { value: v, quote_style: Some(q), keyword: Keyword::NoKeyword });
            }
            Some(_) => {
                let mut v = String::new();
                while let Some(&c) = chars.peek() {
                    if c.is_alphanumeric() || c == '_' || c == '$' {
                        v.push(c);
                        chars.next();
                    } else {
                        break;
                    }
                }
                if v.is_empty() {
                    break;
                }
                parts.push(Word { value: v, quote_style: None, keyword: Keyword::NoKeyword });
            }
            None => break,
        }
        if chars.peek() == Some(&'.') {
            chars.next();
        } else {
            break;
        }
    }
    (!parts.is_empty()).then_some(parts)
}

/// The directives schemashift reads in comments (`-- schemashift:NAME ...`).
const DIRECTIVES: [&str; 4] = ["renamed-from", "copy-from", "no-copy", "data-step"];

/// Errors for comments that start like a rename hint but name no old name (`-- schemashift:renamed-from`
/// alone, sqldef's `@renamed fom=old`, `@rename from=old`) and for `-- schemashift:` directives
/// of no known name (`schemashift:renamed-form`): read literally the hint is a plain comment,
/// and the object it meant to rename is dropped with its data, so the result is blocked until
/// the comment is fixed.
pub fn malformed_hints(d: Dialect, comments: &[Comment]) -> Vec<crate::Diagnostic> {
    comments
        .iter()
        .filter_map(|c| {
            let t = c.text.trim();
            let message = if (t.starts_with("schemashift:renamed-from") || t.starts_with("@rename")) && parse_hint(d, t).is_none() {
                format!(
                    "rename hint not read: it names no old name (expected {HINT_SYNTAX}); without it the old object is dropped and its data lost"
                )
            } else {
                let directive = t.strip_prefix("schemashift:").filter(|r| r.starts_with(|ch: char| ch.is_ascii_alphabetic()))?;
                let word: String = directive.chars().take_while(|ch| ch.is_ascii_alphanumeric() || *ch == '-' || *ch == '_').collect();
                if DIRECTIVES.contains(&word.as_str()) {
                    return None;
                }
                format!("unknown directive `schemashift:{word}` (known: {}): a misspelled rename hint would drop the old object and its data", DIRECTIVES.join(", "))
            };
            Some(crate::Diagnostic::error(c.line, c.col, message))
        })
        .collect()
}

/// A rename hint found in the SQL: the old name, and where its comment is (1-based line and
/// column), so that the diff can say which hint it could not apply.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hint {
    pub from: String,
    pub at: (usize, usize),
}

fn hint_of(d: Dialect, c: &Comment) -> Option<Hint> {
    parse_hint(d, &c.text).map(|from| Hint { from, at: (c.line, c.col) })
}

/// The hint on any line from `first` to `last` (the first found), if any.
pub fn hint_between(d: Dialect, comments: &[Comment], first: usize, last: usize) -> Option<Hint> {
    comments.iter().filter(|c| c.line >= first && c.line <= last).find_map(|c| hint_of(d, c))
}

/// A table-rename hint: on a line before the statement's first token, or on its first line.
pub fn table_hint(d: Dialect, comments: &[Comment], first_line: usize) -> Option<Hint> {
    comments
        .iter()
        .filter(|c| c.line <= first_line)
        .rev()
        .find_map(|c| table_hint_of(d, &c.text).map(|from| Hint { from, at: (c.line, c.col) }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_table_hint_keeps_its_schema_in_postgres() {
        let pg = |t: &str| table_hint_of(Dialect::Postgres, t);
        assert_eq!(pg("schemashift:renamed-from public.Orders").as_deref(), Some("public.orders"));
        assert_eq!(pg("schemashift:renamed-from \"Sales\".\"Orders\"").as_deref(), Some("Sales.Orders"));
        assert_eq!(pg("@renamed from=orders").as_deref(), Some("orders"));
        assert_eq!(table_hint_of(Dialect::Mysql, "schemashift:renamed-from shop.orders").as_deref(), Some("orders"));
        // The column form of the same text is the last part.
        assert_eq!(parse_hint(Dialect::Postgres, "schemashift:renamed-from public.orders").as_deref(), Some("orders"));
    }

    #[test]
    fn hint_names_read_back_exactly() {
        for d in [Dialect::Postgres, Dialect::Mysql, Dialect::Sqlite] {
            for name in ["total", "Email", "user name", "a\"b", "_x$1"] {
                let text = format!("schemashift:renamed-from {}", hint_name(d, name));
                let back = parse_hint(d, &text);
                let expected = if d == Dialect::Postgres {
                    name.to_string()
                } else {
                    names::fold(
                        d,
                        Kind::Local,
                        &first_name(&hint_name(d, name)).and_then(|mut p| p.pop()).unwrap_or_else(|| panic!("{name}")),
                    )
                };
                assert_eq!(back.as_deref(), Some(expected.as_str()), "{d:?} {name}");
            }
        }
        assert_eq!(hint_name(Dialect::Postgres, "Email"), "\"Email\"");
        assert_eq!(hint_name(Dialect::Mysql, "Email"), "Email");
    }

    #[test]
    fn reads_all_hint_forms() {
        let d = Dialect::Postgres;
        assert_eq!(parse_hint(d, " schemashift:renamed-from Old_Name").as_deref(), Some("old_name"));
        assert_eq!(parse_hint(d, " @renamed from=old").as_deref(), Some("old"));
        assert_eq!(parse_hint(d, " @renamed from=\"Old\" ").as_deref(), Some("Old"));
        assert_eq!(parse_hint(d, "schemashift:renamed-from app.t0").as_deref(), Some("t0"));
        assert_eq!(parse_hint(d, " just a comment"), None);
    }

    #[test]
    fn a_hint_without_a_name_or_a_misspelled_directive_is_an_error_at_its_position() {
        let c = |line, col, text: &str| Comment { line, col, text: text.into() };
        let comments = [
            c(3, 40, " schemashift:renamed-from"),
            c(4, 7, " @renamed from="),
            c(5, 1, " schemashift:renamed-from ok"),
            c(6, 2, " @renamed fom=old_users"),
            c(7, 3, " @rename from=old_users"),
            c(8, 4, " schemashift:renamed-form old"),
            c(9, 5, " schemashift:copy-from old WHERE true"),
            c(10, 6, " schemashift: the schemas are the same"),
            c(11, 7, " just a comment"),
            c(12, 8, " schemashift:no-copy"),
        ];
        let w = malformed_hints(Dialect::Postgres, &comments);
        assert_eq!(w.iter().map(|d| (d.line, d.column)).collect::<Vec<_>>(), [(3, 40), (4, 7), (6, 2), (7, 3), (8, 4)]);
        assert!(w.iter().all(|d| d.is_error()));
        assert!(w[4].message.contains("unknown directive `schemashift:renamed-form`"), "{}", w[4].message);
    }
}

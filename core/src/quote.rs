//! Quoting identifiers and literals for each dialect: the one home of that lexical fact, used by
//! render (`render::quote` re-exports it) and by parse where the model keeps canonical SQL text
//! (an exclusion constraint's `USING INDEX TABLESPACE`, storage parameter values).

use crate::model::QName;
use crate::Dialect;

/// Quote an identifier for `dialect`. Always quotes, so any name (reserved words, spaces,
/// quotes, mixed case, Unicode) round-trips exactly.
pub fn ident(dialect: Dialect, name: &str) -> String {
    match dialect {
        Dialect::Mysql => format!("`{}`", name.replace('`', "``")),
        Dialect::Postgres | Dialect::Sqlite => format!("\"{}\"", name.replace('"', "\"\"")),
    }
}

/// Quote a possibly schema-qualified name.
pub fn qname(dialect: Dialect, name: &QName) -> String {
    if name.schema.is_empty() {
        ident(dialect, &name.name)
    } else {
        format!("{}.{}", ident(dialect, &name.schema), ident(dialect, &name.name))
    }
}

/// A string literal.
pub fn literal(dialect: Dialect, value: &str) -> String {
    match dialect {
        Dialect::Mysql => format!("'{}'", value.replace('\\', "\\\\").replace('\'', "''")),
        Dialect::Postgres | Dialect::Sqlite => format!("'{}'", value.replace('\'', "''")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_whatever_the_name_contains() {
        assert_eq!(ident(Dialect::Postgres, "a\"b"), "\"a\"\"b\"");
        assert_eq!(ident(Dialect::Mysql, "a`b"), "`a``b`");
        assert_eq!(ident(Dialect::Sqlite, "select"), "\"select\"");
        assert_eq!(literal(Dialect::Mysql, "it's \\"), "'it''s \\\\'");
    }
}

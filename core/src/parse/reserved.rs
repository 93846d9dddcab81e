//! PostgreSQL's reserved words written unquoted where a name is declared.
//!
//! PostgreSQL refuses `CREATE TABLE order (...)`, `CREATE TABLE t (user text)` or `CREATE INDEX
//! all ON t (x)` with a syntax error: where its grammar wants a `ColId` (a table, column, index,
//! constraint, view, sequence, type or schema name; the first part of a qualified name) it takes
//! no reserved key word and no key word reserved for type and function names. After a dot any
//! key word is a name (`public.order` is accepted). schemashift reads such a name as the name it
//! spells and quotes it in what it writes, so its output runs; but the input could never have run
//! on PostgreSQL, so the name is reported at its place, never accepted silently.
//!
//! The lists are PostgreSQL 15's `pg_get_keywords()` with `catcode` `R` (reserved) and `T`
//! (reserved, can be function or type name): <https://www.postgresql.org/docs/15/sql-keywords-appendix.html>.

use crate::Dialect;
use sqlparser::tokenizer::Word;

/// `catcode = 'R'`, sorted.
const RESERVED: &[&str] = &[
    "all",
    "analyse",
    "analyze",
    "and",
    "any",
    "array",
    "as",
    "asc",
    "asymmetric",
    "both",
    "case",
    "cast",
    "check",
    "collate",
    "column",
    "constraint",
    "create",
    "current_catalog",
    "current_date",
    "current_role",
    "current_time",
    "current_timestamp",
    "current_user",
    "default",
    "deferrable",
    "desc",
    "distinct",
    "do",
    "else",
    "end",
    "except",
    "false",
    "fetch",
    "for",
    "foreign",
    "from",
    "grant",
    "group",
    "having",
    "in",
    "initially",
    "intersect",
    "into",
    "lateral",
    "leading",
    "limit",
    "localtime",
    "localtimestamp",
    "not",
    "null",
    "offset",
    "on",
    "only",
    "or",
    "order",
    "placing",
    "primary",
    "references",
    "returning",
    "select",
    "session_user",
    "some",
    "symmetric",
    "table",
    "then",
    "to",
    "trailing",
    "true",
    "union",
    "unique",
    "user",
    "using",
    "variadic",
    "when",
    "where",
    "window",
    "with",
];

/// `catcode = 'T'`, sorted: allowed as function and type names, not as other names.
const TYPE_FUNC_NAME: &[&str] = &[
    "authorization",
    "binary",
    "collation",
    "concurrently",
    "cross",
    "current_schema",
    "freeze",
    "full",
    "ilike",
    "inner",
    "is",
    "isnull",
    "join",
    "left",
    "like",
    "natural",
    "notnull",
    "outer",
    "overlaps",
    "right",
    "similar",
    "tablesample",
    "verbose",
];

/// The message for `w`, when it is an unquoted PostgreSQL key word that cannot be the name of
/// a table, column, index, constraint, view, sequence, type or schema.
pub fn refused_name(d: Dialect, w: &Word) -> Option<String> {
    if d != Dialect::Postgres || w.quote_style.is_some() {
        return None;
    }
    let lower = w.value.to_ascii_lowercase();
    let class = if RESERVED.binary_search(&lower.as_str()).is_ok() {
        "a reserved word"
    } else if TYPE_FUNC_NAME.binary_search(&lower.as_str()).is_ok() {
        "a key word reserved for type and function names"
    } else {
        return None;
    };
    Some(format!(
        "`{}` is {class} in PostgreSQL, which refuses it unquoted as a name here (a syntax error); write it quoted, \
         \"{lower}\". Read as the name \"{lower}\", quoted in the SQL written for it",
        w.value
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word(s: &str, quote: Option<char>) -> Word {
        Word { value: s.into(), quote_style: quote, keyword: sqlparser::keywords::Keyword::NoKeyword }
    }

    #[test]
    fn lists_are_sorted_for_the_binary_search() {
        assert!(RESERVED.windows(2).all(|w| w[0] < w[1]));
        assert!(TYPE_FUNC_NAME.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn unquoted_reserved_words_are_refused_in_postgres_only() {
        assert!(refused_name(Dialect::Postgres, &word("ORDER", None)).is_some());
        assert!(refused_name(Dialect::Postgres, &word("left", None)).is_some());
        assert!(refused_name(Dialect::Postgres, &word("order", Some('"'))).is_none());
        assert!(refused_name(Dialect::Postgres, &word("orders", None)).is_none());
        // Unreserved and column-name key words are names in PostgreSQL.
        assert!(refused_name(Dialect::Postgres, &word("name", None)).is_none());
        assert!(refused_name(Dialect::Postgres, &word("int", None)).is_none());
        assert!(refused_name(Dialect::Sqlite, &word("order", None)).is_none());
    }
}

//! Reserved words written unquoted where a name is declared (PostgreSQL, MySQL/MariaDB, SQLite).
//!
//! PostgreSQL refuses `CREATE TABLE order (...)`, `CREATE TABLE t (user text)` or `CREATE INDEX
//! all ON t (x)` with a syntax error: where its grammar wants a `ColId` (a table, column, index,
//! constraint, view, sequence, type, domain or schema name; the first part of a qualified name) it
//! takes no reserved key word and no key word reserved for type and function names; a function's
//! or procedure's name takes the latter (`CREATE FUNCTION left()` runs). After a dot any
//! key word is a name (`public.order` is accepted). schemashift reads such a name as the name it
//! spells and quotes it in what it writes, so its output runs; but the input could never have run
//! on PostgreSQL, so the name is reported at its place, never accepted silently.
//!
//! The lists are PostgreSQL 15's `pg_get_keywords()` with `catcode` `R` (reserved) and `T`
//! (reserved, can be function or type name): <https://www.postgresql.org/docs/15/sql-keywords-appendix.html>.
//!
//! MySQL and MariaDB refuse their reserved words unquoted as table and column names in the same
//! way (`CREATE TABLE order`, a column `key`): the list for the `mysql` dialect is the words
//! MariaDB 10.11 refused as a table and as a column name when each of its
//! `information_schema.KEYWORDS` was tried, less the ones MySQL 8.0 does not reserve
//! (<https://dev.mysql.com/doc/refman/8.0/en/keywords.html>: MariaDB's `offset`, `returning`,
//! `current_role`, its replication and statistics options) and `except`, `intersect` and `sql`, whose
//! status differs between releases: each word here is refused by both.
//!
//! SQLite takes most of its key words as names (its parser falls back to an identifier); the
//! list for the `sqlite` dialect is the words SQLite 3.40's shell refused as a column name (and,
//! but for `if`, as a table name) when every key word of the two lists above and SQLite's own
//! (<https://www.sqlite.org/lang_keywords.html>) was tried.

use crate::Dialect;
use sqlparser::tokenizer::Word;

/// `catcode = 'R'`, sorted.
#[rustfmt::skip]
const RESERVED: &[&str] = &[
    "all", "analyse", "analyze", "and", "any", "array", "as", "asc", "asymmetric", "both", "case", "cast", "check",
    "collate", "column", "constraint", "create", "current_catalog", "current_date", "current_role", "current_time",
    "current_timestamp", "current_user", "default", "deferrable", "desc", "distinct", "do", "else", "end", "except",
    "false", "fetch", "for", "foreign", "from", "grant", "group", "having", "in", "initially", "intersect", "into",
    "lateral", "leading", "limit", "localtime", "localtimestamp", "not", "null", "offset", "on", "only", "or",
    "order", "placing", "primary", "references", "returning", "select", "session_user", "some", "symmetric", "table",
    "then", "to", "trailing", "true", "union", "unique", "user", "using", "variadic", "when", "where", "window",
    "with",
];

/// `catcode = 'T'`, sorted: allowed as function and type names, not as other names.
#[rustfmt::skip]
const TYPE_FUNC_NAME: &[&str] = &[
    "authorization", "binary", "collation", "concurrently", "cross", "current_schema", "freeze", "full", "ilike",
    "inner", "is", "isnull", "join", "left", "like", "natural", "notnull", "outer", "overlaps", "right", "similar",
    "tablesample", "verbose",
];

/// MySQL 8.0 and MariaDB 10.11 both refuse these as table and column names, sorted.
#[rustfmt::skip]
const MYSQL_RESERVED: &[&str] = &[
    "accessible", "add", "all", "alter", "analyze", "and", "as", "asc", "asensitive", "before", "between", "bigint",
    "binary", "blob", "both", "by", "call", "cascade", "case", "change", "char", "character", "check", "collate",
    "column", "condition", "constraint", "continue", "convert", "create", "cross", "current_date", "current_time",
    "current_timestamp", "current_user", "cursor", "databases", "day_hour", "day_microsecond", "day_minute",
    "day_second", "dec", "decimal", "declare", "default", "delayed", "delete", "desc", "describe", "deterministic",
    "distinct", "distinctrow", "div", "double", "drop", "dual", "each", "else", "elseif", "enclosed", "escaped",
    "exists", "exit", "explain", "false", "fetch", "float", "float4", "float8", "for", "force", "foreign", "from",
    "fulltext", "grant", "group", "having", "high_priority", "hour_microsecond", "hour_minute", "hour_second", "if",
    "ignore", "in", "index", "infile", "inner", "inout", "insensitive", "insert", "int", "int1", "int2", "int3",
    "int4", "int8", "integer", "interval", "into", "is", "iterate", "join", "key", "keys", "kill", "leading",
    "leave", "left", "like", "limit", "linear", "lines", "load", "localtime", "localtimestamp", "lock", "long",
    "longblob", "longtext", "loop", "low_priority", "master_ssl_verify_server_cert", "match", "maxvalue",
    "mediumblob", "mediumint", "mediumtext", "middleint", "minute_microsecond", "minute_second", "mod", "modifies",
    "natural", "no_write_to_binlog", "not", "null", "numeric", "on", "optimize", "optionally", "or", "order", "out",
    "outer", "outfile", "over", "partition", "precision", "primary", "procedure", "purge", "range", "read",
    "read_write", "reads", "real", "recursive", "references", "regexp", "release", "rename", "repeat", "replace",
    "require", "resignal", "restrict", "return", "revoke", "right", "rlike", "row_number", "rows", "schemas",
    "second_microsecond", "select", "sensitive", "separator", "set", "show", "signal", "smallint", "spatial",
    "specific", "sql_big_result", "sql_calc_found_rows", "sql_small_result", "sqlexception", "sqlstate",
    "sqlwarning", "ssl", "starting", "straight_join", "table", "terminated", "then", "tinyblob", "tinyint",
    "tinytext", "to", "trailing", "trigger", "true", "undo", "union", "unique", "unlock", "unsigned", "update",
    "usage", "use", "using", "utc_date", "utc_time", "utc_timestamp", "values", "varbinary", "varchar",
    "varcharacter", "varying", "when", "where", "while", "with", "write", "xor", "year_month", "zerofill",
];

/// SQLite refuses these as table and column names, sorted.
#[rustfmt::skip]
const SQLITE_RESERVED: &[&str] = &[
    "add", "all", "alter", "and", "as", "autoincrement", "between", "case", "check", "collate", "commit",
    "constraint", "create", "default", "deferrable", "delete", "distinct", "drop", "else", "escape", "except",
    "exists", "foreign", "from", "group", "having", "in", "index", "insert", "intersect", "into", "is", "isnull",
    "join", "limit", "not", "nothing", "notnull", "null", "on", "or", "order", "primary", "references", "returning",
    "select", "set", "table", "then", "to", "transaction", "union", "unique", "update", "using", "values", "when",
    "where",
];

/// The words a dialect's engines refuse unquoted as a name, each list with what its words are;
/// the engines, and how a name is quoted there.
fn refused_in(d: Dialect) -> (&'static [(&'static [&'static str], &'static str)], &'static str, char) {
    match d {
        Dialect::Postgres => (
            &[(RESERVED, "a reserved word"), (TYPE_FUNC_NAME, "a key word reserved for type and function names")],
            "PostgreSQL, which refuses",
            '"',
        ),
        Dialect::Mysql => (&[(MYSQL_RESERVED, "a reserved word")], "MySQL and MariaDB, which refuse", '`'),
        Dialect::Sqlite => (&[(SQLITE_RESERVED, "a key word")], "SQLite, which refuses", '"'),
    }
}

/// The message for `w`, when it is an unquoted key word that the dialect's engines refuse as the
/// name of a table, column, index, constraint, view, sequence, type, domain or schema.
pub fn refused_name(d: Dialect, w: &Word) -> Option<String> {
    let (lists, engines, q) = refused_in(d);
    message(w, lists, engines, q, d)
}

/// `refused_name` for a function or procedure name: PostgreSQL refuses only its reserved words
/// there (`CREATE FUNCTION left()` runs, `CREATE FUNCTION order()` does not); MySQL's routine
/// names are not checked.
pub fn refused_routine_name(d: Dialect, w: &Word) -> Option<String> {
    match refused_in(d) {
        (lists, engines, q) if d == Dialect::Postgres => message(w, &lists[..1], engines, q, d),
        _ => None,
    }
}

fn message(w: &Word, lists: &[(&[&str], &str)], engines: &str, q: char, d: Dialect) -> Option<String> {
    if w.quote_style.is_some() {
        return None;
    }
    // The lists are lower case: compared with the word folded a byte at a time (no copy of
    // every name read; most are in no list).
    let folded = || w.value.bytes().map(|b| b.to_ascii_lowercase());
    let class = lists.iter().find(|(words, _)| words.binary_search_by(|k| k.bytes().cmp(folded())).is_ok())?.1;
    let lower = w.value.to_ascii_lowercase();
    // The name it is read as: MySQL keeps a table name's case, the others fold it.
    let name = if d == Dialect::Mysql { w.value.as_str() } else { lower.as_str() };
    Some(format!(
        "`{}` is {class} in {engines} it unquoted as a name (a syntax error); write it quoted, {q}{name}{q}. \
         Read as the name {q}{name}{q}, quoted in the SQL written for it",
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
        assert!(MYSQL_RESERVED.windows(2).all(|w| w[0] < w[1]));
        assert!(SQLITE_RESERVED.windows(2).all(|w| w[0] < w[1]));
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
        assert!(refused_name(Dialect::Sqlite, &word("left", None)).is_none());
    }

    #[test]
    fn unquoted_sqlite_reserved_words_are_refused() {
        assert!(refused_name(Dialect::Sqlite, &word("Order", None)).is_some());
        assert!(refused_name(Dialect::Sqlite, &word("order", Some('['))).is_none());
        // Key words SQLite takes as names.
        for name in ["key", "user", "left", "temp", "replace", "action", "if"] {
            assert!(refused_name(Dialect::Sqlite, &word(name, None)).is_none(), "{name}");
        }
    }

    #[test]
    fn unquoted_mysql_reserved_words_are_refused() {
        assert!(refused_name(Dialect::Mysql, &word("Order", None)).is_some());
        assert!(refused_name(Dialect::Mysql, &word("key", None)).is_some());
        assert!(refused_name(Dialect::Mysql, &word("order", Some('`'))).is_none());
        // Key words MySQL does not reserve, and MariaDB-only reserved words.
        assert!(refused_name(Dialect::Mysql, &word("user", None)).is_none());
        assert!(refused_name(Dialect::Mysql, &word("status", None)).is_none());
        assert!(refused_name(Dialect::Mysql, &word("offset", None)).is_none());
    }

    /// The folded search finds what a search of the lower-cased copy finds.
    #[test]
    fn folded_search_equals_the_lower_cased_one() {
        let lists = [RESERVED, TYPE_FUNC_NAME, MYSQL_RESERVED, SQLITE_RESERVED];
        let mut words: Vec<String> =
            lists.iter().flat_map(|l| l.iter()).flat_map(|w| [w.to_uppercase(), format!("{w}s"), w[1..].to_string()]).collect();
        words.extend(["Ordér", "ORDERÉ", "", "_", "zz", "a"].map(String::from));
        for d in [Dialect::Postgres, Dialect::Mysql, Dialect::Sqlite] {
            let (lists, _, _) = refused_in(d);
            for w in &words {
                let lower = w.to_ascii_lowercase();
                let long_way = lists.iter().find(|(l, _)| l.binary_search(&lower.as_str()).is_ok()).map(|(_, c)| *c);
                let message = refused_name(d, &word(w, None));
                assert_eq!(message.is_some(), long_way.is_some(), "{d} {w}");
                assert!(long_way.is_none_or(|c| message.is_some_and(|m| m.contains(c))), "{d} {w}");
            }
        }
    }
}

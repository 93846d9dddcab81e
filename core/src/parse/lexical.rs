//! sqlparser's dialects as its tokenizer sees them, and nothing more. The tokenizer takes a
//! `&dyn Dialect`: handing it `PostgreSqlDialect` itself builds that type's whole vtable, whose
//! `parse_statement` / `parse_prefix` / `parse_infix` methods pull sqlparser's parser and AST
//! into every build (two thirds of a megabyte of the playground's wasm). `Lexical<D>` answers
//! every question the tokenizer asks (sqlparser 0.64 `tokenizer.rs`: identifier characters,
//! quotes, comments, literal forms, and `dialect()` for its `dialect_of!` checks) exactly as `D`
//! does and leaves the parser hooks at the trait's defaults. `tests` compares the tokens with
//! `D`'s own on every dialect's fixtures. One question is answered otherwise: MySQL's
//! `/*!NNNNN ... */` comments stay comments (`supports_multiline_comment_hints` false), since
//! `split.rs` already opened those the target executes (`version_comments.rs`); the rest its
//! server skips.

use crate::Dialect;
use sqlparser::dialect::{Dialect as SqlDialect, MySqlDialect, PostgreSqlDialect, SQLiteDialect};
use std::any::TypeId;

/// The dialect `D` for the tokenizer only.
#[derive(Debug)]
pub struct Lexical<D>(D);

static POSTGRES: Lexical<PostgreSqlDialect> = Lexical(PostgreSqlDialect {});
static MYSQL: Lexical<MySqlDialect> = Lexical(MySqlDialect {});
static SQLITE: Lexical<SQLiteDialect> = Lexical(SQLiteDialect {});

/// What to give sqlparser's `Tokenizer::new` for `d`.
pub fn of(d: Dialect) -> &'static dyn SqlDialect {
    match d {
        Dialect::Postgres => &POSTGRES,
        Dialect::Mysql => &MYSQL,
        Dialect::Sqlite => &SQLITE,
    }
}

macro_rules! delegate {
    ($($name:ident),* $(,)?) => {
        $(fn $name(&self) -> bool { self.0.$name() })*
    };
}

impl<D: SqlDialect> SqlDialect for Lexical<D> {
    fn dialect(&self) -> TypeId {
        TypeId::of::<D>()
    }
    fn is_identifier_start(&self, ch: char) -> bool {
        self.0.is_identifier_start(ch)
    }
    fn is_identifier_part(&self, ch: char) -> bool {
        self.0.is_identifier_part(ch)
    }
    fn is_delimited_identifier_start(&self, ch: char) -> bool {
        self.0.is_delimited_identifier_start(ch)
    }
    fn is_custom_operator_part(&self, ch: char) -> bool {
        self.0.is_custom_operator_part(ch)
    }
    delegate!(
        ignores_wildcard_escapes,
        requires_hash_comment_space,
        requires_single_line_comment_whitespace,
        supports_copy_from_stdin_data,
        supports_dollar_as_money_prefix,
        supports_dollar_placeholder,
        supports_geometric_types,
        supports_hash_comment,
        supports_literal_prefix_in_qualified_name,
        supports_national_string_literal,
        supports_nested_comments,
        supports_non_decimal_integer_literals,
        supports_numeric_literal_underscores,
        supports_numeric_prefix,
        supports_pipe_operator,
        supports_quote_delimited_string,
        supports_string_escape_constant,
        supports_string_literal_backslash_escape,
        supports_tilde_like_match_operator,
        supports_triple_quoted_string,
        supports_tuple_element_access,
        supports_unicode_string_literal,
        supports_unterminated_block_comments,
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use sqlparser::tokenizer::Tokenizer;

    /// The same tokens (with their spans) as the real dialect, on inputs that exercise what the
    /// tokenizer asks its dialect.
    #[test]
    fn tokens_are_the_real_dialects() {
        let inputs = [
            include_str!("../../tests/fixtures/pg_rich.dump.sql"),
            include_str!("../../tests/fixtures/mysql_rich.dump.sql"),
            include_str!("../../tests/fixtures/sqlite_rich.sql"),
            include_str!("../../tests/fixtures/sqlite_rich.dump.sql"),
            "SELECT $1, $$body$$, $tag$x$tag$, E'a\\'b', U&'\\0041', N'x', X'1F', 0x1F, 0b101, 1_000, 1e5, .5, 'a\\'b', \"q\"\"x\", `b``t`, [sq], # hash\n -- c\n--nospace\n /* a /* nested */ b */ /*!50001 hint */ a ~~ b, a !~~* b, a <-> b, a @@ b, a ?| b, a -> 'k', a #>> '{x}', @x, ?, :name, a::text, $x, t.1, a||b, a|>b, 'a' 'b', '''t''', \"\"\"t\"\"\", Q'[x]', B'01', R'x', $1a",
            "CREATE TABLE `t` (`a` int COMMENT 'x\\\\y', b varchar(10) CHARACTER SET utf8mb4) ENGINE=InnoDB /* unterminated",
        ];
        let pairs: [(&dyn SqlDialect, &dyn SqlDialect); 3] = [
            (&PostgreSqlDialect {}, of(Dialect::Postgres)),
            (&MySqlDialect {}, of(Dialect::Mysql)),
            (&SQLiteDialect {}, of(Dialect::Sqlite)),
        ];
        for (real, lexical) in pairs {
            for text in inputs {
                // Executable comments: compared as the plain comments `Lexical` keeps them.
                let text = &text.replace("/*!", "/* ");
                let a = Tokenizer::new(real, text).tokenize_with_location().map_err(|e| e.to_string());
                let b = Tokenizer::new(lexical, text).tokenize_with_location().map_err(|e| e.to_string());
                assert_eq!(a, b, "{real:?}");
            }
        }
        let skipped = Tokenizer::new(of(Dialect::Mysql), "a /*!80016 b */").tokenize().map_err(|e| e.to_string());
        assert_eq!(skipped.map(|t| t.len()), Ok(3), "a skipped executable comment is one comment token");
    }
}

//! Parsing: SQL text of one dialect → `model::Schema` plus diagnostics.
//!
//! Every statement of the input is either applied to the model or reported as a diagnostic
//! (ignored on purpose, or not understood), with its line and column. Never panics.
//!
//! The text is split into statements by `split` (quotes, comments, dollar quotes, MySQL
//! `DELIMITER` and conditional comments), each statement is tokenized by sqlparser's tokenizer
//! (`cursor`; a plain PostgreSQL statement by `plain_tokens`, to the same tokens) and read by a small reader per statement kind (`statement` dispatches), applying
//! its effect to the schema in order, so migration histories work. Normalization lives in
//! `names` (identifiers, implicit names), `types` and `expr`; rename hints in `renames`.

mod added_defaults;
mod alter_table;
mod casts;
mod column;
mod comment;
mod complete;
mod composite;
mod constraint;
mod conversions;
mod copy_renames;
mod create_table;
pub(crate) mod cursor;
pub(crate) mod defaults;
mod domain;
mod drop;
mod drop_column;
mod events;
mod expr;
mod expr_mysql;
mod expr_words;
mod finish;
mod history_renames;
mod history_updates;
mod incremental;
mod index;
mod key_columns;
pub mod lexical;
mod move_hints;
pub(crate) mod mysql_partitions;
mod mysql_routine;
mod name_index;
mod names;
mod noise;
mod objects;
mod opaque;
mod opaque_canonical;
mod parens;
mod partitions;
mod pg_forms;
mod plain_tokens;
mod privileges;
mod range_type;
mod rename_refs;
mod rename_table;
mod renames;
mod reserved;
pub(crate) mod routines;
mod sequence;
pub(crate) mod split;
pub(crate) mod sql_check;
mod statement;
mod storage;
mod subject;
mod table_edit;
mod table_family;
pub(crate) mod table_options;
mod token_cache;
mod types;
mod unicode_ident;
mod verbatim;
mod version_comments;
mod view_columns;

#[cfg(test)]
mod clause_tests;
#[cfg(test)]
mod comment_tests;
#[cfg(test)]
mod mysql_history_tests;
#[cfg(test)]
mod pg_history_tests;
#[cfg(test)]
mod silent_tests;
#[cfg(test)]
mod tests;

use crate::model::Schema;
use crate::{Diagnostic, Dialect};
use cursor::{Comment, Tok};

pub use copy_renames::copied_into;
pub use expr::ident_sql;
pub use incremental::Incremental;
pub use move_hints::copy_from;
pub use noise::DATA as DATA_IGNORED;
pub use renames::{hint_name, HINT_SYNTAX};

/// The result of parsing one input.
#[derive(Clone, Debug)]
pub struct Parsed {
    pub schema: Schema,
    pub diagnostics: Vec<Diagnostic>,
}

/// What applying one statement did.
pub(crate) enum Outcome {
    Applied,
    /// Skipped on purpose (no effect on the schema), with the reason.
    Ignored(String),
}

/// One statement being applied: its tokens, comments and position.
pub(crate) struct Stmt<'a> {
    pub toks: &'a [Tok],
    pub comments: &'a [Comment],
    /// The statement's text from its first token, as written.
    pub text: &'a str,
}

/// Parse state: the schema being built and the messages so far.
pub(crate) struct State {
    pub d: Dialect,
    pub schema: Schema,
    pub diags: Vec<Diagnostic>,
    /// Index and constraint names in use, for implicit names (see `name_index`).
    pub names: name_index::NameIndex,
    /// MySQL: the indexes the engine created for a foreign key (table, index name), which it
    /// drops once another index can serve the key (`create_table::mysql_drop_served_fk_indexes`).
    pub mysql_implicit_fk: std::collections::BTreeSet<(crate::model::QName, String)>,
    /// MySQL: a new foreign key is served by those indexes too (`Target::foreign_key_takes_generated_index`).
    pub fk_takes_generated_index: bool,
    /// Notices given once per input (role statements, MySQL privileges).
    pub noted: Vec<&'static str>,
    /// PostgreSQL `SET default_tablespace` / `SET default_table_access_method` (pg_dump writes
    /// them before the objects they apply to).
    pub pg_defaults: storage::SessionDefaults,
    /// Tokens of statements seen by an earlier parse (`Incremental`), or none.
    pub tokens: Option<token_cache::TokenCache>,
    /// Without a token cache: the buffers each statement is tokenized into (empty between
    /// statements; `statement::run`).
    pub scratch: (Vec<Tok>, Vec<Comment>),
    /// PostgreSQL: (partition, parent's index or key) pairs that `ON ONLY` / `ALTER TABLE ONLY`
    /// left without an attached index (`partitions::propagate` gives them none).
    pub pg_only: std::collections::BTreeSet<(crate::model::QName, String)>,
}

/// Parse `text` as a schema of `dialect`: plain DDL, a dump, or a history of migrations
/// applied in order.
pub fn parse(dialect: Dialect, text: &str) -> Parsed {
    parse_for(crate::Target::default_for(dialect), text)
}

/// `parse` as `target`'s engine reads it: the names it gives unnamed constraints
/// (`Target::numbered_check_names`).
pub fn parse_for(target: crate::Target, text: &str) -> Parsed {
    let mut st = State::new(target);
    let pieces = split::split_gated(target.dialect, text, version_comments::Gate::of(&target));
    crate::stages::mark("split");
    for piece in &pieces {
        statement::run(&mut st, piece);
    }
    crate::stages::mark("statements");
    st.complete(text).0
}

impl State {
    /// The state before the first statement of an input read as `target`.
    fn new(target: crate::Target) -> State {
        State {
            d: target.dialect,
            schema: Schema::new(target.dialect),
            diags: Vec::new(),
            names: name_index::NameIndex::new(target.numbered_check_names()),
            mysql_implicit_fk: Default::default(),
            fk_takes_generated_index: target.foreign_key_takes_generated_index(),
            noted: Vec::new(),
            pg_defaults: Default::default(),
            tokens: None,
            scratch: Default::default(),
            pg_only: Default::default(),
        }
    }

    /// A copy of the state without its token cache (`Incremental`'s checkpoints).
    fn snapshot(&self) -> State {
        State {
            d: self.d,
            schema: self.schema.clone(),
            diags: self.diags.clone(),
            names: self.names.clone(),
            mysql_implicit_fk: self.mysql_implicit_fk.clone(),
            fk_takes_generated_index: self.fk_takes_generated_index,
            noted: self.noted.clone(),
            pg_defaults: self.pg_defaults.clone(),
            tokens: None,
            scratch: Default::default(),
            pg_only: self.pg_only.clone(),
        }
    }

    /// After the last statement: the checks and completions of the whole input, and the result
    /// (with the token cache, if any).
    fn complete(mut self, text: &str) -> (Parsed, Option<token_cache::TokenCache>) {
        finish::finish(&mut self);
        crate::stages::mark("finish");
        self.schema.data_steps = move_hints::data_steps(self.d, text, &mut self.diags);
        crate::stages::mark("data_steps");
        (Parsed { schema: self.schema, diagnostics: self.diags }, self.tokens)
    }
}

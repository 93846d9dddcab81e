//! Incremental generation: `Session` keeps what the last call parsed, so that regenerating
//! after an edit re-reads only what the edit touched. The result is byte for byte the one
//! `generate` gives for the same inputs (`core/tests/session.rs` checks it over random edits).
//!
//! For the playground's worker (`web/src`): keep one `Session` per page and call `update` with
//! the whole current texts and options on every change:
//!
//! ```
//! use schemashift::{Dialect, Options, Session};
//! let mut session = Session::new();
//! let options = Options::new(Dialect::Postgres);
//! let m = session.update("CREATE TABLE t (a int);", "CREATE TABLE t (a int, b int);", &options);
//! assert!(m.up_sql().contains("ADD COLUMN"));
//! // One keystroke later: BEFORE is not parsed again, AFTER only in its edited statement.
//! let m = session.update("CREATE TABLE t (a int);", "CREATE TABLE t (a int, bc int);", &options);
//! assert!(m.up_sql().contains("\"bc\""));
//! ```
//!
//! What is kept, per side: the last text with its parse (an unchanged side is not parsed
//! again), and the tokens of each statement of that text (`parse::TokenCache`: a changed side
//! tokenizes only its new or edited statements). Memory: about two parses and the tokens of
//! one text per side. Nothing depends on the order or history of calls.

use crate::generate::generate_parsed;
use crate::parse::{self, Parsed, TokenCache};
use crate::{Dialect, Migration, Options};

/// Regenerates a migration after edits, reusing the work of the previous call.
#[derive(Debug, Default)]
pub struct Session {
    before: SideCache,
    after: SideCache,
}

impl Session {
    pub fn new() -> Self {
        Session::default()
    }

    /// The migration from `before` to `after`: the same as `generate(before, after, options)`.
    pub fn update(&mut self, before: &str, after: &str, options: &Options) -> Migration {
        let dialect = options.target.dialect;
        let before = self.before.parse(dialect, before);
        crate::stages::mark("parse before");
        let after = self.after.parse(dialect, after);
        crate::stages::mark("parse after (rest)");
        generate_parsed(before, after, options)
    }
}

/// One input's last text, its parse, and its statements' tokens.
#[derive(Debug, Default)]
struct SideCache {
    tokens: TokenCache,
    last: Option<(Dialect, String, Parsed)>,
}

impl SideCache {
    fn parse(&mut self, dialect: Dialect, text: &str) -> Parsed {
        if let Some((d, t, parsed)) = &self.last {
            if *d == dialect && t == text {
                return parsed.clone();
            }
        }
        let parsed = parse::parse_cached(dialect, text, &mut self.tokens);
        self.last = Some((dialect, text.to_string(), parsed.clone()));
        parsed
    }
}

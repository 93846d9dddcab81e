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
//! // One keystroke later: BEFORE is not parsed again, AFTER from its edited statement on.
//! let m = session.update("CREATE TABLE t (a int);", "CREATE TABLE t (a int, bc int);", &options);
//! assert!(m.up_sql().contains("\"bc\""));
//! ```
//!
//! What is kept, per side: the last text with its parse (the schema shared with the migrations
//! made from it: `Arc`, never copied), and what parsing an edit of that text needs
//! (`parse::Incremental`: its statement pieces, so that the split resumes at the first change;
//! the parse state before the statement last edited, so that the reading resumes there; the
//! tokens of each statement). Nothing depends on the order or history of calls.
//!
//! `idle` does, between calls, what the next call would otherwise do on its way: the checkpoint
//! of the parse state before the statement last edited, and the freeing of what the last call
//! replaced (the previous parse of an edited side, once no migration holds it). The playground's
//! worker calls it after posting its answer.

use crate::generate::{generate_parsed, Parsed};
use crate::parse::Incremental;
use crate::{Migration, Options, Target};

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
        let before = self.before.parse(options.target, before);
        crate::stages::mark("parse before");
        let after = self.after.parse(options.target, after);
        crate::stages::mark("parse after (rest)");
        generate_parsed(before, after, options)
    }

    /// Prepare the next `update` (see the module's notes); results never depend on it.
    pub fn idle(&mut self) {
        self.before.idle();
        self.after.idle();
    }
}

/// One input's last text, its parse and what parsing an edit of it needs.
#[derive(Debug, Default)]
struct SideCache {
    parser: Incremental,
    /// The target the text was read for (engines name unnamed constraints differently).
    last: Option<(Target, String, Parsed)>,
    /// What the last call replaced, freed by `idle`.
    garbage: Vec<Parsed>,
}

impl SideCache {
    fn parse(&mut self, target: Target, text: &str) -> Parsed {
        if let Some((d, t, kept)) = &self.last {
            if *d == target && t == text {
                return kept.clone();
            }
        }
        let parsed = Parsed::from(self.parser.parse(target, text));
        if let Some((_, _, old)) = self.last.replace((target, text.to_string(), parsed.clone())) {
            self.garbage.push(old);
        }
        parsed
    }

    fn idle(&mut self) {
        self.garbage.clear();
        self.parser.idle();
    }
}

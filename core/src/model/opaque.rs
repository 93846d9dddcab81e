//! Opaque objects: statements the engine accepts that the model does not cover field by field
//! (PostgreSQL collations, casts, operators, text search objects, rules, statistics,
//! publications, aggregates, foreign servers...; SQLite virtual tables). Each is kept whole: its
//! kind, its identity, its text as written (to re-create it) and normalized (to compare), and
//! the `ALTER`s and comment that followed it. Same normalized text: unchanged; different: dropped
//! and re-created (see `diff/opaque.rs`).

use super::QName;
use serde::Serialize;

#[derive(Clone, Debug, Eq, Serialize)]
pub struct Opaque {
    /// Upper-case kind words as `CREATE`/`DROP` spell them: `COLLATION`, `TEXT SEARCH CONFIGURATION`,
    /// `OPERATOR CLASS`, `VIRTUAL TABLE` (dropped with `DROP TABLE`).
    pub kind: String,
    /// The identity in normalized text (`s.name`, `=== (integer, integer)`, `(integer AS t)`,
    /// `r ON t`): with `kind`, the key in `Schema::opaque`.
    pub name: String,
    /// The statement that drops it, as written after `DROP ` (kind and identity, never CASCADE).
    pub drop: String,
    /// The `CREATE` statement as written (without `;`), re-run to create it.
    pub sql: String,
    /// The normalized `CREATE` text that comparisons use.
    pub text: String,
    /// `ALTER <kind> <name> ...` statements that followed it: (as written, normalized). The
    /// normalized form is empty when the statement's effect is folded into `text` (a
    /// publication's `ADD TABLE`).
    pub alters: Vec<(String, String)>,
    /// `COMMENT ON <kind> <name> IS ...` as written, with its text (None: no comment).
    pub comment: Option<(String, String)>,
    /// Tables and views its text names (it is created after them and dropped before them).
    pub depends_on: Vec<QName>,
}

impl Opaque {
    /// The key in `Schema::opaque`.
    pub fn key(&self) -> String {
        format!("{} {}", self.kind, self.name)
    }
}

/// Equal when they mean the same: kind, identity, normalized texts and comment; how the
/// statements were spelled does not matter.
impl PartialEq for Opaque {
    fn eq(&self, o: &Self) -> bool {
        self.kind == o.kind
            && self.name == o.name
            && self.text == o.text
            && self.alters.iter().map(|a| &a.1).filter(|a| !a.is_empty()).eq(o.alters.iter().map(|a| &a.1).filter(|a| !a.is_empty()))
            && self.comment.as_ref().map(|c| &c.1) == o.comment.as_ref().map(|c| &c.1)
    }
}

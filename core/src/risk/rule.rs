//! `Rule`: one risk rule, its documentation and its check, as the registry lists it.

use super::{Risk, RiskContext};
use crate::plan::Step;
use crate::Dialect;

/// A risk rule. The `doc` text is the single source of the rule's documentation: the rule's
/// const carries it as its rustdoc comment and `rules::docs_markdown` renders it into a page.
pub struct Rule {
    /// Kebab-case id, prefixed `pg-`, `mysql-`, `sqlite-` or `any-`.
    pub id: &'static str,
    /// The dialect the rule applies to; `None` for `any-` rules.
    pub dialect: Option<Dialect>,
    /// One line: what the rule flags.
    pub title: &'static str,
    /// Markdown, in four parts: what it does, why it is dangerous, example, use instead.
    pub doc: &'static str,
    pub check: fn(&Step, &RiskContext<'_>) -> Vec<Risk>,
}

impl Rule {
    pub fn applies_to(&self, dialect: Dialect) -> bool {
        self.dialect.is_none_or(|d| d == dialect)
    }
}

/// Declare a rule's documentation once: the text becomes both the const's doc comment and its
/// value (`DOC`).
macro_rules! rule_doc {
    ($text:literal) => {
        #[doc = $text]
        pub const DOC: &str = $text;
    };
}
pub(crate) use rule_doc;

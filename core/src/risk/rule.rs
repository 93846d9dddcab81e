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
    pub doc: Doc,
    pub check: fn(&Step, &RiskContext<'_>) -> Vec<Risk>,
}

/// A rule's documentation text (feature `rule-docs`).
#[cfg(feature = "rule-docs")]
pub type Doc = &'static str;

/// Without the feature `rule-docs` the text is left out of the build (the playground's wasm
/// fetches the page `schemashift rules` wrote): every rule still names its doc, as nothing.
#[cfg(not(feature = "rule-docs"))]
#[derive(Clone, Copy, Debug)]
pub struct Doc;

impl Rule {
    pub fn applies_to(&self, dialect: Dialect) -> bool {
        self.dialect.is_none_or(|d| d == dialect)
    }
}

/// Declare a rule's documentation once: the text becomes both the const's doc comment and its
/// value (`DOC`, nothing without the feature `rule-docs`).
macro_rules! rule_doc {
    ($text:literal) => {
        #[doc = $text]
        #[cfg(feature = "rule-docs")]
        pub const DOC: crate::risk::rule::Doc = $text;
        #[cfg(not(feature = "rule-docs"))]
        pub const DOC: crate::risk::rule::Doc = crate::risk::rule::Doc;
    };
}
pub(crate) use rule_doc;

//! What an object's SQL text names, for the dependency planner (`diff/dependents.rs`) and the
//! creation order of routines (`plan/order.rs`).
//!
//! Reading is conservative: every identifier-like word of the text counts, including words
//! inside string literals (`nextval('s'::regclass)`, an old-style `AS '...'` body) and
//! dollar-quoted bodies. A word that only looks like a name makes the planner re-create one
//! object too many, which is safe; a name missed would leave a statement the engine refuses.
//! Unquoted words fold to lower case (ASCII, as PostgreSQL folds); quoted identifiers keep
//! their case. Qualifiers are not required to match (a name in another schema counts too).

use super::QName;
use std::collections::BTreeSet;

/// The names a text mentions (last parts of qualified names and every other part alike).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Names {
    words: BTreeSet<String>,
}

impl Names {
    /// Read `text`.
    pub fn of(text: &str) -> Names {
        let mut words = BTreeSet::new();
        read(text, &mut words, 0);
        Names { words }
    }

    /// Read several texts as one.
    pub fn of_all<'a>(texts: impl IntoIterator<Item = &'a str>) -> Names {
        let mut words = BTreeSet::new();
        for t in texts {
            read(t, &mut words, 0);
        }
        Names { words }
    }

    /// Whether the text names `name` (a bare identifier as the model stores it).
    pub fn has(&self, name: &str) -> bool {
        !name.is_empty() && (self.words.contains(name) || self.words.contains(&name.to_ascii_lowercase()))
    }

    /// Whether the text names the object `q` (its bare name; the schema is not required).
    pub fn has_object(&self, q: &QName) -> bool {
        self.has(&q.name)
    }

    /// Every name read, folded.
    pub fn iter(&self) -> impl Iterator<Item = &String> {
        self.words.iter()
    }
}

/// Collect the words of `text`; string literals are read again for the names they hold.
fn read(text: &str, out: &mut BTreeSet<String>, depth: u8) {
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '"' {
            let mut ident = String::new();
            while let Some(d) = chars.next() {
                if d == '"' {
                    if chars.peek() == Some(&'"') {
                        chars.next();
                        ident.push('"');
                        continue;
                    }
                    break;
                }
                ident.push(d);
            }
            if !ident.is_empty() {
                out.insert(ident);
            }
        } else if c == '\'' {
            let mut lit = String::new();
            while let Some(d) = chars.next() {
                if d == '\'' {
                    if chars.peek() == Some(&'\'') {
                        chars.next();
                        lit.push('\'');
                        continue;
                    }
                    break;
                }
                lit.push(d);
            }
            if depth < 4 {
                read(&lit, out, depth + 1);
            }
        } else if c.is_alphanumeric() || c == '_' {
            let mut word = String::new();
            word.push(c);
            while let Some(&d) = chars.peek() {
                if d.is_alphanumeric() || d == '_' || d == '$' {
                    word.push(d);
                    chars.next();
                } else {
                    break;
                }
            }
            if !word.starts_with(|ch: char| ch.is_ascii_digit()) {
                out.insert(word.to_ascii_lowercase());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unquoted_fold_quoted_keep_case() {
        let n = Names::of(r#"SELECT Price, "Title", "a""b" FROM Shop.Products"#);
        assert!(n.has("price") && n.has("Price"));
        assert!(n.has("Title") && !n.has("title"));
        assert!(n.has("a\"b"));
        assert!(n.has("shop") && n.has("products"));
    }

    #[test]
    fn names_inside_literals_and_bodies_count() {
        let n = Names::of("nextval('public.orders_id_seq'::regclass)");
        assert!(n.has("orders_id_seq") && n.has("regclass"));
        let f = Names::of("CREATE FUNCTION f() RETURNS int AS $$ SELECT \"increment func\"(1) $$ LANGUAGE sql");
        assert!(f.has("increment func"));
        let old = Names::of("AS 'SELECT add(1, ''x'')'");
        assert!(old.has("add"));
    }

    #[test]
    fn numbers_are_not_names() {
        let n = Names::of("a * 2 + 10e3");
        assert!(n.has("a"));
        assert!(!n.has("2") && !n.has("10e3"));
    }

    #[test]
    fn objects_by_bare_name() {
        let n = Names::of("schema_1.add(a, b)");
        assert!(n.has_object(&QName::new("schema_1", "add")));
        assert!(n.has_object(&QName::new("public", "add")));
        assert!(!n.has_object(&QName::new("public", "sub")));
    }
}

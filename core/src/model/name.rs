//! Qualified object names.

use serde::{Deserialize, Serialize};
use std::cmp::Ordering;
use std::fmt;

/// A schema-qualified name. `schema` is the normalized namespace: `public` for unqualified PostgreSQL
/// names, `""` for MySQL (the current database) and `main`-less SQLite names.
///
/// Ordered as `(schema, name)` by bytes, as the derived order of the two strings would be, but
/// compared inline (`bytes_cmp`): the schema's maps are keyed by it, and every look-up compares
/// a few keys per node of a B-tree whose schemas are nearly all equal (`public`), which the
/// derived order did with two calls to the C library's `memcmp` per key.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct QName {
    pub schema: String,
    pub name: String,
}

impl QName {
    pub fn new(schema: impl Into<String>, name: impl Into<String>) -> Self {
        QName { schema: schema.into(), name: name.into() }
    }
}

impl fmt::Display for QName {
    /// Human-readable form for messages (unquoted). SQL rendering uses `render::quote`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.schema.is_empty() {
            write!(f, "{}", self.name)
        } else {
            write!(f, "{}.{}", self.schema, self.name)
        }
    }
}

impl Ord for QName {
    fn cmp(&self, other: &Self) -> Ordering {
        match bytes_cmp(self.schema.as_bytes(), other.schema.as_bytes()) {
            Ordering::Equal => bytes_cmp(self.name.as_bytes(), other.name.as_bytes()),
            unequal => unequal,
        }
    }
}

impl PartialOrd for QName {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// `a.cmp(b)` (lexicographic by bytes, a prefix first) a byte at a time, without a call: names
/// are short, and a call to `memcmp` cost more than the comparison.
#[inline(always)]
fn bytes_cmp(a: &[u8], b: &[u8]) -> Ordering {
    for (x, y) in a.iter().zip(b) {
        if x != y {
            return x.cmp(y);
        }
    }
    a.len().cmp(&b.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The inline order is the derived one: `(schema, name)`, each by its bytes (prefixes,
    /// lengths, bytes above 0x7f, a NUL, empty strings).
    #[test]
    fn qname_order_is_the_strings_order() {
        let words = [
            "",
            "a",
            "ab",
            "b",
            "public",
            "publid",
            "publi",
            "t1",
            "t10",
            "t100",
            "t2",
            "abcdefgh",
            "abcdefgg",
            "abcdefghi",
            "abcdefgh\u{e9}",
            "abcdefghijklmnopq",
            "abcdefghijklmnopr",
            "abcdefghijklmnop",
            "\u{e9}t\u{e9}",
            "Z",
            "z",
            "a\u{0}",
        ];
        for s1 in words {
            for n1 in words {
                for s2 in words {
                    for n2 in words {
                        let (a, b) = (QName::new(s1, n1), QName::new(s2, n2));
                        assert_eq!(a.cmp(&b), (s1, n1).cmp(&(s2, n2)), "{a:?} {b:?}");
                        assert_eq!(a.partial_cmp(&b), Some((s1, n1).cmp(&(s2, n2))));
                    }
                }
            }
        }
    }
}

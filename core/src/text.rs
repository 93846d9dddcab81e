//! Char-boundary-safe pieces of user text. Byte offsets into a `str` (from `find`, a length,
//! a byte loop) panic when sliced inside a UTF-8 character; core denies `clippy::string_slice`
//! and cuts text through these helpers instead, which return an empty piece (or `None`) where
//! a cut would fall inside a character or past the end.

/// `s[at..]`, or "" when `at` is not a char boundary of `s`.
pub fn from(s: &str, at: usize) -> &str {
    s.get(at..).unwrap_or("")
}

/// `s[..at]`, or "" when `at` is not a char boundary of `s`.
pub fn upto(s: &str, at: usize) -> &str {
    s.get(..at).unwrap_or("")
}

/// `s[start..end]`, or "" when either end is not a char boundary (or `end < start`).
pub fn between(s: &str, start: usize, end: usize) -> &str {
    s.get(start..end).unwrap_or("")
}

/// The first `n` bytes of `s`, cut back to a character boundary (identifier length limits).
pub fn clip(s: &str, n: usize) -> &str {
    let mut n = n.min(s.len());
    while n > 0 && !s.is_char_boundary(n) {
        n -= 1;
    }
    s.get(..n).unwrap_or("")
}

/// `s` without its first and last character (the quotes or parentheses around it); "" when
/// `s` has fewer than two characters.
pub fn inner(s: &str) -> &str {
    let mut chars = s.chars();
    if chars.next().is_none() || chars.next_back().is_none() {
        return "";
    }
    chars.as_str()
}

/// `s` without `prefix`, compared ignoring ASCII case.
pub fn strip_prefix_ignore_case<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    let head = s.get(..prefix.len())?;
    if head.eq_ignore_ascii_case(prefix) {
        s.get(prefix.len()..)
    } else {
        None
    }
}

/// A letter, digit or `_` (non-ASCII letters included): what an unquoted identifier is made of.
pub fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Bytes compared at once by `common_prefix`/`common_suffix`: equal blocks are skipped by a
/// slice comparison (memcmp), so that the unchanged part of a keystroke's text in a 9 MB input
/// costs microseconds, not a byte loop.
const BLOCK: usize = 4096;

/// The length in bytes of the common start of `a` and `b` (where an edit begins; the caller
/// moves it back to a character boundary if it cuts text).
pub fn common_prefix(a: &[u8], b: &[u8]) -> usize {
    let len = a.len().min(b.len());
    let mut at = 0;
    while at + BLOCK <= len && a[at..at + BLOCK] == b[at..at + BLOCK] {
        at += BLOCK;
    }
    at + a[at..len].iter().zip(&b[at..len]).take_while(|(x, y)| x == y).count()
}

/// The length in bytes of the common end of `a` and `b`.
pub fn common_suffix(a: &[u8], b: &[u8]) -> usize {
    let len = a.len().min(b.len());
    let (a, b) = (&a[a.len() - len..], &b[b.len() - len..]);
    let mut at = 0;
    while at + BLOCK <= len && a[len - at - BLOCK..len - at] == b[len - at - BLOCK..len - at] {
        at += BLOCK;
    }
    at + a[..len - at].iter().rev().zip(b[..len - at].iter().rev()).take_while(|(x, y)| x == y).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cuts_inside_a_character_are_empty() {
        let s = "aé表";
        assert_eq!(from(s, 2), "");
        assert_eq!(from(s, 3), "表");
        assert_eq!(upto(s, 2), "");
        assert_eq!(upto(s, 3), "aé");
        assert_eq!(between(s, 1, 3), "é");
        assert_eq!(between(s, 1, 2), "");
        assert_eq!(from(s, 99), "");
        assert_eq!(clip(s, 2), "a");
        assert_eq!(clip(s, 6), "aé表");
        assert_eq!(clip(s, 60), "aé表");
    }

    #[test]
    fn inner_and_prefixes() {
        assert_eq!(inner("'é'"), "é");
        assert_eq!(inner("é"), "");
        assert_eq!(inner(""), "");
        assert_eq!(strip_prefix_ignore_case("From x", "FROM"), Some(" x"));
        assert_eq!(strip_prefix_ignore_case("éé", "FROM"), None);
        assert_eq!(strip_prefix_ignore_case("fé", "fr"), None);
        assert!(is_word_char('é') && is_word_char('_') && !is_word_char(' '));
    }
}

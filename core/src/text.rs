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

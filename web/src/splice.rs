//! What changed in a text, as one splice: the page sends the generation worker only the part of
//! an editor's text that an edit touched (`run.rs`), and the worker, which keeps the texts it was
//! last sent (`worker_api.rs`), applies it. A keystroke in a 9 MB schema crosses as a few bytes.

use schemashift::text::{common_prefix, common_suffix};
use serde::{Deserialize, Serialize};

/// Replace bytes `start..end` of the old text with `text`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Splice {
    pub start: usize,
    pub end: usize,
    pub text: String,
}

impl Splice {
    /// The one splice that turns `old` into `new`: their common start and end kept (cut at
    /// character boundaries), the middle replaced.
    pub fn between(old: &str, new: &str) -> Splice {
        let (a, b) = (old.as_bytes(), new.as_bytes());
        let mut start = common_prefix(a, b);
        while !old.is_char_boundary(start) || !new.is_char_boundary(start) {
            start -= 1;
        }
        let room = a.len().min(b.len()) - start;
        let mut tail = common_suffix(&a[start..], &b[start..]).min(room);
        while !old.is_char_boundary(a.len() - tail) || !new.is_char_boundary(b.len() - tail) {
            tail -= 1;
        }
        Splice { start, end: a.len() - tail, text: new[start..b.len() - tail].to_string() }
    }

    /// `old` with the splice applied; `None` when the splice does not fit `old` (it was made
    /// against another text).
    pub fn apply(&self, old: &str) -> Option<String> {
        replaced(old, self.start, self.end, &self.text)
    }

    /// True when the splice changes nothing.
    pub fn is_empty(&self) -> bool {
        self.start == self.end && self.text.is_empty()
    }
}

/// `old` with bytes `start..end` replaced by `text`, copied in blocks (`String::replace_range`
/// copies the new text byte by byte: ~70 ms for a 10 MB paste on the page); `None` when the
/// range is not one of `old`'s (reversed, past its end, or inside a character).
pub fn replaced(old: &str, start: usize, end: usize, text: &str) -> Option<String> {
    if start > end {
        return None;
    }
    let head = old.get(..start)?;
    let tail = old.get(end..)?;
    let mut out = String::with_capacity(head.len() + text.len() + tail.len());
    out.push_str(head);
    out.push_str(text);
    out.push_str(tail);
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trip(old: &str, new: &str) -> Splice {
        let s = Splice::between(old, new);
        assert_eq!(s.apply(old).as_deref(), Some(new), "{old:?} → {new:?} by {s:?}");
        s
    }

    #[test]
    fn a_keystroke_is_a_small_splice() {
        let s = round_trip("CREATE TABLE t (added int);", "CREATE TABLE t (addedx int);");
        assert_eq!(s, Splice { start: 21, end: 21, text: "x".into() });
        let s = round_trip("abc", "ac");
        assert_eq!((s.start, s.end, s.text.as_str()), (1, 2, ""));
        assert!(round_trip("same", "same").is_empty());
    }

    #[test]
    fn repeated_letters_and_whole_replacements() {
        round_trip("aaaa", "aaaaa");
        round_trip("aaaaa", "aaa");
        round_trip("", "new text");
        round_trip("old text", "");
        round_trip("abc", "xyz");
    }

    #[test]
    fn splices_never_cut_a_character() {
        // é and è share their first byte; 😀 and 😁 share three.
        round_trip("café", "cafè");
        round_trip("a😀b", "a😁b");
        round_trip("😀😀", "😀😁😀");
        round_trip("éa", "èa");
    }

    #[test]
    fn long_texts_are_compared_by_blocks_to_the_same_splice() {
        let text: String = (0..3_000).map(|i| format!("CREATE TABLE t{i} (id int);\n")).collect();
        for at in [0, 1, 4095, 4096, 4097, 20_000, text.len() - 1, text.len()] {
            let mut new = text.clone();
            new.insert(at, 'x');
            let s = round_trip(&text, &new);
            assert_eq!((s.end - s.start, s.text.as_str()), (0, "x"), "at {at}");
            round_trip(&new, &text);
        }
        round_trip(&text, &text[..text.len() - 5000]);
        round_trip(&text, &text[5000..]);
        let mut doubled = text.clone();
        doubled.push_str(&text);
        round_trip(&text, &doubled);
        round_trip(&doubled, &text);
    }

    #[test]
    fn a_splice_for_another_text_does_not_apply() {
        let s = Splice { start: 5, end: 9, text: "x".into() };
        assert_eq!(s.apply("abc"), None);
        let s = Splice { start: 1, end: 1, text: "x".into() };
        assert_eq!(s.apply("é"), None, "not at a character boundary");
        assert_eq!(replaced("abc", 2, 1, "x"), None, "reversed");
        assert_eq!(replaced("abc", 1, 2, "xy").as_deref(), Some("axyc"));
    }
}

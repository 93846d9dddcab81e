//! The window of a large text an editor's textarea holds (`editor.rs`).
//!
//! A textarea holding megabytes costs the browser its editing, layout and paint of the whole
//! text node on every keystroke (seconds at 10 MB). Above `ENTER_BYTES` the editor keeps the
//! whole text in its signal and puts only the lines around the view into the textarea, placed
//! at their height inside a scroller as tall as the whole text; an edit in the textarea is
//! spliced back into the whole text at the window's place. This file holds the arithmetic
//! (which lines, which bytes, UTF-16 offsets, and the offsets of a line and column that
//! diagnostics point at); the DOM side is in `editor.rs` and `editor_dom.rs`.

/// Texts larger than this are edited through a window.
pub const ENTER_BYTES: usize = 512 * 1024;
/// Texts smaller than this go back to a textarea holding them whole (between the two, the
/// editor keeps its mode, so typing at the boundary does not flip it).
pub const LEAVE_BYTES: usize = 384 * 1024;
/// Lines of the window above and below the lines in view.
pub const MARGIN_LINES: usize = 1_000;
/// The window moves when the view comes this many lines near one of its ends.
pub const EDGE_LINES: usize = 250;
/// A window that grew beyond this (a large paste into it) is cut down around the caret.
pub const MAX_WINDOW_BYTES: usize = 512 * 1024;

/// Lines `first .. first + lines` (0-based) of the text, bytes `start .. end` (the end is the
/// end of the last line, before its newline).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Window {
    pub first: usize,
    pub lines: usize,
    pub start: usize,
    pub end: usize,
}

impl Window {
    /// Whether the window holds the last line of a text of `total` lines.
    pub fn reaches_end(&self, total: usize) -> bool {
        self.first + self.lines >= total
    }

    /// The window after its text was replaced by `text` (an edit in the textarea).
    pub fn edited(&self, text: &str) -> Window {
        Window { first: self.first, lines: count_lines(text), start: self.start, end: self.start + text.len() }
    }

    /// Whether lines `first_visible .. first_visible + visible` of a text of `total` lines lie
    /// inside the window, away from its ends (or at the text's own ends).
    pub fn covers(&self, first_visible: usize, visible: usize, total: usize) -> bool {
        let top_ok = self.first == 0 || first_visible >= self.first + EDGE_LINES;
        let bottom_ok = self.reaches_end(total) || first_visible + visible + EDGE_LINES <= self.first + self.lines;
        top_ok && bottom_ok
    }
}

/// The number of lines of `text` (one more than its newlines).
pub fn count_lines(text: &str) -> usize {
    newlines(text.as_bytes()) + 1
}

/// The newlines in `bytes`, eight bytes at a time (a 10 MB paste is counted several times on
/// the page's thread: byte by byte it took ~10 ms each time).
fn newlines(bytes: &[u8]) -> usize {
    const ONES: u64 = u64::from_le_bytes([1; 8]);
    const HIGH: u64 = ONES << 7;
    const LF: u64 = ONES * b'\n' as u64;
    let mut chunks = bytes.chunks_exact(8);
    let mut zeros = 0;
    for chunk in &mut chunks {
        let Ok(eight) = <[u8; 8]>::try_from(chunk) else { continue };
        // A byte of `x` is zero where the byte was a newline; its high bit in `nonzero` is set
        // exactly where it is not (no carry crosses bytes: each sum is at most 0xFE).
        let x = u64::from_le_bytes(eight) ^ LF;
        let nonzero = ((x & !HIGH).wrapping_add(!HIGH) | x) & HIGH;
        zeros += 8 - nonzero.count_ones() as usize;
    }
    zeros + chunks.remainder().iter().filter(|&&b| b == b'\n').count()
}

/// The byte offset where 0-based `line` starts, or the text's length past its last line.
pub fn line_start(text: &str, line: usize) -> usize {
    if line == 0 {
        return 0;
    }
    text.match_indices('\n').nth(line - 1).map_or(text.len(), |(i, _)| i + 1)
}

/// The window of lines `center - MARGIN_LINES .. center + visible + MARGIN_LINES` of `text`
/// (clamped to it), whose lines are `total`.
pub fn around(text: &str, center: usize, visible: usize, total: usize) -> Window {
    let last = total.max(1) - 1;
    let first = center.min(last).saturating_sub(MARGIN_LINES);
    let end_line = (center + visible + MARGIN_LINES).min(last);
    let start = line_start(text, first);
    // The end of line `end_line`: its newline, or the end of the text.
    let end = text.get(start..).and_then(|rest| rest.match_indices('\n').nth(end_line - first)).map_or(text.len(), |(i, _)| start + i);
    Window { first, lines: end_line - first + 1, start, end }
}

/// The 0-based line holding byte `at` of `text`.
pub fn line_of(text: &str, at: usize) -> usize {
    let at = at.min(text.len());
    text.as_bytes().get(..at).map_or(0, newlines)
}

/// The byte offset in `text` of UTF-16 offset `at` (what a textarea's selection gives),
/// clamped to the text and to a character boundary.
pub fn byte_of_utf16(text: &str, at: u32) -> usize {
    let mut units = 0u32;
    for (i, c) in text.char_indices() {
        if units >= at {
            return i;
        }
        units += c.len_utf16() as u32;
    }
    text.len()
}

/// The UTF-16 offset of byte `at` of `text` (clamped to the text).
pub fn utf16_of_byte(text: &str, at: usize) -> u32 {
    text.char_indices().take_while(|(i, _)| *i < at).map(|(_, c)| c.len_utf16() as u32).sum()
}

/// The UTF-16 offset (what `setSelectionRange` takes) of 1-based `line` and `column` (in
/// characters) in `text`, clamped to the text.
pub fn utf16_offset(text: &str, line: usize, column: usize) -> u32 {
    let mut offset = 0usize;
    for (index, content) in text.split('\n').enumerate() {
        if index + 1 == line.max(1) {
            let within: usize = content.chars().take(column.saturating_sub(1)).map(char::len_utf16).sum();
            return (offset + within) as u32;
        }
        offset += content.encode_utf16().count() + 1;
    }
    text.encode_utf16().count() as u32
}

/// The byte offset of 1-based `line` and `column` (in characters) in `text`, clamped.
pub fn byte_offset(text: &str, line: usize, column: usize) -> usize {
    let mut offset = 0usize;
    for (index, content) in text.split('\n').enumerate() {
        if index + 1 == line.max(1) {
            let within: usize = content.chars().take(column.saturating_sub(1)).map(char::len_utf8).sum();
            return offset + within;
        }
        offset += content.len() + 1;
    }
    text.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn newlines_are_counted_as_bytes_are() {
        let bytes: Vec<u8> = (0..2_000u32).map(|i| [b'\n', b'a', 0x8a, 0xff, 0, b'\r'][(i * 7 % 13 % 6) as usize]).collect();
        for start in 0..9 {
            for end in [start, start + 1, start + 8, start + 17, bytes.len() - 3, bytes.len()] {
                let part = &bytes[start..end.max(start)];
                assert_eq!(newlines(part), part.iter().filter(|&&b| b == b'\n').count(), "{start}..{end}");
            }
        }
        assert_eq!(newlines(&[b'\n'; 64]), 64);
        assert_eq!(count_lines("a\nb\n"), 3);
    }

    fn text(lines: usize) -> String {
        (0..lines).map(|i| format!("line {i}")).collect::<Vec<_>>().join("\n")
    }

    #[test]
    fn offsets_follow_lines_and_columns() {
        let text = "ab\ncdé\nf";
        assert_eq!(utf16_offset(text, 1, 1), 0);
        assert_eq!(utf16_offset(text, 2, 3), 5);
        assert_eq!(utf16_offset(text, 3, 1), 7);
        assert_eq!(utf16_offset(text, 9, 1), 8);
        assert_eq!(utf16_offset("😀x", 1, 2), 2);
    }

    #[test]
    fn byte_offsets_follow_lines_and_columns() {
        let text = "ab\ncdé\nf";
        assert_eq!(byte_offset(text, 2, 3), 5);
        assert_eq!(byte_offset(text, 2, 4), 7);
        assert_eq!(byte_offset(text, 3, 1), 8);
        assert_eq!(byte_offset(text, 7, 1), text.len());
    }

    #[test]
    fn lines_and_their_starts() {
        let t = "ab\ncd\n\nef";
        assert_eq!(count_lines(t), 4);
        assert_eq!(count_lines(""), 1);
        assert_eq!(line_start(t, 0), 0);
        assert_eq!(line_start(t, 1), 3);
        assert_eq!(line_start(t, 3), 7);
        assert_eq!(line_start(t, 9), t.len());
        assert_eq!(line_of(t, 0), 0);
        assert_eq!(line_of(t, 3), 1);
        assert_eq!(line_of(t, 99), 3);
    }

    #[test]
    fn a_window_holds_whole_lines_around_the_view() {
        let t = text(10_000);
        let total = count_lines(&t);
        let w = around(&t, 5_000, 30, total);
        assert_eq!((w.first, w.lines), (4_000, 2_031));
        assert_eq!(&t[w.start..w.end], (4_000..6_031).map(|i| format!("line {i}")).collect::<Vec<_>>().join("\n"));
        assert!(w.covers(5_000, 30, total));
        assert!(!w.covers(4_100, 30, total));
        assert!(!w.covers(5_900, 30, total));
        // At the ends of the text.
        let top = around(&t, 0, 30, total);
        assert_eq!((top.first, top.start), (0, 0));
        assert!(top.covers(0, 30, total));
        let bottom = around(&t, 9_990, 30, total);
        assert_eq!((bottom.first + bottom.lines, bottom.end), (10_000, t.len()));
        assert!(bottom.covers(9_970, 30, total));
        // A small text is one window.
        let small = around("a\nb", 0, 30, 2);
        assert_eq!(small, Window { first: 0, lines: 2, start: 0, end: 3 });
        let trailing = around("a\n", 0, 30, 2);
        assert_eq!(trailing, Window { first: 0, lines: 2, start: 0, end: 2 });
    }

    #[test]
    fn splicing_the_window_text_back_rebuilds_the_text() {
        let t = text(5_000);
        let total = count_lines(&t);
        let w = around(&t, 2_500, 30, total);
        let mut inside = t[w.start..w.end].to_string();
        inside.insert_str(7, "x\ny");
        let mut whole = t.clone();
        whole.replace_range(w.start..w.end, &inside);
        let edited = w.edited(&inside);
        assert_eq!(edited.lines, w.lines + 1);
        assert_eq!(&whole[edited.start..edited.end], inside);
        assert_eq!(count_lines(&whole), total + 1);
    }

    #[test]
    fn utf16_offsets_map_to_bytes_and_back() {
        let t = "aé😀b";
        assert_eq!(byte_of_utf16(t, 0), 0);
        assert_eq!(byte_of_utf16(t, 2), 3);
        assert_eq!(byte_of_utf16(t, 4), 7);
        assert_eq!(byte_of_utf16(t, 3), 7, "inside a surrogate pair: the next character");
        assert_eq!(byte_of_utf16(t, 99), t.len());
        assert_eq!(utf16_of_byte(t, 3), 2);
        assert_eq!(utf16_of_byte(t, 7), 4);
        assert_eq!(utf16_of_byte(t, 8), 5);
    }
}

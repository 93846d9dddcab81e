//! Long SQL outputs drawn only where they are seen: the lines of a script, and the part of it
//! (the lines in view plus a margin, `mirror::window_for`) that the output block holds in the
//! DOM. The block keeps the whole script's height (every line has the same height: no wrapping),
//! so it scrolls as if it held every line; scrolling out of the drawn lines draws others.
//! `sql_panel.rs` uses this for outputs longer than `MAX_HIGHLIGHTED_OUTPUT` (highlighting only
//! the lines drawn: a token that starts above them may be shown unstyled).

/// The height of one line of an output block in CSS pixels (`.ss-code`: 13px font, 1.5 line
/// height; `.ss-virtual` sets it in pixels so that it is exact).
pub const LINE_PX: f64 = 19.5;

/// Where each line of a script starts, and its longest line (in characters).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Lines {
    /// Byte offset where each line starts (the first is 0).
    pub starts: Vec<usize>,
    /// The length of the longest line, in characters (the block's width).
    pub longest: usize,
}

impl Lines {
    pub fn of(text: &str) -> Self {
        let starts = crate::mirror::line_starts(text);
        let longest = text.split('\n').map(|l| l.chars().count()).max().unwrap_or(0);
        Lines { starts, longest }
    }

    pub fn count(&self) -> usize {
        self.starts.len()
    }

    /// The line holding byte `at`.
    pub fn line_of(&self, at: usize) -> usize {
        self.starts.partition_point(|&s| s <= at).saturating_sub(1)
    }

    /// The byte range of lines `first..=last` (clamped to the text of `len` bytes).
    pub fn bytes(&self, (first, last): (usize, usize), len: usize) -> (usize, usize) {
        let start = self.starts.get(first).copied().unwrap_or(len).min(len);
        let end = self.starts.get(last + 1).copied().unwrap_or(len).min(len);
        (start, end.max(start))
    }
}

/// `window` moved into a text of `total` lines (a shorter text keeps the lines it still has).
pub fn clamp_window((first, last): (usize, usize), total: usize) -> (usize, usize) {
    let end = total.saturating_sub(1);
    let last = last.min(end);
    (first.min(last), last)
}

/// The part of `range` (bytes of the whole text) inside `start..end`, relative to `start`.
pub fn range_within(range: Option<(usize, usize)>, start: usize, end: usize) -> Option<(usize, usize)> {
    let (a, b) = range?;
    (a < end && b > start).then(|| (a.max(start) - start, b.min(end) - start))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_and_their_bytes() {
        let text = "ab\ncdé\n\nlongest line\nz";
        let lines = Lines::of(text);
        assert_eq!(lines.count(), 5);
        assert_eq!(lines.longest, 12);
        assert_eq!(lines.line_of(0), 0);
        assert_eq!(lines.line_of(3), 1);
        assert_eq!(lines.line_of(text.len() - 1), 4);
        let (a, b) = lines.bytes((1, 2), text.len());
        assert_eq!(&text[a..b], "cdé\n\n");
        let (a, b) = lines.bytes((3, 9), text.len());
        assert_eq!(&text[a..b], "longest line\nz");
        assert_eq!(lines.bytes((9, 12), text.len()), (text.len(), text.len()));
    }

    #[test]
    fn windows_are_clamped_to_the_text() {
        assert_eq!(clamp_window((400, 600), 1000), (400, 600));
        assert_eq!(clamp_window((400, 600), 500), (400, 499));
        assert_eq!(clamp_window((400, 600), 100), (99, 99));
        assert_eq!(clamp_window((0, 200), 0), (0, 0));
    }

    #[test]
    fn a_mark_is_cut_to_the_window() {
        assert_eq!(range_within(Some((10, 20)), 0, 100), Some((10, 20)));
        assert_eq!(range_within(Some((10, 20)), 15, 100), Some((0, 5)));
        assert_eq!(range_within(Some((10, 20)), 12, 18), Some((0, 6)));
        assert_eq!(range_within(Some((10, 20)), 20, 30), None);
        assert_eq!(range_within(Some((10, 20)), 0, 10), None);
        assert_eq!(range_within(None, 0, 10), None);
    }
}

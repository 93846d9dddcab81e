//! A line diff of two texts, laid out side by side as GitHub's split view does: unchanged lines
//! on both sides, a run of removed lines beside the run of added lines that replaces it, long
//! lines wrapped at `WRAP` characters onto continuation rows (every row is one line high, so
//! the view can window the rows by arithmetic).

use crate::visual_diff::Status;

/// Characters per row; longer lines continue on the next row.
pub const WRAP: usize = 44;
/// One side of a row: the line number (none on a continuation row) and the text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cell {
    pub line: Option<usize>,
    pub text: String,
}

/// A row of the split view; `status` is Unchanged, Removed (left only), Added (right only) or
/// Changed (a removed line beside an added one).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    pub status: Status,
    pub left: Option<Cell>,
    pub right: Option<Cell>,
}

enum Op {
    Same(usize, usize),
    Del(usize),
    Ins(usize),
}

/// The edit script of `a` into `b`, with line numbers (the core's line diff, the one the
/// package's environment comparison uses); texts too different to align: all removed, all added.
fn script(a: &[&str], b: &[&str]) -> Vec<Op> {
    use schemashift::package::line_diff::{edit_script, Op as Edit};
    let Some(edits) = edit_script(a, b) else {
        return (0..a.len()).map(Op::Del).chain((0..b.len()).map(Op::Ins)).collect();
    };
    let (mut i, mut j) = (0, 0);
    edits
        .into_iter()
        .map(|e| match e {
            Edit::Same => {
                (i, j) = (i + 1, j + 1);
                Op::Same(i - 1, j - 1)
            }
            Edit::Del => {
                i += 1;
                Op::Del(i - 1)
            }
            Edit::Add => {
                j += 1;
                Op::Ins(j - 1)
            }
        })
        .collect()
}

/// A line cut into rows of `WRAP` characters: the first numbered, the rest continuations.
fn wrapped(line: usize, text: &str) -> Vec<Cell> {
    let chars: Vec<char> = text.chars().collect();
    if chars.len() <= WRAP {
        return vec![Cell { line: Some(line), text: text.to_string() }];
    }
    chars.chunks(WRAP).enumerate().map(|(k, part)| Cell { line: (k == 0).then_some(line), text: part.iter().collect() }).collect()
}

/// Push the rows of one left line and one right line (either may be absent), side by side.
fn push_pair(out: &mut Vec<Row>, status: Status, left: Option<(usize, &str)>, right: Option<(usize, &str)>) {
    let l = left.map(|(n, t)| wrapped(n + 1, t)).unwrap_or_default();
    let r = right.map(|(n, t)| wrapped(n + 1, t)).unwrap_or_default();
    for k in 0..l.len().max(r.len()) {
        out.push(Row { status, left: l.get(k).cloned(), right: r.get(k).cloned() });
    }
}

/// The split view of `before` → `after` (either may be empty: an added or a dropped object).
pub fn side_by_side(before: &str, after: &str) -> Vec<Row> {
    let a: Vec<&str> = if before.is_empty() { Vec::new() } else { before.lines().collect() };
    let b: Vec<&str> = if after.is_empty() { Vec::new() } else { after.lines().collect() };
    let ops = script(&a, &b);
    let mut out = Vec::new();
    let mut k = 0;
    while k < ops.len() {
        if let Op::Same(i, j) = ops[k] {
            push_pair(&mut out, Status::Unchanged, Some((i, a[i])), Some((j, b[j])));
            k += 1;
            continue;
        }
        // A run of removed and added lines: paired row by row, the longer side goes on alone.
        let mut dels = Vec::new();
        let mut ins = Vec::new();
        while let Some(op) = ops.get(k) {
            match *op {
                Op::Del(i) => dels.push(i),
                Op::Ins(j) => ins.push(j),
                Op::Same(..) => break,
            }
            k += 1;
        }
        for n in 0..dels.len().max(ins.len()) {
            let (l, r) = (dels.get(n).map(|&i| (i, a[i])), ins.get(n).map(|&j| (j, b[j])));
            let status = match (l, r) {
                (Some(_), Some(_)) => Status::Changed,
                (Some(_), None) => Status::Removed,
                _ => Status::Added,
            };
            push_pair(&mut out, status, l, r);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shape(rows: &[Row]) -> Vec<(Status, Option<usize>, Option<usize>)> {
        rows.iter().map(|r| (r.status, r.left.as_ref().and_then(|c| c.line), r.right.as_ref().and_then(|c| c.line))).collect()
    }

    #[test]
    fn changed_lines_sit_beside_what_they_replace() {
        let rows = side_by_side("a\nb\nc\nd", "a\nB\nc\nd\ne");
        assert_eq!(
            shape(&rows),
            vec![
                (Status::Unchanged, Some(1), Some(1)),
                (Status::Changed, Some(2), Some(2)),
                (Status::Unchanged, Some(3), Some(3)),
                (Status::Unchanged, Some(4), Some(4)),
                (Status::Added, None, Some(5)),
            ]
        );
    }

    #[test]
    fn added_and_dropped_objects_have_one_side() {
        assert!(side_by_side("", "x\ny").iter().all(|r| r.status == Status::Added && r.left.is_none()));
        assert!(side_by_side("x", "").iter().all(|r| r.status == Status::Removed && r.right.is_none()));
        assert!(side_by_side("", "").is_empty());
    }

    #[test]
    fn removed_lines_in_the_middle_keep_the_rest_aligned() {
        let rows = side_by_side("a\nx\ny\nb", "a\nb");
        assert_eq!(
            shape(&rows),
            vec![
                (Status::Unchanged, Some(1), Some(1)),
                (Status::Removed, Some(2), None),
                (Status::Removed, Some(3), None),
                (Status::Unchanged, Some(4), Some(2))
            ]
        );
    }

    #[test]
    fn long_lines_wrap_onto_continuation_rows() {
        let long = "x".repeat(WRAP * 2 + 1);
        let rows = side_by_side("a", &format!("a\n{long}"));
        assert_eq!(rows.len(), 4);
        assert_eq!(shape(&rows[1..]), vec![(Status::Added, None, Some(2)), (Status::Added, None, None), (Status::Added, None, None)]);
        let text: String = rows[1..].iter().filter_map(|r| r.right.as_ref()).map(|c| c.text.as_str()).collect();
        assert_eq!(text, long);
    }
}

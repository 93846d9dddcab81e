//! A unified diff of two texts, line by line (Myers' O((N+M)·D) algorithm after trimming the
//! common head and tail), as `diff -u` prints it: `@@ -a,n +b,m @@` hunks with `context` lines
//! around each change. Deterministic; past `MAX_EDITS` differing lines it gives up and says so
//! (two scripts that share nothing are better compared whole than as one huge hunk).

/// Beyond this many inserted + deleted lines the diff is not computed.
const MAX_EDITS: usize = 1000;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Op {
    Same,
    Del,
    Add,
}

/// The unified diff of `old` → `new` (labels on the `---`/`+++` lines); empty when equal;
/// `None` when they differ in more than `MAX_EDITS` lines.
pub fn unified(old: &str, new: &str, old_label: &str, new_label: &str, context: usize) -> Option<String> {
    if old == new {
        return Some(String::new());
    }
    let a: Vec<&str> = old.lines().collect();
    let b: Vec<&str> = new.lines().collect();
    let ops = script(&a, &b)?;
    let mut out = format!("--- {old_label}\n+++ {new_label}\n");
    // Line numbers (0-based) in a and b at each op.
    let mut pos = Vec::with_capacity(ops.len());
    let (mut i, mut j) = (0usize, 0usize);
    for op in &ops {
        pos.push((i, j));
        match op {
            Op::Same => {
                i += 1;
                j += 1;
            }
            Op::Del => i += 1,
            Op::Add => j += 1,
        }
    }
    let changed: Vec<usize> = (0..ops.len()).filter(|&k| ops[k] != Op::Same).collect();
    let mut k = 0;
    while k < changed.len() {
        let start = changed[k].saturating_sub(context);
        let mut end = changed[k];
        while k < changed.len() && changed[k] <= end + 2 * context + 1 {
            end = changed[k];
            k += 1;
        }
        let end = (end + context + 1).min(ops.len());
        let (a0, b0) = pos[start];
        let dels = ops[start..end].iter().filter(|o| **o != Op::Add).count();
        let adds = ops[start..end].iter().filter(|o| **o != Op::Del).count();
        out.push_str(&format!("@@ -{} +{} @@\n", range(a0, dels), range(b0, adds)));
        for (op, (ai, bj)) in ops[start..end].iter().zip(&pos[start..end]) {
            match op {
                Op::Same => push_line(&mut out, ' ', a[*ai]),
                Op::Del => push_line(&mut out, '-', a[*ai]),
                Op::Add => push_line(&mut out, '+', b[*bj]),
            }
        }
    }
    Some(out)
}

fn push_line(out: &mut String, mark: char, line: &str) {
    out.push(mark);
    out.push_str(line);
    out.push('\n');
}

/// `start,count` as `diff -u` writes it (1-based; an empty range names the line before it).
fn range(start: usize, count: usize) -> String {
    match count {
        0 => format!("{start},0"),
        1 => format!("{}", start + 1),
        n => format!("{},{n}", start + 1),
    }
}

/// The edit script: the common head, Myers' middle, the common tail.
fn script(a: &[&str], b: &[&str]) -> Option<Vec<Op>> {
    let head = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let tail = a[head..].iter().rev().zip(b[head..].iter().rev()).take_while(|(x, y)| x == y).count();
    let mut ops = vec![Op::Same; head];
    ops.extend(myers(&a[head..a.len() - tail], &b[head..b.len() - tail])?);
    ops.extend(std::iter::repeat_n(Op::Same, tail));
    Some(ops)
}

/// Myers' greedy shortest edit script, deletions before insertions at each change.
fn myers(a: &[&str], b: &[&str]) -> Option<Vec<Op>> {
    let (n, m) = (a.len() as isize, b.len() as isize);
    let max = (n + m) as usize;
    if max == 0 {
        return Some(Vec::new());
    }
    let limit = max.min(MAX_EDITS);
    let offset = limit as isize + 1;
    let mut v = vec![0isize; 2 * limit + 3];
    let mut trace: Vec<Vec<isize>> = Vec::new();
    let mut found = None;
    for d in 0..=limit as isize {
        // The frontier after d - 1 edits, diagonals -d..=d (all the walk back reads).
        trace.push(v[(offset - d) as usize..=(offset + d) as usize].to_vec());
        let mut k = -d;
        while k <= d {
            let idx = (k + offset) as usize;
            let mut x = if k == -d || (k != d && v[idx - 1] < v[idx + 1]) { v[idx + 1] } else { v[idx - 1] + 1 };
            let mut y = x - k;
            while x < n && y < m && a[x as usize] == b[y as usize] {
                x += 1;
                y += 1;
            }
            v[idx] = x;
            if x >= n && y >= m {
                found = Some(d);
                break;
            }
            k += 2;
        }
        if found.is_some() {
            break;
        }
    }
    let d_end = found?;
    // Walk back through the saved frontiers.
    let mut ops = Vec::new();
    let (mut x, mut y) = (n, m);
    for d in (1..=d_end).rev() {
        let v = &trace[d as usize];
        let at = |k: isize| v[(k + d) as usize];
        let k = x - y;
        let prev_k = if k == -d || (k != d && at(k - 1) < at(k + 1)) { k + 1 } else { k - 1 };
        let prev_x = at(prev_k);
        let prev_y = prev_x - prev_k;
        while x > prev_x && y > prev_y {
            ops.push(Op::Same);
            x -= 1;
            y -= 1;
        }
        ops.push(if x == prev_x { Op::Add } else { Op::Del });
        x = prev_x;
        y = prev_y;
    }
    while x > 0 && y > 0 {
        ops.push(Op::Same);
        x -= 1;
        y -= 1;
    }
    ops.reverse();
    Some(ops)
}

#[cfg(test)]
mod tests {
    use super::unified;

    #[test]
    fn equal_texts_have_no_diff() {
        assert_eq!(unified("a\nb\n", "a\nb\n", "x", "y", 3).as_deref(), Some(""));
    }

    #[test]
    fn hunks_as_diff_u_prints_them() {
        let old = "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n";
        let new = "1\n2\n3\nfour\n5\n6\n7\n8\n9\n10\n11\n";
        let d = unified(old, new, "dev/up.sql", "prod/up.sql", 1).unwrap_or_default();
        assert_eq!(d, "--- dev/up.sql\n+++ prod/up.sql\n@@ -3,3 +3,3 @@\n 3\n-4\n+four\n 5\n@@ -10 +10,2 @@\n 10\n+11\n");
    }

    #[test]
    fn insertion_into_empty_and_deletion_of_all() {
        assert_eq!(unified("", "a\n", "o", "n", 3).unwrap_or_default(), "--- o\n+++ n\n@@ -0,0 +1 @@\n+a\n");
        assert_eq!(unified("a\nb\n", "", "o", "n", 3).unwrap_or_default(), "--- o\n+++ n\n@@ -1,2 +0,0 @@\n-a\n-b\n");
    }

    #[test]
    fn applying_the_script_gives_the_new_text() {
        // Reconstruct both sides from the hunks of a full-context diff.
        let old = "a\nb\nc\nd\ne\nf\ng\n";
        let new = "a\nx\nc\ne\nf\ny\nz\ng\n";
        let d = unified(old, new, "o", "n", 100).unwrap_or_default();
        let body: Vec<&str> = d.lines().skip(3).collect();
        let from: String = body.iter().filter(|l| !l.starts_with('+')).map(|l| format!("{}\n", l.get(1..).unwrap_or(""))).collect();
        let to: String = body.iter().filter(|l| !l.starts_with('-')).map(|l| format!("{}\n", l.get(1..).unwrap_or(""))).collect();
        assert_eq!((from.as_str(), to.as_str()), (old, new));
    }

    #[test]
    fn too_different_gives_up() {
        let old: String = (0..600).map(|i| format!("a{i}\n")).collect();
        let new: String = (0..600).map(|i| format!("b{i}\n")).collect();
        assert!(unified(&old, &new, "o", "n", 3).is_none());
    }
}

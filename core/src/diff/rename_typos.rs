//! Likely typos: a column dropped and one added in the same table whose names are a typo apart
//! (`total` → `totl`, `user_name` → `username`, `Email` → `email`), whatever their types.
//!
//! Read literally, such a pair drops the old column with its data and adds an empty one; the
//! user almost always meant either a rename or had a typo in AFTER. Both readings cannot be
//! told apart from the schemas, and guessing wrong loses the column's data while the migration
//! looks normal. So an unanswered pair blocks the result until the user says which it is: a
//! rename (`-- schemashift:renamed-from`, `--rename`) or not (`--not-rename`). Pairs whose
//! names are not near each other stay suggestions (the drop carries its critical risk note).

use super::renames::RenameSuggestion;
use crate::model::RenameKind;
use crate::{BlockKind, Blocker, Dialect};

/// One blocker per unanswered column suggestion whose names are a typo apart.
pub fn blockers(d: Dialect, suggestions: &[RenameSuggestion]) -> Vec<Blocker> {
    suggestions
        .iter()
        .filter(|s| s.kind == RenameKind::Column && near(&s.from, &s.to))
        .map(|s| {
            let message = format!(
                "Rename or drop? Column {from} of {table} is dropped and {to} is added; the names are a typo \
                 apart. As written, up deletes the data of {from}. If it is a rename, write `-- schemashift:renamed-from {hint}` \
                 after the definition of {to} in AFTER (or pass `--rename {opt}`); if {from} is really dropped, answer \
                 `--not-rename {opt}`. If {to} is a typo, fix AFTER.",
                from = s.from,
                to = s.to,
                table = s.table,
                opt = s.option,
                hint = crate::parse::hint_name(d, &s.from),
            );
            Blocker::new(BlockKind::RenamePending, message)
                .with_objects(vec![format!("{}.{}", s.table, s.from), format!("{}.{}", s.table, s.to)])
        })
        .collect()
}

/// Names a typo apart: equal once case and underscores are ignored, or one edit apart
/// (insertion, deletion, substitution, adjacent transposition) for names of four characters or
/// more, two edits for names of eight or more. Short names (`a`, `id2`) are different names.
pub fn near(a: &str, b: &str) -> bool {
    let fold = |s: &str| s.chars().filter(|c| *c != '_').flat_map(char::to_lowercase).collect::<Vec<char>>();
    let (fa, fb) = (fold(a), fold(b));
    if fa == fb {
        return true;
    }
    let shortest = a.chars().count().min(b.chars().count());
    let allowed = match shortest {
        0..=3 => 0,
        4..=7 => 1,
        _ => 2,
    };
    allowed > 0 && within(&fa, &fb, allowed)
}

/// Optimal string alignment distance of `a` and `b` is at most `k` (banded, O(len × k)).
fn within(a: &[char], b: &[char], k: usize) -> bool {
    if a.len().abs_diff(b.len()) > k {
        return false;
    }
    let (n, m) = (a.len(), b.len());
    let big = k + 1;
    // Rows i-2, i-1, i of the distance table, each m+1 wide; cells outside the band are `big`.
    let mut prev2 = vec![big; m + 1];
    let mut prev: Vec<usize> = (0..=m).map(|j| j.min(big)).collect();
    for i in 1..=n {
        let mut cur = vec![big; m + 1];
        cur[0] = i.min(big);
        let lo = i.saturating_sub(k).max(1);
        let hi = (i + k).min(m);
        for j in lo..=hi {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut d = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d = d.min(prev2[j - 2] + 1);
            }
            cur[j] = d.min(big);
        }
        prev2 = std::mem::replace(&mut prev, cur);
    }
    prev[m] <= k
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::QName;

    #[test]
    fn typos_are_near_other_names_are_not() {
        for (a, b) in [
            ("total", "totl"),
            ("email", "emial"),
            ("user_name", "username"),
            ("Email", "email"),
            ("created_at", "craeted_at"),
            ("description", "descriptoin"),
            ("quantity", "quantty"),
        ] {
            assert!(near(a, b), "{a} ~ {b}");
        }
        for (a, b) in
            [("a", "b"), ("id2", "id3"), ("name", "title"), ("price", "amount"), ("total", "totals_v2"), ("legacy_flag", "is_active")]
        {
            assert!(!near(a, b), "{a} !~ {b}");
        }
    }

    #[test]
    fn only_near_column_pairs_block() {
        let s = |kind, from: &str, to: &str| RenameSuggestion {
            kind,
            table: QName::new("public", "orders"),
            from: from.into(),
            to: to.into(),
            option: format!("public.orders.{from}={to}"),
        };
        let b = blockers(
            Dialect::Postgres,
            &[s(RenameKind::Column, "total", "totl"), s(RenameKind::Column, "a", "b"), s(RenameKind::Table, "orders", "ordrs")],
        );
        assert_eq!(b.len(), 1, "{b:?}");
        assert_eq!(b[0].kind, BlockKind::RenamePending);
        assert!(b[0].message.contains("--not-rename public.orders.total=totl"), "{}", b[0].message);
        assert!(b[0].message.contains("-- schemashift:renamed-from total"), "{}", b[0].message);
    }
}

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

/// One blocker per unanswered suggestion whose names are a typo apart: a column of a table, or
/// a table dropped and one added with the same columns (also the same name in another schema).
pub fn blockers(d: Dialect, suggestions: &[RenameSuggestion]) -> Vec<Blocker> {
    suggestions
        .iter()
        .filter(|s| matches!(s.kind, RenameKind::Column | RenameKind::Table) && near(&s.from, &s.to))
        .map(|s| {
            let hint = crate::parse::hint_name(d, &s.from);
            let answers = format!(
                "answer it in the page (Treat as rename / Not a rename) or with the CLI's `--rename {opt}` / `--not-rename {opt}`",
                opt = s.option
            );
            let (message, objects) = if s.kind == RenameKind::Table {
                let same_schema = crate::model::QName::new(&s.table.schema, &s.from).to_string();
                let from = s.option.strip_suffix(&format!("={}", s.table)).unwrap_or(&same_schema);
                let moved = from != same_schema;
                // The hint names the old schema when the table moves (PostgreSQL reads it so).
                let old_schema = from.strip_suffix(&format!(".{}", s.from)).filter(|_| moved);
                let hint = match old_schema {
                    None => Some(hint),
                    Some(schema) if d == Dialect::Postgres => Some(format!("{}.{hint}", crate::parse::hint_name(d, schema))),
                    Some(_) => None,
                };
                let how = match hint {
                    Some(hint) => format!(
                        "If it is a rename, write `-- schemashift:renamed-from {hint}` on the line before CREATE TABLE {to} in AFTER, or {answers}",
                        to = s.to
                    ),
                    None => format!("If it is a move or rename, {answers}"),
                };
                (
                    format!(
                        "Rename or drop? Table {from} is dropped and {table} is added; the names are {apart}. \
                         As written, up deletes every row of {from}. {how}; if {from} is really dropped, say so with Not a rename. \
                         If {to} is a typo, fix AFTER.",
                        table = s.table,
                        to = s.to,
                        apart = if moved && s.from == s.to { "the same in another schema" } else { "a typo apart" },
                    ),
                    vec![from.to_string(), s.table.to_string()],
                )
            } else {
                (
                    format!(
                        "Rename or drop? Column {from} of {table} is dropped and {to} is added; the names are a typo \
                         apart. As written, up deletes the data of {from}. If it is a rename, write `-- schemashift:renamed-from {hint}` \
                         after the definition of {to} in AFTER, or {answers}; if {from} is really dropped, say so with Not a rename. \
                         If {to} is a typo, fix AFTER.",
                        from = s.from,
                        to = s.to,
                        table = s.table,
                    ),
                    vec![format!("{}.{}", s.table, s.from), format!("{}.{}", s.table, s.to)],
                )
            };
            Blocker::new(BlockKind::RenamePending, message).with_objects(objects)
        })
        .collect()
}

/// Names a typo apart: equal once case and underscores are ignored, or one edit apart
/// (insertion, deletion, substitution, adjacent transposition) for names of four characters or
/// more, two edits for names of eight or more. A name of three characters is near a name one
/// character longer or shorter that contains it or is contained in it in order (`tag` →
/// `tags`, `foo` → `fo`), the same name with two neighbours swapped (`qty` → `qyt`) or one
/// letter replaced (`bar` → `baz`), not a digit (`id2`, `id3` are different names); shorter
/// names (`a`, `t1`) are different names.
pub fn near(a: &str, b: &str) -> bool {
    let fold = |s: &str| s.chars().filter(|c| *c != '_').flat_map(char::to_lowercase).collect::<Vec<char>>();
    let (fa, fb) = (fold(a), fold(b));
    if fa == fb {
        return true;
    }
    let shortest = a.chars().count().min(b.chars().count());
    let longest = a.chars().count().max(b.chars().count());
    match shortest {
        0..=1 => false,
        2 => longest == 3 && (one_inserted(&fa, &fb) || one_inserted(&fb, &fa)),
        3 => one_inserted(&fa, &fb) || one_inserted(&fb, &fa) || one_swap(&fa, &fb) || one_letter_replaced(&fa, &fb),
        4..=7 => within(&fa, &fb, 1),
        _ => within(&fa, &fb, 2),
    }
}

/// `long` is `short` with one letter inserted somewhere (a digit makes another name: `t1`,
/// `t12`).
fn one_inserted(short: &[char], long: &[char]) -> bool {
    long.len() == short.len() + 1
        && (0..long.len()).any(|i| long[i].is_alphabetic() && long[..i] == short[..i] && long[i + 1..] == short[i..])
}

/// `b` is `a` with one letter replaced by another letter (`bar` → `baz`); a digit changed is
/// another name (`id2` → `id3`, `t1` → `t2`).
fn one_letter_replaced(a: &[char], b: &[char]) -> bool {
    let mut diff = a.iter().zip(b).filter(|(x, y)| x != y);
    a.len() == b.len()
        && match (diff.next(), diff.next()) {
            (Some((x, y)), None) => x.is_alphabetic() && y.is_alphabetic(),
            _ => false,
        }
}

/// `b` is `a` with two neighbouring characters swapped.
fn one_swap(a: &[char], b: &[char]) -> bool {
    a.len() == b.len() && (1..a.len()).any(|i| a[i - 1] == b[i] && a[i] == b[i - 1] && a[..i - 1] == b[..i - 1] && a[i + 1..] == b[i + 1..])
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
            ("tag", "tags"),
            ("usr", "user"),
            ("qty", "qyt"),
            ("Tag", "tga"),
            ("foo", "fo"),
            ("bar", "baz"),
            ("val", "vat"),
        ] {
            assert!(near(b, a), "{b} ~ {a}");
            assert!(near(a, b), "{a} ~ {b}");
        }
        for (a, b) in [
            ("a", "b"),
            ("id2", "id3"),
            ("t1", "t12"),
            ("ab", "a"),
            ("abc", "bca"),
            ("id2", "ix3"),
            ("col", "col2"),
            ("name", "title"),
            ("price", "amount"),
            ("total", "totals_v2"),
            ("legacy_flag", "is_active"),
        ] {
            assert!(!near(a, b), "{a} !~ {b}");
        }
    }

    #[test]
    fn only_near_pairs_block() {
        let s = |kind, from: &str, to: &str| RenameSuggestion {
            kind,
            table: QName::new("public", "orders"),
            from: from.into(),
            to: to.into(),
            option: format!("public.orders.{from}={to}"),
        };
        let b = blockers(Dialect::Postgres, &[s(RenameKind::Column, "total", "totl"), s(RenameKind::Column, "a", "b")]);
        assert_eq!(b.len(), 1, "{b:?}");
        assert_eq!(b[0].kind, BlockKind::RenamePending);
        assert!(b[0].message.contains("--not-rename public.orders.total=totl"), "{}", b[0].message);
        assert!(b[0].message.contains("-- schemashift:renamed-from total"), "{}", b[0].message);
    }

    fn table(from: QName, to: QName) -> RenameSuggestion {
        RenameSuggestion { kind: RenameKind::Table, option: format!("{from}={to}"), from: from.name, to: to.name.clone(), table: to }
    }

    #[test]
    fn a_table_typo_or_a_move_to_another_schema_blocks() {
        let typo = table(QName::new("public", "orders"), QName::new("public", "ordrs"));
        let moved = table(QName::new("public", "t"), QName::new("app", "t"));
        let other = table(QName::new("public", "customers"), QName::new("public", "clients"));
        let b = blockers(Dialect::Postgres, &[typo, moved, other]);
        assert_eq!(b.len(), 2, "{b:?}");
        assert!(b[0].message.contains("Table public.orders is dropped and public.ordrs is added;"), "{}", b[0].message);
        assert!(b[0].message.contains("-- schemashift:renamed-from orders` on the line before CREATE TABLE ordrs"), "{}", b[0].message);
        assert!(b[0].message.contains("--not-rename public.orders=public.ordrs"), "{}", b[0].message);
        assert_eq!(b[0].objects, ["public.orders", "public.ordrs"]);
        assert!(b[1].message.contains("the same in another schema"), "{}", b[1].message);
        assert!(b[1].message.contains("-- schemashift:renamed-from public.t` on the line before CREATE TABLE t"), "{}", b[1].message);
        assert!(b[1].message.contains("--rename public.t=app.t"), "{}", b[1].message);
        let mysql = table(QName::new("shop", "t"), QName::new("archive", "t"));
        let b = blockers(Dialect::Mysql, &[mysql]);
        assert!(!b[0].message.contains("renamed-from"), "{}", b[0].message);
    }
}

//! Likely sequence renames: a sequence dropped and one added in the same schema whose names are
//! a typo apart (`order_numbers` → `order_numbrs`), counting the same way.
//!
//! Read literally, such a pair drops the old sequence and creates a new one at its START: the
//! numbering restarts while the rows keep the numbers already given, so new rows get numbers that
//! exist (or a unique key starts failing), with nothing in the migration looking wrong. A rename
//! (`ALTER SEQUENCE ... RENAME TO`, MariaDB `RENAME TABLE`) keeps the current value. As for
//! tables and columns (`rename_typos.rs`), the pair is suggested and blocks the result until the
//! user answers: a hint, `--rename`, the page's answers, or `--not-rename`.
//!
//! Sequences owned by a column that is not on both sides (a serial's, going or coming with its
//! table or column) are left to the table and column logic: renaming the table or column renames
//! the serial's sequence with it (`implied_renames.rs`), and suggesting the sequence too would ask
//! the same question twice. A pair counting in opposite directions is not suggested (not the same
//! numbering).

use super::renames::RenameSuggestion;
use crate::model::{QName, RenameKind, Schema, Sequence};
use crate::{BlockKind, Blocker, Dialect};

/// The suggestions: each dropped sequence and added sequence of a schema that are each the
/// other's only near name. `from` is the FROM schema with the renames in force applied.
pub(super) fn suggest(from: &Schema, to: &Schema) -> Vec<RenameSuggestion> {
    let free = |s: &Sequence| {
        s.owned_by.as_ref().is_none_or(|(t, c)| {
            let has = |sch: &Schema| sch.tables.get(t).is_some_and(|t| t.column(c).is_some());
            has(from) && has(to)
        })
    };
    let dropped: Vec<&Sequence> = from.sequences.values().filter(|s| !to.sequences.contains_key(&s.name) && free(s)).collect();
    let added: Vec<&Sequence> = to.sequences.values().filter(|s| !from.sequences.contains_key(&s.name) && free(s)).collect();
    if dropped.is_empty() || added.is_empty() || dropped.len() * added.len() > 4096 {
        return Vec::new();
    }
    let near = |a: &Sequence, b: &Sequence| {
        a.name.schema == b.name.schema && a.ascending() == b.ascending() && super::rename_typos::near(&a.name.name, &b.name.name)
    };
    let mut out = Vec::new();
    for d in &dropped {
        let mut to_near = added.iter().filter(|a| near(d, a));
        if let (Some(a), None) = (to_near.next(), to_near.next()) {
            if dropped.iter().filter(|f| near(f, a)).count() == 1 {
                out.push(RenameSuggestion {
                    kind: RenameKind::Sequence,
                    table: a.name.clone(),
                    from: d.name.name.clone(),
                    to: a.name.name.clone(),
                    option: format!("{}={}", d.name, a.name),
                });
            }
        }
    }
    out
}

/// One blocker per unanswered sequence suggestion (all are a typo apart): rename or drop?
/// `after`: the schema the new sequence is in (for the value it starts at).
pub fn blockers(d: Dialect, after: &Schema, suggestions: &[RenameSuggestion]) -> Vec<Blocker> {
    suggestions
        .iter()
        .filter(|s| s.kind == RenameKind::Sequence)
        .map(|s| {
            let old = QName::new(s.table.schema.clone(), s.from.clone());
            let seq = after.sequences.get(&s.table);
            let start = seq.map_or(1, Sequence::effective_start);
            // A new sequence its column owns is moved past the column's highest value by up
            // (`render::postgres::alter`): only numbers handed out and not stored there come again.
            let restart = match seq.and_then(|q| q.owned_by.as_ref()) {
                Some((t, c)) if d == Dialect::Postgres => format!(
                    "{start} (moved only past the highest {t}.{c} already stored) and loses {old}'s current value: \
                     numbers it handed out that are not in {t}.{c} are handed out again"
                ),
                _ => format!("{start} and loses {old}'s current value: new rows get numbers that already exist"),
            };
            let message = format!(
                "Rename or drop? Sequence {old} is dropped and {new} is added; the names are a typo apart. \
                 As written, up restarts numbering at {restart}. If it is a rename, write `-- schemashift:renamed-from {hint}` on the line before \
                 CREATE SEQUENCE {to} in AFTER, or answer it in the page (Treat as rename / Not a rename) or with the \
                 CLI's `--rename {opt}` / `--not-rename {opt}`; if {old} is really dropped, say so with Not a rename. \
                 If {to} is a typo, fix AFTER.",
                new = s.table,
                hint = crate::parse::hint_name(d, &s.from),
                to = s.to,
                opt = s.option,
            );
            Blocker::new(BlockKind::RenamePending, message).with_objects(vec![old.to_string(), s.table.to_string()])
        })
        .collect()
}

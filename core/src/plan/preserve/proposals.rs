//! Data moves are proposals: a move the diff infers (`diff::data_moves`) is applied only when
//! the user accepts it, and any move the user names is carried out only when it is safe.
//!
//! Answers come from AFTER (`-- schemashift:copy-from src [where cond]`, `-- schemashift:no-copy`
//! on the line before the destination's `CREATE TABLE`) and from the options (`--copy
//! 'dest=src [where cond]'`, `--no-copy dest`). Each inferred move is then pending, accepted or
//! declined; a pending move blocks the result, and so does an accepted copy that needs a row
//! filter and has none (the source has a column the destination lacks, or feeds several new
//! tables: every row would land in every table). An accepted copy-from naming a move nothing
//! inferred is the user's own copy. Down reverses what up applies: a split by its merge, a merge
//! by its split, a copy by a copy back whose filter's equalities (`kind = 'billing'`) give the
//! dropped column its values; when that is impossible the proposal says why (`down`), and the
//! `any-data-move-not-reversible` rule puts it on the down step.

use crate::diff::move_filter::{equalities, parse_filter};
use crate::diff::{self, DataMove, MoveKind};
use crate::model::{Column, QName, Schema};
use crate::plan::preserve::is_narrowing;
use crate::{BlockKind, Blocker, Dialect, Options, Side};
use serde::Serialize;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MoveStatus {
    /// Neither accepted nor declined: the result is blocked until it is answered.
    Pending,
    Accepted,
    /// Declined (`no-copy`): the rows are dropped on purpose; the drop keeps its data-loss note.
    Declined,
}

/// One data move offered to the user (JSON `data_move_proposals`), like a rename suggestion.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct DataMoveProposal {
    pub kind: MoveKind,
    /// The table the rows come from, and the one they go to.
    pub from: String,
    pub to: String,
    pub columns: Vec<String>,
    /// False for a copy the user named that nothing inferred.
    pub inferred: bool,
    pub status: MoveStatus,
    /// The accepted row filter.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub filter: Option<String>,
    /// Why the move can only be accepted with a row filter.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub needs_filter: Option<String>,
    /// Why it blocks the result (pending, or accepted without a needed filter, or not doable).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub blocked: Option<String>,
    /// What down cannot give back once the move ran.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub down: Option<String>,
    /// The hint comment that accepts it (on the line before `CREATE TABLE <to>`), and the option.
    pub hint: String,
    pub option: String,
    /// The hint comment and the option that decline it.
    pub decline_hint: String,
    pub decline_option: String,
}

/// What the answers decide: the moves up and down apply, the proposals, the blockers.
#[derive(Clone, Debug, Default)]
pub struct Decided {
    pub up: Vec<DataMove>,
    pub down: Vec<DataMove>,
    pub proposals: Vec<DataMoveProposal>,
    pub blocked: Vec<Blocker>,
}

/// One answer: accept (`from` set) or decline a move into `dest`.
struct Answer {
    dest: QName,
    from: Option<QName>,
    filter: Option<String>,
    /// Where it was written, for messages.
    side: Side,
    line: usize,
    used: bool,
}

/// Decide the data moves of a migration from `before` to `after`. A renamed table (`renames`)
/// is neither dropped nor new: no move is inferred into or out of it (its rows stay with it).
pub fn decide(before: &Schema, after: &Schema, options: &Options, renames: &diff::Renames) -> Decided {
    let d = options.target.dialect;
    let mut out = Decided::default();
    let mut answers = answers(after, options, &mut out.blocked);
    let renamed: std::collections::BTreeSet<&QName> = renames.tables().flat_map(|r| [&r.table_from, &r.table_to]).collect();
    let not_renamed = |m: &DataMove| !(renamed.contains(&m.child) || m.kind == MoveKind::Copy && renamed.contains(&m.parent));
    let inferred: Vec<DataMove> = diff::data_moves(before, after, d).into_iter().filter(not_renamed).collect();
    let down_inferred: Vec<DataMove> = diff::data_moves(after, before, d).into_iter().filter(not_renamed).collect();

    // Inferred moves first, then the user's own copies.
    let mut moves: Vec<(DataMove, MoveStatus, bool)> = Vec::new();
    for m in inferred {
        let (src, dest) = ends(&m);
        let accept = answers.iter_mut().find(|a| a.dest == *dest && a.from.as_ref() == Some(src));
        let status = if let Some(a) = accept {
            a.used = true;
            let mut m = m.clone();
            m.filter = a.filter.clone();
            moves.push((m, MoveStatus::Accepted, true));
            continue;
        } else if let Some(a) = answers.iter_mut().find(|a| a.dest == *dest && a.from.is_none()) {
            a.used = true;
            MoveStatus::Declined
        } else {
            MoveStatus::Pending
        };
        moves.push((m, status, true));
    }
    for a in answers.iter_mut().filter(|a| !a.used) {
        let Some(src) = &a.from else { continue };
        a.used = true;
        match own_copy(before, after, src, &a.dest, d) {
            Ok(mut m) => {
                m.filter = a.filter.clone();
                moves.push((m, MoveStatus::Accepted, false));
            }
            Err(e) => out.blocked.push(
                Blocker::new(BlockKind::DataMove, format!("copy of {src} into {}: {e}", a.dest))
                    .at(a.side, a.line, if a.line > 0 { 1 } else { 0 })
                    .with_objects(vec![a.dest.to_string()]),
            ),
        }
    }

    for (i, (m, status, inferred)) in moves.iter().enumerate() {
        let (src, dest) = ends(m);
        let needs_filter = needs_filter(m, &moves, i, before, *status);
        let mut p = proposal(m, *status, *inferred, needs_filter.clone(), before);
        let blocked = match status {
            MoveStatus::Pending => Some(format!(
                "Data move pending: {}. schemashift copies nothing until told to{}. Accept it with `{}` on the line before CREATE TABLE {} (or `{}`), or decline it with `{}` there (or `{}`): {}.",
                describe(m),
                needs_filter.as_ref().map(|n| format!("; {n}, so it needs a row filter")).unwrap_or_default(),
                p.hint,
                dest.name,
                p.option,
                p.decline_hint,
                p.decline_option,
                match m.kind {
                    MoveKind::Merge => format!("the values of {src} are dropped with it"),
                    _ => format!("{dest} starts empty"),
                },
            )),
            MoveStatus::Accepted if m.filter.is_none() && needs_filter.is_some() => Some(format!(
                "Data move accepted without a row filter: {}; {}, so every row of {src} would go into {dest}. Add `where <condition>` to the answer (`{}`), e.g. an equality on the column {dest} has no place for.",
                describe(m),
                needs_filter.as_deref().unwrap_or_default(),
                p.hint,
            )),
            _ => None,
        };
        let blocked = blocked.map(|b| match m.kind {
            MoveKind::Copy if src.schema == dest.schema && crate::diff::names_a_typo_apart(&src.name, &dest.name) => format!(
                "{b} The names are a typo apart: if {dest} is {src} renamed, say so instead with `-- schemashift:renamed-from {}` on the line before CREATE TABLE {} (or `--rename {src}={dest}`); if {} is a typo, fix AFTER.",
                crate::parse::hint_name(d, &src.name), dest.name, dest.name
            ),
            _ => b,
        });
        if let Some(b) = &blocked {
            out.blocked.push(Blocker::new(BlockKind::DataMove, b.clone()).with_objects(vec![dest.to_string(), src.to_string()]));
        } else if *status == MoveStatus::Accepted {
            out.up.push(m.clone());
            match reverse(m, &down_inferred, before, after, d) {
                Ok((back, lost)) => {
                    out.down.push(back);
                    p.down = lost;
                }
                Err(e) => p.down = Some(e),
            }
        }
        p.blocked = blocked;
        out.proposals.push(p);
    }
    out
}

/// (source, destination) of a move.
fn ends(m: &DataMove) -> (&QName, &QName) {
    match m.kind {
        MoveKind::Merge => (&m.child, &m.parent),
        MoveKind::Split | MoveKind::Copy => (&m.parent, &m.child),
    }
}

fn describe(m: &DataMove) -> String {
    let (src, dest) = ends(m);
    match m.kind {
        MoveKind::Split => {
            format!("columns {} of {src} fit the new table {dest} (linked by {}.{})", m.columns.join(", "), dest.name, m.fk_column)
        }
        MoveKind::Merge => {
            format!("columns {} of the dropped table {src} fit {dest} (linked by {}.{})", m.columns.join(", "), src.name, m.fk_column)
        }
        MoveKind::Copy => format!(
            "the rows of {src} (columns {}) fit the new table {dest}{}",
            m.columns.join(", "),
            m.filter.as_ref().map(|f| format!(" where {f}")).unwrap_or_default()
        ),
    }
}

/// Why a copy needs a row filter: a source column with no place in the destination, or a
/// source that feeds several new tables.
fn needs_filter(m: &DataMove, all: &[(DataMove, MoveStatus, bool)], i: usize, before: &Schema, status: MoveStatus) -> Option<String> {
    if m.kind != MoveKind::Copy || status == MoveStatus::Declined {
        return None;
    }
    let mut why = Vec::new();
    if let Some(src) = before.tables.get(&m.parent) {
        let lost: Vec<&str> =
            src.columns.iter().filter(|c| c.generated.is_none() && !m.columns.contains(&c.name)).map(|c| c.name.as_str()).collect();
        if !lost.is_empty() {
            why.push(format!(
                "{}.{} {} no place in {}",
                m.parent.name,
                lost.join(", "),
                if lost.len() == 1 { "has" } else { "have" },
                m.child.name
            ));
        }
    }
    let others: Vec<&str> = all
        .iter()
        .enumerate()
        .filter(|(j, (o, s, _))| *j != i && o.kind == MoveKind::Copy && o.parent == m.parent && *s != MoveStatus::Declined)
        .map(|(_, (o, _, _))| o.child.name.as_str())
        .collect();
    if !others.is_empty() {
        why.push(format!("{} also feeds {}", m.parent.name, others.join(", ")));
    }
    (!why.is_empty()).then(|| why.join("; "))
}

fn proposal(m: &DataMove, status: MoveStatus, inferred: bool, needs_filter: Option<String>, before: &Schema) -> DataMoveProposal {
    let (src, dest) = ends(m);
    let src_text = if src.schema == dest.schema { src.name.clone() } else { src.to_string() };
    let dest_text = dest.to_string();
    let cond = match (&m.filter, &needs_filter) {
        (Some(f), _) => format!(" where {f}"),
        (None, Some(_)) => format!(" where {}", suggested_condition(m, before)),
        (None, None) => String::new(),
    };
    DataMoveProposal {
        kind: m.kind,
        from: src.to_string(),
        to: dest_text.clone(),
        columns: m.columns.clone(),
        inferred,
        status,
        filter: m.filter.clone(),
        needs_filter,
        blocked: None,
        down: None,
        hint: format!("-- schemashift:copy-from {src_text}{cond}"),
        option: format!("--copy {}", shell_quote(&format!("{dest_text}={src_text}{cond}"))),
        decline_hint: "-- schemashift:no-copy".into(),
        decline_option: format!("--no-copy {dest_text}"),
    }
}

/// `s` as one POSIX shell word: in single quotes, or in double quotes when it holds a single
/// quote (and nothing a shell expands there), else single quotes with `'\''` escapes.
fn shell_quote(s: &str) -> String {
    if !s.contains('\'') {
        format!("'{s}'")
    } else if !s.contains(['"', '$', '`', '\\', '!']) {
        format!("\"{s}\"")
    } else {
        format!("'{}'", s.replace('\'', "'\\''"))
    }
}

/// A condition to start from: the first source column the destination lacks, `= ...`.
fn suggested_condition(m: &DataMove, before: &Schema) -> String {
    let lost = before
        .tables
        .get(&m.parent)
        .and_then(|t| t.columns.iter().find(|c| c.generated.is_none() && !m.columns.contains(&c.name)).map(|c| c.name.clone()));
    match lost {
        Some(c) => format!("{c} = '...'"),
        None => "<condition>".into(),
    }
}

/// The answers in AFTER and in the options. Option errors are blockers.
fn answers(after: &Schema, options: &Options, blocked: &mut Vec<Blocker>) -> Vec<Answer> {
    let d = options.target.dialect;
    let mut out: Vec<Answer> = after
        .copy_hints
        .iter()
        .map(|h| Answer {
            dest: h.table.clone(),
            from: h.from.clone(),
            filter: h.filter.clone(),
            side: Side::After,
            line: h.line,
            used: false,
        })
        .collect();
    let default_schema = if d == Dialect::Postgres { "public" } else { "" };
    let table = |name: &str| -> Result<QName, String> {
        let name = name.trim();
        let q = match name.rsplit_once('.') {
            Some((s, n)) => QName::new(s, n),
            None => QName::new(default_schema, name),
        };
        if after.tables.contains_key(&q) {
            Ok(q)
        } else {
            Err(format!("no table `{name}` in AFTER"))
        }
    };
    let mut bad = |opt: &str, e: String| {
        blocked.push(Blocker::new(BlockKind::OptionError, format!("{opt}: {e}")).at(Side::Options, 0, 0));
    };
    for spec in &options.copies {
        let parsed = spec.split_once('=').ok_or_else(|| "expected `DEST=SOURCE [where CONDITION]`".to_string()).and_then(|(dest, src)| {
            let dest = table(dest)?;
            let (from, filter) = crate::parse::copy_from(d, src, &dest)?;
            Ok((dest, from, filter))
        });
        match parsed {
            Ok((dest, from, filter)) => out.push(Answer { dest, from: Some(from), filter, side: Side::Options, line: 0, used: false }),
            Err(e) => bad(&format!("--copy `{spec}`"), e),
        }
    }
    for spec in &options.no_copies {
        match table(spec) {
            Ok(dest) => out.push(Answer { dest, from: None, filter: None, side: Side::Options, line: 0, used: false }),
            Err(e) => bad(&format!("--no-copy `{spec}`"), e),
        }
    }
    out
}

fn fills(c: &Column) -> bool {
    c.nullable || c.default.is_some() || c.identity.is_some() || c.serial || c.auto_increment || c.generated.is_some()
}

/// The user's own copy of `src`'s rows into the new table `dest`: the columns of the same name.
fn own_copy(before: &Schema, after: &Schema, src: &QName, dest: &QName, d: Dialect) -> Result<DataMove, String> {
    let Some(old) = before.tables.get(src) else { return Err(format!("BEFORE has no table {src}")) };
    let Some(new) = after.tables.get(dest) else { return Err(format!("AFTER has no table {dest}")) };
    if before.tables.contains_key(dest) {
        return Err(format!("{dest} exists before the migration: a copy fills a new table"));
    }
    let columns: Vec<String> = new
        .columns
        .iter()
        .filter(|c| c.generated.is_none())
        .filter(|c| old.column(&c.name).is_some_and(|o| o.generated.is_none() && !is_narrowing(d, &o.data_type, &c.data_type)))
        .map(|c| c.name.clone())
        .collect();
    if columns.is_empty() {
        return Err(format!("no column of {dest} has a column of the same name and a fitting type in {src}"));
    }
    let unfilled: Vec<&str> = new.columns.iter().filter(|c| !fills(c) && !columns.contains(&c.name)).map(|c| c.name.as_str()).collect();
    if !unfilled.is_empty() {
        return Err(format!("{} {} NOT NULL without a default and nothing in {src} fills it", dest.name, unfilled.join(", ")));
    }
    let pk = new.primary_key_columns();
    let child_key = if !pk.is_empty() && pk.iter().all(|k| columns.contains(k)) { pk.to_vec() } else { Vec::new() };
    Ok(DataMove {
        kind: MoveKind::Copy,
        parent: src.clone(),
        parent_key: String::new(),
        child: dest.clone(),
        child_key,
        fk_column: String::new(),
        columns,
        filter: None,
        constants: Vec::new(),
    })
}

/// The move down makes to undo `m`, and what it cannot give back (a note), or why it cannot.
fn reverse(
    m: &DataMove,
    down_inferred: &[DataMove],
    before: &Schema,
    after: &Schema,
    d: Dialect,
) -> Result<(DataMove, Option<String>), String> {
    let opposite = match m.kind {
        MoveKind::Split => Some(MoveKind::Merge),
        MoveKind::Merge => Some(MoveKind::Split),
        MoveKind::Copy => None,
    };
    if let Some(kind) = opposite {
        let back = down_inferred.iter().find(|b| b.kind == kind && b.parent == m.parent && b.child == m.child);
        return match back {
            Some(b) => {
                let lost: Vec<&String> = m.columns.iter().filter(|c| !b.columns.contains(c)).collect();
                let note = (!lost.is_empty()).then(|| {
                    format!(
                        "down does not copy {} back ({} narrows the type on the way)",
                        lost.iter().map(|c| c.as_str()).collect::<Vec<_>>().join(", "),
                        m.parent.name
                    )
                });
                Ok((b.clone(), note))
            }
            None => Err(format!(
                "down cannot copy {} back between {} and {}: the types or keys do not allow it",
                m.columns.join(", "),
                m.child,
                m.parent
            )),
        };
    }
    let (Some(old), Some(new)) = (before.tables.get(&m.parent), after.tables.get(&m.child)) else {
        return Err("down cannot find the tables of the copy".into());
    };
    let columns: Vec<String> = m
        .columns
        .iter()
        .filter(|c| match (new.column(c), old.column(c)) {
            (Some(n), Some(o)) => !is_narrowing(d, &n.data_type, &o.data_type),
            _ => false,
        })
        .cloned()
        .collect();
    let eqs = m.filter.as_deref().and_then(|f| parse_filter(d, f).ok()).map(|e| equalities(&e)).unwrap_or_default();
    let mut constants: Vec<(String, String)> = Vec::new();
    for (col, value) in eqs {
        if let Some(c) = old.columns.iter().find(|c| c.name == col || c.name.eq_ignore_ascii_case(&col)) {
            if !columns.contains(&c.name) && !constants.iter().any(|(n, _)| *n == c.name) {
                constants.push((c.name.clone(), value));
            }
        }
    }
    let pk = old.primary_key_columns();
    if pk.is_empty() || !pk.iter().all(|k| columns.contains(k)) {
        return Err(format!(
            "down cannot put the rows of {} back into {}: the key of {} is not copied back",
            m.child, m.parent, m.parent.name
        ));
    }
    let has = |n: &str| columns.iter().any(|c| c == n) || constants.iter().any(|(c, _)| c == n);
    let missing: Vec<&str> = old.columns.iter().filter(|c| !fills(c) && !has(&c.name)).map(|c| c.name.as_str()).collect();
    if !missing.is_empty() {
        return Err(format!(
            "down cannot put the rows of {} back into {}: {} is NOT NULL and nothing gives its value back (a filter equality such as `{} = ...` would)",
            m.child,
            m.parent,
            missing.join(", "),
            missing[0]
        ));
    }
    let lost: Vec<&str> = old.columns.iter().filter(|c| c.generated.is_none() && !has(&c.name)).map(|c| c.name.as_str()).collect();
    let note = (!lost.is_empty()).then(|| {
        format!("down puts the rows of {} back into {} without their {} (NULL or the default)", m.child, m.parent, lost.join(", "))
    });
    let back = DataMove {
        kind: MoveKind::Copy,
        parent: m.child.clone(),
        parent_key: String::new(),
        child: m.parent.clone(),
        child_key: pk.to_vec(),
        fk_column: String::new(),
        columns,
        filter: None,
        constants,
    };
    Ok((back, note))
}

/// The destination table of a move (where a hint answers it).
pub fn destination(m: &DataMove) -> &QName {
    ends(m).1
}

//! The user's data steps (`/* schemashift:data-step up: ...; down: ...; */` in AFTER, read by
//! `parse::move_hints`): each side becomes a `Change::DataStep` step of its migration, placed by
//! the tables its SQL names: after the last step that creates one of them or adds, alters or
//! renames a column of one (the objects it writes exist), before the first step that drops a
//! column or table of one of them (what it reads is still there). When no place fits (a SQLite
//! rebuild adding and dropping in one step) the result is blocked. Being part of AFTER, a data
//! step survives regeneration.

use crate::diff::Change;
use crate::model::{DataStepHint, QName, Schema};
use crate::parse::split::split;
use crate::plan::Step;
use crate::{BlockKind, Blocker, Diagnostic, Dialect, Side};
use sqlparser::tokenizer::{Token, Tokenizer};

/// What placing the data steps found: warnings (a step without `down:`) and blockers (a step
/// with no place that satisfies both bounds).
#[derive(Default)]
pub struct Placed {
    pub warnings: Vec<Diagnostic>,
    pub blocked: Vec<Blocker>,
}

/// Place every data step in `up` and (its `down:` side) in `down`.
pub fn place(up: &mut Vec<Step>, down: &mut Vec<Step>, hints: &[DataStepHint], before: &Schema, after: &Schema) -> Placed {
    let d = after.dialect;
    let mut out = Placed::default();
    for h in hints {
        let tables = tables_named(d, &h.up, before, after);
        out.blocked.extend(insert(up, d, &h.up, tables, h.line, "up"));
        match &h.down {
            Some(sql) => {
                let tables = tables_named(d, sql, before, after);
                out.blocked.extend(insert(down, d, sql, tables, h.line, "down"));
            }
            None => out.warnings.push(Diagnostic::warning(h.line, 1, "data step without `down:`: the down migration does not undo it")),
        }
    }
    out
}

/// The step drops a table or a column (a SQLite rebuild that leaves columns out counts).
fn drops(s: &Step) -> bool {
    match &s.change {
        Change::DropTable { .. } | Change::DropColumn { .. } => true,
        Change::RebuildTable { from, to, renamed_columns } => from.columns.iter().any(|c| {
            let name = renamed_columns.iter().find(|(old, _)| *old == c.name).map(|(_, new)| new).unwrap_or(&c.name);
            to.column(name).is_none()
        }),
        _ => false,
    }
}

fn insert(steps: &mut Vec<Step>, d: Dialect, sql: &str, tables: Vec<QName>, line: usize, side: &str) -> Option<Blocker> {
    let statements: Vec<String> =
        split(d, sql).into_iter().map(|p| p.text.trim().trim_end_matches(';').trim_end().to_string()).filter(|s| !s.is_empty()).collect();
    let touches = |s: &Step| s.change.table().is_some_and(|t| tables.contains(t));
    // The last step that makes a table it names or a column of one (a SQLite rebuild that also
    // drops is a bound on both sides). Constraints and indexes may come after the data.
    let makes = |s: &Step| {
        matches!(
            s.change,
            Change::CreateTable { .. }
                | Change::AddColumn { .. }
                | Change::AlterColumn { .. }
                | Change::RenameTable { .. }
                | Change::RenameColumn { .. }
                | Change::RebuildTable { .. }
        )
    };
    let after_at = steps.iter().rposition(|s| touches(s) && makes(s)).map(|i| i + 1);
    let before_at = steps.iter().position(|s| touches(s) && drops(s));
    let mut blocker = None;
    let at = match (after_at, before_at) {
        (Some(a), Some(b)) if a > b => {
            let what = |i: usize| {
                steps
                    .get(i)
                    .map(|s| format!("{} {}", s.change.op(), s.change.table().map(|t| t.to_string()).unwrap_or_default()))
                    .unwrap_or_default()
            };
            let message = if a - 1 == b {
                format!("data step ({side}): no place in the plan fits it: `{}` both changes a table it names and drops what it may read, in one step (a table rebuild); split the change into two migrations (add in the first, drop in the second)", what(b))
            } else {
                format!(
                    "data step ({side}): no place in the plan fits it: it must run after `{}` (a table it names changes there) and before `{}` (which drops what it may read); split the change into two migrations, or name fewer tables",
                    what(a - 1),
                    what(b)
                )
            };
            blocker = Some(
                Blocker::new(BlockKind::DataMove, message)
                    .at(Side::After, line, 1)
                    .with_objects(tables.iter().map(|t| t.to_string()).collect()),
            );
            b
        }
        (Some(a), _) => a,
        (None, Some(b)) => b,
        (None, None) => steps.len(),
    };
    let mut step = Step::new(Change::DataStep { label: format!("data step (line {line})"), tables }, statements);
    step.phase = steps.get(at.saturating_sub(1)).or(steps.get(at)).map(|s| s.phase).unwrap_or_default();
    steps.insert(at, step);
    blocker
}

/// The tables of either schema that the SQL names (`t` or `schema.t`), in order of first mention.
fn tables_named(d: Dialect, sql: &str, before: &Schema, after: &Schema) -> Vec<QName> {
    let toks: Vec<Token> = Tokenizer::new(crate::parse::lexical::of(d), sql)
        .tokenize()
        .unwrap_or_default()
        .into_iter()
        .filter(|t| !matches!(t, Token::Whitespace(_)))
        .collect();
    let word = |t: &Token| match t {
        Token::Word(w) if w.quote_style.is_some() || d != Dialect::Postgres => Some(w.value.clone()),
        Token::Word(w) => Some(w.value.to_lowercase()),
        _ => None,
    };
    let known = |q: &QName| before.tables.contains_key(q) || after.tables.contains_key(q);
    let mut out: Vec<QName> = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let Some(w) = word(&toks[i]) else {
            i += 1;
            continue;
        };
        let qualified = match (toks.get(i + 1), toks.get(i + 2).and_then(word)) {
            (Some(Token::Period), Some(n)) => Some(QName::new(w.clone(), n)),
            _ => None,
        };
        let found = match qualified.filter(known) {
            Some(q) => {
                i += 3;
                Some(q)
            }
            None => {
                i += 1;
                let schemas = before.tables.keys().chain(after.tables.keys()).map(|q| q.schema.clone());
                let mut matches: Vec<QName> = schemas.map(|s| QName::new(s, w.clone())).filter(known).collect();
                matches.sort();
                matches.dedup();
                matches.into_iter().next()
            }
        };
        if let Some(q) = found {
            if !out.contains(&q) {
                out.push(q);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::{generate, Dialect, Options};

    #[test]
    fn a_backfill_runs_after_the_new_column_and_before_the_old_one_is_dropped() {
        let before = "CREATE TABLE users (id int PRIMARY KEY, is_admin boolean NOT NULL DEFAULT false);";
        let after = "CREATE TABLE roles (id int PRIMARY KEY, name text);\n\
            CREATE TABLE users (id int PRIMARY KEY, role_id int REFERENCES roles (id));\n\
            /* schemashift:data-step\n up: INSERT INTO roles VALUES (1, 'admin'); UPDATE users SET role_id = 1 WHERE is_admin;\n down: UPDATE users SET is_admin = true WHERE role_id = 1; */";
        let m = generate(before, after, &Options::new(Dialect::Postgres));
        let ops: Vec<String> = m.up.iter().map(|s| s.change.op()).collect();
        let data = ops.iter().position(|o| o == "data_step").expect("placed in up");
        let add = ops.iter().position(|o| o == "add_column").unwrap();
        let drop = ops.iter().position(|o| o == "drop_column").unwrap();
        assert!(add < data && data < drop, "{ops:?}");
        assert_eq!(m.up[data].statements, ["INSERT INTO roles VALUES (1, 'admin')", "UPDATE users SET role_id = 1 WHERE is_admin"]);
        let ops: Vec<String> = m.down.iter().map(|s| s.change.op()).collect();
        let data = ops.iter().position(|o| o == "data_step").expect("placed in down");
        let add = ops.iter().position(|o| o == "add_column").unwrap();
        let drop = ops.iter().position(|o| o == "drop_column").unwrap();
        assert!(add < data && data < drop, "{ops:?}");
    }
}

//! Package files about the data (not the schema) a migration carries:
//! - `backfill/NN_<table>_<columns>.sql`: each data move the diff implies (a split or merge,
//!   `diff::data_moves`) as a batched, resumable script that reports its progress. Up runs the
//!   same copy in one statement; the batched form is for large tables (between the expand and
//!   contract phases of a zero-downtime deploy, or to catch up rows written meanwhile). It only
//!   touches rows not yet copied, so it can be stopped and run again.
//! - `cleanup/01_drop_backups.sql`: drops the backup tables `--preserve-data` made, once the
//!   migration is confirmed and down (which restores from them) will not be needed.
//!
//! The runbook section that ties them into the execution order is `runbook_section`.

use super::Package;
use crate::diff::{DataMove, MoveKind};
use crate::plan::preserve::moves::{copy_sql, merge_source, merge_sql, split_sql};
use crate::plan::PreservedKind;
use crate::render::quote;
use crate::{Dialect, Migration};

/// Rows per batch.
const BATCH: u32 = 1000;

/// The backfill files (path, SQL), in execution order. A copy into a table without a copied key
/// cannot tell copied rows from new ones, so it has no resumable form (up's copy only).
pub fn backfill_files(m: &Migration) -> Vec<(String, String)> {
    m.data_moves
        .iter()
        .filter(|mv| has_backfill(mv))
        .enumerate()
        .map(|(i, mv)| {
            let name = super::slug(&format!("{}_{}", mv.child.name, mv.columns.join("_")));
            (format!("backfill/{:02}_{name}.sql", i + 1), backfill_sql(mv, m.target.dialect))
        })
        .collect()
}

fn has_backfill(mv: &DataMove) -> bool {
    mv.kind != MoveKind::Copy || !mv.child_key.is_empty()
}

pub fn add(pkg: &mut Package, m: &Migration) {
    for (path, text) in backfill_files(m) {
        pkg.add(path, text);
    }
    if !m.preserved.is_empty() {
        pkg.add("cleanup/01_drop_backups.sql", cleanup_sql(m));
    }
}

/// One batch of the move, limited to `BATCH` rows, and the count of rows still to do.
fn batch_and_remaining(mv: &DataMove, d: Dialect) -> (String, String) {
    let p = quote::qname(d, &mv.parent);
    let key = quote::ident(d, &mv.parent_key);
    match mv.kind {
        MoveKind::Split => {
            let one = split_sql(mv, d);
            let todo = one.split_once(" WHERE ").map(|(_, w)| w.to_string()).unwrap_or_default();
            (format!("{one} ORDER BY {key} LIMIT {BATCH}"), format!("SELECT COUNT(*) AS remaining FROM {p} WHERE {todo}"))
        }
        MoveKind::Copy => {
            let one = copy_sql(mv, d);
            let keys: Vec<String> = mv.child_key.iter().map(|k| format!("{p}.{}", quote::ident(d, k))).collect();
            let todo = one.split_once(" WHERE ").map(|(_, w)| w.to_string()).unwrap_or_default();
            (format!("{one} ORDER BY {} LIMIT {BATCH}", keys.join(", ")), format!("SELECT COUNT(*) AS remaining FROM {p} WHERE {todo}"))
        }
        MoveKind::Merge => {
            let empty: Vec<String> = mv.columns.iter().map(|col| format!("{p}.{} IS NULL", quote::ident(d, col))).collect();
            let todo = format!("{} AND {}", empty.join(" AND "), merge_source(mv, d));
            let all = merge_sql(mv, d);
            let set = all.split_once(" WHERE EXISTS").map(|(s, _)| s.to_string()).unwrap_or(all.clone());
            let batch = match d {
                // MySQL cannot read the updated table in a subquery; its UPDATE takes LIMIT.
                Dialect::Mysql => format!("{set} WHERE {todo} ORDER BY {key} LIMIT {BATCH}"),
                _ => format!("{set} WHERE {p}.{key} IN (SELECT {p}.{key} FROM {p} WHERE {todo} ORDER BY {p}.{key} LIMIT {BATCH})"),
            };
            (batch, format!("SELECT COUNT(*) AS remaining FROM {p} WHERE {todo}"))
        }
    }
}

fn backfill_sql(mv: &DataMove, d: Dialect) -> String {
    let (batch, remaining) = batch_and_remaining(mv, d);
    let what = match mv.kind {
        MoveKind::Split => format!("Copies {} from {} into the new table {}", mv.columns.join(", "), mv.parent, mv.child),
        MoveKind::Merge => format!("Copies {} from {} (about to be dropped) into {}", mv.columns.join(", "), mv.child, mv.parent),
        MoveKind::Copy => format!("Copies the rows of {} ({}) into the new table {}", mv.parent, mv.columns.join(", "), mv.child),
    };
    let mut o = format!(
        "-- schemashift backfill: {what}, {BATCH} rows per batch.\n\
         -- Resumable: each batch takes only rows not copied yet, so stop it and run it again at will.\n\
         -- Review it: the move is inferred from {}.\n\n",
        match mv.kind {
            MoveKind::Copy => format!("the columns and key {} shares with {}", mv.child.name, mv.parent.name),
            _ => format!("same-named columns and the {}.{} foreign key", mv.child.name, mv.fk_column),
        }
    );
    match d {
        Dialect::Postgres => o.push_str(&format!(
            "-- Run outside a transaction block (psql's default): each batch commits on its own.\n\
             DO $schemashift$\nDECLARE\n  schemashift_n bigint;\n  schemashift_total bigint := 0;\nBEGIN\n  LOOP\n    {batch};\n    \
             GET DIAGNOSTICS schemashift_n = ROW_COUNT;\n    schemashift_total := schemashift_total + schemashift_n;\n    \
             RAISE NOTICE 'backfill: % rows so far', schemashift_total;\n    \
             EXIT WHEN schemashift_n = 0;\n    COMMIT;\n  END LOOP;\nEND\n$schemashift$;\n\n{remaining};\n"
        )),
        Dialect::Mysql => o.push_str(&format!(
            "DROP PROCEDURE IF EXISTS `schemashift_backfill`;\nDELIMITER $$\nCREATE PROCEDURE `schemashift_backfill`()\nBEGIN\n  \
             DECLARE schemashift_n INT DEFAULT 1;\n  DECLARE schemashift_total BIGINT DEFAULT 0;\n  WHILE schemashift_n > 0 DO\n    {batch};\n    \
             SET schemashift_n = ROW_COUNT();\n    SET schemashift_total = schemashift_total + schemashift_n;\n    COMMIT;\n    \
             SELECT CONCAT('backfill: ', schemashift_total, ' rows so far') AS progress;\n  END WHILE;\nEND$$\n\
             DELIMITER ;\nCALL `schemashift_backfill`();\nDROP PROCEDURE `schemashift_backfill`;\n\n{remaining};\n"
        )),
        Dialect::Sqlite => o.push_str(&format!(
            "-- One batch per run: repeat until `remaining` is 0, e.g.\n\
             --   until [ \"$(sqlite3 \"$DB_FILE\" < THIS_FILE | tail -1)\" = 0 ]; do :; done\n\
             {batch};\nSELECT changes() AS copied_in_this_batch;\n{remaining};\n"
        )),
    }
    o
}

fn cleanup_sql(m: &Migration) -> String {
    let d = m.target.dialect;
    let mut o = String::from(
        "-- schemashift cleanup: drop the backup tables of --preserve-data.\n\
         -- Run it only once the migration is confirmed: down.sql restores the dropped and narrowed\n\
         -- data from these tables, and cannot after this.\n\n",
    );
    for p in &m.preserved {
        o.push_str(&format!("-- {}\nDROP TABLE IF EXISTS {};\n", p.what(), quote::qname(d, &p.backup)));
    }
    o
}

/// The runbook's section on backups, data moves, backfill and cleanup (empty when none).
pub fn runbook_section(m: &Migration) -> String {
    let d = m.target.dialect;
    if m.preserved.is_empty() && m.data_moves.is_empty() {
        return String::new();
    }
    let mut o = String::from("## Data kept by this migration\n\n");
    if !m.preserved.is_empty() {
        o.push_str(
            "Generated with `--preserve-data`: before a step destroys data, up copies it into a backup table; \
             down puts it back (by primary key, or by the whole row when there is none) and drops the backup. \
             Between up and down the backups stay: they are what makes rollback lossless. \
             Drop them with `cleanup/01_drop_backups.sql` once the migration is confirmed.\n\n\
             | data | kind | backup table | rows matched by | down restores |\n|---|---|---|---|---|\n",
        );
        for p in &m.preserved {
            let kind = match p.kind {
                PreservedKind::DroppedColumn => "dropped column",
                PreservedKind::NarrowedColumn => "narrowed column",
                PreservedKind::DroppedTable => "dropped table",
            };
            let key = match (&p.key, p.kind) {
                (_, PreservedKind::DroppedTable) => "whole rows (inserted back)".to_string(),
                (Some(k), _) if k.primary => format!("primary key ({})", k.columns.join(", ")),
                (Some(k), _) => format!("whole row ({}; identical rows cannot be told apart)", k.columns.join(", ")),
                (None, _) => "nothing: whole rows copied".to_string(),
            };
            let restores = if p.restored { "yes".to_string() } else { format!("**by hand**: {}", p.note.as_deref().unwrap_or("")) };
            o.push_str(&format!("| `{}` | {kind} | `{}` | {key} | {restores} |\n", p.what(), p.backup));
        }
        o.push_str(
            "\nDown restores the values as they were when up ran: changes the application made to those \
             rows in between are not in the backup. Data that only the AFTER schema holds is not kept by down.\n\n",
        );
    }
    if !m.data_moves.is_empty() {
        o.push_str("**Review these data moves** (inferred from same-named columns and a foreign key or a shared key):\n\n");
        let files = backfill_files(m);
        let mut files = files.iter();
        for mv in &m.data_moves {
            let how = match mv.kind {
                MoveKind::Split => format!("up copies {} from `{}` into the new `{}`; down moves them back", mv.columns.join(", "), mv.parent, mv.child),
                MoveKind::Merge => format!("up copies {} from `{}` into `{}` before dropping it; down moves them back", mv.columns.join(", "), mv.child, mv.parent),
                MoveKind::Copy => format!(
                    "up copies the rows of `{}` ({}) into the new `{}` before dropping it; down copies them back only when `{}` is the one table they came from",
                    mv.parent,
                    mv.columns.join(", "),
                    mv.child,
                    mv.child
                ),
            };
            let file = if has_backfill(mv) { files.next().map(|(f, _)| f.clone()) } else { None };
            match file {
                Some(file) => o.push_str(&format!(
                    "- {how}. `{file}` does the same copy in batches of {BATCH}, resumably, \
                     reporting progress: for a large table, run it after the step that creates the target and \
                     before the one that drops the source (the copy in up then finds nothing left to do).\n\n      {}\n",
                    super::runbook::command(d, &file)
                )),
                None => o.push_str(&format!("- {how}. (No batched form: the new table has no copied key to skip rows by.)\n")),
            }
        }
        o.push('\n');
    }
    o
}

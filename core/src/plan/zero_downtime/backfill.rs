//! The batched backfill of the zero-downtime rewrites (PostgreSQL): one `DO` block that updates
//! a batch, reports progress with `RAISE NOTICE` and commits (PostgreSQL 11+; before, one
//! transaction), until no batch is left. It must
//! run outside a transaction block (COMMIT inside `DO` is only allowed there), so its step is
//! non-transactional.
//!
//! Batches follow the primary key when it is one column the migration keeps (keyset ranges: each
//! batch reads the next `batch_size` keys, `Options::run`), otherwise `ctid` (the rows still pending). Only rows for which `pending`
//! holds are written, so the block can be stopped and run again: done rows are skipped. With a
//! `batch_pause` (`--env prod`) the block sleeps between batches, after each commit. Its
//! variables are prefixed `schemashift_`: PL/pgSQL refuses a name that is both a variable and a
//! column of the table (a column `n` made the block fail).

/// The DO block's running count of rows updated; the step log (`package/step_log.rs`) records it
/// with each batch.
pub const ROWS_DONE_VARIABLE: &str = "schemashift_done";

use crate::model::{QName, Table};
use crate::render::RenderContext;

/// `UPDATE table SET assignments` in batches, for rows where `pending` holds. `what` names the
/// backfill in the progress notices.
pub(super) fn pg_backfill(table: &Table, name: &QName, assignments: &str, pending: &str, what: &str, ctx: &RenderContext<'_>) -> String {
    let t = ctx.q(name);
    let label = ctx.lit(what);
    // The key must still be there when the backfill runs: only a primary key that the
    // migration keeps as it is.
    let kept = |key: &str| {
        ctx.to_table(name).is_some_and(|after| after.primary_key_columns() == [key.to_string()])
            && !ctx.renamed_columns.contains_key(&(name.clone(), key.to_string()))
    };
    // Transaction control inside DO came with PostgreSQL 11: before, the batches share one
    // transaction (still resumable, but the row locks are held to the end).
    let commit = if ctx.target.commit_in_do_block() { "COMMIT;\n" } else { "" };
    let pause = match ctx.run.batch_pause_ms {
        0 => String::new(),
        ms => format!("    PERFORM pg_sleep({}.{:03});\n", ms / 1000, ms % 1000),
    };
    let commit = format!("{commit}{pause}");
    let batch = ctx.run.batch_size;
    let body = match table.primary_key_columns() {
        [key] if kept(key) => {
            let k = ctx.id(key);
            format!(
                "DECLARE\n  schemashift_last_key {t}.{k}%TYPE;\n  schemashift_batch_end {t}.{k}%TYPE;\n  schemashift_done bigint := 0;\n  schemashift_n bigint;\nBEGIN\n  LOOP\n    \
                 SELECT max(b.key_) INTO schemashift_batch_end FROM (SELECT {k} AS key_ FROM {t} WHERE schemashift_last_key IS NULL OR {k} > schemashift_last_key ORDER BY {k} LIMIT {batch}) b;\n    \
                 EXIT WHEN schemashift_batch_end IS NULL;\n    \
                 UPDATE {t} SET {assignments} WHERE (schemashift_last_key IS NULL OR {k} > schemashift_last_key) AND {k} <= schemashift_batch_end AND ({pending});\n    \
                 GET DIAGNOSTICS schemashift_n = ROW_COUNT;\n    schemashift_done := schemashift_done + schemashift_n;\n    schemashift_last_key := schemashift_batch_end;\n    \
                 RAISE NOTICE 'backfill of %: % rows updated, keys up to %', {label}, schemashift_done, schemashift_last_key;\n    \
                 {commit}  END LOOP;\nEND"
            )
        }
        _ => format!(
            "DECLARE\n  schemashift_done bigint := 0;\n  schemashift_n bigint;\nBEGIN\n  LOOP\n    \
             UPDATE {t} SET {assignments} WHERE ctid IN (SELECT ctid FROM {t} WHERE {pending} LIMIT {batch});\n    \
             GET DIAGNOSTICS schemashift_n = ROW_COUNT;\n    EXIT WHEN schemashift_n = 0;\n    schemashift_done := schemashift_done + schemashift_n;\n    \
             RAISE NOTICE 'backfill of %: % rows updated', {label}, schemashift_done;\n    \
             {commit}  END LOOP;\nEND"
        ),
    };
    if !ctx.target.do_blocks() {
        // No DO blocks (CockroachDB): one batch per run of the statement, run until it
        // updates 0 rows (CockroachDB's UPDATE takes a LIMIT).
        return format!("-- one batch: run again until it updates 0 rows\nUPDATE {t} SET {assignments} WHERE {pending} LIMIT {batch}");
    }
    let mut tag = "$schemashift$".to_string();
    let mut n = 0u32;
    while body.contains(&tag) {
        n += 1;
        tag = format!("$schemashift{n}$");
    }
    format!("-- resumable: rows already done are skipped when run again\nDO {tag}\n{body}\n{tag}")
}

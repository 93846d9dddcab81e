//! `monitoring.sql`: queries to run in a second session while the migration runs, to see what
//! it waits for, what it blocks, and how far long operations have come.

use crate::render::quote;
use crate::{Dialect, Migration};
use std::collections::BTreeSet;

pub fn monitoring_sql(m: &Migration) -> String {
    let d = m.target.dialect;
    let tables: BTreeSet<String> = m.up.iter().chain(&m.down).filter_map(|s| s.change.table()).map(|t| t.name.clone()).collect();
    let list = tables.iter().map(|t| quote::literal(d, t)).collect::<Vec<_>>().join(", ");
    let mut out = String::from("-- schemashift monitoring: run these from a SECOND session while up.sql or down.sql runs.\n");
    if m.step_log {
        out.push_str(&super::step_log::monitoring_query(d));
    }
    match d {
        Dialect::Postgres => {
            out.push_str(
                "\n-- 1. Sessions waiting on a lock, with the session that blocks each of them.\n\
SELECT w.pid AS waiting_pid, w.wait_event_type, w.wait_event,\n       now() - w.query_start AS waiting_for,\n       pg_blocking_pids(w.pid) AS blocked_by,\n       left(w.query, 120) AS waiting_query\n\
FROM pg_stat_activity w\nWHERE w.wait_event_type = 'Lock'\nORDER BY w.query_start;\n\
\n-- 2. Who holds the locks the others wait for (pg_locks), on the tables of this migration.\n\
SELECT l.pid, l.mode, l.granted, c.relname,\n       a.state, now() - a.xact_start AS in_transaction_for, left(a.query, 120) AS query\n\
FROM pg_locks l\nJOIN pg_class c ON c.oid = l.relation\nJOIN pg_stat_activity a ON a.pid = l.pid\n",
            );
            if tables.is_empty() {
                out.push_str("WHERE l.locktype = 'relation'\n");
            } else {
                out.push_str(&format!("WHERE l.locktype = 'relation' AND c.relname IN ({list})\n"));
            }
            out.push_str(
                "ORDER BY c.relname, l.granted DESC;\n\
\n-- 3. Progress of CREATE INDEX [CONCURRENTLY] (PostgreSQL 12+).\n\
SELECT p.pid, p.relid::regclass AS table_name, p.index_relid::regclass AS index_name,\n       p.phase, p.blocks_done, p.blocks_total,\n       round(100.0 * p.blocks_done / nullif(p.blocks_total, 0), 1) AS pct_blocks,\n       p.tuples_done, p.tuples_total\n\
FROM pg_stat_progress_create_index p;\n\
\n-- 4. Progress of table rewrites by CLUSTER / VACUUM FULL, and of plain VACUUM.\n\
SELECT pid, relid::regclass AS table_name, phase, heap_tuples_scanned, heap_tuples_written\nFROM pg_stat_progress_cluster;\n\
SELECT pid, relid::regclass AS table_name, phase, heap_blks_scanned, heap_blks_total\nFROM pg_stat_progress_vacuum;\n\
\n-- 5. Long-running transactions that would make the migration wait for its locks.\n\
SELECT pid, usename, state, now() - xact_start AS xact_age, left(query, 120) AS query\n\
FROM pg_stat_activity\nWHERE xact_start IS NOT NULL AND pid <> pg_backend_pid()\nORDER BY xact_start\nLIMIT 20;\n\
\n-- To stop a migration that blocks production: SELECT pg_cancel_backend(<pid>);\n",
            );
        }
        Dialect::Mysql => {
            out.push_str(
                "\n-- 1. What every session runs; look for 'Waiting for table metadata lock'.\n\
SELECT ID, USER, DB, COMMAND, TIME, STATE, LEFT(INFO, 120) AS query\n\
FROM information_schema.PROCESSLIST\nWHERE COMMAND <> 'Sleep'\nORDER BY TIME DESC;\n\
\n-- 2. Metadata locks on the tables of this migration (MySQL 8.0 performance_schema; on\n\
--    MariaDB enable the METADATA_LOCK_INFO plugin and use information_schema.METADATA_LOCK_INFO).\n\
SELECT ml.OBJECT_SCHEMA, ml.OBJECT_NAME, ml.LOCK_TYPE, ml.LOCK_STATUS, t.PROCESSLIST_ID,\n       LEFT(t.PROCESSLIST_INFO, 120) AS query\n\
FROM performance_schema.metadata_locks ml\nJOIN performance_schema.threads t ON t.THREAD_ID = ml.OWNER_THREAD_ID\n",
            );
            if tables.is_empty() {
                out.push_str("WHERE ml.OBJECT_TYPE = 'TABLE'\n");
            } else {
                out.push_str(&format!("WHERE ml.OBJECT_TYPE = 'TABLE' AND ml.OBJECT_NAME IN ({list})\n"));
            }
            out.push_str(
                "ORDER BY ml.OBJECT_NAME, ml.LOCK_STATUS;\n\
\n-- 3. Open transactions (a long one holds the metadata lock the ALTER waits for).\n\
SELECT trx_mysql_thread_id, trx_state, trx_started, TIMESTAMPDIFF(SECOND, trx_started, NOW()) AS age_s,\n       LEFT(trx_query, 120) AS query\n\
FROM information_schema.INNODB_TRX\nORDER BY trx_started;\n\
\n-- 4. Progress of ALTER TABLE (MySQL 8.0: needs the stage/innodb/alter% instruments enabled;\n\
--    MariaDB reports progress in PROCESSLIST.PROGRESS).\n\
SELECT EVENT_NAME, WORK_COMPLETED, WORK_ESTIMATED,\n       ROUND(100 * WORK_COMPLETED / NULLIF(WORK_ESTIMATED, 0), 1) AS pct\n\
FROM performance_schema.events_stages_current;\n\
\n-- To stop a migration that blocks production: KILL QUERY <ID>;\n",
            );
        }
        Dialect::Sqlite => {
            out.push_str(
                "-- SQLite has no server: a migration holds the database write lock until it commits,\n\
-- and other connections get SQLITE_BUSY (\"database is locked\") meanwhile.\n\
\n-- 1. Journal mode (WAL lets readers continue during the migration) and busy timeout.\n\
PRAGMA journal_mode;\nPRAGMA busy_timeout;\n\
\n-- 2. Size of the database, to estimate how long a table rebuild takes.\n\
PRAGMA page_count;\nPRAGMA page_size;\n\
\n-- 3. After the migration: foreign keys and integrity.\n\
PRAGMA foreign_key_check;\nPRAGMA integrity_check;\n\
\n-- From the shell, `lsof <database-file>` shows which processes have the file open.\n",
            );
        }
    }
    out
}

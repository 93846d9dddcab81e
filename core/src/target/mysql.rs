//! MySQL: the base engine of the `mysql` dialect.

use super::{Engine, Version};
use crate::Dialect;

pub struct Mysql;

/// Adds `STRICT_ALL_TABLES` to the session's `sql_mode` (`CONCAT_WS` skips an empty mode, which
/// would leave a leading comma), keeping its other modes. A session that is not strict (an old
/// configuration, a tool that sets `sql_mode = ''`) lets a narrowing `MODIFY`, a data move or a
/// backfill truncate or clamp values with only a warning; strict, the statement fails and
/// `ALTER TABLE`'s copy leaves the table as it was. Strict for every storage engine, not only
/// transactional ones: a MyISAM/Aria table's multi-row `INSERT ... SELECT` would otherwise clamp
/// after the first row. Every engine of the `mysql` dialect starts its sessions with it
/// (<https://dev.mysql.com/doc/refman/8.0/en/sql-mode.html#sql-mode-strict>,
/// <https://mariadb.com/kb/en/sql-mode/>, <https://docs.pingcap.com/tidb/stable/sql-mode>).
/// Also `NO_AUTO_VALUE_ON_ZERO`, as mysqldump's files set it: a column made `AUTO_INCREMENT`
/// otherwise gives a row holding 0 the next sequence value (a key changed silently, the rows
/// that reference it left pointing at nothing), and a copy of the rows (`INSERT ... SELECT`)
/// renumbers it the same way (MySQL manual, Server SQL Modes, NO_AUTO_VALUE_ON_ZERO).
pub const MYSQL_STRICT: &str =
    "SET SESSION sql_mode = CONCAT_WS(',', NULLIF(@@SESSION.sql_mode, ''), 'STRICT_ALL_TABLES', 'NO_AUTO_VALUE_ON_ZERO')";

/// Saves the session's `sql_mode` before a script makes it strict (`MYSQL_STRICT`), unless a
/// script stopped half-way in this session already saved it: what `MYSQL_RESTORE` puts back is
/// the mode the session had before the first schemashift script, not the strict one.
pub const MYSQL_SAVE_MODE: &str = "SET @schemashift_old_sql_mode = COALESCE(@schemashift_old_sql_mode, @@SESSION.sql_mode)";

/// The end of a script: the session's `sql_mode` as it was before `MYSQL_SAVE_MODE` (the
/// current one when nothing was saved: `sql_mode` refuses NULL), and the saved mode forgotten,
/// so a session that runs the script with `source` or a tool that reuses its connection goes on
/// as it was.
pub const MYSQL_RESTORE: [&str; 2] =
    ["SET SESSION sql_mode = COALESCE(@schemashift_old_sql_mode, @@SESSION.sql_mode)", "SET @schemashift_old_sql_mode = NULL"];

/// Heads a step creating a stored program (`Engine::session_for_programs`): the mode saved at the
/// script's start (in a session of the step's own nothing was saved, and the session's mode
/// stays); the next step's head makes the session strict again.
pub const MYSQL_OWN_MODE: [&str; 1] = [MYSQL_RESTORE[0]];

impl Engine for Mysql {
    fn session_statements(&self) -> &'static [&'static str] {
        &[MYSQL_STRICT]
    }
    fn session_save(&self) -> &'static [&'static str] {
        &[MYSQL_SAVE_MODE]
    }
    fn session_restore(&self) -> &'static [&'static str] {
        &MYSQL_RESTORE
    }
    fn session_for_programs(&self) -> &'static [&'static str] {
        &MYSQL_OWN_MODE
    }
    fn online_schema_change_tools(&self, _: Version) -> bool {
        true
    }
    fn dialect(&self) -> Dialect {
        Dialect::Mysql
    }
    fn name(&self) -> &'static str {
        "mysql"
    }
    fn label(&self) -> &'static str {
        "MySQL"
    }
    fn default_version(&self) -> Version {
        (8, 0)
    }
    fn supports(&self, v: Version) -> bool {
        (5..=9).contains(&v.0)
    }
    fn offered_versions(&self) -> &'static [&'static str] {
        &["mysql-5.7", "mysql-8.0", "mysql-8.4"]
    }
    fn native_rename_column(&self, v: Version) -> bool {
        v >= (8, 0)
    }
    fn native_drop_column(&self, _: Version) -> bool {
        true
    }
    fn native_rename_index(&self, _: Version) -> bool {
        true
    }
    fn drop_check_clause(&self, _: Version) -> bool {
        true
    }
    fn generated_column_nullability(&self, _: Version) -> bool {
        true
    }
    fn check_constraints_enforced(&self, v: Version) -> bool {
        v >= (8, 0)
    }
    fn algorithm_lock_clauses(&self, _: Version) -> bool {
        true
    }
    fn multi_action_alter(&self, _: Version) -> bool {
        true
    }
    fn instant_add_column(&self, v: Version) -> bool {
        v >= (8, 0)
    }
    fn instant_add_column_anywhere(&self, v: Version) -> bool {
        // 8.0.29; the target's patch level is unknown.
        v >= (8, 1)
    }
    fn inplace_add_column_beside_virtual(&self, _: Version) -> bool {
        true
    }
    fn instant_drop_column(&self, v: Version) -> bool {
        v >= (8, 1)
    }
    fn instant_rename_column(&self, v: Version) -> bool {
        // 8.0.28; the target's patch level is unknown.
        v >= (8, 1)
    }
    fn instant_columns_in_patch_release(&self, v: Version) -> bool {
        v == (8, 0)
    }
    fn numbered_check_names(&self, v: Version) -> bool {
        v >= (8, 0)
    }
    fn foreign_key_takes_generated_index(&self, _: Version) -> bool {
        true
    }
}

//! TiDB: MySQL 8.0's SQL on a distributed engine whose DDL runs online; `ALGORITHM=` is only
//! an assertion and `LOCK=` is ignored.
//! <https://docs.pingcap.com/tidb/stable/mysql-compatibility#ddl-operations>

use super::{Engine, Version};
use crate::Dialect;

pub struct Tidb;

impl Engine for Tidb {
    fn dialect(&self) -> Dialect {
        Dialect::Mysql
    }
    fn name(&self) -> &'static str {
        "tidb"
    }
    fn label(&self) -> &'static str {
        "TiDB"
    }
    fn default_version(&self) -> Version {
        (8, 5)
    }
    fn supports(&self, v: Version) -> bool {
        (6..=8).contains(&v.0)
    }
    fn offered_versions(&self) -> &'static [&'static str] {
        &["tidb-8.5"]
    }
    fn base(&self, _: Version) -> Option<(&'static dyn Engine, Version)> {
        Some((&super::mysql::Mysql, (8, 0)))
    }
    fn algorithm_lock_clauses(&self, _: Version) -> bool {
        false
    }
    /// <https://docs.pingcap.com/tidb/stable/sql-statement-alter-table>: several changes in
    /// one statement from v6.2.0.
    fn multi_action_alter(&self, v: Version) -> bool {
        v >= (6, 2)
    }
    /// Its own online DDL copies the table: gh-ost and pt-online-schema-change do not apply.
    fn online_schema_change_tools(&self, _: Version) -> bool {
        false
    }
    fn online_ddl_by_default(&self, _: Version) -> bool {
        true
    }
    /// CHECK constraints are parsed and dropped unless `tidb_enable_check_constraint` (7.2+,
    /// off by default) is on.
    fn check_constraints_enforced(&self, _: Version) -> bool {
        false
    }
    /// Adding or dropping a column is a metadata change of the online DDL job.
    fn instant_add_column(&self, _: Version) -> bool {
        true
    }
    fn instant_add_column_anywhere(&self, _: Version) -> bool {
        true
    }
    fn instant_drop_column(&self, _: Version) -> bool {
        true
    }
    fn replaced_rules(&self) -> &'static [&'static str] {
        super::mysql_online_rules::INNODB_ALGORITHM_RULES
    }
    fn primary_key_change_refused(&self, _: Version) -> bool {
        true
    }
    fn auto_increment_column_add_refused(&self, _: Version) -> bool {
        true
    }
}

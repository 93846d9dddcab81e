//! MariaDB: a fork of MySQL with its own spellings and online-DDL rules; answers everything
//! itself (no base).

use super::{Engine, Version};
use crate::Dialect;

pub struct Mariadb;

impl Engine for Mariadb {
    /// Strict `sql_mode` (`mysql::MYSQL_STRICT`).
    fn session_statements(&self) -> &'static [&'static str] {
        &[super::mysql::MYSQL_STRICT]
    }
    fn session_save(&self) -> &'static [&'static str] {
        &[super::mysql::MYSQL_SAVE_MODE]
    }
    fn session_restore(&self) -> &'static [&'static str] {
        &super::mysql::MYSQL_RESTORE
    }
    fn session_for_programs(&self) -> &'static [&'static str] {
        &super::mysql::MYSQL_OWN_MODE
    }
    fn online_schema_change_tools(&self, _: Version) -> bool {
        true
    }
    fn truncates_fractional_seconds(&self, _: Version) -> bool {
        true
    }
    fn dialect(&self) -> Dialect {
        Dialect::Mysql
    }
    fn name(&self) -> &'static str {
        "mariadb"
    }
    fn label(&self) -> &'static str {
        "MariaDB"
    }
    fn default_version(&self) -> Version {
        (10, 11)
    }
    fn supports(&self, v: Version) -> bool {
        (10..=12).contains(&v.0)
    }
    fn offered_versions(&self) -> &'static [&'static str] {
        &["mariadb-10.5", "mariadb-10.6", "mariadb-10.11", "mariadb-11.4"]
    }
    fn native_rename_column(&self, v: Version) -> bool {
        v >= (10, 5)
    }
    fn native_drop_column(&self, _: Version) -> bool {
        true
    }
    fn native_rename_index(&self, v: Version) -> bool {
        v >= (10, 5)
    }
    fn ignored_keyword(&self, _: Version) -> bool {
        true
    }
    fn column_level_checks(&self, _: Version) -> bool {
        true
    }
    fn check_replaced_in_one_alter(&self, _: Version) -> bool {
        true
    }
    fn mysql_sequences(&self, _: Version) -> bool {
        true
    }
    fn system_versioning(&self, _: Version) -> bool {
        true
    }
    fn check_constraints_enforced(&self, v: Version) -> bool {
        v >= (10, 2)
    }
    fn algorithm_lock_clauses(&self, _: Version) -> bool {
        true
    }
    fn multi_action_alter(&self, _: Version) -> bool {
        true
    }
    fn instant_add_column(&self, v: Version) -> bool {
        v >= (10, 3)
    }
    fn instant_add_column_anywhere(&self, v: Version) -> bool {
        v >= (10, 4)
    }
    fn instant_drop_column(&self, v: Version) -> bool {
        v >= (10, 4)
    }
    fn instant_relax_column(&self, v: Version) -> bool {
        v >= (10, 4)
    }
    fn online_copy_alter(&self, v: Version) -> bool {
        v >= (11, 2)
    }
    fn instant_rename_column(&self, v: Version) -> bool {
        v >= (10, 3)
    }
    fn catalog_definitions(&self) -> bool {
        true
    }
}

//! MySQL: the base engine of the `mysql` dialect.

use super::{Engine, Version};
use crate::Dialect;

pub struct Mysql;

impl Engine for Mysql {
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
}

//! PostgreSQL: the base engine of the `postgres` dialect.

use super::{Engine, Version};
use crate::Dialect;

pub struct Postgres;

impl Engine for Postgres {
    fn dialect(&self) -> Dialect {
        Dialect::Postgres
    }
    fn name(&self) -> &'static str {
        "postgres"
    }
    fn label(&self) -> &'static str {
        "PostgreSQL"
    }
    fn default_version(&self) -> Version {
        (15, 0)
    }
    fn supports(&self, v: Version) -> bool {
        (10..=18).contains(&v.0)
    }
    fn offered_versions(&self) -> &'static [&'static str] {
        &["12", "13", "14", "15", "16", "17", "18"]
    }
    fn transactional_ddl(&self, _: Version) -> bool {
        true
    }
    fn native_rename_column(&self, _: Version) -> bool {
        true
    }
    fn native_drop_column(&self, _: Version) -> bool {
        true
    }
    fn native_rename_index(&self, _: Version) -> bool {
        true
    }
    fn rename_table_updates_references(&self, _: Version) -> bool {
        true
    }
    fn check_constraints_enforced(&self, _: Version) -> bool {
        true
    }
    fn concurrent_index(&self, _: Version) -> bool {
        true
    }
    fn not_valid_constraints(&self, _: Version) -> bool {
        true
    }
    fn do_blocks(&self, _: Version) -> bool {
        true
    }
    fn row_triggers(&self, _: Version) -> bool {
        true
    }
    fn commit_in_do_block(&self, v: Version) -> bool {
        v >= (11, 0)
    }
    fn fast_column_default(&self, v: Version) -> bool {
        v >= (11, 0)
    }
    fn trigger_execute_function(&self, v: Version) -> bool {
        v >= (11, 0)
    }
    fn enum_add_value_in_transaction(&self, v: Version) -> bool {
        v >= (12, 0)
    }
    fn not_null_proven_by_check(&self, v: Version) -> bool {
        v >= (12, 0)
    }
    fn generated_columns(&self, v: Version) -> bool {
        v >= (12, 0)
    }
    fn drop_generated_expression(&self, v: Version) -> bool {
        v >= (13, 0)
    }
    fn trigger_parent_id(&self, v: Version) -> bool {
        v >= (13, 0)
    }
    fn detach_partition_concurrently(&self, v: Version) -> bool {
        v >= (14, 0)
    }
    fn concurrent_index_corruption_bug(&self, v: Version) -> bool {
        v.0 == 14 && v.1 < 4
    }
    fn set_access_method(&self, v: Version) -> bool {
        v >= (15, 0)
    }
    fn set_storage_default(&self, v: Version) -> bool {
        v >= (16, 0)
    }
    fn input_is_valid(&self, v: Version) -> bool {
        v >= (16, 0)
    }
    fn set_generated_expression(&self, v: Version) -> bool {
        v >= (17, 0)
    }
    fn virtual_generated_columns(&self, v: Version) -> bool {
        v >= (18, 0)
    }
    fn catalog_definitions(&self) -> bool {
        true
    }
}

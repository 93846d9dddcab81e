//! SQLite: the base engine of the `sqlite` dialect.

use super::{Engine, Version};
use crate::Dialect;

pub struct Sqlite;

impl Engine for Sqlite {
    fn dialect(&self) -> Dialect {
        Dialect::Sqlite
    }
    fn name(&self) -> &'static str {
        "sqlite"
    }
    fn label(&self) -> &'static str {
        "SQLite"
    }
    fn default_version(&self) -> Version {
        (3, 45)
    }
    fn supports(&self, v: Version) -> bool {
        v.0 == 3 && v.1 >= 8
    }
    fn offered_versions(&self) -> &'static [&'static str] {
        &["3.25", "3.35", "3.37", "3.45"]
    }
    fn transactional_ddl(&self, _: Version) -> bool {
        true
    }
    fn native_rename_column(&self, v: Version) -> bool {
        v >= (3, 25)
    }
    fn native_drop_column(&self, v: Version) -> bool {
        v >= (3, 35)
    }
    fn rename_table_updates_references(&self, v: Version) -> bool {
        v >= (3, 26)
    }
    fn strict_tables(&self, v: Version) -> bool {
        v >= (3, 37)
    }
    fn check_constraints_enforced(&self, _: Version) -> bool {
        true
    }
    fn catalog_definitions(&self) -> bool {
        true
    }
}

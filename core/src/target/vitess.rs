//! Vitess (and PlanetScale): MySQL 8.0 shards behind vtgate; schema changes run as managed,
//! asynchronous, revertible online migrations under `@@ddl_strategy='vitess'`.
//! <https://vitess.io/docs/user-guides/schema-changes/ddl-strategies/>

use super::{Engine, Version};
use crate::Dialect;

pub struct Vitess;

impl Engine for Vitess {
    fn dialect(&self) -> Dialect {
        Dialect::Mysql
    }
    fn name(&self) -> &'static str {
        "vitess"
    }
    fn label(&self) -> &'static str {
        "Vitess"
    }
    fn default_version(&self) -> Version {
        (21, 0)
    }
    fn supports(&self, v: Version) -> bool {
        (16..=23).contains(&v.0)
    }
    fn base(&self, _: Version) -> Option<(&'static dyn Engine, Version)> {
        Some((&super::mysql::Mysql, (8, 0)))
    }
    /// The migration copies the table through VReplication: the statement's own
    /// `ALGORITHM=`/`LOCK=` do not apply.
    fn algorithm_lock_clauses(&self, _: Version) -> bool {
        false
    }
    fn online_ddl_by_default(&self, _: Version) -> bool {
        true
    }
}

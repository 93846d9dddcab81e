//! CockroachDB: PostgreSQL's SQL (it reports server_version 13) on a distributed engine whose
//! schema changes run online as background jobs.
//! <https://www.cockroachlabs.com/docs/stable/online-schema-changes>

use super::{Engine, Version};
use crate::Dialect;

pub struct Cockroachdb;

impl Engine for Cockroachdb {
    fn dialect(&self) -> Dialect {
        Dialect::Postgres
    }
    fn name(&self) -> &'static str {
        "cockroachdb"
    }
    fn label(&self) -> &'static str {
        "CockroachDB"
    }
    fn default_version(&self) -> Version {
        (24, 1)
    }
    fn supports(&self, v: Version) -> bool {
        (22..=25).contains(&v.0)
    }
    fn base(&self, _: Version) -> Option<(&'static dyn Engine, Version)> {
        Some((&super::postgres::Postgres, (13, 0)))
    }
    /// "CockroachDB only supports DDL changes within implicit transactions (individual
    /// statements)": each schema change runs on its own.
    fn transactional_ddl(&self, _: Version) -> bool {
        false
    }
    fn one_ddl_per_transaction(&self, _: Version) -> bool {
        true
    }
    fn online_ddl_by_default(&self, _: Version) -> bool {
        true
    }
    /// `CONCURRENTLY` is accepted as a no-op: every index is built online.
    fn online_index_by_default(&self, _: Version) -> bool {
        true
    }
    fn concurrent_index(&self, _: Version) -> bool {
        false
    }
    fn do_blocks(&self, _: Version) -> bool {
        false
    }
    fn commit_in_do_block(&self, _: Version) -> bool {
        false
    }
    /// Adding a value to an enum runs as a schema change job, never blocked by a transaction.
    fn enum_add_value_in_transaction(&self, _: Version) -> bool {
        true
    }
    fn concurrent_index_corruption_bug(&self, _: Version) -> bool {
        false
    }
    fn limited_alter_column_type(&self, _: Version) -> bool {
        true
    }
}

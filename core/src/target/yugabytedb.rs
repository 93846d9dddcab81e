//! YugabyteDB (YSQL): PostgreSQL's query layer (11.2 before 2025.1, 15 from it) on a
//! distributed store; index builds are online by default.
//! <https://docs.yugabyte.com/stable/api/ysql/the-sql-language/statements/ddl_create_index/>

use super::{Engine, Version};
use crate::Dialect;

pub struct Yugabytedb;

impl Engine for Yugabytedb {
    fn dialect(&self) -> Dialect {
        Dialect::Postgres
    }
    fn name(&self) -> &'static str {
        "yugabytedb"
    }
    fn label(&self) -> &'static str {
        "YugabyteDB"
    }
    fn default_version(&self) -> Version {
        (2024, 2)
    }
    fn supports(&self, v: Version) -> bool {
        (v.0 == 2 && v.1 >= 14) || (2024..=2025).contains(&v.0)
    }
    fn offered_versions(&self) -> &'static [&'static str] {
        &["yugabytedb-2024.2"]
    }
    fn base(&self, v: Version) -> Option<(&'static dyn Engine, Version)> {
        let pg = if v >= (2025, 1) { (15, 0) } else { (11, 0) };
        Some((&super::postgres::Postgres, pg))
    }
    /// `CREATE INDEX` backfills online unless `NONCONCURRENTLY`.
    fn online_index_by_default(&self, _: Version) -> bool {
        true
    }
    fn concurrent_index_corruption_bug(&self, _: Version) -> bool {
        false
    }
    /// "Each DDL statement is a transaction in YSQL, even if other DDL statements are in a
    /// transaction block" (transactional DDL is a preview flag):
    /// <https://docs.yugabyte.com/stable/explore/transactions/>. Outside a block, `CREATE INDEX`
    /// backfills online.
    fn transactional_ddl(&self, _: Version) -> bool {
        false
    }
    fn one_ddl_per_transaction(&self, _: Version) -> bool {
        true
    }
    /// A DDL statement does not queue behind transactions for a PostgreSQL table lock: it
    /// makes them fail instead (`pg-yugabytedb-ddl-concurrent-dml`).
    fn replaced_rules(&self) -> &'static [&'static str] {
        &["pg-create-index-blocking", "pg-drop-index-blocking", "pg-lock-timeout"]
    }
    fn schema_change_aborts_transactions(&self, _: Version) -> bool {
        true
    }
}

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
    fn offered_versions(&self) -> &'static [&'static str] {
        &["cockroachdb-24.1"]
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
    /// <https://www.cockroachlabs.com/docs/stable/triggers>: new in v24.3.
    fn row_triggers(&self, v: Version) -> bool {
        v >= (24, 3)
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
    fn replaced_rules(&self) -> &'static [&'static str] {
        Cockroachdb::REPLACED_RULES
    }
    fn runbook(&self) -> Option<&'static str> {
        Some(Cockroachdb::RUNBOOK)
    }
}

impl Cockroachdb {
    /// PostgreSQL's lock notes: CockroachDB runs these changes as online background jobs.
    pub const REPLACED_RULES: &'static [&'static str] = &[
        "pg-add-check-constraint",
        "pg-add-column-identity-or-serial",
        "pg-add-column-stored-generated",
        "pg-add-column-volatile-default",
        "pg-add-foreign-key",
        "pg-add-primary-key",
        "pg-add-unique-constraint",
        "pg-alter-column-type-rewrite",
        "pg-concurrent-index-left-invalid",
        "pg-create-index-blocking",
        "pg-drop-index-blocking",
        "pg-lock-timeout",
        "pg-set-not-null",
        "pg-validate-in-same-transaction",
    ];

    pub const RUNBOOK: &'static str = "## CockroachDB schema change jobs\n\n\
Each schema change runs on its own (no `BEGIN`/`COMMIT` around DDL: CockroachDB supports schema changes only in \
implicit transactions) and continues as a background job after its statement returns. Before the next deploy step, \
wait for the jobs: `SHOW JOBS WHEN COMPLETE (SELECT job_id FROM [SHOW JOBS] WHERE job_type = 'NEW SCHEMA CHANGE' AND status = 'running');`. \
A failed job rolls its change back by itself; `SHOW JOBS` names it and its error.\n";
}

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
    fn offered_versions(&self) -> &'static [&'static str] {
        &["vitess-21.0"]
    }
    fn base(&self, _: Version) -> Option<(&'static dyn Engine, Version)> {
        Some((&super::mysql::Mysql, (8, 0)))
    }
    /// The migration copies the table through VReplication: the statement's own
    /// `ALGORITHM=`/`LOCK=` do not apply.
    fn algorithm_lock_clauses(&self, _: Version) -> bool {
        false
    }
    /// Its own online DDL copies the table: gh-ost and pt-online-schema-change do not apply.
    fn online_schema_change_tools(&self, _: Version) -> bool {
        false
    }
    fn online_ddl_by_default(&self, _: Version) -> bool {
        true
    }
    /// <https://vitess.io/docs/user-guides/schema-changes/ddl-strategies/>: `vitess` runs each
    /// `CREATE`, `ALTER` and `DROP TABLE` as a managed online migration (revertible).
    /// Strict `sql_mode` first (`mysql::MYSQL_STRICT`).
    fn session_statements(&self) -> &'static [&'static str] {
        &[super::mysql::MYSQL_STRICT, "SET @@ddl_strategy = 'vitess'"]
    }
    fn replaced_rules(&self) -> &'static [&'static str] {
        super::mysql_online_rules::INNODB_ALGORITHM_RULES
    }
    fn runbook(&self) -> Option<&'static str> {
        Some(RUNBOOK)
    }
    fn asynchronous_schema_changes(&self, _: Version) -> bool {
        true
    }
    fn online_migration_refuses_foreign_keys(&self, _: Version) -> bool {
        true
    }
}

/// <https://vitess.io/docs/user-guides/schema-changes/revertible-migrations/>
const RUNBOOK: &str = "## Vitess online migrations and their revert\n\n\
With `@@ddl_strategy = 'vitess'` each DDL statement returns a migration UUID at once and runs later, one \
migration at a time, copying the table in the background. Before running data steps or the next deploy, \
wait until every migration of the script shows `complete`: `SHOW VITESS_MIGRATIONS LIKE '<uuid>';` \
(`failed` or `cancelled`: nothing of it was applied; `ALTER VITESS_MIGRATION '<uuid>' RETRY;`).\n\n\
To undo a completed migration without losing the writes made since, revert it (newest first): \
`REVERT VITESS_MIGRATION '<uuid>';` — itself a migration to wait for. A revert of a `DROP TABLE` \
brings the table back with its rows. The down script is the alternative when the migration is older \
than the last one on its table (a revert only undoes the latest migration of a table).\n";

//! Cloudflare D1: SQLite behind Cloudflare's API. Versions are those of the SQLite it runs.
//! `wrangler d1 migrations apply` runs each migration file as one transaction and refuses
//! transaction control in it; foreign keys are always enforced (`PRAGMA foreign_keys` cannot be
//! turned off), only deferred to the end of the transaction with `PRAGMA defer_foreign_keys`.
//! <https://developers.cloudflare.com/d1/sql-api/foreign-keys/>
//! <https://developers.cloudflare.com/d1/reference/migrations/>

use super::{Engine, Version};
use crate::Dialect;

pub struct D1;

impl Engine for D1 {
    fn dialect(&self) -> Dialect {
        Dialect::Sqlite
    }
    fn name(&self) -> &'static str {
        "d1"
    }
    fn label(&self) -> &'static str {
        "Cloudflare D1 (SQLite)"
    }
    fn default_version(&self) -> Version {
        (3, 45)
    }
    fn supports(&self, v: Version) -> bool {
        v.0 == 3 && v.1 >= 40
    }
    fn offered_versions(&self) -> &'static [&'static str] {
        &["d1-3.45"]
    }
    fn base(&self, v: Version) -> Option<(&'static dyn Engine, Version)> {
        Some((&super::sqlite::Sqlite, v))
    }
    /// "D1 runs every query inside an implicit transaction": a migration file is applied or
    /// rolled back as a whole, and `BEGIN`/`COMMIT`/`SAVEPOINT` in it are refused.
    fn file_is_one_transaction(&self, _: Version) -> bool {
        true
    }
    /// "user queries cannot change this during a query or migration. Instead, D1 allows you to
    /// call `PRAGMA defer_foreign_keys = on`" (D1 docs, Define foreign keys).
    fn foreign_keys_always_on(&self, _: Version) -> bool {
        true
    }
    /// Its rebuild runs with foreign keys deferred and checked, not off
    /// (`sqlite-d1-rebuild-foreign-keys` says what holds instead).
    fn replaced_rules(&self) -> &'static [&'static str] {
        &["sqlite-rebuild-foreign-key-check"]
    }
    fn runbook(&self) -> Option<&'static str> {
        Some(RUNBOOK)
    }
}

/// <https://developers.cloudflare.com/d1/reference/migrations/>,
/// <https://developers.cloudflare.com/workers/wrangler/commands/#d1-migrations-apply>
const RUNBOOK: &str = "## Applying on Cloudflare D1 with wrangler\n\n\
D1 is migrated by wrangler, not by `sqlite3`: `deploy.sh`, `rehearse.sh`, `dry-run.sql` and `test-data.sql` \
are for a local SQLite file only (a rehearsal of the SQL, not of D1; they add their own `BEGIN`). Copy `up.sql` into the database's migrations directory \
(`migrations/` beside `wrangler.toml`, or its `migrations_dir`) as the next numbered file, \
e.g. `migrations/0007_schemashift.sql`, then check it on the local copy and apply it:\n\n\
```\nnpx wrangler d1 migrations list <DATABASE>\nnpx wrangler d1 migrations apply <DATABASE> --local\n\
npx wrangler d1 migrations apply <DATABASE> --remote\n```\n\n\
Each file runs as one transaction: a failure (a foreign key left broken at the end of a table rebuild) \
rolls the whole file back and it is not recorded in `d1_migrations`. The scripts therefore carry no \
`BEGIN`/`COMMIT`. Table rebuilds defer foreign keys (`PRAGMA defer_foreign_keys = on`) because D1 \
cannot turn them off; a rebuild of a table that other tables reference with `ON DELETE CASCADE`, \
`SET NULL` or `SET DEFAULT` is blocked, since its `DROP TABLE` would delete or change their rows. \
To go back, apply `down.sql` the same way as a new migration file.\n";

//! `Engine`: what one engine (a flavor of a dialect) can do, asked by render, diff, plan, risk
//! and package instead of comparing dialects and versions. Every capability has a default that
//! asks the flavor's `base` engine (at the base's version) and is `false` without one; a flavor
//! overrides only what differs (the way sqlparser's `Dialect` trait works).

use super::Version;
use crate::Dialect;

/// Declare the capabilities once: each is a trait method whose default asks the base engine,
/// and a method of `Target` asking the target's engine at the target's version.
macro_rules! capabilities {
    ($($(#[$doc:meta])* fn $name:ident;)*) => {
        /// One engine. Implemented by a unit struct per flavor (`target/<flavor>.rs`).
        pub trait Engine: Sync {
            /// The dialect whose SQL the engine reads and runs.
            fn dialect(&self) -> Dialect;
            /// The `--flavor` value and `--target-version` prefix: `cockroachdb`.
            fn name(&self) -> &'static str;
            /// The engine as its makers name it: `CockroachDB`.
            fn label(&self) -> &'static str;
            /// The version generated for when none is given.
            fn default_version(&self) -> Version;
            /// Whether `--target-version` may name this version.
            fn supports(&self, v: Version) -> bool;
            /// The `--target-version` values the playground offers for this engine, oldest first
            /// (`15`, `mariadb-10.11`, `cockroachdb-24.1`); each one `Target::parse` reads.
            fn offered_versions(&self) -> &'static [&'static str];
            /// The engine this one answers like where it says nothing else, at the version that
            /// engine has within this one (CockroachDB speaks PostgreSQL 13).
            fn base(&self, _v: Version) -> Option<(&'static dyn Engine, Version)> {
                None
            }
            /// Statements each session of the migration starts with (Vitess: the DDL strategy).
            /// The session statements ask the base engine too (at no version: they have none).
            fn session_statements(&self) -> &'static [&'static str] {
                self.base(self.default_version()).map_or(&[], |(b, _)| b.session_statements())
            }
            /// Statements a script says once before its first `session_statements`: they save
            /// what those change, for `session_restore` (the `mysql` dialect's `sql_mode`).
            fn session_save(&self) -> &'static [&'static str] {
                self.base(self.default_version()).map_or(&[], |(b, _)| b.session_save())
            }
            /// Statements ending a script: the session as `session_save` found it.
            fn session_restore(&self) -> &'static [&'static str] {
                self.base(self.default_version()).map_or(&[], |(b, _)| b.session_restore())
            }
            /// Statements heading a step that creates a stored program (trigger, routine,
            /// event), in place of `session_statements`: the program keeps the session's
            /// settings it was created in (MySQL/MariaDB store its `sql_mode`), so it is created
            /// with the session's own, as the user's `CREATE` would be (`plan/preamble.rs`).
            fn session_for_programs(&self) -> &'static [&'static str] {
                match self.base(self.default_version()) {
                    Some((b, _)) => b.session_for_programs(),
                    None => self.session_statements(),
                }
            }
            /// Rules of the dialect that do not hold on this engine (their claims are about the
            /// base engine's locks); the engine's own rules say what holds instead.
            fn replaced_rules(&self) -> &'static [&'static str] {
                &[]
            }
            /// A runbook section (Markdown, headed `##`) on running this engine's schema changes.
            fn runbook(&self) -> Option<&'static str> {
                None
            }
            /// The package's definition assertions (`package/definitions.rs`) read this engine's
            /// catalog reliably: proven on the engine by the e2e suites. Not asked of the base: a
            /// derived engine's catalog may print definitions its own way until proven.
            fn catalog_definitions(&self) -> bool {
                false
            }
            $($(#[$doc])* fn $name(&self, v: Version) -> bool {
                self.base(v).is_some_and(|(b, bv)| b.$name(bv))
            })*
        }

        impl super::Target {
            /// `Engine::catalog_definitions` of the target's engine.
            pub fn catalog_definitions(&self) -> bool {
                self.flavor.engine().catalog_definitions()
            }

            $(#[doc = concat!("`Engine::", stringify!($name), "` of the target's engine at its version.")]
            pub fn $name(&self) -> bool {
                self.flavor.engine().$name(self.version)
            })*
        }
    };
}

capabilities! {
    /// DDL runs inside a transaction that is rolled back as a whole.
    fn transactional_ddl;
    /// Schema changes should run one per transaction (several in one transaction are not
    /// atomic or are refused after the first: CockroachDB).
    fn one_ddl_per_transaction;
    /// `ALTER TABLE ... RENAME COLUMN a TO b` (MySQL 8.0, MariaDB 10.5, SQLite 3.25).
    fn native_rename_column;
    /// `ALTER TABLE ... DROP COLUMN` (SQLite 3.35).
    fn native_drop_column;
    /// `ALTER TABLE ... RENAME INDEX a TO b` (MySQL 5.7, MariaDB 10.5).
    fn native_rename_index;
    /// Renaming a column is a catalog change with `ALGORITHM=INSTANT` (MySQL 8.0.28, MariaDB
    /// 10.3.7: <https://mariadb.com/kb/en/innodb-online-ddl-operations-with-the-instant-alter-algorithm/>).
    fn instant_rename_column;
    /// The version's own patch releases add instant column changes (MySQL 8.0: RENAME COLUMN in
    /// 8.0.28, ADD COLUMN anywhere and DROP COLUMN in 8.0.29), and the target names no patch
    /// level: the notes say so instead of promising either way.
    fn instant_columns_in_patch_release;
    /// An unnamed CHECK is named `<table>_chk_<n>`, numbered in the order written (MySQL
    /// 8.0.16: <https://dev.mysql.com/doc/refman/8.0/en/create-table-check-constraints.html>);
    /// otherwise MariaDB's names: a column's check after its column, a table's `CONSTRAINT_<n>`
    /// (<https://mariadb.com/kb/en/information-schema-check_constraints-table/>). Read by the
    /// parser (`parse::parse_for`).
    fn numbered_check_names;
    /// A new foreign key is served by an index the engine made for another foreign key, like
    /// by any index whose first columns are the key's (MySQL 8.0:
    /// <https://dev.mysql.com/doc/refman/8.0/en/create-table-foreign-keys.html>). MariaDB 10.11
    /// makes the new key an index of its own and drops the older made one (seen on the engine).
    /// Read by the parser, for migration histories.
    fn foreign_key_takes_generated_index;
    /// `ALTER TABLE ... RENAME TO` also updates the triggers and views that name the table
    /// (SQLite 3.26).
    fn rename_table_updates_references;
    /// `STRICT` tables (SQLite 3.37).
    fn strict_tables;
    /// MySQL's `DROP CHECK name` (MariaDB drops a check as `DROP CONSTRAINT name`).
    fn drop_check_clause;
    /// Invisible indexes and columns are spelled `IGNORED` (MariaDB), not `INVISIBLE` (MySQL).
    fn ignored_keyword;
    /// A CHECK written in a column's definition stays the column's (MariaDB `column_checks`).
    fn column_level_checks;
    /// One `ALTER TABLE` may drop a CHECK and add one of the same name (`DROP CONSTRAINT c, ADD
    /// CONSTRAINT c CHECK (...)`): the old check stays when rows break the new one (MariaDB 10.11,
    /// tried on the engine; not known of MySQL 8, which keeps two statements).
    fn check_replaced_in_one_alter;
    /// A generated column may say `NULL`/`NOT NULL` (not MariaDB).
    fn generated_column_nullability;
    /// `CREATE SEQUENCE` in a MySQL-family engine (MariaDB).
    fn mysql_sequences;
    /// System-versioned tables (MariaDB `WITH SYSTEM VERSIONING`).
    fn system_versioning;
    /// CHECK constraints are enforced (MySQL 8.0.16, MariaDB 10.2), not only parsed.
    fn check_constraints_enforced;
    /// One `ALTER TABLE` may carry several changes (TiDB 6.2).
    fn multi_action_alter;
    /// `ALGORITHM=`/`LOCK=` clauses are honoured (TiDB and Vitess's own online DDL ignore them).
    fn algorithm_lock_clauses;
    /// `ADD COLUMN` at the end of a table with `ALGORITHM=INSTANT` (MySQL 8.0.12, MariaDB 10.3).
    fn instant_add_column;
    /// `ADD COLUMN` anywhere with `ALGORITHM=INSTANT` (MySQL 8.0.29, MariaDB 10.4).
    fn instant_add_column_anywhere;
    /// A column added before the last one of a table with `VIRTUAL` columns can be added
    /// `INPLACE` (not MariaDB: ERROR 1846, copy only).
    fn inplace_add_column_beside_virtual;
    /// `DROP COLUMN` with `ALGORITHM=INSTANT` (MySQL 8.0.29, MariaDB 10.4).
    fn instant_drop_column;
    /// `NOT NULL` → `NULL` and integer widening with `ALGORITHM=INSTANT` (MariaDB 10.4).
    fn instant_relax_column;
    /// `ALGORITHM=COPY` with concurrent writes (`LOCK=NONE`, MariaDB 11.2).
    fn online_copy_alter;
    /// Schema changes run online by the engine itself, without locking writes for the table's
    /// size (TiDB, Vitess, CockroachDB).
    fn online_ddl_by_default;
    /// Index builds run online without `CONCURRENTLY` (CockroachDB, YugabyteDB).
    fn online_index_by_default;
    /// `CREATE INDEX CONCURRENTLY` / `DROP INDEX CONCURRENTLY` (PostgreSQL, YugabyteDB).
    fn concurrent_index;
    /// `ADD CONSTRAINT ... NOT VALID` and `VALIDATE CONSTRAINT`.
    fn not_valid_constraints;
    /// Anonymous `DO` blocks (PostgreSQL, YugabyteDB; not CockroachDB).
    fn do_blocks;
    /// Row triggers running PL/pgSQL functions (PostgreSQL; CockroachDB 24.3).
    fn row_triggers;
    /// `COMMIT` inside a `DO` block (PostgreSQL 11).
    fn commit_in_do_block;
    /// `ADD COLUMN ... DEFAULT constant` without a table rewrite (PostgreSQL 11).
    fn fast_column_default;
    /// `CREATE TRIGGER ... EXECUTE FUNCTION` (PostgreSQL 11; before: `EXECUTE PROCEDURE`).
    fn trigger_execute_function;
    /// `ALTER TYPE ... ADD VALUE` inside a transaction block (PostgreSQL 12).
    fn enum_add_value_in_transaction;
    /// `SET NOT NULL` skips the scan when a validated check proves it (PostgreSQL 12).
    fn not_null_proven_by_check;
    /// Stored generated columns (PostgreSQL 12): `pg_attribute.attgenerated`.
    fn generated_columns;
    /// `ALTER COLUMN ... DROP EXPRESSION` (PostgreSQL 13).
    fn drop_generated_expression;
    /// `pg_trigger.tgparentid` (PostgreSQL 13).
    fn trigger_parent_id;
    /// `DETACH PARTITION ... CONCURRENTLY` (PostgreSQL 14).
    fn detach_partition_concurrently;
    /// `CREATE INDEX CONCURRENTLY` may corrupt indexes (PostgreSQL 14.0 to 14.3).
    fn concurrent_index_corruption_bug;
    /// `ALTER TABLE ... SET ACCESS METHOD` (PostgreSQL 15).
    fn set_access_method;
    /// `SET STORAGE DEFAULT` (PostgreSQL 16).
    fn set_storage_default;
    /// `pg_input_is_valid` (PostgreSQL 16).
    fn input_is_valid;
    /// `ALTER COLUMN ... SET EXPRESSION` (PostgreSQL 17).
    fn set_generated_expression;
    /// `VIRTUAL` generated columns and `NOT NULL` constraints `NOT VALID` (PostgreSQL 18).
    fn virtual_generated_columns;
    /// `ALTER COLUMN ... TYPE` that rewrites the column is refused or experimental (CockroachDB).
    fn limited_alter_column_type;
    /// The migration runner wraps each migration file in one transaction of its own and refuses
    /// `BEGIN`/`COMMIT`/`SAVEPOINT` in it (Cloudflare D1): scripts carry no transaction control.
    fn file_is_one_transaction;
    /// `PRAGMA foreign_keys` cannot be turned off (Cloudflare D1): a table rebuild defers the
    /// checks with `PRAGMA defer_foreign_keys`, and its `DROP TABLE` still runs the `ON DELETE`
    /// actions of the tables that reference it (`plan/fk_action_guard.rs` blocks those).
    fn foreign_keys_always_on;
    /// A change of an existing table is queued as an asynchronous online migration: the
    /// statement returns before the table changes (Vitess `@@ddl_strategy='vitess'`:
    /// <https://vitess.io/docs/user-guides/schema-changes/ddl-strategies/>).
    fn asynchronous_schema_changes;
    /// Its online migrations refuse tables that have, gain or are referenced by a foreign key
    /// (Vitess without `--unsafe-allow-foreign-keys`:
    /// <https://vitess.io/docs/user-guides/schema-changes/ddl-strategies/>).
    fn online_migration_refuses_foreign_keys;
    /// Adding or dropping the primary key of an existing table fails when it is clustered, the
    /// default for an integer key (TiDB: <https://docs.pingcap.com/tidb/stable/clustered-indexes>).
    fn primary_key_change_refused;
    /// Adding an `AUTO_INCREMENT` column to an existing table fails (TiDB:
    /// <https://docs.pingcap.com/tidb/stable/sql-statement-add-column>).
    fn auto_increment_column_add_refused;
    /// A schema change makes transactions using the table at the same time fail with a schema
    /// version mismatch (SQLSTATE 40001) instead of waiting for a lock (YugabyteDB:
    /// <https://docs.yugabyte.com/stable/develop/learn/transactions/transactions-retries-ysql/>).
    fn schema_change_aborts_transactions;
    /// Storing a time value in a column of fewer fractional-second digits truncates the extra
    /// digits instead of rounding them, with no warning (MariaDB, verified on 10.11; MySQL
    /// rounds unless `TIME_TRUNCATE_FRACTIONAL`:
    /// <https://dev.mysql.com/doc/refman/8.0/en/fractional-seconds.html>).
    fn truncates_fractional_seconds;
    /// gh-ost and pt-online-schema-change run on it (`--osc`: MySQL, MariaDB; not TiDB or
    /// Vitess, which copy tables online their own way).
    fn online_schema_change_tools;
}

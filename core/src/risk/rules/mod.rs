//! The registry of risk rules: one file per rule, listed in `ALL`, plus the generated
//! documentation page (`docs_markdown`).

mod prelude;
#[cfg(all(test, feature = "rule-docs"))]
mod registry_tests;
#[cfg(test)]
pub(crate) mod testkit;

mod any_add_unique_on_existing_data;
mod any_data_move_needs_filter;
mod any_data_move_not_reversible;
mod any_data_move_pending;
mod any_data_move_review;
mod any_down_readds_dropped_column;
mod any_drop_check_constraint;
mod any_drop_column;
mod any_drop_default_required_column;
mod any_drop_foreign_key;
mod any_drop_routine;
mod any_drop_schema;
mod any_drop_table;
mod any_drop_unique_key;
mod any_drop_view;
mod any_identifier_too_long;
mod any_opaque_not_modelled;
mod any_preserve_data_backup;
mod any_rename_column;
mod any_rename_table;
mod any_set_not_null_existing_nulls;
mod any_timestamp_time_zone;
mod any_type_narrowing;
mod any_unbatched_backfill;
mod mysql_add_auto_increment_column;
mod mysql_add_check_constraint;
mod mysql_add_column_expression_default;
mod mysql_add_column_not_instant;
mod mysql_add_column_not_null_no_default;
mod mysql_add_foreign_key;
mod mysql_add_fulltext_or_spatial_index;
mod mysql_add_index_online;
mod mysql_add_period;
mod mysql_add_primary_key;
mod mysql_add_stored_generated_column;
mod mysql_change_column_type;
mod mysql_check_constraint_ignored;
mod mysql_column_compression;
mod mysql_convert_charset;
mod mysql_ddl_not_atomic;
mod mysql_drop_column_rebuild;
mod mysql_drop_index_needed_by_fk;
mod mysql_drop_primary_key;
mod mysql_enum_set_change;
mod mysql_lock_wait_timeout;
mod mysql_nullability_rebuild;
mod mysql_online_schema_change_tool;
mod mysql_prefer_bigint_key;
mod mysql_prefer_utf8mb4;
mod mysql_rename_column_syntax;
mod mysql_repartition_table;
mod mysql_system_versioning;
mod mysql_table_options_rebuild;
mod mysql_tidb_unsupported_change;
mod mysql_timestamp_2038;
mod mysql_varchar_length_bytes;
mod mysql_vitess_foreign_key;
mod mysql_vitess_online_migration;
mod mysql_zero_downtime_not_online;
mod pg_add_check_constraint;
mod pg_add_column_constrained_domain;
mod pg_add_column_default_pre11;
mod pg_add_column_identity_or_serial;
mod pg_add_column_not_null_no_default;
mod pg_add_column_stored_generated;
mod pg_add_column_volatile_default;
mod pg_add_exclusion_constraint;
mod pg_add_foreign_key;
mod pg_add_identity_existing_column;
mod pg_add_primary_key;
mod pg_add_unique_constraint;
mod pg_alter_column_collation;
mod pg_alter_column_type_metadata_only;
mod pg_alter_column_type_rewrite;
mod pg_alter_column_type_with_checks;
mod pg_alter_composite_attribute;
mod pg_alter_domain_constraint;
mod pg_attach_partition;
mod pg_avoid_char_type;
mod pg_change_generated_expression;
mod pg_cockroachdb_alter_column_type;
mod pg_concurrent_index_left_invalid;
mod pg_concurrent_index_pg14_bug;
mod pg_concurrently_in_transaction;
mod pg_create_index_blocking;
mod pg_create_index_partitioned;
mod pg_detach_partition;
mod pg_domain_check_constraint;
mod pg_drop_cascade;
mod pg_drop_extension;
mod pg_drop_index_blocking;
mod pg_drop_not_null;
mod pg_drop_sequence;
mod pg_drop_type;
mod pg_enum_add_value;
mod pg_enum_rebuild;
mod pg_enum_rename_value;
mod pg_history_using;
mod pg_inherit_change;
mod pg_lock_timeout;
mod pg_one_ddl_per_transaction;
mod pg_prefer_bigint_key;
mod pg_prefer_identity;
mod pg_prefer_jsonb;
mod pg_prefer_text_field;
mod pg_prefer_timestamptz;
mod pg_recreate_dependents;
mod pg_repartition_table;
mod pg_replace_index_online;
mod pg_replace_type_in_use;
mod pg_row_security_change;
mod pg_sequence_restart;
mod pg_set_default_existing_rows;
mod pg_set_logged_unlogged;
mod pg_set_not_null;
mod pg_trigger_lock;
mod pg_validate_in_same_transaction;
mod pg_yugabytedb_ddl_concurrent_dml;
mod sqlite_create_index_locks_database;
mod sqlite_d1_rebuild_foreign_keys;
mod sqlite_drop_column_rewrite;
mod sqlite_drop_table_fires_fk_actions;
mod sqlite_foreign_keys_pragma_in_transaction;
mod sqlite_rebuild_autoincrement_counter;
mod sqlite_rebuild_drops_column;
mod sqlite_rebuild_foreign_key_check;
mod sqlite_rebuild_strict;
mod sqlite_rebuild_table;
mod sqlite_rebuild_type_affinity;
mod sqlite_rename_column_unsupported;
mod sqlite_rename_table_references;

use super::rule::Rule;
use super::{Risk, RiskContext};
use crate::plan::Step;

/// Every rule, sorted by id (the registry test checks order and uniqueness).
pub const ALL: &[Rule] = &[
    any_add_unique_on_existing_data::RULE,
    any_data_move_needs_filter::RULE,
    any_data_move_not_reversible::RULE,
    any_data_move_pending::RULE,
    any_data_move_review::RULE,
    any_down_readds_dropped_column::RULE,
    any_drop_check_constraint::RULE,
    any_drop_column::RULE,
    any_drop_default_required_column::RULE,
    any_drop_foreign_key::RULE,
    any_drop_routine::RULE,
    any_drop_schema::RULE,
    any_drop_table::RULE,
    any_drop_unique_key::RULE,
    any_drop_view::RULE,
    any_identifier_too_long::RULE,
    any_opaque_not_modelled::RULE,
    any_preserve_data_backup::RULE,
    any_rename_column::RULE,
    any_rename_table::RULE,
    any_set_not_null_existing_nulls::RULE,
    any_timestamp_time_zone::RULE,
    any_type_narrowing::RULE,
    any_unbatched_backfill::RULE,
    mysql_add_auto_increment_column::RULE,
    mysql_add_check_constraint::RULE,
    mysql_add_period::RULE,
    mysql_add_column_expression_default::RULE,
    mysql_add_column_not_instant::RULE,
    mysql_add_column_not_null_no_default::RULE,
    mysql_add_foreign_key::RULE,
    mysql_add_fulltext_or_spatial_index::RULE,
    mysql_add_index_online::RULE,
    mysql_add_primary_key::RULE,
    mysql_add_stored_generated_column::RULE,
    mysql_change_column_type::RULE,
    mysql_check_constraint_ignored::RULE,
    mysql_column_compression::RULE,
    mysql_convert_charset::RULE,
    mysql_ddl_not_atomic::RULE,
    mysql_drop_column_rebuild::RULE,
    mysql_drop_index_needed_by_fk::RULE,
    mysql_drop_primary_key::RULE,
    mysql_enum_set_change::RULE,
    mysql_lock_wait_timeout::RULE,
    mysql_nullability_rebuild::RULE,
    mysql_online_schema_change_tool::RULE,
    mysql_prefer_bigint_key::RULE,
    mysql_prefer_utf8mb4::RULE,
    mysql_rename_column_syntax::RULE,
    mysql_repartition_table::RULE,
    mysql_system_versioning::RULE,
    mysql_table_options_rebuild::RULE,
    mysql_tidb_unsupported_change::RULE,
    mysql_timestamp_2038::RULE,
    mysql_varchar_length_bytes::RULE,
    mysql_vitess_foreign_key::RULE,
    mysql_vitess_online_migration::RULE,
    mysql_zero_downtime_not_online::RULE,
    pg_add_check_constraint::RULE,
    pg_add_column_constrained_domain::RULE,
    pg_add_column_default_pre11::RULE,
    pg_add_column_identity_or_serial::RULE,
    pg_add_column_not_null_no_default::RULE,
    pg_add_column_stored_generated::RULE,
    pg_add_column_volatile_default::RULE,
    pg_add_exclusion_constraint::RULE,
    pg_add_foreign_key::RULE,
    pg_add_identity_existing_column::RULE,
    pg_add_primary_key::RULE,
    pg_add_unique_constraint::RULE,
    pg_alter_column_collation::RULE,
    pg_alter_composite_attribute::RULE,
    pg_alter_domain_constraint::RULE,
    pg_alter_column_type_metadata_only::RULE,
    pg_alter_column_type_rewrite::RULE,
    pg_alter_column_type_with_checks::RULE,
    pg_attach_partition::RULE,
    pg_avoid_char_type::RULE,
    pg_change_generated_expression::RULE,
    pg_cockroachdb_alter_column_type::RULE,
    pg_concurrent_index_left_invalid::RULE,
    pg_concurrent_index_pg14_bug::RULE,
    pg_concurrently_in_transaction::RULE,
    pg_create_index_blocking::RULE,
    pg_create_index_partitioned::RULE,
    pg_detach_partition::RULE,
    pg_domain_check_constraint::RULE,
    pg_drop_cascade::RULE,
    pg_drop_extension::RULE,
    pg_drop_index_blocking::RULE,
    pg_drop_not_null::RULE,
    pg_drop_sequence::RULE,
    pg_drop_type::RULE,
    pg_enum_add_value::RULE,
    pg_enum_rename_value::RULE,
    pg_history_using::RULE,
    pg_inherit_change::RULE,
    pg_enum_rebuild::RULE,
    pg_lock_timeout::RULE,
    pg_one_ddl_per_transaction::RULE,
    pg_prefer_bigint_key::RULE,
    pg_prefer_identity::RULE,
    pg_prefer_jsonb::RULE,
    pg_prefer_text_field::RULE,
    pg_prefer_timestamptz::RULE,
    pg_recreate_dependents::RULE,
    pg_repartition_table::RULE,
    pg_replace_index_online::RULE,
    pg_replace_type_in_use::RULE,
    pg_row_security_change::RULE,
    pg_set_default_existing_rows::RULE,
    pg_sequence_restart::RULE,
    pg_set_logged_unlogged::RULE,
    pg_set_not_null::RULE,
    pg_trigger_lock::RULE,
    pg_validate_in_same_transaction::RULE,
    pg_yugabytedb_ddl_concurrent_dml::RULE,
    sqlite_create_index_locks_database::RULE,
    sqlite_drop_column_rewrite::RULE,
    sqlite_drop_table_fires_fk_actions::RULE,
    sqlite_d1_rebuild_foreign_keys::RULE,
    sqlite_foreign_keys_pragma_in_transaction::RULE,
    sqlite_rebuild_autoincrement_counter::RULE,
    sqlite_rebuild_drops_column::RULE,
    sqlite_rebuild_foreign_key_check::RULE,
    sqlite_rebuild_strict::RULE,
    sqlite_rebuild_table::RULE,
    sqlite_rebuild_type_affinity::RULE,
    sqlite_rename_column_unsupported::RULE,
    sqlite_rename_table_references::RULE,
];

/// Run every rule that applies to the target's dialect on one step, but those the target's
/// engine replaces (`Engine::replaced_rules`).
pub(crate) use any_preserve_data_backup::RULE as PRESERVE_DATA_BACKUP;

/// Run every rule that applies to the target's dialect on one step, but those the target's
/// engine replaces (`Engine::replaced_rules`).
pub fn check_all(step: &Step, ctx: &RiskContext<'_>) -> Vec<Risk> {
    let replaced = ctx.target.engine().replaced_rules();
    ALL.iter().filter(|r| r.applies_to(ctx.target.dialect) && !replaced.contains(&r.id)).flat_map(|r| (r.check)(step, ctx)).collect()
}

/// The rule documentation page, in Markdown: an index by dialect, then each rule's doc.
#[cfg(feature = "rule-docs")]
pub fn docs_markdown() -> String {
    let mut out = String::from("# schemashift risk rules\n\n");
    out.push_str("Each note on a migration step names the rule that raised it; its id is the anchor below.\n");
    let count = |p: &str| ALL.iter().filter(|r| r.id.starts_with(p)).count();
    out.push_str(&format!(
        "\n{} rules: {} for any dialect, {} PostgreSQL, {} MySQL/MariaDB, {} SQLite.\n",
        ALL.len(),
        count("any-"),
        count("pg-"),
        count("mysql-"),
        count("sqlite-")
    ));
    for (title, prefix) in [("Any dialect", "any-"), ("PostgreSQL", "pg-"), ("MySQL / MariaDB", "mysql-"), ("SQLite", "sqlite-")] {
        out.push_str(&format!("\n## {title}\n\n"));
        for r in ALL.iter().filter(|r| r.id.starts_with(prefix)) {
            out.push_str(&format!("- [`{}`](#{}): {}\n", r.id, r.id, r.title));
        }
    }
    for r in ALL {
        out.push_str(&format!("\n---\n\n<a id=\"{}\"></a>\n\n### `{}`\n\n{}\n\n", r.id, r.id, r.title));
        let doc = r.doc.trim();
        // Rule docs use `##` sections; nest them under the rule's heading.
        for line in doc.lines() {
            if let Some(rest) = line.strip_prefix("## ") {
                out.push_str(&format!("#### {rest}\n"));
            } else {
                out.push_str(line);
                out.push('\n');
            }
        }
    }
    out
}

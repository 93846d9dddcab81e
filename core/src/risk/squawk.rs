//! How our PostgreSQL rules line up with squawk's (https://squawkhq.com), for the cross-check
//! that lints every generated PostgreSQL migration with squawk: each squawk finding on a step
//! must be matched by one of the notes listed here for its rule, unless the squawk rule is an
//! accepted disagreement (below, with the reason).

/// squawk rule → our rules that cover the same hazard.
pub const EQUIVALENTS: &[(&str, &[&str])] = &[
    (
        "adding-field-with-default",
        &[
            "pg-add-column-volatile-default",
            "pg-add-column-default-pre11",
            "pg-add-column-stored-generated",
            "pg-add-column-identity-or-serial",
            "pg-change-generated-expression",
        ],
    ),
    ("adding-foreign-key-constraint", &["pg-add-foreign-key"]),
    ("adding-not-nullable-field", &["pg-set-not-null"]),
    (
        "adding-required-field",
        &["pg-add-column-not-null-no-default"],
    ),
    ("adding-serial-primary-key-field", &["pg-add-primary-key"]),
    (
        "ban-alter-domain-with-add-constraint",
        &["pg-domain-check-constraint", "pg-replace-type-in-use"],
    ),
    (
        "ban-alter-identity",
        &[
            "pg-add-identity-existing-column",
            "any-drop-default-required-column",
        ],
    ),
    ("ban-char-field", &["pg-avoid-char-type"]),
    (
        "ban-concurrent-index-creation-in-transaction",
        &["pg-concurrently-in-transaction"],
    ),
    (
        "ban-create-domain-with-constraint",
        &["pg-domain-check-constraint"],
    ),
    (
        "ban-drop-column",
        &["any-drop-column", "pg-change-generated-expression"],
    ),
    (
        "ban-drop-constraint",
        &[
            "any-drop-foreign-key",
            "any-drop-unique-key",
            "any-drop-check-constraint",
        ],
    ),
    ("ban-drop-database", &["any-drop-schema"]),
    ("ban-drop-default", &["any-drop-default-required-column"]),
    ("ban-drop-domain", &["pg-drop-type"]),
    ("ban-drop-extension", &["pg-drop-extension"]),
    ("ban-drop-function", &["any-drop-routine"]),
    ("ban-drop-not-null", &["pg-drop-not-null"]),
    ("ban-drop-schema", &["any-drop-schema"]),
    ("ban-drop-sequence", &["pg-drop-sequence"]),
    ("ban-drop-table", &["any-drop-table"]),
    ("ban-drop-type", &["pg-drop-type", "pg-enum-rebuild"]),
    ("ban-drop-view", &["any-drop-view"]),
    ("ban-truncate-cascade", &["pg-drop-cascade"]),
    (
        "changing-column-type",
        &[
            "pg-alter-column-type-rewrite",
            "pg-alter-column-type-metadata-only",
            "pg-alter-column-collation",
            "pg-enum-rebuild",
            "pg-replace-type-in-use",
        ],
    ),
    (
        "constraint-missing-not-valid",
        &[
            "pg-add-check-constraint",
            "pg-add-foreign-key",
            "pg-validate-in-same-transaction",
            "pg-add-primary-key",
            "pg-add-unique-constraint",
            "pg-add-exclusion-constraint",
        ],
    ),
    (
        "disallowed-unique-constraint",
        &["pg-add-unique-constraint"],
    ),
    ("identifier-too-long", &["any-identifier-too-long"]),
    ("prefer-bigint-over-int", &["pg-prefer-bigint-key"]),
    ("prefer-bigint-over-smallint", &["pg-prefer-bigint-key"]),
    ("prefer-identity", &["pg-prefer-identity"]),
    ("prefer-text-field", &["pg-prefer-text-field"]),
    ("prefer-timestamptz", &["pg-prefer-timestamptz"]),
    ("prefer-timestamp-tz", &["pg-prefer-timestamptz"]),
    ("renaming-column", &["any-rename-column"]),
    ("renaming-object", &["pg-enum-rebuild", "any-rename-table"]),
    ("renaming-table", &["any-rename-table"]),
    (
        "require-concurrent-index-creation",
        &["pg-create-index-blocking", "pg-create-index-partitioned"],
    ),
    (
        "require-concurrent-index-deletion",
        &["pg-drop-index-blocking"],
    ),
    (
        "require-concurrent-partition-detach",
        &["pg-detach-partition"],
    ),
    ("require-enum-value-ordering", &["pg-enum-add-value"]),
    ("require-lock-timeout", &["pg-lock-timeout"]),
    ("require-statement-timeout", &["pg-lock-timeout"]),
];

/// squawk rules we deliberately do not match (fully, or in the case named), with the reason.
pub const ACCEPTED_DISAGREEMENTS: &[(&str, &str)] = &[
    ("prefer-bigint-over-int", "we flag only single-column primary keys, where overflow forces a rewrite of every referencing table; other integer columns are a modelling choice"),
    ("prefer-bigint-over-smallint", "as prefer-bigint-over-int"),
    ("prefer-robust-stmts", "each generated step runs once, in order, inside its own transaction where the engine allows it; IF [NOT] EXISTS guards would hide drift between the schema and the database"),
    ("transaction-nesting", "about hand-written BEGIN/COMMIT in migration files; the generator owns the transaction structure"),
    ("ban-uncommitted-transaction", "as transaction-nesting"),
    ("require-timeout-settings", "alias of require-lock-timeout / require-statement-timeout"),
    ("ban-drop-default", "only a NOT NULL column losing its default breaks INSERTs that omit it; a nullable column then simply gets NULL"),
    ("ban-drop-generated-expression", "DROP EXPRESSION keeps the stored values and makes the column writable: no data changes and no rewrite"),
    ("ban-drop-view", "a view dropped and re-created by the same transactional migration is never missing for readers"),
    ("ban-alter-identity", "only a NOT NULL column losing its identity breaks INSERTs that omit it; when the column also becomes nullable they store NULL"),
    ("renaming-object", "renaming an index or a constraint breaks no query (only index hints and later hand-written migrations naming it)"),
];

/// Squawk asks for `lock_timeout`/`statement_timeout` before every statement; a statement that
/// only creates a new object (schema, sequence, type, view, function, extension) waits for no
/// lock another session can hold, so `pg-lock-timeout` does not flag it.
pub const NEW_OBJECT_TIMEOUTS: &str =
    "creating a new object waits for no lock another session holds";

/// The case of [`ACCEPTED_DISAGREEMENTS`] that needs the step's context: squawk lints one
/// statement at a time, so it cannot know the object was created earlier in the same
/// migration, where no other session can be using it (no lock waits, no concurrent writes to
/// protect, no rows to scan).
pub const CREATED_IN_SAME_MIGRATION: &str = "the table was created earlier in the same migration";

/// Whether a squawk finding is covered by one of `our_rules` (the notes on the same step).
pub fn covered(squawk_rule: &str, our_rules: &[&str]) -> bool {
    EQUIVALENTS
        .iter()
        .filter(|(s, _)| *s == squawk_rule)
        .any(|(_, ours)| ours.iter().any(|r| our_rules.contains(r)))
}

/// Whether a squawk rule is an accepted disagreement.
pub fn accepted(squawk_rule: &str) -> bool {
    ACCEPTED_DISAGREEMENTS
        .iter()
        .any(|(s, _)| *s == squawk_rule)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::risk::rules::ALL;

    #[test]
    fn every_equivalent_names_a_real_rule() {
        for (squawk, ours) in EQUIVALENTS {
            for r in *ours {
                assert!(
                    ALL.iter().any(|x| x.id == *r),
                    "{squawk} maps to unknown rule {r}"
                );
            }
        }
        assert!(covered("require-lock-timeout", &["pg-lock-timeout"]));
        assert!(!covered("require-lock-timeout", &["any-drop-table"]));
        assert!(accepted("prefer-robust-stmts"));
    }
}

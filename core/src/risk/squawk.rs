//! How our PostgreSQL rules line up with squawk's (https://squawkhq.com), for the cross-check
//! that lints every generated PostgreSQL migration with squawk: each squawk finding on a step
//! must be matched by one of the notes listed here for its rule, unless the squawk rule is an
//! accepted disagreement (below, with the reason). The check itself is
//! `tests/tests/squawk.rs`.

use crate::diff::Change;
use crate::model::{Schema, UserType};
use crate::plan::{Phase, Step};

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
            "pg-recreate-dependents",
        ],
    ),
    ("adding-foreign-key-constraint", &["pg-add-foreign-key"]),
    ("adding-not-nullable-field", &["pg-set-not-null"]),
    ("adding-required-field", &["pg-add-column-not-null-no-default"]),
    ("adding-serial-primary-key-field", &["pg-add-primary-key"]),
    ("ban-alter-domain-with-add-constraint", &["pg-domain-check-constraint", "pg-alter-domain-constraint", "pg-replace-type-in-use"]),
    ("ban-alter-identity", &["pg-add-identity-existing-column", "any-drop-default-required-column"]),
    ("ban-char-field", &["pg-avoid-char-type"]),
    ("ban-concurrent-index-creation-in-transaction", &["pg-concurrently-in-transaction"]),
    ("ban-create-domain-with-constraint", &["pg-domain-check-constraint"]),
    ("ban-drop-column", &["any-drop-column", "pg-change-generated-expression", "pg-recreate-dependents"]),
    ("ban-drop-constraint", &["any-drop-foreign-key", "any-drop-unique-key", "any-drop-check-constraint", "pg-recreate-dependents"]),
    ("ban-drop-database", &["any-drop-schema"]),
    ("ban-drop-default", &["any-drop-default-required-column"]),
    ("ban-drop-domain", &["pg-drop-type"]),
    ("ban-drop-extension", &["pg-drop-extension"]),
    ("ban-drop-function", &["any-drop-routine", "pg-recreate-dependents"]),
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
            "pg-recreate-dependents",
        ],
    ),
    ("disallowed-unique-constraint", &["pg-add-unique-constraint"]),
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
    ("require-concurrent-index-creation", &["pg-create-index-blocking", "pg-create-index-partitioned", "pg-recreate-dependents"]),
    ("require-concurrent-index-deletion", &["pg-drop-index-blocking", "pg-recreate-dependents"]),
    ("require-concurrent-partition-detach", &["pg-detach-partition", "pg-repartition-table"]),
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
pub const NEW_OBJECT_TIMEOUTS: &str = "creating a new object waits for no lock another session holds";

/// The case of [`ACCEPTED_DISAGREEMENTS`] that needs the step's context: squawk lints one
/// statement at a time, so it cannot know the object was created earlier in the same
/// migration, where no other session can be using it (no lock waits, no concurrent writes to
/// protect, no rows to scan).
pub const CREATED_IN_SAME_MIGRATION: &str = "the table was created earlier in the same migration";

/// A `COMMENT ON` another object than a table takes at most SHARE UPDATE EXCLUSIVE, which
/// conflicts with neither reads nor writes: no query queues behind it while it waits.
pub const COMMENT_LOCK: &str = "COMMENT ON takes at most a SHARE UPDATE EXCLUSIVE lock, which reads and writes do not wait for";

/// squawk assumes any non-literal default may be volatile; PostgreSQL 11+ adds a column whose
/// default is STABLE or IMMUTABLE (`now()`, casts, operators on constants) without a rewrite,
/// and `pg-add-column-volatile-default` flags the volatile ones.
pub const NON_VOLATILE_DEFAULT: &str =
    "a non-volatile default is added without a rewrite since PostgreSQL 11; the volatile ones are ours to flag";

/// squawk counts a domain's DEFAULT as a constraint; a domain with no CHECK and no NOT NULL
/// has nothing to validate.
pub const DOMAIN_WITHOUT_CONSTRAINT: &str = "the domain has a default but no CHECK or NOT NULL constraint";

/// A function whose return type changes is dropped and re-created in the same transactional
/// step: callers never see it missing.
pub const FUNCTION_RECREATED: &str = "the function is dropped and re-created in the same transaction";

/// A table whose partitioning changes is dropped to be re-created with its rows (held first,
/// put back after; `pg-repartition-table` notes the re-creation on the step holding the rows).
pub const TABLE_REPARTITIONED: &str = "the table is re-created with its rows (pg-repartition-table)";

/// `CREATE INDEX ... ON ONLY` a partitioned table builds nothing: an empty parent index, invalid
/// until each partition's index is attached (`CONCURRENTLY` is refused on partitioned tables).
/// The partitions' own index builds carry the notes.
pub const ON_ONLY_INDEX: &str = "an index created ON ONLY a partitioned table reads no rows; the partitions' index builds carry the notes";

/// The migration's own holding table (`<table>__rows`) is dropped once its rows are back.
pub const HOLDING_DROPPED: &str = "the migration's own holding table is dropped once its rows are back";

/// A foreign key dropped before its table is dropped by the same migration goes away with the
/// table; the table drop carries the note.
pub const TABLE_DROPPED_LATER: &str = "the constraint's table is dropped by the same migration";

/// Rules about declared types and names, which hold whether or not the table is new.
/// Zero-downtime plans: what the contract phase drops or renames is what the application deploy
/// between the phases stopped using.
pub const CONTRACT_PHASE: &str = "contract phase of an expand/contract change: it runs after the application deploy that stopped using the old column, function or constraint";
/// The squawk rules about breaking running clients that the contract phase answers.
const CONTRACT_RULES: &[&str] = &["ban-drop-column", "ban-drop-constraint", "ban-drop-function", "ban-drop-trigger", "renaming-column"];

/// Zero-downtime `SET NOT NULL`: the temporary `CHECK (c IS NOT NULL)` that proved it is dropped.
pub const NOT_NULL_HELPER: &str =
    "the temporary CHECK (column IS NOT NULL) that the online SET NOT NULL added earlier in this migration is dropped once NOT NULL holds";

const STYLE_RULES: &[&str] = &[
    "ban-char-field",
    "prefer-bigint-over-int",
    "prefer-bigint-over-smallint",
    "prefer-identity",
    "prefer-text-field",
    "prefer-timestamptz",
    "prefer-timestamp-tz",
    "identifier-too-long",
];

const TIMEOUT_RULES: &[&str] = &["require-lock-timeout", "require-statement-timeout", "require-timeout-settings"];

/// Why a squawk finding on `steps[i]` that none of our notes matches is still an accepted
/// disagreement given the migration around it (one of the reasons above), or `None` when it
/// is a real miss. Rules accepted outright are [`accepted`].
pub fn accepted_in_context(squawk_rule: &str, steps: &[Step], i: usize, before: &Schema, after: &Schema) -> Option<&'static str> {
    let step = steps.get(i)?;
    let change = &step.change;
    if step.phase == Phase::Contract && CONTRACT_RULES.contains(&squawk_rule) {
        return Some(CONTRACT_PHASE);
    }
    if squawk_rule == "ban-drop-constraint" && step.rewrite == Some(crate::plan::Rewrite::NotNullProven) {
        return Some(NOT_NULL_HELPER);
    }
    let timeout = TIMEOUT_RULES.contains(&squawk_rule);
    if timeout && creates_new_object(change, before) {
        return Some(NEW_OBJECT_TIMEOUTS);
    }
    if timeout && matches!(change, Change::SetComment { .. }) {
        return Some(COMMENT_LOCK);
    }
    let new_table =
        change.table().is_some_and(|t| steps[..i].iter().any(|s| matches!(&s.change, Change::CreateTable { table } if &table.name == t)));
    let new_view = matches!(change, Change::CreateView { view } if !before.views.contains_key(&view.name));
    if (new_table || new_view) && !STYLE_RULES.contains(&squawk_rule) {
        return Some(CREATED_IN_SAME_MIGRATION);
    }
    let creates = || step.statements.iter().filter(|s| s.starts_with("CREATE"));
    if squawk_rule == "require-concurrent-index-creation" && creates().next().is_some() && creates().all(|s| s.contains(" ON ONLY ")) {
        return Some(ON_ONLY_INDEX);
    }
    match (squawk_rule, change) {
        ("adding-field-with-default", Change::AddColumn { column, .. })
            if column.default.is_some() && column.generated.is_none() && column.identity.is_none() =>
        {
            Some(NON_VOLATILE_DEFAULT)
        }
        ("ban-create-domain-with-constraint", Change::CreateType { ty: UserType::Domain(d) }) if d.checks.is_empty() && !d.not_null => {
            Some(DOMAIN_WITHOUT_CONSTRAINT)
        }
        // A CREATE OR REPLACE that cannot replace (the return type changes) drops first.
        ("ban-drop-function", Change::CreateFunction { function }) if before.functions.contains_key(&function.signature()) => {
            Some(FUNCTION_RECREATED)
        }
        ("ban-drop-function", Change::DropFunction { function }) if after.functions.contains_key(&function.signature()) => {
            Some(FUNCTION_RECREATED)
        }
        ("ban-drop-table", Change::DropTable { table }) if crate::diff::repartitioned(before, after, &table.name) => {
            Some(TABLE_REPARTITIONED)
        }
        ("ban-drop-table", Change::RestoreRows { .. } | Change::CreateTable { .. } | Change::AlterTableOptions { .. })
            if step.statements.iter().any(|s| s.starts_with("DROP TABLE") && s.ends_with("__rows\"")) =>
        {
            Some(HOLDING_DROPPED)
        }
        ("ban-drop-constraint", Change::DropConstraint { table, .. })
            if steps[i + 1..].iter().any(|s| matches!(&s.change, Change::DropTable { table: t } if goes_with(&t.name, table, before))) =>
        {
            Some(TABLE_DROPPED_LATER)
        }
        _ => None,
    }
}

/// Whether dropping `dropped` drops `table`: the table itself, or a partition of it (at any depth).
fn goes_with(dropped: &crate::model::QName, table: &crate::model::QName, before: &Schema) -> bool {
    let mut cur = table.clone();
    for _ in 0..=before.tables.len() {
        if cur == *dropped {
            return true;
        }
        match before.tables.get(&cur).and_then(|t| t.options.partition_of.as_ref()) {
            Some(p) => cur = p.parent.clone(),
            None => return false,
        }
    }
    false
}

/// A change that only creates an object nobody else can hold a lock on yet.
fn creates_new_object(change: &Change, before: &Schema) -> bool {
    match change {
        Change::CreateNamespace { .. }
        | Change::CreateExtension { .. }
        | Change::CreateType { .. }
        | Change::CreateSequence { .. }
        | Change::CreateTable { .. } => true,
        Change::CreateView { view } => !before.views.contains_key(&view.name),
        Change::CreateFunction { function } => !before.functions.contains_key(&function.signature()),
        _ => false,
    }
}

/// Whether a squawk finding is covered by one of `our_rules` (the notes on the same step).
pub fn covered(squawk_rule: &str, our_rules: &[&str]) -> bool {
    EQUIVALENTS.iter().filter(|(s, _)| *s == squawk_rule).any(|(_, ours)| ours.iter().any(|r| our_rules.contains(r)))
}

/// Whether a squawk rule is an accepted disagreement.
pub fn accepted(squawk_rule: &str) -> bool {
    ACCEPTED_DISAGREEMENTS.iter().any(|(s, _)| *s == squawk_rule)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::risk::rules::ALL;

    #[test]
    fn every_equivalent_names_a_real_rule() {
        for (squawk, ours) in EQUIVALENTS {
            for r in *ours {
                assert!(ALL.iter().any(|x| x.id == *r), "{squawk} maps to unknown rule {r}");
            }
        }
        assert!(covered("require-lock-timeout", &["pg-lock-timeout"]));
        assert!(!covered("require-lock-timeout", &["any-drop-table"]));
        assert!(accepted("prefer-robust-stmts"));
    }

    #[test]
    fn contextual_acceptances_need_their_context() {
        use crate::model::{Column, DataType, QName, Table};
        let t = QName::new("public", "t");
        let step = |c: Change| Step::new(c, vec![String::new()]);
        let none = Schema::new(crate::Dialect::Postgres);
        let mut col = Column::new("a", DataType::simple("integer"));
        let add = step(Change::AddColumn { table: t.clone(), column: col.clone() });
        // On a table created earlier in the migration: accepted; on an existing one: a miss.
        let create = step(Change::CreateTable { table: Table::new(t.clone()) });
        let steps = [create, add.clone()];
        assert_eq!(accepted_in_context("adding-required-field", &steps, 1, &none, &none), Some(CREATED_IN_SAME_MIGRATION));
        assert_eq!(accepted_in_context("prefer-text-field", &steps, 1, &none, &none), None);
        assert_eq!(accepted_in_context("adding-required-field", &[add], 0, &none, &none), None);
        // A default that is not a literal: accepted only for a plain column with a default.
        col.default = Some("now()".into());
        let with_default = [step(Change::AddColumn { table: t.clone(), column: col })];
        assert_eq!(accepted_in_context("adding-field-with-default", &with_default, 0, &none, &none), Some(NON_VOLATILE_DEFAULT));
        // Timeouts on a comment or on a new object.
        let comment = [step(Change::SetComment { target: crate::model::CommentTarget::View(QName::new("public", "v")), comment: None })];
        assert_eq!(accepted_in_context("require-lock-timeout", &comment, 0, &none, &none), Some(COMMENT_LOCK));
        assert_eq!(accepted_in_context("ban-drop-view", &comment, 0, &none, &none), None);
        // A foreign key dropped before its table is.
        let fk = crate::model::Constraint {
            name: Some("fk".into()),
            kind: crate::model::ConstraintKind::Check { expr: "a > 0".into(), no_inherit: false },
            deferrable: crate::model::Deferrable::NotDeferrable,
            not_valid: false,
            index: Default::default(),
            not_enforced: false,
            on_conflict: None,
        };
        let drop_c = step(Change::DropConstraint { table: t.clone(), constraint: fk });
        let drop_t = step(Change::DropTable { table: Table::new(t.clone()) });
        assert_eq!(accepted_in_context("ban-drop-constraint", &[drop_c.clone(), drop_t], 0, &none, &none), Some(TABLE_DROPPED_LATER));
        assert_eq!(accepted_in_context("ban-drop-constraint", std::slice::from_ref(&drop_c), 0, &none, &none), None);
        // Zero-downtime: the contract phase, and the helper CHECK of the online SET NOT NULL.
        let mut contract = drop_c.clone();
        contract.phase = Phase::Contract;
        assert_eq!(accepted_in_context("ban-drop-constraint", &[contract.clone()], 0, &none, &none), Some(CONTRACT_PHASE));
        assert_eq!(accepted_in_context("prefer-text-field", &[contract], 0, &none, &none), None);
        let mut proven = drop_c;
        proven.rewrite = Some(crate::plan::Rewrite::NotNullProven);
        assert_eq!(accepted_in_context("ban-drop-constraint", &[proven], 0, &none, &none), Some(NOT_NULL_HELPER));
    }
}

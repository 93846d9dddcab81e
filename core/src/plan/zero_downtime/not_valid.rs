//! PostgreSQL: a FOREIGN KEY or CHECK added to a table that already holds rows is added
//! `NOT VALID` (a brief lock, no scan), then validated by `VALIDATE CONSTRAINT` in a step of its
//! own (SHARE UPDATE EXCLUSIVE: reads and writes go on during the scan). The validation step is
//! non-transactional so that it never shares a transaction, and so the ADD's lock, with the ADD.
//! Partitioned tables keep the plain form (no NOT VALID foreign keys there).

use super::{derived, existing_plain};
use crate::diff::Change;
use crate::model::{Constraint, ConstraintKind, QName};
use crate::plan::{Rewrite, Step};
use crate::render::RenderContext;

pub(super) fn rewrite(step: &Step, ctx: &RenderContext<'_>) -> Option<Vec<Step>> {
    let Change::AddConstraint { table, constraint } = &step.change else {
        return None;
    };
    if !matches!(constraint.kind, ConstraintKind::ForeignKey { .. } | ConstraintKind::Check { .. })
        || constraint.not_valid
        || !existing_plain(ctx, table)
    {
        return None;
    }
    // A foreign key to a partitioned table is cloned per partition, and VALIDATE on the parent
    // constraint leaves the clones NOT VALID: plain form there.
    if let ConstraintKind::ForeignKey { ref_table, .. } = &constraint.kind {
        let partitioned = |s: &crate::model::Schema| s.tables.get(ref_table).is_some_and(|t| t.options.partition_by.is_some());
        if partitioned(ctx.from) || partitioned(ctx.to) {
            return None;
        }
    }
    let name = constraint.name.as_ref()?;
    let [add] = step.statements.as_slice() else {
        return None;
    };
    let t = ctx.q(table);
    if !add.starts_with(&format!("ALTER TABLE {t} ADD ")) || add.contains(" NOT VALID") {
        return None;
    }
    Some(add_then_validate(step, table, constraint, format!("{add} NOT VALID"), name, ctx))
}

/// The ADD step (as given) and its validation step.
pub(super) fn add_then_validate(
    base: &Step,
    table: &QName,
    constraint: &Constraint,
    add: String,
    name: &str,
    ctx: &RenderContext<'_>,
) -> Vec<Step> {
    let change = Change::AddConstraint { table: table.clone(), constraint: constraint.clone() };
    vec![derived(base, change.clone(), vec![add], true, Rewrite::NotValid), validate_step(base, change, table, name, ctx)]
}

/// `VALIDATE CONSTRAINT` on its own, outside any transaction block.
pub(super) fn validate_step(base: &Step, change: Change, table: &QName, name: &str, ctx: &RenderContext<'_>) -> Step {
    let sql = format!("ALTER TABLE {} VALIDATE CONSTRAINT {}", ctx.q(table), ctx.id(name));
    derived(base, change, vec![sql], false, Rewrite::Validate)
}

//! PostgreSQL 12+: SET NOT NULL on a table that already holds rows, without the scan under
//! ACCESS EXCLUSIVE. A helper `CHECK (c IS NOT NULL) NOT VALID` is added (brief lock), validated
//! in a step of its own (SHARE UPDATE EXCLUSIVE), after which `SET NOT NULL` finds it and skips
//! the scan; the helper is then dropped. Before PostgreSQL 12 SET NOT NULL always scans, so the
//! plain form is kept there (its risk note says so).

use super::not_valid::validate_step;
use super::{derived, existing_plain, Names};
use crate::diff::Change;
use crate::model::{Column, Constraint, ConstraintKind, Deferrable, QName};
use crate::plan::{Rewrite, Step};
use crate::render::{self, RenderContext};

pub(super) fn rewrite(step: &Step, ctx: &RenderContext<'_>, names: &mut Names) -> Option<Vec<Step>> {
    let Change::AlterColumn { table, from, to } = &step.change else {
        return None;
    };
    if !from.nullable || to.nullable || !applies(ctx, table) {
        return None;
    }
    // Adding an identity needs NOT NULL first, and a generated column is recreated: plain form.
    if (to.identity.is_some() && from.identity.is_none()) || from.generated != to.generated {
        return None;
    }
    let rest_to = Column { nullable: true, ..to.clone() };
    let rest_change = Change::AlterColumn { table: table.clone(), from: from.clone(), to: rest_to.clone() };
    let rest = render::render(&rest_change, ctx);
    let mut out = Vec::new();
    if !rest.statements.is_empty() {
        out.push(derived(step, rest_change, rest.statements, rest.transactional, Rewrite::AlterColumn));
    }
    out.extend(steps(step, table, &rest_to, to, ctx, names));
    Some(out)
}

/// Whether the online form applies: PostgreSQL 12+ and a plain table that held rows.
pub(super) fn applies(ctx: &RenderContext<'_>, table: &QName) -> bool {
    ctx.target.not_null_proven_by_check() && existing_plain(ctx, table)
}

/// The steps that make `from` (nullable) into `to` (NOT NULL) online: helper CHECK NOT VALID,
/// its validation, then SET NOT NULL and the helper's drop.
pub(super) fn steps(base: &Step, table: &QName, from: &Column, to: &Column, ctx: &RenderContext<'_>, names: &mut Names) -> Vec<Step> {
    let t = ctx.q(table);
    let c = ctx.id(&to.name);
    let helper = names.fresh(&format!("{}_{}", table.name, to.name), "not_null");
    let check = Constraint {
        name: Some(helper.clone()),
        kind: ConstraintKind::Check { expr: format!("{c} IS NOT NULL"), no_inherit: false },
        deferrable: Deferrable::NotDeferrable,
        not_valid: true,
        index: Default::default(),
        not_enforced: false,
        on_conflict: None,
    };
    let alter = Change::AlterColumn { table: table.clone(), from: from.clone(), to: to.clone() };
    let h = ctx.id(&helper);
    vec![
        derived(
            base,
            Change::AddConstraint { table: table.clone(), constraint: check },
            vec![format!("ALTER TABLE {t} ADD CONSTRAINT {h} CHECK ({c} IS NOT NULL) NOT VALID")],
            true,
            Rewrite::NotValid,
        ),
        validate_step(base, alter.clone(), table, &helper, ctx),
        derived(
            base,
            alter,
            vec![format!("ALTER TABLE {t} ALTER COLUMN {c} SET NOT NULL"), format!("ALTER TABLE {t} DROP CONSTRAINT {h}")],
            true,
            Rewrite::NotNullProven,
        ),
    ]
}

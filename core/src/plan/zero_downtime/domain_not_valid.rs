//! PostgreSQL: a CHECK added to a domain that existed before the migration is added `NOT VALID`
//! (new and updated values are checked at once, no scan), then validated (as are the checks
//! AFTER validates) by `ALTER DOMAIN ...
//! VALIDATE CONSTRAINT` in a step of its own per check, outside any transaction block, so the
//! scan of the columns that use the domain is a separate, resumable step.

use super::derived;
use crate::diff::Change;
use crate::model::{Domain, UserType};
use crate::plan::{Rewrite, Step};
use crate::render::{self, RenderContext};

pub(super) fn rewrite(step: &Step, ctx: &RenderContext<'_>) -> Option<Vec<Step>> {
    let Change::ReplaceType { from: UserType::Domain(a), to: UserType::Domain(b) } = &step.change else {
        return None;
    };
    if !UserType::Domain(b.clone()).alters_in_place_from(&UserType::Domain(a.clone())) {
        return None;
    }
    let mut added: Vec<String> = b
        .checks
        .iter()
        .filter(|(n, e)| !a.checks.iter().any(|(an, ae)| an == n && ae == e) && !b.not_valid.contains(n))
        // A check only renamed is renamed, not added.
        .filter(|(n, e)| {
            !a.checks.iter().any(|(an, ae)| ae == e && !b.checks.iter().any(|(bn, _)| bn == an) && !a.not_valid.contains(an) && an != n)
        })
        .map(|(n, _)| n.clone())
        .collect();
    // Checks AFTER validates: the validation gets its own step too.
    added.extend(
        b.checks
            .iter()
            .filter(|(n, e)| a.checks.iter().any(|(an, ae)| an == n && ae == e) && a.not_valid.contains(n) && !b.not_valid.contains(n))
            .map(|(n, _)| n.clone()),
    );
    if added.is_empty() {
        return None;
    }
    let unvalidated = Domain { not_valid: b.not_valid.iter().chain(&added).cloned().collect(), ..b.clone() };
    let first = Change::ReplaceType { from: UserType::Domain(a.clone()), to: UserType::Domain(unvalidated.clone()) };
    let r = render::render(&first, ctx);
    let mut out = Vec::new();
    if !r.statements.is_empty() {
        out.push(derived(step, first, r.statements, r.transactional, Rewrite::NotValid));
    }
    let mut done = unvalidated;
    for n in added {
        let next = Domain { not_valid: done.not_valid.iter().filter(|x| **x != n).cloned().collect(), ..done.clone() };
        let change = Change::ReplaceType { from: UserType::Domain(done), to: UserType::Domain(next.clone()) };
        let r = render::render(&change, ctx);
        out.push(derived(step, change, r.statements, false, Rewrite::Validate));
        done = next;
    }
    Some(out)
}

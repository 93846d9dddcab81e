//! PostgreSQL sequence bounds in SQL: the statements that move a current value into new
//! bounds before an `ALTER SEQUENCE` narrows them (PostgreSQL refuses the ALTER otherwise;
//! the `pg-sequence-restart` rule notes it).

use crate::model::Sequence;
use crate::render::RenderContext;

/// `setval` only when the value is outside `to`'s bounds (the sequence's next value is then
/// the nearest bound), after a comment saying so. Empty when the bounds do not narrow.
pub(super) fn restart_into_bounds(from: &Sequence, to: &Sequence, ctx: &RenderContext<'_>) -> Vec<String> {
    if !from.narrowed_by(to) {
        return Vec::new();
    }
    let name = ctx.q(&to.name);
    let reg = ctx.lit(&name);
    let (lo, hi) = (to.effective_min(), to.effective_max());
    let mut out = vec![format!(
        "-- the current value of {name} is moved to the nearest new bound when it is outside [{lo}, {hi}]: PostgreSQL refuses the ALTER SEQUENCE otherwise"
    )];
    if lo > from.effective_min() {
        out.push(format!("SELECT setval({reg}, {lo}, false) FROM {name} WHERE last_value < {lo}"));
    }
    if hi < from.effective_max() {
        out.push(format!("SELECT setval({reg}, {hi}, false) FROM {name} WHERE last_value > {hi}"));
    }
    out
}

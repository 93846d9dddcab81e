//! PostgreSQL sequence bounds: the effective start, minimum and maximum of a sequence (the
//! model leaves defaults out), and the step that moves a current value into new bounds before
//! an `ALTER SEQUENCE` narrows them (PostgreSQL refuses the ALTER otherwise).

use crate::model::Sequence;
use crate::render::RenderContext;

fn ascending(s: &Sequence) -> bool {
    s.increment.unwrap_or(1) > 0
}

/// The smallest and largest value of the sequence's type.
fn type_range(s: &Sequence) -> (i128, i128) {
    match s.data_type.as_ref().map(|t| t.base.as_str()) {
        Some("smallint") => (i16::MIN as i128, i16::MAX as i128),
        Some("integer") => (i32::MIN as i128, i32::MAX as i128),
        _ => (i64::MIN as i128, i64::MAX as i128),
    }
}

/// Effective MINVALUE.
pub(super) fn min(s: &Sequence) -> i128 {
    s.min_value.unwrap_or(if ascending(s) { 1 } else { type_range(s).0 })
}

/// Effective MAXVALUE.
pub(super) fn max(s: &Sequence) -> i128 {
    s.max_value.unwrap_or(if ascending(s) { type_range(s).1 } else { -1 })
}

/// Effective START: MINVALUE when ascending, MAXVALUE when descending, unless stated.
pub(super) fn start(s: &Sequence) -> i128 {
    s.start.unwrap_or(if ascending(s) { min(s) } else { max(s) })
}

/// Statements that move the current value into `to`'s bounds when they are narrower than
/// `from`'s: `setval` only when the value is outside (the sequence's next value is then the
/// nearest bound). Empty when the bounds do not narrow.
pub(super) fn restart_into_bounds(from: &Sequence, to: &Sequence, ctx: &RenderContext<'_>) -> Vec<String> {
    let name = ctx.q(&to.name);
    let reg = ctx.lit(&name);
    let mut out = Vec::new();
    let (lo, hi) = (min(to), max(to));
    if lo > min(from) || hi < max(from) {
        out.push(format!("-- the current value of {name} is moved to the nearest new bound when it is outside [{lo}, {hi}]: PostgreSQL refuses the ALTER SEQUENCE otherwise"));
    }
    if lo > min(from) {
        out.push(format!("SELECT setval({reg}, {lo}, false) FROM {name} WHERE last_value < {lo}"));
    }
    if hi < max(from) {
        out.push(format!("SELECT setval({reg}, {hi}, false) FROM {name} WHERE last_value > {hi}"));
    }
    out
}

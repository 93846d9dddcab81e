//! PostgreSQL sequence bounds in SQL: an `ALTER SEQUENCE` that narrows the bounds is refused
//! while the current value lies outside them, so it restarts the sequence at the nearest new
//! bound in that case only (a `DO` block choosing the form; the `pg-sequence-restart` rule
//! notes it). The old bounds may not hold the new one, so `setval` first would not do.

use crate::model::Sequence;
use crate::render::RenderContext;

/// The statements of `ALTER SEQUENCE name opts`, taking narrowed bounds into account.
pub(super) fn alter(from: &Sequence, to: &Sequence, opts: &str, ctx: &RenderContext<'_>) -> Vec<String> {
    let name = ctx.q(&to.name);
    let alter = format!("ALTER SEQUENCE {name} {opts}");
    if !from.narrowed_by(to) {
        return vec![alter];
    }
    let (lo, hi) = (to.effective_min(), to.effective_max());
    // One branch per bound that narrows.
    let mut branches = Vec::new();
    if lo > from.effective_min() {
        branches.push(format!("(SELECT last_value < {lo} FROM {name}) THEN\n    {alter} RESTART WITH {lo};"));
    }
    if hi < from.effective_max() {
        branches.push(format!("(SELECT last_value > {hi} FROM {name}) THEN\n    {alter} RESTART WITH {hi};"));
    }
    vec![
        format!("-- the current value of {name} restarts at the nearest new bound when it is outside [{lo}, {hi}]: PostgreSQL refuses the ALTER SEQUENCE otherwise"),
        format!("DO $restart$ BEGIN\n  IF {}\n  ELSE\n    {alter};\n  END IF;\nEND $restart$", branches.join("\n  ELSIF ")),
    ]
}

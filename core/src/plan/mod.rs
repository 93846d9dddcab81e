//! Planning: order the changes so the engine accepts them, split phases and transactions, and
//! render each change into a `Step`.

mod order;
mod step;

pub use order::order;
pub use step::{Phase, Step};

use crate::diff::Change;
use crate::model::Schema;
use crate::render::{self, RenderContext};
use crate::Options;

/// Turn unordered changes into ordered, rendered steps.
pub fn plan(changes: Vec<Change>, from: &Schema, to: &Schema, options: &Options) -> Vec<Step> {
    let ctx = RenderContext {
        target: options.target,
        from,
        to,
        zero_downtime: options.zero_downtime,
    };
    order(changes)
        .into_iter()
        .map(|change| {
            let r = render::render(&change, &ctx);
            let mut step = Step::new(change, r.statements);
            step.transactional = r.transactional;
            step
        })
        .filter(|s| !s.statements.is_empty())
        .collect()
}

//! PostgreSQL: indexes of tables that already hold rows are built and dropped `CONCURRENTLY`
//! (SHARE UPDATE EXCLUSIVE: reads and writes go on), each in a non-transactional step of its
//! own, since PostgreSQL refuses CONCURRENTLY inside a transaction block. Indexes of
//! partitioned tables keep the plain form (PostgreSQL cannot build those concurrently).

use super::{derived, existing_plain};
use crate::diff::Change;
use crate::model::QName;
use crate::plan::{Rewrite, Step};
use crate::render::{self, RenderContext};

pub(super) fn rewrite(step: &Step, ctx: &RenderContext<'_>) -> Option<Vec<Step>> {
    match &step.change {
        Change::CreateIndex { table, index } if existing_plain(ctx, table) => {
            let plain = render::pg_index_sql(table, index, false, ctx);
            // Only the renderer's plain form is rewritten (not a special case it wrote otherwise).
            if step.statements.first() != Some(&plain) {
                return None;
            }
            let mut statements = vec![render::pg_index_sql(table, index, true, ctx)];
            statements.extend(step.statements.iter().skip(1).cloned());
            Some(vec![derived(step, step.change.clone(), statements, false, Rewrite::ConcurrentIndex)])
        }
        Change::DropIndex { table, index } if existing_plain(ctx, table) => {
            let q = ctx.q(&QName::new(table.schema.clone(), index.name.clone()));
            if step.statements != [format!("DROP INDEX {q}")] {
                return None;
            }
            let statements = vec![format!("DROP INDEX CONCURRENTLY IF EXISTS {q}")];
            Some(vec![derived(step, step.change.clone(), statements, false, Rewrite::ConcurrentIndex)])
        }
        _ => None,
    }
}

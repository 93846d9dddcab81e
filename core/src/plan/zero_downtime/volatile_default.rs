//! PostgreSQL: a column with a volatile default (`gen_random_uuid()`, `clock_timestamp()`...)
//! added to a table that holds rows would rewrite the table under ACCESS EXCLUSIVE. Instead the
//! column is added empty, the default is set for new rows, existing rows are backfilled in
//! batches, and NOT NULL (if asked) comes last, online where the version allows.

use super::backfill::pg_backfill;
use super::{derived, existing, existing_plain, set_not_null, Names};
use crate::diff::Change;
use crate::model::Column;
use crate::plan::{Rewrite, Step};
use crate::render::{self, common, RenderContext};
use crate::risk::support::volatility;

pub(super) fn rewrite(step: &Step, ctx: &RenderContext<'_>, names: &mut Names) -> Option<Vec<Step>> {
    let Change::AddColumn { table, column } = &step.change else {
        return None;
    };
    if column.identity.is_some() || column.generated.is_some() || column.serial || !existing_plain(ctx, table) {
        return None;
    }
    let default = column.default.as_ref()?;
    let func = volatility::volatile_call(default)?;
    if func == "nextval" || func.ends_with(".nextval") {
        return None;
    }
    let before = existing(ctx, table)?;
    let empty = Column { default: None, nullable: true, ..column.clone() };
    let with_default = Column { default: Some(default.clone()), ..empty.clone() };
    let add = Change::AddColumn { table: table.clone(), column: empty.clone() };
    let r = render::render(&add, ctx);
    let t = ctx.q(table);
    let c = ctx.id(&column.name);
    let set_default = Change::AlterColumn { table: table.clone(), from: empty, to: with_default.clone() };
    let expr = common::pg_default(default);
    let fill = pg_backfill(&before, table, &format!("{c} = {expr}"), &format!("{c} IS NULL"), &format!("{table}.{}", column.name), ctx);
    let mut out = vec![
        derived(step, add, r.statements, r.transactional, Rewrite::AddColumnEmpty),
        derived(step, set_default.clone(), vec![format!("ALTER TABLE {t} ALTER COLUMN {c} SET DEFAULT {expr}")], true, Rewrite::SetDefault),
        derived(step, set_default, vec![fill], false, Rewrite::Backfill),
    ];
    if !column.nullable {
        if set_not_null::applies(ctx, table) {
            out.extend(set_not_null::steps(step, table, &with_default, column, ctx, names));
        } else {
            let alter = Change::AlterColumn { table: table.clone(), from: with_default, to: column.clone() };
            out.push(derived(step, alter, vec![format!("ALTER TABLE {t} ALTER COLUMN {c} SET NOT NULL")], true, Rewrite::SetNotNull));
        }
    }
    Some(out)
}

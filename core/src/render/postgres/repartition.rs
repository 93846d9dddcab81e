//! The two data steps of re-creating a table whose partitioning changes (`diff/repartition.rs`):
//! its rows held in a table of their own before the old table goes, and put into the new one
//! (routed to AFTER's partitions) once it exists. Both run in the migration's transaction: a
//! row that no partition of the new table takes fails the INSERT, and everything before it in
//! the transaction is taken back with it.

use crate::model::{IdentityKind, QName, Table};
use crate::render::{RenderContext, Rendered};

pub(super) fn hold_rows(table: &Table, holding: &QName, detach: &[(QName, QName)], ctx: &RenderContext<'_>) -> Rendered {
    let mut out = vec![format!("CREATE TABLE {} AS TABLE {}", ctx.q(holding), ctx.q(&table.name))];
    for (parent, part) in detach {
        out.push(format!("ALTER TABLE {} DETACH PARTITION {}", ctx.q(parent), ctx.q(part)));
    }
    Rendered::tx(out)
}

pub(super) fn restore_rows(table: &Table, holding: &QName, columns: &[String], ctx: &RenderContext<'_>) -> Rendered {
    let t = ctx.q(&table.name);
    let mut out = Vec::new();
    if !columns.is_empty() {
        let cols = columns.iter().map(|c| ctx.id(c)).collect::<Vec<_>>().join(", ");
        let always = table.columns.iter().any(|c| c.identity.as_ref().is_some_and(|i| i.kind == IdentityKind::Always));
        let overriding = if always { " OVERRIDING SYSTEM VALUE" } else { "" };
        out.push(format!("INSERT INTO {t} ({cols}){overriding} SELECT {cols} FROM {}", ctx.q(holding)));
    }
    out.push(format!("DROP TABLE {}", ctx.q(holding)));
    // Identity sequences are new with the table: they continue after the copied values.
    for c in table.columns.iter().filter(|c| c.identity.is_some() && columns.contains(&c.name)) {
        let descending =
            c.identity.as_ref().and_then(|i| i.options.as_deref()).is_some_and(|o| o.to_ascii_uppercase().contains("INCREMENT BY -"));
        let agg = if descending { "min" } else { "max" };
        let col = ctx.id(&c.name);
        out.push(format!(
            "SELECT setval(pg_get_serial_sequence({}, {}), {agg}({col})) FROM {t} HAVING {agg}({col}) IS NOT NULL",
            ctx.lit(&t),
            ctx.lit(&c.name)
        ));
    }
    Rendered::tx(out)
}

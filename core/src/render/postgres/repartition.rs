//! The two data steps of re-creating a table whose partitioning changes (`diff/repartition.rs`):
//! its rows held in a table of their own before the old table goes, and put into the new one
//! (routed to AFTER's partitions) once it exists. Both run in the migration's transaction: a
//! row that no partition of the new table takes fails the INSERT, and everything before it in
//! the transaction is taken back with it.
//!
//! Also a new partition beside a DEFAULT partition: PostgreSQL refuses to create it while the
//! default holds a row the new bound covers, so the default partition is detached, the new one
//! created, the default's rows held, the default attached again empty, and its rows put back
//! through the parent (those the new partition covers go to it). And the mirror: a partition
//! dropped while its parent keeps a DEFAULT partition is detached and its rows go to the
//! default through the parent before it is dropped.

use crate::model::{IdentityKind, QName, Table};
use crate::render::postgres::table::bound_sql;
use crate::render::{RenderContext, Rendered};

pub(super) fn hold_rows(table: &Table, holding: &QName, detach: &[(QName, QName)], ctx: &RenderContext<'_>) -> Rendered {
    // A partition that stays a table of its own leaves first, with its rows (as `DETACH
    // PARTITION` takes them out of the parent): the holding table gets the rest, none twice.
    let mut out: Vec<String> =
        detach.iter().map(|(parent, part)| format!("ALTER TABLE {} DETACH PARTITION {}", ctx.q(parent), ctx.q(part))).collect();
    out.push(format!("CREATE TABLE {} AS TABLE {}", ctx.q(holding), ctx.q(&table.name)));
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

/// The partitioned parent and its DEFAULT partition, when `p` makes a table a partition (a new
/// one, or one attached) beside an existing DEFAULT partition the parent keeps.
pub(super) fn default_sibling(p: &crate::model::Partition, ctx: &RenderContext<'_>) -> Option<(QName, QName)> {
    if bound_sql(&p.bound) == "DEFAULT" || crate::diff::repartitioned(ctx.from, ctx.to, &p.parent) {
        return None;
    }
    let is_default_of =
        |x: &Table| x.options.partition_of.as_ref().is_some_and(|q| q.parent == p.parent && bound_sql(&q.bound) == "DEFAULT");
    let d = ctx.from.tables.values().find(|x| is_default_of(x))?;
    ctx.to.tables.get(&d.name).filter(|x| is_default_of(x))?;
    Some((p.parent.clone(), d.name.clone()))
}

/// The statement putting the rows of `t`, a partition dropped while its parent keeps its
/// DEFAULT partition, back through the parent (after `t` is detached), if so.
pub(super) fn default_taker(t: &Table, ctx: &RenderContext<'_>) -> Option<String> {
    crate::diff::default_takes_rows(ctx.from, ctx.to, t)?;
    let p = t.options.partition_of.as_ref()?;
    let parent = ctx.from.tables.get(&p.parent)?;
    let cols: Vec<String> =
        parent.columns.iter().filter(|c| c.generated.is_none() && t.column(&c.name).is_some()).map(|c| ctx.id(&c.name)).collect();
    if cols.is_empty() {
        return None;
    }
    let cols = cols.join(", ");
    let always = parent.columns.iter().any(|c| c.identity.as_ref().is_some_and(|i| i.kind == IdentityKind::Always));
    let overriding = if always { " OVERRIDING SYSTEM VALUE" } else { "" };
    Some(format!("INSERT INTO {} ({cols}){overriding} SELECT {cols} FROM {}", ctx.q(&p.parent), ctx.q(&t.name)))
}

/// `create` (the new partition, or the ATTACH of one) with the default partition's rows routed again around it.
pub(super) fn around_default(create: String, parent: &QName, default: &QName, ctx: &RenderContext<'_>) -> Vec<String> {
    let holding = crate::diff::holding_table(default);
    let (p, d, h) = (ctx.q(parent), ctx.q(default), ctx.q(&holding));
    let mut out = vec![format!("ALTER TABLE {p} DETACH PARTITION {d}"), create];
    out.push(format!("CREATE TABLE {h} AS TABLE {d}"));
    out.push(format!("DELETE FROM {d}"));
    out.push(format!("ALTER TABLE {p} ATTACH PARTITION {d} DEFAULT"));
    let (Some(old), Some(new)) = (ctx.from.tables.get(parent), ctx.to.tables.get(parent)) else { return out };
    let columns: Vec<String> =
        new.columns.iter().filter(|c| c.generated.is_none() && old.column(&c.name).is_some()).map(|c| c.name.clone()).collect();
    if !columns.is_empty() {
        let cols = columns.iter().map(|c| ctx.id(c)).collect::<Vec<_>>().join(", ");
        let always = old.columns.iter().any(|c| c.identity.as_ref().is_some_and(|i| i.kind == IdentityKind::Always));
        let overriding = if always { " OVERRIDING SYSTEM VALUE" } else { "" };
        out.push(format!("INSERT INTO {p} ({cols}){overriding} SELECT {cols} FROM {h}"));
    }
    out.push(format!("DROP TABLE {h}"));
    out
}

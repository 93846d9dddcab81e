//! The zero-downtime rewrite (`--zero-downtime`): a post-pass over the planned steps that
//! replaces each step whose plain form blocks traffic with its online form, one file per
//! rewrite:
//!
//! - `concurrent_index.rs`: `CREATE` / `DROP INDEX CONCURRENTLY`, each its own non-transactional step;
//! - `not_valid.rs`: FOREIGN KEY and CHECK added `NOT VALID`, validated in a step of their own;
//! - `domain_not_valid.rs`: the same for CHECKs added to an existing domain (`ALTER DOMAIN`);
//! - `set_not_null.rs`: SET NOT NULL proven by a validated `CHECK (c IS NOT NULL)` (PostgreSQL 12+);
//! - `unique_using_index.rs`: UNIQUE / PRIMARY KEY over a unique index built concurrently;
//! - `volatile_default.rs`: a column with a volatile default added empty, then backfilled;
//! - `expand_contract.rs`: column renames and rewriting type changes as expand / deploy / contract;
//! - `backfill.rs`: the resumable batched backfill those use;
//! - `contract_drops.rs`: drops the running application may still use wait for the contract phase;
//! - `lock_timeout.rs`: `lock_timeout` / `statement_timeout` (MySQL `lock_wait_timeout`) per step;
//! - `mysql_online.rs`: `ALGORITHM=INSTANT|INPLACE, LOCK=NONE` where the target documents it.
//!
//! SQLite has no online DDL: its plan is left as it is (`generate` says so in a diagnostic).
//! The down plan goes through the same pass, so it is the zero-downtime form too.

mod backfill;
pub use backfill::ROWS_DONE_VARIABLE;
mod concurrent_index;
mod contract_drops;
mod domain_not_valid;
mod expand_contract;
mod lock_timeout;
mod mysql_online;
mod not_valid;
mod set_not_null;
#[cfg(test)]
mod tests;
mod unique_using_index;
mod volatile_default;

use super::{Phase, Rewrite, Step};
use crate::diff::Change;
use crate::model::{QName, Table};
use crate::render::RenderContext;
use crate::Dialect;
use std::borrow::Cow;

/// Rewrite planned steps into their zero-downtime form for the context's target.
pub fn rewrite(steps: Vec<Step>, ctx: &RenderContext<'_>) -> Vec<Step> {
    match ctx.dialect() {
        Dialect::Postgres => {
            let mut names = Names::new(ctx);
            let mut out = Vec::new();
            for step in steps {
                match postgres_rewrite(&step, ctx, &mut names) {
                    Some(steps) => out.extend(steps),
                    None => out.push(step),
                }
            }
            // An engine whose schema changes are online jobs (CockroachDB) waits for them in the
            // statement: no statement_timeout may cut one short.
            let run = if ctx.target.online_ddl_by_default() {
                crate::profile::RunSettings { statement_timeout_ms: 0, ..ctx.run }
            } else {
                ctx.run
            };
            lock_timeout::postgres(by_phase(typed_after_contract(contract_drops::rewrite(out, ctx))), &run)
        }
        Dialect::Mysql => lock_timeout::mysql(by_phase(contract_drops::rewrite(mysql_online::rewrite(steps, ctx), ctx)), &ctx.run),
        Dialect::Sqlite => steps,
    }
}

/// The first rewrite that applies to the step, if any.
fn postgres_rewrite(step: &Step, ctx: &RenderContext<'_>, names: &mut Names) -> Option<Vec<Step>> {
    // An engine that runs every schema change online (CockroachDB) needs none of the rewrites
    // that avoid PostgreSQL's locks: only the expand/contract that keeps the old application
    // working, where triggers keep the two columns in step.
    if ctx.target.online_ddl_by_default() {
        return ctx.target.row_triggers().then(|| expand_contract::rewrite(step, ctx, names)).flatten();
    }
    concurrent_index::rewrite(step, ctx)
        .or_else(|| unique_using_index::rewrite(step, ctx))
        .or_else(|| not_valid::rewrite(step, ctx))
        .or_else(|| domain_not_valid::rewrite(step, ctx))
        .or_else(|| expand_contract::rewrite(step, ctx, names))
        .or_else(|| volatile_default::rewrite(step, ctx, names))
        .or_else(|| set_not_null::rewrite(step, ctx, names))
}

/// A table becoming typed (`ALTER TABLE ... OF type`) needs its columns exactly the type's:
/// when a column change of that table waits for the contract phase, so does the `OF`.
fn typed_after_contract(mut steps: Vec<Step>) -> Vec<Step> {
    let waiting: Vec<QName> = steps.iter().filter(|s| s.phase == Phase::Contract).filter_map(|s| s.change.table().cloned()).collect();
    for s in &mut steps {
        if let Change::AlterTableOptions { table, from, to } = &s.change {
            if to.of_type.is_some() && from.of_type != to.of_type && waiting.contains(table) {
                s.phase = Phase::Contract;
            }
        }
    }
    steps
}

/// Expand steps first, then the main ones, then contract (stable within a phase): the app
/// deploy goes between expand and contract.
fn by_phase(mut steps: Vec<Step>) -> Vec<Step> {
    steps.sort_by_key(|s| match s.phase {
        Phase::Expand => 0,
        Phase::Main => 1,
        Phase::Contract => 2,
    });
    steps
}

/// A step derived from `base` (same change), with its own statements, mode and rewrite name.
pub(super) fn derived(base: &Step, change: Change, statements: Vec<String>, transactional: bool, rewrite: Rewrite) -> Step {
    let mut s = Step::new(change, statements);
    s.transactional = transactional;
    s.phase = base.phase;
    s.rewrite = Some(rewrite);
    s
}

/// The table as the migration finds it, when it existed before the migration (a table created
/// by the migration is empty: nothing to do online).
/// A table re-created because its partitioning changes counts as new (its rows went in
/// under the migration's lock).
pub(super) fn existing<'a>(ctx: &RenderContext<'a>, table: &QName) -> Option<Cow<'a, Table>> {
    if ctx.dialect() == crate::Dialect::Postgres && crate::diff::repartitioned(ctx.from, ctx.to, table) {
        return None;
    }
    ctx.from_table(table)
}

/// Whether the table existed and is a plain (not partitioned) table: PostgreSQL refuses
/// CONCURRENTLY, NOT VALID foreign keys and USING INDEX on partitioned tables.
pub(super) fn existing_plain(ctx: &RenderContext<'_>, table: &QName) -> bool {
    existing(ctx, table).is_some_and(|t| t.options.partition_by.is_none())
}

/// Names of helper objects (constraints, functions, triggers) the rewrites add, unique among
/// the names of both schemas and of each other, within PostgreSQL's 63-byte limit.
pub(super) struct Names {
    taken: std::collections::BTreeSet<String>,
}

impl Names {
    fn new(ctx: &RenderContext<'_>) -> Self {
        let mut taken = std::collections::BTreeSet::new();
        for schema in [ctx.from, ctx.to] {
            for t in schema.tables.values() {
                taken.insert(t.name.name.clone());
                taken.extend(t.constraints.iter().filter_map(|c| c.name.clone()));
                taken.extend(t.indexes.iter().map(|i| i.name.clone()));
                taken.extend(t.columns.iter().map(|c| format!("{}.{}", t.name.name, c.name)));
            }
            taken.extend(schema.functions.values().map(|f| f.name.name.clone()));
            taken.extend(schema.triggers.keys().map(|(_, n)| n.clone()));
        }
        Names { taken }
    }

    /// `base` + `_` + `suffix`, cut to 63 bytes, with a counter when taken.
    pub(super) fn fresh(&mut self, base: &str, suffix: &str) -> String {
        let mut n = 0u64;
        loop {
            let suffix = if n == 0 { suffix.to_string() } else { format!("{suffix}{n}") };
            let mut head: String = base.to_string();
            while head.len() + suffix.len() + 1 > 63 {
                head.pop();
            }
            let name = format!("{head}_{suffix}");
            if self.taken.insert(name.clone()) {
                return name;
            }
            n += 1;
        }
    }

    /// A column name for `table` not used by either schema (checked as `table.column`).
    pub(super) fn fresh_column(&mut self, table: &str, base: &str, suffix: &str) -> String {
        let mut n = 0u64;
        loop {
            let suffix = if n == 0 { suffix.to_string() } else { format!("{suffix}{n}") };
            let mut head: String = base.to_string();
            while head.len() + suffix.len() + 2 > 63 {
                head.pop();
            }
            let name = format!("{head}__{suffix}");
            if self.taken.insert(format!("{table}.{name}")) {
                return name;
            }
            n += 1;
        }
    }
}

//! Rule `pg-lock-timeout`: DDL that can queue behind long transactions without a timeout.

use super::prelude::*;

pub const RULE: Rule = Rule {
    id: "pg-lock-timeout",
    dialect: Some(Dialect::Postgres),
    title: "DDL on a busy table without lock_timeout can stall every query",
    doc: DOC,
    check,
};

rule_doc!(
    r#"## What it does
Notes DDL that takes a strong lock (`ACCESS EXCLUSIVE`, `SHARE ROW EXCLUSIVE`, `SHARE`) on a
table that already exists, when the step does not set `lock_timeout`.

## Why is this bad?
Even an instant ALTER must wait for every transaction that touched the table to finish. While it
waits, every later query on the table — including plain SELECTs — queues behind it: a
long-running report can turn a millisecond migration into an outage.

## Example
```sql
ALTER TABLE "orders" ADD COLUMN "note" text;
```

## Use instead
Bound the wait and retry on failure:
```sql
SET lock_timeout = '5s';
ALTER TABLE "orders" ADD COLUMN "note" text;
```
"#
);

/// The object a step locks, if it existed before the migration (so other sessions may hold
/// locks on it).
fn locked_existing(step: &Step, ctx: &RiskContext<'_>) -> Option<String> {
    match &step.change {
        Change::DropView { view } | Change::CreateView { view } => ctx.before.views.contains_key(&view.name).then(|| view.name.to_string()),
        Change::DropType { ty } | Change::ReplaceType { from: ty, .. } => {
            ctx.before.types.contains_key(ty.name()).then(|| ty.name().to_string())
        }
        Change::AddEnumValue { name, .. } => ctx.before.types.contains_key(name).then(|| name.to_string()),
        Change::RebuildEnum { from, .. } => Some(from.name.to_string()),
        Change::AlterSequence { from, .. } | Change::DropSequence { sequence: from } => {
            ctx.before.sequences.contains_key(&from.name).then(|| from.name.to_string())
        }
        Change::DropTable { table } => Some(table.name.to_string()),
        Change::DropFunction { function } | Change::CreateFunction { function } => {
            ctx.before.functions.contains_key(&function.signature()).then(|| function.signature())
        }
        Change::DropNamespace { name } => Some(name.clone()),
        Change::DropExtension { extension } => Some(extension.name.clone()),
        // `ALTER INDEX parent ATTACH PARTITION child` locks the partition and its index.
        Change::AttachIndex { table, index, .. } => ctx.before.tables.contains_key(table).then(|| format!("index {index} of {table}")),
        Change::RenameIndex { table, from, .. } => {
            ctx.before.tables.get(table).is_some_and(|t| t.index(from).is_some()).then(|| format!("index {from} of {table}"))
        }
        _ => None,
    }
}

fn check(step: &Step, ctx: &RiskContext<'_>) -> Vec<Risk> {
    // A dependent dropped or created again by the planner locks like the change it wraps.
    if let Change::Dependent { change, .. } = &step.change {
        let mut inner = step.clone();
        inner.change = (**change).clone();
        return check(&inner, ctx);
    }
    // The zero-downtime plan sets lock_timeout for the session before its first step.
    if sql::mentions(step, "lock_timeout") || ctx.zero_downtime {
        return vec![];
    }
    if let Some(object) = locked_existing(step, ctx) {
        let mut alt = vec![sql::lock_timeout(Dialect::Postgres).unwrap_or_default()];
        alt.extend(step.statements.iter().cloned());
        return vec![Risk::new(
            RULE.id,
            RiskSeverity::Low,
            format!("The step on {object} waits for an ACCESS EXCLUSIVE lock without a timeout: behind a long transaction it blocks every later query on it. Set lock_timeout (and a statement_timeout) and retry on failure."),
        )
        .alternative(alt)];
    }
    let Some(table) = step.change.table() else {
        return vec![];
    };
    let strong = match &step.change {
        Change::AddColumn { .. }
        | Change::DropColumn { .. }
        | Change::AlterColumn { .. }
        | Change::RenameColumn { .. }
        | Change::AddConstraint { .. }
        | Change::DropConstraint { .. }
        | Change::RenameConstraint { .. }
        | Change::AlterTableOptions { .. }
        | Change::CreateTrigger { .. }
        | Change::DropTrigger { .. }
        | Change::RenameTable { .. }
        | Change::SetRowSecurity { .. }
        | Change::CreatePolicy { .. }
        | Change::DropPolicy { .. }
        | Change::SetTableComment { .. }
        // Holding a re-created table's rows (and detaching the partitions it keeps).
        | Change::HoldRows { .. } => true,
        Change::CreateIndex { .. } | Change::DropIndex { .. } => !sql::mentions(step, "CONCURRENTLY"),
        _ => false,
    };
    // Indexes and triggers also lock existing (materialized) views.
    let on_view = matches!(
        step.change,
        Change::CreateIndex { .. } | Change::DropIndex { .. } | Change::CreateTrigger { .. } | Change::DropTrigger { .. }
    ) && ctx.before.views.contains_key(table);
    if !strong || (existing_table(ctx, table).is_none() && !on_view) || sql::mentions(step, "lock_timeout") {
        return vec![];
    }
    let mut alt = vec![sql::lock_timeout(Dialect::Postgres).unwrap_or_default()];
    alt.extend(step.statements.iter().cloned());
    vec![Risk::new(
        RULE.id,
        RiskSeverity::Low,
        format!("The step on {table} waits for its lock without a timeout: behind a long transaction it blocks every later query on the table. Set lock_timeout (and a statement_timeout) and retry on failure."),
    )
    .alternative(alt)]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::risk::rules::testkit::*;

    #[test]
    fn fires_without_timeout_on_existing_tables() {
        let t = pg(15);
        let f = Fixture::new(t).with_table(table(qn(t, "o"), vec![]));
        let ch = Change::AddColumn { table: qn(t, "o"), column: col("n", "text") };
        assert_eq!(f.one(&RULE, ch.clone(), &["ALTER TABLE o ADD n text"]).safe_alternative[0], "SET lock_timeout = '5s'");
        assert!(f.run(&RULE, ch.clone(), &["SET lock_timeout = '2s'", "ALTER TABLE o ADD n text"]).is_empty());
        let ci = Change::CreateIndex { table: qn(t, "o"), index: index("i", &["n"], false) };
        assert!(f.run(&RULE, ci, &["CREATE INDEX CONCURRENTLY i ON o (n)"]).is_empty());
    }

    #[test]
    fn fires_on_indexes_of_existing_materialized_views() {
        let t = pg(15);
        let ch = Change::CreateIndex { table: qn(t, "mv"), index: index("i", &["a"], false) };
        let f = Fixture::new(t).with_matview(qn(t, "mv"));
        f.one(&RULE, ch.clone(), &["CREATE INDEX i ON mv (a)"]);
        assert!(Fixture::new(t).run(&RULE, ch, &["CREATE INDEX i ON mv (a)"]).is_empty());
    }
}

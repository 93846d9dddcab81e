//! Rule `pg-set-logged-unlogged`: switching a table between LOGGED and UNLOGGED rewrites it.

use super::prelude::*;

pub const RULE: Rule = Rule {
    id: "pg-set-logged-unlogged",
    dialect: Some(Dialect::Postgres),
    title: "SET LOGGED / SET UNLOGGED rewrites the table",
    doc: DOC,
    check,
};

rule_doc!(
    r#"## What it does
Flags a table switching between `LOGGED` and `UNLOGGED`.

## Why is this bad?
The table is rewritten under `ACCESS EXCLUSIVE` (and `SET LOGGED` writes all of it to the WAL,
which replicas must replay). An unlogged table is emptied after a crash and is not replicated.

## Example
```sql
ALTER TABLE "events" SET LOGGED;
```

## Use instead
Do it in a maintenance window, or create the table with the right persistence and copy data
across in batches.
"#
);

fn check(step: &Step, ctx: &RiskContext<'_>) -> Vec<Risk> {
    let Change::AlterTableOptions { table, from, to } = &step.change else {
        return vec![];
    };
    if from.unlogged == to.unlogged || existing_table(ctx, table).is_none() {
        return vec![];
    }
    let what = if to.unlogged { "UNLOGGED (emptied after a crash, not replicated)" } else { "LOGGED (all of it goes through the WAL)" };
    vec![Risk::new(RULE.id, RiskSeverity::High, format!("Making {table} {what} rewrites the table under ACCESS EXCLUSIVE."))
        .lock(ACCESS_EXCLUSIVE)
        .rewrites()
        .sized(ctx, table)]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::TableOptions;
    use crate::risk::rules::testkit::*;

    #[test]
    fn fires_on_persistence_change() {
        let t = pg(15);
        let f = Fixture::new(t).with_table(table(qn(t, "e"), vec![]));
        let a = TableOptions::default();
        let b = TableOptions { unlogged: true, ..Default::default() };
        assert!(f.one(&RULE, Change::AlterTableOptions { table: qn(t, "e"), from: a.clone(), to: b }, &[]).rewrites);
        assert!(f.run(&RULE, Change::AlterTableOptions { table: qn(t, "e"), from: a.clone(), to: a }, &[]).is_empty());
    }
}

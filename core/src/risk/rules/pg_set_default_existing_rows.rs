//! Rule `pg-set-default-existing-rows`: a changed default does not touch existing rows.

use super::prelude::*;

pub const RULE: Rule = Rule {
    id: "pg-set-default-existing-rows",
    dialect: Some(Dialect::Postgres),
    title: "SET DEFAULT applies to new rows only",
    doc: DOC,
    check,
};

rule_doc!(
    r#"## What it does
Notes `ALTER COLUMN ... SET DEFAULT` on an existing column.

## Why is this bad?
It is a quick catalog change under a brief `ACCESS EXCLUSIVE` lock, but it only affects rows
inserted later: existing rows keep their values (often NULL). If the new default is meant to
describe all rows, a backfill is needed, done in batches.

## Example
```sql
ALTER TABLE "users" ALTER COLUMN "plan" SET DEFAULT 'free';
```

## Use instead
```sql
ALTER TABLE "users" ALTER COLUMN "plan" SET DEFAULT 'free';
UPDATE "users" SET "plan" = 'free'
  WHERE ctid IN (SELECT ctid FROM "users" WHERE "plan" IS NULL LIMIT 10000);
```
"#
);

fn check(step: &Step, ctx: &RiskContext<'_>) -> Vec<Risk> {
    let Change::AlterColumn { table, from, to } = &step.change else {
        return vec![];
    };
    // Zero-downtime: a batched backfill of the existing rows follows the new default.
    if matches!(step.rewrite, Some(Rewrite::SetDefault | Rewrite::Backfill | Rewrite::Expand)) {
        return vec![];
    }
    let Some(default) = &to.default else {
        return vec![];
    };
    if from.default == to.default || to.identity.is_some() || existing_table(ctx, table).is_none() {
        return vec![];
    }
    let alt = if to.nullable { vec![recipes::backfill(Dialect::Postgres, table, &to.name, default)] } else { vec![] };
    vec![Risk::new(
        RULE.id,
        RiskSeverity::Info,
        format!("The new default {default} of {table}.{} applies to rows inserted from now on; existing rows keep their values.", to.name),
    )
    .lock(ACCESS_EXCLUSIVE)
    .alternative(alt)]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::risk::rules::testkit::*;

    #[test]
    fn notes_new_default() {
        let t = pg(15);
        let f = Fixture::new(t).with_table(table(qn(t, "users"), vec![col("plan", "text")]));
        let ch = Change::AlterColumn { table: qn(t, "users"), from: col("plan", "text"), to: with_default(col("plan", "text"), "'free'") };
        assert!(f.one(&RULE, ch, &[]).safe_alternative[0].contains("UPDATE"));
        let ch = Change::AlterColumn { table: qn(t, "users"), from: with_default(col("plan", "text"), "'free'"), to: col("plan", "text") };
        assert!(f.run(&RULE, ch, &[]).is_empty());
    }
}

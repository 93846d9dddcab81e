//! Rule `pg-add-unique-constraint`: a unique constraint builds its index under ACCESS EXCLUSIVE.

use super::prelude::*;

pub const RULE: Rule = Rule {
    id: "pg-add-unique-constraint",
    dialect: Some(Dialect::Postgres),
    title: "Adding a UNIQUE constraint builds its index under ACCESS EXCLUSIVE",
    doc: DOC,
    check,
};

rule_doc!(
    r#"## What it does
Flags `ADD CONSTRAINT ... UNIQUE` on an existing table, unless it is attached to an index
built beforehand (`USING INDEX`).

## Why is this bad?
The backing unique index is built while the table is locked `ACCESS EXCLUSIVE`: nothing can
read or write the table until the build ends.

## Example
```sql
ALTER TABLE "users" ADD CONSTRAINT "users_email_key" UNIQUE ("email");
```

## Use instead
Build the index concurrently (outside a transaction), then attach it, which is instant:
```sql
CREATE UNIQUE INDEX CONCURRENTLY "users_email_key" ON "users" ("email");
ALTER TABLE "users" ADD CONSTRAINT "users_email_key" UNIQUE USING INDEX "users_email_key";
```
"#
);

fn check(step: &Step, ctx: &RiskContext<'_>) -> Vec<Risk> {
    let Some(key) = keys::pg_key_addition(step, ctx, false) else {
        return vec![];
    };
    let (table, name) = (key.table, &key.name);
    // A partitioned table cannot take CREATE INDEX CONCURRENTLY.
    let alt = if key.old.options.partition_by.is_some() { vec![] } else { key.online_recipe() };
    vec![Risk::new(
        RULE.id,
        RiskSeverity::High,
        format!("Adding unique constraint {name} on {table} builds its index while holding ACCESS EXCLUSIVE: reads and writes wait for the build."),
    )
    .lock(ACCESS_EXCLUSIVE)
    .scans()
    .alternative(alt)
    .sized(ctx, table)]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::risk::rules::testkit::*;

    #[test]
    fn fires_and_suggests_concurrent_index() {
        let t = pg(15);
        let f = Fixture::new(t).with_table(table(qn(t, "users"), vec![col("email", "text")]));
        let ch = Change::AddConstraint {
            table: qn(t, "users"),
            constraint: constraint("users_email_key", ConstraintKind::Unique { columns: vec!["email".into()], nulls_not_distinct: false }),
        };
        let r = f.one(&RULE, ch.clone(), &[]);
        assert_eq!(r.safe_alternative[0], "CREATE UNIQUE INDEX CONCURRENTLY \"users_email_key\" ON \"public\".\"users\" (\"email\")");
        assert!(f.run(&RULE, ch.clone(), &["ALTER TABLE x ADD CONSTRAINT k UNIQUE USING INDEX k"]).is_empty());
        assert!(Fixture::new(t).run(&RULE, ch, &[]).is_empty());
    }
}

//! Rule `pg-add-primary-key`: a primary key added to an existing table.

use super::prelude::*;

pub const RULE: Rule = Rule {
    id: "pg-add-primary-key",
    dialect: Some(Dialect::Postgres),
    title: "Adding a PRIMARY KEY builds an index (and may scan for NULLs) under ACCESS EXCLUSIVE",
    doc: DOC,
    check,
};

rule_doc!(
    r#"## What it does
Flags `ADD CONSTRAINT ... PRIMARY KEY` on an existing table unless it uses an index built
beforehand (`USING INDEX`).

## Why is this bad?
The unique index is built under `ACCESS EXCLUSIVE`, and key columns that are still nullable
are made NOT NULL implicitly, with a full scan, under the same lock. The statement fails if
duplicates or NULLs exist.

## Example
```sql
ALTER TABLE "events" ADD PRIMARY KEY ("id");
```

## Use instead
Make the columns NOT NULL with the validated-CHECK recipe, build the index concurrently, then
attach it:
```sql
CREATE UNIQUE INDEX CONCURRENTLY "events_pkey" ON "events" ("id");
ALTER TABLE "events" ADD CONSTRAINT "events_pkey" PRIMARY KEY USING INDEX "events_pkey";
```
"#
);

fn check(step: &Step, ctx: &RiskContext<'_>) -> Vec<Risk> {
    let Some(key) = keys::pg_key_addition(step, ctx, true) else {
        return vec![];
    };
    let (table, name) = (key.table, &key.name);
    let nullable: Vec<&String> = key.columns.iter().filter(|c| key.old.column(c).is_none_or(|col| col.nullable)).collect();
    let mut alt = Vec::new();
    for c in &nullable {
        alt.extend(recipes::pg_not_null(ctx.target, table, c));
    }
    alt.extend(key.online_recipe());
    let scan = if nullable.is_empty() {
        String::new()
    } else {
        format!(
            " Nullable key columns ({}) are also scanned for NULLs under the same lock.",
            nullable.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(", ")
        )
    };
    vec![Risk::new(
        RULE.id,
        RiskSeverity::High,
        format!("Adding primary key {name} to {table} builds a unique index under ACCESS EXCLUSIVE: reads and writes wait.{scan}"),
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
    fn fires_and_handles_nullable_columns() {
        let t = pg(15);
        let f = Fixture::new(t).with_table(table(qn(t, "events"), vec![col("id", "bigint")]));
        let ch = Change::AddConstraint {
            table: qn(t, "events"),
            constraint: constraint("events_pkey", ConstraintKind::PrimaryKey { columns: vec!["id".into()] }),
        };
        let r = f.one(&RULE, ch.clone(), &[]);
        assert!(r.message.contains("Nullable key columns (id)"));
        assert!(r.safe_alternative.last().is_some_and(|s| s.ends_with("PRIMARY KEY USING INDEX \"events_pkey\"")));
        assert!(Fixture::new(t).run(&RULE, ch, &[]).is_empty());
    }
}

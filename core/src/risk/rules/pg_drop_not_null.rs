//! Rule `pg-drop-not-null`: a column starts accepting NULL.

use super::prelude::*;

pub const RULE: Rule = Rule {
    id: "pg-drop-not-null",
    dialect: Some(Dialect::Postgres),
    title: "DROP NOT NULL lets NULLs reach code that does not expect them",
    doc: DOC,
    check,
};

rule_doc!(
    r#"## What it does
Flags `ALTER COLUMN ... DROP NOT NULL` on an existing column.

## Why is this bad?
The statement itself is quick (a brief `ACCESS EXCLUSIVE` lock, no scan), but once new code
writes NULLs, readers that assumed a value — the running application, reports, functions —
can crash or mis-compute. The reverse change later needs a full scan.

## Example
```sql
ALTER TABLE "users" ALTER COLUMN "email" DROP NOT NULL;
```

## Use instead
Deploy readers that handle NULL first, then drop the constraint with a lock timeout:
```sql
SET lock_timeout = '5s';
ALTER TABLE "users" ALTER COLUMN "email" DROP NOT NULL;
```
"#
);

fn check(step: &Step, ctx: &RiskContext<'_>) -> Vec<Risk> {
    let Change::AlterColumn { table, from, to } = &step.change else {
        return vec![];
    };
    if from.nullable || !to.nullable || existing_table(ctx, table).is_none() {
        return vec![];
    }
    vec![Risk::new(
        RULE.id,
        RiskSeverity::Low,
        format!(
            "{table}.{} will accept NULL: code that assumes a value (the running application, reports) must handle NULL before new writers send it.",
            to.name
        ),
    )
    .lock(ACCESS_EXCLUSIVE)]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::risk::rules::testkit::*;

    #[test]
    fn fires_only_when_nullability_is_dropped() {
        let t = pg(15);
        let f = Fixture::new(t).with_table(table(qn(t, "users"), vec![not_null(col("email", "text"))]));
        let ch = |a, b| Change::AlterColumn { table: qn(t, "users"), from: a, to: b };
        assert_eq!(f.one(&RULE, ch(not_null(col("email", "text")), col("email", "text")), &[]).severity, RiskSeverity::Low);
        assert!(f.run(&RULE, ch(col("email", "text"), not_null(col("email", "text"))), &[]).is_empty());
    }
}

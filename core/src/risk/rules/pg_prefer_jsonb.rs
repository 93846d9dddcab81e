//! Rule `pg-prefer-jsonb`: new `json` columns.

use super::prelude::*;

pub const RULE: Rule =
    Rule { id: "pg-prefer-jsonb", dialect: Some(Dialect::Postgres), title: "A new json column: prefer jsonb", doc: DOC, check };

rule_doc!(
    r#"## What it does
Flags new columns (in `CREATE TABLE` or `ADD COLUMN`) of type `json`.

## Why is this bad?
`json` keeps the raw text and has no equality operator: `SELECT DISTINCT`, `UNION`, `GROUP BY`
and comparisons over rows containing it fail, and it cannot be indexed with GIN. Moving to
`jsonb` later is a type change that rewrites the table.

## Example
```sql
ALTER TABLE "events" ADD COLUMN "payload" json;
```

## Use instead
```sql
ALTER TABLE "events" ADD COLUMN "payload" jsonb;
```
"#
);

fn check(step: &Step, _ctx: &RiskContext<'_>) -> Vec<Risk> {
    let is_json = |c: &Column| c.data_type.base == "json" && !c.data_type.user_defined;
    let Some((table, hits)) = columns::matching(&step.change, columns::Altered::Never, is_json) else {
        return vec![];
    };
    let d = Dialect::Postgres;
    hits.into_iter()
        .map(|c| {
            let mut ty = c.data_type.clone();
            ty.base = "jsonb".into();
            Risk::new(
                RULE.id,
                RiskSeverity::Low,
                format!("Column {} of {table} is json: it has no equality operator (DISTINCT, UNION, GROUP BY fail) and no GIN indexing; jsonb has both.", c.name),
            )
            .alternative(vec![format!(
                "ALTER TABLE {} ADD COLUMN {} {}",
                sql::qn(d, table),
                sql::id(d, &c.name),
                sql::ty(d, &ty)
            )])
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::risk::rules::testkit::*;

    #[test]
    fn fires_for_json_only() {
        let t = pg(15);
        let f = Fixture::new(t);
        let tab = table(qn(t, "events"), vec![col("a", "json"), col("b", "jsonb")]);
        let r = f.run(&RULE, Change::CreateTable { table: tab }, &[]);
        assert_eq!(r.len(), 1);
        assert!(r[0].message.contains("Column a"));
        assert!(r[0].safe_alternative[0].ends_with("jsonb"));
    }
}

//! Rule `pg-alter-column-type-metadata-only`: a binary-coercible type change (no rewrite).

use super::prelude::*;

pub const RULE: Rule = Rule {
    id: "pg-alter-column-type-metadata-only",
    dialect: Some(Dialect::Postgres),
    title: "A binary-coercible type change: no rewrite, brief lock, statistics reset",
    doc: DOC,
    check,
};

rule_doc!(
    r#"## What it does
Notes `ALTER COLUMN ... TYPE` changes that PostgreSQL performs without rewriting the table:
a longer or unlimited `varchar`, `varchar` → `text`, more numeric precision at the same scale,
more fractional-second precision, `cidr` → `inet`.

## Why is this bad?
It is mostly safe: the catalog changes and the lock is short. But the statement still takes an
`ACCESS EXCLUSIVE` lock, which queues behind long transactions, and it resets the column's
statistics, so the planner may choose poor plans until the next `ANALYZE`.

## Example
```sql
ALTER TABLE "users" ALTER COLUMN "name" TYPE varchar(200);
```

## Use instead
Run it with a lock timeout and analyze the column afterwards:
```sql
SET lock_timeout = '5s';
ALTER TABLE "users" ALTER COLUMN "name" TYPE varchar(200);
ANALYZE "users" ("name");
```
"#
);

fn check(step: &Step, ctx: &RiskContext<'_>) -> Vec<Risk> {
    let Change::AlterColumn { table, from, to } = &step.change else {
        return vec![];
    };
    if from.data_type == to.data_type || !crate::model::type_change::pg_no_rewrite(&from.data_type, &to.data_type) {
        return vec![];
    }
    if existing_table(ctx, table).is_none() {
        return vec![];
    }
    let d = Dialect::Postgres;
    vec![Risk::new(
        RULE.id,
        RiskSeverity::Info,
        format!(
            "Changing {table}.{} from {} to {} is metadata only (no rewrite), but takes a brief ACCESS EXCLUSIVE lock and resets the column's statistics.",
            to.name, from.data_type, to.data_type
        ),
    )
    .lock(ACCESS_EXCLUSIVE)
    .alternative(vec![format!("ANALYZE {} ({})", sql::qn(d, table), sql::id(d, &to.name))])]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::risk::rules::testkit::*;

    #[test]
    fn notes_widening_only() {
        let t = pg(15);
        let f = Fixture::new(t).with_table(table(qn(t, "users"), vec![col("name", "text")]));
        let ch = |a: Column, b: Column| Change::AlterColumn { table: qn(t, "users"), from: a, to: b };
        let r = f.one(&RULE, ch(col_args("name", "character varying", &["10"]), col("name", "text")), &[]);
        assert_eq!(r.severity, RiskSeverity::Info);
        assert!(r.safe_alternative[0].starts_with("ANALYZE"));
        assert!(f.run(&RULE, ch(col("name", "integer"), col("name", "bigint")), &[]).is_empty());
    }
}

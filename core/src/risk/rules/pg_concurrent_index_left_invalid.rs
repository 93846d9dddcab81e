//! Rule `pg-concurrent-index-left-invalid`: a failed concurrent build leaves an invalid index.

use super::prelude::*;

pub const RULE: Rule = Rule {
    id: "pg-concurrent-index-left-invalid",
    dialect: Some(Dialect::Postgres),
    title: "A failed CREATE INDEX CONCURRENTLY leaves an INVALID index behind",
    doc: DOC,
    check,
};

rule_doc!(
    r#"## What it does
Notes every `CREATE INDEX CONCURRENTLY`.

## Why is this bad?
If the build fails (deadlock, duplicate key, lock or statement timeout, cancel), PostgreSQL
leaves the index in place marked INVALID: it keeps the name, slows every write, and a unique
one still rejects duplicates. A retry with `IF NOT EXISTS` then "succeeds" without building
anything.

## Example
```sql
CREATE INDEX CONCURRENTLY "orders_user_idx" ON "orders" ("user_id");
```

## Use instead
Before retrying, check validity and drop the leftover:
```sql
SELECT indisvalid FROM pg_index WHERE indexrelid = '"orders_user_idx"'::regclass;
DROP INDEX CONCURRENTLY IF EXISTS "orders_user_idx";
CREATE INDEX CONCURRENTLY "orders_user_idx" ON "orders" ("user_id");
```
"#
);

fn check(step: &Step, _ctx: &RiskContext<'_>) -> Vec<Risk> {
    let Change::CreateIndex { table, index } = &step.change else {
        return vec![];
    };
    if !sql::mentions(step, "CONCURRENTLY") {
        return vec![];
    }
    let d = Dialect::Postgres;
    let idx = sql::qn(d, &QName::new(table.schema.clone(), index.name.clone()));
    let mut alt = vec![
        format!("SELECT indisvalid FROM pg_index WHERE indexrelid = {}::regclass", crate::render::quote::literal(d, &idx)),
        format!("DROP INDEX CONCURRENTLY IF EXISTS {idx}"),
    ];
    alt.extend(step.statements.iter().cloned());
    vec![Risk::new(
        RULE.id,
        RiskSeverity::Low,
        format!("If building index {} on {table} concurrently fails, an INVALID index remains: drop it before retrying.", index.name),
    )
    .lock(SHARE_UPDATE_EXCLUSIVE)
    .scans()
    .alternative(alt)]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::risk::rules::testkit::*;

    #[test]
    fn notes_concurrent_builds_only() {
        let t = pg(15);
        let f = Fixture::new(t);
        let ch = Change::CreateIndex { table: qn(t, "orders"), index: index("orders_user_idx", &["user_id"], false) };
        let r = f.one(&RULE, ch.clone(), &["CREATE INDEX CONCURRENTLY \"orders_user_idx\" ON \"public\".\"orders\" (\"user_id\")"]);
        assert_eq!(r.safe_alternative[1], "DROP INDEX CONCURRENTLY IF EXISTS \"public\".\"orders_user_idx\"");
        assert!(f.run(&RULE, ch, &["CREATE INDEX \"i\" ON \"t\" (\"c\")"]).is_empty());
    }
}

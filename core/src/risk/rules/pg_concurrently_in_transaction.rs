//! Rule `pg-concurrently-in-transaction`: CONCURRENTLY statements inside a transaction fail.

use super::prelude::*;

pub const RULE: Rule = Rule {
    id: "pg-concurrently-in-transaction",
    dialect: Some(Dialect::Postgres),
    title: "CONCURRENTLY cannot run inside a transaction block",
    doc: DOC,
    check,
};

rule_doc!(
    r#"## What it does
Flags a step marked transactional whose statements use `CREATE INDEX CONCURRENTLY`,
`DROP INDEX CONCURRENTLY`, `REINDEX ... CONCURRENTLY` or `DETACH PARTITION ... CONCURRENTLY`.

## Why is this bad?
PostgreSQL refuses these statements inside a transaction block ("cannot run inside a
transaction block"), so the migration fails — also when a migration tool wraps each file in
`BEGIN`/`COMMIT`.

## Example
```sql
BEGIN;
CREATE INDEX CONCURRENTLY "i" ON "t" ("c");
COMMIT;
```

## Use instead
Run the statement on its own, outside any transaction (one statement per migration file, or
the tool's "no transaction" switch).
"#
);

fn check(step: &Step, _ctx: &RiskContext<'_>) -> Vec<Risk> {
    if !step.transactional || !sql::mentions(step, "CONCURRENTLY") {
        return vec![];
    }
    let target = step.change.table().map(|t| t.to_string()).unwrap_or_default();
    vec![Risk::new(
        RULE.id,
        RiskSeverity::Critical,
        format!("This step on {target} uses CONCURRENTLY inside a transaction block: PostgreSQL rejects it and the migration fails."),
    )
    .alternative(step.statements.iter().map(|s| format!("-- outside any transaction\n{s}")).collect())]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::risk::rules::testkit::*;

    #[test]
    fn fires_only_in_transactional_steps() {
        let t = pg(15);
        let f = Fixture::new(t);
        let ch = Change::CreateIndex { table: qn(t, "t"), index: index("i", &["c"], false) };
        let s = "CREATE INDEX CONCURRENTLY \"i\" ON \"t\" (\"c\")";
        assert_eq!(f.one(&RULE, ch.clone(), &[s]).severity, RiskSeverity::Critical);
        let mut step = Step::new(ch, vec![s.to_string()]);
        step.transactional = false;
        assert!((RULE.check)(&step, &f.ctx()).is_empty());
    }
}

//! Rule `pg-enum-add-value`: ALTER TYPE ... ADD VALUE.

use super::prelude::*;

pub const RULE: Rule = Rule {
    id: "pg-enum-add-value",
    dialect: Some(Dialect::Postgres),
    title: "ALTER TYPE ... ADD VALUE: transaction limits and readers that do not know the value",
    doc: DOC,
    check,
};

rule_doc!(
    r#"## What it does
Notes `ALTER TYPE ... ADD VALUE` on an enum.

## Why is this bad?
Before PostgreSQL 12 the statement cannot run inside a transaction block at all, so a migration
wrapped in `BEGIN`/`COMMIT` fails. From 12 it can, but the new value cannot be used until the
transaction commits, so a later statement in the same transaction that uses it fails. Readers of
the running application may not handle the new value.

## Example
```sql
ALTER TYPE "order_status" ADD VALUE 'refunded' AFTER 'paid';
```

## Use instead
Run it in its own step (outside a transaction before PostgreSQL 12), before anything that uses
the value, and deploy readers that accept it first.
"#
);

fn check(step: &Step, ctx: &RiskContext<'_>) -> Vec<Risk> {
    let Change::AddEnumValue { name, value, .. } = &step.change else {
        return vec![];
    };
    if !ctx.target.enum_add_value_in_transaction() && step.transactional {
        return vec![Risk::new(
            RULE.id,
            RiskSeverity::Critical,
            format!("{} cannot run ALTER TYPE {name} ADD VALUE '{value}' inside a transaction block: this step fails unless it runs on its own.", ctx.target.label()),
        )
        .alternative(step.statements.iter().map(|s| format!("-- outside any transaction\n{s}")).collect())];
    }
    vec![Risk::new(
        RULE.id,
        RiskSeverity::Low,
        format!("Enum {name} gains '{value}': it cannot be used in the same transaction, and readers of the running application may not handle it."),
    )]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::risk::rules::testkit::*;

    #[test]
    fn version_edge_at_12() {
        let ch = |t| Change::AddEnumValue { name: qn(t, "s"), value: "x".into(), before: None, after: None };
        assert_eq!(Fixture::new(pg(11)).one(&RULE, ch(pg(11)), &["ALTER TYPE s ADD VALUE 'x'"]).severity, RiskSeverity::Critical);
        assert_eq!(Fixture::new(pg(12)).one(&RULE, ch(pg(12)), &[]).severity, RiskSeverity::Low);
    }
}

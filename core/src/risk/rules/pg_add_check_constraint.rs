//! Rule `pg-add-check-constraint`: a validated CHECK scans the table under ACCESS EXCLUSIVE.

use super::prelude::*;

pub const RULE: Rule = Rule {
    id: "pg-add-check-constraint",
    dialect: Some(Dialect::Postgres),
    title: "Adding a validated CHECK constraint scans the table under ACCESS EXCLUSIVE",
    doc: DOC,
    check,
};

rule_doc!(
    r#"## What it does
Flags `ADD CONSTRAINT ... CHECK (...)` on an existing table unless it is added `NOT VALID`.

## Why is this bad?
PostgreSQL checks every existing row while holding `ACCESS EXCLUSIVE`: all reads and writes
wait for the scan. The statement also fails if any row violates the condition.

## Example
```sql
ALTER TABLE "accounts" ADD CONSTRAINT "balance_positive" CHECK ("balance" >= 0);
```

## Use instead
```sql
ALTER TABLE "accounts" ADD CONSTRAINT "balance_positive" CHECK ("balance" >= 0) NOT VALID;
ALTER TABLE "accounts" VALIDATE CONSTRAINT "balance_positive";  -- separate transaction
```
"#
);

fn check(step: &Step, ctx: &RiskContext<'_>) -> Vec<Risk> {
    let Change::AddConstraint { table, constraint } = &step.change else {
        return vec![];
    };
    let ConstraintKind::Check { expr, .. } = &constraint.kind else {
        return vec![];
    };
    if existing_table(ctx, table).is_none() || constraint.not_valid || sql::mentions(step, "NOT VALID") {
        return vec![];
    }
    let d = Dialect::Postgres;
    let t = sql::qn(d, table);
    let name = constraint.name.clone().unwrap_or_else(|| sql::derived_name(table, "check"));
    if sql::validate_only(step) {
        // The zero-downtime form's second half: no long lock, but the same verdict on the rows.
        return vec![Risk::new(
            RULE.id,
            RiskSeverity::High,
            format!(
                "Validating check {name} on {table} fails if a row violates ({expr}); the constraint then stays NOT VALID, checking new writes only."
            ),
        )
        .scans()
        .alternative(vec![format!("SELECT count(*) FROM {t} WHERE NOT ({expr})")])];
    }
    let n = sql::id(d, &name);
    vec![Risk::new(
        RULE.id,
        RiskSeverity::High,
        format!("Adding check {name} on {table} verifies every row while holding ACCESS EXCLUSIVE, and fails if a row violates ({expr})."),
    )
    .lock(ACCESS_EXCLUSIVE)
    .scans()
    .alternative(vec![
        format!("ALTER TABLE {t} ADD CONSTRAINT {n} CHECK ({expr}) NOT VALID"),
        format!("-- in a separate transaction\nALTER TABLE {t} VALIDATE CONSTRAINT {n}"),
    ])
    .sized(ctx, table)]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::risk::rules::testkit::*;

    #[test]
    fn fires_unless_not_valid() {
        let t = pg(15);
        let f = Fixture::new(t).with_table(table(qn(t, "accounts"), vec![col("balance", "numeric")])).rows("accounts", 100);
        let ch = Change::AddConstraint {
            table: qn(t, "accounts"),
            constraint: constraint("balance_positive", ConstraintKind::Check { expr: "balance >= 0".into(), no_inherit: false }),
        };
        let r = f.one(&RULE, ch.clone(), &[]);
        assert_eq!(r.severity, RiskSeverity::Low);
        assert!(r.safe_alternative[0].ends_with("NOT VALID"));
        assert!(f.run(&RULE, ch, &["ALTER TABLE a ADD CONSTRAINT b CHECK (balance >= 0) NOT VALID"]).is_empty());
    }
}

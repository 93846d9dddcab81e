//! Rule `pg-validate-in-same-transaction`: NOT VALID and VALIDATE in one transaction.

use super::prelude::*;

pub const RULE: Rule = Rule {
    id: "pg-validate-in-same-transaction",
    dialect: Some(Dialect::Postgres),
    title: "VALIDATE CONSTRAINT in the same transaction as the ADD ... NOT VALID gains nothing",
    doc: DOC,
    check,
};

rule_doc!(
    r#"## What it does
Flags a transactional step that both adds a constraint `NOT VALID` and validates it.

## Why is this bad?
The `ADD CONSTRAINT` lock (`ACCESS EXCLUSIVE` for a CHECK, `SHARE ROW EXCLUSIVE` for a foreign
key) is held until the transaction commits, so the validation scan runs under it and blocks
traffic exactly as a plain `ADD CONSTRAINT` would.

## Example
```sql
BEGIN;
ALTER TABLE "t" ADD CONSTRAINT "c" CHECK ("x" > 0) NOT VALID;
ALTER TABLE "t" VALIDATE CONSTRAINT "c";
COMMIT;
```

## Use instead
Commit after the `NOT VALID` statement and validate in a separate transaction.
"#
);

fn check(step: &Step, _ctx: &RiskContext<'_>) -> Vec<Risk> {
    if !step.transactional || !sql::mentions(step, "NOT VALID") || !sql::mentions(step, "VALIDATE CONSTRAINT") {
        return vec![];
    }
    let add: Vec<String> = step.statements.iter().filter(|s| !s.to_ascii_uppercase().contains("VALIDATE CONSTRAINT")).cloned().collect();
    let validate: Vec<String> = step
        .statements
        .iter()
        .filter(|s| s.to_ascii_uppercase().contains("VALIDATE CONSTRAINT"))
        .map(|s| format!("-- in a separate transaction\n{s}"))
        .collect();
    let target = step.change.table().map(|t| t.to_string()).unwrap_or_default();
    vec![Risk::new(
        RULE.id,
        RiskSeverity::High,
        format!("The constraint on {target} is added NOT VALID and validated in the same transaction: the validation scan runs under the ADD lock, which blocks traffic."),
    )
    .lock(ACCESS_EXCLUSIVE)
    .scans()
    .alternative(add.into_iter().chain(validate).collect())]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::risk::rules::testkit::*;

    #[test]
    fn fires_only_when_both_share_a_transaction() {
        let t = pg(15);
        let f = Fixture::new(t);
        let ch = Change::SetComment { target: crate::model::CommentTarget::Schema("x".into()), comment: None };
        let s = ["ALTER TABLE t ADD CONSTRAINT c CHECK (x > 0) NOT VALID", "ALTER TABLE t VALIDATE CONSTRAINT c"];
        assert_eq!(f.one(&RULE, ch.clone(), &s).safe_alternative.len(), 2);
        let mut step = Step::new(ch, s.iter().map(|x| x.to_string()).collect());
        step.transactional = false;
        assert!((RULE.check)(&step, &f.ctx()).is_empty());
    }
}

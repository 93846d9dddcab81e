//! Rule `any-drop-check-constraint`: a CHECK stops validating writes.

use super::prelude::*;

pub const RULE: Rule = Rule {
    id: "any-drop-check-constraint",
    dialect: None,
    title: "Dropping a CHECK or EXCLUDE constraint stops validating writes",
    doc: DOC,
    check,
};

rule_doc!(
    r#"## What it does
Notes a dropped CHECK (or PostgreSQL EXCLUDE) constraint on a table that stays (unless the same constraint is
re-created by the migration).

## Why is this bad?
From then on, rows that violate the condition are accepted; adding the constraint back later
requires every row to pass again (a full scan, and a failure if bad rows slipped in).

## Example
```sql
ALTER TABLE "accounts" DROP CONSTRAINT "balance_positive";
```

## Use instead
Make sure the application enforces the rule, or replace the constraint with the new one in the
same migration.
"#
);

fn check(step: &Step, ctx: &RiskContext<'_>) -> Vec<Risk> {
    let Change::DropConstraint { table, constraint } = &step.change else {
        return vec![];
    };
    let what = match &constraint.kind {
        ConstraintKind::Check { expr, .. } => format!("rows violating ({expr}) are accepted from now on"),
        ConstraintKind::Exclude { definition } => {
            format!("overlapping rows (EXCLUDE {definition}) are accepted from now on, and its index goes with it")
        }
        _ => return vec![],
    };
    let Some(new) = ctx.after.tables.get(table) else {
        return vec![];
    };
    if new.constraints.iter().any(|c| c.same_definition(constraint)) {
        return vec![];
    }
    let name = constraint.name.clone().unwrap_or_default();
    vec![Risk::new(RULE.id, RiskSeverity::Low, format!("Dropping {} {name} on {table}: {what}.", constraint.kind.label()))
        .lock(sql::brief_ddl_lock(ctx.target.dialect))]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::risk::rules::testkit::*;

    #[test]
    fn fires_unless_re_created() {
        let t = pg(15);
        let c = constraint("pos", ConstraintKind::Check { expr: "a > 0".into(), no_inherit: false });
        let mut with = table(qn(t, "a"), vec![col("a", "integer")]);
        with.constraints.push(c.clone());
        let without = table(qn(t, "a"), vec![col("a", "integer")]);
        let ch = Change::DropConstraint { table: qn(t, "a"), constraint: c };
        assert_eq!(Fixture::new(t).before_table(with.clone()).after_table(without).run(&RULE, ch.clone(), &[]).len(), 1);
        assert!(Fixture::new(t).with_table(with).run(&RULE, ch, &[]).is_empty());
    }
}

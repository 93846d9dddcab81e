//! Rule `mysql-check-constraint-ignored`: MySQL before 8.0.16 parses CHECK and ignores it.

use super::prelude::*;

pub const RULE: Rule = Rule {
    id: "mysql-check-constraint-ignored",
    dialect: Some(Dialect::Mysql),
    title: "MySQL before 8.0.16 accepts CHECK constraints and does not enforce them",
    doc: DOC,
    check,
};

rule_doc!(
    r#"## What it does
Flags CHECK constraints (in `CREATE TABLE` or `ADD CONSTRAINT`) when the target is MySQL older
than 8.0.16.

## Why is this bad?
Those versions parse the CHECK clause and silently discard it: the constraint you expect does
not exist, bad rows are accepted, and the schema dumped from the server does not contain it.

## Example
```sql
-- MySQL 5.7
ALTER TABLE `accounts` ADD CONSTRAINT `balance_positive` CHECK (`balance` >= 0);
```

## Use instead
Enforce the rule with a `BEFORE INSERT` / `BEFORE UPDATE` trigger that raises an error
(`SIGNAL SQLSTATE '45000'`), or upgrade to MySQL 8.0.16+.
"#
);

fn check(step: &Step, ctx: &RiskContext<'_>) -> Vec<Risk> {
    let t = ctx.target;
    if t.check_constraints_enforced() {
        return vec![];
    }
    let (table, names): (&QName, Vec<String>) = match &step.change {
        Change::AddConstraint { table, constraint } if matches!(constraint.kind, ConstraintKind::Check { .. }) => {
            (table, vec![constraint.name.clone().unwrap_or_default()])
        }
        Change::CreateTable { table } => (
            &table.name,
            table
                .constraints
                .iter()
                .filter(|c| matches!(c.kind, ConstraintKind::Check { .. }))
                .map(|c| c.name.clone().unwrap_or_default())
                .collect(),
        ),
        _ => return vec![],
    };
    if names.is_empty() {
        return vec![];
    }
    vec![Risk::new(
        RULE.id,
        RiskSeverity::Medium,
        format!("{} ignores CHECK constraints ({}) on {table}: they are accepted but not enforced.", t.label(), names.join(", ")),
    )]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::risk::rules::testkit::*;

    #[test]
    fn fires_before_8_0_only() {
        let ch = |t| Change::AddConstraint {
            table: qn(t, "a"),
            constraint: constraint("c", ConstraintKind::Check { expr: "b > 0".into(), no_inherit: false }),
        };
        assert_eq!(Fixture::new(mysql(5, 7)).run(&RULE, ch(mysql(5, 7)), &[]).len(), 1);
        assert!(Fixture::new(mysql(8, 0)).run(&RULE, ch(mysql(8, 0)), &[]).is_empty());
        assert!(Fixture::new(mariadb(10, 2)).run(&RULE, ch(mariadb(10, 2)), &[]).is_empty());
    }
}

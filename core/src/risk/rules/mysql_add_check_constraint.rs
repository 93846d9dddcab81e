//! Rule `mysql-add-check-constraint`: a new CHECK validates every row with writes blocked.

use super::prelude::*;

pub const RULE: Rule = Rule {
    id: "mysql-add-check-constraint",
    dialect: Some(Dialect::Mysql),
    title: "Adding a CHECK constraint copies the table to validate it",
    doc: DOC,
    check,
};

rule_doc!(
    r#"## What it does
Flags `ADD CONSTRAINT ... CHECK` on an existing table where checks are enforced (MySQL
8.0.16+, MariaDB 10.2+).

## Why is this bad?
Every existing row is validated in a table copy that blocks writes, and the statement fails
if any row violates the condition. There is no NOT VALID form.

## Example
```sql
ALTER TABLE `accounts` ADD CONSTRAINT `balance_positive` CHECK (`balance` >= 0);
```

## Use instead
Check the data first; add the constraint in a quiet period or with an online schema-change
tool (or enforce it in the application):
```sql
SELECT count(*) FROM `accounts` WHERE NOT (`balance` >= 0);
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
    let t = ctx.target;
    let enforced = t.check_constraints_enforced();
    if !enforced || existing_table(ctx, table).is_none() {
        return vec![];
    }
    let d = Dialect::Mysql;
    let mut alt = vec![format!("SELECT count(*) FROM {} WHERE NOT ({expr})", sql::qn(d, table))];
    if let Some(s) = step.statements.first() {
        alt.extend(mysql::online_tool(ctx, table, s));
    }
    let name = constraint.name.clone().unwrap_or_default();
    vec![Risk::new(
        RULE.id,
        RiskSeverity::High,
        format!(
            "Adding check {name} on {table} validates every row in a table copy that blocks writes, and fails if a row violates ({expr})."
        ),
    )
    .lock(MYSQL_COPY)
    .rewrites()
    .scans()
    .alternative(alt)
    .sized(ctx, table)]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::risk::rules::testkit::*;

    #[test]
    fn fires_where_enforced() {
        let ch = |t| Change::AddConstraint {
            table: qn(t, "a"),
            constraint: constraint("c", ConstraintKind::Check { expr: "`b` >= 0".into(), no_inherit: false }),
        };
        for (t, n) in [(mysql(8, 0), 1), (mariadb(10, 6), 1), (mysql(5, 7), 0)] {
            let f = Fixture::new(t).with_table(table(qn(t, "a"), vec![col("b", "int")]));
            assert_eq!(f.run(&RULE, ch(t), &[]).len(), n);
        }
    }
}

//! Rule `pg-domain-check-constraint`: constraints on domains.

use super::prelude::*;
use crate::model::UserType;

pub const RULE: Rule = Rule {
    id: "pg-domain-check-constraint",
    dialect: Some(Dialect::Postgres),
    title: "CHECK constraints on domains are hard to change online",
    doc: DOC,
    check,
};

rule_doc!(
    r#"## What it does
Notes a new (or re-created) domain that carries CHECK or NOT NULL constraints.

## Why is this bad?
Every column of the domain type is checked against the domain's constraints: adding a column
of that type checks the whole table, and changing the constraints later re-validates every
column using the domain, across tables. Table CHECK constraints can be added `NOT VALID` and
validated without blocking instead.

## Example
```sql
CREATE DOMAIN "email" AS text CHECK (VALUE LIKE '%@%');
```

## Use instead
Use the base type and a table CHECK constraint on each column:
```sql
ALTER TABLE "users" ADD CONSTRAINT "users_email_check" CHECK ("email" LIKE '%@%') NOT VALID;
ALTER TABLE "users" VALIDATE CONSTRAINT "users_email_check";
```
"#
);

fn check(step: &Step, _ctx: &RiskContext<'_>) -> Vec<Risk> {
    let ty = match &step.change {
        Change::CreateType { ty } => ty,
        Change::ReplaceType { to, .. } => to,
        _ => return vec![],
    };
    let UserType::Domain(d) = ty else {
        return vec![];
    };
    if d.checks.is_empty() && !d.not_null {
        return vec![];
    }
    vec![Risk::new(
        RULE.id,
        RiskSeverity::Low,
        format!(
            "Domain {} has constraints: adding columns of this type, or changing its constraints later, checks every row that uses it.",
            d.name
        ),
    )]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Domain;
    use crate::risk::rules::testkit::*;

    #[test]
    fn fires_for_constrained_domains() {
        let t = pg(15);
        let dom = |checks: Vec<(String, String)>| {
            UserType::Domain(Domain {
                name: qn(t, "email"),
                data_type: DataType::simple("text"),
                not_null: false,
                default: None,
                collation: None,
                checks,
                comment: None,
                not_valid: Default::default(),
            })
        };
        let f = Fixture::new(t);
        assert_eq!(f.run(&RULE, Change::CreateType { ty: dom(vec![("c".into(), "VALUE LIKE '%@%'".into())]) }, &[]).len(), 1);
        assert!(f.run(&RULE, Change::CreateType { ty: dom(vec![]) }, &[]).is_empty());
    }
}

//! Rule `any-identifier-too-long`: names longer than the engine keeps.

use super::prelude::*;

pub const RULE: Rule = Rule {
    id: "any-identifier-too-long",
    dialect: None,
    title: "Identifiers longer than 63 bytes (PostgreSQL) or 64 characters (MySQL)",
    doc: DOC,
    check,
};

rule_doc!(
    r#"## What it does
Flags new tables, columns, indexes and constraints whose name is longer than PostgreSQL keeps
(63 bytes) or MySQL accepts (64 characters).

## Why is this bad?
PostgreSQL silently truncates the name (with only a NOTICE), so the database holds a different
name than the migration and the schema files — later migrations that name it fail, and two
long names can collide after truncation. MySQL rejects the statement.

## Example
```sql
CREATE INDEX "orders_customer_id_created_at_status_shipping_country_region_idx" ON "orders" (...);
```

## Use instead
Choose a shorter name (for generated names, shorten and add a short hash).
"#
);

fn limit(d: Dialect) -> Option<usize> {
    match d {
        Dialect::Postgres => Some(63),
        Dialect::Mysql => Some(64),
        Dialect::Sqlite => None,
    }
}

fn too_long(d: Dialect, name: &str) -> bool {
    match (d, limit(d)) {
        (Dialect::Postgres, Some(n)) => name.len() > n,
        (_, Some(n)) => name.chars().count() > n,
        _ => false,
    }
}

fn check(step: &Step, ctx: &RiskContext<'_>) -> Vec<Risk> {
    let d = ctx.target.dialect;
    let mut names: Vec<(&str, String)> = Vec::new();
    match &step.change {
        Change::CreateTable { table } => {
            names.push(("table", table.name.name.clone()));
            names.extend(table.columns.iter().map(|c| ("column", c.name.clone())));
            names.extend(table.constraints.iter().filter_map(|c| c.name.clone()).map(|n| ("constraint", n)));
        }
        Change::AddColumn { column, .. } => names.push(("column", column.name.clone())),
        Change::RenameColumn { to, .. } => names.push(("column", to.clone())),
        Change::RenameTable { to, .. } => names.push(("table", to.name.clone())),
        Change::CreateIndex { index, .. } => names.push(("index", index.name.clone())),
        Change::AddConstraint { constraint, .. } => names.extend(constraint.name.clone().map(|n| ("constraint", n))),
        _ => return vec![],
    }
    let Some(max) = limit(d) else { return vec![] };
    names
        .into_iter()
        .filter(|(_, n)| too_long(d, n))
        .map(|(kind, n)| {
            let what = if d == Dialect::Postgres {
                format!("PostgreSQL keeps only the first {max} bytes, so the stored name differs from this one")
            } else {
                format!("MySQL rejects names over {max} characters")
            };
            Risk::new(
                RULE.id,
                RiskSeverity::Medium,
                format!(
                    "The {kind} name {n} is {} long: {what}.",
                    if d == Dialect::Postgres { format!("{} bytes", n.len()) } else { format!("{} characters", n.chars().count()) }
                ),
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::risk::rules::testkit::*;

    #[test]
    fn fires_over_the_limit() {
        let long = "x".repeat(64);
        let t = pg(15);
        let ch = Change::CreateIndex { table: qn(t, "o"), index: index(&long, &["a"], false) };
        assert_eq!(Fixture::new(t).run(&RULE, ch, &[]).len(), 1);
        let t = mysql(8, 0);
        let ch = Change::CreateIndex { table: qn(t, "o"), index: index(&long, &["a"], false) };
        assert!(Fixture::new(t).run(&RULE, ch, &[]).is_empty());
        let t = sqlite(45);
        let ch = Change::CreateIndex { table: qn(t, "o"), index: index(&"y".repeat(100), &["a"], false) };
        assert!(Fixture::new(t).run(&RULE, ch, &[]).is_empty());
    }
}

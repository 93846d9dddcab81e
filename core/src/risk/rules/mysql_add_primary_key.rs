//! Rule `mysql-add-primary-key`: adding a primary key rebuilds the clustered index.

use super::prelude::*;

pub const RULE: Rule = Rule {
    id: "mysql-add-primary-key",
    dialect: Some(Dialect::Mysql),
    title: "Adding a PRIMARY KEY rebuilds the whole table",
    doc: DOC,
    check,
};

rule_doc!(
    r#"## What it does
Flags `ADD PRIMARY KEY` on an existing table.

## Why is this bad?
InnoDB stores rows in primary-key order, so a new primary key rebuilds the whole table
(in place, DML allowed, but expensive). Key columns that become NOT NULL need strict mode; a
fallback to `ALGORITHM=COPY` blocks writes and silently turns NULLs into zero values. If the
table had no primary key before, replaying row-based replication to replicas was already slow.

## Example
```sql
ALTER TABLE `events` ADD PRIMARY KEY (`id`);
```

## Use instead
State the online algorithm so it never falls back to a copy, in a quiet period:
```sql
ALTER TABLE `events` ADD PRIMARY KEY (`id`), ALGORITHM=INPLACE, LOCK=NONE;
```
When replacing a key, drop and add in the same statement.
"#
);

fn check(step: &Step, ctx: &RiskContext<'_>) -> Vec<Risk> {
    let Change::AddConstraint { table, constraint } = &step.change else {
        return vec![];
    };
    if !matches!(constraint.kind, ConstraintKind::PrimaryKey { .. }) || existing_table(ctx, table).is_none() {
        return vec![];
    }
    let alt = step.statements.iter().map(|s| mysql::with_algorithm(s, "INPLACE", Some("NONE"))).collect();
    vec![Risk::new(
        RULE.id,
        RiskSeverity::High,
        format!("Adding a primary key to {table} rebuilds the table (rows are stored in key order)."),
    )
    .lock(MYSQL_INPLACE_REBUILD)
    .rewrites()
    .alternative(alt)
    .sized(ctx, table)]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::risk::rules::testkit::*;

    #[test]
    fn fires_on_existing_table() {
        let t = mysql(8, 0);
        let f = Fixture::new(t).with_table(table(qn(t, "events"), vec![col("id", "int")]));
        let ch = Change::AddConstraint {
            table: qn(t, "events"),
            constraint: constraint("PRIMARY", ConstraintKind::PrimaryKey { columns: vec!["id".into()] }),
        };
        assert!(f.one(&RULE, ch.clone(), &["ALTER TABLE `events` ADD PRIMARY KEY (`id`)"]).safe_alternative[0]
            .ends_with("ALGORITHM=INPLACE, LOCK=NONE"));
        assert!(Fixture::new(t).run(&RULE, ch, &[]).is_empty());
    }
}

//! Rule `mysql-lock-wait-timeout`: DDL without a metadata-lock timeout.

use super::prelude::*;

pub const RULE: Rule = Rule {
    id: "mysql-lock-wait-timeout",
    dialect: Some(Dialect::Mysql),
    title: "DDL on an existing table without lock_wait_timeout can stall all queries",
    doc: DOC,
    check,
};

rule_doc!(
    r#"## What it does
Notes DDL on an existing table when the step does not set `lock_wait_timeout`.

## Why is this bad?
Every ALTER, even an instant one, needs an exclusive metadata lock. If a long transaction holds
the table, the DDL waits — by default for up to a year — and every query that arrives after it
queues behind it: the table looks down.

## Example
```sql
ALTER TABLE `orders` ADD COLUMN `note` text, ALGORITHM=INSTANT;
```

## Use instead
Bound the wait and retry on timeout:
```sql
SET SESSION lock_wait_timeout = 5;
ALTER TABLE `orders` ADD COLUMN `note` text, ALGORITHM=INSTANT;
```
"#
);

fn check(step: &Step, ctx: &RiskContext<'_>) -> Vec<Risk> {
    let Some(table) = step.change.table() else {
        return vec![];
    };
    let ddl = matches!(
        step.change,
        Change::AddColumn { .. }
            | Change::DropColumn { .. }
            | Change::AlterColumn { .. }
            | Change::RenameColumn { .. }
            | Change::AddConstraint { .. }
            | Change::DropConstraint { .. }
            | Change::CreateIndex { .. }
            | Change::DropIndex { .. }
            | Change::AlterTableOptions { .. }
            | Change::RenameTable { .. }
            | Change::DropTable { .. }
    );
    if !ddl
        || existing_table(ctx, table).is_none()
        || sql::mentions(step, "lock_wait_timeout")
        // The zero-downtime plan sets lock_wait_timeout for the session before its first step.
        || ctx.zero_downtime
        || sql::mentions(step, " WAIT ")
    {
        return vec![];
    }
    let mut alt = vec![sql::lock_timeout(Dialect::Mysql).unwrap_or_default()];
    alt.extend(step.statements.iter().cloned());
    vec![Risk::new(
        RULE.id,
        RiskSeverity::Low,
        format!("The DDL on {table} waits for a metadata lock without a timeout: behind a long transaction it stalls every later query on the table."),
    )
    .lock("exclusive metadata lock (brief)")
    .alternative(alt)]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::risk::rules::testkit::*;

    #[test]
    fn fires_without_timeout() {
        let t = mysql(8, 0);
        let f = Fixture::new(t).with_table(table(qn(t, "orders"), vec![col("id", "int")]));
        let ch = Change::AddColumn { table: qn(t, "orders"), column: col("note", "text") };
        assert_eq!(
            f.one(&RULE, ch.clone(), &["ALTER TABLE `orders` ADD COLUMN `note` text"]).safe_alternative[0],
            "SET SESSION lock_wait_timeout = 5"
        );
        assert!(f.run(&RULE, ch.clone(), &["SET SESSION lock_wait_timeout = 5", "ALTER TABLE x"]).is_empty());
        assert!(Fixture::new(t).run(&RULE, ch, &[]).is_empty());
    }
}

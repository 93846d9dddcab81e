//! Rule `mysql-ddl-not-atomic`: a multi-statement step cannot be rolled back in MySQL.

use super::prelude::*;

pub const RULE: Rule = Rule {
    id: "mysql-ddl-not-atomic",
    dialect: Some(Dialect::Mysql),
    title: "A step of several DDL statements is not atomic in MySQL",
    doc: DOC,
    check,
};

rule_doc!(
    r#"## What it does
Notes steps that run more than one DDL statement on MySQL/MariaDB.

## Why is this bad?
MySQL commits each DDL statement on its own (there is no transactional DDL), so if the second
statement fails the first stays applied, and re-running the migration fails on it.

## Example
```sql
ALTER TABLE `t` DROP FOREIGN KEY `fk`;
ALTER TABLE `t` ADD CONSTRAINT `fk` FOREIGN KEY (`a`) REFERENCES `p` (`id`);
```

## Use instead
Combine the clauses into one `ALTER TABLE` where possible (it is atomic), or make each statement
re-runnable and note how to resume after a failure.
"#
);

fn check(step: &Step, _ctx: &RiskContext<'_>) -> Vec<Risk> {
    let ddl = step
        .statements
        .iter()
        .filter(|s| {
            let u = s.trim_start().to_ascii_uppercase();
            ["ALTER ", "CREATE ", "DROP ", "RENAME "].iter().any(|k| u.starts_with(k))
        })
        .count();
    if ddl < 2 {
        return vec![];
    }
    let target = step.change.table().map(|t| t.to_string()).unwrap_or_else(|| step.change.op());
    vec![Risk::new(
        RULE.id,
        RiskSeverity::Low,
        format!("This step on {target} runs {ddl} DDL statements; MySQL commits each one, so a failure part-way leaves the earlier ones applied."),
    )]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::risk::rules::testkit::*;

    #[test]
    fn fires_on_two_ddl_statements() {
        let t = mysql(8, 0);
        let f = Fixture::new(t);
        let ch = Change::RenameTable { from: qn(t, "a"), to: qn(t, "b") };
        assert_eq!(f.run(&RULE, ch.clone(), &["ALTER TABLE a DROP x", "ALTER TABLE a ADD y"]).len(), 1);
        assert!(f.run(&RULE, ch, &["SET SESSION lock_wait_timeout = 5", "ALTER TABLE a ADD y"]).is_empty());
    }
}

//! Rule `mysql-prefer-bigint-key`: INT AUTO_INCREMENT keys run out.

use super::prelude::*;

pub const RULE: Rule = Rule {
    id: "mysql-prefer-bigint-key",
    dialect: Some(Dialect::Mysql),
    title: "An INT AUTO_INCREMENT primary key can overflow",
    doc: DOC,
    check,
};

rule_doc!(
    r#"## What it does
Flags new tables whose single-column AUTO_INCREMENT primary key is smaller than `BIGINT`.

## Why is this bad?
A signed `INT` stops at 2,147,483,647 (unsigned at 4,294,967,295); AUTO_INCREMENT skips values
on rollbacks, `INSERT IGNORE` and `ON DUPLICATE KEY`, so busy tables reach the limit sooner than
their row count suggests, and inserts then fail. Widening the key later copies the table with
writes blocked, and every referencing column must change too.

## Example
```sql
CREATE TABLE `events` (`id` int NOT NULL AUTO_INCREMENT PRIMARY KEY);
```

## Use instead
```sql
CREATE TABLE `events` (`id` bigint unsigned NOT NULL AUTO_INCREMENT PRIMARY KEY);
```
"#
);

fn check(step: &Step, _ctx: &RiskContext<'_>) -> Vec<Risk> {
    let Some((name, c)) = columns::new_table_single_key(step) else {
        return vec![];
    };
    if !c.auto_increment || types::int_bytes(&c.data_type).is_none_or(|b| b >= 8) {
        return vec![];
    }
    vec![Risk::new(
        RULE.id,
        RiskSeverity::Low,
        format!(
            "AUTO_INCREMENT key {}.{} is {}: it can run out, and widening it later copies this table and every referencing one. Prefer bigint.",
            name, c.name, c.data_type
        ),
    )]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::risk::rules::testkit::*;

    #[test]
    fn fires_for_int_auto_increment_keys() {
        let t = mysql(8, 0);
        let mk = |ty: &str| {
            let mut id = col("id", ty);
            id.auto_increment = true;
            let mut tab = table(qn(t, "e"), vec![id]);
            tab.constraints.push(constraint("PRIMARY", ConstraintKind::PrimaryKey { columns: vec!["id".into()] }));
            Change::CreateTable { table: tab }
        };
        assert_eq!(Fixture::new(t).run(&RULE, mk("int"), &[]).len(), 1);
        assert!(Fixture::new(t).run(&RULE, mk("bigint"), &[]).is_empty());
    }
}

//! Rule `mysql-zero-downtime-not-online`: under `--zero-downtime`, an ALTER the target does not
//! document as online runs as written; an online schema-change tool keeps the table writable.

use super::prelude::*;

pub const RULE: Rule = Rule {
    id: "mysql-zero-downtime-not-online",
    dialect: Some(Dialect::Mysql),
    title: "Zero-downtime plan: this ALTER has no documented online algorithm on the target",
    doc: DOC,
    check,
};

rule_doc!(
    r#"## What it does
In a `--zero-downtime` plan, flags each `ALTER TABLE` on an existing table that carries no
`ALGORITHM` clause: the plan states `ALGORITHM=INSTANT` or `ALGORITHM=INPLACE, LOCK=NONE` only
where MySQL 8.0 and MariaDB document the operation as online (adding, dropping and renaming
columns, defaults, NULL / NOT NULL, VARCHAR growth within its length bytes, secondary and unique
indexes, dropping foreign keys). Everything else (type changes, foreign keys and checks added,
primary keys dropped, table options) is left as written.

## Why is this bad?
Left to itself the server picks the most efficient algorithm it supports, which for these
changes may be `ALGORITHM=COPY`: the table is copied while writes wait.

## Example
```sql
ALTER TABLE `orders` MODIFY COLUMN `total` decimal(12,2) NOT NULL;
```

## Use instead
Run the change through an online schema-change tool, which copies the table in the background
and swaps it in with a brief lock:
```sql
-- shell: pt-online-schema-change --alter "MODIFY COLUMN `total` decimal(12,2) NOT NULL" D=shop,t=orders --execute
-- or shell: gh-ost --database=shop --table=orders --alter="MODIFY COLUMN `total` decimal(12,2) NOT NULL" --execute
```
"#
);

fn check(step: &Step, ctx: &RiskContext<'_>) -> Vec<Risk> {
    if !ctx.zero_downtime || sql::mentions(step, "ALGORITHM") {
        return vec![];
    }
    let Some(table) = step.change.table() else {
        return vec![];
    };
    if existing_table(ctx, table).is_none() || !ctx.after.tables.contains_key(table) {
        return vec![];
    }
    let head = format!("ALTER TABLE {} ", sql::qn(Dialect::Mysql, table));
    let Some(alter) = step.statements.iter().find(|s| s.starts_with(&head)) else {
        return vec![];
    };
    vec![Risk::new(
        RULE.id,
        RiskSeverity::Medium,
        format!("No ALGORITHM/LOCK clause is documented as online for this change of {table} on the target, so it runs as written and may copy the table while writes wait; to keep the application online, run it with gh-ost or pt-online-schema-change."),
    )
    .alternative(mysql::online_tool(ctx, table, alter))
    .sized(ctx, table)]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::risk::rules::testkit::*;

    #[test]
    fn fires_only_in_zero_downtime_plans_without_an_algorithm() {
        let t = mariadb(10, 11);
        let mut f = Fixture::new(t).with_table(keyed(table(qn(t, "orders"), vec![col("id", "int"), col("total", "int")]), "id"));
        let ch = Change::AlterColumn { table: qn(t, "orders"), from: col("total", "int"), to: col("total", "varchar") };
        let s = "ALTER TABLE `orders` MODIFY COLUMN `total` varchar(10) NULL";
        assert!(f.run(&RULE, ch.clone(), &[s]).is_empty(), "plain plans are left to the other rules");
        f.zero_downtime = true;
        let r = f.one(&RULE, ch.clone(), &[s]);
        assert_eq!(r.severity, RiskSeverity::Medium);
        assert!(r.safe_alternative[0].contains("pt-online-schema-change"), "{:?}", r.safe_alternative);
        assert!(r.safe_alternative[1].contains("gh-ost"), "{:?}", r.safe_alternative);
        let online = "ALTER TABLE `orders` MODIFY COLUMN `total` varchar(10) NULL, ALGORITHM=INPLACE, LOCK=NONE";
        assert!(f.run(&RULE, ch, &[online]).is_empty());
    }
}

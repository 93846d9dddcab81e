//! Rule `mysql-add-auto-increment-column`: numbering existing rows blocks writes.

use super::prelude::*;

pub const RULE: Rule = Rule {
    id: "mysql-add-auto-increment-column",
    dialect: Some(Dialect::Mysql),
    title: "Adding an AUTO_INCREMENT column blocks writes while rows are numbered",
    doc: DOC,
    check,
};

rule_doc!(
    r#"## What it does
Flags `ADD COLUMN ... AUTO_INCREMENT` on an existing table.

## Why is this bad?
Every row must be numbered, which InnoDB cannot do concurrently with DML: the table is rebuilt
with at least `LOCK=SHARED`, so writes wait for the whole rebuild. With statement-based
replication, replicas may number rows differently.

## Example
```sql
ALTER TABLE `events` ADD COLUMN `seq` bigint NOT NULL AUTO_INCREMENT UNIQUE;
```

## Use instead
Create a new table with the column, copy rows in batches (or use pt-online-schema-change /
gh-ost), then swap the tables with `RENAME TABLE`.
"#
);

fn check(step: &Step, ctx: &RiskContext<'_>) -> Vec<Risk> {
    let Change::AddColumn { table, column } = &step.change else {
        return vec![];
    };
    if !column.auto_increment || existing_table(ctx, table).is_none() {
        return vec![];
    }
    let alt = step.statements.first().map(|s| mysql::online_tool(ctx, table, s)).unwrap_or_default();
    vec![Risk::new(
        RULE.id,
        RiskSeverity::High,
        format!("Adding AUTO_INCREMENT column {} to {table} numbers every row in a rebuild that blocks writes.", column.name),
    )
    .lock("ALGORITHM=INPLACE, LOCK=SHARED (writes blocked)")
    .rewrites()
    .alternative(alt)
    .sized(ctx, table)]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::risk::rules::testkit::*;

    #[test]
    fn fires_for_auto_increment() {
        let t = mysql(8, 0);
        let f = Fixture::new(t).with_table(keyed(table(qn(t, "events"), vec![col("id", "int")]), "id"));
        let mut c = col("seq", "bigint");
        c.auto_increment = true;
        let r = f.one(
            &RULE,
            Change::AddColumn { table: qn(t, "events"), column: c },
            &["ALTER TABLE `events` ADD COLUMN `seq` bigint AUTO_INCREMENT"],
        );
        assert!(r.safe_alternative[0].contains("--alter \"ADD COLUMN `seq` bigint AUTO_INCREMENT\""));
        assert!(f.run(&RULE, Change::AddColumn { table: qn(t, "events"), column: col("x", "int") }, &[]).is_empty());
    }
}

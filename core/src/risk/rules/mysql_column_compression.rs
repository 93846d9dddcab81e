//! Rule `mysql-column-compression`: MariaDB column compression added or removed copies the table.

use super::prelude::*;

pub const RULE: Rule = Rule {
    id: "mysql-column-compression",
    dialect: Some(Dialect::Mysql),
    title: "Compressing or decompressing a column copies the table with writes blocked",
    doc: DOC,
    check,
};

rule_doc!(
    r#"## What it does
Flags a `MODIFY COLUMN` that adds or removes MariaDB column compression (`COMPRESSED`).

## Why is this bad?
The column's storage format changes: MariaDB rewrites every row with `ALGORITHM=COPY` (in-place
is refused, "Cannot change column type"), and writes to the table wait until the copy is done.

## Example
```sql
ALTER TABLE `docs` MODIFY COLUMN `body` text COMPRESSED NULL;
```

## Use instead
Run it in a quiet window, or with an online schema-change tool for a large table.
"#
);

fn check(step: &Step, ctx: &RiskContext<'_>) -> Vec<Risk> {
    let Change::AlterColumn { table, from, to } = &step.change else {
        return vec![];
    };
    if from.storage.compression == to.storage.compression || existing_table(ctx, table).is_none() {
        return vec![];
    }
    let verb = if to.storage.compression.is_some() { "Compressing" } else { "Decompressing" };
    let alt = step.statements.first().map(|s| mysql::online_tool(ctx, table, s)).unwrap_or_default();
    vec![Risk::new(
        RULE.id,
        RiskSeverity::High,
        format!("{verb} column {} of {table} rewrites every row (ALGORITHM=COPY), with writes blocked until it is done.", from.name),
    )
    .lock(MYSQL_COPY)
    .rewrites()
    .alternative(alt)
    .sized(ctx, table)]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::risk::rules::testkit::*;

    #[test]
    fn compression_change_is_high_other_changes_are_not_flagged() {
        let t = mysql(8, 0);
        let f = Fixture::new(t).with_table(table(qn(t, "docs"), vec![col("body", "text")]));
        let plain = col("body", "text");
        let mut packed = plain.clone();
        packed.storage.compression = Some("zlib".into());
        let change = |a: &crate::model::Column, b: &crate::model::Column| Change::AlterColumn {
            table: qn(t, "docs"),
            from: a.clone(),
            to: b.clone(),
        };
        let r = f.one(&RULE, change(&plain, &packed), &[]);
        assert_eq!(r.severity, RiskSeverity::High);
        assert!(r.message.starts_with("Compressing column body"), "{}", r.message);
        assert!(f.one(&RULE, change(&packed, &plain), &[]).message.starts_with("Decompressing"));
        let mut commented = plain.clone();
        commented.comment = Some("x".into());
        assert!(f.run(&RULE, change(&plain, &commented), &[]).is_empty());
    }
}

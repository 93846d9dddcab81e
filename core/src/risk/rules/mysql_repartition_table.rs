//! Rule `mysql-repartition-table`: a MySQL/MariaDB partitioning change that moves rows.

use super::prelude::*;
use crate::parse::mysql_partitions::{change as plan, part_names, Change as Plan};

pub const RULE: Rule = Rule {
    id: "mysql-repartition-table",
    dialect: Some(Dialect::Mysql),
    title: "Changing a table's partitioning copies its rows with writes blocked",
    doc: DOC,
    check,
};

rule_doc!(
    r#"## What it does
Flags a partitioning change that moves rows: a table becoming partitioned or plain
(`REMOVE PARTITIONING`), another partitioning (`PARTITION BY ...` again: other type, key,
bounds, partitions removed or reorganized), a HASH/KEY partition count grown or shrunk
(`ADD PARTITION PARTITIONS n`, `COALESCE PARTITION n`). Partitions appended at the end of a RANGE
or LIST partitioning (`ADD PARTITION (...)`) move no row and are not flagged.

## Why is this bad?
The server copies every row affected into the new partitions (`ALGORITHM=COPY`): writes wait
until it is done. A row that no new partition accepts (a RANGE without `MAXVALUE` that ends
lower, a LIST value left out) stops the statement (error 1526, "Table has no partition for
value"): nothing is lost, the table stays as it was. The migration never uses `DROP PARTITION`,
which deletes the partition's rows.

## Example
```sql
ALTER TABLE `logs` PARTITION BY RANGE (y) (PARTITION `p1` VALUES LESS THAN (10), PARTITION `p2` VALUES LESS THAN (20));
```

## Use instead
Check that every row has a partition first (the query in the note), delete or archive the rows
that do not, and run large copies in a quiet window or with an online schema-change tool.
"#
);

fn check(step: &Step, ctx: &RiskContext<'_>) -> Vec<Risk> {
    let Change::AlterTableOptions { table, from, to } = &step.change else {
        return vec![];
    };
    if from.partition_by == to.partition_by || existing_table(ctx, table).is_none() {
        return vec![];
    }
    let what = match (from.partition_by.as_deref(), to.partition_by.as_deref()) {
        (Some(a), Some(b)) => match plan(a, b) {
            Plan::Append(_) => return vec![],
            Plan::AddCount(_) | Plan::Coalesce(_) => {
                format!("Changing the number of partitions of {table} moves its rows between partitions")
            }
            Plan::Whole => {
                let kept = part_names(b);
                let gone: Vec<String> = part_names(a).into_iter().filter(|n| !kept.iter().any(|k| k.eq_ignore_ascii_case(n))).collect();
                let moved = if gone.is_empty() {
                    String::new()
                } else {
                    format!(
                        " The rows of partitions {} move to the partitions AFTER has (no DROP PARTITION: none is deleted).",
                        gone.join(", ")
                    )
                };
                format!(
                    "Re-partitioning {table} copies every row into its new partitions; a row that no new partition accepts stops the statement (error 1526), leaving the table as it was.{moved}"
                )
            }
        },
        (None, Some(_)) => format!("Partitioning {table} copies every row into its partitions"),
        (Some(_), None) => format!("Removing the partitioning of {table} copies every row into one table"),
        (None, None) => return vec![],
    };
    let alt = step.statements.first().map(|s| mysql::online_tool(ctx, table, s)).unwrap_or_default();
    vec![Risk::new(RULE.id, RiskSeverity::High, format!("{what}, with writes blocked until it is done."))
        .lock(MYSQL_COPY)
        .rewrites()
        .alternative(alt)
        .sized(ctx, table)]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::TableOptions;
    use crate::risk::rules::testkit::*;

    fn opts(p: Option<&str>) -> TableOptions {
        TableOptions { partition_by: p.map(str::to_string), ..Default::default() }
    }

    #[test]
    fn rows_moved_are_high_partitions_appended_are_not_flagged() {
        let t = mysql(8, 0);
        let f = Fixture::new(t).with_table(table(qn(t, "logs"), vec![col("id", "int")]));
        let change = |a: Option<&str>, b: Option<&str>| Change::AlterTableOptions { table: qn(t, "logs"), from: opts(a), to: opts(b) };
        let two = "RANGE (id) (PARTITION `p1` VALUES LESS THAN (10), PARTITION `p2` VALUES LESS THAN (20))";
        let three =
            "RANGE (id) (PARTITION `p1` VALUES LESS THAN (10), PARTITION `p2` VALUES LESS THAN (20), PARTITION `p3` VALUES LESS THAN (30))";
        assert!(f.run(&RULE, change(Some(two), Some(three)), &[]).is_empty());
        let down = f.one(&RULE, change(Some(three), Some(two)), &[]);
        assert_eq!(down.severity, RiskSeverity::High);
        assert!(down.message.contains("partitions p3 move"), "{}", down.message);
        assert_eq!(f.one(&RULE, change(Some("HASH (id) PARTITIONS 4"), Some("HASH (id) PARTITIONS 2")), &[]).severity, RiskSeverity::High);
        assert!(f.one(&RULE, change(None, Some(two)), &[]).message.contains("Partitioning logs"));
        assert!(f.one(&RULE, change(Some(two), None), &[]).message.contains("Removing the partitioning"));
    }
}

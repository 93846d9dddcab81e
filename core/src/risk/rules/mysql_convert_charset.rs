//! Rule `mysql-convert-charset`: character set or collation changes rebuild with writes blocked.

use super::prelude::*;

pub const RULE: Rule = Rule {
    id: "mysql-convert-charset",
    dialect: Some(Dialect::Mysql),
    title: "Changing a character set or collation rebuilds the table",
    doc: DOC,
    check,
};

rule_doc!(
    r#"## What it does
Flags a change of a column's character set or collation, and of a table's default character
set or collation.

## Why is this bad?
Converting data rebuilds the table without concurrent DML (writes blocked) and re-sorts every
index on the affected columns; comparisons and uniqueness can change (two values equal under
the new collation make a unique index fail). Changing only the table default affects new
columns but still marks a rebuild on some versions.

## Example
```sql
ALTER TABLE `users` MODIFY `name` varchar(100) CHARACTER SET utf8mb4 COLLATE utf8mb4_0900_ai_ci;
```

## Use instead
Use an online schema-change tool for large tables, and check unique indexes for values that
collide under the new collation first.
"#
);

fn check(step: &Step, ctx: &RiskContext<'_>) -> Vec<Risk> {
    let (table, what) = match &step.change {
        Change::AlterColumn { table, from, to } if from.charset != to.charset || from.collation != to.collation => {
            (table, format!("column {}", to.name))
        }
        Change::AlterTableOptions { table, from, to } if from.charset != to.charset || from.collation != to.collation => {
            (table, "the table's default character set/collation".to_string())
        }
        _ => return vec![],
    };
    if existing_table(ctx, table).is_none() {
        return vec![];
    }
    let alt = step.statements.first().map(|s| mysql::online_tool(ctx, table, s)).unwrap_or_default();
    vec![Risk::new(
        RULE.id,
        RiskSeverity::High,
        format!("Changing the character set or collation of {what} on {table} rebuilds the table with writes blocked and can make unique indexes fail on values that now compare equal."),
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
    fn fires_on_collation_change() {
        let t = mysql(8, 0);
        let f = Fixture::new(t).with_table(table(qn(t, "users"), vec![col("name", "varchar")]));
        let mut b = col("name", "varchar");
        b.collation = Some("utf8mb4_bin".into());
        assert_eq!(f.run(&RULE, Change::AlterColumn { table: qn(t, "users"), from: col("name", "varchar"), to: b }, &[]).len(), 1);
        assert!(f
            .run(
                &RULE,
                Change::AlterColumn { table: qn(t, "users"), from: col("name", "varchar"), to: not_null(col("name", "varchar")) },
                &[]
            )
            .is_empty());
    }
}

//! Rule `mysql-add-column-not-instant`: ADD COLUMN that cannot use ALGORITHM=INSTANT.

use super::prelude::*;

pub const RULE: Rule = Rule {
    id: "mysql-add-column-not-instant",
    dialect: Some(Dialect::Mysql),
    title: "ADD COLUMN that cannot be instant rebuilds the table",
    doc: DOC,
    check,
};

rule_doc!(
    r#"## What it does
Flags `ADD COLUMN` on an existing table when the target cannot add it with
`ALGORITHM=INSTANT`: MySQL before 8.0.12, a column not at the end before 8.0.29, MariaDB before
10.3 (or not at the end before 10.4), a table with a FULLTEXT index or
`ROW_FORMAT=COMPRESSED`.

## Why is this bad?
Without INSTANT, InnoDB rebuilds the whole table in place: DML can continue, but the rebuild
costs I/O and time proportional to the table, replicas lag behind, and the metadata lock at the
end still has to wait for running transactions.

## Example
```sql
-- MySQL 5.7
ALTER TABLE `orders` ADD COLUMN `note` varchar(100);
```

## Use instead
On MySQL 8.0.29+ / MariaDB 10.4+ state the algorithm so it fails fast instead of rebuilding:
```sql
ALTER TABLE `orders` ADD COLUMN `note` varchar(100), ALGORITHM=INSTANT;
```
On older servers add the column at the end, or use an online schema-change tool
(pt-online-schema-change, gh-ost) for large tables.
"#
);

fn check(step: &Step, ctx: &RiskContext<'_>) -> Vec<Risk> {
    let Change::AddColumn { table, column } = &step.change else {
        return vec![];
    };
    if existing_table(ctx, table).is_none() || column.auto_increment || column.generated.as_ref().is_some_and(|g| g.stored) {
        return vec![];
    }
    let (Some(before), Some(after)) = (existing_table(ctx, table), new_table(ctx, table)) else {
        return vec![];
    };
    let stmt = step.statements.iter().find(|s| s.to_ascii_uppercase().contains("ADD COLUMN")).map(String::as_str);
    let Err(why) = mysql::instant_add_column(ctx.target, before, after, column, stmt) else {
        return vec![];
    };
    let mut alt: Vec<String> = step.statements.iter().map(|s| mysql::with_algorithm(s, "INPLACE", Some("NONE"))).collect();
    if let Some(s) = step.statements.first() {
        alt.extend(mysql::online_tool(ctx, table, s));
    }
    vec![Risk::new(
        RULE.id,
        RiskSeverity::Medium,
        format!("Adding column {} to {table} cannot be instant ({why}): InnoDB rebuilds the table (DML continues, but it costs I/O and replica lag).", column.name),
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

    fn run(t: crate::Target, last: bool) -> Vec<Risk> {
        let before = keyed(table(qn(t, "orders"), vec![col("id", "int"), col("total", "int")]), "id");
        let mut after = before.clone();
        let pos = if last { 2 } else { 1 };
        after.columns.insert(pos, col("note", "text"));
        let f = Fixture::new(t).before_table(before).after_table(after);
        let stmt =
            if last { "ALTER TABLE `orders` ADD COLUMN `note` text" } else { "ALTER TABLE `orders` ADD COLUMN `note` text AFTER `id`" };
        f.run(&RULE, Change::AddColumn { table: qn(t, "orders"), column: col("note", "text") }, &[stmt])
    }

    #[test]
    fn version_edges() {
        assert_eq!(run(mysql(5, 7), true).len(), 1);
        assert!(run(mysql(8, 0), true).is_empty());
        assert_eq!(run(mysql(8, 0), false).len(), 1);
        assert!(run(mysql(8, 4), false).is_empty());
        assert_eq!(run(mariadb(10, 2), true).len(), 1);
        assert!(run(mariadb(10, 3), true).is_empty());
        assert_eq!(run(mariadb(10, 3), false).len(), 1);
        assert!(run(mariadb(10, 11), false).is_empty());
        let r = run(mysql(5, 7), true);
        assert_eq!(r[0].safe_alternative[0], "ALTER TABLE `orders` ADD COLUMN `note` text, ALGORITHM=INPLACE, LOCK=NONE");
        assert!(r[0].safe_alternative[1].contains("pt-online-schema-change --alter \"ADD COLUMN `note` text\""));
    }

    #[test]
    fn after_the_old_last_column_counts_as_appended() {
        let t = mysql(8, 0);
        let before = table(qn(t, "u"), vec![col("id", "int"), col("legacy", "int")]);
        let after = table(qn(t, "u"), vec![col("id", "int"), col("note", "text"), col("created", "int")]);
        let f = Fixture::new(t).before_table(before.clone()).after_table(after);
        let add = |c: &str| Change::AddColumn { table: qn(t, "u"), column: col(c, "int") };
        // "legacy" is dropped later, so it still follows the new columns when they are added.
        assert_eq!(f.run(&RULE, add("created"), &["ALTER TABLE `u` ADD COLUMN `created` int AFTER `note`"]).len(), 1);
        let after = table(qn(t, "u"), vec![col("id", "int"), col("legacy", "int"), col("note", "text"), col("created", "int")]);
        let f = Fixture::new(t).before_table(before).after_table(after);
        assert!(f.run(&RULE, add("note"), &["ALTER TABLE `u` ADD COLUMN `note` text AFTER `legacy`"]).is_empty());
        assert!(f.run(&RULE, add("created"), &["ALTER TABLE `u` ADD COLUMN `created` int AFTER `note`"]).is_empty());
    }
}

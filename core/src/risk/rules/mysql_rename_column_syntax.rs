//! Rule `mysql-rename-column-syntax`: RENAME COLUMN needs MySQL 8.0 / MariaDB 10.5.

use super::prelude::*;

pub const RULE: Rule = Rule {
    id: "mysql-rename-column-syntax",
    dialect: Some(Dialect::Mysql),
    title: "RENAME COLUMN needs MySQL 8.0 or MariaDB 10.5",
    doc: DOC,
    check,
};

rule_doc!(
    r#"## What it does
Flags `ALTER TABLE ... RENAME COLUMN` when the target is MySQL 5.x or MariaDB before 10.5.

## Why is this bad?
Those versions do not know the syntax: the statement fails with a syntax error, and since MySQL
DDL is not transactional, the statements before it stay applied.

## Example
```sql
-- MySQL 5.7
ALTER TABLE `users` RENAME COLUMN `name` TO `full_name`;
```

## Use instead
Use `CHANGE`, which repeats the full column definition:
```sql
ALTER TABLE `users` CHANGE `name` `full_name` varchar(100) NOT NULL;
```
"#
);

fn check(step: &Step, ctx: &RiskContext<'_>) -> Vec<Risk> {
    let Change::RenameColumn { table, from, to } = &step.change else {
        return vec![];
    };
    let t = ctx.target;
    let supported = t.native_rename_column();
    if supported || !sql::renders(step, &["RENAME COLUMN"]) {
        return vec![];
    }
    let d = Dialect::Mysql;
    let alt = ctx
        .after
        .tables
        .get(table)
        .and_then(|tb| tb.column(to))
        .map(|c| {
            let null = if c.nullable { "NULL" } else { "NOT NULL" };
            vec![format!(
                "ALTER TABLE {} CHANGE {} {} {} {null}",
                sql::qn(d, table),
                sql::id(d, from),
                sql::id(d, to),
                sql::ty(d, &c.data_type)
            )]
        })
        .unwrap_or_default();
    vec![Risk::new(
        RULE.id,
        RiskSeverity::Critical,
        format!("{} has no RENAME COLUMN: renaming {table}.{from} to {to} fails; use CHANGE with the full column definition.", t.label()),
    )
    .alternative(alt)]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::risk::rules::testkit::*;

    #[test]
    fn version_edges() {
        let ch = |t| Change::RenameColumn { table: qn(t, "u"), from: "a".into(), to: "b".into() };
        let s = ["ALTER TABLE `u` RENAME COLUMN `a` TO `b`"];
        let f = Fixture::new(mysql(5, 7)).after_table(table(qn(mysql(5, 7), "u"), vec![not_null(col("b", "int"))]));
        assert_eq!(f.one(&RULE, ch(mysql(5, 7)), &s).safe_alternative[0], "ALTER TABLE `u` CHANGE `a` `b` int NOT NULL");
        assert!(Fixture::new(mysql(8, 0)).run(&RULE, ch(mysql(8, 0)), &s).is_empty());
        assert_eq!(Fixture::new(mariadb(10, 4)).run(&RULE, ch(mariadb(10, 4)), &s).len(), 1);
        assert!(Fixture::new(mariadb(10, 5)).run(&RULE, ch(mariadb(10, 5)), &s).is_empty());
        assert!(Fixture::new(mysql(5, 7)).run(&RULE, ch(mysql(5, 7)), &["ALTER TABLE `u` CHANGE `a` `b` int"]).is_empty());
    }
}

//! Rule `mysql-drop-column-rebuild`: DROP COLUMN rebuilds the table on older servers.

use super::prelude::*;

pub const RULE: Rule = Rule {
    id: "mysql-drop-column-rebuild",
    dialect: Some(Dialect::Mysql),
    title: "DROP COLUMN rebuilds the table before MySQL 8.0.29 / MariaDB 10.4",
    doc: DOC,
    check,
};

rule_doc!(
    r#"## What it does
Flags `DROP COLUMN` on MySQL before 8.0.29 and MariaDB before 10.4, where it cannot be instant
(and on any version when the table has a FULLTEXT index).

## Why is this bad?
InnoDB rebuilds the table in place: DML continues, but the rebuild takes time and I/O
proportional to the table and replicas lag. (The data-loss side is `any-drop-column`.)

## Example
```sql
ALTER TABLE `users` DROP COLUMN `legacy`;
```

## Use instead
State the online algorithm so the server never falls back to a blocking copy, and schedule it
for a quiet period (or use an online schema-change tool):
```sql
ALTER TABLE `users` DROP COLUMN `legacy`, ALGORITHM=INPLACE, LOCK=NONE;
```
"#
);

fn check(step: &Step, ctx: &RiskContext<'_>) -> Vec<Risk> {
    let Change::DropColumn { table, column } = &step.change else {
        return vec![];
    };
    let Some(old) = existing_table(ctx, table) else {
        return vec![];
    };
    let t = ctx.target;
    let fulltext = old.indexes.iter().any(|i| i.kind.as_deref().is_some_and(|k| k.eq_ignore_ascii_case("fulltext")));
    let instant = t.instant_drop_column();
    if instant && !fulltext {
        return vec![];
    }
    let why = if fulltext {
        "the table has a FULLTEXT index".to_string()
    } else if t.instant_columns_in_patch_release() {
        format!("{} drops columns instantly only from a later patch release (MySQL 8.0.29); the target names no patch level", t.label())
    } else {
        format!("{} cannot drop columns instantly", t.label())
    };
    let mut alt: Vec<String> = step.statements.iter().map(|s| mysql::with_algorithm(s, "INPLACE", Some("NONE"))).collect();
    if let Some(s) = step.statements.first() {
        alt.extend(mysql::online_tool(ctx, table, s));
    }
    vec![Risk::new(RULE.id, RiskSeverity::Medium, format!("Dropping column {} rebuilds {table} ({why}).", column.name))
        .lock(MYSQL_INPLACE_REBUILD)
        .rewrites()
        .alternative(alt)
        .sized(ctx, table)]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::risk::rules::testkit::*;

    fn run(t: crate::Target) -> usize {
        let f = Fixture::new(t).with_table(table(qn(t, "users"), vec![col("id", "int"), col("legacy", "int")]));
        f.run(&RULE, Change::DropColumn { table: qn(t, "users"), column: col("legacy", "int") }, &[]).len()
    }

    #[test]
    fn version_edges() {
        assert_eq!(run(mysql(5, 7)), 1);
        assert_eq!(run(mysql(8, 0)), 1);
        assert_eq!(run(mysql(8, 4)), 0);
        assert_eq!(run(mariadb(10, 3)), 1);
        assert_eq!(run(mariadb(10, 4)), 0);
    }
}

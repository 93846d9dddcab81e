//! Rule `mysql-add-column-expression-default`: ADD COLUMN with an expression default.

use super::prelude::*;

pub const RULE: Rule = Rule {
    id: "mysql-add-column-expression-default",
    dialect: Some(Dialect::Mysql),
    title: "ADD COLUMN with an expression default copies the table",
    doc: DOC,
    check,
};

rule_doc!(
    r#"## What it does
Flags `ADD COLUMN ... DEFAULT (expr)` (an expression default such as `(uuid())` or
`(now() + INTERVAL 1 DAY)`) on an existing table.

## Why is this bad?
The expression is evaluated for each existing row, so the column cannot be added instantly:
the table is copied while writes are blocked.

## Example
```sql
ALTER TABLE `users` ADD COLUMN `token` char(36) DEFAULT (uuid());
```

## Use instead
Add the column without a default, set the default for new rows (instant), then backfill in
batches:
```sql
ALTER TABLE `users` ADD COLUMN `token` char(36) NULL, ALGORITHM=INSTANT;
ALTER TABLE `users` ALTER COLUMN `token` SET DEFAULT (uuid());
UPDATE `users` SET `token` = uuid() WHERE `token` IS NULL LIMIT 10000;
```
"#
);

/// MySQL defaults that are not expressions even though they contain parentheses.
fn literal_like(d: &str) -> bool {
    let u = d.trim().to_ascii_uppercase();
    u.starts_with('\'') || u.starts_with("CURRENT_TIMESTAMP") || u.starts_with("NOW(") || u.starts_with("LOCALTIME") || !u.contains('(')
}

fn check(step: &Step, ctx: &RiskContext<'_>) -> Vec<Risk> {
    let Change::AddColumn { table, column } = &step.change else {
        return vec![];
    };
    let Some(default) = column.default.as_deref() else {
        return vec![];
    };
    if literal_like(default) || existing_table(ctx, table).is_none() {
        return vec![];
    }
    let d = Dialect::Mysql;
    let (t, c) = (sql::qn(d, table), sql::id(d, &column.name));
    let inner = default.trim().strip_prefix('(').and_then(|x| x.strip_suffix(')')).unwrap_or(default);
    let expr_default = if default.trim().starts_with('(') { default.to_string() } else { format!("({default})") };
    vec![Risk::new(
        RULE.id,
        RiskSeverity::High,
        format!("Adding column {} to {table} with the expression default {default} evaluates it for every row: the table is copied and writes are blocked.", column.name),
    )
    .lock(MYSQL_COPY)
    .rewrites()
    .alternative(vec![
        format!("ALTER TABLE {t} ADD COLUMN {c} {} NULL", sql::ty(d, &column.data_type)),
        format!("ALTER TABLE {t} ALTER COLUMN {c} SET DEFAULT {expr_default}"),
        recipes::backfill(d, table, &column.name, inner),
    ])
    .sized(ctx, table)]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::risk::rules::testkit::*;

    #[test]
    fn fires_on_expressions_not_literals() {
        let t = mysql(8, 0);
        let f = Fixture::new(t).with_table(table(qn(t, "users"), vec![col("id", "int")]));
        let add = |d: &str| Change::AddColumn { table: qn(t, "users"), column: with_default(col_args("token", "char", &["36"]), d) };
        let r = f.one(&RULE, add("(uuid())"), &[]);
        assert_eq!(r.safe_alternative[2].lines().last(), Some("UPDATE `users` SET `token` = uuid() WHERE `token` IS NULL LIMIT 10000"));
        assert!(f.run(&RULE, add("'x'"), &[]).is_empty());
        assert!(f.run(&RULE, add("CURRENT_TIMESTAMP(6)"), &[]).is_empty());
    }
}

//! Rule `mysql-add-column-not-null-no-default`: existing rows get an implicit zero value.

use super::prelude::*;

pub const RULE: Rule = Rule {
    id: "mysql-add-column-not-null-no-default",
    dialect: Some(Dialect::Mysql),
    title: "A NOT NULL column without default fills existing rows with implicit zero values",
    doc: DOC,
    check,
};

rule_doc!(
    r#"## What it does
Flags `ADD COLUMN ... NOT NULL` without `DEFAULT` on an existing table.

## Why is this bad?
MySQL fills existing rows with the type's implicit default — `0`, `''`, or the zero date —
which looks like real data but is not. INSERTs of the running application, which do not send
the column, fail in strict mode.

## Example
```sql
ALTER TABLE `users` ADD COLUMN `tenant_id` bigint NOT NULL;
```

## Use instead
Give the column an explicit default, or add it nullable and backfill:
```sql
ALTER TABLE `users` ADD COLUMN `tenant_id` bigint NOT NULL DEFAULT 0, ALGORITHM=INSTANT;
```
"#
);

fn check(step: &Step, ctx: &RiskContext<'_>) -> Vec<Risk> {
    let Change::AddColumn { table, column } = &step.change else {
        return vec![];
    };
    if column.nullable
        || column.default.is_some()
        || column.auto_increment
        || column.generated.is_some()
        || existing_table(ctx, table).is_none()
    {
        return vec![];
    }
    let d = Dialect::Mysql;
    let (t, c, ty) = (sql::qn(d, table), sql::id(d, &column.name), sql::ty(d, &column.data_type));
    vec![Risk::new(
        RULE.id,
        RiskSeverity::Medium,
        format!("Column {} is added to {table} as NOT NULL without a default: existing rows get an implicit zero value (0, '' or a zero date), and INSERTs that omit it fail in strict mode.", column.name),
    )
    .breaks_app()
    .alternative(vec![
        format!("ALTER TABLE {t} ADD COLUMN {c} {ty} NULL"),
        recipes::backfill(d, table, &column.name, "<value>"),
        format!("ALTER TABLE {t} MODIFY {c} {ty} NOT NULL, ALGORITHM=INPLACE, LOCK=NONE"),
    ])]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::risk::rules::testkit::*;

    #[test]
    fn fires_without_default_only() {
        let t = mariadb(10, 11);
        let f = Fixture::new(t).with_table(table(qn(t, "users"), vec![col("id", "int")]));
        let add = |c| Change::AddColumn { table: qn(t, "users"), column: c };
        assert!(f.one(&RULE, add(not_null(col("tenant_id", "bigint"))), &[]).breaks_app);
        assert!(f.run(&RULE, add(not_null(with_default(col("tenant_id", "bigint"), "0"))), &[]).is_empty());
    }
}

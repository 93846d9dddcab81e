//! Rule `mysql-add-stored-generated-column`: a STORED generated column copies the table.

use super::prelude::*;

pub const RULE: Rule = Rule {
    id: "mysql-add-stored-generated-column",
    dialect: Some(Dialect::Mysql),
    title: "Adding a STORED generated column copies the table",
    doc: DOC,
    check,
};

rule_doc!(
    r#"## What it does
Flags `ADD COLUMN ... AS (expr) STORED` on an existing table.

## Why is this bad?
Stored values must be computed for every row, which only `ALGORITHM=COPY` can do: the table
is copied and concurrent writes are blocked for the whole copy.

## Example
```sql
ALTER TABLE `items` ADD COLUMN `total` decimal(12,2) AS (`price` * `qty`) STORED;
```

## Use instead
A VIRTUAL generated column is added instantly (and can be indexed):
```sql
ALTER TABLE `items` ADD COLUMN `total` decimal(12,2) AS (`price` * `qty`) VIRTUAL, ALGORITHM=INSTANT;
```
"#
);

fn check(step: &Step, ctx: &RiskContext<'_>) -> Vec<Risk> {
    let Change::AddColumn { table, column } = &step.change else {
        return vec![];
    };
    let Some(g) = column.generated.as_ref().filter(|g| g.stored) else {
        return vec![];
    };
    if existing_table(ctx, table).is_none() {
        return vec![];
    }
    let d = Dialect::Mysql;
    vec![Risk::new(
        RULE.id,
        RiskSeverity::High,
        format!("Adding STORED generated column {} to {table} copies the table with writes blocked.", column.name),
    )
    .lock(MYSQL_COPY)
    .rewrites()
    .alternative(vec![format!(
        "ALTER TABLE {} ADD COLUMN {} {} AS ({}) VIRTUAL, ALGORITHM=INSTANT",
        sql::qn(d, table),
        sql::id(d, &column.name),
        sql::ty(d, &column.data_type),
        g.expr
    )])
    .sized(ctx, table)]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Generated;
    use crate::risk::rules::testkit::*;

    #[test]
    fn fires_for_stored_only() {
        let t = mysql(8, 0);
        let f = Fixture::new(t).with_table(table(qn(t, "items"), vec![col("price", "int")]));
        let gen = |stored| {
            let mut c = col("total", "int");
            c.generated = Some(Generated { expr: "`price` * 2".into(), stored });
            Change::AddColumn { table: qn(t, "items"), column: c }
        };
        assert!(f.one(&RULE, gen(true), &[]).safe_alternative[0].ends_with("VIRTUAL, ALGORITHM=INSTANT"));
        assert!(f.run(&RULE, gen(false), &[]).is_empty());
    }
}

//! Rule `pg-history-using`: a type change converted with the history's own `USING` expression.

use super::prelude::*;

pub const RULE: Rule = Rule {
    id: "pg-history-using",
    dialect: Some(Dialect::Postgres),
    title: "A type change converted with the history's USING expression fails on a row it cannot convert",
    doc: DOC,
    check,
};

rule_doc!(
    r#"## What it does
Notes an `ALTER COLUMN ... TYPE ... USING` whose expression comes from AFTER's migration history
(`ALTER TABLE orders ALTER COLUMN amount TYPE integer USING (amount * 100)::integer`), which the
migration runs instead of a plain cast.

## Why is this bad?
The values change as the history says (dollars become cents), so a plain cast's rounding or range
checks say nothing about them: a row the expression cannot convert (out of range, invalid input)
makes the statement fail, and the whole migration rolls back. The table is rewritten under an
`ACCESS EXCLUSIVE` lock.

## Example
```sql
ALTER TABLE "orders" ALTER COLUMN "amount" TYPE integer USING ("amount" * 100)::integer;
```

## Use instead
Run the package's pre-check first: it converts every row as the migration will, and fails on the
first one it cannot convert, before anything changes.
"#
);

fn check(step: &Step, ctx: &RiskContext<'_>) -> Vec<Risk> {
    let Change::AlterColumn { table, from, to } = &step.change else {
        return vec![];
    };
    let Some(conv) = ctx.after.conversion(table, &to.name, &from.data_type, &to.data_type) else {
        return vec![];
    };
    let (t, c) = (sql::qn(Dialect::Postgres, table), sql::id(Dialect::Postgres, &to.name));
    vec![Risk::new(
        RULE.id,
        RiskSeverity::High,
        format!(
            "Changing {table}.{} from {} to {} with the history's USING {}: a row it cannot convert makes the statement fail and the migration roll back.",
            to.name,
            from.data_type,
            to.data_type,
            conv.expr(&to.name)
        ),
    )
    .lock("ACCESS EXCLUSIVE")
    .alternative(vec![format!(
        "-- every row converted as the migration will (fails on the first it cannot convert)\nSELECT count(*) FROM {t} WHERE {c} IS NOT NULL AND ({}) IS NULL",
        conv.expr(&c)
    )])]
}

//! Rule `pg-change-generated-expression`: a stored generated column gets a new expression.

use super::prelude::*;

pub const RULE: Rule = Rule {
    id: "pg-change-generated-expression",
    dialect: Some(Dialect::Postgres),
    title: "Changing a stored generated column's expression rewrites the table",
    doc: DOC,
    check,
};

rule_doc!(
    r#"## What it does
Flags a change of the expression of a `GENERATED ALWAYS AS (...) STORED` column (or a plain
column becoming stored-generated).

## Why is this bad?
Every stored value must be recomputed. PostgreSQL 17+ does it with `ALTER COLUMN ... SET
EXPRESSION`, which rewrites the table under `ACCESS EXCLUSIVE`; older versions must drop and
re-add the column, which also rewrites it (and briefly removes the column for readers).

## Example
```sql
ALTER TABLE "items" ALTER COLUMN "total" SET EXPRESSION AS ("price" * "qty" * 1.2);
```

## Use instead
Add a new column (virtual on PostgreSQL 18+, or trigger-maintained), backfill it in batches,
move readers to it, then drop the old column.
"#
);

fn check(step: &Step, ctx: &RiskContext<'_>) -> Vec<Risk> {
    let Change::AlterColumn { table, from, to } = &step.change else {
        return vec![];
    };
    let Some(new) = to.generated.as_ref().filter(|g| g.stored) else {
        return vec![];
    };
    if from.generated.as_ref().is_some_and(|g| g.stored && g.expr == new.expr) || existing_table(ctx, table).is_none() {
        return vec![];
    }
    let d = Dialect::Postgres;
    let t = sql::qn(d, table);
    let tmp = format!("{}_next", to.name);
    let alt = if ctx.target.virtual_generated_columns() {
        vec![format!(
            "ALTER TABLE {t} ADD COLUMN {} {} GENERATED ALWAYS AS ({}) VIRTUAL",
            sql::id(d, &tmp),
            sql::ty(d, &to.data_type),
            new.expr
        )]
    } else {
        vec![
            format!("ALTER TABLE {t} ADD COLUMN {} {}", sql::id(d, &tmp), sql::ty(d, &to.data_type)),
            recipes::backfill(d, table, &tmp, &new.expr),
        ]
    };
    vec![Risk::new(
        RULE.id,
        RiskSeverity::High,
        format!("Recomputing stored generated column {table}.{} rewrites the whole table under ACCESS EXCLUSIVE.", to.name),
    )
    .lock(ACCESS_EXCLUSIVE)
    .rewrites()
    .alternative(alt)
    .sized(ctx, table)]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Generated;
    use crate::risk::rules::testkit::*;

    fn gen(expr: &str) -> Column {
        let mut c = col("total", "numeric");
        c.generated = Some(Generated { expr: expr.into(), stored: true });
        c
    }

    #[test]
    fn fires_on_new_expression_only() {
        let t = pg(17);
        let f = Fixture::new(t).with_table(table(qn(t, "items"), vec![gen("a * 2")]));
        let ch = |a, b| Change::AlterColumn { table: qn(t, "items"), from: a, to: b };
        assert!(f.one(&RULE, ch(gen("a * 2"), gen("a * 3")), &[]).rewrites);
        let mut commented = gen("a * 2");
        commented.comment = Some("x".into());
        assert!(f.run(&RULE, ch(gen("a * 2"), commented), &[]).is_empty());
    }
}

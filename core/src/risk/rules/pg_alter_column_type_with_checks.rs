//! Rule `pg-alter-column-type-with-checks`: type change of a column that CHECK constraints use.

use super::prelude::*;

pub const RULE: Rule = Rule {
    id: "pg-alter-column-type-with-checks",
    dialect: Some(Dialect::Postgres),
    title: "Changing the type of a column used by CHECK constraints re-checks every row",
    doc: DOC,
    check,
};

rule_doc!(
    r#"## What it does
Flags a type change of a column that a CHECK constraint of the table mentions.

## Why is this bad?
After the type change PostgreSQL re-verifies every CHECK that uses the column, scanning the
whole table under the `ACCESS EXCLUSIVE` lock of the `ALTER TABLE` — even when the type change
itself needs no rewrite.

## Example
```sql
-- "price" has CHECK ("price" >= 0)
ALTER TABLE "items" ALTER COLUMN "price" TYPE numeric(14,2);
```

## Use instead
Drop the check, change the type, then add the check back `NOT VALID` and validate it in a
separate transaction (validation only takes `SHARE UPDATE EXCLUSIVE`):
```sql
ALTER TABLE "items" DROP CONSTRAINT "items_price_check";
ALTER TABLE "items" ALTER COLUMN "price" TYPE numeric(14,2);
ALTER TABLE "items" ADD CONSTRAINT "items_price_check" CHECK ("price" >= 0) NOT VALID;
ALTER TABLE "items" VALIDATE CONSTRAINT "items_price_check";
```
"#
);

fn check(step: &Step, ctx: &RiskContext<'_>) -> Vec<Risk> {
    let Change::AlterColumn { table, from, to } = &step.change else {
        return vec![];
    };
    if !(sql::renders(step, &["ALTER COLUMN", " TYPE "])) {
        return vec![];
    }
    if from.data_type == to.data_type {
        return vec![];
    }
    let Some(old) = existing_table(ctx, table) else {
        return vec![];
    };
    let d = Dialect::Postgres;
    let t = sql::qn(d, table);
    let mut out = Vec::new();
    for con in &old.constraints {
        let (Some(name), ConstraintKind::Check { expr, .. }) = (&con.name, &con.kind) else {
            continue;
        };
        if !sql::mentions_word(expr, &from.name) {
            continue;
        }
        let n = sql::id(d, name);
        out.push(
            Risk::new(
                RULE.id,
                RiskSeverity::High,
                format!(
                    "Changing the type of {table}.{} makes PostgreSQL re-check constraint {name} on every row while holding ACCESS EXCLUSIVE.",
                    to.name
                ),
            )
            .lock(ACCESS_EXCLUSIVE)
            .scans()
            .alternative(vec![
                format!("ALTER TABLE {t} DROP CONSTRAINT {n}"),
                step.statements.first().cloned().unwrap_or_else(|| {
                    format!("ALTER TABLE {t} ALTER COLUMN {} TYPE {}", sql::id(d, &to.name), sql::ty(d, &to.data_type))
                }),
                format!("ALTER TABLE {t} ADD CONSTRAINT {n} CHECK ({expr}) NOT VALID"),
                format!("-- in a separate transaction\nALTER TABLE {t} VALIDATE CONSTRAINT {n}"),
            ])
            .sized(ctx, table),
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::risk::rules::testkit::*;

    #[test]
    fn fires_per_check_that_uses_the_column() {
        let t = pg(15);
        let mut tab = table(qn(t, "items"), vec![col("price", "numeric"), col("qty", "integer")]);
        tab.constraints.push(constraint("items_price_check", ConstraintKind::Check { expr: "price >= 0".into(), no_inherit: false }));
        tab.constraints.push(constraint("items_qty_check", ConstraintKind::Check { expr: "qty > 0".into(), no_inherit: false }));
        let f = Fixture::new(t).with_table(tab);
        let ch =
            Change::AlterColumn { table: qn(t, "items"), from: col("price", "numeric"), to: col_args("price", "numeric", &["14", "2"]) };
        let r = f.one(&RULE, ch, &[]);
        assert!(r.message.contains("items_price_check"));
        assert!(r.safe_alternative[2].ends_with("NOT VALID"));
        let ch = Change::AlterColumn { table: qn(t, "items"), from: col("price", "numeric"), to: not_null(col("price", "numeric")) };
        assert!(f.run(&RULE, ch, &[]).is_empty());
    }
}

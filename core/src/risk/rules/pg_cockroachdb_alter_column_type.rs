//! Rule `pg-cockroachdb-alter-column-type`: a column type change that rewrites the data is a
//! preview feature of CockroachDB, refused unless enabled and never inside a transaction.

use super::prelude::*;
use crate::model::type_change::pg_no_rewrite;

pub const RULE: Rule = Rule {
    id: "pg-cockroachdb-alter-column-type",
    dialect: Some(Dialect::Postgres),
    title: "CockroachDB: a column type change that rewrites data is a preview feature",
    doc: DOC,
    check,
};

rule_doc!(
    r#"## What it does
On a CockroachDB target, flags `ALTER COLUMN ... TYPE` on an existing table when the new type
needs the stored values rewritten (not a widening of an integer or of a string's length, which
CockroachDB applies to the column's metadata only).

## Why is this bad?
"Support for altering column data types is in preview": a change that requires rewriting the
data fails with an error unless the session sets `enable_experimental_alter_column_type_general
= true`, and even then it cannot run inside an explicit transaction, and the column may not be
part of an index or a constraint while it changes
(<https://www.cockroachlabs.com/docs/stable/alter-table#alter-column-data-types>).

## Example
```sql
ALTER TABLE "orders" ALTER COLUMN "total" TYPE numeric(12,2) USING "total"::numeric(12,2);
```

## Use instead
Expand and contract by hand: add the new column, backfill it in batches
(`UPDATE "orders" SET "total_new" = "total" WHERE "total_new" IS NULL LIMIT 1000`, repeated
until it updates 0 rows), move the application to it, then drop the old column and rename the
new one. Or, knowing the limits, enable the preview setting for the session.
"#
);

fn check(step: &Step, ctx: &RiskContext<'_>) -> Vec<Risk> {
    let Change::AlterColumn { table, from, to } = &step.change else {
        return vec![];
    };
    if !ctx.target.limited_alter_column_type() || from.data_type == to.data_type || existing_table(ctx, table).is_none() {
        return vec![];
    }
    if pg_no_rewrite(&from.data_type, &to.data_type) || int_widening(&from.data_type, &to.data_type) {
        return vec![];
    }
    let d = Dialect::Postgres;
    let mut alt = vec!["SET enable_experimental_alter_column_type_general = true".to_string()];
    alt.extend(step.statements.iter().filter(|s| sql::is_ddl(s)).cloned());
    vec![Risk::new(
        RULE.id,
        RiskSeverity::High,
        format!(
            "{} changes the type of {table}.{} from {} to {} only as a preview feature: the statement fails unless the session enables enable_experimental_alter_column_type_general, and it cannot run inside a transaction.",
            ctx.target.label(),
            to.name,
            sql::ty(d, &from.data_type),
            sql::ty(d, &to.data_type)
        ),
    )
    .rewrites()
    .alternative(alt)]
}

/// `smallint` → `integer`/`bigint`, `integer` → `bigint`: metadata only on CockroachDB.
fn int_widening(from: &DataType, to: &DataType) -> bool {
    let rank = |t: &DataType| match t.base.as_str() {
        "smallint" | "int2" => Some(2),
        "integer" | "int" | "int4" => Some(4),
        "bigint" | "int8" => Some(8),
        _ => None,
    };
    from.array_dims == to.array_dims && matches!((rank(from), rank(to)), (Some(a), Some(b)) if a < b)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::risk::rules::testkit::*;
    use crate::{Flavor, Target};

    fn change(t: Target, from: &str, to: &str) -> Change {
        Change::AlterColumn { table: qn(t, "orders"), from: col("total", from), to: col("total", to) }
    }

    #[test]
    fn fires_on_rewriting_changes_on_cockroachdb_only() {
        let t = Target::of(Flavor::Cockroachdb);
        let f = Fixture::new(t).with_table(table(qn(t, "orders"), vec![col("total", "integer")]));
        let s = ["ALTER TABLE \"public\".\"orders\" ALTER COLUMN \"total\" TYPE text"];
        let r = f.one(&RULE, change(t, "integer", "text"), &s);
        assert_eq!(r.safe_alternative[0], "SET enable_experimental_alter_column_type_general = true");
        assert!(f.run(&RULE, change(t, "integer", "bigint"), &s).is_empty());
        let p = Fixture::new(pg(15)).with_table(table(qn(t, "orders"), vec![col("total", "integer")]));
        assert!(p.run(&RULE, change(t, "integer", "text"), &s).is_empty());
    }
}

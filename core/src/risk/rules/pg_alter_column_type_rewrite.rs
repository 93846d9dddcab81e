//! Rule `pg-alter-column-type-rewrite`: a column type change that rewrites the table.

use super::prelude::*;

pub const RULE: Rule = Rule {
    id: "pg-alter-column-type-rewrite",
    dialect: Some(Dialect::Postgres),
    title: "Changing a column type rewrites the table under ACCESS EXCLUSIVE",
    doc: DOC,
    check,
};

rule_doc!(
    r#"## What it does
Flags `ALTER COLUMN ... TYPE` when the change is not binary coercible (for example
`integer` → `bigint`, `text` → `integer`, a shorter `varchar`, a numeric scale change,
`timestamp` → `timestamptz`).

## Why is this bad?
PostgreSQL converts every value and rewrites the table and all its indexes while holding an
`ACCESS EXCLUSIVE` lock: reads and writes are blocked for the whole rewrite, which needs up to
twice the table's disk space. Column statistics are reset too, so plans may be poor until the
next `ANALYZE`. Only binary-coercible changes (`varchar(n)` → `varchar(m)` with m ≥ n,
`varchar` → `text`, more numeric precision at the same scale) skip the rewrite.

## Example
```sql
ALTER TABLE "orders" ALTER COLUMN "id" TYPE bigint;
```

## Use instead
Expand and contract: add a new column, keep it in sync with a trigger, backfill in batches,
switch the application, then swap names in one short transaction and drop the old column.
```sql
ALTER TABLE "orders" ADD COLUMN "id_new" bigint;
-- trigger: NEW."id_new" := NEW."id" on INSERT OR UPDATE
UPDATE "orders" SET "id_new" = "id"
  WHERE ctid IN (SELECT ctid FROM "orders" WHERE "id_new" IS NULL LIMIT 10000);
BEGIN;
ALTER TABLE "orders" RENAME COLUMN "id" TO "id_old";
ALTER TABLE "orders" RENAME COLUMN "id_new" TO "id";
COMMIT;
ALTER TABLE "orders" DROP COLUMN "id_old";
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
    if from.data_type == to.data_type || crate::model::type_change::pg_no_rewrite(&from.data_type, &to.data_type) {
        return vec![];
    }
    if existing_table(ctx, table).is_none() {
        return vec![];
    }
    vec![Risk::new(
        RULE.id,
        RiskSeverity::High,
        format!(
            "Changing {table}.{} from {} to {} rewrites the table and its indexes under ACCESS EXCLUSIVE: reads and writes wait until it ends.",
            to.name, from.data_type, to.data_type
        ),
    )
    .lock(ACCESS_EXCLUSIVE)
    .rewrites()
    .alternative(expand_contract(table, &to.name, &to.data_type))
    .sized(ctx, table)]
}

/// The expand/contract recipe for a type change of `column`.
pub(crate) fn expand_contract(table: &QName, column: &str, ty: &DataType) -> Vec<String> {
    let d = Dialect::Postgres;
    let t = sql::qn(d, table);
    let new_name = format!("{column}_new");
    let old_name = format!("{column}_old");
    let (c, cn, co) = (sql::id(d, column), sql::id(d, &new_name), sql::id(d, &old_name));
    let ty_sql = sql::ty(d, ty);
    let func = sql::qn(d, &QName::new(table.schema.clone(), sql::derived_name(table, &format!("{column}_sync"))));
    let trigger = sql::id(d, &sql::derived_name(table, &format!("{column}_sync")));
    vec![
        format!("ALTER TABLE {t} ADD COLUMN {cn} {ty_sql}"),
        format!("CREATE FUNCTION {func}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.{cn} := NEW.{c}::{ty_sql}; RETURN NEW; END $$"),
        format!("CREATE TRIGGER {trigger} BEFORE INSERT OR UPDATE ON {t} FOR EACH ROW EXECUTE FUNCTION {func}()"),
        recipes::backfill(d, table, &new_name, &format!("{c}::{ty_sql}")),
        format!("-- after the application reads the new column, in one short transaction:\nALTER TABLE {t} RENAME COLUMN {c} TO {co}"),
        format!("ALTER TABLE {t} RENAME COLUMN {cn} TO {c}"),
        format!("DROP TRIGGER {trigger} ON {t}"),
        format!("DROP FUNCTION {func}()"),
        format!("-- contract, after the next deploy:\nALTER TABLE {t} DROP COLUMN {co}"),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::risk::rules::testkit::*;

    fn run(from: Column, to: Column) -> Vec<Risk> {
        let t = pg(15);
        let f = Fixture::new(t).with_table(table(qn(t, "orders"), vec![from.clone()])).rows("public.orders", 20_000_000);
        f.run(&RULE, Change::AlterColumn { table: qn(t, "orders"), from, to }, &[])
    }

    #[test]
    fn int_to_bigint_rewrites() {
        let r = run(col("id", "integer"), col("id", "bigint"));
        assert_eq!(r.len(), 1);
        assert_eq!(r[0].severity, RiskSeverity::High);
        assert!(r[0].message.contains("20,000,000 rows"));
        assert!(r[0].safe_alternative[0].contains("\"id_new\" bigint"));
    }

    #[test]
    fn varchar_widening_does_not() {
        assert!(run(col_args("n", "character varying", &["10"]), col_args("n", "character varying", &["20"])).is_empty());
        assert!(run(col_args("n", "character varying", &["10"]), col("n", "text")).is_empty());
        assert_eq!(run(col_args("n", "character varying", &["20"]), col_args("n", "character varying", &["10"])).len(), 1);
    }

    #[test]
    fn expand_contract_form_does_not_fire() {
        let t = pg(15);
        let f = Fixture::new(t).with_table(table(qn(t, "orders"), vec![col("id", "integer")]));
        let ch = Change::AlterColumn { table: qn(t, "orders"), from: col("id", "integer"), to: col("id", "bigint") };
        assert!(f.run(&RULE, ch.clone(), &["ALTER TABLE \"public\".\"orders\" ADD COLUMN \"id_new\" bigint"]).is_empty());
        assert_eq!(f.run(&RULE, ch, &["ALTER TABLE \"public\".\"orders\" ALTER COLUMN \"id\" TYPE bigint"]).len(), 1);
    }
}

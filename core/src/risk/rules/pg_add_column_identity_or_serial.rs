//! Rule `pg-add-column-identity-or-serial`: a new identity/serial column numbers every row.

use super::prelude::*;

pub const RULE: Rule = Rule {
    id: "pg-add-column-identity-or-serial",
    dialect: Some(Dialect::Postgres),
    title: "Adding an identity or serial column rewrites the table",
    doc: DOC,
    check,
};

rule_doc!(
    r#"## What it does
Flags `ADD COLUMN` of a `serial`/`bigserial` column, a column whose default is `nextval(...)`,
or a `GENERATED ... AS IDENTITY` column, on an existing table.

## Why is this bad?
Each existing row must receive its own sequence value, so PostgreSQL rewrites the table and its
indexes under an `ACCESS EXCLUSIVE` lock: nothing can read or write the table until it ends.

## Example
```sql
ALTER TABLE "events" ADD COLUMN "seq" bigserial;
```

## Use instead
Add a plain column, attach a sequence for new rows, and number old rows in batches:
```sql
ALTER TABLE "events" ADD COLUMN "seq" bigint;
CREATE SEQUENCE "events_seq_seq" OWNED BY "events"."seq";
ALTER TABLE "events" ALTER COLUMN "seq" SET DEFAULT nextval('events_seq_seq');
UPDATE "events" SET "seq" = nextval('events_seq_seq')
  WHERE ctid IN (SELECT ctid FROM "events" WHERE "seq" IS NULL LIMIT 10000);
```
"#
);

fn check(step: &Step, ctx: &RiskContext<'_>) -> Vec<Risk> {
    let Change::AddColumn { table, column } = &step.change else {
        return vec![];
    };
    if !(sql::renders(step, &["ADD COLUMN", "IDENTITY"])
        || sql::renders(step, &["ADD COLUMN", "SERIAL"])
        || sql::renders(step, &["ADD COLUMN", "NEXTVAL"]))
    {
        return vec![];
    }
    if existing_table(ctx, table).is_none() {
        return vec![];
    }
    let nextval = column.default.as_deref().is_some_and(|d| d.to_ascii_lowercase().contains("nextval("));
    if column.identity.is_none() && !column.serial && !nextval {
        return vec![];
    }
    let d = Dialect::Postgres;
    let (t, c) = (sql::qn(d, table), sql::id(d, &column.name));
    let seq_name = sql::derived_name(table, &format!("{}_seq", column.name));
    let seq = sql::qn(d, &QName::new(table.schema.clone(), seq_name));
    let base = if column.data_type.base == "smallint" || column.data_type.base == "integer" { &column.data_type.base } else { "bigint" };
    let next = format!("nextval({})", crate::render::quote::literal(d, &seq));
    let alt = vec![
        format!("ALTER TABLE {t} ADD COLUMN {c} {base}"),
        format!("CREATE SEQUENCE {seq} OWNED BY {t}.{c}"),
        format!("ALTER TABLE {t} ALTER COLUMN {c} SET DEFAULT {next}"),
        recipes::backfill(d, table, &column.name, &next),
    ];
    let kind = if column.identity.is_some() { "identity" } else { "sequence-numbered" };
    vec![Risk::new(
        RULE.id,
        RiskSeverity::High,
        format!(
            "Adding {kind} column {} to {table} assigns a value to every existing row: a full table rewrite under ACCESS EXCLUSIVE.",
            column.name
        ),
    )
    .lock(ACCESS_EXCLUSIVE)
    .rewrites()
    .alternative(alt)
    .sized(ctx, table)]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Identity, IdentityKind};
    use crate::risk::rules::testkit::*;

    #[test]
    fn fires_for_identity_and_serial() {
        let t = pg(15);
        let f = Fixture::new(t).with_table(table(qn(t, "events"), vec![col("id", "bigint")]));
        let mut c = col("seq", "bigint");
        c.identity = Some(Identity { kind: IdentityKind::ByDefault, options: None });
        let r = f.one(&RULE, Change::AddColumn { table: qn(t, "events"), column: c }, &[]);
        assert!(r.rewrites);
        assert!(r.safe_alternative[1].starts_with("CREATE SEQUENCE \"public\".\"events_seq_seq\""));
        let c = with_default(col("n", "integer"), "nextval('events_n_seq'::regclass)");
        assert_eq!(f.run(&RULE, Change::AddColumn { table: qn(t, "events"), column: c }, &[]).len(), 1);
    }

    #[test]
    fn plain_column_does_not_fire() {
        let t = pg(15);
        let f = Fixture::new(t).with_table(table(qn(t, "events"), vec![col("id", "bigint")]));
        assert!(f.run(&RULE, Change::AddColumn { table: qn(t, "events"), column: col("n", "integer") }, &[]).is_empty());
    }
}

//! Rule `pg-add-column-stored-generated`: a new stored generated column is computed for every row.

use super::prelude::*;

pub const RULE: Rule = Rule {
    id: "pg-add-column-stored-generated",
    dialect: Some(Dialect::Postgres),
    title: "Adding a stored generated column rewrites the table",
    doc: DOC,
    check,
};

rule_doc!(
    r#"## What it does
Flags `ADD COLUMN ... GENERATED ALWAYS AS (...) STORED` on an existing table.

## Why is this bad?
The expression is computed and stored for every existing row: PostgreSQL rewrites the table
and its indexes under an `ACCESS EXCLUSIVE` lock, so reads and writes wait for the whole
rewrite.

## Example
```sql
ALTER TABLE "items" ADD COLUMN "total" numeric GENERATED ALWAYS AS ("price" * "qty") STORED;
```

## Use instead
On PostgreSQL 18+, a virtual generated column costs nothing to add:
```sql
ALTER TABLE "items" ADD COLUMN "total" numeric GENERATED ALWAYS AS ("price" * "qty") VIRTUAL;
```
Before 18, add a plain column kept up to date by a `BEFORE INSERT OR UPDATE` trigger and fill
existing rows in batches.
"#
);

fn check(step: &Step, ctx: &RiskContext<'_>) -> Vec<Risk> {
    let Change::AddColumn { table, column } = &step.change else {
        return vec![];
    };
    if !(sql::renders(step, &["ADD COLUMN", "STORED"])) {
        return vec![];
    }
    let Some(generated) = &column.generated else {
        return vec![];
    };
    if !generated.stored || existing_table(ctx, table).is_none() {
        return vec![];
    }
    let d = Dialect::Postgres;
    let (t, c, ty) = (sql::qn(d, table), sql::id(d, &column.name), sql::ty(d, &column.data_type));
    let alt = if ctx.target.virtual_generated_columns() {
        vec![format!("ALTER TABLE {t} ADD COLUMN {c} {ty} GENERATED ALWAYS AS ({}) VIRTUAL", generated.expr)]
    } else {
        vec![
            format!("ALTER TABLE {t} ADD COLUMN {c} {ty}"),
            format!("-- keep it current with a BEFORE INSERT OR UPDATE trigger that sets NEW.{c} := {}", generated.expr),
            recipes::backfill(d, table, &column.name, &generated.expr),
        ]
    };
    vec![Risk::new(
        RULE.id,
        RiskSeverity::High,
        format!(
            "Adding stored generated column {} to {table} computes it for every row: a full table rewrite under ACCESS EXCLUSIVE.",
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
    use crate::model::Generated;
    use crate::risk::rules::testkit::*;

    fn run(v: u32, stored: bool) -> Vec<Risk> {
        let t = pg(v);
        let f = Fixture::new(t).with_table(table(qn(t, "items"), vec![col("price", "numeric")]));
        let mut c = col("total", "numeric");
        c.generated = Some(Generated { expr: "price * 2".into(), stored });
        f.run(&RULE, Change::AddColumn { table: qn(t, "items"), column: c }, &[])
    }

    #[test]
    fn fires_for_stored_and_suggests_virtual_on_18() {
        let r = run(16, true);
        assert_eq!(r.len(), 1);
        assert!(r[0].safe_alternative[1].contains("trigger"));
        assert!(run(18, true)[0].safe_alternative[0].ends_with("VIRTUAL"));
    }

    #[test]
    fn virtual_does_not_fire() {
        assert!(run(18, false).is_empty());
    }
}

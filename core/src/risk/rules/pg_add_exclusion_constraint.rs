//! Rule `pg-add-exclusion-constraint`: an exclusion constraint on an existing table.

use super::prelude::*;

pub const RULE: Rule = Rule {
    id: "pg-add-exclusion-constraint",
    dialect: Some(Dialect::Postgres),
    title: "Adding an EXCLUDE constraint has no online path",
    doc: DOC,
    check,
};

rule_doc!(
    r#"## What it does
Flags `ADD CONSTRAINT ... EXCLUDE` on an existing table.

## Why is this bad?
PostgreSQL builds the constraint's index and checks every row under `ACCESS EXCLUSIVE`.
Exclusion constraints support neither `NOT VALID` nor `USING INDEX`, so there is no online
equivalent.

## Example
```sql
ALTER TABLE "bookings" ADD CONSTRAINT "no_overlap" EXCLUDE USING gist ("room" WITH =, "during" WITH &&);
```

## Use instead
Create the constraint together with the table, or run it in a maintenance window with a
`lock_timeout`.
"#
);

fn check(step: &Step, ctx: &RiskContext<'_>) -> Vec<Risk> {
    let Change::AddConstraint { table, constraint } = &step.change else {
        return vec![];
    };
    if !matches!(constraint.kind, ConstraintKind::Exclude { .. }) || existing_table(ctx, table).is_none() {
        return vec![];
    }
    let name = constraint.name.clone().unwrap_or_default();
    vec![Risk::new(
        RULE.id,
        RiskSeverity::High,
        format!("Adding exclusion constraint {name} on {table} builds its index and checks every row under ACCESS EXCLUSIVE; there is no NOT VALID or concurrent form."),
    )
    .lock(ACCESS_EXCLUSIVE)
    .scans()
    .sized(ctx, table)]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::risk::rules::testkit::*;

    #[test]
    fn fires_on_existing_table_only() {
        let t = pg(15);
        let ch = Change::AddConstraint {
            table: qn(t, "bookings"),
            constraint: constraint("no_overlap", ConstraintKind::Exclude { definition: "USING gist (room WITH =)".into() }),
        };
        let f = Fixture::new(t).with_table(table(qn(t, "bookings"), vec![col("room", "integer")]));
        assert!(f.one(&RULE, ch.clone(), &[]).safe_alternative.is_empty());
        assert!(Fixture::new(t).run(&RULE, ch, &[]).is_empty());
    }
}

//! Rule `pg-add-foreign-key`: a validated foreign key scans and blocks writes on two tables.

use super::prelude::*;

pub const RULE: Rule = Rule {
    id: "pg-add-foreign-key",
    dialect: Some(Dialect::Postgres),
    title: "Adding a validated foreign key blocks writes on both tables during a scan",
    doc: DOC,
    check,
};

rule_doc!(
    r#"## What it does
Flags `ADD CONSTRAINT ... FOREIGN KEY` on a table that already exists, unless it is added
`NOT VALID`.

## Why is this bad?
PostgreSQL takes `SHARE ROW EXCLUSIVE` on both the referencing and the referenced table and
checks every existing row: writes to both tables are blocked for the whole scan.

## Example
```sql
ALTER TABLE "orders" ADD CONSTRAINT "orders_user_fk" FOREIGN KEY ("user_id") REFERENCES "users" ("id");
```

## Use instead
Add it `NOT VALID` (instant; new rows are checked), then validate in a separate transaction,
which only takes `SHARE UPDATE EXCLUSIVE` and lets reads and writes continue:
```sql
ALTER TABLE "orders" ADD CONSTRAINT "orders_user_fk" FOREIGN KEY ("user_id") REFERENCES "users" ("id") NOT VALID;
ALTER TABLE "orders" VALIDATE CONSTRAINT "orders_user_fk";
```
"#
);

fn check(step: &Step, ctx: &RiskContext<'_>) -> Vec<Risk> {
    let Change::AddConstraint { table, constraint } = &step.change else {
        return vec![];
    };
    let ConstraintKind::ForeignKey { ref_table, .. } = &constraint.kind else {
        return vec![];
    };
    let Some(old) = existing_table(ctx, table) else {
        return vec![];
    };
    if constraint.not_valid || sql::mentions(step, "NOT VALID") || sql::validate_only(step) {
        return vec![];
    }
    let d = Dialect::Postgres;
    let t = sql::qn(d, table);
    let name = constraint.name.clone().unwrap_or_else(|| sql::derived_name(table, "fkey"));
    let mut alt = Vec::new();
    let partitioned = old.options.partition_by.is_some();
    if !partitioned {
        if let Some(first) = step.statements.first() {
            alt.push(format!("{} NOT VALID", first.trim_end().trim_end_matches(';')));
        }
        alt.push(format!("-- in a separate transaction\nALTER TABLE {t} VALIDATE CONSTRAINT {}", sql::id(d, &name)));
    }
    let extra = if partitioned {
        " Foreign keys on partitioned tables cannot be added NOT VALID: add it while the table is small, or in a quiet window."
    } else {
        ""
    };
    vec![Risk::new(
        RULE.id,
        RiskSeverity::High,
        format!(
            "Adding foreign key {name} on {table} (to {ref_table}) checks every row while holding SHARE ROW EXCLUSIVE on both tables: writes to both wait for the scan.{extra}"
        ),
    )
    .lock(format!("{SHARE_ROW_EXCLUSIVE} (both tables)"))
    .scans()
    .alternative(alt)
    .sized(ctx, table)]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{FkAction, FkMatch};
    use crate::risk::rules::testkit::*;

    fn fk(t: crate::Target) -> Change {
        Change::AddConstraint {
            table: qn(t, "orders"),
            constraint: constraint(
                "orders_user_fk",
                ConstraintKind::ForeignKey {
                    columns: vec!["user_id".into()],
                    ref_table: qn(t, "users"),
                    ref_columns: vec!["id".into()],
                    on_delete: FkAction::NoAction,
                    on_update: FkAction::NoAction,
                    match_type: FkMatch::Simple,
                },
            ),
        }
    }

    #[test]
    fn fires_on_existing_table_and_suggests_not_valid() {
        let t = pg(15);
        let f = Fixture::new(t).with_table(table(qn(t, "orders"), vec![col("user_id", "bigint")]));
        let s = "ALTER TABLE \"public\".\"orders\" ADD CONSTRAINT \"orders_user_fk\" FOREIGN KEY (\"user_id\") REFERENCES \"public\".\"users\" (\"id\")";
        let r = f.one(&RULE, fk(t), &[s]);
        assert!(r.safe_alternative[0].ends_with("NOT VALID"));
        assert!(r.safe_alternative[1].contains("VALIDATE CONSTRAINT \"orders_user_fk\""));
        assert!(f.run(&RULE, fk(t), &[&format!("{s} NOT VALID")]).is_empty());
    }

    #[test]
    fn new_table_does_not_fire() {
        let t = pg(15);
        assert!(Fixture::new(t).run(&RULE, fk(t), &[]).is_empty());
    }

    #[test]
    fn validate_only_step_does_not_fire() {
        let t = pg(15);
        let f = Fixture::new(t).with_table(table(qn(t, "orders"), vec![col("user_id", "bigint")]));
        let s = "ALTER TABLE \"public\".\"orders\" VALIDATE CONSTRAINT \"orders_user_fk\"";
        assert!(f.run(&RULE, fk(t), &[s]).is_empty());
    }
}

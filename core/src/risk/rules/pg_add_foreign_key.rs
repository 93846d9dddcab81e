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
`NOT VALID`. On the `VALIDATE CONSTRAINT` step of the `NOT VALID` form (zero-downtime plans) it
says instead that validation fails on any row whose key has no match in the referenced table
(every row with a key, when that table is created by the same migration), with the query that
counts them.

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
    let ConstraintKind::ForeignKey { columns, ref_table, ref_columns, .. } = &constraint.kind else {
        return vec![];
    };
    let Some(old) = existing_table(ctx, table) else {
        return vec![];
    };
    if constraint.not_valid || sql::mentions(step, "NOT VALID") {
        return vec![];
    }
    let d = Dialect::Postgres;
    let t = sql::qn(d, table);
    let name = constraint.name.clone().unwrap_or_else(|| sql::derived_name(table, "fkey"));
    if sql::validate_only(step) {
        // The zero-downtime form's second half: no long lock, but the same verdict on the rows.
        return vec![validate_fails(ctx, table, &name, columns, ref_table, ref_columns)];
    }
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

/// The VALIDATE step fails on a row whose key has no match in the referenced table (a table
/// created empty by the same migration matches none), with the query that counts them.
fn validate_fails(ctx: &RiskContext<'_>, table: &QName, name: &str, columns: &[String], ref_table: &QName, ref_columns: &[String]) -> Risk {
    let d = Dialect::Postgres;
    let referenced: Vec<String> = if ref_columns.is_empty() {
        ctx.after.tables.get(ref_table).map(|t| t.primary_key_columns().to_vec()).unwrap_or_default()
    } else {
        ref_columns.to_vec()
    };
    let new_parent = !ctx.before.tables.contains_key(ref_table);
    let why = if new_parent {
        format!(" {ref_table} is created by this migration, empty: every row with a key fails it.")
    } else {
        String::new()
    };
    let mut risk = Risk::new(
        RULE.id,
        RiskSeverity::High,
        format!(
            "Validating foreign key {name} on {table} fails if a row's ({}) has no match in {ref_table}; the constraint then stays NOT VALID, checking new writes only.{why}",
            columns.join(", ")
        ),
    )
    .scans();
    if referenced.len() == columns.len() {
        let not_null = columns.iter().map(|c| format!("c.{} IS NOT NULL", sql::id(d, c))).collect::<Vec<_>>().join(" AND ");
        let matches = columns
            .iter()
            .zip(&referenced)
            .map(|(c, r)| format!("p.{} = c.{}", sql::id(d, r), sql::id(d, c)))
            .collect::<Vec<_>>()
            .join(" AND ");
        risk = risk.alternative(vec![format!(
            "SELECT count(*) FROM {} c WHERE {not_null} AND NOT EXISTS (SELECT 1 FROM {} p WHERE {matches})",
            sql::qn(d, table),
            sql::qn(d, ref_table)
        )]);
    }
    risk
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
    fn validate_only_step_says_it_fails_on_unmatched_rows() {
        let t = pg(15);
        let f = Fixture::new(t).with_table(table(qn(t, "orders"), vec![col("user_id", "bigint")]));
        let s = "ALTER TABLE \"public\".\"orders\" VALIDATE CONSTRAINT \"orders_user_fk\"";
        let r = f.one(&RULE, fk(t), &[s]);
        assert_eq!(r.severity, RiskSeverity::High);
        assert!(r.message.contains("fails if a row's (user_id) has no match"), "{}", r.message);
        assert_eq!(
            r.safe_alternative,
            vec!["SELECT count(*) FROM \"public\".\"orders\" c WHERE c.\"user_id\" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM \"public\".\"users\" p WHERE p.\"id\" = c.\"user_id\")"]
        );
    }
}

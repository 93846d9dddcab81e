//! Rule `pg-set-not-null`: `SET NOT NULL` scans the table under ACCESS EXCLUSIVE.

use super::prelude::*;

pub const RULE: Rule = Rule {
    id: "pg-set-not-null",
    dialect: Some(Dialect::Postgres),
    title: "SET NOT NULL scans the whole table under ACCESS EXCLUSIVE",
    doc: DOC,
    check,
};

rule_doc!(
    r#"## What it does
Flags `ALTER COLUMN ... SET NOT NULL` on an existing column, unless the step already uses (part of) the
validated-CHECK recipe or the table already has a valid `CHECK (col IS NOT NULL)`.

## Why is this bad?
PostgreSQL verifies that no row holds NULL by scanning the whole table while it holds an
`ACCESS EXCLUSIVE` lock: reads and writes wait for the scan. From PostgreSQL 12 the scan is
skipped when a valid CHECK constraint already proves the column is not null, and such a CHECK
can be validated under the much weaker `SHARE UPDATE EXCLUSIVE` lock. PostgreSQL 18 can add the
NOT NULL constraint itself as `NOT VALID` and validate it later.

## Example
```sql
ALTER TABLE "users" ALTER COLUMN "email" SET NOT NULL;
```

## Use instead
PostgreSQL 12–17:
```sql
ALTER TABLE "users" ADD CONSTRAINT "users_email_not_null" CHECK ("email" IS NOT NULL) NOT VALID;
ALTER TABLE "users" VALIDATE CONSTRAINT "users_email_not_null";  -- separate transaction
ALTER TABLE "users" ALTER COLUMN "email" SET NOT NULL;            -- no scan
ALTER TABLE "users" DROP CONSTRAINT "users_email_not_null";
```
PostgreSQL 18+:
```sql
ALTER TABLE "users" ADD CONSTRAINT "users_email_not_null" NOT NULL "email" NOT VALID;
ALTER TABLE "users" VALIDATE CONSTRAINT "users_email_not_null";
```
"#
);

/// A CHECK constraint that proves `column IS NOT NULL`.
fn proven_by_check(table: &Table, column: &str) -> bool {
    table.constraints.iter().any(|c| match &c.kind {
        ConstraintKind::Check { expr, .. } if !c.not_valid => {
            let e = expr.to_lowercase().replace(['"', '(', ')'], "");
            e.trim() == format!("{} is not null", column.to_lowercase())
        }
        _ => false,
    })
}

fn check(step: &Step, ctx: &RiskContext<'_>) -> Vec<Risk> {
    let Change::AlterColumn { table, from, to } = &step.change else {
        return vec![];
    };
    // The zero-downtime plan's SET NOT NULL after a validated helper CHECK does not scan.
    // Zero-downtime: the SET NOT NULL after a validated helper CHECK does not scan, and the
    // expand/contract steps of the change do not set NOT NULL themselves.
    if !from.nullable || to.nullable || step.rewrite.is_some_and(Rewrite::not_null_handled) {
        return vec![];
    }
    let Some(old) = existing_table(ctx, table) else {
        return vec![];
    };
    let kept = new_table(ctx, table).is_some_and(|t| proven_by_check(t, &from.name));
    if ctx.target.not_null_proven_by_check() && proven_by_check(old, &from.name) && kept {
        return vec![];
    }
    if sql::mentions(step, "NOT VALID") || sql::mentions(step, "VALIDATE CONSTRAINT") {
        return vec![];
    }
    vec![Risk::new(
        RULE.id,
        RiskSeverity::High,
        format!(
            "Making {table}.{} NOT NULL scans every row to look for NULLs while holding ACCESS EXCLUSIVE: reads and writes wait for the scan.",
            to.name
        ),
    )
    .lock(ACCESS_EXCLUSIVE)
    .scans()
    .alternative(recipes::pg_not_null(ctx.target, table, &to.name))
    .sized(ctx, table)]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::risk::rules::testkit::*;

    fn run(v: u32, tab_check: bool, stmts: &[&str]) -> Vec<Risk> {
        let t = pg(v);
        let mut tab = table(qn(t, "users"), vec![col("email", "text")]);
        if tab_check {
            tab.constraints.push(constraint("nn", ConstraintKind::Check { expr: "(email IS NOT NULL)".into(), no_inherit: false }));
        }
        let f = Fixture::new(t).with_table(tab);
        f.run(&RULE, Change::AlterColumn { table: qn(t, "users"), from: col("email", "text"), to: not_null(col("email", "text")) }, stmts)
    }

    #[test]
    fn fires_with_version_aware_recipe() {
        let r = run(15, false, &[]);
        assert_eq!(r.len(), 1);
        assert!(r[0].scans);
        assert!(r[0].safe_alternative[0].contains("CHECK (\"email\" IS NOT NULL) NOT VALID"));
        assert!(run(18, false, &[])[0].safe_alternative[0].contains("NOT NULL \"email\" NOT VALID"));
    }

    #[test]
    fn existing_check_skips_scan_from_pg12() {
        assert!(run(12, true, &[]).is_empty());
        assert_eq!(run(11, true, &[]).len(), 1);
    }

    #[test]
    fn safe_recipe_in_statements_does_not_fire() {
        let s = ["ALTER TABLE t ADD CONSTRAINT c CHECK (email IS NOT NULL) NOT VALID", "ALTER TABLE t VALIDATE CONSTRAINT c"];
        assert!(run(15, false, &s).is_empty());
    }
}

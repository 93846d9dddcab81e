//! Rule `any-unbatched-backfill`: one UPDATE over a whole table.

use super::prelude::*;

pub const RULE: Rule = Rule {
    id: "any-unbatched-backfill",
    dialect: None,
    title: "A single UPDATE over the whole table locks every row it touches until commit",
    doc: DOC,
    check,
};

rule_doc!(
    r#"## What it does
Flags a step whose statements include an `UPDATE` that is not limited to a batch (no `LIMIT`,
no `ctid`/`rowid` batch selection).

## Why is this bad?
One statement updates every row in one transaction: each updated row stays locked until
commit (blocking the application's writes to it), the table bloats with dead row versions
(PostgreSQL) or the undo log grows (InnoDB), replicas lag, and inside a DDL transaction the
DDL lock is held for the whole update.

## Example
```sql
UPDATE "users" SET "plan" = 'free' WHERE "plan" IS NULL;
```

## Use instead
Update in small batches, each in its own transaction, until no row is left:
```sql
UPDATE "users" SET "plan" = 'free'
  WHERE ctid IN (SELECT ctid FROM "users" WHERE "plan" IS NULL LIMIT 10000);
```
"#
);

/// The statement text without leading `--` comment lines.
fn body(s: &str) -> String {
    s.lines().filter(|l| !l.trim_start().starts_with("--")).collect::<Vec<_>>().join("\n")
}

fn check(step: &Step, ctx: &RiskContext<'_>) -> Vec<Risk> {
    let updates: Vec<String> = step
        .statements
        .iter()
        .map(|s| body(s))
        .filter(|s| {
            let u = s.trim_start().to_ascii_uppercase();
            u.starts_with("UPDATE ") && !u.contains(" LIMIT ") && !u.contains("CTID IN") && !u.contains("ROWID IN")
        })
        .collect();
    if updates.is_empty() {
        return vec![];
    }
    let target = step.change.table().cloned();
    let mut r = Risk::new(
        RULE.id,
        RiskSeverity::High,
        format!(
            "This step updates {} in a single statement: every row it touches stays locked until commit, and the table bloats and replicas lag.",
            target.as_ref().map(|t| t.to_string()).unwrap_or_else(|| "rows".into())
        ),
    )
    .lock("row locks on every updated row");
    if let Some(t) = &target {
        r = r.sized(ctx, t);
    }
    vec![r]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::risk::rules::testkit::*;

    #[test]
    fn fires_on_unbatched_updates_only() {
        let t = pg(15);
        let f = Fixture::new(t);
        let ch = Change::AddColumn { table: qn(t, "users"), column: col("plan", "text") };
        assert_eq!(f.run(&RULE, ch.clone(), &["UPDATE \"users\" SET \"plan\" = 'free'"]).len(), 1);
        let batched = recipes::backfill(Dialect::Postgres, &qn(t, "users"), "plan", "'free'");
        assert!(f.run(&RULE, ch.clone(), &[&batched]).is_empty());
        assert!(f.run(&RULE, ch, &["ALTER TABLE \"users\" ADD COLUMN \"plan\" text"]).is_empty());
    }
}

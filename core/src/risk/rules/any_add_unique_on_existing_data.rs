//! Rule `any-add-unique-on-existing-data`: a new uniqueness rule over rows that already exist.

use super::prelude::*;

pub const RULE: Rule = Rule {
    id: "any-add-unique-on-existing-data",
    dialect: None,
    title: "A new UNIQUE constraint or index fails if duplicates exist",
    doc: DOC,
    check,
};

rule_doc!(
    r#"## What it does
Flags a new unique constraint, primary key or unique index on columns of a table that already
has rows.

## Why is this bad?
Whether it succeeds depends on the data: it passes on a development database and fails in
production when duplicates (or, for a primary key, NULLs) exist — possibly halfway through a
migration that is not transactional.

## Example
```sql
CREATE UNIQUE INDEX "users_email_key" ON "users" ("email");
```

## Use instead
Look for duplicates first and clean them up:
```sql
SELECT "email", count(*) FROM "users" GROUP BY "email" HAVING count(*) > 1;
```
"#
);

fn check(step: &Step, ctx: &RiskContext<'_>) -> Vec<Risk> {
    // Zero-downtime: the unique index built before it is where duplicates fail.
    if step.rewrite == Some(Rewrite::UsingIndex) {
        return vec![];
    }
    let (table, name, columns): (&QName, String, Vec<String>) = match &step.change {
        Change::AddConstraint { table, constraint } => match &constraint.kind {
            ConstraintKind::Unique { columns, .. } | ConstraintKind::PrimaryKey { columns } => {
                (table, constraint.name.clone().unwrap_or_default(), columns.clone())
            }
            _ => return vec![],
        },
        Change::CreateIndex { table, index } if index.unique && index.predicate.is_none() => {
            (table, index.name.clone(), index.elems.iter().map(|e| e.expr.clone()).collect())
        }
        _ => return vec![],
    };
    let Some(old) = existing_table(ctx, table) else {
        return vec![];
    };
    if columns.is_empty() || columns.iter().any(|c| old.column(c).is_none()) || size::rows(ctx, table) == Some(0) {
        return vec![];
    }
    // Already unique before? (same columns under another key): then nothing new can fail.
    let was_unique =
        old.constraints.iter().any(|c| {
            matches!(c.kind, ConstraintKind::Unique { .. } | ConstraintKind::PrimaryKey { .. }) && c.kind.columns() == columns.as_slice()
        }) || old.indexes.iter().any(|i| i.unique && i.predicate.is_none() && i.columns().eq(columns.iter().map(String::as_str)));
    if was_unique {
        return vec![];
    }
    let d = ctx.target.dialect;
    let cols: Vec<String> = columns.iter().map(|c| sql::id(d, c)).collect();
    let list = cols.join(", ");
    let rows = match size::rows(ctx, table) {
        Some(n) => format!("which has {n} rows"),
        None => "which existed before (row count unknown)".to_string(),
    };
    vec![Risk::new(
        RULE.id,
        RiskSeverity::Medium,
        format!("{name} makes ({}) unique on {table}, {rows}: it fails if duplicates exist.", columns.join(", ")),
    )
    .scans()
    .alternative(vec![format!("SELECT {list}, count(*) FROM {} GROUP BY {list} HAVING count(*) > 1", sql::qn(d, table))])]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::risk::rules::testkit::*;

    #[test]
    fn fires_on_existing_rows_only() {
        let t = mysql(8, 0);
        let f = Fixture::new(t).with_table(table(qn(t, "users"), vec![col("email", "varchar")]));
        let ch = Change::CreateIndex { table: qn(t, "users"), index: index("users_email_key", &["email"], true) };
        let r = f.one(&RULE, ch.clone(), &[]);
        assert_eq!(r.safe_alternative[0], "SELECT `email`, count(*) FROM `users` GROUP BY `email` HAVING count(*) > 1");
        let f = f.rows("users", 0);
        assert!(f.run(&RULE, ch.clone(), &[]).is_empty());
        assert!(Fixture::new(t).run(&RULE, ch, &[]).is_empty());
    }
}

//! Rule `pg-alter-column-collation`: a collation change rebuilds the column's indexes.

use super::prelude::*;

pub const RULE: Rule = Rule {
    id: "pg-alter-column-collation",
    dialect: Some(Dialect::Postgres),
    title: "Changing a column's collation rebuilds its indexes under ACCESS EXCLUSIVE",
    doc: DOC,
    check,
};

rule_doc!(
    r#"## What it does
Flags a change of a text column's collation (`ALTER COLUMN ... TYPE ... COLLATE ...`).

## Why is this bad?
The table data is not rewritten, but every index on the column is rebuilt while the table is
locked `ACCESS EXCLUSIVE`, and sort order, comparisons and uniqueness can change (values equal
under a case-insensitive collation make a unique index fail).

## Example
```sql
ALTER TABLE "users" ALTER COLUMN "name" TYPE text COLLATE "C";
```

## Use instead
For large indexed tables, add a new column with the collation and swap (expand/contract), or
create new indexes concurrently with an explicit `COLLATE` and drop the old ones.
"#
);

fn check(step: &Step, ctx: &RiskContext<'_>) -> Vec<Risk> {
    let Change::AlterColumn { table, from, to } = &step.change else {
        return vec![];
    };
    if from.collation == to.collation || from.data_type != to.data_type {
        return vec![];
    }
    let Some(old) = existing_table(ctx, table) else {
        return vec![];
    };
    let indexes: Vec<&str> = old
        .indexes
        .iter()
        .filter(|i| i.elems.iter().any(|e| if e.is_expr { sql::mentions_word(&e.expr, &to.name) } else { e.expr == to.name }))
        .map(|i| i.name.as_str())
        .collect();
    let keys = old.constraints.iter().filter(|c| c.kind.columns().contains(&to.name)).count();
    let (severity, what) = if indexes.is_empty() && keys == 0 {
        (RiskSeverity::Low, "no index uses it, so only sort order and comparisons change".to_string())
    } else {
        (
            RiskSeverity::High,
            format!(
                "its indexes ({}) are rebuilt under ACCESS EXCLUSIVE, and sort order and uniqueness can change",
                if indexes.is_empty() { "key indexes".to_string() } else { indexes.join(", ") }
            ),
        )
    };
    let mut r = Risk::new(RULE.id, severity, format!("Changing the collation of {table}.{}: {what}.", to.name)).lock(ACCESS_EXCLUSIVE);
    if severity == RiskSeverity::High {
        r = r.scans().sized(ctx, table);
    }
    vec![r]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::risk::rules::testkit::*;

    #[test]
    fn severity_depends_on_indexes() {
        let t = pg(15);
        let mut tab = table(qn(t, "users"), vec![col("name", "text")]);
        let mut to = col("name", "text");
        to.collation = Some("C".into());
        let ch = Change::AlterColumn { table: qn(t, "users"), from: col("name", "text"), to };
        assert_eq!(Fixture::new(t).with_table(tab.clone()).one(&RULE, ch.clone(), &[]).severity, RiskSeverity::Low);
        tab.indexes.push(index("users_name_idx", &["name"], false));
        assert_eq!(Fixture::new(t).with_table(tab).one(&RULE, ch, &[]).severity, RiskSeverity::High);
    }
}

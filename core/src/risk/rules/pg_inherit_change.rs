//! Rule `pg-inherit-change`: a table starts or stops inheriting from a parent.

use super::prelude::*;

pub const RULE: Rule = Rule {
    id: "pg-inherit-change",
    dialect: Some(Dialect::Postgres),
    title: "INHERIT / NO INHERIT changes what queries on the parent return",
    doc: DOC,
    check,
};

rule_doc!(
    r#"## What it does
Flags `ALTER TABLE child INHERIT parent` and `ALTER TABLE child NO INHERIT parent` on tables
that already exist.

## Why is this bad?
No row moves, but every query on the parent without `ONLY` (`SELECT`, `UPDATE`, `DELETE`)
reads the child's rows from then on (`INHERIT`), or stops reading them (`NO INHERIT`): reports
count them twice or miss them, and an `UPDATE`/`DELETE` on the parent now reaches the child.

## Example
```sql
ALTER TABLE "archived_items" INHERIT "items";
```

## Use instead
Check the queries on the parent first (add `ONLY` where the child's rows must stay out), and
deploy them before the migration.
"#
);

fn check(step: &Step, ctx: &RiskContext<'_>) -> Vec<Risk> {
    let Change::AlterTableOptions { table, from, to } = &step.change else {
        return vec![];
    };
    if existing_table(ctx, table).is_none() {
        return vec![];
    }
    let added: Vec<String> = to.inherits.iter().filter(|p| !from.inherits.contains(p)).map(|p| p.to_string()).collect();
    let removed: Vec<String> = from.inherits.iter().filter(|p| !to.inherits.contains(p)).map(|p| p.to_string()).collect();
    let mut what = Vec::new();
    if !added.is_empty() {
        what.push(format!("queries on {} now also read the rows of {table}", added.join(", ")));
    }
    if !removed.is_empty() {
        what.push(format!("queries on {} no longer read the rows of {table}", removed.join(", ")));
    }
    if what.is_empty() {
        return vec![];
    }
    vec![Risk::new(RULE.id, RiskSeverity::Medium, format!("{} (UPDATE and DELETE without ONLY too).", what.join("; "))).breaks_app()]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::TableOptions;
    use crate::risk::rules::testkit::*;

    #[test]
    fn fires_on_inherit_and_no_inherit_of_an_existing_table() {
        let t = pg(15);
        let f = Fixture::new(t).with_table(table(qn(t, "archived"), vec![col("id", "bigint")]));
        let plain = TableOptions::default();
        let child = TableOptions { inherits: vec![qn(t, "items")], ..Default::default() };
        let change = |from: &TableOptions, to: &TableOptions| Change::AlterTableOptions {
            table: qn(t, "archived"),
            from: from.clone(),
            to: to.clone(),
        };
        assert!(f.one(&RULE, change(&plain, &child), &[]).message.contains("now also read"));
        assert!(f.one(&RULE, change(&child, &plain), &[]).message.contains("no longer read"));
        assert!(f.run(&RULE, change(&plain, &plain), &[]).is_empty());
    }
}

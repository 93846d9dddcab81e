//! Rule `mysql-vitess-online-migration`: under `@@ddl_strategy='vitess'` a change of an existing
//! table is an asynchronous migration: the script returns before it is applied.

use super::prelude::*;

pub const RULE: Rule = Rule {
    id: "mysql-vitess-online-migration",
    dialect: Some(Dialect::Mysql),
    title: "Vitess: the change runs later, as a revertible online migration",
    doc: DOC,
    check,
};

rule_doc!(
    r#"## What it does
On a Vitess / PlanetScale target (`--flavor vitess`), notes each `ALTER TABLE` and `DROP TABLE`
of an existing table: the migration sets `@@ddl_strategy = 'vitess'`, so each runs as a managed
online migration.

## Why is this bad?
It is how Vitess changes a table without blocking writes, but the statement only queues the
migration and returns its UUID: the table changes later, after a background copy
(<https://vitess.io/docs/user-guides/schema-changes/ddl-strategies/>). A data step or an
application deploy that runs right after the script may meet the old schema. A completed
migration can be undone with `REVERT VITESS_MIGRATION` without losing the writes made since
(<https://vitess.io/docs/user-guides/schema-changes/revertible-migrations/>).

## Example
```sql
SET @@ddl_strategy = 'vitess';
ALTER TABLE `orders` ADD COLUMN `note` text;
```

## Use instead
Wait for each migration before the next deploy step (the runbook's Vitess section):
```sql
SHOW VITESS_MIGRATIONS LIKE '<uuid>';
-- to undo it later, newest first:
REVERT VITESS_MIGRATION '<uuid>';
```
"#
);

fn check(step: &Step, ctx: &RiskContext<'_>) -> Vec<Risk> {
    if !ctx.target.asynchronous_schema_changes() {
        return vec![];
    }
    let Some(table) = step.change.table() else {
        return vec![];
    };
    let existing = existing_table(ctx, table).is_some();
    let alters_or_drops = step.statements.iter().any(|s| {
        let u = s.trim_start().to_ascii_uppercase();
        u.starts_with("ALTER TABLE") || u.starts_with("DROP TABLE") || u.starts_with("CREATE INDEX") || u.starts_with("DROP INDEX")
    });
    if !existing || !alters_or_drops {
        return vec![];
    }
    vec![Risk::new(
        RULE.id,
        RiskSeverity::Info,
        format!("{} runs this change of {table} as an online migration after the statement returns: wait until SHOW VITESS_MIGRATIONS shows it complete before data steps or the next deploy; REVERT VITESS_MIGRATION '<uuid>' undoes it.", ctx.target.label()),
    )
    .sized(ctx, table)]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::risk::rules::testkit::*;
    use crate::{Flavor, Target};

    #[test]
    fn notes_changes_of_existing_tables_on_vitess_only() {
        let t = Target::of(Flavor::Vitess);
        let f = Fixture::new(t).with_table(table(qn(t, "orders"), vec![col("id", "int")]));
        let ch = Change::AddColumn { table: qn(t, "orders"), column: col("n", "int") };
        let s = ["ALTER TABLE `orders` ADD COLUMN `n` int NULL"];
        assert!(f.one(&RULE, ch.clone(), &s).message.contains("REVERT VITESS_MIGRATION"));
        assert!(Fixture::new(t).run(&RULE, ch.clone(), &s).is_empty());
        assert!(Fixture::new(mysql(8, 0)).with_table(table(qn(t, "orders"), vec![col("id", "int")])).run(&RULE, ch, &s).is_empty());
    }
}

//! Rule `mysql-system-versioning`: a system-versioned table's history, changed with its table.

use super::prelude::*;

pub const RULE: Rule = Rule {
    id: "mysql-system-versioning",
    dialect: Some(Dialect::Mysql),
    title: "Changing a system-versioned table changes its history",
    doc: DOC,
    check,
};

rule_doc!(
    r#"## What it does
Flags `ALTER TABLE ... DROP SYSTEM VERSIONING` (MariaDB) on a table that stays, and any other
change of a system-versioned table, which the migration makes under
`SET SESSION system_versioning_alter_history = KEEP` (without it MariaDB refuses, ERROR 4119).

## Why is this bad?
A system-versioned table keeps every old version of its rows (`FOR SYSTEM_TIME` queries read
them). Dropping the versioning deletes all of those history rows; adding it back (down) starts
an empty history. Under `KEEP` the history rows are kept as they are: a new column reads as
its default in them, a dropped column's old values are gone, a changed type converts them.

## Example
```sql
ALTER TABLE `prices` DROP SYSTEM VERSIONING;
SET SESSION system_versioning_alter_history = KEEP;
ALTER TABLE `prices` ADD COLUMN `currency` char(3) NULL;
```

## Use instead
Copy the history first if it is needed (`CREATE TABLE prices_history AS SELECT * FROM prices
FOR SYSTEM_TIME ALL`), then change the table.
"#
);

fn check(step: &Step, ctx: &RiskContext<'_>) -> Vec<Risk> {
    let Some(table) = step.change.table() else { return vec![] };
    let Some(before) = existing_table(ctx, table) else { return vec![] };
    if !before.options.system_versioning {
        return vec![];
    }
    if let Change::AlterTableOptions { from, to, .. } = &step.change {
        if from.system_versioning && !to.system_versioning {
            return vec![Risk::new(
                RULE.id,
                RiskSeverity::High,
                format!("Dropping system versioning of {table} deletes every history row it keeps (FOR SYSTEM_TIME ALL)."),
            )
            .data_loss()
            .rewrites()
            .sized(ctx, table)];
        }
    }
    let keeps = step.statements.iter().any(|s| s == crate::render::mysql_keep_history());
    if !keeps {
        return vec![];
    }
    vec![Risk::new(
        RULE.id,
        RiskSeverity::Medium,
        format!("{table} is system-versioned: this change runs with system_versioning_alter_history = KEEP, and its history rows keep their old values (a new column reads as its default in them)."),
    )
    .sized(ctx, table)]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::TableOptions;
    use crate::risk::rules::testkit::*;

    #[test]
    fn dropping_the_history_is_high_adding_it_is_quiet() {
        let t = mysql(8, 0);
        let mut versioned_table = table(qn(t, "prices"), vec![col("id", "int")]);
        versioned_table.options.system_versioning = true;
        let f = Fixture::new(t).with_table(versioned_table);
        let plain = TableOptions::default();
        let versioned = TableOptions { system_versioning: true, ..Default::default() };
        let change = |from: &TableOptions, to: &TableOptions| Change::AlterTableOptions {
            table: qn(t, "prices"),
            from: from.clone(),
            to: to.clone(),
        };
        assert_eq!(f.one(&RULE, change(&versioned, &plain), &[]).severity, RiskSeverity::High);
        let plain_table = Fixture::new(t).with_table(table(qn(t, "prices"), vec![col("id", "int")]));
        assert!(plain_table.run(&RULE, change(&plain, &versioned), &[]).is_empty());
    }

    #[test]
    fn an_alter_under_keep_is_medium() {
        let m = crate::generate(
            "CREATE TABLE p (id int PRIMARY KEY) WITH SYSTEM VERSIONING;",
            "CREATE TABLE p (id int PRIMARY KEY, currency char(3)) WITH SYSTEM VERSIONING;",
            &crate::Options::new(Dialect::Mysql),
        );
        let up = m.up_sql();
        assert!(up.contains("SET SESSION system_versioning_alter_history = KEEP;\nALTER TABLE `p` ADD COLUMN `currency`"), "{up}");
        let risks: Vec<&Risk> = m.up.iter().flat_map(|s| s.risks.iter()).collect();
        assert!(risks.iter().any(|r| r.rule == RULE.id && r.severity == RiskSeverity::Medium), "{risks:#?}");
    }
}

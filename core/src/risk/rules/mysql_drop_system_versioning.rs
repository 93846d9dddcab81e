//! Rule `mysql-drop-system-versioning`: a table's history rows go with its system versioning.

use super::prelude::*;

pub const RULE: Rule = Rule {
    id: "mysql-drop-system-versioning",
    dialect: Some(Dialect::Mysql),
    title: "Dropping system versioning deletes the table's history",
    doc: DOC,
    check,
};

rule_doc!(
    r#"## What it does
Flags `ALTER TABLE ... DROP SYSTEM VERSIONING` (MariaDB) on a table that stays.

## Why is this bad?
A system-versioned table keeps every old version of its rows (`FOR SYSTEM_TIME` queries read
them). Dropping the versioning deletes all of those history rows and rebuilds the table; adding
it back (down) starts an empty history.

## Example
```sql
ALTER TABLE `prices` DROP SYSTEM VERSIONING;
```

## Use instead
Copy the history first if it is needed (`CREATE TABLE prices_history AS SELECT * FROM prices
FOR SYSTEM_TIME ALL`), then drop the versioning.
"#
);

fn check(step: &Step, ctx: &RiskContext<'_>) -> Vec<Risk> {
    let Change::AlterTableOptions { table, from, to } = &step.change else {
        return vec![];
    };
    if !from.system_versioning || to.system_versioning || existing_table(ctx, table).is_none() {
        return vec![];
    }
    vec![Risk::new(
        RULE.id,
        RiskSeverity::High,
        format!("Dropping system versioning of {table} deletes every history row it keeps (FOR SYSTEM_TIME ALL)."),
    )
    .data_loss()
    .rewrites()
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
        let f = Fixture::new(t).with_table(table(qn(t, "prices"), vec![col("id", "int")]));
        let plain = TableOptions::default();
        let versioned = TableOptions { system_versioning: true, ..Default::default() };
        let change = |from: &TableOptions, to: &TableOptions| Change::AlterTableOptions {
            table: qn(t, "prices"),
            from: from.clone(),
            to: to.clone(),
        };
        assert_eq!(f.one(&RULE, change(&versioned, &plain), &[]).severity, RiskSeverity::High);
        assert!(f.run(&RULE, change(&plain, &versioned), &[]).is_empty());
    }
}

//! Rule `mysql-table-options-rebuild`: engine or row-format changes rebuild the table.

use super::prelude::*;

pub const RULE: Rule = Rule {
    id: "mysql-table-options-rebuild",
    dialect: Some(Dialect::Mysql),
    title: "Changing ENGINE, ROW_FORMAT or KEY_BLOCK_SIZE rebuilds the table",
    doc: DOC,
    check,
};

rule_doc!(
    r#"## What it does
Flags a change of a table's storage engine or of storage options such as `ROW_FORMAT` and
`KEY_BLOCK_SIZE`.

## Why is this bad?
A row-format change rebuilds the table in place (DML allowed, heavy I/O, replica lag). An
engine change copies the table with writes blocked, and moving away from InnoDB loses
transactions and foreign keys.

## Example
```sql
ALTER TABLE `logs` ROW_FORMAT=COMPRESSED;
```

## Use instead
Schedule it, state `ALGORITHM=INPLACE, LOCK=NONE` where possible, or use an online
schema-change tool.
"#
);

fn check(step: &Step, ctx: &RiskContext<'_>) -> Vec<Risk> {
    let Change::AlterTableOptions { table, from, to } = &step.change else {
        return vec![];
    };
    if existing_table(ctx, table).is_none() {
        return vec![];
    }
    let engine = from.engine.as_deref().map(str::to_ascii_lowercase) != to.engine.as_deref().map(str::to_ascii_lowercase);
    let storage = from.other != to.other;
    if !engine && !storage {
        return vec![];
    }
    let (severity, lock, what) = if engine {
        (RiskSeverity::High, MYSQL_COPY, format!("Changing the engine of {table} copies the table with writes blocked."))
    } else {
        (
            RiskSeverity::Medium,
            MYSQL_INPLACE_REBUILD,
            format!("Changing storage options of {table} ({}) rebuilds the table.", to.other.join(", ")),
        )
    };
    let alt = if engine {
        step.statements.first().map(|s| mysql::online_tool(ctx, table, s)).unwrap_or_default()
    } else {
        step.statements.iter().map(|s| mysql::with_algorithm(s, "INPLACE", Some("NONE"))).collect()
    };
    vec![Risk::new(RULE.id, severity, what).lock(lock).rewrites().alternative(alt).sized(ctx, table)]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::TableOptions;
    use crate::risk::rules::testkit::*;

    #[test]
    fn engine_change_is_high() {
        let t = mysql(8, 0);
        let f = Fixture::new(t).with_table(table(qn(t, "logs"), vec![col("id", "int")]));
        let a = TableOptions { engine: Some("InnoDB".into()), ..Default::default() };
        let b = TableOptions { engine: Some("MyISAM".into()), ..Default::default() };
        assert_eq!(
            f.one(&RULE, Change::AlterTableOptions { table: qn(t, "logs"), from: a.clone(), to: b }, &[]).severity,
            RiskSeverity::High
        );
        let c = TableOptions { other: vec!["row_format=compressed".into()], ..a.clone() };
        assert_eq!(
            f.one(&RULE, Change::AlterTableOptions { table: qn(t, "logs"), from: a.clone(), to: c }, &[]).severity,
            RiskSeverity::Medium
        );
    }
}

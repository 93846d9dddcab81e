//! Rule `mysql-add-period`: an application-time period added to a table holding rows.

use super::prelude::*;

pub const RULE: Rule = Rule {
    id: "mysql-add-period",
    dialect: Some(Dialect::Mysql),
    title: "Adding an application-time PERIOD checks every row's start is before its end",
    doc: DOC,
    check,
};

rule_doc!(
    r#"## What it does
Flags `ADD PERIOD FOR name (start, end)` (MariaDB application-time periods) on an existing
table.

## Why is this bad?
MariaDB adds a constraint that the period's start is before its end, and checks it on every
existing row: a row whose start is not before its end (equal dates included) makes the
`ALTER TABLE` fail.

## Example
```sql
ALTER TABLE `stays` ADD PERIOD FOR `stay` (`check_in`, `check_out`);
```

## Use instead
Count (and fix) the rows that would stop it first:
```sql
SELECT count(*) FROM `stays` WHERE NOT (`check_in` < `check_out`);
```
"#
);

fn check(step: &Step, ctx: &RiskContext<'_>) -> Vec<Risk> {
    let Change::AlterTableOptions { table, from, to } = &step.change else {
        return vec![];
    };
    if existing_table(ctx, table).is_none() {
        return vec![];
    }
    let d = Dialect::Mysql;
    to.periods
        .iter()
        .filter(|p| !p.0.eq_ignore_ascii_case("system_time") && !from.periods.contains(p))
        .map(|(name, start, end)| {
            let (s, e) = (sql::id(d, start), sql::id(d, end));
            Risk::new(
                RULE.id,
                RiskSeverity::High,
                format!(
                    "Adding period {name} on {table}: MariaDB checks {start} < {end} on every existing row, and a row whose {start} \
                     is not before its {end} makes the statement fail."
                ),
            )
            .scans()
            .alternative(vec![format!("SELECT count(*) FROM {} WHERE NOT ({s} < {e})", sql::qn(d, table))])
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::risk::rules::testkit::*;

    #[test]
    fn fires_on_a_new_application_period_only() {
        let t = mariadb(10, 11);
        let f = Fixture::new(t).with_table(table(qn(t, "s"), vec![col("a", "date"), col("b", "date")]));
        let periods = vec![("p".into(), "a".into(), "b".into()), ("SYSTEM_TIME".into(), "x".into(), "y".into())];
        let to = crate::model::TableOptions { periods, ..Default::default() };
        let r = f.run(&RULE, Change::AlterTableOptions { table: qn(t, "s"), from: Default::default(), to: to.clone() }, &[]);
        assert_eq!(r.len(), 1, "{r:?}");
        assert_eq!(r[0].safe_alternative[0], "SELECT count(*) FROM `s` WHERE NOT (`a` < `b`)");
        assert!(f.run(&RULE, Change::AlterTableOptions { table: qn(t, "s"), from: to.clone(), to }, &[]).is_empty());
    }
}

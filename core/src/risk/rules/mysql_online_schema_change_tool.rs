//! Rule `mysql-online-schema-change-tool`: with `--osc gh-ost|pt-osc`, says for each ALTER of a
//! large table whether the tool runs it (from the package's `osc/` script) or why it stays in
//! the script as a plain ALTER. The decision is `package::osc::decide`, its one home.

use super::prelude::*;
use crate::package::osc::{decide, OscTool};

pub const RULE: Rule = Rule {
    id: "mysql-online-schema-change-tool",
    dialect: Some(Dialect::Mysql),
    title: "The change runs with an online schema change tool, or cannot",
    doc: DOC,
    check,
};

rule_doc!(
    r#"## What it does
With `--osc gh-ost` or `--osc pt-osc` (MySQL, MariaDB), notes each `ALTER TABLE` (and index build
or drop) of a table of at least `--osc-min-rows` rows (1,000,000 by default; every table with
`--osc-all`): either the package runs it with the tool from `osc/<n>-<table>.sh` and `up.sql`
keeps a guard in its place, or it stays in `up.sql` as a plain `ALTER TABLE`, and why.

## Why is this bad?
Both tools copy the table into a new one in chunks while the application writes, then swap the
two with a short `RENAME TABLE`; their documented requirements decide which changes they can run:
- a PRIMARY KEY or a UNIQUE key over NOT NULL columns shared by the table before and after
  (pt-online-schema-change: <https://docs.percona.com/percona-toolkit/pt-online-schema-change.html>;
  gh-ost: <https://github.com/github/gh-ost/blob/master/doc/requirements-and-limitations.md>);
- both copy rows with `INSERT IGNORE`, so a new UNIQUE key would drop duplicate rows silently:
  such a change stays in the script (pt-online-schema-change's `--check-unique-key-change`
  refuses it too);
- gh-ost supports neither triggers nor foreign keys (on the table or referencing it), and reads
  the binary log (`binlog_format=ROW`, `binlog_row_image=FULL`, `log_slave_updates` on the
  replica it reads from);
- pt-online-schema-change keeps the table's triggers with `--preserve-triggers` (MySQL 5.7.2+,
  MariaDB 10.2.3+) and moves other tables' foreign keys with `--alter-foreign-keys-method`.

A change that stays in the script locks the table as the other MySQL notes on the step say.

## Example
```sql
-- orders: 40,000,000 rows, --osc pt-osc
ALTER TABLE `orders` MODIFY COLUMN `total` bigint NULL;
```

## Use instead
The package's `osc/01-orders.sh` (dry run, then `--execute`), after `precheck.sql`:
```sh
DB_NAME=shop sh osc/01-orders.sh && DB_NAME=shop sh osc/01-orders.sh --execute
```
"#
);

fn check(step: &Step, ctx: &RiskContext<'_>) -> Vec<Risk> {
    let Some(osc) = ctx.osc.filter(|_| ctx.target.online_schema_change_tools()) else {
        return vec![];
    };
    let rows = step.change.table().and_then(|t| size::rows(ctx, t));
    let command = osc.tool.command();
    match decide(step, ctx.before, ctx.after, osc, rows) {
        None => vec![],
        Some(Ok((table, clauses))) => {
            let extra = match osc.tool {
                OscTool::GhOst => "check binlog_format=ROW and binlog_row_image=FULL (precheck.sql)",
                OscTool::PtOsc => "it adds triggers to the table while it copies",
            };
            vec![Risk::new(
                RULE.id,
                RiskSeverity::Info,
                format!(
                    "The package runs this change of {table} with {command} (--alter \"{}\") from its osc/ script, copying the table in chunks while writes continue; the script keeps a guard here. Run precheck.sql first; {extra}.",
                    clauses.join(", ")
                ),
            )]
        }
        Some(Err((table, why))) => vec![Risk::new(
            RULE.id,
            RiskSeverity::Medium,
            format!("{command} cannot run this change of {table}, so it stays in the script as a plain ALTER TABLE: {why}."),
        )
        .sized(ctx, &table)],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::package::osc::Osc;
    use crate::risk::rules::testkit::*;
    use crate::{Flavor, Target};

    fn keyed(t: Target) -> Table {
        let mut tb = table(qn(t, "orders"), vec![not_null(col("id", "int")), col("n", "int")]);
        tb.constraints.push(constraint("PRIMARY", ConstraintKind::PrimaryKey { columns: vec!["id".into()] }));
        tb
    }

    #[test]
    fn notes_the_tool_or_why_not() {
        let t = Target::of(Flavor::Mariadb);
        let mut f = Fixture::new(t).with_table(keyed(t));
        f.osc = Osc::parse("pt-osc", true, None).ok();
        let ch = Change::AddColumn { table: qn(t, "orders"), column: col("x", "int") };
        let s = ["ALTER TABLE `orders` ADD COLUMN `x` int NULL, ALGORITHM=INSTANT"];
        let r = f.one(&RULE, ch.clone(), &s);
        assert!(r.message.contains("pt-online-schema-change (--alter \"ADD COLUMN `x` int NULL\")"), "{}", r.message);
        let u = ["ALTER TABLE `orders` ADD UNIQUE KEY `u` (`n`)"];
        let r = f.one(&RULE, ch.clone(), &u);
        assert!(r.severity == RiskSeverity::Medium && r.message.contains("INSERT IGNORE"), "{}", r.message);
        // Below the threshold, or without --osc, or on TiDB: nothing.
        f.osc = Osc::parse("pt-osc", false, Some(10)).ok();
        assert!(f.run(&RULE, ch.clone(), &s).is_empty());
        f.sizes.insert("orders".into(), 11);
        assert_eq!(f.run(&RULE, ch.clone(), &s).len(), 1);
        f.osc = None;
        assert!(f.run(&RULE, ch.clone(), &s).is_empty());
        let tidb = Target::of(Flavor::Tidb);
        let mut g = Fixture::new(tidb).with_table(keyed(tidb));
        g.osc = Osc::parse("gh-ost", true, None).ok();
        assert!(g.run(&RULE, ch, &s).is_empty());
    }
}

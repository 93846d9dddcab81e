//! Rule `any-drop-table`: dropping a table deletes its rows.

use super::prelude::*;

pub const RULE: Rule = Rule { id: "any-drop-table", dialect: None, title: "Dropping a table deletes all its rows", doc: DOC, check };

rule_doc!(
    r#"## What it does
Flags `DROP TABLE`.

## Why is this bad?
Every row is gone for good (the down migration can recreate the table, not its data), and the
application version running now fails on its first query that touches the table. In SQLite
with foreign keys on, the drop first deletes every row, firing `ON DELETE` actions of child
tables.

## Example
```sql
DROP TABLE "audit_log";
```

## Use instead
Stop all reads and writes in the application and deploy that first; keep a copy (or check the
table is empty), then drop it in a later migration:
```sql
SELECT NOT EXISTS (SELECT 1 FROM "audit_log");
CREATE TABLE "audit_log_backup" AS SELECT * FROM "audit_log";
DROP TABLE "audit_log";
```
"#
);

fn d_is_pg(ctx: &RiskContext<'_>) -> bool {
    ctx.target.dialect == Dialect::Postgres
}

fn check(step: &Step, ctx: &RiskContext<'_>) -> Vec<Risk> {
    let Change::DropTable { table } = &step.change else {
        return vec![];
    };
    // Re-created with its rows because its partitioning changes: `pg-repartition-table`.
    if crate::diff::repartitioned(ctx.before, ctx.after, &table.name) && d_is_pg(ctx) {
        return vec![];
    }
    // A partition whose rows go to its parent's DEFAULT partition before it is dropped.
    if let Some(default) = crate::diff::default_takes_rows(ctx.before, ctx.after, table).filter(|_| d_is_pg(ctx)) {
        return vec![Risk::new(
            RULE.id,
            RiskSeverity::Medium,
            format!("Dropping partition {}: its rows move to the default partition {default} first (written again there), and queries naming the partition itself fail.", table.name),
        )
        .lock(format!("{ACCESS_EXCLUSIVE} (parent, while detaching)"))];
    }
    let d = ctx.target.dialect;
    let t = sql::qn(d, &table.name);
    let backup = sql::qn(d, &QName::new(table.name.schema.clone(), sql::derived_name(&table.name, "backup")));
    let rows = size::rows(ctx, &table.name);
    let (severity, what) = match rows {
        Some(0) => (RiskSeverity::Medium, "The table is empty (per the sizes given), but".to_string()),
        Some(n) => (RiskSeverity::Critical, format!("Its {n} rows are deleted for good, and")),
        None => (RiskSeverity::Critical, "All its rows are deleted for good, and".to_string()),
    };
    // A partition's (or an inheritance child's) rows are its parent's rows too: queries on
    // the parent no longer return them.
    let parents: Vec<String> =
        table.options.partition_of.iter().map(|p| &p.parent).chain(&table.options.inherits).map(|p| p.to_string()).collect();
    let kind = if table.options.partition_of.is_some() { "partition" } else { "table" };
    let what = match parents.as_slice() {
        _ if rows == Some(0) => what,
        [] => what,
        [p] => what.replacen(", and", &format!(" (they leave its parent {p} too: queries on {p} no longer return them), and"), 1),
        ps => what.replacen(
            ", and",
            &format!(" (they leave its parents {} too: queries on them no longer return them), and", ps.join(", ")),
            1,
        ),
    };
    let mut r =
        Risk::new(RULE.id, severity, format!("Dropping {kind} {}. {what} {}{}", table.name, sql::app_break(step), down_drop_note(ctx)))
            .lock(sql::brief_ddl_lock(d))
            .data_loss()
            .alternative(vec![
                format!("SELECT NOT EXISTS (SELECT 1 FROM {t})"),
                format!("CREATE TABLE {backup} AS SELECT * FROM {t}"),
                format!("-- after the application no longer uses it\nDROP TABLE {t}"),
            ]);
    r.breaks_app = step.phase != crate::plan::Phase::Contract;
    vec![r]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::risk::rules::testkit::*;

    #[test]
    fn fires_in_every_dialect() {
        for t in [pg(15), mysql(8, 0), sqlite(45)] {
            let f = Fixture::new(t);
            let r = f.one(&RULE, Change::DropTable { table: table(qn(t, "audit_log"), vec![]) }, &[]);
            assert_eq!(r.severity, RiskSeverity::Critical);
            assert!(r.data_loss && r.breaks_app);
        }
        let f = Fixture::new(mysql(8, 0)).rows("audit_log", 0);
        let r = f.one(&RULE, Change::DropTable { table: table(qn(mysql(8, 0), "audit_log"), vec![]) }, &[]);
        assert_eq!(r.severity, RiskSeverity::Medium);
        assert_eq!(r.safe_alternative[1], "CREATE TABLE `audit_log_backup` AS SELECT * FROM `audit_log`");
    }

    #[test]
    fn a_partition_names_its_parent() {
        let t = pg(15);
        let mut logs_2024 = table(qn(t, "logs_2024"), vec![]);
        logs_2024.options.partition_of = Some(crate::model::Partition { parent: qn(t, "logs"), bound: "FROM (1) TO (2)".into() });
        let r = Fixture::new(t).one(&RULE, Change::DropTable { table: logs_2024 }, &[]);
        assert_eq!(r.severity, RiskSeverity::Critical);
        assert!(
            r.message.starts_with(
                "Dropping partition public.logs_2024. All its rows are deleted for good (they leave its parent public.logs too: queries on public.logs no longer return them), and the running"
            ),
            "{}",
            r.message
        );
    }
}

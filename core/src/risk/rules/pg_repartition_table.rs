//! Rule `pg-repartition-table`: a table whose partitioning changes is re-created with its rows.

use super::prelude::*;

pub const RULE: Rule = Rule {
    id: "pg-repartition-table",
    dialect: Some(Dialect::Postgres),
    title: "Changing a table's partitioning re-creates it and copies every row twice",
    doc: DOC,
    check,
};

rule_doc!(
    r#"## What it does
Flags a table whose partitioning changes (a plain table becoming partitioned, a partitioned one
becoming plain, another partition key). PostgreSQL cannot change it in place, so the migration
copies the rows into a holding table, drops the table (its partitions with it), creates it
again with AFTER's partitions, puts the rows back (each to its partition), and rebuilds its
indexes, keys, foreign keys and what reads it.

## Why is this bad?
From the `DROP TABLE` to the commit the table is locked `ACCESS EXCLUSIVE`: every query on it
waits while all its rows are written twice (holding table, then new table) and every index is
built again; foreign keys pointing at it are checked again. A row that no partition of the new
table accepts stops the migration ("no partition of relation ... found for row"): the
transaction rolls back and nothing is lost, but check first.

## Example
```sql
CREATE TABLE "measurement__rows" AS TABLE "measurement";
DROP TABLE "measurement";
CREATE TABLE "measurement" (...) PARTITION BY RANGE ("logdate");
CREATE TABLE "measurement_y2006" PARTITION OF "measurement" FOR VALUES FROM ('2006-01-01') TO ('2007-01-01');
INSERT INTO "measurement" (...) SELECT ... FROM "measurement__rows";
```

## Use instead
For a large table, turn the existing table into one partition instead of copying it: create the
partitioned table under a new name, add a `CHECK` constraint on the old table matching its bound
(validated without blocking), `ATTACH PARTITION` it (the check spares the scan), create the other
partitions, and swap the names; or run the copy in batches with the application writing to both.
"#
);

fn check(step: &Step, ctx: &RiskContext<'_>) -> Vec<Risk> {
    let Change::HoldRows { table, holding, detach } = &step.change else {
        return vec![];
    };
    let d = Dialect::Postgres;
    let shape = |s: &crate::model::Schema| {
        s.tables.get(&table.name).and_then(|t| t.options.partition_by.clone()).unwrap_or_else(|| "not partitioned".into())
    };
    let rows = match size::rows(ctx, &table.name) {
        Some(n) => format!("its {n} rows"),
        None => "all its rows".to_string(),
    };
    let t = sql::qn(d, &table.name);
    let detached = if detach.is_empty() {
        String::new()
    } else {
        let names: Vec<String> = detach.iter().map(|(_, p)| p.to_string()).collect();
        format!(
            " The partitions kept as tables of their own ({}) are detached first, under ACCESS EXCLUSIVE on the parent: their rows stay in them and leave the re-created table.",
            names.join(", ")
        )
    };
    vec![Risk::new(
        RULE.id,
        RiskSeverity::Critical,
        format!(
            "Table {} is re-created because its partitioning changes ({} -> {}): {rows} are copied into {holding} and back into the new table, and every index and key is built again, while ACCESS EXCLUSIVE on it (from the DROP TABLE to the commit) makes every query on it wait; foreign keys pointing at it are checked again. A row no new partition accepts stops the migration, which rolls back.{detached}",
            table.name,
            shape(ctx.before),
            shape(ctx.after)
        ),
    )
    .lock(ACCESS_EXCLUSIVE.to_string())
    .rewrites()
    .alternative(vec![
        format!("SELECT count(*) FROM {t}  -- the rows to copy: plan the window for writing them twice"),
        "-- large tables: attach the existing table as a partition (CHECK matching its bound first), create the others, swap names".to_string(),
    ])]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::risk::rules::testkit::*;

    #[test]
    fn notes_the_recreation_of_a_table_whose_partitioning_changes() {
        let t = pg(15);
        let table = crate::model::Table::new(qn(t, "m"));
        let ch = Change::HoldRows { table, holding: qn(t, "m__rows"), detach: Vec::new() };
        let r = Fixture::new(t).one(&RULE, ch, &[]);
        assert_eq!(r.severity, RiskSeverity::Critical);
        assert!(r.message.contains("re-created because its partitioning changes"), "{}", r.message);
    }
}

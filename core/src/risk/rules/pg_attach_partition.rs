//! Rule `pg-attach-partition`: attaching a table as a partition scans it.

use super::prelude::*;

pub const RULE: Rule = Rule {
    id: "pg-attach-partition",
    dialect: Some(Dialect::Postgres),
    title: "ATTACH PARTITION scans the table unless a CHECK proves the bound",
    doc: DOC,
    check,
};

rule_doc!(
    r#"## What it does
Flags an existing table that becomes a partition (`ALTER TABLE parent ATTACH PARTITION`).

## Why is this bad?
PostgreSQL scans the attached table to verify every row fits the partition bound, holding
`ACCESS EXCLUSIVE` on it (and on the default partition, which is scanned too); the parent only
gets `SHARE UPDATE EXCLUSIVE`.

## Example
```sql
ALTER TABLE "measurements" ATTACH PARTITION "m_2024" FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
```

## Use instead
Prove the bound with a validated CHECK first, so the attach skips the scan:
```sql
ALTER TABLE "m_2024" ADD CONSTRAINT "m_2024_bound" CHECK ("at" >= '2024-01-01' AND "at" < '2025-01-01') NOT VALID;
ALTER TABLE "m_2024" VALIDATE CONSTRAINT "m_2024_bound";
ALTER TABLE "measurements" ATTACH PARTITION "m_2024" FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
ALTER TABLE "m_2024" DROP CONSTRAINT "m_2024_bound";
```
"#
);

fn check(step: &Step, ctx: &RiskContext<'_>) -> Vec<Risk> {
    let Change::AlterTableOptions { table, from, to } = &step.change else {
        return vec![];
    };
    let Some(p) = &to.partition_of else {
        return vec![];
    };
    if from.partition_of.is_some() || existing_table(ctx, table).is_none() {
        return vec![];
    }
    let d = Dialect::Postgres;
    let t = sql::qn(d, table);
    let name = sql::id(d, &sql::derived_name(table, "bound"));
    vec![Risk::new(
        RULE.id,
        RiskSeverity::High,
        format!("Attaching {table} to {} scans it under ACCESS EXCLUSIVE to check the bound {}.", p.parent, p.bound),
    )
    .lock(format!("{ACCESS_EXCLUSIVE} (attached table), {SHARE_UPDATE_EXCLUSIVE} (parent)"))
    .scans()
    .alternative(vec![
        format!("ALTER TABLE {t} ADD CONSTRAINT {name} CHECK (<condition equivalent to {}>) NOT VALID", p.bound),
        format!("-- in a separate transaction\nALTER TABLE {t} VALIDATE CONSTRAINT {name}"),
        format!("ALTER TABLE {} ATTACH PARTITION {t} FOR VALUES {}", sql::qn(d, &p.parent), p.bound),
        format!("ALTER TABLE {t} DROP CONSTRAINT {name}"),
    ])
    .sized(ctx, table)]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Partition, TableOptions};
    use crate::risk::rules::testkit::*;

    #[test]
    fn fires_on_attach() {
        let t = pg(15);
        let f = Fixture::new(t).with_table(table(qn(t, "m_2024"), vec![col("at", "date")]));
        let to = TableOptions {
            partition_of: Some(Partition { parent: qn(t, "m"), bound: "FROM ('2024-01-01') TO ('2025-01-01')".into() }),
            ..Default::default()
        };
        let r = f.one(&RULE, Change::AlterTableOptions { table: qn(t, "m_2024"), from: TableOptions::default(), to }, &[]);
        assert!(r.safe_alternative[2].starts_with("ALTER TABLE \"public\".\"m\" ATTACH PARTITION \"public\".\"m_2024\" FOR VALUES FROM"));
    }
}

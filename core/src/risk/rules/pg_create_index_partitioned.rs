//! Rule `pg-create-index-partitioned`: an index on a partitioned table cannot be concurrent.

use super::prelude::*;

pub const RULE: Rule = Rule {
    id: "pg-create-index-partitioned",
    dialect: Some(Dialect::Postgres),
    title: "Indexes on partitioned tables cannot be built concurrently",
    doc: DOC,
    check,
};

rule_doc!(
    r#"## What it does
Flags `CREATE INDEX` on an existing partitioned table.

## Why is this bad?
`CREATE INDEX CONCURRENTLY` is not supported on a partitioned parent, and a plain
`CREATE INDEX` on it blocks writes on every partition for the whole build.

## Example
```sql
CREATE INDEX "measurements_at_idx" ON "measurements" ("at");
```

## Use instead
Create the parent index `ON ONLY` (metadata only, invalid), build each partition's index
concurrently and attach it; the parent index becomes valid when all are attached:
```sql
CREATE INDEX "measurements_at_idx" ON ONLY "measurements" ("at");
CREATE INDEX CONCURRENTLY "measurements_2024_at_idx" ON "measurements_2024" ("at");
ALTER INDEX "measurements_at_idx" ATTACH PARTITION "measurements_2024_at_idx";
```
"#
);

fn check(step: &Step, ctx: &RiskContext<'_>) -> Vec<Risk> {
    let Change::CreateIndex { table, index } = &step.change else {
        return vec![];
    };
    let Some(old) = existing_table(ctx, table) else {
        return vec![];
    };
    if old.options.partition_by.is_none() || sql::mentions(step, " ONLY ") {
        return vec![];
    }
    let d = Dialect::Postgres;
    let parent_idx = sql::qn(d, &QName::new(table.schema.clone(), index.name.clone()));
    let mut alt = Vec::new();
    if let Some(first) = step.statements.first() {
        alt.push(first.replacen(&format!(" ON {}", sql::qn(d, table)), &format!(" ON ONLY {}", sql::qn(d, table)), 1));
    }
    let parts = ctx.before.tables.values().filter(|t| t.options.partition_of.as_ref().is_some_and(|p| &p.parent == table));
    for p in parts {
        let name = sql::derived_name(&p.name, &index.name);
        let pidx = sql::qn(d, &QName::new(p.name.schema.clone(), name.clone()));
        let cols: Vec<String> = index.elems.iter().map(|e| if e.is_expr { format!("({})", e.expr) } else { sql::id(d, &e.expr) }).collect();
        let unique = if index.unique { "UNIQUE " } else { "" };
        alt.push(format!("CREATE {unique}INDEX CONCURRENTLY {} ON {} ({})", sql::id(d, &name), sql::qn(d, &p.name), cols.join(", ")));
        alt.push(format!("ALTER INDEX {parent_idx} ATTACH PARTITION {pidx}"));
    }
    vec![Risk::new(
        RULE.id,
        RiskSeverity::Medium,
        format!(
            "{table} is partitioned: index {} cannot be built concurrently on it, and a plain build blocks writes on all partitions.",
            index.name
        ),
    )
    .lock(format!("{SHARE} (every partition)"))
    .scans()
    .alternative(alt)
    .sized(ctx, table)]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Partition;
    use crate::risk::rules::testkit::*;

    #[test]
    fn suggests_per_partition_builds() {
        let t = pg(15);
        let mut parent = table(qn(t, "m"), vec![col("at", "date")]);
        parent.options.partition_by = Some("RANGE (at)".into());
        let mut part = table(qn(t, "m_2024"), vec![col("at", "date")]);
        part.options.partition_of = Some(Partition { parent: qn(t, "m"), bound: "FROM (1) TO (2)".into() });
        let f = Fixture::new(t).with_table(parent).with_table(part);
        let ch = Change::CreateIndex { table: qn(t, "m"), index: index("m_at_idx", &["at"], false) };
        let r = f.one(&RULE, ch, &["CREATE INDEX \"m_at_idx\" ON \"public\".\"m\" (\"at\")"]);
        assert_eq!(r.safe_alternative[0], "CREATE INDEX \"m_at_idx\" ON ONLY \"public\".\"m\" (\"at\")");
        assert!(r.safe_alternative[1].contains("CONCURRENTLY \"m_2024_m_at_idx\" ON \"public\".\"m_2024\""));
    }
}

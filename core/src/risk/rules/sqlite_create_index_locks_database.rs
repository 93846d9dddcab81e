//! Rule `sqlite-create-index-locks-database`: index builds write-lock the whole database.

use super::prelude::*;

pub const RULE: Rule = Rule {
    id: "sqlite-create-index-locks-database",
    dialect: Some(Dialect::Sqlite),
    title: "Building an index write-locks the whole database",
    doc: DOC,
    check,
};

rule_doc!(
    r#"## What it does
Notes `CREATE INDEX` on a table that already has rows.

## Why is this bad?
SQLite has no concurrent index build: it reads and sorts the whole table while holding the
database write lock, so every other writer waits (readers continue in WAL mode). A unique index
fails on duplicates.

## Example
```sql
CREATE INDEX "orders_user_idx" ON "orders" ("user_id");
```

## Use instead
Build it while the application is idle and keep the transaction short.
"#
);

fn check(step: &Step, ctx: &RiskContext<'_>) -> Vec<Risk> {
    let Change::CreateIndex { table, index } = &step.change else {
        return vec![];
    };
    if existing_table(ctx, table).is_none() {
        return vec![];
    }
    vec![Risk::new(
        RULE.id,
        RiskSeverity::Medium,
        format!("Building index {} reads all of {table} while the database is write-locked: other writers wait.", index.name),
    )
    .lock(SQLITE_WRITE_LOCK)
    .scans()
    .sized(ctx, table)]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::risk::rules::testkit::*;

    #[test]
    fn fires_on_existing_tables() {
        let t = sqlite(45);
        let ch = Change::CreateIndex { table: qn(t, "o"), index: index("i", &["u"], false) };
        assert_eq!(Fixture::new(t).with_table(table(qn(t, "o"), vec![col("u", "int")])).run(&RULE, ch.clone(), &[]).len(), 1);
        assert!(Fixture::new(t).run(&RULE, ch, &[]).is_empty());
    }
}

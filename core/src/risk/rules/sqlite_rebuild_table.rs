//! Rule `sqlite-rebuild-table`: the 12-step table rebuild copies every row.

use super::prelude::*;

pub const RULE: Rule = Rule {
    id: "sqlite-rebuild-table",
    dialect: Some(Dialect::Sqlite),
    title: "A table rebuild copies every row under the database write lock",
    doc: DOC,
    check,
};

rule_doc!(
    r#"## What it does
Notes every table rebuild — the procedure SQLite requires for changes `ALTER TABLE` cannot
make (a column's type, nullability or default, constraints, column order).

## Why is this bad?
The table is recreated and every row copied, and its indexes and triggers rebuilt, while the
migration holds the database-wide write lock: no other connection can write anything (readers
continue in WAL mode). The time grows with the table; the file temporarily needs room for two
copies.

## Example
```sql
CREATE TABLE "new_users" (...);
INSERT INTO "new_users" (...) SELECT ... FROM "users";
DROP TABLE "users";
ALTER TABLE "new_users" RENAME TO "users";
```

## Use instead
Run it when the application is idle, and verify afterwards:
```sql
PRAGMA foreign_key_check;
PRAGMA integrity_check;
```
"#
);

fn check(step: &Step, ctx: &RiskContext<'_>) -> Vec<Risk> {
    let Change::RebuildTable { from, .. } = &step.change else {
        return vec![];
    };
    let table = &from.name;
    let d = Dialect::Sqlite;
    vec![Risk::new(
        RULE.id,
        RiskSeverity::High,
        format!("{table} is rebuilt: every row is copied and its indexes recreated while the whole database is write-locked."),
    )
    .lock(SQLITE_WRITE_LOCK)
    .rewrites()
    .alternative(vec![format!("PRAGMA foreign_key_check({})", sql::id(d, &table.name)), "PRAGMA integrity_check".to_string()])
    .sized(ctx, table)]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::risk::rules::testkit::*;

    #[test]
    fn notes_rebuilds_scaled_by_size() {
        let t = sqlite(45);
        let tab = table(qn(t, "users"), vec![col("id", "integer")]);
        let f = Fixture::new(t).with_table(tab.clone()).rows("users", 500);
        let r = f.one(&RULE, Change::RebuildTable { from: tab.clone(), to: tab, renamed_columns: vec![] }, &[]);
        assert_eq!(r.severity, RiskSeverity::Low);
        assert!(r.rewrites);
    }
}

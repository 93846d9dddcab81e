//! Rule `sqlite-foreign-keys-pragma-in-transaction`: PRAGMA foreign_keys is a no-op in a transaction.

use super::prelude::*;

pub const RULE: Rule = Rule {
    id: "sqlite-foreign-keys-pragma-in-transaction",
    dialect: Some(Dialect::Sqlite),
    title: "PRAGMA foreign_keys inside a transaction does nothing",
    doc: DOC,
    check,
};

rule_doc!(
    r#"## What it does
Flags a transactional step whose statements set `PRAGMA foreign_keys`.

## Why is this bad?
SQLite ignores `PRAGMA foreign_keys` inside a transaction. A rebuild that relies on it to turn
enforcement off still runs with foreign keys on: `DROP TABLE` of the old table deletes its rows
first, which fires `ON DELETE CASCADE` in child tables (deleting their rows) or fails.

## Example
```sql
BEGIN;
PRAGMA foreign_keys = OFF;   -- ignored
DROP TABLE "users";          -- cascades to "orders"
```

## Use instead
Set the pragma before `BEGIN`, check with `PRAGMA foreign_key_check` before `COMMIT`, and turn
it back on after:
```sql
PRAGMA foreign_keys = OFF;
BEGIN;
-- rebuild
PRAGMA foreign_key_check;
COMMIT;
PRAGMA foreign_keys = ON;
```
"#
);

fn check(step: &Step, _ctx: &RiskContext<'_>) -> Vec<Risk> {
    if !step.transactional || !sql::mentions(step, "PRAGMA foreign_keys") {
        return vec![];
    }
    let target = step.change.table().map(|t| t.to_string()).unwrap_or_default();
    vec![Risk::new(
        RULE.id,
        RiskSeverity::High,
        format!("The step on {target} sets PRAGMA foreign_keys inside a transaction, where SQLite ignores it: foreign keys stay enforced, so dropping the old table can cascade into child tables."),
    )
    .data_loss()
    .alternative(vec![
        "PRAGMA foreign_keys = OFF".to_string(),
        "-- then BEGIN, the rebuild, PRAGMA foreign_key_check, COMMIT".to_string(),
        "PRAGMA foreign_keys = ON".to_string(),
    ])]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::risk::rules::testkit::*;

    #[test]
    fn fires_inside_transactions_only() {
        let t = sqlite(45);
        let f = Fixture::new(t);
        let ch = Change::RenameTable { from: qn(t, "a"), to: qn(t, "b") };
        assert_eq!(f.run(&RULE, ch.clone(), &["PRAGMA foreign_keys = OFF", "DROP TABLE a"]).len(), 1);
        let mut step = Step::new(ch, vec!["PRAGMA foreign_keys = OFF".into()]);
        step.transactional = false;
        assert!((RULE.check)(&step, &f.ctx()).is_empty());
    }
}

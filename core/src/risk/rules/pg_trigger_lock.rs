//! Rule `pg-trigger-lock`: creating or dropping a trigger locks out writes briefly.

use super::prelude::*;

pub const RULE: Rule = Rule {
    id: "pg-trigger-lock",
    dialect: Some(Dialect::Postgres),
    title: "CREATE/DROP TRIGGER takes a lock that blocks writes",
    doc: DOC,
    check,
};

rule_doc!(
    r#"## What it does
Notes `CREATE TRIGGER` and `DROP TRIGGER` on a table (or view) that already exists.

## Why is this bad?
`CREATE TRIGGER` takes `SHARE ROW EXCLUSIVE` (writes blocked) and `DROP TRIGGER` takes
`ACCESS EXCLUSIVE`. Both are quick, but they queue behind long transactions and block the
queries that arrive after them. A new trigger also adds work to every write from then on.

## Example
```sql
CREATE TRIGGER "orders_audit" AFTER UPDATE ON "orders" FOR EACH ROW EXECUTE FUNCTION audit();
```

## Use instead
```sql
SET lock_timeout = '5s';
CREATE TRIGGER "orders_audit" AFTER UPDATE ON "orders" FOR EACH ROW EXECUTE FUNCTION audit();
```
"#
);

fn check(step: &Step, ctx: &RiskContext<'_>) -> Vec<Risk> {
    let (trigger, lock, verb) = match &step.change {
        Change::CreateTrigger { trigger } => (trigger, SHARE_ROW_EXCLUSIVE, "Creating"),
        Change::DropTrigger { trigger } => (trigger, ACCESS_EXCLUSIVE, "Dropping"),
        _ => return vec![],
    };
    let on = &trigger.table;
    let existed = existing_table(ctx, on).is_some() || ctx.before.views.contains_key(on);
    let stays = ctx.after.tables.contains_key(on) || ctx.after.views.contains_key(on);
    if !existed || (verb == "Dropping" && !stays) {
        return vec![];
    }
    let mut alt = vec![sql::lock_timeout(Dialect::Postgres).unwrap_or_default()];
    alt.extend(step.statements.iter().cloned());
    vec![Risk::new(
        RULE.id,
        RiskSeverity::Low,
        format!("{verb} trigger {} takes {lock} on {}: brief, but it queues behind long transactions.", trigger.name, trigger.table),
    )
    .lock(lock)
    .alternative(alt)]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Trigger;
    use crate::risk::rules::testkit::*;

    #[test]
    fn notes_triggers_on_existing_tables() {
        let t = pg(15);
        let trg = Trigger { name: "a".into(), table: qn(t, "orders"), definition: String::new(), function: None, comment: None };
        let f = Fixture::new(t).with_table(table(qn(t, "orders"), vec![]));
        assert_eq!(f.one(&RULE, Change::CreateTrigger { trigger: trg.clone() }, &[]).lock.as_deref(), Some(SHARE_ROW_EXCLUSIVE));
        assert!(Fixture::new(t).run(&RULE, Change::CreateTrigger { trigger: trg }, &[]).is_empty());
    }
}

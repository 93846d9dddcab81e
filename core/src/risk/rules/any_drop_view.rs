//! Rule `any-drop-view`: readers of a view break when it goes.

use super::prelude::*;

pub const RULE: Rule = Rule { id: "any-drop-view", dialect: None, title: "Dropping a view breaks its readers", doc: DOC, check };

rule_doc!(
    r#"## What it does
Flags `DROP VIEW` / `DROP MATERIALIZED VIEW` of a view that does not come back in the target
schema.

## Why is this bad?
Reports, other services and the running application that query the view fail. A dropped
materialized view also loses its stored rows, which may take long to rebuild.

## Example
```sql
DROP VIEW "active_users";
```

## Use instead
Check who still reads it (`pg_stat_statements`, the performance schema, query logs), and drop
it after its readers are gone.
"#
);

fn check(step: &Step, ctx: &RiskContext<'_>) -> Vec<Risk> {
    let Change::DropView { view } = &step.change else {
        return vec![];
    };
    if ctx.after.views.contains_key(&view.name) {
        // Dropped to be re-created with a new definition.
        return vec![];
    }
    let kind = if view.materialized { "materialized view" } else { "view" };
    let mut r = Risk::new(RULE.id, RiskSeverity::Medium, format!("Dropping {kind} {}: anything that still queries it fails.", view.name))
        .lock(sql::brief_ddl_lock(ctx.target.dialect))
        .breaks_app();
    if view.materialized {
        r = r.data_loss();
    }
    vec![r]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::View;
    use crate::risk::rules::testkit::*;

    #[test]
    fn fires_unless_recreated() {
        let t = pg(15);
        let v = View {
            name: qn(t, "v"),
            spelled: None,
            materialized: false,
            columns: vec![],
            definition: "SELECT 1".into(),
            options: vec![],
            depends_on: vec![],
            comment: None,
            with_check_option: None,
            indexes: vec![],
            column_defaults: Default::default(),
            column_comments: Default::default(),
            column_storage: Default::default(),
            storage: Default::default(),
            source: Default::default(),
        };
        let mut f = Fixture::new(t);
        assert!(f.one(&RULE, Change::DropView { view: v.clone() }, &[]).breaks_app);
        f.after.views.insert(v.name.clone(), v.clone());
        assert!(f.run(&RULE, Change::DropView { view: v }, &[]).is_empty());
    }
}

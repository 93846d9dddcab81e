//! Rule `sqlite-rebuild-foreign-key-check`: foreign keys are not enforced during a rebuild.

use super::prelude::*;

pub const RULE: Rule = Rule {
    id: "sqlite-rebuild-foreign-key-check",
    dialect: Some(Dialect::Sqlite),
    title: "A rebuild runs with foreign keys off: a broken reference rolls it back",
    doc: DOC,
    check,
};

rule_doc!(
    r#"## What it does
Notes the rebuild of a table that has foreign keys or that other tables reference.

## Why is this bad?
The rebuild must run with `PRAGMA foreign_keys=OFF`, so nothing stops it from leaving rows that
reference missing parents (for example when the new table drops or changes a key, or a new
`REFERENCES` column's `DEFAULT` names a parent that is not there: every copied row takes it).
`PRAGMA foreign_key_check` only lists such rows, and COMMIT would keep them; so the rebuild ends
with an `INSERT OR ROLLBACK` of the count of broken references into a temporary table whose CHECK
refuses any but 0: a broken reference rolls the rebuild back ("CHECK constraint failed"), even for
a runner that goes on after an error. A reference that was already broken before the migration
(rows written with foreign keys off) stops it too.

## Example
```sql
PRAGMA foreign_keys=OFF;
BEGIN;
-- rebuild "users", referenced by "orders"
PRAGMA foreign_key_check;   -- lists the broken references
INSERT OR ROLLBACK INTO temp."_schemashift_fk_intact" SELECT count(*) FROM pragma_foreign_key_check;
COMMIT;
```

## Use instead
Run the checks before deploying, and fix the rows they list:
```sql
PRAGMA foreign_key_check("orders");
```
"#
);

fn check(step: &Step, ctx: &RiskContext<'_>) -> Vec<Risk> {
    let Change::RebuildTable { from, to, .. } = &step.change else {
        return vec![];
    };
    let own = to.foreign_keys().count() > 0;
    let children: Vec<&QName> = ctx
        .after
        .tables
        .values()
        .filter(|t| t.name != to.name)
        .filter(|t| t.foreign_keys().any(|fk| matches!(&fk.kind, ConstraintKind::ForeignKey { ref_table, .. } if *ref_table == to.name)))
        .map(|t| &t.name)
        .collect();
    if !own && children.is_empty() {
        return vec![];
    }
    let d = Dialect::Sqlite;
    let mut checks = vec![format!("PRAGMA foreign_key_check({})", sql::id(d, &to.name.name))];
    checks.extend(children.iter().map(|c| format!("PRAGMA foreign_key_check({})", sql::id(d, &c.name))));
    let who = if children.is_empty() {
        String::new()
    } else {
        format!(" (referenced by {})", children.iter().map(|c| c.to_string()).collect::<Vec<_>>().join(", "))
    };
    vec![Risk::new(
        RULE.id,
        RiskSeverity::Medium,
        format!(
            "{}{who} is rebuilt with foreign keys off: a reference left broken (a row whose parent is not there) rolls the rebuild back and stops the migration.",
            from.name
        ),
    )
    .alternative(checks)]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{FkAction, FkMatch};
    use crate::risk::rules::testkit::*;

    #[test]
    fn fires_for_referenced_tables() {
        let t = sqlite(45);
        let users = table(qn(t, "users"), vec![col("id", "INTEGER")]);
        let mut orders = table(qn(t, "orders"), vec![col("user_id", "INTEGER")]);
        orders.constraints.push(constraint(
            "fk",
            ConstraintKind::ForeignKey {
                columns: vec!["user_id".into()],
                ref_table: qn(t, "users"),
                ref_columns: vec![],
                on_delete: FkAction::NoAction,
                on_update: FkAction::NoAction,
                match_type: FkMatch::Simple,
            },
        ));
        let ch = Change::RebuildTable { from: users.clone(), to: users.clone(), renamed_columns: vec![] };
        let r = Fixture::new(t).with_table(users.clone()).with_table(orders).one(&RULE, ch.clone(), &[]);
        assert_eq!(r.safe_alternative[1], "PRAGMA foreign_key_check(\"orders\")");
        assert!(Fixture::new(t).with_table(users).run(&RULE, ch, &[]).is_empty());
    }
}

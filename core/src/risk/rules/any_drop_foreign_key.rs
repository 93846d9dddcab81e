//! Rule `any-drop-foreign-key`: integrity stops being enforced.

use super::prelude::*;

pub const RULE: Rule = Rule {
    id: "any-drop-foreign-key",
    dialect: None,
    title: "Dropping a foreign key stops enforcing referential integrity",
    doc: DOC,
    check,
};

rule_doc!(
    r#"## What it does
Flags a dropped foreign key whose table stays (a key dropped only to be re-created in the
same migration is still reported, since the window exists).

## Why is this bad?
From that moment, rows can reference parents that do not exist, and `ON DELETE` actions stop
firing. Orphans written in the meantime make a later re-add fail. In PostgreSQL the drop takes
a brief `ACCESS EXCLUSIVE` lock on both tables.

## Example
```sql
ALTER TABLE "orders" DROP CONSTRAINT "orders_user_fk";
```

## Use instead
Make sure the application keeps integrity itself, then drop it with a lock timeout.
"#
);

fn check(step: &Step, ctx: &RiskContext<'_>) -> Vec<Risk> {
    let Change::DropConstraint { table, constraint } = &step.change else {
        return vec![];
    };
    let ConstraintKind::ForeignKey { ref_table, .. } = &constraint.kind else {
        return vec![];
    };
    if !ctx.after.tables.contains_key(table) {
        return vec![];
    }
    let re_added = ctx.after.tables.get(table).is_some_and(|t| t.constraints.iter().any(|c| c.same_definition(constraint)));
    let name = constraint.name.clone().unwrap_or_default();
    let (severity, tail) = if re_added {
        (RiskSeverity::Low, " It is re-created later in this migration; rows written in between are not checked until then.")
    } else {
        (RiskSeverity::Medium, " Orphan rows become possible and ON DELETE actions stop.")
    };
    vec![Risk::new(RULE.id, severity, format!("Dropping foreign key {name} of {table} (to {ref_table}).{tail}"))
        .lock(sql::brief_ddl_lock(ctx.target.dialect))]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{FkAction, FkMatch};
    use crate::risk::rules::testkit::*;

    #[test]
    fn fires_with_lower_severity_when_re_added() {
        let t = pg(15);
        let fk = constraint(
            "fk",
            ConstraintKind::ForeignKey {
                columns: vec!["u".into()],
                ref_table: qn(t, "users"),
                ref_columns: vec![],
                on_delete: FkAction::NoAction,
                on_update: FkAction::NoAction,
                match_type: FkMatch::Simple,
            },
        );
        let plain = table(qn(t, "orders"), vec![col("u", "bigint")]);
        let mut with_fk = plain.clone();
        with_fk.constraints.push(fk.clone());
        let ch = Change::DropConstraint { table: qn(t, "orders"), constraint: fk };
        let f = Fixture::new(t).before_table(with_fk.clone()).after_table(plain);
        assert_eq!(f.one(&RULE, ch.clone(), &[]).severity, RiskSeverity::Medium);
        let f = Fixture::new(t).with_table(with_fk);
        assert_eq!(f.one(&RULE, ch, &[]).severity, RiskSeverity::Low);
    }
}

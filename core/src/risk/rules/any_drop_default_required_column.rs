//! Rule `any-drop-default-required-column`: a NOT NULL column loses its default.

use super::prelude::*;

pub const RULE: Rule = Rule {
    id: "any-drop-default-required-column",
    dialect: None,
    title: "Dropping the default (or identity) of a NOT NULL column breaks INSERTs that omit it",
    doc: DOC,
    check,
};

rule_doc!(
    r#"## What it does
Flags a NOT NULL column whose default, identity or AUTO_INCREMENT is removed.

## Why is this bad?
INSERTs that do not list the column — typically the running application's, written when the
default existed — start failing with a not-null violation (or, in MySQL without strict mode,
store an implicit zero value).

## Example
```sql
ALTER TABLE "users" ALTER COLUMN "plan" DROP DEFAULT;
```

## Use instead
Deploy application code that always sends the column first, then drop the default.
"#
);

fn check(step: &Step, ctx: &RiskContext<'_>) -> Vec<Risk> {
    let Change::AlterColumn { table, from, to } = &step.change else {
        return vec![];
    };
    // What filled the column when an INSERT omitted it, and is gone now.
    let lost = if from.identity.is_some() && to.identity.is_none() {
        "its identity"
    } else if from.auto_increment && !to.auto_increment {
        "AUTO_INCREMENT"
    } else if from.default.is_some() && to.default.is_none() {
        "its default"
    } else {
        return vec![];
    };
    if to.nullable || to.default.is_some() || to.identity.is_some() || to.generated.is_some() || to.auto_increment {
        return vec![];
    }
    if existing_table(ctx, table).is_none() {
        return vec![];
    }
    vec![Risk::new(
        RULE.id,
        RiskSeverity::High,
        format!(
            "{table}.{} is NOT NULL and loses {lost}: INSERTs that omit it (such as the running application's) start failing.",
            to.name
        ),
    )
    .lock(sql::brief_ddl_lock(ctx.target.dialect))
    .breaks_app()]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::risk::rules::testkit::*;

    #[test]
    fn fires_for_required_columns_only() {
        let t = pg(15);
        let f = Fixture::new(t).with_table(table(qn(t, "users"), vec![col("plan", "text")]));
        let ch = |a, b| Change::AlterColumn { table: qn(t, "users"), from: a, to: b };
        assert!(f.one(&RULE, ch(not_null(with_default(col("plan", "text"), "'free'")), not_null(col("plan", "text"))), &[]).breaks_app);
        assert!(f.run(&RULE, ch(with_default(col("plan", "text"), "'free'"), col("plan", "text")), &[]).is_empty());
    }
}

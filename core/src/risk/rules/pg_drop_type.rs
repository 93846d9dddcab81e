//! Rule `pg-drop-type`: dropping an enum, domain or composite type.

use super::prelude::*;

pub const RULE: Rule =
    Rule { id: "pg-drop-type", dialect: Some(Dialect::Postgres), title: "Dropping a type breaks code that casts to it", doc: DOC, check };

rule_doc!(
    r#"## What it does
Flags `DROP TYPE` / `DROP DOMAIN` of a type that does not come back in the target schema.

## Why is this bad?
Columns still using the type block the drop (or, with CASCADE, are dropped with their data).
Functions, queries and application code that cast to the type (`'x'::mood`) fail at run time;
the database does not track those uses.

## Example
```sql
DROP TYPE "mood";
```

## Use instead
Move columns and code off the type first, then drop it in a later deploy.
"#
);

fn check(step: &Step, ctx: &RiskContext<'_>) -> Vec<Risk> {
    let Change::DropType { ty } = &step.change else {
        return vec![];
    };
    if ctx.after.types.contains_key(ty.name()) {
        return vec![];
    }
    vec![Risk::new(
        RULE.id,
        RiskSeverity::Low,
        format!("Dropping type {}: functions, queries and application code that cast to it fail at run time.", ty.name()),
    )
    .lock(ACCESS_EXCLUSIVE)
    .breaks_app()]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{EnumType, UserType};
    use crate::risk::rules::testkit::*;

    #[test]
    fn fires_unless_re_created() {
        let t = pg(15);
        let ty = UserType::Enum(EnumType { name: qn(t, "mood"), values: vec!["a".into()], comment: None });
        let mut f = Fixture::new(t);
        assert_eq!(f.run(&RULE, Change::DropType { ty: ty.clone() }, &[]).len(), 1);
        f.after.types.insert(ty.name().clone(), ty.clone());
        assert!(f.run(&RULE, Change::DropType { ty }, &[]).is_empty());
    }
}

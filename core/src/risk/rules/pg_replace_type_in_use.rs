//! Rule `pg-replace-type-in-use`: recreating a domain or composite type that columns use.

use super::prelude::*;

pub const RULE: Rule = Rule {
    id: "pg-replace-type-in-use",
    dialect: Some(Dialect::Postgres),
    title: "Recreating a type that columns use rewrites (or drops) those columns",
    doc: DOC,
    check,
};

rule_doc!(
    r#"## What it does
Flags a domain or composite type that is dropped and re-created while table columns use it.

## Why is this bad?
A type in use cannot simply be dropped: the columns must first be converted to another type
(a table rewrite under `ACCESS EXCLUSIVE` each) and converted back after, or the drop must
cascade, which drops the columns and their data. New domain constraints are checked against
every stored value.

## Example
```sql
DROP DOMAIN "email";            -- used by "users"."email"
CREATE DOMAIN "email" AS text CHECK (VALUE LIKE '%@%');
```

## Use instead
Change a domain in place where possible (`ALTER DOMAIN ... ADD CONSTRAINT ... NOT VALID`, then
`VALIDATE CONSTRAINT`), or move the columns to a new type with expand/contract.
"#
);

fn check(step: &Step, ctx: &RiskContext<'_>) -> Vec<Risk> {
    let Change::ReplaceType { from, to } = &step.change else {
        return vec![];
    };
    // Altered in place: `pg-alter-domain-constraint` and `pg-alter-composite-attribute` judge it.
    if to.alters_in_place_from(from) {
        return vec![];
    }
    let name = from.name();
    let qualified = name.to_string();
    let users: Vec<String> = ctx
        .before
        .tables
        .values()
        .flat_map(|t| {
            t.columns
                .iter()
                .filter(|c| c.data_type.user_defined && (c.data_type.base == qualified || c.data_type.base == name.name))
                .map(move |c| format!("{}.{}", t.name, c.name))
        })
        .collect();
    if users.is_empty() {
        return vec![];
    }
    vec![Risk::new(
        RULE.id,
        RiskSeverity::High,
        format!("Type {name} is recreated while columns use it ({}): they are rewritten under ACCESS EXCLUSIVE, or dropped with their data if the drop cascades.", users.join(", ")),
    )
    .lock(ACCESS_EXCLUSIVE)
    .rewrites()
    .breaks_app()]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Domain, UserType};
    use crate::risk::rules::testkit::*;

    #[test]
    fn fires_when_columns_use_the_type() {
        let t = pg(15);
        let dom = |check: &str| {
            UserType::Domain(Domain {
                name: qn(t, "email"),
                data_type: DataType::simple("text"),
                not_null: false,
                default: None,
                collation: None,
                checks: vec![("c".into(), check.into())],
                comment: None,
                not_valid: Default::default(),
            })
        };
        let mut c = col("email", "public.email");
        c.data_type.user_defined = true;
        let f = Fixture::new(t).with_table(table(qn(t, "users"), vec![c]));
        let ch = Change::ReplaceType {
            from: dom("true"),
            // Another base type: the domain is created again (the same base is altered in place).
            to: match dom("VALUE LIKE '%@%'") {
                UserType::Domain(d) => UserType::Domain(Domain { data_type: DataType::simple("character varying"), ..d }),
                other => other,
            },
        };
        assert!(f.one(&RULE, ch.clone(), &[]).message.contains("public.users.email"));
        assert!(Fixture::new(t).run(&RULE, ch, &[]).is_empty());
    }
}

//! Rule `pg-drop-extension`: objects that depend on an extension break.

use super::prelude::*;

pub const RULE: Rule = Rule {
    id: "pg-drop-extension",
    dialect: Some(Dialect::Postgres),
    title: "Dropping an extension breaks what uses its types and functions",
    doc: DOC,
    check,
};

rule_doc!(
    r#"## What it does
Flags `DROP EXTENSION`.

## Why is this bad?
Columns, indexes, defaults and functions that use the extension's types, operators or functions
either block the drop or — with CASCADE — are dropped with it, taking data along. Code that calls
its functions at run time fails.

## Example
```sql
DROP EXTENSION "pg_trgm";
```

## Use instead
Remove the dependent objects explicitly first, then drop the extension last.
"#
);

fn check(step: &Step, _ctx: &RiskContext<'_>) -> Vec<Risk> {
    let Change::DropExtension { extension } = &step.change else {
        return vec![];
    };
    vec![Risk::new(
        RULE.id,
        RiskSeverity::Medium,
        format!(
            "Dropping extension {}: objects and code that use its types or functions break (or are dropped with CASCADE).",
            extension.name
        ),
    )
    .breaks_app()]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Extension;
    use crate::risk::rules::testkit::*;

    #[test]
    fn fires() {
        let ch = Change::DropExtension { extension: Extension { name: "pg_trgm".into(), schema: None, version: None } };
        assert!(Fixture::new(pg(15)).one(&RULE, ch, &[]).breaks_app);
    }
}

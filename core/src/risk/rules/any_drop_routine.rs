//! Rule `any-drop-routine`: callers of a function or procedure break when it goes.

use super::prelude::*;

pub const RULE: Rule =
    Rule { id: "any-drop-routine", dialect: None, title: "Dropping a function or procedure breaks its callers", doc: DOC, check };

rule_doc!(
    r#"## What it does
Flags a dropped function or procedure whose signature does not exist in the target schema.

## Why is this bad?
The database does not track which code calls a routine from application queries or from other
routines' bodies: callers fail at run time, not at migration time. A changed argument list is
a drop plus a create, so callers using the old signature break too.

## Example
```sql
DROP FUNCTION "price_with_tax"(numeric);
```

## Use instead
Create the new routine first, move callers to it, and drop the old one in a later deploy.
"#
);

fn check(step: &Step, ctx: &RiskContext<'_>) -> Vec<Risk> {
    let Change::DropFunction { function } = &step.change else {
        return vec![];
    };
    let sig = function.signature();
    if ctx.after.functions.contains_key(&sig) {
        return vec![];
    }
    let kind = if function.procedure { "procedure" } else { "function" };
    vec![Risk::new(
        RULE.id,
        RiskSeverity::Medium,
        format!("Dropping {kind} {sig}: callers that still use this signature fail at run time."),
    )
    .breaks_app()]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Function;
    use crate::risk::rules::testkit::*;

    #[test]
    fn fires_when_signature_disappears() {
        let t = pg(15);
        let func = Function {
            name: qn(t, "f"),
            args: "numeric".into(),
            procedure: false,
            definition: String::new(),
            depends_on: vec![],
            comment: None,
        };
        let mut f = Fixture::new(t);
        assert!(f.one(&RULE, Change::DropFunction { function: func.clone() }, &[]).message.contains("public.f(numeric)"));
        f.after.functions.insert(func.signature(), func.clone());
        assert!(f.run(&RULE, Change::DropFunction { function: func }, &[]).is_empty());
    }
}

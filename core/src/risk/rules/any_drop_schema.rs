//! Rule `any-drop-schema`: dropping a schema (namespace).

use super::prelude::*;

pub const RULE: Rule = Rule { id: "any-drop-schema", dialect: None, title: "Dropping a schema removes everything in it", doc: DOC, check };

rule_doc!(
    r#"## What it does
Flags `DROP SCHEMA` (a MySQL database).

## Why is this bad?
Every object that still lives in the schema, and its data, goes with it if the drop cascades;
otherwise the statement fails while anything is left. Anything outside this migration that
uses the schema (other services, grants, search paths) breaks.

## Example
```sql
DROP SCHEMA "reporting";
```

## Use instead
Check that it is empty and unused first, and back it up:
```sql
SELECT count(*) FROM information_schema.tables WHERE table_schema = 'reporting';
DROP SCHEMA "reporting";
```
"#
);

fn check(step: &Step, ctx: &RiskContext<'_>) -> Vec<Risk> {
    let Change::DropNamespace { name } = &step.change else {
        return vec![];
    };
    let d = ctx.target.dialect;
    vec![Risk::new(
        RULE.id,
        RiskSeverity::Critical,
        format!("Dropping schema {name}: anything still in it is lost, and other users of the schema break."),
    )
    .data_loss()
    .breaks_app()
    .alternative(vec![
        format!("SELECT count(*) FROM information_schema.tables WHERE table_schema = {}", crate::render::quote::literal(d, name)),
        format!("DROP SCHEMA {}", sql::id(d, name)),
    ])]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::risk::rules::testkit::*;

    #[test]
    fn fires() {
        let f = Fixture::new(pg(15));
        let r = f.one(&RULE, Change::DropNamespace { name: "reporting".into() }, &[]);
        assert!(r.data_loss);
        assert!(f.run(&RULE, Change::CreateNamespace { name: "x".into() }, &[]).is_empty());
    }
}

//! Rule `pg-drop-sequence`: a dropped sequence loses its position.

use super::prelude::*;

pub const RULE: Rule = Rule {
    id: "pg-drop-sequence",
    dialect: Some(Dialect::Postgres),
    title: "Dropping a sequence loses its current value",
    doc: DOC,
    check,
};

rule_doc!(
    r#"## What it does
Flags `DROP SEQUENCE` of a sequence that is not owned by a table or column dropped in the same
migration.

## Why is this bad?
The sequence's current value is lost: re-creating it (the down migration) restarts numbering
and produces duplicate ids. Defaults and functions that call `nextval` on it fail.

## Example
```sql
DROP SEQUENCE "invoice_numbers";
```

## Use instead
If AFTER only gives the sequence another name, mark the rename (`-- schemashift:renamed-from
invoice_numbers` on the line before its `CREATE SEQUENCE`, or `--rename`): the migration is then
`ALTER SEQUENCE ... RENAME TO`, which keeps the value. (A new name a typo apart from the dropped
one blocks the result until answered.) Otherwise record the value first, and check nothing still
uses it:
```sql
SELECT last_value FROM "invoice_numbers";
```
"#
);

fn check(step: &Step, ctx: &RiskContext<'_>) -> Vec<Risk> {
    let Change::DropSequence { sequence } = &step.change else {
        return vec![];
    };
    if let Some((t, c)) = &sequence.owned_by {
        let gone = ctx.after.tables.get(t).is_none_or(|tb| tb.column(c).is_none());
        if gone {
            return vec![];
        }
    }
    let d = Dialect::Postgres;
    vec![Risk::new(
        RULE.id,
        RiskSeverity::Medium,
        format!(
            "Dropping sequence {} loses its current value; recreating it restarts numbering, and anything calling nextval on it fails.",
            sequence.name
        ),
    )
    .data_loss()
    .alternative(vec![format!("SELECT last_value FROM {}", sql::qn(d, &sequence.name))])]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Sequence;
    use crate::risk::rules::testkit::*;

    #[test]
    fn fires_unless_owner_column_goes_too() {
        let t = pg(15);
        let s = Sequence::new(qn(t, "inv"));
        assert_eq!(Fixture::new(t).run(&RULE, Change::DropSequence { sequence: s.clone() }, &[]).len(), 1);
        let owned = Sequence { owned_by: Some((qn(t, "orders"), "id".into())), ..s };
        assert!(Fixture::new(t).run(&RULE, Change::DropSequence { sequence: owned }, &[]).is_empty());
    }
}

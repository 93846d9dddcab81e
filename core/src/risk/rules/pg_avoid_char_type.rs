//! Rule `pg-avoid-char-type`: fixed-length character columns.

use super::prelude::*;

pub const RULE: Rule = Rule {
    id: "pg-avoid-char-type",
    dialect: Some(Dialect::Postgres),
    title: "char(n) pads values with spaces",
    doc: DOC,
    check,
};

rule_doc!(
    r#"## What it does
Flags new columns of type `character(n)` / `char(n)`.

## Why is this bad?
Values are padded with spaces to n characters, trailing spaces are ignored in comparisons but
kept in some functions and casts, and it is no faster than `text` in PostgreSQL. Changing the
length later rewrites the table.

## Example
```sql
ALTER TABLE "countries" ADD COLUMN "code" char(2);
```

## Use instead
```sql
ALTER TABLE "countries" ADD COLUMN "code" text CHECK (length("code") = 2);
```
"#
);

fn check(step: &Step, _ctx: &RiskContext<'_>) -> Vec<Risk> {
    let (table, cols): (&QName, Vec<&Column>) = match &step.change {
        Change::CreateTable { table } => (&table.name, table.columns.iter().collect()),
        Change::AddColumn { table, column } => (table, vec![column]),
        Change::AlterColumn { table, from, to } if from.data_type != to.data_type => {
            (table, vec![to])
        }
        _ => return vec![],
    };
    let hits: Vec<&str> = cols
        .iter()
        .filter(|c| matches!(c.data_type.base.as_str(), "character" | "char" | "bpchar"))
        .map(|c| c.name.as_str())
        .collect();
    if hits.is_empty() {
        return vec![];
    }
    vec![Risk::new(RULE.id, RiskSeverity::Low, format!("Column(s) {} of {table} are char(n): values are space-padded; text (with a CHECK on the length if needed) is simpler.", hits.join(", ")))]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::risk::rules::testkit::*;

    #[test]
    fn fires_for_char() {
        let t = pg(15);
        let f = Fixture::new(t);
        assert_eq!(
            f.run(
                &RULE,
                Change::AddColumn {
                    table: qn(t, "c"),
                    column: col_args("code", "character", &["2"])
                },
                &[]
            )
            .len(),
            1
        );
        assert!(f
            .run(
                &RULE,
                Change::AddColumn {
                    table: qn(t, "c"),
                    column: col("code", "text")
                },
                &[]
            )
            .is_empty());
    }
}

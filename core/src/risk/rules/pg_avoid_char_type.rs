//! Rule `pg-avoid-char-type`: fixed-length character columns.

use super::prelude::*;

pub const RULE: Rule =
    Rule { id: "pg-avoid-char-type", dialect: Some(Dialect::Postgres), title: "char(n) pads values with spaces", doc: DOC, check };

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
    let is_char = |c: &Column| matches!(c.data_type.base.as_str(), "character" | "char" | "bpchar");
    let Some((table, hits)) = columns::matching(&step.change, columns::Altered::TypeChange, is_char) else {
        return vec![];
    };
    vec![Risk::new(
        RULE.id,
        RiskSeverity::Low,
        format!(
            "Column(s) {} of {table} are char(n): values are space-padded; text (with a CHECK on the length if needed) is simpler.",
            columns::names(&hits)
        ),
    )]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::risk::rules::testkit::*;

    #[test]
    fn fires_for_char() {
        let t = pg(15);
        let f = Fixture::new(t);
        assert_eq!(f.run(&RULE, Change::AddColumn { table: qn(t, "c"), column: col_args("code", "character", &["2"]) }, &[]).len(), 1);
        assert!(f.run(&RULE, Change::AddColumn { table: qn(t, "c"), column: col("code", "text") }, &[]).is_empty());
    }
}

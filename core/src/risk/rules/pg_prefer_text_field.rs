//! Rule `pg-prefer-text-field`: new varchar(n) columns in PostgreSQL.

use super::prelude::*;

pub const RULE: Rule = Rule {
    id: "pg-prefer-text-field",
    dialect: Some(Dialect::Postgres),
    title: "varchar(n): changing the limit later needs ACCESS EXCLUSIVE",
    doc: DOC,
    check,
};

rule_doc!(
    r#"## What it does
Notes new columns of type `varchar(n)` (in `CREATE TABLE`, `ADD COLUMN`, or a type change to
`varchar(n)`).

## Why is this bad?
In PostgreSQL `varchar(n)` is stored exactly like `text`; the limit only adds a check. Raising
the limit later takes an `ACCESS EXCLUSIVE` lock and lowering it rewrites the table. A CHECK
constraint can be changed with `NOT VALID` + `VALIDATE` instead, without blocking.

## Example
```sql
ALTER TABLE "users" ADD COLUMN "nickname" varchar(40);
```

## Use instead
```sql
ALTER TABLE "users" ADD COLUMN "nickname" text;
ALTER TABLE "users" ADD CONSTRAINT "users_nickname_length" CHECK (length("nickname") <= 40) NOT VALID;
```
"#
);

fn check(step: &Step, _ctx: &RiskContext<'_>) -> Vec<Risk> {
    let is_limited_varchar =
        |c: &Column| matches!(c.data_type.base.as_str(), "character varying" | "varchar") && !c.data_type.args.is_empty();
    let Some((table, cols)) = columns::matching(&step.change, columns::Altered::TypeOrCollationChange, is_limited_varchar) else {
        return vec![];
    };
    let hits: Vec<String> = cols.iter().map(|c| format!("{} ({})", c.name, c.data_type)).collect();
    vec![Risk::new(
        RULE.id,
        RiskSeverity::Info,
        format!("{table}: {} — in PostgreSQL the length limit only constrains values, and changing it later takes ACCESS EXCLUSIVE; text with a CHECK on length() is easier to change online.", hits.join(", ")),
    )]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::risk::rules::testkit::*;

    #[test]
    fn notes_limited_varchar_only() {
        let t = pg(15);
        let f = Fixture::new(t);
        assert_eq!(
            f.run(&RULE, Change::AddColumn { table: qn(t, "u"), column: col_args("n", "character varying", &["40"]) }, &[]).len(),
            1
        );
        assert!(f.run(&RULE, Change::AddColumn { table: qn(t, "u"), column: col("n", "character varying") }, &[]).is_empty());
    }
}

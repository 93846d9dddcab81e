//! Rule `pg-drop-cascade`: DROP ... CASCADE removes objects nobody listed.

use super::prelude::*;

pub const RULE: Rule = Rule {
    id: "pg-drop-cascade",
    dialect: Some(Dialect::Postgres),
    title: "DROP ... CASCADE silently drops dependent objects",
    doc: DOC,
    check,
};

rule_doc!(
    r#"## What it does
Flags statements of the form `DROP ... CASCADE` (and `TRUNCATE ... CASCADE`).

## Why is this bad?
CASCADE drops every dependent object — views, foreign keys, columns of other tables whose type
is dropped, defaults — without listing them; `TRUNCATE ... CASCADE` empties every referencing
table. The migration reports success while doing much more than it says.

## Example
```sql
DROP TYPE "mood" CASCADE;  -- also drops every column of type "mood"
```

## Use instead
Drop dependents explicitly, in order, and drop the object without CASCADE so that anything
missed makes the statement fail instead.
"#
);

fn check(step: &Step, _ctx: &RiskContext<'_>) -> Vec<Risk> {
    let hits: Vec<&String> = step
        .statements
        .iter()
        .filter(|s| {
            let u = s.trim().trim_end_matches(';').to_ascii_uppercase();
            (u.starts_with("DROP ") || u.starts_with("TRUNCATE ") || (u.starts_with("ALTER TABLE") && u.contains(" DROP ")))
                && u.ends_with(" CASCADE")
        })
        .collect();
    if hits.is_empty() {
        return vec![];
    }
    let target = step.change.table().map(|t| t.to_string()).unwrap_or_else(|| step.change.op());
    vec![Risk::new(
        RULE.id,
        RiskSeverity::Critical,
        format!("The step on {target} uses CASCADE: dependent objects (views, foreign keys, columns of other tables) are dropped without being listed."),
    )
    .data_loss()
    .alternative(hits.iter().map(|s| s.trim().trim_end_matches(';').trim_end_matches(|c: char| c.is_ascii_alphabetic()).trim_end().to_string()).collect())]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::risk::rules::testkit::*;

    #[test]
    fn fires_on_cascade_drops_not_fk_actions() {
        let t = pg(15);
        let f = Fixture::new(t);
        let ch = Change::DropNamespace { name: "x".into() };
        let r = f.one(&RULE, ch.clone(), &["DROP TYPE \"public\".\"mood\" CASCADE"]);
        assert_eq!(r.safe_alternative[0], "DROP TYPE \"public\".\"mood\"");
        assert!(f.run(&RULE, ch, &["ALTER TABLE a ADD CONSTRAINT f FOREIGN KEY (b) REFERENCES c ON DELETE CASCADE"]).is_empty());
    }
}

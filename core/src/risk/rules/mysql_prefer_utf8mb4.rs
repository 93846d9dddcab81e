//! Rule `mysql-prefer-utf8mb4`: new tables or columns in utf8mb3.

use super::prelude::*;

pub const RULE: Rule = Rule {
    id: "mysql-prefer-utf8mb4",
    dialect: Some(Dialect::Mysql),
    title: "utf8 / utf8mb3 cannot store all of Unicode",
    doc: DOC,
    check,
};

rule_doc!(
    r#"## What it does
Flags new tables and columns declared with the `utf8` (`utf8mb3`) character set.

## Why is this bad?
`utf8mb3` stores at most three bytes per character, so emoji and other characters outside the
Basic Multilingual Plane are rejected or truncated. It is deprecated, and converting later
rebuilds the table.

## Example
```sql
CREATE TABLE `posts` (`body` text) CHARACTER SET utf8;
```

## Use instead
```sql
CREATE TABLE `posts` (`body` text) CHARACTER SET utf8mb4;
```
"#
);

fn is_mb3(cs: Option<&str>) -> bool {
    cs.is_some_and(|c| c.eq_ignore_ascii_case("utf8") || c.eq_ignore_ascii_case("utf8mb3"))
}

fn check(step: &Step, _ctx: &RiskContext<'_>) -> Vec<Risk> {
    let (table, hits): (&QName, Vec<String>) = match &step.change {
        Change::CreateTable { table } => {
            let mut hits: Vec<String> =
                table.columns.iter().filter(|c| is_mb3(c.charset.as_deref())).map(|c| format!("column {}", c.name)).collect();
            if is_mb3(table.options.charset.as_deref()) {
                hits.insert(0, "the table default".to_string());
            }
            (&table.name, hits)
        }
        Change::AddColumn { table, column } if is_mb3(column.charset.as_deref()) => (table, vec![format!("column {}", column.name)]),
        _ => return vec![],
    };
    if hits.is_empty() {
        return vec![];
    }
    vec![Risk::new(
        RULE.id,
        RiskSeverity::Low,
        format!("{} on {table} use utf8mb3, which cannot store 4-byte characters such as emoji; use utf8mb4.", hits.join(", ")),
    )]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::risk::rules::testkit::*;

    #[test]
    fn fires_for_utf8mb3() {
        let t = mysql(8, 0);
        let mut tab = table(qn(t, "posts"), vec![col("body", "text")]);
        tab.options.charset = Some("utf8".into());
        assert_eq!(Fixture::new(t).run(&RULE, Change::CreateTable { table: tab.clone() }, &[]).len(), 1);
        tab.options.charset = Some("utf8mb4".into());
        assert!(Fixture::new(t).run(&RULE, Change::CreateTable { table: tab }, &[]).is_empty());
    }
}

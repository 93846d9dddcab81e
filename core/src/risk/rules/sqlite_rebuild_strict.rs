//! Rule `sqlite-rebuild-strict`: turning a table STRICT.

use super::prelude::*;

pub const RULE: Rule = Rule {
    id: "sqlite-rebuild-strict",
    dialect: Some(Dialect::Sqlite),
    title: "Making a table STRICT fails on values that do not match their column type",
    doc: DOC,
    check,
};

rule_doc!(
    r#"## What it does
Flags a rebuild that turns an ordinary table into a `STRICT` table (SQLite 3.37+).

## Why is this bad?
Ordinary tables accept any value in any column; STRICT tables reject values whose type does
not match the column (after the usual lossless conversion). Data written over the years by a
permissive application makes the copy fail — in production, not in the test database. Older
SQLite versions cannot open the database at all once it has a STRICT table.

## Example
```sql
CREATE TABLE "new_items" ("qty" INTEGER) STRICT;
INSERT INTO "new_items" SELECT * FROM "items";  -- fails on a 'n/a' quantity
```

## Use instead
Find the rows that would not fit first:
```sql
SELECT count(*) FROM "items" WHERE typeof("qty") NOT IN ('integer', 'null');
```
"#
);

fn check(step: &Step, ctx: &RiskContext<'_>) -> Vec<Risk> {
    let Change::RebuildTable { from, to, .. } = &step.change else {
        return vec![];
    };
    if from.options.strict || !to.options.strict {
        return vec![];
    }
    let d = Dialect::Sqlite;
    let t = sql::qn(d, &from.name);
    let probes = to
        .columns
        .iter()
        .filter(|c| from.column(&c.name).is_some())
        .filter_map(|c| {
            let allowed = match c.data_type.base.to_ascii_uppercase().as_str() {
                "INT" | "INTEGER" => "'integer', 'null'",
                "REAL" => "'real', 'integer', 'null'",
                "TEXT" => "'text', 'null'",
                "BLOB" => "'blob', 'null'",
                _ => return None,
            };
            Some(format!("SELECT count(*) FROM {t} WHERE typeof({}) NOT IN ({allowed})", sql::id(d, &c.name)))
        })
        .collect();
    let mut note = "";
    if !ctx.target.strict_tables() {
        note = " The target SQLite version is older than 3.37, which has no STRICT tables.";
    }
    vec![Risk::new(
        RULE.id,
        RiskSeverity::High,
        format!("{} becomes STRICT: the copy fails on any stored value that does not match its column type.{note}", from.name),
    )
    .scans()
    .alternative(probes)]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::risk::rules::testkit::*;

    #[test]
    fn fires_when_turning_strict() {
        let t = sqlite(45);
        let from = table(qn(t, "items"), vec![col("qty", "INTEGER")]);
        let mut to = from.clone();
        to.options.strict = true;
        let r = Fixture::new(t).one(&RULE, Change::RebuildTable { from: from.clone(), to: to.clone(), renamed_columns: vec![] }, &[]);
        assert_eq!(r.safe_alternative[0], "SELECT count(*) FROM \"items\" WHERE typeof(\"qty\") NOT IN ('integer', 'null')");
        assert!(Fixture::new(t).run(&RULE, Change::RebuildTable { from: to, to: from, renamed_columns: vec![] }, &[]).is_empty());
    }
}

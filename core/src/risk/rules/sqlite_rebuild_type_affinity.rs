//! Rule `sqlite-rebuild-type-affinity`: a rebuild that changes a column's type affinity.

use super::prelude::*;

pub const RULE: Rule = Rule {
    id: "sqlite-rebuild-type-affinity",
    dialect: Some(Dialect::Sqlite),
    title: "Changing a column's type affinity converts (or keeps) values silently",
    doc: DOC,
    check,
};

rule_doc!(
    r#"## What it does
Flags a rebuild in which a kept column's declared type moves to another affinity (INTEGER,
REAL, NUMERIC, TEXT, BLOB).

## Why is this bad?
SQLite converts values on copy when it can and keeps them as they are when it cannot: `'12'`
becomes `12` in an INTEGER column while `'abc'` stays text, `1.0` stored as INTEGER becomes `1`,
numbers become text in a TEXT column. Comparisons, sorting and application code reading the
values change behaviour without any error. In a STRICT table the copy fails instead.

## Example
```sql
-- "code" was TEXT, becomes INTEGER
INSERT INTO "new_items" ("code") SELECT "code" FROM "items";
```

## Use instead
Check which values would not convert, and convert explicitly in the copy:
```sql
SELECT count(*) FROM "items" WHERE CAST("code" AS INTEGER) || '' <> "code";
```
"#
);

fn check(step: &Step, _ctx: &RiskContext<'_>) -> Vec<Risk> {
    let Change::RebuildTable { from, to, renamed_columns } = &step.change else {
        return vec![];
    };
    let d = Dialect::Sqlite;
    let mut out = Vec::new();
    for newc in &to.columns {
        let old_name = renamed_columns.iter().find(|(_, n)| *n == newc.name).map(|(o, _)| o.as_str()).unwrap_or(&newc.name);
        let Some(oldc) = from.column(old_name) else {
            continue;
        };
        let (a, b) = (oldc.data_type.sqlite_affinity(), newc.data_type.sqlite_affinity());
        // A change that narrows (towards a numeric affinity) has `any-type-narrowing`'s note.
        if a == b || crate::model::type_change::is_narrowing(d, &oldc.data_type, &newc.data_type) {
            continue;
        }
        let c = sql::id(d, old_name);
        let probe = match b {
            "INTEGER" | "REAL" | "NUMERIC" => {
                format!("SELECT count(*) FROM {} WHERE {c} IS NOT NULL AND typeof({c}) NOT IN ('integer', 'real')", sql::qn(d, &from.name))
            }
            _ => format!("SELECT typeof({c}), count(*) FROM {} GROUP BY 1", sql::qn(d, &from.name)),
        };
        out.push(
            Risk::new(
                RULE.id,
                RiskSeverity::Medium,
                format!(
                    "{}.{} changes affinity from {a} to {b} ({} → {}): values are converted where SQLite can and kept as they are where it cannot{}.",
                    from.name,
                    newc.name,
                    oldc.data_type,
                    newc.data_type,
                    if to.options.strict { "; in this STRICT table non-matching values make the copy fail" } else { "" }
                ),
            )
            .alternative(vec![probe]),
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::risk::rules::testkit::*;

    #[test]
    fn fires_on_affinity_change_only() {
        let t = sqlite(45);
        let from = table(qn(t, "items"), vec![col("code", "INTEGER"), col("n", "INT"), col("s", "TEXT")]);
        let to = table(qn(t, "items"), vec![col("code", "TEXT"), col("n", "BIGINT"), col("s", "INTEGER")]);
        let r = Fixture::new(t).run(&RULE, Change::RebuildTable { from, to, renamed_columns: vec![] }, &[]);
        // TEXT → INTEGER narrows: `any-type-narrowing` notes it.
        assert_eq!(r.len(), 1);
        assert!(r[0].message.contains("INTEGER to TEXT"));
        assert_eq!(DataType::simple("varchar").sqlite_affinity(), "TEXT");
        assert_eq!(DataType::simple("decimal").sqlite_affinity(), "NUMERIC");
    }
}

//! Rule `sqlite-rebuild-drops-column`: a rebuild that leaves columns behind.

use super::prelude::*;

pub const RULE: Rule = Rule {
    id: "sqlite-rebuild-drops-column",
    dialect: Some(Dialect::Sqlite),
    title: "A rebuild that drops columns loses their data",
    doc: DOC,
    check,
};

rule_doc!(
    r#"## What it does
Flags a table rebuild whose new table lacks columns of the old one (neither kept nor renamed).

## Why is this bad?
The rebuild copies only the columns that remain: the others' values are gone once the old
table is dropped, and the running application fails on queries that name them.

## Example
```sql
INSERT INTO "new_users" ("id", "name") SELECT "id", "name" FROM "users";  -- "legacy" is not copied
DROP TABLE "users";
```

## Use instead
Stop using the column in the application first, and keep a copy of its data if it may be
needed:
```sql
CREATE TABLE "users_legacy_backup" AS SELECT "id", "legacy" FROM "users";
```
"#
);

fn check(step: &Step, ctx: &RiskContext<'_>) -> Vec<Risk> {
    let Change::RebuildTable { from, to, renamed_columns } = &step.change else {
        return vec![];
    };
    let lost: Vec<&Column> =
        from.columns.iter().filter(|c| to.column(&c.name).is_none() && !renamed_columns.iter().any(|(old, _)| *old == c.name)).collect();
    if lost.is_empty() {
        return vec![];
    }
    let d = Dialect::Sqlite;
    let names: Vec<&str> = lost.iter().map(|c| c.name.as_str()).collect();
    let mut keep: Vec<String> = from.primary_key_columns().iter().map(|c| sql::id(d, c)).collect();
    if keep.is_empty() {
        keep.push("rowid".into());
    }
    keep.extend(names.iter().map(|n| sql::id(d, n)));
    let backup = sql::qn(d, &QName::new(from.name.schema.clone(), sql::derived_name(&from.name, "backup")));
    let severity = if size::rows(ctx, &from.name) == Some(0) { RiskSeverity::Medium } else { RiskSeverity::Critical };
    vec![Risk::new(
        RULE.id,
        severity,
        format!(
            "Rebuilding {} drops column(s) {}: their data is lost and queries that name them fail.{}",
            from.name,
            names.join(", "),
            down_drop_note(ctx)
        ),
    )
    .lock(SQLITE_WRITE_LOCK)
    .data_loss()
    .breaks_app()
    .alternative(vec![format!("CREATE TABLE {backup} AS SELECT {} FROM {}", keep.join(", "), sql::qn(d, &from.name))])]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::risk::rules::testkit::*;

    #[test]
    fn fires_for_lost_columns_not_renamed_ones() {
        let t = sqlite(45);
        let from = table(qn(t, "users"), vec![col("id", "integer"), col("legacy", "text"), col("nm", "text")]);
        let to = table(qn(t, "users"), vec![col("id", "integer"), col("name", "text")]);
        let f = Fixture::new(t);
        let r = f.one(&RULE, Change::RebuildTable { from, to, renamed_columns: vec![("nm".into(), "name".into())] }, &[]);
        assert!(r.message.contains("legacy") && !r.message.contains("nm,"));
        assert_eq!(r.safe_alternative[0], "CREATE TABLE \"users_backup\" AS SELECT rowid, \"legacy\" FROM \"users\"");
    }
}

//! Rule `sqlite-rebuild-autoincrement-counter`: a rebuild resets the AUTOINCREMENT counter.

use super::prelude::*;

pub const RULE: Rule = Rule {
    id: "sqlite-rebuild-autoincrement-counter",
    dialect: Some(Dialect::Sqlite),
    title: "Rebuilding an AUTOINCREMENT table can reuse ids of deleted rows",
    doc: DOC,
    check,
};

rule_doc!(
    r#"## What it does
Flags the rebuild of a table with an `INTEGER PRIMARY KEY AUTOINCREMENT` column.

## Why is this bad?
`AUTOINCREMENT` promises never to reuse an id, using a counter in `sqlite_sequence`. The new
table's counter starts from the largest id copied, so ids of rows deleted at the end of the
range are handed out again — and anything that still refers to them (caches, other systems,
soft references) now points to new rows.

## Example
```sql
-- "events" had ids up to 1000; rows 901-1000 were deleted
INSERT INTO "new_events" SELECT * FROM "events";  -- counter becomes 900
```

## Use instead
Carry the counter over after the copy:
```sql
UPDATE sqlite_sequence SET seq = (SELECT seq FROM sqlite_sequence WHERE name = 'events_old_counter') WHERE name = 'events';
```
(read the old value before dropping the old table).
"#
);

fn check(step: &Step, _ctx: &RiskContext<'_>) -> Vec<Risk> {
    let Change::RebuildTable { from, to, .. } = &step.change else {
        return vec![];
    };
    if !from.columns.iter().any(|c| c.auto_increment) || !to.columns.iter().any(|c| c.auto_increment) {
        return vec![];
    }
    let d = Dialect::Sqlite;
    let name = crate::render::quote::literal(d, &from.name.name);
    vec![Risk::new(
        RULE.id,
        RiskSeverity::Medium,
        format!("{} uses AUTOINCREMENT: after the rebuild its counter restarts from the largest copied id, so ids of deleted rows can be reused.", from.name),
    )
    .alternative(vec![
        format!("-- before the rebuild\nSELECT seq FROM sqlite_sequence WHERE name = {name}"),
        format!("-- after the rebuild, with the value read above\nUPDATE sqlite_sequence SET seq = max(seq, <old seq>) WHERE name = {name}"),
    ])]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::risk::rules::testkit::*;

    #[test]
    fn fires_for_autoincrement_tables() {
        let t = sqlite(45);
        let mut id = col("id", "INTEGER");
        id.auto_increment = true;
        let from = table(qn(t, "events"), vec![id, col("a", "TEXT")]);
        let mut to = from.clone();
        to.columns[1] = col("a", "INTEGER");
        assert_eq!(Fixture::new(t).run(&RULE, Change::RebuildTable { from, to, renamed_columns: vec![] }, &[]).len(), 1);
    }
}

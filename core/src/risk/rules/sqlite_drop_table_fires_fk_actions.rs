//! Rule `sqlite-drop-table-fires-fk-actions`: DROP TABLE deletes rows first, firing FK actions.

use super::prelude::*;
use crate::model::FkAction;

pub const RULE: Rule = Rule {
    id: "sqlite-drop-table-fires-fk-actions",
    dialect: Some(Dialect::Sqlite),
    title: "Dropping a referenced table deletes its rows first, firing child ON DELETE actions",
    doc: DOC,
    check,
};

rule_doc!(
    r#"## What it does
Flags `DROP TABLE` of a table that other remaining tables reference with a foreign key, in a
step that runs it with foreign keys on (schemashift's own plan drops such a table between
`PRAGMA foreign_keys=OFF` and `ON`, outside a transaction, so this fires on hand-written steps).

## Why is this bad?
With `PRAGMA foreign_keys=ON`, SQLite performs an implicit `DELETE FROM` before dropping: child
rows are deleted (`ON DELETE CASCADE`), nulled (`SET NULL`) or reset (`SET DEFAULT`), or the
drop fails (`NO ACTION`/`RESTRICT`) — data outside the dropped table changes.

## Example
```sql
DROP TABLE "users";  -- "orders"."user_id" REFERENCES "users" ON DELETE CASCADE
```

## Use instead
Drop or rebuild the child tables' foreign keys first, or run the drop with foreign keys off
(outside a transaction) and check afterwards:
```sql
PRAGMA foreign_keys = OFF;
DROP TABLE "users";
PRAGMA foreign_key_check;
PRAGMA foreign_keys = ON;
```
"#
);

fn check(step: &Step, ctx: &RiskContext<'_>) -> Vec<Risk> {
    let Change::DropTable { table } = &step.change else {
        return vec![];
    };
    // The renderer drops a table that kept tables reference with foreign keys off: no action runs.
    if step.statements.iter().any(|s| s.trim().eq_ignore_ascii_case("PRAGMA foreign_keys=OFF")) {
        return vec![];
    }
    let mut children = Vec::new();
    let mut destructive = false;
    for t in ctx.referencing(&table.name) {
        let name = &t.name;
        if name == &table.name || !ctx.after.tables.contains_key(name) {
            continue;
        }
        for fk in t.foreign_keys() {
            if let ConstraintKind::ForeignKey { ref_table, on_delete, .. } = &fk.kind {
                if ref_table == &table.name {
                    children.push(format!("{name} (ON DELETE {})", on_delete.sql()));
                    destructive |= matches!(on_delete, FkAction::Cascade | FkAction::SetNull | FkAction::SetDefault);
                }
            }
        }
    }
    if children.is_empty() {
        return vec![];
    }
    let d = Dialect::Sqlite;
    let mut r = Risk::new(
        RULE.id,
        if destructive { RiskSeverity::Critical } else { RiskSeverity::High },
        format!(
            "Dropping {} with foreign keys on deletes its rows first: referencing tables {} {}.",
            table.name,
            children.join(", "),
            if destructive { "lose or change rows" } else { "make the drop fail while they hold references" }
        ),
    )
    .lock(SQLITE_WRITE_LOCK)
    .alternative(vec![
        "PRAGMA foreign_keys = OFF".to_string(),
        format!("DROP TABLE {}", sql::qn(d, &table.name)),
        "PRAGMA foreign_key_check".to_string(),
        "PRAGMA foreign_keys = ON".to_string(),
    ]);
    if destructive {
        r = r.data_loss();
    }
    vec![r]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::FkMatch;
    use crate::risk::rules::testkit::*;

    #[test]
    fn fires_for_cascading_children() {
        let t = sqlite(45);
        let users = table(qn(t, "users"), vec![col("id", "integer")]);
        let mut orders = table(qn(t, "orders"), vec![col("user_id", "integer")]);
        orders.constraints.push(constraint(
            "fk",
            ConstraintKind::ForeignKey {
                columns: vec!["user_id".into()],
                ref_table: qn(t, "users"),
                ref_columns: vec![],
                on_delete: FkAction::Cascade,
                on_update: FkAction::NoAction,
                match_type: FkMatch::Simple,
            },
        ));
        let f = Fixture::new(t).before_table(users.clone()).with_table(orders);
        let r = f.one(&RULE, Change::DropTable { table: users.clone() }, &[]);
        assert_eq!(r.severity, RiskSeverity::Critical);
        let off = ["PRAGMA foreign_keys=OFF", "BEGIN", "DROP TABLE \"users\"", "COMMIT", "PRAGMA foreign_keys=ON"];
        assert!(f.run(&RULE, Change::DropTable { table: users.clone() }, &off).is_empty());
        assert!(r.message.contains("orders (ON DELETE CASCADE)"));
        assert!(Fixture::new(t).before_table(users.clone()).run(&RULE, Change::DropTable { table: users }, &[]).is_empty());
    }
}

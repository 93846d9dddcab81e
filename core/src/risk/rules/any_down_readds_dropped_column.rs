//! Rule `any-down-readds-dropped-column`: the down migration re-adds a column that up dropped,
//! but not its values.

use super::prelude::*;
use crate::plan::Preserved;
use crate::risk::Direction;

pub const RULE: Rule = Rule {
    id: "any-down-readds-dropped-column",
    dialect: None,
    title: "Down re-adds a column up dropped, without its values",
    doc: DOC,
    check,
};

rule_doc!(
    r#"## What it does
Flags, in the down migration, a column that comes back because up dropped it (`ADD COLUMN`, or a
SQLite table rebuild that brings the column back).

## Why is this bad?
Up deleted the column's values; down only re-creates the column. Every existing row gets the
column's default, or NULL. A NOT NULL column with a default is the worst case: the rows look
valid, but every value is the default (`is_admin boolean NOT NULL DEFAULT false` comes back with
every administrator demoted), and nothing fails to tell you.

## Example
```sql
-- up
ALTER TABLE "users" DROP COLUMN "is_admin";
-- down
ALTER TABLE "users" ADD COLUMN "is_admin" boolean NOT NULL DEFAULT FALSE;
```

## Use instead
Generate with `--preserve-data`: up copies the column (with the primary key) into a backup table
before dropping it, and down puts the values back by key after re-adding it. Without it, keep a
copy yourself before running up:
```sql
CREATE TABLE "users_is_admin_backup" AS SELECT "id", "is_admin" FROM "users";
```
"#
);

fn check(step: &Step, ctx: &RiskContext<'_>) -> Vec<Risk> {
    if ctx.direction != Direction::Down {
        return vec![];
    }
    let back: Vec<(&QName, &Column)> = match &step.change {
        Change::AddColumn { table, column } => vec![(table, column)],
        Change::RebuildTable { from, to, renamed_columns } => to
            .columns
            .iter()
            .filter(|c| from.column(&c.name).is_none() && !renamed_columns.iter().any(|(_, n)| *n == c.name))
            .map(|c| (&to.name, c))
            .collect(),
        _ => vec![],
    };
    back.into_iter()
        // A computed column has no values of its own; a table down creates had none to lose.
        .filter(|(table, c)| c.generated.is_none() && existing_table(ctx, table).is_some())
        .map(|(table, c)| note(ctx, table, c))
        .collect()
}

fn note(ctx: &RiskContext<'_>, table: &QName, column: &Column) -> Risk {
    let d = ctx.target.dialect;
    if let Some(p) = restored(ctx.preserved, table, &column.name) {
        return Risk::new(
            RULE.id,
            RiskSeverity::Info,
            format!(
                "Down re-adds column {} of {table}, which up dropped; --preserve-data puts its values back from {} (by key) right after.",
                column.name, p.backup
            ),
        );
    }
    let filled = match (&column.default, column.identity.is_some() || column.auto_increment || column.serial) {
        (_, true) => "gets freshly generated numbers instead".to_string(),
        (Some(def), false) => format!("gets DEFAULT {def} instead"),
        (None, false) => "is NULL instead".to_string(),
    };
    // Values replaced by something that looks real (a default, a NOT NULL column) go unnoticed.
    let plausible = column.default.is_some() || !column.nullable || column.identity.is_some() || column.serial;
    let severity = match size::rows(ctx, table) {
        Some(0) => RiskSeverity::Low,
        _ if plausible => RiskSeverity::Critical,
        _ => RiskSeverity::High,
    };
    let (t, c) = (sql::qn(d, table), sql::id(d, &column.name));
    Risk::new(
        RULE.id,
        severity,
        format!(
            "Down re-adds column {} of {table}, which up dropped: its values are gone, every row {filled}{}.",
            column.name,
            if plausible { ", and nothing fails to say so" } else { "" }
        ),
    )
    .data_loss()
    .alternative(vec![
        "-- generate with --preserve-data: up backs the column up by key, down puts the values back".to_string(),
        format!(
            "-- or, before running up, keep a copy:\nCREATE TABLE {} AS SELECT * FROM {t}",
            sql::id(d, &format!("{}_{}_backup", table.name, column.name))
        ),
        format!("-- and after down, restore {c} from it by key"),
    ])
}

/// The `--preserve-data` backup of `table.column` that down restores, if any.
fn restored<'a>(preserved: &'a [Preserved], table: &QName, column: &str) -> Option<&'a Preserved> {
    preserved.iter().find(|p| p.restored && p.table == *table && p.column.as_deref() == Some(column))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::risk::rules::testkit::*;

    fn readd(t: crate::Target, c: Column) -> Change {
        Change::AddColumn { table: qn(t, "users"), column: c }
    }

    #[test]
    fn fires_in_down_only_and_grades_by_what_fills_the_rows() {
        let t = pg(15);
        let users = table(qn(t, "users"), vec![col("id", "bigint")]);
        let mut f = Fixture::new(t).with_table(users);
        let is_admin = with_default(not_null(col("is_admin", "boolean")), "FALSE");
        assert!(f.run(&RULE, readd(t, is_admin.clone()), &[]).is_empty(), "up adds a new, empty column");
        f.direction = Direction::Down;
        let r = f.one(&RULE, readd(t, is_admin.clone()), &[]);
        assert_eq!(r.severity, RiskSeverity::Critical);
        assert!(r.data_loss && r.message.contains("DEFAULT FALSE"), "{}", r.message);
        assert!(r.safe_alternative[0].contains("--preserve-data"));
        let r = f.one(&RULE, readd(t, col("note", "text")), &[]);
        assert_eq!(r.severity, RiskSeverity::High);
        assert!(r.message.contains("is NULL instead"), "{}", r.message);
        // An empty table had nothing to lose.
        let f = f.rows("users", 0);
        assert_eq!(f.one(&RULE, readd(t, is_admin), &[]).severity, RiskSeverity::Low);
    }

    #[test]
    fn a_restored_backup_makes_it_information() {
        let t = pg(15);
        let users = table(qn(t, "users"), vec![col("id", "bigint")]);
        let mut f = Fixture::new(t).with_table(users);
        f.direction = Direction::Down;
        f.preserved = vec![Preserved {
            kind: crate::plan::PreservedKind::DroppedColumn,
            direction: Direction::Up,
            table: qn(t, "users"),
            column: Some("is_admin".into()),
            backup: qn(t, "users_is_admin_bak"),
            key: None,
            restored: true,
            note: None,
        }];
        let r = f.one(&RULE, readd(t, with_default(not_null(col("is_admin", "boolean")), "FALSE")), &[]);
        assert_eq!(r.severity, RiskSeverity::Info);
        assert!(!r.data_loss && r.message.contains("users_is_admin_bak"), "{}", r.message);
    }

    #[test]
    fn a_column_of_a_table_down_creates_is_not_flagged() {
        let t = pg(15);
        let mut f = Fixture::new(t);
        f.direction = Direction::Down;
        assert!(f.run(&RULE, readd(t, col("note", "text")), &[]).is_empty());
    }
}

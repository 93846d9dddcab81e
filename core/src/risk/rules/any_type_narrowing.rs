//! Rule `any-type-narrowing`: a type change that can reject or truncate existing values.

use super::prelude::*;
use crate::model::type_change;

pub const RULE: Rule =
    Rule { id: "any-type-narrowing", dialect: None, title: "Narrowing a column type can fail or silently truncate data", doc: DOC, check };

rule_doc!(
    r#"## What it does
Flags column type changes that cannot hold every old value: a shorter `varchar`/`char`, a
smaller integer, less numeric precision or scale, `double` → `real`, `timestamptz` →
`timestamp`, timestamp → date, fewer fractional seconds, a smaller MySQL text class, signed ↔
unsigned, text that must parse as a number, date or other type, and (SQLite) a change towards a
numeric affinity. The same classification (`model::type_change`) decides the `--preserve-data`
backup and the package pre-check, whose queries are offered here as the checks to run first:
one counts the values that make the statement fail, one the values it stores changed (digits
beyond a smaller decimal scale, a fractional part stored as an integer, fractional seconds
beyond a smaller precision).

## Why is this bad?
PostgreSQL fails on values that do not fit, and rounds decimals and fractional seconds
without an error; MySQL outside strict mode silently truncates or clamps values (the generated
scripts set a strict `sql_mode` so that they fail instead). Strict mode does not stop
rounding: MySQL and MariaDB round decimals to the smaller scale with only a note, MySQL rounds
fractional seconds and MariaDB truncates them, without even a note. SQLite's rebuild copies
values as they are. Either the migration breaks halfway in production or data is lost quietly.

## Example
```sql
ALTER TABLE "users" ALTER COLUMN "name" TYPE varchar(50);  -- was varchar(200)
```

## Use instead
Check the data first, and prefer a new column with an explicit conversion (expand/contract):
```sql
SELECT count(*) FROM "users" WHERE length("name") > 50;
```
"#
);

fn check(step: &Step, ctx: &RiskContext<'_>) -> Vec<Risk> {
    match &step.change {
        Change::AlterColumn { table, from, to } => note(ctx, table, from, to).into_iter().collect(),
        // A SQLite rebuild copies every kept column into its new declaration: the values of a
        // column whose affinity narrows are converted on the way ('007' becomes 7).
        Change::RebuildTable { from, to, renamed_columns } => to
            .columns
            .iter()
            .filter(|c| c.generated.is_none())
            .filter_map(|newc| {
                let old = renamed_columns.iter().find(|(_, n)| *n == newc.name).map_or(newc.name.as_str(), |(o, _)| o.as_str());
                from.column(old).filter(|oldc| oldc.generated.is_none()).and_then(|oldc| note(ctx, &to.name, oldc, newc))
            })
            .collect(),
        _ => vec![],
    }
}

/// The note of one column changing from `from` to `to`, when the change narrows.
fn note(ctx: &RiskContext<'_>, table: &QName, from: &Column, to: &Column) -> Option<Risk> {
    let d = ctx.target.dialect;
    // Converted with the history's own expression (`pg-history-using`'s note), not a cast.
    if ctx.after.conversion(table, &to.name, &from.data_type, &to.data_type).is_some() {
        return None;
    }
    let why = type_change::narrowing(d, &from.data_type, &to.data_type)?;
    let (t, c) = (sql::qn(d, table), sql::id(d, &to.name));
    let count = |cond: String| format!("SELECT count(*) FROM {t} WHERE {c} IS NOT NULL AND ({cond})");
    let probe = type_change::offending_rows(ctx.target, &c, &from.data_type, &to.data_type).map(count);
    let rounded = type_change::rounded_rows(ctx.target, &c, &from.data_type, &to.data_type).map(count);
    let verb = type_change::rounding_verb(ctx.target, &from.data_type, &to.data_type);
    let what = match (d, verb) {
        // The script makes its session strict (`target::MYSQL_STRICT`), but MySQL and MariaDB
        // store a decimal of a smaller scale, or fewer fractional seconds, rounded (MariaDB's
        // seconds truncated) with a note or nothing, not a warning (verified on MariaDB 10.11).
        (Dialect::Mysql, Some(v)) => format!(
            "The script's strict sql_mode does not stop this: {} stores such values {v} without an error{}; count them first.",
            ctx.target.label(),
            if probe.is_some() { ", and fails only on values that no longer fit" } else { "" }
        ),
        (Dialect::Postgres, Some(v)) => format!(
            "PostgreSQL stores such values {v} without an error{}; count them first.",
            if probe.is_some() { ", and fails only on values that no longer fit" } else { "" }
        ),
        (Dialect::Mysql, None) if why.contains("rounded") || why.contains("lose digits") => {
            "The script's strict sql_mode does not stop this: MySQL rounds such values silently even in strict mode.".to_string()
        }
        (Dialect::Mysql, None) => {
            "The script runs in strict sql_mode: a value that does not fit makes the statement fail and the table stays as it was.".to_string()
        }
        (Dialect::Postgres, None) => "The statement fails on values that do not fit (numerics are rounded silently).".to_string(),
        (Dialect::Sqlite, _) => "SQLite's table rebuild copies every value converted to the new affinity, for good (down brings the old form back only with --preserve-data).".to_string(),
    };
    let mut r = Risk::new(
        RULE.id,
        RiskSeverity::Critical,
        format!("Changing {table}.{} from {} to {}: {why}. {what}", to.name, from.data_type, to.data_type),
    )
    .data_loss();
    let alternatives: Vec<String> = probe.into_iter().chain(rounded).collect();
    if !alternatives.is_empty() {
        r = r.alternative(alternatives);
    }
    Some(r)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::risk::rules::testkit::*;

    #[test]
    fn fires_on_narrowing_only() {
        let t = mysql(8, 0);
        let f = Fixture::new(t);
        let ch = |a, b| Change::AlterColumn { table: qn(t, "users"), from: a, to: b };
        let r = f.one(&RULE, ch(col_args("name", "varchar", &["200"]), col_args("name", "varchar", &["50"])), &[]);
        assert_eq!(r.safe_alternative[0], "SELECT count(*) FROM `users` WHERE `name` IS NOT NULL AND (CHAR_LENGTH(`name`) > 50)");
        assert!(f.run(&RULE, ch(col("n", "int"), col("n", "bigint")), &[]).is_empty());
        assert_eq!(f.run(&RULE, ch(col("n", "bigint"), col("n", "int")), &[]).len(), 1);
    }

    #[test]
    fn rounding_says_it_does_not_fail_and_counts_the_values() {
        let t = mariadb(10, 11);
        let f = Fixture::new(t);
        let ch = |a, b| Change::AlterColumn { table: qn(t, "m"), from: a, to: b };
        let r = f.one(&RULE, ch(col_args("a", "decimal", &["6", "3"]), col_args("a", "decimal", &["5", "2"])), &[]);
        assert!(
            r.message.contains("MariaDB 10.11 stores such values rounded without an error, and fails only on values that no longer fit"),
            "{}",
            r.message
        );
        assert_eq!(
            r.safe_alternative,
            [
                "SELECT count(*) FROM `m` WHERE `a` IS NOT NULL AND (abs(round(`a`, 2)) >= 1000)",
                "SELECT count(*) FROM `m` WHERE `a` IS NOT NULL AND (`a` <> round(`a`, 2))"
            ]
        );
        let r = f.one(&RULE, ch(col_args("t", "datetime", &["6"]), col_args("t", "datetime", &["2"])), &[]);
        assert!(r.message.contains("stores such values truncated without an error; count them first"), "{}", r.message);
        assert_eq!(r.safe_alternative, ["SELECT count(*) FROM `m` WHERE `t` IS NOT NULL AND (MICROSECOND(`t`) MOD 10000 <> 0)"]);
        let r = Fixture::new(mysql(8, 0)).one(&RULE, ch(col_args("t", "time", &["6"]), col_args("t", "time", &[])), &[]);
        assert!(r.message.contains("MySQL 8.0 stores such values rounded without an error"), "{}", r.message);
        let p = pg(15);
        let r = Fixture::new(p).one(
            &RULE,
            Change::AlterColumn {
                table: qn(p, "m"),
                from: col_args("a", "numeric", &["12", "4"]),
                to: col_args("a", "numeric", &["12", "2"]),
            },
            &[],
        );
        assert!(r.message.contains("PostgreSQL stores such values rounded without an error; count them first"), "{}", r.message);
        assert_eq!(r.safe_alternative, ["SELECT count(*) FROM \"public\".\"m\" WHERE \"a\" IS NOT NULL AND (\"a\" <> round(\"a\", 2))"]);
    }

    #[test]
    fn sqlite_rebuild_notes_each_narrowing_column() {
        let t = sqlite(45);
        let from = table(qn(t, "items"), vec![col("code", "TEXT"), col("n", "INT"), col("old", "TEXT")]);
        let to = table(qn(t, "items"), vec![col("code", "txet"), col("n", "BIGINT"), col("new", "REAL")]);
        let renamed_columns = vec![("old".to_string(), "new".to_string())];
        let r = Fixture::new(t).run(&RULE, Change::RebuildTable { from, to, renamed_columns }, &[]);
        assert_eq!(r.len(), 2, "{r:?}");
        assert!(r[0].message.contains("items.code from TEXT to txet") && r[0].data_loss, "{}", r[0].message);
        assert!(r[1].message.contains("items.new from TEXT to REAL"), "{}", r[1].message);
    }

    #[test]
    fn sqlite_narrows_by_affinity_and_postgres_text_must_parse() {
        let t = sqlite(45);
        let f = Fixture::new(t);
        let ch = |a, b| Change::AlterColumn { table: qn(t, "users"), from: a, to: b };
        // SQLite enforces no declared length or integer size: nothing is lost.
        assert!(f.run(&RULE, ch(col_args("n", "varchar", &["200"]), col_args("n", "varchar", &["50"])), &[]).is_empty());
        assert!(f.run(&RULE, ch(col("n", "bigint"), col("n", "integer")), &[]).is_empty());
        // Text converted to INTEGER affinity loses its spelling ('007' becomes 7).
        assert_eq!(f.run(&RULE, ch(col("n", "text"), col("n", "integer")), &[]).len(), 1);

        let t = pg(15);
        let f = Fixture::new(t);
        let ch = |a, b| Change::AlterColumn { table: qn(t, "users"), from: a, to: b };
        let r = f.one(&RULE, ch(col("n", "text"), col("n", "integer")), &[]);
        assert!(r.message.contains("text that does not parse as integer is rejected"), "{}", r.message);
        assert!(
            r.safe_alternative[0].starts_with("SELECT count(*) FROM \"public\".\"users\" WHERE \"n\" IS NOT NULL AND (CASE WHEN"),
            "{}",
            r.safe_alternative[0]
        );
    }
}

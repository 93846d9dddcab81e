//! Rule `any-timestamp-time-zone`: a column changed between a zone-less timestamp and one that
//! stores instants converts its values in the session's time zone.

use super::prelude::*;

pub const RULE: Rule = Rule {
    id: "any-timestamp-time-zone",
    dialect: None,
    title: "timestamp <-> timestamptz (MySQL DATETIME <-> TIMESTAMP) converts the values in the session's time zone",
    doc: DOC,
    check,
};

rule_doc!(
    r#"## What it does
Notes a column changed between a type that stores wall-clock time and one that stores an
instant: PostgreSQL `timestamp` (without time zone) and `timestamptz`; MySQL/MariaDB `DATETIME`
and `TIMESTAMP`. (A PostgreSQL conversion written in the history, `USING`, is left to
`pg-history-using`.)

## Why is this bad?
The conversion reads the stored values in the time zone of the session that runs the migration,
so what ends up stored depends on the server's or the client's settings, and nothing fails.

- PostgreSQL (documentation, 8.5.1.3 Time Stamps,
  <https://www.postgresql.org/docs/current/datatype-datetime.html#DATATYPE-TIMESTAMPS>):
  "Conversions between timestamp without time zone and timestamp with time zone normally assume
  that the timestamp without time zone value should be taken or given as timezone local time. A
  different time zone can be specified for the conversion using AT TIME ZONE." The same script
  run from a session in `Europe/Paris` and one in `UTC` stores instants an hour or two apart.
  (With `TimeZone` UTC, PostgreSQL 12 and later also skip the table rewrite.)
- MySQL (Reference Manual, 13.2.2 The DATE, DATETIME, and TIMESTAMP Types,
  <https://dev.mysql.com/doc/refman/8.0/en/datetime.html>) and MariaDB (Knowledge Base,
  TIMESTAMP, <https://mariadb.com/kb/en/timestamp/>): "MySQL converts TIMESTAMP values from the
  current time zone to UTC for storage, and back from UTC to the current time zone for retrieval.
  (This does not occur for other types such as DATETIME.)" A `DATETIME` in a daylight-saving gap
  of the session's zone does not exist there and is stored shifted; one outside the `TIMESTAMP`
  range (1970 to 2038-01-19 UTC) makes the strict script fail.

## Example
```sql
ALTER TABLE "events" ALTER COLUMN "at" TYPE timestamp with time zone USING "at"::timestamp with time zone;
```

## Use instead
Say which zone the stored values are in. PostgreSQL, in the statement (`AT TIME ZONE`,
section 9.9.4), or for the transaction:
```sql
ALTER TABLE "events" ALTER COLUMN "at" TYPE timestamp with time zone USING "at" AT TIME ZONE 'UTC';
-- or: SET LOCAL TimeZone = 'UTC'; before it
```
MySQL/MariaDB, for the session that runs the migration:
```sql
SET SESSION time_zone = '+00:00';
```
"#
);

fn check(step: &Step, ctx: &RiskContext<'_>) -> Vec<Risk> {
    let Change::AlterColumn { table, from, to } = &step.change else {
        return vec![];
    };
    let d = ctx.target.dialect;
    let (wall, instant) = match d {
        Dialect::Postgres => ("timestamp without time zone", "timestamp with time zone"),
        Dialect::Mysql => ("datetime", "timestamp"),
        Dialect::Sqlite => return vec![],
    };
    let (a, b) = (from.data_type.base.as_str(), to.data_type.base.as_str());
    let to_instant = a == wall && b == instant;
    if !(to_instant || a == instant && b == wall) || from.data_type.array_dims != to.data_type.array_dims {
        return vec![];
    }
    // The history's own USING decides the conversion (`pg-history-using`).
    if ctx.after.conversion(table, &to.name, &from.data_type, &to.data_type).is_some() || existing_table(ctx, table).is_none() {
        return vec![];
    }
    let (t, c) = (sql::qn(d, table), sql::id(d, &to.name));
    let (what, pin, alternative) = match (d, to_instant) {
        (Dialect::Postgres, true) => (
            "each stored value is read as local time in the session's TimeZone",
            "say the zone with USING ... AT TIME ZONE, or SET LOCAL TimeZone first",
            format!("ALTER TABLE {t} ALTER COLUMN {c} TYPE {b} USING {c} AT TIME ZONE 'UTC'"),
        ),
        (Dialect::Postgres, false) => (
            "each stored instant becomes its local time in the session's TimeZone",
            "say the zone with USING ... AT TIME ZONE, or SET LOCAL TimeZone first",
            format!("ALTER TABLE {t} ALTER COLUMN {c} TYPE {b} USING {c} AT TIME ZONE 'UTC'"),
        ),
        (_, true) => (
            "each stored value is read as local time in the session's time_zone and stored as UTC (a time in a daylight-saving gap is shifted; one outside 1970-2038 fails)",
            "SET SESSION time_zone first",
            "SET SESSION time_zone = '+00:00'".to_string(),
        ),
        (_, false) => (
            "each stored instant becomes its local time in the session's time_zone",
            "SET SESSION time_zone first",
            "SET SESSION time_zone = '+00:00'".to_string(),
        ),
    };
    let alternative = if to.data_type.array_dims > 0 { "SET LOCAL TimeZone = 'UTC'".to_string() } else { alternative };
    vec![Risk::new(
        RULE.id,
        RiskSeverity::Medium,
        format!(
            "Changing {table}.{} from {} to {}: {what}, so the values stored depend on the session that runs the migration (nothing fails); {pin}.",
            to.name, from.data_type, to.data_type
        ),
    )
    .alternative(vec![alternative])]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::risk::rules::testkit::*;

    const WITHOUT: &str = "timestamp without time zone";
    const WITH: &str = "timestamp with time zone";

    #[test]
    fn notes_both_directions_only() {
        let t = pg(15);
        let f = Fixture::new(t).with_table(table(qn(t, "events"), vec![col("at", WITHOUT)]));
        let ch = |a: &str, b: &str| Change::AlterColumn { table: qn(t, "events"), from: col("at", a), to: col("at", b) };
        let r = f.one(&RULE, ch(WITHOUT, WITH), &[]);
        assert_eq!(r.severity, RiskSeverity::Medium);
        assert!(r.message.contains("read as local time"), "{}", r.message);
        assert!(r.safe_alternative[0].ends_with("USING \"at\" AT TIME ZONE 'UTC'"), "{:?}", r.safe_alternative);
        assert!(f.one(&RULE, ch(WITH, WITHOUT), &[]).message.contains("becomes its local time"));
        assert!(f.run(&RULE, ch(WITHOUT, "date"), &[]).is_empty());
        assert!(f.run(&RULE, ch("date", WITH), &[]).is_empty());
    }

    #[test]
    fn notes_mysql_datetime_and_timestamp() {
        let t = mariadb(10, 11);
        let f = Fixture::new(t).with_table(table(qn(t, "events"), vec![col("at", "datetime")]));
        let ch = |a: &str, b: &str| Change::AlterColumn { table: qn(t, "events"), from: col("at", a), to: col("at", b) };
        let r = f.one(&RULE, ch("datetime", "timestamp"), &[]);
        assert!(r.message.contains("daylight-saving gap"), "{}", r.message);
        assert_eq!(r.safe_alternative, ["SET SESSION time_zone = '+00:00'"]);
        assert!(f.run(&RULE, ch("datetime", "date"), &[]).is_empty());
    }
}

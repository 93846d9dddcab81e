//! MySQL/MariaDB character sets and collations that one side leaves unspecified.
//!
//! A table without `DEFAULT CHARSET` takes the database's default, and a column without
//! `CHARACTER SET`/`COLLATE` takes its table's. Hand-written DDL usually says nothing, while
//! `mysqldump` spells the inherited values out on every table. The model cannot know the
//! server's defaults, so "unspecified" means "whatever the database already has": it matches
//! any value on the other side, and no migration converts a table or column because the other
//! side did not state its character set (`CONVERT TO` rewrites the whole table). A change is
//! made only when both sides state different values. A column stating nothing has its table's
//! (stated or taken from the other side); in tables stating nothing on both sides, a column
//! stating its own on one side only is a change.

use super::Schema;
use crate::Dialect;
use std::collections::HashMap;

/// Fill each unspecified table or column character set / collation of `a` and `b` from the
/// other side, for tables and columns present in both. Only for MySQL/MariaDB schemas.
pub fn unify_unspecified_charsets(a: &mut Schema, b: &mut Schema) {
    if a.dialect != Dialect::Mysql || b.dialect != Dialect::Mysql {
        return;
    }
    for (name, ta) in a.tables.iter_mut() {
        let Some(tb) = b.tables.get_mut(name) else { continue };
        // A table that states its character set without a collation has that character set's
        // default collation (the parser leaves a stated default implied): stated, not open to
        // the other side's (`utf8mb4_unicode_ci` to `DEFAULT CHARSET=utf8mb4` is a change).
        let implied = |o: &super::table::TableOptions| match o.collation {
            None => o.charset.as_deref().and_then(implied_collation).map(str::to_string),
            Some(_) => None,
        };
        let (implied_a, implied_b) = (implied(&ta.options), implied(&tb.options));
        fill(&mut ta.options.charset, &mut tb.options.charset, true, true);
        match (implied_a, implied_b) {
            (Some(a), None) if tb.options.collation.is_some() => ta.options.collation = Some(a),
            (None, Some(b)) if ta.options.collation.is_some() => tb.options.collation = Some(b),
            _ => {}
        }
        fill(&mut ta.options.collation, &mut tb.options.collation, true, true);
        let (table_a, table_b) =
            ((ta.options.charset.clone(), ta.options.collation.clone()), (tb.options.charset.clone(), tb.options.collation.clone()));
        // B's columns by name (the first of a name, as a scan finds it): n log n, not n².
        let mut by_name: HashMap<&str, usize> = HashMap::with_capacity(tb.columns.len());
        for (i, c) in tb.columns.iter().enumerate() {
            by_name.entry(c.name.as_str()).or_insert(i);
        }
        let found: Vec<Option<usize>> = ta.columns.iter().map(|c| by_name.get(c.name.as_str()).copied()).collect();
        for (ca, i) in ta.columns.iter_mut().zip(found) {
            let Some(cb) = i.and_then(|i| tb.columns.get_mut(i)) else { continue };
            // A column stating nothing on either side has its own table's collation on each:
            // where the tables' differ (both stated), so do the column's (`ALTER TABLE ...
            // DEFAULT COLLATE` leaves the columns there as they are).
            let states = |c: &super::Column| c.charset.is_some() || c.collation.is_some();
            let textual = crate::parse::table_options::takes_charset;
            if !states(ca) && !states(cb) && textual(ca) && textual(cb) && table_a.1.is_some() && table_b.1.is_some() && table_a != table_b
            {
                (ca.charset, ca.collation) = table_a.clone();
                (cb.charset, cb.collation) = table_b.clone();
            }
            inherit(ca, &table_a, cb);
            inherit(cb, &table_b, ca);
            // A stated character set without a collation has that character set's default.
            if ca.charset.is_some() && ca.charset == cb.charset {
                if ca.collation.is_none() && cb.collation.is_some() {
                    ca.collation = ca.charset.as_deref().and_then(default_collation).map(str::to_string);
                }
                if cb.collation.is_none() && ca.collation.is_some() {
                    cb.collation = cb.charset.as_deref().and_then(default_collation).map(str::to_string);
                }
            }
        }
    }
}

/// A column that states no character set or collation has its table's (`(charset, collation)`,
/// stated or taken from the other side), where `other` states one. In a table that states
/// nothing on either side it has the database's, which the model does not know: a column that
/// states its own on one side only is then a change (`MODIFY` without `CHARACTER SET` gives the
/// column its table's, whatever the database's default is).
fn inherit(col: &mut super::Column, (charset, collation): &(Option<String>, Option<String>), other: &super::Column) {
    if col.charset.is_none() && other.charset.is_some() {
        col.charset.clone_from(charset);
    }
    if col.collation.is_none() && other.collation.is_some() && (col.charset.is_none() || col.charset == *charset) {
        // A table collation that is its charset's default is left implied by the parser.
        col.collation = collation.clone().or_else(|| charset.as_deref().and_then(implied_collation).map(str::to_string));
    }
}

/// Fill the `STARTS` of each MySQL event schedule that one side leaves unstated from the other
/// side, when the rest of the schedule is the same. An `EVERY` event without `STARTS` starts
/// when it is created and the server records that time: `mariadb-dump` and `SHOW CREATE EVENT`
/// print it (`STARTS '2026-12-06 05:00:00'`), so a dump states what the DDL left to the server:
/// the two mean the same event (`Schema::same_as`). The diff keeps a running event's start when
/// the target states none (`diff::objects::diff_events`).
pub fn unify_unspecified_event_starts(a: &mut Schema, b: &mut Schema) {
    if a.dialect != Dialect::Mysql || b.dialect != Dialect::Mysql {
        return;
    }
    for (name, ea) in a.events.iter_mut() {
        let Some(eb) = b.events.get_mut(name) else { continue };
        let ((rest_a, starts_a), (rest_b, starts_b)) = (ea.without_starts(), eb.without_starts());
        if rest_a != rest_b {
            continue;
        }
        match (starts_a.is_some(), starts_b.is_some()) {
            (false, true) => ea.schedule = eb.schedule.clone(),
            (true, false) => eb.schedule = ea.schedule.clone(),
            _ => {}
        }
    }
}

/// The collation a character set has when none is named, where MySQL 8 and MariaDB agree
/// (`SHOW CHARACTER SET`, column `Default collation`). `utf8mb4` is left out: MySQL 8's default
/// is `utf8mb4_0900_ai_ci`, MariaDB's `utf8mb4_general_ci` (and configurable).
pub fn default_collation(charset: &str) -> Option<&'static str> {
    Some(match charset {
        "latin1" => "latin1_swedish_ci",
        "dec8" => "dec8_swedish_ci",
        "swe7" => "swe7_swedish_ci",
        "hp8" => "hp8_english_ci",
        "latin5" => "latin5_turkish_ci",
        "big5" => "big5_chinese_ci",
        "gb2312" => "gb2312_chinese_ci",
        "gbk" => "gbk_chinese_ci",
        "ujis" => "ujis_japanese_ci",
        "sjis" => "sjis_japanese_ci",
        "cp932" => "cp932_japanese_ci",
        "eucjpms" => "eucjpms_japanese_ci",
        "euckr" => "euckr_korean_ci",
        "tis620" => "tis620_thai_ci",
        "binary" => "binary",
        "ascii" => "ascii_general_ci",
        "hebrew" => "hebrew_general_ci",
        "greek" => "greek_general_ci",
        "koi8r" => "koi8r_general_ci",
        "koi8u" => "koi8u_general_ci",
        "latin2" => "latin2_general_ci",
        "latin7" => "latin7_general_ci",
        "cp1250" => "cp1250_general_ci",
        "cp1251" => "cp1251_general_ci",
        "cp1256" => "cp1256_general_ci",
        "cp1257" => "cp1257_general_ci",
        "cp850" => "cp850_general_ci",
        "cp852" => "cp852_general_ci",
        "cp866" => "cp866_general_ci",
        "armscii8" => "armscii8_general_ci",
        "keybcs2" => "keybcs2_general_ci",
        "macce" => "macce_general_ci",
        "macroman" => "macroman_general_ci",
        "geostd8" => "geostd8_general_ci",
        "utf8mb3" | "utf8" => "utf8mb3_general_ci",
        "ucs2" => "ucs2_general_ci",
        "utf16" => "utf16_general_ci",
        "utf16le" => "utf16le_general_ci",
        "utf32" => "utf32_general_ci",
        _ => return None,
    })
}

/// The collation a stated character set implies: its default (the parser's list, which the
/// parser leaves implied on a table, then this one).
fn implied_collation(charset: &str) -> Option<&'static str> {
    default_collation(charset).or_else(|| crate::parse::table_options::default_collation(charset))
}

/// Copy a value to the side that leaves it unspecified, if that side may take it.
fn fill(x: &mut Option<String>, y: &mut Option<String>, x_open: bool, y_open: bool) {
    match (x.is_some(), y.is_some()) {
        (false, true) if x_open => *x = y.clone(),
        (true, false) if y_open => *y = x.clone(),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unstated_event_start_matches_the_start_the_server_recorded() {
        let events = |sql: &str| crate::parse::parse(Dialect::Mysql, sql).schema;
        let ddl = "CREATE EVENT e ON SCHEDULE EVERY 1 DAY ENDS '2040-01-01' DO DELETE FROM t;";
        let dump = "CREATE EVENT e ON SCHEDULE EVERY 1 DAY STARTS '2026-12-06 05:00:00' ENDS '2040-01-01' DO DELETE FROM t;";
        let (mut a, mut b) = (events(ddl), events(dump));
        assert_ne!(a, b);
        unify_unspecified_event_starts(&mut a, &mut b);
        assert_eq!(a, b);
        // Both stated and different, or another interval: a change.
        let other = "CREATE EVENT e ON SCHEDULE EVERY 1 DAY STARTS '2030-01-01 00:00:00' ENDS '2040-01-01' DO DELETE FROM t;";
        let (mut a, mut b) = (events(other), events(dump));
        unify_unspecified_event_starts(&mut a, &mut b);
        assert_ne!(a, b);
        let hourly = "CREATE EVENT e ON SCHEDULE EVERY 2 HOUR ENDS '2040-01-01' DO DELETE FROM t;";
        let (mut a, mut b) = (events(hourly), events(dump));
        unify_unspecified_event_starts(&mut a, &mut b);
        assert_ne!(a, b);
    }
    use crate::model::{Column, DataType, QName, Table};

    fn schema(dialect: Dialect, charset: Option<&str>, col_collation: Option<&str>) -> Schema {
        let mut s = Schema::new(dialect);
        let mut t = Table::new(QName::new("", "t"));
        t.options.charset = charset.map(str::to_string);
        let mut c = Column::new("a", DataType::simple("text"));
        c.collation = col_collation.map(str::to_string);
        t.columns.push(c);
        s.tables.insert(t.name.clone(), t);
        s
    }

    #[test]
    fn unspecified_matches_what_the_other_side_states() {
        // mariadb-dump states the table's character set and collation, not the column's.
        let mut dump = schema(Dialect::Mysql, Some("utf8mb4"), None);
        dump.tables.values_mut().for_each(|t| t.options.collation = Some("utf8mb4_general_ci".into()));
        let mut ddl = schema(Dialect::Mysql, None, Some("utf8mb4_general_ci"));
        ddl.tables.values_mut().for_each(|t| t.columns[0].charset = Some("utf8mb4".into()));
        unify_unspecified_charsets(&mut dump, &mut ddl);
        assert!(dump.same_as(&ddl));
        let (mut dump, mut ddl) =
            (schema(Dialect::Mysql, Some("utf8mb4"), Some("utf8mb4_bin")), schema(Dialect::Mysql, None, Some("utf8mb4_bin")));
        unify_unspecified_charsets(&mut dump, &mut ddl);
        assert!(dump.same_as(&ddl));
    }

    #[test]
    fn a_column_stating_its_own_on_one_side_only_is_a_change_in_tables_stating_nothing() {
        let mut hebrew = schema(Dialect::Mysql, None, None);
        hebrew.tables.values_mut().for_each(|t| t.columns[0].charset = Some("hebrew".into()));
        let mut plain = schema(Dialect::Mysql, None, None);
        unify_unspecified_charsets(&mut hebrew, &mut plain);
        assert!(!hebrew.same_as(&plain));
        let (mut bin, mut plain) = (schema(Dialect::Mysql, None, Some("utf8mb4_bin")), schema(Dialect::Mysql, None, None));
        unify_unspecified_charsets(&mut bin, &mut plain);
        assert!(!bin.same_as(&plain));
    }

    #[test]
    fn a_column_of_a_table_with_a_stated_charset_has_the_table_collation() {
        // `varchar(9)` in a utf8mb4 table vs `varchar(9) BINARY` (utf8mb4_bin): a change.
        let mut plain = schema(Dialect::Mysql, Some("utf8mb4"), None);
        let mut binary = schema(Dialect::Mysql, Some("utf8mb4"), Some("utf8mb4_bin"));
        unify_unspecified_charsets(&mut plain, &mut binary);
        assert!(!plain.same_as(&binary));
    }

    #[test]
    fn two_stated_values_still_differ() {
        let a = schema(Dialect::Mysql, Some("latin1"), None);
        let b = schema(Dialect::Mysql, Some("utf8mb4"), None);
        assert!(!a.same_as(&b));
    }

    #[test]
    fn postgres_collations_are_left_alone() {
        let mut a = schema(Dialect::Postgres, None, Some("C"));
        let mut b = schema(Dialect::Postgres, None, None);
        unify_unspecified_charsets(&mut a, &mut b);
        assert!(b.tables.values().all(|t| t.columns[0].collation.is_none()));
    }
}

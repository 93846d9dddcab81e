//! Table options written after a `CREATE TABLE`'s column list, per dialect: PostgreSQL
//! `INHERITS`, `PARTITION BY`, `WITH (...)`; SQLite `WITHOUT ROWID`, `STRICT`; MySQL `ENGINE`,
//! charset, collation, comment and other `key=value` options (defaults left out: InnoDB, a
//! charset's default collation).

use super::cursor::{Cursor, PResult};
use super::expr;
use crate::model::Table;
use crate::Dialect;
use sqlparser::tokenizer::Token;

/// Table options after the closing parenthesis.
pub fn read_options(c: &mut Cursor, table: &mut Table) -> PResult<()> {
    let d = c.dialect;
    while !c.at_end() {
        if c.eat(&Token::Comma) {
            continue;
        }
        match d {
            Dialect::Postgres => {
                if c.eat_kw("inherits") {
                    let g = c.group()?;
                    for part in Cursor::split_commas(g) {
                        table.options.inherits.push(Cursor::new(d, part).qname()?);
                    }
                } else if c.eat_kws(&["partition", "by"]) {
                    if !["range", "list", "hash"].iter().any(|k| c.is_kw(k)) {
                        return c.err("expected RANGE, LIST or HASH after PARTITION BY");
                    }
                    let at = c.position();
                    let rest = c.until(|c| c.is_kw("with") || c.is_kw("tablespace") || c.is_kw("using"));
                    super::complete::check(rest, at, "PARTITION BY clause")?;
                    table.options.partition_by = Some(expr::normalize(d, rest));
                } else if c.eat_kw("with") {
                    let p = super::storage::params(c)?;
                    super::storage::set_params(&mut table.options.other, p);
                } else if c.eat_kws(&["without", "oids"]) {
                } else if c.eat_kw("tablespace") {
                    table.options.tablespace = super::storage::tablespace(c)?;
                } else if c.eat_kw("using") {
                    table.options.access_method = super::storage::access_method(c)?;
                } else if c.eat_kws(&["on", "commit"]) {
                    c.next();
                    c.eat_kw("rows");
                } else {
                    return c.err("unexpected table option");
                }
            }
            Dialect::Sqlite => {
                if c.eat_kws(&["without", "rowid"]) {
                    table.options.without_rowid = true;
                } else if c.eat_kw("strict") {
                    table.options.strict = true;
                } else {
                    return c.err("unexpected table option");
                }
            }
            Dialect::Mysql => mysql_option(c, table)?,
        }
    }
    Ok(())
}

pub fn mysql_option(c: &mut Cursor, table: &mut Table) -> PResult<()> {
    c.eat_kw("default");
    let value = |c: &mut Cursor| -> PResult<String> {
        c.eat(&Token::Eq);
        match c.next().map(|t| &t.t) {
            Some(Token::Word(w)) => Ok(w.value.clone()),
            Some(Token::SingleQuotedString(s)) | Some(Token::DoubleQuotedString(s)) => Ok(s.clone()),
            Some(Token::Number(n, _)) => Ok(n.clone()),
            _ => c.err("expected an option value"),
        }
    };
    if c.eat_kws(&["convert", "to"]) {
        if !(c.eat_kws(&["character", "set"]) || c.eat_kw("charset")) {
            return c.err("expected CHARACTER SET after CONVERT TO");
        }
        let charset = charset_name(&value(c)?);
        let collation = if c.eat_kw("collate") { Some(collation_name(&value(c)?)) } else { None };
        convert_to(table, &charset, collation);
    } else if c.eat_kw("engine") || c.eat_kw("type") {
        // InnoDB is the default engine: not spelled out.
        table.options.engine = Some(value(c)?).filter(|e| !e.eq_ignore_ascii_case("innodb"));
    } else if c.eat_kws(&["character", "set"]) || c.eat_kw("charset") {
        table.options.charset = Some(charset_name(&value(c)?));
    } else if c.eat_kw("collate") {
        table.options.collation = Some(collation_name(&value(c)?));
    } else if c.eat_kw("comment") {
        table.comment = Some(value(c)?).filter(|s| !s.is_empty());
    } else if c.eat_kw("auto_increment") {
        // A counter, not a schema property.
        value(c)?;
    } else if ["checksum", "delay_key_write", "pack_keys", "stats_persistent", "stats_auto_recalc", "stats_sample_pages"]
        .iter()
        .any(|k| c.is_kw(k))
    {
        // Kept unless the default (`SHOW CREATE TABLE` leaves `CHECKSUM=0`, `PACK_KEYS=DEFAULT` out).
        let key = c.word()?.value.to_lowercase();
        let v = value(c)?.to_lowercase();
        if v != "default" && !(v == "0" && (key == "checksum" || key == "delay_key_write")) {
            table.options.other.push(format!("{key}={v}"));
        }
    } else if c.eat_kws(&["with", "system", "versioning"]) {
        table.options.system_versioning = true;
    } else if c.eat_kws(&["partition", "by"]) {
        let p = super::mysql_partitions::read(c, table)?;
        table.options.partition_by = Some(p.text());
    } else if let Some(Token::Word(w)) = c.peek() {
        let key = w.value.to_lowercase();
        c.next();
        let v = value(c)?;
        table.options.other.push(format!("{key}={}", v.to_lowercase()));
    } else {
        return c.err("unexpected table option");
    }
    Ok(())
}

/// Bytes per character at most, of the character sets whose text columns `CONVERT TO` may
/// widen (<https://mariadb.com/kb/en/supported-character-sets-and-collations/>).
fn max_bytes(charset: &str) -> Option<u64> {
    Some(match charset {
        "latin1" | "latin2" | "ascii" | "cp1250" | "cp1251" | "cp1252" | "greek" | "hebrew" | "koi8r" | "swe7" => 1,
        "ucs2" | "big5" | "gbk" | "gb2312" | "sjis" | "euckr" | "cp932" => 2,
        "utf8mb3" | "ujis" | "eucjpms" => 3,
        "utf8mb4" | "utf16" | "utf32" | "utf16le" => 4,
        _ => return None,
    })
}

/// `ALTER TABLE t CONVERT TO CHARACTER SET cs [COLLATE co]` (MySQL, MariaDB): the table's
/// default becomes `cs` / `co`, every character column takes it (its own character set and
/// collation go), and a `TEXT` column whose characters would no longer fit takes the next larger
/// type (`TEXT` → `MEDIUMTEXT` from latin1 to utf8mb4), as the engine does
/// (<https://dev.mysql.com/doc/refman/8.0/en/alter-table.html#alter-table-character-set>; seen on
/// MariaDB 10.11). Columns whose character set is not known are not widened.
fn convert_to(table: &mut Table, charset: &str, collation: Option<String>) {
    const TEXTS: [(&str, u64); 4] = [("tinytext", 255), ("text", 65_535), ("mediumtext", 16_777_215), ("longtext", u64::MAX)];
    let new = max_bytes(charset);
    for col in &mut table.columns {
        let base = col.data_type.base.as_str();
        if !takes_charset(col) || col.charset.as_deref() == Some("binary") {
            continue;
        }
        let old = col.charset.as_deref().or(table.options.charset.as_deref()).and_then(max_bytes);
        if let (Some(old), Some(new), Some(at)) = (old, new, TEXTS.iter().position(|(t, _)| *t == base)) {
            let chars = TEXTS[at].1 / old;
            if let Some((wider, _)) = TEXTS[at..].iter().find(|(_, bytes)| chars.saturating_mul(new) <= *bytes) {
                col.data_type.base = wider.to_string();
            }
        }
        col.charset = None;
        col.collation = None;
    }
    table.options.charset = Some(charset.to_string());
    table.options.collation = collation;
    drop_default_collation(table);
}

/// A MySQL column of a character type (`defaults::is_string_type`).
pub fn takes_charset(col: &crate::model::Column) -> bool {
    super::defaults::is_string_type(&col.data_type)
}

/// What a column's MySQL `BINARY` attribute stands for until its character set is known.
pub const BINARY_COLLATION: &str = "_bin";

/// MySQL `varchar(10) BINARY` means the `_bin` collation of the column's character set (its
/// own, else the table's). When neither is stated the server default decides, which the model
/// cannot know: the column is left unspecified.
pub fn resolve_binary_collations(table: &mut Table) {
    let table_charset = table.options.charset.clone();
    for col in &mut table.columns {
        if col.collation.as_deref() == Some(BINARY_COLLATION) {
            let charset = col.charset.clone().or_else(|| table_charset.clone()).filter(|cs| cs != "binary");
            col.collation = charset.as_ref().map(|cs| format!("{cs}{BINARY_COLLATION}"));
            // A collation names its character set, as a stated COLLATE does.
            col.charset = charset;
        }
    }
}

/// A table collation that is its charset's default is implied by the charset.
pub fn drop_default_collation(table: &mut Table) {
    let Some(default) = table.options.charset.as_deref().and_then(default_collation) else {
        return;
    };
    if table.options.collation.as_deref() == Some(default) {
        table.options.collation = None;
    }
}

/// The default collation of a MariaDB character set, where known.
pub fn default_collation(charset: &str) -> Option<&'static str> {
    Some(match charset {
        "latin1" => "latin1_swedish_ci",
        "utf8mb4" => "utf8mb4_general_ci",
        "utf8mb3" => "utf8mb3_general_ci",
        "ascii" => "ascii_general_ci",
        "binary" => "binary",
        _ => return None,
    })
}

/// MySQL/MariaDB collation names as the server reports them (`utf8_bin` is `utf8mb3_bin`).
pub fn collation_name(s: &str) -> String {
    let l = s.to_lowercase();
    match l.strip_prefix("utf8_") {
        Some(rest) => format!("utf8mb3_{rest}"),
        None => l,
    }
}

/// MySQL/MariaDB charset names as the server reports them (`utf8` is `utf8mb3`).
pub fn charset_name(s: &str) -> String {
    let l = s.to_lowercase();
    if l == "utf8" {
        "utf8mb3".into()
    } else {
        l
    }
}

#[cfg(test)]
mod tests {
    use crate::model::QName;
    use crate::parse::parse;
    use crate::Dialect;

    #[test]
    fn mysql_binary_attribute_is_the_binary_collation_of_the_column_charset() {
        let p = parse(
            Dialect::Mysql,
            "CREATE TABLE t (a varchar(9) BINARY, b varchar(9) CHARACTER SET latin1 BINARY, c varchar(9)) DEFAULT CHARSET=utf8mb4;
CREATE TABLE u (a varchar(9) BINARY);
ALTER TABLE t ADD COLUMN d text BINARY;",
        );
        assert!(p.diagnostics.iter().all(|x| !x.is_error()), "{:#?}", p.diagnostics);
        let t = &p.schema.tables[&QName::new("", "t")];
        let coll = |n: &str| t.column(n).and_then(|c| c.collation.clone());
        assert_eq!(coll("a").as_deref(), Some("utf8mb4_bin"));
        assert_eq!(coll("b").as_deref(), Some("latin1_bin"));
        assert_eq!(coll("c"), None);
        assert_eq!(coll("d").as_deref(), Some("utf8mb4_bin"));
        // No character set known: the server default decides, the model leaves it open.
        assert_eq!(p.schema.tables[&QName::new("", "u")].columns[0].collation, None);
    }
}

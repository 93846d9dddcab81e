//! The statements `--preserve-data` adds, per dialect: fill a backup table, put a column's
//! values back by key, put a dropped table's rows back, drop the backup. Every identifier is
//! quoted by `render::quote`. PostgreSQL user types (enums, domains) are kept as text in the
//! backup, so the migration may drop the type, and cast back on the way in.

use super::Key;
use crate::model::{Column, QName};
use crate::render::quote;
use crate::Dialect;

/// Alias of the backup table in restore statements.
const BAK: &str = "schemashift_bak";

pub struct Sql {
    pub d: Dialect,
}

impl Sql {
    pub fn id(&self, name: &str) -> String {
        quote::ident(self.d, name)
    }

    pub fn q(&self, name: &QName) -> String {
        quote::qname(self.d, name)
    }

    /// A column read into the backup: `current` is its name now, `column` its definition, the
    /// backup stores it under `column.name`.
    pub fn backup_expr(&self, current: &str, column: &Column) -> String {
        let mut e = self.id(current);
        if self.d == Dialect::Postgres && column.data_type.user_defined {
            e.push_str("::text");
        }
        if current != column.name || e.ends_with("::text") {
            e.push_str(&format!(" AS {}", self.id(&column.name)));
        }
        e
    }

    /// A backed-up column read back, cast to its type where the backup holds it as text.
    pub fn restore_expr(&self, column: &Column) -> String {
        let e = format!("{}.{}", self.id(BAK), self.id(&column.name));
        if self.d == Dialect::Postgres && column.data_type.user_defined {
            let t = &column.data_type;
            let mut ty = t.base.split('.').map(|p| self.id(p)).collect::<Vec<_>>().join(".");
            if !t.args.is_empty() {
                ty.push_str(&format!("({})", t.args.join(",")));
            }
            for _ in 0..t.array_dims {
                ty.push_str("[]");
            }
            return format!("{e}::{ty}");
        }
        e
    }

    /// `CREATE TABLE backup AS SELECT ... FROM source`.
    pub fn create_backup(&self, backup: &QName, source: &QName, select: &[String]) -> String {
        let list = if select.is_empty() { "*".to_string() } else { select.join(", ") };
        format!("CREATE TABLE {} AS SELECT {list} FROM {}", self.q(backup), self.q(source))
    }

    pub fn drop_backup(&self, backup: &QName) -> String {
        format!("DROP TABLE {}", self.q(backup))
    }

    /// The rows of `target` (written as `target_ref`) and of the backup that are the same row.
    pub fn key_match(&self, target_ref: &str, key: &Key) -> String {
        let op = match (key.primary, self.d) {
            (true, _) => "=",
            (false, Dialect::Postgres) => "IS NOT DISTINCT FROM",
            (false, Dialect::Mysql) => "<=>",
            (false, Dialect::Sqlite) => "IS",
        };
        key.columns
            .iter()
            .map(|k| format!("{target_ref}.{} {op} {}.{}", self.id(k), self.id(BAK), self.id(k)))
            .collect::<Vec<_>>()
            .join(" AND ")
    }

    /// Put the values of `columns` back into `table` from `backup`, row by row on `key`.
    /// `untouched`: MySQL columns with `ON UPDATE` that must keep their value.
    pub fn restore_columns(&self, table: &QName, backup: &QName, columns: &[&Column], key: &Key, untouched: &[String]) -> String {
        let (t, b, bak) = (self.q(table), self.q(backup), self.id(BAK));
        match self.d {
            Dialect::Postgres => {
                let tgt = self.id("schemashift_tgt");
                let set: Vec<String> = columns.iter().map(|c| format!("{} = {}", self.id(&c.name), self.restore_expr(c))).collect();
                format!("UPDATE {t} AS {tgt} SET {} FROM {b} AS {bak} WHERE {}", set.join(", "), self.key_match(&tgt, key))
            }
            Dialect::Mysql => {
                let tgt = self.id("schemashift_tgt");
                let mut set: Vec<String> =
                    columns.iter().map(|c| format!("{tgt}.{} = {}", self.id(&c.name), self.restore_expr(c))).collect();
                set.extend(untouched.iter().map(|u| format!("{tgt}.{0} = {tgt}.{0}", self.id(u))));
                format!("UPDATE {t} AS {tgt} JOIN {b} AS {bak} ON {} SET {}", self.key_match(&tgt, key), set.join(", "))
            }
            Dialect::Sqlite => {
                let m = self.key_match(&t, key);
                let set: Vec<String> = columns
                    .iter()
                    .map(|c| format!("{} = (SELECT {} FROM {b} AS {bak} WHERE {m})", self.id(&c.name), self.restore_expr(c)))
                    .collect();
                format!("UPDATE {t} SET {} WHERE EXISTS (SELECT 1 FROM {b} AS {bak} WHERE {m})", set.join(", "))
            }
        }
    }

    /// The value of `column` for the row of `live` being copied, read from the backup (SQLite
    /// rebuild: a select-list expression of `INSERT INTO new SELECT ... FROM live`).
    pub fn lookup_expr(&self, live: &QName, backup: &QName, column: &Column, key: &Key, live_names: &[String]) -> String {
        let l = self.q(live);
        let m: Vec<String> =
            key.columns.iter().zip(live_names).map(|(k, lk)| format!("{l}.{} IS {}.{}", self.id(lk), self.id(BAK), self.id(k))).collect();
        format!("(SELECT {} FROM {} AS {} WHERE {} LIMIT 1)", self.restore_expr(column), self.q(backup), self.id(BAK), m.join(" AND "))
    }

    /// Put the rows of a dropped table back from its backup.
    pub fn insert_back(&self, table: &QName, backup: &QName, columns: &[&Column]) -> String {
        let names: Vec<String> = columns.iter().map(|c| self.id(&c.name)).collect();
        let values: Vec<String> = columns.iter().map(|c| self.restore_expr(c)).collect();
        let always = columns.iter().any(|c| matches!(c.identity.as_ref().map(|i| i.kind), Some(crate::model::IdentityKind::Always)));
        let overriding = if self.d == Dialect::Postgres && always { " OVERRIDING SYSTEM VALUE" } else { "" };
        format!(
            "INSERT INTO {} ({}){overriding} SELECT {} FROM {} AS {}",
            self.q(table),
            names.join(", "),
            values.join(", "),
            self.q(backup),
            self.id(BAK)
        )
    }

    /// PostgreSQL: move the sequence of a serial or identity column past the restored rows. A
    /// `nextval('seq'::regclass)` default names its sequence (which is not yet `OWNED BY` the
    /// column when the table is re-created); an identity column's is found by the column.
    pub fn reset_sequence(&self, table: &QName, column: &Column) -> Option<String> {
        if self.d != Dialect::Postgres {
            return None;
        }
        let (t, c) = (self.q(table), self.id(&column.name));
        let seq = match column.default.as_deref().and_then(nextval_literal) {
            Some(lit) => format!("{lit}::regclass"),
            None if column.identity.is_some() || column.serial => {
                format!("pg_get_serial_sequence({}, {})", quote::literal(self.d, &t), quote::literal(self.d, &column.name))
            }
            None => return None,
        };
        Some(format!("SELECT setval({seq}, MAX({c})) FROM {t} HAVING MAX({c}) IS NOT NULL"))
    }
}

/// The sequence literal of a `nextval('name'::regclass)` default, quotes included.
fn nextval_literal(default: &str) -> Option<&str> {
    let at = default.find("nextval('")? + "nextval(".len();
    let rest = crate::text::from(default, at);
    let bytes = rest.as_bytes();
    let mut i = 1;
    while i < bytes.len() {
        if bytes[i] == b'\'' {
            if bytes.get(i + 1) == Some(&b'\'') {
                i += 2;
                continue;
            }
            return rest.get(..=i);
        }
        i += 1;
    }
    None
}

#[cfg(test)]
mod tests {
    #[test]
    fn finds_the_sequence_of_a_nextval_default() {
        assert_eq!(super::nextval_literal("nextval('gone_id_seq'::regclass)"), Some("'gone_id_seq'"));
        assert_eq!(super::nextval_literal("nextval('\"A\"''b'::regclass)"), Some("'\"A\"''b'"));
        assert_eq!(super::nextval_literal("42"), None);
    }
}

//! The MariaDB catalog snapshot: `SHOW CREATE TABLE` cut into one object per column, index
//! and constraint (so their order in the statement does not matter, except the order of the
//! columns, which MariaDB can set and is compared), plus views, triggers, routines and
//! sequences from `information_schema`. The database's own name is removed from every
//! description, so two databases with different names compare by content alone.

use crate::catalog::Catalog;

/// Split one `SHOW CREATE TABLE` statement into catalog objects under table `t`.
pub fn add_create_table(cat: &mut Catalog, table: &str, create: &str) {
    let mut columns: Vec<String> = Vec::new();
    let mut options: Vec<String> = Vec::new();
    // 0: before the column list, 1: in it, 2: table options and partitioning after it.
    let mut state = 0;
    for line in create.lines() {
        let trimmed = line.trim();
        if state == 0 {
            if trimmed.starts_with("CREATE ") {
                state = 1;
            }
            continue;
        }
        if state == 2 {
            options.push(trimmed.to_string());
            continue;
        }
        if trimmed.starts_with(')') && !line.starts_with("  ") {
            state = 2;
            options.push(strip_auto_increment(trimmed.trim_start_matches(')').trim()));
            continue;
        }
        let item = trimmed.trim_end_matches(',');
        if let Some(name) = item.strip_prefix('`').and_then(backtick_name) {
            columns.push(name.clone());
            cat.add(format!("column {table}.{name}"), item.to_string());
        } else if item.starts_with("PRIMARY KEY") {
            cat.add(format!("primary key {table}"), item.to_string());
        } else if let Some(rest) = item.strip_prefix("CONSTRAINT `") {
            let name = backtick_name(rest).unwrap_or_default();
            cat.add(format!("constraint {table}.{name}"), item.to_string());
        } else if let Some(pos) = item.find("KEY `") {
            let name = backtick_name(&item[pos + 5..]).unwrap_or_default();
            cat.add(format!("index {table}.{name}"), item.to_string());
        } else {
            cat.add(format!("table item {table}.{item}"), item.to_string());
        }
    }
    cat.add(format!("table {table}"), options.join(" "));
    cat.add(format!("column order {table}"), columns.join(", "));
}

/// `name` from "name` ..." (the text after an opening backtick), with doubled backticks undone.
fn backtick_name(rest: &str) -> Option<String> {
    let mut out = String::new();
    let mut chars = rest.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '`' {
            if chars.peek() == Some(&'`') {
                chars.next();
                out.push('`');
            } else {
                return Some(out);
            }
        } else {
            out.push(c);
        }
    }
    None
}

/// Remove the ` AUTO_INCREMENT=n` table option: a counter, not a schema property.
fn strip_auto_increment(options: &str) -> String {
    options.split(' ').filter(|w| !w.starts_with("AUTO_INCREMENT=")).collect::<Vec<_>>().join(" ")
}

/// Base tables and sequences: `name, type`.
pub fn tables_query(db: &str) -> String {
    format!("SELECT TABLE_NAME, TABLE_TYPE FROM information_schema.TABLES WHERE TABLE_SCHEMA = {} ORDER BY TABLE_NAME", literal(db))
}

/// `(key, description)` queries over information_schema.
pub fn queries(db: &str) -> Vec<String> {
    let db = literal(db);
    vec![
        format!(
            "SELECT CONCAT('view ', TABLE_NAME), CONCAT('algorithm=', ALGORITHM, ' security=', SECURITY_TYPE, \
             ' check=', CHECK_OPTION, ' as ', VIEW_DEFINITION) FROM information_schema.VIEWS WHERE TABLE_SCHEMA = {db}"
        ),
        format!(
            "SELECT CONCAT('view column ', c.TABLE_NAME, '.', c.COLUMN_NAME), CONCAT(c.ORDINAL_POSITION, ' ', c.COLUMN_TYPE) \
             FROM information_schema.COLUMNS c JOIN information_schema.VIEWS v ON v.TABLE_SCHEMA = c.TABLE_SCHEMA AND v.TABLE_NAME = c.TABLE_NAME \
             WHERE c.TABLE_SCHEMA = {db}"
        ),
        format!(
            "SELECT CONCAT('trigger ', TRIGGER_NAME), CONCAT(ACTION_TIMING, ' ', EVENT_MANIPULATION, ' ON ', EVENT_OBJECT_TABLE, \
             ' order=', ACTION_ORDER, ' ', ACTION_STATEMENT) FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = {db}"
        ),
        format!(
            "SELECT CONCAT(LOWER(r.ROUTINE_TYPE), ' ', r.ROUTINE_NAME), CONCAT('(', COALESCE((SELECT GROUP_CONCAT(CONCAT_WS(' ', p.PARAMETER_MODE, \
             p.PARAMETER_NAME, p.DTD_IDENTIFIER) ORDER BY p.ORDINAL_POSITION SEPARATOR ', ') FROM information_schema.PARAMETERS p \
             WHERE p.SPECIFIC_SCHEMA = r.ROUTINE_SCHEMA AND p.SPECIFIC_NAME = r.SPECIFIC_NAME AND p.ORDINAL_POSITION > 0), ''), ')', \
             COALESCE(CONCAT(' returns ', r.DTD_IDENTIFIER), ''), ' deterministic=', r.IS_DETERMINISTIC, ' access=', r.SQL_DATA_ACCESS, \
             ' security=', r.SECURITY_TYPE, ' comment=', QUOTE(r.ROUTINE_COMMENT), ' body=', r.ROUTINE_DEFINITION) \
             FROM information_schema.ROUTINES r WHERE r.ROUTINE_SCHEMA = {db}"
        ),
        // An EVERY event's STARTS is the stated time, or the time it was created (within a day
        // of now: `at creation`, which a migration's ALTER EVENT without STARTS also gives).
        format!(
            "SELECT CONCAT('event ', EVENT_NAME), CONCAT(EVENT_TYPE, ' ', COALESCE(EXECUTE_AT, ''), ' every ', COALESCE(INTERVAL_VALUE, ''), \
             ' ', COALESCE(INTERVAL_FIELD, ''), ' status=', STATUS, ' on_completion=', ON_COMPLETION, \
             ' starts=', COALESCE(IF(ABS(TIMESTAMPDIFF(MINUTE, STARTS, NOW())) < 1440, 'at creation', STARTS), ''), \
             ' ends=', COALESCE(ENDS, ''), \
             ' comment=', QUOTE(EVENT_COMMENT), ' ', EVENT_DEFINITION) FROM information_schema.EVENTS WHERE EVENT_SCHEMA = {db}"
        ),
    ]
}

/// Columns of base tables: `table, column, column type, nullable, default, extra`.
pub fn columns_query(db: &str) -> String {
    format!(
        "SELECT c.TABLE_NAME, c.COLUMN_NAME, c.COLUMN_TYPE, c.IS_NULLABLE, c.COLUMN_DEFAULT, c.EXTRA, \
         c.GENERATION_EXPRESSION \
         FROM information_schema.COLUMNS c JOIN information_schema.TABLES t ON t.TABLE_SCHEMA = c.TABLE_SCHEMA \
         AND t.TABLE_NAME = c.TABLE_NAME WHERE c.TABLE_SCHEMA = {} AND t.TABLE_TYPE = 'BASE TABLE' \
         ORDER BY c.TABLE_NAME, c.ORDINAL_POSITION",
        literal(db)
    )
}

/// Foreign-key edges: `child table, parent table` (same database, not self).
pub fn parents_query(db: &str) -> String {
    format!(
        "SELECT DISTINCT TABLE_NAME, REFERENCED_TABLE_NAME FROM information_schema.REFERENTIAL_CONSTRAINTS \
         WHERE CONSTRAINT_SCHEMA = {0} AND UNIQUE_CONSTRAINT_SCHEMA = {0} AND TABLE_NAME <> REFERENCED_TABLE_NAME",
        literal(db)
    )
}

/// A string literal for MariaDB.
pub fn literal(s: &str) -> String {
    format!("'{}'", s.replace('\\', "\\\\").replace('\'', "''"))
}

/// Labels of `enum('a','b')` / `set(...)`.
pub fn enum_labels(column_type: &str) -> Vec<String> {
    let lower = column_type.to_ascii_lowercase();
    let body = match lower.strip_prefix("enum(").or_else(|| lower.strip_prefix("set(")) {
        Some(_) => &column_type[column_type.find('(').map(|p| p + 1).unwrap_or(0)..],
        None => return Vec::new(),
    };
    let mut labels = Vec::new();
    let mut chars = body.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\'' {
            continue;
        }
        let mut label = String::new();
        while let Some(c) = chars.next() {
            match c {
                '\'' if chars.peek() == Some(&'\'') => {
                    chars.next();
                    label.push('\'');
                }
                '\'' => break,
                '\\' => {
                    if let Some(n) = chars.next() {
                        label.push(n);
                    }
                }
                _ => label.push(c),
            }
        }
        labels.push(label);
    }
    labels
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn show_create_table_is_cut_into_objects() {
        let create = "CREATE TABLE `t``x` (\n  `id` int(11) NOT NULL AUTO_INCREMENT,\n  `a` varchar(10) DEFAULT 'x,y',\n  \
                      PRIMARY KEY (`id`),\n  UNIQUE KEY `a` (`a`),\n  KEY `i` (`a`(3)),\n  \
                      CONSTRAINT `c` CHECK (`id` > 0)\n) ENGINE=InnoDB AUTO_INCREMENT=5 DEFAULT CHARSET=utf8mb4";
        let mut cat = Catalog::default();
        add_create_table(&mut cat, "t`x", create);
        assert_eq!(cat.objects["column order t`x"], "id, a");
        assert_eq!(cat.objects["column t`x.a"], "`a` varchar(10) DEFAULT 'x,y'");
        assert!(cat.objects.contains_key("index t`x.a") && cat.objects.contains_key("index t`x.i"));
        assert!(cat.objects.contains_key("constraint t`x.c") && cat.objects.contains_key("primary key t`x"));
        assert_eq!(cat.objects["table t`x"], "ENGINE=InnoDB DEFAULT CHARSET=utf8mb4");
    }

    #[test]
    fn enum_labels_are_unquoted() {
        assert_eq!(enum_labels("enum('a','it''s','c,d')"), vec!["a", "it's", "c,d"]);
        assert!(enum_labels("int(11)").is_empty());
    }
}

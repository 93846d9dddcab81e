//! Pieces of SQL whose spelling the dialects share: constraint bodies, foreign key clauses,
//! index key parts, parenthesized expressions and column defaults.

use super::quote;
use crate::model::{Constraint, ConstraintKind, Deferrable, FkAction, FkMatch, IndexElem};
use crate::Dialect;

/// `"a", "b"`.
pub fn column_list(d: Dialect, cols: &[String]) -> String {
    cols.iter().map(|c| quote::ident(d, c)).collect::<Vec<_>>().join(", ")
}

/// Whether `expr` is wrapped as a whole in one pair of matching parentheses.
pub fn is_wrapped(expr: &str) -> bool {
    let t = expr.trim();
    if !(t.starts_with('(') && t.ends_with(')')) {
        return false;
    }
    let mut depth = 0i32;
    let mut quote: Option<char> = None;
    for (i, ch) in t.char_indices() {
        if let Some(q) = quote {
            if ch == q {
                quote = None;
            }
            continue;
        }
        match ch {
            '\'' | '"' | '`' => quote = Some(ch),
            '(' => depth += 1,
            ')' => {
                depth -= 1;
                if depth == 0 && i + 1 < t.len() {
                    return false;
                }
            }
            _ => {}
        }
    }
    depth == 0
}

/// `(expr)`, without doubling parentheses that already wrap the whole expression.
pub fn paren(expr: &str) -> String {
    let t = expr.trim();
    if is_wrapped(t) {
        t.to_string()
    } else {
        format!("({t})")
    }
}

/// Whether a default expression is a plain constant (number, string, NULL, boolean, or a
/// `CURRENT_*` keyword) that every dialect accepts without parentheses.
pub fn is_constant_default(expr: &str) -> bool {
    let t = expr.trim();
    let upper = t.to_ascii_uppercase();
    if matches!(upper.as_str(), "NULL" | "TRUE" | "FALSE" | "CURRENT_TIMESTAMP" | "CURRENT_DATE" | "CURRENT_TIME") {
        return true;
    }
    if t.len() >= 2 && t.starts_with('\'') && t.ends_with('\'') {
        // One string literal ('' inside is an escaped quote).
        let inner = crate::text::inner(t);
        return !inner.replace("''", "").contains('\'');
    }
    let num = t.strip_prefix(['-', '+']).unwrap_or(t);
    !num.is_empty()
        && num.chars().all(|c| c.is_ascii_digit() || c == '.' || c == 'e' || c == 'E')
        && num.chars().next().is_some_and(|c| c.is_ascii_digit() || c == '.')
}

/// A PostgreSQL default: its grammar takes only simple expressions bare (`now() AT TIME ZONE
/// 'utc'` must be parenthesized), so anything with a top-level space goes in parentheses.
pub fn pg_default(expr: &str) -> String {
    let t = expr.trim();
    if is_constant_default(t) || is_wrapped(t) || !has_top_level_space(t) {
        t.to_string()
    } else {
        format!("({t})")
    }
}

fn has_top_level_space(t: &str) -> bool {
    let mut depth = 0i32;
    let mut quote: Option<char> = None;
    for ch in t.chars() {
        if let Some(q) = quote {
            if ch == q {
                quote = None;
            }
            continue;
        }
        match ch {
            '\'' | '"' => quote = Some(ch),
            '(' | '[' => depth += 1,
            ')' | ']' => depth -= 1,
            c if c.is_whitespace() && depth == 0 => return true,
            _ => {}
        }
    }
    false
}

/// `DEFERRABLE INITIALLY ...` (PostgreSQL, SQLite); empty for the default.
pub fn deferrable(d: Deferrable) -> &'static str {
    match d {
        Deferrable::NotDeferrable => "",
        Deferrable::InitiallyImmediate => " DEFERRABLE INITIALLY IMMEDIATE",
        Deferrable::InitiallyDeferred => " DEFERRABLE INITIALLY DEFERRED",
    }
}

/// The constraint after `CONSTRAINT name`: `PRIMARY KEY (...)`, `UNIQUE (...)`,
/// `FOREIGN KEY (...) REFERENCES ...`, `CHECK (...)`, `EXCLUDE ...`.
pub fn constraint_body(d: Dialect, kind: &ConstraintKind) -> String {
    match kind {
        ConstraintKind::PrimaryKey { columns } => format!("PRIMARY KEY ({})", column_list(d, columns)),
        ConstraintKind::Unique { columns, nulls_not_distinct } => {
            let nnd = if *nulls_not_distinct && d == Dialect::Postgres { " NULLS NOT DISTINCT" } else { "" };
            format!("UNIQUE{nnd} ({})", column_list(d, columns))
        }
        ConstraintKind::ForeignKey { columns, ref_table, ref_columns, on_delete, on_update, match_type } => {
            let mut s = format!("FOREIGN KEY ({}) REFERENCES {}", column_list(d, columns), quote::qname(d, ref_table));
            if !ref_columns.is_empty() {
                s.push_str(&format!(" ({})", column_list(d, ref_columns)));
            }
            match match_type {
                FkMatch::Simple => {}
                FkMatch::Full => s.push_str(" MATCH FULL"),
                FkMatch::Partial => s.push_str(" MATCH PARTIAL"),
            }
            if *on_delete != FkAction::NoAction {
                s.push_str(&format!(" ON DELETE {}", on_delete.sql()));
            }
            if *on_update != FkAction::NoAction {
                s.push_str(&format!(" ON UPDATE {}", on_update.sql()));
            }
            s
        }
        ConstraintKind::Check { expr, no_inherit } => {
            let ni = if *no_inherit && d == Dialect::Postgres { " NO INHERIT" } else { "" };
            format!("CHECK {}{ni}", paren(expr))
        }
        ConstraintKind::Exclude { definition } => format!("EXCLUDE {}", exclude_definition(definition)),
    }
}

/// The part after `EXCLUDE`: `[USING method] (elements) [options]`. Normalized text may have
/// lost the parentheses around the element list when nothing followed it (`a WITH =`).
fn exclude_definition(def: &str) -> String {
    let t = def.trim();
    if t.to_ascii_uppercase().starts_with("USING") {
        return t.to_string();
    }
    if t.starts_with('(') {
        if let Some(end) = group_end(t) {
            let rest = crate::text::from(t, end).trim_start().to_ascii_uppercase();
            let options = ["WHERE", "WITH (", "WITH(", "INCLUDE", "USING INDEX", "DEFERRABLE", "NOT ", "INITIALLY"];
            if rest.is_empty() || options.iter().any(|o| rest.starts_with(o)) {
                return t.to_string();
            }
        }
    }
    format!("({t})")
}

/// The byte index just after the parenthesized group `t` starts with.
fn group_end(t: &str) -> Option<usize> {
    let mut depth = 0i32;
    let mut quote: Option<char> = None;
    for (i, ch) in t.char_indices() {
        if let Some(q) = quote {
            if ch == q {
                quote = None;
            }
            continue;
        }
        match ch {
            '\'' | '"' => quote = Some(ch),
            '(' => depth += 1,
            ')' => {
                depth -= 1;
                if depth == 0 {
                    return Some(i + 1);
                }
            }
            _ => {}
        }
    }
    None
}

/// `CONSTRAINT "name" <body> [DEFERRABLE ...]` as it appears in CREATE TABLE or ADD.
pub fn constraint_def(d: Dialect, c: &Constraint) -> String {
    let mut s = String::new();
    let named = !(d == Dialect::Mysql && matches!(c.kind, ConstraintKind::PrimaryKey { .. }));
    if let (Some(name), true) = (&c.name, named) {
        s.push_str(&format!("CONSTRAINT {} ", quote::ident(d, name)));
    }
    let ix = &c.index;
    match &c.kind {
        ConstraintKind::PrimaryKey { columns } if !ix.key_parts.is_empty() && d == Dialect::Mysql => {
            s.push_str(&format!("PRIMARY KEY ({})", key_parts(d, columns, &ix.key_parts)));
        }
        kind => s.push_str(&constraint_body(d, kind)),
    }
    if !ix.include.is_empty() {
        s.push_str(&format!(" INCLUDE ({})", column_list(d, &ix.include)));
    }
    if let Some(w) = &ix.with {
        s.push_str(&format!(" WITH ({w})"));
    }
    if let Some(t) = &ix.tablespace {
        s.push_str(&format!(" USING INDEX TABLESPACE {}", quote::ident(d, t)));
    }
    if c.not_enforced && d == Dialect::Mysql {
        s.push_str(" NOT ENFORCED");
    }
    if let (Some(how), Dialect::Sqlite) = (&c.on_conflict, d) {
        s.push_str(&format!(" ON CONFLICT {how}"));
    }
    if d != Dialect::Mysql {
        s.push_str(deferrable(c.deferrable));
    }
    s
}

/// A possibly schema-qualified name written as `a.b` (collations, operator classes, types):
/// each part quoted. Names carrying parameters (`gist_trgm_ops(siglen=32)`) are kept verbatim.
pub fn dotted(d: Dialect, name: &str) -> String {
    if name.contains('(') || name.contains('"') || name.contains('`') {
        return name.to_string();
    }
    name.split('.').map(|p| quote::ident(d, p)).collect::<Vec<_>>().join(".")
}

/// A MySQL primary key's columns with their prefix lengths and directions (`name`(7) DESC).
fn key_parts(d: Dialect, columns: &[String], parts: &[crate::model::KeyPart]) -> String {
    let part = |(i, c): (usize, &String)| {
        let p = parts.get(i).copied().unwrap_or_default();
        let mut e = IndexElem::column(c.clone());
        (e.prefix_len, e.desc) = (p.prefix_len, p.desc);
        index_elem(d, &e)
    };
    columns.iter().enumerate().map(part).collect::<Vec<_>>().join(", ")
}

/// One index key part.
pub fn index_elem(d: Dialect, e: &IndexElem) -> String {
    let mut s = if e.is_expr {
        match d {
            // MySQL functional key parts need their own parentheses.
            Dialect::Mysql => format!("({})", e.expr.trim()),
            // SQLite stores the statement as sent: the expression as written, without the
            // parentheses PostgreSQL needs (`ON t (lower(email))`).
            Dialect::Sqlite => e.expr.trim().to_string(),
            Dialect::Postgres => paren(&e.expr),
        }
    } else {
        quote::ident(d, &e.expr)
    };
    if let Some(n) = e.prefix_len {
        if d == Dialect::Mysql {
            s.push_str(&format!("({n})"));
        }
    }
    if let Some(c) = &e.collation {
        if d != Dialect::Mysql {
            s.push_str(&format!(" COLLATE {}", dotted(d, c)));
        }
    }
    if let Some(o) = &e.opclass {
        if d == Dialect::Postgres {
            s.push_str(&format!(" {}", dotted(d, o)));
        }
    }
    if e.desc {
        s.push_str(" DESC");
    }
    if d == Dialect::Postgres {
        match e.nulls_first {
            Some(true) => s.push_str(" NULLS FIRST"),
            Some(false) => s.push_str(" NULLS LAST"),
            None => {}
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parentheses_are_not_doubled() {
        assert_eq!(paren("a > 0"), "(a > 0)");
        assert_eq!(paren("(a > 0)"), "(a > 0)");
        assert_eq!(paren("(a) + (b)"), "((a) + (b))");
        assert_eq!(paren("(')')"), "(')')");
    }

    #[test]
    fn exclusion_element_lists_keep_their_parentheses() {
        assert_eq!(exclude_definition("name WITH ="), "(name WITH =)");
        assert_eq!(exclude_definition("(lower(a)) WITH =, b WITH &&"), "((lower(a)) WITH =, b WITH &&)");
        assert_eq!(exclude_definition("(a WITH =) WHERE (a > 0)"), "(a WITH =) WHERE (a > 0)");
        assert_eq!(exclude_definition("USING gist (c WITH &&)"), "USING gist (c WITH &&)");
    }

    #[test]
    fn postgres_defaults_with_operators_are_parenthesized() {
        assert_eq!(pg_default("now() AT TIME ZONE 'utc'"), "(now() AT TIME ZONE 'utc')");
        assert_eq!(pg_default("nextval('s'::regclass)"), "nextval('s'::regclass)");
        assert_eq!(pg_default("'a b'"), "'a b'");
        assert_eq!(pg_default("CURRENT_TIMESTAMP"), "CURRENT_TIMESTAMP");
    }

    #[test]
    fn constant_defaults() {
        for c in ["0", "-1.5", "'x'", "'it''s'", "NULL", "current_timestamp", "TRUE"] {
            assert!(is_constant_default(c), "{c}");
        }
        for e in ["now()", "'a' || 'b'", "1 + 2", "nextval('s'::regclass)", "'a'::text"] {
            assert!(!is_constant_default(e), "{e}");
        }
    }
}

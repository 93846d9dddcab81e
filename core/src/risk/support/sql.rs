//! Looking at a step's rendered statements, and writing the SQL of safe alternatives.

use crate::model::{DataType, QName};
use crate::plan::Step;
use crate::render::quote;
use crate::Dialect;

/// Whether any statement of the step contains `needle` (ASCII case-insensitive), ignoring the
/// contents of string literals and comments is not attempted: needles are keywords.
pub fn mentions(step: &Step, needle: &str) -> bool {
    let needle = needle.to_ascii_uppercase();
    step.statements.iter().any(|s| s.to_ascii_uppercase().contains(&needle))
}

/// Quoted identifier.
pub fn id(d: Dialect, name: &str) -> String {
    quote::ident(d, name)
}

/// Quoted, possibly qualified, name.
pub fn qn(d: Dialect, name: &QName) -> String {
    quote::qname(d, name)
}

/// A data type as SQL: built-ins in their canonical spelling, user types quoted.
pub fn ty(d: Dialect, t: &DataType) -> String {
    if !t.user_defined {
        return t.to_string();
    }
    let mut out = t.base.split('.').map(|p| quote::ident(d, p)).collect::<Vec<_>>().join(".");
    for _ in 0..t.array_dims {
        out.push_str("[]");
    }
    out
}

/// A constraint or index name derived from a table and a suffix, cut to the engine's
/// identifier limit (63 bytes in PostgreSQL, 64 characters in MySQL).
pub fn derived_name(table: &QName, suffix: &str) -> String {
    let mut base = format!("{}_{}", table.name, suffix);
    while base.len() > 63 {
        base.remove(0);
    }
    base
}

/// `SET lock_timeout` / `lock_wait_timeout` prologue for the target dialect.
pub fn lock_timeout(d: Dialect) -> Option<String> {
    match d {
        Dialect::Postgres => Some("SET lock_timeout = '5s'".to_string()),
        Dialect::Mysql => Some("SET SESSION lock_wait_timeout = 5".to_string()),
        Dialect::Sqlite => None,
    }
}

/// Whether an expression mentions `name` as a whole word (case-insensitive, quotes ignored).
pub fn mentions_word(expr: &str, name: &str) -> bool {
    let lower = expr.to_lowercase().replace(['"', '`'], "");
    let name = name.to_lowercase();
    if name.is_empty() {
        return false;
    }
    let is_word = |c: char| c.is_alphanumeric() || c == '_';
    let mut start = 0;
    while let Some(pos) = crate::text::from(&lower, start).find(&name) {
        let i = start + pos;
        let j = i + name.len();
        let before_ok = crate::text::upto(&lower, i).chars().next_back().is_none_or(|c| !is_word(c));
        let after_ok = crate::text::from(&lower, j).chars().next().is_none_or(|c| !is_word(c));
        if before_ok && after_ok {
            return true;
        }
        start = j;
    }
    false
}

/// Whether a statement (after its leading `--` comment lines) is DDL: `ALTER`, `CREATE`, `DROP`
/// or `RENAME` (not a session `SET`, not DML).
pub fn is_ddl(statement: &str) -> bool {
    let body: String =
        statement.lines().skip_while(|l| l.trim_start().starts_with("--") || l.trim().is_empty()).collect::<Vec<_>>().join("\n");
    let u = body.trim_start().to_ascii_uppercase();
    ["ALTER ", "CREATE ", "DROP ", "RENAME "].iter().any(|k| u.starts_with(k))
}

/// What a drop does to the application: the running version breaks, unless the step waits for
/// the deploy (the zero-downtime contract phase).
pub fn app_break(step: &crate::plan::Step) -> &'static str {
    if step.phase == crate::plan::Phase::Contract {
        "it runs in the contract phase, once the new application version (which must no longer use it) is deployed everywhere."
    } else {
        "the running application fails on any query that still uses it."
    }
}

/// The lock a brief catalog-only DDL statement takes in each dialect.
pub fn brief_ddl_lock(d: Dialect) -> &'static str {
    match d {
        Dialect::Postgres => "ACCESS EXCLUSIVE",
        Dialect::Mysql => "exclusive metadata lock",
        Dialect::Sqlite => "database write lock",
    }
}

/// The step only validates a constraint added earlier `NOT VALID` (no `ADD CONSTRAINT`).
pub fn validate_only(step: &Step) -> bool {
    mentions(step, "VALIDATE CONSTRAINT") && !mentions(step, "ADD CONSTRAINT")
}

/// Whether the rendered statements really contain the form a rule is about. With no
/// statements (rules looked at in isolation), the change alone decides.
pub fn renders(step: &Step, all_of: &[&str]) -> bool {
    step.statements.is_empty()
        || step.statements.iter().any(|s| {
            let u = s.to_ascii_uppercase();
            all_of.iter().all(|n| u.contains(&n.to_ascii_uppercase()))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_word_mentions() {
        assert!(mentions_word("(\"price\" >= 0)", "price"));
        assert!(!mentions_word("unit_price >= 0", "price"));
        assert!(mentions_word("a IS NOT NULL", "A"));
    }
}

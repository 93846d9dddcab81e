//! The SQLite catalog snapshot: `pragma table_list`, `table_xinfo`, `index_list`/`index_xinfo`
//! and `foreign_key_list`, plus what only the stored SQL text tells (CHECK constraints, column
//! collations, generated expressions, partial-index and view and trigger text), compared in a
//! normalized token form: comments dropped, identifiers unquoted and lower-cased (SQLite
//! compares ASCII identifiers case-insensitively), whitespace collapsed, string literals kept.
//! The MariaDB snapshot uses the same normal form for the bodies MariaDB stores as written.

/// A token of SQLite SQL, normalized.
fn tokens(sql: &str) -> Vec<String> {
    let chars: Vec<char> = sql.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() {
            i += 1;
        } else if c == '-' && chars.get(i + 1) == Some(&'-') {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && chars.get(i + 1) == Some(&'*') {
            i += 2;
            while i < chars.len() && !(chars[i] == '*' && chars.get(i + 1) == Some(&'/')) {
                i += 1;
            }
            i += 2;
        } else if c == '\'' {
            let start = i;
            i += 1;
            while i < chars.len() {
                if chars[i] == '\'' {
                    if chars.get(i + 1) == Some(&'\'') {
                        i += 2;
                        continue;
                    }
                    break;
                }
                i += 1;
            }
            i += 1;
            out.push(chars[start..i.min(chars.len())].iter().collect());
        } else if c == '"' || c == '`' || c == '[' {
            let close = if c == '[' { ']' } else { c };
            let mut name = String::new();
            i += 1;
            while i < chars.len() {
                if chars[i] == close {
                    if close != ']' && chars.get(i + 1) == Some(&close) {
                        name.push(close);
                        i += 2;
                        continue;
                    }
                    break;
                }
                name.push(chars[i]);
                i += 1;
            }
            i += 1;
            out.push(ident(&name));
        } else if c.is_alphanumeric() || c == '_' || c == '$' {
            let start = i;
            while i < chars.len()
                && (chars[i].is_alphanumeric() || chars[i] == '_' || chars[i] == '$' || chars[i] == '.' && chars[start].is_ascii_digit())
            {
                i += 1;
            }
            let word: String = chars[start..i].iter().collect();
            out.push(if word.chars().next().is_some_and(|c| c.is_ascii_digit()) { word } else { ident(&word) });
        } else {
            // Two-character operators stay together.
            let two: String = chars[i..(i + 2).min(chars.len())].iter().collect();
            if ["<=", ">=", "<>", "!=", "==", "||", "<<", ">>"].contains(&two.as_str()) {
                out.push(two);
                i += 2;
            } else {
                out.push(c.to_string());
                i += 1;
            }
        }
    }
    out
}

/// An identifier as a token: lower-cased, bare when it is a plain word, else double-quoted.
fn ident(name: &str) -> String {
    let lower = name.to_ascii_lowercase();
    let plain = !lower.is_empty()
        && lower.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        && !lower.starts_with(|c: char| c.is_ascii_digit());
    if plain {
        lower
    } else {
        format!("\"{}\"", lower.replace('"', "\"\""))
    }
}

/// A statement or expression in normalized form; `IF NOT EXISTS` after CREATE is dropped, and
/// `!=` is `<>` (two spellings of one operator; bodies kept as written may use either).
pub fn normalize(sql: &str) -> String {
    let mut t = tokens(sql);
    for w in t.iter_mut().filter(|w| *w == "!=") {
        *w = "<>".to_string();
    }
    if t.first().is_some_and(|w| w == "create") {
        if let Some(p) = t.windows(3).position(|w| w == ["if", "not", "exists"]) {
            if p < 6 {
                t.drain(p..p + 3);
            }
        }
    }
    while t.last().is_some_and(|w| w == ";") {
        t.pop();
    }
    t.join(" ")
}

/// What the text of a CREATE TABLE says beyond the pragmas.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct TableText {
    /// `[constraint name] check (expr)`, normalized, sorted.
    pub checks: Vec<String>,
    /// Column (normalized name) → `collate x`, `generated as (expr) stored`, `autoincrement`.
    pub column_extras: Vec<(String, String)>,
    /// `ON CONFLICT` clauses: `<column or constraint head> <primary|unique|null> on conflict <how>`,
    /// sorted (not in the pragmas).
    pub conflicts: Vec<String>,
}

/// Read the CHECK constraints and column extras from a CREATE TABLE statement.
pub fn table_text(sql: &str) -> TableText {
    let t = tokens(sql);
    let mut out = TableText::default();
    let Some(open) = t.iter().position(|w| w == "(") else { return out };
    // Items of the column list, split at top-level commas.
    let mut items: Vec<Vec<String>> = vec![Vec::new()];
    let mut depth = 0;
    for w in &t[open + 1..] {
        match w.as_str() {
            "(" => depth += 1,
            ")" if depth == 0 => break,
            ")" => depth -= 1,
            "," if depth == 0 => {
                items.push(Vec::new());
                continue;
            }
            _ => {}
        }
        if let Some(last) = items.last_mut() {
            last.push(w.clone());
        }
    }
    for item in items.iter().filter(|i| !i.is_empty()) {
        let is_constraint = matches!(item[0].as_str(), "constraint" | "primary" | "unique" | "check" | "foreign");
        let mut extras = Vec::new();
        let mut name: Option<String> = None;
        let mut k = if is_constraint { 0 } else { 1 };
        while k < item.len() {
            if item[k] == "on" && item.get(k + 1).map(String::as_str) == Some("conflict") {
                let kind = item[..k]
                    .iter()
                    .rev()
                    .find(|w| matches!(w.as_str(), "primary" | "unique" | "null" | "check"))
                    .cloned()
                    .unwrap_or_default();
                // The columns: a column's own clause and the table-level one mean the same.
                let head = if is_constraint {
                    let open = item.iter().position(|w| w == "(").unwrap_or(k);
                    let close = item.iter().position(|w| w == ")").unwrap_or(k);
                    item.get(open + 1..close).map(|c| c.join(" ")).unwrap_or_default()
                } else {
                    item[0].clone()
                };
                out.conflicts.push(format!("{head} {kind} on conflict {}", item.get(k + 2).cloned().unwrap_or_default()));
                k += 3;
                continue;
            }
            match item[k].as_str() {
                "constraint" if k + 1 < item.len() => {
                    name = Some(item[k + 1].clone());
                    k += 2;
                    continue;
                }
                "check" => {
                    let (expr, end) = parenthesized(item, k + 1);
                    let label = name.take().map(|n| format!("constraint {n} ")).unwrap_or_default();
                    out.checks.push(format!("{label}check ({expr})"));
                    k = end;
                    continue;
                }
                "collate" if k + 1 < item.len() && !is_constraint => {
                    extras.push(format!("collate {}", item[k + 1]));
                    k += 2;
                    continue;
                }
                "as" if !is_constraint => {
                    let (expr, end) = parenthesized(item, k + 1);
                    let kind = match item.get(end).map(String::as_str) {
                        Some("stored") => "stored",
                        _ => "virtual",
                    };
                    extras.push(format!("generated as ({expr}) {kind}"));
                    k = end;
                    continue;
                }
                "autoincrement" => extras.push("autoincrement".to_string()),
                "primary" | "unique" | "not" | "null" | "default" | "references" | "foreign" => {
                    name = None;
                }
                _ => {}
            }
            k += 1;
        }
        if !is_constraint && !extras.is_empty() {
            out.column_extras.push((item[0].clone(), extras.join(" ")));
        }
    }
    out.checks.sort();
    out.conflicts.sort();
    out
}

/// The tokens inside the parentheses that open at `start`, and the index after the close.
fn parenthesized(t: &[String], start: usize) -> (String, usize) {
    if t.get(start).map(String::as_str) != Some("(") {
        return (String::new(), start);
    }
    let mut depth = 0;
    for (k, w) in t.iter().enumerate().skip(start) {
        match w.as_str() {
            "(" => depth += 1,
            ")" => {
                depth -= 1;
                if depth == 0 {
                    return (t[start + 1..k].join(" "), k + 1);
                }
            }
            _ => {}
        }
    }
    (t[start + 1..].join(" "), t.len())
}

/// The normalized WHERE clause of a partial index, or "".
pub fn index_where(sql: &str) -> String {
    let t = tokens(sql);
    match t.iter().position(|w| w == "where") {
        Some(p) => t[p + 1..].iter().filter(|w| *w != ";").cloned().collect::<Vec<_>>().join(" "),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalization_ignores_quoting_case_and_spacing() {
        assert_eq!(
            normalize("CREATE VIEW IF NOT EXISTS \"V\" AS  SELECT [a], `B` FROM t -- x\n WHERE a='It''s';"),
            normalize("create view v as select a,b from \"T\" where a = 'It''s'")
        );
        assert_ne!(normalize("select 'A'"), normalize("select 'a'"));
        assert_eq!(normalize("if a != b then"), normalize("IF a <> b THEN"));
        assert_ne!(normalize("select '!='"), normalize("select '<>'"));
    }

    #[test]
    fn checks_collations_and_generated_columns_are_read() {
        let t = table_text(
            "CREATE TABLE t (a INTEGER PRIMARY KEY AUTOINCREMENT, b TEXT COLLATE NOCASE CHECK (b <> ''), \
             c INT GENERATED ALWAYS AS (a * 2) STORED, CONSTRAINT pos CHECK (a > 0))",
        );
        assert_eq!(t.checks, vec!["check (b <> '')", "constraint pos check (a > 0)"]);
        assert_eq!(
            t.column_extras,
            vec![
                ("a".to_string(), "autoincrement".to_string()),
                ("b".to_string(), "collate nocase".to_string()),
                ("c".to_string(), "generated as (a * 2) stored".to_string())
            ]
        );
        assert_eq!(index_where("CREATE INDEX i ON t(a) WHERE a > 1"), "a > 1");
    }
}

//! Is a PostgreSQL default expression volatile? A volatile default is computed per row, so
//! `ADD COLUMN ... DEFAULT` rewrites the table. Function calls not known to be stable or
//! immutable count as volatile (the catalog's rule: unknown means volatile).

/// Built-in functions (and function-like keywords) that are immutable or stable.
const NON_VOLATILE: &[&str] = &[
    "now",
    "current_timestamp",
    "current_date",
    "current_time",
    "localtimestamp",
    "localtime",
    "transaction_timestamp",
    "statement_timestamp",
    "current_user",
    "session_user",
    "user",
    "current_schema",
    "current_setting",
    "lower",
    "upper",
    "coalesce",
    "nullif",
    "greatest",
    "least",
    "length",
    "char_length",
    "concat",
    "concat_ws",
    "substring",
    "substr",
    "trim",
    "btrim",
    "ltrim",
    "rtrim",
    "replace",
    "to_char",
    "to_date",
    "to_timestamp",
    "to_number",
    "date_trunc",
    "date_part",
    "extract",
    "make_date",
    "make_interval",
    "abs",
    "round",
    "floor",
    "ceil",
    "ceiling",
    "mod",
    "power",
    "md5",
    "jsonb_build_object",
    "json_build_object",
    "jsonb_build_array",
    "json_build_array",
    "array",
    "cast",
    "row",
    "timezone",
    "interval",
    "numeric",
    "varchar",
    "char",
    "bit",
    "timestamp",
    "time",
    "decimal",
    "float",
    "int",
    "integer",
    "bigint",
    "smallint",
    "text",
    "boolean",
    "bool",
    "date",
    "inet",
    "uuid",
    "jsonb",
    "json",
    "exists",
    "in",
    "any",
    "all",
    "some",
    "values",
    "and",
    "or",
    "not",
    "is",
    "between",
    "varying",
    "precision",
    "zone",
    "like",
    "ilike",
    "similar",
    "case",
    "when",
    "then",
    "else",
    "end",
    "on",
    "as",
];

/// The first function called in `expr` that is volatile or unknown, if any.
pub fn volatile_call(expr: &str) -> Option<String> {
    let chars: Vec<char> = expr.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '\'' {
            // Skip a string literal ('' escapes a quote).
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
            continue;
        }
        if c.is_alphabetic() || c == '_' || c == '"' {
            let start = i;
            while i < chars.len() && (chars[i].is_alphanumeric() || matches!(chars[i], '_' | '.' | '"')) {
                i += 1;
            }
            let word: String = chars[start..i].iter().collect::<String>().replace('"', "");
            let mut j = i;
            while j < chars.len() && chars[j].is_whitespace() {
                j += 1;
            }
            let after_cast = start >= 2 && chars[start - 1] == ':' && chars[start - 2] == ':';
            if j < chars.len() && chars[j] == '(' && !after_cast {
                let bare = word.rsplit('.').next().unwrap_or(&word).to_lowercase();
                if !NON_VOLATILE.contains(&bare.as_str()) {
                    return Some(word.to_lowercase());
                }
            }
            continue;
        }
        i += 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::volatile_call;

    #[test]
    fn finds_volatile_and_unknown_calls() {
        assert_eq!(volatile_call("gen_random_uuid()").as_deref(), Some("gen_random_uuid"));
        assert_eq!(volatile_call("nextval('s'::regclass)").as_deref(), Some("nextval"));
        assert_eq!(volatile_call("(random() * 10)::integer").as_deref(), Some("random"));
        assert_eq!(volatile_call("my_schema.f(1)").as_deref(), Some("my_schema.f"));
        assert_eq!(volatile_call("now()"), None);
        assert_eq!(volatile_call("CURRENT_TIMESTAMP"), None);
        assert_eq!(volatile_call("'random()'::text"), None);
        assert_eq!(volatile_call("'x'::character varying(10)"), None);
        assert_eq!(volatile_call("0"), None);
    }
}

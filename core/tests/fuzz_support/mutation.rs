//! SQL-token-level mutations of an input: cut a text into tokens, then delete, duplicate,
//! splice from another text, insert a keyword or odd characters (non-ASCII letters, combining
//! marks, RTL marks, emoji, NUL, U+FFFD, CR, tabs, BOM), very long identifiers, swap, truncate,
//! change case, or replace a literal. Used by `fuzz_mutate.rs` and `session.rs`.

use super::rng::Rng;

/// Cut `text` into tokens: whitespace runs, words (letters of any script, digits, `_`, `$`),
/// quoted pieces, comments, and single other characters. Concatenated they give `text` back.
pub fn tokens(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let start = i;
        i += 1;
        if c.is_whitespace() {
            while i < chars.len() && chars[i].is_whitespace() {
                i += 1;
            }
        } else if c.is_alphanumeric() || c == '_' || c == '$' {
            while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_' || chars[i] == '$') {
                i += 1;
            }
        } else if c == '\'' || c == '"' || c == '`' {
            while i < chars.len() && chars[i] != c {
                i += 1;
            }
            i = (i + 1).min(chars.len());
        } else if c == '-' && chars.get(i) == Some(&'-') {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && chars.get(i) == Some(&'*') {
            while i + 1 < chars.len() && !(chars[i] == '*' && chars[i + 1] == '/') {
                i += 1;
            }
            i = (i + 2).min(chars.len());
        }
        out.push(chars[start..i].iter().collect());
    }
    out
}

pub const KEYWORDS: &[&str] = &[
    "CREATE",
    "TABLE",
    "ALTER",
    "DROP",
    "INDEX",
    "UNIQUE",
    "ON",
    "ADD",
    "COLUMN",
    "CONSTRAINT",
    "PRIMARY KEY",
    "FOREIGN KEY",
    "REFERENCES",
    "CHECK",
    "DEFAULT",
    "NOT NULL",
    "NULL",
    "GENERATED ALWAYS AS",
    "IDENTITY",
    "VIEW",
    "TYPE",
    "ENUM",
    "SEQUENCE",
    "FUNCTION",
    "TRIGGER",
    "PARTITION OF",
    "FOR VALUES FROM",
    "TO",
    "IN",
    "RENAME",
    "COMMENT ON",
    "IS",
    "IF EXISTS",
    "SCHEMA",
    "SET",
    "USING",
    "WHERE",
    "AS",
    "BEGIN",
    "END",
    "(",
    ")",
    ",",
    ";",
    ".",
    "::",
    "=",
    "'",
    "\"",
    "`",
    "$$",
    "--",
    "/*",
    "*/",
    "DELIMITER",
    "int",
    "text",
    "varchar(10)",
    "numeric(10,2)",
    "-- schemashift:renamed-from x\n",
    "-- schemashift:renamed-from é\n",
];

/// Characters that byte-offset code gets wrong: multi-byte letters, letters whose case
/// mapping changes length (`İ`, `ß`, `ﬃ`), combining marks, bidi controls, emoji (and a ZWJ
/// sequence), NUL, the replacement character, BOM, no-break and line separators, CR, tab.
pub const ODD: &[&str] = &[
    "é",
    "ß",
    "İ",
    "ﬃ",
    "Σ",
    "ǅ",
    "表",
    "ж",
    "e\u{301}",
    "\u{301}",
    "\u{200F}",
    "\u{202E}",
    "\u{200D}",
    "😀",
    "👨\u{200D}👩\u{200D}👧",
    "\0",
    "\u{FFFD}",
    "\u{FEFF}",
    "\u{00A0}",
    "\u{2028}",
    "\r",
    "\t",
    "\r\n",
    "\\",
];

/// A very long identifier: over every engine's limit (63 / 64 bytes), multi-byte when asked.
pub fn long_ident(rng: &mut Rng) -> String {
    let unit = *rng.pick(&["x", "é", "表", "😀", "a_"]);
    unit.repeat(20 + rng.below(200))
}

/// Words that are likely names: after TABLE, INDEX, VIEW, TYPE, CONSTRAINT, ON, REFERENCES,
/// or first after `(` or `,` (column names).
pub fn names(sides: &[Vec<String>; 2]) -> Vec<String> {
    const BEFORE: &[&str] = &[
        "table",
        "index",
        "view",
        "type",
        "constraint",
        "on",
        "references",
        "(",
        ",",
        "exists",
        "column",
        "sequence",
        "function",
        "trigger",
        "schema",
    ];
    let mut out = Vec::new();
    for toks in sides {
        let mut prev = "";
        for t in toks {
            if t.trim().is_empty() {
                continue;
            }
            if is_word(t) && BEFORE.iter().any(|b| prev.eq_ignore_ascii_case(b)) && !KEYWORDS.iter().any(|k| k.eq_ignore_ascii_case(t)) {
                out.push(t.clone());
            }
            prev = t;
        }
    }
    out.sort();
    out.dedup();
    out
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Mutation {
    Delete,
    Duplicate,
    Splice,
    Keyword,
    OddChar,
    OddWord,
    LongIdent,
    Swap,
    Truncate,
    Case,
    Literal,
    /// One word renamed on both sides (applied by `make_case`, not `mutate`).
    RenameEverywhere,
}

pub const MUTATIONS: &[Mutation] = &[
    Mutation::Delete,
    Mutation::Duplicate,
    Mutation::Splice,
    Mutation::Keyword,
    Mutation::OddChar,
    Mutation::OddWord,
    Mutation::LongIdent,
    Mutation::Swap,
    Mutation::Truncate,
    Mutation::Case,
    Mutation::Literal,
    Mutation::Literal,
];

pub fn is_word(t: &str) -> bool {
    t.chars().next().is_some_and(|c| c.is_alphanumeric() || c == '_')
}

/// Apply `m` to `toks`; `donor` is another text of the same dialect (for splices).
pub fn mutate(rng: &mut Rng, m: Mutation, toks: &mut Vec<String>, donor: &[String]) {
    let n = toks.len();
    let at = rng.below(n + 1);
    match m {
        Mutation::Delete if n > 0 => {
            let end = (at + 1 + rng.below(3)).min(n);
            toks.drain(at.min(n - 1)..end);
        }
        Mutation::Duplicate if n > 0 => {
            let start = at.min(n - 1);
            let end = (start + 1 + rng.below(8)).min(n);
            let piece: Vec<String> = toks[start..end].to_vec();
            toks.splice(end..end, piece);
        }
        Mutation::Splice if !donor.is_empty() => {
            let start = rng.below(donor.len());
            let end = (start + 1 + rng.below(12)).min(donor.len());
            toks.splice(at..at, donor[start..end].iter().cloned());
        }
        Mutation::Keyword => toks.insert(at, format!(" {} ", rng.pick(KEYWORDS))),
        Mutation::OddChar => {
            let odd = rng.pick(ODD).to_string();
            // Inside a token half the time (a word, a quoted string, a comment).
            if n > 0 && rng.chance(50) {
                let t = &mut toks[at.min(n - 1)];
                let cut = t.char_indices().map(|(i, _)| i).nth(rng.below(t.chars().count() + 1)).unwrap_or(t.len());
                t.insert_str(cut, &odd);
            } else {
                toks.insert(at, odd);
            }
        }
        Mutation::OddWord => {
            let words: Vec<usize> = (0..n).filter(|&i| is_word(&toks[i])).collect();
            if !words.is_empty() {
                let i = *rng.pick(&words);
                let odd = *rng.pick(&["é", "ß", "İ", "表", "😀", "e\u{301}", "\u{200F}", "ﬃ"]);
                toks[i] = match rng.below(3) {
                    0 => format!("{odd}{}", toks[i]),
                    1 => format!("{}{odd}", toks[i]),
                    _ => odd.repeat(1 + rng.below(4)),
                };
            }
        }
        Mutation::LongIdent => {
            let words: Vec<usize> = (0..n).filter(|&i| is_word(&toks[i])).collect();
            if !words.is_empty() {
                let i = *rng.pick(&words);
                toks[i] = long_ident(rng);
            }
        }
        Mutation::Swap if n > 1 => {
            let (a, b) = (rng.below(n), rng.below(n));
            toks.swap(a, b);
        }
        Mutation::Truncate if n > 0 => toks.truncate(at),
        Mutation::Literal => {
            // A string or number literal becomes an odd string, an odd bare word or an odd
            // number-like word (literal positions: defaults, CHECKs, partition bounds, enums).
            let lits: Vec<usize> =
                (0..n).filter(|&i| toks[i].starts_with('\'') || toks[i].starts_with(|c: char| c.is_ascii_digit())).collect();
            if !lits.is_empty() {
                let i = *rng.pick(&lits);
                let odd = *rng.pick(ODD);
                let word = *rng.pick(&["é", "ß", "İ", "表", "😀", "e\u{301}", "ﬃ", "ж"]);
                toks[i] = match rng.below(4) {
                    0 => format!("'{odd}{}'", toks[i].trim_matches('\'')),
                    1 => format!("'{}'", word.repeat(1 + rng.below(40))),
                    2 => word.to_string(),
                    _ => format!("1{word}"),
                };
            }
        }
        Mutation::RenameEverywhere => {}
        Mutation::Case if n > 0 => {
            let t = &mut toks[at.min(n - 1)];
            *t = if rng.chance(50) { t.to_uppercase() } else { t.to_lowercase() };
        }
        _ => {}
    }
}

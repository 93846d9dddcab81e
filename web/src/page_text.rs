//! Page wording for the core's messages: notes and reasons written for the CLI name its flags
//! ("pass --table-sizes to refine"); the page says where the same thing is in the page instead.
//! The one place this substitution is made (risk notes, blocked reasons, diagnostics).

/// CLI wording → page wording, longest first (a later entry never sees an earlier one's output).
const WORDING: &[(&str, &str)] = &[
    ("pass --table-sizes to refine", "give its row count under Advanced → Table sizes to refine"),
    ("`--table-sizes`", "Table sizes (Advanced)"),
    ("--table-sizes", "Table sizes (Advanced)"),
    ("`--zero-downtime`", "Zero-downtime"),
    ("--zero-downtime", "Zero-downtime"),
    ("`--preserve-data`", "Preserve data"),
    ("--preserve-data", "Preserve data"),
    ("`--target-version`", "Target version"),
    ("--target-version", "Target version"),
    ("use --owners to migrate them", "the CLI migrates them when asked to"),
    ("`--owners`", "the CLI's owners option"),
    ("--owners", "the CLI's owners option"),
    ("--rename #", "Rename hints, line "),
    ("`--rename`", "Rename hints (Advanced)"),
    ("--rename", "Rename hints (Advanced)"),
    ("`--allow-errors`", "the override"),
];

/// `text` in the page's words: parenthesized CLI alternatives ("(or `--copy '…'`)") go, since
/// the page's own answer buttons stand beside the note; known flags are named as the page's fields.
pub fn page_text(text: &str) -> String {
    let mut out = drop_cli_alternatives(text);
    for (cli, page) in WORDING {
        if out.contains(cli) {
            out = out.replace(cli, page);
        }
    }
    out
}

/// Remove each " (or `--…`)" group.
fn drop_cli_alternatives(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(" (or `--") {
        out.push_str(&rest[..at]);
        let after = &rest[at + " (or `--".len()..];
        match after.find("`)") {
            Some(end) => rest = &after[end + "`)".len()..],
            None => {
                out.push_str(&rest[at..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_cli_flag_is_left_in_a_note() {
        let note = "Row count unknown: assumed a large, busy table (pass --table-sizes to refine).";
        assert_eq!(
            page_text(note),
            "Row count unknown: assumed a large, busy table (give its row count under Advanced → Table sizes to refine)."
        );
        let pending = "Accept it with `-- schemashift:copy-from a` on the line before CREATE TABLE b (or `--copy 'b=a'`), or decline it with `-- schemashift:no-copy` there (or `--no-copy b`): b starts empty.";
        let page = page_text(pending);
        assert!(!page.contains("--copy") && !page.contains("--no-copy"), "{page}");
        assert!(page.contains("copy-from a` on the line before CREATE TABLE b, or decline"), "{page}");
        for flag in ["--zero-downtime", "--preserve-data", "--target-version", "--owners", "--rename #2 `x`"] {
            assert!(!page_text(&format!("see {flag} here")).contains("--"), "{flag}");
        }
        assert_eq!(page_text("a -- comment (or `--x"), "a -- comment (or `--x");
    }
}

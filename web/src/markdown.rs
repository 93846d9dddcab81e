//! A tiny Markdown subset to HTML, for the rule docs: ATX headings, paragraphs, fenced code
//! blocks, inline code, `-` lists, links, `---` rules and `<a id="..."></a>` anchors. Every
//! other character of the text is escaped, so the output never carries markup from the input.

/// Escape text for HTML content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// An anchor id is kept only when made of ASCII letters, digits, `-` and `_`.
fn is_id(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// A link target: `#id` becomes `#{prefix}id`; http(s) and relative paths are kept; anything
/// else (e.g. `javascript:`) is dropped.
fn href(url: &str, prefix: &str) -> Option<String> {
    if let Some(id) = url.strip_prefix('#') {
        return is_id(id).then(|| format!("#{prefix}{id}"));
    }
    let lower = url.to_ascii_lowercase();
    let safe = lower.starts_with("https://") || lower.starts_with("http://") || !lower.contains(':');
    safe.then(|| escape(url))
}

/// Inline spans: `code` and [text](url); the rest escaped.
fn inline(text: &str, prefix: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(i) = rest.find(['`', '[']) {
        out.push_str(&escape(&rest[..i]));
        let tail = &rest[i..];
        if let Some(body) = tail.strip_prefix('`') {
            if let Some(end) = body.find('`') {
                out.push_str(&format!("<code>{}</code>", escape(&body[..end])));
                rest = &body[end + 1..];
                continue;
            }
        } else if let Some((label, url, used)) = link(tail) {
            match href(url, prefix) {
                Some(h) => out.push_str(&format!("<a href=\"{h}\">{}</a>", inline(label, prefix))),
                None => out.push_str(&inline(label, prefix)),
            }
            rest = &tail[used..];
            continue;
        }
        out.push_str(&escape(&tail[..1]));
        rest = &tail[1..];
    }
    out.push_str(&escape(rest));
    out
}

/// `[label](url)` at the start of `s`: the label, the url and the bytes used.
fn link(s: &str) -> Option<(&str, &str, usize)> {
    let close = s.find("](")?;
    let label = &s[1..close];
    let after = &s[close + 2..];
    let end = after.find(')')?;
    Some((label, &after[..end], close + 2 + end + 1))
}

/// Render `markdown` to HTML; anchor ids and `#` links get `prefix` in front.
pub fn to_html(markdown: &str, prefix: &str) -> String {
    let mut out = String::new();
    let mut para: Vec<&str> = Vec::new();
    let mut in_list = false;
    let mut code: Option<String> = None;
    let flush = |out: &mut String, para: &mut Vec<&str>, in_list: &mut bool| {
        if !para.is_empty() {
            out.push_str(&format!("<p>{}</p>\n", inline(&para.join(" "), prefix)));
            para.clear();
        }
        if *in_list {
            out.push_str("</ul>\n");
            *in_list = false;
        }
    };
    for line in markdown.lines() {
        if let Some(block) = code.as_mut() {
            if line.trim_start().starts_with("```") {
                out.push_str(&format!("<pre><code>{}</code></pre>\n", escape(block)));
                code = None;
            } else {
                block.push_str(line);
                block.push('\n');
            }
            continue;
        }
        let trimmed = line.trim();
        if trimmed.starts_with("```") {
            flush(&mut out, &mut para, &mut in_list);
            code = Some(String::new());
        } else if trimmed.is_empty() {
            flush(&mut out, &mut para, &mut in_list);
        } else if trimmed == "---" {
            flush(&mut out, &mut para, &mut in_list);
            out.push_str("<hr>\n");
        } else if let Some(id) = trimmed.strip_prefix("<a id=\"").and_then(|s| s.strip_suffix("\"></a>")) {
            flush(&mut out, &mut para, &mut in_list);
            if is_id(id) {
                out.push_str(&format!("<a id=\"{prefix}{id}\"></a>\n"));
            }
        } else if let Some((level, text)) = heading(trimmed) {
            flush(&mut out, &mut para, &mut in_list);
            out.push_str(&format!("<h{level}>{}</h{level}>\n", inline(text, prefix)));
        } else if let Some(item) = trimmed.strip_prefix("- ").or_else(|| trimmed.strip_prefix("* ")) {
            if !para.is_empty() {
                flush(&mut out, &mut para, &mut in_list);
            }
            if !in_list {
                out.push_str("<ul>\n");
                in_list = true;
            }
            out.push_str(&format!("<li>{}</li>\n", inline(item, prefix)));
        } else {
            if in_list {
                out.push_str("</ul>\n");
                in_list = false;
            }
            para.push(trimmed);
        }
    }
    if let Some(block) = code {
        out.push_str(&format!("<pre><code>{}</code></pre>\n", escape(&block)));
    }
    flush(&mut out, &mut para, &mut in_list);
    out
}

/// `#`..`######` followed by a space: the level and the text.
fn heading(line: &str) -> Option<(usize, &str)> {
    let level = line.bytes().take_while(|&b| b == b'#').count();
    if !(1..=6).contains(&level) {
        return None;
    }
    line[level..].strip_prefix(' ').map(|t| (level, t.trim()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_and_inlines() {
        let html = to_html("# T\n\nSome `x < y` [a](#r1) text\nmore.\n\n- one\n- `two`\n\n```sql\nSELECT '<b>';\n```\n", "p-");
        assert!(html.contains("<h1>T</h1>"), "{html}");
        assert!(html.contains("<p>Some <code>x &lt; y</code> <a href=\"#p-r1\">a</a> text more.</p>"), "{html}");
        assert!(html.contains("<ul>\n<li>one</li>\n<li><code>two</code></li>\n</ul>"), "{html}");
        assert!(html.contains("<pre><code>SELECT &#39;&lt;b&gt;&#39;;\n</code></pre>"), "{html}");
    }

    #[test]
    fn markup_is_escaped_and_bad_links_dropped() {
        let html = to_html("<script>x</script> [c](javascript:alert(1))\n<a id=\"ok-1\"></a>\n", "");
        assert!(html.contains("&lt;script&gt;"), "{html}");
        assert!(!html.contains("javascript"), "{html}");
        assert!(html.contains("<a id=\"ok-1\"></a>"), "{html}");
    }

    #[test]
    fn renders_the_real_rule_docs() {
        let html = to_html(&schemashift::risk::rules::docs_markdown(), "r-");
        assert!(html.contains("<a id=\"r-pg-set-not-null\"></a>"));
        assert!(html.contains("href=\"#r-pg-set-not-null\""));
        assert!(!html.contains("<script"));
    }
}

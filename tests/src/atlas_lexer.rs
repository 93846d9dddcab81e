//! Atlas's statement scanner, after ariga/atlas `sql/migrate/lex.go` (`Scanner.stmt`), with
//! the options each driver's `ScanStmts` sets: PostgreSQL `MatchBegin`, `MatchBeginAtomic`,
//! `MatchDollarQuote`, `EscapedStringExt` (`sql/postgres/driver.go`); SQLite the first three
//! (`sql/sqlite/driver.go`); MySQL/MariaDB `MatchBegin` only (`sql/mysql/driver.go`).
//!
//! What it does, in the order lex.go checks it at each character: parentheses nest (a `;`
//! inside them does not end a statement); `'`, `"` and `` ` `` quotes are skipped to the next
//! same quote (lex.go's `E'...'` check looks at the quote itself, so no backslash escapes);
//! `DELIMITER x` at a statement's start sets the delimiter (as the mysql client); the
//! delimiter ends a statement; dollar quotes; `--` and `/* */` comments (leading ones are cut
//! from the statement); `BEGIN ATOMIC ... END` and, preceded by white space, `BEGIN␠...`
//! scanned as inner statements up to one that is `END` or `END;` (a trigger or compound
//! body), only while the delimiter is `;`. The `-- atlas:delimiter` file directive and the
//! comment groups (directives of a statement) are not modelled: our files use neither.

use schemashift::Dialect;

#[derive(Clone, Copy)]
struct Options {
    begin: bool,
    begin_atomic: bool,
    dollar: bool,
}

fn options(d: Dialect) -> Options {
    match d {
        Dialect::Postgres | Dialect::Sqlite => Options { begin: true, begin_atomic: true, dollar: true },
        Dialect::Mysql => Options { begin: true, begin_atomic: false, dollar: false },
    }
}

/// The statements of an Atlas migration file, each as Atlas sends it (with its `;`).
pub fn statements(text: &str, d: Dialect) -> Result<Vec<String>, String> {
    let mut s = Scanner { o: options(d), input: text, pos: 0, total: 0, width: 0, delim: ";".into() };
    let mut out = Vec::new();
    while let Some(t) = s.stmt()? {
        out.push(t);
    }
    Ok(out)
}

struct Scanner<'a> {
    o: Options,
    input: &'a str,
    pos: usize,
    total: usize,
    /// The byte length of the last character read.
    width: usize,
    delim: String,
}

fn ws(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c')
}

/// `^\s*WORD` (case-insensitive) followed by `\s+` when `space_after`; the match length.
fn word_at(b: &[u8], word: &str, space_after: bool) -> Option<usize> {
    let mut i = 0;
    while i < b.len() && ws(b[i]) {
        i += 1;
    }
    if !b.get(i..i + word.len())?.eq_ignore_ascii_case(word.as_bytes()) {
        return None;
    }
    i += word.len();
    let start = i;
    while i < b.len() && ws(b[i]) {
        i += 1;
    }
    (!space_after || i > start).then_some(i)
}

/// `^\s*BEGIN\s+ATOMIC\s+`.
fn begin_atomic(s: &[u8]) -> Option<usize> {
    let a = word_at(s, "BEGIN", true)?;
    Some(a + word_at(&s[a..], "ATOMIC", true)?)
}

/// `^\$([A-Za-zÈ-ÿ_][\wÈ-ÿ]*)*\$`: the opening tag.
fn dollar_tag(s: &str) -> Option<&str> {
    let mut chars = s.char_indices().skip(1);
    let letter = |c: char| c.is_ascii_alphabetic() || c == '_' || ('\u{C8}'..='\u{FF}').contains(&c);
    let mut first = true;
    for (i, c) in chars.by_ref() {
        if c == '$' {
            return Some(&s[..i + 1]);
        }
        if !(letter(c) || (!first && c.is_ascii_digit())) {
            return None;
        }
        first = false;
    }
    None
}

impl<'a> Scanner<'a> {
    fn next(&mut self) -> Option<u8> {
        let c = self.input.as_bytes().get(self.pos).copied()?;
        // Whole characters: multi-byte ones never match anything below.
        let w = self.input[self.pos..].chars().next().map_or(1, char::len_utf8);
        self.add(w);
        self.width = w;
        Some(c)
    }

    fn pick(&self) -> Option<u8> {
        self.input.as_bytes().get(self.pos).copied()
    }

    fn add(&mut self, n: usize) {
        self.pos += n;
        self.total += n;
    }

    fn skip_spaces(&mut self) {
        let t = self.input.trim_start_matches(|c: char| c.is_whitespace());
        self.total += self.input.len() - t.len();
        self.input = t;
    }

    fn emit(&mut self, end: usize) -> String {
        let mut text = &self.input[..end];
        self.input = &self.input[self.pos..];
        self.pos = 0;
        if self.delim != ";" {
            text = text.strip_suffix(self.delim.as_str()).unwrap_or(text);
        }
        text.trim().to_string()
    }

    fn stmt(&mut self) -> Result<Option<String>, String> {
        let mut depth = 0usize;
        self.skip_spaces();
        let end;
        loop {
            let Some(r) = self.next() else {
                if depth > 0 {
                    return Err("unclosed '('".into());
                }
                if self.pos > 0 {
                    end = self.input.len();
                    break;
                }
                return Ok(None);
            };
            let here = self.pos - self.width;
            let bytes = self.input.as_bytes();
            match r {
                b'(' => depth += 1,
                b')' => depth = depth.checked_sub(1).ok_or("unexpected ')'")?,
                b'\'' | b'"' | b'`' => self.skip_quote(r)?,
                _ if self.pos == 1 && self.input.len() > 9 && self.input.as_bytes()[..9].eq_ignore_ascii_case(b"delimiter") => {
                    self.add(8);
                    self.delim_cmd()?;
                    self.skip_spaces();
                }
                _ if depth == 0 && bytes[here..].starts_with(self.delim.as_bytes()) => {
                    self.add(self.delim.len() - 1);
                    end = self.pos;
                    break;
                }
                b'$' if self.o.dollar && dollar_tag(&self.input[here..]).is_some() => self.skip_dollar()?,
                b'-' if self.pick() == Some(b'-') => {
                    self.next();
                    self.comment("--", "\n");
                }
                b'/' if self.pick() == Some(b'*') => {
                    self.next();
                    self.comment("/*", "*/");
                }
                _ if self.delim == ";" && self.o.begin_atomic && begin_atomic(&bytes[here..]).is_some() => {
                    // Not a block: scanning goes on after `BEGIN` (lex.go leaves it there).
                    let block = self.skip_block(true);
                    if block.is_ok() {
                        end = self.pos;
                        break;
                    }
                }
                _ if self.delim == ";"
                    && self.o.begin
                    && ((self.pos == 1 && word_at(&bytes[here..], "BEGIN", true).is_some())
                        || (self.pos > 1 && word_at(&bytes[self.pos - 2..], "BEGIN", true).is_some())) =>
                {
                    // Not a block: scanning goes on after `BEGIN` (lex.go leaves it there).
                    let block = self.skip_block(false);
                    if block.is_ok() {
                        end = self.pos;
                        break;
                    }
                }
                _ => {}
            }
        }
        Ok(Some(self.emit(end)))
    }

    fn skip_quote(&mut self, quote: u8) -> Result<(), String> {
        loop {
            match self.next() {
                None => return Err(format!("unclosed quote {:?}", quote as char)),
                Some(c) if c == quote => return Ok(()),
                _ => {}
            }
        }
    }

    fn skip_dollar(&mut self) -> Result<(), String> {
        let here = self.pos - 1;
        let tag = dollar_tag(&self.input[here..]).ok_or("unexpected dollar quote")?.to_string();
        self.add(tag.len() - 1);
        loop {
            match self.next() {
                // lex.go fails only when no delimiter is set.
                None => return Ok(()),
                Some(b'$') if self.input[self.pos - 1..].starts_with(tag.as_str()) => {
                    self.add(tag.len() - 1);
                    return Ok(());
                }
                _ => {}
            }
        }
    }

    /// `skipBeginAtomic` / `skipBegin`: inner statements up to `END` (`END;` for BEGIN). On
    /// failure the position stays after `BEGIN ` (as lex.go leaves it).
    fn skip_block(&mut self, atomic: bool) -> Result<(), String> {
        let here = self.pos - self.width;
        let rest = &self.input.as_bytes()[here..];
        let m = if atomic { begin_atomic(rest) } else { word_at(rest, "BEGIN", true) };
        self.add(m.ok_or("no BEGIN")? - self.width);
        let mut inner = Scanner { o: self.o, input: &self.input[self.pos..], pos: 0, total: 0, width: 0, delim: ";".into() };
        loop {
            let t = inner.stmt()?.ok_or("unexpected eof when scanning compound statements")?;
            if let Some(m) = word_at(t.as_bytes(), "END", false) {
                if atomic || m == t.len() || t[m..] == *self.delim {
                    break;
                }
            }
        }
        self.add(inner.total);
        Ok(())
    }

    fn comment(&mut self, left: &str, right: &str) {
        let Some(i) = self.input[self.pos..].find(right) else { return };
        let inside = self.pos != left.len();
        self.add(i + right.len());
        if inside {
            return;
        }
        // A leading comment is cut from the statement.
        self.input = &self.input[self.pos..];
        self.pos = 0;
        self.skip_spaces();
    }

    fn delim_cmd(&mut self) -> Result<(), String> {
        if self.pick() != Some(b' ') {
            return Ok(());
        }
        while let Some(c) = self.next() {
            if c == b'\n' {
                break;
            }
        }
        let mut d = self.input[9..self.pos].trim().to_string();
        if d.len() >= 2 && d.starts_with('\'') && d.ends_with('\'') {
            d = d[1..d.len() - 1].replace("''", "'");
        }
        if d.is_empty() {
            return Err("empty delimiter".into());
        }
        self.delim = d.replace("\\n", "\n").replace("\\r", "\r").replace("\\t", "\t");
        self.emit(self.pos);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bodies_and_delimiters_as_atlas_scans_them() {
        let my = "CREATE TABLE t (a int);\nCREATE TRIGGER x BEFORE INSERT ON t FOR EACH ROW\nBEGIN SET NEW.a = 1; IF NEW.a THEN SET NEW.a = 2; END IF; END;\nSELECT 1;\n";
        let s = statements(my, Dialect::Mysql).unwrap();
        assert_eq!(s.len(), 3, "{s:?}");
        assert!(s[1].ends_with("END IF; END;"), "{s:?}");
        let d = "DELIMITER $$\nCREATE PROCEDURE p() BEGIN SELECT 1; END$$\nDELIMITER ;\nSELECT 2;\n";
        assert_eq!(statements(d, Dialect::Mysql).unwrap(), ["CREATE PROCEDURE p() BEGIN SELECT 1; END", "SELECT 2;"]);
        let pg = "-- lead\nCREATE FUNCTION f() RETURNS int AS $fn$ BEGIN RETURN 1; END $fn$ LANGUAGE plpgsql;\nSELECT ';';\n";
        assert_eq!(statements(pg, Dialect::Postgres).unwrap().len(), 2);
    }
}

//! Splitting a SQL script into statements the way the engines' command-line clients do
//! (`psql`, `mariadb`), so a migration runs here exactly as a DBA would run it.
//!
//! PostgreSQL: `'...'` (with `''`), `E'...'` (backslash escapes), `"..."`, dollar quotes
//! `$tag$...$tag$`, `--` and nested `/* */` comments, psql meta-command lines (`\connect`,
//! `\restrict`) skipped, and `BEGIN ATOMIC ... END` bodies of SQL-standard functions.
//! MariaDB: `'...'`/`"..."` (backslash escapes), backticks, `--␠`, `#` and `/* */` comments
//! (executable `/*! ... */` comments are kept as statement text), `DELIMITER` lines, and
//! `BEGIN ... END` compound bodies of triggers, procedures, functions and events.

/// Which client's rules to follow.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Flavor {
    Postgres,
    /// MariaDB declarations (BEFORE/AFTER texts): `BEGIN ... END` bodies of triggers and
    /// routines written without `DELIMITER` are kept whole, as schema tools read them.
    Mysql,
    /// Exactly the `mariadb` client: `;` ends a statement wherever it is, unless a `DELIMITER`
    /// line changed the delimiter. Generated migrations must run this way.
    MysqlClient,
}

/// The statements of `sql`, trimmed, without their terminating delimiter. Pieces holding only
/// comments and whitespace are left out.
pub fn split(sql: &str, flavor: Flavor) -> Vec<String> {
    let strict = flavor == Flavor::MysqlClient;
    let flavor = if strict { Flavor::Mysql } else { flavor };
    Splitter { s: sql.as_bytes(), i: 0, flavor, strict, out: Vec::new() }.run()
}

struct Splitter<'a> {
    s: &'a [u8],
    i: usize,
    flavor: Flavor,
    strict: bool,
    out: Vec<String>,
}

fn is_ident(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b >= 0x80
}

impl<'a> Splitter<'a> {
    fn run(mut self) -> Vec<String> {
        let mut delimiter: Vec<u8> = b";".to_vec();
        let mut start = 0usize;
        // Whether the current statement has content besides comments and whitespace.
        let mut content = false;
        // Words of the current statement, lower-cased (only the first few and the block keywords
        // matter; kept short).
        let mut words: Vec<String> = Vec::new();
        let mut depth: i32 = 0;
        let mut pending_end = false;
        while self.i < self.s.len() {
            let c = self.s[self.i];
            // Client commands at the start of a statement.
            if !content && self.at_line_start(start) {
                if self.flavor == Flavor::Postgres && c == b'\\' {
                    self.skip_line();
                    start = self.i;
                    continue;
                }
                if self.flavor == Flavor::Mysql && self.starts_with_word("delimiter") {
                    let line_end = self.line_end();
                    let line = String::from_utf8_lossy(&self.s[self.i + 9..line_end]).trim().to_string();
                    if !line.is_empty() {
                        delimiter = line.into_bytes();
                    }
                    self.i = line_end;
                    start = self.i;
                    continue;
                }
            }
            if depth == 0 && self.s[self.i..].starts_with(&delimiter) {
                self.push(start, self.i, content);
                self.i += delimiter.len();
                start = self.i;
                content = false;
                words.clear();
                pending_end = false;
                continue;
            }
            match c {
                b'-' if self.peek(1) == Some(b'-')
                    && (self.flavor == Flavor::Postgres || self.peek(2).is_none_or(|b| b.is_ascii_whitespace())) =>
                {
                    self.skip_line();
                }
                b'#' if self.flavor == Flavor::Mysql => self.skip_line(),
                b'/' if self.peek(1) == Some(b'*') => {
                    let executable = self.flavor == Flavor::Mysql && matches!(self.peek(2), Some(b'!') | Some(b'M'));
                    self.skip_block_comment();
                    content |= executable;
                }
                b'\'' => {
                    let backslash = self.flavor == Flavor::Mysql || self.e_prefix();
                    self.skip_quoted(b'\'', backslash);
                    content = true;
                }
                b'"' => {
                    self.skip_quoted(b'"', self.flavor == Flavor::Mysql);
                    content = true;
                }
                b'`' if self.flavor == Flavor::Mysql => {
                    self.skip_quoted(b'`', false);
                    content = true;
                }
                b'$' if self.flavor == Flavor::Postgres && self.dollar_quote() => content = true,
                _ if is_ident(c) && (self.i == 0 || !is_ident(self.s[self.i - 1])) => {
                    let w_start = self.i;
                    while self.i < self.s.len()
                        && (is_ident(self.s[self.i]) || self.s[self.i] == b'$')
                        && !(delimiter != b";" && self.s[self.i..].starts_with(&delimiter))
                    {
                        self.i += 1;
                    }
                    let word = String::from_utf8_lossy(&self.s[w_start..self.i]).to_ascii_lowercase();
                    content = true;
                    // With a custom DELIMITER the client does not look inside bodies.
                    if delimiter == b";" && !self.strict {
                        self.block_word(&word, &words, &mut depth, &mut pending_end);
                    }
                    if words.len() < 64 {
                        words.push(word);
                    }
                }
                _ => {
                    if !c.is_ascii_whitespace() {
                        content = true;
                        pending_end = false;
                    }
                    self.i += 1;
                }
            }
        }
        self.push(start, self.s.len(), content);
        self.out
    }

    /// Track `BEGIN ... END` nesting inside routine bodies written without quoting.
    fn block_word(&self, word: &str, words: &[String], depth: &mut i32, pending_end: &mut bool) {
        let routine = words.first().is_some_and(|w| w == "create")
            && words.iter().any(|w| match self.flavor {
                Flavor::Postgres => w == "function" || w == "procedure",
                Flavor::Mysql | Flavor::MysqlClient => w == "trigger" || w == "procedure" || w == "function" || w == "event",
            });
        if *pending_end {
            *pending_end = false;
            // `END IF`, `END LOOP`... close blocks that were never counted.
            if matches!(word, "if" | "loop" | "while" | "repeat" | "for") {
                *depth += 1;
                return;
            }
            if word == "case" {
                return;
            }
        }
        if !routine {
            return;
        }
        match word {
            "begin" => {
                let atomic_next = self.next_word_is("atomic");
                if self.flavor == Flavor::Mysql || atomic_next || *depth > 0 {
                    *depth += 1;
                }
            }
            "case" if *depth > 0 => *depth += 1,
            "end" if *depth > 0 => {
                *depth -= 1;
                *pending_end = true;
            }
            _ => {}
        }
    }

    fn push(&mut self, start: usize, end: usize, content: bool) {
        if !content {
            return;
        }
        let text = String::from_utf8_lossy(&self.s[start..end]).trim().to_string();
        if !text.is_empty() {
            self.out.push(text);
        }
    }

    fn peek(&self, n: usize) -> Option<u8> {
        self.s.get(self.i + n).copied()
    }

    fn at_line_start(&self, stmt_start: usize) -> bool {
        let mut j = self.i;
        while j > stmt_start {
            match self.s[j - 1] {
                b'\n' => return true,
                b' ' | b'\t' | b'\r' => j -= 1,
                _ => return false,
            }
        }
        true
    }

    fn line_end(&self) -> usize {
        let mut j = self.i;
        while j < self.s.len() && self.s[j] != b'\n' {
            j += 1;
        }
        j
    }

    fn skip_line(&mut self) {
        self.i = self.line_end();
    }

    fn starts_with_word(&self, word: &str) -> bool {
        let end = self.i + word.len();
        end <= self.s.len()
            && self.s[self.i..end].eq_ignore_ascii_case(word.as_bytes())
            && self.s.get(end).is_none_or(|b| b.is_ascii_whitespace())
    }

    fn next_word_is(&self, word: &str) -> bool {
        let mut j = self.i;
        while j < self.s.len() && self.s[j].is_ascii_whitespace() {
            j += 1;
        }
        let end = j + word.len();
        end <= self.s.len() && self.s[j..end].eq_ignore_ascii_case(word.as_bytes()) && self.s.get(end).is_none_or(|b| !is_ident(*b))
    }

    fn skip_block_comment(&mut self) {
        self.i += 2;
        let mut nest = 1;
        while self.i < self.s.len() && nest > 0 {
            if self.s[self.i] == b'*' && self.peek(1) == Some(b'/') {
                nest -= 1;
                self.i += 2;
            } else if self.flavor == Flavor::Postgres && self.s[self.i] == b'/' && self.peek(1) == Some(b'*') {
                nest += 1;
                self.i += 2;
            } else {
                self.i += 1;
            }
        }
    }

    /// A `'` preceded by `E`/`e` that is not the end of a longer identifier.
    fn e_prefix(&self) -> bool {
        self.i >= 1 && matches!(self.s[self.i - 1], b'e' | b'E') && (self.i < 2 || !is_ident(self.s[self.i - 2]))
    }

    fn skip_quoted(&mut self, quote: u8, backslash: bool) {
        self.i += 1;
        while self.i < self.s.len() {
            let b = self.s[self.i];
            if backslash && b == b'\\' {
                self.i += 2;
                continue;
            }
            if b == quote {
                if self.peek(1) == Some(quote) {
                    self.i += 2;
                    continue;
                }
                self.i += 1;
                return;
            }
            self.i += 1;
        }
    }

    /// At a `$`: skip a dollar-quoted string if one starts here.
    fn dollar_quote(&mut self) -> bool {
        if self.i > 0 && is_ident(self.s[self.i - 1]) {
            self.i += 1;
            return false;
        }
        let mut j = self.i + 1;
        while j < self.s.len() && (is_ident(self.s[j])) {
            j += 1;
        }
        let tag_ok = j < self.s.len() && self.s[j] == b'$' && self.s.get(self.i + 1).is_none_or(|b| !b.is_ascii_digit() || j == self.i + 1);
        if !tag_ok {
            self.i += 1;
            return false;
        }
        let tag = self.s[self.i..=j].to_vec();
        let mut k = j + 1;
        while k + tag.len() <= self.s.len() {
            if self.s[k..].starts_with(&tag) {
                self.i = k + tag.len();
                return true;
            }
            k += 1;
        }
        self.i = self.s.len();
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn postgres_quotes_comments_and_dollar_bodies() {
        let sql = "CREATE TABLE \"a;b\" (x text DEFAULT 'it''s;'); -- c;\n\
                   /* a /* nested; */ still; */ SELECT E'\\';', $$;$$, $f$ $$ ; $f$;\n\
                   \\connect foo\n\
                   CREATE FUNCTION f() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; SELECT CASE WHEN true THEN 2 END; END;\n\
                   SELECT $1;";
        let got = split(sql, Flavor::Postgres);
        assert_eq!(got.len(), 4, "{got:#?}");
        assert!(got[0].starts_with("CREATE TABLE"));
        assert!(got[1].ends_with("$f$ $$ ; $f$"));
        assert!(got[2].starts_with("CREATE FUNCTION") && got[2].ends_with("END"));
        assert_eq!(got[3], "SELECT $1");
    }

    #[test]
    fn postgres_comment_only_pieces_dropped() {
        assert!(split("-- nothing\n/* x; */ ;  ", Flavor::Postgres).is_empty());
    }

    #[test]
    fn mysql_client_splits_compound_bodies_without_delimiter() {
        let sql = "CREATE TRIGGER t BEFORE INSERT ON a FOR EACH ROW BEGIN SET NEW.x = 1; END;\n\
                   DELIMITER //\nCREATE TRIGGER u BEFORE INSERT ON a FOR EACH ROW BEGIN SET NEW.x = 1; END//\n";
        let got = split(sql, Flavor::MysqlClient);
        assert_eq!(got.len(), 3, "{got:#?}");
        assert_eq!(got[1], "END");
        assert!(got[2].ends_with("END"));
    }

    #[test]
    fn mysql_delimiters_and_compound_bodies() {
        let sql = "/*!40101 SET NAMES utf8 */;\nCREATE TABLE `a;` (x varchar(3) DEFAULT 'a\\';'); # c;\n\
                   DELIMITER $$\nCREATE TRIGGER t BEFORE INSERT ON a FOR EACH ROW BEGIN SET NEW.x = 1; END$$\nDELIMITER ;\n\
                   CREATE PROCEDURE p() BEGIN IF 1 THEN SELECT CASE WHEN 1 THEN 2 END; END IF; BEGIN SELECT 1; END; END;\n\
                   SELECT 1 --not a comment\n;";
        let got = split(sql, Flavor::Mysql);
        assert_eq!(got.len(), 5, "{got:#?}");
        assert!(got[0].starts_with("/*!40101"));
        assert!(got[2].ends_with("END"));
        assert!(got[3].starts_with("CREATE PROCEDURE") && got[3].ends_with("END; END"));
        assert_eq!(got[4], "SELECT 1 --not a comment");
    }
}

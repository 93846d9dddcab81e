//! MySQL/MariaDB executable comments read as the target server reads them: `/*! code */` always,
//! `/*!NNNNN code */` from that version on, `/*M!NNNNNN code */` on MariaDB only. A comment the
//! target does not execute stays a comment: its clause is not part of the schema.
//!
//! The version is `Mmmpp` (five digits) or `MMmmpp` (six): 50503 is 5.5.3, 100616 is 10.6.16.
//! MariaDB ignores MySQL-style comments numbered 50700 to 99999 (MySQL 5.7 and 8 features it
//! does not share; `sql_lex.cc`). A target names a minor version only: it is read as the newest
//! release of that series.

use crate::Target;

/// Which executable comments a target executes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Gate {
    mariadb: bool,
    /// `MMmmpp` of the target.
    version: u32,
}

impl Gate {
    pub fn of(target: &Target) -> Gate {
        let (mariadb, version) = target.executable_comments();
        Gate { mariadb, version }
    }

    /// `rest`: the bytes after `/*`. The length of the marker (`!`, `M!`, then the version
    /// digits) when the target executes this comment's content; `None` for a plain comment or one
    /// the target skips.
    pub fn executes(&self, rest: &[u8]) -> Option<usize> {
        let (maria_only, bang) = match rest {
            [b'!', ..] => (false, 1),
            [b'M', b'!', ..] => (true, 2),
            _ => return None,
        };
        let digits = rest.iter().skip(bang).take(6).take_while(|c| c.is_ascii_digit()).count();
        // Five digits, or six when a sixth follows (as both servers read them).
        let digits = if digits >= 5 { digits } else { 0 };
        let version: u32 = rest.iter().skip(bang).take(digits).fold(0, |v, c| v * 10 + u32::from(c - b'0'));
        let read = if maria_only {
            self.mariadb && version <= self.version
        } else if self.mariadb {
            version <= self.version && !(50_700..=99_999).contains(&version)
        } else {
            version <= self.version
        };
        read.then_some(bang + digits)
    }
}

/// Replace MySQL conditional-comment markers (`/*!40101`, `/*M!100101` and their `*/`) with
/// spaces so that their content reads as code and positions are unchanged; a comment `gate`'s
/// server does not execute stays a comment.
pub fn blank_conditional_comments(text: &str, gate: Gate) -> String {
    let mut s = text.as_bytes().to_vec();
    let n = s.len();
    let mut i = 0;
    let mut open = false;
    while i < n {
        let c = s[i];
        if c == b'\'' || c == b'"' || c == b'`' {
            i += 1;
            while i < n && s[i] != c {
                if s[i] == b'\\' {
                    i += 1;
                }
                i += 1;
            }
            i += 1;
            continue;
        }
        let marker = if c == b'/' && i + 2 < n && s[i + 1] == b'*' { gate.executes(&s[i + 2..]) } else { None };
        if let Some(len) = marker {
            let j = i + 2 + len;
            for ch in s.iter_mut().take(j).skip(i) {
                *ch = b' ';
            }
            open = true;
            i = j;
            continue;
        }
        if c == b'/' && i + 1 < n && s[i + 1] == b'*' {
            i += 2;
            while i + 1 < n && !(s[i] == b'*' && s[i + 1] == b'/') {
                i += 1;
            }
            i += 2;
            continue;
        }
        if open && c == b'*' && i + 1 < n && s[i + 1] == b'/' {
            s[i] = b' ';
            s[i + 1] = b' ';
            open = false;
            i += 2;
            continue;
        }
        i += 1;
    }
    // Only ASCII bytes were replaced, by spaces: still UTF-8.
    String::from_utf8(s).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn runs(target: &str, comment: &str) -> bool {
        let t = Target::parse(crate::Dialect::Mysql, target).unwrap_or_else(|e| panic!("{e}"));
        Gate::of(&t).executes(comment.as_bytes()).is_some()
    }

    #[test]
    fn each_server_reads_its_own_comments_at_its_version() {
        for (target, comment, read) in [
            ("mariadb-10.11", "! x", true),
            ("mariadb-10.11", "!40101 x", true),
            ("mariadb-10.11", "!50503 x", true),
            ("mariadb-10.11", "!80023 x", false),
            ("mariadb-10.11", "!50717 x", false),
            ("mariadb-10.11", "M!100616 x", true),
            ("mariadb-10.11", "M!101105 x", true),
            ("mariadb-10.11", "M!110400 x", false),
            ("mariadb-10.11", "M!120300 x", false),
            ("mariadb-10.11", "M! x", true),
            ("mariadb-10.5", "M!100616 x", false),
            ("mysql-8.0", "!80023 x", true),
            ("mysql-8.0", "!80400 x", false),
            ("mysql-5.7", "!80023 x", false),
            ("mysql-8.0", "M!100100 x", false),
            ("mysql-8.0", "M! x", false),
            ("mysql-8.0", " plain", false),
        ] {
            assert_eq!(runs(target, comment), read, "{target}: /*{comment}");
        }
    }

    /// `text` parses, for `target`, to the schema of `plain`, without errors.
    fn reads_as(target: &str, text: &str, plain: &str) -> bool {
        let t = Target::parse(crate::Dialect::Mysql, target).unwrap_or_else(|e| panic!("{e}"));
        let (a, b) = (crate::parse::parse_for(t, text), crate::parse::parse_for(t, plain));
        assert!(a.diagnostics.iter().all(|d| !d.is_error()), "{target}: {:?}", a.diagnostics);
        a.schema.same_as(&b.schema)
    }

    #[test]
    fn a_clause_the_target_skips_is_not_in_the_schema() {
        let maria_new = "CREATE TABLE t (id int) /*M!120300 COMMENT='new' */;";
        assert!(reads_as("mariadb-10.11", maria_new, "CREATE TABLE t (id int);"));
        assert!(reads_as("mariadb-11.4", "CREATE TABLE t (id int) /*M!110400 COMMENT='x' */;", "CREATE TABLE t (id int) COMMENT='x';"));
        let maria = "CREATE TABLE t (id int) /*M!100100 COMMENT='m' */;";
        assert!(reads_as("mariadb-10.11", maria, "CREATE TABLE t (id int) COMMENT='m';"));
        assert!(reads_as("mysql-8.0", maria, "CREATE TABLE t (id int);"));
        let mysql8 = "CREATE TABLE t (id int) /*!80016 COMMENT='e' */;";
        assert!(reads_as("mysql-8.0", mysql8, "CREATE TABLE t (id int) COMMENT='e';"));
        assert!(reads_as("mariadb-10.11", mysql8, "CREATE TABLE t (id int);"));
        assert!(reads_as("mysql-5.7", mysql8, "CREATE TABLE t (id int);"));
        // A statement wholly inside a skipped comment is not there; the `;` inside it ends nothing.
        assert!(reads_as("mariadb-10.11", "/*M!120300 CREATE TABLE u (id int); */\nCREATE TABLE t (id int);", "CREATE TABLE t (id int);"));
    }

    /// The head and tail of a mysqldump of MySQL 8 and of a mariadb-dump 11.4, read for each target.
    #[test]
    fn dump_headers_read_for_each_target() {
        let dump = "/*!40101 SET @OLD_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT */;
/*!50503 SET NAMES utf8mb4 */;
/*!40103 SET @OLD_TIME_ZONE=@@TIME_ZONE */;
/*!40014 SET @OLD_FOREIGN_KEY_CHECKS=@@FOREIGN_KEY_CHECKS, FOREIGN_KEY_CHECKS=0 */;
/*!40101 SET @OLD_SQL_MODE=@@SQL_MODE, SQL_MODE='NO_AUTO_VALUE_ON_ZERO' */;
/*M!100616 SET @OLD_NOTE_VERBOSITY=@@NOTE_VERBOSITY, NOTE_VERBOSITY=0 */;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!50503 SET character_set_client = utf8mb4 */;
CREATE TABLE `t` (
  `id` int NOT NULL,
  PRIMARY KEY (`id`)
) ENGINE=InnoDB /*!80016 DEFAULT ENCRYPTION='N' */ /*M!100100 COMMENT='c' */;
/*!40101 SET character_set_client = @saved_cs_client */;
/*!40101 SET SQL_MODE=@OLD_SQL_MODE */;
/*M!100616 SET NOTE_VERBOSITY=@OLD_NOTE_VERBOSITY */;
";
        let plain = "CREATE TABLE `t` (`id` int NOT NULL, PRIMARY KEY (`id`)) ENGINE=InnoDB";
        assert!(reads_as("mariadb-10.11", dump, &format!("{plain} COMMENT='c';")));
        assert!(reads_as("mysql-8.0", dump, &format!("{plain} DEFAULT ENCRYPTION='N';")));
    }
}

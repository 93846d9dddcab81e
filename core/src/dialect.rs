//! SQL dialects and target engine versions.

use serde::Serialize;
use std::fmt;
use std::str::FromStr;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Dialect {
    Postgres,
    Mysql,
    Sqlite,
}

impl Dialect {
    pub const ALL: [Dialect; 3] = [Dialect::Postgres, Dialect::Mysql, Dialect::Sqlite];

    pub fn name(self) -> &'static str {
        match self {
            Dialect::Postgres => "postgres",
            Dialect::Mysql => "mysql",
            Dialect::Sqlite => "sqlite",
        }
    }

    /// Whether DDL can run inside a transaction that is rolled back as a whole.
    pub fn transactional_ddl(self) -> bool {
        !matches!(self, Dialect::Mysql)
    }
}

impl fmt::Display for Dialect {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Dialect {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s.to_ascii_lowercase().as_str() {
            "postgres" | "postgresql" | "pg" => Ok(Dialect::Postgres),
            "mysql" | "mariadb" => Ok(Dialect::Mysql),
            "sqlite" | "sqlite3" => Ok(Dialect::Sqlite),
            other => Err(format!("unknown dialect `{other}` (expected postgres, mysql or sqlite)")),
        }
    }
}

/// The engine and version the migration will run on. Generated SQL and risk notes depend on it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Target {
    pub dialect: Dialect,
    /// MariaDB rather than MySQL (only meaningful for `Dialect::Mysql`).
    pub mariadb: bool,
    /// Major and minor version: PG `(15, 0)`, MySQL `(8, 0)`, MariaDB `(10, 11)`, SQLite `(3, 45)`.
    pub version: (u32, u32),
}

impl Target {
    /// The default target of each dialect: the engines the test-suite proves the output on.
    pub fn default_for(dialect: Dialect) -> Target {
        match dialect {
            Dialect::Postgres => Target { dialect, mariadb: false, version: (15, 0) },
            Dialect::Mysql => Target { dialect, mariadb: true, version: (10, 11) },
            Dialect::Sqlite => Target { dialect, mariadb: false, version: (3, 45) },
        }
    }

    /// Parse `--target-version`: `15`, `16.2`, `8.0`, `mysql-8.0`, `mariadb-10.11`, `3.35`.
    pub fn parse(dialect: Dialect, text: &str) -> Result<Target, String> {
        let lower = text.trim().to_ascii_lowercase();
        let (mariadb, num) = if let Some(rest) = lower.strip_prefix("mariadb-").or(lower.strip_prefix("mariadb")) {
            (true, rest.to_string())
        } else if let Some(rest) = lower.strip_prefix("mysql-").or(lower.strip_prefix("mysql")) {
            (false, rest.to_string())
        } else {
            let mariadb = dialect == Dialect::Mysql && lower.starts_with("10.") || lower.starts_with("11.");
            (dialect == Dialect::Mysql && mariadb, lower.clone())
        };
        let mut parts = num.split('.');
        let major = parts
            .next()
            .and_then(|p| p.parse::<u32>().ok())
            .ok_or_else(|| format!("invalid target version `{text}`"))?;
        let minor = match parts.next() {
            Some(p) => p.parse::<u32>().map_err(|_| format!("invalid target version `{text}`"))?,
            None => 0,
        };
        let t = Target { dialect, mariadb: dialect == Dialect::Mysql && mariadb, version: (major, minor) };
        let ok = match dialect {
            Dialect::Postgres => (10..=18).contains(&major),
            Dialect::Mysql if t.mariadb => (10..=12).contains(&major),
            Dialect::Mysql => (5..=9).contains(&major),
            Dialect::Sqlite => major == 3 && minor >= 8,
        };
        if ok {
            Ok(t)
        } else {
            Err(format!("unsupported {dialect} target version `{text}`"))
        }
    }

    pub fn at_least(&self, major: u32, minor: u32) -> bool {
        self.version >= (major, minor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_target_versions() {
        assert_eq!(Target::parse(Dialect::Postgres, "12").unwrap().version, (12, 0));
        let m = Target::parse(Dialect::Mysql, "8.0").unwrap();
        assert!(!m.mariadb);
        let m = Target::parse(Dialect::Mysql, "mariadb-10.11").unwrap();
        assert!(m.mariadb && m.version == (10, 11));
        assert!(Target::parse(Dialect::Sqlite, "3.35").unwrap().at_least(3, 35));
        assert!(Target::parse(Dialect::Postgres, "7").is_err());
    }
}

//! Target engines by their real names: the choices of the Target version list per dialect (each
//! a `--target-version` value the core's `Target::parse` reads) and the label of a target
//! ("PostgreSQL 15", "MariaDB 10.11") that the status line and Verify show.

use schemashift::{Dialect, Flavor, Target};

/// The engine and version, as its makers name it: "PostgreSQL 15", "MySQL 8.0",
/// "MariaDB 10.11", "SQLite 3.45".
pub fn label(t: &Target) -> String {
    let (major, minor) = t.version;
    match t.flavor {
        Flavor::Postgres if minor == 0 => format!("PostgreSQL {major}"),
        _ => t.label(),
    }
}

/// The versions offered for `dialect`, as `--target-version` values, oldest first per engine
/// (each flavor says its own: `Engine::offered_versions`).
pub fn choices(dialect: Dialect) -> Vec<&'static str> {
    Flavor::offered_versions(dialect)
}

/// The label of a `--target-version` value of `dialect` (`None`: not a valid one).
pub fn label_of(dialect: Dialect, value: &str) -> Option<String> {
    Target::parse(dialect, value).ok().map(|t| label(&t))
}

/// The value among `choices(dialect)` that means the same target as `text` (so "15.0" or
/// "10.11" selects its entry), if any.
pub fn matching_choice(dialect: Dialect, text: &str) -> Option<&'static str> {
    let wanted = Target::parse(dialect, text).ok()?;
    choices(dialect).into_iter().find(|c| Target::parse(dialect, c).ok() == Some(wanted))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_choice_parses_and_has_its_engine_name() {
        for d in Dialect::ALL {
            for c in choices(d) {
                assert!(label_of(d, c).is_some(), "{d} {c}");
            }
            assert!(choices(d).iter().any(|c| Target::parse(d, c) == Ok(Target::default_for(d))), "{d}: the default is a choice");
        }
        assert_eq!(label_of(Dialect::Mysql, "mariadb-10.11").as_deref(), Some("MariaDB 10.11"));
        assert_eq!(label_of(Dialect::Mysql, "mysql-8.0").as_deref(), Some("MySQL 8.0"));
        assert_eq!(label(&Target::default_for(Dialect::Mysql)), "MariaDB 10.11");
        assert_eq!(label(&Target::default_for(Dialect::Postgres)), "PostgreSQL 15");
        assert_eq!(matching_choice(Dialect::Mysql, "10.11"), Some("mariadb-10.11"));
        assert_eq!(matching_choice(Dialect::Postgres, "banana"), None);
        let d1 = label_of(Dialect::Sqlite, "d1-3.45").unwrap_or_default();
        assert!(d1.contains("D1"), "{d1}");
    }
}

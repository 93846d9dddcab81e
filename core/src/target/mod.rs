//! The target: the engine (a flavor of a dialect) and version the migration will run on, and
//! what it can do (`engine.rs`). One file per flavor overrides only what differs from its base.
//!
//! Files a new flavor needs: `target/<flavor>.rs` (an `Engine`), one line in `flavors!` below,
//! and its rules (`risk/rules/<prefix>_*.rs`, registered in `risk/rules/mod.rs`).

mod engine;
mod mysql_online_rules;

pub use engine::Engine;
pub use mysql::{MYSQL_RESTORE, MYSQL_SAVE_MODE, MYSQL_STRICT};

use crate::Dialect;
use serde::{Serialize, Serializer};
use std::fmt;

/// Major and minor version: PG `(15, 0)`, MySQL `(8, 0)`, MariaDB `(10, 11)`, SQLite `(3, 45)`.
pub type Version = (u32, u32);

/// Declare the flavors: the module of each, its `Flavor` variant and its engine.
macro_rules! flavors {
    ($($variant:ident => $module:ident :: $engine:ident,)*) => {
        $(mod $module;)*

        /// One engine of a dialect: the dialect's own engine or a fork speaking its SQL.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Flavor {
            $($variant,)*
        }

        impl Flavor {
            pub const ALL: &'static [Flavor] = &[$(Flavor::$variant,)*];

            pub fn engine(self) -> &'static dyn Engine {
                match self {
                    $(Flavor::$variant => &$module::$engine,)*
                }
            }
        }
    };
}

flavors! {
    Postgres => postgres::Postgres,
    Cockroachdb => cockroachdb::Cockroachdb,
    Yugabytedb => yugabytedb::Yugabytedb,
    Mysql => mysql::Mysql,
    Mariadb => mariadb::Mariadb,
    Tidb => tidb::Tidb,
    Vitess => vitess::Vitess,
    Sqlite => sqlite::Sqlite,
    Libsql => libsql::Libsql,
    D1 => d1::D1,
}

impl Flavor {
    pub fn dialect(self) -> Dialect {
        self.engine().dialect()
    }

    /// The `--flavor` value: `cockroachdb`.
    pub fn name(self) -> &'static str {
        self.engine().name()
    }

    /// `CockroachDB`.
    pub fn label(self) -> &'static str {
        self.engine().label()
    }

    /// The `--target-version` values offered for `dialect`: each flavor's, in `flavors!` order.
    pub fn offered_versions(dialect: Dialect) -> Vec<&'static str> {
        Flavor::of(dialect).flat_map(|f| f.engine().offered_versions().iter().copied()).collect()
    }

    /// The flavors of `dialect`, the default first.
    pub fn of(dialect: Dialect) -> impl Iterator<Item = Flavor> {
        Flavor::ALL.iter().copied().filter(move |f| f.dialect() == dialect)
    }

    /// Read a `--flavor` value of `dialect`.
    pub fn parse(dialect: Dialect, text: &str) -> Result<Flavor, String> {
        let lower = text.trim().to_ascii_lowercase();
        let names: Vec<&str> = Flavor::of(dialect).map(Flavor::name).collect();
        Flavor::of(dialect)
            .find(|f| f.name() == lower)
            .ok_or_else(|| format!("unknown {dialect} flavor `{}` (expected {})", text.trim(), names.join(", ")))
    }

    /// Whether `--flavor self --target-version v` may read `v` as a release of `other` (a
    /// prefix or the number names it): its own, or MySQL's and MariaDB's, which a bare number
    /// has always told apart (`Target::parse_for`).
    pub fn accepts_version_of(self, other: Flavor) -> bool {
        self == other || matches!((self, other), (Flavor::Mysql, Flavor::Mariadb) | (Flavor::Mariadb, Flavor::Mysql))
    }

    /// A flavor derived from another engine (`Engine::base`): a bare version number names its
    /// own release, not the base's.
    fn derived(self) -> bool {
        let e = self.engine();
        e.base(e.default_version()).is_some()
    }
}

impl fmt::Display for Flavor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl Serialize for Flavor {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.name())
    }
}

/// The engine and version the migration will run on. Generated SQL and risk notes depend on it:
/// they ask its capabilities (`engine.rs`), never compare flavors or versions themselves.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Target {
    pub dialect: Dialect,
    pub flavor: Flavor,
    pub version: Version,
}

impl Target {
    /// Which MySQL executable comments the target's server runs (`parse/version_comments.rs`):
    /// whether it reads MariaDB's `/*M!...*/`, and its version as `MMmmpp`, read as the newest
    /// release of its series (a target names a minor version only).
    pub fn executable_comments(&self) -> (bool, u32) {
        let (major, minor) = self.flavor.engine().base(self.version).map_or(self.version, |(_, v)| v);
        (self.flavor == Flavor::Mariadb, major * 10_000 + minor * 100 + 99)
    }

    /// PostgreSQL drops a column and adds it again for a change of its generation it cannot make
    /// in place (made generated; its expression changed before PostgreSQL 17 or between stored
    /// and virtual; no longer generated before 13): what belongs to the column (its indexes,
    /// constraints, column privileges) goes with it and must be made again.
    pub fn recreates_column(&self, from: &crate::model::Column, to: &crate::model::Column) -> bool {
        if self.dialect != Dialect::Postgres {
            return false;
        }
        match (&from.generated, &to.generated) {
            (Some(a), Some(b)) => a != b && !(self.set_generated_expression() && a.stored == b.stored),
            (Some(_), None) => !self.drop_generated_expression(),
            (None, Some(_)) => true,
            (None, None) => false,
        }
    }

    /// The default target of each dialect: the engines the test-suite proves the output on.
    pub fn default_for(dialect: Dialect) -> Target {
        match dialect {
            Dialect::Postgres => Target::of(Flavor::Postgres),
            Dialect::Mysql => Target::of(Flavor::Mariadb),
            Dialect::Sqlite => Target::of(Flavor::Sqlite),
        }
    }

    /// `flavor` at its default version.
    pub fn of(flavor: Flavor) -> Target {
        Target { dialect: flavor.dialect(), flavor, version: flavor.engine().default_version() }
    }

    pub fn engine(&self) -> &'static dyn Engine {
        self.flavor.engine()
    }

    /// The engine and version as its makers name them: "MariaDB 10.11".
    pub fn label(&self) -> String {
        format!("{} {}.{}", self.flavor.label(), self.version.0, self.version.1)
    }

    /// Parse `--target-version`: `15`, `16.2`, `8.0`, `mysql-8.0`, `mariadb-10.11`, `3.35`,
    /// `cockroachdb-24.1` (a flavor's name as prefix).
    pub fn parse(dialect: Dialect, text: &str) -> Result<Target, String> {
        Target::parse_for(Target::default_for(dialect).flavor, text)
    }

    /// Parse `--target-version` when `current` is the flavor chosen so far (`--flavor`): a
    /// prefix names the flavor; a bare number is a release of a derived flavor (CockroachDB),
    /// and otherwise picks MySQL or MariaDB by its number as it always did.
    pub fn parse_for(current: Flavor, text: &str) -> Result<Target, String> {
        let dialect = current.dialect();
        let lower = text.trim().to_ascii_lowercase();
        let prefixed = Flavor::of(dialect).find_map(|f| {
            let rest = lower.strip_prefix(f.name())?;
            Some((f, rest.strip_prefix('-').unwrap_or(rest).to_string()))
        });
        let (flavor, num) = match prefixed {
            Some(found) => found,
            None if current.derived() => (current, lower.clone()),
            None if dialect == Dialect::Mysql && (lower.starts_with("10.") || lower.starts_with("11.")) => (Flavor::Mariadb, lower.clone()),
            None if dialect == Dialect::Mysql => (Flavor::Mysql, lower.clone()),
            None => (Target::default_for(dialect).flavor, lower.clone()),
        };
        let mut parts = num.split('.');
        let major = parts.next().and_then(|p| p.parse::<u32>().ok()).ok_or_else(|| format!("invalid target version `{text}`"))?;
        let minor = match parts.next() {
            Some(p) => p.parse::<u32>().map_err(|_| format!("invalid target version `{text}`"))?,
            None => 0,
        };
        let t = Target { dialect, flavor, version: (major, minor) };
        if flavor.engine().supports(t.version) {
            Ok(t)
        } else {
            Err(format!("unsupported {dialect} target version `{text}`"))
        }
    }
}

#[cfg(test)]
mod boundary_tests;

#[cfg(test)]
mod check_names_tests;

#[cfg(test)]
mod tests;

#[cfg(test)]
mod plan_tests;

#[cfg(test)]
mod plan_tests_sqlite;

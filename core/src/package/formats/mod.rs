//! The layouts of the package, one file per migration tool. Every tool format writes its
//! migration files under `migrations/` (Sqitch: `deploy/ revert/ verify/` and its plan) next to
//! the plain files, and a README section saying how to run them.

pub mod atlas;
pub mod dbmate;
pub mod flyway;
pub mod golang_migrate;
pub mod goose;
pub mod liquibase;
pub mod plain;
pub mod sqitch;

use super::parts::{pair, split, split_single_statements, Part, Unit};
use super::{Format, Meta};
use crate::{Dialect, Migration};

/// The migration's versioned units. `single_statements`: statements that must run outside a
/// transaction each get a unit of their own (tools that send a file as one query).
pub fn units(m: &Migration, single_statements: bool) -> Vec<Unit> {
    if single_statements {
        let d = m.target.dialect;
        pair(split_single_statements(&m.up, d), split_single_statements(&m.down, d))
    } else {
        pair(split(&m.up, m.target.dialect), split(&m.down, m.target.dialect))
    }
}

/// `{version}_{name}` for a one-unit migration, `{version+i}_{name}_{i}_{label}` otherwise.
pub fn stem(meta: &Meta, units: &[Unit], i: usize, sep: &str) -> String {
    if units.len() == 1 {
        format!("{}{sep}{}", meta.version, meta.name)
    } else {
        let label = units[i].label().replace('-', "_");
        format!("{}{sep}{}_part{}_{label}", meta.version_at(i), meta.name, i + 1)
    }
}

/// The SQL of one side of a unit, as the tool runs it: `wrap` adds BEGIN/COMMIT (tools that do
/// not open a transaction themselves), otherwise the bare statements.
pub fn side_sql(m: &Migration, part: Option<&Part>, direction: &str, wrap: bool) -> String {
    match part {
        None => format!("-- nothing to do in this version on the way {direction}\n"),
        Some(p) if wrap && m.target.dialect != Dialect::Mysql => p.script(&m.target, direction),
        Some(p) => p.body(),
    }
}

/// The README section on running the package with its tool.
pub fn tool_section(m: &Migration, format: Format) -> String {
    let d = m.target.dialect;
    let (driver, url) = match d {
        Dialect::Postgres => ("postgres", "postgres://user:pass@host:5432/db?sslmode=disable"),
        Dialect::Mysql => ("mysql", "mysql://user:pass@tcp(host:3306)/db?multiStatements=true"),
        Dialect::Sqlite => ("sqlite3", "sqlite3://path/to/app.db"),
    };
    let body = match format {
        Format::Plain => return String::new(),
        Format::GolangMigrate => format!(
            "Files `migrations/N_name.up.sql` / `.down.sql`. Statements that must run outside a transaction \
             are versions of their own.\n\n    migrate -path migrations -database \"{url}\" up\n    \
             migrate -path migrations -database \"{url}\" down {n}\n\n(driver `{driver}`{}.)\n",
            match d {
                Dialect::Mysql => "; MySQL needs `multiStatements=true` in the URL",
                Dialect::Sqlite => "; the SQLite driver wraps each file in a transaction: add `x-no-tx-wrap=true` to the URL for versions marked no_transaction",
                Dialect::Postgres => "",
            },
            n = units(m, true).len()
        ),
        Format::Flyway => "Files `migrations/V…__name.sql` (migrate) and `U…__name.sql` (undo, Flyway Teams/Enterprise); \
             parts that must run outside a transaction have a `.sql.conf` with `executeInTransaction=false`.\n\n    \
             flyway -locations=filesystem:migrations migrate\n    flyway -locations=filesystem:migrations undo\n"
            .to_string(),
        Format::Dbmate => "Files `migrations/N_name.sql` with `-- migrate:up` and `-- migrate:down` sections.\n\n    \
             dbmate --migrations-dir migrations up\n    dbmate --migrations-dir migrations rollback\n"
            .to_string(),
        Format::Goose => format!(
            "Files `migrations/N_name.sql` with `-- +goose Up` / `-- +goose Down`.\n\n    \
             goose -dir migrations {driver} \"$DATABASE_URL\" up\n    goose -dir migrations {driver} \"$DATABASE_URL\" down\n"
        ),
        Format::Sqitch => "`sqitch.conf`, `sqitch.plan`, and `deploy/`, `revert/`, `verify/` (verify is `validate.sql`).\n\n    \
             sqitch deploy db:<target>\n    sqitch verify db:<target>\n    sqitch revert db:<target>\n"
            .to_string(),
        Format::Liquibase => "`migrations/changelog.sql` (Liquibase formatted SQL, changesets with `--rollback`).\n\n    \
             liquibase --changelog-file=migrations/changelog.sql update\n    \
             liquibase --changelog-file=migrations/changelog.sql rollback-count --count=1\n"
            .to_string(),
        Format::Atlas => "`migrations/` with `atlas.sum` (Atlas plans down migrations itself; `down.sql` is here for review).\n\n    \
             atlas migrate apply --dir file://migrations --url \"$DATABASE_URL\"\n"
            .to_string(),
    };
    format!("### With {}\n\n{body}", format.tool())
}

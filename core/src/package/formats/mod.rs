//! The layouts of the package, one file per migration tool. Every tool format writes its
//! migration files under `migrations/` (Sqitch: `deploy/ revert/ verify/` and its plan) next to
//! the plain files, and a README section saying how to run them.

pub mod atlas;
pub mod dbmate;
pub mod flyway;
pub mod golang_migrate;
pub mod goose;
pub mod liquibase;
pub mod numbered;
pub mod plain;
pub mod prisma;
pub mod sqitch;

use super::parts::{pair, split, split_single_statements, Part, Unit};
use super::{Format, Meta};
use crate::{Dialect, Migration};

/// The migration's versioned units. `one_query`: the tool sends each file to the database as
/// ONE query string (dbmate, golang-migrate). PostgreSQL runs a multi-statement query string as
/// one implicit transaction, where `CREATE INDEX CONCURRENTLY` fails (25001), so there each
/// statement that must run outside a transaction is a unit of its own. SQLite keeps such a
/// step whole: its table rebuild holds its own `BEGIN`/`COMMIT`, which must run on one
/// connection, in one file.
pub fn units(m: &Migration, one_query: bool) -> Vec<Unit> {
    let d = m.target.dialect;
    if one_query && d == Dialect::Postgres {
        pair(split_single_statements(&m.up, d), split_single_statements(&m.down, d))
    } else {
        pair(split(&m.up, d), split(&m.down, d))
    }
}

/// The migration files this format writes, as units (what its rollback counts).
pub fn format_units(m: &Migration, format: Format) -> Vec<Unit> {
    match format {
        Format::Plain | Format::Sqitch => Vec::new(),
        Format::GolangMigrate | Format::Dbmate | Format::Prisma => units(m, true),
        Format::Flyway | Format::Goose | Format::Liquibase | Format::Numbered => units(m, false),
        Format::Atlas => atlas::units(m),
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
/// not open a transaction themselves), otherwise the bare statements. An empty side is a
/// `SELECT 1`: a tool that sends the file as one query would send MySQL a query of comments
/// only, which it refuses ("Query was empty").
pub fn side_sql(m: &Migration, part: Option<&Part>, direction: &str, wrap: bool) -> String {
    match part {
        None => format!("-- nothing to do in this version on the way {direction}\nSELECT 1;\n"),
        Some(p) if wrap && m.target.dialect != Dialect::Mysql => p.script(&m.target, direction),
        Some(p) => crate::plan::preamble::in_session(&m.target, p.body()),
    }
}

/// A statement line the format's tool would read as its own directive, where no writing of it
/// keeps its meaning: the package refuses the format (Liquibase, goose).
pub fn misread_line(m: &Migration, format: Format) -> Option<String> {
    match format {
        Format::Liquibase => liquibase::misread_line(m),
        Format::Goose => goose::misread_line(m),
        _ => None,
    }
}

/// A SQLite step's own transaction control as `SAVEPOINT` / `RELEASE`, for tools whose
/// statement splitter reads `BEGIN` as the start of a block (Liquibase, Flyway): outside a
/// transaction SQLite's SAVEPOINT opens one and the RELEASE of the outermost savepoint commits
/// it (sqlite.org/lang_savepoint.html), the same transaction; `INSERT OR ROLLBACK` still rolls
/// all of it back. `None`: keep the statement.
pub fn savepoint_form(d: Dialect, statement: &str) -> Option<&'static str> {
    match (d, statement.trim().trim_end_matches(';').trim().to_ascii_uppercase().as_str()) {
        (Dialect::Sqlite, "BEGIN" | "BEGIN TRANSACTION") => Some("SAVEPOINT schemashift_rebuild"),
        (Dialect::Sqlite, "COMMIT" | "END" | "END TRANSACTION") => Some("RELEASE schemashift_rebuild"),
        _ => None,
    }
}

/// How to run the package with its tool: the commands the README prints and CI runs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ToolRun {
    /// What the tool's files are.
    pub files: String,
    /// The environment variable the commands take the database from: `DATABASE_URL`, or
    /// `JDBC_URL` / `SQITCH_TARGET` where the form differs from what `psql` takes.
    pub var: &'static str,
    /// Its value in the form this tool reads, for this engine.
    pub url: String,
    pub up: Vec<String>,
    /// The tool's own check after up (`sqitch verify`, `liquibase validate`).
    pub check: Vec<String>,
    /// The command that undoes the migration...
    pub down: String,
    /// ...run this many times (tools whose rollback undoes one migration file per run).
    pub down_times: usize,
    /// Caveats of this tool for this engine.
    pub note: String,
}

/// The commands of `format` for `m`; `None` for the plain format (psql/mysql/sqlite3 files).
pub fn tool_run(m: &Migration, format: Format) -> Option<ToolRun> {
    let d = m.target.dialect;
    // Counted as the package writes them: with the step log's statements (`step_log.rs`).
    let n = format_units(&super::step_log::apply(m, ""), format).len();
    let pick = |pg: &str, my: &str, lite: &str| match d {
        Dialect::Postgres => pg.to_string(),
        Dialect::Mysql => my.to_string(),
        Dialect::Sqlite => lite.to_string(),
    };
    let run = match format {
        Format::Plain => return None,
        Format::GolangMigrate => ToolRun {
            files: "`migrations/N_name.up.sql` / `.down.sql`; each file is sent as one query, so a statement that \
                    must run outside a transaction is a version of its own."
                .into(),
            var: "DATABASE_URL",
            url: pick(
                "postgres://user:pass@host:5432/db?sslmode=disable",
                "mysql://user:pass@tcp(host:3306)/db?multiStatements=true",
                "sqlite3://path/to/app.db?x-no-tx-wrap=true",
            ),
            up: vec!["migrate -path migrations -database \"$DATABASE_URL\" up".into()],
            check: Vec::new(),
            down: format!("migrate -path migrations -database \"$DATABASE_URL\" down {n}"),
            down_times: 1,
            note: pick(
                "",
                "MySQL needs `multiStatements=true` in the URL.",
                "`x-no-tx-wrap=true`: the files carry their own `BEGIN`/`COMMIT` (a table rebuild must switch foreign keys off outside a transaction).",
            ),
        },
        Format::Flyway => ToolRun {
            files: "`migrations/V…__name.sql` (migrate) and `U…__name.sql` (undo, Flyway Teams/Enterprise); a script \
                    that must run outside a transaction has a `.sql.conf` with `executeInTransaction=false`."
                .into(),
            var: "JDBC_URL",
            url: pick("jdbc:postgresql://host:5432/db?user=u&password=p", "jdbc:mariadb://host:3306/db?user=u&password=p", "jdbc:sqlite:path/to/app.db"),
            up: vec!["flyway -locations=filesystem:migrations -url=\"$DATABASE_URL\" migrate".into()],
            check: vec!["flyway -locations=filesystem:migrations -url=\"$DATABASE_URL\" validate".into()],
            down: "flyway -locations=filesystem:migrations -url=\"$DATABASE_URL\" undo".into(),
            down_times: n,
            note: String::new(),
        },
        Format::Dbmate => ToolRun {
            files: "`migrations/N_name.sql` with `-- migrate:up` and `-- migrate:down` sections; dbmate sends a \
                    section as one query, so a statement that must run outside a transaction is a file of its own."
                .into(),
            var: "DATABASE_URL",
            url: pick("postgres://user:pass@host:5432/db?sslmode=disable", "mysql://user:pass@host:3306/db", "sqlite:path/to/app.db"),
            up: vec!["dbmate --url \"$DATABASE_URL\" --migrations-dir migrations --no-dump-schema up".into()],
            check: Vec::new(),
            down: "dbmate --url \"$DATABASE_URL\" --migrations-dir migrations --no-dump-schema rollback".into(),
            down_times: n,
            note: String::new(),
        },
        Format::Goose => ToolRun {
            files: "`migrations/N_name.sql` with `-- +goose Up` / `-- +goose Down`.".into(),
            var: "DATABASE_URL",
            url: pick("postgres://user:pass@host:5432/db?sslmode=disable", "user:pass@tcp(host:3306)/db", "path/to/app.db"),
            up: vec![format!("goose -dir migrations {} \"$DATABASE_URL\" up", pick("postgres", "mysql", "sqlite3"))],
            check: Vec::new(),
            down: format!("goose -dir migrations {} \"$DATABASE_URL\" down", pick("postgres", "mysql", "sqlite3")),
            down_times: n,
            note: String::new(),
        },
        Format::Sqitch => ToolRun {
            files: "`sqitch.conf`, `sqitch.plan`, and `deploy/`, `revert/`, `verify/` (verify is `validate.sql`).".into(),
            var: "SQITCH_TARGET",
            url: pick("db:pg://user:pass@host:5432/db", "db:mysql://user:pass@host:3306/db", "db:sqlite:path/to/app.db"),
            up: vec!["sqitch deploy \"$DATABASE_URL\"".into()],
            check: vec!["sqitch verify \"$DATABASE_URL\"".into()],
            down: "sqitch revert -y \"$DATABASE_URL\"".into(),
            down_times: 1,
            note: String::new(),
        },
        Format::Liquibase => ToolRun {
            files: format!("`migrations/changelog.sql` (Liquibase formatted SQL): {n} changeset(s), each with its `--rollback`."),
            var: "JDBC_URL",
            url: pick("jdbc:postgresql://host:5432/db?user=u&password=p", "jdbc:mariadb://host:3306/db?user=u&password=p", "jdbc:sqlite:path/to/app.db"),
            up: vec!["liquibase --changelog-file=migrations/changelog.sql --url=\"$DATABASE_URL\" update".into()],
            check: vec!["liquibase --changelog-file=migrations/changelog.sql --url=\"$DATABASE_URL\" validate".into()],
            down: format!("liquibase --changelog-file=migrations/changelog.sql --url=\"$DATABASE_URL\" rollback-count --count={n}"),
            down_times: 1,
            note: pick("", "", "The SQLite JDBC driver logs through slf4j: `slf4j-api` (and a binding such as `slf4j-nop`) must be on Liquibase's class path (`lib/`)."),
        },
        Format::Atlas => ToolRun {
            files: "`migrations/` with `atlas.sum`; Atlas plans down migrations itself (`down.sql` is the reverse, for review).".into(),
            var: "DATABASE_URL",
            url: pick("postgres://user:pass@host:5432/db?sslmode=disable", "mysql://user:pass@host:3306/db", "sqlite://path/to/app.db"),
            up: vec!["atlas migrate apply --dir file://migrations --url \"$DATABASE_URL\"".into()],
            check: vec!["atlas migrate validate --dir file://migrations".into()],
            down: format!("atlas migrate down --dir file://migrations --url \"$DATABASE_URL\" --dev-url \"$DEV_URL\" {n}"),
            down_times: 1,
            note: String::new(),
        },
        Format::Prisma => ToolRun {
            files: "`schema.prisma` (the datasource only) and `migrations/{version}_{name}/migration.sql` with \
                    `migrations/migration_lock.toml`; Prisma sends each `migration.sql` as one script, so a statement \
                    that must run outside a transaction is a folder of its own. Prisma has no down migrations: each \
                    folder's `down.sql` is its reverse, run with `prisma db execute` (Prisma's guide \"Generating down \
                    migrations\"), newest folder first."
                .into(),
            var: "DATABASE_URL",
            url: pick("postgresql://user:pass@host:5432/db", "mysql://user:pass@host:3306/db", "file:/path/to/app.db"),
            up: vec!["npx prisma migrate deploy --schema schema.prisma".into()],
            check: vec!["npx prisma migrate status --schema schema.prisma".into()],
            down: "( for d in $(ls -r -d migrations/*/); do npx prisma db execute --schema schema.prisma --file \"${d}down.sql\" || exit 1; done )".into(),
            down_times: 1,
            note: "Prisma records applied folders in `_prisma_migrations` and `prisma migrate resolve --rolled-back` \
                   accepts only a FAILED one: after a failed `migrate deploy`, run that folder's `down.sql` (and those of \
                   the folders of this package it applied, newest first), then `npx prisma migrate resolve --rolled-back \
                   <folder> --schema schema.prisma`, fix, and deploy again. After a successful deploy, Prisma's way \
                   back is a new migration: generate it with schemashift from AFTER to BEFORE."
                .into(),
        },
        Format::Numbered => {
            let cmd = |f: &str| super::runbook::command(d, f);
            ToolRun {
                files: "`migrations/NNNN_name.up.sql` / `.down.sql`, numbered from `--version` (pass your pipeline's \
                        next number); each file is run by the engine's own client, numbers ascending on the way up and \
                        descending on the way down."
                    .into(),
                var: match d {
                    Dialect::Postgres => "DATABASE_URL",
                    Dialect::Mysql => "DB_NAME",
                    Dialect::Sqlite => "DB_FILE",
                },
                url: pick("postgres://user:pass@host:5432/db", "db (host and user from ~/.my.cnf)", "path/to/app.db"),
                up: vec![format!("( for f in migrations/*.up.sql; do {} || exit 1; done )", cmd("\"$f\""))],
                check: Vec::new(),
                down: format!("( for f in $(ls -r migrations/*.down.sql); do {} || exit 1; done )", cmd("\"$f\"")),
                down_times: 1,
                note: String::new(),
            }
        }
    };
    let with_var = |c: &str| c.replace("$DATABASE_URL", &format!("${}", run.var));
    Some(ToolRun {
        up: run.up.iter().map(|c| with_var(c)).collect(),
        check: run.check.iter().map(|c| with_var(c)).collect(),
        down: with_var(&run.down),
        ..run.clone()
    })
}

/// The README section on running the package with its tool.
pub fn tool_section(m: &Migration, format: Format) -> String {
    let Some(run) = tool_run(m, format) else {
        return String::new();
    };
    let mut o = format!(
        "### With {}

{}

`{}` looks like `{}`.

Up",
        format.tool(),
        run.files,
        run.var,
        run.url
    );
    if !run.check.is_empty() {
        o.push_str(", then the tool's own check");
    }
    o.push_str(
        ":

",
    );
    for c in run.up.iter().chain(&run.check) {
        o.push_str(&format!(
            "    {c}
"
        ));
    }
    o.push_str(
        "
Down",
    );
    if run.down_times > 1 {
        o.push_str(&format!(" (run it {} times: each run undoes one migration file, newest first)", run.down_times));
    }
    o.push_str(&format!(
        ":

    {}
",
        run.down
    ));
    if !run.note.is_empty() {
        o.push_str(&format!(
            "
{}
",
            run.note
        ));
    }
    o
}

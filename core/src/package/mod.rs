//! The migration package: the files a DBA downloads (scripts, checks, runbook) in the layout
//! of a migration tool, and the zip that holds them.
//!
//! `build` turns a `Migration` into a `Package` (path → bytes, sorted) holding ONE layout of
//! the migration: the plain scripts (`up.sql`, `down.sql`, `up/` `down/` parts) for the plain
//! format, the tool's own files (`migrations/`, or Sqitch's `deploy/ revert/ verify/`) for a
//! tool format; beside it the shared documents and checks (`precheck.sql`, `table-sizes.sql`,
//! `validate.sql`, `validate_down.sql`, `monitoring.sql`, `test-data.sql`, `README.md`...).
//! Nothing reads a clock: the caller passes the version stamp (`utc_version` turns the current
//! time it read into the `YYYYMMDDHHMMSS` stamp the tools sort by).

mod catalog;
mod checks;
mod data_files;
mod definitions;
pub(crate) mod deploy;
mod environments;
pub mod formats;
pub mod hash;
pub mod line_diff;
mod monitoring;
pub mod osc;
mod parts;
mod precheck;
mod runbook;
pub mod step_log;
mod table_sizes;
mod test_data;
mod validate;
pub mod zip;

pub use data_files::backfill_files;
pub use definitions::definitions_sql;
pub use parts::{pair, split, Part, Unit};
// What the playground's Verify runs besides up and down (the package's files of the same name).
pub use precheck::precheck_sql;
pub use test_data::seed_sql;
pub use validate::validate_sql;

use crate::Migration;
use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

/// The layout of the package.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Format {
    Plain,
    GolangMigrate,
    Flyway,
    Dbmate,
    Goose,
    Sqitch,
    Liquibase,
    Atlas,
    Prisma,
    Numbered,
}

impl Format {
    pub const ALL: [Format; 10] = [
        Format::Plain,
        Format::GolangMigrate,
        Format::Flyway,
        Format::Dbmate,
        Format::Goose,
        Format::Sqitch,
        Format::Liquibase,
        Format::Atlas,
        Format::Prisma,
        Format::Numbered,
    ];

    /// The name `--format` takes.
    pub fn name(self) -> &'static str {
        match self {
            Format::Plain => "plain",
            Format::GolangMigrate => "golang-migrate",
            Format::Flyway => "flyway",
            Format::Dbmate => "dbmate",
            Format::Goose => "goose",
            Format::Sqitch => "sqitch",
            Format::Liquibase => "liquibase",
            Format::Atlas => "atlas",
            Format::Prisma => "prisma",
            Format::Numbered => "numbered",
        }
    }

    /// The tool's name as people write it.
    pub fn tool(self) -> &'static str {
        match self {
            Format::Plain => "plain SQL",
            Format::GolangMigrate => "golang-migrate",
            Format::Flyway => "Flyway",
            Format::Dbmate => "dbmate",
            Format::Goose => "goose",
            Format::Sqitch => "Sqitch",
            Format::Liquibase => "Liquibase",
            Format::Atlas => "Atlas",
            Format::Prisma => "Prisma Migrate",
            Format::Numbered => "numbered SQL files",
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Format {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        let wanted = s.trim().to_ascii_lowercase();
        Format::ALL.into_iter().find(|f| f.name() == wanted).ok_or_else(|| {
            let names: Vec<&str> = Format::ALL.iter().map(|f| f.name()).collect();
            format!("unknown format `{s}` (expected one of {})", names.join(", "))
        })
    }
}

/// How to lay the package out.
#[derive(Clone, Debug)]
pub struct PackageOptions {
    pub format: Format,
    /// The migration's version stamp (1 to 30 digits). Callers pass the current UTC time as
    /// `utc_version` writes it, so a new migration sorts after the ones a team already has.
    pub version: String,
    /// The migration's name (slugged). `None`: derived from the first change.
    pub name: Option<String>,
}

impl PackageOptions {
    pub fn new(format: Format, version: impl Into<String>) -> Self {
        PackageOptions { format, version: version.into(), name: None }
    }
}

/// The version stamp `YYYYMMDDHHMMSS` (UTC) of a time given in seconds since 1970-01-01 UTC
/// (the form dbmate, goose, golang-migrate, Flyway and Atlas sort by). The caller reads the clock.
pub fn utc_version(unix_seconds: u64) -> String {
    let days = (unix_seconds / 86_400) as i64;
    let secs = unix_seconds % 86_400;
    // Civil date from days since 1970-01-01 (H. Hinnant's `civil_from_days`).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}{month:02}{day:02}{:02}{:02}{:02}", secs / 3600, secs / 60 % 60, secs % 60)
}

/// The package: relative paths (with `/`) to file contents, in sorted order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Package {
    pub files: BTreeMap<String, Vec<u8>>,
}

impl Package {
    pub fn add(&mut self, path: impl Into<String>, text: impl Into<String>) {
        self.files.insert(path.into(), text.into().into_bytes());
    }

    /// The file as text (every file of a package is UTF-8).
    pub fn text(&self, path: &str) -> Option<&str> {
        self.files.get(path).and_then(|b| std::str::from_utf8(b).ok())
    }

    /// The package as one deterministic zip archive.
    pub fn zip(&self) -> Result<Vec<u8>, String> {
        zip::zip(&self.files)
    }
}

/// Version and name shared by every file of one package.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Meta {
    /// Digits only.
    pub version: String,
    /// Lower-case `[a-z0-9_]`, never empty.
    pub name: String,
}

impl Meta {
    /// The version of the `i`-th (0-based) migration of a multi-part package: the base version
    /// plus `i`, keeping its width.
    pub fn version_at(&self, i: usize) -> String {
        if i == 0 {
            return self.version.clone();
        }
        match self.version.parse::<u128>() {
            Ok(n) => format!("{:0width$}", n + i as u128, width = self.version.len()),
            Err(_) => format!("{}{i}", self.version),
        }
    }
}

/// Build the package of `m` in the chosen format.
pub fn build(m: &Migration, options: &PackageOptions) -> Result<Package, String> {
    let meta = meta(m, options)?;
    let mut pkg = Package::default();
    let (osc_m, osc_runs) = with_osc(m);
    formats::plain::add_shared_files(&mut pkg, m, &meta, options.format, &osc_runs);
    let m = &osc_m;
    // The scripts of every layout log their steps (`step_log.rs`); the README and the checks
    // describe the migration itself (`formats::tool_run` counts the logged files).
    let logged = step_log::apply(m, &step_log::migration_id(&meta));
    let m = &logged;
    if let Some(line) = formats::misread_line(m, options.format) {
        return Err(format!(
            "{} cannot carry this migration: the line `{line}` of a statement (in a string or a body) would be read by \
             the tool as its own directive; choose another format",
            options.format.tool()
        ));
    }
    deploy::add(&mut pkg, m, &meta);
    match options.format {
        Format::Plain => formats::plain::add(&mut pkg, m),
        Format::GolangMigrate => formats::golang_migrate::add(&mut pkg, m, &meta),
        Format::Flyway => formats::flyway::add(&mut pkg, m, &meta),
        Format::Dbmate => formats::dbmate::add(&mut pkg, m, &meta),
        Format::Goose => formats::goose::add(&mut pkg, m, &meta),
        Format::Sqitch => formats::sqitch::add(&mut pkg, m, &meta),
        Format::Liquibase => formats::liquibase::add(&mut pkg, m, &meta),
        Format::Atlas => formats::atlas::add(&mut pkg, m, &meta),
        Format::Prisma => formats::prisma::add(&mut pkg, m, &meta),
        Format::Numbered => formats::numbered::add(&mut pkg, m, &meta),
    }
    if let Some(o) = m.osc {
        osc::add(&mut pkg, m, o, &osc_runs, &meta);
    }
    Ok(pkg)
}

/// The check scripts at every package's root: pre-checks (before up) and validations (after up,
/// after down).
pub const CHECK_FILES: [&str; 3] = ["precheck.sql", "validate.sql", "validate_down.sql"];

/// The text of check script `path` (one of `CHECK_FILES`) of `m`'s package; `osc`: what the
/// online schema change tool runs (its live checks end `precheck.sql`).
fn check_file(m: &Migration, path: &str, osc: &osc::Decision) -> String {
    match path {
        "precheck.sql" => {
            let mut pre = precheck::precheck_sql(m);
            if let Some(o) = m.osc {
                pre.push_str(&osc::precheck(m, o, osc));
            }
            pre
        }
        "validate.sql" => validate::validate_sql(m.target, &m.after, &m.before, "validate"),
        _ => validate::validate_sql(m.target, &m.before, &m.after, "validate_down"),
    }
}

/// The files `paths` of `build(m, options)` when every one is a check script (`CHECK_FILES`),
/// made alone: the same bytes and the same errors as the whole package's, without the rest (at
/// 10,000 tables the package is ~420 MB and takes seconds; its `precheck.sql` ~120 KB).
/// `None` when a path is not a check script.
pub fn build_checks(m: &Migration, options: &PackageOptions, paths: &[String]) -> Option<Result<Package, String>> {
    if paths.is_empty() || !paths.iter().all(|p| CHECK_FILES.contains(&p.as_str())) {
        return None;
    }
    Some(meta(m, options).map(|_| {
        let osc = match m.osc {
            Some(o) if paths.iter().any(|p| p == "precheck.sql") => osc::apply(m, o).1,
            _ => osc::Decision::default(),
        };
        let mut pkg = Package::default();
        for path in paths {
            pkg.add(path.clone(), check_file(m, path, &osc));
        }
        pkg
    }))
}

/// Large tables' changes go to an online schema change tool (`--osc`): the scripts keep a guard.
fn with_osc(m: &Migration) -> (Migration, osc::Decision) {
    match m.osc {
        Some(o) => osc::apply(m, o),
        None => (m.clone(), osc::Decision::default()),
    }
}

/// The package of the same migration generated for several environments (`--env dev,prod`):
/// the package of `envs[0]`, plus every environment's scripts under `environments/` and their
/// comparison (`environments.rs`). One environment: the same as `build`.
pub fn build_environments(envs: &[Migration], options: &PackageOptions) -> Result<Package, String> {
    let first = envs.first().ok_or("no environment to package")?;
    let mut pkg = build(first, options)?;
    environments::add(&mut pkg, envs, &meta(first, options)?)?;
    Ok(pkg)
}

fn meta(m: &Migration, options: &PackageOptions) -> Result<Meta, String> {
    let version = options.version.trim();
    if version.is_empty() || !version.bytes().all(|b| b.is_ascii_digit()) || version.len() > 30 {
        return Err(format!("migration version `{version}` must be 1 to 30 digits"));
    }
    let version = version.to_string();
    let name = match &options.name {
        Some(n) => slug(n),
        None => default_name(m),
    };
    let name = if name.is_empty() { "migration".to_string() } else { name };
    Ok(Meta { version, name })
}

fn default_name(m: &Migration) -> String {
    let Some(first) = m.up.first() else {
        return "no_changes".to_string();
    };
    let mut name = first.change.op();
    if let Some(t) = first.change.table() {
        name.push('_');
        name.push_str(&t.name);
    }
    if m.up.len() > 1 {
        name.push_str("_and_more");
    }
    slug(&name)
}

/// Lower-case ASCII letters, digits and single underscores, at most 60 characters.
pub fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('_') && !out.is_empty() {
            out.push('_');
        }
    }
    let mut out: String = out.trim_end_matches('_').chars().take(60).collect();
    while out.ends_with('_') {
        out.pop();
    }
    out
}

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tool_reading_tests;

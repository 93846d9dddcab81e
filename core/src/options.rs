//! Option values given as text (table sizes, target version), read the same way for the CLI,
//! the playground and the JS API. A value that does not read is never ignored: it becomes an
//! options diagnostic (an error, so the result is blocked, see `blocked.rs`) naming its line.

use crate::{Diagnostic, Dialect, Flavor, Options, Target};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The options as a user gives them: one type for the CLI (`cli/args.rs` fills it from its
/// flags and the files they name), the JavaScript API (`options` of `generate` and `package`,
/// snake_case or camelCase) and the playground (its worker request carries it). `to_options`
/// reads it into `Options` the same way for all three: a value that does not read is an options
/// error of the result (blocked), never a guess.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct OptionValues {
    /// `--target-version`; empty: the dialect's (or the flavor's) default.
    #[serde(alias = "targetVersion")]
    pub target_version: String,
    /// `--flavor` (`cockroachdb`, `tidb`...); empty: the one the target version names.
    pub flavor: String,
    #[serde(alias = "zeroDowntime")]
    pub zero_downtime: bool,
    #[serde(alias = "preserveData")]
    pub preserve_data: bool,
    /// `--owners`: diff object owners.
    pub owners: bool,
    /// `--no-step-log`: package scripts without the step log.
    #[serde(alias = "noStepLog")]
    pub no_step_log: bool,
    /// `--rename` values (`table.old=new`, `old=new`).
    pub renames: Vec<String>,
    /// `--not-rename` values: suggestions answered "not a rename".
    #[serde(alias = "notRenames")]
    pub not_renames: Vec<String>,
    /// `--copy` values (`dest=src [where cond]`): data moves accepted.
    pub copies: Vec<String>,
    /// `--no-copy` values (the destination table): data moves declined.
    #[serde(alias = "noCopies")]
    pub no_copies: Vec<String>,
    /// Row counts by table, as a map (the JS API).
    #[serde(alias = "tableSizes")]
    pub table_sizes: BTreeMap<String, u64>,
    /// Row counts as the `--table-sizes` file has them (the CLI reads the file into it, the
    /// page's field is typed in it); added to `table_sizes`.
    #[serde(alias = "tableSizesText")]
    pub table_sizes_text: String,
    /// `--speed-factor` (`calibrate.sql` prints it), as text or a number; empty: 1.
    #[serde(alias = "speedFactor", deserialize_with = "text_or_number")]
    pub speed_factor: String,
    /// `--osc`: `gh-ost` or `pt-osc` (MySQL/MariaDB; empty: off), with `--osc-all` and
    /// `--osc-min-rows` (as text or a number).
    pub osc: String,
    #[serde(alias = "oscAll")]
    pub osc_all: bool,
    #[serde(alias = "oscMinRows", deserialize_with = "text_or_number")]
    pub osc_min_rows: String,
    /// `--env`: a built-in environment profile (`dev`, `staging`, `prod`).
    pub env: String,
    /// `--env-file`: a profile's text (the CLI reads the file into it).
    #[serde(alias = "envText")]
    pub env_text: String,
}

/// A JSON string or number, as text (`speedFactor: 1.5` or `"1.5"`).
fn text_or_number<'de, D: serde::Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Given {
        Text(String),
        Number(f64),
        Nothing(()),
    }
    Ok(match Given::deserialize(d)? {
        Given::Text(t) => t,
        Given::Number(n) => n.to_string(),
        Given::Nothing(()) => String::new(),
    })
}

impl OptionValues {
    /// The core's options. A target version, table-size line or speed factor that does not
    /// read is an options error in them (the result is blocked); an environment profile that
    /// does not read is the error returned (there is no result without its settings).
    pub fn to_options(&self, dialect: Dialect) -> Result<Options, String> {
        let mut options = Options::new(dialect);
        if !self.flavor.trim().is_empty() || !self.target_version.trim().is_empty() {
            options.set_target(&self.flavor, &self.target_version);
        }
        if !self.table_sizes_text.trim().is_empty() {
            options.set_table_sizes(&self.table_sizes_text);
        }
        options.table_sizes.extend(self.table_sizes.iter().map(|(t, n)| (t.clone(), *n)));
        if !self.speed_factor.trim().is_empty() {
            options.set_speed_factor(&self.speed_factor);
        }
        options.zero_downtime = self.zero_downtime;
        options.preserve_data = self.preserve_data;
        options.owners = self.owners;
        options.step_log = !self.no_step_log;
        options.renames = self.renames.clone();
        options.not_renames = self.not_renames.clone();
        options.copies = self.copies.clone();
        options.no_copies = self.no_copies.clone();
        options.set_osc(&self.osc, self.osc_all, &self.osc_min_rows);
        let profile = match (self.env.trim(), self.env_text.trim()) {
            ("", "") => None,
            (name, "") => Some(crate::profile::Profile::named(name)?),
            ("", text) => Some(crate::profile::Profile::parse(text)?),
            _ => return Err("--env and --env-file are exclusive".into()),
        };
        if let Some(p) = profile {
            p.apply(&mut options);
        }
        Ok(options)
    }
}

/// Table sizes read from the `--table-sizes` text, with a diagnostic per bad line.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TableSizes {
    pub sizes: BTreeMap<String, u64>,
    /// Sizes in bytes, for the lines that give them after the row count.
    pub bytes: BTreeMap<String, crate::estimate::TableBytes>,
    /// Errors, each at the line of the sizes text it is about (column 1).
    pub diagnostics: Vec<Diagnostic>,
}

/// Column titles a first line may carry instead of a count (the header `table-sizes.sql`'s
/// query prints: `table_name row_count`, or a hand-written `table rows`).
const COUNT_HEADERS: [&str; 7] = ["rows", "row_count", "count", "table_rows", "reltuples", "total_bytes", "index_bytes"];

/// Read `table rows [total_bytes [index_bytes]]` lines (space, tab, comma or `|` separated;
/// `#` comments; an optional header line whose count column is titled, e.g. `table_name
/// row_count`). The bytes are the table's with its indexes, then its indexes alone
/// (`table-sizes.sql` prints them), for the duration estimates.
pub fn parse_table_sizes(text: &str) -> TableSizes {
    let mut out = TableSizes::default();
    let mut first = true;
    for (i, line) in text.lines().enumerate() {
        let line = line.split('#').next().unwrap_or("").trim();
        if line.is_empty() {
            continue;
        }
        let header = std::mem::take(&mut first);
        let parts: Vec<&str> = line.split([',', '|', '\t', ' ']).map(str::trim).filter(|p| !p.is_empty()).collect();
        let bad = |msg: String| Diagnostic::error(i + 1, 1, format!("table sizes, line {}: {msg}", i + 1));
        // Up to three trailing numbers: rows, total bytes, index bytes.
        let numbers = parts.iter().rev().take(3).take_while(|p| p.parse::<u64>().is_ok()).count();
        let numbers = numbers.min(parts.len().saturating_sub(1));
        let (parts, sizes) = parts.split_at(parts.len() - numbers.saturating_sub(1).min(2));
        let Some((count, table)) = parts.split_last().filter(|(_, t)| !t.is_empty()) else {
            out.diagnostics.push(bad(format!("`{line}`: expected `table rows` (a table name and its row count)")));
            continue;
        };
        if header
            && count.parse::<u64>().is_err()
            && parts.iter().chain(sizes).any(|p| COUNT_HEADERS.contains(&p.to_ascii_lowercase().as_str()))
        {
            continue;
        }
        match count.parse::<u64>() {
            Ok(n) => {
                out.sizes.insert(table.join("."), n);
                let bytes: Vec<u64> = sizes.iter().filter_map(|p| p.parse().ok()).collect();
                if let Some(total) = bytes.first() {
                    out.bytes.insert(table.join("."), crate::estimate::TableBytes { total: *total, indexes: bytes.get(1).copied() });
                }
            }
            Err(_) => out
                .diagnostics
                .push(bad(format!("`{count}` is not a row count for `{}` (expected a whole number, 0 or more)", table.join(".")))),
        }
    }
    out
}

/// A speed factor in thousandths (`1.25` → 1250), between 0.001 and 1000.
pub fn parse_speed_factor(text: &str) -> Option<u64> {
    let t = text.trim();
    let (whole, frac) = t.split_once('.').unwrap_or((t, ""));
    if whole.is_empty() && frac.is_empty() || !whole.bytes().chain(frac.bytes()).all(|b| b.is_ascii_digit()) {
        return None;
    }
    let whole: u64 = if whole.is_empty() { 0 } else { whole.parse().ok()? };
    let digits: String = frac.chars().chain("000".chars()).take(3).collect();
    let permille = whole.checked_mul(1000)? + digits.parse::<u64>().ok()?;
    (1..=1_000_000).contains(&permille).then_some(permille)
}

/// Read `--target-version` (empty: the dialect's default).
pub fn parse_target(dialect: Dialect, text: &str) -> Result<Target, Diagnostic> {
    if text.trim().is_empty() {
        return Ok(Target::default_for(dialect));
    }
    Target::parse(dialect, text).map_err(|e| Diagnostic::error(1, 1, format!("target version: {e}")))
}

/// Read `--flavor` and `--target-version` together (either may be empty): the flavor's default
/// version, or the version read as a release of the flavor (a prefixed version names its own).
pub fn parse_flavored_target(dialect: Dialect, flavor: &str, version: &str) -> Result<Target, Diagnostic> {
    if flavor.trim().is_empty() {
        return parse_target(dialect, version);
    }
    let f = Flavor::parse(dialect, flavor).map_err(|e| Diagnostic::error(1, 1, format!("flavor: {e}")))?;
    if version.trim().is_empty() {
        return Ok(Target::of(f));
    }
    let t = Target::parse_for(f, version).map_err(|e| Diagnostic::error(1, 1, format!("target version: {e}")))?;
    if !f.accepts_version_of(t.flavor) {
        return Err(Diagnostic::error(1, 1, format!("target version `{}` is not a {} version", version.trim(), f.label())));
    }
    Ok(t)
}

impl Options {
    /// Set the flavor (`--flavor`) and the target version together; an invalid pair keeps the
    /// dialect's default target and records an options error (the result is blocked).
    pub fn set_target(&mut self, flavor: &str, version: &str) {
        match parse_flavored_target(self.target.dialect, flavor, version) {
            Ok(t) => self.target = t,
            Err(d) => {
                self.target = Target::default_for(self.target.dialect);
                self.problems.push(d);
            }
        }
    }

    /// Set the target version from its text; an invalid one keeps the dialect's default target
    /// and records an options error (the result is blocked, never silently "no changes").
    pub fn set_target_version(&mut self, text: &str) {
        match parse_target(self.target.dialect, text) {
            Ok(t) => self.target = t,
            Err(d) => {
                self.target = Target::default_for(self.target.dialect);
                self.problems.push(d);
            }
        }
    }

    /// Set `--speed-factor` (`calibrate.sql`'s `speed_factor`: a decimal above 0, e.g. `2.5`);
    /// a bad value is an options error and keeps 1.
    pub fn set_speed_factor(&mut self, text: &str) {
        match parse_speed_factor(text) {
            Some(p) => self.speed_permille = p,
            None => {
                self.speed_permille = 1000;
                self.problems.push(Diagnostic::error(
                    1,
                    1,
                    format!("speed factor: `{}` is not a number above 0 (calibrate.sql prints it, e.g. 1.8)", text.trim()),
                ));
            }
        }
    }

    /// Set `--osc TOOL` (`gh-ost`, `pt-osc`; empty: off), `--osc-all` and `--osc-min-rows N`
    /// (empty: 1,000,000); a bad value is an options error and leaves the strategy off.
    pub fn set_osc(&mut self, tool: &str, all: bool, min_rows: &str) {
        if tool.trim().is_empty() {
            self.osc = None;
            return;
        }
        let min = match min_rows.trim() {
            "" => Ok(None),
            n => n.replace('_', "").parse::<u64>().map(Some).map_err(|_| format!("--osc-min-rows: `{n}` is not a row count")),
        };
        match min.and_then(|min| crate::package::osc::Osc::parse(tool, all, min)) {
            Ok(o) => self.osc = Some(o),
            Err(e) => {
                self.osc = None;
                self.problems.push(Diagnostic::error(1, 1, format!("osc: {e}")));
            }
        }
    }

    /// Set the table sizes from the `--table-sizes` text; bad lines are options errors.
    pub fn set_table_sizes(&mut self, text: &str) {
        let read = parse_table_sizes(text);
        self.table_sizes = read.sizes;
        self.table_bytes = read.bytes;
        self.problems.extend(read.diagnostics);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{generate, BlockKind, Side};

    #[test]
    fn reads_sizes_and_reports_bad_lines() {
        let r = parse_table_sizes("table_name row_count\npublic.users 5000000\norders,12 # comment\n\n");
        assert!(r.diagnostics.is_empty(), "{:?}", r.diagnostics);
        assert_eq!(r.sizes.get("public.users"), Some(&5_000_000));
        assert_eq!(r.sizes.get("orders"), Some(&12));
        assert!(r.bytes.is_empty());
        let r = parse_table_sizes(
            "table_name row_count total_bytes index_bytes\npublic.users 5000000 900000000 200000000\norders 7 8192\nrows 5\n",
        );
        assert!(r.diagnostics.is_empty(), "{:?}", r.diagnostics);
        assert_eq!(r.sizes.get("public.users"), Some(&5_000_000));
        let users = crate::estimate::TableBytes { total: 900_000_000, indexes: Some(200_000_000) };
        assert_eq!(r.bytes.get("public.users"), Some(&users));
        assert_eq!(r.bytes.get("orders"), Some(&crate::estimate::TableBytes { total: 8192, indexes: None }));
        assert_eq!(r.sizes.get("rows"), Some(&5));
        for (text, line) in [("users lots", 1), ("a 1\nusers -5", 2), ("a 1\n\nusers", 3), ("a 1\nb 2\nc 1.5", 3)] {
            let r = parse_table_sizes(text);
            assert_eq!(r.diagnostics.len(), 1, "{text}");
            assert_eq!(r.diagnostics[0].line, line, "{text}");
            assert!(r.diagnostics[0].is_error());
        }
    }

    /// One options type: the JS API's camelCase, the worker's snake_case and the CLI's flags
    /// (filled field by field in `cli/args.rs`) read into the same `Options`.
    #[test]
    fn option_values_read_the_same_from_every_caller() {
        let camel: OptionValues = serde_json::from_str(
            r#"{"targetVersion":"16","zeroDowntime":true,"preserveData":true,"owners":true,"noStepLog":true,"renames":["t.a=b"],
                "notRenames":["t.x=y"],"copies":["n=o"],"noCopies":["m"],"tableSizes":{"t":5},"tableSizesText":"u 7","speedFactor":2,"env":"prod"}"#,
        )
        .unwrap_or_default();
        let snake: OptionValues = serde_json::from_str(&serde_json::to_string(&camel).unwrap_or_default()).unwrap_or_default();
        assert_eq!(camel, snake);
        let o = camel.to_options(Dialect::Postgres).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(o.target.version, (16, 0));
        assert!(o.zero_downtime && o.preserve_data && o.owners && !o.step_log);
        assert_eq!((o.renames.len(), o.not_renames.len(), o.copies.len(), o.no_copies.len()), (1, 1, 1, 1));
        assert_eq!((o.table_sizes.get("t"), o.table_sizes.get("u")), (Some(&5), Some(&7)));
        assert_eq!(o.speed_permille, 2000);
        assert!(o.env.is_some() && o.problems.is_empty(), "{:?}", o.problems);
        let both = OptionValues { env: "prod".into(), env_text: "name = x".into(), ..OptionValues::default() };
        assert!(both.to_options(Dialect::Postgres).is_err());
        let bad = OptionValues { speed_factor: "fast".into(), target_version: "banana".into(), ..OptionValues::default() };
        assert_eq!(bad.to_options(Dialect::Postgres).map(|o| o.problems.len()).unwrap_or_default(), 2);
    }

    #[test]
    fn bad_options_block_the_result() {
        let mut o = Options::new(Dialect::Postgres);
        o.set_target_version("banana");
        o.set_table_sizes("users 10\nusers lots\n");
        assert_eq!(o.target, Target::default_for(Dialect::Postgres));
        let m = generate("CREATE TABLE users (id int);", "CREATE TABLE users (id int);", &o);
        assert!(m.is_blocked());
        let reasons: Vec<_> = m.blocked.iter().map(|b| (b.kind, b.side, b.line)).collect();
        assert_eq!(reasons, [(BlockKind::OptionError, Some(Side::Options), 1), (BlockKind::OptionError, Some(Side::Options), 2)]);
        assert!(m.blocked[0].message.contains("banana"), "{}", m.blocked[0].message);
    }

    #[test]
    fn a_flavor_with_or_without_a_version() {
        let mut o = Options::new(Dialect::Postgres);
        o.set_target("cockroachdb", "");
        assert_eq!(o.target, Target::of(Flavor::Cockroachdb));
        o.set_target("CockroachDB", "23.2");
        assert_eq!((o.target.flavor, o.target.version), (Flavor::Cockroachdb, (23, 2)));
        o.set_target("", "16");
        assert_eq!((o.target.flavor, o.target.version), (Flavor::Postgres, (16, 0)));
        assert!(o.problems.is_empty());
        o.set_target("yugabytedb", "cockroachdb-24.1");
        o.set_target("tidb", "");
        assert_eq!(o.problems.len(), 2, "{:?}", o.problems);
        assert_eq!(o.target, Target::default_for(Dialect::Postgres));
        let mut m = Options::new(Dialect::Mysql);
        m.set_target("mysql", "10.11");
        assert_eq!(m.target.flavor, Flavor::Mariadb);
        m.set_target("vitess", "19");
        assert_eq!((m.target.flavor, m.target.version), (Flavor::Vitess, (19, 0)));
        assert!(m.problems.is_empty(), "{:?}", m.problems);
    }

    #[test]
    fn speed_factors() {
        assert_eq!(parse_speed_factor("1.8"), Some(1800));
        assert_eq!(parse_speed_factor(" 2 "), Some(2000));
        assert_eq!(parse_speed_factor(".25"), Some(250));
        assert_eq!(parse_speed_factor("0.0004"), None);
        for bad in ["", "0", "-1", "fast", "1,5", "1.2.3", "."] {
            assert_eq!(parse_speed_factor(bad), None, "{bad}");
        }
        let mut o = Options::new(Dialect::Postgres);
        o.set_speed_factor("fast");
        assert_eq!((o.speed_permille, o.problems.len()), (1000, 1));
    }

    #[test]
    fn an_empty_target_version_is_the_default() {
        let mut o = Options::new(Dialect::Mysql);
        o.set_target_version(" ");
        assert!(o.problems.is_empty());
        o.set_target_version("mysql-8.0");
        assert!(o.target.flavor == crate::Flavor::Mysql && o.problems.is_empty());
    }
}

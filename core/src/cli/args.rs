//! Argument parsing for the CLI (hand-written: the grammar is small and the binary stays lean).

use schemashift::{Dialect, Options, Target};
use std::collections::BTreeMap;

pub enum Output {
    Up,
    Down,
    Json,
    Package { dir: String, format: String },
}

pub struct Args {
    pub before: String,
    pub after: String,
    pub options: Options,
    pub output: Output,
}

pub const FORMATS: [&str; 8] =
    ["plain", "golang-migrate", "flyway", "dbmate", "goose", "sqitch", "liquibase", "atlas"];

impl Args {
    /// `Ok(None)` means help was asked for.
    pub fn parse(argv: &[String]) -> Result<Option<Args>, String> {
        let mut it = argv.iter().peekable();
        match it.next().map(String::as_str) {
            Some("diff") => {}
            Some("-h" | "--help" | "help") | None => return Ok(None),
            Some(other) => return Err(format!("unknown command `{other}` (expected `diff`)")),
        }
        let mut dialect: Option<Dialect> = None;
        let mut version: Option<String> = None;
        let mut files: Vec<String> = Vec::new();
        let (mut down, mut json) = (false, false);
        let mut out_dir: Option<String> = None;
        let mut format: Option<String> = None;
        let mut zero_downtime = false;
        let mut preserve_data = false;
        let mut owners = false;
        let mut renames = Vec::new();
        let mut sizes_file: Option<String> = None;

        while let Some(arg) = it.next() {
            let (flag, inline) = match arg.split_once('=') {
                Some((f, v)) if f.starts_with("--") => (f, Some(v.to_string())),
                _ => (arg.as_str(), None),
            };
            let mut value = |name: &str| -> Result<String, String> {
                match &inline {
                    Some(v) => Ok(v.clone()),
                    None => it.next().cloned().ok_or_else(|| format!("{name} needs a value")),
                }
            };
            match flag {
                "-h" | "--help" => return Ok(None),
                "--dialect" => dialect = Some(value("--dialect")?.parse()?),
                "--target-version" => version = Some(value("--target-version")?),
                "--down" => down = true,
                "--json" => json = true,
                "--out" => out_dir = Some(value("--out")?),
                "--format" => format = Some(value("--format")?),
                "--zero-downtime" => zero_downtime = true,
                "--preserve-data" => preserve_data = true,
                "--owners" => owners = true,
                "--rename" => renames.push(value("--rename")?),
                "--table-sizes" => sizes_file = Some(value("--table-sizes")?),
                f if f.starts_with("--") => return Err(format!("unknown option `{f}`")),
                _ => files.push(arg.clone()),
            }
        }
        let dialect = dialect.ok_or("--dialect is required (postgres, mysql or sqlite)")?;
        if files.len() != 2 {
            return Err(format!("expected BEFORE and AFTER files, got {} file argument(s)", files.len()));
        }
        if files[0] == "-" && files[1] == "-" {
            return Err("only one of BEFORE and AFTER can be `-` (stdin)".into());
        }
        if [down, json, out_dir.is_some()].iter().filter(|b| **b).count() > 1 {
            return Err("--down, --json and --out are exclusive".into());
        }
        if let Some(f) = &format {
            if out_dir.is_none() {
                return Err("--format applies to --out".into());
            }
            if !FORMATS.contains(&f.as_str()) {
                return Err(format!("unknown format `{f}` (expected one of {})", FORMATS.join(", ")));
            }
        }
        let target = match version {
            Some(v) => Target::parse(dialect, &v)?,
            None => Target::default_for(dialect),
        };
        let table_sizes = match sizes_file {
            Some(path) => read_sizes(&path)?,
            None => BTreeMap::new(),
        };
        let options = Options { target, zero_downtime, preserve_data, renames, table_sizes, owners };
        let output = if down {
            Output::Down
        } else if json {
            Output::Json
        } else if let Some(dir) = out_dir {
            Output::Package { dir, format: format.unwrap_or_else(|| "plain".into()) }
        } else {
            Output::Up
        };
        let mut files = files.into_iter();
        let before = files.next().unwrap_or_default();
        let after = files.next().unwrap_or_default();
        Ok(Some(Args { before, after, options, output }))
    }
}

/// Read `table rows` lines (space, tab or comma separated; `#` comments; a header line whose
/// count is not a number is skipped).
fn read_sizes(path: &str) -> Result<BTreeMap<String, u64>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read {path}: {e}"))?;
    schemashift::risk::parse_table_sizes(&text).map_err(|e| format!("{path}: {e}"))
}

//! Argument parsing for the CLI (hand-written: the grammar is small and the binary stays lean).

use schemashift::{Dialect, OptionValues, Options};

pub enum Output {
    Up,
    Down,
    Json,
    /// `version`/`name`: `--version` and `--name` (`None`: the current UTC time, the first change).
    Package {
        dir: String,
        format: String,
        version: Option<String>,
        name: Option<String>,
    },
}

pub struct Args {
    pub before: String,
    pub after: String,
    pub options: Options,
    pub output: Output,
    /// `--allow-errors`: print the migration of a blocked result anyway (still exit 1).
    pub allow_errors: bool,
    /// `--env a,b,...`: the options of every environment after the first (whose are `options`),
    /// packaged side by side under `environments/`.
    pub more_envs: Vec<Options>,
}

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
        let mut files: Vec<String> = Vec::new();
        let (mut down, mut json) = (false, false);
        let mut out_dir: Option<String> = None;
        let mut format: Option<String> = None;
        let mut package_version: Option<String> = None;
        let mut package_name: Option<String> = None;
        // The options as given (the type the JS API and the playground fill too).
        let mut given = OptionValues::default();
        let mut sizes_file: Option<String> = None;
        let mut allow_errors = false;
        let mut env_file: Option<String> = None;

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
                "--target-version" => given.target_version = value("--target-version")?,
                "--flavor" => given.flavor = value("--flavor")?,
                "--down" => down = true,
                "--json" => json = true,
                "--out" => out_dir = Some(value("--out")?),
                "--format" => format = Some(value("--format")?),
                "--version" => package_version = Some(value("--version")?),
                "--name" => package_name = Some(value("--name")?),
                "--zero-downtime" => given.zero_downtime = true,
                "--preserve-data" => given.preserve_data = true,
                "--owners" => given.owners = true,
                "--no-step-log" => given.no_step_log = true,
                "--osc" => given.osc = value("--osc")?,
                "--osc-all" => given.osc_all = true,
                "--osc-min-rows" => given.osc_min_rows = value("--osc-min-rows")?,
                "--allow-errors" => allow_errors = true,
                "--rename" => given.renames.push(value("--rename")?),
                "--not-rename" => given.not_renames.push(value("--not-rename")?),
                "--table-sizes" => sizes_file = Some(value("--table-sizes")?),
                "--speed-factor" => given.speed_factor = value("--speed-factor")?,
                "--copy" => given.copies.push(value("--copy")?),
                "--no-copy" => given.no_copies.push(value("--no-copy")?),
                "--env" => given.env = value("--env")?,
                "--env-file" => env_file = Some(value("--env-file")?),
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
            f.parse::<schemashift::package::Format>()?;
        }
        if (package_version.is_some() || package_name.is_some()) && out_dir.is_none() {
            return Err("--version and --name apply to --out".into());
        }
        if let Some(v) = &package_version {
            if v.is_empty() || v.len() > 30 || !v.bytes().all(|b| b.is_ascii_digit()) {
                return Err(format!("--version `{v}` must be 1 to 30 digits (e.g. 20240131120000)"));
            }
        }
        if package_name.as_ref().is_some_and(|n| schemashift::package::slug(n).is_empty()) {
            return Err("--name needs at least one letter or digit".into());
        }
        // Bad values are options errors in the result (blocked), as in the playground.
        if let Some(path) = sizes_file {
            given.table_sizes_text = std::fs::read_to_string(&path).map_err(|e| format!("cannot read {path}: {e}"))?;
        }
        if let Some(path) = &env_file {
            if !given.env.is_empty() {
                return Err("--env and --env-file are exclusive".into());
            }
            given.env_text = std::fs::read_to_string(path).map_err(|e| format!("cannot read {path}: {e}"))?;
            if given.env_text.trim().is_empty() {
                return Err(format!("{path} is empty: a profile file needs at least one `key = value` line (e.g. `base = prod`)"));
            }
        }
        if (given.osc_all || !given.osc_min_rows.is_empty()) && given.osc.is_empty() {
            return Err("--osc-all and --osc-min-rows apply to --osc".into());
        }
        // `--env a,b,...`: the options of each environment, the first one's are `options`.
        let names: Vec<String> = given.env.split(',').map(str::to_string).collect();
        if names.len() > 1 && out_dir.is_none() {
            return Err("several environments (--env a,b) need --out: they are packaged side by side".into());
        }
        let read = |env: &str| {
            OptionValues { env: env.to_string(), ..given.clone() }.to_options(dialect).map_err(|e| match &env_file {
                Some(path) => format!("{path}: {e}"),
                None => e,
            })
        };
        let options = read(names.first().map_or("", String::as_str))?;
        let more_envs = names.iter().skip(1).map(|n| read(n)).collect::<Result<Vec<_>, _>>()?;
        let output = if down {
            Output::Down
        } else if json {
            Output::Json
        } else if let Some(dir) = out_dir {
            Output::Package { dir, format: format.unwrap_or_else(|| "plain".into()), version: package_version, name: package_name }
        } else {
            Output::Up
        };
        let mut files = files.into_iter();
        let before = files.next().unwrap_or_default();
        let after = files.next().unwrap_or_default();
        Ok(Some(Args { before, after, options, output, allow_errors, more_envs }))
    }
}

//! Argument parsing for the CLI (hand-written: the grammar is small and the binary stays lean).

use schemashift::{Dialect, Options};

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
        let mut version: Option<String> = None;
        let mut flavor: Option<String> = None;
        let mut files: Vec<String> = Vec::new();
        let (mut down, mut json) = (false, false);
        let mut out_dir: Option<String> = None;
        let mut format: Option<String> = None;
        let mut package_version: Option<String> = None;
        let mut package_name: Option<String> = None;
        let mut zero_downtime = false;
        let mut preserve_data = false;
        let mut owners = false;
        let mut step_log = true;
        let (mut osc, mut osc_all, mut osc_min_rows) = (String::new(), false, String::new());
        let mut renames = Vec::new();
        let mut not_renames = Vec::new();
        let mut sizes_file: Option<String> = None;
        let mut speed_factor: Option<String> = None;
        let (mut copies, mut no_copies) = (Vec::new(), Vec::new());
        let mut allow_errors = false;
        let (mut env, mut env_file): (Option<String>, Option<String>) = (None, None);

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
                "--flavor" => flavor = Some(value("--flavor")?),
                "--down" => down = true,
                "--json" => json = true,
                "--out" => out_dir = Some(value("--out")?),
                "--format" => format = Some(value("--format")?),
                "--version" => package_version = Some(value("--version")?),
                "--name" => package_name = Some(value("--name")?),
                "--zero-downtime" => zero_downtime = true,
                "--preserve-data" => preserve_data = true,
                "--owners" => owners = true,
                "--no-step-log" => step_log = false,
                "--osc" => osc = value("--osc")?,
                "--osc-all" => osc_all = true,
                "--osc-min-rows" => osc_min_rows = value("--osc-min-rows")?,
                "--allow-errors" => allow_errors = true,
                "--rename" => renames.push(value("--rename")?),
                "--not-rename" => not_renames.push(value("--not-rename")?),
                "--table-sizes" => sizes_file = Some(value("--table-sizes")?),
                "--speed-factor" => speed_factor = Some(value("--speed-factor")?),
                "--copy" => copies.push(value("--copy")?),
                "--no-copy" => no_copies.push(value("--no-copy")?),
                "--env" => env = Some(value("--env")?),
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
        let mut options = Options::new(dialect);
        if version.is_some() || flavor.is_some() {
            options.set_target(flavor.as_deref().unwrap_or(""), version.as_deref().unwrap_or(""));
        }
        if let Some(path) = sizes_file {
            let text = std::fs::read_to_string(&path).map_err(|e| format!("cannot read {path}: {e}"))?;
            options.set_table_sizes(&text);
        }
        if let Some(f) = speed_factor {
            options.set_speed_factor(&f);
        }
        options.zero_downtime = zero_downtime;
        options.preserve_data = preserve_data;
        options.renames = renames;
        options.not_renames = not_renames;
        options.copies = copies;
        options.no_copies = no_copies;
        options.owners = owners;
        options.step_log = step_log;
        if (osc_all || !osc_min_rows.is_empty()) && osc.is_empty() {
            return Err("--osc-all and --osc-min-rows apply to --osc".into());
        }
        options.set_osc(&osc, osc_all, &osc_min_rows);
        let profiles = match (env, env_file) {
            (Some(_), Some(_)) => return Err("--env and --env-file are exclusive".into()),
            (Some(names), None) => {
                let mut list = Vec::new();
                for name in names.split(',') {
                    list.push(schemashift::profile::Profile::named(name)?);
                }
                list
            }
            (None, Some(path)) => {
                let text = std::fs::read_to_string(&path).map_err(|e| format!("cannot read {path}: {e}"))?;
                vec![schemashift::profile::Profile::parse(&text).map_err(|e| format!("{path}: {e}"))?]
            }
            (None, None) => Vec::new(),
        };
        if profiles.len() > 1 && out_dir.is_none() {
            return Err("several environments (--env a,b) need --out: they are packaged side by side".into());
        }
        let mut more_envs = Vec::new();
        for p in profiles.iter().skip(1) {
            let mut o = options.clone();
            p.apply(&mut o);
            more_envs.push(o);
        }
        if let Some(p) = profiles.first() {
            p.apply(&mut options);
        }
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

//! Environment profiles (`--env dev|staging|prod`, `--env-file FILE`): how a migration runs in
//! one environment — lock and statement timeouts, backfill batch size and pause, whether the
//! zero-downtime form and `--preserve-data` are on — and the runbook's advice for it.
//!
//! The built-in profiles (the README's table says the same):
//!
//! | | dev | staging | prod |
//! |---|---|---|---|
//! | zero-downtime, preserve-data | off, off | on, on | on, on |
//! | lock timeout / statement timeout | 5s / 1min | 5s / 1min | 2s / 30s |
//! | backfill batch / pause | 10000 rows / none | 1000 rows / none | 1000 rows / 100ms |
//! | runbook: the window to book, steps over the statement timeout | no, no | no, yes | yes, yes |
//!
//! A profile file is `key = value` lines (a line starting with `#` is a comment): `base` (a built-in to start
//! from, first), `name`, `lock_timeout`, `statement_timeout`, `batch_pause` (a duration: `2s`,
//! `500ms`, `1min`, bare digits are seconds), `batch_size` (rows), `zero_downtime`,
//! `preserve_data` (`true`/`false`), `advice` (one runbook line per `advice` key). A bad line
//! is an error with its line and column.

use crate::Options;

/// The settings the plan's statements carry (the zero-downtime timeouts and backfills).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct RunSettings {
    /// How long a step waits for its lock (PostgreSQL `lock_timeout`, MySQL `lock_wait_timeout`).
    pub lock_timeout_ms: u64,
    /// How long a blocking step may run (PostgreSQL `statement_timeout`; 0: no limit).
    pub statement_timeout_ms: u64,
    /// Rows per batch of a backfill.
    pub batch_size: u64,
    /// Pause between two batches (0: none).
    pub batch_pause_ms: u64,
}

impl Default for RunSettings {
    fn default() -> Self {
        RunSettings { lock_timeout_ms: 5_000, statement_timeout_ms: 60_000, batch_size: 1000, batch_pause_ms: 0 }
    }
}

/// A duration as PostgreSQL reads it: `'1min'`, `'5s'`, `'250ms'`.
pub fn pg_duration(ms: u64) -> String {
    if ms > 0 && ms.is_multiple_of(60_000) {
        format!("'{}min'", ms / 60_000)
    } else if ms.is_multiple_of(1000) {
        format!("'{}s'", ms / 1000)
    } else {
        format!("'{ms}ms'")
    }
}

/// Whole seconds, at least 1 (MySQL's `lock_wait_timeout`).
pub fn whole_seconds(ms: u64) -> u64 {
    ms.div_ceil(1000).max(1)
}

/// One environment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Profile {
    pub name: String,
    pub run: RunSettings,
    pub zero_downtime: bool,
    pub preserve_data: bool,
    /// The runbook's advice for this environment, one line each.
    pub advice: Vec<String>,
}

impl Profile {
    pub const BUILT_IN: [&'static str; 3] = ["dev", "staging", "prod"];

    /// A built-in profile by name.
    pub fn built_in(name: &str) -> Option<Profile> {
        let base = RunSettings::default();
        let (run, on, advice): (RunSettings, bool, &[&str]) = match name {
            "dev" => (
                RunSettings { batch_size: 10_000, ..base },
                false,
                &["A development database: run the migration directly; no backup, no window."],
            ),
            "staging" => (
                base,
                true,
                &[
                    "Rehearse on a recent copy of production: time each step, then run down and up again.",
                    "Use the timings here to choose the production window.",
                ],
            ),
            "prod" => (
                RunSettings { lock_timeout_ms: 2_000, statement_timeout_ms: 30_000, batch_size: 1000, batch_pause_ms: 100 },
                true,
                &[
                    "Back up the database first (and check that the backup restores).",
                    "Run in a window sized from the estimates (README: Duration and locks) and the staging rehearsal's timings, at the quietest hour.",
                    "Tell the on-call engineer and the application owners before starting and when done.",
                    "Keep `monitoring.sql` open in a second session; stop at the first unexpected lock wait.",
                ],
            ),
            _ => return None,
        };
        Some(Profile {
            name: name.to_string(),
            run,
            zero_downtime: on,
            preserve_data: on,
            advice: advice.iter().map(|s| s.to_string()).collect(),
        })
    }

    /// A built-in profile, or an error naming the choices.
    pub fn named(name: &str) -> Result<Profile, String> {
        Profile::built_in(name.trim())
            .ok_or_else(|| format!("unknown environment `{name}` (expected one of {}, or --env-file)", Profile::BUILT_IN.join(", ")))
    }

    /// Read a profile file; errors carry `line:column`.
    pub fn parse(text: &str) -> Result<Profile, String> {
        let mut p = Profile::built_in("staging").ok_or("no staging profile")?;
        p.name = "custom".into();
        let mut own_advice = false;
        let mut seen_other = false;
        for (i, raw) in text.lines().enumerate() {
            let line_no = i + 1;
            let content = raw;
            if content.trim().is_empty() || content.trim_start().starts_with('#') {
                continue;
            }
            let at = |col: usize, msg: String| format!("line {line_no}, column {col}: {msg}");
            let indent = content.len() - content.trim_start().len() + 1;
            let Some((key, value)) = content.split_once('=') else {
                return Err(at(indent, format!("expected `key = value`, got `{}`", content.trim())));
            };
            let value_col = key.chars().count() + 2 + (value.chars().count() - value.trim_start().chars().count());
            let (key, value) = (key.trim(), value.trim());
            let bad = |what: &str| at(value_col, format!("`{key}` needs {what}, got `{value}`"));
            match key {
                "base" => {
                    if seen_other {
                        return Err(at(indent, "`base` must come before the other keys".into()));
                    }
                    let name = p.name.clone();
                    p = Profile::built_in(value).ok_or_else(|| bad("dev, staging or prod"))?;
                    p.name = name;
                }
                "name" => p.name = value.to_string(),
                "lock_timeout" => p.run.lock_timeout_ms = duration_ms(value).ok_or_else(|| bad("a duration such as 2s"))?,
                "statement_timeout" => p.run.statement_timeout_ms = duration_ms(value).ok_or_else(|| bad("a duration such as 30s"))?,
                "batch_pause" => p.run.batch_pause_ms = duration_ms(value).ok_or_else(|| bad("a duration such as 100ms"))?,
                "batch_size" => {
                    p.run.batch_size = value.parse::<u64>().ok().filter(|n| *n > 0).ok_or_else(|| bad("a number of rows above 0"))?
                }
                "zero_downtime" => p.zero_downtime = boolean(value).ok_or_else(|| bad("true or false"))?,
                "preserve_data" => p.preserve_data = boolean(value).ok_or_else(|| bad("true or false"))?,
                "advice" => {
                    if !own_advice {
                        p.advice.clear();
                        own_advice = true;
                    }
                    p.advice.push(value.to_string());
                }
                other => {
                    return Err(at(
                        indent,
                        format!("unknown key `{other}` (expected base, name, lock_timeout, statement_timeout, batch_size, batch_pause, zero_downtime, preserve_data, advice)"),
                    ))
                }
            }
            if key != "base" {
                seen_other = true;
            }
        }
        Ok(p)
    }

    /// Set the generation options of this environment: the profile itself, and the zero-downtime
    /// form and `--preserve-data` when it turns them on (an explicit flag stays on).
    pub fn apply(&self, options: &mut Options) {
        options.env = Some(self.clone());
        options.zero_downtime |= self.zero_downtime;
        options.preserve_data |= self.preserve_data;
    }
}

fn boolean(v: &str) -> Option<bool> {
    match v.to_ascii_lowercase().as_str() {
        "true" | "yes" | "on" => Some(true),
        "false" | "no" | "off" => Some(false),
        _ => None,
    }
}

/// `2s`, `500ms`, `1min`, `3` (seconds).
fn duration_ms(v: &str) -> Option<u64> {
    let v = v.trim();
    let digits: String = v.chars().take_while(char::is_ascii_digit).collect();
    let n: u64 = digits.parse().ok()?;
    let unit = v.get(digits.len()..)?.trim();
    let factor = match unit {
        "" | "s" => 1000,
        "ms" => 1,
        "min" => 60_000,
        _ => return None,
    };
    n.checked_mul(factor)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn built_ins_match_the_documented_table() {
        let dev = Profile::built_in("dev").unwrap();
        assert!(!dev.zero_downtime && !dev.preserve_data);
        assert_eq!((dev.run.batch_size, dev.run.batch_pause_ms), (10_000, 0));
        let prod = Profile::built_in("prod").unwrap();
        assert!(prod.zero_downtime && prod.preserve_data);
        assert_eq!((pg_duration(prod.run.lock_timeout_ms), pg_duration(prod.run.statement_timeout_ms)), ("'2s'".into(), "'30s'".into()));
        assert_eq!((prod.run.batch_size, prod.run.batch_pause_ms), (1000, 100));
        assert_eq!(Profile::built_in("staging").unwrap().run, RunSettings::default());
        assert!(Profile::named("qa").unwrap_err().contains("dev, staging, prod"));
    }

    #[test]
    fn durations() {
        assert_eq!(pg_duration(60_000), "'1min'");
        assert_eq!(pg_duration(5_000), "'5s'");
        assert_eq!(pg_duration(250), "'250ms'");
        assert_eq!(pg_duration(0), "'0s'");
        assert_eq!(whole_seconds(250), 1);
        assert_eq!(whole_seconds(2_500), 3);
        assert_eq!(duration_ms("2min"), Some(120_000));
        assert_eq!(duration_ms("7"), Some(7_000));
        assert_eq!(duration_ms("2 h"), None);
    }

    #[test]
    fn a_file_starts_from_a_base_and_overrides() {
        let p = Profile::parse("# eu production\nbase = prod\nname = prod-eu\nbatch_size = 500\nadvice = Post in #db-changes\n").unwrap();
        assert_eq!(p.name, "prod-eu");
        assert_eq!(p.run.batch_size, 500);
        assert_eq!(p.run.lock_timeout_ms, 2_000);
        assert_eq!(p.advice, ["Post in #db-changes"]);
    }

    #[test]
    fn bad_lines_say_where() {
        assert_eq!(
            Profile::parse("name = x\n  lock_timeout = soon\n").unwrap_err(),
            "line 2, column 18: `lock_timeout` needs a duration such as 2s, got `soon`"
        );
        assert!(Profile::parse("zero_downtime\n").unwrap_err().starts_with("line 1, column 1: expected `key = value`"));
        assert!(Profile::parse("speed = 3\n").unwrap_err().starts_with("line 1, column 1: unknown key `speed`"));
        assert!(Profile::parse("name = a\nbase = dev\n").unwrap_err().contains("`base` must come before"));
    }
}

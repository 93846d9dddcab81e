//! The options the user chooses besides the two schemas (dialect, target version,
//! zero-downtime, preserve data, table sizes, package format, renames), held as signals, and
//! the one function that puts them into a generation `Request` (`Settings::apply`).
//!
//! The run code calls `apply`; adding an option means adding it here and in `controls.rs`
//! (the form) and `share.rs` (links), never in the run code itself.

use crate::app::Initial;
use crate::run::Request;
use leptos::prelude::*;
use schemashift::package::Format;
use schemashift::Dialect;

/// What is wrong with the table sizes text (the `--table-sizes` file format: `table rows` per
/// line, `#` comments), one message per bad line, read by the core (`schemashift::parse_table_sizes`).
pub fn table_sizes_problems(text: &str) -> Vec<String> {
    schemashift::parse_table_sizes(text).diagnostics.into_iter().map(|d| d.message).collect()
}

/// Rename hints text: one `--rename` value per line (`table.old=new` or `old=new`); blank
/// lines and `#` comments are skipped.
pub fn parse_renames(text: &str) -> Vec<String> {
    text.lines()
        .map(|l| l.split('#').next().unwrap_or("").trim())
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect()
}

/// Every option, as signals shared by the controls, the share link and the run code.
#[derive(Clone, Copy)]
pub struct Settings {
    pub dialect: RwSignal<Dialect>,
    /// `--target-version` text; empty: the dialect's default.
    pub target_version: RwSignal<String>,
    pub zero_downtime: RwSignal<bool>,
    pub preserve_data: RwSignal<bool>,
    /// The table sizes as typed (the `--table-sizes` file format).
    pub table_sizes: RwSignal<String>,
    /// The package's layout (Package tab, download).
    pub format: RwSignal<Format>,
    /// Accepted renames (`--rename` values).
    pub renames: RwSignal<Vec<String>>,
}

impl Settings {
    pub fn new(initial: &Initial) -> Self {
        Settings {
            dialect: RwSignal::new(initial.dialect),
            target_version: RwSignal::new(initial.target_version.clone()),
            zero_downtime: RwSignal::new(initial.zero_downtime),
            preserve_data: RwSignal::new(initial.preserve_data),
            table_sizes: RwSignal::new(initial.table_sizes.clone()),
            format: RwSignal::new(initial.format),
            renames: RwSignal::new(initial.renames.clone()),
        }
    }

    /// Put the chosen options into `request`. Reads are tracked: an effect calling this runs
    /// again when an option changes. Table sizes that do not parse count as none (the control
    /// shows the error).
    pub fn apply(&self, request: &mut Request) {
        request.dialect = self.dialect.get();
        request.target_version = self.target_version.get();
        request.zero_downtime = self.zero_downtime.get();
        request.preserve_data = self.preserve_data.get();
        request.table_sizes_text = self.table_sizes.get();
        request.renames = self.renames.get();
    }

    /// The state to share (without the schemas), read without tracking.
    pub fn snapshot(&self, before: String, after: String) -> Initial {
        Initial {
            dialect: self.dialect.get_untracked(),
            before,
            after,
            target_version: self.target_version.get_untracked(),
            renames: self.renames.get_untracked(),
            zero_downtime: self.zero_downtime.get_untracked(),
            preserve_data: self.preserve_data.get_untracked(),
            table_sizes: self.table_sizes.get_untracked(),
            format: self.format.get_untracked(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_sizes_take_the_cli_file_format() {
        assert!(table_sizes_problems("table_name row_count\npublic.users 5000000\norders,12 # comment\n\n").is_empty());
        let problems = table_sizes_problems("users 5\norders many");
        assert!(problems.len() == 1 && problems[0].contains("line 2"), "{problems:?}");
    }

    #[test]
    fn renames_are_one_per_line() {
        assert_eq!(parse_renames("t.a=b\n\n  # note\nold=new # why\n"), vec!["t.a=b", "old=new"]);
    }

    #[test]
    fn apply_fills_every_option() {
        let owner = Owner::new();
        owner.with(|| {
            let mut initial = Initial::new(Dialect::Mysql, String::new(), String::new());
            initial.target_version = "8.0".into();
            initial.zero_downtime = true;
            initial.preserve_data = true;
            initial.table_sizes = "events 900000".into();
            initial.renames = vec!["t.a=b".into()];
            let settings = Settings::new(&initial);
            let mut request = Request::new(Dialect::Postgres, "x".into(), "y".into());
            settings.apply(&mut request);
            assert_eq!(request.dialect, Dialect::Mysql);
            assert_eq!(request.target_version, "8.0");
            assert!(request.zero_downtime && request.preserve_data);
            assert_eq!(request.table_sizes_text, "events 900000");
            assert_eq!(request.options().unwrap().table_sizes.get("events"), Some(&900_000));
            assert_eq!(request.renames, vec!["t.a=b".to_string()]);
            assert_eq!((request.before.as_str(), request.after.as_str()), ("x", "y"));
            settings.table_sizes.set("events lots\nx y".into());
            settings.apply(&mut request);
            assert!(request.table_sizes.is_empty());
        });
    }
}

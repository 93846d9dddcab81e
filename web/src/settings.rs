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
    text.lines().map(|l| l.split('#').next().unwrap_or("").trim()).filter(|l| !l.is_empty()).map(str::to_string).collect()
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
    /// Rename suggestions answered "not a rename" (`--not-rename` values).
    pub not_renames: RwSignal<Vec<String>>,
    /// Accepted data moves (`--copy` values).
    pub copies: RwSignal<Vec<String>>,
    /// Declined data moves (`--no-copy` values).
    pub no_copies: RwSignal<Vec<String>>,
    /// The package's version (`--version`); empty: the current UTC time.
    pub package_version: RwSignal<String>,
    /// The package's name (`--name`); empty: from the first change.
    pub package_name: RwSignal<String>,
    /// `--speed-factor` as typed (`calibrate.sql`'s factor); empty: 1.
    pub speed_factor: RwSignal<String>,
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
            not_renames: RwSignal::new(initial.not_renames.clone()),
            copies: RwSignal::new(initial.copies.clone()),
            no_copies: RwSignal::new(initial.no_copies.clone()),
            package_version: RwSignal::new(initial.package_version.clone()),
            package_name: RwSignal::new(initial.package_name.clone()),
            speed_factor: RwSignal::new(initial.speed_factor.clone()),
        }
    }

    /// Put every option back to `state`'s (undo, an example).
    pub fn restore(&self, state: &Initial) {
        self.dialect.set(state.dialect);
        self.target_version.set(state.target_version.clone());
        self.zero_downtime.set(state.zero_downtime);
        self.preserve_data.set(state.preserve_data);
        self.table_sizes.set(state.table_sizes.clone());
        self.format.set(state.format);
        self.renames.set(state.renames.clone());
        self.not_renames.set(state.not_renames.clone());
        self.copies.set(state.copies.clone());
        self.no_copies.set(state.no_copies.clone());
        self.package_version.set(state.package_version.clone());
        self.package_name.set(state.package_name.clone());
        self.speed_factor.set(state.speed_factor.clone());
    }

    /// Put the chosen options into `request`. Reads are tracked: an effect calling this runs
    /// again when an option changes. Table sizes that do not parse count as none (the control
    /// shows the error).
    pub fn apply(&self, request: &mut Request) {
        request.dialect = self.dialect.get();
        request.options.target_version = self.target_version.get();
        request.options.zero_downtime = self.zero_downtime.get();
        request.options.preserve_data = self.preserve_data.get();
        request.options.table_sizes_text = self.table_sizes.get();
        request.options.renames = self.renames.get();
        request.options.not_renames = self.not_renames.get();
        request.options.copies = self.copies.get();
        request.options.no_copies = self.no_copies.get();
        request.package_version = self.package_version.get();
        request.package_name = self.package_name.get();
        request.options.speed_factor = self.speed_factor.get();
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
            not_renames: self.not_renames.get_untracked(),
            copies: self.copies.get_untracked(),
            no_copies: self.no_copies.get_untracked(),
            package_version: self.package_version.get_untracked(),
            package_name: self.package_name.get_untracked(),
            speed_factor: self.speed_factor.get_untracked(),
        }
    }

    /// The whole state, tracked (an effect calling this runs again when anything changes).
    pub fn tracked(&self, before: String, after: String) -> Initial {
        self.dialect.track();
        self.target_version.track();
        self.zero_downtime.track();
        self.preserve_data.track();
        self.table_sizes.track();
        self.format.track();
        self.renames.track();
        self.not_renames.track();
        self.copies.track();
        self.no_copies.track();
        self.package_version.track();
        self.package_name.track();
        self.speed_factor.track();
        self.snapshot(before, after)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn initial_with(before: &str, after: &str, state: &Initial) -> Initial {
        Initial { before: before.into(), after: after.into(), ..state.clone() }
    }

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
            initial.not_renames = vec!["t.x=y".into()];
            initial.copies = vec!["d=s where k = 1".into()];
            initial.no_copies = vec!["e".into()];
            initial.package_version = "42".into();
            initial.package_name = "add things".into();
            initial.speed_factor = "2.5".into();
            let settings = Settings::new(&initial);
            let mut request = Request::new(Dialect::Postgres, "x".into(), "y".into());
            settings.apply(&mut request);
            assert_eq!(request.dialect, Dialect::Mysql);
            assert_eq!(request.options.target_version, "8.0");
            assert!(request.options.zero_downtime && request.options.preserve_data);
            assert_eq!(request.options.table_sizes_text, "events 900000");
            assert_eq!(request.options().unwrap().table_sizes.get("events"), Some(&900_000));
            assert_eq!(request.options.renames, vec!["t.a=b".to_string()]);
            let options = request.options().unwrap();
            assert_eq!(
                (options.not_renames, options.copies, options.no_copies),
                (vec!["t.x=y".to_string()], vec!["d=s where k = 1".to_string()], vec!["e".to_string()])
            );
            assert_eq!(request.options().unwrap().speed_permille, 2500);
            let package = request.package_options(Format::Dbmate);
            assert_eq!((package.version.as_str(), package.name.as_deref()), ("42", Some("add things")));
            assert_eq!(settings.snapshot("x".into(), "y".into()), initial_with("x", "y", &initial));
            assert_eq!((request.before.as_str(), request.after.as_str()), ("x", "y"));
            settings.table_sizes.set("events lots\nx y".into());
            settings.apply(&mut request);
            assert!(request.options.table_sizes.is_empty());
        });
    }
}

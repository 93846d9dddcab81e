//! The Pre-checks and Validation outputs: `precheck.sql` (run before up: would the migration
//! fail on the data?) and `validate.sql` / `validate_down.sql` (run after up / down: is the
//! database now in the intended shape?), as the package writes them. Built only while shown,
//! from the package the worker makes of its result (`package_panel::package_signal`): switching
//! to these tabs never generates on the page.

use crate::package_panel::package_signal;
use crate::run::Outcome;
use crate::sql_panel::SqlPanel;
use leptos::prelude::*;
use schemashift::package::Format;
use schemashift::Dialect;

/// Which check scripts a panel shows.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Checks {
    Pre,
    Validation,
}

#[component]
pub fn ChecksPanel(outcome: RwSignal<Outcome>, checks: Checks, active: Signal<bool>, dialect: Signal<Dialect>) -> impl IntoView {
    let paths: &'static [&'static str] = match checks {
        Checks::Pre => &["precheck.sql"],
        Checks::Validation => &["validate.sql", "validate_down.sql"],
    };
    // Only these files, made alone by the worker (a large package's validate.sql alone is ~14 KB
    // a table; the whole package at 10,000 tables took seconds).
    let only = Signal::stored(Some(paths.iter().map(|p| (*p).to_string()).collect::<Vec<_>>()));
    let package = package_signal(outcome, Signal::stored(Format::Plain), active, Signal::stored(false), only, true);
    let file = move |i: usize| {
        Signal::derive(move || {
            package
                .with(|p| p.as_ref().and_then(|p| p.as_ref().ok()).and_then(|p| p.package.text(paths[i])).unwrap_or_default().to_string())
        })
    };
    // A long script stays in the worker, drawn from the lines it sends (`remote_text.rs`).
    let remote = move |i: usize| {
        Signal::derive(move || package.with(|p| p.as_ref().and_then(|p| p.as_ref().ok()).and_then(|p| p.remote.get(paths[i]).cloned())))
    };
    match checks {
        Checks::Pre => view! {
            <p class="ss-hint">"precheck.sql: run before the up migration; each query counts the rows that would make a step fail (expect 0)."</p>
            <SqlPanel text=file(0) name="Pre-check SQL" copy_label="Copy pre-check SQL" empty="Nothing to check: no step depends on the data." testid="precheck-sql" dialect=dialect remote=remote(0) />
        }
        .into_any(),
        Checks::Validation => view! {
            <p class="ss-hint">"validate.sql: run after the up migration; it asserts against the catalog that the database has the intended shape."</p>
            <SqlPanel text=file(0) name="Validation SQL" copy_label="Copy validation SQL" empty="Nothing to validate." testid="validate-sql" dialect=dialect remote=remote(0) />
            <h3 class="ss-subhead">"After the down migration: validate_down.sql"</h3>
            <SqlPanel text=file(1) name="Down validation SQL" copy_label="Copy down validation SQL" empty="Nothing to validate." testid="validate-down-sql" dialect=dialect remote=remote(1) />
        }
        .into_any(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::run::{self, Request};
    use schemashift::package::{self, PackageOptions};
    use schemashift::Migration;

    /// The package files of `migration` named `paths` (empty texts when there is none).
    pub fn check_files(migration: Option<&Migration>, paths: &[&str]) -> Vec<String> {
        let pkg = migration.and_then(|m| package::build(m, &PackageOptions::new(Format::Plain, crate::run::now_version())).ok());
        paths.iter().map(|p| pkg.as_ref().and_then(|pkg| pkg.text(p)).unwrap_or_default().to_string()).collect()
    }

    #[test]
    fn checks_come_from_the_package() {
        let r = Request::new(
            Dialect::Postgres,
            "CREATE TABLE t (id int PRIMARY KEY, a text);".into(),
            "CREATE TABLE t (id int PRIMARY KEY, a text NOT NULL);".into(),
        );
        let o = run::outcome(&r);
        let files = check_files(o.migration.as_deref(), &["precheck.sql", "validate.sql", "validate_down.sql"]);
        assert!(files[0].contains("IS NULL"), "{}", files[0]);
        assert!(!files[1].is_empty() && !files[2].is_empty());
        assert_eq!(check_files(None, &["precheck.sql"]), vec![String::new()]);
    }
}

//! The "Package" output: the files of the migration package in the chosen tool's layout, a
//! preview of the selected file, and a button that downloads the package as a zip. The format
//! is chosen with the other options (`controls.rs`).
//!
//! The package is built by `schemashift::package::build`; this only shows it.

use crate::download::{download, download_blob};
use crate::run::{self, Outcome, PackageFiles};
use crate::sql_panel::SqlPanel;
use crate::worker_api::STALE;
use leptos::prelude::*;
use schemashift::package::{Format, Package};

/// The package in `format` of the current outcome, made while `active` (and not `locked`):
/// asked of the worker that generated the outcome (`run::package_of`), so showing it never
/// generates on the page; kept while hidden. `only`: the files whose contents are shown (a large
/// package comes file by file; `checks`: only those check scripts are wanted, `run::package_of`).
/// `None` until it is there.
pub fn package_signal(
    outcome: RwSignal<Outcome>,
    format: Signal<Format>,
    active: Signal<bool>,
    locked: Signal<bool>,
    only: Signal<Option<Vec<String>>>,
    checks: bool,
) -> RwSignal<Option<Result<PackageFiles, String>>> {
    let built = RwSignal::new(None::<Result<PackageFiles, String>>);
    let asked = StoredValue::new(0u64);
    Effect::new(move |_| {
        if !active.get() {
            return;
        }
        if locked.get() {
            built.set(None);
            return;
        }
        let f = format.get();
        let only = only.get();
        let source = outcome.with(Outcome::package_source);
        let ticket = asked.get_value() + 1;
        asked.set_value(ticket);
        leptos::task::spawn_local(async move {
            let pkg = run::package_of(&source, f, only, checks).await;
            // An answer for an older outcome or format is dropped; `None` (the worker moved on)
            // keeps what is shown until the newer outcome's package comes.
            if asked.get_value() == ticket && (pkg.is_some() || source.option_error.is_some()) {
                built.set(pkg);
            }
        });
    });
    built
}

/// One row of the file tree: a folder or a file, with its depth.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TreeRow {
    Folder { name: String, depth: usize },
    File { path: String, name: String, depth: usize },
}

/// The rows of the tree of sorted `paths` (with `/`): each folder once, before its files.
pub fn tree_rows<'a>(paths: impl IntoIterator<Item = &'a str>) -> Vec<TreeRow> {
    let mut rows = Vec::new();
    let mut open: Vec<&str> = Vec::new();
    for path in paths {
        let mut parts: Vec<&str> = path.split('/').collect();
        let name = parts.pop().unwrap_or_default();
        let shared = open.iter().zip(&parts).take_while(|(a, b)| a == b).count();
        open.truncate(shared);
        for (depth, dir) in parts.iter().enumerate().skip(shared) {
            rows.push(TreeRow::Folder { name: (*dir).to_string(), depth });
            open.push(dir);
        }
        rows.push(TreeRow::File { path: path.to_string(), name: name.to_string(), depth: parts.len() });
    }
    rows
}

/// The zip's file name, e.g. `schemashift-flyway.zip`.
pub fn zip_name(format: Format) -> String {
    format!("schemashift-{}.zip", format.name())
}

/// The file to preview: the chosen one when the package has it, else the same file of a package
/// built again (its name carries the version, by default the build's UTC time: a new result a
/// second later renames every migration file), else `up.sql`, else the first.
fn shown_path(paths: &[String], chosen: &str) -> Option<String> {
    let exact = |p: &str| paths.iter().find(|q| *q == p);
    let same_file = || paths.iter().find(|q| without_stamps(q) == without_stamps(chosen));
    exact(chosen).or_else(same_file).or_else(|| exact("up.sql")).or_else(|| paths.first()).cloned()
}

/// A path with each run of eight digits or more (a version stamp, `YYYYMMDDHHMMSS`) made `#`:
/// the same file of two builds of a package. A numbered layout's `0001`/`0002` stay apart.
fn without_stamps(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    let mut digits = String::new();
    for ch in path.chars().chain(std::iter::once('/')) {
        if ch.is_ascii_digit() {
            digits.push(ch);
            continue;
        }
        if digits.len() >= 8 {
            out.push('#');
        } else {
            out.push_str(&digits);
        }
        digits.clear();
        out.push(ch);
    }
    out.pop();
    out
}

/// Offer `pkg` (whole) as the zip of `format`; the error to show when that fails.
fn offer_zip(pkg: &Package, format: Format) -> Option<String> {
    let result = pkg.zip().and_then(|bytes| {
        download(&bytes, &zip_name(format), "application/zip")
            .map_err(|e| e.as_string().unwrap_or_else(|| "the browser refused the download".into()))
    });
    result.err().map(|e| format!("Download failed: {e}"))
}

#[component]
pub fn PackagePanel(
    outcome: RwSignal<Outcome>,
    format: RwSignal<Format>,
    active: Signal<bool>,
    /// Blocked and not overridden: no package (no preview, no download).
    locked: Signal<bool>,
) -> impl IntoView {
    let chosen = RwSignal::new("up.sql".to_string());
    let error = RwSignal::new(None::<String>);
    // The file previewed: the chosen one, once the package's paths are known.
    let paths = RwSignal::new(Vec::<String>::new());
    let only = Memo::new(move |_| Some(vec![paths.with(|p| shown_path(p, &chosen.get())).unwrap_or_else(|| chosen.get())]));
    // Built only while the tab is shown (by the worker when it generated the outcome).
    let built = package_signal(outcome, format.into(), active, locked, only.into(), false);
    let package = move || built.get().and_then(Result::ok);
    Effect::new(move |_| {
        if let Some(files) = built.with(|b| b.as_ref().and_then(|r| r.as_ref().ok()).map(|f| f.paths.clone())) {
            paths.set(files);
        }
    });

    let on_download = move |_| {
        let Some(pkg) = package() else {
            error.set(Some("There is no package to download yet.".into()));
            return;
        };
        let format = format.get_untracked();
        if pkg.complete() {
            error.set(offer_zip(&pkg.package, format));
            return;
        }
        // A large package: the page holds only the files shown; the worker zips it.
        let source = outcome.with_untracked(Outcome::package_source);
        error.set(None);
        leptos::task::spawn_local(async move {
            let result = match run::zip_of(&source, format).await {
                Some(Ok(blob)) => download_blob(&blob, &zip_name(format))
                    .err()
                    .map(|e| format!("Download failed: {}", e.as_string().unwrap_or_else(|| "the browser refused the download".into()))),
                Some(Err(e)) if e.contains(STALE) => Some("The result changed: download again.".into()),
                Some(Err(e)) => Some(format!("Download failed: {e}")),
                None => Some("There is no package to download yet.".into()),
            };
            error.set(result);
        });
    };

    let tree = move || {
        let Some(pkg) = package() else { return ().into_any() };
        let shown = shown_path(&pkg.paths, &chosen.get()).unwrap_or_default();
        tree_rows(pkg.paths.iter().map(String::as_str))
            .into_iter()
            .map(|row| match row {
                TreeRow::Folder { name, depth } => view! {
                    <li class=format!("ss-tree-folder ss-depth-{}", depth.min(4))>{format!("{name}/")}</li>
                }
                .into_any(),
                TreeRow::File { path, name, depth } => {
                    let current = path == shown;
                    view! {
                        <li class=format!("ss-depth-{}", depth.min(4))>
                            <button
                                type="button"
                                class="ss-tree-file"
                                aria-pressed=current.to_string()
                                title=path.clone()
                                on:click=move |_| chosen.set(path.clone())
                            >
                                {name}
                            </button>
                        </li>
                    }
                    .into_any()
                }
            })
            .collect_view()
            .into_any()
    };
    // The file previewed: its text, or (a long file of a large package) the worker's lines.
    let shown = Memo::new(move |_| {
        built.with(|b| {
            let pkg = b.as_ref()?.as_ref().ok()?;
            let path = shown_path(&pkg.paths, &chosen.get())?;
            let text = pkg.package.text(&path).map(str::to_string);
            Some((path.clone(), text, pkg.remote.get(&path).cloned()))
        })
    });
    let text = Signal::derive(move || shown.with(|s| s.as_ref().and_then(|(_, t, _)| t.clone()).unwrap_or_default()));
    let remote = Signal::derive(move || shown.with(|s| s.as_ref().and_then(|(_, _, r)| r.clone())));
    let preview = move || {
        let (path, text_here, remote_here) = shown.get()?;
        // A file of a large package not here yet: asked for (`only`), on its way.
        if text_here.is_none() && remote_here.is_none() {
            return Some(view! { <p class="ss-empty">{format!("Loading {path}…")}</p> }.into_any());
        }
        Some(
            view! {
                <figure class="ss-preview">
                    <figcaption><code>{path}</code></figcaption>
                    <SqlPanel text=text name="Preview of the file" copy_label="Copy the file" empty="(empty file)" testid="package-preview" remote=remote />
                </figure>
            }
            .into_any(),
        )
    };
    let build_error = move || built.get().and_then(Result::err);

    view! {
        <div class="ss-panel-tools">
            <span class="ss-hint">{move || format!("Layout: {} (Package format, above)", format.get().tool())}</span>
            <button type="button" class="ss-button ss-download" disabled=move || locked.get() on:click=on_download>
                {move || format!("Download {}", zip_name(format.get()))}
            </button>
        </div>
        <Show when=move || locked.get()>
            <p class="ss-empty">"Blocked: no package until the inputs are fixed (see the banner above)."</p>
        </Show>
        {move || build_error().map(|e| view! { <p class="ss-error" role="alert">{e}</p> })}
        {move || error.get().map(|e| view! { <p class="ss-error" role="alert">{e}</p> })}
        <div class="ss-package">
            <ul class="ss-tree" aria-label="Package files">{tree}</ul>
            {preview}
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folders_come_once_before_their_files() {
        let rows = tree_rows(["README.md", "migrations/1_a.down.sql", "migrations/1_a.up.sql", "up.sql"]);
        assert_eq!(
            rows,
            vec![
                TreeRow::File { path: "README.md".into(), name: "README.md".into(), depth: 0 },
                TreeRow::Folder { name: "migrations".into(), depth: 0 },
                TreeRow::File { path: "migrations/1_a.down.sql".into(), name: "1_a.down.sql".into(), depth: 1 },
                TreeRow::File { path: "migrations/1_a.up.sql".into(), name: "1_a.up.sql".into(), depth: 1 },
                TreeRow::File { path: "up.sql".into(), name: "up.sql".into(), depth: 0 },
            ]
        );
    }

    #[test]
    fn nested_folders_share_their_parents() {
        let rows = tree_rows(["a/b/x", "a/c/y"]);
        let folders: Vec<_> = rows.iter().filter(|r| matches!(r, TreeRow::Folder { .. })).collect();
        assert_eq!(folders.len(), 3, "{rows:?}");
    }

    #[test]
    fn the_chosen_file_stays_chosen_when_the_package_is_built_again() {
        let paths = |v: &str| -> Vec<String> {
            ["README.md", "migrations/{v}_add_t.down.sql", "migrations/{v}_add_t.up.sql", "precheck.sql"]
                .iter()
                .map(|p| p.replace("{v}", v))
                .collect()
        };
        let chosen = "migrations/20261207141019_add_t.up.sql";
        let again = paths("20261207141020");
        assert_eq!(shown_path(&again, chosen).as_deref(), Some("migrations/20261207141020_add_t.up.sql"));
        assert_eq!(shown_path(&again, "precheck.sql").as_deref(), Some("precheck.sql"));
        // A numbered layout's files are told apart by their numbers.
        let numbered: Vec<String> = ["0001_a.up.sql", "0002_a.up.sql"].iter().map(|p| p.to_string()).collect();
        assert_eq!(shown_path(&numbered, "0002_a.up.sql").as_deref(), Some("0002_a.up.sql"));
        assert_eq!(shown_path(&numbered, "0003_a.up.sql").as_deref(), Some("0001_a.up.sql"));
        assert_eq!(without_stamps("V20261207141019__x.sql"), "V#__x.sql");
    }

    #[test]
    fn zip_is_named_after_the_format() {
        assert_eq!(zip_name(Format::GolangMigrate), "schemashift-golang-migrate.zip");
    }
}

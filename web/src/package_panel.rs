//! The "Package" output: the files of the migration package in the chosen tool's layout, a
//! preview of the selected file, and a button that downloads the package as a zip. The format
//! is chosen with the other options (`controls.rs`).
//!
//! The package is built by `schemashift::package::build`; this only shows it.

use crate::download::download;
use crate::run::{self, Outcome};
use leptos::prelude::*;
use schemashift::package::{Format, Package};

/// The package in `format` of the current outcome, made while `active` (and not `locked`):
/// asked of the worker that generated the outcome (`run::package_of`), so showing it never
/// generates on the page; kept while hidden. `None` until it is there.
pub fn package_signal(
    outcome: RwSignal<Outcome>,
    format: Signal<Format>,
    active: Signal<bool>,
    locked: Signal<bool>,
) -> RwSignal<Option<Result<Package, String>>> {
    let built = RwSignal::new(None::<Result<Package, String>>);
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
        let source = outcome.with(Outcome::package_source);
        let ticket = asked.get_value() + 1;
        asked.set_value(ticket);
        leptos::task::spawn_local(async move {
            let pkg = run::package_of(&source, f).await;
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

/// The file to preview: the chosen one when the package has it, else `up.sql`, else the first.
fn shown_path(pkg: &Package, chosen: &str) -> Option<String> {
    [chosen, "up.sql"].into_iter().find(|p| pkg.files.contains_key(*p)).map(str::to_string).or_else(|| pkg.files.keys().next().cloned())
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
    // Built only while the tab is shown (by the worker when it generated the outcome).
    let built = package_signal(outcome, format.into(), active, locked);
    let package = move || built.get().and_then(Result::ok);

    let on_download = move |_| {
        let Some(pkg) = package() else {
            error.set(Some("There is no package to download yet.".into()));
            return;
        };
        let result = pkg.zip().and_then(|bytes| {
            download(&bytes, &zip_name(format.get_untracked()), "application/zip")
                .map_err(|e| e.as_string().unwrap_or_else(|| "the browser refused the download".into()))
        });
        error.set(result.err().map(|e| format!("Download failed: {e}")));
    };

    let tree = move || {
        let Some(pkg) = package() else { return ().into_any() };
        let shown = shown_path(&pkg, &chosen.get()).unwrap_or_default();
        tree_rows(pkg.files.keys().map(String::as_str))
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
    let preview = move || {
        let pkg = package()?;
        let path = shown_path(&pkg, &chosen.get())?;
        let text = pkg.text(&path).unwrap_or("(binary file)").to_string();
        Some(view! {
            <figure class="ss-preview">
                <figcaption><code>{path.clone()}</code></figcaption>
                <pre class="ss-code" tabindex="0" aria-label=format!("Preview of {path}") data-testid="package-preview">
                    <code>{text}</code>
                </pre>
            </figure>
        })
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
    fn zip_is_named_after_the_format() {
        assert_eq!(zip_name(Format::GolangMigrate), "schemashift-golang-migrate.zip");
    }
}

//! The controls above the editors: dialect, target version and the examples gallery.

use crate::examples::{self, EXAMPLES};
use leptos::prelude::*;
use schemashift::{Dialect, Target};

/// The name a user knows the dialect by.
fn dialect_label(d: Dialect) -> &'static str {
    match d {
        Dialect::Postgres => "PostgreSQL",
        Dialect::Mysql => "MySQL / MariaDB",
        Dialect::Sqlite => "SQLite",
    }
}

/// The default target of a dialect, as `--target-version` writes it.
fn default_version(d: Dialect) -> String {
    let t = Target::default_for(d);
    let engine = if t.mariadb { "mariadb-" } else { "" };
    format!("{engine}{}.{}", t.version.0, t.version.1)
}

#[component]
pub fn Controls(
    uid: String,
    dialect: RwSignal<Dialect>,
    target_version: RwSignal<String>,
    before: RwSignal<String>,
    after: RwSignal<String>,
    renames: RwSignal<Vec<String>>,
) -> impl IntoView {
    let dialect_id = format!("{uid}-dialect");
    let version_id = format!("{uid}-version");
    let example_id = format!("{uid}-example");

    let load_example = move |id: &str| {
        if let Some(e) = examples::find(id) {
            dialect.set(e.dialect);
            target_version.set(String::new());
            renames.set(Vec::new());
            before.set(e.before.to_string());
            after.set(e.after.to_string());
        }
    };

    view! {
        <div class="ss-controls" role="group" aria-label="Options">
            <div class="ss-field">
                <label for=dialect_id.clone()>"Dialect"</label>
                <select
                    id=dialect_id
                    on:change:target=move |ev| {
                        if let Ok(d) = ev.target().value().parse::<Dialect>() {
                            dialect.set(d);
                        }
                    }
                >
                    {Dialect::ALL
                        .iter()
                        .map(|&d| {
                            view! {
                                <option value=d.name() selected=move || dialect.get() == d>
                                    {dialect_label(d)}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </div>
            <div class="ss-field">
                <label for=version_id.clone()>"Target version"</label>
                <input
                    id=version_id
                    type="text"
                    inputmode="text"
                    size="12"
                    autocomplete="off"
                    spellcheck="false"
                    placeholder=move || default_version(dialect.get())
                    prop:value=move || target_version.get()
                    on:input:target=move |ev| target_version.set(ev.target().value())
                />
            </div>
            <div class="ss-field">
                <label for=example_id.clone()>"Example"</label>
                <select
                    id=example_id
                    on:change:target=move |ev| {
                        let select = ev.target();
                        load_example(&select.value());
                        select.set_value("");
                    }
                >
                    <option value="" selected=true>"Load an example…"</option>
                    {EXAMPLES
                        .iter()
                        .map(|e| view! { <option value=e.id>{e.title}</option> })
                        .collect_view()}
                </select>
            </div>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_versions_parse_back() {
        for d in Dialect::ALL {
            assert_eq!(Target::parse(d, &default_version(d)), Ok(Target::default_for(d)));
        }
    }
}

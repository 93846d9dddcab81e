//! The controls above the editors: dialect, target version (a list, `targets.rs`), package format, the examples
//! gallery, zero-downtime and preserve-data switches, table sizes and rename hints (the state
//! lives in `settings.rs`).

use crate::examples::{self, EXAMPLES};
use crate::targets;
use crate::settings::{parse_renames, table_sizes_problems, Settings};
use leptos::prelude::*;
use schemashift::package::Format;
use schemashift::{Dialect, Target};

/// The name a user knows the dialect by.
fn dialect_label(d: Dialect) -> &'static str {
    match d {
        Dialect::Postgres => "PostgreSQL",
        Dialect::Mysql => "MySQL / MariaDB",
        Dialect::Sqlite => "SQLite",
    }
}

#[component]
pub fn Controls(uid: String, settings: Settings, before: RwSignal<String>, after: RwSignal<String>) -> impl IntoView {
    let Settings { dialect, target_version, zero_downtime, preserve_data, table_sizes, format, renames } = settings;
    let id = move |name: &str| format!("{uid}-{name}");
    let (dialect_id, version_id, example_id, format_id) = (id("dialect"), id("version"), id("example"), id("format"));
    let (zd_id, pd_id, sizes_id, renames_id) = (id("zero-downtime"), id("preserve-data"), id("table-sizes"), id("renames"));
    let (sizes_error_id, renames_help_id, sizes_help_id) = (id("table-sizes-error"), id("renames-help"), id("table-sizes-help"));

    let load_example = move |id: &str| {
        if let Some(e) = examples::find(id) {
            dialect.set(e.dialect);
            target_version.set(String::new());
            zero_downtime.set(e.zero_downtime);
            renames.set(Vec::new());
            table_sizes.set(String::new());
            before.set(e.before.to_string());
            after.set(e.after.to_string());
        }
    };
    let sizes_error = Memo::new(move |_| {
        let problems = table_sizes.with(|t| table_sizes_problems(t));
        (!problems.is_empty()).then(|| problems.join("; "))
    });

    // The rename hints as typed; `renames` follows it, and it follows `renames` when a rename
    // is accepted or undone elsewhere (without disturbing what is being typed).
    let rename_text = RwSignal::new(renames.get_untracked().join("\n"));
    Effect::new(move |_| {
        let list = renames.get();
        if rename_text.with_untracked(|t| parse_renames(t)) != list {
            rename_text.set(list.join("\n"));
        }
    });

    view! {
        <div class="ss-controls" role="group" aria-label="Options">
            <div class="ss-field">
                <label for=dialect_id.clone()>"Dialect"</label>
                <select
                    id=dialect_id
                    on:change:target=move |ev| {
                        if let Ok(d) = ev.target().value().parse::<Dialect>() {
                            // Versions are per dialect: the new one starts at its default.
                            target_version.set(String::new());
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
                <select
                    id=version_id
                    on:change:target=move |ev| target_version.set(ev.target().value())
                >
                    {move || {
                        let d = dialect.get();
                        let current = target_version.get();
                        // A value typed elsewhere (a share link, the API) selects its entry, or
                        // stays as its own entry, said to be invalid when it is.
                        let chosen = targets::matching_choice(d, &current).map(str::to_string).unwrap_or(current.clone());
                        let custom = (!current.trim().is_empty() && targets::matching_choice(d, &current).is_none()).then(|| {
                            let text = match targets::label_of(d, &current) {
                                Some(l) => l,
                                None => format!("{current} (not a valid version)"),
                            };
                            view! { <option value=current.clone() selected=true>{text}</option> }
                        });
                        let default_label = targets::label(&Target::default_for(d));
                        view! {
                            <option value="" selected={chosen.trim().is_empty()}>{format!("{default_label} (default)")}</option>
                            {targets::choices(d).iter().map(|&c| {
                                let label = targets::label_of(d, c).unwrap_or_else(|| c.to_string());
                                view! { <option value=c selected={chosen == c}>{label}</option> }
                            }).collect_view()}
                            {custom}
                        }
                    }}
                </select>
            </div>
            <div class="ss-field">
                <label for=format_id.clone()>"Package format"</label>
                <select
                    id=format_id
                    on:change:target=move |ev| {
                        if let Ok(f) = ev.target().value().parse::<Format>() {
                            format.set(f);
                        }
                    }
                >
                    {Format::ALL
                        .iter()
                        .map(|&f| view! { <option value=f.name() selected=move || format.get() == f>{f.tool()}</option> })
                        .collect_view()}
                </select>
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
            <div class="ss-checks">
                <label class="ss-check">
                    <input
                        id=zd_id
                        type="checkbox"
                        prop:checked=move || zero_downtime.get()
                        on:change:target=move |ev| zero_downtime.set(ev.target().checked())
                    />
                    "Zero-downtime"
                </label>
                <label class="ss-check">
                    <input
                        id=pd_id
                        type="checkbox"
                        prop:checked=move || preserve_data.get()
                        on:change:target=move |ev| preserve_data.set(ev.target().checked())
                    />
                    "Preserve data"
                </label>
            </div>
            <div class="ss-field ss-field-wide">
                <label for=sizes_id.clone()>"Table sizes"</label>
                <textarea
                    id=sizes_id
                    class="ss-small-text"
                    rows="2"
                    spellcheck="false"
                    autocomplete="off"
                    placeholder="public.users 5000000"
                    aria-describedby=format!("{sizes_help_id} {sizes_error_id}")
                    aria-invalid=move || sizes_error.with(Option::is_some).to_string()
                    prop:value=move || table_sizes.get()
                    on:input:target=move |ev| table_sizes.set(ev.target().value())
                ></textarea>
                <span class="ss-hint" id=sizes_help_id>"Rows per table, one `table rows` a line (as --table-sizes reads)"</span>
                <span class="ss-field-error" id=sizes_error_id role="status">
                    {move || sizes_error.get().map(|e| format!("{e} (the result is blocked until it is fixed)"))}
                </span>
            </div>
            <div class="ss-field ss-field-wide">
                <label for=renames_id.clone()>"Rename hints"</label>
                <textarea
                    id=renames_id
                    class="ss-small-text"
                    rows="2"
                    spellcheck="false"
                    autocomplete="off"
                    placeholder="users.name=full_name"
                    aria-describedby=renames_help_id.clone()
                    prop:value=move || rename_text.get()
                    on:input:target=move |ev| {
                        let text = ev.target().value();
                        let list = parse_renames(&text);
                        rename_text.set(text);
                        if renames.with_untracked(|r| *r != list) {
                            renames.set(list);
                        }
                    }
                ></textarea>
                <span class="ss-hint" id=renames_help_id>"One a line: table.old=new (column) or old=new (table)"</span>
            </div>
        </div>
    }
}

//! The advanced inputs in one collapsible panel beside the editors: table sizes, rename hints,
//! data move answers, and the package's version and name. Closed, it shows a summary of what is
//! set. The rename and data move answers given with the buttons beside the output
//! (`renames.rs`, `moves.rs`) are the same lists, shown here as text.

use crate::settings::{parse_renames, table_sizes_problems, Settings};
use leptos::prelude::*;

/// Non-empty trimmed lines (a `--copy` filter may hold `#`, so no comments here).
pub fn parse_lines(text: &str) -> Vec<String> {
    text.lines().map(str::trim).filter(|l| !l.is_empty()).map(str::to_string).collect()
}

/// What the closed panel says: the fields that are set, or that none is.
pub fn summary(sizes: usize, renames: usize, moves: usize, version: &str, name: &str, speed: &str) -> String {
    let plural = |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    let mut parts = Vec::new();
    if sizes > 0 {
        parts.push(plural(sizes, "table size", "table sizes"));
    }
    if renames > 0 {
        parts.push(plural(renames, "rename hint", "rename hints"));
    }
    if moves > 0 {
        parts.push(plural(moves, "data move answer", "data move answers"));
    }
    if !version.trim().is_empty() {
        parts.push(format!("version {}", version.trim()));
    }
    if !name.trim().is_empty() {
        parts.push(format!("name “{}”", name.trim()));
    }
    if !speed.trim().is_empty() {
        parts.push(format!("speed factor {}", speed.trim()));
    }
    if parts.is_empty() {
        "none set: table sizes, rename hints, data moves, package version and name, speed factor".into()
    } else {
        parts.join(" · ")
    }
}

/// What is wrong with a speed factor as typed (read by the core, `Options::set_speed_factor`);
/// `None` when it is empty or reads.
pub fn speed_factor_problem(text: &str) -> Option<String> {
    if text.trim().is_empty() {
        return None;
    }
    let mut options = schemashift::Options::new(schemashift::Dialect::Postgres);
    options.set_speed_factor(text);
    options.problems.into_iter().next().map(|d| d.message)
}

/// A textarea showing a list option one item a line; the list follows the text as typed, and the
/// text follows the list when it changes elsewhere (an answer button, undo), without disturbing
/// what is being typed.
#[component]
fn ListField(
    id: String,
    label: &'static str,
    help: &'static str,
    placeholder: &'static str,
    list: RwSignal<Vec<String>>,
    parse: fn(&str) -> Vec<String>,
) -> impl IntoView {
    let text = RwSignal::new(list.get_untracked().join("\n"));
    Effect::new(move |_| {
        let items = list.get();
        if text.with_untracked(|t| parse(t)) != items {
            text.set(items.join("\n"));
        }
    });
    let help_id = format!("{id}-help");
    view! {
        <div class="ss-field ss-field-wide">
            <label for=id.clone()>{label}</label>
            <textarea
                id=id
                class="ss-small-text"
                rows="2"
                spellcheck="false"
                autocomplete="off"
                placeholder=placeholder
                aria-describedby=help_id.clone()
                prop:value=move || text.get()
                on:input:target=move |ev| {
                    let typed = ev.target().value();
                    let items = parse(&typed);
                    text.set(typed);
                    if list.with_untracked(|l| *l != items) {
                        list.set(items);
                    }
                }
            ></textarea>
            <span class="ss-hint" id=help_id>{help}</span>
        </div>
    }
}

#[component]
pub fn Advanced(uid: String, settings: Settings) -> impl IntoView {
    let Settings { table_sizes, renames, copies, no_copies, package_version, package_name, speed_factor, .. } = settings;
    let id = move |name: &str| format!("{uid}-{name}");
    let (sizes_id, sizes_error_id, sizes_help_id) = (id("table-sizes"), id("table-sizes-error"), id("table-sizes-help"));
    let (version_id, name_id, version_help_id) = (id("package-version"), id("package-name"), id("package-version-help"));
    let (speed_id, speed_help_id) = (id("speed-factor"), id("speed-factor-help"));
    let speed_error = Memo::new(move |_| speed_factor.with(|s| speed_factor_problem(s)));
    let sizes_error = Memo::new(move |_| {
        let problems = table_sizes.with(|t| table_sizes_problems(t));
        (!problems.is_empty()).then(|| problems.join("; "))
    });
    let version_error = Memo::new(move |_| {
        package_version.with(|v| {
            let v = v.trim();
            (!v.is_empty() && (v.len() > 30 || !v.bytes().all(|b| b.is_ascii_digit())))
                .then(|| "The version is 1 to 30 digits, e.g. 20240131120000 (the package cannot be built until it is)".to_string())
        })
    });
    // Open when something in it needs attention.
    let open = RwSignal::new(false);
    Effect::new(move |_| {
        if sizes_error.with(Option::is_some) || version_error.with(Option::is_some) || speed_error.with(Option::is_some) {
            open.set(true);
        }
    });
    let summary_text = move || {
        let sizes = table_sizes.with(|t| schemashift::parse_table_sizes(t).sizes.len());
        summary(
            sizes,
            renames.with(Vec::len),
            copies.with(Vec::len) + no_copies.with(Vec::len),
            &package_version.get(),
            &package_name.get(),
            &speed_factor.get(),
        )
    };
    view! {
        <details class="ss-advanced" prop:open=move || open.get() on:toggle:target=move |ev| open.set(ev.target().open())>
            <summary>
                <span class="ss-advanced-title">"Advanced"</span>
                " "
                <span class="ss-hint" data-testid="advanced-summary">{summary_text}</span>
            </summary>
            <div class="ss-advanced-body">
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
                    <span class="ss-hint" id=sizes_help_id>"Rows per table, one `table rows` a line: size-aware risk notes"</span>
                    <span class="ss-field-error" id=sizes_error_id role="status">
                        {move || sizes_error.get().map(|e| format!("{e} (the result is blocked until it is fixed)"))}
                    </span>
                </div>
                <ListField
                    id=id("renames")
                    label="Rename hints"
                    help="One a line: table.old=new (column) or old=new (table)"
                    placeholder="users.name=full_name"
                    list=renames
                    parse=parse_renames
                />
                <ListField
                    id=id("copies")
                    label="Copy rows"
                    help="Accepted data moves, one a line: new_table=old_table where condition"
                    placeholder="billing_addresses=addresses where kind = 'billing'"
                    list=copies
                    parse=parse_lines
                />
                <ListField
                    id=id("no-copies")
                    label="Don't copy"
                    help="Declined data moves: the new table, one a line (it starts empty)"
                    placeholder="archived_orders"
                    list=no_copies
                    parse=parse_lines
                />
                <div class="ss-field">
                    <label for=version_id.clone()>"Package version"</label>
                    <input
                        id=version_id
                        type="text"
                        inputmode="numeric"
                        autocomplete="off"
                        placeholder="now (YYYYMMDDHHMMSS, UTC)"
                        aria-describedby=version_help_id.clone()
                        aria-invalid=move || version_error.with(Option::is_some).to_string()
                        prop:value=move || package_version.get()
                        on:input:target=move |ev| package_version.set(ev.target().value())
                    />
                    <span class="ss-hint" id=version_help_id>
                        {move || version_error.get().unwrap_or_else(|| "Digits; empty: the current UTC time, so it sorts after existing migrations".into())}
                    </span>
                </div>
                <div class="ss-field">
                    <label for=speed_id.clone()>"Speed factor"</label>
                    <input
                        id=speed_id
                        type="text"
                        inputmode="decimal"
                        autocomplete="off"
                        placeholder="1"
                        aria-describedby=speed_help_id.clone()
                        aria-invalid=move || speed_error.with(Option::is_some).to_string()
                        prop:value=move || speed_factor.get()
                        on:input:target=move |ev| speed_factor.set(ev.target().value())
                    />
                    <span class="ss-hint" id=speed_help_id>
                        {move || {
                            speed_error.get().map(|e| format!("{e} (the result is blocked until it is fixed)")).unwrap_or_else(|| {
                                "Your server's speed against the calibration machine: run the package's calibrate.sql there and enter the factor it prints (2: twice as slow). Scales every estimate and the Timeline".into()
                            })
                        }}
                    </span>
                </div>
                <div class="ss-field">
                    <label for=name_id.clone()>"Package name"</label>
                    <input
                        id=name_id
                        type="text"
                        autocomplete="off"
                        placeholder="from the first change"
                        prop:value=move || package_name.get()
                        on:input:target=move |ev| package_name.set(ev.target().value())
                    />
                </div>
            </div>
        </details>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summary_says_what_is_set() {
        assert!(summary(0, 0, 0, "", " ", "").starts_with("none set"));
        assert_eq!(
            summary(2, 1, 3, "20240101", "split", "1.8"),
            "2 table sizes · 1 rename hint · 3 data move answers · version 20240101 · name “split” · speed factor 1.8"
        );
    }

    #[test]
    fn speed_factor_problems_come_from_the_core() {
        assert_eq!(speed_factor_problem(""), None);
        assert_eq!(speed_factor_problem(" 2.5 "), None);
        assert!(speed_factor_problem("fast").is_some_and(|e| e.contains("speed factor")));
        assert!(speed_factor_problem("0").is_some());
    }

    #[test]
    fn lines_keep_hash_signs() {
        assert_eq!(parse_lines(" a=b where c = '#1'\n\n x \n"), vec!["a=b where c = '#1'", "x"]);
    }
}

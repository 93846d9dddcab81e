//! The "Timeline" output: the up migration's steps as bars, the picture the package carries as
//! `timeline.svg` (`schemashift::estimate::timeline`, one home for both): a bar's length is the
//! step's estimated duration (from Advanced → Table sizes), its colour what the step's lock
//! blocks; hovering a bar shows the step, its estimate and its lock.

use crate::page_text::page_text;
use crate::run::Outcome;
use leptos::prelude::*;
use schemashift::estimate::timeline;
use schemashift::Migration;
use std::sync::Arc;

#[component]
pub fn TimelinePanel(
    outcome: RwSignal<Outcome>,
    active: Signal<bool>,
    /// The migration when the outcome does not carry it (generated in a worker).
    migration_now: Callback<(), Option<Arc<Migration>>>,
) -> impl IntoView {
    // The picture, made while the tab is shown and kept while it is hidden.
    let picture = Memo::new(move |prev: Option<&Option<String>>| {
        if !active.get() {
            return prev.cloned().flatten();
        }
        let (migration, usable) = outcome.with(|o| (o.migration.clone(), o.option_error.is_none()));
        let migration = migration.or_else(|| if usable { migration_now.run(()) } else { None })?;
        if migration.up.is_empty() {
            return None;
        }
        Some(page_text(&timeline::svg(&migration.up, "up")))
    });
    view! {
        <Show when=move || picture.with(Option::is_some) fallback=|| view! { <p class="ss-empty">"No steps to draw."</p> }>
            <p class="ss-hint">
                "One bar per step, in order: its length is the estimated duration (give row counts under Advanced → Table sizes, and your server's Speed factor there), its colour what the step's lock blocks. Hover a bar for the step and its estimate."
            </p>
            <div
                class="ss-vd-frame ss-timeline"
                tabindex="0"
                role="region"
                aria-label="Timeline of the up migration"
                data-testid="timeline"
                inner_html=move || picture.get().unwrap_or_default()
            ></div>
        </Show>
    }
}

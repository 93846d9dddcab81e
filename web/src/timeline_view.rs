//! The "Timeline" output: the up migration's steps as bars, the picture the package carries as
//! `timeline.svg` (`schemashift::estimate::timeline`, one home for both): a bar's length is the
//! step's estimated duration (from Advanced → Table sizes), its colour what the step's lock
//! blocks; hovering a bar shows the step, its estimate and its lock.

use crate::page_text::page_text;
use crate::run::Outcome;
use leptos::prelude::*;
use schemashift::Migration;
use std::sync::Arc;

#[component]
pub fn TimelinePanel(
    outcome: RwSignal<Outcome>,
    active: Signal<bool>,
    /// The migration when the outcome does not carry it (generated in a worker).
    migration_now: Callback<(), Option<Arc<Migration>>>,
) -> impl IntoView {
    // The picture, made while the tab is shown (by the lazy chunk, `lazy.rs`) and kept while it
    // is hidden; an answer for an older outcome is dropped.
    let picture = RwSignal::new(None::<String>);
    let failed = RwSignal::new(None::<String>);
    let asked = StoredValue::new(0u64);
    // The picture made on the page (a result generated here, or no worker to ask).
    let draw_here = move |ticket: u64| {
        let (migration, usable) = outcome.with_untracked(|o| (o.migration.clone(), o.option_error.is_none()));
        let Some(migration) = migration.or_else(|| if usable { migration_now.run(()) } else { None }).filter(|m| !m.up.is_empty()) else {
            picture.set(None);
            return;
        };
        leptos::task::spawn_local(async move {
            let svg = crate::lazy::timeline_svg(&migration).await;
            if asked.get_value() == ticket {
                failed.set(svg.as_ref().err().map(|e| e.0.clone()));
                picture.set(svg.ok().map(|s| page_text(&s)));
            }
        });
    };
    Effect::new(move |_| {
        if !active.get() {
            return;
        }
        let ticket = asked.get_value() + 1;
        asked.set_value(ticket);
        // A result of the worker: drawn by the worker, which holds its migration (generating it
        // again here took seconds of the page's thread at 10,000 tables).
        let source = outcome.with(Outcome::package_source);
        if source.worker_call.is_some() && source.migration.is_none() && source.option_error.is_none() {
            leptos::task::spawn_local(async move {
                let made = crate::run::timeline_of(&source).await;
                if asked.get_value() != ticket {
                    return;
                }
                match made {
                    Ok(Some(svg)) => {
                        failed.set(svg.as_ref().err().cloned());
                        picture.set(svg.ok().flatten().map(|s| page_text(&s)));
                    }
                    // The worker moved on: the newer outcome's picture is asked when it comes.
                    Ok(None) => {}
                    Err(()) => draw_here(ticket),
                }
            });
            return;
        }
        draw_here(ticket);
    });
    view! {
        <Show when=move || picture.with(Option::is_some) fallback=move || match failed.get() {
            Some(e) => view! { <p class="ss-error" role="alert">{e}</p> }.into_any(),
            None => crate::engine::empty_note("No steps to draw."),
        }>
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

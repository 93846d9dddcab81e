//! Split points for the UI (web/BUNDLE.md): the panels no first paint shows, made in wasm
//! chunks loaded when their tab or view is first opened (`lazy_view.rs` draws "Loading…"
//! meanwhile, or the load failure). The tabs that draw from the package builder, the timeline or
//! the visual diff's model share its chunk (`outputs`, `lazy.rs`: one fetch, no small chunks of
//! code they share); the Risks tab, the Risk rules view (with the Markdown renderer) and the
//! panels shown only with a result that asks something (rename suggestions, data moves, a
//! blocked result: `proposals`) have their own. Code the first paint also runs stays in the main module.

use crate::blocked_banner::BlockedBanner;
use crate::checks_panel::{Checks, ChecksPanel};
use crate::lazy::Failed;
use crate::moves::MovesPanel;
use crate::package_panel::PackagePanel;
use crate::renames::RenamePanel;
use crate::risks_panel::RisksPanel;
use crate::rules_view::RulesView;
use crate::run::Outcome;
use crate::schema_diff_view::SchemaDiffPanel;
use crate::timeline_view::TimelinePanel;
use crate::visual_diff_view::VisualDiffPanel;
use leptos::prelude::*;
use schemashift::package::Format;
use schemashift::{Dialect, Migration, Side};
use std::sync::Arc;

/// The migration of the current inputs when the outcome does not carry it (`app.rs`).
pub type MigrationNow = Callback<(), Option<Arc<Migration>>>;

/// The Visual diff tab.
#[wasm_split_helpers::wasm_split(outputs, fallible)]
pub fn visual_diff(uid: String, outcome: RwSignal<Outcome>, active: Signal<bool>, migration_now: MigrationNow) -> Result<AnyView, Failed> {
    Ok(view! { <VisualDiffPanel uid=uid outcome=outcome active=active migration_now=migration_now /> }.into_any())
}

/// The Schema diff tab.
#[wasm_split_helpers::wasm_split(outputs, fallible)]
pub fn schema_diff(outcome: RwSignal<Outcome>, active: Signal<bool>, migration_now: MigrationNow) -> Result<AnyView, Failed> {
    Ok(view! { <SchemaDiffPanel outcome=outcome active=active migration_now=migration_now /> }.into_any())
}

/// The Timeline tab.
#[wasm_split_helpers::wasm_split(outputs, fallible)]
pub fn timeline(outcome: RwSignal<Outcome>, active: Signal<bool>, migration_now: MigrationNow) -> Result<AnyView, Failed> {
    Ok(view! { <TimelinePanel outcome=outcome active=active migration_now=migration_now /> }.into_any())
}

/// The Pre-checks or the Validation tab.
#[wasm_split_helpers::wasm_split(outputs, fallible)]
pub fn checks(outcome: RwSignal<Outcome>, checks: Checks, active: Signal<bool>, dialect: Signal<Dialect>) -> Result<AnyView, Failed> {
    Ok(view! { <ChecksPanel outcome=outcome checks=checks active=active dialect=dialect /> }.into_any())
}

/// The Package tab.
#[wasm_split_helpers::wasm_split(outputs, fallible)]
pub fn package(
    outcome: RwSignal<Outcome>,
    format: RwSignal<Format>,
    active: Signal<bool>,
    locked: Signal<bool>,
) -> Result<AnyView, Failed> {
    Ok(view! { <PackagePanel outcome=outcome format=format active=active locked=locked /> }.into_any())
}

/// The Risks tab (its own chunk: the tab most often opened, without the package builder).
#[wasm_split_helpers::wasm_split(risks_panel, fallible)]
pub fn risks(
    uid: String,
    outcome: RwSignal<Outcome>,
    show_rules: RwSignal<bool>,
    chosen: RwSignal<Option<usize>>,
    on_select: Callback<usize>,
) -> Result<AnyView, Failed> {
    Ok(view! { <RisksPanel uid=uid outcome=outcome show_rules=show_rules chosen=chosen on_select=on_select /> }.into_any())
}

/// The Risk rules view (and the Markdown renderer it alone uses).
#[wasm_split_helpers::wasm_split(rules_view, fallible)]
pub fn rules(uid: String, show: RwSignal<bool>) -> Result<AnyView, Failed> {
    Ok(view! { <RulesView uid=uid show=show /> }.into_any())
}

/// The rename suggestions and their answers, shown when there are some.
#[wasm_split_helpers::wasm_split(proposals, fallible)]
pub fn renames(
    outcome: RwSignal<Outcome>,
    renames: RwSignal<Vec<String>>,
    not_renames: RwSignal<Vec<String>>,
    record: Callback<String>,
) -> Result<AnyView, Failed> {
    Ok(view! { <RenamePanel outcome=outcome renames=renames not_renames=not_renames record=record /> }.into_any())
}

/// The data moves and their answers, shown when there are some.
#[wasm_split_helpers::wasm_split(proposals, fallible)]
pub fn moves(
    outcome: RwSignal<Outcome>,
    copies: RwSignal<Vec<String>>,
    no_copies: RwSignal<Vec<String>>,
    record: Callback<String>,
) -> Result<AnyView, Failed> {
    Ok(view! { <MovesPanel outcome=outcome copies=copies no_copies=no_copies record=record /> }.into_any())
}

/// The banner of a blocked result, shown when one is.
#[wasm_split_helpers::wasm_split(proposals, fallible)]
pub fn blocked(outcome: RwSignal<Outcome>, overridden: RwSignal<bool>, jump: Callback<(Side, usize, usize)>) -> Result<AnyView, Failed> {
    Ok(view! { <BlockedBanner outcome=outcome overridden=overridden jump=jump /> }.into_any())
}

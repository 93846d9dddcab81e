//! The banner over the outputs when the result is blocked (`Outcome::blocked`, from the core's
//! `Migration::blocked`): what is blocked and why, each reason with its input position (a click
//! moves the cursor there), and the one way past it: "Show the blocked migration anyway", which
//! lists the destructive steps and needs a confirming click. Until then the SQL is held back and
//! Copy, Download and Verify are off; the override resets when the inputs change (`app.rs`).

use crate::page_text::page_text;
use crate::run::Outcome;
use leptos::prelude::*;
use schemashift::{BlockKind, Blocker, Side};

/// Where a reason points: "After 3:1", or nothing when it has no position.
pub fn place(b: &Blocker) -> Option<String> {
    let side = match b.side? {
        Side::Before => "Before",
        Side::After => "After",
        Side::Options => "Options",
    };
    Some(if b.line > 0 { format!("{side} {}:{}", b.line, b.column) } else { side.to_string() })
}

fn kind_name(kind: BlockKind) -> &'static str {
    match kind {
        BlockKind::InputError => "input error",
        BlockKind::OptionError => "option error",
        BlockKind::DataMove => "data move",
        BlockKind::RenamePending => "rename or drop",
        BlockKind::NotPlanned => "not planned",
    }
}

/// What the banner's title says.
pub fn headline(blocked: &[Blocker]) -> String {
    let n = blocked.len();
    format!("Blocked: this migration must not be run as it stands ({n} reason{}).", if n == 1 { "" } else { "s" })
}

#[component]
pub fn BlockedBanner(
    outcome: RwSignal<Outcome>,
    /// The user chose to see and use the blocked migration anyway.
    overridden: RwSignal<bool>,
    /// Move the cursor of an editor to a reason's position.
    jump: Callback<(Side, usize, usize)>,
) -> impl IntoView {
    // The list of destructive steps is open (read before confirming).
    let reading = RwSignal::new(false);
    Effect::new(move |_| {
        if !overridden.get() {
            reading.set(false);
        }
    });
    let reasons = move || {
        outcome.with(|o| o.blocked.clone()).into_iter().map(|b| {
            let at = place(&b);
            let target = b.side.filter(|s| *s != Side::Options && b.line > 0).map(|s| (s, b.line, b.column));
            view! {
                <li class="ss-diag ss-error">
                    {match (at, target) {
                        (Some(at), Some(t)) => view! {
                            <button type="button" class="ss-diag-jump" title="Move the cursor here" on:click=move |_| jump.run(t)>{at}</button>
                        }.into_any(),
                        (Some(at), None) => view! { <span class="ss-diag-where">{at}</span> }.into_any(),
                        (None, _) => ().into_any(),
                    }}
                    " "<span class="ss-diag-severity">{kind_name(b.kind)}</span>
                    " "<span class="ss-diag-message">{page_text(&b.message)}</span>
                </li>
            }
        }).collect_view()
    };
    let destructive = move || outcome.with(|o| o.destructive_steps().into_iter().map(|s| (s.index, s.sql.clone())).collect::<Vec<_>>());
    view! {
        <Show when=move || outcome.with(Outcome::is_blocked)>
            <div class="ss-blocked" role="alert" data-testid="blocked-banner" data-overridden=move || overridden.get().to_string()>
                <p class="ss-blocked-title"><strong>{move || outcome.with(|o| headline(&o.blocked))}</strong></p>
                <ul class="ss-diagnostics" data-testid="blocked-reasons">{reasons}</ul>
                <Show
                    when=move || overridden.get()
                    fallback=move || view! {
                        <p class="ss-hint">"Copy, Download and Verify are off until the inputs are fixed."</p>
                        <Show when=move || !reading.get()>
                            <button type="button" class="ss-button" data-testid="show-blocked" on:click=move |_| reading.set(true)>
                                "Show the blocked migration anyway…"
                            </button>
                        </Show>
                        <Show when=move || reading.get()>
                            <div class="ss-blocked-confirm" data-testid="blocked-destructive">
                                {move || {
                                    let steps = destructive();
                                    if steps.is_empty() {
                                        view! { <p>"No step drops a table, column, schema, sequence or type, and no step has a data-loss note. The reasons above still apply."</p> }.into_any()
                                    } else {
                                        view! {
                                            <p>{format!("These {} step(s) destroy data if the blocked result is run:", steps.len())}</p>
                                            <ol class="ss-blocked-steps">
                                                {steps.into_iter().map(|(i, sql)| view! {
                                                    <li><span class="ss-hint">{format!("step {} ", i + 1)}</span><code>{sql.trim().to_string()}</code></li>
                                                }).collect_view()}
                                            </ol>
                                        }.into_any()
                                    }
                                }}
                                <button type="button" class="ss-button ss-danger" data-testid="confirm-blocked" on:click=move |_| overridden.set(true)>
                                    "I have read these: show and enable the blocked migration"
                                </button>
                                " "
                                <button type="button" class="ss-button" on:click=move |_| reading.set(false)>"Cancel"</button>
                            </div>
                        </Show>
                    }
                >
                    <p class="ss-hint">"Shown anyway: Copy, Download and Verify are on for this blocked result until the inputs change. "
                        <button type="button" class="ss-button" on:click=move |_| overridden.set(false)>"Hide it again"</button>
                    </p>
                </Show>
            </div>
        </Show>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reasons_name_their_side_and_position() {
        let b = Blocker::new(BlockKind::InputError, "x").at(Side::After, 3, 7);
        assert_eq!(place(&b).as_deref(), Some("After 3:7"));
        assert_eq!(place(&Blocker::new(BlockKind::DataMove, "y")), None);
        assert!(headline(&[b]).contains("(1 reason)"));
    }
}

//! A part of the page whose code is in a wasm chunk (`lazy_panels.rs`): nothing is drawn until it
//! is first shown, then "Loading…" while its chunk loads, then the part itself, made under the
//! owner of the place it is drawn (its effects and cleanups belong there); a chunk that did not
//! load is said in its place, never a silent blank.

use crate::lazy::Failed;
use leptos::prelude::*;
use leptos::reactive::computed::ScopedFuture;
use std::future::Future;
use std::pin::Pin;

#[derive(Clone, PartialEq)]
enum Phase {
    Closed,
    Loading,
    Ready,
    Failed(String),
}

/// What a split function of `lazy_panels.rs` gives: the part's view once its chunk is loaded.
type Loading = Pin<Box<dyn Future<Output = Result<AnyView, Failed>>>>;

/// `load`'s view, asked for the first time `shown` is true.
pub fn lazy_view<Fut>(shown: Signal<bool>, load: impl FnOnce() -> Fut + 'static) -> AnyView
where
    Fut: Future<Output = Result<AnyView, Failed>> + 'static,
{
    // One copy of the drawing for every part (not one per loader type).
    drawn(shown, Box::new(move || Box::pin(load()) as Loading))
}

fn drawn(shown: Signal<bool>, load: Box<dyn FnOnce() -> Loading>) -> AnyView {
    let phase = RwSignal::new(Phase::Closed);
    let made = StoredValue::new_local(None::<AnyView>);
    let owner = Owner::current().unwrap_or_default();
    let mut load = Some(load);
    Effect::new(move |_| {
        if !shown.get() {
            return;
        }
        let Some(load) = load.take() else { return };
        phase.set(Phase::Loading);
        // Polled under this place's owner, untracked: the part's signals are its own.
        let future = owner.with(|| ScopedFuture::new_untracked(load()));
        leptos::task::spawn_local(async move {
            match future.await {
                Ok(view) => {
                    made.set_value(Some(view));
                    phase.set(Phase::Ready);
                }
                Err(Failed(e)) => phase.set(Phase::Failed(e)),
            }
        });
    });
    (move || match phase.get() {
        Phase::Closed => ().into_any(),
        Phase::Loading => view! { <p class="ss-loading" role="status">"Loading…"</p> }.into_any(),
        Phase::Ready => made.try_update_value(Option::take).flatten().unwrap_or_else(|| ().into_any()),
        Phase::Failed(e) => view! { <p class="ss-load-error" role="alert">{format!("This part did not load: {e}")}</p> }.into_any(),
    })
    .into_any()
}

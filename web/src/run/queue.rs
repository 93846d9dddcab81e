//! One generation at a time: `start` generates on the page (once the generator's chunk is
//! loaded: `engine.rs`), or in the worker where one call is
//! on its way at a time and only the newest request of each playground waits for it; a result
//! that a newer request overtook is dropped.

use super::outcome::Outcome;
use super::request::Request;
use super::worker::{goes_to_worker, in_worker};
use crate::app::Generated;
use leptos::prelude::{GetUntracked, RwSignal, Set, Update};

/// Milliseconds from the page's high-resolution clock (0 when there is none).
fn now_ms() -> f64 {
    web_sys::window().and_then(|w| w.performance()).map(|p| p.now()).unwrap_or(0.0)
}

/// A request waiting for the worker: the playground's `requested` signal and how to send it.
type Queued = (RwSignal<u64>, Box<dyn FnOnce()>);

thread_local! {
    /// A call is on its way to the worker; `QUEUED` holds the newest request of each playground
    /// of the page (by its `requested` signal) waiting for it.
    static BUSY: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    static QUEUED: std::cell::RefCell<Vec<Queued>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// A change of the inputs: from now on the output is busy, and the result of every earlier
/// request is dropped, until the result of the request `start` gets with the ticket returned
/// here is published. Called when the inputs change, not when their request is sent (which
/// waits for a timer): an answer arriving in between was shown as if it were the new inputs'
/// and reported the page idle while their request was still to come.
pub fn begin(generated: Generated) -> u64 {
    let ticket = generated.requested.get_untracked() + 1;
    generated.requested.set(ticket);
    generated.pending.set(true);
    ticket
}

/// Generate the page's outcome for `request` (of `ticket`, from `begin`) and put it, with the
/// time it took, into `generated`; a result that a newer request overtook is dropped. In the
/// worker, one call at a time: a request made while one is on its way waits for it, and only
/// the newest one waits.
pub fn start(request: Request, generated: Generated, ticket: u64) {
    let current = move || generated.requested.get_untracked() == ticket;
    if !current() {
        return;
    }
    let publish = move |outcome: Outcome, elapsed: f64| {
        if !current() {
            return;
        }
        crate::timing::measure("publish the result", || {
            generated.elapsed_ms.set(Some(elapsed));
            generated.outcome.set(outcome);
            generated.pending.set(false);
            generated.runs.update(|n| *n += 1);
        });
    };
    let start = now_ms();
    if goes_to_worker(&request) {
        let send = move || {
            BUSY.set(true);
            leptos::task::spawn_local(async move {
                match in_worker(request, current).await {
                    Ok(Some(o)) => publish(o, now_ms() - start),
                    Ok(None) => {}
                    Err(request) => publish(crate::engine::outcome(request).await, now_ms() - start),
                }
                BUSY.set(false);
                let next = QUEUED.with_borrow_mut(|q| (!q.is_empty()).then(|| q.remove(0).1));
                if let Some(next) = next {
                    next();
                }
            });
        };
        if BUSY.get() {
            QUEUED.with_borrow_mut(|q| {
                q.retain(|(owner, _)| *owner != generated.requested);
                q.push((generated.requested, Box::new(send)));
            });
        } else {
            send();
        }
    } else if let Some(generator) = crate::engine::loaded() {
        let o = generator.outcome(&request);
        publish(o, now_ms() - start);
    } else if let Some(o) = super::first_result::outcome(&request) {
        // The built-in example as the page opens: its result was made at build time, the
        // generator loads when something else is asked.
        publish(o, now_ms() - start);
    } else {
        leptos::task::spawn_local(async move {
            let o = crate::engine::outcome(request).await;
            publish(o, now_ms() - start);
        });
    }
}

//! Stage marks for benchmarks (`core/benches/keystroke.rs`): the pipeline calls `mark` at the
//! end of each stage; a hook installed with `set_hook` (a benchmark's clock) hears them. Without
//! a hook a mark costs one thread-local read. Nothing in the results depends on it.

use std::cell::RefCell;

type Hook = Box<dyn FnMut(&'static str)>;

thread_local! {
    static HOOK: RefCell<Option<Hook>> = const { RefCell::new(None) };
}

/// Install (or with `None` remove) the hook that hears the stage marks of this thread.
pub fn set_hook(hook: Option<Hook>) {
    HOOK.with_borrow_mut(|h| *h = hook);
}

/// The stage `name` has just ended.
pub(crate) fn mark(name: &'static str) {
    HOOK.with_borrow_mut(|h| {
        if let Some(h) = h.as_mut() {
            h(name)
        }
    });
}

/// `mark` for a benchmark's own stages.
pub fn mark_bench(name: &'static str) {
    mark(name)
}

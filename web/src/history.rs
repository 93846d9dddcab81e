//! Undo for the changes the page makes itself (an example loaded, a decision answered): before
//! each, the whole state is recorded with a label; "Undo" (the button, or Ctrl+Z outside a text
//! field) puts the last one back. Typing has the text field's own undo; examples also replace the
//! editors' text through the browser's editing commands, so Ctrl+Z inside an editor brings its
//! text back too (`editor_text::replace`).

use crate::app::Initial;
use leptos::prelude::*;

/// Changes kept for undo (older ones are forgotten).
const LIMIT: usize = 50;

#[derive(Clone, Copy)]
pub struct History {
    entries: RwSignal<Vec<(String, Initial)>>,
}

impl History {
    pub fn new() -> Self {
        History { entries: RwSignal::new(Vec::new()) }
    }

    /// Remember `state` (taken before a change) under `label` ("load the example …").
    pub fn record(&self, label: impl Into<String>, state: Initial) {
        let label = label.into();
        self.entries.update(|e| {
            e.push((label, state));
            if e.len() > LIMIT {
                e.remove(0);
            }
        });
    }

    /// The label of what Undo would take back.
    pub fn last_label(&self) -> Option<String> {
        self.entries.with(|e| e.last().map(|(l, _)| l.clone()))
    }

    /// Take the last recorded state back out.
    pub fn pop(&self) -> Option<Initial> {
        let mut out = None;
        self.entries.update(|e| out = e.pop().map(|(_, s)| s));
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use schemashift::Dialect;

    #[test]
    fn undo_is_last_in_first_out_and_bounded() {
        let owner = Owner::new();
        owner.with(|| {
            let h = History::new();
            assert_eq!(h.last_label(), None);
            for i in 0..(LIMIT + 5) {
                h.record(format!("change {i}"), Initial::new(Dialect::Postgres, i.to_string(), String::new()));
            }
            assert_eq!(h.last_label().as_deref(), Some("change 54"));
            assert_eq!(h.pop().map(|s| s.before), Some("54".to_string()));
            let mut n = 1;
            while h.pop().is_some() {
                n += 1;
            }
            assert_eq!(n, LIMIT);
        });
    }
}

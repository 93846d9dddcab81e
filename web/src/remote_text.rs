//! The page's side of a long package file kept in the worker (`worker_lines.rs`): its outline,
//! the lines the SQL block draws asked for as it scrolls (`sql_panel.rs`), and the whole text
//! only for Copy, as a Blob the worker makes (`copy.rs`).

use crate::run::{call_worker, worker_promise};
use crate::worker_api::{PackageCall, STALE};
use crate::worker_lines::{LinesAnswer, LinesCall, Outline};

/// A file of a package the worker keeps: where to ask for it, and its outline.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RemoteText {
    /// The call the package answered.
    call: PackageCall,
    pub path: String,
    pub outline: Outline,
}

impl RemoteText {
    pub fn new(call: &PackageCall, path: String, outline: Outline) -> Self {
        RemoteText { call: call.clone(), path, outline }
    }

    fn ask(&self, first: usize, last: usize) -> String {
        let call = LinesCall { package: self.call.clone(), path: self.path.clone(), first, last };
        serde_json::to_string(&call).unwrap_or_default()
    }

    /// Lines `first..=last` (clamped to the file); `None` when the worker no longer holds it
    /// (a newer result is then on its way) or there is no worker.
    pub async fn lines(&self, first: usize, last: usize) -> Option<String> {
        let answer = call_worker("lines", &self.ask(first, last)).await.ok()?;
        let answer: LinesAnswer = serde_json::from_str(&answer).ok()?;
        answer.text.filter(|_| answer.error.as_deref() != Some(STALE))
    }

    /// The promise of the whole file as a `text/plain` Blob (rejected when the worker no longer
    /// holds it).
    pub fn blob(&self) -> Result<js_sys::Promise, String> {
        worker_promise("text", &self.ask(0, 0))
    }
}

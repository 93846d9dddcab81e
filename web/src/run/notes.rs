//! Risk notes as the page holds them (`Notes`): the list, or (from the worker) the JSON of it,
//! read into the module and parsed the first time the notes themselves are read. At 10,000
//! tables dropped the Up and Down notes are ~20 MB of JSON: reading them with the worker's answer
//! made it one task of hundreds of milliseconds, while what is shown at once (the status line,
//! the Risks tab's badge) needs only their number.

use schemashift::contract::RiskV1;
use send_wrapper::SendWrapper;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::ops::Deref;
use std::sync::{Arc, OnceLock};

/// Risk notes (read as a `Vec<RiskV1>`; `len` and `is_empty` without parsing).
#[derive(Clone, Default)]
pub struct Notes {
    count: usize,
    /// The JSON of the notes while they are not parsed: a JavaScript string as the worker
    /// posted it (the page is one thread), or a Rust one (the result built in, `first_result.rs`,
    /// and tests); none when they came as a list.
    json: Option<Arc<Json>>,
    parsed: Arc<OnceLock<Vec<RiskV1>>>,
}

enum Json {
    Rust(String),
    Js(SendWrapper<js_sys::JsString>),
}

impl From<Vec<RiskV1>> for Notes {
    fn from(notes: Vec<RiskV1>) -> Self {
        Notes { count: notes.len(), json: None, parsed: Arc::new(OnceLock::from(notes)) }
    }
}

impl Notes {
    /// The `count` notes whose JSON (a list, as `to_json` writes it) is `json` (the page takes
    /// them as JavaScript strings: `from_js`).
    pub fn from_json(json: String, count: usize) -> Self {
        Notes { count, json: Some(Arc::new(Json::Rust(json))), parsed: Arc::new(OnceLock::new()) }
    }

    /// `from_json` of a JavaScript string (read into the module when the notes are).
    pub fn from_js(json: js_sys::JsString, count: usize) -> Self {
        Notes { count, json: Some(Arc::new(Json::Js(SendWrapper::new(json)))), parsed: Arc::new(OnceLock::new()) }
    }

    /// Their JSON (a list), for the worker to send.
    pub fn to_json(&self) -> String {
        serde_json::to_string(&**self).unwrap_or_default()
    }

    pub fn len(&self) -> usize {
        self.count
    }

    pub fn is_empty(&self) -> bool {
        self.count == 0
    }
}

impl Deref for Notes {
    type Target = Vec<RiskV1>;

    fn deref(&self) -> &Vec<RiskV1> {
        // The JSON is the worker's `to_json` of the same types (the same module): it parses.
        self.parsed.get_or_init(|| match self.json.as_deref() {
            Some(Json::Rust(json)) => serde_json::from_str(json).unwrap_or_default(),
            Some(Json::Js(json)) => serde_json::from_str(&crate::js_text::string(json)).unwrap_or_default(),
            None => Vec::new(),
        })
    }
}

impl Serialize for Notes {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        (**self).serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for Notes {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Vec::<RiskV1>::deserialize(deserializer).map(Notes::from)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notes_from_json_are_the_notes() {
        let notes: Vec<RiskV1> = serde_json::from_str(
            r#"[{"rule":"any-drop-table","severity":"critical","message":"Dropping table t.","step":0,"lock":"ACCESS EXCLUSIVE","rewrites":false,"scans":false,"data_loss":true,"breaks_app":true,"safe_alternative":""}]"#,
        )
        .unwrap();
        let held = Notes::from(notes.clone());
        let sent = Notes::from_json(held.to_json(), held.len());
        assert_eq!((sent.len(), sent.is_empty()), (1, false));
        assert_eq!(sent.iter().map(|n| n.message.as_str()).collect::<Vec<_>>(), ["Dropping table t."]);
        assert_eq!(serde_json::to_string(&sent).unwrap(), serde_json::to_string(&notes).unwrap());
        assert!(Notes::default().is_empty() && Notes::default().iter().next().is_none());
    }
}

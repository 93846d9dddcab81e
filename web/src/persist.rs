//! Never lose work: the playground page keeps its state (both schemas and every option, the same
//! JSON a share link carries, `share::Shared`) in the browser's localStorage, and starts from it
//! after a reload. The user can turn this off ("Keep my work in this browser"): the stored state
//! is then deleted and nothing is written until it is turned on again. A share link in the URL
//! wins over the stored state. Playgrounds mounted by other pages (`api::mount`) keep nothing.

use crate::app::Initial;
use crate::share::Shared;

/// Where the state is kept.
const WORK_KEY: &str = "schemashift-work";
/// "off" when the user chose not to keep work in this browser.
const KEEP_KEY: &str = "schemashift-keep";

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// True unless the user turned keeping off (or the browser has no storage).
pub fn keeping() -> bool {
    storage().is_some_and(|s| s.get_item(KEEP_KEY).ok().flatten().as_deref() != Some("off"))
}

/// Turn keeping on or off; off deletes what is kept.
pub fn set_keeping(on: bool) {
    let Some(s) = storage() else { return };
    if on {
        let _ = s.remove_item(KEEP_KEY);
    } else {
        let _ = s.set_item(KEEP_KEY, "off");
        let _ = s.remove_item(WORK_KEY);
    }
}

/// The kept state, if any (and keeping is on).
pub fn load() -> Option<Initial> {
    if !keeping() {
        return None;
    }
    let text = storage()?.get_item(WORK_KEY).ok().flatten()?;
    decode(&text)
}

/// Schemas larger than this (bytes, both together) are kept only once the typing pauses.
pub const LARGE_STATE: usize = 256 * 1024;
/// Schemas larger than this cannot be kept: browsers give localStorage about 5 million
/// characters per site, and storing them would fail after the work of encoding them.
const MAX_KEPT: usize = 4_500_000;

/// Keep `state` (when keeping is on). A browser that refuses (quota, private mode) keeps nothing;
/// a state too large for the browser's storage is not tried (what was kept before stays).
pub fn save(state: &Initial) {
    if !keeping() || state.before.len() + state.after.len() > MAX_KEPT {
        return;
    }
    if let Some(s) = storage() {
        let _ = s.set_item(WORK_KEY, &encode(state));
    }
}

/// The stored text of a state: the share link's JSON.
pub fn encode(state: &Initial) -> String {
    serde_json::to_string(&Shared::new(state)).unwrap_or_default()
}

/// The state in a stored text; `None` when it is damaged or of an unknown dialect.
pub fn decode(text: &str) -> Option<Initial> {
    serde_json::from_str::<Shared>(text).ok().and_then(Shared::initial)
}

#[cfg(test)]
mod tests {
    use super::*;
    use schemashift::Dialect;

    #[test]
    fn a_state_comes_back_whole() {
        let mut state = Initial::new(Dialect::Sqlite, "CREATE TABLE a (x int);".into(), "é\n".into());
        state.renames = vec!["a.x=y".into()];
        state.no_copies = vec!["b".into()];
        state.package_version = "7".into();
        assert_eq!(decode(&encode(&state)), Some(state));
        assert_eq!(decode("{not json"), None);
        assert_eq!(decode(r#"{"d":"oracle","b":"","a":""}"#), None);
    }
}

//! Share links: the playground's state (dialect, both schemas, target version, accepted renames)
//! as JSON, deflated (`miniz_oxide`) and URL-safe base64 encoded into the URL fragment
//! (`#s=...`). The fragment never reaches a server; the page restores the state from it on load.

use crate::app::Initial;
use schemashift::Dialect;
use serde::{Deserialize, Serialize};

/// The fragment key of a shared state.
const KEY: &str = "s=";
/// Inflated states above this size are refused (a shared link is not a way to exhaust memory).
const MAX_STATE_BYTES: usize = 8 << 20;

/// What a link carries.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Shared {
    #[serde(rename = "d")]
    pub dialect: String,
    #[serde(rename = "b")]
    pub before: String,
    #[serde(rename = "a")]
    pub after: String,
    #[serde(rename = "v", default)]
    pub target_version: String,
    #[serde(rename = "r", default)]
    pub renames: Vec<String>,
}

impl Shared {
    pub fn new(dialect: Dialect, before: String, after: String, target_version: String, renames: Vec<String>) -> Self {
        Shared { dialect: dialect.name().to_string(), before, after, target_version, renames }
    }

    /// The fragment (without `#`) that holds this state.
    pub fn to_fragment(&self) -> String {
        let json = serde_json::to_vec(self).unwrap_or_default();
        format!("{KEY}{}", base64url::encode(&miniz_oxide::deflate::compress_to_vec(&json, 9)))
    }

    /// The state in `fragment` (with or without `#`); `None` when it holds none or is damaged.
    pub fn from_fragment(fragment: &str) -> Option<Shared> {
        let code = fragment.trim_start_matches('#').strip_prefix(KEY)?;
        let deflated = base64url::decode(code)?;
        let json = miniz_oxide::inflate::decompress_to_vec_with_limit(&deflated, MAX_STATE_BYTES).ok()?;
        serde_json::from_slice(&json).ok()
    }

    /// The playground's starting state; `None` when the dialect is unknown.
    pub fn initial(self) -> Option<Initial> {
        Some(Initial {
            dialect: self.dialect.parse().ok()?,
            before: self.before,
            after: self.after,
            target_version: self.target_version,
            renames: self.renames,
        })
    }
}

/// URL-safe base64 without padding (RFC 4648 §5).
mod base64url {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    pub fn encode(bytes: &[u8]) -> String {
        let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
        for chunk in bytes.chunks(3) {
            let n = chunk.iter().enumerate().fold(0u32, |n, (i, &b)| n | (u32::from(b) << (16 - 8 * i)));
            for i in 0..=chunk.len() {
                out.push(char::from(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize]));
            }
        }
        out
    }

    pub fn decode(text: &str) -> Option<Vec<u8>> {
        let text = text.trim_end_matches('=');
        let mut out = Vec::with_capacity(text.len() * 3 / 4);
        let (mut acc, mut bits) = (0u32, 0u32);
        for c in text.bytes() {
            let v = ALPHABET.iter().position(|&a| a == c)? as u32;
            acc = (acc << 6) | v;
            bits += 6;
            if bits >= 8 {
                bits -= 8;
                out.push((acc >> bits) as u8);
                acc &= (1 << bits) - 1;
            }
        }
        Some(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64url_round_trips_every_length() {
        for len in 0..40usize {
            let bytes: Vec<u8> = (0..len).map(|i| (i * 37 + 250) as u8).collect();
            let text = base64url::encode(&bytes);
            assert!(text.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'), "{text}");
            assert_eq!(base64url::decode(&text), Some(bytes));
        }
        assert_eq!(base64url::encode(b"foob"), "Zm9vYg");
    }

    #[test]
    fn state_round_trips_through_the_fragment() {
        let s = Shared::new(Dialect::Mysql, "CREATE TABLE t (a int);".into(), "é ✓ \"x\"".into(), "8.0".into(), vec!["t.a=b".into()]);
        let fragment = s.to_fragment();
        assert!(fragment.starts_with("s="));
        assert_eq!(Shared::from_fragment(&format!("#{fragment}")), Some(s.clone()));
        let initial = s.initial().unwrap();
        assert_eq!(initial.dialect, Dialect::Mysql);
        assert_eq!(initial.target_version, "8.0");
    }

    #[test]
    fn damaged_fragments_are_ignored() {
        assert_eq!(Shared::from_fragment(""), None);
        assert_eq!(Shared::from_fragment("#pg-set-not-null"), None);
        assert_eq!(Shared::from_fragment("#s=!!!"), None);
        assert_eq!(Shared::from_fragment("#s=AAAA"), None);
    }
}

//! Share links: the playground's state (dialect, both schemas and every option) as JSON, deflated (`miniz_oxide`) and URL-safe base64 encoded into the URL fragment
//! (`#s=...`). The fragment never reaches a server; the page restores the state from it on load.
//!
//! Compatibility: fields are only added, each with a default, so links made before a field
//! existed still open (with that option at its default); options at their default are left
//! out of the link to keep it short.

use crate::app::Initial;
use schemashift::package::Format;
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
    #[serde(rename = "z", default, skip_serializing_if = "is_false")]
    pub zero_downtime: bool,
    #[serde(rename = "p", default, skip_serializing_if = "is_false")]
    pub preserve_data: bool,
    /// Table sizes as typed (`--table-sizes` file format).
    #[serde(rename = "t", default, skip_serializing_if = "String::is_empty")]
    pub table_sizes: String,
    /// Package format name (`--format`); empty: plain.
    #[serde(rename = "f", default, skip_serializing_if = "String::is_empty")]
    pub format: String,
    /// Rename suggestions answered "not a rename".
    #[serde(rename = "n", default, skip_serializing_if = "Vec::is_empty")]
    pub not_renames: Vec<String>,
    /// Data moves accepted (`--copy`) and declined (`--no-copy`).
    #[serde(rename = "c", default, skip_serializing_if = "Vec::is_empty")]
    pub copies: Vec<String>,
    #[serde(rename = "x", default, skip_serializing_if = "Vec::is_empty")]
    pub no_copies: Vec<String>,
    /// The package's version and name.
    #[serde(rename = "pv", default, skip_serializing_if = "String::is_empty")]
    pub package_version: String,
    #[serde(rename = "pn", default, skip_serializing_if = "String::is_empty")]
    pub package_name: String,
    /// The speed factor (`--speed-factor`) as typed.
    #[serde(rename = "sf", default, skip_serializing_if = "String::is_empty")]
    pub speed_factor: String,
}

fn is_false(b: &bool) -> bool {
    !*b
}

impl Shared {
    /// The link state of a playground state.
    pub fn new(state: &Initial) -> Self {
        Shared {
            dialect: state.dialect.name().to_string(),
            before: state.before.clone(),
            after: state.after.clone(),
            target_version: state.target_version.clone(),
            renames: state.renames.clone(),
            zero_downtime: state.zero_downtime,
            preserve_data: state.preserve_data,
            table_sizes: state.table_sizes.clone(),
            format: if state.format == Format::Plain { String::new() } else { state.format.name().to_string() },
            not_renames: state.not_renames.clone(),
            copies: state.copies.clone(),
            no_copies: state.no_copies.clone(),
            package_version: state.package_version.clone(),
            package_name: state.package_name.clone(),
            speed_factor: state.speed_factor.clone(),
        }
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

    /// The playground's starting state; `None` when the dialect is unknown. An unknown
    /// format (from a newer version) falls back to plain.
    pub fn initial(self) -> Option<Initial> {
        Some(Initial {
            dialect: self.dialect.parse().ok()?,
            before: self.before,
            after: self.after,
            target_version: self.target_version,
            renames: self.renames,
            zero_downtime: self.zero_downtime,
            preserve_data: self.preserve_data,
            table_sizes: self.table_sizes,
            format: self.format.parse().unwrap_or(Format::Plain),
            not_renames: self.not_renames,
            copies: self.copies,
            no_copies: self.no_copies,
            package_version: self.package_version,
            package_name: self.package_name,
            speed_factor: self.speed_factor,
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
    use schemashift::Dialect;

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

    fn state() -> Initial {
        let mut state = Initial::new(Dialect::Mysql, "CREATE TABLE t (a int);".into(), "é ✓ \"x\"".into());
        state.target_version = "8.0".into();
        state.renames = vec!["t.a=b".into()];
        state
    }

    #[test]
    fn state_round_trips_through_the_fragment() {
        let mut state = state();
        state.zero_downtime = true;
        state.preserve_data = true;
        state.table_sizes = "t 1000\n".into();
        state.format = Format::Flyway;
        state.not_renames = vec!["t.x=y".into()];
        state.copies = vec!["b=a where k = 'x'".into()];
        state.no_copies = vec!["c".into()];
        state.package_version = "20240101000000".into();
        state.package_name = "split".into();
        state.speed_factor = "1.8".into();
        let s = Shared::new(&state);
        let fragment = s.to_fragment();
        assert!(fragment.starts_with("s="));
        assert_eq!(Shared::from_fragment(&format!("#{fragment}")), Some(s.clone()));
        let initial = s.initial().unwrap();
        assert_eq!(initial.dialect, Dialect::Mysql);
        assert_eq!(initial.target_version, "8.0");
        assert!(initial.zero_downtime && initial.preserve_data);
        assert_eq!(initial.table_sizes, "t 1000\n");
        assert_eq!(initial.format, Format::Flyway);
        assert_eq!(initial, state, "every field comes back");
    }

    #[test]
    fn defaults_are_left_out_of_the_link() {
        let json = serde_json::to_string(&Shared::new(&state())).unwrap();
        for key in ["\"z\"", "\"p\"", "\"t\"", "\"f\"", "\"n\"", "\"c\"", "\"x\"", "\"pv\"", "\"pn\"", "\"sf\""] {
            assert!(!json.contains(key), "{key} in {json}");
        }
    }

    /// A link made before the options existed: only d, b, a, v, r.
    #[test]
    fn old_links_still_open() {
        let json = br#"{"d":"postgres","b":"CREATE TABLE t (a int);","a":"","v":"","r":["t.a=b"]}"#;
        let fragment = format!("s={}", base64url::encode(&miniz_oxide::deflate::compress_to_vec(json, 9)));
        let initial = Shared::from_fragment(&fragment).and_then(Shared::initial).unwrap();
        assert_eq!(initial.dialect, Dialect::Postgres);
        assert_eq!(initial.renames, vec!["t.a=b".to_string()]);
        assert!(!initial.zero_downtime && !initial.preserve_data);
        assert_eq!(initial.table_sizes, "");
        assert_eq!(initial.format, Format::Plain);
        let oldest = br#"{"d":"sqlite","b":"x","a":"y"}"#;
        let fragment = format!("s={}", base64url::encode(&miniz_oxide::deflate::compress_to_vec(oldest, 9)));
        assert_eq!(Shared::from_fragment(&fragment).and_then(Shared::initial).map(|i| i.dialect), Some(Dialect::Sqlite));
    }

    #[test]
    fn unknown_format_falls_back_to_plain() {
        let mut s = Shared::new(&state());
        s.format = "future-tool".into();
        assert_eq!(s.initial().map(|i| i.format), Some(Format::Plain));
    }

    #[test]
    fn damaged_fragments_are_ignored() {
        assert_eq!(Shared::from_fragment(""), None);
        assert_eq!(Shared::from_fragment("#pg-set-not-null"), None);
        assert_eq!(Shared::from_fragment("#s=!!!"), None);
        assert_eq!(Shared::from_fragment("#s=AAAA"), None);
    }
}

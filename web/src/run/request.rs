//! What the user asked for (`Request`): the two schemas and the options as the page holds
//! them, and the core's `Options` and package options made of them.

use schemashift::package::{self, Format, PackageOptions};
use schemashift::{Dialect, OptionValues, Options};
use serde::{Deserialize, Serialize};

/// What the user asked for: the two schemas and the options.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Request {
    #[serde(with = "dialect_name")]
    pub dialect: Dialect,
    pub before: String,
    pub after: String,
    /// The options as given: the one type the CLI and the JS API fill too.
    #[serde(default)]
    pub options: OptionValues,
    /// The package's version (`--version`); empty: the current UTC time.
    #[serde(default)]
    pub package_version: String,
    /// The package's name (`--name`); empty: from the first change.
    #[serde(default)]
    pub package_name: String,
}

impl Request {
    pub fn new(dialect: Dialect, before: String, after: String) -> Self {
        Request { dialect, before, after, options: OptionValues::default(), package_version: String::new(), package_name: String::new() }
    }

    /// This request without its two texts (cheap to clone: a call to the worker sends splices).
    /// Every field is named, so that a new one is not forgotten here.
    pub fn without_texts(&self) -> Request {
        let Request { dialect, before: _, after: _, options, package_version, package_name } = self;
        Request {
            dialect: *dialect,
            before: String::new(),
            after: String::new(),
            options: options.clone(),
            package_version: package_version.clone(),
            package_name: package_name.clone(),
        }
    }

    /// The package options of this request: its version (or the current UTC time) and name.
    pub fn package_options(&self, format: Format) -> PackageOptions {
        let version = self.package_version.trim();
        let mut options = PackageOptions::new(format, if version.is_empty() { now_version() } else { version.to_string() });
        let name = self.package_name.trim();
        options.name = (!name.is_empty()).then(|| name.to_string());
        options
    }

    /// The core's options. A target version or table-size line that does not read becomes an
    /// options error of the core (`Options::set_target_version`, `set_table_sizes`): the result
    /// is blocked with that reason, never generated for a guess.
    pub fn options(&self) -> Result<Options, String> {
        self.options.to_options(self.dialect)
    }
}

/// The package version: the current UTC time as `YYYYMMDDHHMMSS` (the core reads no clock).
pub fn now_version() -> String {
    // The page's clock in the browser; the system clock in native unit tests (js-sys panics there).
    #[cfg(target_arch = "wasm32")]
    let secs = (js_sys::Date::now() / 1000.0) as u64;
    #[cfg(not(target_arch = "wasm32"))]
    let secs = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0);
    package::utc_version(secs)
}

mod dialect_name {
    use schemashift::Dialect;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(d: &Dialect, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(d.name())
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Dialect, D::Error> {
        let name = String::deserialize(d)?;
        name.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use schemashift::Target;

    #[test]
    fn without_texts_keeps_every_option() {
        let mut r = Request::new(Dialect::Mysql, "CREATE TABLE a (id int);".into(), "CREATE TABLE b (id int);".into());
        r.options.target_version = "8.0".into();
        r.options.renames = vec!["a=b".into()];
        r.options.copies = vec!["b=a".into()];
        r.package_name = "n".into();
        r.options.osc = "gh-ost".into();
        r.options.osc_all = true;
        let light = r.without_texts();
        assert_eq!(Request { before: r.before.clone(), after: r.after.clone(), ..light }, r);
    }

    #[test]
    fn default_target_when_version_is_empty() {
        let r = Request::new(Dialect::Postgres, String::new(), String::new());
        assert_eq!(r.options().unwrap().target, Target::default_for(Dialect::Postgres));
    }
}

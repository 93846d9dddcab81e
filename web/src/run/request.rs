//! What the user asked for (`Request`): the two schemas and the options as the page holds
//! them, and the core's `Options` and package options made of them.

use schemashift::package::{self, Format, PackageOptions};
use schemashift::{Dialect, Options};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// What the user asked for: the two schemas and the options.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Request {
    #[serde(with = "dialect_name")]
    pub dialect: Dialect,
    pub before: String,
    pub after: String,
    /// `--target-version` text; empty means the dialect's default target.
    pub target_version: String,
    /// `--flavor` (`cockroachdb`, `tidb`...); empty: the one the target version names.
    #[serde(default)]
    pub flavor: String,
    pub zero_downtime: bool,
    pub preserve_data: bool,
    pub renames: Vec<String>,
    /// Row counts given as a map (the JS API).
    pub table_sizes: BTreeMap<String, u64>,
    /// Row counts as typed in the page (the `--table-sizes` file format), read by the core.
    #[serde(default)]
    pub table_sizes_text: String,
    /// `--speed-factor` as typed (`calibrate.sql`'s factor); empty: 1.
    #[serde(default)]
    pub speed_factor: String,
    /// Rename suggestions answered "not a rename" (`--not-rename` values).
    #[serde(default)]
    pub not_renames: Vec<String>,
    /// Accepted data moves (`--copy` values: `dest=src [where cond]`).
    #[serde(default)]
    pub copies: Vec<String>,
    /// Declined data moves (`--no-copy` values: the destination table).
    #[serde(default)]
    pub no_copies: Vec<String>,
    /// The package's version (`--version`); empty: the current UTC time.
    #[serde(default)]
    pub package_version: String,
    /// The package's name (`--name`); empty: from the first change.
    #[serde(default)]
    pub package_name: String,
    /// `--osc`: `gh-ost` or `pt-osc` (empty: off), `--osc-all`, `--osc-min-rows` as typed.
    #[serde(default)]
    pub osc: String,
    #[serde(default)]
    pub osc_all: bool,
    #[serde(default)]
    pub osc_min_rows: String,
}

impl Request {
    pub fn new(dialect: Dialect, before: String, after: String) -> Self {
        Request {
            dialect,
            before,
            after,
            target_version: String::new(),
            flavor: String::new(),
            zero_downtime: false,
            preserve_data: false,
            renames: Vec::new(),
            table_sizes: BTreeMap::new(),
            table_sizes_text: String::new(),
            speed_factor: String::new(),
            not_renames: Vec::new(),
            copies: Vec::new(),
            no_copies: Vec::new(),
            package_version: String::new(),
            package_name: String::new(),
            osc: String::new(),
            osc_all: false,
            osc_min_rows: String::new(),
        }
    }

    /// This request without its two texts (cheap to clone: a call to the worker sends splices).
    /// Every field is named, so that a new one is not forgotten here.
    pub fn without_texts(&self) -> Request {
        let Request {
            dialect,
            before: _,
            after: _,
            target_version,
            flavor,
            zero_downtime,
            preserve_data,
            renames,
            table_sizes,
            table_sizes_text,
            speed_factor,
            not_renames,
            copies,
            no_copies,
            package_version,
            package_name,
            osc,
            osc_all,
            osc_min_rows,
        } = self;
        Request {
            dialect: *dialect,
            before: String::new(),
            after: String::new(),
            target_version: target_version.clone(),
            flavor: flavor.clone(),
            zero_downtime: *zero_downtime,
            preserve_data: *preserve_data,
            renames: renames.clone(),
            table_sizes: table_sizes.clone(),
            table_sizes_text: table_sizes_text.clone(),
            speed_factor: speed_factor.clone(),
            not_renames: not_renames.clone(),
            copies: copies.clone(),
            no_copies: no_copies.clone(),
            package_version: package_version.clone(),
            package_name: package_name.clone(),
            osc: osc.clone(),
            osc_all: *osc_all,
            osc_min_rows: osc_min_rows.clone(),
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
        let mut options = Options::new(self.dialect);
        options.set_target(&self.flavor, &self.target_version);
        options.zero_downtime = self.zero_downtime;
        options.preserve_data = self.preserve_data;
        options.renames = self.renames.clone();
        options.not_renames = self.not_renames.clone();
        options.copies = self.copies.clone();
        options.no_copies = self.no_copies.clone();
        if !self.table_sizes_text.trim().is_empty() {
            options.set_table_sizes(&self.table_sizes_text);
        }
        options.table_sizes.extend(self.table_sizes.iter().map(|(t, n)| (t.clone(), *n)));
        if !self.speed_factor.trim().is_empty() {
            options.set_speed_factor(&self.speed_factor);
        }
        options.set_osc(&self.osc, self.osc_all, &self.osc_min_rows);
        Ok(options)
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
        r.target_version = "8.0".into();
        r.renames = vec!["a=b".into()];
        r.copies = vec!["b=a".into()];
        r.package_name = "n".into();
        r.osc = "gh-ost".into();
        r.osc_all = true;
        let light = r.without_texts();
        assert_eq!(Request { before: r.before.clone(), after: r.after.clone(), ..light }, r);
    }

    #[test]
    fn default_target_when_version_is_empty() {
        let r = Request::new(Dialect::Postgres, String::new(), String::new());
        assert_eq!(r.options().unwrap().target, Target::default_for(Dialect::Postgres));
    }
}

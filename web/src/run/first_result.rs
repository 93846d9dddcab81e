//! The built-in example's result, made at build time: the page opens on the first example
//! (`Initial::example`) and shows its result without the generator, whose code is a chunk
//! loaded when something else is asked (`engine.rs`, web/BUNDLE.md). `first_result.json` is
//! what the worker would send for that request (`Shipped::wire`); a test makes it again and
//! fails when it is stale (`SCHEMASHIFT_BLESS=1 cargo test -p schemashift-web first_result`
//! writes it).

use super::notes::Notes;
use super::outcome::{Outcome, PackageChoice};
use super::request::Request;
use super::shipped::Shipped;
use crate::app::Initial;

/// `Shipped::wire` of the example's request, as a JSON array of its four strings.
const WIRE: &str = include_str!("first_result.json");

/// The outcome of `request` when it is the example's (its package version and name aside:
/// they do not change the result), from the result built in.
pub fn outcome(request: &Request) -> Option<Outcome> {
    let example = Initial::example().request();
    let mut asked = request.without_texts();
    (asked.package_version, asked.package_name) = (example.package_version.clone(), example.package_name.clone());
    if asked != example.without_texts() || request.before != example.before || request.after != example.after {
        return None;
    }
    let [json, texts, up, down]: [String; 4] = serde_json::from_str(WIRE).ok()?;
    let shipped = Shipped::from_wire(&json, &texts, |u, d| (Notes::from_json(up, u), Notes::from_json(down, d)))?;
    let mut outcome = shipped.into_outcome(request.clone(), None);
    outcome.package = PackageChoice { version: request.package_version.clone(), name: request.package_name.clone() };
    Some(outcome)
}

#[cfg(test)]
mod tests {
    use super::super::outcome::outcome as generated;
    use super::*;

    const PATH: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/src/run/first_result.json");

    /// The file is the example's result as the core makes it now.
    #[test]
    fn first_result_is_the_examples_result_now() {
        let wire = Shipped::generate(&Initial::example().request()).wire();
        let now = serde_json::to_string_pretty(&wire).unwrap() + "\n";
        if std::env::var_os("SCHEMASHIFT_BLESS").is_some() {
            std::fs::write(PATH, &now).unwrap();
            return;
        }
        assert!(WIRE == now, "web/src/run/first_result.json is stale: SCHEMASHIFT_BLESS=1 cargo test -p schemashift-web first_result");
    }

    /// The page shows the same as if it had generated it, and only for the example.
    #[test]
    fn first_result_outcome_is_the_generated_one() {
        let mut request = Initial::example().request();
        request.package_version = "20261207120000".into();
        let built = outcome(&request).expect("the example's request");
        let direct = generated(&request);
        assert_eq!((built.up.as_str(), built.down.as_str()), (direct.up.as_str(), direct.down.as_str()));
        assert_eq!(built.steps, direct.steps);
        assert_eq!(built.diagnostics, direct.diagnostics);
        assert_eq!(built.blocked, direct.blocked);
        assert_eq!(built.target, direct.target);
        assert_eq!(built.package, direct.package);
        assert_eq!(serde_json::to_string(&built.risks).unwrap(), serde_json::to_string(&direct.risks).unwrap());
        assert!(!built.in_worker && built.worker_call.is_none() && built.migration.is_none());
        assert_eq!(built.migration().map(|m| m.up_sql()), direct.migration.map(|m| m.up_sql()), "made on demand");
        let mut other = request.clone();
        other.after.push(' ');
        assert!(outcome(&other).is_none());
        other = request.clone();
        other.options.zero_downtime = true;
        assert!(outcome(&other).is_none());
    }

    /// `Initial::request` is the request the playground makes of the same state.
    #[test]
    fn initial_request_is_what_the_settings_apply() {
        let owner = leptos::prelude::Owner::new();
        owner.with(|| {
            let initial = Initial::example();
            let mut request = Request::new(initial.dialect, initial.before.clone(), initial.after.clone());
            crate::settings::Settings::new(&initial).apply(&mut request);
            assert_eq!(request, initial.request());
        });
    }
}

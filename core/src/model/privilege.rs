//! Privileges (PostgreSQL): one entry per (object, column, privilege, grantee), as `GRANT` and
//! `REVOKE` leave them; and object owners (`ALTER ... OWNER TO`, diffed only with `--owners`).

use super::QName;
use serde::Serialize;

/// A grant's kind, object, arguments, column, privilege and grantee (`Grant::slot`).
pub type GrantSlot<'a> = (&'a str, &'a QName, &'a Option<String>, &'a Option<String>, &'a str, &'a str);

/// One privilege held by one grantee on one object.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Grant {
    /// The object as `GRANT ... ON` names it: upper-case kind (`TABLE`, `SEQUENCE`,
    /// `ROUTINE` (functions and procedures), `SCHEMA`, `TYPE` (domains too), `FOREIGN SERVER`, `FOREIGN DATA WRAPPER`,
    /// `LANGUAGE`) and name (schema `""` for objects outside schemas); for default privileges
    /// (`ALTER DEFAULT PRIVILEGES`), kind `DEFAULT`, `object.schema` the `IN SCHEMA` (or `""`)
    /// and `object.name` the `FOR ROLE` (or `""`).
    pub kind: String,
    pub object: QName,
    /// A routine's argument types; for default privileges, the object class (`TABLES`, ...).
    pub args: Option<String>,
    /// A column privilege's column.
    pub column: Option<String>,
    /// Upper-case privilege (`SELECT`, `EXECUTE`, ...).
    pub privilege: String,
    /// The role (folded), or `PUBLIC`.
    pub grantee: String,
    pub state: GrantState,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum GrantState {
    Granted,
    WithGrantOption,
    /// A privilege the engine grants by default (EXECUTE on routines and USAGE on types and
    /// languages to PUBLIC, USAGE on schema public) that was revoked.
    Revoked,
}

impl Grant {
    /// The fields that name the slot, in the order `Ord` compares them (the state aside).
    pub fn slot(&self) -> GrantSlot<'_> {
        (&self.kind, &self.object, &self.args, &self.column, &self.privilege, &self.grantee)
    }

    /// Same object, column, privilege and grantee (the state aside).
    pub fn same_slot(&self, o: &Grant) -> bool {
        self.kind == o.kind
            && self.object == o.object
            && self.args == o.args
            && self.column == o.column
            && self.privilege == o.privilege
            && self.grantee == o.grantee
    }

    /// The engine grants this privilege without being asked.
    pub fn engine_default(&self) -> bool {
        if self.grantee != "PUBLIC" || self.column.is_some() {
            return false;
        }
        match (self.kind.as_str(), self.privilege.as_str()) {
            ("ROUTINE", "EXECUTE") | ("TYPE" | "LANGUAGE", "USAGE") => true,
            ("SCHEMA", "USAGE") => self.object.name == "public",
            ("DEFAULT", "EXECUTE") => self.args.as_deref() == Some("FUNCTIONS") || self.args.as_deref() == Some("ROUTINES"),
            ("DEFAULT", "USAGE") => self.args.as_deref() == Some("TYPES"),
            _ => false,
        }
    }
}

/// An object's owner: `kind` and `target` as `ALTER <kind> <target> OWNER TO` writes them.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Owner {
    pub kind: String,
    pub target: String,
    pub role: String,
    /// Where the statement was (for the one diagnostic when owners are not diffed).
    pub line: usize,
}

/// The kinds `ALTER <kind> ... OWNER TO` names the objects of a grant's `kind` by.
fn owner_kinds(kind: &str) -> &'static [&'static str] {
    match kind {
        "TABLE" | "SEQUENCE" => &["TABLE", "VIEW", "MATERIALIZED VIEW", "FOREIGN TABLE", "SEQUENCE"],
        "ROUTINE" => &["FUNCTION", "PROCEDURE", "ROUTINE", "AGGREGATE"],
        "TYPE" => &["TYPE", "DOMAIN"],
        "SCHEMA" => &["SCHEMA"],
        "LANGUAGE" => &["LANGUAGE"],
        "FOREIGN SERVER" => &["SERVER"],
        "FOREIGN DATA WRAPPER" => &["FOREIGN DATA WRAPPER"],
        _ => &[],
    }
}

/// The role a schema's `ALTER ... OWNER TO` makes the owner of the object `g` is on.
fn stated_owner<'a>(s: &'a super::Schema, g: &Grant) -> Option<&'a str> {
    let bare = |n: &str| n.trim().trim_matches('"').to_lowercase();
    let kinds = owner_kinds(&g.kind);
    s.owners.iter().find_map(|(key, o)| {
        let target = kinds.iter().find_map(|k| key.strip_prefix(k).and_then(|r| r.strip_prefix(' ')))?;
        let name = target.split('(').next().unwrap_or(target);
        let mut parts = name.rsplitn(2, '.');
        let last = parts.next().map(bare)?;
        let schema_ok = parts.next().map(bare).is_none_or(|sch| g.object.schema.is_empty() || sch == g.object.schema.to_lowercase());
        (last == g.object.name.to_lowercase() && schema_ok).then_some(o.role.as_str())
    })
}

/// Who owns the object of `g`, as the two schemas state it (`ALTER ... OWNER TO`, on either
/// side; None when neither says, or when they name different roles).
pub fn known_owner<'a>(a: &'a super::Schema, b: &'a super::Schema, g: &Grant) -> Option<&'a str> {
    match (stated_owner(a, g), stated_owner(b, g)) {
        (Some(x), Some(y)) if x != y => None,
        (x, y) => x.or(y),
    }
}

impl Grant {
    /// A privilege of the object's own owner: the engine grants it every privilege of the object
    /// (PostgreSQL docs, 5.8 Privileges), so a `GRANT` to it adds nothing; only a `REVOKE` or a
    /// grant option changes what it holds. Column privileges are not implicit.
    pub fn owners_own(&self, owner: Option<&str>) -> bool {
        self.column.is_none() && !owner_kinds(&self.kind).is_empty() && owner == Some(self.grantee.as_str())
    }

    /// May be a privilege of the object's owner, which no `OWNER TO` states: a role (not
    /// `PUBLIC`) on an object that has an owner, no column.
    pub fn maybe_owners(&self) -> bool {
        self.column.is_none() && !owner_kinds(&self.kind).is_empty() && self.grantee != "PUBLIC"
    }
}

/// Privileges held by an object's known owner as the engine's default: what a `GRANT` to the
/// owner states is dropped from both schemas (`Schema::same_as`: a dump prints none).
pub fn unify_owner_grants(a: &mut super::Schema, b: &mut super::Schema) {
    let implicit = |x: &super::Schema, y: &super::Schema, g: &Grant| g.state == GrantState::Granted && g.owners_own(known_owner(x, y, g));
    let keep_a: Vec<bool> = a.grants.iter().map(|g| !implicit(a, b, g)).collect();
    let keep_b: Vec<bool> = b.grants.iter().map(|g| !implicit(a, b, g)).collect();
    let mut it = keep_a.into_iter();
    a.grants.retain(|_| it.next().unwrap_or(true));
    let mut it = keep_b.into_iter();
    b.grants.retain(|_| it.next().unwrap_or(true));
}

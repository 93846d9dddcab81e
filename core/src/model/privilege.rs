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

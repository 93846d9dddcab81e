//! Objects kept whole, privileges and owners, for every dialect: an opaque object is created by
//! its statements as written (`CREATE`, then its `ALTER`s and comment) and dropped by
//! `DROP <kind> <identity>` (never CASCADE); privileges and owners are PostgreSQL's statements.

use super::{quote, RenderContext, Rendered};
use crate::diff::Change;
use crate::model::{Grant, GrantState};
use crate::Dialect;

/// The statements of an opaque, privilege or owner change; None for every other change.
pub(super) fn render(change: &Change, ctx: &RenderContext<'_>) -> Option<Rendered> {
    Some(match change {
        Change::CreateOpaque { object, .. } => {
            let mut out = vec![object.sql.clone()];
            out.extend(object.alters.iter().map(|a| a.0.clone()));
            out.extend(object.comment.iter().map(|c| c.0.clone()));
            // PostgreSQL refuses CREATE SUBSCRIPTION (with a slot) inside a transaction block.
            if object.kind == "SUBSCRIPTION" {
                Rendered::non_tx(out)
            } else {
                Rendered::tx(out)
            }
        }
        Change::DropOpaque { object, .. } => {
            let sql = format!("DROP {}", object.drop);
            if object.kind == "SUBSCRIPTION" {
                Rendered::non_tx(vec![sql])
            } else {
                Rendered::tx(vec![sql])
            }
        }
        Change::SetGrant { grant, from, to } => {
            let sql = grant_sql(grant, *from, *to, ctx.dialect());
            let unknown_owner = grant.maybe_owners() && crate::model::known_owner(ctx.from, ctx.to, grant).is_none();
            match held(grant, *to) {
                None if unknown_owner && ctx.dialect() == Dialect::Postgres => Rendered::tx(owner_guarded(grant, *from, sql, ctx)),
                _ => Rendered::tx(sql),
            }
        }
        Change::SetOwner { owner } => {
            Rendered::tx(vec![format!("ALTER {} {} OWNER TO {}", owner.kind, owner.target, quote::ident(ctx.dialect(), &owner.role))])
        }
        _ => return None,
    })
}

/// What a state means on the engine: None (not held), Granted or WithGrantOption. Nothing
/// recorded is the engine's default.
fn held(g: &Grant, s: Option<GrantState>) -> Option<GrantState> {
    match s {
        None if g.engine_default() => Some(GrantState::Granted),
        None | Some(GrantState::Revoked) => None,
        other => other,
    }
}

/// The change gives a privilege (placed after the objects are created) rather than taking one
/// away (placed before anything is dropped).
pub fn grant_adds(g: &Grant, from: Option<GrantState>, to: Option<GrantState>) -> bool {
    let rank = |s: Option<GrantState>| match s {
        None => 0,
        Some(GrantState::Granted) => 1,
        _ => 2,
    };
    rank(held(g, to)) > rank(held(g, from))
}

fn grant_sql(g: &Grant, from: Option<GrantState>, to: Option<GrantState>, d: Dialect) -> Vec<String> {
    let (from, to) = (held(g, from), held(g, to));
    if from == to {
        return Vec::new();
    }
    let id = |s: &str| quote::ident(d, s);
    let privilege = match &g.column {
        Some(c) => format!("{} ({})", g.privilege, id(c)),
        None => g.privilege.clone(),
    };
    let grantee = if g.grantee.chars().all(|c| c.is_ascii_uppercase() || c == '_')
        && ["PUBLIC", "CURRENT_USER", "SESSION_USER", "CURRENT_ROLE"].contains(&g.grantee.as_str())
    {
        g.grantee.clone()
    } else {
        id(&g.grantee)
    };
    let (prefix, target) = if g.kind == "DEFAULT" {
        let mut p = "ALTER DEFAULT PRIVILEGES".to_string();
        if !g.object.name.is_empty() {
            p.push_str(&format!(" FOR ROLE {}", id(&g.object.name)));
        }
        if !g.object.schema.is_empty() {
            p.push_str(&format!(" IN SCHEMA {}", id(&g.object.schema)));
        }
        (format!("{p} "), g.args.clone().unwrap_or_default())
    } else {
        let name = if g.object.schema.is_empty() { id(&g.object.name) } else { quote::qname(d, &g.object) };
        let args = match (g.kind.as_str(), &g.args) {
            ("ROUTINE", Some(a)) => format!("({a})"),
            _ => String::new(),
        };
        (String::new(), format!("{} {name}{args}", g.kind))
    };
    let grant =
        |option: bool| format!("{prefix}GRANT {privilege} ON {target} TO {grantee}{}", if option { " WITH GRANT OPTION" } else { "" });
    let revoke = |option_only: bool| {
        format!("{prefix}REVOKE {}{privilege} ON {target} FROM {grantee}", if option_only { "GRANT OPTION FOR " } else { "" })
    };
    vec![match (from, to) {
        (_, Some(GrantState::WithGrantOption)) => grant(true),
        (Some(GrantState::WithGrantOption), Some(_)) => revoke(true),
        (_, Some(_)) => grant(false),
        (_, None) => revoke(false),
    }]
}

/// A privilege taken from a role on an object whose owner neither schema states (no
/// `ALTER ... OWNER TO`): if that role owns the object, the engine gave it the privilege as
/// the owner's (PostgreSQL docs, 5.8 Privileges: the owner holds every privilege unless it
/// revokes its own), and applying AFTER directly keeps it. So the `REVOKE` runs only when the
/// role is not the owner; an owner gives up only a grant option it was given.
fn owner_guarded(g: &Grant, from: Option<GrantState>, revoke: Vec<String>, ctx: &RenderContext<'_>) -> Vec<String> {
    let d = ctx.dialect();
    let lit = |s: &str| quote::literal(d, s);
    let name = if g.object.schema.is_empty() { quote::ident(d, &g.object.name) } else { quote::qname(d, &g.object) };
    let owner = match g.kind.as_str() {
        "TABLE" | "SEQUENCE" => format!("SELECT relowner FROM pg_catalog.pg_class WHERE oid = {}::regclass", lit(&name)),
        "ROUTINE" => {
            let args = g.args.as_deref().unwrap_or("");
            format!("SELECT proowner FROM pg_catalog.pg_proc WHERE oid = {}::regprocedure", lit(&format!("{name}({args})")))
        }
        "TYPE" => format!("SELECT typowner FROM pg_catalog.pg_type WHERE oid = {}::regtype", lit(&name)),
        "SCHEMA" => format!("SELECT nspowner FROM pg_catalog.pg_namespace WHERE nspname = {}", lit(&g.object.name)),
        "LANGUAGE" => format!("SELECT lanowner FROM pg_catalog.pg_language WHERE lanname = {}", lit(&g.object.name)),
        "FOREIGN SERVER" => format!("SELECT srvowner FROM pg_catalog.pg_foreign_server WHERE srvname = {}", lit(&g.object.name)),
        "FOREIGN DATA WRAPPER" => {
            format!("SELECT fdwowner FROM pg_catalog.pg_foreign_data_wrapper WHERE fdwname = {}", lit(&g.object.name))
        }
        _ => return revoke,
    };
    let role = match g.grantee.as_str() {
        "CURRENT_USER" | "CURRENT_ROLE" => "current_user".to_string(),
        "SESSION_USER" => "session_user".to_string(),
        r => lit(r),
    };
    let mut body = vec![
        "DO $schemashift$".to_string(),
        "BEGIN".to_string(),
        format!("  -- no OWNER TO says who owns {}: its owner keeps its own privileges", g.object),
        format!("  IF pg_catalog.pg_get_userbyid(({owner})) <> {role} THEN"),
    ];
    body.extend(revoke.iter().map(|s| format!("    {s};")));
    if from == Some(GrantState::WithGrantOption) {
        body.push("  ELSE".to_string());
        body.extend(grant_sql(g, from, Some(GrantState::Granted), d).iter().map(|s| format!("    {s};")));
    }
    body.push("  END IF;".to_string());
    body.push("END".to_string());
    body.push("$schemashift$".to_string());
    vec![body.join("\n")]
}

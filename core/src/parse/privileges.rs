//! Privileges (PostgreSQL): `GRANT`/`REVOKE` on tables, columns, sequences, routines, schemas,
//! types, domains, foreign servers and wrappers, languages, and `ALTER DEFAULT PRIVILEGES`,
//! applied to `Schema::grants` one (object, column, privilege, grantee) at a time; owners
//! (`ALTER ... OWNER TO`) into `Schema::owners`. Roles themselves are cluster objects: role
//! statements are reported once per input (`roles_once`).

use super::cursor::{Cursor, PResult, Tok};
use super::names::{self, Kind};
use super::{Outcome, State, Stmt};
use crate::model::{known_owner, Grant, GrantState, Owner, QName};
use crate::Dialect;
use sqlparser::tokenizer::Token;

/// Every privilege `ALL` stands for, per object kind (PostgreSQL 15).
fn all_of(kind: &str, class: Option<&str>, columns: bool) -> &'static [&'static str] {
    let k = match (kind, class) {
        ("DEFAULT", Some("TABLES")) => "TABLE",
        ("DEFAULT", Some("SEQUENCES")) => "SEQUENCE",
        ("DEFAULT", Some("FUNCTIONS" | "ROUTINES")) => "ROUTINE",
        ("DEFAULT", Some("TYPES")) => "TYPE",
        ("DEFAULT", Some("SCHEMAS")) => "SCHEMA",
        (k, _) => k,
    };
    match k {
        "TABLE" if columns => &["INSERT", "REFERENCES", "SELECT", "UPDATE"],
        "TABLE" => &["DELETE", "INSERT", "REFERENCES", "SELECT", "TRIGGER", "TRUNCATE", "UPDATE"],
        "SEQUENCE" => &["SELECT", "UPDATE", "USAGE"],
        "ROUTINE" => &["EXECUTE"],
        "SCHEMA" => &["CREATE", "USAGE"],
        _ => &["USAGE"],
    }
}

/// `GRANT`/`REVOKE` (PostgreSQL; MySQL's are reported once).
pub fn grant_or_revoke(st: &mut State, c: Cursor) -> PResult<Outcome> {
    if st.d != Dialect::Postgres {
        return Ok(once(
            st,
            "privileges",
            "GRANT/REVOKE ignored: privileges are only modelled for PostgreSQL (this notice is given once per input)",
        ));
    }
    let is_grant = c.is_kw("grant");
    // Role membership (`GRANT r TO u`) has no ON.
    let has_on = c.toks.iter().any(|t| matches!(&t.t, Token::Word(w) if w.quote_style.is_none() && w.value.eq_ignore_ascii_case("on")));
    if !has_on {
        return Ok(roles_once(st));
    }
    let mut c = c;
    c.next();
    apply(st, &mut c, is_grant, None)
}

/// `ALTER DEFAULT PRIVILEGES [FOR ROLE r] [IN SCHEMA s] GRANT|REVOKE ...`.
pub fn alter_default(st: &mut State, c: &mut Cursor) -> PResult<Outcome> {
    c.expect_kw("default")?;
    c.expect_kw("privileges")?;
    let mut roles = vec![String::new()];
    let mut schemas = vec![String::new()];
    loop {
        if c.eat_kws(&["for", "role"]) || c.eat_kws(&["for", "user"]) {
            roles = names_list(c)?;
        } else if c.eat_kws(&["in", "schema"]) {
            schemas = names_list(c)?;
        } else {
            break;
        }
    }
    let is_grant = if c.eat_kw("grant") {
        true
    } else {
        c.expect_kw("revoke")?;
        false
    };
    let start = c.pos;
    let mut out = Outcome::Applied;
    for r in &roles {
        for s in &schemas {
            c.pos = start;
            out = apply(st, c, is_grant, Some(QName::new(s.clone(), r.clone())))?;
        }
    }
    Ok(out)
}

/// `a, b, c` (no parentheses): names folded as objects.
fn names_list(c: &mut Cursor) -> PResult<Vec<String>> {
    let mut out = vec![c.ident(Kind::Object)?];
    while c.eat(&Token::Comma) {
        out.push(c.ident(Kind::Object)?);
    }
    Ok(out)
}

/// After `GRANT`/`REVOKE`: `[GRANT OPTION FOR] privileges ON objects TO|FROM grantees ...`.
fn apply(st: &mut State, c: &mut Cursor, is_grant: bool, default: Option<QName>) -> PResult<Outcome> {
    let d = st.d;
    let option_only = !is_grant && c.eat_kws(&["grant", "option", "for"]);
    // Privileges up to ON: (name or ALL, columns).
    let mut privs: Vec<(String, Vec<String>)> = Vec::new();
    loop {
        let w = c.word()?;
        let mut name = w.value.to_ascii_uppercase();
        if name == "ALL" {
            c.eat_kw("privileges");
        }
        if name == "ALTER" && c.eat_kw("system") {
            name = "ALTER SYSTEM".into();
        }
        let cols = if c.is(&Token::LParen) {
            let g = c.group()?;
            Cursor::split_commas(g).into_iter().map(|p| Cursor::new(d, p).ident(Kind::Local)).collect::<PResult<Vec<_>>>()?
        } else {
            Vec::new()
        };
        privs.push((name, cols));
        if !c.eat(&Token::Comma) {
            break;
        }
    }
    c.expect_kw("on")?;
    // The objects.
    let mut objects: Vec<(String, QName, Option<String>)> = Vec::new();
    if let Some(scope) = &default {
        let class = c.word()?.value.to_ascii_uppercase();
        objects.push(("DEFAULT".into(), scope.clone(), Some(class)));
    } else if c.eat_kw("all") {
        // `ALL TABLES|SEQUENCES|FUNCTIONS|PROCEDURES|ROUTINES IN SCHEMA s, ...`: what exists now.
        let class = c.word()?.value.to_ascii_uppercase();
        c.expect_kw("in")?;
        c.expect_kw("schema")?;
        for s in names_list(c)? {
            match class.as_str() {
                "TABLES" => {
                    let names: Vec<QName> =
                        st.schema.tables.keys().chain(st.schema.views.keys()).filter(|q| q.schema == s).cloned().collect();
                    objects.extend(names.into_iter().map(|q| ("TABLE".to_string(), q, None)));
                }
                "SEQUENCES" => {
                    let names: Vec<QName> = st.schema.sequences.keys().filter(|q| q.schema == s).cloned().collect();
                    objects.extend(names.into_iter().map(|q| ("SEQUENCE".to_string(), q, None)));
                }
                _ => {
                    let fs: Vec<(QName, String)> =
                        st.schema.functions.values().filter(|f| f.name.schema == s).map(|f| (f.name.clone(), f.args.clone())).collect();
                    objects.extend(fs.into_iter().map(|(q, a)| ("ROUTINE".to_string(), q, Some(a))));
                }
            }
        }
    } else {
        let kinds: &[(&[&str], &str)] = &[
            (&["table"], "TABLE"),
            (&["sequence"], "SEQUENCE"),
            (&["function"], "ROUTINE"),
            (&["procedure"], "ROUTINE"),
            (&["routine"], "ROUTINE"),
            (&["schema"], "SCHEMA"),
            (&["type"], "TYPE"),
            (&["domain"], "TYPE"),
            (&["foreign", "server"], "FOREIGN SERVER"),
            (&["foreign", "data", "wrapper"], "FOREIGN DATA WRAPPER"),
            (&["language"], "LANGUAGE"),
            (&["database"], "DATABASE"),
            (&["tablespace"], "TABLESPACE"),
            (&["large", "object"], "LARGE OBJECT"),
            (&["parameter"], "PARAMETER"),
        ];
        let kind = kinds.iter().find(|(w, _)| c.eat_kws(w)).map(|(_, k)| *k).unwrap_or("TABLE");
        if matches!(kind, "DATABASE" | "TABLESPACE" | "LARGE OBJECT" | "PARAMETER") {
            return Ok(Outcome::Ignored(format!("privileges ON {kind} are cluster-level, outside the schema; ignored")));
        }
        loop {
            let q = if matches!(kind, "SCHEMA" | "FOREIGN SERVER" | "FOREIGN DATA WRAPPER" | "LANGUAGE") {
                QName::new("", c.ident(Kind::Object)?)
            } else {
                c.qname()?
            };
            let args = if kind == "ROUTINE" {
                if c.is(&Token::LParen) {
                    Some(super::routines::arg_types(d, c.group()?))
                } else {
                    let found: Vec<&String> = st.schema.functions.values().filter(|f| f.name == q).map(|f| &f.args).collect();
                    match found.as_slice() {
                        [one] => Some((*one).clone()),
                        _ => return c.err(format!("routine `{q}` without argument types is ambiguous or unknown")),
                    }
                }
            } else {
                None
            };
            // `ON [TABLE] s` naming a sequence grants on the sequence, as PostgreSQL resolves it.
            let is_sequence = kind == "TABLE" && st.schema.sequences.contains_key(&q) && !st.schema.tables.contains_key(&q);
            objects.push((if is_sequence { "SEQUENCE" } else { kind }.to_string(), q, args));
            if !c.eat(&Token::Comma) {
                break;
            }
        }
    }
    if !(c.eat_kw(if is_grant { "to" } else { "from" })) {
        return c.err(if is_grant { "expected TO" } else { "expected FROM" });
    }
    let mut grantees = Vec::new();
    loop {
        c.eat_kw("group");
        let w = c.word()?;
        let g = if w.quote_style.is_none()
            && ["public", "current_user", "session_user", "current_role"].contains(&w.value.to_ascii_lowercase().as_str())
        {
            w.value.to_ascii_uppercase()
        } else {
            names::fold(d, Kind::Object, &w)
        };
        grantees.push(g);
        if !c.eat(&Token::Comma) {
            break;
        }
    }
    let with_option = is_grant && c.eat_kws(&["with", "grant", "option"]);
    if c.eat_kws(&["granted", "by"]) {
        c.word()?;
    }
    c.eat_kw("cascade");
    c.eat_kw("restrict");
    if !c.at_end() {
        return c.err(format!("unexpected text after {}", if is_grant { "GRANT" } else { "REVOKE" }));
    }
    let mut changed = false;
    // A REVOKE of what a role was not granted: its own privileges if it owns the object.
    let mut maybe_owner: Option<(String, QName)> = None;
    for (kind, object, args) in &objects {
        let class = if kind == "DEFAULT" { args.as_deref() } else { None };
        for (p, cols) in &privs {
            let names: Vec<&str> = if p == "ALL" { all_of(kind, class, !cols.is_empty()).to_vec() } else { vec![p.as_str()] };
            // PostgreSQL warns and skips a table privilege a sequence does not have.
            let (names, skipped): (Vec<&str>, Vec<&str>) =
                names.into_iter().partition(|n| kind != "SEQUENCE" || all_of("SEQUENCE", None, false).contains(n));
            if let (Some(n), Some(first)) = (skipped.first(), c.toks.first()) {
                let msg =
                    format!("{n} on sequence {object}: a sequence has only USAGE, SELECT and UPDATE; PostgreSQL skips it with a warning");
                st.diags.push(crate::Diagnostic::warning(first.line, first.col, msg));
            }
            let columns: Vec<Option<String>> = if cols.is_empty() { vec![None] } else { cols.iter().cloned().map(Some).collect() };
            for name in names {
                for col in &columns {
                    for grantee in &grantees {
                        let g = Grant {
                            kind: kind.clone(),
                            object: object.clone(),
                            args: args.clone(),
                            column: col.clone(),
                            privilege: name.to_string(),
                            grantee: grantee.clone(),
                            state: GrantState::Granted,
                        };
                        let now = st.schema.grant_state(&g);
                        // The object's owner (an earlier `OWNER TO`) holds its privileges already.
                        let default = g.engine_default() || g.owners_own(known_owner(&st.schema, &st.schema, &g));
                        let next = next_state(default, now, is_grant, with_option, option_only);
                        changed |= next != now;
                        let unknown_owner = g.maybe_owners() && known_owner(&st.schema, &st.schema, &g).is_none();
                        if !is_grant && !option_only && now.is_none() && next.is_none() && unknown_owner && maybe_owner.is_none() {
                            maybe_owner = Some((g.grantee.clone(), g.object.clone()));
                        }
                        st.schema.set_grant(g, next);
                    }
                }
            }
        }
    }
    if let (Some((role, object)), Some(first)) = (maybe_owner, c.toks.first()) {
        let msg = format!(
            "REVOKE from {role}, which was granted none of these privileges on {object}: if {role} owns {object} (no ALTER ... OWNER TO says who does; then it is the role that runs the migration), this takes away the owner's own privileges, and the migration does not carry that; state the owner with ALTER ... OWNER TO to have it migrated"
        );
        st.diags.push(crate::Diagnostic::warning(first.line, first.col, msg));
        if !changed {
            return Ok(Outcome::Applied);
        }
    }
    if !changed {
        let what = if is_grant { "GRANT: the privileges are held already" } else { "REVOKE: the privileges were not granted" };
        return Ok(Outcome::Ignored(format!("{what}; no effect")));
    }
    Ok(Outcome::Applied)
}

/// The recorded state after a GRANT or REVOKE (None: nothing recorded, i.e. the engine's
/// default: held for engine defaults and the owner's own privileges (`default`), not held otherwise).
fn next_state(default: bool, now: Option<GrantState>, is_grant: bool, with_option: bool, option_only: bool) -> Option<GrantState> {
    if is_grant {
        if with_option {
            return Some(GrantState::WithGrantOption);
        }
        return match now {
            Some(GrantState::WithGrantOption) => now,
            _ if default => None,
            _ => Some(GrantState::Granted),
        };
    }
    if option_only {
        return match now {
            Some(GrantState::WithGrantOption) if default => None,
            Some(GrantState::WithGrantOption) => Some(GrantState::Granted),
            other => other,
        };
    }
    if default {
        Some(GrantState::Revoked)
    } else {
        None
    }
}

/// Kinds `ALTER <kind> <target> OWNER TO` takes, more words first.
const OWNED: &[&str] = &[
    "text search configuration",
    "text search dictionary",
    "foreign data wrapper",
    "materialized view",
    "foreign table",
    "operator class",
    "operator family",
    "event trigger",
    "large object",
    "table",
    "sequence",
    "view",
    "function",
    "procedure",
    "routine",
    "aggregate",
    "schema",
    "type",
    "domain",
    "collation",
    "conversion",
    "operator",
    "publication",
    "subscription",
    "server",
    "procedural language",
    "language",
    "statistics",
    "database",
    "tablespace",
];

/// `ALTER <kind> <target> OWNER TO <role>` (whole statement), recorded in `Schema::owners`.
pub fn owner(st: &mut State, stmt: &Stmt) -> Option<Outcome> {
    let t = stmt.toks;
    let n = t.len();
    let kw = |i: usize, k: &str| matches!(t.get(i).map(|x| &x.t), Some(Token::Word(w)) if w.quote_style.is_none() && w.value.eq_ignore_ascii_case(k));
    if n < 5 || !kw(0, "alter") || !kw(n - 3, "owner") || !kw(n - 2, "to") {
        return None;
    }
    let mut c = Cursor::new(st.d, t);
    c.next();
    let kind = OWNED.iter().find(|k| c.is_kws_at(0, k))?;
    if matches!(*kind, "database" | "tablespace" | "large object") {
        return Some(Outcome::Ignored(format!("ALTER {} OWNER is cluster-level, outside the schema; ignored", kind.to_ascii_uppercase())));
    }
    let from = 1 + kind.split(' ').count();
    let target: &[Tok] = t.get(from..n - 3)?;
    let Token::Word(role) = &t[n - 1].t else { return None };
    let role = names::fold(st.d, Kind::Object, role);
    // `PROCEDURAL` is noise: `ALTER PROCEDURAL LANGUAGE l` is `ALTER LANGUAGE l`.
    let kind = kind.trim_start_matches("procedural ").to_ascii_uppercase();
    let key_target = super::expr::normalize(st.d, target);
    let written = super::opaque::written(stmt, from, n - 3);
    st.schema.owners.insert(format!("{kind} {key_target}"), Owner { kind, target: written, role, line: t[0].line });
    Some(Outcome::Applied)
}

/// Role statements: said once per input (roles are cluster objects, never migrated).
pub fn roles_once(st: &mut State) -> Outcome {
    once(st, "roles", "roles are cluster objects, outside the schema: role statements (CREATE/ALTER/DROP ROLE, GRANT role TO role) are not migrated (this notice is given once per input)")
}

fn once(st: &mut State, what: &'static str, why: &str) -> Outcome {
    if st.noted.contains(&what) {
        Outcome::Applied
    } else {
        st.noted.push(what);
        Outcome::Ignored(why.to_string())
    }
}

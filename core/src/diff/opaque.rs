//! Objects kept whole, privileges and owners.
//!
//! An opaque object (`model::Opaque`) with the same normalized text is unchanged; one whose text
//! differs is dropped and re-created (`replaced`, judged by the `any-opaque-not-modelled` risk
//! rule); one on a single side is created or dropped. Privileges are diffed slot by slot (object,
//! column, privilege, grantee); the privileges of an object that is dropped go with it, and an
//! object that the migration re-creates gets AFTER's privileges again. Owners are diffed when
//! both schemas carry them (`--owners`; `generate` clears them otherwise).

use super::{Change, DiffContext, Renames};
use crate::model::{known_owner, Grant, GrantState, QName, RenameKind, Schema};
use std::collections::{BTreeMap, BTreeSet};

pub(crate) fn diff_opaque(ctx: &mut DiffContext) {
    let (from, to) = (ctx.from, ctx.to);
    // An unchanged object that names one that is dropped or replaced (a user mapping or a
    // foreign table its server, an aggregate or operator ... another opaque object) must go
    // and come back with it: the engine refuses the drop otherwise.
    let mut gone: BTreeSet<String> =
        from.opaque.iter().filter(|(k, o)| to.opaque.get(*k).is_none_or(|n| n != *o)).map(|(k, _)| k.clone()).collect();
    loop {
        let names: Vec<String> = gone.iter().filter_map(|k| from.opaque.get(k)).map(|o| bare_name(&o.name)).collect();
        let more: Vec<String> = from
            .opaque
            .iter()
            .filter(|(k, o)| !gone.contains(*k) && to.opaque.contains_key(*k) && names_any(&o.text, &names, &bare_name(&o.name)))
            .map(|(k, _)| k.clone())
            .collect();
        if more.is_empty() {
            break;
        }
        gone.extend(more);
    }
    for (k, o) in &from.opaque {
        match to.opaque.get(k) {
            None => ctx.push(Change::DropOpaque { object: o.clone(), replaced: false }),
            Some(n) if gone.contains(k) => {
                ctx.push(Change::DropOpaque { object: o.clone(), replaced: true });
                ctx.push(Change::CreateOpaque { object: n.clone(), replaced: true });
            }
            Some(_) => {}
        }
    }
    for (k, o) in &to.opaque {
        if !from.opaque.contains_key(k) {
            ctx.push(Change::CreateOpaque { object: o.clone(), replaced: false });
        }
    }
}

/// The bare last name of an identity (`s.name`, `=== (integer, integer)` → `===`).
fn bare_name(name: &str) -> String {
    let first = name.split([' ', '(']).next().unwrap_or(name);
    first.rsplit('.').next().unwrap_or(first).trim_matches('"').to_lowercase()
}

/// The text names one of `names` (as a whole word) other than its own.
fn names_any(text: &str, names: &[String], own: &str) -> bool {
    let words: BTreeSet<String> =
        text.split(|c: char| !(c.is_alphanumeric() || c == '_')).filter(|w| !w.is_empty()).map(str::to_lowercase).collect();
    names.iter().any(|n| n != own && !n.is_empty() && words.contains(n))
}

/// Privileges (after every other differ: it reads which objects the changes re-create).
pub(crate) fn diff_grants(ctx: &mut DiffContext) {
    let (from, to) = (ctx.from, ctx.to);
    let recreated = recreated(&ctx.changes, from);
    let columns = recreated_columns(&ctx.changes, &ctx.target);
    // The object, or the column a column privilege is on, is dropped and made again.
    let again = |g: &Grant| {
        recreated.contains(&object_key(g))
            || g.column.as_ref().is_some_and(|c| g.kind == "TABLE" && columns.contains(&(&g.object, c.as_str())))
    };
    let mut out = Vec::new();
    // A known owner holds every privilege of its object unless revoked (`Grant::owners_own`):
    // its slot's "nothing recorded" is `Granted`.
    let state = |s: &Schema, g: &Grant| {
        let st = s.grant_state(g);
        if g.owners_own(known_owner(from, to, g)) {
            st.or(Some(GrantState::Granted))
        } else {
            st
        }
    };
    for g in &from.grants {
        let now = state(to, g);
        if now == Some(g.state) && !again(g) {
            continue;
        }
        if now.is_none() {
            // The object is gone: its privileges went with it.
            if exists(to, g) == Some(false) || again(g) {
                continue;
            }
            out.push(Change::SetGrant { grant: g.clone(), from: Some(g.state), to: None });
        } else if to.grant_state(g).is_none() {
            // The owner's default again (its grant option or a revoke undone).
            out.push(Change::SetGrant { grant: g.clone(), from: Some(g.state), to: now });
        }
    }
    for g in &to.grants {
        let before = if again(g) || exists(from, g) == Some(false) { None } else { state(from, g) };
        if before != Some(g.state) {
            out.push(Change::SetGrant { grant: g.clone(), from: before, to: Some(g.state) });
        }
    }
    ctx.changes.extend(out);
}

/// Owners that AFTER sets and BEFORE does not (or sets to another role).
pub(crate) fn diff_owners(ctx: &mut DiffContext) {
    let (from, to) = (ctx.from, ctx.to);
    for (k, o) in &to.owners {
        if from.owners.get(k).map(|f| &f.role) != Some(&o.role) {
            ctx.push(Change::SetOwner { owner: o.clone() });
        }
    }
}

/// The object of a grant, as (kind, name, args).
fn object_key(g: &Grant) -> (String, QName, Option<String>) {
    let kind = if g.kind == "DEFAULT" { "DEFAULT".into() } else { g.kind.clone() };
    (kind, g.object.clone(), if g.kind == "ROUTINE" || g.kind == "DEFAULT" { g.args.clone() } else { None })
}

/// Objects the changes drop and create again (they come back with the engine's default
/// privileges).
fn recreated(changes: &[Change], from: &Schema) -> BTreeSet<(String, QName, Option<String>)> {
    let mut out = BTreeSet::new();
    for c in changes {
        let c = match c {
            Change::Dependent { recreate: true, change, .. } => &**change,
            c => c,
        };
        match c {
            Change::CreateTable { table } if from.tables.contains_key(&table.name) => {
                out.insert(("TABLE".into(), table.name.clone(), None));
            }
            Change::RebuildTable { to, .. } => {
                out.insert(("TABLE".into(), to.name.clone(), None));
            }
            Change::CreateView { view } if from.views.contains_key(&view.name) => {
                out.insert(("TABLE".into(), view.name.clone(), None));
            }
            Change::CreateFunction { function } if from.functions.contains_key(&function.signature()) => {
                out.insert(("ROUTINE".into(), function.name.clone(), Some(function.args.clone())));
            }
            // A domain or composite altered in place keeps its privileges.
            Change::ReplaceType { from: old, to } if !to.alters_in_place_from(old) => {
                out.insert(("TYPE".into(), to.name().clone(), None));
            }
            Change::RebuildEnum { to, .. } => {
                out.insert(("TYPE".into(), to.name.clone(), None));
            }
            Change::CreateSequence { sequence } if from.sequences.contains_key(&sequence.name) => {
                out.insert(("SEQUENCE".into(), sequence.name.clone(), None));
            }
            Change::CreateOpaque { object, replaced: true } => {
                let kind = match object.kind.as_str() {
                    "SERVER" => "FOREIGN SERVER",
                    "FOREIGN TABLE" => "TABLE",
                    k => k,
                };
                let name = object.name.rsplit('.').next().unwrap_or(&object.name).trim_matches('"').to_string();
                let schema = if object.name.contains('.') {
                    object.name.split('.').next().unwrap_or("").trim_matches('"').to_string()
                } else if kind == "TABLE" {
                    "public".into()
                } else {
                    String::new()
                };
                out.insert((kind.to_string(), QName::new(schema, name), None));
            }
            _ => {}
        }
    }
    out
}

/// Columns the changes drop and add again (`Target::recreates_column`): their column privileges
/// go with the drop (PostgreSQL's `DROP COLUMN`), AFTER's are given again.
fn recreated_columns<'c>(changes: &'c [Change], target: &crate::Target) -> BTreeSet<(&'c QName, &'c str)> {
    changes
        .iter()
        .filter_map(|c| match c {
            Change::AlterColumn { table, from, to } if target.recreates_column(from, to) => Some((table, to.name.as_str())),
            _ => None,
        })
        .collect()
}

/// Whether the object a grant is on exists in `s` (None: not known to the model, e.g. a
/// built-in language or type).
pub(crate) fn exists(s: &Schema, g: &Grant) -> Option<bool> {
    let q = &g.object;
    match g.kind.as_str() {
        "TABLE" => Some(
            s.tables.contains_key(q)
                || s.views.contains_key(q)
                || s.opaque.keys().any(|k| k.starts_with("FOREIGN TABLE ") && k.ends_with(&q.name)),
        ),
        "SEQUENCE" => {
            if s.sequences.contains_key(q) {
                Some(true)
            } else if s.tables.keys().any(|t| t.schema == q.schema && q.name.starts_with(&format!("{}_", t.name))) {
                // An implicit serial or identity sequence of a table that is there.
                None
            } else {
                Some(false)
            }
        }
        "ROUTINE" => Some(s.functions.contains_key(&format!("{}({})", q, g.args.as_deref().unwrap_or("")))),
        "SCHEMA" => Some(q.name == "public" || s.namespaces.contains(&q.name)),
        "TYPE" => s.types.contains_key(q).then_some(true),
        "FOREIGN SERVER" => Some(s.opaque.keys().any(|k| k.strip_prefix("SERVER ").is_some_and(|n| n.trim_matches('"') == q.name))),
        "FOREIGN DATA WRAPPER" => {
            Some(s.opaque.keys().any(|k| k.strip_prefix("FOREIGN DATA WRAPPER ").is_some_and(|n| n.trim_matches('"') == q.name)))
        }
        _ => None,
    }
}

/// Renames apply to privileges: a renamed table's grants follow it, a renamed column's and a
/// renamed sequence's.
/// (Lookups by name: the cost is the grants' and renames' count, not their product.)
pub(crate) fn rename_grants(s: &mut Schema, renames: &Renames) {
    let mut tables: BTreeMap<&QName, &QName> = BTreeMap::new();
    let mut sequences: BTreeMap<&QName, &QName> = BTreeMap::new();
    let mut columns: BTreeMap<(&QName, &str), Vec<(usize, &str)>> = BTreeMap::new();
    for (i, r) in renames.entries.iter().enumerate() {
        match r.kind {
            // The first table rename of a name wins (no chains: a new name is never an old one).
            RenameKind::Table => {
                tables.entry(&r.table_from).or_insert(&r.table_to);
            }
            RenameKind::Sequence => {
                sequences.entry(&r.table_from).or_insert(&r.table_to);
            }
            RenameKind::Column => columns.entry((&r.table_to, r.from.as_str())).or_default().push((i, r.to.as_str())),
            _ => {}
        }
    }
    if tables.is_empty() && columns.is_empty() && sequences.is_empty() {
        return;
    }
    let mut grants = std::mem::take(&mut s.grants);
    for g in grants.iter_mut().filter(|g| g.kind == "SEQUENCE") {
        if let Some(to) = sequences.get(&g.object) {
            g.object = (*to).clone();
        }
    }
    for g in grants.iter_mut().filter(|g| g.kind == "TABLE") {
        if let Some(to) = tables.get(&g.object) {
            g.object = (*to).clone();
        }
        // The column renames in their order, each applied to what the earlier ones made.
        let mut after = 0;
        while let Some((i, to)) =
            g.column.as_deref().and_then(|c| columns.get(&(&g.object, c))).and_then(|list| list.iter().find(|(i, _)| *i >= after))
        {
            after = i + 1;
            g.column = Some(to.to_string());
        }
    }
    grants.sort();
    s.grants = grants;
}

#[cfg(test)]
mod tests {
    use crate::{generate, Dialect, Options};

    fn run(before: &str, after: &str, owners: bool) -> crate::Migration {
        let mut o = Options::new(Dialect::Postgres);
        o.owners = owners;
        generate(before, after, &o)
    }

    #[test]
    fn a_new_tables_grant_goes_up_after_it_and_down_with_it() {
        let m = run("", "CREATE TABLE t (id int);\nGRANT SELECT ON t TO app;", false);
        let up = m.up_sql();
        let create = up.find("CREATE TABLE").expect("create");
        let grant = up.find("GRANT SELECT ON TABLE \"public\".\"t\" TO \"app\"").expect("grant");
        assert!(create < grant, "{up}");
        // Down drops the table; its privileges go with it (no REVOKE on a dropped table).
        assert!(!m.down_sql().contains("REVOKE"), "{}", m.down_sql());
    }

    /// An owner holds every privilege of its object (PostgreSQL docs, 5.8 Privileges): a GRANT
    /// to the owner an `OWNER TO` names adds nothing, its REVOKE is real; without `OWNER TO`,
    /// a REVOKE from a role runs only if that role does not own the object.
    #[test]
    fn an_owners_own_privileges() {
        let t = "CREATE TABLE t (id int);\nALTER TABLE t OWNER TO o;\n";
        let m = run(&format!("{t}GRANT SELECT, INSERT ON t TO o;"), &format!("{t}REVOKE DELETE ON t FROM o;"), false);
        assert_eq!(m.up_sql().matches("ON TABLE").count(), 1, "{}", m.up_sql());
        assert!(m.up_sql().contains("REVOKE DELETE ON TABLE \"public\".\"t\" FROM \"o\""), "{}", m.up_sql());
        assert!(m.down_sql().contains("GRANT DELETE ON TABLE \"public\".\"t\" TO \"o\""), "{}", m.down_sql());
        assert!(m.before.same_as(&crate::parse::parse_for(m.target, t).schema));
        let m = run("CREATE TABLE t (id int);\nGRANT SELECT ON t TO app;", "CREATE TABLE t (id int);", false);
        let up = m.up_sql();
        assert!(up.contains("DO $schemashift$") && up.contains("relowner") && up.contains("<> 'app' THEN"), "{up}");
        assert!(up.contains("    REVOKE SELECT ON TABLE \"public\".\"t\" FROM \"app\";"), "{up}");
        // A REVOKE of what a role was not granted may take the owner's own privileges: said.
        let m = run("CREATE TABLE t (id int);", "CREATE TABLE t (id int);\nREVOKE ALL ON t FROM app;", false);
        assert!(m.diagnostics.iter().any(|d| d.diagnostic.message.contains("if app owns public.t")), "{:?}", m.diagnostics);
        // A column privilege is never the owner's by default: a plain REVOKE.
        let m = run("CREATE TABLE t (id int);\nGRANT SELECT (id) ON t TO app;", "CREATE TABLE t (id int);", false);
        assert!(!m.up_sql().contains("DO $schemashift$"), "{}", m.up_sql());
    }

    #[test]
    fn revoked_defaults_and_grant_options_both_ways() {
        let b = "CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $$SELECT 1$$;\nGRANT EXECUTE ON FUNCTION f() TO app;";
        let a = "CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $$SELECT 1$$;\nREVOKE ALL ON FUNCTION f() FROM PUBLIC;\nGRANT EXECUTE ON FUNCTION f() TO app WITH GRANT OPTION;";
        let m = run(b, a, false);
        let up = m.up_sql();
        assert!(up.contains("REVOKE EXECUTE ON ROUTINE \"public\".\"f\"() FROM PUBLIC"), "{up}");
        assert!(up.contains("GRANT EXECUTE ON ROUTINE \"public\".\"f\"() TO \"app\" WITH GRANT OPTION"), "{up}");
        let down = m.down_sql();
        assert!(down.contains("GRANT EXECUTE ON ROUTINE \"public\".\"f\"() TO PUBLIC"), "{down}");
        assert!(down.contains("REVOKE GRANT OPTION FOR EXECUTE ON ROUTINE \"public\".\"f\"() FROM \"app\""), "{down}");
    }

    #[test]
    fn owners_only_with_the_option_and_said_once() {
        let b = "CREATE TABLE t (id int);\nCREATE TABLE u (id int);";
        let a = "CREATE TABLE t (id int);\nALTER TABLE t OWNER TO app;\nCREATE TABLE u (id int);\nALTER TABLE u OWNER TO app;";
        let m = run(b, a, false);
        assert!(m.up.is_empty());
        let notes: Vec<_> = m.diagnostics.iter().filter(|d| d.diagnostic.message.contains("OWNER TO")).collect();
        assert_eq!(notes.len(), 1, "{:?}", m.diagnostics);
        let m = run(b, a, true);
        assert!(m.up_sql().contains("ALTER TABLE t OWNER TO \"app\""), "{}", m.up_sql());
    }

    #[test]
    fn a_changed_opaque_object_is_replaced_with_a_high_note_and_its_dependents_follow() {
        let b = "CREATE FOREIGN DATA WRAPPER w;\nCREATE SERVER s FOREIGN DATA WRAPPER w OPTIONS (host 'x');\nCREATE USER MAPPING FOR app SERVER s;";
        let a = "CREATE FOREIGN DATA WRAPPER w;\nCREATE SERVER s FOREIGN DATA WRAPPER w OPTIONS (host 'y');\nCREATE USER MAPPING FOR app SERVER s;";
        let m = run(b, a, false);
        let up = m.up_sql();
        let order: Vec<usize> = ["DROP USER MAPPING FOR app SERVER s", "DROP SERVER s", "CREATE SERVER s", "CREATE USER MAPPING"]
            .iter()
            .map(|s| up.find(s).unwrap_or_else(|| panic!("{s} missing in {up}")))
            .collect();
        assert!(order.windows(2).all(|w| w[0] < w[1]), "{up}");
        assert!(m
            .up
            .iter()
            .flat_map(|s| &s.risks)
            .any(|r| r.rule == "any-opaque-not-modelled" && r.severity == crate::risk::RiskSeverity::High));
        assert!(!up.contains("CASCADE"));
    }

    #[test]
    fn a_publication_that_adds_its_tables_by_alter_comes_after_them() {
        let a = "CREATE TABLE docs (id int);\nCREATE PUBLICATION p WITH (publish = 'insert, update, delete, truncate');\nALTER PUBLICATION p ADD TABLE ONLY public.docs;";
        let m = run("", a, false);
        let up = m.up_sql();
        assert!(up.find("CREATE TABLE").unwrap_or(usize::MAX) < up.find("CREATE PUBLICATION").unwrap_or(0), "{up}");
        // The same publication written with FOR TABLE is the same object.
        let b = "CREATE TABLE docs (id int);\nCREATE PUBLICATION p FOR TABLE docs;";
        assert!(run(b, a, false).up.is_empty());
    }

    /// pg_dump writes every collation as `(provider = ..., [deterministic = false,] locale = ...)`
    /// (checked on PostgreSQL 15 for `FROM "POSIX"`, `FROM "C"` and an ICU collation).
    #[test]
    fn collations_written_by_hand_and_by_pg_dump_are_the_same() {
        let hand = "CREATE COLLATION mycoll FROM \"POSIX\";\nCREATE COLLATION c2 FROM pg_catalog.\"C\";\n\
                    CREATE COLLATION ic (provider = icu, locale = 'und-u-ks-level2', deterministic = false);\n\
                    CREATE COLLATION fr (LC_COLLATE = 'fr_FR.utf8', LC_CTYPE = 'fr_FR.utf8', deterministic = true);\n\
                    CREATE TABLE t (a text COLLATE mycoll, b text COLLATE ic);";
        let dump = "CREATE COLLATION public.c2 (provider = libc, locale = 'C');\n\
                    CREATE COLLATION public.ic (provider = icu, deterministic = false, locale = 'und-u-ks-level2');\n\
                    CREATE COLLATION public.mycoll (provider = libc, locale = 'POSIX');\n\
                    CREATE COLLATION public.fr (provider = libc, locale = 'fr_FR.utf8');\n\
                    CREATE TABLE public.t (a text COLLATE public.mycoll, b text COLLATE public.ic);";
        for (b, a) in [(hand, dump), (dump, hand)] {
            let m = run(b, a, false);
            assert!(m.up.is_empty(), "{}", m.up_sql());
        }
        // A real change still is one; a copy of another collation is compared as written.
        let other = dump.replace("locale = 'POSIX'", "locale = 'C'");
        assert!(run(dump, &other, false).up_sql().contains("DROP COLLATION"));
        let copy = "CREATE COLLATION x FROM \"de_DE\";";
        assert!(run(copy, "CREATE COLLATION x (provider = libc, locale = 'de_DE');", false).up_sql().contains("DROP COLLATION"));
    }

    #[test]
    fn sqlite_virtual_tables_are_kept_whole() {
        let o = Options::new(Dialect::Sqlite);
        let a = "CREATE TABLE d (id integer PRIMARY KEY, t text);\nCREATE VIRTUAL TABLE d_fts USING fts5(t);\nCREATE TABLE 'd_fts_data'(id INTEGER PRIMARY KEY, block BLOB);";
        let m = generate("CREATE TABLE d (id integer PRIMARY KEY, t text);", a, &o);
        let up = m.up_sql();
        assert!(up.contains("CREATE VIRTUAL TABLE d_fts USING fts5(t)"), "{up}");
        assert!(!up.contains("d_fts_data"), "shadow tables come with the virtual table: {up}");
        assert!(m.down_sql().contains("DROP TABLE d_fts"), "{}", m.down_sql());
        assert!(!m.has_errors());
    }
}

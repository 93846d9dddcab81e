//! PostgreSQL domains: `CREATE DOMAIN` with all its clauses and `ALTER DOMAIN` (constraints
//! added, dropped, validated, renamed; default and NOT NULL set or dropped; renamed or moved to
//! another schema). `ALTER DOMAIN ... OWNER TO` is read by `privileges::owner`.

use super::cursor::{Cursor, PResult};
use super::names::{self, Kind};
use super::{expr, types, Outcome, State};
use crate::model::{Domain, QName, UserType};

/// `CREATE DOMAIN name [AS] type [COLLATE c] [DEFAULT e] [[CONSTRAINT n] NOT NULL|NULL|CHECK (e)]...`.
pub fn create_domain(st: &mut State, mut c: Cursor) -> PResult<Outcome> {
    c.expect_kw("create")?;
    c.expect_kw("domain")?;
    let name = c.decl_qname()?;
    c.eat_kw("as");
    let data_type = types::read_type(&mut c)?.data_type;
    let mut dom = Domain { name: name.clone(), data_type, ..Default::default() };
    let mut pending = None;
    while !c.at_end() {
        if c.eat_kw("constraint") {
            pending = Some(c.ident(Kind::Local)?);
        } else if c.eat_kw("collate") {
            dom.collation = Some(c.qname()?.name);
        } else if c.eat_kw("default") {
            let toks = c.until(|c| c.is_kw("constraint") || c.is_kw("not") || c.is_kw("null") || c.is_kw("check") || c.is_kw("collate"));
            if toks.is_empty() {
                return c.err("expected the domain's default");
            }
            super::complete::check(toks, (toks[0].line, toks[0].col), "DEFAULT expression")?;
            dom.default = super::defaults::default_value(st.d, toks, &dom.data_type);
        } else if !constraint(st.d, &mut c, &mut dom, &mut pending)? {
            return c.err("unexpected text in CREATE DOMAIN");
        }
    }
    if pending.is_some() {
        return c.err("expected NOT NULL, NULL or CHECK after CONSTRAINT name");
    }
    st.schema.types.insert(name, UserType::Domain(dom));
    Ok(Outcome::Applied)
}

/// One `NOT NULL` / `NULL` / `CHECK (e)` constraint at the cursor (named by `pending`, taken),
/// applied to the domain; false when the cursor is at none of them.
fn constraint(d: crate::Dialect, c: &mut Cursor, dom: &mut Domain, pending: &mut Option<String>) -> PResult<bool> {
    if c.eat_kws(&["not", "null"]) {
        dom.not_null = true;
    } else if c.eat_kw("null") {
        dom.not_null = false;
    } else if c.eat_kw("check") {
        let e = expr::normalize(d, c.expr_group("CHECK expression")?);
        let n = match pending.take() {
            Some(n) if dom.checks.iter().any(|(x, _)| *x == n) => {
                return c.err(format!("constraint `{n}` for domain `{}` already exists", dom.name))
            }
            Some(n) => n,
            None => names::pg_choose(&dom.name.name, &[], "check", |n| dom.checks.iter().any(|(x, _)| x == n)),
        };
        dom.checks.push((n, e));
        return Ok(true);
    } else {
        return Ok(false);
    }
    *pending = None;
    Ok(true)
}

/// `ALTER DOMAIN name action` (the cursor after `ALTER DOMAIN`).
pub fn alter_domain(st: &mut State, mut c: Cursor) -> PResult<Outcome> {
    let dialect = st.d;
    let name = c.qname()?;
    let Some(UserType::Domain(dom)) = st.schema.types.get_mut(&name) else {
        return c.err(format!("unknown domain `{name}`"));
    };
    if c.eat_kws(&["set", "default"]) {
        let toks = c.rest();
        if toks.is_empty() {
            return c.err("expected the domain's default");
        }
        super::complete::check(toks, (toks[0].line, toks[0].col), "DEFAULT expression")?;
        dom.default = super::defaults::default_value(dialect, toks, &dom.data_type);
    } else if c.eat_kws(&["drop", "default"]) {
        dom.default = None;
    } else if c.eat_kws(&["set", "not", "null"]) {
        dom.not_null = true;
    } else if c.eat_kws(&["drop", "not", "null"]) {
        dom.not_null = false;
    } else if c.eat_kw("add") {
        let mut pending = if c.eat_kw("constraint") { Some(c.ident(Kind::Local)?) } else { None };
        let before = dom.checks.len();
        let mut d = dom.clone();
        if !constraint(dialect, &mut c, &mut d, &mut pending)? {
            return c.err("expected NOT NULL or CHECK");
        }
        if c.eat_kws(&["not", "valid"]) {
            match d.checks.get(before) {
                Some((n, _)) => {
                    d.not_valid.insert(n.clone());
                }
                None => return c.err("NOT VALID applies to CHECK constraints only"),
            }
        }
        expect_end(&c)?;
        *dom = d;
        return Ok(Outcome::Applied);
    } else if c.eat_kws(&["drop", "constraint"]) {
        let if_exists = c.eat_kws(&["if", "exists"]);
        let n = c.ident(Kind::Local)?;
        if !(c.eat_kw("cascade") || c.eat_kw("restrict")) {
            expect_end(&c)?;
        }
        let Some(i) = dom.checks.iter().position(|(x, _)| *x == n) else {
            if if_exists {
                return Ok(Outcome::Ignored(format!("constraint `{n}` of domain `{name}` does not exist (IF EXISTS)")));
            }
            return c.err(format!("constraint `{n}` of domain `{name}` does not exist"));
        };
        dom.checks.remove(i);
        dom.not_valid.remove(&n);
    } else if c.eat_kws(&["validate", "constraint"]) {
        let n = c.ident(Kind::Local)?;
        if !dom.checks.iter().any(|(x, _)| *x == n) {
            return c.err(format!("constraint `{n}` of domain `{name}` does not exist"));
        }
        dom.not_valid.remove(&n);
    } else if c.eat_kws(&["rename", "constraint"]) {
        let old = c.ident(Kind::Local)?;
        c.expect_kw("to")?;
        let new = c.ident(Kind::Local)?;
        if dom.checks.iter().any(|(x, _)| *x == new) {
            return c.err(format!("constraint `{new}` for domain `{name}` already exists"));
        }
        let Some(check) = dom.checks.iter_mut().find(|(x, _)| *x == old) else {
            return c.err(format!("constraint `{old}` of domain `{name}` does not exist"));
        };
        check.0 = new.clone();
        if dom.not_valid.remove(&old) {
            dom.not_valid.insert(new);
        }
    } else if c.eat_kws(&["rename", "to"]) {
        let new = QName::new(name.schema.clone(), c.ident(Kind::Object)?);
        expect_end(&c)?;
        super::objects::move_type(st, &name, new);
        return Ok(Outcome::Applied);
    } else if c.eat_kws(&["set", "schema"]) {
        let new = QName::new(c.ident(Kind::Object)?, name.name.clone());
        expect_end(&c)?;
        super::objects::move_type(st, &name, new);
        return Ok(Outcome::Applied);
    } else {
        return c.err("unsupported ALTER DOMAIN action");
    }
    expect_end(&c)?;
    Ok(Outcome::Applied)
}

/// Domain checks in name order (the engine keeps no order: dumps list them by name), their
/// expressions without the casts of `VALUE` to its own type that the engine stores
/// (`VALUE::text` on a `varchar` domain).
pub(super) fn canonicalize(st: &mut State) {
    // A domain over another domain: PostgreSQL casts `VALUE` (and literals) to the type at the
    // bottom of the chain (`(VALUE)::numeric < (100)::numeric`).
    let roots: std::collections::BTreeMap<QName, String> = st
        .schema
        .types
        .iter()
        .filter_map(|(q, t)| match t {
            UserType::Domain(d) if d.data_type.user_defined => Some((q.clone(), root_type(&st.schema, d))),
            _ => None,
        })
        .collect();
    for (q, ty) in st.schema.types.iter_mut() {
        if let UserType::Domain(d) = ty {
            let base = roots.get(q).cloned().unwrap_or_else(|| d.data_type.to_string());
            let cols = [("value".to_string(), base)];
            for (_, e) in &mut d.checks {
                *e = super::pg_forms::drop_column_casts(e, &cols);
            }
            d.checks.sort();
        }
    }
}

/// The type at the bottom of a chain of domains (itself when its base is no known domain).
/// The type at the bottom of the chain of the domain `ty` names, without modifiers; `None` when
/// `ty` names no domain.
pub(super) fn domain_root(schema: &crate::model::Schema, ty: &crate::model::DataType) -> Option<String> {
    match schema.types.get(&type_qname(&ty.base)) {
        Some(UserType::Domain(d)) => Some(root_type(schema, d)),
        _ => None,
    }
}

fn type_qname(base: &str) -> QName {
    match base.split_once('.') {
        Some((s, n)) => QName::new(s.trim_matches('"'), n.trim_matches('"')),
        None => QName::new("public", base.trim_matches('"')),
    }
}

fn root_type(schema: &crate::model::Schema, d: &crate::model::Domain) -> String {
    let mut ty = &d.data_type;
    for _ in 0..32 {
        if !ty.user_defined {
            break;
        }
        match schema.types.get(&type_qname(&ty.base)) {
            Some(UserType::Domain(next)) => ty = &next.data_type,
            _ => break,
        }
    }
    // The cast PostgreSQL adds names the type without its modifier (`::numeric`).
    crate::model::DataType { args: Vec::new(), ..ty.clone() }.to_string()
}

fn expect_end(c: &Cursor) -> PResult<()> {
    if c.at_end() {
        Ok(())
    } else {
        c.err("unexpected text after the ALTER DOMAIN action")
    }
}

#[cfg(test)]
mod tests {
    use crate::model::{QName, UserType};
    use crate::parse::parse;
    use crate::Dialect;

    fn domain(sql: &str) -> crate::model::Domain {
        let p = parse(Dialect::Postgres, sql);
        assert!(p.diagnostics.iter().all(|x| !x.is_error()), "{:#?}", p.diagnostics);
        let found = p.schema.types.values().find_map(|t| match t {
            UserType::Domain(d) => Some(d.clone()),
            _ => None,
        });
        found.unwrap_or_default()
    }

    /// pg_dump of a domain over a domain (PostgreSQL 15): the casts to the bottom type go.
    #[test]
    fn a_domain_over_a_domain_compares_without_the_engines_casts() {
        let p = |sql: &str| {
            let p = parse(Dialect::Postgres, sql);
            assert!(p.diagnostics.iter().all(|x| !x.is_error()), "{:#?}", p.diagnostics);
            p.schema.types
        };
        let dump = p("CREATE DOMAIN public.base_domain AS numeric(10,2) CONSTRAINT base_domain_check CHECK ((VALUE > (0)::numeric));\n\
             CREATE DOMAIN public.derived_domain AS public.base_domain CONSTRAINT derived_domain_check CHECK (((VALUE)::numeric < (100)::numeric));");
        let ddl = p("CREATE DOMAIN base_domain AS NUMERIC(10, 2) CONSTRAINT base_domain_check CHECK (VALUE > 0);\n\
             CREATE DOMAIN derived_domain AS base_domain CONSTRAINT derived_domain_check CHECK (VALUE < 100);");
        assert_eq!(dump, ddl);
    }

    #[test]
    fn create_domain_reads_every_clause() {
        let d = domain("CREATE DOMAIN posint AS integer COLLATE \"C\" DEFAULT 1 CONSTRAINT nn NOT NULL CHECK (VALUE > 0) CONSTRAINT small CHECK (VALUE < 100)");
        assert_eq!(d.collation.as_deref(), Some("C"));
        assert_eq!(d.default.as_deref(), Some("1"));
        assert!(d.not_null);
        assert_eq!(d.checks, [("posint_check".to_string(), "value > 0".to_string()), ("small".into(), "value < 100".into())]);
    }

    #[test]
    fn alter_domain_actions_change_the_model() {
        let d = domain(
            "CREATE DOMAIN posint AS integer CHECK (VALUE > 0);
             ALTER DOMAIN posint ADD CONSTRAINT small CHECK (VALUE < 100) NOT VALID;
             ALTER DOMAIN posint ADD CONSTRAINT other CHECK (VALUE <> 5) NOT VALID;
             ALTER DOMAIN posint VALIDATE CONSTRAINT other;
             ALTER DOMAIN posint RENAME CONSTRAINT small TO tiny;
             ALTER DOMAIN posint DROP CONSTRAINT posint_check;
             ALTER DOMAIN posint DROP CONSTRAINT IF EXISTS nothing;
             ALTER DOMAIN posint SET DEFAULT 7;
             ALTER DOMAIN posint SET NOT NULL;",
        );
        assert_eq!(d.checks, [("other".to_string(), "value <> 5".to_string()), ("tiny".into(), "value < 100".into())]);
        assert_eq!(d.not_valid.iter().collect::<Vec<_>>(), ["tiny"]);
        assert_eq!(d.default.as_deref(), Some("7"));
        assert!(d.not_null);
    }

    #[test]
    fn rename_and_set_schema_move_the_domain_and_its_columns() {
        let p = parse(
            Dialect::Postgres,
            "CREATE SCHEMA s; CREATE DOMAIN posint AS integer; CREATE TABLE t (a posint);
             ALTER DOMAIN posint RENAME TO pint; ALTER DOMAIN pint SET SCHEMA s;",
        );
        assert!(p.diagnostics.iter().all(|x| !x.is_error()), "{:#?}", p.diagnostics);
        assert!(p.schema.types.contains_key(&QName::new("s", "pint")));
        let t = &p.schema.tables[&QName::new("public", "t")];
        assert_eq!(t.columns[0].data_type.base, "s.pint");
    }

    #[test]
    fn bad_alter_domain_is_an_error() {
        for sql in [
            "CREATE DOMAIN d AS int; ALTER DOMAIN d DROP CONSTRAINT nope",
            "CREATE DOMAIN d AS int; ALTER DOMAIN d VALIDATE CONSTRAINT nope",
            "CREATE DOMAIN d AS int; ALTER DOMAIN d FROBNICATE",
            "ALTER DOMAIN nope SET NOT NULL",
            "CREATE DOMAIN d AS int; ALTER DOMAIN d SET NOT NULL extra",
        ] {
            let p = parse(Dialect::Postgres, sql);
            assert!(p.diagnostics.iter().any(|x| x.is_error()), "{sql}");
        }
    }
}

//! PostgreSQL range types: `CREATE TYPE name AS RANGE (SUBTYPE = t [, SUBTYPE_OPCLASS = o]
//! [, COLLATION = c] [, CANONICAL = f] [, SUBTYPE_DIFF = f] [, MULTIRANGE_TYPE_NAME = m])`.
//! Parts equal to the engine's defaults are kept as `None` (see `model::RangeType`).

use super::cursor::{Cursor, PResult};
use super::names;
use super::{types, Outcome, State};
use crate::model::{QName, RangeType, UserType};
use sqlparser::tokenizer::Token;

/// The cursor after `AS RANGE`.
pub fn create_range(st: &mut State, name: QName, mut c: Cursor) -> PResult<Outcome> {
    let d = st.d;
    let g = c.group()?;
    if !c.at_end() {
        return c.err("unexpected text after the range type's parameters");
    }
    let mut r = RangeType { name: name.clone(), ..Default::default() };
    let mut subtype = false;
    for part in Cursor::split_commas(g) {
        let mut p = Cursor::new(d, part);
        let key = p.word()?.value.to_ascii_lowercase();
        if !p.eat(&Token::Eq) {
            return p.err("expected `=` after the range type parameter");
        }
        match key.as_str() {
            "subtype" => {
                r.subtype = types::read_type(&mut p)?.data_type;
                subtype = true;
            }
            "subtype_opclass" => r.subtype_opclass = Some(plain(st, p.qname()?)),
            "collation" => r.collation = Some(plain(st, p.qname()?)).filter(|c| c != "default"),
            "canonical" => r.canonical = Some(plain(st, p.qname()?)),
            "subtype_diff" => r.subtype_diff = Some(plain(st, p.qname()?)),
            "multirange_type_name" => r.multirange_type_name = Some(p.qname()?),
            _ => return Cursor::new(d, part).err(format!("unknown range type parameter `{key}`")),
        }
        if !p.at_end() {
            return p.err("unexpected text in the range type parameter");
        }
    }
    if !subtype {
        return c.err("a range type needs SUBTYPE");
    }
    if r.subtype_opclass.is_some() && r.subtype_opclass == default_opclass(&r.subtype) {
        r.subtype_opclass = None;
    }
    if r.multirange_type_name.as_ref() == Some(&RangeType { multirange_type_name: None, ..r.clone() }.multirange()) {
        r.multirange_type_name = None;
    }
    st.schema.types.insert(name, UserType::Range(r));
    Ok(Outcome::Applied)
}

/// The default btree operator class of a built-in subtype (`pg_opclass.opcdefault`), which
/// pg_dump leaves out: the type's internal name with `_ops`.
fn default_opclass(t: &crate::model::DataType) -> Option<String> {
    if t.user_defined || t.array_dims > 0 {
        return None;
    }
    let internal = match t.base.as_str() {
        "smallint" => "int2",
        "integer" => "int4",
        "bigint" => "int8",
        "real" => "float4",
        "double precision" => "float8",
        "boolean" => "bool",
        "character" => "bpchar",
        "character varying" => "text",
        "timestamp without time zone" => "timestamp",
        "timestamp with time zone" => "timestamptz",
        "time without time zone" => "time",
        "time with time zone" => "timetz",
        b @ ("numeric" | "text" | "date" | "interval" | "bytea" | "uuid" | "inet" | "oid" | "money" | "macaddr" | "bit" | "name") => b,
        _ => return None,
    };
    Some(format!("{internal}_ops"))
}

/// A function, operator class or collation name: unqualified in the default schema or
/// `pg_catalog` (always on the search path, where pg_dump leaves it), else `schema.name`.
fn plain(st: &State, q: QName) -> String {
    if q.schema.is_empty() || q.schema == "pg_catalog" || q.schema == names::default_schema(st.d) {
        q.name
    } else {
        format!("{}.{}", q.schema, q.name)
    }
}

#[cfg(test)]
mod tests {
    use crate::model::{QName, UserType};
    use crate::parse::parse;
    use crate::Dialect;

    fn range(sql: &str) -> crate::model::RangeType {
        let p = parse(Dialect::Postgres, sql);
        assert!(p.diagnostics.iter().all(|x| !x.is_error()), "{:#?}", p.diagnostics);
        let found = p.schema.types.values().find_map(|t| match t {
            UserType::Range(r) => Some(r.clone()),
            _ => None,
        });
        found.unwrap_or_default()
    }

    #[test]
    fn reads_every_parameter_and_drops_the_defaults() {
        let r = range("CREATE TYPE fr AS RANGE (subtype = float8, subtype_diff = float8mi, multirange_type_name = fr_multirange)");
        assert_eq!(r.subtype.base, "double precision");
        assert_eq!(r.subtype_diff.as_deref(), Some("float8mi"));
        assert_eq!(r.multirange_type_name, None);
        let r = range(
            "CREATE TYPE public.textrange AS RANGE (SUBTYPE = text, SUBTYPE_OPCLASS = pg_catalog.text_ops, COLLATION = pg_catalog.\"C\", MULTIRANGE_TYPE_NAME = public.texts)",
        );
        assert_eq!(r.subtype_opclass, None, "the default operator class");
        assert_eq!(r.collation.as_deref(), Some("C"));
        assert_eq!(r.multirange_type_name, Some(QName::new("public", "texts")));
        assert_eq!(r.multirange(), QName::new("public", "texts"));
        assert_eq!(range("CREATE TYPE floatrange AS RANGE (subtype = float8)").multirange(), QName::new("public", "floatmultirange"));
        assert_eq!(range("CREATE TYPE fr AS RANGE (subtype = float8)").multirange(), QName::new("public", "fr_multirange"));
    }

    #[test]
    fn a_redefined_range_is_replaced_when_unused_and_blocked_when_used() {
        let o = crate::Options::new(Dialect::Postgres);
        let m = crate::generate(
            "CREATE TYPE fr AS RANGE (subtype = float8);",
            "CREATE TYPE fr AS RANGE (subtype = float8, subtype_diff = float8mi);",
            &o,
        );
        assert!(!m.is_blocked(), "{:?}", m.blocked);
        assert!(m.up_sql().contains("DROP TYPE \"public\".\"fr\""), "{}", m.up_sql());
        let m = crate::generate(
            "CREATE TYPE fr AS RANGE (subtype = float8); CREATE TABLE t (a fr_multirange);",
            "CREATE TYPE fr AS RANGE (subtype = float4); CREATE TABLE t (a fr_multirange);",
            &o,
        );
        assert!(m.blocked.iter().any(|b| b.kind == crate::BlockKind::NotPlanned && b.message.contains("public.t.a")), "{:?}", m.blocked);
    }

    #[test]
    fn bad_range_types_are_errors() {
        for sql in [
            "CREATE TYPE r AS RANGE (collation = \"C\")",
            "CREATE TYPE r AS RANGE (subtype = int4, frobnicate = 1)",
            "CREATE TYPE r AS RANGE (subtype int4)",
            "CREATE TYPE r AS RANGE (subtype = int4) extra",
        ] {
            let p = parse(Dialect::Postgres, sql);
            assert!(p.diagnostics.iter().any(|x| x.is_error()), "{sql}");
        }
    }
}

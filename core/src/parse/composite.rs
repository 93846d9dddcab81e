//! PostgreSQL composite types altered attribute by attribute: `ALTER TYPE name action [, ...]`
//! with `ADD ATTRIBUTE a type`, `DROP ATTRIBUTE [IF EXISTS] a`, `ALTER ATTRIBUTE a [SET DATA]
//! TYPE t` (each with `CASCADE` / `RESTRICT`), and `RENAME ATTRIBUTE a TO b [CASCADE]`. With
//! `CASCADE` the typed tables of the type (`CREATE TABLE ... OF`) follow, as the engine does.

use super::cursor::{Cursor, PResult};
use super::names::Kind;
use super::{types, Outcome, State};
use crate::model::{Attribute, Column, DataType, QName, UserType};

/// One attribute action, as typed tables repeat it on their columns.
enum Action {
    Add(Attribute),
    Drop(String),
    Alter(String, DataType, Option<String>),
    Rename(String, String),
}

/// `COLLATE name` after an attribute's type, if there (the collation's name, as a column's).
pub fn collation(a: &mut Cursor) -> PResult<Option<String>> {
    Ok(if a.eat_kw("collate") { Some(a.qname()?.name) } else { None })
}

/// The column a typed table has for an attribute of its type.
pub fn column_of(a: &Attribute) -> Column {
    Column { collation: a.collation.clone(), ..Column::new(&a.name, a.data_type.clone()) }
}

/// Whether the cursor (after `ALTER TYPE name`) is at an attribute action.
pub fn is_attribute_action(c: &Cursor) -> bool {
    ["add", "drop", "alter", "rename"].iter().any(|k| c.is_kw(k)) && c.is_kw_at(1, "attribute")
}

/// The attribute actions of `ALTER TYPE name ...` (the cursor at the first action).
pub fn alter_attributes(st: &mut State, name: &QName, c: Cursor) -> PResult<Outcome> {
    let d = st.d;
    let attributes = match st.schema.types.get(name) {
        Some(UserType::Composite { attributes, .. }) => attributes,
        Some(_) => return c.err(format!("`{name}` is not a composite type: attribute actions apply to composite types only")),
        None => return c.err(format!("unknown type `{name}`")),
    };
    let mut attributes = attributes.clone();
    // The actions typed tables of the type repeat (those that cascade).
    let mut cascaded: Vec<Action> = Vec::new();
    // Attributes named by `DROP ATTRIBUTE IF EXISTS` that do not exist.
    let mut skipped: Vec<String> = Vec::new();
    let parts = Cursor::split_commas(c.toks.get(c.pos..).unwrap_or(&[])).len();
    let rest = c.toks.get(c.pos..).unwrap_or(&[]);
    for part in Cursor::split_commas(rest) {
        let mut a = Cursor::new(d, part);
        let pushed_before = cascaded.len();
        if a.eat_kws(&["add", "attribute"]) {
            let n = a.ident(Kind::Local)?;
            let t = types::read_type(&mut a)?.data_type;
            let collation = collation(&mut a)?;
            if attributes.iter().any(|x| x.name == n) {
                return a.err(format!("attribute `{n}` of type `{name}` already exists"));
            }
            let attribute = Attribute { name: n, data_type: t, collation };
            attributes.push(attribute.clone());
            cascaded.push(Action::Add(attribute));
        } else if a.eat_kws(&["drop", "attribute"]) {
            let if_exists = a.eat_kws(&["if", "exists"]);
            let n = a.ident(Kind::Local)?;
            match attributes.iter().position(|x| x.name == n) {
                Some(i) => {
                    attributes.remove(i);
                    cascaded.push(Action::Drop(n));
                }
                None if if_exists => skipped.push(n),
                None => return a.err(format!("attribute `{n}` of type `{name}` does not exist")),
            }
        } else if a.eat_kws(&["alter", "attribute"]) {
            let n = a.ident(Kind::Local)?;
            a.eat_kws(&["set", "data"]);
            a.expect_kw("type")?;
            let t = types::read_type(&mut a)?.data_type;
            let collation = collation(&mut a)?;
            let Some(slot) = attributes.iter_mut().find(|x| x.name == n) else {
                return a.err(format!("attribute `{n}` of type `{name}` does not exist"));
            };
            slot.data_type = t.clone();
            slot.collation = collation.clone();
            cascaded.push(Action::Alter(n, t, collation));
        } else if a.eat_kws(&["rename", "attribute"]) {
            let old = a.ident(Kind::Local)?;
            a.expect_kw("to")?;
            let new = a.ident(Kind::Local)?;
            if attributes.iter().any(|x| x.name == new) {
                return a.err(format!("attribute `{new}` of type `{name}` already exists"));
            }
            let Some(slot) = attributes.iter_mut().find(|x| x.name == old) else {
                return a.err(format!("attribute `{old}` of type `{name}` does not exist"));
            };
            slot.name = new.clone();
            cascaded.push(Action::Rename(old, new));
        } else {
            return a.err("expected ADD, DROP, ALTER or RENAME ATTRIBUTE");
        }
        let cascade = a.eat_kw("cascade");
        if !cascade {
            a.eat_kw("restrict");
        }
        if !a.at_end() {
            return a.err("unexpected text after the attribute action");
        }
        if !cascade {
            if let Some(t) = st.schema.tables.values().find(|t| t.options.of_type.as_ref() == Some(name)) {
                return a.err(format!("typed table `{}` uses type `{name}`: the engine requires CASCADE", t.name));
            }
            cascaded.truncate(pushed_before);
        }
    }
    if skipped.len() == parts {
        return Ok(Outcome::Ignored(format!("attribute(s) {} of `{name}` do not exist (IF EXISTS)", skipped.join(", "))));
    }
    if let Some(UserType::Composite { attributes: slot, .. }) = st.schema.types.get_mut(name) {
        *slot = attributes;
    }
    for t in st.schema.tables.values_mut().filter(|t| t.options.of_type.as_ref() == Some(name)) {
        for action in &cascaded {
            match action {
                Action::Add(at) => t.columns.push(column_of(at)),
                Action::Drop(n) => t.columns.retain(|col| col.name != *n),
                Action::Alter(n, ty, collation) => {
                    if let Some(col) = t.column_mut(n) {
                        col.data_type = ty.clone();
                        col.collation = collation.clone();
                    }
                }
                Action::Rename(old, new) => {
                    if let Some(col) = t.column_mut(old) {
                        col.name = new.clone();
                    }
                }
            }
        }
    }
    Ok(Outcome::Applied)
}

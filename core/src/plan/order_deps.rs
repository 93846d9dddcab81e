//! What each change of a rank needs placed before it (`order.rs` sorts a rank's changes with
//! `topo` over these): the dependencies of tables, views and the routines that read them,
//! re-created dependents, types and table-free routines, and objects kept whole.

use super::order::OPAQUE_KIND_ORDER;
use crate::diff::Change;
use crate::model::{DataType, QName, UserType};
use std::collections::BTreeMap;

/// An opaque object needs the other opaque objects whose bare names its text mentions.
pub(super) fn opaque_deps(c: &Change) -> (QName, Vec<QName>) {
    match c {
        Change::CreateOpaque { object, .. } | Change::DropOpaque { object, .. } => {
            let bare = object.name.split([' ', '(']).next().unwrap_or("");
            let bare = bare.rsplit('.').next().unwrap_or(bare).trim_matches('"').to_lowercase();
            let key = QName::new(OPAQUE, format!("{}/{bare}", object.kind));
            let own = object.text.split_once(&object.name).map(|(_, rest)| rest).unwrap_or(&object.text);
            let deps = words(own)
                .into_iter()
                .flat_map(|w| OPAQUE_KIND_ORDER.iter().map(move |k| QName::new(OPAQUE, format!("{k}/{w}"))))
                .filter(|q| *q != key)
                .collect();
            (key, deps)
        }
        _ => (QName::default(), Vec::new()),
    }
}

const OPAQUE: &str = "\u{0}opaque";

pub(super) fn table_create_deps(c: &Change) -> (QName, Vec<QName>) {
    match c {
        Change::CreateTable { table } => {
            let mut deps = table.options.inherits.clone();
            if let Some(p) = &table.options.partition_of {
                deps.push(p.parent.clone());
            }
            (table.name.clone(), deps)
        }
        _ => (QName::default(), Vec::new()),
    }
}

pub(super) fn view_deps(c: &Change) -> (QName, Vec<QName>) {
    match c {
        Change::CreateView { view } | Change::DropView { view } => (view.name.clone(), view.depends_on.clone()),
        _ => (QName::default(), Vec::new()),
    }
}

/// Views and the routines that read views, in one order: a view needs the relations it reads
/// and the routines it calls (any word of its query naming one), a routine the views its body
/// reads (PostgreSQL checks a SQL body's names when it is created).
pub(super) fn view_routine_deps(c: &Change) -> (QName, Vec<QName>) {
    match c {
        Change::CreateView { view } => {
            let mut deps = view.depends_on.clone();
            deps.extend(words(&view.definition).into_iter().map(|w| QName::new(ROUTINE, w)));
            (view.name.clone(), deps)
        }
        Change::CreateFunction { function } => (QName::new(ROUTINE, function.name.name.to_lowercase()), function.depends_on.clone()),
        _ => (QName::default(), Vec::new()),
    }
}

/// A re-created dependent needs the dependents it reads (`Change::Dependent::needs`).
pub(super) fn dependent_deps(c: &Change) -> (QName, Vec<QName>) {
    match c {
        Change::Dependent { node, needs, .. } => {
            (QName::new(DEPENDENT, node.clone()), needs.iter().map(|n| QName::new(DEPENDENT, n.clone())).collect())
        }
        _ => (QName::default(), Vec::new()),
    }
}

const DEPENDENT: &str = "\u{0}dependent";

/// What a type or a table-free routine needs first: a domain its base type and the routines
/// its checks and default call, a composite its attribute types, a routine the user types its
/// text names.
pub(super) fn type_deps(c: &Change) -> (QName, Vec<QName>) {
    let key = |ns: &str, name: &str| QName::new(ns, name.rsplit('.').next().unwrap_or(name).to_lowercase());
    match c {
        Change::CreateType { ty } | Change::DropType { ty } => {
            let types: Vec<&DataType> = match ty {
                UserType::Domain(d) => vec![&d.data_type],
                UserType::Composite { attributes, .. } => attributes.iter().map(|a| &a.data_type).collect(),
                UserType::Enum(_) => Vec::new(),
                UserType::Range(r) => vec![&r.subtype],
            };
            let mut deps: Vec<QName> = types.into_iter().filter(|t| t.user_defined).map(|t| key(TYPE_WORD, &t.base)).collect();
            if let UserType::Domain(d) = ty {
                let exprs: Vec<&str> = d.checks.iter().map(|(_, e)| e.as_str()).chain(d.default.as_deref()).collect();
                deps.extend(exprs.iter().flat_map(|e| words(e)).map(|w| key(ROUTINE, &w)));
            }
            if let UserType::Range(r) = ty {
                deps.extend(r.canonical.iter().chain(&r.subtype_diff).map(|f| key(ROUTINE, f)));
            }
            (key(TYPE_WORD, &ty.name().name), deps)
        }
        Change::CreateFunction { function } | Change::DropFunction { function } => {
            // The user types its text names, and the routines it calls (a SQL-language body is
            // checked when created, a SQL-standard one records what it calls).
            let names = crate::model::Names::of_all([function.args.as_str(), &function.definition]);
            let deps = names.iter().flat_map(|w| [key(TYPE_WORD, w), key(ROUTINE, w)]).collect();
            (key(ROUTINE, &function.name.name), deps)
        }
        _ => (QName::default(), Vec::new()),
    }
}

/// Key spaces for `type_deps`: types and routines by lower-case name (a routine's text and a
/// domain's expressions are matched word by word against them).
const ROUTINE: &str = "\u{0}routine";
const TYPE_WORD: &str = "\u{0}word";

/// Lower-case identifier-like words of an expression.
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '_')).filter(|w| !w.is_empty()).map(str::to_lowercase).collect()
}

/// Dependencies first (or last, when `reverse`); ties and cycles keep the incoming order.
pub(super) fn topo(group: Vec<Change>, deps: fn(&Change) -> (QName, Vec<QName>), reverse: bool) -> Vec<Change> {
    let info: Vec<(QName, Vec<QName>)> = group.iter().map(deps).collect();
    // A name is done when every change of that name is placed (overloads share a name).
    let mut left: BTreeMap<QName, usize> = BTreeMap::new();
    for (n, _) in &info {
        *left.entry(n.clone()).or_default() += 1;
    }
    let mut placed = vec![false; group.len()];
    let mut order: Vec<usize> = Vec::with_capacity(group.len());
    while order.len() < group.len() {
        let mut progressed = false;
        for i in 0..group.len() {
            if placed[i] {
                continue;
            }
            let (name, ds) = &info[i];
            let ready = ds.iter().all(|d| d == name || left.get(d).is_none_or(|n| *n == 0));
            if ready {
                placed[i] = true;
                if let Some(n) = left.get_mut(name) {
                    *n -= 1;
                }
                order.push(i);
                progressed = true;
            }
        }
        if !progressed {
            // A cycle: place the rest as they came.
            for (i, p) in placed.iter_mut().enumerate() {
                if !*p {
                    *p = true;
                    order.push(i);
                }
            }
        }
    }
    if reverse {
        order.reverse();
    }
    let mut slots: Vec<Option<Change>> = group.into_iter().map(Some).collect();
    order.into_iter().filter_map(|i| slots.get_mut(i).and_then(Option::take)).collect()
}

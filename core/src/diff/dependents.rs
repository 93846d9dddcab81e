//! The dependency planner (PostgreSQL): objects that depend on something the migration
//! changes in a way the engine refuses while they exist are dropped first and created again
//! last, never dropped by a silent `CASCADE`.
//!
//! What the engine refuses (and what it handles itself, so nothing is re-created for it):
//! - a column's type or collation changes: views (`diff/views.rs`), rules, policies, triggers
//!   (`WHEN`, `UPDATE OF`), generated columns and SQL-standard routine bodies that use it are
//!   refused (a dropped column: such routine bodies); indexes, checks and defaults on
//!   it are rebuilt by the engine. A rename is followed by the engine: nothing is re-created.
//! - an enum is rebuilt (values removed or reordered): besides the column changes, checks and
//!   index expressions or predicates comparing its columns with old-type constants, and routines
//!   whose signature or body names the type (the old type cannot be dropped under them);
//! - a routine is dropped (a signature change drops the old overload) or replaced with another
//!   return type or parameter list: every default, generated column, check, index, view,
//!   trigger, policy and SQL-standard routine body that calls it;
//! - a domain or composite type is replaced: the routines and views that name it;
//! - rules (kept whole) are refused like views; casts, operators, aggregates and the other
//!   objects kept whole that name a dropped routine or type, or another re-created object kept
//!   whole, are re-created too;
//! - transitively, what depends on a re-created view, routine or generated column.
//!
//! Dependents are found from the model: what each object's text names (`model::references`,
//! conservative). Each one becomes `Change::Dependent` pairs (drop with the BEFORE definition,
//! create with the AFTER one) that replace the differ's own changes of that object;
//! `plan::order` places drops before everything (readers first) and creations after everything
//! (readers last). The risk rule `pg-recreate-dependents` lists them.

use super::{Change, DiffContext};
use crate::model::{Column, CommentTarget, Names, QName, Schema};
use crate::Dialect;
use std::collections::{BTreeMap, BTreeSet};

/// An object that may depend on others.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Node {
    View(QName),
    /// A routine overload: name and argument types.
    Function(QName, String),
    Trigger(QName, String),
    Policy(QName, String),
    Default(QName, String),
    Generated(QName, String),
    Check(QName, String),
    Index(QName, String),
    /// An object kept whole (`model::Opaque`): rules, casts, operators, aggregates..., by key.
    Opaque(String),
}

impl Node {
    /// A stable text key (the `node` of `Change::Dependent`).
    pub fn key(&self) -> String {
        match self {
            Node::View(q) => format!("view {q}"),
            Node::Function(q, args) => format!("routine {q}({args})"),
            Node::Trigger(t, n) => format!("trigger {n} on {t}"),
            Node::Policy(t, n) => format!("policy {n} on {t}"),
            Node::Default(t, c) => format!("default of {t}.{c}"),
            Node::Generated(t, c) => format!("generated column {t}.{c}"),
            Node::Check(t, n) => format!("check {n} on {t}"),
            Node::Index(t, n) => format!("index {n} on {t}"),
            Node::Opaque(key) => key.to_lowercase(),
        }
    }
}

/// Something changed in a way the engine refuses while dependents exist.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Target {
    /// A column whose type or collation changes.
    Column(QName, String),
    /// A column dropped: SQL-standard routine bodies that read it (the other dependents change
    /// with it in AFTER and the differ replaces them in time).
    DroppedColumn(QName, String),
    /// A column converted to a rebuilt enum: constants of the old type in its checks and indexes.
    EnumColumn(QName, String),
    /// A routine (every overload of the name) dropped or re-declared.
    Routine(QName),
    /// A type replaced or rebuilt.
    Type(QName),
    /// A table dropped and created again (its partitioning changes, `repartition.rs`): what
    /// reads it from outside (its own triggers, rules and keys are created with it).
    Table(QName),
    /// A dependent that is re-created itself.
    Node(Node),
}

impl Target {
    fn describe(&self) -> String {
        match self {
            Target::Column(t, c) => format!("the type of {t}.{c} changes"),
            Target::EnumColumn(t, c) => format!("{t}.{c} moves to the rebuilt enum"),
            Target::DroppedColumn(t, c) => format!("{t}.{c} is dropped"),
            Target::Routine(q) => format!("routine {q} is dropped or re-declared"),
            Target::Type(q) => format!("type {q} is re-created"),
            Target::Table(q) => format!("table {q} is re-created (its partitioning changes)"),
            Target::Node(n) => format!("{} is re-created", n.key()),
        }
    }
}

/// One object of a schema that can depend on others, with what its text names.
struct Candidate {
    node: Node,
    /// The table or view it belongs to.
    owner: Option<QName>,
    names: Names,
    /// Views: what the parser saw it read.
    reads: Vec<QName>,
    /// Routines: the body is SQL-standard (`RETURN ...` / `BEGIN ATOMIC`), so the engine
    /// records what it calls; other bodies are not checked until they run.
    tracked_body: bool,
    /// Routines: the name; triggers: the function they execute.
    routine: Option<QName>,
}

/// Every candidate of `s` (only its routines with `routines_only`).
fn candidates(s: &Schema, routines_only: bool) -> Vec<Candidate> {
    let mut out = Vec::new();
    let mut push = |node, owner: Option<QName>, names, reads, tracked_body, routine| {
        out.push(Candidate { node, owner, names, reads, tracked_body, routine })
    };
    for v in s.views.values().filter(|_| !routines_only) {
        push(Node::View(v.name.clone()), None, Names::of(&v.definition), v.depends_on.clone(), false, None);
    }
    for f in s.functions.values() {
        push(
            Node::Function(f.name.clone(), f.args.clone()),
            None,
            Names::of_all([f.args.as_str(), &f.definition]),
            Vec::new(),
            sql_standard_body(&f.definition),
            Some(f.name.clone()),
        );
    }
    if routines_only {
        return out;
    }
    for t in s.triggers.values() {
        push(
            Node::Trigger(t.table.clone(), t.name.clone()),
            Some(t.table.clone()),
            Names::of(&t.definition),
            Vec::new(),
            false,
            t.function.clone(),
        );
    }
    for (key, o) in &s.opaque {
        push(Node::Opaque(key.clone()), None, Names::of(&o.text), o.depends_on.clone(), false, None);
    }
    for t in s.tables.values() {
        for p in &t.policies {
            let names = Names::of_all(p.using.iter().chain(&p.with_check).map(String::as_str));
            push(Node::Policy(t.name.clone(), p.name.clone()), Some(t.name.clone()), names, Vec::new(), false, None);
        }
        for c in &t.columns {
            if let Some(d) = &c.default {
                push(Node::Default(t.name.clone(), c.name.clone()), Some(t.name.clone()), Names::of(d), Vec::new(), false, None);
            }
            if let Some(g) = &c.generated {
                push(Node::Generated(t.name.clone(), c.name.clone()), Some(t.name.clone()), Names::of(&g.expr), Vec::new(), false, None);
            }
        }
        for k in &t.constraints {
            if let (crate::model::ConstraintKind::Check { expr, .. }, Some(name)) = (&k.kind, &k.name) {
                push(Node::Check(t.name.clone(), name.clone()), Some(t.name.clone()), Names::of(expr), Vec::new(), false, None);
            }
        }
        for i in &t.indexes {
            let texts: Vec<&str> = i.elems.iter().filter(|e| e.is_expr).map(|e| e.expr.as_str()).chain(i.predicate.as_deref()).collect();
            if !texts.is_empty() {
                push(Node::Index(t.name.clone(), i.name.clone()), Some(t.name.clone()), Names::of_all(texts), Vec::new(), false, None);
            }
        }
    }
    out
}

/// The bare name in an opaque object's key (`OPERATOR CLASS s.my_ops USING btree` → `my_ops`).
fn opaque_bare_name(key: &str) -> String {
    let kinds = [
        "TEXT SEARCH CONFIGURATION",
        "TEXT SEARCH DICTIONARY",
        "TEXT SEARCH PARSER",
        "TEXT SEARCH TEMPLATE",
        "FOREIGN DATA WRAPPER",
        "OPERATOR CLASS",
        "OPERATOR FAMILY",
        "FOREIGN TABLE",
        "VIRTUAL TABLE",
        "USER MAPPING",
        "ACCESS METHOD",
        "EVENT TRIGGER",
    ];
    let rest = kinds.iter().find_map(|k| key.strip_prefix(k)).unwrap_or_else(|| key.split_once(' ').map(|(_, r)| r).unwrap_or(key));
    let first = rest.trim().split([' ', '(']).next().unwrap_or("");
    first.rsplit('.').next().unwrap_or(first).trim_matches('"').to_ascii_lowercase()
}

/// `RETURN expr` or `BEGIN ATOMIC` outside a quoted body: PostgreSQL records what it names.
fn sql_standard_body(def: &str) -> bool {
    let upper = def.to_ascii_uppercase();
    let unquoted = !def.contains("$$") && !upper.contains(" AS '") && !upper.contains(" AS $");
    unquoted && (upper.contains("BEGIN ATOMIC") || upper.split_whitespace().any(|w| w == "RETURN"))
}

/// Whether candidate `c` depends on `target` in a way the engine refuses a change to it.
fn depends(c: &Candidate, target: &Target) -> bool {
    let on_table_mentioning =
        |t: &QName, col: &str| (c.owner.as_ref() == Some(t) || c.names.has_object(t) || c.reads.contains(t)) && c.names.has(col);
    match target {
        Target::Column(t, col) => match &c.node {
            Node::Policy(..) | Node::Trigger(..) => on_table_mentioning(t, col),
            Node::Opaque(key) => key.starts_with("RULE ") && on_table_mentioning(t, col),
            Node::Function(..) => c.tracked_body && on_table_mentioning(t, col),
            Node::Generated(gt, gc) => gt == t && gc != col && c.names.has(col),
            _ => false,
        },
        Target::DroppedColumn(t, col) => match &c.node {
            Node::Function(..) => c.tracked_body && on_table_mentioning(t, col),
            _ => false,
        },
        Target::EnumColumn(t, col) => match &c.node {
            Node::Check(ct, _) | Node::Index(ct, _) => ct == t && c.names.has(col),
            _ => false,
        },
        Target::Routine(q) => match &c.node {
            // A routine's text names itself: an overload or namesake in another schema is not
            // taken for a caller.
            Node::Function(own, _) => c.tracked_body && own.name != q.name && c.names.has_object(q),
            Node::Trigger(..) => c.routine.as_ref() == Some(q) || c.names.has_object(q),
            _ => c.names.has_object(q),
        },
        Target::Type(q) => match &c.node {
            Node::Function(..) | Node::View(_) | Node::Check(..) | Node::Index(..) | Node::Opaque(_) => c.names.has_object(q),
            _ => false,
        },
        Target::Table(t) => match &c.node {
            Node::View(_) | Node::Opaque(_) => c.reads.contains(t) || c.names.has_object(t),
            Node::Function(..) => c.tracked_body && c.names.has_object(t),
            Node::Policy(pt, _) => pt != t && c.names.has_object(t),
            _ => false,
        },
        Target::Node(Node::View(v)) => match &c.node {
            Node::View(w) => w != v && (c.reads.contains(v) || c.names.has_object(v)),
            Node::Function(..) => c.tracked_body && c.names.has_object(v),
            Node::Trigger(t, _) => t == v,
            Node::Opaque(key) => key.starts_with("RULE ") && (c.reads.contains(v) || c.names.has_object(v)),
            _ => false,
        },
        Target::Node(Node::Opaque(key)) => match &c.node {
            Node::Opaque(other) => other != key && c.names.has(&opaque_bare_name(key)),
            _ => false,
        },
        Target::Node(Node::Function(q, _)) => depends(c, &Target::Routine(q.clone())),
        Target::Node(Node::Generated(t, col)) => match &c.node {
            Node::View(_) => c.reads.contains(t) && c.names.has(col),
            Node::Index(it, _) | Node::Check(it, _) | Node::Policy(it, _) | Node::Trigger(it, _) => it == t && c.names.has(col),
            Node::Generated(gt, gc) => gt == t && gc != col && c.names.has(col),
            _ => false,
        },
        Target::Node(_) => false,
    }
}

/// What the changes change in a way the engine refuses while dependents exist.
fn targets(changes: &[Change], from: &Schema) -> Vec<Target> {
    let mut out = Vec::new();
    let created: BTreeSet<&QName> = changes
        .iter()
        .filter_map(|c| match c {
            Change::CreateTable { table } => Some(&table.name),
            _ => None,
        })
        .collect();
    for c in changes {
        match c {
            Change::AlterColumn { table, from: a, to: b } if a.data_type != b.data_type || a.collation != b.collation => {
                out.push(Target::Column(table.clone(), a.name.clone()));
            }
            Change::DropColumn { table, column } => out.push(Target::DroppedColumn(table.clone(), column.name.clone())),
            Change::RebuildEnum { from: e, columns, .. } => {
                for (t, col) in columns {
                    out.push(Target::Column(t.clone(), col.clone()));
                    out.push(Target::EnumColumn(t.clone(), col.clone()));
                }
                out.push(Target::Type(e.name.clone()));
            }
            Change::ReplaceType { from: ty, .. } => out.push(Target::Type(ty.name().clone())),
            // A table dropped and created again (`repartition.rs`).
            Change::DropTable { table } if created.contains(&table.name) => out.push(Target::Table(table.name.clone())),
            Change::DropFunction { function } => out.push(Target::Routine(function.name.clone())),
            Change::CreateFunction { function } => {
                if let Some(old) = from.functions.get(&function.signature()) {
                    if crate::model::routine_head(&old.definition) != crate::model::routine_head(&function.definition) {
                        out.push(Target::Routine(function.name.clone()));
                    }
                }
            }
            _ => {}
        }
    }
    out.sort();
    out.dedup();
    out
}

/// The dependents to re-create: each with the dependents it reads among them, and why.
fn closure(from: &Schema, targets: Vec<Target>) -> BTreeMap<Node, (BTreeSet<Node>, String)> {
    // Dropped columns alone (a column renamed by an edit) reach routines only, and nothing
    // further unless one is found: the other objects' texts are not read for them.
    if targets.iter().all(|t| matches!(t, Target::DroppedColumn(..))) {
        let found = closure_among(&candidates(from, true), targets.clone());
        if found.is_empty() {
            return found;
        }
    }
    closure_among(&candidates(from, false), targets)
}

/// `closure` over the candidates `cands`.
fn closure_among(cands: &[Candidate], targets: Vec<Target>) -> BTreeMap<Node, (BTreeSet<Node>, String)> {
    let mut found: BTreeMap<Node, (BTreeSet<Node>, String)> = BTreeMap::new();
    let mut queue: Vec<(Target, String)> = targets
        .into_iter()
        .map(|t| {
            let why = t.describe();
            (t, why)
        })
        .collect();
    let mut seen: BTreeSet<Target> = BTreeSet::new();
    while let Some((target, why)) = queue.pop() {
        if !seen.insert(target.clone()) {
            continue;
        }
        for c in cands.iter().filter(|c| depends(c, &target)) {
            let entry = found.entry(c.node.clone()).or_insert_with(|| (BTreeSet::new(), why.clone()));
            if let Target::Node(n) = &target {
                entry.0.insert(n.clone());
            }
            queue.push((Target::Node(c.node.clone()), why.clone()));
        }
    }
    // What each dependent reads among the others, whatever target found it.
    let nodes: Vec<Node> = found.keys().cloned().collect();
    let edges: Vec<(Node, Vec<Node>)> = cands
        .iter()
        .filter(|c| found.contains_key(&c.node))
        .map(|c| (c.node.clone(), nodes.iter().filter(|n| **n != c.node && depends(c, &Target::Node((*n).clone()))).cloned().collect()))
        .collect();
    for (node, reads) in edges {
        if let Some(entry) = found.get_mut(&node) {
            entry.0.extend(reads);
        }
    }
    found
}

/// For other differs (a type redefined, a domain's base changed...): the objects of `from`
/// that depend on `targets`, transitively, each with the ones among them it reads. A differ
/// whose change the engine refuses under them adds an arm to `targets` instead, and the
/// planner drops and re-creates them around it.
#[allow(dead_code)]
pub(crate) fn dependents_of(from: &Schema, targets: Vec<Target>) -> Vec<(Node, Vec<Node>)> {
    closure(from, targets).into_iter().map(|(n, (needs, _))| (n, needs.into_iter().collect())).collect()
}

/// Plan the re-creation of dependents (PostgreSQL; after the other differs, before privileges).
pub(super) fn plan_dependents(ctx: &mut DiffContext<'_>) {
    if ctx.target.dialect != Dialect::Postgres {
        return;
    }
    let (from, to) = (ctx.from, ctx.to);
    let targets = targets(&ctx.changes, from);
    if targets.is_empty() {
        return;
    }
    let found = closure(from, targets);
    if found.is_empty() {
        return;
    }
    let cycle = in_cycles(&found);
    let mut changes = std::mem::take(&mut ctx.changes);
    let mut early = Vec::new();
    let mut late = Vec::new();
    for (node, (needs, because)) in &found {
        let key = node.key();
        let needs: Vec<String> = needs.iter().map(Node::key).collect();
        let because = if cycle.contains(node) {
            format!(
                "{because}; it is part of a dependency cycle among the re-created objects ({}), so their order may be refused",
                cycle.iter().map(Node::key).collect::<Vec<_>>().join(", ")
            )
        } else {
            because.clone()
        };
        let wrap = |recreate: bool, change: Change| Change::Dependent {
            recreate,
            node: key.clone(),
            needs: needs.clone(),
            because: because.clone(),
            change: Box::new(change),
        };
        let (drops, creates) = node_changes(node, from, to, &mut changes);
        early.extend(drops.into_iter().map(|c| wrap(false, c)));
        late.extend(creates.into_iter().map(|c| wrap(true, c)));
    }
    changes.extend(early);
    changes.extend(late);
    ctx.changes = changes;
}

/// The dependents that are part of a cycle (what remains when those that need nothing left,
/// or that nothing left needs, are taken away, repeatedly): `plan::order` keeps their incoming order, the note says so.
fn in_cycles(found: &BTreeMap<Node, (BTreeSet<Node>, String)>) -> BTreeSet<Node> {
    let mut left: BTreeSet<Node> = found.keys().cloned().collect();
    loop {
        // Neither needing one that is left nor needed by one that is left: not on a cycle.
        let needs_left = |n: &Node| found.get(n).is_some_and(|(needs, _)| needs.iter().any(|d| d != n && left.contains(d)));
        let needed_by_left = |n: &Node| left.iter().any(|m| m != n && found.get(m).is_some_and(|(needs, _)| needs.contains(n)));
        let free: Vec<Node> = left.iter().filter(|n| !needs_left(n) || !needed_by_left(n)).cloned().collect();
        if free.is_empty() {
            return left;
        }
        for n in free {
            left.remove(&n);
        }
    }
}

/// The changes that drop `node` (as it is in `from`) and create it again (as it is in `to`);
/// the differ's own changes of the node are taken out of `changes` (a column's other changes
/// stay, without the part re-created here).
fn node_changes(node: &Node, from: &Schema, to: &Schema, changes: &mut Vec<Change>) -> (Vec<Change>, Vec<Change>) {
    let (mut drops, mut creates) = (Vec::new(), Vec::new());
    match node {
        Node::View(q) => {
            let comment_targets: Vec<CommentTarget> =
                from.views.get(q).iter().chain(to.views.get(q).iter()).map(|v| CommentTarget::view(&v.name, v.materialized)).collect();
            changes.retain(|c| match c {
                Change::DropView { view } | Change::CreateView { view } => view.name != *q,
                Change::DropIndex { table, .. } | Change::CreateIndex { table, .. } => table != q,
                Change::SetComment { target, .. } => !comment_targets.contains(target),
                _ => true,
            });
            drops.extend(from.views.get(q).map(|v| Change::DropView { view: v.clone() }));
            creates.extend(to.views.get(q).map(|v| Change::CreateView { view: v.clone() }));
        }
        Node::Function(q, args) => {
            let sig = format!("{q}({args})");
            changes.retain(
                |c| !matches!(c, Change::CreateFunction { function } | Change::DropFunction { function } if function.signature() == sig),
            );
            let old = from.functions.get(&sig);
            let comment_target = old.map(CommentTarget::routine);
            changes.retain(|c| !matches!(c, Change::SetComment { target, .. } if Some(target) == comment_target.as_ref()));
            drops.extend(old.map(|f| Change::DropFunction { function: f.clone() }));
            creates.extend(to.functions.get(&sig).map(|f| Change::CreateFunction { function: f.clone() }));
        }
        Node::Trigger(t, n) => {
            let target = CommentTarget::Trigger { name: n.clone(), table: t.clone() };
            changes.retain(|c| match c {
                Change::DropTrigger { trigger } | Change::CreateTrigger { trigger } => !(trigger.table == *t && trigger.name == *n),
                Change::SetComment { target: x, .. } => *x != target,
                _ => true,
            });
            let key = (t.clone(), n.clone());
            drops.extend(from.triggers.get(&key).map(|tr| Change::DropTrigger { trigger: tr.clone() }));
            if let Some(tr) = to.triggers.get(&key) {
                creates.push(Change::CreateTrigger { trigger: tr.clone() });
                if tr.comment.is_some() {
                    creates.push(Change::SetComment { target, comment: tr.comment.clone() });
                }
            }
        }
        Node::Policy(t, n) => {
            changes.retain(|c| !matches!(c, Change::DropPolicy { table, policy } | Change::CreatePolicy { table, policy } if table == t && policy.name == *n));
            let find = |s: &Schema| s.tables.get(t).and_then(|tb| tb.policies.iter().find(|p| p.name == *n)).cloned();
            drops.extend(find(from).map(|policy| Change::DropPolicy { table: t.clone(), policy }));
            creates.extend(find(to).map(|policy| Change::CreatePolicy { table: t.clone(), policy }));
        }
        Node::Check(t, n) => {
            changes.retain(|c| !matches!(c, Change::DropConstraint { table, constraint } | Change::AddConstraint { table, constraint } if table == t && constraint.name.as_deref() == Some(n.as_str())));
            let find = |s: &Schema| s.tables.get(t).and_then(|tb| tb.constraint(n)).cloned();
            drops.extend(find(from).map(|constraint| Change::DropConstraint { table: t.clone(), constraint }));
            creates.extend(find(to).map(|constraint| Change::AddConstraint { table: t.clone(), constraint }));
        }
        Node::Index(t, n) => {
            changes.retain(|c| !matches!(c, Change::DropIndex { table, index } | Change::CreateIndex { table, index } if table == t && index.name == *n));
            let find = |s: &Schema| s.tables.get(t).and_then(|tb| tb.index(n)).cloned();
            drops.extend(find(from).map(|index| Change::DropIndex { table: t.clone(), index }));
            creates.extend(find(to).map(|index| Change::CreateIndex { table: t.clone(), index }));
        }
        Node::Default(t, col) => {
            let old = column(from, t, col);
            let new = column(to, t, col);
            let bare = |c: &Column| Column { default: None, ..c.clone() };
            // The column's other changes stay, made without its default.
            for c in changes.iter_mut() {
                if let Change::AlterColumn { table, from: a, to: b } = c {
                    if table == t && a.name == *col {
                        *a = bare(a);
                        *b = bare(b);
                    }
                }
            }
            changes.retain(|c| !matches!(c, Change::AlterColumn { from: a, to: b, .. } if a == b));
            if let Some(o) = old.filter(|o| o.default.is_some()) {
                drops.push(Change::AlterColumn { table: t.clone(), from: o.clone(), to: bare(o) });
            }
            if let Some(n) = new.filter(|n| n.default.is_some() && n.generated.is_none()) {
                creates.push(Change::AlterColumn { table: t.clone(), from: bare(n), to: n.clone() });
            }
        }
        Node::Generated(t, col) => match (column(from, t, col), column(to, t, col)) {
            // A column that stops being generated keeps its values: its expression goes first
            // (`DROP EXPRESSION`), its other changes stay.
            (Some(old), Some(new)) if new.generated.is_none() => {
                let plain = Column { generated: None, ..old.clone() };
                for c in changes.iter_mut() {
                    if let Change::AlterColumn { table, from: a, .. } = c {
                        if table == t && a.name == *col {
                            *a = plain.clone();
                        }
                    }
                }
                changes.retain(|c| !matches!(c, Change::AlterColumn { from: a, to: b, .. } if a == b));
                drops.push(Change::AlterColumn { table: t.clone(), from: old.clone(), to: plain });
            }
            // A generated column holds no data of its own: dropped, and added again (computed
            // for every row) when AFTER has it.
            (old, new) => {
                changes.retain(|c| !matches!(c, Change::AlterColumn { table, from: a, .. } | Change::DropColumn { table, column: a } if table == t && a.name == *col));
                drops.extend(old.map(|c| Change::DropColumn { table: t.clone(), column: c.clone() }));
                creates.extend(new.map(|c| Change::AddColumn { table: t.clone(), column: c.clone() }));
            }
        },
        Node::Opaque(key) => {
            changes
                .retain(|c| !matches!(c, Change::DropOpaque { object, .. } | Change::CreateOpaque { object, .. } if object.key() == *key));
            let (old, new) = (from.opaque.get(key), to.opaque.get(key));
            // Its text changes too: the `any-opaque-not-modelled` note stays.
            let replaced = matches!((old, new), (Some(a), Some(b)) if a != b);
            drops.extend(old.map(|o| Change::DropOpaque { object: o.clone(), replaced }));
            creates.extend(new.map(|o| Change::CreateOpaque { object: o.clone(), replaced }));
        }
    }
    (drops, creates)
}

fn column<'a>(s: &'a Schema, t: &QName, col: &str) -> Option<&'a Column> {
    s.tables.get(t).and_then(|tb| tb.column(col))
}

/// Privileges of objects created again late are given after them (`diff_grants` runs after
/// the planner and gives a re-created object's privileges back).
pub(super) fn grants_after_recreation(ctx: &mut DiffContext<'_>) {
    let mut late: BTreeMap<(String, QName, Option<String>), String> = BTreeMap::new();
    for c in &ctx.changes {
        if let Change::Dependent { recreate: true, node, change, .. } = c {
            match &**change {
                Change::CreateView { view } => {
                    late.insert(("TABLE".into(), view.name.clone(), None), node.clone());
                }
                Change::CreateFunction { function } => {
                    late.insert(("ROUTINE".into(), function.name.clone(), Some(function.args.clone())), node.clone());
                }
                _ => {}
            }
        }
    }
    if late.is_empty() {
        return;
    }
    for c in ctx.changes.iter_mut() {
        let Change::SetGrant { grant, .. } = c else { continue };
        let args = if grant.kind == "ROUTINE" { grant.args.clone() } else { None };
        if let Some(node) = late.get(&(grant.kind.clone(), grant.object.clone(), args)) {
            let inner = std::mem::replace(c, Change::DataStep { label: String::new(), tables: Vec::new() });
            *c = Change::Dependent {
                recreate: true,
                node: format!("{node} privileges"),
                needs: vec![node.clone()],
                because: format!("{node} is re-created"),
                change: Box::new(inner),
            };
        }
    }
}

#[cfg(test)]
#[path = "dependents_tests.rs"]
mod tests;

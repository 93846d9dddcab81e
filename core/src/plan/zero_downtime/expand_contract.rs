//! PostgreSQL expand/contract for a column rename and for a type change that rewrites the table.
//!
//! Expand (before the application deploy): add the new column, a trigger that keeps it in step
//! with the old one on every write, and a batched backfill of the rows already there. Contract
//! (after the deploy): drop the trigger, its function and the old column, give the new column
//! its name (type change), default, comment and NOT NULL. Each phase is reversible on its own:
//! the down plan is the same rewrite of the reverse change.
//!
//! Indexes that name the column as a plain key or INCLUDE column (and that the migration keeps)
//! are built again concurrently on the new column during expand and take their names at
//! contract. A column that a constraint, an expression or partial index, a view, a rule, a policy, a
//! trigger, a generated column or another table's foreign key uses keeps the plain form (moving
//! those objects over is not attempted), and so does a table that is renamed, partitioned or
//! inherited.

use super::backfill::pg_backfill;
use super::{derived, existing, existing_plain, set_not_null, Names};
use crate::diff::Change;
use crate::model::type_change;
use crate::model::{Column, CommentTarget, ConstraintKind, Index, QName, Table, Trigger};
use crate::plan::{Phase, Rewrite, Step};
use crate::render::{self, RenderContext};
use crate::risk::support::sql;

/// The collation `name` is an object of the schema the migration creates, drops or replaces.
fn collation_changes(ctx: &RenderContext<'_>, name: &str) -> bool {
    let bare = |n: &str| n.rsplit('.').next().unwrap_or(n).trim_matches('"').to_lowercase();
    let wanted = bare(name);
    let differs = |k: &String| ctx.from.opaque.get(k) != ctx.to.opaque.get(k);
    ctx.from.opaque.iter().chain(ctx.to.opaque.iter()).any(|(k, o)| o.kind == "COLLATION" && bare(&o.name) == wanted && differs(k))
}

pub(super) fn rewrite(step: &Step, ctx: &RenderContext<'_>, names: &mut Names) -> Option<Vec<Step>> {
    match &step.change {
        // A case-only respelling (SQLite) breaks no query: renamed in place.
        Change::RenameColumn { from, to, .. } if from == to => None,
        Change::RenameColumn { table, from, to } => {
            let before = existing(ctx, table)?;
            // `from_table` already shows the column under its new name: the old one is `from`.
            let new_col = ctx.to_table(table)?.column(to)?.clone();
            let old_col = Column { name: from.clone(), ..before.column(to)?.clone() };
            if (Column { name: to.clone(), ..old_col.clone() }) != new_col {
                return None;
            }
            let indexes = qualifies(ctx, table, from, to)?;
            Some(plan(step, table, &before, (&old_col, &new_col), false, &indexes, ctx, names))
        }
        Change::AlterColumn { table, from, to } => {
            let retyped = from.data_type != to.data_type || from.collation != to.collation;
            if !retyped || type_change::pg_no_rewrite(&from.data_type, &to.data_type) && from.collation == to.collation {
                return None;
            }
            // A user type may be created or dropped by the main phase, between expand and contract.
            let user_type = from.data_type.user_defined || to.data_type.user_defined;
            // So may a collation (created, dropped or replaced by the migration).
            let changing = |c: &Option<String>| c.as_deref().is_some_and(|c| collation_changes(ctx, c));
            if user_type
                || changing(&from.collation)
                || changing(&to.collation)
                || ctx.renamed_columns.contains_key(&(table.clone(), to.name.clone()))
            {
                return None;
            }
            let indexes = qualifies(ctx, table, &from.name, &to.name)?;
            let before = existing(ctx, table)?;
            // A typed table takes no column of its own, and a table becoming typed needs its
            // columns retyped before the main phase's `OF`: the plain form for both.
            if before.options.of_type.is_some() || ctx.to_table(table).is_some_and(|t| t.options.of_type.is_some()) {
                return None;
            }
            Some(plan(step, table, &before, (from, to), true, &indexes, ctx, names))
        }
        _ => None,
    }
}

/// Whether the column is plain enough to be moved to a new column (see the module doc): the
/// indexes (as AFTER has them) to build again on the new column, or `None`.
fn qualifies(ctx: &RenderContext<'_>, table: &QName, old: &str, new: &str) -> Option<Vec<Index>> {
    if !existing_plain(ctx, table) || ctx.renamed_tables.contains_key(table) {
        return None;
    }
    let (Some(before), Some(after)) = (existing(ctx, table), ctx.to_table(table)) else {
        return None;
    };
    let indexes = movable_indexes(ctx, &before, after, old, new)?;
    let moved: Vec<&str> = indexes.iter().map(|i| i.name.as_str()).collect();
    qualifies_otherwise(ctx, table, &before, after, old, new, &moved).then_some(indexes)
}

#[allow(clippy::too_many_arguments)]
fn qualifies_otherwise(
    ctx: &RenderContext<'_>,
    table: &QName,
    before: &Table,
    after: &Table,
    old: &str,
    new: &str,
    moved: &[&str],
) -> bool {
    let plain_table = |t: &Table| t.options.partition_of.is_none() && t.options.inherits.is_empty() && t.policies.is_empty();
    if !plain_table(before) || !plain_table(after) {
        return false;
    }
    let columns = [(before, old), (after, new), (before, new)];
    for (t, c) in columns {
        if uses_column(t, c, moved) {
            return false;
        }
    }
    // Identity, generated and sequence-fed columns (an owned sequence goes with the old column).
    let col = |t: &Table, c: &str| {
        t.column(c).map(|x| {
            let sequence = x.default.as_deref().is_some_and(|d| d.to_ascii_lowercase().contains("nextval"));
            x.identity.is_none() && x.generated.is_none() && !x.serial && !sequence
        })
    };
    if col(before, new) == Some(false) || col(after, new) == Some(false) {
        return false;
    }
    for schema in [ctx.from, ctx.to] {
        let inherited = schema.tables.values().any(|t| t.options.inherits.contains(table));
        let referenced = schema
            .tables
            .values()
            .any(|t| t.constraints.iter().any(|k| matches!(&k.kind, ConstraintKind::ForeignKey { ref_table, .. } if ref_table == table)));
        let viewed = schema.views.values().any(|v| sql::mentions_word(&v.definition, &table.name));
        let triggered = schema.triggers.keys().any(|(t, _)| t == table);
        // A routine whose body names the table and the column may depend on it.
        let routine = schema.functions.values().any(|f| {
            sql::mentions_word(&f.definition, &table.name)
                && (sql::mentions_word(&f.definition, old) || sql::mentions_word(&f.definition, new))
        });
        // A rule on the table (kept whole) may read the column: the engine refuses its drop.
        let ruled =
            schema.opaque.values().any(|o| o.kind == "RULE" && (o.depends_on.contains(table) || sql::mentions_word(&o.text, &table.name)));
        if inherited || referenced || viewed || triggered || routine || ruled {
            return false;
        }
    }
    true
}

/// Indexes on the column that AFTER keeps as BEFORE has them (up to the rename) and that name
/// the column only as a plain key or INCLUDE column: those are built again on the new column.
/// `None` when another index uses the column (an expression or predicate naming it, a changed
/// definition, a comment that would be lost).
fn movable_indexes(ctx: &RenderContext<'_>, before: &Table, after: &Table, old: &str, new: &str) -> Option<Vec<Index>> {
    let renamed = |i: &Index| {
        let mut i = i.clone();
        for e in i.elems.iter_mut().filter(|e| !e.is_expr && e.expr == old) {
            e.expr = new.to_string();
        }
        for c in i.include.iter_mut().filter(|c| *c == old) {
            *c = new.to_string();
        }
        i
    };
    let mentions = |i: &Index, c: &str| {
        i.elems.iter().any(|e| if e.is_expr { sql::mentions_word(&e.expr, c) } else { e.expr == c })
            || i.include.iter().any(|x| x == c)
            || i.predicate.as_deref().is_some_and(|p| sql::mentions_word(p, c))
    };
    let mut out = Vec::new();
    for i in after.indexes.iter().filter(|i| mentions(i, new)) {
        let plain = !i.elems.iter().any(|e| e.is_expr && sql::mentions_word(&e.expr, new))
            && !i.predicate.as_deref().is_some_and(|p| sql::mentions_word(p, new));
        let same = before.index(&i.name).is_some_and(|b| renamed(b) == *i);
        let commented =
            [ctx.from, ctx.to].iter().any(|s| s.comments.keys().any(|k| matches!(k, CommentTarget::Index(n) if n.name == i.name)));
        if !plain || !same || commented {
            return None;
        }
        out.push(i.clone());
    }
    // Every index of BEFORE on the column must be one of them.
    if before.indexes.iter().any(|b| mentions(b, old) && !out.iter().any(|i| i.name == b.name)) {
        return None;
    }
    Some(out)
}

/// Whether an index (other than those in `moved`), a constraint or a generated column of the
/// table uses the column.
fn uses_column(t: &Table, c: &str, moved: &[&str]) -> bool {
    let mention = |e: &str| sql::mentions_word(e, c);
    let in_constraint = t.constraints.iter().any(|k| match &k.kind {
        ConstraintKind::PrimaryKey { columns } | ConstraintKind::Unique { columns, .. } => columns.iter().any(|x| x == c),
        ConstraintKind::ForeignKey { columns, .. } => columns.iter().any(|x| x == c),
        ConstraintKind::Check { expr, .. } => mention(expr),
        ConstraintKind::Exclude { definition } => mention(definition),
    });
    let in_index = t.indexes.iter().filter(|i| !moved.contains(&i.name.as_str())).any(|i| {
        i.elems.iter().any(|e| if e.is_expr { mention(&e.expr) } else { e.expr == c })
            || i.include.iter().any(|x| x == c)
            || i.predicate.as_deref().is_some_and(mention)
    });
    let in_generated = t.columns.iter().any(|x| x.generated.as_ref().is_some_and(|g| mention(&g.expr)));
    in_constraint || in_index || in_generated
}

/// The expand and contract steps. `retype`: a type change (the new column takes a temporary
/// name and the old one's name at contract); otherwise a rename (the new column has its name).
#[allow(clippy::too_many_arguments)]
fn plan(
    base: &Step,
    table: &QName,
    before: &Table,
    (old, new): (&Column, &Column),
    retype: bool,
    indexes: &[Index],
    ctx: &RenderContext<'_>,
    names: &mut Names,
) -> Vec<Step> {
    let t = ctx.q(table);
    let temp = if retype { names.fresh_column(&table.name, &new.name, "new") } else { new.name.clone() };
    let (o, n) = (ctx.id(&old.name), ctx.id(&temp));
    let staged = Column { name: temp.clone(), nullable: true, default: None, comment: None, ..new.clone() };
    let convert = |col: &str| match retype {
        true => ctx
            .history_using(table, &new.name, &old.data_type, &new.data_type, col)
            .unwrap_or_else(|| render::pg_convert(col, &old.data_type, &new.data_type)),
        false => col.to_string(),
    };
    let func = QName::new(table.schema.clone(), names.fresh(&format!("{}_{}", table.name, old.name), "sync"));
    let trigger = ctx.id(&func.name);
    let (f, keep) = (ctx.q(&func), sync_body(retype, &o, &n, &convert(&format!("NEW.{o}"))));
    let exec = if ctx.target.trigger_execute_function() { "FUNCTION" } else { "PROCEDURE" };
    let add = Change::AddColumn { table: table.clone(), column: staged.clone() };
    let what = format!("{table}.{temp}");
    let fill = pg_backfill(before, table, &format!("{n} = {}", convert(&o)), &format!("{n} IS NULL AND {o} IS NOT NULL"), &what, ctx);
    let change = base.change.clone();
    // The expand steps carry what they do (a column added, a trigger created): only the contract
    // step carries the change itself, since only it touches the old column (passes that act on
    // the change, like --preserve-data's backup, then act once, right before it).
    let create_trigger = format!("CREATE TRIGGER {trigger} BEFORE INSERT OR UPDATE ON {t} FOR EACH ROW EXECUTE {exec} {f}()");
    let sync = Change::CreateTrigger {
        trigger: Trigger {
            name: func.name.clone(),
            table: table.clone(),
            definition: create_trigger.clone(),
            function: Some(func.clone()),
            comment: None,
        },
    };
    let mut expand = vec![
        derived(
            base,
            add.clone(),
            vec![format!(
                "-- expand {table}.{}: run before deploying the application version that uses {}\nALTER TABLE {t} ADD COLUMN {}",
                old.name,
                if retype { format!("the new type of {}", new.name) } else { format!("the name {}", new.name) },
                render::pg_column_def(&staged, ctx)
            )],
            true,
            Rewrite::Expand,
        ),
        derived(
            base,
            sync,
            vec![
                format!("CREATE FUNCTION {f}() RETURNS trigger LANGUAGE plpgsql AS $schemashift$\nBEGIN\n{keep}\n  RETURN NEW;\nEND\n$schemashift$"),
                create_trigger,
            ],
            true,
            Rewrite::Expand,
        ),
        derived(base, add, vec![fill], false, Rewrite::Backfill),
    ];
    // The indexes on the column, built again on the new one under a temporary name.
    let mut renames = Vec::new();
    for index in indexes {
        let temp_index = Index { name: names.fresh(&index.name, "new"), ..index.clone() };
        let mut on_new = temp_index.clone();
        for e in on_new.elems.iter_mut().filter(|e| !e.is_expr && e.expr == new.name) {
            e.expr = temp.clone();
        }
        for c in on_new.include.iter_mut().filter(|c| **c == new.name) {
            *c = temp.clone();
        }
        let build = render::pg_index_sql(table, &on_new, true, ctx);
        let create = Change::CreateIndex { table: table.clone(), index: on_new };
        expand.push(derived(base, create, vec![build], false, Rewrite::ConcurrentIndex));
        let q = ctx.q(&QName::new(table.schema.clone(), temp_index.name.clone()));
        renames.push(format!("ALTER INDEX {q} RENAME TO {}", ctx.id(&index.name)));
    }
    for s in &mut expand {
        s.phase = Phase::Expand;
    }
    let c = ctx.id(&new.name);
    let mut finish = vec![
        format!("-- contract {table}.{}: run once every running application uses the new column\nDROP TRIGGER {trigger} ON {t}", old.name),
        format!("DROP FUNCTION {f}()"),
        format!("ALTER TABLE {t} DROP COLUMN {o}"),
    ];
    if retype {
        finish.push(format!("ALTER TABLE {t} RENAME COLUMN {n} TO {c}"));
    }
    // The old column's indexes went with it: the new ones take their names.
    finish.extend(renames);
    if let Some(d) = &new.default {
        finish.push(format!("ALTER TABLE {t} ALTER COLUMN {c} SET DEFAULT {}", render::common::pg_default(d)));
    }
    if let Some(text) = &new.comment {
        finish.push(format!("COMMENT ON COLUMN {t}.{c} IS {}", ctx.lit(text)));
    }
    let mut contract = vec![derived(base, change, finish, true, Rewrite::Contract)];
    if !new.nullable {
        let nullable = Column { nullable: true, ..new.clone() };
        if set_not_null::applies(ctx, table) {
            contract.extend(set_not_null::steps(base, table, &nullable, new, ctx, names));
        } else {
            let alter = Change::AlterColumn { table: table.clone(), from: nullable, to: new.clone() };
            contract.push(derived(base, alter, vec![format!("ALTER TABLE {t} ALTER COLUMN {c} SET NOT NULL")], true, Rewrite::SetNotNull));
        }
    }
    for s in &mut contract {
        s.phase = Phase::Contract;
    }
    expand.extend(contract);
    expand
}

/// The trigger body that keeps the new column in step with the old one. A type change copies
/// old → new (the running application writes the old column). A rename copies both ways: the
/// old application writes the old name, the new one the new name.
fn sync_body(retype: bool, o: &str, n: &str, converted: &str) -> String {
    if retype {
        return format!("  IF TG_OP = 'INSERT' OR NEW.{o} IS DISTINCT FROM OLD.{o} THEN\n    NEW.{n} := {converted};\n  END IF;");
    }
    format!(
        "  IF TG_OP = 'INSERT' THEN\n    IF NEW.{n} IS NULL THEN NEW.{n} := NEW.{o}; ELSE NEW.{o} := NEW.{n}; END IF;\n  \
         ELSIF NEW.{o} IS DISTINCT FROM OLD.{o} THEN\n    NEW.{n} := NEW.{o};\n  \
         ELSIF NEW.{n} IS DISTINCT FROM OLD.{n} THEN\n    NEW.{o} := NEW.{n};\n  END IF;"
    )
}

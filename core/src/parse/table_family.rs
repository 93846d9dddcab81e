//! PostgreSQL table families changed by `ALTER TABLE`: `INHERIT parent` / `NO INHERIT parent`
//! (the child keeps its columns, which must already match the parent's) and `OF type` /
//! `NOT OF` (a table becomes typed, its columns exactly the composite type's attributes, or
//! stops being typed and keeps its columns).

use super::cursor::{Cursor, PResult};
use super::State;
use crate::model::{Schema, Table, UserType};

/// The columns `table` inherits from its parents and does not declare, added to it marked
/// `inherited` (the engine's order: inherited first, then the table's own), so that what a child
/// sets on them (`ALTER TABLE ONLY child ALTER COLUMN ... SET DEFAULT`, as pg_dump writes it) is
/// a column change like any other.
pub fn inherit_columns(schema: &Schema, table: &mut Table) {
    if table.options.inherits.is_empty() {
        return;
    }
    let names = schema.inherited_column_names(&table.options.inherits);
    let mut own = std::mem::take(&mut table.columns);
    let mut columns = Vec::with_capacity(names.len() + own.len());
    for n in &names {
        match own.iter().position(|k| k.name == *n && k.inherited) {
            Some(i) => columns.push(own.remove(i)),
            None if !own.iter().any(|k| k.name == *n) => columns.extend(schema.inherited_column(&table.options.inherits, n)),
            None => {}
        }
    }
    columns.append(&mut own);
    table.columns = columns;
}

/// Every inheritance child's inherited columns (`inherit_columns`), parents first: a child
/// takes what its parent has once the parent's own inherited columns are in place.
pub fn inherit_all_columns(st: &mut State) {
    let children: Vec<_> = st.schema.tables.values().filter(|t| !t.options.inherits.is_empty()).map(|t| t.name.clone()).collect();
    let mut done = std::collections::BTreeSet::new();
    for name in children {
        inherit_parents_first(&mut st.schema, &name, &mut done, 0);
    }
}

fn inherit_parents_first(
    schema: &mut Schema,
    name: &crate::model::QName,
    done: &mut std::collections::BTreeSet<crate::model::QName>,
    depth: usize,
) {
    if depth > 64 || !done.insert(name.clone()) {
        return;
    }
    let parents = schema.tables.get(name).map(|t| t.options.inherits.clone()).unwrap_or_default();
    for p in &parents {
        inherit_parents_first(schema, p, done, depth + 1);
    }
    if let Some(mut t) = schema.tables.remove(name) {
        inherit_columns(schema, &mut t);
        schema.tables.insert(name.clone(), t);
    }
}

/// The action at the cursor, applied to `table` (taken out of the schema while it is altered).
pub fn alter(st: &mut State, c: &mut Cursor, table: &mut Table) -> PResult<()> {
    if c.eat_kw("inherit") {
        let parent = c.qname()?;
        if parent == table.name {
            return c.err("a table cannot inherit from itself");
        }
        let Some(p) = st.schema.tables.get(&parent) else {
            return c.err(format!("unknown parent table `{parent}`"));
        };
        if table.options.inherits.contains(&parent) {
            return c.err(format!("`{}` already inherits from `{parent}`", table.name));
        }
        if let Some(missing) = p.columns.iter().find(|pc| table.column(&pc.name).is_none()) {
            return c.err(format!("child table is missing column `{}` of `{parent}`", missing.name));
        }
        if let Some(nullable) = p.columns.iter().find(|pc| !pc.nullable && table.column(&pc.name).is_some_and(|cc| cc.nullable)) {
            return c.err(format!("column `{}` of the child must be NOT NULL, as in `{parent}`", nullable.name));
        }
        table.options.inherits.push(parent);
    } else if c.eat_kws(&["no", "inherit"]) {
        let parent = c.qname()?;
        if !table.options.inherits.contains(&parent) {
            return c.err(format!("`{}` does not inherit from `{parent}`", table.name));
        }
        // The child keeps the columns it inherited, now its own.
        inherit_columns(&st.schema, table);
        table.options.inherits.retain(|p| *p != parent);
        for col in table.columns.iter_mut().filter(|k| k.inherited) {
            col.inherited = st.schema.inherited_column(&table.options.inherits, &col.name).is_some();
        }
    } else if c.eat_kws(&["not", "of"]) {
        if table.options.of_type.take().is_none() {
            return c.err(format!("`{}` is not a typed table", table.name));
        }
    } else {
        c.expect_kw("of")?;
        let ty = c.qname()?;
        let Some(UserType::Composite { attributes, .. }) = st.schema.types.get(&ty) else {
            return c.err(format!("`{ty}` is not a known composite type"));
        };
        let same = attributes.len() == table.columns.len()
            && attributes
                .iter()
                .zip(&table.columns)
                .all(|(a, col)| a.name == col.name && a.data_type == col.data_type && a.collation == col.collation);
        if !same {
            return c.err(format!("the columns of `{}` are not exactly the attributes of `{ty}` (names and types, in order)", table.name));
        }
        table.options.of_type = Some(ty);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use crate::model::QName;
    use crate::parse::parse;
    use crate::Dialect;

    #[test]
    fn typed_tables_and_inheritance_change_the_model() {
        let p = parse(
            Dialect::Postgres,
            "CREATE TYPE addr AS (street text, city text);
             CREATE TABLE home OF addr (street WITH OPTIONS NOT NULL, PRIMARY KEY (street));
             CREATE TABLE plain (street text, city text);
             ALTER TABLE plain OF addr;
             ALTER TABLE home NOT OF;
             CREATE TABLE parent (id int, note text);
             CREATE TABLE child (id int, note text, extra int);
             ALTER TABLE child INHERIT parent;
             ALTER TYPE addr ADD ATTRIBUTE zip text CASCADE, RENAME ATTRIBUTE city TO town CASCADE;",
        );
        assert!(p.diagnostics.iter().all(|x| !x.is_error()), "{:#?}", p.diagnostics);
        let t = |n: &str| &p.schema.tables[&QName::new("public", n)];
        assert_eq!(t("home").options.of_type, None);
        assert!(!t("home").column("street").is_some_and(|c| c.nullable));
        assert_eq!(t("plain").options.of_type, Some(QName::new("public", "addr")));
        let cols: Vec<&str> = t("plain").columns.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(cols, ["street", "town", "zip"]);
        assert_eq!(t("home").columns.len(), 2, "no longer typed: the type's change does not reach it");
        assert_eq!(t("child").options.inherits, [QName::new("public", "parent")]);
    }

    #[test]
    fn wrong_family_changes_are_errors() {
        for sql in [
            "CREATE TABLE t (a int); ALTER TABLE t INHERIT nope",
            "CREATE TABLE p (a int, b int); CREATE TABLE t (a int); ALTER TABLE t INHERIT p",
            "CREATE TABLE p (a int); CREATE TABLE t (a int); ALTER TABLE t NO INHERIT p",
            "CREATE TABLE t (a int); ALTER TABLE t NOT OF",
            "CREATE TYPE c AS (a text); CREATE TABLE t (a int); ALTER TABLE t OF c",
            "CREATE TABLE t OF nope",
            "CREATE TYPE c AS (a text); CREATE TABLE t OF c; ALTER TYPE c ADD ATTRIBUTE b int",
            "CREATE TYPE c AS (a text COLLATE \"C\" NOT NULL)",
        ] {
            let p = parse(Dialect::Postgres, sql);
            assert!(p.diagnostics.iter().any(|x| x.is_error()), "{sql}");
        }
    }
}

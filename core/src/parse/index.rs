//! Indexes: `CREATE INDEX` and the key-part lists shared with constraints and MySQL inline
//! index definitions.

use super::cursor::{Cursor, PResult, Tok};
use super::names::{self, Kind};
use super::{expr, Outcome, State, Stmt};
use crate::model::{Constraint, ConstraintKind, Deferrable, Index, IndexElem, RenameHint, RenameKind};
use crate::Dialect;
use sqlparser::tokenizer::Token;

pub fn empty(name: String) -> Index {
    Index {
        name,
        unique: false,
        method: None,
        elems: Vec::new(),
        include: Vec::new(),
        predicate: None,
        kind: None,
        nulls_not_distinct: false,
        invisible: false,
        attached: None,
        with: None,
        tablespace: None,
        comment: None,
    }
}

/// The access method after `USING`, as the model keeps it. PostgreSQL's default `btree` is left
/// out (the catalog never says it); MySQL/MariaDB keep an explicit `USING BTREE`, which the
/// engine records and shows (`KEY i (a) USING BTREE` is not the same definition as `KEY i (a)`).
pub fn method(d: Dialect, word: &str) -> Option<String> {
    let m = word.to_ascii_lowercase();
    (d == Dialect::Mysql || m != "btree").then_some(m)
}

/// A parenthesized list of index key parts.
pub fn read_elems(c: &mut Cursor) -> PResult<Vec<IndexElem>> {
    let inner = c.group()?;
    let mut out = Vec::new();
    for part in Cursor::split_commas(inner) {
        out.push(read_elem(c.dialect, part)?);
    }
    Ok(out)
}

fn read_elem(d: Dialect, part: &[Tok]) -> PResult<IndexElem> {
    let mut c = Cursor::new(d, part);
    // SQLite: a key part is any expression, then `COLLATE`, `ASC`/`DESC`.
    let sqlite_end = (d == Dialect::Sqlite).then(|| sqlite_expr_end(part));
    let mut e = if let Some(end) = sqlite_end.filter(|&end| end > 1 || c.is(&Token::LParen)) {
        // SQLite stores the statement as sent: the parentheses around the expression are part
        // of the index's definition (`ON t ((a || b))` is not stored as `ON t (a || b)`).
        let whole = &part[..end];
        super::complete::check(whole, c.position(), "index expression")?;
        c.pos = end;
        let levels = (whole.len() - expr::strip_parens(whole).len()) / 2;
        let text = format!("{}{}{}", "(".repeat(levels), expr::normalize(d, whole), ")".repeat(levels));
        IndexElem { is_expr: true, ..IndexElem::column(text) }
    } else if c.is(&Token::LParen) {
        let inner = c.expr_group("index expression")?;
        IndexElem { is_expr: true, ..IndexElem::column(expr::normalize(d, inner)) }
    } else if matches!(c.peek_at(1), Some(Token::LParen)) && d == Dialect::Mysql {
        let name = c.ident(Kind::Local)?;
        let g = c.group()?;
        let mut e = IndexElem::column(name);
        e.prefix_len = expr::normalize(d, g).parse().ok();
        e
    } else if matches!(c.peek_at(1), Some(Token::LParen))
        || (d == Dialect::Postgres && matches!(c.peek_at(1), Some(Token::Period)) && matches!(c.peek_at(3), Some(Token::LParen)))
    {
        // A function call, schema-qualified as pg_dump writes it (`public.f((x)::bigint)`).
        let start = c.pos;
        if matches!(c.peek_at(1), Some(Token::Period)) {
            c.next();
            c.next();
        }
        c.next();
        c.expr_group("index expression")?;
        IndexElem { is_expr: true, ..IndexElem::column(expr::normalize(d, &part[start..c.pos])) }
    } else {
        IndexElem::column(c.ident(Kind::Local)?)
    };
    while !c.at_end() {
        if c.eat_kw("collate") {
            let q = c.qname()?;
            e.collation = Some(q.name);
        } else if c.eat_kw("asc") {
            e.desc = false;
        } else if c.eat_kw("desc") {
            e.desc = true;
        } else if c.eat_kws(&["nulls", "first"]) {
            e.nulls_first = Some(true);
        } else if c.eat_kws(&["nulls", "last"]) {
            e.nulls_first = Some(false);
        } else if d == Dialect::Postgres && c.is_kw("without") && c.is_kw_at(1, "overlaps") {
            // PostgreSQL 18 temporal keys: not modelled, so not silently read as an opclass.
            return c.err("WITHOUT OVERLAPS (PostgreSQL 18 temporal keys) is not supported");
        } else if d == Dialect::Postgres && matches!(c.peek(), Some(Token::Word(_))) {
            let q = c.qname()?;
            e.opclass = Some(q.name);
            if c.is(&Token::LParen) {
                c.group()?;
            }
        } else {
            return c.err("unexpected text in index key");
        }
    }
    // Defaults are not spelled out: ASC NULLS LAST, DESC NULLS FIRST.
    if e.nulls_first == Some(e.desc) {
        e.nulls_first = None;
    }
    Ok(e)
}

/// Where the expression of a SQLite key part ends: at its first top-level `COLLATE`, `ASC` or
/// `DESC`, or at its end.
fn sqlite_expr_end(part: &[Tok]) -> usize {
    let mut depth = 0usize;
    for (i, t) in part.iter().enumerate() {
        match &t.t {
            Token::LParen => depth += 1,
            Token::RParen => depth = depth.saturating_sub(1),
            Token::Word(w)
                if depth == 0 && w.quote_style.is_none() && ["collate", "asc", "desc"].iter().any(|k| w.value.eq_ignore_ascii_case(k)) =>
            {
                return i
            }
            _ => {}
        }
    }
    part.len()
}

/// MySQL index options after the key list.
pub fn read_mysql_options(c: &mut Cursor, ix: &mut Index) -> PResult<()> {
    while !c.at_end() && !c.is(&Token::Comma) {
        if c.eat_kw("using") {
            ix.method = method(c.dialect, &c.word()?.value);
        } else if c.eat_kw("comment") {
            ix.comment = Some(c.string()?).filter(|s| !s.is_empty());
        } else if c.eat_kw("key_block_size") || c.eat_kws(&["with", "parser"]) {
            c.eat(&Token::Eq);
            c.next();
        } else if c.eat_kw("invisible") || c.eat_kw("ignored") {
            // MySQL 8 `INVISIBLE` and MariaDB `IGNORED`: kept, not used by the optimizer.
            ix.invisible = true;
        } else if c.eat_kw("visible") || c.eat_kws(&["not", "ignored"]) {
            ix.invisible = false;
        } else if c.eat_kw("algorithm") || c.eat_kw("lock") {
            c.eat(&Token::Eq);
            c.next();
        } else {
            return c.err("unexpected index option");
        }
    }
    Ok(())
}

/// The column part PostgreSQL uses in implicit index names: column names, the function name
/// of a function-call expression, `expr` for other expressions, then the INCLUDE columns; a
/// repeated one numbered (`expr`, `expr1`).
pub(super) fn name_parts(ix: &Index) -> Vec<String> {
    let mut parts: Vec<String> = ix
        .elems
        .iter()
        .map(|e| {
            if !e.is_expr {
                e.expr.clone()
            } else {
                let head: String = e.expr.chars().take_while(|ch| ch.is_alphanumeric() || *ch == '_').collect();
                if !head.is_empty() && crate::text::from(&e.expr, head.len()).starts_with('(') {
                    head
                } else {
                    "expr".to_string()
                }
            }
        })
        .collect();
    parts.extend(ix.include.iter().cloned());
    super::names::pg_index_column_names(parts)
}

/// The name PostgreSQL gives `CREATE INDEX ON t (...)`: `t_a_b_idx`, `t_lower_idx`, `t_expr_idx`.
fn pg_index_name(st: &mut State, table: &crate::model::QName, ix: &Index) -> String {
    let cols = name_parts(ix);
    let (schema, names) = (&st.schema, &mut st.names);
    names::pg_choose(&table.name, &cols, "idx", |n| names.pg_taken(schema, &table.schema, n, None))
}

/// `CREATE [UNIQUE|FULLTEXT|SPATIAL] INDEX [CONCURRENTLY] [IF NOT EXISTS] [name] ON table ...`.
pub fn create_index(st: &mut State, stmt: &Stmt, mut c: Cursor) -> PResult<Outcome> {
    let d = st.d;
    let first_line = c.line();
    c.expect_kw("create")?;
    let unique = c.eat_kw("unique");
    let kind = if c.eat_kw("fulltext") {
        Some("FULLTEXT".to_string())
    } else if c.eat_kw("spatial") {
        Some("SPATIAL".to_string())
    } else {
        None
    };
    c.expect_kw("index")?;
    c.eat_kw("concurrently");
    c.eat_kw("async");
    let if_not_exists = c.eat_kws(&["if", "not", "exists"]);
    let mut name = None;
    if !c.is_kw("on") {
        let (q, written) = c.decl_qname_spelled()?;
        super::names::declare_index(d, &q.name.to_lowercase(), &written);
        name = Some(q.name);
    }
    let mut using = None;
    if c.eat_kw("using") {
        using = method(d, &c.word()?.value);
    }
    c.expect_kw("on")?;
    let only = c.eat_kw("only");
    let table = c.qname()?;
    if c.eat_kw("using") {
        using = method(d, &c.word()?.value);
    }
    let mut ix = empty(String::new());
    ix.tablespace = st.pg_defaults.tablespace.clone();
    ix.unique = unique;
    ix.kind = kind;
    ix.method = using;
    let elems_at = c.position();
    ix.elems = read_elems(&mut c)?;
    let last_line = c.line();
    if d == Dialect::Mysql {
        read_mysql_options(&mut c, &mut ix)?;
    }
    while !c.at_end() {
        if c.eat_kw("include") {
            ix.include = c.ident_list(Kind::Local)?;
        } else if c.eat_kws(&["nulls", "not", "distinct"]) {
            ix.nulls_not_distinct = true;
        } else if c.eat_kws(&["nulls", "distinct"]) {
        } else if c.eat_kw("with") {
            let p = super::storage::params(&mut c)?;
            super::storage::set_index_params(&mut ix, p, false);
        } else if c.eat_kw("tablespace") {
            ix.tablespace = super::storage::tablespace(&mut c)?;
        } else if c.eat_kw("where") {
            let at = c.position();
            let predicate = c.rest();
            super::complete::check(predicate, at, "index predicate (WHERE)")?;
            ix.predicate = Some(expr::normalize(d, predicate));
        } else {
            return c.err("unexpected text in CREATE INDEX");
        }
    }
    if let Some(v) = st.schema.views.get_mut(&table).filter(|v| v.materialized) {
        ix.name = match name {
            Some(n) => names::pg_truncate(&n),
            None => names::pg_choose(&table.name, &name_parts(&ix), "idx", |n| v.indexes.iter().any(|i| i.name == n)),
        };
        if v.indexes.iter().any(|i| i.name == ix.name) {
            return c.err(format!("index `{}` already exists", ix.name));
        }
        v.indexes.push(ix);
        v.indexes.sort_by(|a, b| a.name.cmp(&b.name));
        return Ok(Outcome::Applied);
    }
    let Some(tbl) = st.schema.tables.get(&table) else {
        return c.err(format!("CREATE INDEX on unknown table `{table}`"));
    };
    if let Some(message) = super::key_columns::missing(tbl, &super::key_columns::of_index(&ix)) {
        return Err(super::cursor::PErr::at(elems_at, message));
    }
    // (The column list only when there is an expression to read it: a table of 1,600 columns
    // with an index on each would be quadratic.)
    let may_drop = |t: &str| super::pg_forms::may_drop_casts(t);
    if d == Dialect::Postgres && (ix.predicate.as_deref().is_some_and(may_drop) || ix.elems.iter().any(|e| e.is_expr && may_drop(&e.expr)))
    {
        let cols = super::constraint::column_types(&st.schema, tbl);
        for e in ix.elems.iter_mut().filter(|e| e.is_expr) {
            e.expr = super::pg_forms::drop_column_casts(&e.expr, &cols);
        }
        if let Some(p) = &ix.predicate {
            ix.predicate = Some(super::pg_forms::drop_column_casts(p, &cols));
        }
    }
    let name = match name {
        Some(n) if d == Dialect::Postgres => names::pg_truncate(&n),
        // MySQL compares index names case-insensitively: lower case, spelling kept apart.
        Some(n) if d == Dialect::Mysql => n.to_lowercase(),
        Some(n) => n,
        None if d == Dialect::Postgres => pg_index_name(st, &table, &ix),
        None => return c.err("an index needs a name"),
    };
    // One search of the tables for the rest: the index goes in, then the names are noted (the
    // name index and the rename hints do not read the table), then a partitioned table's
    // partitions get theirs.
    let Some(tbl) = st.schema.tables.get_mut(&table) else {
        return c.err("table vanished");
    };
    if tbl.index(&name).is_some() || tbl.constraint(&name).is_some() {
        if if_not_exists {
            return Ok(Outcome::Ignored(format!("index `{name}` already exists (IF NOT EXISTS)")));
        }
        return c.err(format!("index `{name}` already exists"));
    }
    ix.name = name.clone();
    let mut cascade = None;
    if d == Dialect::Mysql && unique && ix.kind.is_none() && ix.elems.iter().all(super::constraint::plain_key_part) {
        // In MySQL a unique index on whole columns is a unique key constraint (one on prefixes,
        // descending or on expressions stays an index, which keeps its key parts).
        let columns = ix.elems.iter().map(|e| e.expr.clone()).collect();
        tbl.constraints.push(Constraint {
            name: Some(name.clone()),
            kind: ConstraintKind::Unique { columns, nulls_not_distinct: false },
            deferrable: Deferrable::NotDeferrable,
            not_valid: false,
            index: Default::default(),
            not_enforced: false,
            on_conflict: None,
        });
        super::create_table::mysql_drop_served_fk_indexes(tbl, &mut st.mysql_implicit_fk);
    } else if d == Dialect::Mysql {
        tbl.indexes.push(ix);
        super::create_table::mysql_drop_served_fk_indexes(tbl, &mut st.mysql_implicit_fk);
    } else {
        // Only a partitioned table's partitions get the index too (`cascade_index`): only then
        // is a copy of it needed (every CREATE INDEX of a history made one).
        if d == Dialect::Postgres && tbl.options.partition_by.is_some() {
            cascade = Some(ix.clone());
        }
        tbl.indexes.push(ix);
    }
    if let Some(h) = super::renames::hint_between(d, stmt.comments, first_line, last_line) {
        record_hint(st, &table, h, &name);
    }
    // Only a name was added: the name index follows (see `name_index`).
    st.names.note(&table, &name);
    st.names.kept = true;
    if let Some(created) = cascade {
        super::partitions::cascade_index(st, &table, &created, only);
    }
    Ok(Outcome::Applied)
}

/// Record an index rename hint.
pub fn record_hint(st: &mut State, table: &crate::model::QName, hint: super::renames::Hint, to: &str) {
    st.schema.renames.push(RenameHint {
        kind: RenameKind::Index,
        table: table.clone(),
        from: hint.from,
        to: to.to_string(),
        at: Some(hint.at),
    });
}

#[cfg(test)]
mod tests {
    use crate::model::QName;
    use crate::parse::parse;
    use crate::Dialect;

    /// MySQL drops the index it made for a foreign key once a later index can serve the key;
    /// an index the user created stays.
    #[test]
    fn mysql_fk_index_goes_when_a_later_index_serves_the_key() {
        let t = QName::new("", "users");
        let sql = "CREATE TABLE roles (id INT PRIMARY KEY);\n\
                   CREATE TABLE users (id INT PRIMARY KEY, role_id INT, name INT,\n\
                   CONSTRAINT users_role_id_fk FOREIGN KEY (role_id) REFERENCES roles (id));\n";
        let names = |sql: &str| -> Vec<String> {
            let p = parse(Dialect::Mysql, sql);
            let table = p.schema.tables.values().find(|x| x.name.name == t.name).expect("users");
            let mut n: Vec<String> = table.indexes.iter().map(|i| i.name.clone()).collect();
            n.sort();
            n
        };
        assert_eq!(names(sql), ["users_role_id_fk"]);
        assert_eq!(names(&format!("{sql}CREATE INDEX users_role_name_idx ON users (role_id, name);")), ["users_role_name_idx"]);
        assert_eq!(names(&format!("{sql}ALTER TABLE users ADD INDEX by_role (role_id);")), ["by_role"]);
        // An index on other leading columns does not serve the key.
        assert_eq!(names(&format!("{sql}CREATE INDEX n ON users (name, role_id);")), ["n", "users_role_id_fk"]);
        // A user's own index on the key columns is not dropped by a later one.
        let own = "CREATE TABLE roles (id INT PRIMARY KEY);\n\
                   CREATE TABLE users (id INT PRIMARY KEY, role_id INT, name INT, KEY mine (role_id),\n\
                   FOREIGN KEY (role_id) REFERENCES roles (id));\nCREATE INDEX two ON users (role_id, name);";
        assert_eq!(names(own), ["mine", "two"]);
    }

    /// pg_dump qualifies a function call in an index key and writes no parentheses around it.
    #[test]
    fn postgres_qualified_function_call_is_an_index_expression() {
        let sql = "CREATE TABLE t (a int); CREATE INDEX i ON public.t USING btree (public.f((a)::bigint), lower((a)::text));";
        let p = parse(Dialect::Postgres, sql);
        assert!(p.diagnostics.iter().all(|x| !x.is_error()), "{:#?}", p.diagnostics);
        let elems = &p.schema.tables[&QName::new("public", "t")].indexes[0].elems;
        assert!(elems.iter().all(|e| e.is_expr), "{elems:#?}");
        assert!(elems[0].expr.starts_with("f("), "{elems:#?}");
    }

    fn methods(d: Dialect, sql: &str, table: QName) -> Vec<Option<String>> {
        let p = parse(d, sql);
        assert!(p.diagnostics.iter().all(|x| !x.is_error()), "{:#?}", p.diagnostics);
        p.schema.tables[&table].indexes.iter().map(|i| i.method.clone()).collect()
    }

    #[test]
    fn mysql_keeps_an_explicit_using_btree_and_postgres_drops_its_default() {
        let my = "CREATE TABLE t (a int, b int, c int, KEY i1 (a) USING BTREE, INDEX i2 USING btree (b), KEY i3 (c));
CREATE INDEX i4 ON t (a, b) USING HASH; CREATE INDEX i5 USING BTREE ON t (c);";
        let got = methods(Dialect::Mysql, my, QName::new("", "t"));
        let want = [Some("btree"), Some("btree"), None, Some("hash"), Some("btree")];
        assert_eq!(got, want.map(|m| m.map(String::from)));
        let pg = "CREATE TABLE t (a int, b int); CREATE INDEX i1 ON t USING btree (a); CREATE INDEX i2 ON t USING gin (b);";
        assert_eq!(methods(Dialect::Postgres, pg, QName::new("public", "t")), [None, Some("gin".to_string())]);
    }

    /// A key the model cannot hold is reported where it is, not read as something else.
    #[test]
    fn without_overlaps_is_reported_not_dropped() {
        let sql = "CREATE TABLE r (id int, valid tstzrange,\n  PRIMARY KEY (id, valid WITHOUT OVERLAPS));";
        let p = parse(Dialect::Postgres, sql);
        let e = p.diagnostics.iter().find(|x| x.is_error()).expect("an error");
        assert!(e.message.contains("WITHOUT OVERLAPS"), "{e:?}");
        assert_eq!(e.line, 2, "{e:?}");
    }
}

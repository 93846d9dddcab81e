//! MySQL/MariaDB partitioning (`PARTITION BY ...` of CREATE/ALTER TABLE, and the partition
//! actions of ALTER TABLE) read into its parts and written back as one canonical text, the
//! model's `TableOptions.partition_by`: the type and expression, `PARTITIONS n`, sub-partitioning
//! (`SUBPARTITION BY HASH|KEY ... SUBPARTITIONS n`), and each partition with its bound, options
//! (`COMMENT`, `MAX_ROWS`, `MIN_ROWS`, `TABLESPACE`, `NODEGROUP`, an engine other than the table's)
//! and sub-partitions. The table's columns are written as quoted names (`at`, `zone` are keywords
//! elsewhere), partition names as declared. `DATA DIRECTORY` / `INDEX DIRECTORY` (paths of one
//! server) are reported and left out. `ADD`/`DROP`/`COALESCE`/`REORGANIZE PARTITION` and
//! `REMOVE PARTITIONING` change the partitioning the model holds; `TRUNCATE`, `ANALYZE`, `CHECK`,
//! `OPTIMIZE`, `REBUILD`, `REPAIR`, `EXCHANGE`, `DISCARD`/`IMPORT PARTITION` touch rows or storage
//! only (reported as ignored).

use super::cursor::{Cursor, PResult, Tok};
use super::expr;
use crate::model::Table;
use crate::Dialect;
use sqlparser::tokenizer::{Token, Word};

const MY: Dialect = Dialect::Mysql;

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Partitioning {
    /// `RANGE (expr)`, `LIST COLUMNS (a, b)`, `LINEAR HASH (expr)`, `KEY (a)`, `SYSTEM_TIME ...`.
    pub head: String,
    pub count: Option<i128>,
    /// `HASH (expr)` / `KEY (a)` after `SUBPARTITION BY`.
    pub sub_head: Option<String>,
    pub sub_count: Option<i128>,
    pub parts: Vec<Part>,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Part {
    /// As declared (partition names compare case-insensitively: `same_name`).
    pub name: String,
    /// `VALUES LESS THAN (...)`, `VALUES IN (...)`, `CURRENT`/`HISTORY` (system time), or none.
    pub values: Option<String>,
    pub options: Vec<String>,
    pub subs: Vec<(String, Vec<String>)>,
}

fn same_name(a: &str, b: &str) -> bool {
    a.eq_ignore_ascii_case(b)
}

/// Read the clause after `PARTITION BY` (all of `c`'s remaining tokens) for `table`.
pub fn read(c: &mut Cursor, table: &Table) -> PResult<Partitioning> {
    super::complete::check(c.toks.get(c.pos..).unwrap_or_default(), c.position(), "PARTITION BY clause")?;
    let mut p = Partitioning { head: read_kind(c, table, false)?, ..Default::default() };
    if c.eat_kw("partitions") {
        p.count = Some(c.int()?);
    }
    if c.eat_kws(&["subpartition", "by"]) {
        p.sub_head = Some(read_kind(c, table, true)?);
        if c.eat_kw("subpartitions") {
            p.sub_count = Some(c.int()?);
        }
    }
    if c.is(&Token::LParen) {
        p.parts = read_parts(c, table)?;
    }
    if !c.at_end() {
        return c.err("unexpected text in PARTITION BY clause");
    }
    // `PARTITIONS n` beside a list of n partitions says no more (the server leaves it out).
    if p.count.is_some_and(|n| !p.parts.is_empty() && n == p.parts.len() as i128) {
        p.count = None;
    }
    if p.sub_count.is_some_and(|n| p.parts.iter().all(|x| !x.subs.is_empty() && n == x.subs.len() as i128)) && !p.parts.is_empty() {
        p.sub_count = None;
    }
    Ok(p)
}

/// `[LINEAR] HASH (expr)`, `[LINEAR] KEY [ALGORITHM = n] (cols)`, `RANGE|LIST [COLUMNS] (...)`,
/// `SYSTEM_TIME [INTERVAL ... | LIMIT n]`.
fn read_kind(c: &mut Cursor, table: &Table, sub: bool) -> PResult<String> {
    let linear = c.eat_kw("linear");
    let mut head = if linear { "LINEAR ".to_string() } else { String::new() };
    if c.eat_kw("hash") {
        head.push_str("HASH");
    } else if c.eat_kw("key") {
        head.push_str("KEY");
        if c.eat_kw("algorithm") {
            c.eat(&Token::Eq);
            // 2 is the default (the server leaves it out).
            let n = c.int()?;
            if n != 2 {
                head.push_str(&format!(" ALGORITHM = {n}"));
            }
        }
    } else if !linear && !sub && (c.is_kw("range") || c.is_kw("list")) {
        head.push_str(&c.word()?.value.to_ascii_uppercase());
        if c.eat_kw("columns") {
            head.push_str(" COLUMNS");
        }
    } else if !linear && !sub && c.eat_kw("system_time") {
        let rest = c.until(|c| c.is_kw("partitions") || c.is_kw("subpartition") || c.is(&Token::LParen));
        let text = expr::normalize(MY, rest);
        return Ok(if text.is_empty() { "SYSTEM_TIME".into() } else { format!("SYSTEM_TIME {text}") });
    } else {
        return c.err("expected the partitioning type (RANGE, LIST, HASH, KEY, SYSTEM_TIME)");
    }
    let g = c.group()?;
    Ok(format!("{head} ({})", expression(g, table)))
}

/// An expression of the table's columns: the columns quoted, so that a column named like a
/// keyword (`at`, `zone`, `old`) stays a name in the canonical text.
fn expression(toks: &[Tok], table: &Table) -> String {
    let mut out: Vec<Tok> = toks.to_vec();
    for i in 0..out.len() {
        let call = matches!(out.get(i + 1).map(|t| &t.t), Some(Token::LParen));
        if let Token::Word(w) = &out[i].t {
            if w.quote_style.is_none() && !call && table.column(&w.value.to_lowercase()).is_some() {
                let value = w.value.to_lowercase();
                out[i].t = Token::Word(Word { value, quote_style: Some('`'), keyword: w.keyword });
            }
        }
    }
    expr::normalize(MY, &out)
}

fn read_parts(c: &mut Cursor, table: &Table) -> PResult<Vec<Part>> {
    let g = c.group()?;
    let mut parts = Vec::new();
    for piece in Cursor::split_commas(g) {
        let mut pc = Cursor::new(MY, piece);
        pc.expect_kw("partition")?;
        parts.push(read_part(&mut pc, table)?);
    }
    Ok(parts)
}

/// `name [VALUES ...] [options] [(SUBPARTITION name [options], ...)]` after `PARTITION`.
fn read_part(c: &mut Cursor, table: &Table) -> PResult<Part> {
    let name = part_name(c)?;
    let mut part = Part { name, ..Default::default() };
    if c.eat_kws(&["values", "less", "than"]) {
        part.values = Some(if c.eat_kw("maxvalue") {
            "VALUES LESS THAN MAXVALUE".into()
        } else {
            format!("VALUES LESS THAN ({})", expression(c.group()?, table))
        });
    } else if c.eat_kws(&["values", "in"]) {
        part.values = Some(format!("VALUES IN ({})", expression(c.group()?, table)));
    } else if c.eat_kw("default") {
        part.values = Some("DEFAULT".into());
    } else if c.eat_kw("current") {
        part.values = Some("CURRENT".into());
    } else if c.eat_kw("history") {
        part.values = Some("HISTORY".into());
    }
    part.options = read_options(c, table)?;
    if c.is(&Token::LParen) {
        let g = c.group()?;
        for piece in Cursor::split_commas(g) {
            let mut sc = Cursor::new(MY, piece);
            sc.expect_kw("subpartition")?;
            let name = part_name(&mut sc)?;
            let options = read_options(&mut sc, table)?;
            if !sc.at_end() {
                return sc.err("unexpected text in SUBPARTITION definition");
            }
            part.subs.push((name, options));
        }
    }
    if !c.at_end() {
        return c.err("unexpected text in PARTITION definition");
    }
    Ok(part)
}

fn part_name(c: &mut Cursor) -> PResult<String> {
    let w = c.word()?;
    Ok(w.value)
}

/// Partition options in canonical form; the default engine (InnoDB or the table's) left out.
fn read_options(c: &mut Cursor, table: &Table) -> PResult<Vec<String>> {
    let mut out = Vec::new();
    while !c.at_end() && !c.is(&Token::LParen) {
        let at = c.position();
        if c.eat_kw("storage") || c.is_kw("engine") {
            c.expect_kw("engine")?;
            c.eat(&Token::Eq);
            let engine = c.word()?.value;
            let table_engine = table.options.engine.as_deref().unwrap_or("innodb");
            if !engine.eq_ignore_ascii_case(table_engine) {
                out.push(format!("ENGINE = {engine}"));
            }
        } else if c.eat_kw("comment") {
            c.eat(&Token::Eq);
            out.push(format!("COMMENT = {}", expr::literal_sql(MY, &c.string()?)));
        } else if c.is_kw("data") || c.is_kw("index") {
            let kw = c.word()?.value.to_ascii_uppercase();
            c.expect_kw("directory")?;
            c.eat(&Token::Eq);
            c.string()?;
            super::names::not_carried(at, format!("the partition's {kw} DIRECTORY (a path of one server)"));
        } else if c.is_kw("max_rows") || c.is_kw("min_rows") || c.is_kw("nodegroup") || c.is_kw("tablespace") {
            let kw = c.word()?.value.to_ascii_uppercase();
            c.eat(&Token::Eq);
            let v = match c.next().map(|t| &t.t) {
                Some(Token::Number(n, _)) => n.clone(),
                Some(Token::Word(w)) => expr::ident_sql(MY, &w.value),
                _ => return c.err(format!("expected a value for {kw}")),
            };
            out.push(format!("{kw} = {v}"));
        } else {
            return c.err("unexpected partition option");
        }
    }
    Ok(out)
}

impl Partitioning {
    /// The canonical text (the model's `partition_by`, printed after `PARTITION BY`).
    pub fn text(&self) -> String {
        let mut s = self.head.clone();
        if let Some(n) = self.count {
            s.push_str(&format!(" PARTITIONS {n}"));
        }
        if let Some(sub) = &self.sub_head {
            s.push_str(&format!(" SUBPARTITION BY {sub}"));
            if let Some(n) = self.sub_count {
                s.push_str(&format!(" SUBPARTITIONS {n}"));
            }
        }
        if !self.parts.is_empty() {
            s.push_str(&format!(" ({})", self.parts.iter().map(Part::text).collect::<Vec<_>>().join(", ")));
        }
        s
    }

    /// The partitioning a canonical text stands for.
    pub fn from_text(text: &str, table: &Table) -> PResult<Partitioning> {
        let (toks, _) = super::cursor::tokenize(MY, text, 1, 1)?;
        read(&mut Cursor::new(MY, &toks), table)
    }
}

impl Part {
    pub fn text(&self) -> String {
        let mut s = format!("PARTITION {}", quoted(&self.name));
        for x in self.values.iter().chain(&self.options) {
            s.push(' ');
            s.push_str(x);
        }
        if !self.subs.is_empty() {
            let subs: Vec<String> = self
                .subs
                .iter()
                .map(|(n, o)| std::iter::once(format!("SUBPARTITION {}", quoted(n))).chain(o.iter().cloned()).collect::<Vec<_>>().join(" "))
                .collect();
            s.push_str(&format!(" ({})", subs.join(", ")));
        }
        s
    }
}

/// How a partitioning changes with every row kept (one home for the renderer and the risk
/// rule): partitions appended at the end with the rest unchanged (no row moves), a HASH/KEY
/// partition count grown or shrunk (rows redistributed), or the whole table re-partitioned.
#[derive(Clone, Debug, PartialEq)]
pub enum Change {
    Append(Vec<Part>),
    AddCount(i128),
    Coalesce(i128),
    Whole,
}

/// The change from partitioning text `from` to `to` (both partitioned).
pub fn change(from: &str, to: &str) -> Change {
    let empty = Table::new(crate::model::QName::new("", ""));
    let (Ok(a), Ok(b)) = (Partitioning::from_text(from, &empty), Partitioning::from_text(to, &empty)) else {
        return Change::Whole;
    };
    if a.head != b.head || a.sub_head != b.sub_head || a.sub_count != b.sub_count {
        return Change::Whole;
    }
    let hashed = a.head.contains("HASH (") || a.head.starts_with("KEY (") || a.head.starts_with("LINEAR KEY (");
    match (a.parts.is_empty(), b.parts.is_empty()) {
        (true, true) if hashed => {
            let (n, m) = (a.count.unwrap_or(1), b.count.unwrap_or(1));
            match m.cmp(&n) {
                std::cmp::Ordering::Greater => Change::AddCount(m - n),
                std::cmp::Ordering::Less => Change::Coalesce(n - m),
                std::cmp::Ordering::Equal => Change::Whole,
            }
        }
        (false, false) if a.count.is_none() && b.count.is_none() && b.parts.len() > a.parts.len() && b.parts.starts_with(&a.parts) => {
            Change::Append(b.parts.get(a.parts.len()..).unwrap_or_default().to_vec())
        }
        _ => Change::Whole,
    }
}

/// The partition names of a partitioning text (empty when it lists none).
pub fn part_names(text: &str) -> Vec<String> {
    let empty = Table::new(crate::model::QName::new("", ""));
    Partitioning::from_text(text, &empty).map(|p| p.parts.into_iter().map(|x| x.name).collect()).unwrap_or_default()
}

fn quoted(name: &str) -> String {
    crate::quote::ident(MY, name)
}

/// Is the cursor at a partition action of ALTER TABLE?
pub fn at_action(c: &Cursor) -> bool {
    let verbs = [
        "add",
        "drop",
        "coalesce",
        "reorganize",
        "truncate",
        "analyze",
        "check",
        "optimize",
        "rebuild",
        "repair",
        "exchange",
        "discard",
        "import",
    ];
    (verbs.iter().any(|v| c.is_kw(v)) && c.is_kw_at(1, "partition")) || (c.is_kw("remove") && c.is_kw_at(1, "partitioning"))
}

/// Apply one partition action to `table`. `Ok(Some(words))` for an action without effect on
/// the schema (rows or storage only), to be reported as ignored.
pub fn alter(c: &mut Cursor, table: &mut Table) -> PResult<Option<String>> {
    if c.eat_kws(&["remove", "partitioning"]) {
        table.options.partition_by = None;
        return Ok(None);
    }
    let verb = c.word()?.value.to_ascii_lowercase();
    c.expect_kw("partition")?;
    if !matches!(verb.as_str(), "add" | "drop" | "coalesce" | "reorganize") {
        let what = c.until(|_| false);
        let names = what.iter().map(|t| t.t.to_string()).collect::<Vec<_>>().join(" ");
        return Ok(Some(format!("{} PARTITION {names}", verb.to_ascii_uppercase())));
    }
    let Some(text) = table.options.partition_by.clone() else {
        return c.err(format!("{} PARTITION on a table that is not partitioned", verb.to_ascii_uppercase()));
    };
    let mut p = Partitioning::from_text(&text, table)?;
    match verb.as_str() {
        "add" => {
            c.eat_kws(&["if", "not", "exists"]);
            if c.eat_kw("partitions") {
                let n = c.int()?;
                p.count = Some(p.count.unwrap_or(p.parts.len().max(1) as i128) + n);
                p.parts.clear();
            } else {
                for part in read_parts(c, table)? {
                    if p.parts.iter().any(|x| same_name(&x.name, &part.name)) {
                        return c.err(format!("partition `{}` exists already", part.name));
                    }
                    p.parts.push(part);
                }
                p.count = None;
            }
        }
        "drop" => {
            let if_exists = c.eat_kws(&["if", "exists"]);
            for name in names(c)? {
                let before = p.parts.len();
                p.parts.retain(|x| !same_name(&x.name, &name));
                if p.parts.len() == before && !if_exists {
                    return c.err(format!("unknown partition `{name}`"));
                }
            }
            if p.parts.is_empty() {
                return c.err("DROP PARTITION cannot drop every partition (REMOVE PARTITIONING does)");
            }
        }
        "coalesce" => {
            let n = c.int()?;
            let now = p.count.unwrap_or(p.parts.len().max(1) as i128);
            if n >= now {
                return c.err(format!("COALESCE PARTITION {n} leaves no partition of {now}"));
            }
            p.count = Some(now - n);
            p.parts.clear();
        }
        _ => {
            // REORGANIZE PARTITION a, b INTO (definitions); without names it rebuilds only.
            if c.at_end() || c.is(&Token::Comma) {
                return Ok(Some("REORGANIZE PARTITION".into()));
            }
            let old = names_until_into(c)?;
            c.expect_kw("into")?;
            let new = read_parts(c, table)?;
            let Some(at) = p.parts.iter().position(|x| old.first().is_some_and(|n| same_name(&x.name, n))) else {
                return c.err(format!("unknown partition `{}`", old.first().cloned().unwrap_or_default()));
            };
            for name in &old {
                if !p.parts.iter().any(|x| same_name(&x.name, name)) {
                    return c.err(format!("unknown partition `{name}`"));
                }
            }
            p.parts.retain(|x| !old.iter().any(|n| same_name(&x.name, n)));
            let at = at.min(p.parts.len());
            p.parts.splice(at..at, new);
        }
    }
    table.options.partition_by = Some(p.text());
    Ok(None)
}

/// Partition names up to the end of the action.
fn names(c: &mut Cursor) -> PResult<Vec<String>> {
    let mut out = vec![part_name(c)?];
    while c.is(&Token::Comma) && !c.is_kw_at(1, "add") && !c.is_kw_at(1, "drop") {
        c.next();
        out.push(part_name(c)?);
    }
    Ok(out)
}

fn names_until_into(c: &mut Cursor) -> PResult<Vec<String>> {
    let mut out = vec![part_name(c)?];
    while c.eat(&Token::Comma) {
        out.push(part_name(c)?);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use crate::model::QName;
    use crate::parse::parse;
    use crate::Dialect;

    fn partition_by(sql: &str, table: &str) -> Option<String> {
        let p = parse(Dialect::Mysql, sql);
        assert!(p.diagnostics.iter().all(|d| !d.is_error()), "{:#?}", p.diagnostics);
        p.schema.tables[&QName::new("", table)].options.partition_by.clone()
    }

    #[test]
    fn keyword_columns_stay_names_and_dump_spelling_matches() {
        let ddl = "CREATE TABLE v (id int NOT NULL, at date NOT NULL) PARTITION BY RANGE (YEAR(at)) SUBPARTITION BY KEY (id) \
                   (PARTITION old VALUES LESS THAN (2000) (SUBPARTITION old_a, SUBPARTITION old_b), PARTITION cur VALUES LESS THAN MAXVALUE (SUBPARTITION cur_a, SUBPARTITION cur_b))";
        let dump = "CREATE TABLE `v` (`id` int NOT NULL, `at` date NOT NULL) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 \
                    PARTITION BY RANGE (year(`at`)) SUBPARTITION BY KEY (`id`) (PARTITION `old` VALUES LESS THAN (2000) \
                    (SUBPARTITION `old_a` ENGINE = InnoDB, SUBPARTITION `old_b` ENGINE = InnoDB), PARTITION `cur` VALUES LESS THAN MAXVALUE \
                    (SUBPARTITION `cur_a` ENGINE = InnoDB, SUBPARTITION `cur_b` ENGINE = InnoDB))";
        let a = partition_by(ddl, "v");
        assert_eq!(a, partition_by(dump, "v"));
        assert_eq!(
            a.as_deref(),
            Some(
                "RANGE (year(at)) SUBPARTITION BY KEY (id) (PARTITION `old` VALUES LESS THAN (2000) (SUBPARTITION `old_a`, SUBPARTITION `old_b`), \
                 PARTITION `cur` VALUES LESS THAN MAXVALUE (SUBPARTITION `cur_a`, SUBPARTITION `cur_b`))"
            )
        );
    }

    #[test]
    fn alter_partition_actions_change_the_model() {
        let base = "CREATE TABLE l (id int NOT NULL) PARTITION BY LIST (id) (PARTITION a VALUES IN (1, 2) COMMENT 'x', PARTITION b VALUES IN (3));\n";
        let after = |alter: &str| partition_by(&format!("{base}{alter};"), "l");
        let direct = |parts: &str| partition_by(&format!("CREATE TABLE l (id int NOT NULL) PARTITION BY LIST (id) ({parts})"), "l");
        assert_eq!(
            after("ALTER TABLE l ADD PARTITION (PARTITION c VALUES IN (4))"),
            direct("PARTITION a VALUES IN (1, 2) COMMENT 'x', PARTITION b VALUES IN (3), PARTITION c VALUES IN (4)")
        );
        assert_eq!(after("ALTER TABLE l DROP PARTITION a"), direct("PARTITION b VALUES IN (3)"));
        assert_eq!(
            after("ALTER TABLE l REORGANIZE PARTITION a INTO (PARTITION a1 VALUES IN (1), PARTITION a2 VALUES IN (2))"),
            direct("PARTITION a1 VALUES IN (1), PARTITION a2 VALUES IN (2), PARTITION b VALUES IN (3)")
        );
        assert_eq!(after("ALTER TABLE l REMOVE PARTITIONING"), None);
        let h = "CREATE TABLE h (id int NOT NULL) PARTITION BY HASH (id) PARTITIONS 4;\n";
        assert_eq!(partition_by(&format!("{h}ALTER TABLE h COALESCE PARTITION 1;"), "h").as_deref(), Some("HASH (id) PARTITIONS 3"));
        assert_eq!(partition_by(&format!("{h}ALTER TABLE h ADD PARTITION PARTITIONS 2;"), "h").as_deref(), Some("HASH (id) PARTITIONS 6"));
        // Rows only: reported, the model unchanged.
        let p = parse(Dialect::Mysql, &format!("{base}ALTER TABLE l TRUNCATE PARTITION a;"));
        assert!(p.diagnostics.iter().any(|d| d.message.contains("TRUNCATE PARTITION")), "{:#?}", p.diagnostics);
        let bad = parse(Dialect::Mysql, &format!("{base}ALTER TABLE l DROP PARTITION zz;"));
        assert!(bad.diagnostics.iter().any(|d| d.is_error() && d.message.contains("unknown partition `zz`")), "{:#?}", bad.diagnostics);
    }

    #[test]
    fn data_directory_is_reported() {
        let p = parse(
            Dialect::Mysql,
            "CREATE TABLE d (id int NOT NULL) PARTITION BY HASH (id) (PARTITION p0 DATA DIRECTORY = '/x', PARTITION p1);",
        );
        assert!(p.diagnostics.iter().any(|d| d.message.contains("DATA DIRECTORY")), "{:#?}", p.diagnostics);
        assert_eq!(
            p.schema.tables[&QName::new("", "d")].options.partition_by.as_deref(),
            Some("HASH (id) (PARTITION `p0`, PARTITION `p1`)")
        );
    }
}

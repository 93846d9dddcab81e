//! `split`: what it cuts where, and `Split::edit` equal to `Split::new` (against the old
//! character scanner, `split_oracle.rs`, too).

use super::*;

fn texts(d: Dialect, s: &str) -> Vec<String> {
    split(d, s).into_iter().map(|p| p.text.trim().to_string()).collect()
}

#[test]
fn splits_on_semicolons_outside_strings_and_comments() {
    let t = texts(Dialect::Postgres, "create table a (x text default ';'); -- c;\n/* ; */ drop table b;");
    // The comment after `;` on the same line stays with its statement.
    assert_eq!(t, ["create table a (x text default ';')  -- c;", "/* ; */ drop table b"]);
}

#[test]
fn keeps_dollar_quoted_bodies_whole() {
    let t = texts(Dialect::Postgres, "create function f() returns int as $f$ select 1; $f$ language sql; select 2");
    assert_eq!(t.len(), 2);
    assert!(t[0].ends_with("language sql"));
}

#[test]
fn positions_are_one_based() {
    let p = split(Dialect::Postgres, "a;\n  b;");
    assert_eq!((p[0].line, p[0].col), (1, 1));
    assert_eq!((p[1].line, p[1].col), (1, 3));
}

#[test]
fn mysql_delimiter_and_conditional_comments() {
    let s = "/*!40101 SET x=1 */;\nDELIMITER ;;\nCREATE TRIGGER t BEFORE INSERT ON a FOR EACH ROW BEGIN SET @a=1; END ;;\nDELIMITER ;\nSELECT 1;";
    let t = texts(Dialect::Mysql, s);
    assert_eq!(t.len(), 3);
    assert_eq!(t[0], "SET x=1");
    assert!(t[1].starts_with("CREATE TRIGGER") && t[1].ends_with("END"));
    assert_eq!(t[2], "SELECT 1");
}

#[test]
fn sqlite_trigger_body_is_one_statement() {
    let t = texts(Dialect::Sqlite, "CREATE TRIGGER tr AFTER INSERT ON a BEGIN UPDATE b SET x=1; DELETE FROM c; END; CREATE TABLE z(a)");
    assert_eq!(t.len(), 2);
}

/// Fragments that move statement ends: quotes, comments, dollar quotes, MySQL delimiters and
/// conditional comments, psql meta lines, trigger bodies, multibyte characters.
const FRAGMENTS: &[&str] = &[
    "CREATE TABLE t (a int);",
    ";",
    ";;",
    " ",
    "\n",
    "\t",
    "'",
    "\"",
    "`",
    "\\",
    "'a;b'",
    "-- c;\n",
    "--",
    "# h;\n",
    "/*",
    "*/",
    "/* x; */",
    "/*!40101 SET x=1; */",
    "/*M!100101 SET y=2 */",
    "$$",
    "$f$",
    "$1",
    "a$b",
    "AS $$ SELECT 1; $$",
    "\nDELIMITER ;;\n",
    "\nDELIMITER ;\n",
    "\nDELIMITER //\n",
    "//",
    "\n\\connect db\n",
    "\\restrict k\n",
    "CREATE TRIGGER tr BEFORE INSERT ON a FOR EACH ROW BEGIN SET @a=1; END",
    "BEGIN",
    "END",
    "END IF;",
    "CASE",
    "é",
    "€;",
    "\u{a0}",
    "x",
    "ALTER TABLE b ADD c int; -- rename: d\n",
    "; /* hint */",
    "; /* open\n",
];

struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n.max(1) as u64) as usize
    }
}

fn random_text(rng: &mut Rng, len: usize) -> String {
    (0..len).map(|_| FRAGMENTS[rng.below(FRAGMENTS.len())]).collect()
}

/// One edit: a fragment typed at a character position, or a few characters deleted.
fn edited(rng: &mut Rng, text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let at = rng.below(chars.len() + 1);
    match rng.below(3) {
        0 => {
            let end = (at + 1 + rng.below(4)).min(chars.len());
            chars[..at].iter().chain(&chars[end..]).collect()
        }
        _ => {
            let f = FRAGMENTS[rng.below(FRAGMENTS.len())];
            chars[..at].iter().copied().chain(f.chars()).chain(chars[at..].iter().copied()).collect()
        }
    }
}

#[test]
fn byte_scanner_equals_the_character_scanner() {
    let mut rng = Rng(0x5917_7e11);
    for d in [Dialect::Postgres, Dialect::Mysql, Dialect::Sqlite] {
        for _ in 0..400 {
            let len = 1 + rng.below(30);
            let text = random_text(&mut rng, len);
            assert_eq!(split(d, &text), oracle::split_chars(d, &text), "{d}: {text:?}");
        }
    }
}

#[test]
fn edit_equals_a_fresh_split() {
    let mut rng = Rng(0xed17_5917);
    for d in [Dialect::Postgres, Dialect::Mysql, Dialect::Sqlite] {
        for _ in 0..150 {
            let len = 1 + rng.below(40);
            let mut text = random_text(&mut rng, len);
            let mut kept = Split::new(d, &text);
            for _ in 0..12 {
                text = edited(&mut rng, &text);
                let previous = kept.clone();
                let (next, same) = kept.edit(d, &text);
                kept = next;
                let fresh = Split::new(d, &text);
                assert_eq!(kept.pieces, fresh.pieces, "{d}: {text:?}");
                assert!(same <= fresh.pieces.len() && previous.pieces[..same] == fresh.pieces[..same], "{d}: kept pieces of {text:?}");
                let at = |s: &Split| {
                    s.boundaries.iter().map(|b| (b.at, b.line, b.col, b.delim.clone(), b.at_line_start, b.pieces)).collect::<Vec<_>>()
                };
                assert_eq!(at(&kept), at(&fresh), "{d}: boundaries of {text:?}");
            }
        }
    }
}

/// An edit in a long text re-scans only near the edit, and reuses the rest.
#[test]
fn edit_resumes_and_resyncs() {
    let text: String = (0..200).map(|i| format!("CREATE TABLE t{i} (a int);\n")).collect();
    let kept = Split::new(Dialect::Postgres, &text);
    let edited = text.replacen("t100 (a int)", "t100 (ab int)", 1);
    let (s, same) = kept.edit(Dialect::Postgres, &edited);
    assert_eq!(same, 100);
    assert_eq!(s.pieces, split(Dialect::Postgres, &edited));
    assert_eq!(s.pieces[100].text.trim(), "CREATE TABLE t100 (ab int)");
}

#[test]
fn common_prefix_and_suffix_by_blocks() {
    let mut rng = Rng(0xb10c);
    for _ in 0..300 {
        let len = rng.below(10_000);
        let a: Vec<u8> = (0..len).map(|_| b"ab"[rng.below(2)]).collect();
        let mut b = a.clone();
        if !b.is_empty() && rng.below(4) != 0 {
            let at = rng.below(b.len());
            b[at] = b'c';
        }
        b.truncate(b.len() - rng.below(b.len().min(3) + 1));
        let slow_prefix = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
        let slow_suffix = a.iter().rev().zip(b.iter().rev()).take_while(|(x, y)| x == y).count();
        assert_eq!(crate::text::common_prefix(&a, &b), slow_prefix);
        assert_eq!(crate::text::common_suffix(&a, &b), slow_suffix);
    }
}

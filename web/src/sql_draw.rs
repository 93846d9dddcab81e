//! A block of SQL output drawn as highlighted pieces into its `<code>` element, replacing only
//! the pieces that changed since the last drawing (`sql_panel.rs`). A keystroke changes one
//! name in the Up SQL: rebuilding its thousand spans through the view's diff set and removed
//! every span's class again (~30 ms a keystroke at 1,000 tables); now a few nodes are replaced.
//! Pieces are text nodes, in styled spans or not: the SQL is never markup.

use crate::highlight;
use schemashift::Dialect;
use wasm_bindgen::JsCast;

/// One node of a drawn block.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Piece {
    /// Plain text.
    Text(String),
    /// Text in a span of a highlighting class (`highlight::Class::css`).
    Styled(String, &'static str),
    /// The marked statement (`<mark class="ss-mark">`) and its pieces.
    Mark(Vec<Piece>),
}

/// `text` as pieces, highlighted in `dialect` (plain without one), the bytes `mark` (within
/// `text`) in a mark.
pub fn pieces(dialect: Option<Dialect>, text: &str, mark: Option<(usize, usize)>) -> Vec<Piece> {
    let (head, marked, tail) = split_marked(text, mark);
    let mut out = styled(dialect, head);
    if let Some(marked) = marked {
        out.push(Piece::Mark(styled(dialect, marked)));
        out.extend(styled(dialect, tail));
    }
    out
}

/// `text` cut around `range` (clamped to char boundaries): before, marked, after.
pub fn split_marked(text: &str, range: Option<(usize, usize)>) -> (&str, Option<&str>, &str) {
    match range {
        Some((a, b)) if a <= b && text.is_char_boundary(a) && text.get(a..b).is_some() => (&text[..a], Some(&text[a..b]), &text[b..]),
        _ => (text, None, ""),
    }
}

fn styled(dialect: Option<Dialect>, text: &str) -> Vec<Piece> {
    let Some(dialect) = dialect else {
        return if text.is_empty() { Vec::new() } else { vec![Piece::Text(text.to_string())] };
    };
    highlight::segments(dialect, text)
        .into_iter()
        .filter(|seg| !seg.range.is_empty())
        .map(|seg| {
            let piece = text[seg.range].to_string();
            match seg.class {
                Some(class) => Piece::Styled(piece, class.css()),
                None => Piece::Text(piece),
            }
        })
        .collect()
}

/// How many pieces `old` and `new` share at their start and, after that, at their end.
pub fn shared_ends(old: &[Piece], new: &[Piece]) -> (usize, usize) {
    let head = old.iter().zip(new).take_while(|(a, b)| a == b).count();
    let tail = old[head..].iter().rev().zip(new[head..].iter().rev()).take_while(|(a, b)| a == b).count();
    (head, tail)
}

/// What a `<code>` element holds: the element and the pieces drawn into it.
#[derive(Default)]
pub struct Drawn {
    element: Option<web_sys::Element>,
    pieces: Vec<Piece>,
}

impl Drawn {
    /// Make `code` hold `pieces` (`mark_id`: the id of a mark), replacing only the pieces between
    /// those it already holds at its start and end; all of them when it is another element or
    /// its children are not the ones drawn.
    pub fn draw(&mut self, code: &web_sys::Element, pieces: Vec<Piece>, mark_id: &str) {
        let Some(doc) = web_sys::window().and_then(|w| w.document()) else { return };
        let same = self.element.as_ref() == Some(code) && code.child_nodes().length() as usize == self.pieces.len();
        if !same {
            self.pieces.clear();
            code.set_text_content(None);
        }
        let (head, tail) = shared_ends(&self.pieces, &pieces);
        let children = code.child_nodes();
        for _ in head..self.pieces.len() - tail {
            if let Some(node) = children.item(head as u32) {
                let _ = code.remove_child(&node);
            }
        }
        let fragment = doc.create_document_fragment();
        for piece in &pieces[head..pieces.len() - tail] {
            if let Some(node) = node_of(&doc, piece, mark_id) {
                let _ = fragment.append_child(&node);
            }
        }
        let _ = code.insert_before(&fragment, children.item(head as u32).as_ref());
        self.element = Some(code.clone());
        self.pieces = pieces;
    }
}

fn node_of(doc: &web_sys::Document, piece: &Piece, mark_id: &str) -> Option<web_sys::Node> {
    Some(match piece {
        Piece::Text(text) => doc.create_text_node(text).unchecked_into(),
        Piece::Styled(text, class) => {
            let span = doc.create_element("span").ok()?;
            span.set_class_name(class);
            span.set_text_content(Some(text));
            span.unchecked_into()
        }
        Piece::Mark(inner) => {
            let mark = doc.create_element("mark").ok()?;
            mark.set_class_name("ss-mark");
            if !mark_id.is_empty() {
                mark.set_id(mark_id);
            }
            for p in inner {
                if let Some(node) = node_of(doc, p, mark_id) {
                    let _ = mark.append_child(&node);
                }
            }
            mark.unchecked_into()
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text_of(pieces: &[Piece]) -> String {
        pieces
            .iter()
            .map(|p| match p {
                Piece::Text(t) | Piece::Styled(t, _) => t.clone(),
                Piece::Mark(inner) => text_of(inner),
            })
            .collect()
    }

    #[test]
    fn pieces_hold_the_text_and_the_mark() {
        let sql = "ALTER TABLE \"t\" ADD COLUMN \"a\" int;\nALTER TABLE \"u\" ADD COLUMN \"b\" int;\n";
        let plain = pieces(Some(Dialect::Postgres), sql, None);
        assert_eq!(text_of(&plain), sql);
        assert!(plain.contains(&Piece::Styled("ALTER".into(), "ss-hl-kw")), "{plain:?}");
        let second = sql.find("ALTER TABLE \"u\"").unwrap();
        let marked = pieces(Some(Dialect::Postgres), sql, Some((second, sql.len() - 1)));
        assert_eq!(text_of(&marked), sql);
        let Some(Piece::Mark(inner)) = marked.iter().find(|p| matches!(p, Piece::Mark(_))) else { panic!("{marked:?}") };
        assert_eq!(text_of(inner), sql[second..sql.len() - 1]);
        assert_eq!(pieces(None, "x", None), vec![Piece::Text("x".into())]);
        assert_eq!(pieces(None, "", None), vec![]);
    }

    #[test]
    fn an_edit_shares_the_pieces_around_it() {
        let old = pieces(Some(Dialect::Postgres), "ALTER TABLE \"t\" ADD COLUMN \"added\" int;\nCOMMIT;\n", None);
        let new = pieces(Some(Dialect::Postgres), "ALTER TABLE \"t\" ADD COLUMN \"addedx\" int;\nCOMMIT;\n", None);
        let (head, tail) = shared_ends(&old, &new);
        assert_eq!((old.len() - head - tail, new.len() - head - tail), (1, 1));
        assert_eq!(new[head], Piece::Styled("\"addedx\"".into(), "ss-hl-qid"));
        // Shared ends never overlap.
        let same = shared_ends(&old, &old);
        assert_eq!(same, (old.len(), 0));
        let grown: Vec<Piece> = old.iter().chain(&old).cloned().collect();
        let (head, tail) = shared_ends(&old, &grown);
        assert!(head + tail <= old.len() && head + tail <= grown.len());
    }

    #[test]
    fn marks_are_cut_at_character_boundaries() {
        assert_eq!(split_marked("abcdef", Some((2, 4))), ("ab", Some("cd"), "ef"));
        assert_eq!(split_marked("abc", None), ("abc", None, ""));
        assert_eq!(split_marked("é", Some((1, 2))).1, None);
        assert_eq!(split_marked("abc", Some((2, 9))).1, None);
    }
}

//! Tokens of statements already seen, for re-parsing an edited input (`crate::Session`): a
//! statement whose text did not change is not tokenized again.
//!
//! Tokenizing is a pure function of the statement's text and the dialect; the position only
//! shifts the result. So the cache keeps each statement's tokens with the place they were last
//! handed out for, and moves the positions, in place, to where the statement now starts, by the
//! same rule as `cursor::tokenize` (the first line's columns move by the start column, later
//! lines keep theirs): the tokens, comments and errors are the ones a fresh tokenize would give.
//! They are lent, not copied (most statements keep their place between two parses: nothing to
//! move then). Entries not used by the last parse are dropped, so the cache holds one input's
//! statements.

use super::cursor::{tokenize, Comment, PErr, PResult, Tok};
use crate::Dialect;
use std::collections::hash_map::{self, HashMap};
use std::hash::{BuildHasher, BuildHasherDefault, Hasher};

type Tokens = PResult<(Vec<Tok>, Vec<Comment>)>;

/// Statement texts are hashed whole on every parse (a megabyte per keystroke in the
/// playground): a word-at-a-time multiplicative hash (FxHash's) instead of SipHash, which
/// guards against chosen collisions that a cache of the user's own text does not need. (The
/// name index's maps use it too: `TextHash`.)
#[derive(Default)]
pub(super) struct TextHasher(u64);

/// Hash maps keyed by the user's own text: `TextHasher`.
pub(super) type TextHash = BuildHasherDefault<TextHasher>;

impl Hasher for TextHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut w = [0u8; 8];
            w.copy_from_slice(c);
            self.add(u64::from_le_bytes(w));
        }
        for &b in chunks.remainder() {
            self.add(u64::from(b));
        }
    }

    fn write_u8(&mut self, b: u8) {
        self.add(u64::from(b));
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

impl TextHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

/// A statement's tokens placed at (line, column), with the parse that last used them.
#[derive(Debug)]
struct Entry {
    text: String,
    /// `text`'s `TextHasher` hash (its key in `index`).
    hash: u64,
    tokens: Tokens,
    line: usize,
    col: usize,
    seen: u64,
}

/// Statement text → its tokens at the place last asked for, for one dialect.
///
/// The entries are kept in the order their statements were first seen (an input's order), and
/// a parse asks for the statements in that order: the slot after the one last handed out is
/// tried first (one text comparison: no hashing, no look-up in a map scattered over the
/// heap), then the map from the text's hash to its slot. Entries are not moved between maps,
/// nor the map rehashed, per parse.
#[derive(Debug, Default)]
pub struct TokenCache {
    dialect: Option<Dialect>,
    /// The parse under way (`begin` counts them).
    parse: u64,
    /// The entries by first sight; `None` where one was dropped (until `keep` compacts them).
    slots: Vec<Option<Entry>>,
    /// Slots that are `None`.
    dead: usize,
    /// The slot tried first by the next `tokenize`.
    next: usize,
    /// By the `TextHasher` hash of the text: its slot.
    index: HashMap<u64, usize, TextHash>,
    /// Texts whose hash another text in `slots` has (rare).
    collided: HashMap<String, Entry, TextHash>,
}

impl TokenCache {
    /// Start a parse of `dialect`: entries of another dialect are forgotten.
    pub(crate) fn begin(&mut self, dialect: Dialect) {
        if self.dialect != Some(dialect) {
            self.slots.clear();
            self.dead = 0;
            self.index.clear();
            self.collided.clear();
            self.dialect = Some(dialect);
        }
        self.parse += 1;
        self.next = 0;
    }

    /// End a parse: keep only the statements it used.
    pub(crate) fn end(&mut self) {
        let parse = self.parse;
        self.keep(|e| e.seen == parse);
    }

    /// End a parse that read only some of the input's statements (`Incremental` resumed from a
    /// checkpoint): keep every entry.
    pub(crate) fn settle(&mut self) {}

    /// Keep only the entries of `texts` (the input's statements), once the cache holds many more.
    pub(crate) fn prune<'a>(&mut self, texts: impl Iterator<Item = &'a str> + Clone) {
        if self.slots.len() - self.dead + self.collided.len() <= 2 * texts.clone().count() + 64 {
            return;
        }
        let keep: std::collections::HashSet<&str, TextHash> = texts.collect();
        self.keep(|e| keep.contains(e.text.as_str()));
    }

    /// Drop the entries `keep` refuses; the slots are compacted once half of them are empty.
    fn keep(&mut self, keep: impl Fn(&Entry) -> bool) {
        for slot in &mut self.slots {
            if slot.as_ref().is_some_and(|e| !keep(e)) {
                if let Some(e) = slot.take() {
                    self.index.remove(&e.hash);
                    self.dead += 1;
                }
            }
        }
        self.collided.retain(|_, e| keep(e));
        if self.dead > self.slots.len() / 2 {
            self.slots.retain(Option::is_some);
            self.dead = 0;
            self.index.clear();
            for (i, e) in self.slots.iter().enumerate() {
                if let Some(e) = e {
                    self.index.insert(e.hash, i);
                }
            }
        }
    }

    /// The tokens of `text` starting at (`line`, `col`), as `cursor::tokenize` gives them.
    pub(crate) fn tokenize(&mut self, dialect: Dialect, text: &str, line: usize, col: usize) -> &Tokens {
        let fresh = |hash| Entry { text: text.to_string(), hash, tokens: tokenize(dialect, text, line, col), line, col, seen: 0 };
        // The statement after the last one handed out, as in the last parse (any slot holding
        // the same text has its tokens: they depend on the text alone, placed below).
        let predicted = self.slots.get(self.next).and_then(Option::as_ref).is_some_and(|e| e.text == text);
        let at = if predicted {
            self.next
        } else {
            let hash = TextHash::default().hash_one(text);
            match self.index.entry(hash) {
                hash_map::Entry::Occupied(o) if self.slots.get(*o.get()).and_then(Option::as_ref).is_some_and(|e| e.text == text) => {
                    *o.get()
                }
                hash_map::Entry::Occupied(_) => {
                    if !self.collided.contains_key(text) {
                        self.collided.insert(text.to_string(), fresh(hash));
                    }
                    let Some(e) = self.collided.get_mut(text) else { return &NOT_CACHED };
                    return settle(e, self.parse, line, col);
                }
                hash_map::Entry::Vacant(v) => {
                    v.insert(self.slots.len());
                    self.slots.push(Some(fresh(hash)));
                    self.slots.len() - 1
                }
            }
        };
        self.next = at + 1;
        match self.slots.get_mut(at).and_then(Option::as_mut) {
            Some(e) => settle(e, self.parse, line, col),
            None => &NOT_CACHED,
        }
    }
}

/// Mark `entry` used by `parse` and move its tokens to (`line`, `col`).
fn settle(entry: &mut Entry, parse: u64, line: usize, col: usize) -> &Tokens {
    entry.seen = parse;
    if (entry.line, entry.col) != (line, col) {
        place(&mut entry.tokens, (entry.line, entry.col), (line, col));
        (entry.line, entry.col) = (line, col);
    }
    &entry.tokens
}

/// What `tokenize` would give for a statement missing from the cache just after inserting it
/// (never): an error, not a silently empty statement.
static NOT_CACHED: Tokens = Err(PErr { line: 1, col: 1, message: String::new() });

/// Move positions computed for a statement starting at `from` to one starting at `to`.
fn place(tokens: &mut Tokens, from: (usize, usize), to: (usize, usize)) {
    // Back to (1, 1), then to `to`: the first line's columns move, later lines keep theirs.
    let at = |l: &mut usize, c: &mut usize| {
        if *l == from.0 {
            *c = *c + to.1 - from.1;
        }
        *l = *l + to.0 - from.0;
    };
    match tokens {
        Ok((toks, comments)) => {
            for t in toks {
                at(&mut t.line, &mut t.col);
            }
            for c in comments {
                at(&mut c.line, &mut c.col);
            }
        }
        Err(e) => at(&mut e.line, &mut e.col),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Cached and shifted tokens equal a fresh tokenize at the same place, errors included.
    #[test]
    fn shifted_tokens_equal_fresh_ones() {
        let texts = [
            "CREATE TABLE t (a int, -- note\n  b text /* x */)",
            "CREATE TABLE \"unterminated (a int)",
            "SELECT U&\"d\\0061t\\+000061\" FROM t",
            "SELECT U&\"a!\" UESCAPE '+'",
            "",
        ];
        let mut cache = TokenCache::default();
        cache.begin(Dialect::Postgres);
        for (line, col) in [(1, 1), (1, 7), (5, 1), (12, 30)] {
            for text in texts {
                assert_eq!(
                    cache.tokenize(Dialect::Postgres, text, line, col),
                    &tokenize(Dialect::Postgres, text, line, col),
                    "{text:?} at {line}:{col}"
                );
            }
        }
        cache.end();
        assert_eq!(cache.index.len() + cache.collided.len(), texts.len());
        cache.begin(Dialect::Postgres);
        cache.end();
        assert!(cache.index.is_empty() && cache.slots.is_empty(), "entries a parse did not use are dropped");
    }

    /// A text whose hash another text holds goes to `collided`, with the same tokens.
    #[test]
    fn colliding_texts_keep_their_own_tokens() {
        let (a, b) = ("CREATE TABLE a (x int)", "CREATE TABLE b (y text)");
        let mut cache = TokenCache::default();
        cache.begin(Dialect::Postgres);
        let tokens = tokenize(Dialect::Postgres, a, 1, 1);
        let hash = TextHash::default().hash_one(b);
        cache.index.insert(hash, 0);
        cache.slots.push(Some(Entry { text: a.to_string(), hash, tokens, line: 1, col: 1, seen: 0 }));
        for (line, col) in [(1, 1), (3, 5)] {
            assert_eq!(cache.tokenize(Dialect::Postgres, b, line, col), &tokenize(Dialect::Postgres, b, line, col));
        }
        assert_eq!(cache.collided.len(), 1);
        cache.end();
        cache.begin(Dialect::Postgres);
        assert_eq!(cache.tokenize(Dialect::Postgres, b, 2, 1), &tokenize(Dialect::Postgres, b, 2, 1));
        cache.end();
        // The stand-in left with the first parse: `b` took its own slot, its collided copy went.
        assert!(cache.index.len() == 1 && cache.collided.is_empty(), "only what the parse used stays");
    }
}

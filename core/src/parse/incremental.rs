//! Parsing an input again after an edit (`crate::Session`), with `parse_for`'s result.
//!
//! Reading is a fold over the statements in order (each one's effect may depend on all before
//! it), so the work that can be skipped is the prefix before the edit:
//! - the split resumes at the first change (`split::Split::edit`) and tells how many leading
//!   statements are unchanged, text and place;
//! - a checkpoint holds the parse state before one statement (the one last edited): when the
//!   statements before it are unchanged, the fold resumes there from a copy of it instead of
//!   from the first statement;
//! - statements already seen are not tokenized again (`token_cache`).
//!
//! `idle` (between calls, off the keystroke's path) moves the checkpoint to the statement the
//! last call found edited (consecutive keystrokes hit the same statement) unless it is a few
//! statements before it already, and makes the copy the next call resumes from.

use super::split::{Piece, Split};
use super::token_cache::TokenCache;
use super::{statement, Parsed, State};
use crate::Target;

/// What an input's last parse leaves for the next one.
#[derive(Default)]
pub struct Incremental {
    target: Option<Target>,
    split: Split,
    tokens: TokenCache,
    checkpoint: Option<Checkpoint>,
    /// The first statement the last call found changed, where `idle` puts the checkpoint.
    edited: usize,
}

/// The parse state before statement `at` of the last text, and a copy of it to resume from.
struct Checkpoint {
    at: usize,
    state: State,
    spare: Option<State>,
}

impl std::fmt::Debug for Incremental {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Incremental")
            .field("target", &self.target)
            .field("statements", &self.split.pieces.len())
            .field("checkpoint", &self.checkpoint.as_ref().map(|c| c.at))
            .finish()
    }
}

/// How many statements before the last edit the checkpoint may stay.
const NEAR: usize = 4;

impl Incremental {
    /// `parse_for(target, text)`, reusing what the previous call left.
    pub fn parse(&mut self, target: Target, text: &str) -> Parsed {
        if self.target != Some(target) {
            *self = Incremental { target: Some(target), ..Incremental::default() };
        }
        let (split, same) = std::mem::take(&mut self.split).edit_gated(target.dialect, super::version_comments::Gate::of(&target), text);
        crate::stages::mark("split");
        // A checkpoint past the first change no longer holds (neither now nor for a later text).
        if self.checkpoint.as_ref().is_some_and(|c| c.at > same) {
            self.checkpoint = None;
        }
        let (mut st, from) = match self.checkpoint.as_mut() {
            Some(c) => (c.spare.take().unwrap_or_else(|| c.state.snapshot()), c.at),
            None => (State::new(target), 0),
        };
        read(&mut self.tokens, &mut st, target, split.pieces.iter().skip(from), from == 0);
        crate::stages::mark("statements");
        self.edited = same.min(split.pieces.len());
        self.split = split;
        st.complete(text).0
    }

    /// Prepare the next `parse` (see the module's notes); results never depend on it.
    pub fn idle(&mut self) {
        let Some(target) = self.target else { return };
        let at = self.edited;
        match &mut self.checkpoint {
            // Close enough: re-reading a few statements more costs less than moving it (and
            // edits that go back and forth between near statements keep it).
            Some(c) if c.at <= at && at - c.at <= NEAR => {}
            checkpoint => {
                // From the checkpoint when it is before `at` (its statements are unchanged up
                // to `at`), else from the start.
                let (mut st, from) = match checkpoint.take() {
                    Some(c) if c.at < at => (c.spare.unwrap_or(c.state), c.at),
                    _ => (State::new(target), 0),
                };
                read(&mut self.tokens, &mut st, target, self.split.pieces.iter().take(at).skip(from), false);
                *checkpoint = Some(Checkpoint { at, state: st, spare: None });
            }
        }
        if let Some(c) = &mut self.checkpoint {
            if c.spare.is_none() {
                c.spare = Some(c.state.snapshot());
            }
        }
        self.tokens.prune(self.split.pieces.iter().map(|p| p.text.as_str()));
    }
}

/// Run `pieces` on `st` with the statements' tokens lent from `tokens`, and take them back:
/// `whole` when the pieces are the whole input (the cache then keeps only its statements),
/// else the cache settles what it was lent.
fn read<'a>(tokens: &mut TokenCache, st: &mut State, target: Target, pieces: impl Iterator<Item = &'a Piece>, whole: bool) {
    tokens.begin(target.dialect);
    st.tokens = Some(std::mem::take(tokens));
    for piece in pieces {
        statement::run(st, piece);
    }
    if let Some(mut lent) = st.tokens.take() {
        if whole {
            lent.end();
        } else {
            lent.settle();
        }
        *tokens = lent;
    }
}

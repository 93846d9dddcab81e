//! MySQL/MariaDB scheduled events (`CREATE EVENT`): a statement the server runs on a schedule.

use super::QName;
use serde::Serialize;

/// A scheduled event. Every part is kept in canonical text, so two spellings of the same
/// event compare equal; the definer is not part of the schema (it is whoever runs the script).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Event {
    pub name: QName,
    /// `AT <timestamp>` or `EVERY <value> <UNIT> [STARTS <timestamp>] [ENDS <timestamp>]`.
    pub schedule: String,
    /// `ON COMPLETION PRESERVE` (the default is `NOT PRESERVE`: a finished event is dropped).
    pub preserve: bool,
    /// `ENABLE` (the default), `DISABLE` or `DISABLE ON SLAVE`.
    pub status: String,
    pub comment: Option<String>,
    /// The statement after `DO` (a single statement or a `BEGIN ... END` block).
    pub body: String,
}

impl Event {
    /// The schedule without its `STARTS` clause, and the `STARTS` time (canonical text,
    /// `EVERY 1 DAY STARTS '...' ENDS '...'`).
    pub fn without_starts(&self) -> (String, Option<String>) {
        let Some((head, rest)) = self.schedule.split_once(" STARTS ") else { return (self.schedule.clone(), None) };
        match rest.split_once(" ENDS ") {
            Some((starts, ends)) => (format!("{head} ENDS {ends}"), Some(starts.to_string())),
            None => (head.to_string(), Some(rest.to_string())),
        }
    }

    /// `EVERY ... ENDS <timestamp>`: the schedule has an end.
    pub fn ends(&self) -> bool {
        self.schedule.contains(" ENDS ")
    }

    /// The clauses after the name, as both `CREATE EVENT` and `ALTER EVENT` take them:
    /// `ON SCHEDULE ... ON COMPLETION [NOT] PRESERVE ENABLE [COMMENT '...'] DO ...`. The
    /// comment is always written when `with_empty_comment`, so an ALTER clears an old one.
    pub fn clauses(&self, literal: impl Fn(&str) -> String, with_empty_comment: bool) -> String {
        let mut s =
            format!("ON SCHEDULE {} ON COMPLETION {}PRESERVE {}", self.schedule, if self.preserve { "" } else { "NOT " }, self.status);
        match (&self.comment, with_empty_comment) {
            (Some(c), _) => s.push_str(&format!(" COMMENT {}", literal(c))),
            (None, true) => s.push_str(&format!(" COMMENT {}", literal(""))),
            (None, false) => {}
        }
        s.push_str(&format!(" DO {}", self.body));
        s
    }
}

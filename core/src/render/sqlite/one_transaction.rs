//! A SQLite script whose table rebuilds (and drops of referenced tables) each turned foreign
//! keys off around a transaction of their own ran as several transactions: the views and
//! triggers over a rebuilt table were dropped by one committed before the rebuild, and made
//! again by one after it. A rebuild that stopped on the rows (a new CHECK, NOT NULL or key the
//! rows break) then left the database without them, and the script could not be run again.
//!
//! When nothing in the script writes rows (an `INSERT`, `UPDATE`, `DELETE` or a data step,
//! whose foreign key checks must stay on), the whole script is one transaction instead:
//! foreign keys off before it, each step's `PRAGMA foreign_key_check` inside it, on again
//! after it. A step that stops rolls the whole migration back.

use crate::diff::Change;
use crate::plan::Step;

const OFF: [&str; 2] = ["PRAGMA foreign_keys=OFF", "BEGIN"];
const ON: [&str; 2] = ["COMMIT", "PRAGMA foreign_keys=ON"];
/// What the script says before and after its one transaction.
pub(crate) const HEAD: &str = "PRAGMA foreign_keys=OFF;\n";
pub(crate) const TAIL: &str = "PRAGMA foreign_keys=ON;\n";

/// The steps as parts of one transaction (each step's own foreign-key framing taken off), or
/// `None` when the script must keep its blocks: no step turns foreign keys off, a step runs
/// outside a transaction for another reason, or a step writes rows.
pub(crate) fn steps(steps: &[Step]) -> Option<Vec<Step>> {
    if !steps.iter().any(|s| !s.transactional) || steps.iter().any(|s| !s.transactional && !framed(s)) || steps.iter().any(writes_rows) {
        return None;
    }
    Some(
        steps
            .iter()
            .map(|s| {
                let mut s = s.clone();
                if !s.transactional {
                    let n = s.statements.len();
                    s.statements = s.statements[2..n - 2].to_vec();
                    s.transactional = true;
                }
                s
            })
            .collect(),
    )
}

/// A step that turns foreign keys off around its own transaction.
fn framed(s: &Step) -> bool {
    let n = s.statements.len();
    n >= 4 && s.statements[..2] == OFF && s.statements[n - 2..] == ON
}

/// A step outside that framing whose statements write rows, which SQLite checks against
/// foreign keys only while they are on.
fn writes_rows(step: &Step) -> bool {
    if framed(step) {
        return false;
    }
    matches!(step.change, Change::DataStep { .. })
        || step.statements.iter().any(|s| {
            let first = s.split_whitespace().next().unwrap_or("").to_ascii_uppercase();
            matches!(first.as_str(), "INSERT" | "UPDATE" | "DELETE" | "REPLACE" | "WITH")
        })
}

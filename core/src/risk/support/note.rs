//! Building a `Risk` note fluently.

use crate::model::QName;
use crate::risk::{Risk, RiskContext, RiskSeverity};

impl Risk {
    pub fn new(rule: &str, severity: RiskSeverity, message: impl Into<String>) -> Risk {
        Risk {
            rule: rule.to_string(),
            severity,
            message: message.into(),
            lock: None,
            rewrites: false,
            scans: false,
            data_loss: false,
            breaks_app: false,
            safe_alternative: Vec::new(),
        }
    }

    pub fn lock(mut self, lock: impl Into<String>) -> Risk {
        self.lock = Some(lock.into());
        self
    }

    pub fn rewrites(mut self) -> Risk {
        self.rewrites = true;
        self
    }

    pub fn scans(mut self) -> Risk {
        self.scans = true;
        self
    }

    pub fn data_loss(mut self) -> Risk {
        self.data_loss = true;
        self
    }

    pub fn breaks_app(mut self) -> Risk {
        self.breaks_app = true;
        self
    }

    pub fn alternative(mut self, statements: Vec<String>) -> Risk {
        self.safe_alternative = statements;
        self
    }

    /// Scale the severity with the table's row count (the cost grows with the table) and say in
    /// the message what size was used or assumed.
    pub fn sized(mut self, ctx: &RiskContext<'_>, table: &QName) -> Risk {
        let rows = super::size::rows(ctx, table);
        self.severity = super::size::scale(self.severity, rows);
        self.message.push(' ');
        self.message.push_str(&super::size::describe(rows));
        self
    }
}

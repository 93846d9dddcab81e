//! Rule `pg-row-security-change`: row level security and policies change who sees what.

use super::prelude::*;

pub const RULE: Rule = Rule {
    id: "pg-row-security-change",
    dialect: Some(Dialect::Postgres),
    title: "Row level security or policy changes alter what queries return",
    doc: DOC,
    check,
};

rule_doc!(
    r#"## What it does
Flags enabling, disabling or forcing row level security, and policies created or dropped on
existing tables.

## Why is this bad?
These are authorization changes: enabling RLS without a matching policy makes queries of
non-owner roles return no rows (and writes fail); disabling it or adding a permissive policy can
expose rows. Errors show up as empty results, not failures.

## Example
```sql
ALTER TABLE "documents" ENABLE ROW LEVEL SECURITY;
```

## Use instead
Create the policies before enabling RLS, test with the application's role
(`SET ROLE app; SELECT ...`), and apply revokes after the code that no longer needs access.
"#
);

fn check(step: &Step, ctx: &RiskContext<'_>) -> Vec<Risk> {
    let (table, what, severity) = match &step.change {
        Change::SetRowSecurity { table, enabled, forced } => {
            let s = match (enabled, forced) {
                (true, true) => "row level security is enabled and forced (even the owner is filtered)",
                (true, false) => "row level security is enabled: roles without a matching policy see no rows",
                (false, _) => "row level security is disabled: every role with table privileges sees all rows",
            };
            (table, s.to_string(), RiskSeverity::High)
        }
        Change::CreatePolicy { table, policy } => (
            table,
            format!(
                "policy {} is added ({} {})",
                policy.name,
                if policy.permissive { "permissive" } else { "restrictive" },
                policy.command
            ),
            RiskSeverity::Medium,
        ),
        Change::DropPolicy { table, policy } => (table, format!("policy {} is removed", policy.name), RiskSeverity::Medium),
        _ => return vec![],
    };
    let Some(old) = existing_table(ctx, table) else {
        return vec![];
    };
    let is_policy = matches!(step.change, Change::CreatePolicy { .. } | Change::DropPolicy { .. });
    let rls_on = old.rls_enabled || new_table(ctx, table).is_some_and(|t| t.rls_enabled);
    if is_policy && !rls_on {
        return vec![Risk::new(
            RULE.id,
            RiskSeverity::Info,
            format!("On {table}, {what}; row level security is not enabled on the table, so the policy has no effect yet."),
        )
        .lock(ACCESS_EXCLUSIVE)];
    }
    vec![Risk::new(RULE.id, severity, format!("On {table}, {what}; check the application's role still sees exactly the rows it should."))
        .lock(ACCESS_EXCLUSIVE)
        .breaks_app()]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::risk::rules::testkit::*;

    #[test]
    fn fires_on_existing_tables() {
        let t = pg(15);
        let ch = Change::SetRowSecurity { table: qn(t, "d"), enabled: true, forced: false };
        assert_eq!(Fixture::new(t).with_table(table(qn(t, "d"), vec![])).one(&RULE, ch.clone(), &[]).severity, RiskSeverity::High);
        assert!(Fixture::new(t).run(&RULE, ch, &[]).is_empty());
    }

    #[test]
    fn policy_without_rls_is_info() {
        let t = pg(15);
        let policy = crate::model::Policy {
            name: "p".into(),
            permissive: true,
            command: "ALL".into(),
            roles: vec![],
            using: Some("true".into()),
            with_check: None,
        };
        let ch = Change::CreatePolicy { table: qn(t, "d"), policy };
        let f = Fixture::new(t).with_table(table(qn(t, "d"), vec![]));
        assert_eq!(f.one(&RULE, ch.clone(), &[]).severity, RiskSeverity::Info);
        let mut on = table(qn(t, "d"), vec![]);
        on.rls_enabled = true;
        assert_eq!(Fixture::new(t).with_table(on).one(&RULE, ch, &[]).severity, RiskSeverity::Medium);
    }
}

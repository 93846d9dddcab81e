//! MySQL/MariaDB scheduled events: `CREATE EVENT`, `ALTER EVENT` (applied to the model, so a
//! migration history works) and the clauses both share. `DROP EVENT` is in `drop.rs`.

use super::cursor::{Cursor, PResult, Tok};
use super::{expr, verbatim, Outcome, State, Stmt};
use crate::model::Event;
use sqlparser::tokenizer::Token;

/// `CREATE [OR REPLACE] [DEFINER = user] EVENT [IF NOT EXISTS] name ON SCHEDULE ... DO ...`.
pub fn create_event(st: &mut State, stmt: &Stmt, mut c: Cursor) -> PResult<Outcome> {
    c.expect_kw("create")?;
    let or_replace = c.eat_kws(&["or", "replace"]);
    super::mysql_routine::definer_once(st, stmt);
    skip_definer(&mut c);
    c.expect_kw("event")?;
    let if_not_exists = c.eat_kws(&["if", "not", "exists"]);
    let name = c.qname()?;
    if st.schema.events.contains_key(&name) && !or_replace {
        if if_not_exists {
            return Ok(Outcome::Ignored(format!("event `{name}` already exists (IF NOT EXISTS)")));
        }
        return c.err(format!("event `{name}` already exists"));
    }
    let mut ev =
        Event { name: name.clone(), schedule: String::new(), preserve: false, status: "ENABLE".into(), comment: None, body: String::new() };
    read_clauses(stmt, &mut c, &mut ev, false)?;
    if ev.schedule.is_empty() {
        return c.err("CREATE EVENT without ON SCHEDULE");
    }
    if ev.body.is_empty() {
        return c.err("CREATE EVENT without DO");
    }
    st.schema.events.insert(name, ev);
    Ok(Outcome::Applied)
}

/// `ALTER [DEFINER = user] EVENT name [ON SCHEDULE ...] [ON COMPLETION ...] [RENAME TO n]
/// [ENABLE|DISABLE] [COMMENT '...'] [DO ...]`: the clauses given replace the event's.
pub fn alter_event(st: &mut State, stmt: &Stmt, mut c: Cursor) -> PResult<Outcome> {
    c.expect_kw("alter")?;
    super::mysql_routine::definer_once(st, stmt);
    skip_definer(&mut c);
    c.expect_kw("event")?;
    let name = c.qname()?;
    let Some(mut ev) = st.schema.events.get(&name).cloned() else {
        return c.err(format!("ALTER EVENT of unknown event `{name}`"));
    };
    let renamed = read_clauses(stmt, &mut c, &mut ev, true)?;
    if renamed && st.schema.events.contains_key(&ev.name) {
        return c.err(format!("event `{}` already exists", ev.name));
    }
    st.schema.events.remove(&name);
    st.schema.events.insert(ev.name.clone(), ev);
    Ok(Outcome::Applied)
}

/// Whether the statement at `c` (after CREATE/ALTER) names an event: `[DEFINER = ...] EVENT`
/// and not PostgreSQL's `EVENT TRIGGER`.
pub fn is_event(c: &Cursor) -> bool {
    let mut probe = Cursor::new(c.dialect, c.toks);
    probe.pos = c.pos;
    probe.eat_kws(&["or", "replace"]);
    skip_definer(&mut probe);
    probe.is_kw("event") && !probe.is_kw_at(1, "trigger")
}

/// `DEFINER = user[@host]` (any spelling of the account: quoted, `CURRENT_USER`, `CURRENT_USER()`).
fn skip_definer(c: &mut Cursor) {
    if c.eat_kw("definer") {
        while !c.at_end() && !c.is_kw("event") {
            c.next();
        }
    }
}

/// A clause of CREATE/ALTER EVENT starts here.
fn clause_start(c: &Cursor) -> bool {
    (c.is_kw("on") && (c.is_kw_at(1, "schedule") || c.is_kw_at(1, "completion")))
        || ["enable", "disable", "comment", "do"].iter().any(|k| c.is_kw(k))
        || (c.is_kw("rename") && c.is_kw_at(1, "to"))
}

/// Read the clauses into `ev`; returns whether `RENAME TO` (only with `alter`) renamed it.
fn read_clauses(stmt: &Stmt, c: &mut Cursor, ev: &mut Event, alter: bool) -> PResult<bool> {
    let mut renamed = false;
    while !c.at_end() {
        if c.eat_kws(&["on", "schedule"]) {
            ev.schedule = schedule(c)?;
        } else if c.eat_kws(&["on", "completion"]) {
            ev.preserve = !c.eat_kw("not");
            c.expect_kw("preserve")?;
        } else if c.eat_kw("enable") {
            ev.status = "ENABLE".into();
        } else if c.eat_kw("disable") {
            ev.status =
                if c.eat_kws(&["on", "slave"]) || c.eat_kws(&["on", "replica"]) { "DISABLE ON SLAVE".into() } else { "DISABLE".into() };
        } else if c.eat_kw("comment") {
            ev.comment = Some(c.string()?).filter(|s| !s.is_empty());
        } else if alter && c.eat_kws(&["rename", "to"]) {
            ev.name = c.qname()?;
            renamed = true;
        } else if c.eat_kw("do") {
            // The body as written: MariaDB stores it so.
            let at = c.pos;
            if c.rest().is_empty() {
                return c.err("expected a statement after DO");
            }
            ev.body = verbatim::from_token(stmt, at);
        } else {
            return c.err("unexpected text in EVENT");
        }
    }
    Ok(renamed)
}

/// `AT ts [+ INTERVAL ...]` or `EVERY value unit [STARTS ts] [ENDS ts]`, in canonical text.
fn schedule(c: &mut Cursor) -> PResult<String> {
    let d = c.dialect;
    if c.eat_kw("at") {
        let ts = c.until(clause_start);
        if ts.is_empty() {
            return c.err("expected a timestamp after AT");
        }
        return Ok(format!("AT {}", expr::normalize(d, ts)));
    }
    c.expect_kw("every")?;
    let every = c.until(|c| clause_start(c) || c.is_kw("starts") || c.is_kw("ends"));
    let Some((unit, value)) = every.split_last() else {
        return c.err("expected an interval after EVERY");
    };
    let unit = match &unit.t {
        Token::Word(w) if w.quote_style.is_none() && !value.is_empty() => w.value.to_ascii_uppercase(),
        _ => return c.err("expected an interval unit (DAY, HOUR, ...) after EVERY"),
    };
    let mut s = format!("EVERY {} {unit}", expr::normalize_bound(d, value));
    for kw in ["starts", "ends"] {
        if c.eat_kw(kw) {
            let ts: &[Tok] = c.until(|c| clause_start(c) || c.is_kw("starts") || c.is_kw("ends"));
            if ts.is_empty() {
                return c.err(format!("expected a timestamp after {}", kw.to_ascii_uppercase()));
            }
            s.push_str(&format!(" {} {}", kw.to_ascii_uppercase(), expr::normalize(d, ts)));
        }
    }
    Ok(s)
}

#[cfg(test)]
mod tests {
    use crate::model::QName;
    use crate::parse::parse;
    use crate::Dialect;

    fn events(sql: &str) -> Vec<crate::model::Event> {
        let p = parse(Dialect::Mysql, sql);
        assert!(p.diagnostics.iter().all(|x| !x.is_error()), "{:#?}", p.diagnostics);
        p.schema.events.into_values().collect()
    }

    #[test]
    fn create_event_reads_every_clause_with_defaults_spelled_out_or_not() {
        let a = events("CREATE DEFINER='root'@'%' EVENT `cleanup` ON SCHEDULE EVERY 1 DAY COMMENT 'purge' DO DELETE FROM r WHERE t < NOW() - INTERVAL 30 DAY;");
        let b = events("CREATE EVENT cleanup ON SCHEDULE EVERY '1' day ON COMPLETION NOT PRESERVE ENABLE COMMENT 'purge' DO DELETE FROM r WHERE t < NOW() - INTERVAL 30 DAY");
        assert_eq!(a, b);
        // The body is kept as written (MariaDB stores it so): another spelling is another body.
        let c = events("CREATE EVENT cleanup ON SCHEDULE EVERY 1 DAY COMMENT 'purge' DO delete from `r` where t < now() - interval 30 day");
        assert_eq!(c[0].body, "delete from `r` where t < now() - interval 30 day");
        let e = &a[0];
        assert_eq!(e.name, QName::new("", "cleanup"));
        assert_eq!(e.schedule, "EVERY 1 DAY");
        assert!(!e.preserve);
        assert_eq!(e.status, "ENABLE");
        assert_eq!(e.comment.as_deref(), Some("purge"));
        assert!(e.body.starts_with("DELETE FROM r WHERE"), "{}", e.body);
    }

    #[test]
    fn schedules_at_and_every_with_bounds_and_compound_bodies() {
        let e = events("CREATE EVENT x ON SCHEDULE AT '2035-01-01 00:00:00' + INTERVAL 1 HOUR ON COMPLETION PRESERVE DISABLE DO BEGIN DELETE FROM a; DELETE FROM b; END;");
        assert_eq!(e[0].schedule, "AT '2035-01-01 00:00:00' + INTERVAL 1 hour");
        assert!(e[0].preserve);
        assert_eq!(e[0].status, "DISABLE");
        assert!(e[0].body.starts_with("begin") || e[0].body.starts_with("BEGIN"), "{}", e[0].body);
        let e = events("CREATE EVENT y ON SCHEDULE EVERY '1 4' DAY_HOUR STARTS '2030-01-01' ENDS '2031-01-01' DO SELECT 1");
        assert_eq!(e[0].schedule, "EVERY '1 4' DAY_HOUR STARTS '2030-01-01' ENDS '2031-01-01'");
    }

    #[test]
    fn alter_and_drop_event_apply_to_the_model() {
        let e = events(
            "CREATE EVENT x ON SCHEDULE EVERY 1 DAY DO DELETE FROM a;
ALTER EVENT x ON SCHEDULE EVERY 2 HOUR ON COMPLETION PRESERVE COMMENT 'c' RENAME TO y DO DELETE FROM b;",
        );
        assert_eq!(e.len(), 1);
        assert_eq!((e[0].name.name.as_str(), e[0].schedule.as_str(), e[0].preserve), ("y", "EVERY 2 HOUR", true));
        assert_eq!(e[0].comment.as_deref(), Some("c"));
        assert!(events("CREATE EVENT x ON SCHEDULE EVERY 1 DAY DO SELECT 1; DROP EVENT IF EXISTS x;").is_empty());
    }

    #[test]
    fn postgres_event_triggers_are_not_events() {
        let p = parse(Dialect::Postgres, "CREATE EVENT TRIGGER t ON ddl_command_start EXECUTE FUNCTION f();");
        assert!(p.schema.events.is_empty());
        assert!(p.diagnostics.iter().all(|x| !x.is_error()), "{:#?}", p.diagnostics);
    }
}

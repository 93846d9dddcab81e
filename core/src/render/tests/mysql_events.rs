//! MySQL / MariaDB scheduled events: created, altered in place with every clause restated, and
//! dropped; compound bodies get a client `DELIMITER`.

use super::*;

const MY: Dialect = Dialect::Mysql;

fn event(name: &str, schedule: &str, body: &str) -> Event {
    Event { name: qn(MY, name), schedule: schedule.into(), preserve: false, status: "ENABLE".into(), comment: None, body: body.into() }
}

fn with_events(events: Vec<Event>) -> Schema {
    let mut s = schema(MY, vec![]);
    for e in events {
        s.events.insert(e.name.clone(), e);
    }
    s
}

#[test]
fn events_are_created_and_dropped() {
    let mut e = event("daily cleanup", "EVERY 1 DAY", "DELETE FROM old_records");
    e.comment = Some("it's old".into());
    let (up, down) = scripts(&schema(MY, vec![]), &with_events(vec![e]), default_target(MY));
    assert!(up.contains(
        "CREATE EVENT `daily cleanup` ON SCHEDULE EVERY 1 DAY ON COMPLETION NOT PRESERVE ENABLE COMMENT 'it''s old' DO DELETE FROM old_records;"
    ), "{up}");
    assert!(down.contains("DROP EVENT IF EXISTS `daily cleanup`;"), "{down}");
}

#[test]
fn a_changed_event_is_altered_with_every_clause_both_ways() {
    let before = event("cleanup", "EVERY 1 DAY", "DELETE FROM r");
    let mut after = event("cleanup", "EVERY 2 HOUR", "BEGIN DELETE FROM r; DELETE FROM s; END");
    after.preserve = true;
    after.comment = Some("purge".into());
    let (up, down) = scripts(&with_events(vec![before]), &with_events(vec![after]), default_target(MY));
    assert!(up.contains(
        "DELIMITER $$\nALTER EVENT `cleanup` ON SCHEDULE EVERY 2 HOUR ON COMPLETION PRESERVE ENABLE COMMENT 'purge' DO BEGIN DELETE FROM r; DELETE FROM s; END$$\nDELIMITER ;"
    ), "{up}");
    // Down clears the comment explicitly: ALTER EVENT keeps clauses it is not given.
    assert!(
        down.contains("ALTER EVENT `cleanup` ON SCHEDULE EVERY 1 DAY ON COMPLETION NOT PRESERVE ENABLE COMMENT '' DO DELETE FROM r;"),
        "{down}"
    );
    assert!(!up.contains("DROP EVENT") && !down.contains("DROP EVENT"), "{up}\n{down}");
}

#[test]
fn equal_events_give_no_change() {
    let s = with_events(vec![event("e", "AT '2035-01-01 00:00:00'", "SELECT 1")]);
    let (up, down) = steps(&s, &s.clone(), default_target(MY));
    assert!(up.is_empty() && down.is_empty());
}

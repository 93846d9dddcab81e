//! The online schema-change tool lines against the tools' documented requirements.

use crate::model::{ConstraintKind, Trigger};
use crate::risk::rules::testkit::*;
use crate::risk::support::mysql::online_tool;

const ALTER: &str = "ALTER TABLE `orders` MODIFY `total` bigint";

#[test]
fn a_table_without_a_usable_key_gets_no_tool() {
    let t = mysql(8, 0);
    let f = Fixture::new(t).with_table(table(qn(t, "orders"), vec![col("id", "int"), col("total", "int")]));
    let lines = online_tool(&f.ctx(), &qn(t, "orders"), ALTER);
    assert_eq!(lines.len(), 1);
    assert!(lines[0].starts_with("-- no online schema-change tool"), "{lines:?}");
    // A UNIQUE index over NOT NULL columns is enough; over a nullable column it is not.
    let mut u = table(qn(t, "orders"), vec![not_null(col("id", "int")), col("total", "int")]);
    u.indexes.push(index("orders_id", &["id"], true));
    let f = Fixture::new(t).with_table(u.clone());
    assert!(online_tool(&f.ctx(), &qn(t, "orders"), ALTER)[1].contains("gh-ost --database"));
    u.columns[0].nullable = true;
    let f = Fixture::new(t).with_table(u);
    assert!(online_tool(&f.ctx(), &qn(t, "orders"), ALTER)[0].starts_with("-- no online"));
}

#[test]
fn triggers_and_foreign_keys_shape_the_commands() {
    let t = mysql(8, 0);
    let orders = keyed(table(qn(t, "orders"), vec![col("id", "int"), col("total", "int")]), "id");
    let mut items = keyed(table(qn(t, "items"), vec![col("id", "int"), col("order_id", "int")]), "id");
    items.constraints.push(constraint(
        "items_order_fk",
        ConstraintKind::ForeignKey {
            columns: vec!["order_id".into()],
            ref_table: qn(t, "orders"),
            ref_columns: vec!["id".into()],
            on_delete: Default::default(),
            on_update: Default::default(),
            match_type: Default::default(),
        },
    ));
    let f = Fixture::new(t).with_table(orders.clone()).with_table(items);
    let lines = online_tool(&f.ctx(), &qn(t, "orders"), ALTER);
    assert!(lines[0].contains("--alter-foreign-keys-method=auto"), "{lines:?}");
    assert_eq!(lines[1], "-- not gh-ost: it does not support foreign keys on the table");
    let mut f = Fixture::new(t).with_table(orders);
    let trigger = Trigger { name: "orders_ai".into(), table: qn(t, "orders"), definition: String::new(), function: None, comment: None };
    f.before.triggers.insert((qn(t, "orders"), "orders_ai".into()), trigger);
    let lines = online_tool(&f.ctx(), &qn(t, "orders"), ALTER);
    assert!(lines[0].contains("--preserve-triggers") && !lines[0].contains("foreign-keys"), "{lines:?}");
    assert_eq!(lines[1], "-- not gh-ost: it does not support triggers on the table");
}

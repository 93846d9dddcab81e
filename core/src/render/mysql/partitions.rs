//! A MySQL/MariaDB partitioning change, with every row kept: partitions appended at the end
//! with the rest unchanged are `ADD PARTITION (...)` (no row moves), a HASH/KEY partition count
//! grown or shrunk is `ADD PARTITION PARTITIONS n` / `COALESCE PARTITION n` (rows redistributed);
//! anything else re-partitions the whole table (`PARTITION BY ...`: rows move to their new
//! partitions, a row no partition accepts stops the statement) or removes the partitioning.
//! Never `DROP PARTITION`, which deletes the partition's rows.

use super::super::RenderContext;
use crate::model::{QName, Table};
use crate::parse::mysql_partitions::Partitioning;

pub(super) fn change(table: &QName, from: Option<&str>, to: Option<&str>, ctx: &RenderContext<'_>) -> String {
    let t = ctx.q(table);
    let Some(to) = to else {
        return format!("ALTER TABLE {t} REMOVE PARTITIONING");
    };
    let whole = format!("ALTER TABLE {t} PARTITION BY {to}");
    let Some(from) = from else { return whole };
    let empty = Table::new(table.clone());
    let (Ok(a), Ok(b)) = (Partitioning::from_text(from, &empty), Partitioning::from_text(to, &empty)) else {
        return whole;
    };
    if a.head != b.head || a.sub_head != b.sub_head || a.sub_count != b.sub_count {
        return whole;
    }
    let hashed = a.head.contains("HASH (") || a.head.contains("KEY (");
    match (a.parts.is_empty(), b.parts.is_empty()) {
        (true, true) if hashed => {
            let (n, m) = (a.count.unwrap_or(1), b.count.unwrap_or(1));
            if m > n {
                format!("ALTER TABLE {t} ADD PARTITION PARTITIONS {}", m - n)
            } else if m < n {
                format!("ALTER TABLE {t} COALESCE PARTITION {}", n - m)
            } else {
                whole
            }
        }
        (false, false) if a.count.is_none() && b.count.is_none() && b.parts.len() > a.parts.len() && b.parts.starts_with(&a.parts) => {
            let added: Vec<String> = b.parts.iter().skip(a.parts.len()).map(|p| p.text()).collect();
            format!("ALTER TABLE {t} ADD PARTITION ({})", added.join(", "))
        }
        _ => whole,
    }
}

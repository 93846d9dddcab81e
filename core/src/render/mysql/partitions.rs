//! A MySQL/MariaDB partitioning change, with every row kept (`parse::mysql_partitions::change`
//! decides which): partitions appended at the end are `ADD PARTITION (...)` (no row moves), a
//! HASH/KEY partition count grown or shrunk is `ADD PARTITION PARTITIONS n` / `COALESCE PARTITION
//! n`, anything else re-partitions the whole table (`PARTITION BY ...`: rows move to their new
//! partitions, a row no partition accepts stops the statement) or removes the partitioning.
//! Never `DROP PARTITION`, which deletes the partition's rows.

use super::super::RenderContext;
use crate::model::QName;
use crate::parse::mysql_partitions::{change as plan, Change, Part};

pub(super) fn change(table: &QName, from: Option<&str>, to: Option<&str>, ctx: &RenderContext<'_>) -> String {
    let t = ctx.q(table);
    let Some(to) = to else {
        return format!("ALTER TABLE {t} REMOVE PARTITIONING");
    };
    match from.map(|from| plan(from, to)) {
        Some(Change::Append(parts)) => {
            format!("ALTER TABLE {t} ADD PARTITION ({})", parts.iter().map(Part::text).collect::<Vec<_>>().join(", "))
        }
        Some(Change::AddCount(n)) => format!("ALTER TABLE {t} ADD PARTITION PARTITIONS {n}"),
        Some(Change::Coalesce(n)) => format!("ALTER TABLE {t} COALESCE PARTITION {n}"),
        Some(Change::Whole) | None => format!("ALTER TABLE {t} PARTITION BY {to}"),
    }
}

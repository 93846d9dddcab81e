// Row snapshots for the "Verify" action: the seeded rows of every table (from an engine's
// tableRows(): [[tableKey, [rowObject...]]]) compared after up (the columns a table keeps) and
// after down (every column: down must give the rows back).
//
//   rowCount(snapshot) → number of rows
//   compareRows(want, got, { wantName, gotName, keptOnly, converted }) → '' when they agree, else the text

/** How many rows a snapshot holds. */
export function rowCount(snapshot) {
  return snapshot.reduce((n, [, rows]) => n + rows.length, 0);
}

/** A value in a form that survives a type change that keeps it (1 and '1', 1.50 and 1.5). */
function canon(v) {
  if (v === null || v === undefined) return '\u2400';
  if (v instanceof Uint8Array) return `x'${Array.from(v, (b) => b.toString(16).padStart(2, '0')).join('')}'`;
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

/** A row projected on `columns`, as one comparable string. */
function rowKey(row, columns) {
  return JSON.stringify(columns.map((c) => canon(row[c])));
}

/** A row as a user reads it: {"id": 1, "is_admin": true}. */
function show(row, columns) {
  return `{${columns.map((c) => `${JSON.stringify(c)}: ${row[c] === undefined ? 'null' : JSON.stringify(row[c])}`).join(', ')}}`;
}

const MAX_SHOWN = 5;

/**
 * Compare the rows of `want` (the seeded rows) with `got`. Only tables that held rows in `want`
 * count. `keptOnly` (after up): a table that no longer exists, and columns that no longer
 * exist, are not compared (they were dropped or renamed on purpose); a kept table must keep
 * its rows and the values of its kept columns. Otherwise (after down) every table and column
 * of `want` must be back with the same values. `converted` (table key → set of column names):
 * columns whose values the migration changes on purpose (a history's `USING` conversion), not
 * compared after up.
 */
export function compareRows(want, got, { wantName = 'seeded', gotName = 'now', keptOnly = false, converted = new Map() } = {}) {
  const have = new Map(got);
  const problems = [];
  for (const [table, rows] of want) {
    if (!rows.length) continue;
    const now = have.get(table);
    if (!now) {
      if (!keptOnly) problems.push(`${table}: the table is gone, with its ${rows.length} ${wantName} row(s)`);
      continue;
    }
    const wantCols = Object.keys(rows[0]);
    const gotCols = now.length ? Object.keys(now[0]) : wantCols;
    const changed = converted.get(table) ?? new Set();
    const columns = keptOnly ? wantCols.filter((c) => gotCols.includes(c) && !changed.has(c)) : wantCols;
    const lost = wantCols.filter((c) => !gotCols.includes(c));
    if (!keptOnly && lost.length && now.length) {
      problems.push(`${table}: column(s) ${lost.join(', ')} missing ${gotName}`);
    }
    if (!columns.length) continue;
    const count = new Map();
    for (const r of now) {
      const k = rowKey(r, columns);
      count.set(k, (count.get(k) ?? 0) + 1);
    }
    const missing = [];
    for (const r of rows) {
      const k = rowKey(r, columns);
      const n = count.get(k) ?? 0;
      if (n > 0) count.set(k, n - 1);
      else missing.push(r);
    }
    const extra = now.filter((r) => {
      const k = rowKey(r, columns);
      const n = count.get(k) ?? 0;
      if (n > 0) {
        count.set(k, n - 1);
        return true;
      }
      return false;
    });
    if (!missing.length && !extra.length) continue;
    const lines = [`${table}: ${rows.length} ${wantName} row(s), ${now.length} ${gotName}; ${missing.length} ${wantName} row(s) not found ${gotName}:`];
    for (const r of missing.slice(0, MAX_SHOWN)) lines.push(`  ${wantName}: ${show(r, columns)}`);
    for (const r of extra.slice(0, MAX_SHOWN)) lines.push(`  ${gotName}: ${show(r, columns)}`);
    if (missing.length > MAX_SHOWN || extra.length > MAX_SHOWN) lines.push('  …');
    problems.push(lines.join('\n'));
  }
  return problems.join('\n');
}

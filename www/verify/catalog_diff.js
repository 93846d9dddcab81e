// Compare two catalog snapshots (Map key → description, from postgres.js or sqlite.js) and
// describe the difference as text a user reads: '' when they are equal.
export function diffCatalogs(got, want, gotName, wantName) {
  const lines = [];
  for (const [key, value] of want) {
    if (!got.has(key)) lines.push(`missing ${key}: ${value}`);
    else if (got.get(key) !== value) lines.push(`differs ${key}:\n  ${gotName}: ${got.get(key)}\n  ${wantName}: ${value}`);
  }
  for (const [key, value] of got) {
    if (!want.has(key)) lines.push(`extra ${key}: ${value}`);
  }
  if (!lines.length) return '';
  lines.sort();
  return `The catalog ${gotName} is not the catalog of ${wantName} (${lines.length} difference${lines.length === 1 ? '' : 's'}):\n${lines.join('\n')}`;
}

/** A snapshot from rows of [key, description]; a repeated key keeps every description. */
export function snapshot(rows) {
  const map = new Map();
  for (const [key, value] of rows) {
    map.set(key, map.has(key) ? `${map.get(key)} | ${value}` : value);
  }
  return new Map([...map.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** An engine error with the statement that raised it: "line 3: ERROR text\n  in: ALTER ...". */
export class StatementError extends Error {
  constructor(cause, sql, line) {
    const head = sql.length > 160 ? `${sql.slice(0, 160)}…` : sql;
    const detail = cause?.detail ? `\n${cause.detail}` : '';
    super(`line ${line}: ${cause?.message ?? String(cause)}${detail}\n  in: ${head}`);
    this.name = 'StatementError';
  }
}
